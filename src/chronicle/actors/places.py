"""Places: the country a text puts a place in, cities the gazetteer lacks, territories.

``_qualifier`` reads "Tripoli, Lebanon", "the Lebanese city of Tripoli" and
"Palma in northern Mozambique"; ``_cities`` resolves place names the
gazetteer lacks through ``cities.py`` (rule ``city``); ``_territory``
finds the noun a demonym names a territory with ("the Azerbaijani
republic"); ``_owns`` says whether a place-like name gives a phrase its
country; ``_from_place`` finds the country a group comes "from".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .gazetteer import _PLACE_KINDS, Entry
from .phrases import _MODIFIER_DEPS, _PLACE_LABELS, _trim
from .spans import _Match

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


# Words after a place name that name its kind: "Idlib province" is looked up as "Idlib".
_PLACE_SUFFIXES = frozenset({"city", "province", "governorate", "region", "district", "strip",
                             "state", "prefecture", "oblast", "municipality"})


# Nouns that introduce a place: "the Lebanese city of Tripoli", "the port of Hodeidah".
_PLACE_NOUNS = frozenset({"city", "town", "port", "village", "capital", "province", "region",
                          "district", "enclave", "suburb", "outskirts", "seaport", "island",
                          "resort", "stronghold"})


_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "around", "across", "into", "inside",
                             "toward", "towards"})


def _locative(token: Token) -> bool:
    """Return True when ``token`` is the object of "in", "near", "outside", ... ("in Lyon")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS


def _qualifier(doc: Doc, start: int, end: int, at: dict[int, _Match],
               ents_at: dict[int, Span]) -> str | None:
    """Return the country the text puts the place ``doc[start:end]`` in, or None.

    "Tripoli, Lebanon" / "Portland, Oregon" (a country or US state right
    after a comma), "Palma in northern Mozambique", "Honiara's Chinatown"
    (a country, capital or city owning it) or "the Lebanese city of
    Tripoli" / "Lebanon's port of Tripoli" / "Tripoli, the north Lebanese
    port" / "Lebanon's second city Tripoli" (a country or demonym on the
    place noun the name hangs from or in apposition to it).
    """
    if end + 1 < len(doc) and doc[end].lower_ == "in":
        i = end + 1
        while i < min(end + 4, len(doc)) and doc[i].is_lower and doc[i].pos_ in ("ADJ", "DET"):
            i += 1  # "in northern Mozambique"
        m = at.get(i)
        if m is not None and m.entry.kind == "country":
            return m.entry.country
    if start >= 2 and doc[start - 1].tag_ == "POS":
        owner = next((m for m in at.values() if m.end == start - 1
                      and m.entry.kind in ("country", "capital", "city")), None)
        if owner is not None and owner.entry.country:
            return owner.entry.country
    if end + 1 < len(doc) and doc[end].text == ",":
        m = at.get(end + 1)
        if m is not None and m.entry.kind == "country":
            after = doc[m.end].lower_ if m.end < len(doc) else ""
            if after not in ("and", "or") and doc[m.start:m.end].root.dep_ not in ("nsubj", "nsubjpass"):
                return m.entry.country  # not a list: "in Geneva, Russia and the US agreed"
        ent = ents_at.get(end + 1)
        if m is None and ent is not None and ent.label_ == "GPE":
            from . import cities

            if cities.is_us_state(ent.text):
                return "USA"
    if start >= 2 and doc[start - 1].lower_ == "of" and doc[start - 2].lower_ in _PLACE_NOUNS:
        noun = doc[start - 2]
        for i in range(noun.left_edge.i, noun.i):
            m = at.get(i)
            if m is not None and m.entry.kind in ("country", "demonym"):
                return m.entry.country
    return _place_noun_country(doc, start, end, at)


