"""Safety plans in the case chronology: each version agreed, tested, completed or replaced
(one query for every version of every plan)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.urls import reverse

from safetymap.cases.models import Case
from safetymap.cases.registry import ChronologyEvent
from safetymap.safety_plans.models import PlanVersion

# The dates a version records, and what each says happened.
MILESTONES = (
    ("agreed_on", "agreed"),
    ("testing_started_on", "started testing"),
    ("completed_on", "completed"),
    ("replaced_on", "replaced"),
)


def plan_events(case: Case) -> Iterable[ChronologyEvent]:
    versions = PlanVersion.objects.filter(plan__case=case).select_related("plan")
    for version in versions:
        url = reverse(
            "safety_plans:version",
            kwargs={
                "case_uuid": case.uuid,
                "plan_uuid": version.plan.uuid,
                "number": version.number,
            },
        )
        for field, what in MILESTONES:
            day: datetime.date | None = getattr(version, field)
            if day is not None:
                yield ChronologyEvent(
                    happened_on=day,
                    kind="safety_plans",
                    summary=f"{version.plan.title}, version {version.number}: {what}",
                    url=url,
                    detail=version.plan.get_kind_display(),
                )
