"""Base models every domain app builds on.

Rows are addressed in URLs by a random UUID (`uuid`), never by their database id. Editable
records carry a `version` that forms send back, so a stale save can be refused.
"""

from __future__ import annotations

import uuid

from django.db import models


class PublicModel(models.Model):
    """A row with a UUID for URLs and creation/update timestamps."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(PublicModel):
    """A row edited through forms: `version` goes up by one on every change."""

    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True


class RemovableModel(VersionedModel):
    """A row users can remove: it is hidden, never deleted (only retention deletes)."""

    removed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None
