"""The demo council's children's words: sessions of every kind on many open cases, in the
children's own words, some written by the worker, consent varied, a few drawings."""

from __future__ import annotations

import io
import random

import pytest
from PIL import Image

from safetymap.cases.models import Case
from safetymap.child_voice.models import Drawing, Entry, Session, SessionKind
from safetymap.demo.child_voice import drawing_png

pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("demo_council")]


def test_seed_demo_gives_many_children_their_own_words(demo_council: str) -> None:
    sessions = list(Session.objects.select_related("case"))
    assert len({session.case_id for session in sessions}) >= 4
    assert {session.kind for session in sessions} >= {SessionKind.THREE_HOUSES}
    for session in sessions:
        assert session.case.closed_on is None
        assert session.case.opened_on <= session.held_on
        assert session.entries.exists()
    entries = Entry.objects.all()
    assert {entry.written_by for entry in entries} == {"child", "worker"}
    decisions = {(s.share_parents, s.share_network, s.share_conference) for s in sessions}
    assert len(decisions) > 1  # children decided differently
    drawing = Drawing.objects.select_related("document").first()
    assert drawing is not None and drawing.document.content_type == "image/png"
    assert Case.objects.exclude(voice_sessions__isnull=False).exists()  # not every child


def test_a_demo_drawing_is_a_real_picture():
    with Image.open(io.BytesIO(drawing_png(random.Random(3)))) as image:
        assert image.size == (480, 360)
        assert len(image.getcolors(maxcolors=1000) or []) > 3
