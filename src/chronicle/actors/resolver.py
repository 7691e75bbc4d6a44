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
    modifies it too ("Russia's UN envoy" -> RUS GOV).
``sector+place``
    A sector noun with an in-phrase or a city modifier: "protesters in
    Minsk" -> BLR PRO, "Peshawar police" -> PAK COP (after "in" the place is
    also a mention of its own). Also a sector noun left with no country
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
    nearest it in its sentence, else the latest earlier in the document.
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
    "Palma in northern Mozambique", "Honiara's Chinatown"; it also moves a
    gazetteer capital), then a country the document names, then the most
    populous city of that name. Always ``kind="place"``; it never replaces
    a gazetteer name ("Georgia", "Jordan", "Washington" keep theirs).
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
import dataclasses
import datetime
import functools
import logging
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Actor, Mention
from . import coref
from .spans import _acts, _former, _Found, _Match
from .gazetteer import (
    _NAME_KINDS,
    _PLACE_KINDS,
    Entry,
    Gazetteer,
    SectorLexicon,
    _fold,
    _key,
    _lexicon,
)

if TYPE_CHECKING:  # spaCy is heavy: imported when a resolver first sees a Doc
    from spacy.language import Language
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

log = logging.getLogger(__name__)

Day = datetime.date | str | None

_ENTITY_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE", "LOC", "FAC"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NOUN_POS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod"})
_OWNER_PREPS = frozenset({"of", "from"})


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
        blocked |= {i for e in unresolved if e.label_ in ("PERSON", "ORG") for i in range(e.start, e.end)}
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
        return coref.resolve(doc, found, self.gazetteer, lex, day), names

    def _names(self, doc: Doc, day: str | None = None) -> tuple[list[_Match], list[Span]]:
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
            for m in inner:
                if m not in keep:
                    matches.remove(m)
            if not keep:
                unresolved.append(ent)
        _titled_people(doc, matches, unresolved, _lexicon())
        self._shared_surnames(doc, matches, unresolved, day)
        self._cities(doc, matches, unresolved)
        for m in matches:
            m.head = doc[m.start:m.end].root.i
        matches.sort(key=lambda m: m.start)
        return matches, unresolved

    def _shared_surnames(self, doc: Doc, matches: list[_Match], unresolved: list[Span],
                         day: str | None) -> None:
        """Resolve names several people share ("Bush", "President Kim"), in place.

        An unresolved PERSON entity that is such a name becomes a match
        (rule ``gazetteer:family``, or ``gazetteer:surname`` for a person
        named in full earlier) unless a fuller unknown name containing it
        came earlier ("Jeb Bush ... Bush"); an alias match that is one
        ("Assad") changes person only when an earlier full name, a title
        or the date says so.
        """
        gz, lex = self.gazetteer, _lexicon()
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

    def _cities(self, doc: Doc, matches: list[_Match], unresolved: list[Span]) -> None:
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
            if m.entry.kind == "capital" and not m.entry.stands_for:
                todo.append((m.start, m.end, None, False))
        if not todo:
            return
        from . import cities

        named = {m.entry.country for m in matches if m.entry.kind in _PLACE_KINDS and m.entry.country}
        for start, end, ent, strict in todo:
            capital = at.get(start) if ent is None else None
            if capital is not None:
                within = _qualifier(doc, start, end, at, ents_at)
                if within is None or within == capital.entry.country:
                    continue
                hit = cities.lookup(doc[start:end].text, within=within)
                if hit is not None and hit.population and hit.country == within:
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
                elif sector_mod is None and category == "weak":
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
                    yield _Found(m.start, m.end, m.head, "actor", "gazetteer:organisation", e.name,
                                 e.country, e.sector, coref.org_class(doc[m.head], e.sector))
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
                    rule = "ethnic" if _ethnic(doc, m.start) else "demonym"
                    yield _Found(m.start, m.end, m.head, "actor", rule, e.name, e.country,
                                 None, "group")
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
            hit = _phrase_at(doc, root, lex)
            return None, (hit[2] if hit and hit[1] != "weak" else None)
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


# Offices that lead a country: among relatives in office on one day, a bare
# family name means the one holding one of these ("Castro" in 1985 is Fidel,
# not his brother the defence minister).
_HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "king", "queen", "emir",
                         "sultan", "emperor", "shah", "supreme leader", "general secretary",
                         "first secretary", "head of state", "chairman of the communist party"})
