"""Find every row that belongs to a case, so the case can be destroyed completely.

The walk follows foreign keys backwards from the case, through every installed app, so a
table added later (documents, restrictions, meetings...) is destroyed with the case without
this module having to know about it. Relations that set themselves to NULL when their
target goes (`on_delete=SET_NULL`) are not followed: those rows outlive the case.

People are the other way round: a case points at its child, members point at people. A
person is destroyed only when every row that refers to them is being destroyed too — a
parent who is also on a sibling's case, for example, is kept.
"""

from __future__ import annotations

import functools
import graphlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db import models

from safetymap.cases.models import Case, Person

Model = type[models.Model]
CHUNK = 500

# on_delete behaviours that mean "a referring row cannot outlive its target".
_BLOCKING = (models.CASCADE, models.PROTECT, models.RESTRICT, models.DO_NOTHING)


def _chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    items = list(values)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _concrete(model: Model) -> Model:
    return model._meta.concrete_model or model


@functools.cache
def references_to(target: Model, *, blocking_only: bool) -> list[tuple[Model, models.ForeignKey]]:  # type: ignore[type-arg]
    """Every (model, foreign key) in the project that points at `target`."""
    target = _concrete(target)
    found = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy:
            continue
        for fk in model._meta.local_concrete_fields:
            if not isinstance(fk, models.ForeignKey):
                continue
            if _concrete(fk.remote_field.model) is not target:
                continue
            if blocking_only and fk.remote_field.on_delete not in _BLOCKING:
                continue
            found.append((model, fk))
    return found


@dataclass
class Collection:
    """Primary keys of every row to destroy, by model."""

    rows: dict[Model, set[Any]] = field(default_factory=dict)

    def add(self, model: Model, pks: Iterable[Any]) -> set[Any]:
        """Add rows; return the ones that were new."""
        have = self.rows.setdefault(_concrete(model), set())
        new = set(pks) - have
        have |= new
        return new

    def pks(self, model: Model) -> set[Any]:
        return self.rows.get(_concrete(model), set())

    def counts(self) -> dict[str, int]:
        return {
            model._meta.label_lower: len(pks) for model, pks in sorted(
                self.rows.items(), key=lambda item: item[0]._meta.label_lower
            ) if pks
        }  # fmt: skip

    def uuids(self) -> set[Any]:
        """The public identifiers of every collected row that has one (for its audit trail)."""
        found: set[Any] = set()
        for model, pks in self.rows.items():
            if not any(f.name == "uuid" for f in model._meta.concrete_fields):
                continue
            for chunk in _chunks(pks):
                found |= set(
                    model._base_manager.filter(pk__in=chunk).values_list("uuid", flat=True)
                )
        return found

    def deletion_order(self) -> list[Model]:
        """Referring rows first, so no foreign key ever points at a deleted row."""
        graph: dict[Model, set[Model]] = {model: set() for model in self.rows}
        for target in self.rows:
            for model, _fk in references_to(target, blocking_only=False):
                if model in graph and model is not target:
                    graph[target].add(model)
        return list(graphlib.TopologicalSorter(graph).static_order())


def _walk(collection: Collection, frontier: dict[Model, set[Any]]) -> None:
    """Follow blocking foreign keys backwards until nothing new is found."""
    while frontier:
        found: dict[Model, set[Any]] = {}
        for target, pks in frontier.items():
            for model, fk in references_to(target, blocking_only=True):
                for chunk in _chunks(pks):
                    rows = model._base_manager.filter(**{f"{fk.name}__pk__in": chunk})
                    new = collection.add(model, rows.values_list("pk", flat=True))
                    if new:
                        found.setdefault(_concrete(model), set()).update(new)
        frontier = found


def _people_referred_to(collection: Collection) -> set[Any]:
    """Every person a collected row points at (the child, members, raters...)."""
    people: set[Any] = set()
    for model, pks in collection.rows.items():
        for fk in model._meta.local_concrete_fields:
            if isinstance(fk, models.ForeignKey) and _concrete(fk.remote_field.model) is Person:
                for chunk in _chunks(pks):
                    values = model._base_manager.filter(pk__in=chunk).values_list(
                        fk.attname, flat=True
                    )
                    people |= {value for value in values if value is not None}
    return people


def _still_needed(people: set[Any], collection: Collection) -> set[Any]:
    """The people some row that is NOT being destroyed still refers to, in any way."""
    needed: set[Any] = set()
    for model, fk in references_to(Person, blocking_only=False):
        destroyed = collection.pks(model)
        for chunk in _chunks(people):
            rows = model._base_manager.filter(**{f"{fk.attname}__in": chunk}).values_list(
                "pk", fk.attname
            )
            needed |= {person for pk, person in rows if pk not in destroyed}
    return needed


def collect_case(case: Case) -> Collection:
    """Every row of this case, and the people no other record needs."""
    collection = Collection()
    collection.add(Case, [case.pk])
    _walk(collection, {Case: {case.pk}})
    people = _people_referred_to(collection)
    orphans = people - _still_needed(people, collection)
    if orphans:
        _walk(collection, {Person: collection.add(Person, orphans)})
    return collection


def files_of(collection: Collection) -> list[tuple[Any, str]]:
    """(storage, name) of every stored file a collected row holds, to delete after commit."""
    stored: list[tuple[Any, str]] = []
    for model, pks in collection.rows.items():
        for file_field in model._meta.concrete_fields:
            if not isinstance(file_field, models.FileField):
                continue
            for chunk in _chunks(pks):
                names = model._base_manager.filter(pk__in=chunk).values_list(
                    file_field.attname, flat=True
                )
                stored += [(file_field.storage, name) for name in names if name]
    return stored


def delete_collection(collection: Collection) -> None:
    """Delete every collected row, referring rows first. Django's own delete still refuses
    (ProtectedError) if anything outside the collection points at a row: nothing is left
    dangling, and the caller's transaction rolls the whole case back."""
    for model in collection.deletion_order():
        for chunk in _referring_rows_first(model, collection.pks(model)):
            model._base_manager.filter(pk__in=chunk).delete()


def _referring_rows_first(model: Model, pks: set[Any]) -> Iterator[list[Any]]:
    """The rows in chunks, and for a model that refers to itself (a plan's version based on
    the one before) the rows no remaining row refers to first: a protected reference to a
    row of the same table would otherwise refuse the delete."""
    own = [fk for other, fk in references_to(model, blocking_only=True) if other is model]
    remaining = set(pks)
    while own and remaining:
        referred: set[Any] = set()
        for fk in own:
            for chunk in _chunks(remaining):
                rows = model._base_manager.filter(pk__in=chunk).values_list(fk.attname, flat=True)
                referred |= set(rows)
        leaves = remaining - referred
        if not leaves:
            break  # a loop of references: Django's delete decides
        yield from _chunks(leaves)
        remaining -= leaves
    yield from _chunks(remaining)
