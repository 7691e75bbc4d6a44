"""Event coding: predicates in the dependency parse -> PLOVER events with their evidence.

An event needs a trigger from the lexicon (``data/lexicon/plover.yaml``) and
at least one actor among its grammatical arguments; there is no default or
fallback code, so a sentence that reports nothing happening yields nothing.
Source and target come from grammatical roles (subject, object, by-agent,
to/against/with phrases, possessor of a nominalisation), then go through the
actors stage. Each event carries negation, modality and attribution read
from the trigger's clause and the clauses above it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from .errors import DataFileError
from .nlp import sentence_bounds
from .records import PLOVER_TYPES, Actor, Document, Event, Location, Mention, Timex, event_id_for

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from .actors import ActorResolver
    from .timex import EventDate

log = logging.getLogger(__name__)

SUBJECTS = {"nsubj", "csubj"}
OBJECTS = {"dobj", "obj"}
SPEECH_VERBS = {
    "say", "tell", "claim", "report", "announce", "state", "add", "insist", "allege",
    "write", "declare", "confirm", "assert", "suggest", "note", "explain", "argue", "believe",
    "acknowledge", "admit", "reveal", "disclose", "estimate", "quote", "testify", "recount",
}
# governing verbs that change what the embedded event is (xcomp/ccomp chains)
NEGATING_GOVERNORS = {"refuse", "decline", "fail", "reject", "avoid", "stop", "cease", "refusal", "failure", "short",
                      "renege", "backtrack"}
DENYING_GOVERNORS = {"deny", "dismiss", "rebut"}
# (nouns too: "its decision to close the border", "an attempt to seize the airport")
FUTURE_GOVERNORS = {"promise", "plan", "pledge", "vow", "intend", "prepare", "threaten", "agree", "decide", "expect",
                    "schedule", "set", "decision", "intention", "commitment", "agreement", "willing", "ready",
                    "postpone", "delay"}
HYPOTHETICAL_GOVERNORS = {"want", "hope", "seek", "try", "attempt", "ask", "urge", "call", "demand", "consider", "propose", "aim",
                          "allow", "permit", "let", "right", "permission",
                          "offer", "wish", "request", "bid", "effort", "proposal", "threat", "ultimatum", "plea"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "must", "'d", "ca"}
# "accused Belarus of allowing Russian forces to attack": the attack is the accuser's claim
ALLEGING_GOVERNORS = {"accuse", "blame", "allege", "suspect", "charge"}
OBJECT_CONTROL = {"ask", "urge", "order", "allow", "force", "tell", "invite", "call", "persuade", "convince", "instruct", "authorize", "authorise", "permit"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
PLACE_PREPS = {"in", "at", "near", "outside", "inside", "across", "through", "around"}


# what an entry may require of its verb: an object, an actor or a non-actor as
# object, no object, a verb complement ("refused to pay"), or a filled target
# slot (for nouns too: "strikes on Gaza" is an attack, "the strike" a walkout)
REQUIREMENTS = (None, "dobj", "actor-dobj", "nonactor-dobj", "no-dobj", "xcomp", "target")


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One lexicon entry: what a predicate codes as, and where its target is."""

    type: str
    mode: str | None = None
    target: tuple[str, ...] = ("dobj",)
    requires: str | None = None  # one of REQUIREMENTS
    theme: frozenset[str] = frozenset()
    unless: frozenset[str] = frozenset()  # dependency labels that rule the entry out


@dataclass(frozen=True, kw_only=True)
class Lexicon:
    """Verb and noun predicates keyed by lemma, each with its entries in order.

    Keys may be several words: a verb with its particle, preposition or bare
    object ("call on", "open fire", "go on strike"), a noun with its compound
    modifier or of-phrase ("air strike", "state of emergency"). A key with
    several entries codes as the first whose requirements the sentence meets
    ("sent troops" is MOBILIZE, "sent weapons" is AID).
    """

    verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    nouns: dict[str, tuple[Entry, ...]] = field(default_factory=dict)
    version: str = "1"

    @classmethod
    def load(cls, extra: Path | None = None) -> Lexicon:
        """Return the packaged lexicon, with a user's YAML file merged over it."""
        packaged = resources.files("chronicle") / "data" / "lexicon" / "plover.yaml"
        verbs, nouns, version = _parse_lexicon(packaged.read_text(encoding="utf-8"), "plover.yaml")
        if extra is not None:
            try:
                text = Path(extra).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise DataFileError(f"{extra}: cannot read lexicon ({exc})") from exc
            more_verbs, more_nouns, _ = _parse_lexicon(text, str(extra))
            verbs, nouns = {**verbs, **more_verbs}, {**nouns, **more_nouns}
        return cls(verbs=verbs, nouns=nouns, version=version)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A safe YAML loader that refuses a key given twice in one mapping, which plain
    YAML resolves by silently keeping the last entry."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        first: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in first:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r} (first given on line {first[key]})", key_node.start_mark)
            first[key] = line
        return super().construct_mapping(node, deep=deep)


def _parse_lexicon(
    text: str, name: str
) -> tuple[dict[str, tuple[Entry, ...]], dict[str, tuple[Entry, ...]], str]:
    try:
        data = yaml.load(text, Loader=_UniqueKeyLoader) or {}  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise DataFileError(f"{name}{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{name}: expected a mapping with 'verbs' and/or 'nouns'")
    out: list[dict[str, tuple[Entry, ...]]] = []
    for section in ("verbs", "nouns"):
        entries: dict[str, tuple[Entry, ...]] = {}
        for lemma, spec in (data.get(section) or {}).items():
            where = f"{name}: {section}.{lemma}"
            specs = spec if isinstance(spec, list) else [spec]
            entries[" ".join(str(lemma).lower().split())] = tuple(
                _entry(one, f"{where}[{n}]" if len(specs) > 1 else where) for n, one in enumerate(specs))
        out.append(entries)
    return out[0], out[1], str(data.get("version", "1"))


def _entry(spec: Any, where: str) -> Entry:
    if not isinstance(spec, dict) or "type" not in spec:
        raise DataFileError(f"{where}: each entry needs at least 'type' (one of {', '.join(PLOVER_TYPES)})")
    type_ = str(spec["type"]).upper()
    if type_ not in PLOVER_TYPES:
        raise DataFileError(f"{where}: unknown PLOVER type {spec['type']!r}; use one of {', '.join(PLOVER_TYPES)}")
    requires = spec.get("requires")
    if requires not in REQUIREMENTS:
        raise DataFileError(f"{where}: 'requires' must be one of {', '.join(map(str, REQUIREMENTS[1:]))}, not {requires!r}")
    return Entry(
        type=type_,
        mode=spec.get("mode"),
        target=tuple(spec.get("target") or ("dobj",)),
        requires=requires,
        theme=frozenset(str(w).lower() for w in spec.get("theme") or ()),
        unless=frozenset(str(d) for d in spec.get("unless") or ()),
    )


@functools.lru_cache(maxsize=4)
def default_lexicon(extra: str | None = None) -> Lexicon:
    """Return the lexicon for this process (cached; ``extra`` is a user file path)."""
    return Lexicon.load(Path(extra) if extra else None)


# -- the coder -----------------------------------------------------------------


