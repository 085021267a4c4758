"""Adding, changing and removing the people around the child."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from safetymap.accounts.models import Role
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases import services
from safetymap.cases.models import CaseMember, Person, Relationship
from safetymap.core.versioning import STALE_MESSAGE
from tests.factories import AllocationFactory, CaseFactory, CaseMemberFactory, UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
STALE_START = STALE_MESSAGE.split(".")[0]


@pytest.fixture
def case():
    return CaseFactory()


@pytest.fixture
def member(case):
    return CaseMemberFactory(
        case=case,
        person__first_name="Shannon",
        person__last_name="Doyle",
        relationship=Relationship.MOTHER,
        lives_with_child=True,
        parental_responsibility=True,
    )


@pytest.fixture
def worker(case):
    return AllocationFactory(case=case, worker__team=case.team).worker


@pytest.fixture
def reader(case):
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db):
    return UserFactory()


def add_url(case):
    return reverse("cases:member_add", kwargs={"case_uuid": case.uuid})


def edit_url(case, member):
    return reverse("cases:member_edit", kwargs={"case_uuid": case.uuid, "member_uuid": member.uuid})


def remove_url(case, member):
    return reverse(
        "cases:member_remove", kwargs={"case_uuid": case.uuid, "member_uuid": member.uuid}
    )


NEW_PERSON = {
    "first_name": "Maureen",
    "last_name": "Kelly",
    "known_as": "Nana Mo",
    "date_of_birth_day": "3",
    "date_of_birth_month": "9",
    "date_of_birth_year": "1961",
    "relationship": "grandparent",
    "relationship_detail": "Maternal grandmother",
    "lives_with_child": "no",
    "parental_responsibility": "no",
    "phone": "07700 900456",
    "address": "2 Birch Close\nEastbrook",
    "organisation": "",
    "notes": "Has Kian every Saturday. Willing to be part of the safety network.",
}


def edit_data(member, **changes):
    person = member.person
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "known_as": person.known_as,
        "relationship": member.relationship,
        "relationship_detail": member.relationship_detail,
        "lives_with_child": "yes" if member.lives_with_child else "no",
        "parental_responsibility": "yes" if member.parental_responsibility else "no",
        "phone": person.phone,
        "address": person.address,
        "organisation": person.organisation,
        "notes": member.notes,
        "version": member.version,
    }
    data.update(changes)
    return data


# --- Sign-in, 404 and 403 for every page -----------------------------------------------------


def all_urls(case, member):
    return [add_url(case), edit_url(case, member), remove_url(case, member)]


def test_sign_in_is_required(client, case, member):
    for page_url in all_urls(case, member):
        for method in (client.get, client.post):
            response = method(page_url)
            assert response.status_code == 302
            assert response.url.startswith(reverse("accounts:login"))


def test_an_unrelated_user_gets_404(client, case, member, stranger):
    client.force_login(stranger)
    for page_url in all_urls(case, member):
        assert client.get(page_url).status_code == 404
    assert client.post(add_url(case), NEW_PERSON).status_code == 404
    assert client.post(edit_url(case, member), edit_data(member, first_name="X")).status_code == 404
    assert client.post(remove_url(case, member), {"version": member.version}).status_code == 404
    assert not AuditEvent.objects.exists()
    assert not AccessEvent.objects.exists()


def test_a_read_only_user_gets_403(client, case, member, reader):
    client.force_login(reader)
    for page_url in all_urls(case, member):
        assert client.get(page_url).status_code == 403
    assert client.post(add_url(case), NEW_PERSON).status_code == 403
    assert client.post(edit_url(case, member), edit_data(member, first_name="X")).status_code == 403
    assert client.post(remove_url(case, member), {"version": member.version}).status_code == 403
    assert not AuditEvent.objects.exists()
    member.refresh_from_db()
    assert member.removed_at is None


def test_a_member_of_another_case_is_404(client, case, worker):
    other = CaseMemberFactory()  # on a case in another team
    client.force_login(worker)
    assert client.get(edit_url(case, other)).status_code == 404
    assert client.post(remove_url(case, other), {"version": other.version}).status_code == 404
    assert client.get(edit_url(case, type("M", (), {"uuid": uuid.uuid4()}))).status_code == 404
    other.refresh_from_db()
    assert other.removed_at is None


def test_a_removed_member_is_404(client, case, member, worker):
    services.case_member_remove(actor=worker, member=member, expected_version=None)
    client.force_login(worker)
    assert client.get(edit_url(case, member)).status_code == 404
    assert client.get(remove_url(case, member)).status_code == 404


def test_each_page_records_an_access_event(client, case, member, worker):
    client.force_login(worker)
    for page_url in all_urls(case, member):
        client.get(page_url)
    assert list(AccessEvent.objects.order_by("id").values_list("what", "basis", "case_uuid")) == [
        ("Add a person to the case", "allocated worker", case.uuid),
        ("Change a person's details", "allocated worker", case.uuid),
        ("Remove a person from the case", "allocated worker", case.uuid),
    ]


# --- Adding --------------------------------------------------------------------------------------


def test_adding_a_person(client, case, worker):
    client.force_login(worker)
    page = client.get(add_url(case)).content.decode()
    assert 'name="version"' not in page
    assert "Cancel" in page

    response = client.post(add_url(case), NEW_PERSON)
    assert response.status_code == 302
    assert response.url.endswith("#people")
    added = CaseMember.objects.get(case=case)
    assert added.relationship == Relationship.GRANDPARENT
    assert added.relationship_detail == "Maternal grandmother"
    assert (added.lives_with_child, added.parental_responsibility) == (False, False)
    assert added.notes.startswith("Has Kian every Saturday")
    person = added.person
    assert (person.full_name, person.known_as, person.phone) == (
        "Maureen Kelly",
        "Nana Mo",
        "07700 900456",
    )
    assert str(person.date_of_birth) == "1961-09-03"
    events = AuditEvent.objects.filter(case_uuid=case.uuid, action="create", actor=worker)
    assert {e.object_uuid for e in events} == {added.uuid, person.uuid}

    overview = client.get(response.url).content.decode()
    assert "Maureen Kelly has been added to the case." in overview
    assert "Maternal grandmother" in overview


def test_adding_a_professional_keeps_their_organisation(client, case, worker):
    client.force_login(worker)
    data = {
        **NEW_PERSON,
        "first_name": "Jo",
        "last_name": "Patel",
        "relationship": "professional",
        "relationship_detail": "Health visitor",
        "organisation": "Eastbrook Community Health",
    }
    assert client.post(add_url(case), data).status_code == 302
    assert CaseMember.objects.get().person.organisation == "Eastbrook Community Health"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"first_name": ""}, "Enter their first name"),
        ({"relationship": ""}, "Select their relationship to the child"),
        ({"relationship": "best_mate"}, "Select a valid choice"),
        ({"lives_with_child": ""}, "Select yes if they live with the child"),
        ({"parental_responsibility": ""}, "Select yes if they have parental responsibility"),
        ({"date_of_birth_year": str(TODAY.year + 2)}, "Date of birth must be today or in the past"),
    ],
)
def test_adding_with_bad_input_shows_the_error_and_adds_no_one(
    client, case, worker, changes, message
):
    client.force_login(worker)
    response = client.post(add_url(case), {**NEW_PERSON, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page and message in page
    assert 'value="Maureen"' in page or changes.get("first_name") == ""
    assert not CaseMember.objects.exists()
    assert not Person.objects.filter(last_name="Kelly").exists()
    assert not AuditEvent.objects.exists()


# --- Changing ------------------------------------------------------------------------------------


def test_the_edit_form_shows_the_saved_details_and_version(client, case, member, worker):
    client.force_login(worker)
    page = client.get(edit_url(case, member)).content.decode()
    assert 'value="Shannon"' in page
    assert f'name="version" value="{member.version}"' in page
    assert '<option value="mother" selected>' in page


def test_changing_a_person(client, case, member, worker):
    client.force_login(worker)
    response = client.post(
        edit_url(case, member),
        edit_data(
            member, phone="07700 900789", lives_with_child="no", notes="Moved to her sister's."
        ),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    member.person.refresh_from_db()
    assert member.person.phone == "07700 900789"
    assert member.lives_with_child is False
    assert member.notes == "Moved to her sister's."
    assert member.version == 2
    summaries = set(
        AuditEvent.objects.filter(case_uuid=case.uuid, action="update").values_list(
            "summary", flat=True
        )
    )
    assert summaries == {"Relationship details changed", "Person's details changed"}


def test_a_stale_change_is_refused_and_nothing_is_overwritten(client, case, member, worker):
    client.force_login(worker)
    old_version = member.version
    services.case_member_update(
        actor=UserFactory(),
        member=member,
        expected_version=None,
        person={"phone": "01632 960001"},
        membership={},
    )
    before = AuditEvent.objects.count()
    response = client.post(
        edit_url(case, member), edit_data(member, phone="07700 900789", version=old_version)
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_START in page and "There is a problem" in page
    assert "What is saved now" in page
    assert '<td class="govuk-table__cell">01632 960001</td>' in page
    member.person.refresh_from_db()
    assert member.person.phone == "01632 960001"
    assert AuditEvent.objects.count() == before


def test_changing_with_bad_input_changes_nothing(client, case, member, worker):
    client.force_login(worker)
    response = client.post(edit_url(case, member), edit_data(member, first_name="", phone="1"))
    assert response.status_code == 200
    assert "Enter their first name" in response.content.decode()
    member.person.refresh_from_db()
    assert member.person.first_name == "Shannon" and member.person.phone == ""
    assert not AuditEvent.objects.exists()


# --- Removing ------------------------------------------------------------------------------------


def test_removing_asks_first_then_keeps_the_record(client, case, member, worker):
    client.force_login(worker)
    page = client.get(remove_url(case, member)).content.decode()
    assert "Remove Shannon Doyle from this case?" in page
    assert "Nothing is deleted" in page and "stay in the record's history" in page
    assert f'name="version" value="{member.version}"' in page
    member.refresh_from_db()
    assert member.removed_at is None

    response = client.post(remove_url(case, member), {"version": member.version})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.removed_at is not None  # hidden, not deleted
    assert CaseMember.objects.filter(pk=member.pk).exists()
    event = AuditEvent.objects.get(case_uuid=case.uuid)
    assert (event.action, event.object_uuid, event.actor) == ("remove", member.uuid, worker)

    overview = client.get(response.url).content.decode()
    assert "Shannon Doyle has been removed from this case." in overview
    assert "It stays in the record&#x27;s history." in overview


def test_a_stale_removal_is_refused(client, case, member, worker):
    client.force_login(worker)
    old_version = member.version
    services.case_member_update(
        actor=UserFactory(),
        member=member,
        expected_version=None,
        person={},
        membership={"lives_with_child": False},
    )
    before = AuditEvent.objects.count()
    response = client.post(remove_url(case, member), {"version": old_version})
    assert response.status_code == 200
    page = response.content.decode()
    assert STALE_START in page
    member.refresh_from_db()
    assert member.removed_at is None
    assert AuditEvent.objects.count() == before
    # The page now shows the latest details and version, so removing again is a choice.
    assert f'name="version" value="{member.version}"' in page


def test_a_removal_without_a_version_is_refused(client, case, member, worker):
    client.force_login(worker)
    response = client.post(remove_url(case, member), {})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    member.refresh_from_db()
    assert member.removed_at is None
