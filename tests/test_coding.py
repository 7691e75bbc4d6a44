"""Event coding on sentences written for these tests (loads the spaCy model)."""

from __future__ import annotations

import pytest

from chronicle import nlp
from chronicle.coding import Lexicon
from chronicle.errors import DataFileError
from chronicle.pipeline import analyse
from chronicle.records import Document, doc_id_for
from chronicle.settings import Settings


def events(text: str, published: str = "2023-06-01", settings: Settings = Settings()):
    document = Document(id=doc_id_for(text), source_id="test", published=published, text=text)
    return analyse(nlp.parse(text), document, settings).events


def only(text: str, type_: str, **kw):
    found = [e for e in events(text, **kw) if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger) for e in events(text, **kw)]
    return found[0]


pytestmark = pytest.mark.slow


def test_an_active_verb_gives_source_and_target_from_subject_and_object():
    e = only("Nigerian troops attacked Boko Haram fighters near Maiduguri on Tuesday.", "ASSAULT")
    assert (e.source.country, e.source.sector) == ("NGA", "MIL")
    assert e.target.text == "Boko Haram fighters"
    assert e.negated is False and e.modality == "asserted" and e.attributed_to is None


def test_a_passive_with_no_agent_keeps_the_target():
    e = only("More than 300 students were detained in Dhaka on Friday.", "COERCE")
    assert e.source is None
    assert e.target.text.startswith("More than 300 students")


def test_a_passive_with_a_by_phrase_finds_the_agent():
    e = only("The editor was arrested by Turkish police in Ankara.", "COERCE")
    assert (e.source.country, e.source.sector) == ("TUR", "COP")


def test_negation_is_kept_not_dropped():
    e = only("Chilean police did not arrest the protest leaders.", "COERCE")
    assert e.negated is True
    e = only("No Sudanese soldiers were sent to the border.", "MOBILIZE")
    assert e.negated is True


def test_refusal_and_failure_negate_the_embedded_event():
    e = only("The Peruvian government refused to release the detained journalists.", "RETREAT")
    assert e.negated is True


def test_a_denial_is_denied():
    e = only("Venezuela denied sending troops to the Guyanese border.", "MOBILIZE")
    assert e.modality == "denied" and e.negated is True


def test_future_and_conditional_are_not_asserted():
    assert only("Japan will impose sanctions on the trading firms.", "SANCTION").modality == "future"
    e = only("The Indonesian president said he would deploy troops to Papua if necessary.", "MOBILIZE")
    assert e.modality == "hypothetical"


def test_attribution_names_the_speaker_without_making_it_the_actor():
    e = only("According to Amnesty International, Egyptian police detained 60 activists in Cairo.", "COERCE")
    assert e.attributed_to == "Amnesty International"
    assert (e.source.country, e.source.sector) == ("EGY", "COP")
    assert e.modality == "reported"
    e = only("Ethiopian forces shelled the town of Mekelle, the regional government said.", "ASSAULT")
    assert e.attributed_to and "regional government" in e.attributed_to
    assert e.source.country == "ETH"


def test_a_communication_verb_is_an_event_only_where_plover_codes_it():
    assert [e.type for e in events("The Kenyan president said the talks were useful.")] == []
    e = only("The Kenyan president accused Uganda of arming the rebels.", "ACCUSE")
    assert e.source.country == "KEN" and e.target.country == "UGA"


def test_object_control_makes_the_object_the_actor_of_the_request():
    found = events("Mali asked Russia to send military instructors.")
    request = next(e for e in found if e.type == "REQUEST")
    assert request.source.country == "MLI" and request.target.country == "RUS"


def test_a_nominalisation_with_a_possessor_is_coded():
    e = only("Russia's invasion of Ukraine began on 24 February 2022.", "ASSAULT")
    assert e.source.country == "RUS" and e.target.country == "UKR"
    assert e.date == "2022-02-24" and e.date_source == "text"


def test_coordinated_subjects_each_act():
    found = [e for e in events("Poland and Lithuania condemned the crackdown.") if e.type == "ACCUSE"]
    assert {e.source.country for e in found} == {"POL", "LTU"}


def test_sentences_that_report_nothing_happening_yield_no_event():
    assert events("The perception of the war is very different in the two capitals.") == ()
    assert events("Analysts expect inflation to ease later this year.") == ()


def test_offsets_point_at_the_sentence():
    text = "Officials met in Geneva.\n\nSerbian police arrested two Kosovo officials on Monday."
    (e,) = [e for e in events(text) if e.type == "COERCE"]
    assert text[e.start:e.end] == e.sentence == "Serbian police arrested two Kosovo officials on Monday."


def test_a_user_lexicon_adds_a_predicate(tmp_path):
    extra = tmp_path / "lexicon.yaml"
    extra.write_text("verbs:\n  lambast: {type: ACCUSE, mode: disapprove}\n")
    settings = Settings(lexicon_file=extra)
    e = only("The Brazilian minister lambasted the Argentine government.", "ACCUSE", settings=settings)
    assert e.mode == "disapprove" and e.target.country == "ARG"
    assert Lexicon.load(extra).verbs["arrest"][0].type == "COERCE"


def test_a_malformed_lexicon_names_the_file_and_the_problem(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("verbs:\n  arrest: {type: DETAIN}\n")
    with pytest.raises(DataFileError, match=r"bad.yaml: verbs.arrest: unknown PLOVER type 'DETAIN'"):
        Lexicon.load(bad)
    bad.write_text("verbs:\n  arrest: {type: COERCE\n")
    with pytest.raises(DataFileError, match=r"bad.yaml line \d+: not valid YAML"):
        Lexicon.load(bad)
    # YAML keeps the last of two equal keys: an entry would vanish without a word
    bad.write_text("verbs:\n  snub: {type: REJECT}\n  snub: {type: ACCUSE}\n")
    with pytest.raises(DataFileError, match=r"bad.yaml line 3: .*duplicate key 'snub' \(first given on line 2\)"):
        Lexicon.load(bad)


def test_the_coder_is_independent_of_the_document_date():
    text = "In 2010, Kyrgyzstan asked Russia to send troops."
    for published in ("2011-01-05", "2022-12-31"):
        e = only(text, "REQUEST", published=published)
        assert e.date == "2010" and e.date_precision == "year"


def test_a_headline_without_a_verb_is_dated_without_looping():
    # a noun root ("Sanctions") is its own head: walking heads must stop there
    found = events("Sanctions on Belarusian officials after the 9 August 2020 election\n\nThe EU imposed them.")
    assert all(e.date is not None for e in found)


def test_each_event_carries_its_closest_cameo_root():
    shelling = only("Ethiopian artillery shelled positions held by Tigrayan forces on Monday.", "ASSAULT")
    assert shelling.to_json()["cameo_root"] == "19"  # heavy weapons: CAMEO 19 "fight"
    probe = only("Chile's Supreme Court opened an investigation into the killings.", "ACCUSE")
    assert probe.to_json()["cameo_root"] == "09"  # investigate
    talks = only("The Colombian president met rebel negotiators in Havana.", "CONSULT")
    assert talks.to_json()["cameo_root"] == "04"
