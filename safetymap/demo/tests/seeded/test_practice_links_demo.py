"""The demo council shows the practice apps linked up on many cases."""

from __future__ import annotations

import pytest

from safetymap.networks.models import NetworkMember
from safetymap.safety_plans.models import PlanRule, PlanVersion

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_council")]


def test_the_demo_links_voice_network_and_plan(demo_council: str) -> None:
    assert NetworkMember.objects.filter(story_seen_version__isnull=False).count() >= 3
    made = PlanVersion.objects.filter(child_story_version__isnull=False)
    assert made.count() >= 3
    for version in made.select_related("plan", "child_story_version__story"):
        assert version.child_story_version is not None
        assert version.child_story_version.story.case_id == version.plan.case_id
        assert version.child_story_version.story.kind == "safety_plan"
    assert PlanRule.objects.exclude(network_role="").exists()
    for rule in PlanRule.objects.filter(safety_house_entry__isnull=False).select_related(
        "safety_house_entry__session", "plan_version__plan"
    ):
        assert rule.safety_house_entry is not None
        assert rule.child_words == rule.safety_house_entry.words
        assert rule.safety_house_entry.session.case_id == rule.plan_version.plan.case_id
