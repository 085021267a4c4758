"""Reading the network: the "seen the current danger statements" comparison, the glance
figures, the council's settings, and the case-list annotation agreeing with the glance."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safetymap.cases.models import Case
from safetymap.mapping import services as map_services
from safetymap.networks import registry, selectors, services
from tests.factories import CaseFactory

pytestmark = pytest.mark.django_db


def seen(worker, member, version):
    return services.network_member_record_seen(
        actor=worker, member=member, expected_version=None, version=version,
        seen_on=timezone.localdate(),
    )  # fmt: skip


def uninformed_names(case):
    return sorted(m.person.first_name for m in selectors.network_glance(case).not_up_to_date)


def listed(case):
    return selectors.annotate_network(Case.objects.filter(pk=case.pk)).get()


# --- Up to date or not -------------------------------------------------------------------------


def test_up_to_date_when_the_version_seen_has_the_same_statements(
    case, worker, add_member, add_statement, save_version
):
    add_statement(case)
    version = save_version(case)
    member = seen(worker, add_member(case), version)
    # Later versions, and changes to other parts of the map, do not make anyone out of date.
    map_services.map_item_add(actor=worker, case=case, part="strength", values={"text": "Gran"})
    save_version(case)
    assert uninformed_names(case) == []
    assert listed(case).network_not_up_to_date == 0
    assert member.statements_seen_version == version


def test_rewording_a_statement_makes_everyone_who_saw_it_out_of_date(
    case, worker, add_member, add_statement, save_version
):
    statement = add_statement(case)
    seen(worker, add_member(case, first_name="Maureen"), save_version(case))
    map_services.danger_statement_update(
        actor=worker,
        statement=statement,
        expected_version=statement.version,
        values={"statement": "The school is worried Dad pushes Mum when he has been drinking."},
    )
    assert uninformed_names(case) == ["Maureen"]
    assert listed(case).network_not_up_to_date == 1


def test_adding_and_removing_statements_count_both_ways(
    case, worker, add_member, add_statement, save_version
):
    first = add_statement(case)
    seen(worker, add_member(case, first_name="Maureen"), save_version(case))
    extra = add_statement(case, "Mum leaves Kian alone at night")
    assert uninformed_names(case) == ["Maureen"]  # a new statement they have not seen
    map_services.danger_statement_remove(actor=worker, statement=extra, expected_version=None)
    assert uninformed_names(case) == []  # back as they were
    map_services.danger_statement_remove(actor=worker, statement=first, expected_version=None)
    add_statement(case, "Mum leaves Kian alone at night")
    assert uninformed_names(case) == ["Maureen"]  # one they saw has gone, one is new


def test_text_put_back_as_it_was_is_up_to_date_again(
    case, worker, add_member, add_statement, save_version
):
    statement = add_statement(case)
    original = statement.statement
    seen(worker, add_member(case), save_version(case))
    for text in ("Reworded for a moment.", original):
        statement = map_services.danger_statement_update(
            actor=worker, statement=statement, expected_version=None, values={"statement": text}
        )
    assert uninformed_names(case) == []


def test_never_shown_is_not_up_to_date_but_only_once_there_are_statements(
    case, add_member, add_statement
):
    add_member(case, first_name="Tony")
    assert uninformed_names(case) == []
    assert listed(case).network_not_up_to_date == 0
    add_statement(case)
    assert uninformed_names(case) == ["Tony"]
    assert listed(case).network_not_up_to_date == 1


def test_cases_with_uninformed_network_picks_the_right_cases(
    worker, add_member, add_statement, save_version, case
):
    informed, uninformed, no_network = case, CaseFactory(team=case.team), CaseFactory()
    for each in (informed, uninformed):
        add_statement(each)
    seen(worker, add_member(informed), save_version(informed))
    add_member(uninformed)
    found = selectors.cases_with_uninformed_network(Case.objects.all())
    assert list(found) == [uninformed]
    assert found.get().network_size == 1
    assert listed(no_network).network_size == 0


# --- At a glance -------------------------------------------------------------------------------


def test_glance_figures(case, worker, add_member, add_statement, save_version, settings):
    settings.SAFETYMAP_NETWORK_EXPECTED_ROLES = ["safe_adult", "daily_check", "transport"]
    settings.SAFETYMAP_NETWORK_ROLE_CHECKS = {"supervises_family_time": ["DBS check"]}
    add_statement(case)
    gran = add_member(case, knowledge="everything", roles=["safe_adult", "supervises_family_time"])
    add_member(case, knowledge="some", first_name="Denise", roles=["daily_check"])
    add_member(case, knowledge="nothing", first_name="Tony")
    seen(worker, gran, save_version(case))

    glance = selectors.network_glance(case)
    assert glance.size == 3
    assert glance.by_knowledge == {"everything": 1, "some": 1, "nothing": 1}
    assert sorted(m.person.first_name for m in glance.not_up_to_date) == ["Denise", "Tony"]
    assert glance.unfilled_roles == ["transport"]
    assert [(s.member.person.first_name, s.check_type) for s in glance.missing_checks] == [
        ("Maureen", "DBS check")
    ]


def test_a_recorded_check_is_no_longer_missing_and_shows_its_outcome(
    case, worker, add_member, settings
):
    settings.SAFETYMAP_NETWORK_ROLE_CHECKS = {"supervises_family_time": ["DBS check"]}
    member = add_member(case, roles=["supervises_family_time"])
    services.network_check_add(
        actor=worker, member=member, check_type="DBS check", checked_on=timezone.localdate(),
        outcome="waiting", checked_by="Eastbrook DBS team",
    )  # fmt: skip
    glance = selectors.network_glance(case)
    assert glance.missing_checks == []
    assert [status.status for status in glance.checks] == ["Waiting for the result"]


def test_checks_follow_the_setting(case, add_member, settings):
    add_member(case, roles=["transport"])
    settings.SAFETYMAP_NETWORK_ROLE_CHECKS = {}
    assert selectors.network_glance(case).checks == []
    settings.SAFETYMAP_NETWORK_ROLE_CHECKS = {"transport": ["Driving licence seen", "Insurance"]}
    assert [s.check_type for s in selectors.network_glance(case).missing_checks] == [
        "Driving licence seen",
        "Insurance",
    ]
    assert selectors.check_types() == ["Driving licence seen", "Insurance"]


def test_expected_roles_default_setting_and_registered_sources(case, settings):
    assert selectors.expected_roles(case) == ["safe_adult", "daily_check", "emergency_contact"]
    settings.SAFETYMAP_NETWORK_EXPECTED_ROLES = ["emergency_contact", "not_a_role"]

    def plan_roles(for_case):
        return ["transport", "emergency_contact"] if for_case == case else []

    registry.register_expected_roles(plan_roles)
    try:
        assert selectors.expected_roles(case) == ["emergency_contact", "transport"]
    finally:
        registry._sources.remove(plan_roles)


def test_empty_network(case):
    glance = selectors.network_glance(case)
    assert glance.size == 0 and glance.not_up_to_date == []
    assert glance.unfilled_roles == ["safe_adult", "daily_check", "emergency_contact"]


def test_network_reads_in_a_fixed_number_of_queries(
    case, worker, add_member, add_statement, save_version, django_assert_num_queries, monkeypatch
):
    # Higher apps' role sources (the safety plan's) make their own queries: not counted here.
    monkeypatch.setattr(selectors, "expected_role_sources", lambda: [])
    add_statement(case)
    version = save_version(case)

    def grow(count):
        for index in range(count):
            member = add_member(case, first_name=f"Person{index}", roles=["safe_adult"])
            seen(worker, member, version)

    grow(1)
    # 4 for the network, 2 for the child's current Words and Pictures (given, else agreed).
    with django_assert_num_queries(6):
        selectors.network_glance(case)
    grow(6)
    with django_assert_num_queries(6):
        selectors.network_glance(case)
