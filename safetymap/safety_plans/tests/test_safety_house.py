"""Safety House rules proposed into a draft plan: the child's words become the rule in the
child's words, and the rule keeps a link back to the session."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safetymap.child_voice import services as voice_services
from safetymap.safety_plans import services
from safetymap.safety_plans.models import PlanRule
from safetymap.safety_plans.tests.conftest import rule_values

pytestmark = pytest.mark.django_db

CHILD_SAID = "No shouting in the kitchen"


@pytest.fixture
def house_rule(case, worker):
    session = voice_services.session_record(
        actor=worker, case=case, kind="safety_house", values={"place": "At home"}
    )
    return voice_services.entry_add(
        actor=worker,
        session=session,
        values={"house": "rules", "words": CHILD_SAID, "written_by": "child"},
    )


@pytest.fixture
def worry(case, worker):
    session = voice_services.session_record(
        actor=worker, case=case, kind="three_houses", values={"place": "At school"}
    )
    return voice_services.entry_add(
        actor=worker,
        session=session,
        values={"house": "worries", "words": "dad shouts", "written_by": "child"},
    )


def url(draft, name, **kwargs):
    kwargs = {"case_uuid": draft.plan.case.uuid, "plan_uuid": draft.plan.uuid, **kwargs}
    return reverse(f"safety_plans:{name}", kwargs=kwargs)


def post(statement, gran):
    return {
        "adult_words": "Mum and Dad will talk in another room when they disagree.",
        "child_words": CHILD_SAID,
        "danger_statement": str(statement.pk),
        "responsible": [f"member:{gran.uuid}"],
        "how_checked": "Gran asks Kian on Sundays.",
        "how_often": "Every week",
    }


def test_only_this_childs_safety_house_rules_can_be_linked(
    draft, worker, statement, house_rule, worry
):
    rule = services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values=rule_values(statement, safety_house_entry=house_rule),
    )
    assert rule.safety_house_entry == house_rule
    with pytest.raises(ValidationError):
        services.plan_line_add(
            actor=worker,
            plan_version=draft,
            kind="rules",
            values=rule_values(statement, safety_house_entry=worry),
        )


def test_the_link_is_carried_into_the_next_version(testing, worker, statement, house_rule):
    draft = services.plan_new_draft(actor=worker, plan_version=testing)
    services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values=rule_values(statement, safety_house_entry=house_rule),
    )
    draft.refresh_from_db()
    services.plan_agree(
        actor=worker,
        plan_version=draft,
        expected_version=draft.version,
        agreers=[services.Agreer(staff=worker)],
        agreed_on=testing.agreed_on,
    )
    third = services.plan_new_draft(actor=worker, plan_version=draft)
    assert PlanRule.objects.filter(plan_version=third, safety_house_entry=house_rule).exists()


def test_a_worker_adds_a_rule_from_the_safety_house(
    client, draft, worker, statement, gran, house_rule, case
):
    client.force_login(worker)
    page = client.get(url(draft, "draft")).content.decode()
    assert url(draft, "safety_house") in page
    listing = client.get(url(draft, "safety_house")).content.decode()
    add_url = url(draft, "safety_house_rule_add", house_rule_uuid=house_rule.uuid)
    assert CHILD_SAID in listing and add_url in listing
    form = client.get(add_url).content.decode()
    assert f"{CHILD_SAID}</textarea>" in form  # the child's words, ready to use
    response = client.post(add_url, post(statement, gran))
    assert response.status_code == 302
    rule = PlanRule.objects.get(safety_house_entry=house_rule)
    assert rule.child_words == CHILD_SAID and rule.plan_version == draft
    assert "In this plan" in client.get(url(draft, "safety_house")).content.decode()
    shown = client.get(url(draft, "version", number=1)).content.decode()
    assert f"From {case.child.name_used}'s Safety House" in shown


def test_a_three_houses_worry_is_not_offered(client, draft, worker, worry):
    client.force_login(worker)
    assert "dad shouts" not in client.get(url(draft, "safety_house")).content.decode()
    response = client.get(url(draft, "safety_house_rule_add", house_rule_uuid=worry.uuid))
    assert response.status_code == 404


def test_bad_input_adds_nothing(client, draft, worker, statement, gran, house_rule):
    client.force_login(worker)
    add_url = url(draft, "safety_house_rule_add", house_rule_uuid=house_rule.uuid)
    response = client.post(add_url, {**post(statement, gran), "adult_words": ""})
    assert response.status_code == 400
    assert not PlanRule.objects.filter(safety_house_entry=house_rule).exists()


def test_readers_get_403_partners_and_strangers_404(
    client, draft, reader, partner, stranger, house_rule, statement, gran
):
    add_url = url(draft, "safety_house_rule_add", house_rule_uuid=house_rule.uuid)
    client.force_login(reader)
    assert client.get(url(draft, "safety_house")).status_code == 403
    assert client.post(add_url, post(statement, gran)).status_code == 403
    for who in (partner, stranger):
        client.force_login(who)
        assert client.get(url(draft, "safety_house")).status_code == 404
        assert client.post(add_url, post(statement, gran)).status_code == 404
    assert not PlanRule.objects.filter(safety_house_entry=house_rule).exists()
