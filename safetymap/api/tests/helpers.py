"""A small, fictional case with one of everything on it, the people who look at it, and
valid requests for every endpoint (so a 404 or 403 is never a 422 in disguise)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.test import Client
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.models import Case, CaseMember, ServiceLevelChange
from safetymap.mapping import services as map_services
from safetymap.mapping.models import (
    DangerStatement,
    MapItem,
    MapVersion,
    NextStep,
    Part,
    SafetyGoal,
    ScaleRating,
)
from tests.factories import (
    AllocationFactory,
    CaseFactory,
    CaseMemberFactory,
    DangerStatementFactory,
    MapItemFactory,
    NextStepFactory,
    PersonFactory,
    SafetyGoalFactory,
    ScaleRatingFactory,
    TeamFactory,
    UserFactory,
)

API = "/api/v1"


def today(days: int = 0) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@dataclass
class World:
    case: Case
    worker: User  # allocated practitioner: may change the case
    reader: User  # business support in the case's team: may read, not change
    stranger: User  # practitioner in another team: no relationship to the case
    member: CaseMember
    item: MapItem
    statement: DangerStatement
    goal: SafetyGoal
    step: NextStep
    rating: ScaleRating
    version: MapVersion

    def url(self, rest: str = "") -> str:
        return f"{API}/cases/{self.case.uuid}{rest}"


def build_world() -> World:
    team = TeamFactory(name="Northfield Child Protection")
    child = PersonFactory(first_name="Kayden", last_name="Whitlock")
    case: Any = CaseFactory(team=team, child=child, reference="SM-204817")
    ServiceLevelChange.objects.create(
        case=case,
        from_level="",
        to_level=case.service_level,
        changed_on=case.opened_on,
        reason="Strategy discussion after a police report of domestic abuse at home.",
    )
    worker: Any = UserFactory(team=team, first_name="Priya", last_name="Chaudhry")
    AllocationFactory(case=case, worker=worker, started_on=case.opened_on)
    statement = DangerStatementFactory(case=case)
    rows: dict[str, Any] = {
        "case": case,
        "worker": worker,
        "reader": UserFactory(team=team, role=Role.BUSINESS_SUPPORT),
        "stranger": UserFactory(team=TeamFactory(name="Southgate Assessment")),
        "member": CaseMemberFactory(
            case=case, person=PersonFactory(first_name="Dionne", last_name="Whitlock")
        ),
        "item": MapItemFactory(case=case, part=Part.HARM, text="Police were called to the home."),
        "statement": statement,
        "goal": SafetyGoalFactory(danger_statement=statement),
        "step": NextStepFactory(case=case),
        "rating": ScaleRatingFactory(case=case),
        "version": map_services.map_version_save(
            actor=worker,
            case=case,
            occasion="visit",
            note="After the home visit with Mum and Grandma.",
            saved_on=today(),
        ),
    }
    return World(**rows)


def statement_on_another_case(world: World) -> Any:
    """A danger statement on another case the same worker holds: not on this map."""
    other = CaseFactory(team=world.case.team)
    AllocationFactory(case=other, worker=world.worker)
    return DangerStatementFactory(case=other)


def signed_in(user: User, **kwargs: Any) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


def send(client: Client, method: str, url: str, body: Any = None) -> Any:
    """A request with a JSON body (DELETE carries its version in the query string)."""
    if body is None:
        return getattr(client, method)(url)
    return getattr(client, method)(url, body, content_type="application/json")


# --- One valid request for each kind of map record --------------------------------------


@dataclass(frozen=True)
class KindCase:
    slug: str
    attr: str  # the World attribute holding an existing row of this kind
    create: Any  # (world) -> body
    edit: dict[str, Any]  # a change to make (version is added)
    changed: tuple[str, Any]  # (field, value) to find on the row after the change
    invalid: dict[str, Any]  # a body the schema refuses


KIND_CASES: tuple[KindCase, ...] = (
    KindCase(
        slug="items",
        attr="item",
        create=lambda w: {
            "part": "strength",
            "text": "Grandma collects the children from school every Friday.",
            "said_by": "Grandma",
            "danger_present": False,
        },
        edit={"text": "Police were called to the home twice in March."},
        changed=("text", "Police were called to the home twice in March."),
        invalid={"part": "harm", "text": "   "},
    ),
    KindCase(
        slug="danger-statements",
        attr="statement",
        create=lambda w: {
            "who_is_worried": "The school and the social worker",
            "adult_behaviour": "Mum's partner has hit her when the children were in the next room",
            "feared_for_child": "the children will be hurt trying to protect Mum",
        },
        edit={"dispute": "Dad says he has not had a drink since January."},
        changed=("dispute", "Dad says he has not had a drink since January."),
        invalid={"who_is_worried": "The school", "adult_behaviour": "", "feared_for_child": "x"},
    ),
    KindCase(
        slug="goals",
        attr="goal",
        create=lambda w: {
            "danger_statement": str(w.statement.uuid),
            "adults_will": "Mum will call Grandma if her partner comes to the house drunk",
            "child_will_experience": "The children will feel safe at bedtime",
            "who_will_see": "Grandma and the school",
            "how_long": "the next six months",
        },
        edit={"status": "agreed"},
        changed=("status", "agreed"),
        invalid={"danger_statement": "not-a-uuid", "adults_will": "x"},
    ),
    KindCase(
        slug="next-steps",
        attr="step",
        create=lambda w: {
            "action": "Ask the GP for Mum's records",
            "owner": "Social worker",
            "due_on": today(7).isoformat(),
            "goal": str(w.goal.uuid),
        },
        edit={"done_on": today().isoformat()},
        changed=("done_on", today()),
        invalid={"action": "Ring the school", "owner": "Social worker", "due_on": "next week"},
    ),
    KindCase(
        slug="scales",
        attr="rating",
        create=lambda w: {
            "danger_statement": str(w.statement.uuid),
            "rater_name": "Dionne Whitlock",
            "rater_role": "parent",
            "score": 6,
            "reason": "He has not been round since the police came.",
        },
        edit={"score": 5},
        changed=("score", 5),
        invalid={"rater_name": "Mum", "rater_role": "parent", "score": 11, "reason": "x"},
    ),
)
