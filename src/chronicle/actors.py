"""Actors: find who is named in a parsed Doc and resolve them to codes.

An actor code is an ISO 3166 alpha-3 country plus a sector (``SECTORS``),
in the spirit of CAMEO/PLOVER/POLECAT actor coding. Data lives in
``data/actors/``: ``countries.yaml`` (short names, demonyms, capitals,
seats of power, over pycountry's names), ``organisations.yaml``,
``people.yaml`` and the sector-noun lexicon ``sectors.yaml``.

Rules, in the order they are tried (``Mention.rule`` says which one fired):

``gazetteer:person`` / ``gazetteer:organisation``
    A name in the gazetteer, found by a phrase matcher (so names the NER
    misses count) or by looking up a PERSON/ORG/... entity's text.
``gazetteer:surname``
    A bare surname of a person named in full earlier in the same document.
``role``
    An office noun with a country: "the Kazakh foreign minister" -> KAZ GOV.
``demonym+sector`` / ``country+sector`` / ``capital-metonym`` / ``organisation+sector`` / ``possessor+sector``
    A sector noun with a modifier that gives the country or organisation:
    "Belarusian troops" -> BLR MIL, "Russia's army", "Minsk authorities",
    "the Kremlin spokesman", "NATO troops", "Putin's government".
``sector+place``
    A sector noun with an in-phrase: "protesters in Minsk" -> BLR PRO
    (the place is also a mention of its own).
``sector``
    A sector noun alone: "riot police" -> COP, country unknown.
``country``
    A country name in an actor position (subject, object, possessor,
    agent, or object of with/against/by/between/on) is the state acting or
    acted upon, coded as its government: "Russia invaded Ukraine" ->
    RUS GOV, UKR GOV. Anywhere else it is a place.
``capital-metonym``
    A capital or seat of power in an actor position stands for the
    government ("Moscow warned", "the Kremlin said"; "the Pentagon" -> MIL,
    "Brussels" -> European Union); elsewhere it is a place.
``demonym``
    A plural demonym used as a noun: "the Russians said" -> RUS, no sector.
``place``
    A gazetteer country, capital or seat used as a location:
    ``kind="place"``.
``ner-unresolved``
    A PERSON/ORG/NORP entity not in the gazetteer: kept with its text,
    country None (never guessed), sector only from a title or apposition
    ("opposition activist X", "X, a journalist") or the name's own head
    noun ("the Supreme Court" -> JUD). GPE/LOC/FAC ones become places.

Everything is loaded lazily and cached: the data on first ``Gazetteer.load``,
the phrase matcher on the first Doc an ``ActorResolver`` sees.
"""

from __future__ import annotations

import bisect
import csv
import datetime
import functools
import io
import logging
import unicodedata
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml

from .errors import DataFileError
from .records import Actor, Mention

if TYPE_CHECKING:  # spaCy is heavy: imported when a resolver first sees a Doc
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

# Sector codes, POLECAT/PLOVER style: code -> the rule for using it.
SECTORS: dict[str, str] = {
    "GOV": "Executive government: heads of state and government, ministers, ministries, "
    "diplomats, officials, local executives; a country acting as a whole.",
    "MIL": "Armed forces under state command: army, navy, air force, soldiers, "
    "peacekeepers, state-backed military contractors.",
    "COP": "Police and internal security forces: police, riot police (OMON), gendarmes, "
    "border guards, interior-ministry troops.",
    "SPY": "Intelligence and state security services: KGB, FSB, CIA, SBU, secret police.",
    "JUD": "Judiciary and prosecution: courts, judges, prosecutors.",
    "LEG": "Legislature: parliaments, lawmakers, senators, their chambers.",
    "OPP": "Political opposition to the government outside office: opposition leaders, "
    "movements, dissidents, their councils.",
    "PTY": "Political parties as organisations, government or opposition alike.",
    "REB": "Armed non-state groups fighting the state: rebels, insurgents, separatists, "
    "militant and jihadist groups, militias.",
    "CVL": "Civilians and unorganised civil society: citizens, residents, workers, "
    "individual activists.",
    "PRO": "People protesting: protesters, demonstrators, strikers, rioters.",
    "IGO": "Intergovernmental organisations and their organs and officials: UN, EU, NATO, "
    "AU, OSCE, IMF.",
    "NGO": "Non-governmental organisations: human-rights groups, charities, aid agencies.",
    "MED": "Media: outlets, news agencies, journalists, bloggers.",
    "BUS": "Business: companies, banks, business people, investors.",
    "EDU": "Education: universities, schools, students, teachers, academics.",
    "REL": "Religion: churches, clergy, religious leaders and bodies.",
    "REF": "Refugees, migrants, asylum seekers, displaced people.",
    "CRM": "Criminals: gangs, cartels, smugglers, traffickers, bandits, pirates.",
}

EntryKind = Literal["country", "demonym", "capital", "seat", "organisation", "person"]
MentionKind = Literal["actor", "place"]

