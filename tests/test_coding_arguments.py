"""Event coding: targets beyond the trigger's own slots, reciprocal events, embedded content."""

from __future__ import annotations

import pytest

from test_coding import events, only

pytestmark = pytest.mark.slow


def test_a_nationality_premodifier_gives_a_named_persons_country():
    e = only("Kazakh President Rustem Aliyev visited Mongolia on Monday.", "CONSULT")
    assert e.source.country == "KAZ" and e.target.country == "MNG"


def test_the_subject_of_a_demanded_clause_is_the_target():
    e = only("Chile demanded that Bolivia withdraw its claim.", "REQUEST")
    assert (e.source.country, e.target.country) == ("CHL", "BOL")


def test_the_owner_of_a_rejected_thing_is_the_target():
    e = only("Ghana rejected a Togolese proposal for joint patrols.", "REJECT")
    assert (e.source.country, e.target.country) == ("GHA", "TGO")


def test_a_threat_aimed_through_its_infinitive_finds_the_target():
    e = only("Ecuador threatened to cut off electricity to Peru.", "THREATEN")
    assert (e.source.country, e.target.country) == ("ECU", "PER")


def test_coordinated_actors_of_a_reciprocal_event_target_each_other():
    found = [e for e in events("Vietnam and Laos agreed on Tuesday to share intelligence.") if e.type == "AGREE"]
    assert {(e.source.country, e.target.country) for e in found} == {("VNM", "LAO"), ("LAO", "VNM")}


def test_the_content_of_a_threat_or_demand_is_not_a_separate_event():
    assert [e.type for e in events("Norway threatened to impose sanctions on Iceland.")] == ["THREATEN"]
    assert [e.type for e in events("Kenya demanded the withdrawal of Somali troops.")] == ["REQUEST"]


def test_a_lifted_blockade_is_one_retreat_and_an_eased_ban_a_concession():
    # CAMEO2PLOVER 2021: easing a blockade or sanctions is RETREAT (0872, 085),
    # easing restrictions on political freedoms is CONCEDE (0811)
    assert [e.type for e in events("Greek authorities lifted their blockade of the Albanian border.")] == ["RETREAT"]
    assert [e.type for e in events("The Zambian government lifted its ban on opposition rallies.")] == ["CONCEDE"]


def test_light_verb_nominalisations_take_the_verbs_subject():
    e = only("Brazilian diplomats held talks with Paraguay in Asuncion.", "CONSULT")
    assert (e.source.country, e.target.country) == ("BRA", "PRY")
