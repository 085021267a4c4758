from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from safetymap.api.tests.helpers import World, build_world, signed_in


@pytest.fixture
def world(db: Any) -> World:
    return build_world()


@pytest.fixture
def as_worker(world: World) -> Client:
    return signed_in(world.worker)


@pytest.fixture
def as_reader(world: World) -> Client:
    return signed_in(world.reader)


@pytest.fixture
def as_stranger(world: World) -> Client:
    return signed_in(world.stranger)
