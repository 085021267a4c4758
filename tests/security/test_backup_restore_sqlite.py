"""scripts/backup and scripts/restore on SQLite: a demo council backed up and restored into
a new file is the same database, table by table and row by row.

The PostgreSQL half is tests/postgres/test_backup_restore.py (`make test-crash`). Both
run the scripts as a council's administrator would, in a separate process, against a
database on disk (never the test suite's own).
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run(command: list[str], sqlite_path: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    env.update(SQLITE_PATH=str(sqlite_path), DJANGO_SETTINGS_MODULE="config.settings.base")
    return subprocess.run(
        command, cwd=REPO, env=env, capture_output=True, text=True, check=False, timeout=300
    )


def must(command: list[str], sqlite_path: Path) -> str:
    result = run(command, sqlite_path)
    assert result.returncode == 0, f"{command} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def fingerprint(path: Path) -> dict[str, tuple[int, str]]:
    """Every table, index and trigger's definition, and each table's row count and a hash
    of its rows in primary-key order."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found: dict[str, tuple[int, str]] = {}
        schema = connection.execute(
            "SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY type, name"
        ).fetchall()
        for kind, name, sql in schema:
            found[f"{kind} {name} definition"] = (0, hashlib.sha256(sql.encode()).hexdigest())
            if kind != "table":
                continue
            columns = connection.execute(f'PRAGMA table_info("{name}")').fetchall()
            key = [column[1] for column in sorted(columns, key=lambda c: c[5]) if column[5]]
            order = ", ".join(f'"{column}"' for column in key) or "rowid"
            digest = hashlib.sha256()
            count = 0
            for row in connection.execute(f'SELECT * FROM "{name}" ORDER BY {order}'):
                digest.update(repr(row).encode())
                count += 1
            found[name] = (count, digest.hexdigest())
        return found
    finally:
        connection.close()


@pytest.fixture
def demo_council(tmp_path: Path) -> Path:
    """A migrated SQLite file holding a small demo council."""
    path = tmp_path / "council.sqlite3"
    must([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], path)
    must([sys.executable, "manage.py", "seed_demo", "--families", "3"], path)
    return path


@pytest.fixture
def small_database(tmp_path: Path) -> Path:
    """A database of a few rows, for what does not need a whole council."""
    path = tmp_path / "small.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE visits (id INTEGER PRIMARY KEY, note TEXT)")
    connection.executemany(
        "INSERT INTO visits (note) VALUES (?)", [("Home visit: Mum and Kian",), ("School",)]
    )
    connection.commit()
    connection.close()
    return path


def test_backup_then_restore_gives_the_same_database(demo_council: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backups" / "council.sqlite3"
    out = must(["scripts/backup", str(backup)], demo_council)
    assert f"backed up to {backup}" in out
    assert backup.stat().st_mode & 0o077 == 0, "a backup is readable by its owner only"

    restored = tmp_path / "restored.sqlite3"
    out = must(["scripts/restore", str(backup)], restored)
    assert "restored into SQLite database" in out

    before, after = fingerprint(demo_council), fingerprint(restored)
    assert before == after
    tables = {name for name in before if " " not in name}
    assert len(tables) >= 20
    # Three families, three long-closed cases, three opened at the front door (re-referrals).
    assert before["cases_case"][0] == 3 + 3 + 3
    assert before["audit_auditevent"][0] > 100
    assert before["mapping_mapversion"][0] > 0

    # The restored copy is a working SafetyMap database: no migration is missing.
    must([sys.executable, "manage.py", "migrate", "--check", "--no-input"], restored)


def test_restore_never_overwrites_data_unless_asked(small_database: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite3"
    must(["scripts/backup", str(backup)], small_database)
    target = tmp_path / "live.sqlite3"
    connection = sqlite3.connect(target)
    connection.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    connection.execute("INSERT INTO notes (text) VALUES ('written after the backup')")
    connection.commit()
    connection.close()

    refused = run(["scripts/restore", str(backup)], target)
    assert refused.returncode == 1
    assert "already has tables" in refused.stderr
    assert fingerprint(target)["notes"][0] == 1

    replaced = run(["scripts/restore", "--replace", str(backup)], target)
    assert replaced.returncode == 0, replaced.stderr
    kept = list(tmp_path.glob("live.sqlite3.before-restore-*"))
    assert len(kept) == 1, "the database it replaced is kept"
    assert fingerprint(kept[0])["notes"][0] == 1
    assert fingerprint(target) == fingerprint(small_database)


def test_backup_refuses_what_it_cannot_do(small_database: Path, tmp_path: Path) -> None:
    backup = tmp_path / "backup.sqlite3"
    must(["scripts/backup", str(backup)], small_database)
    again = run(["scripts/backup", str(backup)], small_database)
    assert again.returncode == 1 and "already exists" in again.stderr

    missing = run(["scripts/backup", str(tmp_path / "x.sqlite3")], tmp_path / "none.sqlite3")
    assert missing.returncode == 1 and "no database" in missing.stderr
    assert not (tmp_path / "x.sqlite3").exists()

    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("not a database")
    wrong = run(["scripts/restore", str(not_a_backup)], tmp_path / "new.sqlite3")
    assert wrong.returncode == 1 and "not an SQLite backup" in wrong.stderr
    assert not (tmp_path / "new.sqlite3").exists()
