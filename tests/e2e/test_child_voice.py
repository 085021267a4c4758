"""A practitioner records a Three Houses session with a child's words and a drawing, decides
with the child who may see it, and carries a worry into the map, in Debian's Chromium; every
child's voice page passes axe-core."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from safetymap.child_voice.models import Entry, Session
from safetymap.mapping.models import MapItem, Part
from tests.e2e.test_map_journey import fill_date, sign_in
from tests.factories import AllocationFactory, CaseFactory, PersonFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def drawing_file(tmp_path: Any) -> Any:
    """A photo of a drawing, as a phone would take it: with camera details in it."""
    image = Image.new("RGB", (200, 150), "white")
    image.paste("blue", (50, 60, 150, 140))
    exif = Image.Exif()
    exif[0x0110] = "Examplephone 12"
    path = tmp_path / "drawing.jpg"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    path.write_bytes(out.getvalue())
    return path


def test_practitioner_records_three_houses_and_carries_a_worry_into_the_map(
    page: Page, axe_violations: Callable[..., list[dict[str, Any]]], tmp_path: Any
) -> None:
    case = CaseFactory(child=PersonFactory(first_name="Kian", last_name="Doyle", known_as=""))
    worker = UserFactory(team=case.team, username="sam.practitioner")
    AllocationFactory(case=case, worker=worker)
    today = timezone.localdate()

    def accessible() -> None:
        assert axe_violations(page) == [], page.url

    sign_in(page, "sam.practitioner")
    page.get_by_role("link", name=re.compile("Kian Doyle")).click()
    expect(page.get_by_text("Kian’s words have not been recorded yet.")).to_be_visible()
    page.get_by_role("link", name="Child’s voice").click()
    expect(page.get_by_role("heading", name="Kian’s voice")).to_be_visible()
    accessible()

    # The session: when, where, who was told, and the child's own name for a house.
    page.get_by_role("link", name="Three Houses").click()
    accessible()
    fill_date(page, "held_on", today)
    page.get_by_label("Where?").fill("At school")
    page.get_by_label("Which parent or carer was told about the session?").fill("Mum")
    page.get_by_label("The child's name for ‘House of worries’").fill("The sad house")
    page.get_by_label("House of good things", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name=re.compile("Kian’s Three Houses"))).to_be_visible()
    accessible()

    # Words one at a time, in the order Kian chose.
    page.get_by_role("link", name="Add words to House of good things").click()
    accessible()
    page.get_by_label("The child's words", exact=True).fill("Nan makes pancakes on Saturday")
    page.get_by_label("The worker wrote down the child's words").check()
    page.get_by_role("button", name="Save and add more").click()
    page.get_by_label("The sad house").check()
    page.get_by_label("The child's words", exact=True).fill("when dad shouts i hide under my bed")
    page.get_by_label("The child wrote it").check()
    page.get_by_role("button", name="Save", exact=True).click()
    worry_card = page.locator("#house-worries")
    expect(worry_card).to_contain_text("when dad shouts i hide under my bed")
    expect(worry_card).to_contain_text("Written by Kian")

    # A photo of the drawing: shown as a picture, kept without its camera details.
    page.get_by_role("link", name="Add a drawing").click()
    accessible()
    page.get_by_label("Upload a photo or scan of the drawing").set_input_files(
        drawing_file(tmp_path)
    )
    page.get_by_label("What the child said about it (optional)").fill("me hiding")
    page.get_by_role("button", name="Upload", exact=True).click()
    picture = page.get_by_role("img", name="Drawing by Kian: me hiding")
    expect(picture).to_be_visible()
    assert picture.evaluate("img => img.decode().then(() => img.naturalWidth)") == 200

    # Kian decides who may see it.
    page.get_by_role("link", name="Change who may see it").click()
    accessible()
    page.get_by_label("Conference or meeting").check()
    page.get_by_label("What the child said about who can see it (optional)").fill("not dad")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#consent")).to_contain_text("Yes, Kian agreed")
    page.get_by_role("link", name="Change who may see it").click()
    page.get_by_role("link", name="Share without agreement").click()
    accessible()
    page.get_by_role("link", name="Cancel").click()

    # The worry goes into the map, quoted, and the map links back.
    page.get_by_role("link", name=re.compile("Carry into the map.*when dad shouts")).click()
    accessible()
    page.get_by_label("Harm: what has happened").check()
    page.get_by_role("button", name="Put it on the map").click()
    harm = page.locator("#harm")
    expect(harm).to_contain_text("“when dad shouts i hide under my bed”")
    expect(harm).to_contain_text("Said by Kian")
    source = harm.get_by_role("link", name=re.compile(r"From Kian’s The sad house"))
    expect(source).to_be_visible()
    source.click()
    expect(page.get_by_role("heading", name=re.compile("Kian’s Three Houses"))).to_be_visible()

    # Changing the words keeps the earlier ones.
    page.get_by_role("link", name=re.compile("Change.*when dad shouts")).click()
    accessible()
    page.get_by_label("The child's words", exact=True).fill(
        "when dad shouts i hide under my bed with Biscuit"
    )
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#house-worries")).to_contain_text("Words changed since first written")

    # The case page leads with Kian's words and the drawing.
    page.get_by_role("link", name="Overview").click()
    expect(page.locator(".app-voice-lead")).to_contain_text("with Biscuit")
    expect(page.get_by_role("img", name="Drawing by Kian: me hiding")).to_be_visible()
    accessible()

    session = Session.objects.get()
    assert session.share_conference and not session.share_parents
    worry = Entry.objects.get(house="worries")
    assert worry.map_item == MapItem.objects.get(part=Part.HARM)
    with session.drawings.get().document.file.open("rb") as stored:
        assert not Image.open(io.BytesIO(stored.read())).getexif()
