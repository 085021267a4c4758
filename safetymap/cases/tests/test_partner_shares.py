"""Sharing with partner professionals: the case overview and what is chosen for them from
the map, read-only, recorded on the basis "shared"; nothing else of the record; the
allocated worker, team and managers share and stop sharing from the case. (Choosing item
by item: test_shared_items.py.)"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import resolve, reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services
from safetymap.cases.models import CaseShare, SharedKind
from safetymap.cases.policies import shared_page_allowed
from safetymap.cases.registry import case_tabs
from safetymap.notifications.models import Kind
from safetymap.notifications.selectors import notifications_for
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    MapItemFactory,
    PersonFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class People:
    def __init__(self) -> None:
        self.team: Any = TeamFactory(name="Child Protection Team A")
        child = PersonFactory(first_name="Rosa", last_name="Penhallow")
        self.case: Any = CaseFactory(team=self.team, child=child, reference="SM-612345")
        self.worker: Any = UserFactory(team=self.team, first_name="Jess", last_name="Morgan")
        AllocationFactory(case=self.case, worker=self.worker)
        self.manager: Any = UserFactory(team=self.team, role=Role.TEAM_MANAGER)
        self.support: Any = UserFactory(team=self.team, role=Role.BUSINESS_SUPPORT)
        self.partner: Any = UserFactory(
            role=Role.PARTNER_PROFESSIONAL,
            team=None,
            first_name="Mark",
            last_name="Ellis",
            organisation="Eastbrook Primary School",
        )
        self.other_partner: Any = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
        self.item: Any = MapItemFactory(
            case=self.case, text="Rosa's gran collects her every Friday."
        )


@pytest.fixture
def people() -> People:
    return People()


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page(people: People, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"case_uuid": people.case.uuid, **kwargs})


def share(people: People) -> CaseShare:
    """Share the record, with Rosa's gran's item and the scales chosen."""
    made = services.case_share_add(
        actor=people.worker, case=people.case, partner=people.partner, reason="School DSL"
    )
    return services.shared_items_choose(
        actor=people.worker,
        share=made,
        chosen={(SharedKind.MAP_ITEM, people.item.uuid), (SharedKind.SCALES, people.case.uuid)},
        expected_version=made.version,
    )


# --- Services ----------------------------------------------------------------------------------


def test_sharing_is_audited_and_the_partner_told(people):
    made = share(people)
    audit = AuditEvent.objects.filter(object_type="cases.caseshare").earliest("id")
    assert audit.actor == people.worker and audit.changes["partner"]["new"] == str(
        people.partner.uuid
    )
    told = notifications_for(people.partner).get()
    assert told.kind == Kind.SHARED and "parts of Rosa Penhallow's record" in told.text
    assert told.link == page(people, "cases:case")
    services.case_share_end(actor=people.manager, share=made, expected_version=made.version)
    ended = AuditEvent.objects.filter(object_type="cases.caseshare").latest("id")
    assert ended.actor == people.manager and "ended" in ended.summary
    assert notifications_for(people.partner).get().kind == Kind.SHARE_ENDED  # the first withdrawn


def test_only_those_who_may_change_the_case_share_it(people):
    for user in (people.support, UserFactory(), people.other_partner):
        with pytest.raises(PermissionDenied):
            services.case_share_add(actor=user, case=people.case, partner=people.partner)
    assert not CaseShare.objects.exists()


def test_only_partner_professionals_receive_shares_once_each(people):
    with pytest.raises(ValidationError, match="not a partner professional"):
        services.case_share_add(actor=people.worker, case=people.case, partner=people.support)
    share(people)
    with pytest.raises(ValidationError, match="already shared"):
        share(people)


# --- What a partner sees -------------------------------------------------------------------------


def test_without_a_share_a_partner_sees_nothing(people):
    client = signed_in(people.partner)
    assert client.get(page(people, "cases:case")).status_code == 404
    assert client.get(page(people, "mapping:map")).status_code == 404
    assert client.get("/api/v1/cases").json()["count"] == 0


def test_a_share_opens_the_overview_and_the_map_read_only(people):
    share(people)
    client = signed_in(people.partner)
    overview = client.get(page(people, "cases:case"))
    assert overview.status_code == 200
    html = overview.content.decode()
    assert "Shared with you by Jess Morgan" in html
    assert "Change the child&#x27;s details" not in html and not overview.context["can_edit"]
    # Only the tabs a share covers.
    labels = [tab["label"] for tab in overview.context["tabs"]]
    urls = [tab["url"] for tab in overview.context["tabs"]]
    assert "Overview" in labels
    assert all(u.startswith(f"/cases/{people.case.uuid}/") for u in urls)
    for url in urls:
        assert client.get(url).status_code == 200, url
    staff_tabs = signed_in(people.worker).get(page(people, "cases:case")).context["tabs"]
    assert set(labels) <= {tab["label"] for tab in staff_tabs}
    kinds = {SharedKind.MAP_ITEM, SharedKind.SCALES}
    assert all(shared_page_allowed(resolve(url).view_name, kinds) for url in urls)
    the_map = client.get(page(people, "mapping:map"))
    assert (
        the_map.status_code == 200 and "Rosa&#x27;s gran collects her" in the_map.content.decode()
    )
    assert set(
        AccessEvent.objects.filter(actor=people.partner).values_list("basis", flat=True)
    ) == {"shared"}


def test_pages_a_share_does_not_cover_are_404(people):
    share(people)
    client = signed_in(people.partner)
    for name in ("cases:child_edit", "cases:member_add", "cases:service_level", "cases:sharing"):
        assert client.get(page(people, name)).status_code == 404, name
    # Other apps' case pages (documents not shared, the access log) are not open either: 404
    # from the case page door, or 403 from a page that is for managers only.
    for tab in case_tabs():
        if not shared_page_allowed(tab.url_name, {SharedKind.MAP_ITEM, SharedKind.SCALES}):
            status = client.get(page(people, tab.url_name)).status_code
            assert status in (403, 404), tab.url_name
    assert client.post(page(people, "cases:child_edit"), {"first_name": "X"}).status_code == 404


def test_every_write_is_403(people):
    share(people)
    client = signed_in(people.partner)
    # Pages for changing the map are not shared at all (404); the shared pages refuse writes.
    add = page(people, "mapping:record_add", kind="items")
    assert client.get(add).status_code == 404
    assert (
        client.post(add, {"part": "strength", "text": "Written by the school"}).status_code == 404
    )
    edit = page(people, "mapping:record_edit", kind="items", row_uuid=self_uuid(people))
    assert client.post(edit, {"text": "Changed", "version": 1}).status_code == 404
    assert client.post(page(people, "mapping:version_save"), {}).status_code == 404
    assert client.post(page(people, "mapping:map"), {}).status_code == 403
    api = client.post(
        f"/api/v1/cases/{people.case.uuid}/service-level",
        {"to_level": "child_in_need", "changed_on": "2026-01-01", "reason": "x", "version": 1},
        content_type="application/json",
    )
    assert api.status_code == 403
    people.item.refresh_from_db()
    assert people.item.text == "Rosa's gran collects her every Friday."


def self_uuid(people: People):
    return people.item.uuid


def test_the_api_follows_the_share(people):
    share(people)
    client = signed_in(people.partner)
    listed = client.get("/api/v1/cases").json()
    assert [row["reference"] for row in listed["items"]] == ["SM-612345"]
    detail = client.get(f"/api/v1/cases/{people.case.uuid}")
    assert detail.status_code == 200 and detail.json()["can_edit"] is False
    assert client.get(f"/api/v1/cases/{people.case.uuid}/map").status_code == 200
    assert (
        AccessEvent.objects.filter(actor=people.partner, what="API: case").get().basis == "shared"
    )


def test_ending_the_share_closes_the_record_again(people):
    made = share(people)
    worker = signed_in(people.worker)
    confirm = worker.get(page(people, "cases:share_end", share_uuid=made.uuid))
    assert confirm.status_code == 200 and "Stop sharing with Mark Ellis?" in (
        confirm.content.decode()
    )
    response = worker.post(
        page(people, "cases:share_end", share_uuid=made.uuid), {"version": made.version}
    )
    assert response.status_code == 302
    made.refresh_from_db()
    assert made.ended_at is not None and made.ended_by == people.worker
    assert signed_in(people.partner).get(page(people, "cases:case")).status_code == 404


def test_records_shared_with_you(people):
    share(people)
    CaseFactory(child=PersonFactory(first_name="Unshared"))
    response = signed_in(people.partner).get(reverse("cases:shared_with_me"))
    html = response.content.decode()
    assert "Rosa Penhallow" in html and "Unshared" not in html and "Jess Morgan" in html
    assert (
        AccessEvent.objects.filter(
            actor=people.partner, what="Records shared with you", basis="shared"
        ).count()
        == 1
    )
    my_cases = signed_in(people.partner).get(reverse("cases:my_cases")).content.decode()
    assert "Records shared with you" in my_cases


# --- Sharing from the case ---------------------------------------------------------------------


def test_the_worker_shares_from_the_case_page(people):
    client = signed_in(people.worker)
    overview = client.get(page(people, "cases:case")).content.decode()
    assert "Share with a partner professional" in overview
    sharing = client.get(page(people, "cases:sharing"))
    options = sharing.context["form"].fields["partner"].queryset
    assert set(options) == {people.partner, people.other_partner}
    response = client.post(
        page(people, "cases:sharing"),
        {"partner": people.partner.pk, "reason": "The school is in the safety network."},
    )
    assert response.status_code == 302
    made = CaseShare.objects.get()
    assert response["Location"] == page(people, "cases:share_choose", share_uuid=made.uuid)
    assert made.partner == people.partner and made.shared_by == people.worker
    listing = client.get(page(people, "cases:sharing")).content.decode()
    assert "Mark Ellis" in listing and "Stop sharing" in listing
    assert (
        people.partner
        not in client.get(page(people, "cases:sharing")).context["form"].fields["partner"].queryset
    )


def test_read_only_staff_see_who_it_is_shared_with_but_cannot_share(people):
    share(people)
    client = signed_in(people.support)
    sharing = client.get(page(people, "cases:sharing"))
    assert sharing.status_code == 200 and sharing.context["form"] is None
    assert "Stop sharing" not in sharing.content.decode()
    response = client.post(page(people, "cases:sharing"), {"partner": people.other_partner.pk})
    assert response.status_code == 403
    made = CaseShare.objects.get()
    assert (
        client.post(
            page(people, "cases:share_end", share_uuid=made.uuid), {"version": made.version}
        ).status_code
        == 403
    )
    assert CaseShare.objects.filter(ended_at__isnull=True).count() == 1


def test_an_unrelated_user_gets_404_on_sharing_pages(people):
    made = share(people)
    client = signed_in(UserFactory())
    assert client.get(page(people, "cases:sharing")).status_code == 404
    assert client.get(page(people, "cases:share_end", share_uuid=made.uuid)).status_code == 404


def test_hostile_fields_are_ignored(people):
    other_case = CaseFactory()
    response = signed_in(people.worker).post(
        page(people, "cases:sharing"),
        {
            "partner": people.partner.pk,
            "shared_by": people.manager.pk,
            "case": other_case.pk,
            "scope": "everything",
            "ended_at": "2020-01-01",
            "role": "team_manager",
        },
    )
    assert response.status_code == 302
    made = CaseShare.objects.get()
    assert (made.case, made.shared_by, made.scope, made.ended_at) == (
        people.case,
        people.worker,
        "map",
        None,
    )
    people.partner.refresh_from_db()
    assert people.partner.role == Role.PARTNER_PROFESSIONAL