@dataclass(frozen=True)
class _Trigger:
    token: Token
    entry: Entry
    is_noun: bool
    parts: frozenset[int] = frozenset()  # other words of a multi-word key ("opened fire")


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
        from .timex import date_event  # the time stage dates each event

        places = {(m.start, m.end): m for m in mentions if m.kind == "place"}
        events: list[Event] = []
        seen: set[str] = set()
        at: dict[str, int] = {}  # event id -> character offset of its trigger
        for sent in doc.sents:
            if _heading(sent, document.text):
                continue  # a headline restates the story in telegraphese: code the story
            ordered = {found[1].i for tok in sent for found in [_order(tok)] if found is not None}
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
                    if ev.id in seen:
                        continue
                    seen.add(ev.id)
                    date = date_event(doc, trig.token.i, timexes, dct)
                    events.append(_with_date(ev, date))
                    at[ev.id] = trig.token.idx
            for must, ev in self._demands(sent, document, types):
                if ev.id not in seen:
                    seen.add(ev.id)
                    events.append(_with_date(ev, date_event(doc, must.i, timexes, dct)))
                    at[ev.id] = must.idx
            for order, ev in self._orders(sent, document):
                if ev.id not in seen:
                    seen.add(ev.id)
                    events.append(_with_date(ev, date_event(doc, order.i, timexes, dct)))
                    at[ev.id] = order.idx
            for echo, ev in self._echoes(sent, document, events, at):
                if ev.id not in seen:
                    seen.add(ev.id)
                    events.append(_with_date(ev, date_event(doc, echo.i, timexes, dct)))
                    at[ev.id] = echo.idx
        return events

    def _orders(self, sent: Span, document: Document) -> Iterator[tuple[Token, Event]]:
        """Yield the act an order amounts to (gold convention 11): "ordered a Canadian consul
        to leave" expels him (SANCTION), "ordered the newspaper to suspend publication"
        restricts it (COERCE)."""
        for tok in sent:
            found = _order(tok)
            if found is None:
                continue
            obj, comp = found
            verb = comp.lemma_.lower()
            subj = _subject(tok)
            sources = self._actors(subj) if subj is not None and _actor_like(subj) else []
            target = self._actor(obj)
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
                negated, modality = _modality(tok)
                attributed = _attribution(tok, self)
                if modality == "asserted" and attributed is not None:
                    modality = "reported"
                start, end = sentence_bounds(sent)
                yield tok, Event(
                    id=event_id_for(document.id, sent.start_char, tok.idx, f"{type_}:order:{source.text}"),
                    doc_id=document.id, source_id=document.source_id, type=type_, mode=mode,
                    source=source, target=target, location=None, negated=negated, modality=modality,
                    attributed_to=attributed, sentence=document.text[start:end], start=start, end=end,
                    confidence=0.6, trigger=tok.text)

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
            negated, modality = _modality(tok)
            attributed = _attribution(tok, self)
            if modality == "asserted" and attributed is not None:
                modality = "reported"
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


# -- arguments --------------------------------------------------------------------


def _verb_stems(tok: Token) -> list[str]:
    """Return the stems an inflected verb may have, for when its lemma is wrong."""
    w, tag = tok.lower_, tok.tag_
    if tag in ("VBD", "VBN") and w.endswith("ed"):
        stems = [w[:-1], w[:-2]]  # "staged" -> "stage", "shelled" -> "shell"
        if len(w) > 4 and w[-3] == w[-4]:
            stems.append(w[:-3])  # "banned" -> "ban"
        return stems
    if tag == "VBG" and w.endswith("ing"):
        return [w[:-3] + "e", w[:-3], w[:-4]]
    if tag == "VBZ" and w.endswith("s"):
        return [w[:-1], w[:-2]]
    return []


def _light(verb: Token) -> bool:
    """Return True for a light verb, whose event is its object ("launched an invasion"),
    even where the lemmatiser slipped ("staged" -> "stag")."""
    return verb.lemma_.lower() in LIGHT_VERBS or any(v in LIGHT_VERBS for v in _verb_stems(verb))


def _heading(sent: Span, text: str) -> bool:
    """Return True for a headline or subheading: a line of its own with no final
    punctuation, followed by more text ("Navy blockade of Adriatic port ends").
    ``text`` is the document's text (``Doc.text`` rebuilds it on every access)."""
    body = sent.text.rstrip()
    if not body or body[-1] in ".!?\"\u201d':;)":
        return False
    end = sent.start_char + len(body)
    line_end = text.find("\n", end)
    between = text[end:line_end if line_end >= 0 else len(text)]
    return line_end >= 0 and not between.strip(" \t\r") and text[line_end:].strip() != ""


def _forms(tok: Token) -> tuple[str, ...]:
    """Return the word and its lemma, lower case: how a multi-word key may spell it."""
    return tuple(dict.fromkeys((tok.lower_, tok.lemma_.lower())))


def _fits(tok: Token, entry: Entry, *, multiword: bool = False) -> bool:
    """Return True if the verb's clause meets the entry's requirements."""
    if entry.unless and any(c.dep_ in entry.unless for c in tok.children):
        return False
    if entry.requires == "xcomp":
        return _child(tok, {"xcomp"}) is not None
    if entry.requires == "target" and _target(tok, entry) is None:
        return False
    obj = _child(tok, OBJECTS) or _child(tok, {"nsubjpass"})
    if obj is None and tok.lemma_.lower() in LETTING:  # "allowed X to V", parsed with X as V's subject
        obj = next((_child(c, SUBJECTS) for c in tok.children if c.dep_ == "ccomp"), None)
    if obj is None and tok.tag_ == "VBN" and (tok.dep_ == "acl" or (
            tok.dep_ == "relcl" and any(c.dep_ == "auxpass" for c in tok.children))):
        obj = tok.head  # "a deal brokered by China", "the first suspect to be handed over": the noun is the object
    if multiword and obj is not None and obj.i > tok.i and obj.dep_ in OBJECTS and not obj.n_lefts:
        obj = None  # "opened fire": the object is part of the key
    if entry.requires == "nonactor-dobj" and (obj is None or _actor_like(obj)):
        return False
    if entry.requires == "no-dobj" and obj is not None:
        return False
    if entry.requires in ("dobj", "actor-dobj") and obj is None:
        return False
    if entry.theme and not any(_has_theme(t, entry.theme) for t in (obj, _pobj(tok, "with")) if t is not None):
        return False  # the theme is the object, or a with-phrase ("supplied Kyiv with tanks")
    return not (entry.requires == "actor-dobj" and not _actor_like(obj))


def _child(tok: Token, deps: set[str]) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


