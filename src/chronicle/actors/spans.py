"""The records the resolver passes between its rules, and the actor-position test."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from .gazetteer import Entry

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MentionKind = Literal["actor", "place"]

# Grammatical positions in which a country or capital acts or is acted upon.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "poss", "dobj", "dative", "iobj"})
_ACTOR_PREPS = frozenset({"by", "with", "against", "between", "on"})
# Words before a name or role saying the office is no longer held.
_FORMER = frozenset({"former", "ex", "ex-", "erstwhile", "ousted", "deposed", "late"})


@dataclass(frozen=True, slots=True)
class _Found:
    """A resolved stretch of tokens, before it becomes a Mention."""

    start: int  # token index
    end: int  # token index, exclusive
    head: int
    kind: MentionKind
    rule: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    ref: str | None = None  # antecedent class for coreference: person, country, org, group
    gender: str | None = None


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    entry: Entry
    head: int = -1
    used: bool = False  # consumed as the modifier of a sector noun
    rule: str | None = None  # set when a shared surname was resolved (resolver._shared_surnames)
    named: bool = True  # False: a shared surname gave the country, not the person


def _acts(token: Token) -> bool:
    """Return True when a name at ``token`` is in an actor position (see module doc)."""
    seen = 0
    while token.dep_ == "conj" and token.head.i != token.i and seen < 10:
        token, seen = token.head, seen + 1  # "Moscow and Minsk agreed": the first conjunct's role
    if token.dep_ in _ACTOR_DEPS:
        return True
    if token.dep_ == "pobj":
        prep = token.head
        return prep.dep_ in ("agent", "dative") or prep.lower_ in _ACTOR_PREPS
    return False


def _former(doc: Doc, start: int) -> bool:
    """Return True when "former"/"ex-" precedes the name or role starting at ``start``."""
    for i in range(start - 1, max(start - 5, 0) - 1, -1):
        tok = doc[i]
        if tok.lower_ in _FORMER:
            return True
        if tok.lower_ == "-" and i > 0 and doc[i - 1].lower_ == "ex":
            return True
        if tok.pos_ not in ("PROPN", "NOUN", "ADJ", "PUNCT", "DET") or tok.text in (",", ";", "("):
            return False
    return False
