"""The coder: one parsed document -> PLOVER events with their actors, date and evidence."""

from __future__ import annotations

import dataclasses
import itertools
import datetime as dt
import logging
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from ..nlp import sentence_bounds
from ..records import Actor, Document, Event, Mention, Timex, event_id_for
from .arguments import (
    MUTUAL,
    RECIPROCAL,
    _country_list,
    _fallback_target,
    _noun_arguments,
    _participation_verb,
    _target,
    _verb_arguments,
)
from .constructions import (
    DIPLOMATS,
    MESSAGES,
    STOP_VERBS,
    _argument_of,
    _done_by_others,
    _echo,
    _embedded_in_act,
    _object_verb,
    _order,
    _own_agent,
    _serves_protest,
)
from .lexicon import EASING, REVERSING, Entry, Lexicon
from .modality import (
    ALLEGING_GOVERNORS,
    DENYING_GOVERNORS,
    FUTURE_GOVERNORS,
    HYPOTHETICAL_GOVERNORS,
    NEGATING_GOVERNORS,
    PLANNED,
    POSSIBLE,
    SPEECH_VERBS,
    _attempted,
    _attribution,
    _cancels,
    _condition,
    _conditioned,
    _intent_marker,
    _intent_type,
    _modality,
    _negated_here,
    _speaker,
)
from .places import (
    DOMESTIC,
    PHYSICAL,
    PLACED,
    STATE,
    _in_place_phrase,
    _location,
    _place_country,
    _placeable,
)
from .retyping import (
    EXERCISES,
    HELPING,
    REFUSED_WHEN_NEGATED,
    _crowd_act,
    _leaves_a_body,
    _peacekeeping,
    _promised,
    _purpose,
    _requested,
    _withdraws_staff,
)
from .syntax import (
    OBJECTS,
    SUBJECTS,
    _actor_like,
    _child,
    _complement,
    _is_group_noun,
    _phrase,
    _pobj,
    _subject,
    _verb_stems,
)
from .triggers import LETTING, _describes, _fits, _forms, _heading, _session, _Trigger

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors import ActorResolver
    from ..timex import EventDate


log = logging.getLogger(__name__)


