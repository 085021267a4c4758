"""The people and the record the authorization matrix tries every URL with.

One child's case with something in every part, and one person for each relationship the
access rules know about. A second, restricted case has the same rows, for the scenarios
about restricted records.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, cast

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from safetymap.accounts.models import Role, Team, User
from safetymap.cases import services as case_services
from safetymap.cases.models import Case, CaseMember, SharedKind
from safetymap.child_voice import services as voice_services
from safetymap.documents.services import document_upload
from safetymap.implementation import services as supervision_services
from safetymap.mapping import services as map_services
from safetymap.mapping.models import Part
from safetymap.meetings import services as meeting_services
from safetymap.meetings.models import Meeting, MeetingAttendee, MeetingType
from safetymap.meetings.outcomes import (
    DecisionInput,
    ScaleEntry,
    ViewEntry,
    decision_record,
    scales_enter,
    scales_reveal,
)
from safetymap.networks import services as network_services
from safetymap.packs import services as pack_services
from safetymap.safety_plans.tests.helpers import agreed_plan_with_draft
from safetymap.words_pictures import services as words_pictures_services
from tests import factories

# The factories, typed as what they make.
make_team = cast(Callable[..., Team], factories.TeamFactory)
make_user = cast(Callable[..., User], factories.UserFactory)
make_case = cast(Callable[..., Case], factories.CaseFactory)
make_member = cast(Callable[..., CaseMember], factories.CaseMemberFactory)
make_allocation = cast(Callable[..., Any], factories.AllocationFactory)
make_meeting = cast(Callable[..., Meeting], factories.MeetingFactory)
make_attendee = cast(Callable[..., MeetingAttendee], factories.MeetingAttendeeFactory)

# Who tries each URL: a name for each relationship to the record.
SCENARIOS = (
    "signed_out",
    "allocated",
    "same_team",
    "read_only_team",
    "manager",
    "other_team",
    "partner_without_share",
    "partner_with_share",
    # A share of the danger statement only: not the map item, document or scales URLs use.
    "partner_with_other_items_shared",
    "restricted_not_on_list",
    "restricted_on_list",
    "break_glass_before",
    "break_glass_after",
    "information_governance",
    # Named on group supervision of the case (read-only), and a practice lead who is not.
    "practice_lead_supervision",
    "practice_lead_other",
    # Chairs the child's initial conference (read-only on the case pages).
    "conference_chair",
)
RESTRICTED_SCENARIOS = ("restricted_not_on_list", "restricted_on_list")

TINY_PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)


@dataclass
class World:
    case: Case
    restricted: Case
    users: dict[str, User | None]
    kwargs: dict[str, dict[str, Any]] = field(default_factory=dict)  # by case uuid

    def case_for(self, scenario: str) -> Case:
        return self.restricted if scenario in RESTRICTED_SCENARIOS else self.case


def _fill(case: Case, worker: User) -> dict[str, Any]:
    """Something in every part of the record, and the URL values that point at it."""
    member = make_member(case=case)
    item = map_services.map_item_add(
        actor=worker, case=case, part=Part.STRENGTH, values={"text": "Mum reads to Kian at night."}
    )
    statement = map_services.danger_statement_add(
        actor=worker,
        case=case,
        values={
            "who_is_worried": "School",
            "adult_behaviour": "Kian is left alone",
            "feared_for_child": "he is hurt",
        },
    )
    map_services.safety_goal_add(
        actor=worker,
        case=case,
        values={"danger_statement": statement, "adults_will": "An adult is always home",
                "child_will_experience": "Kian is never alone", "who_will_see": "School",
                "how_long": "three months"},
    )  # fmt: skip
    step = map_services.next_step_add(
        actor=worker,
        case=case,
        values={"action": "Visit", "owner": "Sam", "due_on": timezone.localdate()},
    )
    map_services.scale_rating_add(
        actor=worker,
        case=case,
        values={"rater_name": "Sam", "rater_role": "worker", "score": 4, "reason": "Better"},
    )
    map_services.map_version_save(
        actor=worker, case=case, occasion="visit", note="", saved_on=timezone.localdate()
    )
    document = document_upload(
        actor=worker,
        case=case,
        title="Kian's drawing",
        kind="drawing",
        uploaded_file=SimpleUploadedFile("drawing.png", TINY_PNG, content_type="image/png"),
    )
    network_member = network_services.network_member_add(
        actor=worker, case=case, case_member=member, values={"knowledge": "some"}
    )
    story = words_pictures_services.story_start(actor=worker, case=case, kind="explanation")
    voice = _fill_child_voice(case, worker)
    chronology_entry = case_services.chronology_entry_add(
        actor=worker, case=case, happened_on=timezone.localdate(), category="home_visit",
        what_happened="Saw Kian at home with Mum", significance="Kian was calm and well fed",
    )  # fmt: skip
    supervision = _fill_supervision(case, worker)
    return {
        **voice,
        **supervision,
        **_fill_meeting_outcomes(case, worker, member, statement),
        **_fill_meeting(case, worker, member),
        "story_uuid": story.uuid,
        "panel_uuid": story.versions.get().panels.get(key="title").uuid,
        "case_uuid": case.uuid,
        "pack_uuid": _family_pack(case, worker, member).uuid,
        "member_uuid": member.uuid,
        "network_member_uuid": network_member.uuid,
        **agreed_plan_with_draft(actor=worker, case=case, statement=statement),
        "row_uuid": item.uuid,
        "kind": "strength",
        "number": 1,
        "document_uuid": document.uuid,
        "step_uuid": step.uuid,
        "chronology_entry_uuid": chronology_entry.uuid,
        # Everything above, as a partner's share would name it.
        "shareable": {
            (SharedKind.MAP_ITEM, item.uuid),
            (SharedKind.DANGER_STATEMENT, statement.uuid),
            (SharedKind.SAFETY_GOAL, case.safety_goals.get().uuid),
            (SharedKind.NEXT_STEP, step.uuid),
            (SharedKind.SCALES, case.uuid),
            (SharedKind.DOCUMENT, document.uuid),
        },
        "statement": (SharedKind.DANGER_STATEMENT, statement.uuid),
        # The API names every map record `record_uuid`; which one depends on the path.
        "api_records": {
            "items": item.uuid,
            "danger-statements": statement.uuid,
            "goals": case.safety_goals.get().uuid,
            "next-steps": step.uuid,
            "scales": case.scale_ratings.get().uuid,
        },
    }


def _fill_supervision(case: Case, worker: User) -> dict[str, Any]:
    """Case supervision with an action, and group supervision with its map, a scale, an idea
    and the manager's decision."""
    today = timezone.localdate()
    supervisor = make_user(team=case.team, role=Role.TEAM_MANAGER)
    supervision = supervision_services.case_supervision_record(
        actor=supervisor, case=case, held_on=today, supervisor=supervisor, worker=worker,
        discussion="Dad's drinking at weekends", decisions="Stay at child protection",
        actions=[supervision_services.Action("Ring Nan", "Sam", today)],
    )  # fmt: skip
    group = supervision_services.group_supervision_record(
        actor=worker, case=case, held_on=today, presenting_worker=worker,
        facilitator=supervisor, advisor=None, participants=[], question="Weekends with Dad",
    )  # fmt: skip
    for kind in ("worry", "working_well", "needs_to_happen", "idea"):
        supervision_services.group_entry_add(
            actor=worker, group_supervision=group, kind=kind, text="Dad shouts at Kian"
        )
    supervision_services.group_scale_add(
        actor=worker,
        group_supervision=group,
        participant=supervisor,
        score=Decimal(4),
        reason="Nan helps",
    )
    supervision_services.group_decision_add(
        actor=supervisor, group_supervision=group, decision="Nan joins the core group"
    )
    return {"supervision_uuid": supervision.uuid, "group_uuid": group.uuid, "entry_kind": "idea"}


