"""Records that are expensive to build, made once per test module and seen by every test in it.

The records are written inside a transaction that is rolled back when the module's tests
end. Each test then runs in a savepoint inside that transaction (pytest-django's usual
per-test rollback), so whatever a test writes is undone and the next test meets the same
records. Model instances are refreshed before each test, because a service may have
changed one in memory (a version number, say) in a write that was rolled back.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

import pytest
from django.db import transaction
from django.db.models import Model

T = TypeVar("T")


def built_once_per_module(build: Callable[[], T], scope: str = "module") -> Any:
    """A fixture giving what `build()` returns, built once per module (or per package with
    `scope="package"`). Under pytest-xdist, keep the tests that share it in one
    `xdist_group` so they run together on one worker (the Makefile runs `--dist loadgroup`);
    otherwise a worker builds it again each time it comes back to them."""

    @pytest.fixture(scope=scope)  # type: ignore[call-overload]
    def records(django_db_setup: Any, django_db_blocker: Any) -> Iterator[T]:
        with django_db_blocker.unblock():
            outer = transaction.atomic()
            outer.__enter__()
            try:
                built = build()
            except BaseException:
                outer.__exit__(*sys.exc_info())
                raise
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                outer.__exit__(None, None, None)

    return records


def fresh(records: T) -> T:
    """A copy of the records for one test: dictionaries and lists copied, so a test may add
    to them, and every model instance re-read from the database."""
    return _fresh(records, {})


def _fresh(value: Any, seen: dict[int, Any]) -> Any:
    if id(value) in seen:
        return seen[id(value)]
    if isinstance(value, Model):
        instance = type(value)._default_manager.get(pk=value.pk)
        seen[id(value)] = instance
        return instance
    if isinstance(value, dict):
        copied: dict[Any, Any] = {}
        seen[id(value)] = copied
        copied.update({key: _fresh(item, seen) for key, item in value.items()})
        return copied
    if isinstance(value, list):
        return [_fresh(item, seen) for item in value]
    if hasattr(value, "__dataclass_fields__"):
        clone = copy.copy(value)
        seen[id(value)] = clone
        for name in value.__dataclass_fields__:
            setattr(clone, name, _fresh(getattr(value, name), seen))
        return clone
    return value
