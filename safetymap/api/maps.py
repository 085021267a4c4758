"""The map of a case: the live map, its records, and its saved versions.

The five kinds of map record are described once, in `KINDS`; `add_record_routes` makes
the add, change and remove operations for each, so every kind gets the same permission
checks, version checks, error answers and tests.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from ninja import Query, Router
from ninja.pagination import paginate
from ninja.responses import Status

from safetymap.api.access import Pages, case_to_change, case_to_read, shared_view, user_of
from safetymap.api.errors import READ_ERRORS, REMOVE_ERRORS, WRITE_ERRORS
from safetymap.api.schemas import (
    DangerStatementEdit,
    DangerStatementIn,
    DangerStatementOut,
    EditInput,
    GoalEdit,
    GoalIn,
    GoalOut,
    Input,
    LiveMapOut,
    MapItemEdit,
    MapItemIn,
    MapItemOut,
    MapVersionDetailOut,
    MapVersionIn,
    MapVersionOut,
    NextStepEdit,
    NextStepIn,
    NextStepOut,
    Output,
    ScaleRatingEdit,
    ScaleRatingIn,
    ScaleRatingOut,
    body,
)
from safetymap.cases.models import Case
from safetymap.mapping import selectors, services
from safetymap.mapping.models import MapVersion
from safetymap.mapping.snapshot import build_snapshot

router = Router(tags=["Map"])
versions = Router(tags=["Map versions"])

Getter = Callable[[Case, UUID], models.Model]


@dataclass(frozen=True)
class RecordKind:
    """One kind of map record, and the services that change it."""

    slug: str  # in the URL: /cases/{case_uuid}/map/{slug}
    name: str  # in words: "danger statement"
    get: Getter  # a current row of this kind on this case, or Http404
    add: Callable[..., models.Model]  # services.<kind>_add(*, actor, case, values)
    update: Callable[..., models.Model]  # services.<kind>_update(*, actor, <row_arg>, ...)
    remove: Callable[..., Any]  # services.<kind>_remove(*, actor, <row_arg>, expected_version)
    row_arg: str  # what the update and remove services call the row
    create_schema: type[Input]
    edit_schema: type[EditInput]
    out_schema: type[Output]
    # Fields given as a uuid in the request, and how to find that row on the same case.
    references: dict[str, tuple[Getter, str]] = field(default_factory=dict)
    # Fields the add service takes as arguments of their own rather than in `values`.
    add_arguments: tuple[str, ...] = ()

    @property
    def operation(self) -> str:
        return self.name.replace(" ", "_")


STATEMENT = (selectors.get_danger_statement, "danger statement")

KINDS: tuple[RecordKind, ...] = (
    RecordKind(
        slug="items",
        name="map item",
        get=selectors.get_map_item,
        add=services.map_item_add,
        update=services.map_item_update,
        remove=services.map_item_remove,
        row_arg="item",
        create_schema=MapItemIn,
        edit_schema=MapItemEdit,
        out_schema=MapItemOut,
        add_arguments=("part",),
    ),
    RecordKind(
        slug="danger-statements",
        name="danger statement",
        get=selectors.get_danger_statement,
        add=services.danger_statement_add,
        update=services.danger_statement_update,
        remove=services.danger_statement_remove,
        row_arg="statement",
        create_schema=DangerStatementIn,
        edit_schema=DangerStatementEdit,
        out_schema=DangerStatementOut,
    ),
    RecordKind(
        slug="goals",
        name="goal",
        get=selectors.get_goal,
        add=services.safety_goal_add,
        update=services.safety_goal_update,
        remove=services.safety_goal_remove,
        row_arg="goal",
        create_schema=GoalIn,
        edit_schema=GoalEdit,
        out_schema=GoalOut,
        references={"danger_statement": STATEMENT},
    ),
    RecordKind(
        slug="next-steps",
        name="next step",
        get=selectors.get_next_step,
        add=services.next_step_add,
        update=services.next_step_update,
        remove=services.next_step_remove,
        row_arg="step",
        create_schema=NextStepIn,
        edit_schema=NextStepEdit,
        out_schema=NextStepOut,
        references={"goal": (selectors.get_goal, "goal")},
    ),
    RecordKind(
        slug="scales",
        name="scale rating",
        get=selectors.get_rating,
        add=services.scale_rating_add,
        update=services.scale_rating_update,
        remove=services.scale_rating_remove,
        row_arg="rating",
        create_schema=ScaleRatingIn,
        edit_schema=ScaleRatingEdit,
        out_schema=ScaleRatingOut,
        references={"danger_statement": STATEMENT},
    ),
)


def record_data(row: models.Model, schema: type[Output]) -> dict[str, Any]:
    """A row in the shape of the snapshot: the schema's fields, related rows as uuids."""
    data = {}
    for name in schema.model_fields:
        value = getattr(row, name)
        if isinstance(value, models.Model):
            value = getattr(value, "uuid")  # noqa: B009 - every related map row has one
        data[name] = value
    return data


def _resolve_references(kind: RecordKind, case: Case, values: dict[str, Any]) -> None:
    """Turn uuids in the request into rows, found on this case only (422 if not there)."""
    for name, (get, label) in kind.references.items():
        if values.get(name) is not None:
            try:
                values[name] = get(case, values[name])
            except Http404:
                message = f"There is no {label} like that on this map."
                raise ValidationError({name: message}) from None


