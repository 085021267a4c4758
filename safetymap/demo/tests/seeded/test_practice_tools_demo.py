"""Issue 4's "done means" on the demo council as a whole: many of its cases have Three Houses,
Words and Pictures given to the child, a safety network, a plan being checked, and a family
pack — counted after one whole `seed_demo` run, so a later step cannot undo an earlier one."""

from __future__ import annotations

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.child_voice.models import SessionKind
from safetymap.demo.tests.seeded.conftest import FAMILIES
from safetymap.evaluation.figures import FIGURES
from safetymap.evaluation.selectors import get_managed_team, team_open_cases
from safetymap.words_pictures.models import VersionStatus

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_council")]


def cases_with(**lookup: object) -> QuerySet[Case]:
    return Case.objects.filter(**lookup).distinct()


def test_many_demo_cases_use_every_practice_tool(demo_council: str) -> None:
    many = FAMILIES // 5
    uses = {
        "Three Houses": cases_with(voice_sessions__kind=SessionKind.THREE_HOUSES),
        "Words and Pictures given": cases_with(
            words_pictures__versions__status=VersionStatus.GIVEN
        ),
        "a safety network": cases_with(network_members__isnull=False),
        "a plan with monitoring": cases_with(safety_plans__versions__rules__checks__isnull=False),
        "a family pack": cases_with(family_packs__isnull=False),
    }
    counts = {tool: cases.count() for tool, cases in uses.items()}
    assert all(count >= many for count in counts.values()), counts
    # Fewer, as in practice: a drawing with some sessions, a meeting for some networks.
    assert cases_with(voice_sessions__drawings__isnull=False).count() >= 2
    assert cases_with(network_meetings__isnull=False).count() >= 2
    # The demo team manager's dashboard has a case behind each of its own figures.
    manager = User.objects.get(username="manager")
    team, _ = get_managed_team(manager, manager.team.uuid)  # type: ignore[union-attr]
    cases = team_open_cases(manager, team)
    empty = [f.key for f in FIGURES if not f.cases(cases, timezone.localdate()).exists()]
    assert not empty, empty
