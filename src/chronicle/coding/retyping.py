"""Rules by which the sentence changes what a lexicon entry codes as (a crowd's attack is PROTEST)."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..records import Actor
from .lexicon import Entry
from .syntax import CROWDS, OBJECTS, SUBJECTS, _child, _crowd_of_protesters, _pobj

if TYPE_CHECKING:
    from spacy.tokens import Token


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


# military exercises, which two or more sides hold together as cooperation
EXERCISES = {"exercise", "drill", "manoeuvre", "maneuver", "game", "wargame"}

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
