"""Who may see the child's voice pages.

Everyone who may open the case's record sees the child's words there, except a partner
professional it is shared with: a share opens the overview and the map only, and the
child's words reach other professionals only through `selectors.entries_for_audience`
(their consent for "other professionals"), never through these pages.
"""

from __future__ import annotations

from safetymap.cases.policies import Basis


def can_view_voice_pages(basis: str | None) -> bool:
    return basis is not None and basis != Basis.SHARED
