"""The people on a case: list, add, change, remove."""

from __future__ import annotations

from django.test import Client

from safetymap.api.tests.helpers import World, send
from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.cases.models import CaseMember, Person
from safetymap.core.versioning import STALE_MESSAGE


def test_listing_people_records_the_view(world: World, as_reader: Client) -> None:
    response = as_reader.get(world.url("/people"))
    assert response.status_code == 200
    [mum] = response.json()
    assert mum["uuid"] == str(world.member.uuid)
    assert mum["person_uuid"] == str(world.member.person.uuid)
    assert (mum["first_name"], mum["relationship"]) == ("Dionne", "mother")
    assert AccessEvent.objects.filter(
        actor=world.reader, case_uuid=world.case.uuid, what="API: people"
    ).exists()


def test_add_change_and_remove_a_person(world: World, as_worker: Client) -> None:
    added = send(
        as_worker,
        "post",
        world.url("/people"),
        {
            "first_name": "Marcus",
            "last_name": "Whitlock",
            "relationship": "father",
            "relationship_detail": "Kayden's dad, lives in Leeds",
            "parental_responsibility": True,
            "phone": "07700 900418",
        },
    )
    assert added.status_code == 201, added.json()
    body = added.json()
    assert (body["first_name"], body["relationship"], body["version"]) == ("Marcus", "father", 1)
    member = CaseMember.objects.get(uuid=body["uuid"])
    assert member.case == world.case and member.parental_responsibility
    created = AuditEvent.objects.filter(case_uuid=world.case.uuid, action="create")
    assert {e.object_uuid for e in created} >= {member.uuid, member.person.uuid}

    # A change to the person only still moves the membership's version on.
    changed = send(
        as_worker,
        "patch",
        world.url(f"/people/{member.uuid}"),
        {"phone": "07700 900999", "version": 1},
    )
    assert changed.status_code == 200, changed.json()
    assert changed.json()["phone"] == "07700 900999"
    assert changed.json()["version"] == 2
    assert changed.json()["relationship"] == "father"  # left alone
    member.person.refresh_from_db()
    assert member.person.phone == "07700 900999"
    update = AuditEvent.objects.get(object_uuid=member.person.uuid, action="update")
    assert update.changes == {"phone": {"old": "07700 900418", "new": "07700 900999"}}

    removed = as_worker.delete(world.url(f"/people/{member.uuid}?version=2"))
    assert removed.status_code == 204
    member.refresh_from_db()
    assert member.removed_at is not None
    assert AuditEvent.objects.filter(object_uuid=member.uuid, action="remove").exists()
    listed = [m["uuid"] for m in as_worker.get(world.url("/people")).json()]
    assert str(member.uuid) not in listed
    gone = send(as_worker, "patch", world.url(f"/people/{member.uuid}"), {"version": 3})
    assert gone.status_code == 404


def test_stale_edit_is_409_and_nothing_is_overwritten(world: World, as_worker: Client) -> None:
    first = send(
        as_worker,
        "patch",
        world.url(f"/people/{world.member.uuid}"),
        {"notes": "Works nights at the depot.", "version": world.member.version},
    )
    assert first.status_code == 200
    before = AuditEvent.objects.count()
    stale = send(
        as_worker,
        "patch",
        world.url(f"/people/{world.member.uuid}"),
        {"notes": "Out of work.", "first_name": "Dee", "version": world.member.version},
    )
    assert stale.status_code == 409
    assert stale.json() == {"detail": STALE_MESSAGE}
    world.member.refresh_from_db()
    world.member.person.refresh_from_db()
    assert world.member.notes == "Works nights at the depot."
    assert world.member.person.first_name == "Dionne"
    assert AuditEvent.objects.count() == before

    stale_remove = as_worker.delete(
        world.url(f"/people/{world.member.uuid}?version={world.member.version - 1}")
    )
    assert stale_remove.status_code == 409
    world.member.refresh_from_db()
    assert world.member.removed_at is None


def test_invalid_person_is_422_and_nothing_is_added(world: World, as_worker: Client) -> None:
    people = Person.objects.count()
    response = send(
        as_worker,
        "post",
        world.url("/people"),
        {"first_name": "  ", "relationship": "landlord", "phone": "0" * 41},
    )
    assert response.status_code == 422
    problems = {e["loc"][-1] for e in response.json()["errors"]}
    assert problems == {"first_name", "relationship", "phone"}
    assert Person.objects.count() == people


def test_removing_needs_a_version(world: World, as_worker: Client) -> None:
    response = as_worker.delete(world.url(f"/people/{world.member.uuid}"))
    assert response.status_code == 422
    assert response.json()["detail"] == "version: Field required"


def test_privileged_fields_are_refused(world: World, as_worker: Client) -> None:
    for field, value in {
        "case": str(world.case.uuid),
        "person": str(world.member.person.uuid),
        "person_uuid": str(world.member.person.uuid),
        "uuid": str(world.member.uuid),
        "id": 1,
        "removed_at": None,
        "created_at": "2020-01-01T00:00:00Z",
    }.items():
        response = send(
            as_worker,
            "post",
            world.url("/people"),
            {"first_name": "Marcus", "relationship": "father", field: value},
        )
        assert response.status_code == 422, field
        assert response.json()["errors"][0]["loc"][-1] == field
    edit = send(
        as_worker,
        "patch",
        world.url(f"/people/{world.member.uuid}"),
        {"version": world.member.version, "removed_at": None},
    )
    assert edit.status_code == 422
    assert CaseMember.objects.filter(case=world.case).count() == 1
