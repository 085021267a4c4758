"""Restricted records: only the allow-list opens them; everyone else, managers included,
gets 404 and never sees the child in lists, searches or counts. Team managers (and above)
and council administrators manage restrictions, after confirming it's them."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts import sessions
from safetymap.accounts.models import Role
from safetymap.accounts.reauth import REAUTH_SESSION_KEY
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import selectors, services
from safetymap.cases.models import CaseRestriction, RestrictionAllowedUser
from safetymap.notifications.models import Kind, Notification
from safetymap.notifications.selectors import notifications_for
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
REASON = "The child's mother works in Eastbrook children's services."


class People:
    def __init__(self) -> None:
        self.service: Any = TeamFactory(name="Children's Social Care")
        self.team: Any = TeamFactory(name="Child Protection Team A", parent=self.service)
        child = PersonFactory(first_name="Tilly", last_name="Marchbank")
        self.case: Any = CaseFactory(team=self.team, child=child, reference="SM-700001")
        self.worker: Any = UserFactory(team=self.team, first_name="Jess", last_name="Morgan")
        AllocationFactory(case=self.case, worker=self.worker)
        self.manager: Any = UserFactory(team=self.team, role=Role.TEAM_MANAGER, first_name="Daniel")
        self.head: Any = UserFactory(team=self.service, role=Role.TEAM_MANAGER, first_name="Anita")
        self.colleague: Any = UserFactory(team=self.team)
        self.support: Any = UserFactory(team=self.team, role=Role.BUSINESS_SUPPORT)
        self.admin: Any = UserFactory(role=Role.COUNCIL_ADMINISTRATOR, team=None)
        self.other_manager: Any = UserFactory(role=Role.TEAM_MANAGER)  # another team entirely
        self.partner: Any = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)


@pytest.fixture
def people() -> People:
    return People()


def restrict(people: People, *allowed, review_in: int = 90) -> CaseRestriction:
    return services.case_restrict(
        actor=people.head,
        case=people.case,
        reason=REASON,
        review_on=TODAY + datetime.timedelta(days=review_in),
        allowed=list(allowed) or [people.worker, people.head],
    )


def signed_in(user, *, confirmed: bool = True) -> Client:
    """A client signed in as `user`; `confirmed` as if they had just confirmed it's them."""
    client = Client()
    client.force_login(user)
    if confirmed:
        session = client.session
        session[REAUTH_SESSION_KEY] = sessions.now()
        session.save()
    return client


def url(name: str, people: People, **kwargs) -> str:
    return reverse(f"cases:{name}", kwargs={"case_uuid": people.case.uuid, **kwargs})


# --- Services ----------------------------------------------------------------------------------


def test_restricting_is_audited_with_the_allow_list(people):
    restriction = restrict(people)
    assert restriction.active and restriction.set_by == people.head
    events = AuditEvent.objects.filter(case_uuid=people.case.uuid)
    created = events.get(object_type="cases.caserestriction")
    assert created.actor == people.head and created.action == "create"
    assert created.changes["reason"]["new"] == REASON
    allowed = events.filter(object_type="cases.restrictionalloweduser")
    assert allowed.count() == 2
    assert {e.changes["user"]["new"] for e in allowed} == {
        str(people.worker.uuid),
        str(people.head.uuid),
    }


def test_only_managers_of_the_team_and_administrators_may_restrict(people):
    for user in (people.worker, people.colleague, people.other_manager, people.support):
        with pytest.raises(PermissionDenied):
            services.case_restrict(
                actor=user,
                case=people.case,
                reason=REASON,
                review_on=TODAY + datetime.timedelta(days=30),
                allowed=[people.worker],
            )
    assert not CaseRestriction.objects.exists()
    for user in (people.manager, people.admin):
        restriction = services.case_restrict(
            actor=user,
            case=people.case,
            reason=REASON,
            review_on=TODAY + datetime.timedelta(days=30),
            allowed=[people.worker],
        )
        services.case_restriction_lift(actor=user, restriction=restriction, expected_version=None)


