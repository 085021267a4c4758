"""Sharing item by item: the worker chooses exactly what a partner professional reads, every
change is audited and nothing about what was shared, and when, is lost."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import selectors, services
from safetymap.cases.models import CaseShare, SharedItem, SharedKind
from safetymap.core.versioning import StaleEditError
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    PersonFactory,
    SafetyGoalFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


class Record:
    """Ellie Marsh's case: a worker, a school partner, and something in each part of the map."""

    case: Any
    worker: Any
    partner: Any

    def __init__(self) -> None:
        team = TeamFactory(name="Child Protection Team B")
        child = PersonFactory(first_name="Ellie", last_name="Marsh", address="4 Mill Lane")
        self.case = CaseFactory(team=team, child=child, reference="SM-733104")
        self.worker = UserFactory(team=team, first_name="Priya", last_name="Shah")
        AllocationFactory(case=self.case, worker=self.worker)
        self.support: Any = UserFactory(team=team, role=Role.BUSINESS_SUPPORT)
        self.partner = UserFactory(
            role=Role.PARTNER_PROFESSIONAL, team=None, first_name="Tom", last_name="Reid"
        )
        self.harm: Any = MapItemFactory(
            case=self.case, part="harm", text="Ellie had a bruise on her arm in March."
        )
        self.strength: Any = MapItemFactory(
            case=self.case, part="strength", text="Ellie's nan takes her swimming on Saturdays."
        )
        self.statement: Any = DangerStatementFactory(case=self.case)
        self.goal: Any = SafetyGoalFactory(danger_statement=self.statement)
        self.step: Any = NextStepFactory(case=self.case, action="Ask school about attendance")
        CaseMemberFactory(case=self.case, person=PersonFactory(first_name="Denise"))
        self.share: CaseShare = services.case_share_add(
            actor=self.worker, case=self.case, partner=self.partner, reason="School DSL"
        )

    def choose(self, *pairs: tuple[str, Any], actor: Any = None) -> CaseShare:
        self.share.refresh_from_db()
        return services.shared_items_choose(
            actor=actor or self.worker,
            share=self.share,
            chosen={(kind, row.uuid) for kind, row in pairs},
            expected_version=self.share.version,
        )


@pytest.fixture
def record() -> Record:
    return Record()


def signed_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def url(record: Record, name: str, **kwargs: Any) -> str:
    return reverse(name, kwargs={"case_uuid": record.case.uuid, **kwargs})


# --- Services --------------------------------------------------------------------------------


def test_a_new_share_shares_nothing_until_the_worker_chooses(record):
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.MAP_ITEM) == set()


def test_choosing_adds_and_ends_items_each_audited(record):
    record.choose(
        (SharedKind.MAP_ITEM, record.strength), (SharedKind.DANGER_STATEMENT, record.statement)
    )
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.MAP_ITEM) == {
        record.strength.uuid
    }
    added = AuditEvent.objects.filter(object_type="cases.shareditem", action="create")
    assert added.count() == 2
    assert any("nan takes her swimming" in event.summary for event in added)
    assert all(event.case_uuid == record.case.uuid for event in added)

    record.choose(
        (SharedKind.DANGER_STATEMENT, record.statement), (SharedKind.NEXT_STEP, record.step)
    )
    ended = SharedItem.objects.get(object_uuid=record.strength.uuid)
    assert ended.ended_at is not None and ended.ended_by == record.worker  # kept, not deleted
    end_event = AuditEvent.objects.get(object_type="cases.shareditem", action="update")
    assert end_event.summary.startswith("No longer shared with Tom Reid")
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.MAP_ITEM) == set()
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.NEXT_STEP) == {
        record.step.uuid
    }
    # Sharing it again later is a new row: the history of both periods stays.
    record.choose((SharedKind.MAP_ITEM, record.strength))
    assert SharedItem.objects.filter(object_uuid=record.strength.uuid).count() == 2


def test_choosing_the_same_again_changes_nothing(record):
    share = record.choose((SharedKind.MAP_ITEM, record.harm))
    events = AuditEvent.objects.count()
    again = record.choose((SharedKind.MAP_ITEM, record.harm))
    assert again.version == share.version and AuditEvent.objects.count() == events


