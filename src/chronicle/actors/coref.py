"""Within-document coreference: pronouns and definite descriptions to earlier actors.

One left-to-right pass over a Doc's resolved mentions. Each mention that
can be referred back to carries a class (``_Found.ref``):

``person``  a named person, an unknown PERSON entity, or a single office
            holder ("the Kazakh foreign minister", "a journalist");
``country`` a country or capital, acting or as a place;
``org``     an organisation or a singular collective ("the government");
``group``   a plural group ("Belarusian troops", "the Houthis").

``he/him/his`` and ``she/her/hers`` take the most recent person of a
compatible gender (gender from ``people.yaml`` where known); ``they/them/
their`` the most recent group or organisation; ``it/its`` the most recent
organisation or country, except an expletive "it" ("it is clear that").
Candidates come from the pronoun's sentence (most recent first) and then
from up to ``WINDOW`` sentences back, where a subject outranks a more
recent non-subject ("Lukashenko met the envoy. He said ..." -> Lukashenko).
An object pronoun never takes the subject of its own verb ("Putin praised
him").

Definite descriptions ("the"/"this"/"that" + noun) take the most recent
compatible actor anywhere earlier in the document (never a later one):

- a person description ("the dictator", "the strongman", "the president",
  "the prime minister") -> a person; for an office noun the person holding
  that office on the date first, else the holder of that office in the most
  recently named country, else the most recent person;
- a country description ("the country", "the nation", "the pariah state")
  -> the most recent country: acting it is the government (GOV), elsewhere
  a place;
- an organisation description ("the alliance", "the bloc", "the group",
  "the movement") -> the most recent organisation (IGO ones for alliance and
  bloc);
- a sector noun phrase with no country of its own ("the army", "the
  regime", "the opposition", "the protesters") keeps its sector and takes
  the country of the most recent mention that has one, except a place
  that only modifies a non-actor noun in another argument of the same
  clause ("US drone attacks killed eight militant leaders": the leaders
  are not American); a whole actor still counts ("Belarusian police
  detained protesters" -> BLR PRO).

A possessive pronoun also gives its antecedent's country to the sector
noun it modifies ("his troops" -> the antecedent's country, MIL).

Nothing takes its codes from a later mention ("Serb forces killed ethnic
Albanians": the forces are not Albanian). One step that is no coreference
looks later in the sentence: a sector noun left with no country ("soldiers",
"police") is placed where the sentence happens, the country of a place
after "in"/"near"/"at"/... ("Soldiers detained the president in Bamako" ->
MLI MIL, rule ``sector+place``); a later actor never counts.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer, SectorLexicon
from .spans import _acts, _former, _Found

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WINDOW = 3  # sentences a pronoun looks back beyond its own

_PRONOUNS: dict[str, tuple[frozenset[str], str | None]] = {
    **{p: (frozenset({"person"}), "m") for p in ("he", "him", "his", "himself")},
    **{p: (frozenset({"person"}), "f") for p in ("she", "her", "hers", "herself")},
    **{p: (frozenset({"group", "org"}), None) for p in ("they", "them", "their", "theirs", "themselves")},
    **{p: (frozenset({"org", "country"}), None) for p in ("it", "its", "itself")},
}
_DETERMINERS = frozenset({"the", "this", "that"})
_PERSON_DESCRIPTIONS = frozenset({
    "dictator", "strongman", "autocrat", "ruler", "despot", "tyrant", "leader", "politician",
    "incumbent", "statesman", "monarch", "premier", "president", "chancellor", "minister",
    "prime minister", "foreign minister", "defence minister", "defense minister", "king",
    "queen", "emir", "sultan", "general", "veteran", "head of state",
})
# Descriptions of someone in power: the antecedent must be in government (GOV) when one is.
_RULER_DESCRIPTIONS = frozenset({"dictator", "strongman", "autocrat", "ruler", "despot", "tyrant",
                                 "incumbent", "monarch", "president", "premier", "chancellor"})
_COUNTRY_DESCRIPTIONS = frozenset({
    "country", "nation", "state", "republic", "kingdom", "monarchy", "emirate", "pariah state",
    "rogue state", "island nation", "island state", "city-state", "federation",
})
_ORG_DESCRIPTIONS: dict[str, frozenset[str] | None] = {
    "alliance": frozenset({"IGO"}), "bloc": frozenset({"IGO"}), "organisation": None,
    "organization": None, "group": None, "movement": None, "agency": None, "body": None,
    "outlet": frozenset({"MED"}), "broadcaster": frozenset({"MED"}), "militia": frozenset({"REB", "MIL"}),
    "charity": frozenset({"NGO"}), "watchdog": None, "network": None, "union": None,
}
# Sector nouns that name one person (the rest of the lexicon names groups or bodies).
PERSON_NOUNS = frozenset({
    "leader", "official", "spokesman", "spokeswoman", "spokesperson", "head", "chief",
    "representative", "commander", "officer", "member", "diplomat", "governor", "mayor",
    "journalist", "reporter", "editor", "blogger", "activist", "dissident", "soldier", "judge",
    "prosecutor", "priest", "bishop", "imam", "cleric", "patriarch", "student", "teacher",
    "professor", "businessman", "refugee", "migrant", "civilian", "worker", "farmer",
    "policeman", "policewoman", "lawmaker", "senator", "militant", "rebel", "insurgent",
    "separatist", "jihadist", "guerrilla", "protester", "protestor", "demonstrator",
})
_GROUP_NOUNS = frozenset({"police", "clergy", "people", "staff", "media", "press"})
_OBJECT_DEPS = frozenset({"dobj", "pobj", "dative", "iobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_EXPLETIVE_VERBS = frozenset({"be", "seem", "appear", "happen", "rain", "matter", "emerge"})
_EXPLETIVE_ADJECTIVES = frozenset({"clear", "unclear", "likely", "unlikely", "possible", "impossible",
                                   "important", "necessary", "true", "false", "time", "difficult",
                                   "hard", "easy", "vital", "essential", "obvious", "doubtful"})


def reference_class(token: Token, category: str, sector: str | None) -> str | None:
    """Return the antecedent class of a sector noun phrase headed by ``token``."""
    lower = token.lower_
    if category == "role" or lower in PERSON_NOUNS:
        return "person"
    if token.tag_ in ("NNS", "NNPS") or lower in _GROUP_NOUNS:
        return "group"
    return "org"


def org_class(token: Token, sector: str | None) -> str:
    """Return "group" for a plural organisation name ("the Houthis"), else "org"."""
    text = token.text
    if token.tag_ == "NNPS" or (text.endswith("s") and not text.endswith("ss") and text[:1].isupper()
                                and sector in ("REB", "PTY", "OPP")):
        return "group"
    return "org"


def resolve(doc: Doc, found: Sequence[_Found], gazetteer: Gazetteer, lex: SectorLexicon,
            day: str | None) -> list[_Found]:
    """Return ``found`` with pronoun mentions added and definite descriptions resolved.

    ``found`` is in text order; so is the result.
    """
    sent_of = _sentence_index(doc)
    covered = {i for f in found for i in range(f.start, f.end)}
    by_start: dict[int, list[int]] = {}
    for n, f in enumerate(found):
        by_start.setdefault(f.start, []).append(n)
    out: list[_Found] = list(found)
    history: list[_Found] = []  # referable mentions before the current token
    pronoun_at: dict[int, _Found] = {}
    for tok in doc:
        for n in by_start.get(tok.i, ()):
            f = _possessor_country(doc, _description(doc, out[n], history, gazetteer, lex, day),
                                   pronoun_at)
            out[n] = f
            if f.ref is not None or f.country is not None:
                history.append(f)
        if tok.i in covered:
            continue
        if tok.pos_ == "PRON" and tok.lower_ in _PRONOUNS:
            f = _pronoun(doc, tok, history, sent_of)
            if f is not None:
                out.append(f)
                history.append(f)
                pronoun_at[tok.i] = f
            continue
        f = _new_description(doc, tok, history, covered, gazetteer, day=day) or _possessed(
            doc, tok, pronoun_at, covered, lex)
        if f is not None:
            out.append(f)
            covered.update(range(f.start, f.end))
            if f.kind == "actor" or f.ref:
                history.append(f)
    for n, f in enumerate(out):
        if f.country is None and f.kind == "actor" and f.rule in ("sector", "role") \
                and f.name is None and f.sector != "IGO":
            out[n] = _scene(doc, f, out)
    out.sort(key=lambda f: (f.start, f.end))
    return out


def _possessor_country(doc: Doc, f: _Found, pronoun_at: dict[int, _Found]) -> _Found:
    """Return a sector phrase a resolved pronoun possesses with that pronoun's country ("his troops").

    Done as the phrase enters the history, so a later pronoun takes the
    country too ("her party said it would ...": the party's country).
    """
    if f.country is not None or f.kind != "actor" or f.rule not in ("sector", "role"):
        return f
    poss = next((c for c in doc[f.head].children if c.dep_ == "poss" and c.i in pronoun_at), None)
    if poss is None or not pronoun_at[poss.i].country:
        return f
    return dataclasses.replace(f, country=pronoun_at[poss.i].country, rule="possessor+sector")


_SCENE_PREPS = frozenset({"in", "near", "outside", "around", "across", "inside", "at"})


def _scene(doc: Doc, f: _Found, found: Sequence[_Found]) -> _Found:
    """Return an unnamed sector actor with no antecedent placed where its sentence happens.

    No coreference: "Soldiers detained the president in Bamako" -> MLI MIL,
    from a place (never an actor) that is the object of "in", "near", "at",
    ... in the same sentence; rule ``sector+place``.
    """
    sent = doc[f.head].sent
    for p in found:
        if (p.kind == "place" and p.country and sent.start <= p.start < sent.end
                and doc[p.head].dep_ == "pobj" and doc[p.head].head.lower_ in _SCENE_PREPS):
            return dataclasses.replace(f, rule="sector+place", country=p.country)
    return f


def _sentence_index(doc: Doc) -> list[int]:
    """Return the sentence number of every token."""
    if not doc.has_annotation("SENT_START"):
        return [0] * len(doc)
    index, n = [], -1
    for tok in doc:
        if tok.is_sent_start or tok.i == 0:
            n += 1
        index.append(n)
    return index


def _pronoun(doc: Doc, tok: Token, history: list[_Found], sent_of: list[int]) -> _Found | None:
    """Return the pronoun ``tok`` coded as its antecedent, or None when it has none."""
    classes, gender = _PRONOUNS[tok.lower_]
    if tok.lower_ in ("it", "itself") and (tok.dep_ not in _SUBJECT_DEPS or _expletive(tok)):
        return None  # an object "it" is nearly always a thing: "denied it", "withdrew it"
    here = sent_of[tok.i]
    verb = tok.head if tok.dep_ in _OBJECT_DEPS else None
    if verb is not None and verb.dep_ == "prep":
        verb = verb.head
    best: _Found | None = None
    best_key: tuple[int, int, int] | None = None
    for f in history:
        back = here - sent_of[f.head]
        if back < 0 or back > WINDOW or f.ref not in classes:
            continue
        if gender is not None and f.gender is not None and f.gender != gender:
            continue
        head = doc[f.head]
        if verb is not None and head.head.i == verb.i and head.dep_ in _SUBJECT_DEPS:
            continue  # "Putin praised him": not Putin
        subject = 1 if back > 0 and head.dep_ in _SUBJECT_DEPS else 0
        key = (-back, subject, f.head)
        if best_key is None or key > best_key:
            best, best_key = f, key
    if best is None:
        return None
    return _Found(tok.i, tok.i + 1, tok.i, "actor", "coref:pronoun", best.name, best.country,
                  best.sector, best.ref, best.gender)


def _expletive(tok: Token) -> bool:
    """Return True for a dummy "it" ("it is clear that", "it seems", "made it clear")."""
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ == "poss":
        return False
    if tok.dep_ in _SUBJECT_DEPS:
        if lemma in _EXPLETIVE_VERBS - {"be"}:
            return True
        if lemma == "be":
            return any(c.dep_ == "acomp" and c.lower_ in _EXPLETIVE_ADJECTIVES for c in head.children) \
                or any(c.dep_ in ("ccomp", "csubj") for c in head.children) \
                or any(c.dep_ == "attr" and c.lower_ in ("time", "matter") for c in head.children)
        return False
    if tok.dep_ == "dobj":
        return any(c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") for c in head.children)
    return tok.dep_ not in _OBJECT_DEPS


def _determined(doc: Doc, head: Token) -> bool:
    """Return True when the noun phrase of ``head`` starts with the/this/that."""
    return any(c.dep_ == "det" and c.lower_ in _DETERMINERS for c in head.lefts)


def _description(doc: Doc, f: _Found, history: list[_Found], gazetteer: Gazetteer,
                 lex: SectorLexicon, day: str | None) -> _Found:
    """Return a sector or role phrase with no country resolved against other mentions."""
    if f.rule == "ner-unresolved" and f.kind == "actor" and f.end - f.start <= 2:
        # "the pariah State", "the Alliance": the NER took a description for a name
        return _new_description(doc, doc[f.head], history, set(), gazetteer, start=f.start,
                                day=day) or f
    if f.kind != "actor" or f.country is not None or f.rule not in ("sector", "role"):
        return f
    if f.sector == "IGO" or f.name is not None:
        return f
    head = doc[f.head]
    phrase = doc[f.start:f.end].text.lower()
    if _determined(doc, head) and f.ref == "person" and (
            f.rule == "role" or head.lower_ in _PERSON_DESCRIPTIONS):
        office = lex.roles.get(phrase, lex.roles.get(head.lower_, (None, None)))[1]
        former = _former(doc, f.start)
        ante = _person(doc, history, gazetteer, None if former else office, day,
                       ruler=head.lower_ in _RULER_DESCRIPTIONS and not former)
        if ante is not None:
            if former:
                entry = gazetteer.lookup(ante.name) if ante.name else None
                sector = entry.out_of_office if entry is not None else None
            elif f.rule == "role" or head.lower_ == "leader" or f.sector is None:
                sector = ante.sector
            else:
                sector = f.sector
            return dataclasses.replace(f, rule="coref:description", name=ante.name,
                                       country=ante.country, sector=sector, gender=ante.gender)
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.lefts):
        return f  # "its forces": the possessor decides (see ``resolve``)
    if head.dep_ == "conj" and not _determined(doc, head):
        return f  # "Emirati officials and some farmers": a list names different actors
    # "the rebels" after "the M23": the latest mention of the same sector, else the latest
    # country; never a country that only modifies another argument of the same clause
    # ("US drone attacks killed eight militant leaders": the leaders are not American).
    history = [h for h in history if not _counterpart_modifier(doc, h, head)]
    country = next((h.country for h in reversed(history) if h.country and h.sector == f.sector), None)
    country = country or next((h.country for h in reversed(history) if h.country), None)
    # Only what came before: a later mention is no antecedent ("Serb forces killed
    # ethnic Albanians" must not make the forces Albanian).
    if country is None:
        return f
    return dataclasses.replace(f, rule="coref:description", country=country)


_MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
_ARGUMENT_DEPS = _SUBJECT_DEPS | _OBJECT_DEPS | frozenset({"agent", "attr", "appos"})


def _clause_argument(token: Token) -> tuple[int, int] | None:
    """Return (verb, argument head) for the clause argument ``token`` lies in, or None."""
    while token.head.i != token.i:
        if token.dep_ in _ARGUMENT_DEPS and token.head.pos_ in ("VERB", "AUX"):
            return token.head.i, token.i
        if token.dep_ == "pobj" and token.head.head.pos_ in ("VERB", "AUX"):
            return token.head.head.i, token.i
        if token.pos_ in ("VERB", "AUX"):
            return None
        token = token.head
    return None


def _counterpart_modifier(doc: Doc, h: _Found, head: Token) -> bool:
    """Return True when the place-like mention ``h`` only modifies a non-actor noun in
    another argument of ``head``'s clause ("US" of "US drone attacks killed ... leaders").

    Such a country belongs to the other argument's doer, never to a generic
    group ``head`` heads; a whole actor ("Belarusian police detained
    protesters") still gives its country (convention 2: domestic events).
    """
    if h.kind != "place" or h.start >= head.i:
        return False
    name = doc[h.head]
    if name.dep_ not in _MODIFIER_DEPS or name.head.i == head.i:
        return False
    here, there = _clause_argument(head), _clause_argument(name)
    return here is not None and there is not None and here[0] == there[0] and here[1] != there[1]


def _person(doc: Doc, history: list[_Found], gazetteer: Gazetteer, office: str | None,
            day: str | None, *, ruler: bool = False) -> _Found | None:
    """Return the antecedent of a person description: the office holder first, else the latest person.

    ``ruler`` ("the dictator") prefers the latest person in government.
    """
    people = [h for h in history if h.ref == "person" and (h.country or h.name)]
    if ruler and any(h.sector == "GOV" for h in people):
        people = [h for h in people if h.sector == "GOV"]
    elif ruler:  # "the dictator" with only his opponents named: the country's head of state
        people = []
    if office and day:
        for h in reversed(people):
            entry = gazetteer.lookup(h.name) if h.name else None
            held = entry.office_on(day) if entry is not None else None
            if held is not None and held.role == office:
                return h
        country = next((h.country for h in reversed(history) if h.country), None)
        if country:
            holders = gazetteer.office_holders(country, office, day)
            if len(holders) == 1:
                e = holders[0]
                return _Found(0, 0, 0, "actor", "role", e.name, e.country, e.sector_on(day), "person",
                              e.gender)
    return people[-1] if people else None


def _possessed(doc: Doc, tok: Token, pronoun_at: dict[int, _Found], covered: set[int],
               lex: SectorLexicon) -> _Found | None:
    """Return "her supporters", "his country": a noun whose possessor pronoun was resolved."""
    poss = next((c for c in tok.lefts if c.dep_ == "poss" and c.i in pronoun_at), None)
    if poss is None or tok.pos_ != "NOUN" or tok.i in covered:
        return None
    ante = pronoun_at[poss.i]
    lower = tok.lower_
    if lower in _COUNTRY_DESCRIPTIONS and ante.country:
        kind = "actor" if _acts(tok) else "place"
        return _Found(tok.i, tok.i + 1, tok.i, kind, "coref:description", None, ante.country,
                      "GOV" if kind == "actor" else None, "country")
    hit = lex.get(lower)
    if hit is not None and hit[0] == "weak" and tok.tag_ == "NNS":  # "her supporters"
        return _Found(tok.i, tok.i + 1, tok.i, "actor", "possessor+sector", None, ante.country,
                      hit[1] or ante.sector, "group")
    return None


def _new_description(doc: Doc, tok: Token, history: list[_Found], covered: set[int],
                     gazetteer: Gazetteer | None = None, start: int | None = None,
                     day: str | None = None) -> _Found | None:
    """Return a description the gazetteer rules do not code ("the dictator"), resolved, or None."""
    if tok.pos_ not in ("NOUN", "PROPN") or not _determined(doc, tok):
        return None
    lower = tok.lower_
    if tok.dep_ in ("compound", "amod") and tok.head.i > tok.i:
        return None
    prev = doc[tok.i - 1].lower_ if tok.i > 0 else ""
    two = f"{prev} {lower}"
    start = tok.i if start is None else start
    while start > 0 and doc[start - 1].dep_ in ("amod", "compound") and doc[start - 1].head.i == tok.i \
            and doc[start - 1].i not in covered:
        start -= 1
    if lower in _PERSON_DESCRIPTIONS or two in _PERSON_DESCRIPTIONS:
        ruler = lower in _RULER_DESCRIPTIONS
        ante = _person(doc, history, gazetteer, "president" if ruler else None, day,
                       ruler=ruler) if gazetteer is not None else None
        if ante is None:
            return None
        return _Found(start, tok.i + 1, tok.i, "actor", "coref:description", ante.name, ante.country,
                      ante.sector, "person", ante.gender)
    if lower in _COUNTRY_DESCRIPTIONS or two in _COUNTRY_DESCRIPTIONS:
        ante = next((h for h in reversed(history) if h.ref == "country" and h.country), None)
        ante = ante or next((h for h in reversed(history) if h.country), None)  # Maduro -> VEN
        if ante is None:
            return None
        name = gazetteer.country_name(ante.country) if gazetteer is not None else None
        if _acts(tok):
            return _Found(start, tok.i + 1, tok.i, "actor", "coref:description", name,
                          ante.country, "GOV", "country")
        return _Found(start, tok.i + 1, tok.i, "place", "coref:description", name, ante.country,
                      None, "country")
    if lower in _ORG_DESCRIPTIONS:
        sectors = _ORG_DESCRIPTIONS[lower]
        ante = next((h for h in reversed(history) if h.ref in ("org", "group") and h.name
                     and (sectors is None or h.sector in sectors)), None)
        if ante is None:
            return None
        return _Found(start, tok.i + 1, tok.i, "actor", "coref:description", ante.name, ante.country,
                      ante.sector, "org", None)
    return None
