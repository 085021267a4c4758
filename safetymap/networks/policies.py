"""Who may see a child's safety network.

The network holds third parties' contact details and availability, so it is not part of
what a share with a partner professional opens: the network pages are 404 for them (the
case pages' door, `cases.access.case_page`, already refuses pages a share does not
cover), and the API and the overview panel follow the same rule through `can_view_network`.
Changing the network follows the case's own rule (`cases.policies.can_edit_case`).
"""

from __future__ import annotations

from safetymap.cases.policies import Basis

# Everyone who opens the record on these bases sees the network and how to reach its
# members: the people working with the family, and a duty worker with emergency access
# (who may need to phone the safe adults tonight).
NETWORK_BASES = frozenset(
    {
        Basis.ALLOCATED,
        Basis.TEAM,
        Basis.MANAGER,
        Basis.RESTRICTED_ALLOW_LIST,
        Basis.BREAK_GLASS,
    }
)


def can_view_network(basis: str | None) -> bool:
    return basis in NETWORK_BASES


def can_see_contact_details(basis: str | None) -> bool:
    return basis in NETWORK_BASES