def _pobj(tok: Token, prep: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ == prep:
            return _child(c, {"pobj"})
    return None


def _phrase(tok: Token) -> Span:
    """Return the noun phrase headed by ``tok``: its left modifiers, the head, and
    right-hand compounds, appositions' names and place phrases ("protesters in Minsk")."""
    doc = tok.doc
    right = _phrase_end(tok, nested=False)
    while right > tok.i and doc[right].is_punct:
        right -= 1
    return doc[tok.left_edge.i : right + 1]


def _phrase_end(tok: Token, *, nested: bool) -> int:
    """Return the index of the phrase's last token: compounds, one name in
    apposition, one of/in/from phrase; never a relative clause."""
    right = tok.i
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod"):
            right = max(right, c.right_edge.i)
        elif c.dep_ == "appos" and c.pos_ == "PROPN" and not nested:
            right = _phrase_end(c, nested=True)
        elif c.dep_ == "prep" and c.lower_ in ("in", "of", "from") and c.i == right + 1 and not nested:
            pobj = _child(c, {"pobj"})
            if pobj is None:
                break
            right = _phrase_end(pobj, nested=True)
        else:
            break
    return right


def _actor_like(tok: Token | None) -> bool:
    """Return True if the phrase headed by ``tok`` can name an actor."""
    if tok is None:
        return False
    if _dateline(tok):
        return False
    if tok.pos_ == "PRON":
        return tok.lower_ in ("he", "she", "they", "it", "we", "him", "her", "them", "us", "his", "its", "their", "our")
    if tok.ent_type_ in ACTOR_ENTS:
        return True
    if tok.lower_ in CROWDS:  # "thousands took to the streets", "hundreds of nurses"
        return True
    return any(t.ent_type_ in ACTOR_ENTS for t in _phrase(tok)) or _is_group_noun(tok)


def _dateline(tok: Token) -> bool:
    """Return True for a dateline place ("PRETORIA —"), which no event is about."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.text.isupper() and len(tok.text) > 2 and nxt is not None and nxt.text in ("—", "–", "--")


GROUP_NOUNS = {
    "police", "troops", "troop", "army", "soldier", "force", "government", "ministry", "minister",
    "president", "opposition", "protester", "demonstrator", "activist", "authority", "official",
    "parliament", "court", "rebel", "militant", "journalist", "diplomat", "leader", "regime",
    "administration", "people", "civilian", "student", "worker", "party", "military", "paratrooper",
    "officer", "prosecutor", "judge", "junta", "cabinet", "envoy", "ambassador", "delegation",
    "country", "state", "union", "alliance", "group", "organisation", "organization", "movement",
    "lawmaker", "legislator", "candidate", "spokesman", "spokeswoman", "spokesperson", "premier",
    "chancellor", "king", "prime", "guard", "militia", "insurgent", "fighter", "separatist",
    "gunman", "attacker", "assailant", "bomber", "terrorist", "extremist", "jihadist", "hacker",
    "sniper", "mob", "crowd", "resident", "villager", "refugee", "migrant", "nurse", "teacher",
    "doctor", "farmer", "miner", "employee", "youth", "settler", "pirate", "smuggler", "prisoner",
    "detainee", "hostage", "inmate", "voter", "supporter", "opponent", "critic", "dissident",
    "negotiator", "mediator", "observer", "inspector", "peacekeeper", "commander", "general",
    "mayor", "governor", "senator", "congressman", "agency", "council", "committee", "commission",
    "navy", "marine", "coalition", "faction", "tribe", "clan", "monarch", "emir", "sultan", "sheikh",
    "side", "partner", "ally", "nation", "neighbour", "neighbor", "member", "mourner", "worshipper",
    "pilgrim", "passenger", "woman", "child", "girl", "boy", "newspaper", "broadcaster", "consul", "suspect", "dealer", "trafficker",
    "criminal", "gang", "gangster", "looter", "rioter", "poacher", "fisherman", "sailor", "crew",
    "tourist", "national", "citizen", "missionary", "priest", "cleric", "monk", "blogger", "lawyer",
}


CROWDS = {"hundreds", "thousands", "dozens", "scores", "tens", "millions"}
PROTESTERS = {"protester", "protestor", "demonstrator", "rioter", "looter", "mob", "striker", "marcher"}


def _crowd_of_protesters(tok: Token) -> bool:
    """Return True for "protesters", "angry rioters", "hundreds of demonstrators"."""
    if tok.lower_ in CROWDS:
        of = _pobj(tok, "of")
        return of is not None and _crowd_of_protesters(of)
    return tok.lemma_.lower() in PROTESTERS or tok.lower_.rstrip("s") in PROTESTERS


# verbs that undo what their object names ("end the curfew", "remove restrictions")
REVERSING = {
    "end", "lift", "remove", "scrap", "abolish", "ease", "relax", "cancel", "revoke", "rescind", "repeal",
    "drop", "loosen", "overturn", "annul", "withdraw", "shorten", "dismantle", "unfreeze", "reverse",
}
EASING = Entry(type="RETREAT", mode="ease", target=("prep:on", "prep:against", "prep:in", "prep:to"))
# what crowds of civilians do as a protest, and its PLOVER mode
RIOT_ACTS = {
    "storm": "riot", "burn": "riot", "torch": "riot", "set": "riot", "loot": "riot", "ransack": "riot",
    "vandalize": "riot", "vandalise": "riot", "pelt": "riot", "clash": "riot", "smash": "riot",
    "occupy": "obstruct", "barricade": "obstruct", "besiege": "obstruct", "block": "obstruct",
}
# sectors and nouns of people who act as civilians, not as a state or an armed group
CIVILIAN_SECTORS = {"CVL", "PRO", "LAB", "EDU", "MED"}
CIVILIAN_NOUNS = {
    "supporter", "follower", "resident", "villager", "youth", "student", "worker", "farmer", "trucker",
    "driver", "fisherman", "people", "citizen", "activist", "taxi", "miner", "teacher", "nurse", "doctor",
}


# what a state leaves when it withdraws from it, rather than a territory it pulls out of
BODIES = {"treaty", "agreement", "deal", "accord", "pact", "bloc", "alliance", "organisation", "organization",
          "talk", "talks", "negotiation", "negotiations", "process",
          "union", "convention", "council", "programme", "program", "court", "commission", "community", "protocol"}


def _leaves_a_body(tok: Token, target: Actor | None) -> bool:
    """Return True if a withdrawal is from an organisation or a treaty, not from a place."""
    if target is not None and target.sector == "IGO":
        return True
    for t in tok.subtree:  # "withdrew from", "pulled out of" (the preposition on the particle)
        prep = t.head
        if t.dep_ == "pobj" and prep.lower_ in ("from", "of") and tok in (prep.head, prep.head.head):
            if t.lemma_.lower() in BODIES:
                return True
    return False


def _country_list(tok: Token) -> list[Token]:
    """Return the other states of a list the parser read as an apposition
    ("The United States, Saudi Arabia, Jordan and the UAE launched"), or []."""
    if tok.ent_type_ != "GPE":
        return []
    named = _child(tok, {"appos"})
    if named is None or named.ent_type_ != "GPE":
        return []
    return [named, *named.conjuncts]


# people whose withdrawal reduces relations or help rather than ends an occupation
STAFF = {"ambassador", "ambassadors", "envoy", "envoys", "diplomat", "diplomats", "staff", "mission",
         "inspectors", "monitors", "observers", "workers", "personnel", "delegation", "embassy", "team", "aid"}


def _withdraws_staff(tok: Token, sources: list[Actor]) -> bool:
    """Return True if a withdrawal is of an organisation, its mission or a state's
    diplomats or aid workers: PLOVER SANCTION/withdraw ("UN monitors withdrew")."""
    if sources and all(a.sector in ("IGO", "NGO") for a in sources):
        return True
    obj = _child(tok, OBJECTS)
    return obj is not None and obj.lower_ in STAFF


def _crowd_act(tok: Token, entry: Entry, sources: list[Token], named: list[tuple[Token, Actor]]) -> str | None:
    """Return the PROTEST mode of an attack or coercion done by a crowd, or None: anything
    protesters do ("rioters torched shops"), or what civilians do as a protest ("farmers
    blocked the highway", "students occupied the campus")."""
    if entry.type not in ("ASSAULT", "COERCE"):
        return None
    if sources and all(_crowd_of_protesters(s) for s in sources):
        return "riot" if entry.type == "ASSAULT" else "obstruct"
    act = "obstruct" if entry.type == "COERCE" and entry.mode == "restrict" else RIOT_ACTS.get(tok.lemma_.lower())
    return act if act and named and all(_civilian(s, a) for s, a in named) else None


def _civilian(tok: Token, actor: Actor) -> bool:
    """Return True for civilians: "angry farmers", "young Bolivians", "supporters of X"."""
    head = tok
    if tok.lower_ in CROWDS:  # "hundreds of residents"
        of = _pobj(tok, "of")
        head = of if of is not None else tok
    if head.lemma_.lower() in CIVILIAN_NOUNS or _crowd_of_protesters(head):
        return True
    if actor.sector in CIVILIAN_SECTORS:
        return True
    return actor.sector is None and head.ent_type_ == "NORP" and head.tag_ in ("NNPS", "NNS")  # "Bolivians"


def _is_group_noun(tok: Token) -> bool:
    word = tok.lower_
    # a capitalised plural keeps its -s as lemma ("Rebels shelled ...")
    return tok.lemma_.lower() in GROUP_NOUNS or word in GROUP_NOUNS or (word.endswith("s") and word[:-1] in GROUP_NOUNS)


def _has_theme(obj: Token, theme: frozenset[str]) -> bool:
    return any(t.lemma_.lower() in theme or t.lower_ in theme for t in obj.subtree)


def _subject(tok: Token) -> Token | None:
    """Return the subject of a verb, following conjunction, control and relative clauses."""
    subj = _child(tok, SUBJECTS)
    if subj is not None and subj.lower_ in ("that", "which", "who") and tok.dep_ == "relcl":
        return tok.head  # "factions that have attacked US forces": the antecedent
    if subj is not None:
        return subj
    if tok.dep_ in ("conj", "acomp"):  # "is willing to withdraw": the subject of "is"
        return _subject(tok.head)
    if _complement(tok):
        gov = tok.head
        raised = _child(gov, {"nsubjpass"})
        if raised is not None:
            return raised  # "the president is expected to visit", "the two sides are set to exchange"
        if gov.lemma_.lower() in OBJECT_CONTROL:
            obj = _child(gov, OBJECTS)
            if obj is not None:
                return obj
        return _subject(gov)
    if tok.dep_ == "relcl" and _child(tok, OBJECTS) is not None:
        return tok.head
    if tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(c.dep_ == "mark" for c in tok.children):
        return _subject(tok.head)  # "troops raided the camp, killing nine": the raiders kill
    if tok.dep_ == "advcl" and tok.lemma_.lower() in PROTESTING and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return _subject(tok.head)  # "Palestinians shunned work to protest": the shunners protest
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ in ("by", "without", "after", "before"):
        return _subject(tok.head.head)  # "responded by cutting ties", "left without signing"
    if tok.dep_ == "acl" and tok.tag_ == "VBG":
        head = tok.head  # "demonstrators protesting the results", "issued a declaration demanding"
        if _actor_like(head) or _crowd_of_protesters(head):
            return head
        if head.dep_ in OBJECTS and _light(head.head):
            return _subject(head.head)
        return None
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        # "Argentina's decision to close the border": the decider closes it
        return next((c for c in tok.head.lefts if c.dep_ == "poss"), None) or _owner(tok.head)
    return None


# passives that say what their subject stands for ("Israel is opposed to", "is committed to")
STATIVE_PASSIVES = {"oppose", "commit", "determine", "dedicate", "resolve"}


def _verb_arguments(tok: Token, entry: Entry) -> tuple[list[Token], Token | None]:
    passive_subj = _child(tok, {"nsubjpass"})
    if passive_subj is not None and tok.lemma_.lower() in STATIVE_PASSIVES and _pobj(tok, "by") is None:
        subj = passive_subj
        sources = [s for first in [subj] for s in [first, *first.conjuncts]]
        return sources, _target(tok, entry)
    if passive_subj is not None and entry.theme and _has_theme(passive_subj, entry.theme) and \
            entry.type in ("MOBILIZE", "AID", "RETREAT") and _pobj(tok, "by") is None:
        # "troops were sent to X": the troops are the mover's own forces (but "the rally was
        # broken up by police": the rally is what is acted on)
        sources, target = [passive_subj], _target(tok, entry)
    elif passive_subj is not None or any(c.dep_ == "auxpass" for c in tok.children):
        agent = _pobj(tok, "by")
        sources = [agent] if agent is not None else []
        target = passive_subj
        if target is None and tok.dep_ in ("acl", "relcl"):
            target = tok.head
    else:
        subj = _subject(tok)
        sources = [subj] if subj is not None else []
        target = _target(tok, entry)
        relative = target is not None and target.lower_ in ("which", "that", "who", "whom")
        if (target is None or relative) and tok.dep_ == "relcl" and _child(tok, SUBJECTS) is not None:
            target = tok.head  # "South Ossetia, which Russia recognised": the antecedent
    if tok.dep_ in ("acl", "advcl") and tok.tag_ == "VBN" and not sources and passive_subj is None:
        agent = _pobj(tok, "by")  # "Mandela walked free, released by the government": a passive participle
        if agent is not None:
            sources = [agent]
            if tok.dep_ == "advcl" and target is None:
                target = _subject(tok.head)
            elif tok.dep_ == "acl" and target is None:
                target = tok.head
    if tok.dep_ == "acl" and not sources and passive_subj is None and entry.type == "PROTEST" and \
            _child(tok, OBJECTS) is None and (_actor_like(tok.head) or _crowd_of_protesters(tok.head)):
        sources = [tok.head]  # "Thousands protested in Belgrade", misparsed as "thousands (who were) protested"
    elif tok.dep_ == "acl" and not sources and passive_subj is None:
        target = target or tok.head
    sources = [s for first in sources for s in [first, *first.conjuncts]]
    return sources, target


# nouns of leaving, whose from-phrase is the place left ("the withdrawal of Serbian forces from Kosovo")
LEAVING = {"withdrawal", "pullout", "pullback", "removal", "departure", "exit", "evacuation", "expulsion", "retreat"}


def _target(tok: Token, entry: Entry) -> Token | None:
    for where in entry.target:
        if where == "dobj":
            cand = _child(tok, OBJECTS)
            if cand is not None and entry.theme and _has_theme(cand, entry.theme):
                continue  # the object is the theme ("sent troops"), not the target
        elif where == "dative":
            cand = _child(tok, {"dative"})
            if cand is not None and cand.lower_ in ("to", "for"):
                cand = _child(cand, {"pobj"})
        elif where.startswith("prep:"):
            cand = _pobj(tok, where[5:])
            obj = _child(tok, OBJECTS)
            if cand is None and obj is not None and not (where == "prep:from" and obj.lemma_.lower() in LEAVING):
                cand = _pobj(obj, where[5:])  # "sent troops to Ukraine": prep on the object
                inner = _pobj(obj, "of")  # "imposed a new round of sanctions on Russia"
                if cand is None and inner is not None:
                    cand = _pobj(inner, where[5:])
        else:
            cand = None
        if cand is not None:
            return cand
    return None


# acts whose noun's from-phrase names who acts ("an offer from Kenya"); for the others it
# names a place or what is left ("a withdrawal from Syria", "an attack from Gaza")
SENT_FROM = {"AGREE", "REQUEST", "THREATEN", "SUPPORT", "ACCUSE", "AID", "REJECT", "CONCEDE", "COOPERATE", "CONSULT"}


def _noun_arguments(tok: Token, entry: Entry) -> tuple[list[Token], Token | None]:
    """Arguments of a nominalisation: possessor or by-phrase or modifier = source."""
    sources: list[Token] = []
    poss = _child(tok, {"poss"})
    by = _pobj(tok, "by")
    of = _pobj(tok, "of")
    if by is None and of is not None:
        by = _pobj(of, "by")  # "the hijacking of the flight by Belarusian authorities"
    if poss is not None and poss.pos_ != "PRON":
        sources.append(poss)
    elif by is not None:
        sources.append(by)
    else:
        for c in tok.lefts:
            if c.dep_ in ("compound", "amod", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
                sources.append(c)
                break
    if not sources and tok.dep_ in OBJECTS and (poss is None or poss.pos_ == "PRON") and \
            _light(tok.head):
        subj = _subject(tok.head)  # a light verb's subject acts: "launched its invasion"
        if subj is not None:
            sources += [subj, *subj.conjuncts]  # "the US, Jordan and the UAE launched airstrikes"
    if not sources and poss is not None:
        sources.append(poss)  # "his refusal to recognise": the pronoun's referent
    sender = _pobj(tok, "from")
    for inner in (_pobj(tok, "of"), _pobj(tok, "for")):  # "an offer of talks from Russia", "a request for help from X"
        if sender is None and inner is not None:
            sender = _pobj(inner, "from")
    if sender is None and tok.dep_ in OBJECTS and tok.head.lemma_.lower() in RECEIVING and entry.type != "CONSULT":
        sender = _pobj(tok.head, "from")  # "received assurances from Russia"
    if not sources and entry.type in SENT_FROM and sender is not None and _actor_like(sender):
        sources.append(sender)  # "an invitation from Kenya", "demands from the opposition"
    if not sources and entry.type == "MOBILIZE" and of is not None and _actor_like(of):
        sources.append(of)  # "the dispatch of Russian troops": the troops' side moves
    taker = _participation_verb(tok)
    if not sources and taker is not None:
        # "took part in the talks", "joined the protests", "were engaged in ethnic cleansing"
        subj = _subject(taker) or _child(taker, {"nsubjpass"})
        if subj is not None:
            sources.append(subj)
    span = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if not sources and span is not None and span.lemma_.lower() in TIME_UNITS and span.dep_ in OBJECTS \
            and _light(span.head):
        subj = _subject(span.head)  # "launched 10 days of war games": the launchers' games
        if subj is not None and _actor_like(subj):
            sources += [subj, *subj.conjuncts]
    if not sources and entry.type in RECIPROCAL | {"ASSAULT", "RETREAT"}:
        sources = _parties(tok) or _clause_parties(tok)  # "a ceasefire between Israel and Hezbollah"
    target = None
    for where in entry.target:
        if where.startswith("prep:") and not (where == "prep:between" and len(sources) > 1):
            # "the withdrawal of some forces from Panama": the preposition may hang on the of-phrase
            target = _pobj(tok, where[5:]) or (_pobj(of, where[5:]) if of is not None and where != "prep:of" else None)
        if target is not None:
            break
    return sources, target


def _parties(tok: Token) -> list[Token]:
    """Return the two or more sides a mutual event noun names: "between Israel and Hezbollah"."""
    between = _pobj(tok, "between")
    if between is not None and between.conjuncts and _actor_like(between):
        return [between, *between.conjuncts]
    return []


def _clause_parties(tok: Token) -> list[Token]:
    """Return the coordinated sides of the clause a mutual event noun sits in
    ("Israel and Hamas began a ceasefire after 11 days of fighting", "a ceasefire between
    Israel and Hezbollah took effect, ending 34 days of fighting"), or []."""
    if tok.dep_ not in ("pobj", "dobj"):
        return []
    verb = tok.head
    for _ in range(4):  # up through "of", "days", "after" to the clause's verb
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subj = _subject(verb)
    if subj is None:
        return []
    if subj.conjuncts and _actor_like(subj):
        return [subj, *subj.conjuncts]
    return _parties(subj)


TIME_UNITS = {"hour", "day", "week", "month", "year", "night"}

# where a target hides when the trigger's own slots hold none (order = preference)
TARGET_PREPS = ("against", "on", "with", "to", "toward", "towards", "into", "from", "at", "between", "among")
STANCES = {"defiance", "protest", "opposition", "retaliation", "response", "revenge", "reprisal"}
OWNER_PREPS = ("by", "of", "from", "against", "on", "to", "with", "for")
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
# military exercises, which two or more sides hold together as cooperation
EXERCISES = {"exercise", "drill", "manoeuvre", "maneuver", "game", "wargame"}

# acts that two coordinated sides do to each other whatever their type
MUTUAL = {"agree", "clash", "fight", "fighting", "battle", "skirmish", "clashes"}


def _fallback_target(tok: Token, is_noun: bool, sources: list[Token], *, descend: bool = True) -> Token | None:
    """Return an actor the event is aimed at, found beyond the lexicon's slots.

    In order: a preposition on the trigger ("threatened action against Russia");
    the owner of a non-actor object ("rejected an Indian proposal", "condemned
    Serbia's crackdown"); for a verb, the clause it governs: its subject ("demanded
    that the US cancel"), or that clause's own object or owner ("threatened to
    cut off electricity to Nakhichevan", "offered to negotiate with Armenia").
    """
    taken = {s.i for s in sources}

    def ok(t: Token | None) -> bool:
        return t is not None and t.i not in taken and _actor_like(t)

    for prep in TARGET_PREPS:
        cand = _pobj(tok, prep)
        if ok(cand):
            return cand
    obj = _child(tok, OBJECTS)
    if obj is not None:
        cand = _owner(obj)
        if ok(cand):
            return cand
        for prep in TARGET_PREPS:  # on the object or a conjunct ("launched artillery and rocket fire against X")
            for thing in (obj, *obj.conjuncts):
                cand = _pobj(thing, prep)
                if ok(cand):
                    return cand
        inner = _pobj(obj, "of")  # "suspended part of an aid programme for Niger"
        for thing in (obj, inner):
            cand = _pobj(thing, "for") if thing is not None else None
            if ok(cand):
                return cand
    purpose = _pobj(tok, "for")  # "mobilised reservists for a war against Syria"
    if purpose is not None and purpose.pos_ == "NOUN":
        for prep in ("against", "on", "with"):
            cand = _pobj(purpose, prep)
            if ok(cand):
                return cand
    for prep in TARGET_PREPS:  # "an investigation into crimes committed by Croatian forces"
        thing = _pobj(tok, prep)
        if thing is not None and thing.i not in taken and ok(_owner(thing)):  # not "the streets of Minsk"
            return _owner(thing)
    # "in defiance of Chinese authorities", "in retaliation for Israel's strike"
    stances = [o for c in tok.children if c.dep_ == "prep" and c.lower_ == "in"
               for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() in STANCES]
    for stance in stances:
        for prep in ("of", "against", "at", "to", "for"):
            cand = _pobj(stance, prep)
            if cand is not None and not ok(cand):
                cand = _owner(cand)
            if ok(cand):
                return cand
    if is_noun and tok.dep_ in OBJECTS and (_light(tok.head) or tok.head.lemma_.lower() == "grant"):
        for prep in TARGET_PREPS:  # "granted asylum to X", "issued a warning to X", "launched fire against X"
            cand = _pobj(tok.head, prep)
            if ok(cand):
                return cand
        for comp in tok.head.children:  # "began a hunger strike to protest against Sweden's decision"
            if comp.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in comp.children):
                found = _fallback_target(comp, False, sources, descend=False)
                if found is not None:
                    return found
    if is_noun and tok.dep_ in OBJECTS and tok.head.lemma_.lower() in RECEIVING:
        receiver = _subject(tok.head)  # "demonstrators received assurances from the government"
        if ok(receiver):
            return receiver
    taker = _participation_verb(tok) if is_noun else None
    if taker is not None and taker.lemma_.lower() in ARRIVING and tok.lemma_.lower() in VISITS:
        for prep in ("to", "in"):  # "arrived in Havana for a visit": the visit is to Havana
            cand = _pobj(taker, prep)
            if ok(cand):
                return cand
    if is_noun and tok.dep_ == "pobj" and tok.head.lower_ == "at" and tok.head.head.pos_ == "VERB":
        answered = _subject(tok.head.head)  # "sent troops at Tonga's request": asked of the senders
        if ok(answered):
            return answered
    if is_noun:  # "its demand that Israel ease restrictions"
        for comp in tok.children:
            if comp.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in comp.children):
                subj = _child(comp, SUBJECTS | {"nsubjpass"})
                if ok(subj):
                    return subj
        return None
    if not descend:
        return None
    for comp in tok.children:
        if comp.dep_ == "ccomp" and comp.lemma_.lower() not in SPEECH_VERBS:
            subj = _child(comp, SUBJECTS | {"nsubjpass"})
            if ok(subj):
                return subj
        purpose = comp.dep_ == "advcl" and any(m.dep_ == "aux" and m.lower_ == "to" for m in comp.children)
        if (comp.dep_ == "xcomp" or purpose) and comp.pos_ in ("VERB", "AUX"):
            inner = _child(comp, OBJECTS)
            if ok(inner):
                return inner
            found = _fallback_target(comp, False, sources)
            if found is not None:
                return found
    return None


# an event named inside what one of these promises, asks for, refuses or threatens
# is that act's content, not an event of its own (PLOVER codes the act only)
CONTENT_TAKING = {"AGREE", "REQUEST", "REJECT", "THREATEN", "CONCEDE", "SANCTION"}
EMBEDDING_DEPS = {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "pcomp", "acl", "nsubjpass", "relcl"}


def _embedded_in_act(tok: Token, types: dict[int, str]) -> bool:
    """Return True if ``tok`` sits in the complement of an AGREE/REQUEST/REJECT/THREATEN
    trigger ("demanded the withdrawal of", "agreed to lift", "urged X to support").

    A refusal is the exception: what was refused is kept, negated ("refused to
    release the journalists": REJECT, and a RETREAT that did not happen).
    """
    if tok.dep_ == "acl" and _pobj(tok, "by") is not None:
        return False  # "under a deal brokered by China": the brokering is China's own act
    if ((tok.dep_ == "acl" and tok.tag_ == "VBN") or (tok.dep_ == "relcl" and tok.tag_ in ("VBD", "VBN"))) \
            and not any(d.dep_ == "det" and d.lower_ in ("any", "no", "every") for d in tok.head.children):
        # "the release of protesters detained last week", "factions that have attacked US forces": facts
        # (but "would veto any resolution that demanded a ceasefire": still the veto's content)
        return False
    cur = tok
    for _ in range(6):
        coordinate = cur.dep_ == "conj" and cur.head.dep_ in EMBEDDING_DEPS  # "urged X to allow ... and release ..."
        if (cur.dep_ not in EMBEDDING_DEPS and not coordinate) or cur.head.i == cur.i:
            return False
        cur = cur.head
        if coordinate:
            continue  # the coordinated verb is not what embeds: climb on from it
        if types.get(cur.i) in CONTENT_TAKING and types.get(cur.i) != types.get(tok.i):
            return not (types[cur.i] == "REJECT" and cur.lemma_.lower() in NEGATING_GOVERNORS)
    return False


def _serves_protest(tok: Token, types: dict[int, str]) -> bool:
    """Return True if a demand is made by a protest it hangs on ("staged a sit-in
    demanding", "demonstrated to press their demands", "strikers' demands")."""
    if _child(tok, SUBJECTS) is not None or _pobj(tok, "by") is not None:
        return False  # "austerity demanded by lenders": someone else's demand
    cur = tok
    for _ in range(4):
        if cur.dep_ not in ("advcl", "xcomp", "acl", "conj", "pobj", "prep", "dobj", "relcl") or cur.head.i == cur.i:
            return False
        cur = cur.head
        if types.get(cur.i) == "PROTEST":
            return True
        if cur.pos_ == "NOUN" and _crowd_of_protesters(cur):
            return True  # "protesters demanding the release of"
    return False


def _done_by_others(trig: _Trigger, types: dict[int, str]) -> bool:
    """Return True if an event noun under a coded verb is someone else's act, an event of
    its own: "rejected Argentina's call for talks", "stormed the sit-in"."""
    noun = trig.token
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    if trig.entry.type == "PROTEST" and types.get(verb.i) in PHYSICAL - {"PROTEST"}:
        return True  # a protest broken up is a protest that happened
    return _own_agent(noun)


def _own_agent(noun: Token) -> bool:
    """Return True if an event noun names an agent other than its verb's subject
    ("rejected Argentina's call", "condemned Russia's invasion")."""
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head
    agent = next((c for c in noun.lefts if c.dep_ == "poss" and c.pos_ != "PRON"), None)
    agent = agent or _pobj(noun, "by") or _pobj(noun, "from")
    if agent is None or not _actor_like(agent):
        return False
    subject = _subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    return subject is None or subject.i != agent.i


def _object_verb(noun: Token) -> Token:
    """Return the verb a noun is the object of, directly or through "a round of", else its head."""
    while noun.dep_ == "conj":  # "launched artillery, mortar and rocket fire": the first conjunct's verb
        noun = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.dep_ in OBJECTS:
        return noun.head.head.head
    return noun.head


def _argument_of(noun: Token, types: dict[int, str]) -> bool:
    """Return True if an event noun is the object of a coded verb, directly or by a preposition."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in OBJECTS | {"nsubjpass", "attr"}:
        return False
    return head.i != noun.i and head.i in types and head.pos_ in ("VERB", "AUX")


# verbs whose subject does what their object names ("launched an offensive",
# "held talks"); any other verb's subject does not ("prompted protests")
LIGHT_VERBS = {
    "launch", "carry", "conduct", "stage", "hold", "begin", "start", "mount", "make", "issue", "lead",
    "organise", "organize", "continue", "resume", "step", "intensify", "escalate", "reach", "sign",
    "conclude", "announce", "declare", "impose", "order", "approve", "give", "offer", "extend", "deliver",
    "provide", "send", "have", "pursue", "wage", "unleash", "file", "lodge", "express", "voice", "open",
    "end", "call", "join", "initiate", "undertake", "perform", "execute", "commit", "authorise",
    "authorize", "pledge", "promise", "plan", "prepare", "propose", "seek", "need", "want", "demand",
    "renew", "expand", "complete", "finish", "halt", "suspend", "stop", "break", "maintain", "keep",
    "observe", "respect", "implement", "enforce", "secure", "negotiate", "broker", "arrange",
    "tighten", "toughen", "widen", "broaden", "deepen", "reinforce", "strengthen", "prolong", "reimpose",
    "cancel", "scrap", "shelve", "postpone", "delay", "speed", "accelerate", "hasten",
}

# orders that are the act they order ("ordered the consul to leave", "to stop selling tours")
ORDERING = {"order", "force", "compel", "instruct", "tell", "give"}
LEAVE_VERBS = {"leave", "depart", "quit", "go"}
STOP_VERBS = {"stop", "suspend", "cease", "halt", "close", "shut"}
DIPLOMATS = {"diplomat", "consul", "ambassador", "envoy", "attache", "attaché", "chargé", "charge", "staff"}

# nouns that carry what a speaker says ("a reminder that Iraq must cooperate")
MESSAGES = {"reminder", "warning", "message", "statement", "letter", "note", "notice", "declaration", "insistence"}

# verbs of protest, done in the act whose purpose they are ("stayed home to protest")
PROTESTING = {"protest", "demonstrate"}

# verbs whose to-infinitive is their content, not a purpose
COMPLEMENT_TAKERS = {"swear", "vow", "pledge", "promise", "threaten", "refuse", "decline", "agree", "plan",
                     "intend", "want", "seek", "try", "attempt", "offer", "hope", "fail", "decide", "prepare"}

# verbs of letting, whose "to V" the parser often reads as a clause with its own subject
LETTING = {"allow", "permit", "let"}

# verbs whose negation is a rejection ("did not accept", "will not recognise")
REFUSED_WHEN_NEGATED = {"accept", "recognize", "recognise"}

# verbs of promising whose violent content makes them threats ("vowed to crush")
PROMISES = {"vow", "pledge", "promise", "swear"}

# purposes that make a deployment military assistance
HELPING = {"help", "assist", "support", "protect", "defend", "train"}


def _requested(tok: Token) -> bool:
    """Return True if the act answers a request ("sent troops at Tonga's request",
    "at the invitation of its government"): a deployment that assists."""
    asked = _pobj(tok, "at")
    return asked is not None and asked.lemma_.lower() in ("request", "invitation", "behest")


def _peacekeeping(tok: Token) -> bool:
    """Return True if the forces moved are peacekeepers ("deployed 800 peacekeepers to",
    "the deployment of UN peacekeeping troops"): assistance, not a show of force."""
    moved = [c for c in tok.children if c.dep_ in OBJECTS | SUBJECTS | {"nsubjpass"}]
    moved += [o for o in [_pobj(tok, "of")] if o is not None]
    return any(t.lower_.startswith("peacekeep") for m in moved for t in m.subtree)


def _purpose(tok: Token) -> str | None:
    """Return the verb of the trigger's purpose clause ("sent troops to help ..."), if any."""
    for c in tok.children:
        if c.dep_ in ("advcl", "xcomp") and any(m.lower_ == "to" for m in c.children if m.dep_ == "aux"):
            return c.lemma_.lower()
    obj = _child(tok, OBJECTS)  # "sent troops to help": the clause may hang on the object
    if obj is not None:
        for c in obj.children:
            if c.dep_ in ("relcl", "acl") and any(m.lower_ == "to" for m in c.children if m.dep_ == "aux"):
                return c.lemma_.lower()
    return None


# verbs of arriving, whose subject makes the visit or talks they come on or for
ARRIVING = {"arrive", "come", "travel", "fly", "go", "head", "land", "return"}
VISITS = {"visit", "trip", "tour"}

# verbs whose subject takes part in the event noun they govern by "in"
PARTICIPATION = {"participate", "join", "engage", "lead", "organise", "organize"}


def _participation_verb(noun: Token) -> Token | None:
    """Return the verb through which its subject takes part in an event noun, or None."""
    head = noun.head
    if noun.dep_ == "pobj" and head.lower_ == "in":
        verb = head.head
        if head.dep_ == "prep" and verb.dep_ == "dobj" and verb.lower_ == "part":
            verb = verb.head  # "take part in"
            return verb if verb.lemma_.lower() == "take" else None
        if verb.lemma_.lower() == "take" and any(c.lower_ == "part" for c in verb.children if c.dep_ in OBJECTS):
            return verb  # "took part in the talks", the preposition on the verb
        return verb if verb.pos_ == "VERB" and verb.lemma_.lower() in PARTICIPATION else None
    if noun.dep_ in OBJECTS and head.lemma_.lower() in ("join", "lead", "organise", "organize"):
        return head
    if noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in ("return", "come", "go"):
        return head.head  # "would return to talks with the United States"
    if noun.dep_ == "pobj" and head.lower_ in ("on", "for") and head.head.lemma_.lower() in ARRIVING:
        return head.head  # "arrived in Havana for a three-day visit"
    if noun.dep_ == "pobj" and head.lower_ == "under" and head.head.lemma_.lower() in ("place", "put", "keep", "hold"):
        return head.head  # "placed the president under house arrest"
    return None


def _owner(obj: Token) -> Token | None:
    """Return the actor a thing belongs to: possessor, nationality, or by/from/of phrase."""
    for c in obj.lefts:
        if c.dep_ == "poss" and c.pos_ != "PRON":
            return c
    for c in obj.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and c.ent_type_ in ("GPE", "NORP", "ORG"):
            return c
    for prep in OWNER_PREPS:
        cand = _pobj(obj, prep)
        if cand is not None and _actor_like(cand):
            return cand
    for c in obj.children:  # "crimes committed by Croatian forces"
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = _pobj(c, "by")
            if agent is not None and _actor_like(agent):
                return agent
    return None


# -- negation, modality, attribution, place ----------------------------------------


def _governors(tok: Token) -> Iterator[Token]:
    """Yield the verbs whose complement the trigger is (xcomp/ccomp/conj chain)."""
    cur = tok
    while (cur.dep_ in ("xcomp", "ccomp", "conj", "acl", "advcl", "pcomp", "pobj", "prep", "acomp", "csubj", "csubjpass")
           or (cur.dep_ == "advmod" and cur.lower_ == "short")) and cur.head.i != cur.i:  # "stopped short of"
        coordinate = cur.dep_ == "conj"
        cur = cur.head
        if not coordinate:  # "called the vote illegitimate and accused X": no governor
            yield cur


def _cancels(verb: Token) -> bool:
    """Return True for a verb that calls off what it governs ("cancelled", "called off", "scrapped")."""
    lemma = verb.lemma_.lower()
    return lemma in ("cancel", "scrap", "shelve") or (
        lemma == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children))


