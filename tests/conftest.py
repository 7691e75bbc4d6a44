"""Fixtures shared by the tests that load the spaCy model (marked slow)."""

from __future__ import annotations

from collections.abc import Callable

import pytest


@pytest.fixture(scope="session")
def parse() -> Callable:
    """Return ``chronicle.nlp.parse`` with the model loaded (once per test run)."""
    from chronicle import nlp

    nlp.load()
    return nlp.parse


@pytest.fixture(scope="session")
def resolver():  # noqa: ANN201 - the actors package is imported lazily
    """Return an ActorResolver over the packaged gazetteer."""
    from chronicle.actors import ActorResolver

    return ActorResolver()
