"""Every panel of a Words and Pictures story is checked for a child as the worker types, and
the words still save."""

from __future__ import annotations

import pytest

from safetymap.words_pictures.models import StoryPanel

from .test_views import client_for, url

pytestmark = pytest.mark.django_db


def test_every_panel_is_checked_for_a_child_and_the_words_save(worker, story):
    version = story.versions.get()
    panels = list(version.panels.all())
    client = client_for(worker)
    page = client.get(url("edit", story)).content.decode()
    for panel in panels:
        assert f'id="id_text-{panel.uuid}-plain-language"' in page
    assert page.count("&quot;audience&quot;: &quot;child&quot;") == len(panels)
    title = next(panel for panel in panels if panel.key == "title")
    response = client.post(
        url("edit", story),
        {"version": version.version, f"text-{title.uuid}": "Why Kian lives with Gran for now"},
    )
    assert response.status_code == 302
    assert StoryPanel.objects.get(pk=title.pk).text == "Why Kian lives with Gran for now"
