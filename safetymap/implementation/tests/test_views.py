"""Supervision pages: who may open them, the forms, what they show, fixed query counts."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.cases.policies import Basis
from safetymap.implementation import services
from safetymap.implementation.models import CaseSupervision, GroupDecision, GroupSupervision
from safetymap.meetings.models import MeetingType
from tests.factories import MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def signed_in(client, user):
    client.force_login(user)
    return client


def case_url(name, case):
    return reverse(f"implementation:{name}", kwargs={"case_uuid": case.uuid})


def group_url(name, group, **extra):
    kwargs = {"case_uuid": group.case.uuid, "group_uuid": group.uuid, **extra}
    return reverse(f"implementation:{name}", kwargs=kwargs)


@pytest.fixture
def supervision(case, worker, manager):
    return services.case_supervision_record(
        actor=manager,
        case=case,
        held_on=TODAY,
        supervisor=manager,
        worker=worker,
        discussion="Leah's time with Dad at weekends",
    )


@pytest.fixture
def pages(case, group, supervision):
    """(url, writes?) for every supervision page."""
    return [
        (case_url("list", case), False),
        (case_url("supervision_add", case), True),
        (
            reverse(
                "implementation:supervision",
                kwargs={"case_uuid": case.uuid, "supervision_uuid": supervision.uuid},
            ),
            False,
        ),
        (case_url("group_add", case), True),
        (group_url("group", group), False),
        (group_url("group_entry_add", group, entry_kind="worry"), True),
        (group_url("group_scale_add", group), True),
        (group_url("group_decision_add", group), True),
        (group_url("group_summary", group), True),
    ]


def test_every_page_is_404_without_a_relationship(client, pages, stranger, other_lead):
    for user in (stranger, other_lead, UserFactory(role=Role.CONFERENCE_CHAIR)):
        signed_in(client, user)
        for url, _ in pages:
            assert client.get(url).status_code == 404, url
            assert client.post(url, {}).status_code == 404, url


def test_a_partner_the_case_is_shared_with_gets_404(client, case, worker, pages):
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    signed_in(client, partner)
    for url, _ in pages:
        assert client.get(url).status_code == 404, url


def test_the_practice_lead_reads_but_never_writes(client, case, lead, pages):
    signed_in(client, lead)
    for url, writes in pages:
        assert client.get(url).status_code == (403 if writes else 200), url
        assert client.post(url, {}).status_code == 403, url
    event = AccessEvent.objects.filter(actor=lead).first()
    assert event.basis == Basis.GROUP_SUPERVISION and event.case_uuid == case.uuid


def test_the_chair_reads_the_conference_case_only(client, case, pages):
    chair = UserFactory(role=Role.CONFERENCE_CHAIR)
    MeetingFactory(case=case, chair=chair, kind=MeetingType.INITIAL_CONFERENCE)
    signed_in(client, chair)
    assert client.get(pages[0][0]).status_code == 200
    assert client.post(pages[1][0], {}).status_code == 403


def test_the_worker_records_case_supervision_with_an_action(client, case, worker, manager):
    signed_in(client, worker)
    page = client.get(case_url("supervision_add", case))
    assert page.status_code == 200
    response = client.post(
        case_url("supervision_add", case),
        {
            **date_fields("held_on", TODAY),
            "worker": str(worker.uuid),
            "supervisor": str(manager.uuid),
            "discussion": "Nan collects Leah on Fridays now",
            "worker_score": "5",
            "worker_reason": "Fridays are safe now",
            "action_1": "Ask the school what Leah says at breakfast club",
            "owner_1": "Priya",
            **date_fields("due_1", TODAY + datetime.timedelta(days=7)),
        },
    )
    assert response.status_code == 302
    saved = CaseSupervision.objects.get()
    assert saved.worker_score == Decimal(5) and saved.recorded_by == worker
    assert saved.actions.get().action.startswith("Ask the school")


def test_an_action_without_an_owner_is_refused_and_nothing_saved(client, case, worker, manager):
    signed_in(client, worker)
    response = client.post(
        case_url("supervision_add", case),
        {
            **date_fields("held_on", TODAY),
            "worker": str(worker.uuid),
            "supervisor": str(manager.uuid),
            "discussion": "Weekends",
            "action_1": "Ring Nan",
        },
    )
    assert response.status_code == 200
    assert "who will do it" in response.content.decode()
    assert not CaseSupervision.objects.exists() and not case.next_steps.exists()


def test_the_worker_records_group_supervision_and_the_groups_map(
    client, case, worker, manager, lead
):
    signed_in(client, worker)
    response = client.post(
        case_url("group_add", case),
        {
            **date_fields("held_on", TODAY),
            "presenting_worker": str(worker.uuid),
            "facilitator": str(manager.uuid),
            "advisor": str(lead.uuid),
            "question": "Weekends with Dad",
        },
    )
    group = GroupSupervision.objects.get()
    assert response["Location"] == group_url("group", group)
    for slug in ("worry", "working-well", "needs-to-happen", "idea"):
        added = client.post(
            group_url("group_entry_add", group, entry_kind=slug), {f"{slug}-text": f"A {slug}"}
        )
        assert added.status_code == 302
    client.post(
        group_url("group_scale_add", group),
        {"participant": str(lead.uuid), "score": "4", "reason": "Nan is there on Fridays"},
    )
    page = client.get(group_url("group", group)).content.decode()
    for text in ("A worry", "A working-well", "A needs-to-happen", "A idea", "Nan is there"):
        assert text in page
    assert "Only a team manager for this case records decisions" in page
    assert client.post(group_url("group_decision_add", group), {"decision": "x"}).status_code == 403
    assert client.get(group_url("group_entry_add", group, entry_kind="nope")).status_code == 404


def test_only_the_manager_records_decisions(client, group, manager):
    signed_in(client, manager)
    assert "Your decision" in client.get(group_url("group", group)).content.decode()
    response = client.post(
        group_url("group_decision_add", group),
        {
            "decision": "Nan joins the next core group",
            "action": "Invite Nan",
            "owner": "Priya",
            **date_fields("due_on", TODAY + datetime.timedelta(days=3)),
        },
    )
    assert response.status_code == 302
    assert GroupDecision.objects.get().next_step.action == "Invite Nan"


def test_a_stale_summary_keeps_both_texts(client, group, worker):
    signed_in(client, worker)
    services.group_summary_update(
        actor=worker, group_supervision=group, expected_version=1, summary="Theirs"
    )
    response = client.post(group_url("group_summary", group), {"summary": "Mine", "version": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "nothing was saved" in page and "Mine" in page
    group.refresh_from_db()
    assert group.summary == "Theirs"


def test_the_list_shows_what_the_chronology_shows(client, case, worker, group):
    services.group_entry_add(
        actor=worker, group_supervision=group, kind="worry", text="Dad drove after drinking"
    )
    services.group_summary_update(
        actor=worker, group_supervision=group, expected_version=1, summary="Manager agreed a plan"
    )
    signed_in(client, worker)
    page = client.get(case_url("list", case)).content.decode()
    chronology = page.split('id="chronology"')[1]
    assert "Manager agreed a plan" in chronology and "Dad drove" not in chronology


def _queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_pages_make_the_same_number_of_queries_however_much_is_recorded(
    client, case, worker, manager, lead, group
):
    signed_in(client, worker)
    pages = [case_url("list", case), group_url("group", group)]
    small = [_queries(client, url) for url in pages]
    for n in range(4):
        services.group_entry_add(actor=worker, group_supervision=group, kind="idea", text=f"{n}")
        services.group_scale_add(
            actor=worker, group_supervision=group, participant=lead, score=3, reason="r"
        )
        services.group_decision_add(actor=manager, group_supervision=group, decision=f"{n}")
        group.participants.add(UserFactory(team=case.team))
        services.case_supervision_record(
            actor=manager, case=case, held_on=TODAY, supervisor=manager, worker=worker,
            discussion="Weekends",
        )  # fmt: skip
    assert [_queries(client, url) for url in pages] == small


def test_the_access_log_names_the_new_bases_plainly(client, case, lead, manager, group):
    chair = UserFactory(role=Role.CONFERENCE_CHAIR)
    MeetingFactory(case=case, chair=chair, kind=MeetingType.REVIEW_CONFERENCE)
    for reader in (lead, chair):
        signed_in(client, reader)
        client.get(group_url("group", group))
    signed_in(client, manager)
    page = client.get(reverse("governance:case_access_log", kwargs={"case_uuid": case.uuid}))
    text = page.content.decode()
    assert "Practice lead: group supervision" in text and "Conference chair" in text


def test_a_practice_lead_lists_only_the_group_supervision_they_took_part_in(
    client, case, lead, other_lead, group, record_group
):
    from tests.factories import CaseFactory

    elsewhere = record_group(CaseFactory(team=case.team), advisor=other_lead)
    signed_in(client, lead)
    page = client.get(reverse("implementation:mine"))
    assert page.status_code == 200
    assert list(page.context["groups"]) == [group]
    assert 'href="/supervision/group/"' in page.content.decode()  # in the navigation
    event = AccessEvent.objects.get(actor=lead)
    assert (event.case_uuid, event.basis) == (case.uuid, Basis.GROUP_SUPERVISION)
    signed_in(client, other_lead)
    assert list(client.get(reverse("implementation:mine")).context["groups"]) == [elsewhere]
