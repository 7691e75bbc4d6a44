"""Actor resolution: find who is named in a parsed Doc and resolve them to codes.

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
``gazetteer:family``
    A name gazetteer people share (``Entry.shared``: "Bush", "George
    Bush", "Gandhi", "Kim"), as a PERSON entity or an alias, with no
    fuller name containing it earlier: the person a title and the date
    choose ("President Bush" in 1990 -> George H. W. Bush; without a
    title the one in office that day), else, when all who share it have
    one country, that country without a name ("Bush" undated -> USA).
``role``
    An office noun with a country: "the Kazakh foreign minister" -> KAZ GOV.
``demonym+sector`` / ``country+sector`` / ``capital-metonym`` / ``organisation+sector`` / ``possessor+sector``
    A sector noun with a modifier that gives the country or organisation:
    "Belarusian troops" -> BLR MIL, "Russia's army", "Minsk authorities",
    "the Kremlin spokesman", "NATO troops", "Putin's government". A phrase
    an intergovernmental organisation modifies is that organisation's, sector
    IGO ("NATO warplanes", "the U.N. war crimes court"), unless a country
    modifies it too ("Russia's UN envoy" -> RUS GOV). A group "of" a body
    a country or demonym modifies is that country's ("leaders of Romania's
    new government" -> ROU GOV, "members of Iraq's parliament" -> IRQ LEG).
    A country or demonym after "anti-", "pro-" or "non-" is a stance, no
    mention at all ("an anti-Syria journalist" -> MED, no country;
    "pro-Russian separatists" are placed like any group without one).
``sector+place``
    A sector noun with an in-phrase or a city modifier: "protesters in
    Minsk" -> BLR PRO, "Peshawar police" -> PAK COP (after "in" the place is
    also a mention of its own). A from-phrase the parser hangs on the
    verb still gives a group its country ("received a delegation from
    Somalia" -> SOM GOV), unless the verb moves the group ("withdrew
    troops from Mali"). Also a sector noun left with no country
    after coreference, placed where its sentence happens: "Soldiers
    detained the president in Bamako" -> MLI MIL (a place after
    "in"/"near"/"at"/..., never a later actor; see ``coref.py``).
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
    Short forms are demonyms too ("Serb forces", "Croat militia"), and a
    people named with its state is that state's ("Bosnian Serbs" -> BIH).
``ethnic``
    "ethnic" + demonym names an ethnic group, not a state's people: it
    takes the country the text places it in, else none, and keeps the
    sector its noun gives ("ethnic Albanians in southern Serbia" -> SRB,
    "ethnic Russians in Latvia" -> LVA, "ethnic Uzbeks fled" with no place
    -> no country, "ethnic Albanian rebels" -> REB). The place is the one
    in its own of/in-phrase, else the one nearest it in its sentence, else
    the latest earlier in the document. A plural demonym "of" a place in
    another state is such a group without "ethnic" ("the Albanians of
    southern Serbia" -> SRB); "in" is not ("the Russians in Syria" -> RUS).
``demonym+place``
    A demonym on a noun for a state or a part of one is that demonym's
    country, whoever else the text names: "the autonomous Azerbaijani
    republic of Nakhichevan" -> AZE, "the Georgian region of Abkhazia" ->
    GEO (a place; a state noun that acts is GOV). Not "Albanian rebel-held
    territory": held by the demonym's people, not their state's.
``place``
    A gazetteer country, capital or seat used as a location:
    ``kind="place"``.
``city``
    A place the gazetteer does not know, resolved to the country of a city
    (geonames ``cities15000``, see ``cities.py``) or US state: a GPE/LOC/FAC
    entity ("Peshawar" -> PAK, "Idlib province" -> SYR), any unknown name
    after "in"/"near"/... (the NER takes "in Lyon" for a person), a NORP
    entity only as a city of 100,000 ("Aleppo"). The text's qualifier
    decides first ("Tripoli, Lebanon", "the Lebanese city of Tripoli",
    "Tripoli, the north Lebanese port", "Lebanon's second city Tripoli",
    "Palma in northern Mozambique", "Honiara's Chinatown"; it also moves a
    gazetteer capital or place), then a country the document names (a
    capital moves to a namesake of 100,000 there when the document never
    names the capital's own country), then the most populous city of that
    name. Always ``kind="place"``; it never replaces a gazetteer name
    ("Georgia", "Jordan", "Washington" keep theirs). Territories, regions
    and towns geonames lacks or gives to a namesake are gazetteer places
    (``places`` in countries.yaml: "the West Bank" -> PSE, "Bali" -> IDN,
    "Bethlehem" -> PSE), never actors; no word inside a place name is a
    sector noun ("Bank" of "West Bank").
``ner-unresolved``
    A PERSON/ORG/NORP entity not in the gazetteer: kept with its text,
    country and sector only from a title or apposition, never guessed from
    the name ("opposition activist X", "X, a journalist", "X, Algeria's
    leading rights activist" -> DZA, "X, the UN relief coordinator" -> IGO)
    or the name's own head noun ("the Supreme Court" -> JUD). A GPE/LOC
    entity with an office in apposition is such a person (the NER takes
    unfamiliar names for places). GPE/LOC/FAC ones no city resolves become
    places with no country. An entity that is only adjectives ending in a
    demonym ("Radical French" farmers) is no name; an ORG entity opening
    with an organisation's name is that organisation ("the United Nations
    Emergency Relief Coordinator").
``organisation-name``
    An ORG entity the gazetteer lacks that has one country or demonym in
    its name is an organisation of that country ("the Zambia Farmers
    Union" -> ZMB, "the Serbian Workers' Union" -> SRB), sector from its
    head noun; its bracketed abbreviation right after it ("(ZNFU)") is the
    same organisation. A bracketed abbreviation after another name is
    never a gazetteer person or place of its own ("Municipality Association
    (AKK)" is not the German minister nicknamed AKK).
``title+sentence``
    An unknown person with a title (a role, sector noun or military rank:
    "Judge X", "Vice-President X", "Lt. Gen. X") and no country from it
    serves the one country every other mention of the sentence has
    ("Judge X opened inquiries into Chilean officials" -> CHL). Never when
    that country could be a counterpart's: another person, a place the
    person is in or goes to, an object of the person's verb, the subject
    of a verb the person is the object of; two countries, or none, leave it.

``coref:pronoun`` / ``coref:description``
    A pronoun ("he", "his", "they", "its") or a definite description ("the
    dictator", "the country", "the pariah state", "the president", "the
    army") takes the codes of the most recent compatible actor earlier in
    the document, never a later one (see ``coref.py``); ``text`` stays the
    words written.

Dates: ``mentions(doc, doc_id, on=date)`` resolves people by the office
they held on that day (``Entry.sector_on``: a former president is not
GOV) and a role description to the office holder ("the German chancellor"
on 2023-03-01 -> Olaf Scholz). ``actor_for_span`` reuses the date given to
``mentions`` for the same Doc unless it is given one.

The phrase matcher is built on the first Doc an ``ActorResolver`` sees.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import logging
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Actor, Mention
from . import coref
from .gazetteer import _NAME_KINDS, _PLACE_KINDS, Entry, Gazetteer, SectorLexicon, _lexicon
from .homes import _ethnic, _ethnic_homes, _living_in, _titled_homes
from .people import _rank_before, _shared_surnames, _titled_people
from .phrases import (
    _ENTITY_LABELS,
    _MODIFIER_DEPS,
    _NOUN_POS,
    _OWNER_PREPS,
    _PLACE_LABELS,
    _abbreviation,
    _adjectives_only,
    _depth,
    _filler,
    _foreign_abbreviation,
    _igo,
    _named_home,
    _opening_organisation,
    _organisation_of,
    _own_sector,
    _owner_in,
    _phrase_at,
    _sector_head,
    _stance,
    _trim,
)
from .places import _STATE_NOUNS, _cities, _from_place, _owns, _territory
from .spans import _acts, _former, _Found, _Match

if TYPE_CHECKING:  # spaCy is heavy: imported when a resolver first sees a Doc
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

Day = datetime.date | str | None


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
    _cache: OrderedDict[int, tuple[Doc, str | None, list[_Found], list[_Found]]] = field(
        default_factory=OrderedDict, init=False, repr=False)

    # ---- public API

    def mentions(self, doc: Doc, doc_id: str, on: Day = None) -> list[Mention]:
        """Return the actor and place mentions in ``doc``, in text order.

        ``on`` is the date the text speaks of (usually the publication
        date): people are coded by the office they held that day and role
        descriptions resolve to that day's office holder. Without it people
        keep their main sector and roles stay unnamed.
        """
        starts = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]
        text = doc.text  # built from the tokens on every access: read it once
        out = []
        for f in self._found(doc, _iso(on)):
            first, last = doc[f.start], doc[f.end - 1]
            start, end = first.idx, last.idx + len(last.text)
            out.append(Mention(
                doc_id=doc_id, sentence=bisect.bisect_right(starts, f.start) - 1,
                start=start, end=end, text=text[start:end], name=f.name,
                country=f.country, sector=f.sector, kind=f.kind, rule=f.rule,
            ))
        return out

    def actor_for_span(self, span: Span, on: Day = None) -> Actor:
        """Return the best Actor for an argument phrase, from the mentions inside it.

        Head first: the actor mention containing the phrase's root, else the
        one nearest the root in the parse, else a place's country, else the
        country a gazetteer name inside it gives ("Niger" of "Niger's
        ambassador", "Kampuchean guerrilla camps"); failing all, the phrase
        with the sector of its head noun if it has one. A
        pronoun or definite description gets its antecedent's name, country
        and sector; ``text`` is always the phrase's own words. ``on``
        defaults to the date last given to ``mentions`` for this Doc.
        """
        day = _iso(on) if on is not None else self._day_of(span.doc)
        found = [f for f in self._found(span.doc, day) if f.start >= span.start and f.end <= span.end]
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
        sector = hit[2] if hit else None
        names = [p for p in self._resolved(span.doc, day)[1]
                 if span.start <= p.start and p.end <= span.end and _owns(span.doc[p.head], root)]
        if not names:
            return Actor(text=span.text, sector=sector)
        near = min(names, key=lambda p: (_depth(span.doc[p.head], root), p.start))
        if near.head == root.i and near.ref == "country" and _acts(root):
            sector = "GOV"  # "Niger" as the possessor of "Niger's ambassador": the state
        return Actor(text=span.text, name=near.name, country=near.country, sector=sector)

    # ---- pipeline

    def _day_of(self, doc: Doc) -> str | None:
        """Return the date the cached results for ``doc`` were resolved with, or None."""
        cached = self._cache.get(id(doc))
        return cached[1] if cached is not None and cached[0] is doc else None

    def _found(self, doc: Doc, day: str | None) -> list[_Found]:
        return self._resolved(doc, day)[0]

    def _resolved(self, doc: Doc, day: str | None) -> tuple[list[_Found], list[_Found]]:
        """Return the mentions in ``doc`` and every place-like gazetteer name, cached per Doc."""
        cached = self._cache.get(id(doc))
        if cached is not None and cached[0] is doc and cached[1] == day:
            self._cache.move_to_end(id(doc))
            return cached[2], cached[3]
        found, names = self._resolve(doc, day)
        self._cache[id(doc)] = (doc, day, found, names)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return found, names

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

    def _resolve(self, doc: Doc, day: str | None) -> tuple[list[_Found], list[_Found]]:
        """Return the mentions in ``doc``, and its place-like names also where they are no mention."""
        lex = _lexicon()
        matches, unresolved = self._names(doc, day)
        names = [_Found(m.start, m.end, m.head, "place", "name",
                        self.gazetteer.country_name(m.entry.country), m.entry.country, None,
                        "country" if m.entry.kind in ("country", "capital") else None)
                 for m in matches if m.entry.kind in _PLACE_KINDS and m.entry.country]
        by_token: dict[int, _Match] = {i: m for m in matches for i in range(m.start, m.end)}
        blocked = {i for m in matches if m.entry.kind in _NAME_KINDS for i in range(m.start, m.end)}
        # A place name is no sector noun: "the West Bank", "Police Point", "Army Island".
        blocked |= {i for e in unresolved for i in range(e.start, e.end)
                    if e.label_ in ("PERSON", "ORG") or e.label_ in _PLACE_LABELS}
        found: list[_Found] = []
        sector_at: dict[int, _Found] = {}
        covered = -1  # last token of the previous sector phrase ("leader of the opposition")
        for token in doc:
            if (token.i in blocked or token.pos_ not in _NOUN_POS or token.i in by_token
                    or token.i < covered):
                continue
            np = self._sector_np(doc, token, lex, by_token, blocked, day=day)
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
                                        m.entry.country, np.sector, np.ref))
        found.extend(self._names_found(doc, matches, unresolved, sector_at, lex, by_token, blocked,
                                       day))
        found.sort(key=lambda f: (f.start, f.end))
        if any(f.rule == "ethnic" for f in found):
            found = _ethnic_homes(doc, found)
        found = _titled_homes(doc, found)
        return coref.resolve(doc, found, self.gazetteer, lex, day), names

    def _names(self, doc: Doc, day: str | None = None) -> tuple[list[_Match], list[Span]]:
        """Return gazetteer matches reconciled with NER, and the entities left unresolved."""
        matcher, ids = self._matcher(doc.vocab)
        raw = [_Match(s, e, ids[m]) for m, s, e in matcher(doc)]
        raw = [m for m in raw if not _foreign_abbreviation(doc, m, raw)]
        raw.sort(key=lambda m: (m.start - m.end, m.start))  # longest first
        taken: set[int] = set()
        matches: list[_Match] = []
        for m in raw:
            if not taken.intersection(range(m.start, m.end)):
                matches.append(m)
                taken.update(range(m.start, m.end))
        unresolved: list[Span] = []
        homes: dict[int, Entry] = {}  # end token -> an unknown organisation named for its country
        for ent in doc.ents:
            if ent.label_ not in _ENTITY_LABELS:
                continue
            if ent.label_ == "ORG" and _abbreviation(doc, ent.start, ent.end):
                named = homes.get(ent.start - 1)  # "the Kenya Anti-Corruption Commission (KACC)"
                if named is not None:
                    matches.append(_Match(ent.start, ent.end, named, rule="organisation-name"))
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
                # phrase (the NER calls it a name); the sector rules code it,
                # with the organisation it opens with ("the UN Special Envoy").
                opener = _opening_organisation(trimmed, inner)
                for m in inner:
                    if m.entry.kind not in _PLACE_KINDS and m is not opener:
                        matches.remove(m)
                continue
            if not inner:
                unresolved.append(ent)
                continue
            if _adjectives_only(trimmed, inner):
                # "Radical French farmers": the NER took the adjectives for a name
                for m in inner:
                    if m.entry.kind not in _PLACE_KINDS:
                        matches.remove(m)
                continue
            opener = _opening_organisation(trimmed, inner)
            if ent.label_ == "ORG" and opener is not None:
                # "the UN Emergency Relief Coordinator": an organ or office of the organisation
                for m in inner:
                    matches.remove(m)
                matches.append(_Match(trimmed.start, trimmed.end, opener.entry))
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
            home = _named_home(trimmed, inner) if ent.label_ == "ORG" else None
            for m in inner:
                if m not in keep:
                    matches.remove(m)
            if home is not None:
                # "the Kenya Anti-Corruption Commission": an unknown body named for its country
                entry = Entry(name=trimmed.text, kind="organisation", country=home,
                              sector=_own_sector(doc, trimmed.root, _lexicon()))
                matches.append(_Match(trimmed.start, trimmed.end, entry, rule="organisation-name"))
                homes[trimmed.end] = entry
            elif not keep:
                unresolved.append(ent)
        _titled_people(doc, matches, unresolved, _lexicon())
        _shared_surnames(self.gazetteer, doc, matches, unresolved, day)
        _cities(doc, matches, unresolved)
        # "an anti-Syria journalist", "pro-Russian separatists": a stance, no country's actor
        matches = [m for m in matches
                   if not (m.entry.kind in _PLACE_KINDS and _stance(doc, m.start))]
        unresolved = [e for e in unresolved if not (_stance(doc, e.start) or (
            len(e) > 2 and e[1].text == "-" and _stance(doc, e.start + 2)))]
        for m in matches:
            m.head = doc[m.start:m.end].root.i
        matches.sort(key=lambda m: m.start)
        return matches, unresolved

    def _sector_np(self, doc: Doc, token: Token, lex: SectorLexicon, by_token: dict[int, _Match],
                   blocked: set[int], *, title: bool = False, day: str | None = None) -> _Found | None:
        """Return the actor a sector noun heads ("Belarusian troops"), or None.

        ``title`` codes a noun that modifies a name ("police chief X"); with
        ``day`` a role with a country is named after its holder that day.
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
            if m is not None and m.start >= token.left_edge.i and (
                    mod is None or (_igo(mod.entry) and m.entry.kind in ("country", "demonym"))):
                mod, start = m, min(start, m.start)  # "France's UN envoy" is France's
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
                    break
                if m is None and prep.lower_ in _OWNER_PREPS and (
                        owner := _owner_in(pobj, by_token)) is not None:
                    # "leaders of Romania's new government": the body's country
                    mod, end, via = owner, pobj.i + 1, prep.lower_
                if m is None and sector_mod is None and category == "weak":
                    other = _phrase_at(doc, pobj, lex)  # "leader of the opposition"
                    if other and other[1] != "weak" and other[2]:
                        sector_mod, end = other[2], pobj.i + 1
                break
        if mod is None and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "in":
            # "detained protesters in Minsk": the parser often hangs the
            # in-phrase on the verb; take a place right after the noun.
            m = by_token.get(token.i + 2)
            if m is not None and m.start == token.i + 2 and m.entry.kind in ("country", "capital", "city"):
                mod, end, via = m, m.end, "in"
        if mod is None and (m := _from_place(doc, token, by_token)) is not None:
            # "Kenya received a delegation from Somalia": the from-phrase
            # hangs on the verb, but it says where the group comes from.
            mod, end, via = m, m.end, "from"
        if category == "weak":
            if mod is None and sector_mod is None:
                return None
            if sector_mod is None and mod is not None and mod.entry.kind in ("organisation", "seat"):
                sector_mod = mod.entry.sector
            elif sector_mod is None and mod is not None and mod.entry.kind == "person":
                sector_mod = mod.entry.sector_on(day)  # "supporters of Bolsonaro" in 2023: OPP
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
                    rule = {"demonym": "demonym+sector", "country": "country+sector",
                            "city": "sector+place"}.get(entry.kind, "capital-metonym")
                    if via == "in":
                        rule = "sector+place"
                    if entry.kind == "demonym" and _ethnic(doc, mod.start):
                        rule = "ethnic"  # "ethnic Albanian leaders": see _ethnic_homes
            if via != "in" and entry.kind in _PLACE_KINDS:
                mod.used = True
            if via != "in" and _igo(entry):
                sector = "IGO"  # "NATO warplanes", "the UN war crimes court": the IGO acts
        ref = coref.reference_class(token, category, sector)
        if category == "role" and not title:
            office = lex.roles.get(doc[phrase_start:token.i + 1].text.lower(), (None, None))[1]
            if _former(doc, start):
                return _Found(start, end, token.i, "actor", rule, None, country, None, ref)
            if office and country and day and name is None:
                holders = self.gazetteer.office_holders(country, office, day)
                if len(holders) == 1:
                    return _Found(start, end, token.i, "actor", "role", holders[0].name, country,
                                  holders[0].sector_on(day) or sector, ref, holders[0].gender)
        return _Found(start, end, token.i, "actor", rule, name, country, sector, ref)

    def _names_found(self, doc: Doc, matches: list[_Match], unresolved: list[Span],
                     sector_at: dict[int, _Found], lex: SectorLexicon,
                     by_token: dict[int, _Match], blocked: set[int],
                     day: str | None) -> Iterator[_Found]:
        """Yield gazetteer names, places and unresolved entities as _Found records."""
        gz = self.gazetteer
        surnames: dict[str, list[tuple[int, Entry]]] = {}
        for m in matches:
            e = m.entry
            if m.used:
                continue
            if e.kind in _NAME_KINDS:
                if e.kind == "person" and m.named:
                    surnames.setdefault(e.name.split()[-1], []).append((m.start, e))
                if e.kind == "person":
                    sector = e.out_of_office if _former(doc, m.start) else e.sector_on(day)
                    yield _Found(m.start, m.end, m.head, "actor", m.rule or "gazetteer:person",
                                 e.name if m.named else None, e.country, sector, "person", e.gender)
                else:
                    yield _Found(m.start, m.end, m.head, "actor", m.rule or "gazetteer:organisation",
                                 e.name, e.country, e.sector, coref.org_class(doc[m.head], e.sector))
                continue
            acts = _acts(doc[m.head])
            if e.kind == "seat" and doc[m.head].dep_ in _MODIFIER_DEPS:
                acts = True  # "Kremlin spokesman Dmitry Peskov": a seat names its staff
            if e.kind == "country":
                if acts:
                    yield _Found(m.start, m.end, m.head, "actor", "country", e.name, e.country, "GOV",
                                 "country")
                else:
                    yield _Found(m.start, m.end, m.head, "place", "place", e.name, e.country,
                                 None, "country")
            elif e.kind in ("capital", "seat"):
                if acts and e.stands_for:
                    org = gz.lookup(e.stands_for)
                    yield _Found(m.start, m.end, m.head, "actor", "capital-metonym", e.stands_for,
                                 org.country if org else None, org.sector if org else None)
                elif acts:
                    yield _Found(m.start, m.end, m.head, "actor", "capital-metonym",
                                 gz.country_name(e.country), e.country, e.sector, "country")
                else:
                    yield _Found(m.start, m.end, m.head, "place", "place", e.name, e.country,
                                 None, "country")
            elif e.kind == "city":
                yield _Found(m.start, m.end, m.head, "place", "city", e.name, e.country)
            elif e.kind == "demonym":
                head = doc[m.head]
                partner = next((sector_at[c.i] for c in head.conjuncts if c.i in sector_at), None)
                if partner is not None and partner.country:  # "Emirati and Saudi diplomats"
                    yield _Found(m.start, m.end, m.head, "actor", partner.rule, None, e.country,
                                 partner.sector, partner.ref)
                elif head.pos_ in _NOUN_POS and head.dep_ not in _MODIFIER_DEPS and head.tag_ in ("NNS", "NNPS"):
                    ethnic = _ethnic(doc, m.start) or _living_in(head, e, by_token)
                    rule = "ethnic" if ethnic else "demonym"
                    yield _Found(m.start, m.end, m.head, "actor", rule, e.name, e.country,
                                 None, "group")
                elif (territory := _territory(doc, head)) is not None:
                    yield self._demonym_territory(doc, m, territory)
        for ent in unresolved:
            span = _trim(ent)
            if not len(span):
                continue
            if ent.label_ in _PLACE_LABELS:
                yield _Found(span.start, span.end, span.root.i, "place", "ner-unresolved")
                continue
            if ent.label_ == "NORP" and span.root.dep_ in _MODIFIER_DEPS and span.root.head.i >= span.end:
                continue  # "Congolese soldiers": an unknown adjective is no actor of its own
            if ent.label_ == "PERSON" and len(span) == 1:
                earlier = [e for start, e in surnames.get(span.text, []) if start < span.start]
                if len({e.name for e in earlier}) == 1:
                    e = earlier[0]
                    sector = e.out_of_office if _former(doc, span.start) else e.sector_on(day)
                    yield _Found(span.start, span.end, span.root.i, "actor", "gazetteer:surname",
                                 e.name, e.country, sector, "person", e.gender)
                    continue
            country, sector = self._context_actor(doc, span, ent.label_, sector_at, lex, by_token,
                                                  blocked)
            ref = "person" if ent.label_ == "PERSON" else (
                "org" if ent.label_ == "ORG" else None)
            yield _Found(span.start, span.end, span.root.i, "actor", "ner-unresolved",
                         None, country, sector, ref)

    def _demonym_territory(self, doc: Doc, m: _Match, noun: Token) -> _Found:
        """Return the territory a demonym names, in that demonym's country (rule ``demonym+place``).

        "the autonomous Azerbaijani republic of Nakhichevan" is Azerbaijan's
        whoever else the text names; a state so named that acts is its
        government ("the Palestinian state would ...").
        """
        start = min(m.start, *(c.i for c in noun.lefts if c.dep_ in _MODIFIER_DEPS))
        country = m.entry.country
        if noun.lower_ in _STATE_NOUNS and _acts(noun):
            return _Found(start, noun.i + 1, noun.i, "actor", "demonym+place",
                          self.gazetteer.country_name(country), country, "GOV", "country")
        return _Found(start, noun.i + 1, noun.i, "place", "demonym+place",
                      self.gazetteer.country_name(country), country, None, None)

    def _context_actor(self, doc: Doc, span: Span, label: str, sector_at: dict[int, _Found],
                       lex: SectorLexicon, by_token: dict[int, _Match],
                       blocked: set[int]) -> tuple[str | None, str | None]:
        """Return (country, sector) for an unknown name from its title, apposition or own head noun.

        A person's title or appositive says whom they act for, which beats
        any guess from the name: "Salaheddine Sidhoum, Algeria's leading
        human rights activist" -> DZA, "X, the UN relief coordinator" -> IGO.
        """
        root = span.root
        if label != "PERSON":  # "the Supreme Court", "Minsk City Court"
            return None, _own_sector(doc, root, lex)
        candidates = [c for c in root.lefts if c.dep_ == "compound" and c.i < span.start]
        candidates += [c for c in root.rights if c.dep_ == "appos"]
        if root.dep_ == "appos":
            candidates.append(root.head)
        for token in candidates:
            org = _organisation_of(token, by_token)
            if org is not None:  # "the UN Emergency Relief Coordinator", "the UN aid coordinator"
                return org.country, org.sector
            np = sector_at.get(token.i) or self._sector_np(
                doc, token, lex, by_token, blocked - set(range(span.start, span.end)), title=True)
            if np is not None and np.sector:
                return np.country, np.sector
            if np is None and (hit := _phrase_at(doc, token, lex)) and hit[1] != "weak":
                return None, hit[2]
        if _rank_before(doc, span.start):
            return None, "MIL"  # "Lt. Gen. Prosper Avril"
        return None, None


# --------------------------------------------------------------------------- helpers


def _iso(on: Day) -> str | None:
    """Return ``on`` as an ISO date string (YYYY-MM-DD), or None."""
    if on is None:
        return None
    if isinstance(on, datetime.datetime):
        return on.date().isoformat()
    if isinstance(on, datetime.date):
        return on.isoformat()
    return str(on)[:10]


__all__ = ["ActorResolver"]
