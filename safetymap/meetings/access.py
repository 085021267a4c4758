"""The conference chair's access to a child's record.

A conference chair has no team relationship to the children whose conferences they chair.
They may read the record of a child while they chair one of the child's initial or review
child protection conferences or looked-after reviews (planned, running or held; not
cancelled), so they can prepare, run the meeting and write it up. The basis is read-only
for the rest of the record: running the meeting is the meetings pages' business.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from safetymap.accounts.models import Role, User
from safetymap.cases.policies import Basis, ExtraBasis, register_access_basis
from safetymap.meetings.models import Meeting, MeetingStatus, MeetingType

# The meetings an independent chair runs: child protection conferences, and the
# looked-after reviews chaired by independent reviewing officers (the same role here).
CONFERENCE_KINDS = (
    MeetingType.INITIAL_CONFERENCE,
    MeetingType.REVIEW_CONFERENCE,
    MeetingType.LOOKED_AFTER_REVIEW,
)


def chaired_conferences(user: User) -> QuerySet[Meeting]:
    """The conferences this user chairs that give them access to the child's record."""
    return Meeting.objects.filter(
        chair=user, kind__in=CONFERENCE_KINDS, chair__role=Role.CONFERENCE_CHAIR
    ).exclude(status=MeetingStatus.CANCELLED)


def chaired_case_ids(user: User) -> QuerySet[Any]:
    return chaired_conferences(user).values("case")


def chairs_meeting(user: User, meeting: Meeting) -> bool:
    """Whether this user is the conference chair running this meeting."""
    return (
        user.is_authenticated
        and user.role == Role.CONFERENCE_CHAIR
        and meeting.chair_id == user.pk
        and meeting.kind in CONFERENCE_KINDS
        and meeting.status != MeetingStatus.CANCELLED
    )


def register_chair_basis() -> None:
    register_access_basis(
        ExtraBasis(
            basis=Basis.CONFERENCE_CHAIR,
            roles=frozenset({Role.CONFERENCE_CHAIR}),
            case_ids=chaired_case_ids,
        )
    )
