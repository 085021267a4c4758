"""scripts/backup and scripts/restore on PostgreSQL: a demo council dumped with pg_dump and
restored with pg_restore into a new database is the same database — every table's rows,
every sequence's position, every trigger and function (the audit trail's append-only
triggers among them).

The SQLite half is tests/security/test_backup_restore_sqlite.py.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from psycopg import sql

from tests.postgres.conftest import REPO, Databases, app_env, connect, manage

pytestmark = pytest.mark.postgres_only


def script(name: str, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(REPO / "scripts" / name), *args],
        cwd=REPO,
        env=app_env(database_url),
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def fingerprint(url: str) -> dict[str, Any]:
    """Row count and an md5 of the rows in primary-key order, for every table; the
    position of every sequence; the definitions of triggers, functions and indexes."""
    found: dict[str, Any] = {}
    with connect(url) as connection:
        tables = connection.execute(
            """
            SELECT c.oid, c.relname,
                   coalesce((SELECT array_agg(a.attname::text ORDER BY k.ord)
                             FROM pg_index i
                             CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)
                             JOIN pg_attribute a ON a.attrelid = i.indrelid
                                                AND a.attnum = k.attnum
                             WHERE i.indrelid = c.oid AND i.indisprimary), '{}')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """
        ).fetchall()
        for _oid, table, key in tables:
            order = (
                sql.SQL(", ").join(sql.Identifier(column) for column in key)
                if key
                else sql.SQL("t::text")
            )
            query = sql.SQL(
                "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY {order}), ''))"
                " FROM {table} AS t"
            ).format(order=order, table=sql.Identifier(table))
            found[table] = tuple(connection.execute(query).fetchone() or ())
        for (sequence,) in connection.execute(
            "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
        ).fetchall():
            position = connection.execute(
                sql.SQL("SELECT last_value, is_called FROM {}").format(sql.Identifier(sequence))
            ).fetchone()
            found[f"sequence {sequence}"] = tuple(position or ())
        found["triggers"] = connection.execute(
            "SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger "
            "WHERE NOT tgisinternal ORDER BY 1, 2"
        ).fetchall()
        found["functions"] = connection.execute(
            "SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' "
            "ORDER BY 1, 2"
        ).fetchall()
        found["indexes"] = connection.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1"
        ).fetchall()
    return found


def test_backup_then_restore_into_a_new_database(databases: Databases, tmp_path: Path) -> None:
    council = databases.create("council")
    manage(council, "migrate", "--no-input", "-v", "0")
    manage(council, "seed_demo", "--families", "3")

    backup = tmp_path / "council.dump"
    made = script("backup", council, str(backup))
    assert made.returncode == 0, made.stderr
    assert backup.read_bytes().startswith(b"PGDMP")
    assert backup.stat().st_mode & 0o077 == 0, "a backup is readable by its owner only"

    restored = databases.url("restored")
    refused = script("restore", restored, str(backup))
    assert refused.returncode == 1 and "--create" in refused.stderr
    done = script("restore", restored, "--create", str(backup))
    assert done.returncode == 0, done.stderr

    before, after = fingerprint(council), fingerprint(restored)
    assert before == after
    # Three families, three long-closed cases, three opened at the front door (re-referrals).
    assert before["cases_case"][0] == 3 + 3 + 3
    assert before["audit_auditevent"][0] > 100
    assert len([name for name in before if " " not in name]) >= 20
    # The restored copy is a working SafetyMap database: no migration is missing.
    manage(restored, "migrate", "--check", "--no-input")

    # Restoring again over it is refused, and changes nothing.
    again = script("restore", restored, str(backup))
    assert again.returncode == 1 and "already has" in again.stderr
    assert fingerprint(restored) == before