# Words before a name that give the person's gender, not an office.
_HONORIFICS = {"mr": "m", "mr.": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f",
               "madam": "f", "madame": "f", "mme": "f", "mme.": "f"}


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


# Words after a place name that name its kind: "Idlib province" is looked up as "Idlib".
_PLACE_SUFFIXES = frozenset({"city", "province", "governorate", "region", "district", "strip",
                             "state", "prefecture", "oblast", "municipality"})
# Nouns that introduce a place: "the Lebanese city of Tripoli", "the port of Hodeidah".
_PLACE_NOUNS = frozenset({"city", "town", "port", "village", "capital", "province", "region",
                          "district", "enclave", "suburb", "outskirts"})


def _qualifier(doc: Doc, start: int, end: int, at: dict[int, _Match],
               ents_at: dict[int, Span]) -> str | None:
    """Return the country the text puts the place ``doc[start:end]`` in, or None.

    "Tripoli, Lebanon" / "Portland, Oregon" (a country or US state right
    after a comma), "Palma in northern Mozambique", "Honiara's Chinatown"
    (a country, capital or city owning it) or "the Lebanese city of
    Tripoli" / "Lebanon's port of Tripoli" (a country or demonym on the
    noun the place hangs from).
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
    return None


_LOCATIVE_PREPS = frozenset({"in", "near", "outside", "around", "across", "into", "inside",
                             "toward", "towards"})


def _locative(token: Token) -> bool:
    """Return True when ``token`` is the object of "in", "near", "outside", ... ("in Lyon")."""
    return token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE_PREPS


def _ethnic(doc: Doc, start: int) -> bool:
    """Return True when "ethnic" comes right before the demonym at ``start`` ("ethnic Albanians")."""
    return start > 0 and doc[start - 1].lower_ == "ethnic"


def _ethnic_homes(doc: Doc, found: list[_Found]) -> list[_Found]:
    """Give each "ethnic X" group the country the text places it in, else none.

    An ethnic group is people, not the state its name comes from: "ethnic
    Albanians in southern Serbia" are in Serbia, "ethnic Russians in
    Estonia" in Estonia. The country is that of the place nearest the group
    in its sentence (a city, capital or country named as a place), else of
    the latest place earlier in the document; with none, no country.
    """
    places = [f for f in found if f.kind == "place" and f.country]
    out = []
    for f in found:
        if f.rule != "ethnic":
            out.append(f)
            continue
        sent = doc[f.head].sent
        here = [p for p in places if sent.start <= p.start < sent.end and not f.start <= p.start < f.end]
        if here:
            home = min(here, key=lambda p: abs(p.start - f.start)).country
        else:
            home = next((p.country for p in reversed(places) if p.end <= sent.start), None)
        out.append(dataclasses.replace(f, country=home))
    return out


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


def _adjectives_only(span: Span, inner: list[_Match]) -> bool:
    """Return True when an entity is adjectives ending in a demonym, modifying a noun after it.

    "Radical French farmers", "Hardline Iranian clerics": the NER calls the
    capitalised adjectives a name; the demonym is what they say.
    """
    if not any(m.end == span.end and m.entry.kind == "demonym" for m in inner):
        return False
    outside = [t for t in span if not span.start <= t.head.i < span.end]
    return all(t.dep_ in _MODIFIER_DEPS and t.head.i >= span.end for t in outside)


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
        if ent.label_ not in _PLACE_LABELS or not len(span):
            continue
        appos = next((c for c in span.root.rights if c.dep_ == "appos"), None)
        if appos is None or not _office_word(appos, lex, orgs):
            continue
        start = span.start
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].pos_ == "PROPN":
            start -= 1  # "Kenzo" in "Kenzo Oshima"
        unresolved[n] = Span(doc, start, span.end, label="PERSON")


def _office_word(token: Token, lex: SectorLexicon, orgs: set[int]) -> bool:
    """Return True when ``token`` heads the title of one person ("minister", "Coordinator")."""
    hit = _phrase_at(token.doc, token, lex)
    if hit is not None and (hit[1] == "role" or token.lower_ in coref.PERSON_NOUNS):
        return True
    return token.i in orgs and token.text.istitle()


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


__all__ = ["ActorResolver"]
