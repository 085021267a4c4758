"""Cases and the people on them."""

from typing import Any
from uuid import UUID

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from safetymap.api.access import (
    RecordedCasePages,
    case_to_change,
    case_to_read,
    shared_view,
    user_of,
)
from safetymap.api.errors import READ_ERRORS, REMOVE_ERRORS, WRITE_ERRORS
from safetymap.api.schemas import (
    CaseDetailOut,
    CaseOut,
    EditInput,
    ErrorOut,
    MemberEdit,
    MemberIn,
    MemberOut,
    ServiceLevelChangeIn,
    ValidationErrorOut,
    body,
)
from safetymap.cases import selectors, services
from safetymap.cases.models import Case, CaseMember, ServiceLevel
from safetymap.cases.policies import can_edit_case

router = Router(tags=["Cases"])
people = Router(tags=["People"])


def case_data(case: Case) -> dict[str, Any]:
    return {
        "uuid": case.uuid,
        "reference": case.reference,
        "version": case.version,
        "child_name": case.child.full_name,
        "child_known_as": case.child.known_as,
        "service_level": case.service_level,
        "service_level_label": ServiceLevel(case.service_level).label,
        "team": case.team,
        "opened_on": case.opened_on,
        "closed_on": case.closed_on,
    }


def partner_case_data(case: Case) -> dict[str, Any]:
    """What a partner professional reads of a case (as on its overview page): whose record
    it is and who is working with the child; not the summary, the child's address, the
    people around the child or the service-level history."""
    child = case.child
    return {
        **case_data(case),
        "summary": "",
        "child": {
            "uuid": child.uuid,
            **{name: "" for name in services.PERSON_FIELDS},
            "first_name": child.first_name,
            "last_name": child.last_name,
            "known_as": child.known_as,
            "date_of_birth": child.date_of_birth,
        },
        "can_edit": False,
        "workers": selectors.current_workers(case),
        "members": [],
        "service_level_history": [],
    }


def member_data(member: CaseMember) -> dict[str, Any]:
    person = member.person
    return {
        "uuid": member.uuid,
        "version": member.version,
        "person_uuid": person.uuid,
        **{name: getattr(person, name) for name in services.PERSON_FIELDS},
        **{name: getattr(member, name) for name in services.MEMBERSHIP_FIELDS},
        "group": member.group,
    }


def _split(values: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """A flat request body as the person's details and the relationship's."""
    person = {name: values[name] for name in services.PERSON_FIELDS if name in values}
    membership = {name: values[name] for name in services.MEMBERSHIP_FIELDS if name in values}
    return person, membership


# --- Cases ------------------------------------------------------------------------------------


@router.get(
    "/cases",
    response={200: list[CaseOut], 401: ErrorOut, 422: ValidationErrorOut},
    summary="The cases you can see",
)
@paginate(RecordedCasePages, what="case list", present=case_data)
def list_cases(
    request: HttpRequest,
    include_closed: bool = Query(False, description="Also list closed cases"),
) -> QuerySet[Case]:
    """Open cases you are allocated to, in your team, or in teams you manage, by child's name.

    Each child listed is recorded as viewed.
    """
    cases = selectors.cases_visible_to(user_of(request))
    if not include_closed:
        cases = cases.filter(closed_on__isnull=True)
    return cases.select_related("child", "team").order_by(
        "child__last_name", "child__first_name", "id"
    )


@router.get(
    "/cases/{case_uuid}",
    response={200: CaseDetailOut, **READ_ERRORS},
    summary="One case: the child, workers, people and service-level history",
)
def get_case(request: HttpRequest, case_uuid: UUID) -> dict[str, Any]:
    case = case_to_read(request, case_uuid, "case")
    if shared_view(request, case) is not None:
        return partner_case_data(case)
    return {
        **case_data(case),
        "summary": case.summary,
        "child": case.child,
        "can_edit": can_edit_case(user_of(request), case),
        "workers": selectors.current_workers(case),
        "members": [member_data(member) for member in selectors.case_members(case)],
        "service_level_history": [
            {
                "uuid": change.uuid,
                "from_level": change.from_level,
                "to_level": change.to_level,
                "changed_on": change.changed_on,
                "reason": change.reason,
                "changed_by": change.changed_by,
                "direction": change.direction,
            }
            for change in selectors.service_level_history(case)
        ],
    }


@router.post(
    "/cases/{case_uuid}/service-level",
    response={200: CaseOut, **WRITE_ERRORS},
    summary="Step the case up or down",
)
def change_service_level(
    request: HttpRequest, case_uuid: UUID, payload: ServiceLevelChangeIn
) -> dict[str, Any]:
    case = case_to_change(request, case_uuid)
    updated = services.case_change_service_level(
        actor=user_of(request),
        case=case,
        expected_version=payload.version,
        to_level=payload.to_level,
        changed_on=payload.changed_on,
        reason=payload.reason,
    )
    return case_data(updated)


# --- People on a case ---------------------------------------------------------------------


@people.get(
    "/cases/{case_uuid}/people",
    response={200: list[MemberOut], **READ_ERRORS},
    summary="The people on the case",
)
def list_people(request: HttpRequest, case_uuid: UUID) -> list[dict[str, Any]]:
    case = case_to_read(request, case_uuid, "people", partners_too=False)
    return [member_data(member) for member in selectors.case_members(case)]


@people.post(
    "/cases/{case_uuid}/people",
    response={201: MemberOut, **WRITE_ERRORS},
    summary="Add someone in the child's life to the case",
)
def add_person(request: HttpRequest, case_uuid: UUID, payload: MemberIn) -> Status[Any]:
    case = case_to_change(request, case_uuid)
    person, membership = _split(payload.model_dump())
    member = services.case_member_add(
        actor=user_of(request), case=case, person=person, membership=membership
    )
    return Status(201, member_data(member))


@people.patch(
    "/cases/{case_uuid}/people/{member_uuid}",
    response={200: MemberOut, **WRITE_ERRORS},
    summary="Change a person's details or how they relate to the child",
)
@body(MemberEdit)
def edit_person(
    request: HttpRequest, case_uuid: UUID, member_uuid: UUID, payload: EditInput
) -> dict[str, Any]:
    case = case_to_change(request, case_uuid)
    member = selectors.get_case_member(case, member_uuid)
    person, membership = _split(payload.model_dump(exclude_unset=True, exclude={"version"}))
    updated = services.case_member_update(
        actor=user_of(request),
        member=member,
        expected_version=payload.version,
        person=person,
        membership=membership,
    )
    return member_data(updated)  # its person is read again, with the new details


@people.delete(
    "/cases/{case_uuid}/people/{member_uuid}",
    response={204: None, **REMOVE_ERRORS},
    summary="Remove someone from the case (they stay in the case history)",
)
def remove_person(
    request: HttpRequest,
    case_uuid: UUID,
    member_uuid: UUID,
    version: int = Query(..., ge=1, description="The version you last read"),
) -> Status[None]:
    case = case_to_change(request, case_uuid)
    member = selectors.get_case_member(case, member_uuid)
    services.case_member_remove(actor=user_of(request), member=member, expected_version=version)
    return Status(204, None)
