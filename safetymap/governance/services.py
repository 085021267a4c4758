"""Every write of the governance pages: the access events and audit events that record who
read an access log, who exported it, and every subject access export.

Each runs in one transaction with the events it writes; views call them before they hand
over any data, so if the record cannot be written the user gets an error and nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction

from safetymap.accounts.models import User
from safetymap.audit.models import AuditEvent
from safetymap.audit.services import access_record, access_record_many, audit_record
from safetymap.cases.models import Person
from safetymap.governance.policies import Basis, can_run_subject_access_request
from safetymap.governance.selectors import SUBJECT_ACCESS_EXPORT_ACTION, AccessLogScope

ACCESS_LOG_WHAT = "Access to this record"
ACCESS_LOG_EXPORT_WHAT = "Access log export"
ACCESS_LOG_EXPORT_ACTION = "access log export"
SUBJECT_ACCESS_SEARCH_WHAT = "Subject access request: search results"
SUBJECT_ACCESS_CHECK_WHAT = "Subject access request: what will be included"
SUBJECT_ACCESS_EXPORT_WHAT = "Subject access request export"


def _scope_of(actor: User, scope: AccessLogScope) -> AccessLogScope:
    if scope.user.pk != actor.pk:
        raise PermissionError("This access log was opened by someone else")
    return scope


@transaction.atomic
def access_log_view_record(*, actor: User, scope: AccessLogScope) -> None:
    """Record that `actor` read this child's access log, on the basis they read it by."""
    _scope_of(actor, scope)
    access_record(actor=actor, case_uuid=scope.case.uuid, what=ACCESS_LOG_WHAT, basis=scope.basis)


@transaction.atomic
def access_log_export_record(
    *, actor: User, scope: AccessLogScope, filters: Mapping[str, str], row_count: int
) -> AuditEvent:
    """Record a CSV export of a child's access log: an access event (the export is a read
    of the record) and an audit event with the filters used and how many rows left."""
    case, basis = _scope_of(actor, scope).case, scope.basis
    access_record(actor=actor, case_uuid=case.uuid, what=ACCESS_LOG_EXPORT_WHAT, basis=basis)
    return audit_record(
        actor=actor,
        action=ACCESS_LOG_EXPORT_ACTION,
        target=case,
        changes={"format": "csv", "filters": dict(filters), "rows": row_count, "basis": basis},
        case_uuid=case.uuid,
        summary=f"Access log of {case.reference} exported as CSV ({row_count} rows)",
    )


def _require_subject_access(actor: User) -> None:
    if not can_run_subject_access_request(actor):
        raise PermissionError("Only information governance may run subject access requests")


@transaction.atomic
def subject_access_search_record(*, actor: User, case_uuids: Sequence[uuid.UUID]) -> None:
    """Search results name children and their case references: one access event per case."""
    _require_subject_access(actor)
    access_record_many(
        actor=actor,
        case_uuids=list(dict.fromkeys(case_uuids)),
        what=SUBJECT_ACCESS_SEARCH_WHAT,
        basis=Basis.SUBJECT_ACCESS_REQUEST,
    )


@transaction.atomic
def subject_access_check_record(*, actor: User, case_uuids: Sequence[uuid.UUID]) -> None:
    """The confirmation page lists the person's cases: one access event per case."""
    _require_subject_access(actor)
    access_record_many(
        actor=actor,
        case_uuids=list(dict.fromkeys(case_uuids)),
        what=SUBJECT_ACCESS_CHECK_WHAT,
        basis=Basis.SUBJECT_ACCESS_REQUEST,
    )


@transaction.atomic
def subject_access_export_record(
    *,
    actor: User,
    person: Person,
    case_uuids: Sequence[uuid.UUID],
    output_format: str,
    request_reference: str,
    details: Mapping[str, Any],
) -> AuditEvent:
    """Record a subject access export: an access event for every case it includes and one
    audit event on the person, naming the format, the request and what went out."""
    _require_subject_access(actor)
    access_record_many(
        actor=actor,
        case_uuids=list(dict.fromkeys(case_uuids)),
        what=f"{SUBJECT_ACCESS_EXPORT_WHAT} ({output_format.upper()})",
        basis=Basis.SUBJECT_ACCESS_REQUEST,
    )
    reference = f" for request {request_reference}" if request_reference else ""
    return audit_record(
        actor=actor,
        action=SUBJECT_ACCESS_EXPORT_ACTION,
        target=person,
        changes={
            "format": output_format,
            "request_reference": request_reference,
            "cases": [str(case_uuid) for case_uuid in dict.fromkeys(case_uuids)],
            **details,
        },
        case_uuid=None,
        summary=(
            f"Subject access export ({output_format.upper()}) about {person.full_name}{reference}"
        ),
    )
