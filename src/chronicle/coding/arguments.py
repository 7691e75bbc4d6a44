"""Arguments: an event's source and target phrases, from the trigger's slots and beyond them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .lexicon import Entry
from .modality import SPEECH_VERBS
from .syntax import (
    OBJECTS,
    SUBJECTS,
    _actor_like,
    _child,
    _crowd_of_protesters,
    _has_theme,
    _light,
    _owner,
    _pobj,
    _subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Token


def _country_list(tok: Token) -> list[Token]:
    """Return the other states of a list the parser read as an apposition
    ("The United States, Saudi Arabia, Jordan and the UAE launched"), or []."""
    if tok.ent_type_ != "GPE":
        return []
    named = _child(tok, {"appos"})
    if named is None or named.ent_type_ != "GPE":
        return []
    return [named, *named.conjuncts]


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
RECIPROCAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}

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


# verbs whose subject receives the act their object names ("received assurances from X")
RECEIVING = {"receive", "get", "obtain", "win", "accept", "welcome", "secure"}
