"""Parse-tree helpers the whole coder uses: children, phrases, subjects, owners, actor-like phrases."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


SUBJECTS = {"nsubj", "csubj"}
OBJECTS = {"dobj", "obj"}
OBJECT_CONTROL = {"ask", "urge", "order", "allow", "force", "tell", "invite", "call", "persuade", "convince", "instruct", "authorize", "authorise", "permit"}
ACTOR_ENTS = {"PERSON", "ORG", "GPE", "NORP", "FAC"}


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


OWNER_PREPS = ("by", "of", "from", "against", "on", "to", "with", "for")

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


# verbs of protest, done in the act whose purpose they are ("stayed home to protest")
PROTESTING = {"protest", "demonstrate"}

# verbs whose to-infinitive is their content, not a purpose
COMPLEMENT_TAKERS = {"swear", "vow", "pledge", "promise", "threaten", "refuse", "decline", "agree", "plan",
                     "intend", "want", "seek", "try", "attempt", "offer", "hope", "fail", "decide", "prepare"}


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


def _complement(tok: Token) -> bool:
    """Return True for a verb's to-infinitive complement ("threatened to attack"), also where
    the parser hung it as a purpose clause ("have sworn to fight")."""
    if tok.dep_ == "xcomp":
        return True
    return tok.dep_ == "advcl" and tok.head.lemma_.lower() in COMPLEMENT_TAKERS and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
        not any(c.dep_ == "mark" for c in tok.children)