def test_a_stale_choice_is_refused_and_nothing_changes(record):
    old_version = record.share.version
    record.choose((SharedKind.MAP_ITEM, record.harm))
    with pytest.raises(StaleEditError):
        services.shared_items_choose(
            actor=record.worker,
            share=record.share,
            chosen={(SharedKind.MAP_ITEM, record.strength.uuid)},
            expected_version=old_version,
        )
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.MAP_ITEM) == {
        record.harm.uuid
    }


def test_only_items_on_this_record_can_be_shared(record):
    elsewhere = MapItemFactory(text="On another child's map")
    removed = MapItemFactory(case=record.case, text="Removed")
    removed.removed_at = removed.created_at
    removed.save()
    for row in (elsewhere, removed):
        with pytest.raises(ValidationError, match="no longer on the record"):
            record.choose((SharedKind.MAP_ITEM, row))
    with pytest.raises(ValidationError, match="no longer on the record"):
        record.choose((SharedKind.DANGER_STATEMENT, record.harm))  # right uuid, wrong kind
    with pytest.raises(ValidationError, match="no longer on the record"):
        record.choose(("everything", record.harm))
    assert not SharedItem.objects.exists()


def test_single_item_services(record):
    item = services.shared_item_add(
        actor=record.worker,
        share=record.share,
        kind=SharedKind.SCALES,
        object_uuid=record.case.uuid,
    )
    with pytest.raises(ValidationError, match="already shared"):
        services.shared_item_add(
            actor=record.worker,
            share=record.share,
            kind=SharedKind.SCALES,
            object_uuid=record.case.uuid,
        )
    services.shared_item_end(actor=record.worker, item=item)
    item.refresh_from_db()
    assert item.ended_at is not None
    with pytest.raises(ValidationError, match="no longer shared"):
        services.shared_item_end(actor=record.worker, item=item)


def test_only_those_who_may_change_the_case_choose(record):
    for user in (record.support, record.partner, UserFactory()):
        with pytest.raises(PermissionDenied):
            record.choose((SharedKind.MAP_ITEM, record.harm), actor=user)
    assert not SharedItem.objects.exists()


def test_nothing_is_shared_under_an_ended_share(record):
    record.choose((SharedKind.MAP_ITEM, record.harm))
    record.share.refresh_from_db()
    services.case_share_end(
        actor=record.worker, share=record.share, expected_version=record.share.version
    )
    with pytest.raises(ValidationError, match="has ended"):
        record.choose((SharedKind.MAP_ITEM, record.harm))
    record.share.refresh_from_db()
    assert selectors.current_shared_items(record.share) == []


def test_staff_are_not_limited_by_shares(record):
    assert selectors.shared_item_uuids(record.worker, record.case, SharedKind.MAP_ITEM) is None
    assert selectors.partner_view(record.support, record.case) is None


# --- The "Choose what to share" page ------------------------------------------------------


def test_sharing_takes_the_worker_straight_to_choosing(record):
    other = UserFactory(role=Role.PARTNER_PROFESSIONAL, team=None)
    response = signed_in(record.worker).post(url(record, "cases:sharing"), {"partner": other.pk})
    made = CaseShare.objects.get(partner=other)
    assert response["Location"] == url(record, "cases:share_choose", share_uuid=made.uuid)


def test_the_page_groups_everything_by_column_and_shows_what_is_shared(record):
    record.choose((SharedKind.DANGER_STATEMENT, record.statement))
    response = signed_in(record.worker).get(
        url(record, "cases:share_choose", share_uuid=record.share.uuid)
    )
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "What are we worried about?",
        "What&#x27;s working well?",
        "What needs to happen?",
        "Documents",
        "Ellie had a bruise on her arm in March.",
        "Ask school about attendance",
        "Every scale",
        "Shared by Priya Shah on ",
    ):
        assert text in html, text
    checkbox = re.search(
        rf'<input[^>]*value="danger_statement:{record.statement.uuid}"[^>]*>', html
    )
    assert checkbox is not None and "checked" in checkbox.group(0)
    form = response.context["form"]
    ticked = [value for name in form.names if name for value in form.initial.get(name, [])]
    assert ticked == [f"danger_statement:{record.statement.uuid}"]


