"""What the API accepts and returns.

Request schemas list exactly the fields a user may set. Ids, the case, the team, roles and
version counters never appear in them, and any field not listed is refused with 422. The
one `version` a request carries is the version the user last read, checked by the service
(a stale one is 409); it is never stored from the request.

Each kind of record has one `...In` schema for adding it; the schema for changing it is
derived from that (`editable`), so the two cannot drift apart: every field becomes optional
(send only what changes) and `version` becomes required.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from django.utils import timezone
from ninja import Schema
from pydantic import AliasChoices, BaseModel, ConfigDict, Field, StringConstraints, create_model

from safetymap.cases.models import Relationship, RelationshipGroup, ServiceLevel
from safetymap.mapping.labels import LABEL_FIELDS
from safetymap.mapping.models import (
    FamilyView,
    GoalKind,
    GoalStatus,
    HowWeKnow,
    Occasion,
    Part,
    RaterRole,
)
from safetymap.mapping.snapshot import (
    GOAL_KEYS,
    ITEM_KEYS,
    RATING_KEYS,
    STATEMENT_KEYS,
    STEP_KEYS,
)

# Text that must not be blank, and text that may be; surrounding spaces are dropped.
# Text may not hold NUL characters: PostgreSQL cannot store them (the pages' forms refuse
# them too), so they are a 422 here rather than a server error.
NO_NUL = r"^[^\x00]*$"
RequiredText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, pattern=NO_NUL)
]
OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, pattern=NO_NUL)]


VERSION_DESCRIPTION = (
    "The version of the record you last read. If someone has changed it since, nothing is "
    "saved and the answer is 409."
)


# --- Requests ---------------------------------------------------------------------------------


class Input(BaseModel):
    """A request body: unknown or privileged fields are refused, never ignored."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True)


def _drop_null_defaults(schema: dict[str, Any]) -> None:
    # In an edit every field is optional, but sending null is not "leave it alone".
    for prop in schema.get("properties", {}).values():
        if "default" in prop and prop["default"] is None:
            del prop["default"]


class EditInput(Input):
    model_config = ConfigDict(json_schema_extra=_drop_null_defaults)

    version: int = Field(ge=1, description=VERSION_DESCRIPTION)


def editable(
    schema: type[Input],
    name: str,
    *,
    without: tuple[str, ...] = (),
    doc: str = "",
) -> type[EditInput]:
    """The edit schema for `schema`: the same fields and rules, all optional, plus `version`.

    An omitted field is left as it is. A field may be set to null only where the record
    allows it to be empty (a date of birth, a done date, a goal for a next step).
    """
    fields: dict[str, Any] = {}
    for field_name, info in schema.model_fields.items():
        if field_name in without:
            continue
        annotation: Any = info.annotation
        if info.metadata:
            annotation = Annotated[(annotation, *info.metadata)]
        fields[field_name] = (annotation, Field(default=None, description=info.description))
    model: type[EditInput] = create_model(name, __base__=EditInput, __doc__=doc, **fields)
    return model


View = TypeVar("View", bound=Callable[..., Any])


def body(schema: type[BaseModel]) -> Callable[[View], View]:
    """Give a view the request body `schema` (as the annotation of its `payload`).

    For body schemas built at run time (`editable`), which cannot be written as
    annotations; django-ninja reads the annotation when the route is added, so this goes
    below the route decorator.
    """

    def decorate(view: View) -> View:
        view.__annotations__["payload"] = schema
        return view

    return decorate


class ServiceLevelChangeIn(Input):
    """Step the case up or down. The map, people and history carry over unchanged."""

    to_level: ServiceLevel
    changed_on: datetime.date
    reason: RequiredText
    version: int = Field(ge=1, description=VERSION_DESCRIPTION + " (The case's version.)")


class MemberIn(Input):
    """Someone in the child's life: their details and how they relate to the child."""

    first_name: RequiredText = Field(max_length=100)
    last_name: OptionalText = Field("", max_length=100)
    known_as: OptionalText = Field("", max_length=100)
    date_of_birth: datetime.date | None = None
    gender: OptionalText = Field("", max_length=40)
    address: OptionalText = ""
    phone: OptionalText = Field("", max_length=40)
    organisation: OptionalText = Field("", max_length=120)
    relationship: Relationship
    relationship_detail: OptionalText = Field(
        "", max_length=120, description="For example: maternal grandmother, health visitor"
    )
    lives_with_child: bool = False
    parental_responsibility: bool = False
    notes: OptionalText = ""


MemberEdit = editable(MemberIn, "MemberEdit", doc="Change a person's details on this case.")


SHARED_WITH_FAMILY = "False keeps it out of the documents the family are given."


