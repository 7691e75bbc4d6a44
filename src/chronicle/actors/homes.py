"""Where a group or an unknown person belongs, read from the sentence around it.

``_ethnic_homes`` gives an ethnic group the country the text places it in
(rule ``ethnic``); ``_titled_homes`` gives a titled person the gazetteer
does not know the one country of the sentence (rule ``title+sentence``),
never a counterpart's.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from .gazetteer import Entry
from .places import _LOCATIVE_PREPS
from .spans import _Found, _Match

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


def _ethnic(doc: Doc, start: int) -> bool:
    """Return True when "ethnic" comes right before the demonym at ``start`` ("ethnic Albanians")."""
    return start > 0 and doc[start - 1].lower_ == "ethnic"


def _living_in(head: Token, demonym: Entry, by_token: dict[int, _Match]) -> bool:
    """Return True when a people is named with a place in another country: "the Albanians of southern Serbia".

    Such a people is an ethnic group living there (see ``_ethnic_homes``);
    only "of" says so: "the Russians in Syria" are usually Russia's forces.
    """
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        pobj = next((c for c in prep.rights if c.dep_ == "pobj"), None)
        m = by_token.get(pobj.i) if pobj is not None else None
        if m is not None and m.entry.kind in ("country", "capital", "city") and m.entry.country \
                and m.entry.country != demonym.country:
            return True
    return False


def _ethnic_homes(doc: Doc, found: list[_Found]) -> list[_Found]:
    """Give each "ethnic X" group the country the text places it in, else none.

    An ethnic group is people, not the state its name comes from: "ethnic
    Albanians in southern Serbia" are in Serbia, "ethnic Russians in
    Estonia" in Estonia, "the Albanians of southern Serbia" too. The country
    is that of the place in the group's own of/in-phrase, else of the place
    nearest the group in its sentence (a city, capital or country named as
    a place), else of the latest place earlier in the document; with none,
    no country.
    """
    places = [f for f in found if f.kind == "place" and f.country]
    out = []
    for f in found:
        if f.rule != "ethnic":
            out.append(f)
            continue
        sent = doc[f.head].sent
        here = [p for p in places if sent.start <= p.start < sent.end and not f.start <= p.start < f.end]
        own = [p for p in here if doc[p.head].dep_ == "pobj" and doc[p.head].head.head.i == f.head
               and doc[p.head].head.lower_ in ("of", "in")]
        if own:
            home = own[0].country
        elif here:
            home = min(here, key=lambda p: abs(p.start - f.start)).country
        else:
            home = next((p.country for p in reversed(places) if p.end <= sent.start), None)
        out.append(dataclasses.replace(f, country=home))
    return out


# Prepositions of a place someone goes to or is at: "arrived in Paris" is no home.
_VISIT_PREPS = _LOCATIVE_PREPS | frozenset({"to", "at", "from", "for", "via"})


def _titled_homes(doc: Doc, found: list[_Found]) -> list[_Found]:
    """Give an unknown titled person the one country the rest of the sentence speaks of.

    "Judge X opened investigations against 28 Chilean officials", "Gen. X
    resigned to allow Haiti's first free elections": a judge or general the
    gazetteer does not know, in a sentence about one country's affairs,
    serves that country. Nothing is taken from what would make the person a
    visitor or counterpart: a place someone is in or goes to ("arrived in
    Paris"), another person ("met Putin") or an object of the person's own
    verb ("met Russian officials"); then any other country in the sentence,
    or none, leaves the person without one.
    """
    out = list(found)
    for n, f in enumerate(found):
        if f.rule != "ner-unresolved" or f.ref != "person" or f.country or not f.sector:
            continue
        sent = doc[f.head].sent
        person = doc[f.head]
        verb = person.head if person.dep_ in ("nsubj", "nsubjpass") else None
        others = [o for o in found if o is not f and sent.start <= o.start < sent.end and o.country]
        if len({o.country for o in others}) != 1:
            continue
        if any(_counterpart(doc, o, verb) or _agent_on(doc, o, person) for o in others):
            continue
        out[n] = dataclasses.replace(f, country=others[0].country, rule="title+sentence")
    return out


def _agent_on(doc: Doc, other: _Found, person: Token) -> bool:
    """Return True when a mention is the subject of the verb the person is the object of.

    "Russian troops captured Gen. X": the troops' country need not be his.
    """
    if person.dep_ not in ("dobj", "pobj", "dative"):
        return False
    verb = person.head.head if person.dep_ == "pobj" else person.head
    head = doc[other.head]
    return head.dep_ in ("nsubj", "nsubjpass", "agent") and head.head.i == verb.i


def _counterpart(doc: Doc, other: _Found, verb: Token | None) -> bool:
    """Return True when a mention may be someone a titled person meets or a place they visit."""
    head = doc[other.head]
    if other.ref == "person":
        return True
    if other.kind == "place" and head.dep_ == "pobj" and head.head.lower_ in _VISIT_PREPS:
        return True
    if verb is None:
        return False
    if head.dep_ in ("dobj", "dative") and head.head.i == verb.i:
        return True
    return head.dep_ == "pobj" and head.head.head.i == verb.i and head.head.lower_ == "with"
