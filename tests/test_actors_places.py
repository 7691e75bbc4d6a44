"""Tests for places and the country a group takes from the words around it.

Territories and other places that never act ("the West Bank"), sector words
inside place names, city homonyms a nearby noun or country decides, a
country modifying another argument of the clause, and groups "from" a
country.
"""

from __future__ import annotations

from typing import Any

import pytest

from chronicle.actors import ActorResolver, Gazetteer
from chronicle.records import Actor


def _span_actor(resolver: ActorResolver, parse: Any, text: str, phrase: str) -> Actor:
    doc = parse(text)
    start = text.index(phrase)
    return resolver.actor_for_span(doc.char_span(start, start + len(phrase)))


def _codes(actor: Actor) -> tuple[str | None, str | None]:
    return (actor.country, actor.sector)


def test_territories_are_places_of_their_country() -> None:
    gz = Gazetteer.load()
    for name in ("West Bank", "the Gaza Strip", "Gaza", "East Jerusalem", "Bethlehem"):
        entry = gz.lookup(name)
        assert entry is not None and (entry.kind, entry.country, entry.sector) == ("city", "PSE", None)
    assert gz.lookup("Bali").country == "IDN"


@pytest.mark.slow
def test_a_territory_never_acts_and_takes_no_sector_from_its_words(
        resolver: ActorResolver, parse: Any) -> None:
    text = "Israeli soldiers searched houses across the occupied West Bank on Tuesday."
    assert _codes(_span_actor(resolver, parse, text, "the occupied West Bank")) == ("PSE", None)
    text = "The army sealed off the West Bank after the attack."
    assert _codes(_span_actor(resolver, parse, text, "the West Bank")) == ("PSE", None)
    text = "Militants fired mortars from the Gaza Strip into southern Israel."
    assert _codes(_span_actor(resolver, parse, text, "the Gaza Strip")) == ("PSE", None)
    text = "Settlers moved into two houses in East Jerusalem."
    assert _codes(_span_actor(resolver, parse, text, "East Jerusalem")) == ("PSE", None)
    # an unknown place name keeps no sector from a word in it
    text = "Cargo ships crossed the Police Plateau channel and the Red Sea."
    for phrase in ("the Police Plateau", "the Red Sea"):
        assert _span_actor(resolver, parse, text, phrase).sector is None


@pytest.mark.slow
def test_a_city_homonym_takes_the_country_its_sentence_gives(resolver: ActorResolver, parse: Any) -> None:
    for text in ("Rockets struck Tripoli, the north Lebanese port, overnight.",
                 "Rival militias fought in Tripoli, Lebanon's second city, for a week.",
                 "Snipers terrorised Lebanon's second city Tripoli on Friday.",
                 "Clashes erupted in the Lebanese port city Tripoli at dawn."):
        actor = _span_actor(resolver, parse, text, "Tripoli")
        assert _codes(actor) == ("LBN", None), text
    # a story that names Lebanon and never Libya
    text = "Lebanese troops deployed on Monday. Fresh fighting later shook Tripoli."
    assert _span_actor(resolver, parse, text, "Tripoli").country == "LBN"
    # alone, or with Libya named, it is still the Libyan capital
    assert _span_actor(resolver, parse, "Libyan forces massed outside Tripoli.", "Tripoli").country == "LBY"
    # places the geonames table gives to a bigger namesake
    assert _span_actor(resolver, parse, "A car bomb exploded in Bali last night.", "Bali").country == "IDN"
    assert _span_actor(resolver, parse, "Pilgrims crowded into Bethlehem for Christmas.",
                       "Bethlehem").country == "PSE"
    # a qualifier still moves such a place
    assert _span_actor(resolver, parse, "Bethlehem, Pennsylvania, elected a new mayor.",
                       "Bethlehem").country == "USA"


@pytest.mark.slow
def test_a_generic_group_takes_no_country_that_modifies_another_argument(
        resolver: ActorResolver, parse: Any) -> None:
    text = "Recent American missile strikes have killed at least six insurgent commanders."
    assert _codes(_span_actor(resolver, parse, text, "at least six insurgent commanders")) == (None, "REB")
    text = "Last week US drone attacks killed four militant leaders."
    assert _span_actor(resolver, parse, text, "four militant leaders").country is None
    # a whole actor still gives its country to the other side (domestic events)
    text = "Belarusian police detained dozens of protesters in the capital."
    assert _codes(_span_actor(resolver, parse, text, "dozens of protesters")) == ("BLR", "PRO")


@pytest.mark.slow
def test_a_group_from_a_country_is_that_countrys(resolver: ActorResolver, parse: Any) -> None:
    # the parser hangs "from Rwanda" on the verb here
    text = "Uganda received a delegation from Rwanda."
    assert _codes(_span_actor(resolver, parse, text, "a delegation from Rwanda")) == ("RWA", "GOV")
    assert _span_actor(resolver, parse, text, "Uganda").country == "UGA"
    text = "Kenya welcomed officials from Somalia on Monday."
    assert _codes(_span_actor(resolver, parse, text, "officials from Somalia")) == ("SOM", "GOV")
    # a verb of removal: the from-phrase is where they leave, not whose they are
    text = "France withdrew its soldiers from Niger last year."
    assert _span_actor(resolver, parse, text, "its soldiers").country != "NER"
