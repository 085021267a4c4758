"""A plan rule names the network role it needs: the plan shows who holds it, and the
network glance counts the role as expected while the plan is in force."""

import pytest
from django.urls import reverse

from safetymap.networks import services as network_services
from safetymap.networks.selectors import network_glance
from safetymap.safety_plans import services
from safetymap.safety_plans.models import PlanRule
from safetymap.safety_plans.selectors import roles_needed
from safetymap.safety_plans.tests.conftest import TODAY, rule_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def supervised(draft, worker, statement, gran):
    """The draft has a second rule that needs someone to supervise family time."""
    services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values=rule_values(statement, gran, network_role="supervises_family_time"),
    )
    draft.refresh_from_db()
    return draft


def _agree(version, worker, gran):
    services.plan_agree(
        actor=worker,
        plan_version=version,
        expected_version=version.version,
        agreers=[services.Agreer(member=gran)],
        agreed_on=TODAY,
    )


def test_only_the_plan_in_force_needs_roles(supervised, case, worker, gran):
    assert roles_needed(case) == []  # a draft asks nothing of the network yet
    _agree(supervised, worker, gran)
    assert roles_needed(case) == ["supervises_family_time"]
    assert "Supervises family time" in network_glance(case).unfilled_role_labels


def test_the_role_is_filled_once_someone_in_the_network_takes_it(supervised, case, worker, gran):
    _agree(supervised, worker, gran)
    network_services.network_member_add(
        actor=worker,
        case=case,
        case_member=gran,
        values={"knowledge": "everything"},
        roles=["supervises_family_time"],
    )
    assert "supervises_family_time" not in network_glance(case).unfilled_roles


def test_a_blank_role_is_allowed_and_an_unknown_one_is_not(draft, worker, statement, gran):
    rule = PlanRule.objects.get(plan_version=draft)
    assert rule.network_role == ""
    with pytest.raises(Exception):  # noqa: B017 - the model refuses a role not in the list
        bad = PlanRule(**{**rule_values(statement), "network_role": "chauffeur"})
        bad.plan_version = draft
        bad.full_clean(exclude=["responsible_members", "responsible_staff"])


def test_the_plan_page_shows_who_holds_the_role(client, supervised, case, worker, gran):
    url = reverse(
        "safety_plans:version",
        kwargs={"case_uuid": case.uuid, "plan_uuid": supervised.plan.uuid, "number": 1},
    )
    client.force_login(worker)
    page = client.get(url).content.decode()
    assert "Supervises family time" in page
    assert "no one in the safety network has taken this role on yet" in page
    network_services.network_member_add(
        actor=worker,
        case=case,
        case_member=gran,
        values={"knowledge": "some"},
        roles=["supervises_family_time"],
    )
    page = client.get(url).content.decode()
    assert "no one in the safety network has taken this role on yet" not in page
    assert gran.person.full_name in page


def test_the_rule_form_saves_the_role(client, draft, worker, statement, gran):
    client.force_login(worker)
    response = client.post(
        reverse(
            "safety_plans:line_add",
            kwargs={
                "case_uuid": draft.plan.case.uuid,
                "plan_uuid": draft.plan.uuid,
                "part": "rules",
            },
        ),
        {
            "adult_words": "Gran is there whenever Dad sees the children.",
            "child_words": "Gran stays with us when Daddy visits.",
            "danger_statement": str(statement.pk),
            "responsible": [f"member:{gran.uuid}"],
            "how_checked": "Gran tells the worker after each visit.",
            "how_often": "Every visit",
            "network_role": "supervises_family_time",
        },
    )
    assert response.status_code == 302
    assert PlanRule.objects.filter(network_role="supervises_family_time").count() == 1