_PLACE_KINDS = frozenset({"country", "demonym", "capital", "seat"})
_NAME_KINDS = frozenset({"organisation", "person"})
# When two default entries claim one alias, the earlier kind here keeps it.
_PRIORITY: tuple[str, ...] = ("organisation", "person", "country", "seat", "capital", "demonym")
_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Grammatical positions in which a country or capital acts or is acted upon.
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "poss", "dobj", "dative", "iobj"})
_ACTOR_PREPS = frozenset({"by", "with", "against", "between", "on"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_OWNER_PREPS = frozenset({"of", "from"})
_DATA = ("countries.yaml", "organisations.yaml", "people.yaml")
_CSV_FIELDS = frozenset({"name", "aliases", "country", "sector", "type"})


# --------------------------------------------------------------------------- data


@dataclass(frozen=True, kw_only=True)
class Office:
    """One term in an office; dates are ISO strings, ``end`` None while in office."""

    role: str
    start: str | None = None
    end: str | None = None
    sector: str | None = None  # when the office's sector differs from the person's

    def held_on(self, day: str) -> bool:
        """Return True when the office was held on ``day`` (ISO date, end exclusive)."""
        return (self.start is None or self.start <= day) and (self.end is None or day < self.end)


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One gazetteer entry: a country, demonym, capital, seat, organisation or person.

    For demonyms, capitals and seats ``name`` is the place or adjective's
    canonical form and ``country`` the country it belongs to; ``sector`` is
    the sector it stands for when it acts (GOV for capitals). ``stands_for``
    names an organisation a seat acts for ("Brussels" -> "European Union").
    """

    name: str
    kind: EntryKind
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    stands_for: str | None = None


@dataclass(frozen=True)
class SectorLexicon:
    """Sector nouns (lower-case, one to three words) from ``sectors.yaml``."""

    nouns: Mapping[str, str]
    roles: Mapping[str, tuple[str, str | None]]  # phrase -> (sector, office role)
    weak: Mapping[str, str | None]  # need a modifier; their sector yields to a modifier's

    def get(self, phrase: str) -> tuple[str, str | None] | None:
        """Return (category, sector) for a phrase: category is noun, role or weak."""
        if phrase in self.roles:
            return "role", self.roles[phrase][0]
        if phrase in self.nouns:
            return "noun", self.nouns[phrase]
        if phrase in self.weak:
            return "weak", self.weak[phrase]
        return None


class _LineDict(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line it started on."""

    line: int = 0


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose mappings carry their line number, for error messages."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    mapping = _LineDict(loader.construct_mapping(node, deep=True))
    mapping.line = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fail(origin: str, line: int | None, what: str) -> DataFileError:
    where = f"{origin}, line {line}" if line else origin
    return DataFileError(f"{where}: {what}; fix that line or leave the file out")


def _parse_yaml(text: str, origin: str) -> Any:
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        raise _fail(origin, line, f"not valid YAML ({problem})") from exc


def _fold(text: str) -> str:
    """Return ``text`` without diacritics ("Élysée" -> "Elysee")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _keys(entry: Entry) -> Iterator[str]:
    """Yield the lookup keys of an entry: name and aliases, with and without diacritics."""
    for alias in (entry.name, *entry.aliases):
        key = _key(alias)
        if key:
            yield key
            if _fold(key) != key:
                yield _fold(key)


def _key(text: str) -> str:
    """Return the lookup key of a name: no leading "the", no possessive, single spaces."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if text[:4] in ("the ", "The "):
        text = text[4:]
    for suffix in ("'s", "\u2019s", "'", "\u2019"):
        if text.endswith(suffix):
            text = text[: -len(suffix)]
            break
    return text.strip()


class _Validator:
    """Checks raw entries from one file and turns them into ``Entry`` specs."""

    def __init__(self, origin: str, codes: set[str]) -> None:
        self.origin = origin
        self.codes = codes

    def error(self, line: int | None, what: str) -> DataFileError:
        return _fail(self.origin, line, what)

    def strings(self, value: Any, line: int, what: str) -> list[str]:
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(line, f"{what} must be a list of names")
        return [v.strip() for v in value]

    def country(self, value: Any, line: int) -> str | None:
        if value is None or value == "":
            return None
        code = str(value).strip().upper()
        if code not in self.codes:
            raise self.error(line, f"unknown country code {value!r} (use ISO 3166 alpha-3, e.g. BLR)")
        return code

    def sector(self, value: Any, line: int) -> str | None:
        if value is None or value == "":
            return None
        code = str(value).strip().upper()
        if code not in SECTORS:
            raise self.error(line, f"unknown sector {value!r} (one of {', '.join(SECTORS)})")
        return code

    def date(self, value: Any, line: int) -> str | None:
        if value is None or value == "":
            return None
        if isinstance(value, datetime.date):
            return value.isoformat()[:10]
        try:
            return datetime.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise self.error(line, f"bad date {value!r} (use YYYY-MM-DD)") from None

    def named(self, raw: Any, kind: str | None, line: int) -> tuple[Entry, list[str]]:
        """Return an organisation or person Entry from one mapping, and its seats."""
        if not isinstance(raw, dict):
            raise self.error(line, "expected a mapping with name, aliases, country, sector")
        line = getattr(raw, "line", line)
        allowed = {"name", "aliases", "country", "sector", "type", "offices", "seats"}
        unknown = set(raw) - allowed
        if unknown:
            raise self.error(line, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        kind = kind or str(raw.get("type") or "organisation").strip().lower()
        if kind not in ("organisation", "person"):
            raise self.error(line, f"type must be organisation or person, not {kind!r}")
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise self.error(line, "an entry needs a name")
        offices = []
        raw_offices = raw.get("offices") or []
        if not isinstance(raw_offices, list):
            raise self.error(line, "offices must be a list of {role, start, end}")
        for office in raw_offices:
            o_line = getattr(office, "line", line)
            if not isinstance(office, dict) or not isinstance(office.get("role"), str):
                raise self.error(o_line, "an office needs a role")
            if set(office) - {"role", "start", "end", "sector"}:
                raise self.error(o_line, "an office has only role, start, end, sector")
            offices.append(
                Office(
                    role=office["role"].strip().lower(),
                    start=self.date(office.get("start"), o_line),
                    end=self.date(office.get("end"), o_line),
                    sector=self.sector(office.get("sector"), o_line),
                )
            )
        return Entry(
            name=name.strip(),
            kind=kind,  # type: ignore[arg-type]
            country=self.country(raw.get("country"), line),
            sector=self.sector(raw.get("sector"), line),
            aliases=tuple(self.strings(raw.get("aliases"), line, "aliases")),
            offices=tuple(offices),
        ), self.strings(raw.get("seats"), line, "seats")

    def country_spec(self, code: Any, raw: Any, line: int, extra_codes: bool) -> dict[str, Any]:
        """Return a checked countries.yaml spec for one code."""
        code = str(code).strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise self.error(line, f"country key {code!r} is not an alpha-3 code")
        if not isinstance(raw, dict):
            raise self.error(line, f"{code} needs a mapping of names, adjectives, capitals")
        line = getattr(raw, "line", line)
        allowed = {"names", "adjectives", "nationals", "capitals", "seats"}
        unknown = set(raw) - allowed
        if unknown:
            raise self.error(line, f"unknown field(s) {', '.join(sorted(map(str, unknown)))}")
        spec: dict[str, Any] = {k: self.strings(raw.get(k), line, k) for k in allowed - {"seats"}}
        seats = raw.get("seats") or {}
        if not isinstance(seats, dict):
            raise self.error(line, "seats must map a place to a sector")
        spec["seats"] = {str(k): self.sector(v, line) or "GOV" for k, v in seats.items()}
        if code not in self.codes:
            if not extra_codes or not spec["names"]:
                raise self.error(line, f"{code} is not an ISO 3166 code; a new code needs names")
            self.codes.add(code)
        return spec


def _read_data(name: str) -> tuple[str, str]:
    ref = resources.files("chronicle").joinpath("data", "actors", name)
    return f"chronicle/data/actors/{name}", ref.read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _iso_countries() -> dict[str, list[str]]:
    """Return alpha-3 -> pycountry names usable in text (no "Korea, Republic of")."""
    import pycountry  # its JSON loads on first access; keep it out of import time

    names: dict[str, list[str]] = {}
    for c in pycountry.countries:
        found = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value:
                found.append(_key(value))
        names[c.alpha_3] = list(dict.fromkeys(found))
    return names


class _Raw:
    """Checked, not yet indexed data: country specs and named entries, mergeable."""

    def __init__(self) -> None:
        self.codes: set[str] = set(_iso_countries())
        self.countries: dict[str, dict[str, Any]] = {}
        self.named: dict[str, tuple[Entry, list[str]]] = {}
        self.user_names: set[str] = set()

    def add_yaml(self, text: str, origin: str, *, user: bool) -> None:
        data = _parse_yaml(text, origin)
        check = _Validator(origin, self.codes)
        if data is None:
            return
        if isinstance(data, list):  # a user file may be a plain list of entries
            data = {"entries": data}
        if not isinstance(data, dict):
            raise check.error(1, "expected a mapping with countries, organisations or people")
        unknown = set(data) - {"countries", "organisations", "people", "entries"}
        if unknown:
            line = getattr(data, "line", 1)
            raise check.error(line, f"unknown section(s) {', '.join(sorted(map(str, unknown)))}")
        countries = data.get("countries") or {}
        if not isinstance(countries, dict):
            raise check.error(getattr(data, "line", 1), "countries must map alpha-3 codes to names")
        for code, raw in countries.items():
            spec = check.country_spec(code, raw, getattr(countries, "line", 1), extra_codes=True)
            code = str(code).strip().upper()
            old = self.countries.get(code)
            if old is None:
                self.countries[code] = spec
            else:  # a user file adds names to a country, it does not drop ours
                for k, v in spec.items():
                    old[k] = {**old[k], **v} if k == "seats" else list(dict.fromkeys(old[k] + v))
        for section, kind in (("organisations", "organisation"), ("people", "person"), ("entries", None)):
            items = data.get(section) or []
            if not isinstance(items, list):
                raise check.error(getattr(data, "line", 1), f"{section} must be a list")
            for raw in items:
                entry, seats = check.named(raw, kind, getattr(raw, "line", 0))
                self._add_named(entry, seats, origin, user=user)

    def add_csv(self, text: str, origin: str) -> None:
        check = _Validator(origin, self.codes)
        reader = csv.DictReader(io.StringIO(text))
        header = reader.fieldnames or []
        if "name" not in header or set(header) - _CSV_FIELDS:
            raise check.error(1, f"the header must be name[,aliases,country,sector,type], got {header}")
        for row in reader:
            line = reader.line_num
            if None in row or any(v is None for v in row.values()):
                raise check.error(line, f"expected {len(header)} columns")
            aliases = [a for a in (row.get("aliases") or "").split("|") if a.strip()]
            raw = {"name": row["name"], "aliases": aliases, "country": row.get("country"),
                   "sector": row.get("sector"), "type": row.get("type") or None}
            entry, seats = check.named(raw, None, line)
            self._add_named(entry, seats, origin, user=True)

    def _add_named(self, entry: Entry, seats: list[str], origin: str, *, user: bool) -> None:
        if entry.name in self.named and not user:
            log.warning("%s: %s is defined twice; the later one wins", origin, entry.name)
        self.named[entry.name] = (entry, seats)
        if user:
            self.user_names.add(entry.name)


@functools.lru_cache(maxsize=1)
def _default_raw_text() -> tuple[tuple[str, str], ...]:
    return tuple(_read_data(name) for name in _DATA)


@functools.lru_cache(maxsize=1)
def _lexicon() -> SectorLexicon:
    """Return the sector-noun lexicon from ``sectors.yaml`` (loaded once)."""
    origin, text = _read_data("sectors.yaml")
    data = _parse_yaml(text, origin)
    check = _Validator(origin, set())
    nouns: dict[str, str] = {}
    for sector, words in (data.get("nouns") or {}).items():
        check.sector(sector, data.line)
        for word in check.strings(words, data.line, "nouns"):
            nouns[word.lower()] = sector
    roles = {
        k.lower(): (check.sector(v["sector"], v.line) or "GOV", v.get("office"))
        for k, v in (data.get("roles") or {}).items()
    }
    weak = {k.lower(): check.sector(v, data.line) for k, v in (data.get("weak") or {}).items()}
    return SectorLexicon(nouns=nouns, roles=roles, weak=weak)


class Gazetteer:
    """Names -> entries: countries, demonyms, capitals, seats, organisations, people.

    Build it with ``Gazetteer.load()``; the defaults are parsed once per
    process and shared.
    """

    def __init__(self, entries: Iterable[Entry], country_names: Mapping[str, str],
                 overrides: Iterable[Entry] = ()) -> None:
        overrides = tuple(overrides)
        self._entries: tuple[Entry, ...] = tuple(entries) + overrides
        self._country_names = dict(country_names)
        self._alias: dict[str, Entry] = {}
        rank = {kind: i for i, kind in enumerate(_PRIORITY)}
        for entry in self._entries[: len(self._entries) - len(overrides)]:
            for key in _keys(entry):
                old = self._alias.get(key)
                if old is not None and rank[old.kind] <= rank[entry.kind]:
                    continue  # among packaged entries the higher-priority kind keeps an alias
                self._alias[key] = entry
        for entry in overrides:  # user entries win every alias they claim
            for key in _keys(entry):
                self._alias[key] = entry

    @classmethod
    def load(cls, extra: Path | None = None) -> Gazetteer:
        """Return the packaged gazetteer, with the user file ``extra`` merged over it.

        ``extra`` is YAML (sections ``countries``, ``organisations``,
        ``people``, or a list of entries with ``type``) or CSV (header
        ``name,aliases,country,sector,type``, aliases separated by ``|``).
        An entry with the name of a packaged one replaces it; its aliases
        win over packaged ones. Raises DataFileError naming file and line.
        """
        if extra is None:
            return _default_gazetteer()
        raw = _default_raw()
        merged = _Raw()
        merged.codes = set(raw.codes)
        merged.countries = {k: {f: (dict(v) if isinstance(v, dict) else list(v)) for f, v in s.items()}
                            for k, s in raw.countries.items()}
        merged.named = dict(raw.named)
        path = Path(extra)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{path}: cannot read the gazetteer file ({exc})") from exc
        if path.suffix.lower() in (".yaml", ".yml"):
            merged.add_yaml(text, str(path), user=True)
        elif path.suffix.lower() == ".csv":
            merged.add_csv(text, str(path))
        else:
            raise DataFileError(f"{path}: a gazetteer file must end in .yaml, .yml or .csv")
        return _build(merged, merged.user_names)

    def lookup(self, text: str) -> Entry | None:
        """Return the entry whose name or alias is ``text`` (case-sensitive), or None."""
        key = _key(text)
        return self._alias.get(key) or self._alias.get(_fold(key))

    def country_name(self, code: str | None) -> str | None:
        """Return the canonical short name of a country code ("BLR" -> "Belarus")."""
        return self._country_names.get(code) if code else None

    def aliases(self) -> Iterator[tuple[str, Entry]]:
        """Yield (alias key, entry) for every matchable name."""
        yield from self._alias.items()

    def entries(self, kind: str | None = None) -> tuple[Entry, ...]:
        """Return all entries, or those of one kind."""
        return tuple(e for e in self._entries if kind is None or e.kind == kind)

    def office_holders(self, country: str, role: str, on: str) -> list[Entry]:
        """Return the people who held ``role`` for ``country`` on date ``on`` (ISO)."""
        role = role.lower()
        return [
            e for e in self._entries
            if e.kind == "person" and e.country == country
            and any(o.role == role and o.held_on(on) for o in e.offices)
        ]

    def __len__(self) -> int:
        return len(self._entries)


@functools.lru_cache(maxsize=1)
def _default_raw() -> _Raw:
    raw = _Raw()
    for origin, text in _default_raw_text():
        raw.add_yaml(text, origin, user=False)
    return raw


@functools.lru_cache(maxsize=1)
def _default_gazetteer() -> Gazetteer:
    return _build(_default_raw(), set())


def _iso_fallback(code: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=code)
    return country.name if country is not None else code


def _nationals(adjectives: list[str]) -> list[str]:
    # "Belarusian" -> "Belarusians", "Emirati" -> "Emiratis"; others are listed.
    return [a + "s" for a in adjectives if a.endswith(("an", "i")) and " " not in a]


def _build(raw: _Raw, user_names: set[str]) -> Gazetteer:
    iso = _iso_countries()
    entries: list[Entry] = []
    country_names: dict[str, str] = {}
    seat_of: dict[str, str] = {}  # place -> organisation it can stand for
    for entry, seats in raw.named.values():
        for seat in seats:
            seat_of[_key(seat)] = entry.name
    for code in sorted(set(iso) | set(raw.countries)):
        spec = raw.countries.get(code, {})
        names = list(dict.fromkeys([_key(n) for n in spec.get("names", [])] + iso.get(code, [])))
        if not names:  # "Virgin Islands, British": kept so every ISO code has a name
            names = [_iso_fallback(code)]
        country_names[code] = names[0]
        entries.append(Entry(name=names[0], kind="country", country=code, sector="GOV",
                             aliases=tuple(names)))
        adjectives = [a for a in spec.get("adjectives", []) if a not in names]
        nationals = spec.get("nationals", []) + _nationals(adjectives)
        if adjectives or nationals:
            entries.append(Entry(name=names[0], kind="demonym", country=code,
                                 aliases=tuple(dict.fromkeys(adjectives + nationals))))
        places = [(c, "capital", "GOV") for c in spec.get("capitals", [])]
        places += [(seat, "seat", sector) for seat, sector in spec.get("seats", {}).items()]
        for spellings, kind, sector in places:
            keys = [_key(k) for k in spellings.split("|") if k.strip()]
            stands_for = next((seat_of.pop(k) for k in keys if k in seat_of), None)
            entries.append(Entry(name=keys[0], kind=kind, country=code,  # type: ignore[arg-type]
                                 sector=sector, aliases=tuple(keys), stands_for=stands_for))
    for place, org in seat_of.items():  # seats that are no capital ("Turtle Bay")
        entries.append(Entry(name=place, kind="seat", aliases=(place,), stands_for=org))
    defaults = [e for e, _ in raw.named.values() if e.name not in user_names]
    users = [e for e, _ in raw.named.values() if e.name in user_names]
    return Gazetteer(entries + defaults, country_names, overrides=users)


# --------------------------------------------------------------------------- resolver


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


@dataclass(slots=True)
class _Match:
    start: int
    end: int
    entry: Entry
    head: int = -1
    used: bool = False  # consumed as the modifier of a sector noun


@functools.lru_cache(maxsize=1)
def _tokenizer_nlp() -> Language:
    import spacy

    return spacy.blank("en")  # the same English tokenizer rules as the model


@dataclass
class ActorResolver:
    """Finds actor and place mentions in parsed Docs and resolves them to codes.

    Cheap to call per Doc; the phrase matcher is built once per vocabulary
    and the last few Docs' results are cached for ``actor_for_span``.
    """

    gazetteer: Gazetteer = field(default_factory=Gazetteer.load)
    cache_size: int = 8
    _matchers: dict[int, tuple[Vocab, PhraseMatcher, dict[int, Entry]]] = field(
        default_factory=dict, init=False, repr=False)
    _cache: OrderedDict[int, tuple[Doc, list[_Found]]] = field(
        default_factory=OrderedDict, init=False, repr=False)

    # ---- public API

    def mentions(self, doc: Doc, doc_id: str) -> list[Mention]:
        """Return the actor and place mentions in ``doc``, in text order."""
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        text = doc.text  # built from the tokens on every access: read it once
        out = []
        for f in self._found(doc):
            first, last = doc[f.start], doc[f.end - 1]
            start, end = first.idx, last.idx + len(last.text)
            out.append(Mention(
                doc_id=doc_id, sentence=bisect.bisect_right(starts, f.start) - 1,
                start=start, end=end, text=text[start:end], name=f.name,
                country=f.country, sector=f.sector, kind=f.kind, rule=f.rule,
            ))
        return out

    def actor_for_span(self, span: Span) -> Actor:
        """Return the best Actor for an argument phrase, from the mentions inside it.

        Head first: the actor mention containing the phrase's root, else the
        one nearest the root in the parse, else a place's country; failing
        all, the phrase with the sector of its head noun if it has one.
        """
        found = [f for f in self._found(span.doc) if f.start >= span.start and f.end <= span.end]
        root = span.root
        actors = [f for f in found if f.kind == "actor"]
        best = next((f for f in actors if f.start <= root.i < f.end), None)
        if best is None and actors:
            best = min(actors, key=lambda f: (_depth(span.doc[f.head], root), f.start))
        if best is None and found:
            place = found[0]
            return Actor(text=span.text, name=place.name, country=place.country)
        if best is not None:
            return Actor(text=span.text, name=best.name, country=best.country, sector=best.sector)
        hit = _phrase_at(span.doc, root, _lexicon())
        return Actor(text=span.text, sector=hit[2] if hit else None)

    # ---- pipeline

    def _found(self, doc: Doc) -> list[_Found]:
        cached = self._cache.get(id(doc))
        if cached is not None and cached[0] is doc:
            self._cache.move_to_end(id(doc))
            return cached[1]
        found = self._resolve(doc)
        self._cache[id(doc)] = (doc, found)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return found

    def _matcher(self, vocab: Vocab) -> tuple[PhraseMatcher, dict[int, Entry]]:
        hit = self._matchers.get(id(vocab))
        if hit is not None and hit[0] is vocab:
            return hit[1], hit[2]
        from spacy.matcher import PhraseMatcher

        matcher = PhraseMatcher(vocab, attr="ORTH")
        ids: dict[int, Entry] = {}
        by_entry: dict[int, tuple[Entry, list[str]]] = {}
        for key, entry in self.gazetteer.aliases():
            by_entry.setdefault(id(entry), (entry, []))[1].append(key)
        tokenizer = _tokenizer_nlp().tokenizer
        for n, (entry, keys) in enumerate(by_entry.values()):
            label = f"chronicle.actor.{n}"
            ids[vocab.strings.add(label)] = entry
            matcher.add(label, list(tokenizer.pipe(keys)))
        self._matchers[id(vocab)] = (vocab, matcher, ids)
        log.debug("built the actor phrase matcher: %d entries", len(ids))
        return matcher, ids

    def _resolve(self, doc: Doc) -> list[_Found]:
        lex = _lexicon()
        matches, unresolved = self._names(doc)
        by_token: dict[int, _Match] = {i: m for m in matches for i in range(m.start, m.end)}
        blocked = {i for m in matches if m.entry.kind in _NAME_KINDS for i in range(m.start, m.end)}
        blocked |= {i for e in unresolved if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
        found: list[_Found] = []
        sector_at: dict[int, _Found] = {}
        covered = -1  # last token of the previous sector phrase ("leader of the opposition")
        for token in doc:
            if (token.i in blocked or token.pos_ not in _NOUN_POS or token.i in by_token
                    or token.i < covered):
                continue
            np = self._sector_np(doc, token, lex, by_token, blocked)
            if np is None:
                continue
            found.append(np)
            sector_at[token.i] = np
            covered = np.end
            # "Emirati and Saudi diplomats": each coordinated country is an actor.
            for i in range(token.left_edge.i, np.start):
                m = by_token.get(i)
                if (m is not None and not m.used and m.start == i and doc[m.head].dep_ == "conj"
                        and m.entry.kind in ("demonym", "country") and np.country):
                    m.used = True
                    found.append(_Found(m.start, m.end, m.head, "actor", np.rule, None,
                                        m.entry.country, np.sector))
        found.extend(self._names_found(doc, matches, unresolved, sector_at, lex, by_token, blocked))
        found.sort(key=lambda f: (f.start, f.end))
        return found

    def _names(self, doc: Doc) -> tuple[list[_Match], list[Span]]:
        """Return gazetteer matches reconciled with NER, and the entities left unresolved."""
        matcher, ids = self._matcher(doc.vocab)
        raw = [_Match(s, e, ids[m]) for m, s, e in matcher(doc)]
        raw.sort(key=lambda m: (m.start - m.end, m.start))  # longest first
        taken: set[int] = set()
        matches: list[_Match] = []
        for m in raw:
            if not taken.intersection(range(m.start, m.end)):
                matches.append(m)
                taken.update(range(m.start, m.end))
        unresolved: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            inner = [m for m in matches if ent.start <= m.start and m.end <= ent.end]
            crossing = [m for m in matches if m.start < ent.end and ent.start < m.end and m not in inner]
            if crossing:
                continue
            trimmed = _trim(ent)
            entry = self.gazetteer.lookup(trimmed.text) if len(trimmed) else None
            if entry is not None:
                for m in inner:
                    matches.remove(m)
                matches.append(_Match(trimmed.start, trimmed.end, entry))
                continue
            if ent.label_ == "ORG" and len(trimmed) and _sector_head(doc, trimmed.root):
                # "OMON", "the Supreme Court", "Minsk City Court": a sector noun
                # phrase (the NER calls it a name); the sector rules code it.
                for m in inner:
                    if m.entry.kind not in _PLACE_KINDS:
                        matches.remove(m)
                continue
            if not inner:
                unresolved.append(ent)
                continue
            covered = {i for m in inner for i in range(m.start, m.end)}
            rest = [t for t in ent if t.i not in covered and not _filler(t)]
            if not rest:
                continue
            if ent.label_ == "PERSON":
                keep = [m for m in inner if m.entry.kind == "person"]
            elif ent.label_ in _PLACE_LABELS or ent.label_ == "NORP":
                keep = [m for m in inner if m.entry.kind in _PLACE_KINDS]
            else:
                keep = []  # "Minsk Tractor Works": a different, unknown name
            for m in inner:
                if m not in keep:
                    matches.remove(m)
            if not keep:
                unresolved.append(ent)
        for m in matches:
            m.head = doc[m.start:m.end].root.i
        matches.sort(key=lambda m: m.start)
        return matches, unresolved

    def _sector_np(self, doc: Doc, token: Token, lex: SectorLexicon, by_token: dict[int, _Match],
                   blocked: set[int], *, title: bool = False) -> _Found | None:
        """Return the actor a sector noun heads ("Belarusian troops"), or None.

        ``title`` codes a noun that modifies a name ("police chief X").
        """
        hit = _phrase_at(doc, token, lex)
        if hit is None:
            return None
        phrase_start, category, sector = hit
        if (not title and token.dep_ in _MODIFIER_DEPS and token.head.pos_ in _NOUN_POS
                and token.head.i > token.i):
            return None  # a modifier: "opposition" in "opposition leader", "press conference"
        # Pre-modifiers: a name or place, and for weak nouns a sector noun.
        mod: _Match | None = None
        sector_mod: str | None = None
        start = phrase_start
        for i in range(phrase_start - 1, token.left_edge.i - 1, -1):
            m = by_token.get(i)
            if m is not None and mod is None and m.start >= token.left_edge.i:
                mod, start = m, min(start, m.start)
            elif m is None and sector_mod is None and i not in blocked:
                other = lex.get(doc[i].lower_)
                if other and other[0] != "weak" and other[1]:
                    sector_mod, start = other[1], min(start, i)
        end, via = token.i + 1, "pre"
        if mod is None:  # "the government of Kazakhstan", "protesters in Minsk"
            for prep in token.rights:
                if prep.dep_ != "prep" or prep.lower_ not in (_OWNER_PREPS | {"in"}):
                    continue
                pobj = next((c for c in prep.rights if c.dep_ == "pobj"), None)
                if pobj is None:
                    continue
                m = by_token.get(pobj.i)
                if m is not None and m.entry.kind != "demonym":
                    mod, end, via = m, max(end, m.end), prep.lower_
                elif sector_mod is None and category == "weak":
                    other = _phrase_at(doc, pobj, lex)  # "leader of the opposition"
                    if other and other[1] != "weak" and other[2]:
                        sector_mod, end = other[2], pobj.i + 1
                break
        if mod is None and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in":
            # "detained protesters in Minsk": the parser often hangs the
            # in-phrase on the verb; take a place right after the noun.
            m = by_token.get(token.i + 2)
            if m is not None and m.start == token.i + 2 and m.entry.kind in ("country", "capital"):
                mod, end, via = m, m.end, "in"
        if category == "weak":
            if mod is None and sector_mod is None:
                return None
            if sector_mod is None and mod is not None and mod.entry.kind in ("organisation", "seat"):
                sector_mod = mod.entry.sector
            sector = sector_mod or sector
        name = country = None
        rule = "role" if category == "role" else "sector"
        if mod is not None:
            entry = mod.entry
            if entry.stands_for:
                org = self.gazetteer.lookup(entry.stands_for)
                name, country = entry.stands_for, org.country if org else None
                rule = "capital-metonym"
            elif entry.kind in _NAME_KINDS:
                country = entry.country
                name = entry.name if entry.kind == "organisation" else None
                if category != "role":
                    rule = "organisation+sector" if entry.kind == "organisation" else "possessor+sector"
            else:
                country = entry.country
                if category != "role":
                    rule = {"demonym": "demonym+sector", "country": "country+sector"}.get(
                        entry.kind, "capital-metonym")
                    if via == "in":
                        rule = "sector+place"
            if via != "in" and entry.kind in _PLACE_KINDS:
                mod.used = True
        return _Found(start, end, token.i, "actor", rule, name, country, sector)

    def _names_found(self, doc: Doc, matches: list[_Match], unresolved: list[Span],
                     sector_at: dict[int, _Found], lex: SectorLexicon,
                     by_token: dict[int, _Match], blocked: set[int]) -> Iterator[_Found]:
        """Yield gazetteer names, places and unresolved entities as _Found records."""
        gz = self.gazetteer
        surnames: dict[str, list[tuple[int, Entry]]] = {}
        for m in matches:
            e = m.entry
            if m.used:
                continue
            if e.kind in _NAME_KINDS:
                if e.kind == "person":
                    surnames.setdefault(e.name.split()[-1], []).append((m.start, e))
                yield _Found(m.start, m.end, m.head, "actor", f"gazetteer:{e.kind}",
                             e.name, e.country, e.sector)
                continue
            acts = _acts(doc[m.head])
            if e.kind == "seat" and doc[m.head].dep_ in _MODIFIER_DEPS:
                acts = True  # "Kremlin spokesman Dmitry Peskov": a seat names its staff
            if e.kind == "country":
                if acts:
                    yield _Found(m.start, m.end, m.head, "actor", "country", e.name, e.country, "GOV")
                else:
                    yield _Found(m.start, m.end, m.head, "place", "place", e.name, e.country)
            elif e.kind in ("capital", "seat"):
                if acts and e.stands_for:
                    org = gz.lookup(e.stands_for)
                    yield _Found(m.start, m.end, m.head, "actor", "capital-metonym", e.stands_for,
                                 org.country if org else None, org.sector if org else None)
                elif acts:
                    yield _Found(m.start, m.end, m.head, "actor", "capital-metonym",
                                 gz.country_name(e.country), e.country, e.sector)
                else:
                    yield _Found(m.start, m.end, m.head, "place", "place", e.name, e.country)
            elif e.kind == "demonym":
                head = doc[m.head]
                partner = next((sector_at[c.i] for c in head.conjuncts if c.i in sector_at), None)
                if partner is not None and partner.country:  # "Emirati and Saudi diplomats"
                    yield _Found(m.start, m.end, m.head, "actor", partner.rule, None, e.country,
                                 partner.sector)
                elif head.pos_ in _NOUN_POS and head.dep_ not in _MODIFIER_DEPS and head.tag_ in ("NNS", "NNPS"):
                    yield _Found(m.start, m.end, m.head, "actor", "demonym", e.name, e.country)
        for ent in unresolved:
            span = _trim(ent)
            if not len(span):
                continue
            if ent.label_ in _PLACE_LABELS:
                yield _Found(span.start, span.end, span.root.i, "place", "ner-unresolved")
                continue
            if ent.label_ == "PERSON" and len(span) == 1:
                earlier = [e for start, e in surnames.get(span.text, []) if start < span.start]
                if len({e.name for e in earlier}) == 1:
                    e = earlier[0]
                    yield _Found(span.start, span.end, span.root.i, "actor", "gazetteer:surname",
                                 e.name, e.country, e.sector)
                    continue
            sector = self._context_sector(doc, span, ent.label_, sector_at, lex, by_token, blocked)
            yield _Found(span.start, span.end, span.root.i, "actor", "ner-unresolved",
                         None, None, sector)

    def _context_sector(self, doc: Doc, span: Span, label: str, sector_at: dict[int, _Found],
                        lex: SectorLexicon, by_token: dict[int, _Match], blocked: set[int]) -> str | None:
        """Return a sector for an unknown name from its title, apposition or own head noun."""
        root = span.root
        if label != "PERSON":  # "the Supreme Court", "Minsk City Court"
            hit = _phrase_at(doc, root, lex)
            return hit[2] if hit and hit[1] != "weak" else None
        candidates = [c for c in root.lefts if c.dep_ == "compound" and c.i < span.start]
        candidates += [c for c in root.rights if c.dep_ == "appos"]
        if root.dep_ == "appos":
            candidates.append(root.head)
        for token in candidates:
            np = sector_at.get(token.i) or self._sector_np(
                doc, token, lex, by_token, blocked - set(range(span.start, span.end)), title=True)
            if np is not None and np.sector:
                return np.sector
            if np is None and (hit := _phrase_at(doc, token, lex)) and hit[1] != "weak":
                return hit[2]
        return None


# --------------------------------------------------------------------------- helpers


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


__all__ = ["SECTORS", "Office", "Entry", "SectorLexicon", "Gazetteer", "ActorResolver"]
