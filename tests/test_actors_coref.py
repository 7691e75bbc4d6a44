"""Tests for within-document coreference of pronouns and definite descriptions."""

from __future__ import annotations

from typing import Any

import pytest

from chronicle.actors import ActorResolver
from chronicle.records import Actor, Mention

pytestmark = pytest.mark.slow




def _all(resolver: ActorResolver, parse: Any, text: str, on: str | None = None) -> list[Mention]:
    mentions = resolver.mentions(parse(text), "d", on=on)
    for m in mentions:
        assert text[m.start:m.end] == m.text
    return mentions


def _codes(mentions: list[Mention], text: str) -> list[tuple[str | None, str | None, str]]:
    return [(m.country, m.sector, m.rule) for m in mentions if m.text == text]


def test_pronoun_subject_takes_the_antecedent(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Tokayev met farmers in Almaty. He promised cheaper fuel.")
    assert _codes(got, "He") == [("KAZ", "GOV", "coref:pronoun")]
    assert next(m for m in got if m.text == "He").name == "Kassym-Jomart Tokayev"


def test_gender_picks_between_two_people(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Annalena Baerbock met Sergei Lavrov in Bali. She criticised his remarks.")
    assert _codes(got, "She") == [("DEU", "GOV", "coref:pronoun")]
    assert _codes(got, "his") == [("RUS", "GOV", "coref:pronoun")]


def test_possessive_pronoun_gives_the_country_to_a_sector_noun(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Kagame spoke on Monday. He said his soldiers would stay home.")
    assert _codes(got, "soldiers") == [("RWA", "MIL", "possessor+sector")]


def test_plural_pronoun_and_object_pronoun(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Hezbollah fired rockets at northern Israel. "
                                "Israeli artillery hit back, and Israel warned them again.")
    assert _codes(got, "them") == [("LBN", "REB", "coref:pronoun")]


def test_expletive_it_is_not_an_actor(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "The OSCE sent monitors. It is unclear whether Baku will let them in.")
    assert _codes(got, "It") == []


def test_definite_descriptions(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Nicolás Maduro addressed the army. The strongman said the country "
                                "would resist, and the opposition boycotted the speech.", on="2020-02-01")
    assert _codes(got, "strongman") == [("VEN", "GOV", "coref:description")]
    assert _codes(got, "country") == [("VEN", "GOV", "coref:description")]
    assert _codes(got, "opposition") == [("VEN", "OPP", "coref:description")]


def test_description_without_a_named_ruler_is_the_head_of_state(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Egyptian police raided a newspaper. The autocrat ignored the protests.",
               on="2021-01-01")
    autocrat = next(m for m in got if m.text == "autocrat")
    assert (autocrat.name, autocrat.country, autocrat.sector) == ("Abdel Fattah el-Sisi", "EGY", "GOV")


def test_alliance_and_pariah_state(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "The African Union met in Addis Ababa. The bloc condemned Eritrea, "
                                "and the pariah state rejected the statement.")
    assert _codes(got, "bloc") == [(None, "IGO", "coref:description")]
    assert [(m.country, m.sector) for m in got if "pariah" in m.text] == [("ERI", "GOV")]


def test_actor_for_span_resolves_a_pronoun_but_keeps_its_words(resolver: ActorResolver, parse: Any) -> None:
    doc = parse("Imran Khan led a march to Islamabad. He demanded new elections.")
    he = next(t for t in doc if t.text == "He")
    actor = resolver.actor_for_span(doc[he.i:he.i + 1])
    assert actor == Actor(text="He", name="Imran Khan", country="PAK", sector="GOV")


def test_descriptions_never_take_a_later_actor(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Armed men abducted two Kenyan engineers on the road to the border.")
    assert _codes(got, "men") in ([], [(None, None, "sector")])
    assert all(m.country != "KEN" for m in got if m.text != "Kenyan engineers")


def test_unnamed_forces_are_placed_where_the_sentence_happens(resolver: ActorResolver, parse: Any) -> None:
    got = _all(resolver, parse, "Soldiers surrounded the parliament building in Bamako on Monday.")
    assert _codes(got, "Soldiers") == [("MLI", "MIL", "sector+place")]
    got = _all(resolver, parse, "Soldiers arrested the minister and flew him to Dakar.")
    assert _codes(got, "Soldiers") == [(None, "MIL", "sector")]  # a destination is no scene