class MapItemIn(Input):
    """Harm, a complicating factor, a strength, existing safety, something not yet known,
    or a bottom line. Strength and safety are filed by `danger_present`."""

    part: Part
    text: RequiredText
    said_by: OptionalText = Field("", max_length=200)
    family_view: FamilyView = FamilyView.NOT_ASKED
    family_words: OptionalText = ""
    when_happened: OptionalText = Field("", max_length=200, description="Harm only")
    how_often: OptionalText = Field("", max_length=200, description="Harm only")
    effect_on_child: OptionalText = Field("", description="Harm only")
    how_we_know: HowWeKnow | Literal[""] = Field("", description="Harm only")
    danger_present: bool | None = Field(
        None, description="Existing safety only: was the danger there at the time?"
    )
    reason: OptionalText = Field("", description="Bottom lines only: why the agency holds it")
    shared_with_family: bool = Field(True, description=SHARED_WITH_FAMILY)


MapItemEdit = editable(
    MapItemIn,
    "MapItemEdit",
    without=("part",),
    doc="Change a map item. Its part follows from `danger_present`; it is not set directly.",
)


class DangerStatementIn(Input):
    """Who is worried, about what the adults do, and what they fear for the child."""

    who_is_worried: RequiredText = Field(max_length=300)
    adult_behaviour: RequiredText
    feared_for_child: RequiredText
    statement: OptionalText = Field(
        "", description="Leave blank to have it written from the three parts."
    )
    family_view: FamilyView = FamilyView.NOT_ASKED
    family_words: OptionalText = ""
    dispute: OptionalText = ""
    shared_with_family: bool = Field(True, description=SHARED_WITH_FAMILY)


DangerStatementEdit = editable(
    DangerStatementIn,
    "DangerStatementEdit",
    doc='Change a danger statement. Send `statement` as "" to have it written again from '
    "its parts.",
)


class GoalIn(Input):
    """A safety goal, paired with one danger statement on the same map."""

    danger_statement: UUID = Field(description="A danger statement on this map")
    adults_will: RequiredText
    child_will_experience: RequiredText
    who_will_see: RequiredText = Field(max_length=300)
    how_long: RequiredText = Field(max_length=200)
    statement: OptionalText = Field(
        "", description="Leave blank to have it written from the four parts."
    )
    kind: GoalKind = GoalKind.FAMILY
    status: GoalStatus = GoalStatus.DRAFT
    shared_with_family: bool = Field(True, description=SHARED_WITH_FAMILY)


GoalEdit = editable(
    GoalIn,
    "GoalEdit",
    doc='Change a goal. Send `statement` as "" to have it written again from its parts.',
)


class NextStepIn(Input):
    """Who will do what by when, optionally towards one goal on the same map."""

    action: RequiredText
    owner: RequiredText = Field(max_length=200)
    due_on: datetime.date
    goal: UUID | None = Field(None, description="A goal on this map")
    done_on: datetime.date | None = None
    shared_with_family: bool = Field(True, description=SHARED_WITH_FAMILY)


NextStepEdit = editable(NextStepIn, "NextStepEdit", doc="Change a next step or mark it done.")

Score = Annotated[Decimal, Field(ge=0, le=10, max_digits=3, decimal_places=1)]


class ScaleRatingIn(Input):
    """One person's number on the scale, overall or for one danger statement."""

    danger_statement: UUID | None = Field(
        None, description="A danger statement on this map; leave out for the overall scale"
    )
    rated_on: datetime.date = Field(default_factory=timezone.localdate)
    rater_name: RequiredText = Field(max_length=200)
    rater_role: RaterRole
    score: Score = Field(description="0 to 10 (half points where the council uses them)")
    reason: RequiredText = Field(description="Why this number and not a lower one")
    one_point_higher: OptionalText = ""


ScaleRatingEdit = editable(ScaleRatingIn, "ScaleRatingEdit", doc="Change a scale rating.")


class MapVersionIn(Input):
    """Freeze the map as it is now."""

    occasion: Occasion
    note: OptionalText = ""
    saved_on: datetime.date = Field(default_factory=timezone.localdate)


# --- Responses --------------------------------------------------------------------------------


class Output(Schema):
    model_config = ConfigDict(use_enum_values=True)


class ErrorOut(Output):
    detail: str


class ValidationErrorOut(Output):
    detail: str = Field(description="Every problem in one sentence per problem")
    errors: list[dict[str, Any]] = Field(description="Each problem with where it is (`loc`)")


class TeamOut(Output):
    uuid: UUID
    name: str


class UserOut(Output):
    """A member of staff, by name."""

    uuid: UUID
    name: str = Field(validation_alias=AliasChoices("name", "display_name"))


