"""Tests for actors whose country comes from the words around a name, not the name itself.

Territories named with a demonym, peoples "of" a place in another state,
unknown organisations named for their country, bracketed abbreviations,
titled people nobody in the gazetteer knows, and pronouns that take a
phrase resolved through a possessor.
"""

from __future__ import annotations

from typing import Any

import pytest

from chronicle.actors import ActorResolver
from chronicle.records import Actor, Mention

pytestmark = pytest.mark.slow


def _found(resolver: ActorResolver, parse: Any, text: str) -> dict[str, Mention]:
    mentions = resolver.mentions(parse(text), "d1")
    for m in mentions:  # offsets index the text
        assert text[m.start:m.end] == m.text
    return {m.text: m for m in mentions}


def _code(m: Mention) -> tuple[str | None, str | None, str]:
    return (m.country, m.sector, m.rule)


def _span_actor(resolver: ActorResolver, parse: Any, text: str, phrase: str) -> Actor:
    doc = parse(text)
    start = text.index(phrase)
    return resolver.actor_for_span(doc.char_span(start, start + len(phrase)))


def test_a_territory_named_with_a_demonym_is_that_demonyms_country(
        resolver: ActorResolver, parse: Any) -> None:
    text = "Armenia agreed to supply gas to the Georgian region of Samtskhe-Javakheti."
    assert _code(_found(resolver, parse, text)["Georgian region"]) == ("GEO", None, "demonym+place")
    assert _span_actor(resolver, parse, text, "the Georgian region of Samtskhe-Javakheti").country == "GEO"
    # a state so named that acts is its government, and "its" refers back to it
    got = _found(resolver, parse, "Tehran said the Azerbaijani republic would pay its debts.")
    assert _code(got["Azerbaijani republic"]) == ("AZE", "GOV", "demonym+place")
    assert _code(got["its"]) == ("AZE", "GOV", "coref:pronoun")
    # territory said to be held by someone: the demonym names the holders, no territory rule
    got = _found(resolver, parse, "The Macedonian army shelled Albanian rebel-held territory.")
    assert all(m.rule != "demonym+place" for m in got.values())


def test_a_people_of_a_place_in_another_state_lives_there(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Hungarians of northern Serbia want their own schools.")
    assert _code(got["Hungarians"]) == ("SRB", None, "ethnic")
    assert _code(got["their"])[:2] == ("SRB", None)
    # "in" says where they are, not who they are: Russia's people in Syria stay Russian
    got = _found(resolver, parse, "The Russians in Syria moved two batteries.")
    assert _code(got["Russians"]) == ("RUS", None, "demonym")
    # the same state: nothing changes
    assert _code(_found(resolver, parse, "The Serbs of Serbia voted.")["Serbs"]) == ("SRB", None, "demonym")


def test_an_unknown_organisation_takes_the_country_in_its_name(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Zambia Farmers Union (ZNFU) called for lower fuel prices.")
    assert _code(got["Zambia Farmers Union"]) == ("ZMB", None, "organisation-name")
    assert got["Zambia Farmers Union"].name == "Zambia Farmers Union"
    # the bracketed abbreviation is the same organisation
    assert _code(got["ZNFU"]) == ("ZMB", None, "organisation-name")
    got = _found(resolver, parse, "Members of the Kenya Teachers Guild went on strike.")
    assert got["Members of the Kenya Teachers Guild"].country == "KEN"


def test_a_bracketed_abbreviation_is_not_someone_else(resolver: ActorResolver, parse: Any) -> None:
    # AKK is also a German minister's nickname in the gazetteer
    text = "Croatia Water Board (AKK) officials asked the ministry for funds."
    got = _found(resolver, parse, text)
    assert all(m.country != "DEU" for m in got.values())
    assert _span_actor(resolver, parse, text, "Croatia Water Board (AKK) officials").country == "HRV"
    # a known organisation's own abbreviation keeps its entry
    got = _found(resolver, parse, "The Kurdistan Workers' Party (PKK) attacked a post.")
    assert got["PKK"].name == got["Kurdistan Workers' Party"].name


def test_a_titled_unknown_person_serves_the_one_country_of_the_sentence(
        resolver: ActorResolver, parse: Any) -> None:
    text = "Judge Pedro Alvarado ordered an audit of twelve Peruvian customs officers."
    assert _code(_found(resolver, parse, text)["Pedro Alvarado"]) == ("PER", "JUD", "title+sentence")
    got = _found(resolver, parse, "Gen. Marcos Tello resigned to allow Bolivia's elections to go ahead.")
    assert _code(got["Marcos Tello"]) == ("BOL", "MIL", "title+sentence")
    # the NER took the titled name for an organisation
    text = "Vice-President Tom Okello declined to resign despite pressure from the Uganda Law Society."
    assert _span_actor(resolver, parse, text, "Vice-President Tom Okello") == Actor(
        text="Vice-President Tom Okello", country="UGA", sector="GOV")


def test_a_titled_unknown_person_takes_no_country_from_a_counterpart(
        resolver: ActorResolver, parse: Any) -> None:
    for text in ["Foreign Minister Ana Duarte met Peruvian officials.",  # whom the person meets
                 "Foreign Minister Ana Duarte arrived in Lima on Monday.",  # where the person goes
                 "Foreign Minister Ana Duarte met Vladimir Putin.",  # another person
                 "Peruvian troops captured Col. Jaime Ortiz.",  # who acts on the person
                 "Judge Pedro Alvarado said Peru and Chile would hold talks."]:  # two countries
        got = [m for m in resolver.mentions(parse(text), "d")
               if m.text in ("Ana Duarte", "Jaime Ortiz", "Pedro Alvarado")]
        assert got and all(m.country is None for m in got), text
    # an untitled unknown name takes nothing from the sentence
    got = _found(resolver, parse, "Pedro Alvarado ordered an audit of twelve Peruvian customs officers.")
    assert got["Pedro Alvarado"].country is None


def test_a_pronoun_takes_the_country_a_possessor_gave_its_antecedent(
        resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "Marine Le Pen lost, and her party said it would fight on.")
    assert _code(got["party"]) == ("FRA", "PTY", "possessor+sector")
    assert _code(got["it"]) == ("FRA", "PTY", "coref:pronoun")


def test_a_coalition_led_by_a_country_is_its_military(resolver: ActorResolver, parse: Any) -> None:
    got = _found(resolver, parse, "The Uzbek-led coalition said it had taken the town.")
    assert _code(got["Uzbek-led coalition"]) == ("UZB", "MIL", "demonym+sector")
    assert _code(got["it"]) == ("UZB", "MIL", "coref:pronoun")
    # a sector modifier decides; no country is invented
    got = _found(resolver, parse, "The opposition coalition said it would boycott the vote.")
    assert _code(got["opposition coalition"]) == (None, "OPP", "sector")