def _share(worker: User, case: Case, partner: User, chosen: set[Any]) -> Any:
    share = case_services.case_share_add(actor=worker, case=case, partner=partner, reason="School")
    return case_services.shared_items_choose(
        actor=worker, share=share, chosen=chosen, expected_version=share.version
    )


def _family_pack(case: Case, worker: User, member: CaseMember) -> Any:
    details, found = pack_services.details_to_review(case=case, for_person=member.person)
    review = pack_services.redaction_review_record(
        actor=worker,
        case=case,
        for_person=member.person,
        found=found,
        decisions={detail.id: ("hold_back", "") for detail in details},
    )
    return pack_services.family_pack_generate(
        actor=worker, case=case, for_person=member.person, large_print=False, review=review,
        basis="team",
    )  # fmt: skip


def _fill_meeting(case: Case, worker: User, member: CaseMember) -> dict[str, Any]:
    """A core group planned for next week, with Mum invited by email."""
    meeting = meeting_services.meeting_plan(
        actor=worker,
        case=case,
        values={"kind": "core_group", "held_on": timezone.localdate() + datetime.timedelta(7),
                "place": "Riverside Family Centre", "chair": worker},
    )  # fmt: skip
    attendee = meeting_services.attendee_add(
        actor=worker,
        meeting=meeting,
        values={"person": member.person, "role": "Mum", "role_group": "family",
                "email": "mum@example.org"},
    )  # fmt: skip
    return {"meeting_uuid": meeting.uuid, "attendee_uuid": attendee.uuid}