class CaseOut(Output):
    uuid: UUID
    reference: str
    version: int
    child_name: str
    child_known_as: str
    service_level: ServiceLevel
    service_level_label: str
    team: TeamOut
    opened_on: datetime.date
    closed_on: datetime.date | None


class PersonOut(Output):
    uuid: UUID
    first_name: str
    last_name: str
    known_as: str
    date_of_birth: datetime.date | None
    gender: str
    address: str
    phone: str
    organisation: str


class MemberOut(Output):
    uuid: UUID = Field(description="The person's place on this case (used in URLs)")
    version: int
    person_uuid: UUID
    first_name: str
    last_name: str
    known_as: str
    date_of_birth: datetime.date | None
    gender: str
    address: str
    phone: str
    organisation: str
    relationship: Relationship
    relationship_detail: str
    lives_with_child: bool
    parental_responsibility: bool
    notes: str
    group: RelationshipGroup


class LevelChangeOut(Output):
    uuid: UUID
    from_level: ServiceLevel | Literal[""] = Field(description="Blank for the level it opened at")
    to_level: ServiceLevel
    changed_on: datetime.date
    reason: str
    changed_by: UserOut | None
    direction: Literal["opened", "step up", "step down"]


class CaseDetailOut(CaseOut):
    summary: str
    child: PersonOut
    can_edit: bool = Field(description="False when you may read this case but not change it")
    workers: list[UserOut]
    members: list[MemberOut]
    service_level_history: list[LevelChangeOut]


# Map records: the same shape in the live map, in saved versions and in write responses.
# Related records are given by uuid.


class MapItemOut(Output):
    uuid: UUID
    version: int
    part: Part
    text: str
    said_by: str
    family_view: FamilyView
    family_words: str
    when_happened: str
    how_often: str
    effect_on_child: str
    how_we_know: HowWeKnow | Literal[""]
    danger_present: bool | None
    reason: str
    shared_with_family: bool = True  # versions saved before the flag: shared


class DangerStatementOut(Output):
    uuid: UUID
    version: int
    statement: str
    who_is_worried: str
    adult_behaviour: str
    feared_for_child: str
    family_view: FamilyView
    family_words: str
    dispute: str
    shared_with_family: bool = True  # versions saved before the flag: shared


class GoalOut(Output):
    uuid: UUID
    version: int
    danger_statement: UUID
    statement: str
    adults_will: str
    child_will_experience: str
    who_will_see: str
    how_long: str
    kind: GoalKind
    status: GoalStatus
    shared_with_family: bool = True  # versions saved before the flag: shared


class NextStepOut(Output):
    uuid: UUID
    version: int
    action: str
    owner: str
    due_on: datetime.date
    goal: UUID | None
    done_on: datetime.date | None
    shared_with_family: bool = True  # versions saved before the flag: shared


class ScaleRatingOut(Output):
    uuid: UUID
    version: int
    danger_statement: UUID | None = Field(description="Null for the overall scale")
    rated_on: datetime.date
    rater_name: str
    rater_role: RaterRole
    score: float
    reason: str
    one_point_higher: str


# Which snapshot keys each record schema carries (checked by the tests).
SNAPSHOT_SHAPES: dict[str, tuple[type[Output], tuple[str, ...]]] = {
    "items": (MapItemOut, ITEM_KEYS),
    "danger_statements": (DangerStatementOut, STATEMENT_KEYS),
    "goals": (GoalOut, GOAL_KEYS),
    "next_steps": (NextStepOut, STEP_KEYS),
    "ratings": (ScaleRatingOut, RATING_KEYS),
}

MapLabels: type[Output] = create_model(
    "MapLabels",
    __base__=Output,
    __doc__="The words the map uses for this service level, with the council's own wording.",
    **{label.key: (str, Field(description=label.description)) for label in LABEL_FIELDS},  # type: ignore[call-overload]
)


class MapSnapshotOut(Output):
    service_level: ServiceLevel
    items: list[MapItemOut]
    danger_statements: list[DangerStatementOut]
    goals: list[GoalOut]
    next_steps: list[NextStepOut]
    ratings: list[ScaleRatingOut]


class LiveMapOut(MapSnapshotOut):
    labels: MapLabels  # type: ignore[valid-type]
    last_changed_at: datetime.datetime | None
    last_changed_by: UserOut | None


class MapVersionOut(Output):
    uuid: UUID
    number: int
    saved_on: datetime.date
    saved_by: UserOut | None
    occasion: Occasion
    note: str
    service_level: ServiceLevel


class MapVersionDetailOut(MapVersionOut):
    labels: MapLabels  # type: ignore[valid-type]
    snapshot: MapSnapshotOut
