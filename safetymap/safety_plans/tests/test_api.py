"""The read-only API for safety plans: the same door and rules as the pages."""

import pytest

from safetymap.audit.models import AccessEvent
from safetymap.safety_plans import services
from safetymap.safety_plans.models import PlanRule
from safetymap.safety_plans.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def api(case, tail=""):
    return f"/api/v1/cases/{case.uuid}/safety-plans{tail}"


def test_list_and_detail(client, testing, worker, gran):
    case = testing.plan.case
    rule = PlanRule.objects.get(plan_version=testing)
    for _ in range(2):
        services.monitoring_check_record(
            actor=worker, rule=rule, checked_by=services.Agreer(member=gran),
            checked_on=TODAY, outcome="not_followed", notes="Dad came round at 9pm",
        )  # fmt: skip
    client.force_login(worker)
    (plan,) = client.get(api(case)).json()
    assert plan["status"] == "testing" and plan["rules_count"] == 1 and plan["needs_attention"]
    detail = client.get(api(case, "/1")).json()
    (version,) = detail["versions"]
    (rule_out,) = version["rules"]
    assert rule_out["child_words"].startswith("Daddy")
    assert rule_out["needs_network_meeting"] is True
    assert rule_out["checks"][0]["checked_by"]["member_uuid"] == str(gran.uuid)
    assert {a["agreed_by"]["name"] for a in version["agreements"]} == {
        str(gran),
        worker.get_full_name(),
    }
    assert AccessEvent.objects.filter(actor=worker, what="API: safety plan 1").exists()


def test_current_plan(client, draft, worker):
    case = draft.plan.case
    client.force_login(worker)
    assert client.get(api(case, "/current")).status_code == 404  # a draft is not in force
    services.plan_agree(
        actor=worker, plan_version=draft, expected_version=draft.version,
        agreers=[services.Agreer(staff=worker)], agreed_on=TODAY,
    )  # fmt: skip
    current = client.get(api(case, "/current")).json()
    assert current["status"] == "agreed" and len(current["rules"]) == 1


def test_unrelated_users_get_404_and_signed_out_401(client, draft, stranger):
    case = draft.plan.case
    assert client.get(api(case)).status_code == 401
    client.force_login(stranger)
    for tail in ("", "/1", "/current"):
        assert client.get(api(case, tail)).status_code == 404


def test_readers_read(client, draft, reader):
    client.force_login(reader)
    assert client.get(api(draft.plan.case, "/1")).status_code == 200


def test_partners_with_a_share_get_404(client, draft, partner):
    client.force_login(partner)
    assert client.get(api(draft.plan.case)).status_code == 404
    assert client.get(api(draft.plan.case, "/1")).status_code == 404