def _place_noun_country(doc: Doc, start: int, end: int, at: dict[int, _Match]) -> str | None:
    """Return the country on a place noun in apposition to ``doc[start:end]`` or before it, or None.

    "Tripoli, the north Lebanese port", "Tripoli, Lebanon's second city",
    "Lebanon's second city Tripoli", "the Lebanese port city Tripoli".
    """
    root = doc[start:end].root
    nouns = [c for c in root.children if c.dep_ in ("appos", "compound") and c.lower_ in _PLACE_NOUNS]
    if root.dep_ == "appos" and root.head.lower_ in _PLACE_NOUNS:
        nouns.append(root.head)
    for noun in nouns:
        low = noun.left_edge.i
        if noun.i < start:  # "Lebanon's second city Tripoli": the possessor hangs on the name
            low = min(low, root.left_edge.i)
        for i in range(low, noun.i):
            m = at.get(i)
            if m is not None and not start <= i < end and m.entry.kind in ("country", "demonym"):
                return m.entry.country
    return None


def _owns(name: Token, root: Token) -> bool:
    """Return True when a place-like name gives the phrase of ``root`` its country.

    The name is the phrase ("Niger"), modifies its head ("Kampuchean
    guerrilla camps"), a place noun in it ("the wounded from the besieged
    Bosnian town") or what it is in ("the factions in the Somali civil
    war"); elsewhere it says nothing of who acts ("the use of the Russian
    language", "the abduction of two Kenyan drivers").
    """
    if name.i == root.i:
        return True
    if name.dep_ not in _MODIFIER_DEPS and name.dep_ != "poss":
        return False
    noun = name.head
    return noun.i == root.i or noun.lower_ in _PLACE_NOUNS or _locative(noun)


# Nouns for a state or a part of one: "the Azerbaijani republic", "the Georgian region of Abkhazia".
_STATE_NOUNS = frozenset({"republic", "state", "kingdom", "emirate"})


_TERRITORY_NOUNS = _STATE_NOUNS | frozenset({
    "province", "region", "territory", "enclave", "exclave", "oblast", "governorate",
    "prefecture", "district"})


_HOLDING = frozenset({"held", "controlled", "occupied", "run", "dominated", "populated"})


def _territory(doc: Doc, token: Token) -> Token | None:
    """Return the territory noun a demonym at ``token`` modifies ("Azerbaijani republic"), or None.

    None when the territory is said to be held by someone ("Albanian
    rebel-held territory"): the demonym names the holders there.
    """
    noun = token.head
    if token.dep_ not in _MODIFIER_DEPS or noun.i <= token.i or noun.lower_ not in _TERRITORY_NOUNS:
        return None
    if any(t.lower_ in _HOLDING for t in doc[token.i + 1:noun.i]):
        return None
    return noun


