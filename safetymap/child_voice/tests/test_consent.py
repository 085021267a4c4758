"""`entries_for_audience`: the one place that decides what an audience may see of what the
child said, for every audience; overrides with a reason; and the other selectors other apps
use (drawings for an audience, Safety House rules)."""

from __future__ import annotations

import pytest

from safetymap.audit.models import AuditEvent
from safetymap.child_voice import selectors, services
from safetymap.child_voice.models import Audience, House, SessionKind
from safetymap.documents.tests.files import jpeg_with_gps, upload
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

ALL = Audience.values


def words_for(case, audience):
    return [entry.words for entry in selectors.entries_for_audience(case, audience)]


def consent(worker, session, audiences):
    session.refresh_from_db()
    return services.session_consent_set(
        actor=worker, session=session, expected_version=session.version,
        audiences=audiences, consent_words="",
    )  # fmt: skip


@pytest.mark.parametrize("audience", ALL)
def test_nothing_is_shown_to_any_audience_without_consent(audience, worry, good_thing, case):
    assert words_for(case, audience) == []


@pytest.mark.parametrize("audience", ALL)
def test_the_sessions_consent_shows_its_words_to_that_audience_only(
    audience, worker, worry, good_thing, case
):
    consent(worker, worry.session, [audience])
    assert words_for(case, audience) == [worry.words, good_thing.words]
    for other in set(ALL) - {audience}:
        assert words_for(case, other) == []


@pytest.mark.parametrize("audience", ALL)
def test_an_entry_can_be_kept_from_an_audience_the_session_is_shared_with(
    audience, worker, worry, good_thing, case
):
    consent(worker, worry.session, ALL)
    services.entry_update(
        actor=worker, entry=worry, expected_version=worry.version,
        values={f"share_{audience}": False},
    )  # fmt: skip
    assert words_for(case, audience) == [good_thing.words]
    for other in set(ALL) - {audience}:
        assert worry.words in words_for(case, other)


@pytest.mark.parametrize("audience", ALL)
def test_an_entry_can_be_shared_when_the_session_is_not(audience, worker, worry, good_thing, case):
    services.entry_update(
        actor=worker, entry=worry, expected_version=worry.version,
        values={f"share_{audience}": True},
    )  # fmt: skip
    assert words_for(case, audience) == [worry.words]
    for other in set(ALL) - {audience}:
        assert words_for(case, other) == []


@pytest.mark.parametrize("audience", ALL)
def test_an_override_shows_an_entry_marked_as_an_override(
    audience, worker, worry, good_thing, case
):
    override = services.consent_override_add(
        actor=worker, session=worry.session, audience=audience, entry=worry,
        reason="The conference must hear what Kian said about the shouting",
    )  # fmt: skip
    [shown] = selectors.entries_for_audience(case, audience)
    assert shown == worry
    assert shown.via_override is True
    assert shown.override_reason == override.reason
    event = AuditEvent.objects.get(object_uuid=override.uuid)
    assert event.changes["reason"]["new"] == override.reason
    for other in set(ALL) - {audience}:
        assert words_for(case, other) == []
    services.consent_override_withdraw(actor=worker, override=override, expected_version=1)
    assert words_for(case, audience) == []


def test_a_session_wide_override_covers_every_entry(worker, worry, good_thing, case):
    services.consent_override_add(
        actor=worker, session=worry.session, audience="conference", reason="Court ordered"
    )
    assert words_for(case, "conference") == [worry.words, good_thing.words]


def test_consented_words_are_not_marked_as_overrides(worker, worry, case):
    consent(worker, worry.session, ["parents"])
    services.consent_override_add(
        actor=worker, session=worry.session, audience="parents", reason="To be sure"
    )
    [shown] = selectors.entries_for_audience(case, "parents")
    assert shown.via_override is False


def test_removed_entries_and_other_cases_are_never_shown(worker, worry, good_thing, case):
    consent(worker, worry.session, ALL)
    services.entry_remove(actor=worker, entry=good_thing, expected_version=good_thing.version)
    assert words_for(case, "parents") == [worry.words]
    assert words_for(CaseFactory(), "parents") == []


def test_an_unknown_audience_is_an_error(case):
    with pytest.raises(ValueError):
        selectors.entries_for_audience(case, "everyone")


def test_drawings_follow_the_sessions_consent_and_overrides(worker, session, case):
    drawing = services.drawing_add(
        actor=worker, session=session, uploaded_file=upload("a.jpg", jpeg_with_gps())
    )
    assert not selectors.drawings_for_audience(case, "network").exists()
    consent(worker, session, ["network"])
    assert list(selectors.drawings_for_audience(case, "network")) == [drawing]
    services.consent_override_add(
        actor=worker, session=session, audience="parents", reason="Parents asked, court agreed"
    )
    assert list(selectors.drawings_for_audience(case, "parents")) == [drawing]
    assert not selectors.drawings_for_audience(case, "professionals").exists()


def test_safety_house_rules_come_with_their_session(worker, case, worry):
    house = services.session_record(
        actor=worker, case=case, kind=SessionKind.SAFETY_HOUSE, values={"path_position": 6}
    )
    rule = services.entry_add(
        actor=worker, session=house,
        values={"house": House.RULES, "words": "no shouting in my house", "written_by": "child"},
    )  # fmt: skip
    services.entry_add(
        actor=worker, session=house,
        values={"house": House.HELPERS, "words": "Nan", "written_by": "child"},
    )  # fmt: skip
    [found] = selectors.safety_house_rules(case)
    assert found == rule and found.session == house


def test_a_partner_sees_the_childs_carried_words_only_with_the_childs_consent(worker, worry, case):
    """A worker's share cannot override the child: words carried into the map stay hidden
    from other professionals until the child agrees (or a worker records an override)."""
    from safetymap.accounts.models import Role
    from safetymap.cases import services as case_services
    from safetymap.cases.models import SharedKind
    from safetymap.cases.selectors import partner_view
    from tests.factories import UserFactory

    carried = services.entry_carry_into_map(actor=worker, entry=worry, target="harm")
    item = (SharedKind.MAP_ITEM, carried.map_item.uuid)
    partner = UserFactory(role=Role.PARTNER_PROFESSIONAL)
    share = case_services.case_share_add(actor=worker, case=case, partner=partner)
    case_services.shared_items_choose(
        actor=worker, share=share, chosen={item}, expected_version=share.version
    )
    assert partner_view(partner, case).uuids(SharedKind.MAP_ITEM) == set()

    consent(worker, worry.session, [Audience.PROFESSIONALS])
    assert partner_view(partner, case).uuids(SharedKind.MAP_ITEM) == {carried.map_item.uuid}