@pytest.mark.parametrize(
    ("reason", "days", "allowed", "message"),
    [
        ("", 30, "worker", "Enter why"),
        (REASON, 0, "worker", "must be in the future"),
        (REASON, 30, None, "at least one person"),
        (REASON, 30, "partner", "only active council staff"),
    ],
)
def test_a_restriction_needs_a_reason_a_future_review_and_council_staff(
    people, reason, days, allowed, message
):
    with pytest.raises(ValidationError, match=message):
        services.case_restrict(
            actor=people.head,
            case=people.case,
            reason=reason,
            review_on=TODAY + datetime.timedelta(days=days),
            allowed=[getattr(people, allowed)] if allowed else [],
        )
    assert not CaseRestriction.objects.exists()


def test_change_allow_list_and_lift_are_audited(people):
    restriction = restrict(people)
    services.case_restriction_change(
        actor=people.manager,
        restriction=restriction,
        expected_version=restriction.version,
        reason="Mother is a family support worker in the council.",
        review_on=TODAY + datetime.timedelta(days=60),
    )
    added = services.restriction_allow_add(
        actor=people.manager, restriction=restriction, user=people.colleague
    )
    services.restriction_allow_remove(
        actor=people.manager, allowance=added, expected_version=added.version
    )
    restriction.refresh_from_db()
    services.case_restriction_lift(
        actor=people.admin, restriction=restriction, expected_version=restriction.version
    )
    summaries = list(
        AuditEvent.objects.filter(case_uuid=people.case.uuid)
        .exclude(object_type="notifications.notification")
        .order_by("id")
        .values_list("actor__username", "summary")
    )
    assert (people.manager.username, "Restriction changed") in summaries
    assert any(
        "added to the allow-list" in s and u == people.manager.username for u, s in summaries
    )
    assert any("taken off the allow-list" in s for _, s in summaries)
    assert summaries[-1] == (people.admin.username, "Restriction lifted")
    assert not CaseRestriction.objects.get().active
    assert selectors.cases_visible_to(people.manager).filter(pk=people.case.pk).exists()


def test_the_last_person_cannot_be_taken_off_the_allow_list(people):
    restriction = restrict(people, people.worker)
    only = RestrictionAllowedUser.objects.get()
    with pytest.raises(ValidationError, match="At least one person"):
        services.restriction_allow_remove(actor=people.head, allowance=only, expected_version=None)
    assert restriction.allowed_users.filter(removed_at__isnull=True).count() == 1


def test_a_stale_change_is_refused(people):
    from safetymap.core.versioning import StaleEditError

    restriction = restrict(people)
    with pytest.raises(StaleEditError):
        services.case_restriction_change(
            actor=people.head,
            restriction=restriction,
            expected_version=restriction.version - 1,
            reason="Something else",
            review_on=TODAY + datetime.timedelta(days=10),
        )


def test_restricting_again_chooses_the_allow_list_afresh(people):
    restriction = restrict(people, people.worker, people.colleague)
    services.case_restriction_lift(
        actor=people.head, restriction=restriction, expected_version=None
    )
    again = restrict(people, people.head)
    assert again.pk == restriction.pk and again.active
    assert [a.user for a in selectors.allow_list(again)] == [people.head]
    assert selectors.cases_visible_to(people.colleague).filter(pk=people.case.pk).count() == 0


# --- Review reminders --------------------------------------------------------------------------


def test_the_review_reminder_waits_until_a_week_before_the_review(people):
    restrict(people, review_in=30)
    reminders = Notification.objects.filter(kind=Kind.RESTRICTION_REVIEW)
    assert {n.recipient for n in reminders} == {people.manager, people.head}
    assert not notifications_for(people.manager).exists()  # not due yet
    Notification.objects.update(show_from=timezone.now() - datetime.timedelta(minutes=1))
    shown = notifications_for(people.manager).get()
    assert "Tilly Marchbank (SM-700001) is due for review" in shown.text
    assert shown.link == url("restriction", people)


def test_a_review_due_soon_shows_now_and_moving_the_date_replaces_the_reminder(people):
    restriction = restrict(people, review_in=3)
    assert notifications_for(people.manager).filter(kind=Kind.RESTRICTION_REVIEW).count() == 1
    services.case_restriction_change(
        actor=people.manager,
        restriction=restriction,
        expected_version=restriction.version,
        reason=REASON,
        review_on=TODAY + datetime.timedelta(days=180),
    )
    # The old reminder is withdrawn; the new one waits for its week.
    assert not notifications_for(people.manager).filter(kind=Kind.RESTRICTION_REVIEW).exists()
    assert Notification.objects.filter(
        recipient=people.manager, withdrawn_at__isnull=True, kind=Kind.RESTRICTION_REVIEW
    ).get().show_from.date() == TODAY + datetime.timedelta(days=173)


