"""Reads about the people who use SafetyMap, for council administrators."""

from __future__ import annotations

import uuid

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from safetymap.accounts.models import User


def people_for_sign_in_admin(query: str = "") -> QuerySet[User]:
    """Everyone who can sign in, narrowed by name or username, in name order."""
    people = User.objects.filter(is_active=True).select_related("team")
    for word in query.split():
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
        )
    return people.order_by("first_name", "last_name", "id")


def get_person(user_uuid: uuid.UUID) -> User:
    """A person by their UUID, or 404."""
    return get_object_or_404(User.objects.select_related("team"), uuid=user_uuid)
