"""Negation, modality, conditions, commitments and attribution, read from the clauses above a trigger."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from .lexicon import Entry
from .syntax import (
    PROTESTING,
    SUBJECTS,
    _actor_like,
    _child,
    _complement,
    _phrase,
    _pobj,
    _subject,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .coder import Coder


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


def _negated_here(tok: Token) -> bool:
    if tok.dep_ == "pcomp" and tok.head.lower_ == "without":
        return True  # "left without signing the accord"
    for c in tok.children:
        if c.dep_ == "neg" or c.lower_ in ("never",):
            return True
        if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and any(
            (d.lower_ == "no" and d.dep_ == "det") or (d.lower_ == "neither" and d.dep_ == "preconj")
            for d in c.children
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "without" and _child(c, {"pcomp"}) is None:
            return True  # "tried without success"; not "entered the city without meeting resistance"
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
