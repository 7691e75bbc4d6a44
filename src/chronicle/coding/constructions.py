"""Constructions that decide what is an event of its own: acts inside acts, orders, echoes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .modality import NEGATING_GOVERNORS
from .places import PHYSICAL
from .syntax import (
    OBJECTS,
    SUBJECTS,
    _actor_like,
    _child,
    _crowd_of_protesters,
    _pobj,
    _subject,
)
from .triggers import _Trigger

if TYPE_CHECKING:
    from spacy.tokens import Token


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


# orders that are the act they order ("ordered the consul to leave", "to stop selling tours")
ORDERING = {"order", "force", "compel", "instruct", "tell", "give"}
LEAVE_VERBS = {"leave", "depart", "quit", "go"}
STOP_VERBS = {"stop", "suspend", "cease", "halt", "close", "shut"}
DIPLOMATS = {"diplomat", "consul", "ambassador", "envoy", "attache", "attaché", "chargé", "charge", "staff"}

# nouns that carry what a speaker says ("a reminder that Iraq must cooperate")
MESSAGES = {"reminder", "warning", "message", "statement", "letter", "note", "notice", "declaration", "insistence"}


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


def _echo(tok: Token) -> bool:
    """Return True for a verb that repeats an earlier act: "followed suit", "did the same", "did likewise"."""
    lemma = tok.lemma_.lower()
    if lemma == "follow":
        return any(c.dep_ in OBJECTS and c.lower_ == "suit" for c in tok.children)
    if lemma == "do":
        return any((c.dep_ in OBJECTS and c.lower_ == "same") or (c.dep_ == "advmod" and c.lower_ == "likewise")
                   for c in tok.children)
    return False
