"""Which sentences can hold an event: decided from the words, before the dearest NLP work.

The coder (``coding/``) only codes an event at a token whose lemma is a
lexicon key, or whose lemma starts a multi-word key whose other words are
its particle, preposition, object or modifier ("call on", "open fire",
"take to streets", "air strike", "state of emergency"). A sentence none of
whose words can be such a trigger cannot hold an event, and needs no
named entities of its own for the events of other sentences (its nouns,
pronouns and gazetteer names still give coreference its antecedents).

``TriggerWords`` is derived from the loaded lexicon each run, a user
``--lexicon`` file included, never from a fixed list; the test is a
superset of the coder's: it ignores part of speech and requirements, and a
multi-word key counts when all of its words occur in the sentence in any
order, as the word or its lemma (which is how the coder spells keys).

Measured on 900 articles of ``../shared/corpus`` (see ``bench/candidates.py``),
about 40% of sentences and 60% of words are candidates; NER on the rest is
what Chronicle skips.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy and numpy are heavy: imported when a Doc is first checked
    from spacy.tokens import Doc

    from .coding import Lexicon

# Sentences ahead of each candidate that get entities too: a pronoun or "the
# government" in a candidate takes its antecedent from them (coref.py).
CONTEXT_BEFORE = 1


@dataclass(frozen=True)
class TriggerWords:
    """The words that can make a sentence hold an event, read from a lexicon."""

    single: frozenset[str]
    multi: tuple[tuple[str, ...], ...]
    # lower-cased text of each string hash seen so far (the vocabulary's strings never change)
    _lowered: dict[int, str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> TriggerWords:
        """Return the trigger words of every verb and noun key of ``lexicon``."""
        keys = {" ".join(str(k).lower().split()) for k in (*lexicon.verbs, *lexicon.nouns)}
        return cls(
            single=frozenset(k for k in keys if " " not in k),
            multi=tuple(sorted(tuple(k.split()) for k in keys if " " in k)),
        )

    @property
    def multi_words(self) -> frozenset[str]:
        """Return every word of a multi-word key."""
        return frozenset(w for key in self.multi for w in key)

    def can_hold_event(self, forms: Iterable[str]) -> bool:
        """Return True if a sentence with these words and lemmas (lower case) may hold an event."""
        seen = set(forms)
        if not self.single.isdisjoint(seen):
            return True
        return any(all(w in seen for w in key) for key in self.multi)

    def spans_to_recognise(self, doc: Doc) -> list[tuple[int, int]]:
        """Return the token spans of ``doc`` that need named entities: the sentences that
        may hold an event, each with ``CONTEXT_BEFORE`` sentences ahead of it, adjacent ones merged."""
        bounds = sentence_spans(doc)
        return with_context(self.sentences(doc, bounds), bounds, CONTEXT_BEFORE)

    def sentences(self, doc: Doc, bounds: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
        """Return the token spans ``(start, end)`` of the sentences of a parsed ``doc`` that may hold an event.

        ``bounds`` are the sentence spans of ``doc`` when the caller has them.
        """
        import numpy
        from spacy.attrs import LEMMA, LOWER

        bounds = sentence_spans(doc) if bounds is None else bounds
        if not bounds:
            return []
        arr = doc.to_array([LOWER, LEMMA])
        first = numpy.array([start for start, _ in bounds])
        sent_of = numpy.searchsorted(first, numpy.arange(len(doc)), side="right") - 1
        lowered = self._lower_all(doc, numpy.unique(arr))
        hits = [h for h, text in lowered.items() if text in self.single]
        chosen: set[int] = set()
        if hits:
            mask = numpy.isin(arr[:, 0], hits) | numpy.isin(arr[:, 1], hits)
            chosen.update(sent_of[mask].tolist())
        if self.multi:
            wanted = self.multi_words
            where: dict[str, set[int]] = {}
            for h, text in lowered.items():
                if text in wanted:
                    mask = (arr[:, 0] == h) | (arr[:, 1] == h)
                    where.setdefault(text, set()).update(sent_of[mask].tolist())
            for key in self.multi:
                if all(w in where for w in key):
                    chosen.update(set.intersection(*(where[w] for w in key)))
        return [bounds[k] for k in sorted(chosen)]

    def _lower_all(self, doc: Doc, hashes: Sequence[int]) -> dict[int, str]:
        strings = doc.vocab.strings
        out = {}
        for h in hashes:
            h = int(h)
            text = self._lowered.get(h)
            if text is None:
                text = self._lowered[h] = strings[h].lower() if h in strings else ""
            out[h] = text
        return out


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """Return the token spans ``(start, end)`` of the sentences of ``doc``."""
    if not len(doc):
        return []
    import numpy
    from spacy.attrs import SENT_START

    starts = numpy.flatnonzero(doc.to_array([SENT_START]).astype("int64") == 1).tolist()
    if not starts or starts[0] != 0:
        starts.insert(0, 0)
    return list(zip(starts, [*starts[1:], len(doc)]))


def with_context(chosen: Sequence[tuple[int, int]], bounds: Sequence[tuple[int, int]],
                 before: int) -> list[tuple[int, int]]:
    """Return ``chosen`` sentences with ``before`` sentences ahead of each, adjacent ones merged."""
    index = {span: n for n, span in enumerate(bounds)}
    keep: set[int] = set()
    for span in chosen:
        n = index[span]
        keep.update(range(max(0, n - before), n + 1))
    runs: list[tuple[int, int]] = []
    for n in sorted(keep):
        start, end = bounds[n]
        if runs and runs[-1][1] == start:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
    return runs
