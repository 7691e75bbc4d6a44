"""The actor gazetteer: sector codes, packaged and user data, lookup by name.

Data lives in ``chronicle/data/actors/``: ``countries.yaml`` (short names,
demonyms, capitals, seats of power, over pycountry's names),
``organisations.yaml``, ``people.yaml`` (people in the news 2020-2022, with
dated offices), ``leaders.yaml`` (heads of state and government and other
leaders 1945-2026, same format) and the sector-noun lexicon
``sectors.yaml``. Users merge a YAML or CSV file over it with
``Gazetteer.load(path)``; a bad file raises ``DataFileError`` naming the
file and line.

Everything is loaded lazily and cached: the data on first ``Gazetteer.load``.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import logging
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml

from ..errors import DataFileError

log = logging.getLogger(__name__)

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

EntryKind = Literal["country", "demonym", "capital", "seat", "organisation", "person", "city"]

# "city" entries are places that never act: the ``places`` of countries.yaml (territories,
# regions, islands: "the West Bank", "Bali") and the cities the resolver finds in geonames
# (``cities.py``).
_PLACE_KINDS = frozenset({"country", "demonym", "capital", "seat", "city"})
_NAME_KINDS = frozenset({"organisation", "person"})
# When two default entries claim one alias, the earlier kind here keeps it.
_PRIORITY: tuple[str, ...] = ("organisation", "person", "country", "seat", "capital", "demonym",
                              "city")
_DATA = ("countries.yaml", "organisations.yaml", "people.yaml", "leaders.yaml")
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

    For people ``sector`` is the sector without a date (their main role in
    the news), ``offices`` the dated terms, ``out_of_office`` the sector on
    a date when they hold none of them (None: no sector, e.g. a retired
    chancellor) and ``gender`` "f" or "m" when known (for "she"/"he").
    ``shared`` holds names the news uses for a person that are no alias
    because others in the gazetteer, or a common word, share them ("Bush",
    "George Bush", "Gandhi", "Kim", "May"): ``Gazetteer.sharing`` lists
    who bears one, and the resolver chooses by title, date and country.
    """

    name: str
    kind: EntryKind
    country: str | None = None
    sector: str | None = None
    aliases: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()
    stands_for: str | None = None
    out_of_office: str | None = None
    gender: str | None = None
    shared: tuple[str, ...] = ()

    def sector_on(self, day: str | None) -> str | None:
        """Return the sector on ``day`` (ISO date): the newest office held then, else ``out_of_office``.

        Without a day, or for an entry without offices, it is ``sector``:
        a former president is not GOV after leaving office.
        """
        if day is None or not self.offices:
            return self.sector
        held = [o for o in self.offices if o.held_on(day)]
        if held:
            newest = max(held, key=lambda o: o.start or "")
            return newest.sector or self.sector
        return self.out_of_office

    def office_on(self, day: str | None) -> Office | None:
        """Return the newest office held on ``day``, or None."""
        if day is None:
            return None
        held = [o for o in self.offices if o.held_on(day)]
        return max(held, key=lambda o: o.start or "") if held else None


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


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """_LineLoader over libyaml when PyYAML has it, for the packaged files.

    Their ~2,800 entries parse about four times faster; user files keep the
    pure-Python loader, whose error marks the messages rely on.
    """


_FastLineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _fail(origin: str, line: int | None, what: str) -> DataFileError:
    where = f"{origin}, line {line}" if line else origin
    return DataFileError(f"{where}: {what}; fix that line or leave the file out")


def _parse_yaml(text: str, origin: str, *, fast: bool = False) -> Any:
    try:
        loader = _FastLineLoader if fast else _LineLoader
        return yaml.load(text, Loader=loader)  # noqa: S506 - SafeLoader subclasses
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
        allowed = {"name", "aliases", "country", "sector", "type", "offices", "seats",
                   "out_of_office", "gender", "shared"}
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
        gender = raw.get("gender")
        if gender not in (None, "f", "m"):
            raise self.error(line, f"gender must be f or m, not {gender!r}")
        sector = self.sector(raw.get("sector"), line)
        if "out_of_office" in raw:
            out = self.sector(raw.get("out_of_office"), line)
        else:  # a sector that only comes from the offices ends with them
            out = None if offices and all((o.sector or sector) == sector for o in offices) else sector
        return Entry(
            name=name.strip(),
            kind=kind,  # type: ignore[arg-type]
            country=self.country(raw.get("country"), line),
            sector=sector,
            aliases=tuple(self.strings(raw.get("aliases"), line, "aliases")),
            offices=tuple(offices),
            out_of_office=out,
            gender=gender,
            shared=tuple(self.strings(raw.get("shared"), line, "shared")),
        ), self.strings(raw.get("seats"), line, "seats")

    def country_spec(self, code: Any, raw: Any, line: int, extra_codes: bool) -> dict[str, Any]:
        """Return a checked countries.yaml spec for one code."""
        code = str(code).strip().upper()
        if len(code) != 3 or not code.isalpha():
            raise self.error(line, f"country key {code!r} is not an alpha-3 code")
        if not isinstance(raw, dict):
            raise self.error(line, f"{code} needs a mapping of names, adjectives, capitals")
        line = getattr(raw, "line", line)
        allowed = {"names", "adjectives", "nationals", "capitals", "places", "seats"}
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
        data = _parse_yaml(text, origin, fast=not user)
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
        self._shared: dict[str, tuple[Entry, ...]] = {}
        for entry in self._entries:
            for name in entry.shared if entry.kind == "person" else ():
                key = _fold(_key(name))
                if entry not in self._shared.get(key, ()):
                    self._shared[key] = (*self._shared.get(key, ()), entry)

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

    def sharing(self, name: str) -> tuple[Entry, ...]:
        """Return the people with ``name`` among their ``shared`` names ("Bush" -> both presidents)."""
        return self._shared.get(_fold(_key(name)), ())

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
        places += [(p, "city", None) for p in spec.get("places", [])]
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
