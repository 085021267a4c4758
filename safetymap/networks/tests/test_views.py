"""The network pages: who may open them, the forms, and what the pages show."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent
from safetymap.cases import services as case_services
from safetymap.networks.models import NetworkCheck, NetworkMeeting, NetworkMember
from tests.factories import CaseMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, case, member=None):
    kwargs = {"case_uuid": case.uuid}
    if member is not None:
        kwargs["network_member_uuid"] = member.uuid
    return reverse(f"networks:{name}", kwargs=kwargs)


def date_fields(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def signed_in(client, user):
    client.force_login(user)
    return client


MEMBER_PAGES = (
    "member_edit",
    "member_seen",
    "member_story_seen",
    "member_agreed",
    "check_add",
    "member_remove",
)
CASE_PAGES = ("network", "member_add", "meetings", "meeting_add")


@pytest.fixture
def member(case, add_member):
    return add_member(case, roles=["supervises_family_time"])


def all_urls(case, member):
    return [url(n, case) for n in CASE_PAGES] + [url(n, case, member) for n in MEMBER_PAGES]


# --- Who may open the pages --------------------------------------------------------------------


def test_every_page_is_404_to_a_stranger(client, case, member, stranger):
    signed_in(client, stranger)
    for page in all_urls(case, member):
        assert client.get(page).status_code == 404, page
        assert client.post(page, {}).status_code == 404, page


def test_partner_with_a_share_gets_404(client, case, member, worker):
    partner = UserFactory(team=None, role=Role.PARTNER_PROFESSIONAL)
    case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    signed_in(client, partner)
    for page in all_urls(case, member):
        assert client.get(page).status_code == 404, page
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid}))
    assert overview.status_code == 200
    assert "Safety network" not in overview.content.decode()


def test_reader_sees_the_network_but_cannot_change_it(client, case, member, reader):
    signed_in(client, reader)
    page = client.get(url("network", case))
    assert page.status_code == 200
    assert "Add someone to the network" not in page.content.decode()
    for name in ("member_add", "meeting_add"):
        assert client.get(url(name, case)).status_code == 403
    for name in MEMBER_PAGES:
        assert client.post(url(name, case, member), {}).status_code == 403
    assert NetworkMember.objects.count() == 1


def test_opening_the_network_is_recorded(client, case, member, worker):
    signed_in(client, worker)
    client.get(url("network", case))
    assert AccessEvent.objects.filter(case_uuid=case.uuid, what="Safety network").exists()


# --- The network page ------------------------------------------------------------------------


def test_network_page_with_no_network_says_so(client, case, worker):
    text = signed_in(client, worker).get(url("network", case)).content.decode()
    assert "No safety network recorded yet" in text
    overview = client.get(reverse("cases:case", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "No safety network recorded yet" in overview


def test_safety_circles_are_an_accessible_picture_with_a_list_beside_it(
    client, case, worker, add_member
):
    add_member(case, knowledge="everything", first_name="Maureen")
    add_member(case, knowledge="nothing", first_name="Tony")
    text = signed_in(client, worker).get(url("network", case)).content.decode()
    assert 'role="img"' in text and 'aria-labelledby="circles-title circles-desc"' in text
    assert '<title id="circles-title">Safety circles around' in text
    assert "Knows everything: 1, Knows some of it: 0, Knows nothing yet: 1." in text
    assert "style=" not in text
    # The list equivalent names everyone under their ring.
    assert "Knows everything (1)" in text and "Knows nothing yet (1)" in text
    assert text.index("Knows everything (1)") < text.index("Maureen, grandparent")
    assert text.index("Knows nothing yet (1)") < text.index("Tony, grandparent")


def test_network_page_shows_missing_checks_and_contacts(client, case, worker, add_member):
    member = add_member(case, roles=["supervises_family_time"])
    NetworkMember.objects.filter(pk=member.pk).update(contact_details="07700 900123 after 5pm")
    text = signed_in(client, worker).get(url("network", case)).content.decode()
    assert "DBS check is needed to supervises family time" in text
    assert "07700 900123 after 5pm" in text


def test_network_page_queries_do_not_grow(
    client, case, worker, add_member, django_assert_max_num_queries
):
    signed_in(client, worker)
    add_member(case, first_name="A", roles=["safe_adult"])
    with django_assert_max_num_queries(40) as small:
        client.get(url("network", case))
    for index in range(8):
        add_member(case, first_name=f"B{index}", roles=["daily_check", "transport"])
    with django_assert_max_num_queries(40) as large:
        client.get(url("network", case))
    assert len(large.captured_queries) == len(small.captured_queries)


# --- Adding and changing members ---------------------------------------------------------------


def test_worker_adds_someone_already_on_the_case(client, case, worker):
    person = CaseMemberFactory(case=case, relationship="aunt_uncle", person__first_name="Leah")
    response = signed_in(client, worker).post(
        url("member_add", case),
        {"who": str(person.uuid), "knowledge": "some", "roles": ["transport", "safe_adult"],
         "availability": "Weekends", "contact_details": "07700 900456"},
    )  # fmt: skip
    assert response.status_code == 302
    member = NetworkMember.objects.get()
    assert member.case_member == person and member.knowledge == "some"


def test_worker_adds_someone_new(client, case, worker):
    response = signed_in(client, worker).post(
        url("member_add", case),
        {"who": "new", "first_name": "Denise", "last_name": "Okafor", "relationship": "neighbour",
         "knowledge": "nothing", "roles": ["emergency_contact"]},
    )  # fmt: skip
    assert response.status_code == 302
    assert NetworkMember.objects.get().person.full_name == "Denise Okafor"


def test_bad_input_says_what_is_wrong_and_saves_nothing(client, case, worker):
    response = signed_in(client, worker).post(
        url("member_add", case), {"who": "new", "roles": ["other"]}
    )
    text = response.content.decode()
    assert response.status_code == 200
    for message in (
        "Enter their first name",
        "Select their relationship to the child",
        "Select how much they know about the worries",
        "Describe the other role they have taken on",
    ):
        assert message in text
    assert not NetworkMember.objects.exists()


def test_stale_edit_is_refused_and_the_form_is_offered_again(client, case, worker, member):
    signed_in(client, worker)
    data = {"knowledge": "some", "roles": ["safe_adult"], "version": member.version}
    assert client.post(url("member_edit", case, member), data).status_code == 302
    again = client.post(url("member_edit", case, member), {**data, "knowledge": "nothing"})
    assert again.status_code == 200
    assert "Someone else changed this" in again.content.decode()
    member.refresh_from_db()
    assert member.knowledge == "some"


# --- Seen, agreed, checks -----------------------------------------------------------------------


def test_record_seen_defaults_to_the_statements_as_they_are_now(
    client, case, worker, member, add_statement
):
    add_statement(case)
    signed_in(client, worker)
    form = client.get(url("member_seen", case, member)).content.decode()
    assert "a new version of the map will be saved" in form
    today = timezone.localdate()
    response = client.post(
        url("member_seen", case, member),
        {"map_version": "now", "version": member.version, **date_fields("seen_on", today)},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.statements_seen_version.number == 1 and member.statements_seen_on == today


def test_record_seen_with_no_statements_says_so(client, case, worker, member):
    text = signed_in(client, worker).get(url("member_seen", case, member)).content.decode()
    assert "no danger statements on the map yet" in text


def test_record_agreement(client, case, worker, member):
    today = timezone.localdate()
    response = signed_in(client, worker).post(
        url("member_agreed", case, member),
        {"version": member.version, **date_fields("agreed_on", today)},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.agreed_on == today


def test_record_a_check(client, case, worker, member):
    response = signed_in(client, worker).post(
        url("check_add", case, member),
        {"check_type": "DBS check", "outcome": "clear", "checked_by": "Eastbrook DBS team",
         **date_fields("checked_on", timezone.localdate())},
    )  # fmt: skip
    assert response.status_code == 302
    assert NetworkCheck.objects.get().checked_by == "Eastbrook DBS team"


# --- Meetings ----------------------------------------------------------------------------------


def test_record_a_meeting_where_the_statements_were_gone_through(
    client, case, worker, member, add_statement
):
    add_statement(case)
    signed_in(client, worker)
    response = client.post(
        url("meeting_add", case),
        {"attendees": [str(member.uuid)], "staff": [str(worker.uuid)],
         "agreed": "Maureen supervises Saturday family time at her house.",
         "saw_statements": "on", **date_fields("held_on", timezone.localdate())},
    )  # fmt: skip
    assert response.status_code == 302
    meeting = NetworkMeeting.objects.get()
    member.refresh_from_db()
    assert member.statements_seen_version == meeting.statements_version
    text = client.get(url("meetings", case)).content.decode()
    assert "Maureen supervises Saturday family time" in text
    assert worker.display_name in text


def test_take_someone_out_of_the_network(client, case, worker, member):
    signed_in(client, worker)
    assert "stays on" in client.get(url("member_remove", case, member)).content.decode()
    response = client.post(url("member_remove", case, member), {"version": member.version})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.removed_at is not None
    assert member.case_member.removed_at is None  # still on the case
    assert client.get(url("member_edit", case, member)).status_code == 404
