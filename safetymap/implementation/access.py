"""A practice lead's access to a case brought to group supervision.

Practice leads have no team relationship to the children whose cases they advise on. The
practice leads named on a group supervision of a case (as facilitator, advisor or
participant) may read the case, read-only, from the session until
SAFETYMAP_PRACTICE_LEAD_ACCESS_DAYS days after it, so they can prepare, advise and follow
up what the group suggested. Other practice leads see nothing of it.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from safetymap.accounts.models import Role, User
from safetymap.cases.policies import Basis, ExtraBasis, register_access_basis
from safetymap.implementation.models import GroupSupervision


def access_since() -> datetime.date:
    """Group supervision held on or after this date still gives the practice lead access."""
    return timezone.localdate() - datetime.timedelta(
        days=settings.SAFETYMAP_PRACTICE_LEAD_ACCESS_DAYS
    )


def supervised_case_ids(user: User) -> QuerySet[Any]:
    named = Q(facilitator=user) | Q(advisor=user) | Q(participants=user)
    return (
        GroupSupervision.objects.filter(removed_at__isnull=True, held_on__gte=access_since())
        .filter(named)
        .values("case")
    )


def register_group_supervision_basis() -> None:
    register_access_basis(
        ExtraBasis(
            basis=Basis.GROUP_SUPERVISION,
            roles=frozenset({Role.PRACTICE_LEAD}),
            case_ids=supervised_case_ids,
        )
    )
