"""A plan in every state a page needs, for tests outside this app (the authorization
matrix): version 1 agreed and in force, version 2 a draft with a rule."""

from __future__ import annotations

import datetime
from typing import Any

from safetymap.accounts.models import User
from safetymap.cases.models import Case
from safetymap.mapping.models import DangerStatement
from safetymap.safety_plans import services


def agreed_plan_with_draft(
    *, actor: User, case: Case, statement: DangerStatement
) -> dict[str, Any]:
    """URL values: `plan_uuid`, `part` and `line_uuid` (a rule in the draft); version 1 is
    the agreed one."""
    first = services.safety_plan_create(actor=actor, case=case, kind="immediate", title="Now")
    services.plan_line_add(
        actor=actor,
        plan_version=first,
        kind="rules",
        values={"adult_words": "Mum stays sober", "child_words": "Mummy has no beer",
                "danger_statement": statement, "how_checked": "Gran visits", "how_often": "Daily"},
    )  # fmt: skip
    services.plan_agree(
        actor=actor,
        plan_version=first,
        expected_version=None,
        agreers=[services.Agreer(staff=actor)],
        agreed_on=datetime.date.today(),
    )
    draft = services.plan_new_draft(actor=actor, plan_version=first)
    rule = draft.rules.get()
    return {"plan_uuid": first.plan.uuid, "part": "rules", "line_uuid": rule.uuid}
