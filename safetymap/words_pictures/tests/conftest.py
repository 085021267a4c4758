"""Fixtures for the Words and Pictures tests: a child on a child protection plan with their
mum on the case, people with and without access, and a private folder for stored pictures."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from safetymap.accounts.models import Role
from safetymap.cases.models import Relationship
from safetymap.words_pictures import services
from safetymap.words_pictures.models import Story, StoryKind
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    PersonFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    """Stored pictures go to this test's own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def case(db: Any) -> Any:
    return CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle"))


@pytest.fixture
def worker(case: Any) -> Any:
    """The allocated practitioner: may read and change the case."""
    return AllocationFactory(
        case=case, worker__team=case.team, worker__first_name="Sam", worker__last_name="Okafor"
    ).worker


@pytest.fixture
def reader(case: Any) -> Any:
    """Business support in the case's team: may read, may not change."""
    return UserFactory(team=case.team, role=Role.BUSINESS_SUPPORT)


@pytest.fixture
def stranger(db: Any) -> Any:
    """A practitioner in another team: has no relationship to the case."""
    return UserFactory()


@pytest.fixture
def mum(case: Any) -> Any:
    return CaseMemberFactory(
        case=case,
        person=PersonFactory(first_name="Leanne", last_name="Doyle"),
        relationship=Relationship.MOTHER,
    )


@pytest.fixture
def story(worker: Any, case: Any) -> Story:
    return services.story_start(actor=worker, case=case, kind=StoryKind.EXPLANATION)


def drawing_png(*, exif: bool = False) -> bytes:
    """A child's drawing: a house under a yellow sun (optionally with a camera's EXIF)."""
    image = Image.new("RGB", (120, 90), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((30, 40, 90, 85), outline="black", width=3)
    draw.polygon([(25, 42), (60, 12), (95, 42)], outline="red")
    draw.ellipse((95, 5, 115, 25), fill="yellow")
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if exif:
        from safetymap.documents.tests.files import camera_exif

        options["exif"] = camera_exif()
    image.save(out, format="JPEG" if exif else "PNG", **options)
    return out.getvalue()


def picture(name: str = "drawing.png", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, drawing_png() if content is None else content)


def give(actor: Any, version: Any, **values: Any) -> Any:
    """Record that the child was given this version today, by the actor unless told."""
    return services.story_given_record(
        actor=actor,
        version=version,
        expected_version=version.version,
        **{
            "given_on": timezone.localdate(),
            "given_by": actor,
            "child_reaction": "Can I keep it under my pillow?",
            "reaction_words": "child",
            **values,
        },
    )
