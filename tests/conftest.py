"""Fixtures shared by the tests that load the spaCy model (marked slow)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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


@pytest.fixture(scope="session")
def store_content() -> Callable:
    """Return a function giving every table of a store, rows sorted: equal stores compare equal."""
    import sqlite3

    from chronicle.store import TABLES

    def content(db: Path) -> dict[str, list[tuple]]:
        conn = sqlite3.connect(db)
        try:
            return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
        finally:
            conn.close()

    return content
