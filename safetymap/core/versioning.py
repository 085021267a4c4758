"""Optimistic locking: refuse a save made from a form older than the record."""

from __future__ import annotations

from typing import TypeVar

from safetymap.core.models import VersionedModel

STALE_MESSAGE = (
    "Someone else changed this while you were editing it. Your changes have not been saved. "
    "Check the latest version below and make your changes again."
)

M = TypeVar("M", bound=VersionedModel)


class StaleEditError(Exception):
    """The record changed since the form was loaded; nothing was saved."""

    def __init__(self, message: str = STALE_MESSAGE) -> None:
        super().__init__(message)
        self.message = message


def lock_for_edit(instance: M, *, expected_version: int | None) -> M:
    """Re-read the row under a lock and check the version the user saw is still current.

    Returns the locked, fresh row; the caller changes it, then calls `save_new_version`.
    `expected_version=None` is for callers that are not edit forms (e.g. a system job).
    """
    fresh = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    if expected_version is not None and fresh.version != expected_version:
        raise StaleEditError()
    return fresh


def save_new_version(instance: VersionedModel, *, update_fields: list[str] | None = None) -> None:
    instance.version += 1
    if update_fields is not None:
        update_fields = [*update_fields, "version", "updated_at"]
    instance.save(update_fields=update_fields)
