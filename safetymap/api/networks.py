"""The safety network of a case, read-only: who is in it, what they know and do, the glance
figures, and the network meetings.

The same rules as the network pages: a partner professional a case is shared with gets 404
(the network holds third parties' contact details), and contact details are included only
for those who may see them (`networks.policies.can_see_contact_details`).
"""

import datetime
from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest
from ninja import Router
from ninja.pagination import paginate
from pydantic import Field

from safetymap.api.access import Pages, user_of
from safetymap.api.errors import READ_ERRORS
from safetymap.api.schemas import Output
from safetymap.cases.models import Case, Relationship
from safetymap.cases.policies import access_basis
from safetymap.cases.selectors import get_visible_case
from safetymap.cases.services import case_record_view
from safetymap.networks import selectors
from safetymap.networks.models import CheckOutcome, Knowledge, NetworkMember, NetworkRoleKind
from safetymap.networks.policies import can_see_contact_details, can_view_network

router = Router(tags=["Safety network"])


class RoleOut(Output):
    role: NetworkRoleKind
    label: str = Field(description="The role in words; for `other`, its description")


class CheckOut(Output):
    check_type: str
    checked_on: datetime.date
    outcome: CheckOutcome
    checked_by: str
    notes: str


class MissingCheckOut(Output):
    network_member_uuid: UUID
    name: str
    check_type: str
    for_role: str


class NetworkMemberOut(Output):
    uuid: UUID
    version: int
    member_uuid: UUID = Field(description="Their place on the case (see /cases/{uuid}/people)")
    name: str
    relationship: Relationship
    relationship_detail: str
    knowledge: Knowledge
    roles: list[RoleOut]
    availability: str
    contact_details: str | None = Field(description="Null when you may not see how to contact them")
    statements_seen_version: int | None = Field(
        description="The number of the map version whose danger statements they were shown"
    )
    statements_seen_on: datetime.date | None
    up_to_date: bool = Field(
        description="They have seen the danger statements as they read now (false if there "
        "are none yet and they have seen none)"
    )
    story_seen_version: int | None = Field(
        description="The version of the child's Words and Pictures they were shown"
    )
    story_seen_on: datetime.date | None
    agreed_on: datetime.date | None
    checks: list[CheckOut]


class GlanceOut(Output):
    size: int
    knows_everything: int
    knows_some: int
    knows_nothing: int
    has_danger_statements: bool
    not_up_to_date: list[UUID] = Field(
        description="Members who have not seen the current danger statements"
    )
    current_story_version: int | None = Field(
        description="The child's Words and Pictures as it is now: the version given most "
        "recently, or the latest agreed with the parents if none was given"
    )
    not_seen_story: list[UUID] = Field(
        description="Members who have not seen the current Words and Pictures"
    )
    roles_with_no_one: list[NetworkRoleKind]
    missing_checks: list[MissingCheckOut]


class NetworkOut(Output):
    glance: GlanceOut
    members: list[NetworkMemberOut]


class MeetingOut(Output):
    uuid: UUID
    held_on: datetime.date
    attendees: list[UUID] = Field(description="Network members who came")
    staff: list[str] = Field(description="Names of the staff who came")
    agreed: str
    statements_version: int | None = Field(
        description="The map version whose danger statements were gone through, if they were"
    )
    story_version: int | None = Field(
        description="The version of the child's Words and Pictures gone through, if it was"
    )


def network_to_read(request: HttpRequest, case_uuid: UUID, what: str) -> tuple[Case, str]:
    """The case and the basis it is opened on; 404 for no relationship and for partners."""
    user = user_of(request)
    case = get_visible_case(user, case_uuid)
    basis = access_basis(user, case)
    if not can_view_network(basis):
        raise Http404("No case found")
    assert basis is not None
    case_record_view(actor=user, case=case, what=f"API: {what}", basis=basis)
    return case, basis


def _member_data(member: NetworkMember, *, contacts: bool, stale: bool) -> dict[str, Any]:
    version = member.statements_seen_version
    return {
        "uuid": member.uuid,
        "version": member.version,
        "member_uuid": member.case_member.uuid,
        "name": member.person.full_name,
        "relationship": member.case_member.relationship,
        "relationship_detail": member.case_member.relationship_detail,
        "knowledge": member.knowledge,
        "roles": [{"role": r.role, "label": r.label} for r in member.current_roles],  # type: ignore[attr-defined]
        "availability": member.availability,
        "contact_details": member.contact_details if contacts else None,
        "statements_seen_version": version.number if version else None,
        "statements_seen_on": member.statements_seen_on,
        "up_to_date": not stale,
        "story_seen_version": (
            member.story_seen_version.number if member.story_seen_version else None
        ),
        "story_seen_on": member.story_seen_on,
        "agreed_on": member.agreed_on,
        "checks": member.current_checks,  # type: ignore[attr-defined]
    }


@router.get(
    "/cases/{case_uuid}/network",
    response={200: NetworkOut, **READ_ERRORS},
    summary="The child's safety network, with the figures the case shows at a glance",
)
def get_network(request: HttpRequest, case_uuid: UUID) -> dict[str, Any]:
    case, basis = network_to_read(request, case_uuid, "safety network")
    glance = selectors.network_glance(case)
    stale = {member.pk for member in glance.not_up_to_date}
    contacts = can_see_contact_details(basis)
    return {
        "glance": {
            "size": glance.size,
            "knows_everything": glance.by_knowledge.get(Knowledge.EVERYTHING, 0),
            "knows_some": glance.by_knowledge.get(Knowledge.SOME, 0),
            "knows_nothing": glance.by_knowledge.get(Knowledge.NOTHING, 0),
            "has_danger_statements": glance.has_statements,
            "not_up_to_date": [member.uuid for member in glance.not_up_to_date],
            "current_story_version": glance.story.number if glance.story else None,
            "not_seen_story": [member.uuid for member in glance.not_seen_story],
            "roles_with_no_one": glance.unfilled_roles,
            "missing_checks": [
                {
                    "network_member_uuid": status.member.uuid,
                    "name": status.member.person.full_name,
                    "check_type": status.check_type,
                    "for_role": status.role_label,
                }
                for status in glance.missing_checks
            ],
        },
        "members": [
            _member_data(member, contacts=contacts, stale=member.pk in stale)
            for member in glance.members
        ],
    }


@router.get(
    "/cases/{case_uuid}/network/meetings",
    response={200: list[MeetingOut], **READ_ERRORS},
    summary="The child's safety network meetings, latest first",
)
@paginate(Pages)
def list_network_meetings(request: HttpRequest, case_uuid: UUID) -> list[dict[str, Any]]:
    case, _ = network_to_read(request, case_uuid, "safety network meetings")
    return [
        {
            "uuid": meeting.uuid,
            "held_on": meeting.held_on,
            "attendees": [member.uuid for member in meeting.attendees.all()],
            "staff": [user.display_name for user in meeting.staff.all()],
            "agreed": meeting.agreed,
            "statements_version": (
                meeting.statements_version.number if meeting.statements_version else None
            ),
            "story_version": meeting.story_version.number if meeting.story_version else None,
        }
        for meeting in selectors.network_meetings(case)
    ]
