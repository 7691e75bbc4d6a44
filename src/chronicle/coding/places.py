"""Places: where an event happens, and the country an unnamed actor or target takes from it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Actor, Location, Mention
from .syntax import OBJECTS, _child, _phrase, _pobj

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


PLACE_ENTS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "through", "around"}


def _location(tok: Token, places: dict[tuple[int, int], Mention]) -> Location | None:
    """Return the place an event happens in: a place phrase on the trigger, else on its
    object ("stormed the sit-in outside the ministry in Khartoum")."""
    found = _place_of(tok, places)
    obj = _child(tok, OBJECTS)
    if found is None and obj is not None:
        found = _place_of(obj, places)
    return found


def _place_of(tok: Token, places: dict[tuple[int, int], Mention]) -> Location | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in PLACE_PREPS | {"to", "onto", "into"}:
            pobj = _child(c, {"pobj"})
            if pobj is not None and pobj.lemma_.lower() in STREETS:
                pobj = _pobj(pobj, "of")  # "took to the streets of Minsk", "in the centre of Kyiv"
            elif c.lower_ in ("to", "onto", "into"):
                continue  # "sent troops to Ukraine": a destination, not where the sending happens
            if pobj is None or pobj.ent_type_ not in PLACE_ENTS:
                continue
            span = _phrase(pobj)
            for (start, end), m in places.items():
                if start <= pobj.idx < end:
                    return Location(text=m.text, country=m.country)
            return Location(text=span.text, country=None)
    return None


# places named through a part of them ("the streets of Minsk", "the centre of Kyiv")
STREETS = {"street", "square", "centre", "center", "outskirts", "heart", "capital", "city", "town", "region"}

# event types done to things on the ground, whose place is their target
PHYSICAL = {"ASSAULT", "COERCE", "PROTEST"}

# event types that, with no one named as their target, are aimed at the place they happen in
PLACED = {"ASSAULT", "COERCE", "MOBILIZE", "AID", "RETREAT", "CONCEDE"}

# sectors of the state, whose forces and officials act at home unless the text says otherwise
STATE = {"GOV", "COP", "MIL", "JUD", "LEG"}

# sectors whose unnamed members act where they are: protesters, civilians, police, officials
DOMESTIC = {"PRO", "CVL", "COP", "GOV", "OPP", "JUD", "LEG", "EDU", "MED", "REB"}


def _in_place_phrase(doc: Doc, start: int) -> bool:
    """Return True if the mention starting at character ``start`` sits in an in/at/near phrase."""
    tok = doc.char_span(start, start + 1, alignment_mode="expand")
    if tok is None:
        return False
    cur = tok.root
    for _ in range(4):  # "in the capital of Sudan", "in Khartoum"
        if cur.dep_ == "pobj" and cur.head.lower_ in PLACE_PREPS:
            return True
        if cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _placeable(actor: Actor) -> bool:
    """Return True for an unnamed, country-less actor that a place can locate."""
    return actor.country is None and actor.name is None and actor.sector not in ("IGO", "NGO")


def _place_country(span: Span, places: dict[tuple[int, int], Mention]) -> str | None:
    """Return the country of the first resolved place named inside ``span``."""
    for (start, end), m in sorted(places.items()):
        if span.start_char <= start and end <= span.end_char and m.country:
            return m.country
    return None
