"""Who may see and run a meeting.

Meetings follow the case: whoever may open the case may read its meetings (a share with a
partner professional does not open them; the case pages' door refuses pages a share does
not cover). Running a meeting — recording attendance, the child's views, actions, starting
and finishing it — is for the chair, the minute taker (often business support, typing on
the shared screen) and anyone who may change the case.
"""

from __future__ import annotations

from safetymap.accounts.models import User
from safetymap.cases.policies import Basis, access_basis, can_edit_case
from safetymap.meetings.models import Meeting

# Opening the record on these bases lets the chair or minute taker run the meeting even
# without an editing role (a conference chair opens it because they chair its conference);
# emergency access and shares stay read-only.
RUNNING_BASES = frozenset(
    {
        Basis.ALLOCATED,
        Basis.TEAM,
        Basis.MANAGER,
        Basis.RESTRICTED_ALLOW_LIST,
        Basis.CONFERENCE_CHAIR,
    }
)


def can_view_meeting(user: User, meeting: Meeting, *, basis: str | None = None) -> bool:
    basis = basis if basis is not None else access_basis(user, meeting.case)
    return basis is not None and basis != Basis.SHARED


def can_run_meeting(user: User, meeting: Meeting, *, basis: str | None = None) -> bool:
    """The chair, the minute taker, or someone who may change the case. Pass the `basis`
    already worked out for this request to save the queries."""
    basis = basis if basis is not None else access_basis(user, meeting.case)
    if basis is None or meeting.case.closed_on is not None:
        return False
    if user.pk in (meeting.chair_id, meeting.minute_taker_id) and basis in RUNNING_BASES:
        return True
    return can_edit_case(user, meeting.case, basis=basis)
