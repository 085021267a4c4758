"""Notification tags any app's templates can use. `{% load notifications %}`.

{% unread_notification_count as count %}   how many unread notifications the user has
{% include "notifications/nav_item.html" %}  the header's "Notifications" link and count
"""

from __future__ import annotations

from typing import Any

from django import template

from safetymap.notifications.selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notification_count(context: template.Context) -> int:
    """Unread notifications of the signed-in user (0 when signed out). One query, once per
    request however many times it is used."""
    request: Any = context.get("request")
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return 0
    if request is not None:
        cached = getattr(request, "_unread_notification_count", None)
        if cached is not None:
            return int(cached)
    count = unread_count(user)
    if request is not None:
        request._unread_notification_count = count
    return count
