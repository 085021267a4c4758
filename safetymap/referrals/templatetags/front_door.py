from typing import Any

from django import template

from safetymap.referrals.policies import can_use_front_door

register = template.Library()


@register.filter
def uses_front_door(user: Any) -> bool:
    return can_use_front_door(user)
