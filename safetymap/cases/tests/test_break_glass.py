"""Emergency ("break-glass") access: a duty worker finds a child, gives a reason, their
password and a current code, and may then read the record for a limited time. The case's
team managers are told in the product and review every use."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import selectors, services
from safetymap.cases.models import BreakGlassGrant
from safetymap.notifications.models import Kind, Notification
from safetymap.notifications.selectors import notifications_for
from tests.factories import (
    PASSWORD,
    AllocationFactory,
    CaseFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)
from tests.twofactor import confirmed_device, totp_code

pytestmark = pytest.mark.django_db
REASON = "Police called at 11:40pm: Ellis was found alone near the canal. I need the safety plan."


class People:
    def __init__(self) -> None:
        self.service: Any = TeamFactory(name="Children's Social Care")
        self.team: Any = TeamFactory(name="Child Protection Team A", parent=self.service)
        child = PersonFactory(first_name="Ellis", last_name="Brannigan")
        self.case: Any = CaseFactory(team=self.team, child=child, reference="SM-801234")
        self.worker: Any = UserFactory(team=self.team)
        AllocationFactory(case=self.case, worker=self.worker)
        self.manager: Any = UserFactory(team=self.team, role=Role.TEAM_MANAGER, first_name="Daniel")
        self.second_manager: Any = UserFactory(team=self.team, role=Role.TEAM_MANAGER)
        self.head: Any = UserFactory(team=self.service, role=Role.TEAM_MANAGER)
        self.edt: Any = TeamFactory(name="Emergency Duty Team", parent=self.service)
        self.duty: Any = UserFactory(team=self.edt, first_name="Sam", last_name="Okafor")
        self.other_manager: Any = UserFactory(role=Role.TEAM_MANAGER)


@pytest.fixture
def people() -> People:
    return People()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def request_url(people: People) -> str:
    return reverse("cases:break_glass_request", kwargs={"case_uuid": people.case.uuid})


def case_url(people: People, name: str = "cases:case") -> str:
    return reverse(name, kwargs={"case_uuid": people.case.uuid})


def grant_for(people: People, *, hours_ago: float = 0) -> BreakGlassGrant:
    grant = services.break_glass_request(actor=people.duty, case=people.case, reason=REASON)
    if hours_ago:
        shift = datetime.timedelta(hours=hours_ago)
        BreakGlassGrant.objects.filter(pk=grant.pk).update(
            granted_at=grant.granted_at - shift, expires_at=grant.expires_at - shift
        )
        grant.refresh_from_db()
    return grant


# --- Find a child's record -------------------------------------------------------------------


def test_the_search_shows_only_name_date_of_birth_and_reference(people):
    people.case.summary = "Dad has a history of violence towards Mum."
    people.case.save()
    client = signed_in(people.duty)
    response = client.get(reverse("cases:find_record"), {"q": "ellis brann"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ellis Brannigan" in html and "SM-801234" in html
    assert "violence" not in html and people.team.name not in html
    assert "Request emergency access" in html
    event = AccessEvent.objects.get(actor=people.duty)
    assert (event.case_uuid, event.basis) == (people.case.uuid, "search")
    # By reference too.
    found = client.get(reverse("cases:find_record"), {"q": "sm-801234"})
    assert [row["case"] for row in found.context["results"]] == [people.case]


def test_someone_who_can_already_open_the_record_is_offered_it(people):
    html = signed_in(people.worker).get(reverse("cases:find_record"), {"q": "Brannigan"})
    assert "Open the record" in html.content.decode()


def test_too_many_matches_show_nobody(people):
    for _ in range(selectors.SEARCH_LIMIT + 1):
        CaseFactory(child=PersonFactory(last_name="Smith"))
    response = signed_in(people.duty).get(reverse("cases:find_record"), {"q": "Smith"})
    assert response.context["too_many"] and response.context["results"] == []
    assert "More than 20 children match" in response.content.decode()
    assert not AccessEvent.objects.exists()


def test_an_empty_search_asks_for_a_name(people):
    response = signed_in(people.duty).get(reverse("cases:find_record"), {"q": "E"})
    assert "Enter at least 2 letters" in response.content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.BUSINESS_SUPPORT, Role.PARTNER_PROFESSIONAL, Role.COUNCIL_ADMINISTRATOR],
)
def test_roles_that_cannot_use_emergency_access_cannot_search(people, role):
    client = signed_in(UserFactory(role=role))
    assert client.get(reverse("cases:find_record"), {"q": "Ellis"}).status_code == 403
    assert client.get(request_url(people)).status_code == 403
    assert not AccessEvent.objects.exists()


def test_sign_in_is_required(people):
    for page in (reverse("cases:find_record"), request_url(people)):
        response = Client().get(page)
        assert response.status_code == 302 and reverse("accounts:login") in response.url


# --- Asking for emergency access ---------------------------------------------------------------


def test_without_emergency_access_the_record_is_404(people):
    client = signed_in(people.duty)
    assert client.get(case_url(people)).status_code == 404
    assert client.get(f"/api/v1/cases/{people.case.uuid}").status_code == 404


def test_the_right_password_opens_the_record_and_tells_the_managers(people, settings):
    settings.SAFETYMAP_BREAK_GLASS_HOURS = 4
    client = signed_in(people.duty)
    page = client.get(request_url(people))
    assert page.status_code == 200
    assert "for 4 hours" in page.content.decode()
    assert "code" not in page.context["form"].fields  # no authenticator app set up

    before = timezone.now()
    response = client.post(request_url(people), {"reason": REASON, "password": PASSWORD})
    assert response.status_code == 302 and response.url == case_url(people)

    grant = BreakGlassGrant.objects.get()
    assert grant.user == people.duty and grant.reason == REASON
    assert before + datetime.timedelta(hours=4) <= grant.expires_at
    assert grant.expires_at <= timezone.now() + datetime.timedelta(hours=4)
    audit = AuditEvent.objects.get(object_type="cases.breakglassgrant")
    assert audit.actor == people.duty and audit.case_uuid == people.case.uuid

    # Every manager of the child's team is told; nobody else.
    told = Notification.objects.filter(kind=Kind.BREAK_GLASS)
    assert {n.recipient for n in told} == {people.manager, people.second_manager}
    message = told.first()
    assert "Sam Okafor, Emergency Duty Team used emergency access" in message.text
    assert "Ellis Brannigan (SM-801234)" in message.text and REASON in message.text
    assert message.link == reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})

    # The record opens, with a banner, on the basis "break-glass", read-only.
    overview = client.get(case_url(people))
    assert overview.status_code == 200
    assert "You are using emergency access until" in overview.content.decode()
    assert not overview.context["can_edit"]
    assert client.get(case_url(people, "mapping:map")).status_code == 200
    bases = set(
        AccessEvent.objects.filter(actor=people.duty)
        .exclude(what="Request emergency access")
        .values_list("basis", flat=True)
    )
    assert bases == {"break-glass"}


def test_emergency_access_is_read_only(people):
    grant_for(people)
    client = signed_in(people.duty)
    assert client.get(case_url(people, "cases:child_edit")).status_code == 403
    response = client.post(case_url(people, "cases:child_edit"), {"first_name": "Changed"})
    assert response.status_code == 403
    add_item = reverse(
        "mapping:record_add", kwargs={"case_uuid": people.case.uuid, "kind": "items"}
    )
    assert client.post(add_item, {"text": "Changed"}).status_code == 403
    api = client.post(
        f"/api/v1/cases/{people.case.uuid}/people",
        {"first_name": "Marcus", "relationship": "father"},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert client.get(f"/api/v1/cases/{people.case.uuid}").status_code == 200
    people.case.child.refresh_from_db()
    assert people.case.child.first_name == "Ellis"


def test_a_wrong_password_is_refused_and_recorded(people):
    client = signed_in(people.duty)
    response = client.post(request_url(people), {"reason": REASON, "password": "guess"})
    assert response.status_code == 200
    assert "Your password is not right" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    refused = AuditEvent.objects.get(action="break_glass_refused")
    assert refused.actor == people.duty and refused.changes == {"why": "wrong password"}
    assert not Notification.objects.exists()


def test_a_reason_is_required(people):
    response = signed_in(people.duty).post(request_url(people), {"password": PASSWORD})
    assert "Enter why you need to open this record now" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="break_glass_refused").exists()


def test_with_an_authenticator_app_the_current_code_is_needed_too(people):
    device = confirmed_device(people.duty)
    client = signed_in(people.duty)
    assert "code" in client.get(request_url(people)).context["form"].fields
    missing = client.post(request_url(people), {"reason": REASON, "password": PASSWORD})
    assert "Enter the code from your authenticator app" in missing.content.decode()
    wrong = client.post(
        request_url(people), {"reason": REASON, "password": PASSWORD, "code": "000000"}
    )
    assert "The code is not right" in wrong.content.decode()
    assert AuditEvent.objects.get(action="break_glass_refused").changes == {
        "why": "wrong authenticator code"
    }
    assert not BreakGlassGrant.objects.exists()
    # A wrong code slows the next try down (django-otp's throttling).
    throttled = client.post(
        request_url(people),
        {"reason": REASON, "password": PASSWORD, "code": totp_code(device)},
    )
    assert "Wait a few seconds" in throttled.content.decode()
    device.refresh_from_db()
    device.throttle_reset()
    right = client.post(
        request_url(people),
        {"reason": REASON, "password": PASSWORD, "code": totp_code(device)},
    )
    assert right.status_code == 302
    assert BreakGlassGrant.objects.filter(user=people.duty).exists()


def test_the_right_code_with_a_wrong_password_is_still_refused(people):
    device = confirmed_device(people.duty)
    response = signed_in(people.duty).post(
        request_url(people), {"reason": REASON, "password": "guess", "code": totp_code(device)}
    )
    assert response.status_code == 200 and not BreakGlassGrant.objects.exists()


def test_someone_who_can_already_open_the_record_is_sent_to_it(people):
    response = signed_in(people.worker).get(request_url(people))
    assert response.status_code == 302 and response.url == case_url(people)
    with pytest.raises(Exception, match="already open"):
        services.break_glass_request(actor=people.worker, case=people.case, reason=REASON)


def test_only_practitioners_and_managers_may_use_it(people):
    support = UserFactory(role=Role.BUSINESS_SUPPORT)
    with pytest.raises(PermissionDenied):
        services.break_glass_request(actor=support, case=people.case, reason=REASON)


# --- It runs out -----------------------------------------------------------------------------


def test_access_runs_out_after_the_set_hours(people):
    grant = grant_for(people, hours_ago=8)  # asked for 8 hours ago: just run out
    assert grant.expires_at <= timezone.now()
    client = signed_in(people.duty)
    assert client.get(case_url(people)).status_code == 404
    assert client.get(f"/api/v1/cases/{people.case.uuid}").status_code == 404
    assert not selectors.cases_visible_to(people.duty).exists()
    # They may ask again.
    assert client.get(request_url(people)).status_code == 200


def test_access_lasts_until_it_runs_out(people):
    grant_for(people, hours_ago=7.9)
    assert signed_in(people.duty).get(case_url(people)).status_code == 200


def test_the_worker_can_finish_early(people):
    grant = grant_for(people)
    client = signed_in(people.duty)
    finish = reverse("cases:break_glass_finish", kwargs={"case_uuid": people.case.uuid})
    assert client.get(finish).status_code == 405
    response = client.post(finish)
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.ended_at is not None and not grant.is_reviewed
    assert client.get(case_url(people)).status_code == 404
    assert client.post(finish).status_code == 404
    assert AuditEvent.objects.filter(summary="Emergency access finished by the worker").exists()


# --- Review ----------------------------------------------------------------------------------


def test_managers_see_emergency_access_to_review_with_the_pages_opened(people):
    grant = grant_for(people)
    duty = signed_in(people.duty)
    duty.get(case_url(people))
    duty.get(case_url(people, "mapping:map"))
    other_case = CaseFactory(team=people.team)
    other = services.break_glass_request(actor=people.duty, case=other_case, reason="Another")
    signed_in(people.duty).get(reverse("cases:case", kwargs={"case_uuid": other_case.uuid}))

    response = signed_in(people.manager).get(reverse("cases:break_glass_reviews"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ellis Brannigan" in html and "Sam Okafor" in html and "Waiting for review" in html
    rows = {row["grant"].pk: row for row in response.context["rows"]}
    assert [e.what for e in rows[grant.pk]["opened"]] == ["Case overview", "The map"]
    assert [e.what for e in rows[other.pk]["opened"]] == ["Case overview"]
    assert response.context["waiting"] == 2

    detail = signed_in(people.manager).get(
        reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    )
    assert detail.status_code == 200
    detail_html = detail.content.decode()
    assert "Case overview" in detail_html and "The map" in detail_html and REASON in detail_html
    # Viewing the review is recorded, on the manager's own basis.
    assert AccessEvent.objects.filter(
        actor=people.manager, what="Emergency access review", basis="manager"
    ).exists()


def test_managers_above_review_too_but_not_other_teams_or_the_worker(people):
    grant = grant_for(people)
    review = reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    assert signed_in(people.head).get(review).status_code == 200
    assert signed_in(people.other_manager).get(review).status_code == 404
    other_list = signed_in(people.other_manager).get(reverse("cases:break_glass_reviews"))
    assert other_list.context["rows"] == []
    assert signed_in(people.duty).get(review).status_code == 403  # not a manager
    assert signed_in(people.worker).get(reverse("cases:break_glass_reviews")).status_code == 403


def test_a_manager_never_reviews_their_own_emergency_access(people):
    grant = services.break_glass_request(
        actor=people.other_manager, case=people.case, reason=REASON
    )
    assert people.other_manager not in {
        n.recipient for n in Notification.objects.filter(kind=Kind.BREAK_GLASS)
    }
    with pytest.raises(PermissionDenied):
        services.break_glass_review(
            actor=people.other_manager,
            grant=grant,
            expected_version=None,
            outcome="appropriate",
            note="",
        )


def test_an_appropriate_review_is_recorded_and_the_worker_told(people):
    grant = grant_for(people)
    client = signed_in(people.manager)
    review = reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    response = client.post(review, {"outcome": "appropriate", "note": "", "version": grant.version})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.reviewed_by == people.manager and grant.outcome == "appropriate"
    assert grant.is_active()  # an appropriate review leaves the access running
    audit = AuditEvent.objects.get(summary="Emergency access reviewed: appropriate")
    assert audit.actor == people.manager and audit.changes["outcome"]["new"] == "appropriate"
    # The other manager's notification is withdrawn: it is done.
    assert not notifications_for(people.second_manager).filter(kind=Kind.BREAK_GLASS).exists()
    told = notifications_for(people.duty).get(kind=Kind.BREAK_GLASS_REVIEWED)
    assert "appropriate" in told.text
    # Reviewed once only.
    again = client.get(review)
    assert "form" not in again.context or again.context["form"] is None
    assert "Reviewed by" in again.content.decode()


def test_not_appropriate_needs_a_note_and_ends_the_access(people):
    grant = grant_for(people)
    client = signed_in(people.manager)
    review = reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    response = client.post(review, {"outcome": "not_appropriate", "version": grant.version})
    assert "Say why the emergency access was not appropriate" in response.content.decode()
    grant.refresh_from_db()
    assert not grant.is_reviewed
    response = client.post(
        review,
        {
            "outcome": "not_appropriate",
            "note": "There was no police call that night. I will speak to Sam's manager.",
            "version": grant.version,
        },
    )
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.outcome == "not_appropriate" and grant.ended_at is not None
    assert signed_in(people.duty).get(case_url(people)).status_code == 404
    assert "Your access has been ended" in notifications_for(people.duty).get().text


def test_a_stale_review_is_refused(people):
    grant = grant_for(people)
    review = reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    signed_in(people.second_manager).post(
        review, {"outcome": "appropriate", "version": grant.version}
    )
    response = signed_in(people.manager).post(
        review, {"outcome": "not_appropriate", "note": "x", "version": grant.version}, follow=True
    )
    assert "has already reviewed this. Nothing you entered has been saved" in (
        response.content.decode()
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == people.second_manager and grant.outcome == "appropriate"


# --- No field a user may not set, and a fixed number of queries --------------------------------


def test_hostile_fields_are_ignored(people):
    response = signed_in(people.duty).post(
        request_url(people),
        {
            "reason": REASON,
            "password": PASSWORD,
            "user": people.manager.pk,
            "expires_at": "2099-01-01T00:00:00Z",
            "reviewed_at": "2020-01-01T00:00:00Z",
            "outcome": "appropriate",
            "case": CaseFactory().pk,
        },
    )
    assert response.status_code == 302
    grant = BreakGlassGrant.objects.get()
    assert grant.user == people.duty and grant.case == people.case
    assert grant.expires_at < timezone.now() + datetime.timedelta(hours=8, minutes=1)
    assert grant.reviewed_at is None and grant.outcome == ""
    review = reverse("cases:break_glass_review", kwargs={"grant_uuid": grant.uuid})
    signed_in(people.manager).post(
        review,
        {
            "outcome": "appropriate",
            "version": grant.version,
            "reviewed_by": people.head.pk,
            "expires_at": "2099-01-01T00:00:00Z",
            "user": people.manager.pk,
        },
    )
    grant.refresh_from_db()
    assert grant.reviewed_by == people.manager and grant.user == people.duty
    assert grant.expires_at < timezone.now() + datetime.timedelta(hours=8)


def count_queries(client, url, data=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, data).status_code == 200
    return len(queries.captured_queries)


def test_the_search_and_the_review_list_make_a_fixed_number_of_queries(people):
    duty, manager = signed_in(people.duty), signed_in(people.manager)
    search, reviews = reverse("cases:find_record"), reverse("cases:break_glass_reviews")
    grant_for(people)
    duty.get(case_url(people))
    count_queries(duty, search, {"q": "Brannigan"})  # warm up
    few = count_queries(duty, search, {"q": "Brannigan"}), count_queries(manager, reviews)
    for number in range(6):
        case = CaseFactory(team=people.team, child=PersonFactory(last_name="Brannigan"))
        other = UserFactory(team=people.edt)
        services.break_glass_request(actor=other, case=case, reason=f"Call {number}")
        signed_in(other).get(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
    many = count_queries(duty, search, {"q": "Brannigan"}), count_queries(manager, reviews)
    assert many == few


def test_wrong_passwords_count_towards_the_account_lock_out(people, settings):
    from axes.models import AccessAttempt

    settings.AXES_FAILURE_LIMIT = 3
    client = signed_in(people.duty)
    for _ in range(3):
        client.post(request_url(people), {"reason": REASON, "password": "guess"})
    attempt = AccessAttempt.objects.get(username=people.duty.username)
    assert attempt.failures_since_start == 3
    # Locked out: even the right password no longer opens the record.
    response = client.post(request_url(people), {"reason": REASON, "password": PASSWORD})
    assert response.status_code == 200 and not BreakGlassGrant.objects.exists()
