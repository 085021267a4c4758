"""`{% load record_access %}`: links to the pages about who may open records, for the user's
role (used on the My cases and Team cases pages).

    {% record_access_links as links %}   [{"text", "href"}] the user may use
"""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from safetymap.accounts.models import Role
from safetymap.cases import policies

register = template.Library()


@register.simple_tag(takes_context=True)
def record_access_links(context: template.Context) -> list[dict[str, str]]:
    user: Any = context.get("user")
    if user is None or not user.is_authenticated:
        return []
    links = []
    if policies.can_use_break_glass(user):
        links.append({"text": "Find a child's record", "href": reverse("cases:find_record")})
    if user.role == Role.TEAM_MANAGER:
        links.append(
            {"text": "Emergency access to review", "href": reverse("cases:break_glass_reviews")}
        )
    if policies.may_manage_restrictions(user):
        links.append({"text": "Restricted records", "href": reverse("cases:restricted_records")})
    if user.role == Role.PARTNER_PROFESSIONAL:
        links.append({"text": "Records shared with you", "href": reverse("cases:shared_with_me")})
    return links