def _fill_child_voice(case: Case, worker: User) -> dict[str, Any]:
    """A Three Houses session with a worry, a drawing and an override; a Safety House rule."""
    session = voice_services.session_record(
        actor=worker, case=case, kind="three_houses", values={"place": "At school"}
    )
    entry = voice_services.entry_add(
        actor=worker,
        session=session,
        values={"house": "worries", "words": "dad shouts", "written_by": "child"},
    )
    drawing = voice_services.drawing_add(
        actor=worker,
        session=session,
        uploaded_file=SimpleUploadedFile("drawing.png", TINY_PNG, content_type="image/png"),
    )
    house = voice_services.session_record(
        actor=worker, case=case, kind="safety_house", values={"place": "At home"}
    )
    house_rule = voice_services.entry_add(
        actor=worker,
        session=house,
        values={"house": "rules", "words": "no shouting", "written_by": "child"},
    )
    override = voice_services.consent_override_add(
        actor=worker, session=session, audience="conference", reason="Conference must hear it"
    )
    return {
        "tool": "three-houses",
        "session_uuid": session.uuid,
        "entry_uuid": entry.uuid,
        "house_rule_uuid": house_rule.uuid,
        "drawing_uuid": drawing.uuid,
        "override_uuid": override.uuid,
    }


def _fill_meeting_outcomes(
    case: Case, worker: User, member: CaseMember, statement: Any
) -> dict[str, Any]:
    """A conference with Mum's scales (shown, then one changed) and its decision, with her
    dissent."""
    meeting = make_meeting(
        case=case, kind="initial_conference", minute_taker=worker, status="finished"
    )
    mum = make_attendee(
        meeting=meeting, person=member.person, name=member.person.full_name, role="Mum",
        role_group="family", agency="",
    )  # fmt: skip
    make_attendee(meeting=meeting, name="Grace Okafor")
    entries = [ScaleEntry(None, 6, "Kian is at school every day"), ScaleEntry(statement, 5, "Ok")]
    scales_enter(actor=worker, attendee=mum, entries=entries)
    scales_reveal(actor=worker, meeting=meeting)
    scales_enter(actor=worker, attendee=mum, entries=[ScaleEntry(None, 7, "Nan helps now")])
    decision_record(
        actor=worker,
        meeting=meeting,
        given=DecisionInput(
            rationale="Kian is left alone at night", decided_on=meeting.held_on,
            plan_needed=True, category="neglect",
            views=[ViewEntry(mum, False, "I am never out at night")],
        ),
    )  # fmt: skip
    # Named apart from the planned meeting's values: the pages that run a meeting need one
    # still to happen, correcting a decision needs one already decided.
    return {"decided_meeting_uuid": meeting.uuid, "decided_attendee_uuid": mum.uuid}


