"""People: titles, honorifics and ranks before names, and names several people share.

``_title`` and ``_past_titles`` read the title of "President Bush";
``_choose`` picks the one person a title, an honorific and the date
select; ``_shared_surnames`` resolves "Bush" or "President Kim" (rules
``gazetteer:family`` and ``gazetteer:surname``); ``_titled_people``
makes people of the place or organisation entities a title or an
appositive gives an office.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .gazetteer import Entry, Gazetteer, SectorLexicon, _fold, _key, _lexicon
from .phrases import _PLACE_LABELS, _office_word, _trim
from .spans import _Match

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span


# Offices that lead a country: among relatives in office on one day, a bare
# family name means the one holding one of these ("Castro" in 1985 is Fidel,
# not his brother the defence minister).
_HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "king", "queen", "emir",
                         "sultan", "emperor", "shah", "supreme leader", "general secretary",
                         "first secretary", "head of state", "chairman of the communist party"})


# Military ranks written before a name ("Gen. X", "Lt. Col. Y"): the person is MIL.
_RANKS = frozenset({"gen.", "gen", "general", "col.", "colonel", "maj.", "brig.", "brigadier",
                    "adm.", "admiral", "lt.", "lieutenant", "capt.", "sgt.", "marshal",
                    "field marshal", "commodore"})


# Words before a name that give the person's gender, not an office.
_HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
               "madam": "f", "madame": "f", "mme": "f", "mme.": "f"}


def _rank_before(doc: Doc, start: int) -> bool:
    """Return True when a military rank comes right before ``start`` ("Gen. X", "Col . X")."""
    if start < 1:
        return False
    if doc[start - 1].text == "." and start >= 2:  # the tokenizer may split "Col." in two
        return doc[start - 2].lower_ + "." in _RANKS
    return doc[start - 1].lower_ in _RANKS


def _past_titles(doc: Doc, start: int, end: int, lex: SectorLexicon) -> int:
    """Return the first token after the titles that open ``doc[start:end]`` ("President Bush" -> Bush)."""
    moved = True
    while moved and start < end - 1:
        moved = False
        for width in (3, 2, 1):
            words = " ".join(t.lower_ for t in doc[start:start + width])
            if start + width < end and (words in lex.roles or words in _HONORIFICS):
                start, moved = start + width, True
                break
    return start


def _title(doc: Doc, start: int, lex: SectorLexicon) -> tuple[str | None, str | None]:
    """Return (office, gender) said by the title or honorific right before ``start``."""
    for width in (3, 2, 1):
        if start - width < 0:
            continue
        words = " ".join(t.lower_ for t in doc[start - width:start])
        if words in _HONORIFICS:
            return None, _HONORIFICS[words]
        if words in lex.roles:
            return lex.roles[words][1], None
    return None, None


def _choose(people: list[Entry] | tuple[Entry, ...], office: str | None, gender: str | None,
            day: str | None) -> tuple[Entry | None, list[Entry]]:
    """Return the one person a title, honorific and date pick among ``people`` (or None), and the field.

    The field is ``people`` narrowed by gender and by who ever held the
    title's office. Within it: the one holding that office on ``day``, the
    only one who ever held it, the only one in any office on ``day`` (or
    the only one then leading a country, ``_HEAD_ROLES``), or the only one
    left.
    """
    field = list(people)
    if gender is not None:
        field = [e for e in field if (e.gender == "f") == (gender == "f")] or field
    if office:
        if day:
            held = [e for e in field if any(o.role == office and o.held_on(day) for o in e.offices)]
            if len(held) == 1:
                return held[0], field
        ever = [e for e in field if any(o.role == office for o in e.offices)]
        if len(ever) == 1:
            return ever[0], field
        field = ever or field
    if day:
        serving = [e for e in field if e.office_on(day) is not None]
        heads = [e for e in serving if e.office_on(day).role in _HEAD_ROLES]  # type: ignore[union-attr]
        if len(serving) == 1 or len(heads) == 1:
            return (serving if len(serving) == 1 else heads)[0], field
    return (field[0] if len(field) == 1 else None), field


def _common(people: list[Entry], text: str, day: str | None) -> Entry | None:
    """Return an anonymous person entry with what ``people`` share (country, sector on ``day``), or None.

    None unless they all have one country: "Kim" is North or South Korean.
    """
    def one(values: set[str | None]) -> str | None:
        return next(iter(values)) if len(values) == 1 else None

    country = one({e.country for e in people})
    if country is None:
        return None
    return Entry(name=text, kind="person", country=country,
                 sector=one({e.sector_on(day) for e in people}),
                 out_of_office=one({e.out_of_office for e in people}),
                 gender=one({e.gender for e in people}))


def _titled_people(doc: Doc, matches: list[_Match], unresolved: list[Span], lex: SectorLexicon) -> None:
    """Relabel as people the place entities an appositive gives an office, in place.

    "Kenzo Oshima, the UN relief coordinator, said": the small NER model
    takes an unfamiliar name for a place (and geonames knows a town Oshima).
    A place's appositive names no office ("Minsk, the capital"); a person's
    does: a role, a noun for one person ("activist"), or a titled office of
    a named organisation.
    """
    from spacy.tokens import Span

    orgs = {i for m in matches if m.entry.kind == "organisation" for i in range(m.start, m.end)}
    for n, ent in enumerate(unresolved):
        span = _trim(ent)
        if ent.label_ not in _PLACE_LABELS | {"ORG"} or not len(span):
            continue
        if span.start > 0 and (_title(doc, span.start, lex)[0] or _rank_before(doc, span.start)):
            # "Vice-President Moody Awori", "Gen. X": a title before a name makes it a person's
            unresolved[n] = Span(doc, span.start, span.end, label="PERSON")
            continue
        if ent.label_ == "ORG":
            continue
        appos = next((c for c in span.root.rights if c.dep_ == "appos"), None)
        if appos is None or not _office_word(appos, lex, orgs):
            continue
        start = span.start
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1  # "Kenzo" in "Kenzo Oshima"
        unresolved[n] = Span(doc, start, span.end, label="PERSON")


def _shared_surnames(gazetteer: Gazetteer, doc: Doc, matches: list[_Match], unresolved: list[Span],
                     day: str | None) -> None:
    """Resolve names several people share ("Bush", "President Kim"), in place.

    An unresolved PERSON entity that is such a name becomes a match
    (rule ``gazetteer:family``, or ``gazetteer:surname`` for a person
    named in full earlier) unless a fuller unknown name containing it
    came earlier ("Jeb Bush ... Bush"); an alias match that is one
    ("Assad") changes person only when an earlier full name, a title
    or the date says so.
    """
    gz, lex = gazetteer, _lexicon()
    named = [m for m in matches if m.entry.kind == "person" and m.named]

    def earlier(start: int, text: str) -> list[Entry]:
        key = _fold(_key(text))
        # a shared name, or the first or last word of the full name
        # ("Kim Dae-jung ... Kim", "George W. Bush ... Bush")
        found = {m.entry.name: m.entry for m in named if m.start < start and key in {
            _fold(_key(n)) for n in (*m.entry.shared, m.entry.name.split()[0],
                                     m.entry.name.split()[-1])}}
        return list(found.values())

    for m in named:
        text = doc[m.start:m.end].text
        bearers = gz.sharing(text)
        if len(bearers) < 2 or m.entry.name not in {e.name for e in bearers}:
            continue
        before = earlier(m.start, text)
        if len(before) == 1:
            m.entry, m.rule = before[0], "gazetteer:surname"
            continue
        chosen, _ = _choose(before or bearers, *_title(doc, m.start, lex), day)
        if chosen is not None and chosen.name != m.entry.name:
            m.entry, m.rule = chosen, "gazetteer:family"
    for ent in list(unresolved):
        if ent.label_ != "PERSON":
            continue
        span = _trim(ent)
        start = _past_titles(doc, span.start, span.end, lex)
        text = doc[start:span.end].text
        bearers = gz.sharing(text) if start < span.end else ()
        if not bearers:
            continue
        before = earlier(start, text)
        if len(before) == 1:
            matches.append(_Match(start, span.end, before[0], rule="gazetteer:surname"))
            unresolved.remove(ent)
            continue
        if not before and any(
                other.start < ent.start and other.label_ == "PERSON" and len(other) > span.end - start
                and re.search(rf"(?<!\w){re.escape(text)}(?!\w)", other.text)
                for other in doc.ents):
            continue  # "Jeb Bush ... Bush": someone the gazetteer does not know
        chosen, people = _choose(before or bearers, *_title(doc, start, lex), day)
        if chosen is None:
            chosen = _common(people, text, day)
            if chosen is None:
                continue
            matches.append(_Match(start, span.end, chosen, rule="gazetteer:family", named=False))
        else:
            matches.append(_Match(start, span.end, chosen, rule="gazetteer:family"))
        unresolved.remove(ent)
