"""Recording a contact, finding the child, the decision and what it does to cases."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import path
from django.utils import timezone

from safetymap.audit.models import AuditEvent
from safetymap.cases.models import Case, Person, ServiceLevel
from safetymap.core.versioning import StaleEditError
from safetymap.mapping.models import MapItem, Part, ScaleRating
from safetymap.referrals import links, services
from safetymap.referrals.models import Decision, Referral
from safetymap.referrals.tests.conftest import contact_values
from tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db
BORN = datetime.date(2017, 3, 4)


def decide(worker, referral, decision, reason="The bruise needs explaining."):
    return services.referral_decide(
        actor=worker, referral=referral, expected_version=referral.version,
        decision=decision, reason=reason,
    )  # fmt: skip


def as_new_child(worker, referral):
    return services.referral_link_child(
        actor=worker, referral=referral, expected_version=referral.version, person=None
    )


def linked_to(worker, referral, person):
    return services.referral_link_child(
        actor=worker, referral=referral, expected_version=referral.version, person=person
    )


def test_recording_a_contact_keeps_every_answer_and_writes_an_audit_event(worker, referral):
    assert referral.team == worker.team
    assert referral.recorded_by == worker
    assert referral.referrer_scale == 4
    assert referral.worries.startswith("Aiden came in with a bruise")
    event = AuditEvent.objects.get(object_uuid=referral.uuid, action="create")
    assert event.actor == worker
    assert event.changes["referrer_contact"]["new"] == "01632 960 111"


def test_brothers_and_sisters_get_a_contact_each(worker):
    values = contact_values(siblings=[{"child_first_name": "Lacey", "child_date_of_birth": None}])
    first, second = services.referral_record(actor=worker, values=values)
    assert (first.child_first_name, second.child_first_name) == ("Aiden", "Lacey")
    assert second.worries == first.worries and second.child_date_of_birth is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"worries": "  "}, "Enter what has happened"),
        ({"child_first_name": ""}, "Enter the child's first name"),
        ({"referrer_scale": 11}, "The scale goes from 0 to 10"),
    ],
)
def test_a_contact_with_bad_answers_is_refused_and_nothing_is_saved(worker, overrides, message):
    with pytest.raises(ValidationError, match=message):
        services.referral_record(actor=worker, values=contact_values(**overrides))
    assert not Referral.objects.exists()


def test_a_partner_professional_cannot_record_a_contact(partner):
    with pytest.raises(PermissionDenied):
        services.referral_record(actor=partner, values=contact_values())


@pytest.mark.parametrize(
    ("decision", "level"),
    [
        (Decision.EARLY_HELP, ServiceLevel.EARLY_HELP),
        (Decision.ASSESSMENT, ServiceLevel.CHILD_IN_NEED),
        (Decision.STRATEGY, ServiceLevel.CHILD_IN_NEED),
    ],
)
def test_a_decision_for_a_new_child_opens_a_case_at_its_level(worker, referral, decision, level):
    decided = decide(worker, as_new_child(worker, referral), decision)
    case = decided.case
    assert case.service_level == level and case.team == worker.team
    assert (case.child.first_name, case.child.date_of_birth) == ("Aiden", BORN)
    assert (decided.decision, decided.decided_by) == (decision, worker)
    assert decided.decided_at is not None


@pytest.mark.parametrize("decision", [Decision.ADVICE, Decision.NO_FURTHER_ACTION])
def test_advice_or_no_further_action_opens_no_case(worker, referral, decision):
    decided = decide(worker, as_new_child(worker, referral), decision)
    assert decided.case is None
    assert not Case.objects.exists() and not Person.objects.exists()


def test_the_new_case_map_starts_with_what_the_referrer_told_us(worker, referral):
    case = decide(worker, as_new_child(worker, referral), Decision.EARLY_HELP).case
    items = {item.part: item for item in MapItem.objects.filter(case=case)}
    assert items[Part.UNSURE].text.startswith("As the referrer told us: Aiden came in")
    assert items[Part.STRENGTH].text.endswith("every parents' evening.")
    assert not any(item.shared_with_family for item in items.values())
    rating = ScaleRating.objects.get(case=case)
    assert (rating.score, rating.rater_name) == (4, "The referrer (School or nursery)")
    assert "Ms Priya Lal" not in rating.rater_name + items[Part.UNSURE].said_by


def test_choosing_a_match_opens_the_case_for_that_child_without_a_second_person(worker, referral):
    child = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    CaseFactory(child=child, closed_on=timezone.localdate() - datetime.timedelta(days=700))
    decided = decide(worker, linked_to(worker, referral, child), Decision.ASSESSMENT)
    assert decided.case.child == child
    assert Person.objects.count() == 1


def test_a_child_with_an_open_case_has_the_referral_recorded_on_it_and_stepped_up(worker, referral):
    child = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    open_case = CaseFactory(child=child, service_level=ServiceLevel.EARLY_HELP)
    decided = decide(worker, linked_to(worker, referral, child), Decision.STRATEGY)
    assert decided.case == open_case
    open_case.refresh_from_db()
    assert open_case.service_level == ServiceLevel.CHILD_IN_NEED
    assert open_case.level_changes.get().reason.startswith("Front door decision: Strategy")
    assert Case.objects.count() == 1


def test_an_open_case_already_above_the_decision_is_not_stepped_down(worker, referral):
    child = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    open_case = CaseFactory(child=child, service_level=ServiceLevel.CHILD_PROTECTION)
    decided = decide(worker, linked_to(worker, referral, child), Decision.EARLY_HELP)
    open_case.refresh_from_db()
    assert decided.case == open_case and open_case.service_level == ServiceLevel.CHILD_PROTECTION


def test_a_child_whose_case_closed_within_a_year_is_a_re_referral(worker, record):
    closed_on = timezone.localdate() - datetime.timedelta(days=200)
    child = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    CaseFactory(child=child, closed_on=closed_on)
    linked = linked_to(worker, record(), child)
    assert linked.is_re_referral and linked.previous_case_closed_on == closed_on


def test_a_case_closed_more_than_a_year_ago_is_not_a_re_referral(worker, record):
    child = PersonFactory(first_name="Aidan", last_name="Walsh", date_of_birth=BORN)
    CaseFactory(child=child, closed_on=timezone.localdate() - datetime.timedelta(days=400))
    assert not linked_to(worker, record(), child).is_re_referral


def test_a_child_who_is_not_a_possible_match_cannot_be_linked(worker, referral):
    stranger = CaseFactory(child=PersonFactory(first_name="Harry", last_name="Brown")).child
    with pytest.raises(ValidationError, match="Choose one of the children found"):
        linked_to(worker, referral, stranger)


def test_deciding_before_the_child_is_looked_for_is_refused(worker, referral):
    with pytest.raises(ValidationError, match="Find the child first"):
        decide(worker, referral, Decision.EARLY_HELP)


def test_a_stale_decision_is_refused_and_opens_no_case(worker, referral):
    linked = as_new_child(worker, referral)
    with pytest.raises(StaleEditError):
        services.referral_decide(
            actor=worker, referral=linked, expected_version=referral.version,
            decision=Decision.EARLY_HELP, reason="Because",
        )  # fmt: skip
    assert not Case.objects.exists()


def test_a_decision_cannot_be_changed(worker, referral):
    decided = decide(worker, as_new_child(worker, referral), Decision.NO_FURTHER_ACTION)
    with pytest.raises(ValidationError, match="cannot change"):
        decide(worker, decided, Decision.EARLY_HELP)


def test_business_support_may_record_but_not_decide(support):
    (referral,) = services.referral_record(actor=support, values=contact_values())
    with pytest.raises(PermissionDenied):
        as_new_child(support, referral)


def test_a_decision_is_audited_on_the_case_it_opened(worker, referral):
    decided = decide(worker, as_new_child(worker, referral), Decision.EARLY_HELP)
    event = AuditEvent.objects.get(
        object_uuid=decided.uuid, action="update", changes__has_key="decision"
    )
    assert event.case_uuid == decided.case.uuid
    assert event.changes["decision"]["new"] == "early_help"


# --- The link to plan the strategy discussion ------------------------------------------------


def _plan(request, case_uuid):  # a stand-in for the meetings app's planning page
    raise AssertionError("never called")


class WithMeetingPlanning:
    app_name = "meetings"
    urlpatterns = [path("cases/<uuid:case_uuid>/meetings/plan/", _plan, name="plan")]


class WithoutMeetingPlanning:
    urlpatterns: list = []


urlpatterns = [path("", (WithMeetingPlanning.urlpatterns, "meetings", "meetings"))]


@override_settings(ROOT_URLCONF=WithoutMeetingPlanning)
def test_the_strategy_discussion_link_is_none_without_meeting_planning():
    assert links.plan_strategy_discussion_url(CaseFactory.build()) is None


@override_settings(ROOT_URLCONF=__name__)
def test_the_strategy_discussion_link_plans_a_strategy_discussion():
    case = CaseFactory.build()
    assert links.plan_strategy_discussion_url(case) == (
        f"/cases/{case.uuid}/meetings/plan/?kind=strategy_discussion"
    )
