"""The evaluation app's own figures on the team manager's dashboard. Each narrows the team's
open cases to those that need attention for one reason, in one query (a subquery or an
annotation, never a loop over cases)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from functools import partial

from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, QuerySet

from safetymap.cases.models import Case
from safetymap.cases.registry import TeamFigure
from safetymap.child_voice.models import Session
from safetymap.child_voice.selectors import QUIET_AFTER_MONTHS, months_before
from safetymap.mapping.models import NextStep
from safetymap.mapping.selectors import annotate_overall_scale
from safetymap.networks.selectors import cases_with_uninformed_network
from safetymap.words_pictures.selectors import cases_missing_words_and_pictures

# A fall of this much or more in the worker's overall scale is a figure of its own.
SCALE_DROP = Decimal(2)


def how_many_children(count: int) -> str:
    if count == 0:
        return "No children"
    return "1 child" if count == 1 else f"{count} children"


def children(count: int, rest: str, none: str = "") -> str:
    """ "1 child has <rest>", "3 children have <rest>", "No children have <rest>"; `none`, if
    given, is the whole sentence for no children (where "No children have not..." would
    read badly)."""
    if count == 0 and none:
        return none
    return f"{how_many_children(count)} {'has' if count == 1 else 'have'} {rest}"


def overdue_next_steps(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    overdue = NextStep.objects.filter(
        case=OuterRef("pk"), removed_at__isnull=True, done_on__isnull=True, due_on__lt=today
    )
    return cases.filter(Exists(overdue))


def not_heard_recently(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    """No child's voice session held in the last 3 months (one held exactly 3 months ago
    still counts, as on the case overview)."""
    recent = Session.objects.filter(
        case=OuterRef("pk"),
        removed_at__isnull=True,
        held_on__gte=months_before(today, QUIET_AFTER_MONTHS),
    )
    return cases.exclude(Exists(recent))


def no_words_and_pictures(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    return cases_missing_words_and_pictures(cases)


def network_not_told(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    return cases_with_uninformed_network(cases)


def scale_dropped(cases: QuerySet[Case], today: datetime.date) -> QuerySet[Case]:
    """The worker's latest overall scale is 2 or more below the one before it."""
    drop = ExpressionWrapper(
        F("previous_overall") - F("latest_overall"),
        output_field=DecimalField(max_digits=4, decimal_places=1),
    )
    return (
        annotate_overall_scale(cases).annotate(scale_drop=drop).filter(scale_drop__gte=SCALE_DROP)
    )


def _figure(
    key: str,
    label: str,
    cases: Callable[[QuerySet[Case], datetime.date], QuerySet[Case]],
    order: int,
    rest: str,
    none: str = "",
) -> TeamFigure:
    return TeamFigure(key, label, cases, order, describe=partial(children, rest=rest, none=none))


HEARD = f"had their words recorded in the last {QUIET_AFTER_MONTHS} months"
FIGURES = (
    _figure(
        "next-steps-overdue",
        "Next steps overdue",
        overdue_next_steps,
        10,
        "an overdue next step",
    ),
    _figure(
        "not-heard",
        f"Child's words not recorded in the last {QUIET_AFTER_MONTHS} months",
        not_heard_recently,
        30,
        f"not {HEARD}",
        none=f"Every child has {HEARD}",
    ),
    _figure(
        "no-words-and-pictures",
        "No Words and Pictures while on a plan",
        no_words_and_pictures,
        40,
        "not been given a Words and Pictures explanation while on a plan",
        none="Every child on a plan has been given a Words and Pictures explanation",
    ),
    _figure(
        "network-not-told",
        "Safety network has not seen the danger statements",
        network_not_told,
        50,
        "someone in their safety network who has not seen the current danger statements",
    ),
    _figure(
        "scale-dropped",
        "Overall scale dropped by 2 or more",
        scale_dropped,
        60,
        "an overall scale 2 or more points lower than at the rating before",
    ),
)