def _cities(doc: Doc, matches: list[_Match], unresolved: list[Span]) -> None:
    """Resolve places the gazetteer lacks to a city's country (rule ``city``), in place.

    Looked up: GPE/LOC/FAC entities; any unknown name after "in"/"near"/...
    (the small NER model takes "in Lyon" for a person or misses it);
    a NORP entity only as the main name of a big city (it calls "Aleppo"
    a people). The text's own qualifier decides first ("Tripoli,
    Lebanon", "the Lebanese city of Tripoli": it also moves a capital),
    then a country the document names, then the most populous city of
    the name (``cities.lookup``).
    """
    at = {m.start: m for m in matches}
    ents_at = {e.start: e for e in doc.ents}
    todo: list[tuple[int, int, Span | None, bool]] = []  # start, end, entity, strict
    for ent in unresolved:
        span = _trim(ent)
        if not len(span):
            continue
        if ent.label_ in _PLACE_LABELS or _locative(span.root):
            todo.append((span.start, span.end, ent, False))
        elif ent.label_ == "NORP" and span.root.dep_ not in _MODIFIER_DEPS:
            todo.append((span.start, span.end, ent, True))
    taken = {i for m in matches for i in range(m.start, m.end)}
    taken |= {i for e in doc.ents for i in range(e.start, e.end)}
    for tok in doc:  # "fighting near Osh": a name the NER missed
        if tok.pos_ == "PROPN" and tok.i not in taken and _locative(tok):
            start = min([tok.i] + [c.i for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"])
            if not taken.intersection(range(start, tok.i + 1)):
                todo.append((start, tok.i + 1, None, False))
    for m in list(matches):  # "Tripoli, Lebanon": a capital's namesake elsewhere
        if m.entry.kind in ("capital", "city") and not m.entry.stands_for:
            todo.append((m.start, m.end, None, False))
    if not todo:
        return
    from . import cities

    named = {m.entry.country for m in matches if m.entry.kind in _PLACE_KINDS and m.entry.country}
    for start, end, ent, strict in todo:
        capital = at.get(start) if ent is None else None
        if capital is not None:
            within = _qualifier(doc, start, end, at, ents_at)
            if within == capital.entry.country:
                continue
            if within is None:
                # "Clashes in Tripoli" in a story that names Lebanon and never Libya
                others = {m.entry.country for m in matches if m is not capital
                          and m.entry.kind in _PLACE_KINDS and m.entry.country}
                if capital.entry.country in others:
                    continue
                hit = cities.lookup(doc[start:end].text, prefer=others)
                if hit is None or hit.country not in others or hit.population < cities.STRICT_POPULATION:
                    continue
            else:
                hit = cities.lookup(doc[start:end].text, within=within)
            if hit is not None and hit.population and hit.country != capital.entry.country:
                capital.entry = Entry(name=hit.name, kind="city", country=hit.country)
                capital.rule = "city"
            continue
        while start < end - 1 and doc[start].is_lower:
            start += 1  # "southern Kirkuk"
        within = _qualifier(doc, start, end, at, ents_at)
        hit = None
        for stop in (end, end - 1):  # "Idlib province", "Gaza Strip"
            if stop <= start or (stop < end and doc[stop].lower_ not in _PLACE_SUFFIXES):
                continue
            hit = cities.lookup(doc[start:stop].text, within=within, prefer=named, strict=strict)
            if hit is not None:
                break
        if hit is None:
            continue
        entry = Entry(name=hit.name, kind="city", country=hit.country)
        matches.append(_Match(start, end, entry, rule="city"))
        if ent is not None:
            unresolved.remove(ent)


# Verbs whose from-phrase is where something is moved out of, not whose it is:
# "withdrew troops from Mali", "evacuated diplomats from Sudan".
_REMOVAL_VERBS = frozenset({
    "withdraw", "pull", "remove", "evacuate", "repatriate", "bring", "return", "fly", "airlift",
    "move", "redeploy", "recall", "rescue", "extract", "expel", "deport", "extradite", "free",
    "release", "drive", "chase", "oust", "evict", "ban", "bar", "exclude", "transfer", "send",
    "deploy", "dispatch", "smuggle", "take", "kidnap", "abduct", "flee", "escape"})


def _from_place(doc: Doc, token: Token, by_token: dict[int, _Match]) -> _Match | None:
    """Return the country, capital or city of "from" right after a group noun its verb leaves alone.

    The parser hangs "from Somalia" of "received a delegation from Somalia"
    on the verb; a verb of removal keeps it ("withdrew troops from Mali").
    """
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "from" or token.tag_ not in ("NN", "NNS"):
        return None
    prep = doc[token.i + 1]
    if prep.head.i != token.head.i or token.dep_ not in ("dobj", "nsubj", "nsubjpass"):
        return None
    if token.head.lemma_.lower() in _REMOVAL_VERBS:
        return None
    i = token.i + 3 if doc[token.i + 2].lower_ == "the" else token.i + 2
    m = by_token.get(i)
    if m is None or m.start != i or m.entry.kind not in ("country", "capital", "city"):
        return None
    return m if doc[m.start:m.end].root.head.i == prep.i else None
