"""The practice apps' sections of the documents: the safety plan and the child's words for
the family pack; the Words and Pictures story and the child's version of the plan for the
child pack.

Each returns plain JSON data drawn once, when the document is made (pictures included, as
data: URIs), so a document made months ago is drawn again exactly, and None when there is
nothing to show. Only what the reader may see goes in: the child's words that the child
agreed to share with the parents (or that a worker shared with a recorded reason, marked as
such), and for the child only their own stories.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image

from safetymap.cases.models import Case, Person
from safetymap.cases.pack_registry import (
    CHILD,
    FAMILY,
    PackSection,
    PackSectionContent,
    register_pack_section,
)
from safetymap.child_voice.selectors import drawings_for_audience, entries_for_audience
from safetymap.documents.models import CaseDocument
from safetymap.packs.sections import _day
from safetymap.safety_plans.models import PlanVersion
from safetymap.safety_plans.selectors import current_plan
from safetymap.words_pictures.models import StoryKind, StoryPanel, StoryVersion, VersionStatus
from safetymap.words_pictures.selectors import visible_picture

PARENTS = "parents"
# Pictures are shrunk to this many pixels on the longer side: big enough to print clearly on
# half a page, small enough to keep in every document's stored content.
PICTURE_PIXELS = 900


def picture_data_uri(document: CaseDocument) -> str:
    """The picture as a data: URI (a JPEG), so the page and the PDF need fetch nothing."""
    with document.file.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
        image.load()
    image.thumbnail((PICTURE_PIXELS, PICTURE_PIXELS))
    buffer = io.BytesIO()
    image.convert("RGB").save(buffer, format="JPEG", quality=82)
    return "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


# --- The safety plan (family pack) ---------------------------------------------------------


def _plan_version_text(version: PlanVersion) -> str:
    return f"Plan {version.plan.number}, version {version.number} ({version.get_status_display()})"


def _responsible(rule: Any) -> list[str]:
    members = [str(member) for member in rule.responsible_members.all()]
    staff = [user.display_name for user in rule.responsible_staff.all()]
    return members + staff


def plan_section(case: Case, for_person: Person | None) -> PackSectionContent | None:
    version = current_plan(case)
    if version is None:
        return None
    data = {
        "title": version.plan.title,
        "kind": version.plan.get_kind_display(),
        "status": version.get_status_display(),
        "rules": [
            {
                "words": rule.adult_words,
                "who": _responsible(rule),
                "how_checked": rule.how_checked,
                "how_often": rule.how_often,
            }
            for rule in version.live_rules  # type: ignore[attr-defined]
        ],
        "warning_signs": [
            {"sign": sign.sign, "what_to_do": sign.what_to_do}
            for sign in version.live_warning_signs  # type: ignore[attr-defined]
        ],
        "contacts": [
            {"name": contact.name, "number": contact.number, "when": contact.when}
            for contact in version.live_contacts  # type: ignore[attr-defined]
        ],
        "how_we_know_working": version.how_we_know_working,
        "if_not_working": version.if_not_working,
        "review_on": _day(version.review_on),
        "agreed": [
            {"who": agreement.who, "on": _day(agreement.agreed_on)}
            for agreement in version.agreements.all()
        ],
    }
    return PackSectionContent(data=data, version=_plan_version_text(version))


# --- The child's words (family pack) -------------------------------------------------------


def _session_label(session: Any) -> str:
    return f"{session.get_kind_display()}, {_day(session.held_on)}"


def _override_note(entry: Any, opening: str) -> str:
    # `via_override` and `override_reason` come from entries_for_audience's annotations.
    return opening + entry.override_reason if entry.via_override else ""


def _drawing_override_note(drawing: Any, child: str) -> str:
    if drawing.overridden and not drawing.session.share_parents:
        return (
            f"{child} did not agree to share this. Your social worker shared it and wrote down why."
        )
    return ""


def child_words_section(case: Case, for_person: Person | None) -> PackSectionContent | None:
    entries = list(entries_for_audience(case, PARENTS))
    drawings = list(drawings_for_audience(case, PARENTS))
    if not entries and not drawings:
        return None
    child = case.child.name_used
    overridden = f"{child} did not agree to share this. Your social worker shared it because: "
    sessions: dict[str, str] = {}
    for session in [e.session for e in entries] + [d.session for d in drawings]:
        sessions.setdefault(str(session.uuid), _session_label(session))
    data = {
        "child": child,
        "entries": [
            {
                "words": entry.words,
                "house": entry.get_house_display(),
                "written_by": entry.get_written_by_display(),
                "session": _session_label(entry.session),
                "override": _override_note(entry, overridden),
            }
            for entry in entries
        ],
        "drawings": [
            {
                "picture": picture_data_uri(drawing.document),
                "caption": drawing.caption or f"A drawing by {child}",
                "session": _session_label(drawing.session),
                "override": _drawing_override_note(drawing, child),
            }
            for drawing in drawings
        ],
    }
    return PackSectionContent(data=data, version="Sessions: " + "; ".join(sessions.values()))


# --- Words and Pictures (child pack) -------------------------------------------------------


def story_to_give(case: Case, kind: str) -> StoryVersion | None:
    """The latest version of the case's story of this kind given to the child, or failing
    that the latest agreed with the parents."""
    versions = StoryVersion.objects.filter(story__case=case, story__kind=kind).select_related(
        "story"
    )
    given = versions.filter(given_on__isnull=False).order_by("-given_on", "-number").first()
    if given is not None:
        return given
    agreed = versions.filter(status=VersionStatus.AGREED)
    return agreed.order_by("-created_at", "-number").first()


def _panel(panel: StoryPanel) -> dict[str, str]:
    shown = visible_picture(panel)
    return {
        "heading": panel.heading,
        "text": panel.text,
        "picture": picture_data_uri(panel.picture) if shown and panel.picture else "",
        "picture_description": panel.picture_description if shown else "",
    }


def _story_section(kind: str) -> Any:
    def build(case: Case, for_person: Person | None) -> PackSectionContent | None:
        version = story_to_give(case, kind)
        if version is None:
            return None
        panels = version.panels.select_related("picture").order_by("position", "id")
        return PackSectionContent(
            data={"panels": [_panel(panel) for panel in panels if panel.text or panel.picture]},
            version=f"{version.story.get_kind_display()}, version {version.number}",
        )

    return build


def register_practice_sections() -> None:
    for key, title, build, order, audience, template in (
        ("plan", "Our safety plan", plan_section, 50, FAMILY, "plan"),
        ("child_words", "In the child's own words", child_words_section, 60, FAMILY, "child_words"),
        ("story", "My story", _story_section(StoryKind.EXPLANATION), 10, CHILD, "story"),
        ("child_plan", "My safety plan", _story_section(StoryKind.SAFETY_PLAN), 20, CHILD, "story"),
    ):
        register_pack_section(
            PackSection(
                key=key,
                title=title,
                template=f"packs/sections/{template}.html",
                context=build,
                order=order,
                audiences=(audience,),
            )
        )