def test_lifting_withdraws_the_reminder(people):
    restriction = restrict(people, review_in=3)
    services.case_restriction_lift(
        actor=people.head, restriction=restriction, expected_version=None
    )
    assert not notifications_for(people.manager).exists()


# --- Nobody else sees the child --------------------------------------------------------------


CASE_PAGES = ["case", "child_edit", "member_add", "service_level", "sharing"]


@pytest.mark.parametrize("who", ["manager", "colleague", "support", "worker_not_listed"])
def test_everyone_off_the_allow_list_gets_404_on_every_case_page(people, who):
    if who == "worker_not_listed":
        restrict(people, people.head)
        user = people.worker
    else:
        restrict(people)
        user = getattr(people, who)
    client = signed_in(user)
    for name in CASE_PAGES:
        assert client.get(url(name, people)).status_code == 404, name
    for name in ("map", "scales", "versions"):
        page = reverse(f"mapping:{name}", kwargs={"case_uuid": people.case.uuid})
        assert client.get(page).status_code == 404, name
    assert not AccessEvent.objects.filter(actor=user).exists()


def test_the_allow_list_opens_the_record_with_a_banner_and_its_own_basis(people):
    restrict(people)
    response = signed_in(people.worker).get(url("case", people))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Restricted record" in html and 'id="record-restricted"' in html
    event = AccessEvent.objects.get(actor=people.worker)
    assert event.basis == "restricted allow-list"
    # The worker may still change it (the allow-list edits, with an editing role).
    assert signed_in(people.worker).get(url("child_edit", people)).status_code == 200


def test_lists_counts_and_searches_leave_the_child_out(people):
    restrict(people)
    other = CaseFactory(team=people.team, child=PersonFactory(last_name="Marchbank"))
    team_cases = signed_in(people.manager).get(reverse("cases:team_cases"))
    assert "Tilly" not in team_cases.content.decode()
    assert "1 case" in team_cases.content.decode()
    assert list(team_cases.context["cases"]) == [other]
    # The worker is on the allow-list: the child is still in their list.
    mine = signed_in(people.worker).get(reverse("cases:my_cases"))
    assert "Tilly Marchbank" in mine.content.decode()
    # Search never finds a restricted record, even for someone on its allow-list.
    for user in (people.colleague, people.worker):
        found = signed_in(user).get(reverse("cases:find_record"), {"q": "Marchbank"})
        assert "Tilly" not in found.content.decode()
        assert [row["case"] for row in found.context["results"]] == [other]
        found = signed_in(user).get(reverse("cases:find_record"), {"q": "SM-700001"})
        assert found.context["results"] == []


def test_the_api_leaves_restricted_records_out(people):
    restrict(people)
    manager = signed_in(people.manager)
    listed = manager.get("/api/v1/cases").json()
    assert listed["count"] == 0
    assert manager.get(f"/api/v1/cases/{people.case.uuid}").status_code == 404
    assert manager.get(f"/api/v1/cases/{people.case.uuid}/map").status_code == 404
    worker = signed_in(people.worker)
    assert worker.get(f"/api/v1/cases/{people.case.uuid}").status_code == 200
    assert worker.get("/api/v1/cases").json()["count"] == 1
    assert (
        AccessEvent.objects.filter(actor=people.worker, what="API: case").get().basis
        == "restricted allow-list"
    )


def test_no_emergency_access_into_a_restricted_record(people):
    restrict(people)
    duty = UserFactory(team=TeamFactory(name="Emergency Duty Team"))
    client = signed_in(duty)
    assert client.get(url("break_glass_request", people)).status_code == 404
    response = client.post(
        url("break_glass_request", people), {"reason": "Police called", "password": "x"}
    )
    assert response.status_code == 404
    with pytest.raises(PermissionDenied):
        services.break_glass_request(actor=duty, case=people.case, reason="Police called")


# --- Managing a restriction in the browser ------------------------------------------------------


def test_managers_and_administrators_see_the_link_others_do_not(people):
    page = signed_in(people.manager).get(url("case", people)).content.decode()
    assert "Restrict access to this record" in page
    page = signed_in(people.worker).get(url("case", people)).content.decode()
    assert "Restrict access to this record" not in page
    assert "Share with a partner professional" in page


