"""No acknowledged write is lost: SafetyMap is killed (SIGKILL, no warning) again and again
while writes pour in through the JSON API, and restarted each time.

The real application runs as its own process (`manage.py runserver --noreload` on
127.0.0.1, a port of its own) against a new database on the harness's PostgreSQL. Three
client threads add map items and scale ratings to one case as fast as they can, keeping a
ledger: each write the server answered 201 to (with the uuid it returned), and each write
whose answer never came (the server died while it was being handled). The test kills the
server five times at random moments within a bounded run, restarting it after each kill,
then stops everything and reads the database:

- every acknowledged write is there exactly once, under the uuid the client was given;
- every row the run wrote has exactly one "create" audit event, and every such event its
  row: nothing is half-written;
- a write whose answer never came is either wholly there or wholly absent;
- nothing is there that no client sent.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.postgres.conftest import REPO, Databases, app_env, connect, manage

pytestmark = pytest.mark.postgres_only

KILLS = 5
WRITERS = 3
SECONDS_BETWEEN_KILLS = (0.6, 2.4)  # at random, within this range
START_TIMEOUT = 60.0
REQUEST_TIMEOUT = 20.0
MIN_ACKNOWLEDGED = 40

# Creates a practitioner, their team's case and a signed-in session in the new database;
# prints what the clients need. (The session lives in the database, so it outlasts every
# restart, as a real user's does.)
SET_UP = """
import json
import django
django.setup()
from django.test import Client
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, TeamFactory, UserFactory
team = TeamFactory(name="Harbourside Child Protection")
worker = UserFactory(team=team, first_name="Nadia", last_name="Brennan")
case = CaseFactory(team=team, child=PersonFactory(first_name="Leo", last_name="Hartley"))
AllocationFactory(case=case, worker=worker, started_on=case.opened_on)
client = Client()
client.force_login(worker)
print(json.dumps({"case": str(case.uuid), "session": client.cookies["sessionid"].value}))
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """SafetyMap in a process of its own, which the test may kill at any moment."""

    def __init__(self, database_url: str, port: int, log_path: str) -> None:
        self.database_url = database_url
        self.port = port
        self.log = open(log_path, "ab")  # noqa: SIM115 - kept open across restarts
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                f"127.0.0.1:{self.port}",
                "--noreload",
                "--skip-checks",
            ],
            cwd=REPO,
            env=app_env(self.database_url),
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.starts += 1
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/api/v1/openapi.json")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not answer within {START_TIMEOUT:.0f}s")

    def kill(self) -> None:
        """SIGKILL: no clean-up, no chance to finish what it was doing."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)

    def close(self) -> None:
        self.kill()
        self.log.close()


@dataclass
class Ledger:
    """What the clients were told."""

    acknowledged: dict[str, tuple[str, str]] = field(default_factory=dict)  # token: kind, uuid
    unanswered: set[str] = field(default_factory=set)  # sent, but no answer came
    refused: list[str] = field(default_factory=list)  # answers that were not 201
    lock: threading.Lock = field(default_factory=threading.Lock)


def write_once(port: int, case: str, cookie: str, csrf: str, token: str) -> tuple[str, Any]:
    """One write; returns (kind, answer). Raises OSError if the server was not there or
    went away (http.client's errors are OSErrors)."""
    body: dict[str, Any]
    if int(token[-1], 16) % 2:
        kind = "item"
        path = f"/api/v1/cases/{case}/map/items"
        body = {"part": "strength", "text": token, "said_by": "Crash test"}
    else:
        kind = "rating"
        path = f"/api/v1/cases/{case}/map/scales"
        body = {"rater_name": token, "rater_role": "worker", "score": 5, "reason": token}
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    try:
        connection.request(
            "POST",
            path,
            body=json.dumps(body),
            headers={
                "Content-Type": "application/json",
                "Cookie": f"sessionid={cookie}; csrftoken={csrf}",
                "X-CSRFToken": csrf,
            },
        )
        response = connection.getresponse()
        return kind, (response.status, response.read())
    finally:
        connection.close()


def writer(
    port: int, case: str, cookie: str, ledger: Ledger, stop: threading.Event, name: str
) -> None:
    csrf = secrets.token_hex(16)  # 32 characters: an unmasked CSRF secret
    number = 0
    while not stop.is_set():
        number += 1
        token = f"crash {name} {number} {secrets.token_hex(4)}"
        try:
            kind, (status, body) = write_once(port, case, cookie, csrf, token)
        except ConnectionRefusedError:
            time.sleep(0.05)  # the server is down: nothing was sent
            continue
        except OSError:
            with ledger.lock:  # sent, and the server died before answering
                ledger.unanswered.add(token)
            continue
        with ledger.lock:
            if status == 201:
                try:
                    ledger.acknowledged[token] = (kind, json.loads(body)["uuid"])
                except (ValueError, KeyError):
                    # The server died while sending the answer: the client never learnt the
                    # write succeeded, so it counts as unanswered, not acknowledged.
                    ledger.unanswered.add(token)
            else:
                ledger.refused.append(f"{status} {body[:200]!r}")


@pytest.fixture
def server_database(databases: Databases) -> str:
    url = databases.create("crash")
    manage(url, "migrate", "--no-input", "-v", "0")
    return url


@pytest.fixture
def server(server_database: str, tmp_path: Any) -> Iterator[Server]:
    running = Server(server_database, free_port(), str(tmp_path / "server.log"))
    yield running
    running.close()


def test_no_acknowledged_write_is_lost_when_the_server_is_killed(
    server: Server, server_database: str, tmp_path: Any
) -> None:
    set_up = subprocess.run(
        [sys.executable, "-c", SET_UP],
        cwd=REPO,
        env=app_env(server_database),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert set_up.returncode == 0, set_up.stderr
    given = json.loads(set_up.stdout.strip().splitlines()[-1])

    ledger = Ledger()
    stop = threading.Event()
    server.start()
    threads = [
        threading.Thread(
            target=writer,
            args=(server.port, given["case"], given["session"], ledger, stop, f"w{n}"),
            daemon=True,
        )
        for n in range(WRITERS)
    ]
    for thread in threads:
        thread.start()
    chance = random.Random(20240615)
    try:
        for _ in range(KILLS):
            time.sleep(chance.uniform(*SECONDS_BETWEEN_KILLS))
            server.kill()
            server.start()
        time.sleep(1.0)  # some writes after the last restart, then stop cleanly
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=REQUEST_TIMEOUT + 5)
        server.kill()
    assert not any(thread.is_alive() for thread in threads)

    log = (tmp_path / "server.log").read_text(errors="replace")
    assert server.starts == KILLS + 1
    assert ledger.refused == [], f"valid writes refused: {ledger.refused[:5]}\n{log[-3000:]}"
    assert len(ledger.acknowledged) >= MIN_ACKNOWLEDGED, "too few writes to prove anything"

    with connect(server_database) as connection:
        rows: dict[str, list[tuple[str, str]]] = {}
        for kind, query in (
            ("item", "SELECT text, uuid::text FROM mapping_mapitem"),
            ("rating", "SELECT rater_name, uuid::text FROM mapping_scalerating"),
        ):
            for token, row_uuid in connection.execute(query).fetchall():
                rows.setdefault(token, []).append((kind, row_uuid))
        audited: dict[str, int] = {}
        for object_uuid, count in connection.execute(
            "SELECT object_uuid::text, count(*) FROM audit_auditevent "
            "WHERE action = 'create' AND object_type IN ('mapping.mapitem', 'mapping.scalerating')"
            " GROUP BY object_uuid"
        ).fetchall():
            audited[object_uuid] = count

    # Every acknowledged write: there, once, under the uuid the client was given.
    lost = [token for token in ledger.acknowledged if token not in rows]
    assert lost == [], f"{len(lost)} acknowledged writes are missing, e.g. {lost[:3]}"
    for token, (kind, row_uuid) in ledger.acknowledged.items():
        assert rows[token] == [(kind, row_uuid)], token
    # Every write that got no answer: wholly there or wholly absent.
    for token in ledger.unanswered:
        assert len(rows.get(token, [])) <= 1, token
    # Nothing nobody sent.
    assert set(rows) <= set(ledger.acknowledged) | ledger.unanswered
    # Every row with exactly one audit event, and no audit event without its row.
    written = {row_uuid for found in rows.values() for _kind, row_uuid in found}
    assert {row_uuid: audited.get(row_uuid, 0) for row_uuid in written} == dict.fromkeys(written, 1)
    assert set(audited) == written

    print(
        f"crash test: {server.starts - 1} kills, {len(ledger.acknowledged)} writes "
        f"acknowledged, {len(ledger.unanswered)} unanswered "
        f"({len([t for t in ledger.unanswered if t in rows])} of those were saved)"
    )