def _order(tok: Token) -> tuple[Token, Token] | None:
    """Return (ordered actor, ordered verb) of an order that is the act itself
    ("ordered a consul to leave", "told the newspaper to stop printing"), or None."""
    if tok.lemma_.lower() not in ORDERING:
        return None
    obj = _child(tok, OBJECTS)
    comp = _child(tok, {"xcomp"}) or next(  # the parser may hang "to leave" as a purpose clause
        (c for c in tok.children if c.dep_ == "advcl" and any(a.lower_ == "to" for a in c.children)), None)
    if obj is None or comp is None or not (_actor_like(obj) or obj.lemma_.lower() in DIPLOMATS):
        return None
    return (obj, comp) if comp.lemma_.lower() in LEAVE_VERBS | STOP_VERBS else None


def _complement(tok: Token) -> bool:
    """Return True for a verb's to-infinitive complement ("threatened to attack"), also where
    the parser hung it as a purpose clause ("have sworn to fight")."""
    if tok.dep_ == "xcomp":
        return True
    return tok.dep_ == "advcl" and tok.head.lemma_.lower() in COMPLEMENT_TAKERS and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
        not any(c.dep_ == "mark" for c in tok.children)


def _describes(tok: Token) -> bool:
    """Return True for a participle that describes its noun rather than tells an act:
    "militiamen armed with machetes", "troops equipped with tanks"."""
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.lemma_.lower() in ("arm", "equip") \
        and _pobj(tok, "by") is None


