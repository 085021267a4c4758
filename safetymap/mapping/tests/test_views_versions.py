"""Saved versions of the map: the list, saving one, reading one back, and comparing two."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from safetymap.audit.models import AccessEvent, AuditEvent
from safetymap.mapping import services
from safetymap.mapping.models import MapVersion, Part
from tests.factories import DangerStatementFactory, MapItemFactory, ScaleRatingFactory

pytestmark = pytest.mark.django_db


def url(name, case, **kwargs):
    return reverse(f"mapping:{name}", kwargs={"case_uuid": case.uuid, **kwargs})


def save_version(case, actor, *, occasion="meeting", note="", saved_on=None):
    return services.map_version_save(
        actor=actor,
        case=case,
        occasion=occasion,
        note=note,
        saved_on=saved_on or timezone.localdate(),
    )


def page_of(response):
    return response.content.decode()


# --- Who may open the pages ------------------------------------------------------------------


@pytest.fixture
def all_urls(case, worker):
    save_version(case, worker)
    return [
        url("versions", case),
        url("version_save", case),
        url("version", case, number=1),
        url("version_compare", case),
    ]


def test_signed_out_visitors_are_sent_to_sign_in(client, all_urls):
    for address in all_urls:
        response = client.get(address)
        assert response.status_code == 302, address
        assert reverse("accounts:login") in response["Location"]


def test_unrelated_user_gets_page_not_found(client, stranger, all_urls):
    client.force_login(stranger)
    for address in all_urls:
        assert client.get(address).status_code == 404, address
    assert not AccessEvent.objects.filter(actor=stranger).exists()


def test_reader_can_read_versions_but_not_save_one(client, case, reader, all_urls):
    client.force_login(reader)
    list_page = client.get(url("versions", case))
    assert list_page.status_code == 200
    assert "Save a new version" not in page_of(list_page)
    assert client.get(url("version", case, number=1)).status_code == 200
    assert client.get(url("version_compare", case)).status_code == 200
    assert client.get(url("version_save", case)).status_code == 403
    response = client.post(
        url("version_save", case),
        {"occasion": "visit", "saved_on": timezone.localdate().isoformat()},
    )
    assert response.status_code == 403
    assert MapVersion.objects.filter(case=case).count() == 1


# --- The list --------------------------------------------------------------------------------


def test_list_shows_versions_newest_first(client, case, worker):
    save_version(case, worker, occasion="meeting", note="After the initial conference",
                 saved_on=datetime.date(2026, 3, 3))  # fmt: skip
    save_version(case, worker, occasion="visit", note="Redone with Mum and Grandma",
                 saved_on=datetime.date(2026, 4, 14))  # fmt: skip
    client.force_login(worker)
    response = client.get(url("versions", case))
    page = page_of(response)
    assert response.status_code == 200
    assert page.index("Version 2") < page.index("Version 1")
    for text in (
        "After the initial conference", "Redone with Mum and Grandma", "After a meeting",
        "After a visit", "3 March 2026", "14 April 2026", worker.display_name, "Child protection",
        "Save a new version", url("version", case, number=2),
    ):  # fmt: skip
        assert text in page, text
    # The compare form defaults to the last two.
    assert '<option value="1" selected>' in page and '<option value="2" selected>' in page
    assert AccessEvent.objects.filter(actor=worker, what="Map versions").exists()


def test_list_says_when_nothing_is_saved(client, case, worker):
    client.force_login(worker)
    assert "No versions of this map have been saved yet." in page_of(
        client.get(url("versions", case))
    )


def test_list_costs_the_same_however_many_versions(client, case, worker):
    client.force_login(worker)
    save_version(case, worker)
    with CaptureQueriesContext(connection) as small:
        client.get(url("versions", case))
    for _ in range(30):
        save_version(case, worker)
    with CaptureQueriesContext(connection) as large:
        response = client.get(url("versions", case))
    page = page_of(response)
    assert url("version", case, number=31) in page
    assert url("version", case, number=1) not in page  # on page 2
    assert "?page=2" in page
    assert len(small) == len(large)


# --- Saving ----------------------------------------------------------------------------------


def test_save_form_defaults_to_today(client, case, worker):
    client.force_login(worker)
    page = page_of(client.get(url("version_save", case)))
    today = timezone.localdate()
    for part, value in (("day", today.day), ("month", today.month), ("year", today.year)):
        assert f'name="saved_on_{part}" value="{value}"' in page
    assert "After a visit" in page and "After supervision" in page
    assert "This will be the first saved version of this map." in page


def test_saving_a_version_freezes_the_map_and_is_audited(client, case, worker):
    MapItemFactory(case=case, part=Part.STRENGTH, text="Grandma collects Kian from school")
    client.force_login(worker)
    today = timezone.localdate()
    response = client.post(
        url("version_save", case),
        {
            "occasion": "meeting",
            "saved_on_day": str(today.day),
            "saved_on_month": str(today.month),
            "saved_on_year": str(today.year),
            "note": "After the core group",
        },
    )
    version = MapVersion.objects.get(case=case)
    assert response.status_code == 302 and response["Location"] == url("version", case, number=1)
    assert (
        version.number == 1
        and version.saved_by == worker
        and version.note == "After the core group"
    )
    assert version.saved_on == today and version.occasion == "meeting"
    assert version.snapshot["items"][0]["text"] == "Grandma collects Kian from school"
    assert AuditEvent.objects.filter(
        actor=worker, action="create", object_uuid=version.uuid, case_uuid=case.uuid
    ).exists()
    followed = client.get(response["Location"])
    assert "Version 1 of the map saved." in page_of(followed)


def test_saving_refuses_a_future_date_and_a_missing_occasion(client, case, worker):
    client.force_login(worker)
    future = timezone.localdate() + datetime.timedelta(days=3)
    response = client.post(url("version_save", case), {"saved_on": future.isoformat()})
    page = page_of(response)
    assert response.status_code == 400
    assert "There is a problem" in page
    assert "Select when you are saving this version of the map" in page
    assert "Date of this version must be today or in the past" in page
    assert not MapVersion.objects.exists()


# --- One version -------------------------------------------------------------------------------


def test_a_version_shows_the_map_as_it_was(client, case, worker):
    item = MapItemFactory(case=case, part=Part.HARM, text="Kian had a bruise on his cheek")
    statement = DangerStatementFactory(case=case)
    ScaleRatingFactory(case=case, rater_name="Leanne Price", rater_role="parent", score=6,
                       reason="We have a plan for the evenings now.")  # fmt: skip
    save_version(case, worker, saved_on=datetime.date(2026, 3, 3))
    save_version(case, worker, saved_on=datetime.date(2026, 4, 1))
    save_version(case, worker, saved_on=datetime.date(2026, 5, 1))
    # Removed from the live map afterwards: the saved version still has it.
    services.map_item_remove(actor=worker, item=item, expected_version=None)
    client.force_login(worker)
    response = client.get(url("version", case, number=2))
    page = page_of(response)
    assert response.status_code == 200
    assert (
        "You are looking at version 2 saved on 1 April 2026 — this is not the current map." in page
    )
    assert url("map", case) in page
    assert "Kian had a bruise on his cheek" in page and statement.statement in page
    assert "What are we worried about?" in page
    # The scales as they stood.
    assert "Leanne Price" in page and "We have a plan for the evenings now." in page
    assert "Overall safety scale: every rating over time" in page
    # Read-only, with links to the neighbouring versions.
    assert "/edit/" not in page and "/remove/" not in page
    assert url("version", case, number=1) in page and url("version", case, number=3) in page


def test_unknown_version_is_not_found(client, case, worker):
    client.force_login(worker)
    assert client.get(url("version", case, number=7)).status_code == 404


# --- Comparing -------------------------------------------------------------------------------


def test_compare_shows_what_was_added_removed_and_changed(client, case, worker):
    statement = DangerStatementFactory(case=case)
    gone = MapItemFactory(case=case, part=Part.COMPLICATING, text="Dad works nights")
    save_version(case, worker)
    services.map_item_add(
        actor=worker,
        case=case,
        part=Part.STRENGTH,
        values={"text": "Grandma has Kian every Friday"},
    )
    services.map_item_remove(actor=worker, item=gone, expected_version=None)
    services.danger_statement_update(
        actor=worker,
        statement=statement,
        expected_version=statement.version,
        values={
            "who_is_worried": statement.who_is_worried,
            "adult_behaviour": statement.adult_behaviour,
            "feared_for_child": statement.feared_for_child,
            "statement": statement.statement,
            "dispute": "Dad says he has never pushed Mum.",
        },
    )
    save_version(case, worker)
    client.force_login(worker)
    response = client.get(url("version_compare", case), {"from": 1, "to": 2})
    page = page_of(response)
    assert response.status_code == 200
    assert "<ins>Existing strengths: Grandma has Kian every Friday</ins>" in page
    assert "<del>Complicating factors: Dad works nights</del>" in page
    assert ">Added<" in page and ">Removed<" in page and ">Changed<" in page
    changed = page.split("What the family dispute")[1]
    assert "<del>(blank)</del>" in changed.split("</tr>")[0]
    assert "<ins>Dad says he has never pushed Mum.</ins>" in changed.split("</tr>")[0]


def test_compare_defaults_to_the_last_two_and_says_when_nothing_changed(client, case, worker):
    MapItemFactory(case=case)
    save_version(case, worker)
    save_version(case, worker)
    client.force_login(worker)
    page = page_of(client.get(url("version_compare", case)))
    assert "version 1</a>" in page and "version 2</a>" in page
    assert "No changes: the map is the same in both." in page


def test_compare_with_the_map_as_it_is_now(client, case, worker):
    save_version(case, worker)
    ScaleRatingFactory(case=case, rater_name="Ms Hughes", rater_role="professional", score=5)
    client.force_login(worker)
    page = page_of(client.get(url("version_compare", case), {"from": 1, "to": "current"}))
    assert "the map as it is now</a>" in page
    assert "Ms Hughes scaled overall at 5" in page


def test_only_one_version_compares_with_the_map_now(client, case, worker):
    save_version(case, worker)
    client.force_login(worker)
    response = client.get(url("version_compare", case))
    assert response.status_code == 200 and "the map as it is now</a>" in page_of(response)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"from": "abc", "to": "2"}, "There is no such version to compare from."),
        ({"from": "1", "to": "99"}, "There is no such version to compare to."),
        ({"from": "2", "to": "2"}, "Choose two different versions to compare"),
        ({"from": "", "to": "2"}, "Choose the version to compare from"),
    ],
)
def test_bad_version_numbers_give_a_clear_message(client, case, worker, query, message):
    save_version(case, worker)
    save_version(case, worker)
    client.force_login(worker)
    response = client.get(url("version_compare", case), query)
    assert response.status_code == 400
    page = page_of(response)
    assert "There is a problem" in page and message in page


def test_compare_with_no_versions_says_so(client, case, worker):
    client.force_login(worker)
    response = client.get(url("version_compare", case), {"from": "1", "to": "2"})
    assert response.status_code == 200
    assert "No versions of this map have been saved yet" in page_of(response)