def test_posting_the_page_saves_exactly_what_is_ticked(record):
    client = signed_in(record.worker)
    page = url(record, "cases:share_choose", share_uuid=record.share.uuid)
    form = client.get(page).context["form"]
    names = {form.fields[name].label: name for name in form.names if name}
    response = client.post(
        page,
        {
            "version": record.share.version,
            names["Harm"]: [f"map_item:{record.harm.uuid}"],
            names["Next steps"]: [f"next_step:{record.step.uuid}"],
        },
    )
    assert response.status_code == 302 and response["Location"] == url(record, "cases:sharing")
    shared = selectors.partner_view(record.partner, record.case)
    assert shared is not None and shared.kinds == {SharedKind.MAP_ITEM, SharedKind.NEXT_STEP}
    listing = client.get(url(record, "cases:sharing")).content.decode()
    assert "2 items" in listing and "Choose what to share" in listing


def test_a_stale_page_keeps_the_ticks_and_says_why(record):
    client = signed_in(record.worker)
    page = url(record, "cases:share_choose", share_uuid=record.share.uuid)
    form = client.get(page).context["form"]
    harm = next(name for name in form.names if name and form.fields[name].label == "Harm")
    stale_version = record.share.version
    record.choose((SharedKind.MAP_ITEM, record.strength))  # someone else, meanwhile
    response = client.post(page, {"version": stale_version, harm: [f"map_item:{record.harm.uuid}"]})
    assert response.status_code == 400
    assert "Someone else changed what is shared" in response.content.decode()
    again = response.context["form"]
    assert again.data[harm] == f"map_item:{record.harm.uuid}" or again.data.getlist(harm) == [
        f"map_item:{record.harm.uuid}"
    ]
    assert selectors.shared_item_uuids(record.partner, record.case, SharedKind.MAP_ITEM) == {
        record.strength.uuid
    }
    # Saving again from the refreshed page is deliberate, and goes through.
    assert client.post(page, again.data).status_code == 302


def test_a_choice_no_longer_on_the_record_is_a_clear_error(record):
    client = signed_in(record.worker)
    page = url(record, "cases:share_choose", share_uuid=record.share.uuid)
    form = client.get(page).context["form"]
    harm = next(name for name in form.names if name and form.fields[name].label == "Harm")
    response = client.post(page, {"version": record.share.version, harm: ["map_item:not-a-uuid"]})
    assert response.status_code == 400
    assert "no longer on the record" in response.content.decode()
    assert not SharedItem.objects.exists()


def test_who_may_open_the_choose_page(record):
    page = url(record, "cases:share_choose", share_uuid=record.share.uuid)
    assert signed_in(record.support).get(page).status_code == 403
    assert signed_in(record.partner).get(page).status_code == 404
    assert signed_in(UserFactory()).get(page).status_code == 404
    ended = url(record, "cases:share_choose", share_uuid=CaseShare().uuid)
    assert signed_in(record.worker).get(ended).status_code == 404


# --- The overview a partner professional sees -------------------------------------------------


def test_with_nothing_shared_the_partner_gets_a_clear_page(record):
    client = signed_in(record.partner)
    response = client.get(url(record, "cases:case"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing from Ellie's record has been shared with you yet." in html
    assert "Ellie Marsh" in html and "SM-733104" in html and "Priya Shah" in html
    # Not the people around the child, the address or the service-level history.
    assert "Denise" not in html and "4 Mill Lane" not in html and "Steps up and down" not in html
    the_map = client.get(url(record, "mapping:map")).content.decode()
    assert "Nothing on Ellie's map has been shared with you yet." in the_map
    assert "Nothing here has been shared with you." in the_map
    assert [tab["label"] for tab in response.context["tabs"]] == ["Overview", "The map"]


def test_the_overview_lists_what_is_shared(record):
    record.choose(
        (SharedKind.MAP_ITEM, record.strength),
        (SharedKind.SAFETY_GOAL, record.goal),
        (SharedKind.SCALES, record.case),
    )
    client = signed_in(record.partner)
    response = client.get(url(record, "cases:case"))
    html = response.content.decode()
    assert "2 things on the map" in html and "The scales" in html and "document" not in html
    assert [tab["label"] for tab in response.context["tabs"]] == ["Overview", "The map", "Scales"]
    assert set(
        AccessEvent.objects.filter(actor=record.partner).values_list("basis", flat=True)
    ) == {"shared"}


def test_the_choose_page_costs_the_same_however_much_is_on_the_map(record):
    client = signed_in(record.worker)
    page = url(record, "cases:share_choose", share_uuid=record.share.uuid)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page).status_code == 200
        return len(captured)

    small = queries()
    for number in range(15):
        item = MapItemFactory(case=record.case, part="strength", text=f"Strength {number}")
        record.choose((SharedKind.MAP_ITEM, item))
    assert queries() == small
