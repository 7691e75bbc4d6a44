"""Candidate sentences: entities only where events can be, same events as the whole pipeline.

Texts written for these tests. The tests marked slow load the spaCy model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chronicle import candidates, nlp, pipeline
from chronicle.candidates import TriggerWords, with_context
from chronicle.coding import Lexicon
from chronicle.records import Analysis, Document, doc_id_for
from chronicle.settings import Settings

# Event sentences between filler that names no trigger word (weather, a concert,
# a football score), with a blank line, a double space and a headline line.
TEXT = (
    "Harbour talks resume in Tallinn\n"
    "The weather in Tallinn was mild on Monday, with light rain in the afternoon.  "
    "Tickets for the jazz concert were gone within an hour.\n\n"
    "Estonian police detained 40 protesters outside the parliament on Tuesday. "
    "The local football team won 3-1 in the evening.\n"
    "Latvia accused Russia of jamming GPS signals over the Baltic Sea on 3 May 2023. "
    "The city museum will stay open late in the summer.\n\n"
    "He said the ministry would answer within a week."
)
FILLER = (
    "The weather in Tallinn was mild on Monday",
    "Tickets for the jazz concert",
    "The local football team",
    "The city museum",
)


def document(text: str = TEXT) -> Document:
    return Document(id=doc_id_for(text), source_id="test", published="2023-05-04", text=text)


def both(text: str = TEXT, settings: Settings = Settings()) -> tuple[Analysis, Analysis]:
    """Return the analysis of the whole pipeline and that of the ingest path."""
    doc = document(text)
    whole = pipeline.analyse(nlp.parse(text), doc, settings)
    (fast,) = pipeline._analyse_batch([(doc, "test")], settings)
    assert isinstance(fast, Analysis)
    return whole, fast


def user_lexicon(tmp_path: Path) -> Path:
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  serenade: {type: SUPPORT}\n  stage sit-in: {type: PROTEST}\n", encoding="utf-8")
    return path


# -- without the model ---------------------------------------------------------------


def test_trigger_words_come_from_the_lexicon_with_a_user_file(tmp_path):
    words = TriggerWords.from_lexicon(Lexicon.load(user_lexicon(tmp_path)))
    packaged = TriggerWords.from_lexicon(Lexicon.load())
    assert "serenade" in words.single and "serenade" not in packaged.single
    assert packaged.single <= words.single
    assert ("stage", "sit-in") in words.multi


def test_a_multi_word_key_needs_all_its_words_in_any_order():
    words = TriggerWords(single=frozenset({"detain"}), multi=(("open", "fire"),))
    assert words.can_hold_event({"police", "fire", "them", "open"})
    assert not words.can_hold_event({"the", "museum", "stay", "open"})
    assert words.can_hold_event({"detain"})


def test_context_sentences_are_added_ahead_and_adjacent_spans_merge():
    bounds = [(0, 5), (5, 9), (9, 20), (20, 24), (24, 30)]
    assert with_context([(9, 20), (24, 30)], bounds, 0) == [(9, 20), (24, 30)]
    assert with_context([(9, 20), (24, 30)], bounds, 1) == [(5, 30)]
    assert with_context([(0, 5)], bounds, 2) == [(0, 5)]


# -- with the model -------------------------------------------------------------------


@pytest.mark.slow
def test_filler_sentences_are_not_candidates_and_get_no_entities():
    words = TriggerWords.from_lexicon(pipeline.stages(Settings())[1].lexicon)
    (doc,) = nlp.pipe_selective([TEXT], words.spans_to_recognise)
    chosen = {doc[start:end].text.strip() for start, end in words.sentences(doc)}
    assert any(s.startswith("Estonian police detained") for s in chosen)
    assert any(s.startswith("Latvia accused Russia") for s in chosen)
    given = words.spans_to_recognise(doc)
    unrecognised = 0
    for filler in FILLER:
        assert not any(s.startswith(filler) for s in chosen), filler
        token = next(t for t in doc if t.idx == TEXT.index(filler))
        if not any(a <= token.i < b for a, b in given):  # not the context of a candidate
            assert all(t.ent_iob_ == "" for t in token.sent), token.sent.text
            unrecognised += 1
    assert unrecognised >= 2
    whole = nlp.parse(TEXT)
    recognised = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
    inside = {(e.start_char, e.end_char, e.label_) for e in whole.ents
              if any(a <= e.start and e.end <= b for a, b in given)}
    assert recognised == inside  # where the recogniser ran, it found what a whole run finds
    assert doc.text == TEXT


@pytest.mark.slow
def test_events_and_all_offsets_match_the_whole_pipeline():
    whole, fast = both()
    assert [e.to_json() for e in fast.events] == [e.to_json() for e in whole.events]
    words = TriggerWords.from_lexicon(pipeline.stages(Settings())[1].lexicon)
    doc = nlp.parse(TEXT)
    starts = {doc[start].idx for start, _ in words.sentences(doc)}
    assert all(e.start in starts for e in whole.events)  # a superset of the coder's triggers
    assert {e.type for e in fast.events} >= {"COERCE", "ACCUSE"}
    assert fast.sentences == whole.sentences
    assert fast.timexes == whole.timexes
    text = fast.document.text
    for e in fast.events:
        assert text[e.start:e.end] == e.sentence
    for s in fast.sentences:
        assert text[s.start:s.end] == s.text
    for t in fast.timexes:
        assert text[t.start:t.end] == t.text
    for m in fast.mentions:
        assert text[m.start:m.end] == m.text
    kept = {(m.start, m.end) for m in fast.mentions}
    event_sentences = [(e.start, e.end) for e in whole.events]
    for m in whole.mentions:  # every mention inside an event's sentence is kept, as it was
        if any(start <= m.start < end for start, end in event_sentences):
            assert (m.start, m.end) in kept and m in fast.mentions, m


@pytest.mark.slow
def test_a_user_lexicon_entry_makes_its_sentences_candidates(tmp_path):
    text = ("The Ruritanian navy band serenaded Freedonian diplomats in Vienna on Friday. "
            "The concert hall was full.")
    settings = Settings(lexicon_file=user_lexicon(tmp_path))
    packaged = TriggerWords.from_lexicon(pipeline.stages(Settings())[1].lexicon)
    words = TriggerWords.from_lexicon(pipeline.stages(settings)[1].lexicon)
    doc = nlp.parse(text)
    assert packaged.sentences(doc) == []
    assert words.sentences(doc) == [candidates.sentence_spans(doc)[0]]
    whole, fast = both(text, settings)
    assert [e.type for e in fast.events] == ["SUPPORT"]
    assert json.dumps([e.to_json() for e in fast.events]) == json.dumps([e.to_json() for e in whole.events])