def _session(tok: Token) -> bool:
    """Return True for a body meeting on its own ("Israel's cabinet met on Sunday"): a
    session, not a consultation, which takes two sides; or for demands being met."""
    if tok.lemma_.lower() not in ("meet", "convene", "gather"):
        return False
    met = _child(tok, {"nsubjpass"})
    if met is not None and not _actor_like(met):
        return True  # "until their demands are met"
    if _child(tok, OBJECTS) is not None or any(_pobj(tok, p) is not None for p in ("with", "between")):
        return False
    subj = _child(tok, SUBJECTS)
    return subj is not None and subj.lemma_.lower() in SESSIONS and not any(
        t.dep_ in ("conj", "appos") for t in subj.subtree)


# bodies that meet in session ("the cabinet met", "the Security Council convened")
SESSIONS = {"cabinet", "council", "parliament", "committee", "assembly", "congress", "senate", "board",
          "politburo", "commission", "legislature", "caucus", "leadership", "junta", "conference"}


def _echo(tok: Token) -> bool:
    """Return True for a verb that repeats an earlier act: "followed suit", "did the same", "did likewise"."""
    lemma = tok.lemma_.lower()
    if lemma == "follow":
        return any(c.dep_ in OBJECTS and c.lower_ == "suit" for c in tok.children)
    if lemma == "do":
        return any((c.dep_ in OBJECTS and c.lower_ == "same") or (c.dep_ == "advmod" and c.lower_ == "likewise")
                   for c in tok.children)
    return False


