"""Token and span analysis the resolution rules share: sector phrases, name spans, abbreviations.

Functions of a parsed Doc and the sector lexicon: which lexicon phrase
ends at a token, what a name entity's own words say (its head noun's
sector, the country in an unknown organisation's name, an organisation it
opens with), whether a bracketed abbreviation belongs to the name before
it, and how far a token lies below a phrase's root.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import coref
from .gazetteer import _PLACE_KINDS, Entry, SectorLexicon, _lexicon
from .spans import _Match

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_OWNER_PREPS = frozenset({"of", "from"})
# "anti-Syria", "pro-Russian", "non-Arab": a stance towards a country, not its people.
_STANCE_PREFIXES = frozenset({"anti", "pro", "non"})


def _phrase_at(doc: Doc, token: Token, lex: SectorLexicon) -> tuple[int, str, str | None] | None:
    """Return (first token, category, sector) of the lexicon phrase ending at ``token``."""
    lower = token.lower_
    for width in (3, 2):
        first = token.i - width + 1
        if first < token.left_edge.i or first < 0:
            continue
        words = doc[first:token.i + 1]
        if any(t.is_punct for t in words):
            continue
        phrase = " ".join(t.lower_ for t in words)
        hit = lex.get(phrase)
        if hit is not None:
            return first, hit[0], hit[1]
    hit = lex.get(lower)
    return (token.i, hit[0], hit[1]) if hit is not None else None


def _sector_head(doc: Doc, token: Token) -> bool:
    """Return True when ``token`` ends a lexicon phrase that is no weak noun."""
    hit = _phrase_at(doc, token, _lexicon())
    return hit is not None and hit[1] != "weak"


def _trim(span: Span) -> Span:
    """Return ``span`` without a leading determiner or trailing possessive/punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].pos_ == "DET":
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return doc[start:end]


def _filler(token: Token) -> bool:
    return token.pos_ in ("DET", "PUNCT") or token.tag_ == "POS"


def _depth(token: Token, root: Token) -> int:
    """Return how many heads lie between ``token`` and ``root`` (large if not below it)."""
    depth = 0
    while token.i != root.i:
        if token.head.i == token.i or depth > 50:
            return 1000
        token, depth = token.head, depth + 1
    return depth


def _own_sector(doc: Doc, root: Token, lex: SectorLexicon) -> str | None:
    """Return the sector a name's own head noun gives ("the Supreme Court" -> JUD), or None."""
    hit = _phrase_at(doc, root, lex)
    return hit[2] if hit and hit[1] != "weak" else None


def _adjectives_only(span: Span, inner: list[_Match]) -> bool:
    """Return True when an entity is adjectives ending in a demonym, modifying a noun after it.

    "Radical French farmers", "Hardline Iranian clerics": the NER calls the
    capitalised adjectives a name; the demonym is what they say.
    """
    if not any(m.end == span.end and m.entry.kind == "demonym" for m in inner):
        return False
    outside = [t for t in span if not span.start <= t.head.i < span.end]
    return all(t.dep_ in _MODIFIER_DEPS and t.head.i >= span.end for t in outside)


def _abbreviation(doc: Doc, start: int, end: int) -> bool:
    """Return True when ``doc[start:end]`` is a bracketed abbreviation right after a name.

    "the Montenegro Municipality Association (AKK)": the capitals abbreviate
    the name before them.
    """
    return (end - start == 1 and start >= 2 and end < len(doc) and doc[start - 1].text == "("
            and doc[end].text == ")" and doc[start].text.isupper() and len(doc[start].text) > 1
            and doc[start - 2].pos_ == "PROPN")


def _foreign_abbreviation(doc: Doc, m: _Match, raw: list[_Match]) -> bool:
    """Return True when a gazetteer match is a bracketed abbreviation of some other name.

    "Municipality Association (AKK)" abbreviates the association, not the
    German minister whose nickname is AKK: after a name a bracketed
    abbreviation keeps its own entry only when that name is the same entry
    ("the Kurdistan Workers' Party (PKK)") or, unknown, could be an
    organisation's name in another language.
    """
    if not _abbreviation(doc, m.start, m.end):
        return False
    before = [o for o in raw if o.end == m.start - 1]
    if before:
        return all(o.entry is not m.entry for o in before)
    return m.entry.kind != "organisation"


def _named_home(span: Span, inner: list[_Match]) -> str | None:
    """Return the one country an unknown organisation's name carries ("Kenya Anti-Corruption Commission").

    A country or demonym inside the name; None when there is none, there
    are several ("the US-Russia Business Council") or the name also holds
    a person's or an organisation's name.
    """
    countries = {m.entry.country for m in inner if m.entry.kind in ("country", "demonym")}
    if len(countries) != 1 or any(m.entry.kind not in _PLACE_KINDS for m in inner):
        return None
    return next(iter(countries))


def _opening_organisation(span: Span, inner: list[_Match]) -> _Match | None:
    """Return the organisation whose name modifies the rest of a longer name, or None.

    "the United Nations Emergency Relief Coordinator", "the EU Foreign
    Affairs Council": an organ or office of that organisation.
    """
    doc = span.doc
    for m in inner:
        if (m.start == span.start and m.end < span.end and m.entry.kind == "organisation"
                and doc[m.start:m.end].root.dep_ == "compound"):
            return m
    return None


def _office_word(token: Token, lex: SectorLexicon, orgs: set[int]) -> bool:
    """Return True when ``token`` heads the title of one person ("minister", "Coordinator")."""
    hit = _phrase_at(token.doc, token, lex)
    if hit is not None and (hit[1] == "role" or token.lower_ in coref.PERSON_NOUNS):
        return True
    return token.i in orgs and token.text.istitle()


def _organisation_of(token: Token, by_token: dict[int, _Match]) -> Entry | None:
    """Return the organisation a title word belongs to: its own name or a compound on it."""
    for t in (token, *(c for c in token.lefts if c.dep_ in ("compound", "nmod"))):
        m = by_token.get(t.i)
        if m is not None and m.entry.kind == "organisation" and m.entry.sector:
            return m.entry
    return None


def _igo(entry: Entry) -> bool:
    """Return True when ``entry`` is an intergovernmental organisation (not a seat: "Brussels police")."""
    return entry.kind == "organisation" and entry.sector == "IGO"


def _owner_in(noun: Token, by_token: dict[int, _Match]) -> _Match | None:
    """Return the country or demonym that modifies a sector noun in an of/from-phrase, or None.

    "leaders of Romania's new government", "officials of the Kenyan
    government": the group belongs to the country of the body it is part of.
    """
    if _phrase_at(noun.doc, noun, _lexicon()) is None:
        return None  # "supporters of Russia's invasion": no body, no country
    for c in noun.lefts:
        m = by_token.get(c.i)
        if (m is not None and c.dep_ in ("poss", *_MODIFIER_DEPS)
                and m.entry.kind in ("country", "demonym", "capital")):
            return m
    return None


def _stance(doc: Doc, start: int) -> bool:
    """Return True when a name at ``start`` follows "anti-", "pro-" or "non-".

    "an anti-Syria journalist" is no Syrian, and "pro-Russian separatists"
    are coded where they live (UKR in the gold), not by whom they favour.
    """
    before = doc[start - 1].lower_ if start >= 1 else ""
    if before.endswith("-") and before[:-1] in _STANCE_PREFIXES:
        return True  # a tokenizer that keeps the hyphen on the prefix
    return (start >= 2 and doc[start - 1].text == "-" and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_ and doc[start - 2].lower_ in _STANCE_PREFIXES)