def add_record_routes(router: Router, kind: RecordKind) -> None:
    """POST .../map/{slug}, PATCH and DELETE .../map/{slug}/{record_uuid} for one kind."""
    collection = f"/cases/{{case_uuid}}/map/{kind.slug}"
    one = f"{collection}/{{record_uuid}}"

    @body(kind.create_schema)
    def add(request: HttpRequest, case_uuid: UUID, payload: Input) -> Status[Any]:
        case = case_to_change(request, case_uuid)
        values = payload.model_dump()
        _resolve_references(kind, case, values)
        arguments = {name: values.pop(name) for name in kind.add_arguments}
        row = kind.add(actor=user_of(request), case=case, values=values, **arguments)
        return Status(201, record_data(row, kind.out_schema))

    @body(kind.edit_schema)
    def change(
        request: HttpRequest, case_uuid: UUID, record_uuid: UUID, payload: EditInput
    ) -> dict[str, Any]:
        case = case_to_change(request, case_uuid)
        row = kind.get(case, record_uuid)
        values = payload.model_dump(exclude_unset=True, exclude={"version"})
        _resolve_references(kind, case, values)
        updated = kind.update(
            actor=user_of(request),
            expected_version=payload.version,
            values=values,
            **{kind.row_arg: row},
        )
        return record_data(updated, kind.out_schema)

    def remove(
        request: HttpRequest,
        case_uuid: UUID,
        record_uuid: UUID,
        version: int = Query(..., ge=1, description="The version you last read"),
    ) -> Status[None]:
        case = case_to_change(request, case_uuid)
        row = kind.get(case, record_uuid)
        kind.remove(actor=user_of(request), expected_version=version, **{kind.row_arg: row})
        return Status(204, None)

    router.post(
        collection,
        response={201: kind.out_schema, **WRITE_ERRORS},
        operation_id=f"add_{kind.operation}",
        summary=f"Add a {kind.name}",
        description=kind.create_schema.__doc__ or "",
    )(add)
    router.patch(
        one,
        response={200: kind.out_schema, **WRITE_ERRORS},
        operation_id=f"change_{kind.operation}",
        summary=f"Change a {kind.name}",
        description=kind.edit_schema.__doc__ or "",
    )(change)
    router.delete(
        one,
        response={204: None, **REMOVE_ERRORS},
        operation_id=f"remove_{kind.operation}",
        summary=f"Remove a {kind.name} (it stays in the history)",
    )(remove)


# --- The live map -----------------------------------------------------------------------------


@router.get(
    "/cases/{case_uuid}/map",
    response={200: LiveMapOut, **READ_ERRORS},
    summary="The live map, with the words it uses at this service level",
)
def get_map(request: HttpRequest, case_uuid: UUID) -> dict[str, Any]:
    """Everything on the map now, in the same shape as a saved version's snapshot. A partner
    professional gets only what is shared with them, and not who changed the map when."""
    case = case_to_read(request, case_uuid, "map")
    snapshot = build_snapshot(case)
    shared = shared_view(request, case)
    if shared is not None:
        snapshot = selectors.shared_snapshot(snapshot, shared)
    state = selectors.map_state(case) if shared is None else None
    return {
        **snapshot,
        "labels": selectors.labels_for(case.service_level),
        "last_changed_at": state.last_changed_at if state else None,
        "last_changed_by": state.last_changed_by if state else None,
    }


for _kind in KINDS:
    add_record_routes(router, _kind)


# --- Versions ---------------------------------------------------------------------------------


def version_detail(version: MapVersion) -> dict[str, Any]:
    return {
        **{name: getattr(version, name) for name in MapVersionOut.model_fields},
        "labels": selectors.labels_for(version.service_level),
        "snapshot": version.snapshot,
    }


@versions.get(
    "/cases/{case_uuid}/map/versions",
    response={200: list[MapVersionOut], **READ_ERRORS},
    summary="The saved versions of the map, newest first",
)
@paginate(Pages)
def list_versions(request: HttpRequest, case_uuid: UUID) -> QuerySet[MapVersion]:
    case = case_to_read(request, case_uuid, "map versions", partners_too=False)
    return selectors.map_versions(case)


@versions.get(
    "/cases/{case_uuid}/map/versions/{number}",
    response={200: MapVersionDetailOut, **READ_ERRORS},
    summary="One saved version of the map, worded for the service level it was saved at",
)
def get_version(request: HttpRequest, case_uuid: UUID, number: int) -> dict[str, Any]:
    case = case_to_read(request, case_uuid, f"map version {number}", partners_too=False)
    return version_detail(selectors.get_map_version(case, number))


@versions.post(
    "/cases/{case_uuid}/map/versions",
    response={201: MapVersionDetailOut, **WRITE_ERRORS},
    summary="Save the map as it is now as a new version",
)
def save_version(request: HttpRequest, case_uuid: UUID, payload: MapVersionIn) -> Status[Any]:
    case = case_to_change(request, case_uuid)
    version = services.map_version_save(
        actor=user_of(request),
        case=case,
        occasion=payload.occasion,
        note=payload.note,
        saved_on=payload.saved_on,
    )
    return Status(201, version_detail(version))