def _negated_here(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            (d.lower_ == "no" and d.dep_ == "det") or (d.lower_ == "neither" and d.dep_ == "preconj")
            for d in c.children
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "without":
            return True
    return False


def _modality(tok: Token) -> tuple[bool, str]:
    """Return (negated, modality) of the event evoked by ``tok``."""
    negated = _negated_here(tok)
    modality = "asserted"
    # "no talks until the troops withdrew": the withdrawal is not what is negated
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark" and c.lower_ != "to"} if tok.dep_ == "advcl" else set()
    subordinate = bool(marks)
    if marks & {"until", "before", "once"} and _modality(tok.head) != (False, "asserted"):
        modality = "hypothetical"  # "will not return to talks until prisoners are released"
    if _in_purpose_clause(tok) and tok.lemma_.lower() not in PROTESTING:
        # "sent troops to help fight insurgents": intended, not done; but "shunned work to
        # protest" protests in the shunning
        modality = "hypothetical"
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if aux & FUTURE_AUX:
        modality = "future"
    if aux & HYPOTHETICAL_AUX:
        modality = "hypothetical"
        if not aux - {"would", "'d"} and _reported(tok):
            modality = "future"  # "said they would boycott": the future seen from the past
    if _conditional(tok):
        modality = "hypothetical"
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and _pobj(tok, "by") is not None:
        return negated, modality  # "a deal brokered by China": a clause of its own, told as done
    for gov in _governors(tok):
        lemma = gov.lemma_.lower()
        if lemma in DENYING_GOVERNORS:
            return True, "denied"
        if lemma == "rule" and any(c.lower_ == "out" for c in gov.children):
            if _negated_here(gov) or modality != "asserted" or _child(gov, {"aux"}) is not None:
                return negated, "hypothetical"  # "could not be ruled out", "did not rule out sending"
            return True, modality  # "ruled out sending troops"
        gaux = {c.lower_ for c in gov.children if c.dep_ == "aux"}
        if lemma not in SPEECH_VERBS and not subordinate and modality == "asserted":
            # "would retaliate by expelling", "would keep talking": the governor's auxiliary
            if gaux & FUTURE_AUX:
                modality = "future"
            elif gaux & HYPOTHETICAL_AUX:
                modality = "future" if not gaux - {"would", "'d"} and _reported(gov) else "hypothetical"
        if lemma in NEGATING_GOVERNORS:
            negated = True
        elif lemma in FUTURE_GOVERNORS and modality == "asserted":
            modality = "future"
        elif lemma in HYPOTHETICAL_GOVERNORS and modality in ("asserted", "future"):
            modality = "hypothetical"
        if _negated_here(gov) and lemma not in SPEECH_VERBS and not subordinate:
            negated = not negated if lemma in NEGATING_GOVERNORS else True
        if _conditional(gov):
            modality = "hypothetical"
        if lemma in ALLEGING_GOVERNORS and modality == "asserted":
            modality = "reported"
        if lemma in SPEECH_VERBS:
            break
    return negated, modality


# what an actor says it will do is itself an event (PLOVER codebook): willingness
# to cooperate is AGREE, a promised concession CONCEDE, a warning that it will
# coerce, punish or attack THREATEN, and saying it will not cooperate REJECT
INTENTS = {
    "CONSULT": "AGREE", "SUPPORT": "AGREE", "COOPERATE": "AGREE", "AID": "AGREE",
    "RETREAT": "CONCEDE",
    "ASSAULT": "THREATEN", "COERCE": "THREATEN", "SANCTION": "THREATEN", "PROTEST": "THREATEN",
}
# governors whose subject says it means to do what their to-clause names
INTENDING = {"plan", "intend", "prepare", "ready", "willing", "determined", "determine"}


# predicates that make their subject an event that may happen
POSSIBLE = {"possible", "likely", "unlikely", "probable", "imminent", "inevitable", "conceivable", "feasible"}
# modifiers that put an event noun in the future
PLANNED = {"planned", "scheduled", "upcoming", "forthcoming", "expected", "future", "proposed", "impending"}


def _intent_type(type_: str, negated: bool) -> str | None:
    """Return the type of the commitment to do an event of ``type_``, or None."""
    intent = INTENTS.get(type_)
    if negated:  # "will not send troops": a refusal; "will not attack": no event of its own
        return "REJECT" if intent in ("AGREE", "CONCEDE") else None
    return intent


def _intent_marker(clause: Token) -> Token | None:
    """Return the word by which the clause's subject commits to its event, or None.

    "will"/"shall" on a main or reported clause ("Finland will give", "said it
    will withdraw"), "would" in reported speech or with a condition ("said they
    would boycott", "would meet him if"), and intending governors ("is ready to
    contribute", "plans to impose"). What others expect or schedule ("is
    expected to", "is due to") and what may happen ("could", "may") commit no one.
    """
    if _complement(clause):
        head = clause.head
        return head if head.lemma_.lower() in INTENDING or head.lower_ in INTENDING else None
    if clause.dep_ not in ("ROOT", "ccomp", "parataxis", "conj"):
        return None  # "a force that will monitor", "before they withdraw": no commitment
    for c in clause.children:
        if c.dep_ != "aux":
            continue
        if c.lower_ in FUTURE_AUX:
            return c
        if c.lower_ in ("would", "'d") and (_reported(clause) or _conditional(clause)):
            return c
    return None


def _attempted(clause: Token) -> bool:
    """Return True if the clause is what an asserted try or attempt governs."""
    attempt = next(_governors(clause), clause)
    return attempt.lemma_.lower() in ("try", "attempt") and _modality(attempt) in ((False, "asserted"), (False, "reported"))


def _reported(tok: Token) -> bool:
    """Return True if the clause is what a speaker said ("X said it would ...")."""
    return tok.dep_ in ("ccomp", "parataxis") and tok.head.lemma_.lower() in SPEECH_VERBS | {"warn", "vow"}


def _in_purpose_clause(tok: Token) -> bool:
    """Return True if the trigger sits in an infinitival purpose clause ("... to help fight")."""
    cur = tok
    for _ in range(4):
        if cur.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "conj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _conditioned(tok: Token, embedded: tuple[Token, Entry] | None, sources: list[Token]) -> Token | None:
    """Return the actor that must meet a threat's or promise's condition ("unless Sudan
    expelled the rebels", "if Washington went ahead"), or None."""
    taken = {s.i for s in sources}
    for c in tok.subtree:  # on the threat, or on what it threatens ("to launch an offensive unless ...")
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children) \
                and c.lemma_.lower() not in SPEECH_VERBS:  # a misparsed "..., the minister said" is no condition
            subj = _child(c, SUBJECTS)
            if subj is not None and subj.i not in taken and subj.pos_ != "PRON" and _actor_like(subj):
                return subj
    return None


