"""The demo council shows restricted records, a share and emergency access waiting for
review (safetymap/demo/restricted.py)."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from safetymap.accounts.models import Role, User
from safetymap.cases import selectors
from safetymap.cases.models import BreakGlassGrant, CaseRestriction, CaseShare
from safetymap.cases.policies import access_basis
from safetymap.notifications.models import Kind
from safetymap.notifications.selectors import notifications_for

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_council")]
# As in safetymap/demo/restricted.py (cases may not import demo: the layers go the other way).
STAFF_FAMILY_REASON = "The child's mother works in Eastbrook children's services."


def test_the_demo_shows_who_may_open_records(demo_council: str) -> None:
    """One seeded council (seeding takes a while), checked part by part."""
    demo = {user.username: user for user in User.objects.filter(is_demo=True)}
    two_restricted_records(demo)
    a_shared_record(demo)
    emergency_access_waiting_for_review(demo)
    the_duty_worker_in_the_logins()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def two_restricted_records(demo):
    restrictions = list(CaseRestriction.objects.filter(active=True).order_by("id"))
    assert len(restrictions) == 2
    staff_family = restrictions[0]
    assert staff_family.reason == STAFF_FAMILY_REASON
    allowed = {a.user.username for a in selectors.allow_list(staff_family)}
    assert allowed == {"practitioner", "headofservice"}
    case = staff_family.case
    assert access_basis(demo["practitioner"], case) == "restricted allow-list"
    assert access_basis(demo["manager"], case) is None
    assert (
        signed_in(demo["manager"])
        .get(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
        .status_code
        == 404
    )
    # The manager is reminded that the review is due, and can manage the restriction.
    reminder = notifications_for(demo["manager"]).get(kind=Kind.RESTRICTION_REVIEW)
    assert case.reference in reminder.text
    # The other restricted record is in another team, opened by its own worker.
    other = restrictions[1].case
    assert other.team.name != "Child Protection Team A"
    worker = selectors.current_workers(other)[0]
    assert access_basis(worker, other) == "restricted allow-list"


def a_shared_record(demo):
    share = CaseShare.objects.get(ended_at__isnull=True)
    assert share.partner.username == "partner" and share.shared_by.username == "practitioner"
    assert access_basis(demo["partner"], share.case) == "shared"
    response = signed_in(demo["partner"]).get(reverse("cases:shared_with_me"))
    assert share.case.child.full_name in response.content.decode()
    # A realistic subset: statements, goals, next steps and the school's report; no harm.
    shared = selectors.partner_view(demo["partner"], share.case)
    assert shared is not None
    assert shared.kinds == {"danger_statement", "safety_goal", "next_step", "document"}
    assert shared.uuids("danger_statement") == set(
        share.case.danger_statements.filter(removed_at=None).values_list("uuid", flat=True)
    )
    partner = signed_in(demo["partner"])
    the_map = partner.get(reverse("mapping:map", kwargs={"case_uuid": share.case.uuid}))
    harm = share.case.map_items.filter(part="harm", removed_at=None).first()
    assert harm is not None and escape(harm.text) not in the_map.content.decode()
    assert the_map.status_code == 200 and "Shared with you by" in the_map.content.decode()
    documents = partner.get(reverse("documents:list", kwargs={"case_uuid": share.case.uuid}))
    assert "School report, autumn term" in documents.content.decode()


def emergency_access_waiting_for_review(demo):
    duty = demo["duty"]
    assert duty.role == Role.PRACTITIONER and duty.team.name == "Emergency Duty Team"
    grant = BreakGlassGrant.objects.get()
    assert grant.user == duty and not grant.is_reviewed and not grant.is_active()
    assert access_basis(duty, grant.case) is None
    response = signed_in(demo["manager"]).get(reverse("cases:break_glass_reviews"))
    rows = response.context["rows"]
    assert [row["grant"] for row in rows] == [grant]
    assert [event.what for event in rows[0]["opened"]] == ["Case overview", "The map", "Scales"]
    assert notifications_for(demo["manager"]).filter(kind=Kind.BREAK_GLASS).exists()


def the_duty_worker_in_the_logins():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "duty" in out.getvalue() and "Emergency Duty Team" in out.getvalue()
