"""The map shows where a record came from when a higher app registered a source finder."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safetymap.mapping import registry
from safetymap.mapping.registry import Source
from tests.factories import AllocationFactory, CaseFactory, MapItemFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def finder(monkeypatch):
    found: dict[str, Source] = {}
    monkeypatch.setattr(registry, "_finders", [lambda request, case, uuids: found])
    return found


def test_the_map_links_a_record_to_its_source(client, finder):
    case = CaseFactory()
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    item = MapItemFactory(case=case, text="Nan makes pancakes")
    other = MapItemFactory(case=case, text="Dad takes him swimming")
    finder[str(item.uuid)] = Source(text="From Kian’s House of good things", url="/somewhere/")
    client.force_login(worker)
    page = client.get(reverse("mapping:map", kwargs={"case_uuid": case.uuid})).content.decode()
    assert '<a class="govuk-link" href="/somewhere/">From Kian’s House of good things</a>' in page
    assert page.count("app-map-card__source") == 1
    assert other.text in page


def test_a_source_without_a_link_is_shown_as_text(client, finder):
    case = CaseFactory()
    worker = AllocationFactory(case=case, worker__team=case.team).worker
    item = MapItemFactory(case=case)
    finder[str(item.uuid)] = Source(text="From a session")
    client.force_login(worker)
    page = client.get(reverse("mapping:map", kwargs={"case_uuid": case.uuid})).content.decode()
    assert "From a session" in page and 'href="None"' not in page
