"""The safety plan pages: each step of a plan's life, stale saves, and who may do what."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.audit.models import AccessEvent
from safetymap.safety_plans import services
from safetymap.safety_plans.models import (
    MonitoringCheck,
    PlanAgreement,
    PlanContact,
    PlanRule,
    PlanStatus,
    PlanVersion,
    SafetyPlan,
    WarningSign,
)
from safetymap.safety_plans.tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def url(name, version_or_case, **kwargs):
    if isinstance(version_or_case, PlanVersion):
        plan = version_or_case.plan
        kwargs = {"case_uuid": plan.case.uuid, "plan_uuid": plan.uuid, **kwargs}
    else:
        kwargs = {"case_uuid": version_or_case.uuid, **kwargs}
    return reverse(f"safety_plans:{name}", kwargs=kwargs)


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def rule_post(statement, *choices, **changes):
    return {
        "adult_words": "Mum will not drink when the children are at home.",
        "child_words": "Mummy won't have any wine when I'm at home.",
        "danger_statement": str(statement.pk),
        "responsible": list(choices),
        "how_checked": "Gran visits at teatime and looks for bottles.",
        "how_often": "Every day",
        **changes,
    }


def test_a_worker_starts_a_plan_and_lands_on_its_draft(client, case, worker):
    client.force_login(worker)
    response = client.post(
        url("plan_create", case), {"kind": "long_term", "title": "Our family plan"}
    )
    plan = SafetyPlan.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("draft", plan.versions.get())
    assert plan.kind == "long_term"
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Our family plan" in page.content.decode()


def test_creating_needs_a_kind_and_a_name(client, case, worker):
    client.force_login(worker)
    response = client.post(url("plan_create", case), {"title": ""})
    assert response.status_code == 400
    assert not SafetyPlan.objects.exists()


def test_a_rule_is_added_with_people_from_the_case_and_staff(
    client, draft, worker, statement, gran
):
    client.force_login(worker)
    response = client.post(
        url("line_add", draft, part="rules"),
        rule_post(statement, f"member:{gran.uuid}", f"staff:{worker.uuid}"),
    )
    assert response.status_code == 302
    rule = PlanRule.objects.filter(plan_version=draft).order_by("-position").first()
    assert rule.child_words.startswith("Mummy")
    assert list(rule.responsible_members.all()) == [gran]
    assert list(rule.responsible_staff.all()) == [worker]


def test_a_rule_needs_its_child_words(client, draft, worker, statement, gran):
    client.force_login(worker)
    response = client.post(
        url("line_add", draft, part="rules"),
        rule_post(statement, f"member:{gran.uuid}", child_words=""),
    )
    assert response.status_code == 400
    assert PlanRule.objects.filter(plan_version=draft).count() == 1


def test_warning_signs_and_people_to_call(client, draft, worker):
    client.force_login(worker)
    client.post(
        url("line_add", draft, part="warning-signs"),
        {"sign": "Mum not answering her phone after 6pm", "what_to_do": "Gran goes round"},
    )
    client.post(
        url("line_add", draft, part="contacts"),
        {"name": "Gran (Pat)", "number": "07700 900123", "when": "If Mum has been drinking"},
    )
    assert WarningSign.objects.get().what_to_do == "Gran goes round"
    assert PlanContact.objects.get().number == "07700 900123"
    page = client.get(url("version", draft, number=1)).content.decode()
    assert "Mum not answering her phone after 6pm" in page and "07700 900123" in page


def test_a_stale_rule_edit_keeps_both_texts(client, draft, worker, statement, gran):
    client.force_login(worker)
    rule = PlanRule.objects.get(plan_version=draft)
    edit = url("line_edit", draft, part="rules", line_uuid=rule.uuid)
    services.plan_line_update(
        actor=worker, line=rule, expected_version=rule.version, values={"how_often": "Twice a day"}
    )
    response = client.post(
        edit,
        {**rule_post(statement, f"member:{gran.uuid}", how_often="Weekly"), "version": 1},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else changed this" in page and "Weekly" in page
    rule.refresh_from_db()
    assert rule.how_often == "Twice a day"
    retry = client.post(
        edit, {**rule_post(statement, f"member:{gran.uuid}", how_often="Weekly"), "version": 2}
    )
    assert retry.status_code == 302
    rule.refresh_from_db()
    assert rule.how_often == "Weekly"


def test_rules_are_reordered_and_removed_without_javascript(client, draft, worker, statement):
    client.force_login(worker)
    services.plan_line_add(
        actor=worker,
        plan_version=draft,
        kind="rules",
        values={
            "adult_words": "Second rule", "child_words": "Second", "danger_statement": statement,
            "how_checked": "Visits", "how_often": "Weekly",
        },
    )  # fmt: skip
    second = PlanRule.objects.get(adult_words="Second rule")
    client.post(url("line_move", draft, part="rules", line_uuid=second.uuid), {"move": "up"})
    assert PlanRule.objects.filter(plan_version=draft).order_by("position")[0] == second
    remove = url("line_remove", draft, part="rules", line_uuid=second.uuid)
    assert client.get(remove).status_code == 200
    client.post(remove, {"version": PlanRule.objects.get(pk=second.pk).version})
    assert PlanRule.objects.get(pk=second.pk).is_removed


def test_the_draft_details_are_saved_and_a_stale_save_refused(client, draft, worker):
    client.force_login(worker)
    post = {"how_we_know_working": "Kian says home is calm", "if_not_working": "We meet again"}
    review = TODAY + datetime.timedelta(weeks=8)
    response = client.post(
        url("draft", draft), {**post, **date_fields("review_on", review), "version": 1}
    )
    assert response.status_code == 302
    stale = client.post(url("draft", draft), {**post, "if_not_working": "Other", "version": 1})
    assert stale.status_code == 400 and "Someone else changed this" in stale.content.decode()
    draft.refresh_from_db()
    assert draft.review_on == review and draft.if_not_working == "We meet again"


def test_agree_then_test_then_check_then_complete(client, draft, worker, gran):
    client.force_login(worker)
    response = client.post(
        url("agree", draft, number=1),
        {
            "agreers": [f"member:{gran.uuid}", f"staff:{worker.uuid}"],
            **date_fields("agreed_on", TODAY),
            "version": 1,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == PlanStatus.AGREED and PlanAgreement.objects.count() == 2
    client.post(
        url("start_testing", draft, number=1),
        {**date_fields("started_on", TODAY), "version": draft.version},
    )
    draft.refresh_from_db()
    assert draft.status == PlanStatus.TESTING
    rule = PlanRule.objects.get(plan_version=draft)
    response = client.post(
        url("check_add", draft, number=1),
        {
            "rule": str(rule.uuid), "checked_by": f"member:{gran.uuid}", "outcome": "partly",
            "notes": "Mum had one glass after the children were in bed.",
            **date_fields("checked_on", TODAY),
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert MonitoringCheck.objects.get().member == gran
    page = client.get(url("plan", draft)).content.decode()
    assert "Mum had one glass" in page and "Partly" in page
    client.post(
        url("complete", draft, number=1),
        {**date_fields("completed_on", TODAY), "version": draft.version},
    )
    draft.refresh_from_db()
    assert draft.status == PlanStatus.COMPLETED


def test_agreement_needs_someone(client, draft, worker):
    client.force_login(worker)
    response = client.post(
        url("agree", draft, number=1), {**date_fields("agreed_on", TODAY), "version": 1}
    )
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT


def test_checks_are_refused_before_testing(client, draft, worker, gran):
    client.force_login(worker)
    page = client.get(url("check_add", draft, number=1)).content.decode()
    assert "Checks are recorded while the plan is being tested" in page


def test_changing_an_agreed_plan_and_comparing_versions(client, testing, worker, statement, gran):
    client.force_login(worker)
    response = client.post(url("new_version", testing))
    draft = PlanVersion.objects.get(plan=testing.plan, number=2)
    assert response["Location"] == url("draft", draft)
    rule = PlanRule.objects.get(plan_version=draft)
    client.post(
        url("line_edit", draft, part="rules", line_uuid=rule.uuid),
        {**rule_post(statement, f"member:{gran.uuid}", how_often="Twice a week"), "version": 1},
    )
    page = client.get(url("compare", draft), {"from_": 1, "to": 2}).content.decode()
    assert "Twice a week" in page and "Every evening" in page
    assert client.get(url("version", draft, number=1)).status_code == 200


def test_a_rule_not_followed_shows_the_prompt_on_the_plan_and_the_case(
    client, testing, worker, case
):
    rule = PlanRule.objects.get(plan_version=testing)
    for _ in range(2):
        services.monitoring_check_record(
            actor=worker, rule=rule, checked_by=services.Agreer(staff=worker),
            checked_on=TODAY, outcome="not_followed",
        )  # fmt: skip
    client.force_login(worker)
    assert "Consider calling a network meeting" in client.get(url("plan", testing)).content.decode()
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Consider calling a network meeting" in overview and "Being tested" in overview


def test_the_overview_panel_shows_review_overdue(client, testing, worker, case):
    testing.review_on = TODAY - datetime.timedelta(days=3)
    testing.save()
    client.force_login(worker)
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Overdue" in overview


# --- Who may do what ----------------------------------------------------------------------


def read_urls(version):
    return [
        url("plans", version.plan.case),
        url("plan", version),
        url("version", version, number=1),
        url("compare", version),
    ]


def test_readers_read_and_are_recorded(client, draft, reader):
    client.force_login(reader)
    for address in read_urls(draft):
        assert client.get(address).status_code == 200, address
    assert AccessEvent.objects.filter(actor=reader, case_uuid=draft.plan.case.uuid).count() == 4


def test_readers_may_not_write(client, draft, reader, statement):
    client.force_login(reader)
    assert client.get(url("plan_create", draft.plan.case)).status_code == 403
    assert client.get(url("draft", draft)).status_code == 403
    assert (
        client.post(url("line_add", draft, part="rules"), rule_post(statement)).status_code == 403
    )
    assert client.post(url("agree", draft, number=1), {}).status_code == 403
    assert PlanRule.objects.filter(plan_version=draft).count() == 1


@pytest.mark.parametrize("who", ["stranger", "partner"])
def test_no_relationship_and_partners_get_404(client, draft, who, request):
    client.force_login(request.getfixturevalue(who))
    for address in [*read_urls(draft), url("draft", draft), url("agree", draft, number=1)]:
        assert client.get(address).status_code == 404, address


def test_partners_do_not_see_the_panel(client, draft, partner, case):
    client.force_login(partner)
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
    assert overview.status_code == 200
    assert "Plan for when Dad comes home" not in overview.content.decode()


def test_the_plan_page_makes_a_fixed_number_of_queries(client, testing, worker, statement, gran):
    client.force_login(worker)
    client.get(url("plan", testing))
    for _ in range(6):
        rule = PlanRule.objects.get(plan_version=testing)
        services.monitoring_check_record(
            actor=worker, rule=rule, checked_by=services.Agreer(member=gran),
            checked_on=TODAY, outcome="followed",
        )  # fmt: skip
    with CaptureQueriesContext(connection) as small:
        client.get(url("plan", testing))
    draft = services.plan_new_draft(actor=worker, plan_version=testing)
    for n in range(5):
        services.plan_line_add(
            actor=worker, plan_version=draft, kind="rules",
            values={"adult_words": f"Rule {n}", "child_words": "c", "danger_statement": statement,
                    "how_checked": "Visits", "how_often": "Weekly", "responsible_members": [gran]},
        )  # fmt: skip
    with CaptureQueriesContext(connection) as large:
        client.get(url("version", draft, number=2))
    assert len(large) <= len(small) + 1
