"""The front door pages: who may open them (404 / 403), the forms, the case panel."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.audit.models import AccessEvent
from safetymap.cases.models import Case, CaseRestriction, RestrictionAllowedUser
from safetymap.cases.registry import chronology_sources
from safetymap.referrals import services
from safetymap.referrals.models import Decision, Referral
from safetymap.referrals.tests.conftest import contact_values
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db
BORN = datetime.date(2017, 3, 4)
REFERRAL_PAGES = ("referral", "find_child", "decide")
CHANGE_PAGES = ("find_child", "decide")


def url(name, referral=None):
    kwargs = {"referral_uuid": referral.uuid} if referral is not None else None
    return reverse(f"referrals:{name}", kwargs=kwargs)


def signed_in(client, user):
    client.force_login(user)
    return client


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def contact_form(**overrides):
    return {
        **date_fields("received_on", datetime.date.today()),
        "method": "phone",
        "referrer_name": "Jo Bright",
        "referrer_role": "Health visitor",
        "referrer_relationship": "health",
        "referrer_contact": "07700 900 123",
        "child_first_name": "Caty",
        "child_last_name": "Mahoney",
        **date_fields("child_date_of_birth", BORN),
        "child_address": "3 Ash Close, EB2 1AA",
        "worries": "Baby's nappy was soaked through and Mum was asleep at 2pm.",
        "going_well": "Mum asked me for help with the feeds.",
        "needs_to_happen": "Mum to have help from someone during the day.",
        "referrer_scale": "5",
        **overrides,
    }


# --- Who may open the pages -----------------------------------------------------------------


@pytest.mark.parametrize("who", ["other_worker", "partner"])
def test_a_contact_is_404_to_anyone_outside_the_receiving_team(client, referral, who, request):
    signed_in(client, request.getfixturevalue(who))
    for name in REFERRAL_PAGES:
        assert client.get(url(name, referral)).status_code == 404, name
        assert client.post(url(name, referral), {}).status_code == 404, name


def test_a_contact_on_a_restricted_record_is_hidden_from_all_but_the_allow_list(
    client, referral, worker, support, head_of_service
):
    referral.case = CaseFactory(child=PersonFactory(), team=referral.team)
    referral.save()
    restriction = CaseRestriction.objects.create(
        case=referral.case,
        reason="The child's mother works in the front door team",
        review_on=datetime.date.today() + datetime.timedelta(days=90),
        set_by=head_of_service,
    )
    RestrictionAllowedUser.objects.create(restriction=restriction, user=support, added_by=worker)
    for outsider in (worker, head_of_service):
        signed_in(client, outsider)
        assert client.get(url("referral", referral)).status_code == 404
        assert referral.child_name not in client.get(url("front_door")).content.decode()
    signed_in(client, support)
    assert client.get(url("referral", referral)).status_code == 200


def test_the_front_door_list_and_recording_are_refused_to_partners(client, partner):
    signed_in(client, partner)
    assert client.get(url("front_door")).status_code == 403
    assert client.post(url("record"), contact_form()).status_code == 403
    assert not Referral.objects.exists()


def test_business_support_reads_a_contact_but_may_not_change_it(client, referral, support):
    signed_in(client, support)
    assert client.get(url("referral", referral)).status_code == 200
    for name in CHANGE_PAGES:
        assert client.get(url(name, referral)).status_code == 403, name
        assert client.post(url(name, referral), {"child": "new"}).status_code == 403, name
    referral.refresh_from_db()
    assert not referral.child_found


def test_managers_above_the_team_see_and_decide_its_contacts(client, referral, head_of_service):
    signed_in(client, head_of_service)
    assert client.get(url("referral", referral)).status_code == 200
    assert client.get(url("find_child", referral)).status_code == 200
    assert referral.child_name in client.get(url("front_door")).content.decode()


def test_the_header_shows_front_door_only_to_those_who_use_it(client, worker, partner):
    assert "Front door" in signed_in(client, worker).get(url("front_door")).content.decode()
    client.logout()
    page = signed_in(client, partner).get(reverse("notifications:list")).content.decode()
    assert "Front door" not in page


def test_viewing_a_contact_is_an_access_event_filed_under_the_referral(client, referral, worker):
    signed_in(client, worker).get(url("referral", referral))
    event = AccessEvent.objects.get(what="Front door: contact")
    assert (event.actor, event.case_uuid, event.basis) == (worker, referral.uuid, "front door")


# --- Record a contact, find the child, decide --------------------------------------------------


def test_a_contact_about_brothers_and_sisters_gives_each_child_a_copy(client, worker):
    signed_in(client, worker)
    younger = datetime.date(2020, 6, 1)
    response = client.post(
        url("record"),
        contact_form(
            sibling_1_first_name="Ellie", **date_fields("sibling_1_date_of_birth", younger),
            sibling_2_first_name="Jayden", sibling_2_last_name="Price",
        ),
    )  # fmt: skip
    first = Referral.objects.get(child_first_name="Caty")
    assert response["Location"] == url("find_child", first)
    children = {
        (r.child_first_name, r.child_last_name, r.child_date_of_birth, r.worries)
        for r in Referral.objects.all()
    }
    worry = contact_form()["worries"]
    assert children == {
        ("Caty", "Mahoney", BORN, worry),
        ("Ellie", "Mahoney", younger, worry),  # the same surname unless told otherwise
        ("Jayden", "Price", None, worry),
    }


def test_a_brother_or_sister_without_a_first_name_is_refused(client, worker):
    signed_in(client, worker)
    response = client.post(url("record"), contact_form(sibling_1_last_name="Price"))
    assert response.status_code == 200
    assert "Enter the first name of brother or sister 1" in response.content.decode()
    assert not Referral.objects.exists()


def test_a_contact_goes_from_recording_to_a_case_with_the_referral_on_it(client, worker):
    known = PersonFactory(first_name="Katie", last_name="Mahoney", date_of_birth=BORN)
    CaseFactory(child=known, closed_on=datetime.date.today() - datetime.timedelta(days=90))
    signed_in(client, worker)

    recorded = client.post(url("record"), contact_form())
    referral = Referral.objects.get()
    assert recorded.status_code == 302 and recorded["Location"] == url("find_child", referral)

    found = client.get(url("find_child", referral))
    assert "Katie Mahoney" in found.content.decode()
    assert "First name sounds the same (Katie)" in found.content.decode()
    chosen = client.post(
        url("find_child", referral), {"child": str(known.uuid), "version": referral.version}
    )
    assert chosen["Location"] == url("decide", referral)
    referral.refresh_from_db()
    assert referral.child == known and referral.is_re_referral

    decided = client.post(
        url("decide", referral),
        {"decision": "early_help", "reason": "Mum asked for help.", "version": referral.version},
    )
    assert decided["Location"] == url("referral", referral)
    case = Case.objects.get(closed_on__isnull=True)
    assert case.child == known and case.service_level == "early_help"
    AllocationFactory(case=case, worker=worker)
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "Contacts and referrals" in overview
    assert "Baby&#x27;s nappy was soaked through" in overview
    assert "Re-referral" in overview


def test_a_contact_with_missing_answers_shows_errors_and_saves_nothing(client, worker):
    page = signed_in(client, worker).post(url("record"), contact_form(worries="", method=""))
    assert page.status_code == 200
    assert "Enter what has happened that worries them" in page.content.decode()
    assert not Referral.objects.exists()


def test_the_decision_page_sends_you_to_find_the_child_first(client, referral, worker):
    page = signed_in(client, worker).get(url("decide", referral))
    assert page["Location"] == url("find_child", referral)


def test_a_stale_decision_form_is_refused_with_a_clear_message(client, referral, worker):
    services.referral_link_child(actor=worker, referral=referral, expected_version=1, person=None)
    page = signed_in(client, worker).post(
        url("decide", referral), {"decision": "advice", "reason": "Advice given", "version": 1}
    )
    assert page.status_code == 200 and "have not been saved" in page.content.decode()
    referral.refresh_from_db()
    assert not referral.is_decided


def test_the_decided_list_filters_by_decision_and_re_referral(client, worker, record):
    for decision in (Decision.ADVICE, Decision.NO_FURTHER_ACTION):
        referral = record(child_first_name=f"Child {decision}")
        linked = services.referral_link_child(
            actor=worker, referral=referral, expected_version=1, person=None
        )
        services.referral_decide(
            actor=worker, referral=linked, expected_version=2, decision=decision, reason="Because"
        )
    signed_in(client, worker)
    page = client.get(url("front_door"), {"show": "decided", "decision": "advice"}).content.decode()
    assert "Child advice" in page and "Child no_further_action" not in page
    page = client.get(url("front_door"), {"show": "decided", "re_referrals": "on"}).content.decode()
    assert "No decided contacts match" in page


def test_the_front_door_list_makes_the_same_number_of_queries_for_many_contacts(
    client, worker, record
):
    signed_in(client, worker)
    record()
    client.get(url("front_door"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("front_door"))
    for number in range(12):
        record(child_first_name=f"Child {number}")
    with CaptureQueriesContext(connection) as many:
        client.get(url("front_door"))
    assert len(many) == len(few)


# --- On the case ----------------------------------------------------------------------------


def _decided_on_a_case(worker):
    (referral,) = services.referral_record(actor=worker, values=contact_values())
    linked = services.referral_link_child(
        actor=worker, referral=referral, expected_version=1, person=None
    )
    return services.referral_decide(
        actor=worker, referral=linked, expected_version=2, decision="assessment", reason="Bruise"
    )


def test_the_chronology_has_the_referral(worker):
    decided = _decided_on_a_case(worker)
    (source,) = [s for s in chronology_sources() if s.key == "referrals"]
    (event,) = source.events(decided.case)
    assert event.summary == "Contact from school or nursery: child and family assessment"
    assert event.by == worker.display_name and event.url == url("referral", decided)


def test_the_case_panel_links_to_the_contact_only_for_the_front_door(client, worker):
    decided = _decided_on_a_case(worker)
    case_worker = UserFactory(team=CaseFactory().team)
    AllocationFactory(case=decided.case, worker=case_worker)
    case_url = reverse("cases:case", kwargs={"case_uuid": decided.case.uuid})
    page = signed_in(client, case_worker).get(case_url).content.decode()
    assert "Contacts and referrals" in page and url("referral", decided) not in page
    client.logout()
    AllocationFactory(case=decided.case, worker=worker)
    assert url("referral", decided) in signed_in(client, worker).get(case_url).content.decode()


def test_the_case_panel_adds_one_query_however_many_referrals(client, worker):
    decided = _decided_on_a_case(worker)
    AllocationFactory(case=decided.case, worker=worker)
    case_url = reverse("cases:case", kwargs={"case_uuid": decided.case.uuid})
    signed_in(client, worker).get(case_url)
    with CaptureQueriesContext(connection) as few:
        client.get(case_url)
    Referral.objects.bulk_create(
        [
            Referral(**{**contact_values(), "team": worker.team, "recorded_by": worker,
                        "case": decided.case, "decision": "advice"})
            for _ in range(5)
        ]
    )  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        client.get(case_url)
    assert len(many) == len(few)