@pytest.mark.parametrize("who", ["worker", "colleague", "support", "other_manager", "partner"])
def test_only_restriction_managers_reach_the_restriction_pages(people, who):
    restriction = restrict(people)
    allowance = restriction.allowed_users.first()
    client = signed_in(getattr(people, who))
    pages = [
        url("restriction", people),
        url("restriction_change", people),
        url("restriction_lift", people),
        url("restriction_allow_add", people),
        url("restriction_allow_remove", people, allowance_uuid=allowance.uuid),
    ]
    for page in pages:
        assert client.get(page).status_code == 404, page
        assert client.post(page, {"version": 1, "reason": "x"}).status_code == 404, page
    assert CaseRestriction.objects.get().active
    # Any team manager has a Restricted records page (theirs lists none of this team's).
    expected = 200 if who == "other_manager" else 403
    assert client.get(reverse("cases:restricted_records")).status_code == expected


def test_changing_a_restriction_asks_to_confirm_its_you(people):
    client = signed_in(people.manager, confirmed=False)
    response = client.get(url("restriction", people))
    assert response.status_code == 302
    assert reverse("accounts:reauth") in response.url
    response = client.post(
        url("restriction", people),
        {"reason": REASON, "review_on": (TODAY + datetime.timedelta(days=30)).isoformat()},
    )
    assert response.status_code == 302 and not CaseRestriction.objects.exists()


def test_a_manager_restricts_a_record_and_loses_sight_of_it(people):
    client = signed_in(people.manager)
    page = client.get(url("restriction", people))
    assert page.status_code == 200
    html = page.content.decode()
    assert "If you do not tick your own name" in html
    assert people.worker.display_name in html and people.head.display_name in html
    review = TODAY + datetime.timedelta(days=120)
    response = client.post(
        url("restriction", people),
        {
            "reason": REASON,
            "review_on_day": review.day,
            "review_on_month": review.month,
            "review_on_year": review.year,
            "allowed": [people.worker.pk, people.head.pk],
        },
    )
    assert response.status_code == 302 and response.url == url("restriction", people)
    restriction = CaseRestriction.objects.get()
    assert restriction.set_by == people.manager and restriction.review_on == review
    # The manager can still manage the restriction, but not open the record.
    detail = client.get(url("restriction", people))
    assert detail.status_code == 200
    assert "you can manage the restriction but not open the record" in detail.content.decode()
    assert client.get(url("case", people)).status_code == 404
    event = AccessEvent.objects.filter(actor=people.manager, what="Restriction").last()
    assert event.basis == "restriction management"


def test_an_administrator_is_warned_they_will_not_open_the_record(people):
    html = signed_in(people.admin).get(url("restriction", people)).content.decode()
    assert "You are not on the list below" in html


def test_the_restrict_form_shows_errors(people):
    response = signed_in(people.manager).post(url("restriction", people), {"reason": ""})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Enter why the record is restricted" in html
    assert "Enter the review date" in html
    assert "Choose at least one person who may open the record" in html


def test_change_add_remove_and_lift_through_the_pages(people):
    restriction = restrict(people)
    client = signed_in(people.manager)
    review = TODAY + datetime.timedelta(days=40)
    response = client.post(
        url("restriction_change", people),
        {
            "reason": "Mother is now a foster carer for the council.",
            "review_on": review.isoformat(),
            "version": restriction.version,
        },
    )
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.review_on == review

    add_page = client.get(url("restriction_allow_add", people))
    options = add_page.context["form"].fields["user"].queryset
    assert people.colleague in options and people.partner not in options
    assert people.worker not in options  # already on it
    response = client.post(url("restriction_allow_add", people), {"user": people.colleague.pk})
    assert response.status_code == 302
    assert selectors.cases_visible_to(people.colleague).filter(pk=people.case.pk).exists()
    bad = client.post(url("restriction_allow_add", people), {"user": people.partner.pk})
    assert bad.status_code == 200 and "Select a valid choice" in bad.content.decode()

    allowance = RestrictionAllowedUser.objects.get(user=people.colleague, removed_at=None)
    response = client.post(
        url("restriction_allow_remove", people, allowance_uuid=allowance.uuid),
        {"version": allowance.version},
    )
    assert response.status_code == 302
    assert not selectors.cases_visible_to(people.colleague).filter(pk=people.case.pk).exists()

    restriction.refresh_from_db()
    response = client.post(url("restriction_lift", people), {"version": restriction.version})
    assert response.status_code == 302
    assert not CaseRestriction.objects.get().active
    assert client.get(url("case", people)).status_code == 200