def _condition(tok: Token) -> str | None:
    """Return the word of the clause's condition ("if", "unless"), or None."""
    for c in tok.children:
        if c.dep_ == "advcl":
            mark = next((m.lower_ for m in c.children if m.dep_ == "mark" and m.lower_ in ("if", "unless")), None)
            if mark is not None:
                return mark
    return None


def _conditional(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children if m.dep_ == "mark"):
            return True
        if c.lower_ == "if" or (c.dep_ in ("advmod", "prep", "advcl") and any(m.lower_ == "if" for m in c.children)):
            return True
    return False


def _attribution(tok: Token, coder: Coder) -> str | None:
    """Return who says the event happened ("according to X", "X said", "X denied"), or None.

    Only reporting clauses count: the chain climbs complements and
    coordinations, never an adverbial clause ("declared an emergency after
    gunmen stormed the station" is no report of the storming).
    """
    chain = [tok, *_reporting_chain(tok)]
    for t in chain:
        for c in t.children:
            if c.lower_ == "according":
                to = next((g for g in c.children if g.lower_ == "to"), None)
                src = _child(to, {"pobj"}) if to is not None else None
                if src is not None:
                    return _speaker(src, coder)
            if (c.dep_ in ("parataxis", "ccomp", "advcl") or _closing_report(t, c)) and \
                    c.lemma_.lower() in SPEECH_VERBS and c.i > t.i:
                subj = _child(c, SUBJECTS) or _detached_speaker(c)
                if subj is not None:
                    return _speaker(subj, coder)
    for t in chain[1:]:
        if t.lemma_.lower() in SPEECH_VERBS | ALLEGING_GOVERNORS | DENYING_GOVERNORS:
            subj = _child(t, SUBJECTS) or (_subject(t) if t.dep_ == "conj" else None)  # "X withdrew ... and said"
            if subj is not None:
                return _speaker(subj, coder)
    return None