def build_world() -> World:
    parent = make_team(name="Children's services")
    team = make_team(parent=parent)
    other = make_team()
    case = make_case(team=team)
    restricted = make_case(team=team)
    worker = make_user(team=team, username="allocated")
    allowed = make_user(team=team, username="on.the.list")
    for record in (case, restricted):
        make_allocation(case=record, worker=worker)
    manager = make_user(team=team, role=Role.TEAM_MANAGER, username="manager")
    partner = make_user(team=None, role=Role.PARTNER_PROFESSIONAL, username="partner.shared")
    partner_other = make_user(
        team=None, role=Role.PARTNER_PROFESSIONAL, username="partner.other.items"
    )
    duty_after = make_user(team=make_team(), username="duty.after")
    practice = make_team(name="Practice development")
    lead = make_user(team=practice, role=Role.PRACTICE_LEAD, username="practice.lead")
    chair = make_user(team=practice, role=Role.CONFERENCE_CHAIR, username="chair")
    users: dict[str, User | None] = {
        "signed_out": None,
        "allocated": worker,
        "same_team": make_user(team=team, username="colleague"),
        "read_only_team": make_user(team=team, role=Role.BUSINESS_SUPPORT, username="support"),
        "manager": manager,
        "other_team": make_user(team=other, username="elsewhere"),
        "partner_without_share": make_user(
            team=None, role=Role.PARTNER_PROFESSIONAL, username="partner.none"
        ),
        "partner_with_share": partner,
        "partner_with_other_items_shared": partner_other,
        "restricted_not_on_list": manager,
        "restricted_on_list": allowed,
        "break_glass_before": make_user(team=make_team(), username="duty.before"),
        "break_glass_after": duty_after,
        "information_governance": make_user(
            team=None, role=Role.COUNCIL_ADMINISTRATOR, username="governance"
        ),
        "practice_lead_supervision": lead,
        "practice_lead_other": make_user(
            team=practice, role=Role.PRACTICE_LEAD, username="practice.lead.other"
        ),
        "conference_chair": chair,
    }
    world = World(case=case, restricted=restricted, users=users)
    for record in (case, restricted):
        world.kwargs[str(record.uuid)] = _fill(record, worker)
    values = world.kwargs[str(case.uuid)]
    share = _share(worker, case, partner, values["shareable"])
    _share(worker, case, partner_other, {values["statement"]})
    values["share_uuid"] = share.uuid
    restriction = case_services.case_restrict(
        actor=manager,
        case=restricted,
        reason="The child's mother works in children's services",
        review_on=timezone.localdate() + datetime.timedelta(days=90),
        allowed=[worker, allowed],
    )
    allowance = restriction.allowed_users.get(user=allowed, removed_at__isnull=True)
    world.kwargs[str(restricted.uuid)]["allowance_uuid"] = allowance.uuid
    world.kwargs[str(case.uuid)]["allowance_uuid"] = uuid.uuid4()  # the open case has no list
    world.kwargs[str(restricted.uuid)]["share_uuid"] = uuid.uuid4()
    case_services.break_glass_request(
        actor=duty_after, case=case, reason="Police called at 2am about Kian"
    )
    supervision_services.group_supervision_record(
        actor=worker, case=case, held_on=timezone.localdate(), presenting_worker=worker,
        facilitator=manager, advisor=lead, participants=[], question="Kian's evenings",
    )  # fmt: skip
    factories.MeetingFactory(case=case, chair=chair, kind=MeetingType.INITIAL_CONFERENCE)
    return world
