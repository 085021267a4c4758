"""Every read of the child's voice. Callers have already fetched the case through
`cases.selectors.get_visible_case` (the `@case_page` decorator), so these are scoped to it.

`entries_for_audience` is the one place that decides what an audience (parents, the
network, a conference, other professionals) may see of what the child said.
"""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Collection

from django.db import models
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    When,
)
from django.http import Http404

from safetymap.audit.models import AuditEvent
from safetymap.cases.models import Case, SharedKind
from safetymap.child_voice.models import (
    Audience,
    ConsentOverride,
    Drawing,
    Entry,
    House,
    Session,
    share_field,
)

# The case page says plainly when the child has not been heard for this long.
QUIET_AFTER_MONTHS = 3


def sessions_for_case(case: Case) -> QuerySet[Session]:
    """The case's sessions, newest first, with how many entries and drawings each has."""
    return (
        Session.objects.filter(case=case, removed_at__isnull=True)
        .select_related("worker")
        .annotate(
            entry_count=Count("entries", filter=Q(entries__removed_at__isnull=True), distinct=True),
            drawing_count=Count(
                "drawings",
                filter=Q(
                    drawings__removed_at__isnull=True, drawings__document__removed_at__isnull=True
                ),
                distinct=True,
            ),
        )
        .order_by("-held_on", "-created_at", "-id")
    )


def get_session(case: Case, session_uuid: uuid.UUID) -> Session:
    session = (
        Session.objects.filter(case=case, uuid=session_uuid, removed_at__isnull=True)
        .select_related("case__child", "worker")
        .first()
    )
    if session is None:
        raise Http404("No such session on this case")
    return session


def _words_changed() -> Exists:
    """Whether an entry's words were changed after they were first written down."""
    return Exists(
        AuditEvent.objects.filter(
            object_type=Entry._meta.label_lower,
            object_uuid=OuterRef("uuid"),
            action="update",
            changes__has_key="words",
        )
    )


def session_entries(session: Session) -> QuerySet[Entry]:
    """The session's entries in the order the child chose."""
    return (
        Entry.objects.filter(session=session, removed_at__isnull=True)
        .select_related("map_item", "danger_statement", "safety_goal")
        .annotate(words_changed=_words_changed())
        .order_by("position", "id")
    )


def get_entry(session: Session, entry_uuid: uuid.UUID) -> Entry:
    entry = (
        Entry.objects.filter(session=session, uuid=entry_uuid, removed_at__isnull=True)
        .select_related("session__case__child", "map_item", "danger_statement", "safety_goal")
        .first()
    )
    if entry is None:
        raise Http404("No such entry in this session")
    return entry


def entry_wordings(entry: Entry) -> list[tuple[datetime.datetime, str]]:
    """Every earlier wording of an entry, oldest first, from its audit trail."""
    events = AuditEvent.objects.filter(
        object_type=Entry._meta.label_lower, object_uuid=entry.uuid, changes__has_key="words"
    ).order_by("occurred_at", "id")
    earlier = []
    for event in events:
        change = event.changes["words"]
        old = change.get("old")
        if old:
            earlier.append((event.occurred_at, str(old)))
    return earlier


def session_drawings(session: Session) -> QuerySet[Drawing]:
    return Drawing.objects.filter(
        session=session, removed_at__isnull=True, document__removed_at__isnull=True
    ).select_related("document")


def get_drawing(session: Session, drawing_uuid: uuid.UUID) -> Drawing:
    drawing = session_drawings(session).filter(uuid=drawing_uuid).first()
    if drawing is None:
        raise Http404("No such drawing in this session")
    return drawing


def session_overrides(session: Session) -> QuerySet[ConsentOverride]:
    return ConsentOverride.objects.filter(session=session, removed_at__isnull=True).select_related(
        "entry", "decided_by"
    )


def get_override(session: Session, override_uuid: uuid.UUID) -> ConsentOverride:
    override = session_overrides(session).filter(uuid=override_uuid).first()
    if override is None:
        raise Http404("No such decision on this session")
    return override


# --- What an audience may see -----------------------------------------------------------------


def _consented(audience: str) -> Q:
    """The child agreed: the entry says yes, or says nothing and the session says yes."""
    own = share_field(audience)
    return Q(**{own: True}) | Q(**{f"{own}__isnull": True, f"session__{own}": True})


def _overrides(audience: str) -> QuerySet[ConsentOverride]:
    """Overrides for this audience that cover the entry in the outer query."""
    return ConsentOverride.objects.filter(
        session=OuterRef("session"), audience=audience, removed_at__isnull=True
    ).filter(Q(entry__isnull=True) | Q(entry=OuterRef("pk")))


