"""The practice apps linked up, in Debian's Chromium: a worker adds a rule to a draft plan
from the child's Safety House (the child's words kept as the child-friendly words), then
makes the child's version of the plan as Words and Pictures; axe-core on each new page."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

import pytest
from playwright.sync_api import Page, expect

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.child_voice import services as voice_services
from safetymap.safety_plans import services as plan_services
from safetymap.safety_plans.models import PlanRule
from safetymap.words_pictures.models import StoryVersion
from tests.e2e.test_map_journey import sign_in
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    PersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

CHILD_SAID = "Nobody shouts in my house"


def test_a_safety_house_rule_into_the_plan_and_the_childs_version(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]]
) -> None:
    case = cast(Case, CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle")))
    worker = cast(User, UserFactory(team=case.team, username="sam.practitioner"))
    AllocationFactory(case=case, worker=worker)
    DangerStatementFactory(
        case=case,
        statement="School is worried that when Dad drinks he shouts at Mum and pushes her, "
        "and Kian will be hurt or very frightened.",
    )
    CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Pat", last_name="Doyle"),
        relationship="grandparent",
    )
    session = voice_services.session_record(
        actor=worker, case=case, kind="safety_house", values={"place": "At school"}
    )
    voice_services.entry_add(
        actor=worker,
        session=session,
        values={"house": "rules", "words": CHILD_SAID, "written_by": "child"},
    )
    draft = plan_services.safety_plan_create(
        actor=worker, case=case, kind="long_term", title="Kian's family safety plan"
    )

    def accessible(name: str) -> None:
        assert axe_violations(page) == [], name

    sign_in(page, "sam.practitioner")
    page.goto(f"/cases/{case.uuid}/safety-plans/{draft.plan.uuid}/draft/")
    page.get_by_role("link", name="Add rules from Kian's Safety House").click()
    expect(page.get_by_role("heading", name="Rules from Kian's Safety House")).to_be_visible()
    accessible("Safety House rules")

    page.get_by_role("link", name=re.compile("Add this rule to the plan")).click()
    accessible("add a Safety House rule")
    child_words = page.get_by_label("The rule, in words the child will understand")
    expect(child_words).to_have_value(CHILD_SAID)
    page.get_by_label("The rule, in the adults' words").fill(
        "Dad will not drink at home. If he has been drinking he stays at his brother's."
    )
    page.get_by_label(re.compile("School is worried")).check()
    page.get_by_label("Pat Doyle (Grandparent)").check()
    page.get_by_label("How will it be checked?").fill("Nana Pat rings Mum every evening.")
    page.get_by_label("How often will it be checked?").fill("Every evening")
    page.get_by_role("button", name="Add the rule").click()
    expect(page.get_by_text(re.compile("^From Kian's Safety House, "))).to_be_visible()
    assert PlanRule.objects.get().safety_house_entry is not None

    page.get_by_role("link", name="See the draft as it will read").click()
    accessible("plan version with no child's version")
    page.get_by_role("button", name="Make the child's version").click()
    the_rules = page.get_by_role("textbox", name="The rules")
    expect(the_rules).to_have_value(CHILD_SAID)
    assert StoryVersion.objects.get().story.kind == "safety_plan"

    page.goto(f"/cases/{case.uuid}/safety-plans/{draft.plan.uuid}/versions/1/")
    expect(page.get_by_text("Words and Pictures version 1")).to_be_visible()
    page.get_by_role("link", name="Open Kian's version of the plan").click()
    expect(page.get_by_text(CHILD_SAID).first).to_be_visible()
