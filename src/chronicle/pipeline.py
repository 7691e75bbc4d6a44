"""The run loop: raw articles through cleaning, NLP and the stages, in batches.

Every stage is a plain function over records and the spaCy ``Doc``; an error
in one document becomes a ``Skip`` with its reason and the batch goes on.
Memory stays bounded: the loop holds one batch of documents at a time.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import nlp
from .clean import clean
from .errors import ChronicleError, InputError
from .records import Analysis, Document, RawArticle, Sentence, Skip
from .settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .actors import ActorResolver
    from .candidates import TriggerWords
    from .coding import Coder

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Known:
    """A document the store already holds: cleaned, not analysed again."""

    doc_id: str
    origin: str


Result = Analysis | Skip | Known


@functools.lru_cache(maxsize=4)
def _stages(actors_file: str | None, lexicon_file: str | None) -> tuple[ActorResolver, Coder]:
    from .actors import ActorResolver, Gazetteer
    from .coding import Coder, default_lexicon

    resolver = ActorResolver(Gazetteer.load(Path(actors_file) if actors_file else None))
    return resolver, Coder(default_lexicon(lexicon_file), resolver)


@functools.lru_cache(maxsize=4)
def _trigger_words(actors_file: str | None, lexicon_file: str | None) -> TriggerWords:
    """Return the trigger words of the lexicon these settings load (built once per process:
    its cache of lower-cased vocabulary strings then lasts the whole run)."""
    from .candidates import TriggerWords

    return TriggerWords.from_lexicon(_stages(actors_file, lexicon_file)[1].lexicon)


def stages(settings: Settings) -> tuple[ActorResolver, Coder]:
    """Return the actor resolver and event coder for these settings (built once per process)."""
    return _stages(
        str(settings.actors_file) if settings.actors_file else None,
        str(settings.lexicon_file) if settings.lexicon_file else None,
    )


def run(
    items: Iterable[RawArticle | Skip],
    settings: Settings = Settings(),
    *,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Result]:
    """Yield one result per input: an Analysis, a Skip (with its reason), or Known.

    ``known(doc_id)`` tells whether the store already has a document; such a
    document is not parsed again (re-ingesting is cheap and changes nothing).
    """
    stages(settings)  # fail early on a bad --actors/--lexicon file, before any work
    if settings.engine == "dask":
        from .distributed import run_dask

        yield from run_dask(items, settings, known)
        return
    if settings.workers > 1:
        yield from _run_parallel(items, settings, known)
        return
    for part in _batches(items, settings, known):
        if isinstance(part, list):
            yield from _analyse_batch(part, settings)
        else:
            yield part


def _batches(
    items: Iterable[RawArticle | Skip], settings: Settings, known: Callable[[str], bool] | None
) -> Iterator[list[tuple[Document, str]] | Skip | Known]:
    """Yield cleaned documents in batches to analyse, and the inputs that need no analysis."""
    batch: list[tuple[Document, str]] = []
    chars = 0
    for item in items:
        if isinstance(item, Skip):
            yield item
            continue
        try:
            document = _document(item, settings)
        except InputError as exc:
            yield Skip(origin=exc.origin, reason=exc.reason, stage="clean")
            continue
        if known is not None and known(document.id):
            yield Known(doc_id=document.id, origin=item.origin)
            continue
        batch.append((document, item.origin))
        chars += len(document.text)
        if len(batch) >= settings.batch_size or chars >= settings.batch_chars:
            yield batch
            batch, chars = [], 0
    if batch:
        yield batch


def _run_parallel(
    items: Iterable[RawArticle | Skip], settings: Settings, known: Callable[[str], bool] | None
) -> Iterator[Result]:
    """Analyse batches in ``settings.workers`` processes, results in input order.

    Each process loads the model once and runs the same ``_analyse_batch``.
    At most two batches per process are in flight, so memory stays bounded
    however long the input is. Processes are spawned, not forked: the parent
    may run a progress-bar thread, and forking a threaded process is unsafe.
    """
    import multiprocessing
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    pending: deque[Future[list[Result]]] = deque()
    with ProcessPoolExecutor(max_workers=settings.workers, mp_context=context) as pool:
        for part in _batches(items, settings, known):
            if not isinstance(part, list):
                yield part
                continue
            pending.append(pool.submit(_analyse_list, part, settings))
            while len(pending) >= 2 * settings.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def _analyse_list(batch: list[tuple[Document, str]], settings: Settings) -> list[Result]:
    """Return the results of one batch (runs in a worker process)."""
    return list(_analyse_batch(batch, settings))


def _document(raw: RawArticle, settings: Settings) -> Document:
    document = clean(raw)
    if document.published is None and settings.default_date is not None:
        document = dataclasses.replace(document, published=settings.default_date.isoformat())
    return document


def _analyse_batch(batch: list[tuple[Document, str]], settings: Settings) -> Iterator[Result]:
    # Named entities only where the coder may find an event (candidates.py):
    # the recogniser is half of spaCy's time, most sentences hold no trigger.
    words = _trigger_words(
        str(settings.actors_file) if settings.actors_file else None,
        str(settings.lexicon_file) if settings.lexicon_file else None,
    )
    docs = nlp.pipe_selective(
        (d.text for d, _ in batch), words.spans_to_recognise, batch_size=settings.batch_size)
    for (document, origin), doc in zip(batch, docs):
        try:
            yield analyse(doc, document, settings, origin=origin)
        except ChronicleError:
            raise  # a bad user data file concerns every document: stop
        except Exception as exc:  # one document's failure must not stop the batch
            log.debug("analysis failed for %s", origin, exc_info=True)
            yield Skip(origin=origin, reason=f"analysis failed: {type(exc).__name__}: {exc}", stage="nlp")


def analyse(doc: Doc, document: Document, settings: Settings = Settings(), *, origin: str = "") -> Analysis:
    """Return the sentences, mentions, time expressions and events of one parsed document."""
    from . import timex

    resolver, coder = stages(settings)
    bounds = [nlp.sentence_bounds(s) for s in doc.sents]
    sentences = tuple(
        Sentence(doc_id=document.id, index=i, start=start, end=end, text=document.text[start:end])
        for i, (start, end) in enumerate(bounds)
    )
    dct = timex.parse_dct(document.published)
    if dct is None:
        dct = timex.infer_dct(document.text)
        if dct is not None:
            document = dataclasses.replace(document, published=dct.isoformat(), published_inferred=True)
    timexes = tuple(timex.tag(document.text, doc_id=document.id, dct=dct, sentence_starts=[s.start for s in sentences]))
    mentions = tuple(resolver.mentions(doc, document.id, on=dct))  # office holders as of that date
    events = tuple(
        e for e in coder.code(doc, document, mentions, timexes, dct)
        if e.confidence >= settings.min_confidence
    )
    return Analysis(
        document=document, sentences=sentences, mentions=mentions, timexes=timexes,
        events=events, origin=origin,
    )
