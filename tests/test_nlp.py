"""The model loader: a clear message when the model is missing; paragraph-aware sentences."""

from __future__ import annotations

import importlib

import pytest

from chronicle import nlp
from chronicle.errors import ModelMissingError


def test_a_missing_model_says_how_to_install_it(monkeypatch):
    real_import = importlib.import_module

    def fake_import(name, *args, **kwargs):
        if name == nlp.MODEL_PACKAGE:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(importlib, "import_module", fake_import)
    nlp.load.cache_clear()
    try:
        with pytest.raises(ModelMissingError, match=r"pip install --require-hashes -r requirements.lock"):
            nlp.load()
    finally:
        nlp.load.cache_clear()


@pytest.mark.slow
def test_a_line_break_always_ends_a_sentence():
    doc = nlp.parse("Troops leave the capital after talks\nThe defence minister said on Friday that units had left.")
    assert [nlp.sentence_bounds(s) for s in doc.sents] == [(0, 36), (37, 93)]


@pytest.mark.slow
def test_the_model_is_the_pinned_one():
    meta = nlp.load().meta
    assert (meta["lang"], meta["version"]) == ("en", nlp.MODEL_VERSION)
    assert "paragraph_breaks" in nlp.load().pipe_names
