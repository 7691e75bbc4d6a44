"""Event dating: the time expression that governs an event, else the narrative's, else the DCT."""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..records import Timex
from .rules import CONNECT
from .values import event_value

if TYPE_CHECKING:  # spaCy is only needed for the Doc date_event receives
    from spacy.tokens import Doc, Token

# The narrative anchor may come from this many sentences back across a paragraph
# break (news paragraphs are often one sentence long); within a paragraph, any distance.
NARRATIVE_SENTENCES = 2


@dataclass(frozen=True, kw_only=True)
class EventDate:
    """The date of one event and where it came from."""

    date: str | None  # TimeML value prefix at its precision: 2022-02-27, 2021-05, 2010, 201
    precision: str | None  # day | month | year | decade
    text: str | None  # the words that gave the date
    source: str  # text | narrative | document


_CORE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "oprd", "appos", "ROOT"})
_VERBAL = frozenset({"VERB", "AUX"})


def _clause_head(token: Token) -> Token:
    """Return the verb whose clause a nominal trigger belongs to ("invasion" -> "began")."""
    cur = token
    while cur.pos_ not in _VERBAL and cur.dep_ in _CORE_DEPS and cur.head.i != cur.i:
        cur = cur.head
    return cur if cur.pos_ in _VERBAL else token


def _governs(root: Token, targets: set[int]) -> int | None:
    """Return the head-path length from ``root`` to a target without crossing another verb."""
    cur, steps = root, 0
    while True:
        if cur.i in targets:
            return steps
        if steps and cur.pos_ in _VERBAL:
            return None
        if cur.head.i == cur.i:
            return None
        cur, steps = cur.head, steps + 1


def _range_ends(text: str, timexes: Sequence[Timex]) -> set[tuple[int, int]]:
    """Return the spans of timexes that close a range ("2015" in "2014-2015")."""
    ends = set()
    for first, second in zip(timexes, timexes[1:]):
        if second.start >= first.end and CONNECT.fullmatch(text[first.end:second.start]):
            ends.add((second.start, second.end))
    return ends


_FACTS_KEY = "chronicle.timex.facts"


def _facts(doc: Doc, timexes: Sequence[Timex]) -> tuple[str, list[int], list[tuple[Timex, tuple[str, str]]]]:
    """Return the doc's text, sentence starts and dating timexes, computed once per doc.

    ``Doc.text`` joins every token on each access and ``Doc.sents`` walks the
    whole doc: per event, they took a fifth of the ingest time on long articles.
    """
    key = (id(timexes), len(timexes))
    cached = doc.user_data.get(_FACTS_KEY)
    if cached is not None and cached[0] == key:
        return cached[1]
    text = doc.text
    ordered = sorted(timexes, key=lambda t: t.start)
    ends = _range_ends(text, ordered)
    usable = []
    for t in ordered:
        ev = event_value(t.value) if t.type in ("DATE", "TIME") else None
        if ev and (t.start, t.end) not in ends:
            usable.append((t, ev))
    facts = (text, [s.start_char for s in doc.sents], usable)
    doc.user_data[_FACTS_KEY] = (key, facts)
    return facts


def date_event(doc: Doc, trigger_i: int, timexes: Sequence[Timex],
               dct: dt.date | None) -> EventDate:
    """Return the date of the event whose trigger is token ``trigger_i`` of ``doc``.

    In order: a concrete DATE/TIME in the trigger's sentence whose head path
    reaches the trigger or its clause verb without crossing another verb
    (source "text"); else the latest concrete DATE of at least month precision
    before the trigger in its paragraph or the previous ``NARRATIVE_SENTENCES``
    sentences ("narrative"); else the DCT ("document"). A range gives its start.
    """
    trigger = doc[trigger_i]
    text, sent_starts, usable = _facts(doc, timexes)
    sent = trigger.sent
    targets = {trigger.i, _clause_head(trigger).i}
    best: tuple[int, int, Timex, tuple[str, str]] | None = None
    for t, ev in usable:
        if not sent.start_char <= t.start < sent.end_char:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or trigger.i in range(span.start, span.end):
            continue
        steps = _governs(span.root, targets)
        if steps is not None:
            key = (steps, abs(span.root.i - trigger.i))
            if best is None or key < best[:2]:
                best = (*key, t, ev)
    if best is not None:
        _, _, t, (date, precision) = best
        return EventDate(date=date, precision=precision, text=t.text, source="text")

    here = bisect.bisect_right(sent_starts, trigger.idx) - 1
    for t, (date, precision) in reversed(usable):
        if t.end > trigger.idx or precision not in ("day", "month"):
            continue
        back = here - (bisect.bisect_right(sent_starts, t.start) - 1)
        if "\n" not in text[t.end:trigger.idx] or back <= NARRATIVE_SENTENCES:
            return EventDate(date=date, precision=precision, text=t.text, source="narrative")
        break
    if dct is None:
        return EventDate(date=None, precision=None, text=None, source="document")
    return EventDate(date=dct.isoformat(), precision="day", text=None, source="document")
