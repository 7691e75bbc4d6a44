"""Triggers: the lexicon's words in a sentence, the requirements an entry sets, and words that are none."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .arguments import _target
from .lexicon import Entry
from .syntax import OBJECTS, SUBJECTS, _actor_like, _child, _has_theme, _pobj

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


@dataclass(frozen=True)
class _Trigger:
    token: Token
    entry: Entry
    is_noun: bool
    parts: frozenset[int] = frozenset()  # other words of a multi-word key ("opened fire")


def _heading(sent: Span, text: str) -> bool:
    """Return True for a headline or subheading: a line of its own with no final
    punctuation, followed by more text ("Navy blockade of Adriatic port ends").
    ``text`` is the document's text (``Doc.text`` rebuilds it on every access)."""
    body = sent.text.rstrip()
    if not body or body[-1] in ".!?\"\u201d':;)":
        return False
    end = sent.start_char + len(body)
    line_end = text.find("\n", end)
    between = text[end:line_end if line_end >= 0 else len(text)]
    return line_end >= 0 and not between.strip(" \t\r") and text[line_end:].strip() != ""


def _forms(tok: Token) -> tuple[str, ...]:
    """Return the word and its lemma, lower case: how a multi-word key may spell it."""
    return tuple(dict.fromkeys((tok.lower_, tok.lemma_.lower())))


def _fits(tok: Token, entry: Entry, *, multiword: bool = False) -> bool:
    """Return True if the verb's clause meets the entry's requirements."""
    if entry.unless and any(c.dep_ in entry.unless for c in tok.children):
        return False
    if entry.requires == "xcomp":
        return _child(tok, {"xcomp"}) is not None
    if entry.requires == "target" and _target(tok, entry) is None:
        return False
    obj = _child(tok, OBJECTS) or _child(tok, {"nsubjpass"})
    if obj is None and tok.lemma_.lower() in LETTING:  # "allowed X to V", parsed with X as V's subject
        obj = next((_child(c, SUBJECTS) for c in tok.children if c.dep_ == "ccomp"), None)
    if obj is None and tok.tag_ == "VBN" and (tok.dep_ == "acl" or (
            tok.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in tok.children))):
        obj = tok.head  # "a deal brokered by China", "the first suspect to be handed over": the noun is the object
    if multiword and obj is not None and obj.i > tok.i and obj.dep_ in OBJECTS and not obj.n_lefts:
        obj = None  # "opened fire": the object is part of the key
    if entry.requires == "nonactor-dobj" and (obj is None or _actor_like(obj)):
        return False
    if entry.requires == "no-dobj" and obj is not None:
        return False
    if entry.requires in ("dobj", "actor-dobj") and obj is None:
        return False
    if entry.theme and not any(_has_theme(t, entry.theme) for t in (obj, _pobj(tok, "with")) if t is not None):
        return False  # the theme is the object, or a with-phrase ("supplied Kyiv with tanks")
    return not (entry.requires == "actor-dobj" and not _actor_like(obj))


# verbs of letting, whose "to V" the parser often reads as a clause with its own subject
LETTING = {"allow", "permit", "let"}


def _describes(tok: Token) -> bool:
    """Return True for a participle that describes its noun rather than tells an act:
    "militiamen armed with machetes", "troops equipped with tanks"."""
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.lemma_.lower() in ("arm", "equip") \
        and _pobj(tok, "by") is None


def _session(tok: Token) -> bool:
    """Return True for a body meeting on its own ("Israel's cabinet met on Sunday"): a
    session, not a consultation, which takes two sides; or for demands being met."""
    if tok.lemma_.lower() not in ("meet", "convene", "gather"):
        return False
    met = _child(tok, {"nsubjpass"})
    if met is not None and not _actor_like(met):
        return True  # "until their demands are met"
    if _child(tok, OBJECTS) is not None or any(_pobj(tok, p) is not None for p in ("with", "between")):
        return False
    subj = _child(tok, SUBJECTS)
    return subj is not None and subj.lemma_.lower() in SESSIONS and not any(
        t.dep_ in ("conj", "appos") for t in subj.subtree)


# bodies that meet in session ("the cabinet met", "the Security Council convened")
SESSIONS = {"cabinet", "council", "parliament", "committee", "assembly", "congress", "senate", "board",
          "politburo", "commission", "legislature", "caucus", "leadership", "junta", "conference"}
