"""Benchmark: how long the busiest pages take and how many queries they make, on a demo
council of growing size. Writes the figures to docs/performance.md.

    make bench                       # 45 and 300 families
    BENCH_FAMILIES=45,2000 make bench

Runs on a throwaway SQLite file (or DATABASE_URL's PostgreSQL, which it will flush), never
on your demo database. Timings vary with the machine; query counts must not grow with size.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
if not os.environ.get("DATABASE_URL"):
    os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("PYTHONWARNINGS", "ignore::UserWarning")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.signals import request_finished, request_started  # noqa: E402
from django.db import close_old_connections, connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from safetymap.accounts.models import User  # noqa: E402
from safetymap.cases.models import Case  # noqa: E402
from safetymap.cases.selectors import my_cases  # noqa: E402
from safetymap.child_voice.models import Session  # noqa: E402
from safetymap.mapping.models import ScaleRating  # noqa: E402
from safetymap.networks.models import NetworkMember  # noqa: E402
from safetymap.packs.models import FamilyPack  # noqa: E402
from safetymap.safety_plans.models import SafetyPlan  # noqa: E402
from safetymap.words_pictures.models import StoryVersion, VersionStatus  # noqa: E402
from tests.twofactor import login_verified  # noqa: E402

# Keep one connection across requests, as a long-running server process does (and as
# Django's own test runner does), so query capture sees every request's queries.
request_started.disconnect(close_old_connections)
request_finished.disconnect(close_old_connections)

REPEATS = 15
SIZES = [int(size) for size in os.environ.get("BENCH_FAMILIES", "45,300").split(",")]


def measure(client: Client, url: str) -> tuple[float, int, float]:
    """Median milliseconds, queries per request, and peak memory (MiB) for one page."""
    client.get(url)  # warm caches and templates
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    queries = count_queries(lambda: client.get(url))
    tracemalloc.start()
    client.get(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), queries, peak / 2**20


def count_queries(action: Callable[[], object]) -> int:
    count = 0

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        action()
    return count


def biggest_case_of(user: User):  # type: ignore[no-untyped-def]
    cases = list(my_cases(user))
    return max(cases, key=lambda case: ScaleRating.objects.filter(case=case).count())


def fullest_case_of(user: User) -> Case:
    """The user's case with the most of the practice tools in use (the child's words, a
    network, a plan, Words and Pictures, a family pack), so the overview shows every panel."""
    tools = (Session, NetworkMember, SafetyPlan, FamilyPack)

    def in_use(case: Case) -> tuple[int, ...]:
        told = StoryVersion.objects.filter(story__case=case, status=VersionStatus.GIVEN)
        used = [model.objects.filter(case=case).exists() for model in tools]
        return (sum(used) + told.exists(), NetworkMember.objects.filter(case=case).count())

    return max(my_cases(user), key=in_use)


def practice_tool_pages(user: User) -> dict[str, Callable[[], str]]:
    """Each practice tool's busiest page, on the user's case that has most of that tool."""
    mine = list(my_cases(user))
    session = Session.objects.filter(case__in=mine).annotate(n=Count("entries")).latest("n")
    plan = SafetyPlan.objects.filter(case__in=mine).annotate(n=Count("versions")).latest("n")
    network = max(mine, key=lambda case: NetworkMember.objects.filter(case=case).count())
    book = (
        StoryVersion.objects.filter(story__case__in=mine, status=VersionStatus.GIVEN)
        .annotate(n=Count("panels"))
        .select_related("story__case")
        .latest("n")
    )
    pack = FamilyPack.objects.filter(case__in=mine).select_related("case").latest("created_at")

    def on(case: Case, **more: object) -> dict[str, object]:
        return {"case_uuid": case.uuid, **more}

    return {
        "Case overview, every panel": lambda: reverse(
            "cases:case", kwargs=on(fullest_case_of(user))
        ),
        "Child's voice session": lambda: reverse(
            "child_voice:session", kwargs=on(session.case, session_uuid=session.uuid)
        ),
        "Safety network": lambda: reverse("networks:network", kwargs=on(network)),
        "Safety plan": lambda: reverse(
            "safety_plans:plan", kwargs=on(plan.case, plan_uuid=plan.uuid)
        ),
        "Words and Pictures book": lambda: reverse(
            "words_pictures:book",
            kwargs=on(book.story.case, story_uuid=book.story.uuid, number=book.number),
        ),
        "Family pack (printable page)": lambda: reverse(
            "packs:detail", kwargs=on(pack.case, pack_uuid=pack.uuid)
        ),
    }


def team_dashboard(figure_key: str = "") -> str:
    """The demo team manager's dashboard, or the cases behind one of its figures."""
    team = User.objects.select_related("team").get(username="manager").team
    assert team is not None
    if figure_key:
        return reverse(
            "evaluation:figure", kwargs={"team_uuid": team.uuid, "figure_key": figure_key}
        )
    return reverse("evaluation:dashboard", kwargs={"team_uuid": team.uuid})


def pages(user: User) -> dict[str, Callable[[], str]]:
    case = biggest_case_of(user)
    kwargs = {"case_uuid": case.uuid}
    return {
        "My cases": lambda: reverse("cases:my_cases"),
        "Team cases (manager)": lambda: reverse("cases:team_cases"),
        "Team dashboard (manager)": team_dashboard,
        "Team dashboard, one figure's cases (manager)": lambda: team_dashboard(
            "next-steps-overdue"
        ),
        "Case overview": lambda: reverse("cases:case", kwargs=kwargs),
        "The map": lambda: reverse("mapping:map", kwargs=kwargs),
        "Scales": lambda: reverse("mapping:scales", kwargs=kwargs),
        "Versions": lambda: reverse("mapping:versions", kwargs=kwargs),
        "API: the map": lambda: f"/api/v1/cases/{case.uuid}/map",
        **practice_tool_pages(user),
    }


def run_size(families: int) -> list[tuple[str, float, int, float]]:
    call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("seed_demo", families=families, verbosity=0, stdout=quiet)
    seeded = time.perf_counter() - start
    practitioner = User.objects.get(username="practitioner")
    manager = User.objects.get(username="manager")
    rows = [(f"seed_demo --families {families} (whole run, s)", seeded * 1000, 0, 0.0)]
    for name, url in pages(practitioner).items():
        client = Client()
        login_verified(client, manager if "manager" in name else practitioner)
        rows.append((name, *measure(client, url())))
    return rows


def write_report(results: dict[int, list[tuple[str, float, int, float]]]) -> None:
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (`bench/pages.py`): each page requested "
        f"{REPEATS} times by Django's test client, in process, on "
        f"{connection.vendor}, on this project's 2-core machine. The median time, the "
        "queries one request makes, and the peak Python memory one request allocates.",
        "Query counts must stay the same as the council grows; times are a guide only.",
        "",
    ]
    for families, rows in results.items():
        lines += [f"## Demo council with {families} families", ""]
        lines += ["| page | median ms | queries | peak MiB |", "|---|---:|---:|---:|"]
        for name, ms, queries, mib in rows:
            if queries:
                lines.append(f"| {name} | {ms:.1f} | {queries} | {mib:.2f} |")
            else:
                lines.append(f"| {name} | {ms / 1000:.1f} s | | |")
        lines.append("")
    (ROOT / "docs" / "performance.md").write_text("\n".join(lines))


def main() -> None:
    results = {families: run_size(families) for families in SIZES}
    write_report(results)
    print((ROOT / "docs" / "performance.md").read_text())


if __name__ == "__main__":
    main()