def entries_for_audience(case: Case, audience: str) -> QuerySet[Entry]:
    """What this audience may see of what the child said on this case, and nothing else.

    An entry is included when the child agreed to share it with the audience, or when a
    worker recorded an override with a reason. Each entry carries `consented` (the child
    agreed), `via_override` (shown only because of an override: show it as one) and
    `override_reason`. Ordered newest session first, then in the order the child chose.
    """
    if audience not in Audience.values:
        raise ValueError(f"Unknown audience: {audience}")
    overrides = _overrides(audience)
    return (
        Entry.objects.filter(
            session__case=case, session__removed_at__isnull=True, removed_at__isnull=True
        )
        .annotate(
            # Case/When rather than a bare condition: a NULL decision must read as "no".
            consented=models.Case(
                When(_consented(audience), then=True), default=False, output_field=BooleanField()
            ),
            overridden=Exists(overrides),
            override_reason=Subquery(overrides.order_by("-created_at").values("reason")[:1]),
        )
        .filter(Q(consented=True) | Q(overridden=True))
        .annotate(
            via_override=models.Case(
                When(consented=True, then=False), default=True, output_field=BooleanField()
            )
        )
        .select_related("session")
        .order_by("-session__held_on", "-session__created_at", "session_id", "position", "id")
    )


def drawings_for_audience(case: Case, audience: str) -> QuerySet[Drawing]:
    """The drawings this audience may see: from sessions the child agreed to share with
    them, or that a worker shared with a recorded reason."""
    if audience not in Audience.values:
        raise ValueError(f"Unknown audience: {audience}")
    session_override = ConsentOverride.objects.filter(
        session=OuterRef("session"), audience=audience, entry__isnull=True, removed_at__isnull=True
    )
    return (
        Drawing.objects.filter(
            session__case=case,
            session__removed_at__isnull=True,
            removed_at__isnull=True,
            document__removed_at__isnull=True,
        )
        .annotate(overridden=Exists(session_override))
        .filter(Q(**{f"session__{share_field(audience)}": True}) | Q(overridden=True))
        .select_related("session", "document")
    )


# --- For other apps ---------------------------------------------------------------------------


def safety_house_rules(case: Case) -> QuerySet[Entry]:
    """The rules children put in their Safety House on this case, each with its session,
    newest session first, for proposing into the safety plan."""
    return (
        Entry.objects.filter(
            session__case=case,
            session__removed_at__isnull=True,
            removed_at__isnull=True,
            house=House.RULES,
        )
        .select_related("session")
        .order_by("-session__held_on", "-session__created_at", "position", "id")
    )


def entries_on_map(case: Case, record_uuids: Collection[str]) -> QuerySet[Entry]:
    """The entries that were carried into the map as one of these records."""
    return (
        Entry.objects.filter(session__case=case, removed_at__isnull=True)
        .filter(
            Q(map_item__uuid__in=record_uuids)
            | Q(danger_statement__uuid__in=record_uuids)
            | Q(safety_goal__uuid__in=record_uuids)
        )
        .select_related("session", "map_item", "danger_statement", "safety_goal")
    )


# --- The case overview ------------------------------------------------------------------------


def months_before(day: datetime.date, months: int) -> datetime.date:
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for last_day in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, min(day.day, last_day))
        except ValueError:
            continue
    raise ValueError(day)


def latest_session(case: Case) -> Session | None:
    return (
        Session.objects.filter(case=case, removed_at__isnull=True)
        .select_related("worker")
        .order_by("-held_on", "-created_at", "-id")
        .first()
    )


def carried_words_professionals_may_not_see(case: Case) -> set[tuple[str, uuid.UUID]]:
    """The map records holding the child's words that other professionals may not see (the
    child did not agree and no worker overrode it), as (shared kind, uuid): a partner's
    share of them shows nothing."""
    visible = entries_for_audience(case, Audience.PROFESSIONALS).values("pk")
    carried = (
        Entry.objects.filter(session__case=case)
        .filter(
            Q(map_item__isnull=False)
            | Q(danger_statement__isnull=False)
            | Q(safety_goal__isnull=False)
        )
        .exclude(pk__in=visible)
        .values_list("map_item__uuid", "danger_statement__uuid", "safety_goal__uuid")
    )
    withheld: set[tuple[str, uuid.UUID]] = set()
    for item, statement, goal in carried:
        for kind, record in (
            (SharedKind.MAP_ITEM, item),
            (SharedKind.DANGER_STATEMENT, statement),
            (SharedKind.SAFETY_GOAL, goal),
        ):
            if record is not None:
                withheld.add((kind, record))
    return withheld
