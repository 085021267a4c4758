"""Who may do what with plain language.

- Checking wording (the pages, the live check and the API): anyone signed in. A check reads
  no case and stores nothing; it only compares the text sent with the council's glossary.
- Changing the glossary (add, change, retire, bring back): council administrators, because
  the glossary is the council's own list, used on every case.
"""

from __future__ import annotations

from typing import Any


def can_check_wording(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_manage_glossary(user: Any) -> bool:
    return can_check_wording(user) and bool(getattr(user, "is_council_administrator", False))