def test_administrators_find_a_record_by_reference_to_restrict_it(people):
    client = signed_in(people.admin)
    assert client.get(url("case", people)).status_code == 404  # they never open records
    response = client.post(reverse("cases:restricted_records"), {"reference": "sm-700001"})
    assert response.status_code == 302 and response.url == url("restriction", people)
    missing = client.post(reverse("cases:restricted_records"), {"reference": "SM-999999"})
    assert "There is no case with this reference" in missing.content.decode()
    # A team manager cannot reach another team's case by its reference.
    other = signed_in(people.other_manager).post(
        reverse("cases:restricted_records"), {"reference": "SM-700001"}
    )
    assert other.status_code == 200 and "There is no case" in other.content.decode()


def test_the_restricted_records_list_shows_due_reviews_and_records_the_children_shown(people):
    restrict(people, review_in=3)
    response = signed_in(people.manager).get(reverse("cases:restricted_records"))
    html = response.content.decode()
    assert "Tilly Marchbank" in html and "Review due" not in html
    CaseRestriction.objects.update(review_on=TODAY)
    html = signed_in(people.head).get(reverse("cases:restricted_records")).content.decode()
    assert "Review due" in html
    assert AccessEvent.objects.filter(
        actor=people.manager, case_uuid=people.case.uuid, basis="restriction management"
    ).exists()
    assert (
        "Tilly"
        not in signed_in(people.other_manager)
        .get(reverse("cases:restricted_records"))
        .content.decode()
    )


def test_hostile_fields_are_ignored(people):
    other_case = CaseFactory()
    review = TODAY + datetime.timedelta(days=30)
    response = signed_in(people.manager).post(
        url("restriction", people),
        {
            "reason": REASON,
            "review_on": review.isoformat(),
            "allowed": [people.worker.pk],
            "set_by": people.admin.pk,
            "active": "false",
            "case": other_case.pk,
            "set_at": "2000-01-01T00:00:00Z",
            "user": people.manager.pk,
        },
    )
    assert response.status_code == 302
    restriction = CaseRestriction.objects.get()
    assert restriction.case == people.case and restriction.active
    assert restriction.set_by == people.manager
    assert restriction.set_at.date() == timezone.localdate()
    assert [a.user for a in selectors.allow_list(restriction)] == [people.worker]
    # Someone outside the suggestions cannot be slipped onto the list by the first form.
    CaseRestriction.objects.all().update(active=False)
    response = signed_in(people.manager).post(
        url("restriction", people),
        {"reason": REASON, "review_on": review.isoformat(), "allowed": [people.partner.pk]},
    )
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_restricting_ends_shares_and_running_emergency_access(people):
    from safetymap.cases.models import BreakGlassGrant, CaseShare

    share = services.case_share_add(actor=people.worker, case=people.case, partner=people.partner)
    duty = UserFactory(team=TeamFactory(name="Emergency Duty Team"))
    grant = services.break_glass_request(actor=duty, case=people.case, reason="Police called")
    restriction = restrict(people)
    share.refresh_from_db()
    grant.refresh_from_db()
    assert share.ended_at is not None and share.ended_by == people.head
    assert grant.ended_at is not None and not grant.is_reviewed  # still waits for review
    summaries = set(
        AuditEvent.objects.filter(case_uuid=people.case.uuid).values_list("summary", flat=True)
    )
    assert "Emergency access ended: the record is restricted" in summaries
    assert any(s.endswith("ended: the record is restricted") and "Sharing" in s for s in summaries)
    assert notifications_for(people.partner).get().kind == Kind.SHARE_ENDED
    # Lifting the restriction does not quietly open the record to them again.
    services.case_restriction_lift(
        actor=people.head, restriction=restriction, expected_version=None
    )
    for user in (people.partner, duty):
        assert not selectors.cases_visible_to(user).filter(pk=people.case.pk).exists()
    assert CaseShare.objects.filter(ended_at__isnull=True).count() == 0
    assert BreakGlassGrant.objects.get().reviewed_at is None