class Coder:
    """Codes the events of one parsed document."""

    def __init__(self, lexicon: Lexicon, resolver: ActorResolver) -> None:
        self.lexicon = lexicon
        self.resolver = resolver
        self._verb_heads = frozenset(key.split()[0] for key in lexicon.verbs)

    def code(
        self,
        doc: Doc,
        document: Document,
        mentions: Sequence[Mention],
        timexes: Sequence[Timex],
        dct: dt.date | None,
    ) -> list[Event]:
        """Return the events of ``doc``, each with its sentence, offsets, date and actors."""
        from ..timex import date_event  # the time stage dates each event

        places = {(m.start, m.end): m for m in mentions if m.kind == "place"}
        events: list[Event] = []
        seen: set[str] = set()
        at: dict[str, int] = {}  # event id -> character offset of its trigger

        def add(anchor: Token, ev: Event) -> None:
            if ev.id not in seen:
                seen.add(ev.id)
                events.append(_with_date(ev, date_event(doc, anchor.i, timexes, dct)))
                at[ev.id] = anchor.idx

        for sent in doc.sents:
            if _heading(sent, document.text):
                continue  # a headline restates the story in telegraphese: code the story
            orders = [(tok, *found) for tok in sent for found in [_order(tok)] if found is not None]
            ordered = {comp.i for _, _, comp in orders}
            triggers = [t for t in self._triggers(sent) if t.token.i not in ordered]  # the order is the act
            verbs = {t.token.i: t.entry.type for t in triggers if not t.is_noun}
            coded = [(trig, list(self._events_for(trig, sent, document, places))) for trig in triggers]
            types = {trig.token.i: evs[0].type for trig, evs in coded if evs}  # as coded: "farmers blocked" is PROTEST
            for trig, evs in coded:
                if trig.is_noun and verbs.get(_object_verb(trig.token).i) == trig.entry.type:
                    continue  # "imposed sanctions", "imposed a new round of sanctions": one SANCTION event
                if trig.is_noun and any(c.dep_ == "acl" and types.get(c.i) == trig.entry.type for c in trig.token.children):
                    continue  # "the demonstration staged by students": one PROTEST, the staging's
                if not trig.is_noun and trig.token.dep_ in ("advcl", "xcomp") and _child(trig.token, SUBJECTS) is None \
                        and (evs[0].type if evs else trig.entry.type) in (types.get(trig.token.head.i), *(
                            types.get(o.i) for o in trig.token.head.children if o.dep_ in OBJECTS)):
                    # "took to the streets to protest", "began a hunger strike to protest": one PROTEST
                    # ("while rebels shelled": two)
                    continue
                if trig.is_noun and _argument_of(trig.token, types) and not _done_by_others(trig, types):
                    continue  # "praised the agreement", "protested against the arrests": the verb's event
                if _embedded_in_act(trig.token, types):
                    continue  # "threatened to impose sanctions": one THREATEN event
                if evs and evs[0].type == "REQUEST" and _serves_protest(trig.token, types):
                    continue  # "marched to demand reforms": a protest's demand is the protest (PLOVER)
                for ev in evs:
                    add(trig.token, ev)
            # events of whole constructions, each dated at its own word; the echoes come last,
            # as they repeat whatever was coded before them
            for anchor, ev in itertools.chain(self._demands(sent, document, types),
                                              self._orders(sent, document, orders),
                                              self._echoes(sent, document, events, at)):
                add(anchor, ev)
        return events

    def _orders(self, sent: Span, document: Document, orders: list[tuple[Token, Token, Token]]
                ) -> Iterator[tuple[Token, Event]]:
        """Yield the act each order (order verb, ordered actor, ordered verb) amounts to
        (gold convention 11): "ordered a Canadian consul to leave" expels him (SANCTION),
        "ordered the newspaper to suspend publication" restricts it (COERCE)."""
        for tok, obj, comp in orders:
            verb = comp.lemma_.lower()
            subj = _subject(tok)
            sources = self._actors(subj) if subj is not None and _actor_like(subj) else []
            target = self._actor(obj)
            negated, modality, attributed = self._claim(tok)
            start, end = sentence_bounds(sent)
            for source in sources:
                if verb in STOP_VERBS:
                    type_, mode = "COERCE", "censor" if target.sector == "MED" else "restrict"
                elif source.country and target.country and source.country == target.country:
                    continue  # "ordered the army to leave the capital": its own forces move
                elif target.sector in ("GOV", "IGO") or obj.lemma_.lower() in DIPLOMATS:
                    type_, mode = "SANCTION", "expel"
                elif target.country and target.country != source.country:
                    type_, mode = "COERCE", "deport"
                else:
                    type_, mode = "COERCE", "restrict"  # "ordered the protesters to leave the square"
                yield tok, Event(
                    id=event_id_for(document.id, sent.start_char, tok.idx, f"{type_}:order:{source.text}"),
                    doc_id=document.id, source_id=document.source_id, type=type_, mode=mode,
                    source=source, target=target, location=None, negated=negated, modality=modality,
                    attributed_to=attributed, sentence=document.text[start:end], start=start, end=end,
                    confidence=0.6, trigger=tok.text)

    def _claim(self, tok: Token) -> tuple[bool, str, str | None]:
        """Return (negated, modality, attributed_to) of a construction's own clause; what a
        speaker states as done is "reported"."""
        negated, modality = _modality(tok)
        attributed = _attribution(tok, self)
        if modality == "asserted" and attributed is not None:
            modality = "reported"
        return negated, modality, attributed

    def _echoes(self, sent: Span, document: Document, events: list[Event], at: dict[str, int]
                ) -> Iterator[tuple[Token, Event]]:
        """Yield the event an actor repeats ("Mexico broke off relations with Ecuador, and
        Nicaragua followed suit", "only if the United States did the same"): the last event
        before it, done by the new actor."""
        for tok in sent:
            if not _echo(tok):
                continue
            subj = _subject(tok)
            earlier = [e for e in events if at.get(e.id, tok.idx) < tok.idx and e.source is not None]
            if subj is None or not _actor_like(subj) or not earlier:
                continue
            model = max(earlier, key=lambda e: at[e.id])
            negated, modality, attributed = self._claim(tok)
            start, end = sentence_bounds(sent)
            for source in self._actors(subj):
                if _same(source, model.source):
                    continue
                target = model.source if model.target is not None and _same(model.target, source) else model.target
                yield tok, dataclasses.replace(
                    model, id=event_id_for(document.id, sent.start_char, tok.idx, f"{model.type}:echo:{source.text}"),
                    source=source, target=target, negated=negated, modality=modality, attributed_to=attributed,
                    sentence=document.text[start:end], start=start, end=end, trigger=tok.text,
                    confidence=round(model.confidence * 0.9, 2))

    def _demands(self, sent: Span, document: Document, types: dict[int, str]) -> Iterator[tuple[Token, Event]]:
        """Yield a REQUEST for each "X said Y must V": a demand of X on Y (PLOVER codes
        "all requests, demands, and orders"), whatever V is."""
        for tok in sent:
            must = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ == "must"), None)
            if must is None or tok.dep_ not in ("ccomp", "parataxis", "acl") or _negated_here(tok.head):
                continue
            speech = tok.head
            if speech.pos_ == "NOUN" and speech.lemma_.lower() in MESSAGES and speech.head.pos_ == "VERB":
                speech = speech.head  # "issued a stern reminder to Iraq that it must cooperate"
            elif tok.dep_ == "acl" or speech.lemma_.lower() not in SPEECH_VERBS | {"warn", "reiterate", "stress", "demand"}:
                continue
            speaker, demanded = _subject(speech), _child(tok, SUBJECTS | {"nsubjpass"})
            if speaker is None or demanded is None or not (_actor_like(speaker) and _actor_like(demanded)):
                continue
            if tok.lemma_.lower() == "be" and not any(c.dep_ in ("acomp", "attr") for c in tok.children):
                continue
            if speech.dep_ in ("advcl", "xcomp", "conj") and types.get(speech.head.i) == "PROTEST":
                continue  # "staged rallies against Abbas, saying he must resign": the protest's demand (convention 4)
            target = self._actor(demanded)
            sources = [a for a in self._actors(speaker)]
            said_by = _speaker(speaker, self)  # the demand is made in the saying, as its speaker words it
            start, end = sentence_bounds(sent)
            for source in sources:
                if _same(source, target) or (source.country and source.country == target.country
                                             and source.sector == target.sector):
                    continue
                key = f"REQUEST:must:{source.text}:{source.country}"
                yield must, Event(
                    id=event_id_for(document.id, sent.start_char, must.idx, key),
                    doc_id=document.id, source_id=document.source_id, type="REQUEST", mode=None,
                    source=source, target=target, location=None, negated=False, modality="reported",
                    attributed_to=said_by, sentence=document.text[start:end], start=start, end=end,
                    confidence=0.6, trigger=must.text)

    def _triggers(self, sent: Span) -> Iterator[_Trigger]:
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "NOUN" and tok.tag_ in ("VBN", "VBD")):
                if _describes(tok) or _session(tok):
                    continue
                found = self._verb_match(tok)
                if found is not None:
                    yield _Trigger(tok, found[0], False, found[1])
            elif tok.pos_ == "NOUN" and tok.dep_ != "compound":  # "riot police" is no riot
                if any(c.dep_ == "compound" and c.lower_ in ("press", "news") for c in tok.children):
                    continue  # "a press release", "a news release": a document, not an act
                entry = self._noun_entry(tok)
                if entry is not None:
                    yield _Trigger(tok, entry, True)

    def _verb_entry(self, tok: Token) -> Entry | None:
        """Return the entry the verb codes as, or None."""
        found = self._verb_match(tok)
        return found[0] if found is not None else None

    def _verb_match(self, tok: Token) -> tuple[Entry, frozenset[int]] | None:
        """Return the verb's entry (longest key first, first entry that fits) and the key's other words."""
        lemma = tok.lemma_.lower()
        if lemma not in self._verb_heads:  # the lemmatiser's slips: "staged" -> "stag"
            lemma = next((v for v in _verb_stems(tok) if v in self._verb_heads), lemma)
        longer: list[tuple[str, frozenset[int]]] = []
        for child in tok.children:
            if child.dep_ in ("prt", "prep", "agent"):  # "talked by phone": the parser calls it an agent
                pobj = _child(child, {"pobj"})
                if pobj is not None and pobj.ent_type_ in ("DATE", "TIME"):
                    continue  # "called on Monday" is no "call on"
                if pobj is not None:  # "went on strike", "took to the streets"
                    longer += [(f"{lemma} {child.lower_} {w}", frozenset({child.i, pobj.i})) for w in _forms(pobj)]
                longer.append((f"{lemma} {child.lower_}", frozenset({child.i})))
            elif child.dep_ in OBJECTS:  # "opened fire", "took part"
                longer += [(f"{lemma} {w}", frozenset({child.i})) for w in _forms(child)]
            elif lemma in LETTING and child.dep_ == "ccomp" and _child(child, SUBJECTS) is not None:
                let = _child(child, SUBJECTS)  # "allowed the opposition leader to hold a rally"
                longer += [(f"{lemma} {w}", frozenset()) for w in _forms(let)]
        longer.sort(key=lambda k: -k[0].count(" "))
        for key, parts in [*longer, (lemma, frozenset())]:
            for entry in self.lexicon.verbs.get(key, ()):
                if _fits(tok, entry, multiword=bool(parts)):
                    return entry, parts
        if lemma in REVERSING:
            # "ended the curfew", "scrapped the sanctions": undoing a coercion or a sanction
            # eases it (RETREAT), whichever verb says so
            obj = _child(tok, OBJECTS) or _child(tok, {"nsubjpass"})
            undone = self._noun_entry(obj) if obj is not None and obj.pos_ == "NOUN" else None
            if undone is not None and undone.type in ("COERCE", "SANCTION"):
                return EASING, frozenset()
        return None

    def _noun_entry(self, tok: Token) -> Entry | None:
        """Return the entry of an event noun: "air strike" and "state of emergency" before "strike"."""
        lemma = tok.lemma_.lower()
        keys = [f"{w} {lemma}" for c in tok.lefts if c.dep_ in ("compound", "amod") for w in _forms(c)]
        of = _pobj(tok, "of")
        if of is not None:
            keys += [f"{lemma} of {w}" for w in _forms(of)]
        for key in [*keys, lemma]:
            for entry in self.lexicon.nouns.get(key, ()):
                if entry.requires != "target" or _target(tok, entry) is not None:
                    return entry
        return None

    def _events_for(
        self, trig: _Trigger, sent: Span, document: Document, places: dict[tuple[int, int], Mention]
    ) -> Iterator[Event]:
        tok, entry = trig.token, trig.entry
        embedded = None if trig.is_noun else self._embedded_trigger(tok)
        entry = _promised(tok, entry, embedded)
        if trig.is_noun:
            sources, target_tok = _noun_arguments(tok, entry)
        else:
            sources, target_tok = _verb_arguments(tok, entry)
        if target_tok is not None and target_tok.i in trig.parts:
            target_tok = None  # "went on strike": the strike is the event, not its target
        if embedded is not None and (target_tok is None or not _actor_like(target_tok)):
            # "agreed to withdraw troops from X": the target is the embedded act's, never its theme
            target_tok = _target(*embedded)
            if target_tok is None or not _actor_like(target_tok):
                # "refused to lift the curfew on Palestinians": whom the embedded act is aimed at
                target_tok = _fallback_target(embedded[0], False, sources, descend=False) or target_tok
        if target_tok is None or not _actor_like(target_tok):
            # "threatened to close the border unless Sudan expelled the rebels": the threat is
            # aimed at whoever must meet its condition
            target_tok = _conditioned(tok, embedded, sources) or target_tok
        if target_tok is None or not _actor_like(target_tok):
            found = _fallback_target(tok, trig.is_noun, [*sources, *(tok.doc[i] for i in trig.parts)],
                                     descend=embedded is None)
            if found is not None:
                target_tok = found
        if entry.mode == "resign":
            target_tok = None  # a resignation has no target (gold convention 2), whatever follows it
        target = self._actor(target_tok) if target_tok is not None else None
        if target is not None and target_tok is not None and not _actor_like(target_tok) and not target.sector:
            # a thing is no target; a thing in a named place is, for what is done on the ground
            # ("destroyed a theatre in Kyiv")
            if not (target.country and entry.type in PHYSICAL):
                target = None
        if any(s.lower_ in ("i", "me") for s in sources):
            return  # the writer's own doings ("people I met told me") are not political events
        # "doctors from two American aid groups", "members of the opposition": their body acts
        bodies = {s.i: next((o for p in ("from", "of") for o in [_pobj(s, p)] if o is not None and _actor_like(o)), None)
                  for s in sources}
        sources = [s if self._names_actor(s) or bodies[s.i] is None else bodies[s.i] for s in sources]
        named = [(s, a) for s in sources if self._names_actor(s) for a in self._actors(s)]
        resolved_sources = [self._of_body(a, bodies.get(s.i)) for s, a in named]
        if target_tok is not None and len(resolved_sources) > 1 and any(
                c.dep_ == "poss" and c.lower_ == "their" for c in target_tok.children):
            target = None  # "Hungarian and Romanian officials agreed that their countries should ..."
        if not resolved_sources and target is None and not (trig.is_noun and entry.type == "PROTEST"):
            return  # no actor among the arguments: nothing to code
        if entry.type == "MOBILIZE" and (_purpose(tok) in HELPING or _peacekeeping(tok) or _requested(tok)):
            # "sent 3,000 troops to help build treatment centres": military assistance
            entry = dataclasses.replace(entry, type="AID", mode="military")
        if entry.type == "MOBILIZE" and len(resolved_sources) > 1 and tok.lemma_.lower() in EXERCISES:
            # "French and Egyptian warships launched war games": a joint exercise is cooperation
            entry = dataclasses.replace(entry, type="COOPERATE", mode=None)
        if entry.type == "PROTEST" and not trig.is_noun and tok.lemma_.lower() == "protest" and any(
                c.dep_ in ("ccomp", "parataxis") for c in (*tok.children, *([tok.head] if tok.dep_ == "parataxis" else []))):
            # "the authorities are failing refugees, a rights group protested": a spoken protest
            entry = dataclasses.replace(entry, type="ACCUSE", mode="disapprove")
        crowd_act = _crowd_act(tok, entry, sources, named)
        if crowd_act is not None:
            # "protesters stormed parliament", "farmers blocked the highway", "supporters stormed
            # the Capitol": PLOVER codes collective action by civilians as PROTEST
            entry = dataclasses.replace(entry, type="PROTEST", mode=crowd_act)
        if entry.type == "RETREAT" and entry.mode == "withdraw" and (
                _leaves_a_body(tok, target) or _withdraws_staff(tok, resolved_sources)):
            # "withdrew from the Council of Europe", "pulled out of the treaty": PLOVER SANCTION/withdraw
            entry = dataclasses.replace(entry, type="SANCTION", mode="withdraw")
        # "Israel and Jordan agreed": a reciprocal event between its two coordinated actors
        # (three or more parties each act, with no target, as PLOVER codes multilateral acts)
        reciprocal = target is None and len(resolved_sources) == 2 and (
            entry.type in RECIPROCAL or entry.mode == "ceasefire"  # "X and Y observed a ceasefire"
            or tok.lemma_.lower() in MUTUAL)  # "X and Y agreed to withdraw", "Indian and Chinese troops clashed"
        # a nominalisation takes the modality of the verb it is the object of:
        # "refused to hold talks" negates the talks
        clause = tok
        if trig.is_noun and _object_verb(tok).i != tok.head.i:
            clause = _object_verb(tok)  # "would reimpose the highest level of sanctions"
        elif trig.is_noun and tok.dep_ in OBJECTS | {"nsubjpass", "nsubj", "attr"} and not (
                _own_agent(tok) and tok.head.lemma_.lower() not in DENYING_GOVERNORS | NEGATING_GOVERNORS | ALLEGING_GOVERNORS):
            clause = tok.head  # ("did not condemn Russia's invasion": the invasion still happened)
        elif trig.is_noun:
            taker = _participation_verb(tok)  # "took part in the talks": the taking's clause
            clause = taker if taker is not None else tok
        negated, modality = _modality(clause)
        if clause is not tok and _cancels(clause):
            negated = True  # "cancelled a planned visit", "called off the talks" (gold convention 8)
        if clause is not tok and modality == "asserted":
            lemma = clause.lemma_.lower()  # "need an investigation", "plan talks": not done yet
            if lemma in HYPOTHETICAL_GOVERNORS | {"need", "propose"}:
                modality = "hypothetical"
            elif lemma in FUTURE_GOVERNORS:
                modality = "future"
        if negated and not trig.is_noun and tok.lemma_.lower() in REFUSED_WHEN_NEGATED and _negated_here(tok):
            # "we don't accept the results": a rejection that happened
            entry, negated = dataclasses.replace(entry, type="REJECT", mode=None), False
        if trig.is_noun and modality == "asserted" and any(
                c.dep_ in ("amod", "compound") and c.lower_ in PLANNED for c in tok.children):
            modality = "future"  # "a planned visit", "the upcoming summit"
        if trig.is_noun and tok.dep_ in ("nsubj", "nsubjpass") and modality in ("asserted", "future") and any(
                c.dep_ in ("acomp", "attr") and c.lower_ in POSSIBLE for c in tok.head.children):
            modality = "hypothetical"  # "air strikes remained possible"
        if entry.type == "ASSAULT" and modality == "hypothetical" and _attempted(clause):
            modality = "asserted"  # "tried to assassinate", "an attempt to kill": the attack was made
        attributed = _attribution(clause, self)
        if modality == "asserted" and attributed is not None:
            modality = "reported"
        location = _location(tok, places)
        # a country-less description ("more than 30 people", "protesters") is of the
        # country where the event happens: a place in its own phrase, else the event's
        where = location.country if location is not None else None
        if where is None:  # no place on the trigger: the one country the sentence's places are in
            countries = {c for (start, _), m in places.items() if sent.start_char <= start < sent.end_char
                         for c in [m.country] if c and _in_place_phrase(tok.doc, start)}
            where = countries.pop() if len(countries) == 1 else None
        if target is not None and target_tok is not None and _placeable(target):
            country = _place_country(_phrase(target_tok), places) or where
            if country is not None:
                target = dataclasses.replace(target, country=country)
        if where is not None:  # "thousands of nurses marched through Accra"
            resolved_sources = [dataclasses.replace(a, country=where) if _placeable(a) and (
                a.sector in DOMESTIC or (a.sector is None and entry.type == "PROTEST")) else a
                for a in resolved_sources]
        state = next((a.country for a in resolved_sources if a.country and a.sector in STATE), None)
        if target is not None and _placeable(target) and state is not None and entry.type in ("COERCE", "ASSAULT"):
            # "police killed 20 suspected drug dealers": a state's forces act at home (gold convention 2)
            target = dataclasses.replace(target, country=state)
        if target is None and entry.type == "THREATEN":
            comp = next((c for c in tok.children if _complement(c)), None)
            place = _location(comp, places) if comp is not None else None
            if place is not None and place.country is not None:
                target = Actor(text=place.text, country=place.country)  # "threatened to impose a curfew in Algiers"
        if target is None and entry.type in PLACED and not reciprocal and entry.mode != "resign":
            # "shelled the airport in Goma", "imposed a curfew in Bamako": what is done on
            # the ground is done to the place where it is done
            if location is not None and location.country is not None:
                target = Actor(text=location.text, country=location.country)
            elif where is not None:
                target = self._implied("People in", where, "CVL")
            elif entry.type == "COERCE" and state is not None:
                target = self._implied("People of", state, "CVL")  # "declared a state of emergency"
        if target is not None and target.country and entry.type in ("PROTEST", "COERCE", "ASSAULT"):
            # "students protested against the president's government", "soldiers seized the Honduran
            # president": crowds and a state's forces act at home, unless a place says otherwise
            resolved_sources = [dataclasses.replace(a, country=target.country) if _placeable(a) and (
                entry.type == "PROTEST" or (a.sector in STATE and target.sector in DOMESTIC)) else a
                for a in resolved_sources]
        if not resolved_sources and target is None:
            if where is None:
                return  # a protest of no one, nowhere named: nothing to code
            # "police stormed the sit-in in Khartoum": the protesters are there, though unnamed
            resolved_sources = [self._implied("Protesters in", where, "PRO")]
        if entry.type == "PROTEST" and target is None and not reciprocal:
            # a protest with no one named against is aimed at the government where it
            # happens ("Algerian landowners began a hunger strike outside parliament")
            home = where or next((a.country for a in resolved_sources if a.country), None)
            if home is not None:
                target = self._implied("Government of", home, "GOV")
        confidence = _confidence(trig, resolved_sources[0] if resolved_sources else None, target)
        start, end = sentence_bounds(sent)
        intent = _intent_type(entry.type, negated)
        marker = _intent_marker(clause) if intent and modality in ("future", "hypothetical") else None
        if marker is not None and not negated and _condition(clause) == "unless":
            intent = "THREATEN"  # "will withdraw its troops unless ...": an ultimatum
        for n, source in enumerate(resolved_sources or [None]):
            if reciprocal:
                target_used: Actor | None = resolved_sources[1 if n == 0 else 0]
            elif source is not None and target is not None and _same(source, target):
                target_used = None
            else:
                target_used = target
            ev_id = event_id_for(document.id, sent.start_char, tok.idx, entry.type)
            if source is not None and len(resolved_sources) > 1:
                key = f"{entry.type}:{source.text}"
                if sum(a.text == source.text for a in resolved_sources) > 1:
                    key += f":{source.country}"  # "Indonesian and Malaysian police": one phrase, two actors
                ev_id = event_id_for(document.id, sent.start_char, tok.idx, key)
            event = Event(
                id=ev_id,
                doc_id=document.id,
                source_id=document.source_id,
                type=entry.type,
                mode=entry.mode,
                source=source,
                target=target_used,
                location=location,
                negated=negated,
                modality=modality,
                attributed_to=attributed,
                sentence=document.text[start:end],
                start=start,
                end=end,
                confidence=confidence,
                trigger=tok.text,
            )
            yield event
            if marker is not None and source is not None:
                # "Finland will give Tanzania a grant": the commitment is an event of its own
                key = f"{intent}:{source.text}:{source.country}"
                yield dataclasses.replace(
                    event, id=event_id_for(document.id, sent.start_char, marker.idx, key), type=intent,
                    mode=None, negated=False, modality="reported" if attributed else "asserted",
                    trigger=marker.text, confidence=round(confidence * 0.9, 2))

    def _names_actor(self, tok: Token) -> bool:
        """Return True if the phrase names an actor: by its form, or because the gazetteer
        knows it where the entity recogniser did not ("The Central African Republic")."""
        if _actor_like(tok):
            return True
        if tok.pos_ != "PROPN":
            return False
        actor = self._actor(tok)
        return actor.name is not None and (actor.country is not None or actor.sector is not None)

    def _of_body(self, actor: Actor, body: Token | None) -> Actor:
        """Return the actor with its body's country ("officials from the Kenyan government")."""
        if actor.country is not None or body is None:
            return actor
        country = self._actor(body).country
        return dataclasses.replace(actor, country=country) if country else actor

    def _implied(self, label: str, country: str, sector: str) -> Actor:
        """Return an actor no words of the text name ("Government of Kenya", "Protesters in Sudan")."""
        name = self.resolver.gazetteer.country_name(country) or country
        return Actor(text="", name=f"{label} {name}", country=country, sector=sector)

    def _embedded_trigger(self, tok: Token) -> tuple[Token, Entry] | None:
        """Return the lexicon verb in the trigger's to-clause ("threatened to attack"), if any."""
        comp = next((c for c in tok.children if _complement(c)), None)
        if comp is None or comp.pos_ not in ("VERB", "AUX"):
            return None
        entry = self._verb_entry(comp)
        return (comp, entry) if entry is not None else None

    def _actors(self, tok: Token) -> list[Actor]:
        """Return the actor a phrase names, one per coordinated nationality
        ("Indonesian and Malaysian police": Indonesian police, Malaysian police)."""
        actor = self._actor(tok)
        listed = _country_list(tok)
        if listed:  # "The United States, Saudi Arabia, Jordan and the UAE", parsed as an apposition
            return [actor, *(a for c in listed for a in [self._actor(c)] if a.country and a.country != actor.country)]
        of = _pobj(tok, "of")
        if of is not None and of.conjuncts and _is_group_noun(tok):
            # "the presidents of Bosnia, Serbia and Croatia": one actor per country
            named = [self._actor(c) for c in (of, *of.conjuncts)]
            if all(a.country for a in named) and len({a.country for a in named}) > 1:
                return [dataclasses.replace(actor, text=f"{tok.text} of {a.text}", country=a.country,
                                            name=None) for a in named]
        # "Indonesian and Malaysian police", "US and Russian negotiators"
        first = next((c for c in tok.lefts if c.dep_ in ("amod", "nmod", "compound") and c.conjuncts), None)
        if first is None:
            return [actor]
        countries = []
        for word in (first, *first.conjuncts):
            entry = self.resolver.gazetteer.lookup(word.text)
            if entry is not None and entry.country and entry.kind in ("demonym", "country") \
                    and entry.country not in countries:
                countries.append(entry.country)
        if len(countries) < 2:
            return [actor]
        return [dataclasses.replace(actor, country=c) for c in countries]

    def _actor(self, tok: Token) -> Actor:
        actor = self.resolver.actor_for_span(_phrase(tok))
        named = _child(tok, {"appos"})
        if named is not None and named.pos_ == "PROPN" and not _country_list(tok):
            # "Kyrgyzstan's interim president, Roza Otunbayeva": the name says who, not the office today
            person = self.resolver.actor_for_span(_phrase(named))
            if person.name and person.country:
                return dataclasses.replace(person, text=actor.text)
        if actor.country is None and actor.sector not in ("IGO", "NGO"):
            country = self._modifier_country(tok)
            if country is not None:
                actor = dataclasses.replace(actor, country=country)
        return actor

    def _modifier_country(self, tok: Token) -> str | None:
        """Return the country a premodifier names ("Russian President Boris Yeltsin",
        "Ivory Coast rebels"), for a phrase the actors stage left country-less."""
        gazetteer = self.resolver.gazetteer
        phrase = _phrase(tok)
        for t in phrase:
            if t.i == tok.i:
                if tok.dep_ not in ("amod", "compound") and tok.ent_type_ != "GPE":
                    continue  # the head itself only when it names a country: "French", "from Caracas"
            elif t.i > tok.i or t.dep_ == "pobj":
                continue  # premodifiers only: not "protesters in Minsk"
            if t.ent_type_ not in ("NORP", "GPE", "ORG") and t.dep_ not in ("amod", "compound"):
                continue
            ent = next((e for e in tok.doc.ents if e.start <= t.i < e.end), None)
            for text in [t.text] + ([ent.text] if ent is not None else []):
                entry = gazetteer.lookup(text)
                if entry is not None and entry.country and entry.kind in ("country", "demonym", "capital"):
                    return entry.country
        return None


def _same(a: Actor, b: Actor) -> bool:
    """Return True when source and target are one actor (same words, or same named entity)."""
    if a.text and a.text == b.text:
        return True
    return a.name is not None and (a.name, a.country, a.sector) == (b.name, b.country, b.sector)


def _confidence(trig: _Trigger, source: Actor | None, target: Actor | None) -> float:
    """Return a score in [0, 1]: a verb with both actors resolved to codes scores highest."""
    score = 0.4 if trig.is_noun else 0.5
    for actor in (source, target):
        if actor is None:
            continue
        score += 0.1
        if actor.country or actor.sector:
            score += 0.1
    if source is not None and target is not None:
        score += 0.1
    return min(score, 1.0)


def _with_date(ev: Event, date: EventDate) -> Event:
    return dataclasses.replace(
        ev, date=date.date, date_precision=date.precision, date_text=date.text, date_source=date.source
    )