def _closing_report(clause: Token, verb: Token) -> bool:
    """Return True for "X will do Y, the embassy announced" parsed as a coordination:
    a speech verb joined without "and", with nothing said of its own."""
    if verb.dep_ != "conj" or verb.head.i != clause.i:
        return False
    if any(ch.dep_ in ("dobj", "ccomp", "xcomp", "cc") for ch in verb.children):
        return False
    return not any(t.dep_ == "cc" and t.head.i == clause.i for t in clause.doc[clause.i:verb.i])


def _detached_speaker(verb: Token) -> Token | None:
    """Return the speaker of a closing "..., the embassy announced" that the parser
    left without a subject (the noun phrase hung on the clause before), or None."""
    doc = verb.doc
    start = verb.i
    while start > 0 and start > verb.i - 12 and not doc[start].is_sent_start:
        start -= 1  # the sentence's start, found without Token.sent (which walks the document)
    comma = next((j for j in range(verb.i - 1, start - 1, -1) if doc[j].text == ","), None)
    if comma is None or comma == verb.i - 1 or doc[verb.i - 1].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    inside = range(comma + 1, verb.i)
    roots = [doc[j] for j in inside if doc[j].head.i not in inside or doc[j].head.i == j]
    return roots[0] if len(roots) == 1 and roots[0].pos_ in ("NOUN", "PROPN", "PRON") else None


def _reporting_chain(tok: Token) -> Iterator[Token]:
    """Yield the verbs above the trigger through complements (ccomp/xcomp) and coordination."""
    cur = tok
    for _ in range(8):
        if cur.dep_ not in ("xcomp", "ccomp", "conj", "pcomp", "pobj", "prep", "acomp") or cur.head.i == cur.i:
            return
        coordinate = cur.dep_ == "conj"
        cur = cur.head
        if not coordinate:
            yield cur


def _speaker(tok: Token, coder: Coder) -> str:
    """Return the speaker as the text names it ("the Pentagon", not "United States")."""
    if tok.pos_ == "PRON":  # "he said": the person the pronoun stands for
        actor = coder._actor(tok)
        return actor.name or actor.text
    return _phrase(tok).text


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


# verbs whose subject receives the act their object names ("received assurances from X")
RECEIVING = {"receive", "get", "obtain", "win", "accept", "welcome", "secure"}

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


def _promised(tok: Token, entry: Entry, embedded: tuple[Token, Entry] | None) -> Entry:
    """Return what a promise codes as, by what is promised (PLOVER codebook):
    a concession ("promised to lift the curfew") is CONCEDE, violence ("vowed
    to crush the rebels") is THREATEN, cooperation stays AGREE."""
    if entry.type != "AGREE" or embedded is None:
        return entry
    promised = embedded[1].type
    if promised in ("RETREAT", "CONCEDE"):
        return dataclasses.replace(entry, type="CONCEDE", mode=None)
    if promised in ("ASSAULT", "COERCE") and tok.lemma_.lower() in PROMISES:
        return dataclasses.replace(entry, type="THREATEN", mode=None)
    return entry


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
