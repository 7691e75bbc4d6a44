"""Tests for clean: HTML extraction, boilerplate removal, authors and dates. No model needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from chronicle.clean import clean, normalise_date, strip_boilerplate
from chronicle.errors import InputError
from chronicle.records import RawArticle, doc_id_for

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"

ARTICLE = """\
Parliament in Valdoria approved a new electoral law on Tuesday after a night of heated debate in the capital, Corvena.

The governing coalition said the reform would shorten vote counting. Opposition deputies walked out of the chamber in protest and promised to challenge the law in the constitutional court.

Prime Minister Elena Marek defended the vote, saying the law had been discussed with election monitors for months."""


def text_article(text: str, **meta: str) -> RawArticle:
    return RawArticle(source_id="t1", origin="test.txt", kind="text", text=text, **meta)


# -- recirculation blocks ---------------------------------------------------------------


def test_related_headlines_after_marker_are_cut() -> None:
    text = ARTICLE + """

Read more

Celebrity chef opens third restaurant in harbour district
Football club signs young striker on five-year contract
Heatwave warning issued for southern coast this weekend"""
    body, _ = strip_boilerplate(text)
    assert body == ARTICLE


@pytest.mark.parametrize("marker", ["Related articles", "Lire aussi :", "Читайте также", "Weiterlesen", "Most read"])
def test_markers_in_other_words_and_languages(marker: str) -> None:
    text = ARTICLE + f"\n\n{marker}\n\nCelebrity chef opens third restaurant in harbour district\nFootball club signs young striker on five-year contract"
    body, _ = strip_boilerplate(text)
    assert body == ARTICLE


def test_paragraph_continuing_the_story_after_marker_is_kept() -> None:
    text = ARTICLE + """

Read more

Opposition deputies said on Wednesday that they had gathered enough signatures to force a referendum on the electoral law."""
    body, _ = strip_boilerplate(text)
    assert body.endswith("force a referendum on the electoral law.")
    assert "Read more" in body


def test_list_that_continues_the_story_is_kept() -> None:
    text = ARTICLE + """

The deputies who voted against:
- Opposition leader Anja Voss of the Civic Union
- Deputy speaker Karel Dvorin of the Civic Union
- Independent deputy Marta Leski of Corvena"""
    body, _ = strip_boilerplate(text)
    assert body.endswith("Independent deputy Marta Leski of Corvena")


def test_tour_dates_style_list_at_the_end_is_kept() -> None:
    text = ARTICLE + """

Upcoming town hall meetings

March 3 – Corvena, City Hall @ Main Chamber
March 9 – Lusk, Trade Hall @ East Wing
March 17 – Brava, Civic Centre @ Hall B"""
    body, _ = strip_boilerplate(text)
    assert body.endswith("Civic Centre @ Hall B")


# -- share / subscribe / follow lines --------------------------------------------------------


def test_call_to_action_lines_dropped_anywhere() -> None:
    text = """Share this article

Parliament in Valdoria approved a new electoral law on Tuesday.

Subscribe to our newsletter

Opposition deputies walked out of the chamber in protest.

Follow us on Twitter and Facebook
Sign up for our daily briefing"""
    body, _ = strip_boilerplate(text)
    assert body == (
        "Parliament in Valdoria approved a new electoral law on Tuesday.\n\n"
        "Opposition deputies walked out of the chamber in protest."
    )


def test_sentences_mentioning_platforms_are_kept() -> None:
    text = "Protesters shared videos on Telegram showing police detaining students.\n\nHe urged supporters to follow him on Twitter."
    body, _ = strip_boilerplate(text)
    assert body == text


# -- authors -----------------------------------------------------------------------------


def test_byline_at_top_becomes_author() -> None:
    body, author = strip_boilerplate("By Jane Doe, Reuters\n\n" + ARTICLE)
    assert author == "Jane Doe"
    assert body == ARTICLE


def test_sentence_starting_with_by_is_not_a_byline() -> None:
    text = "By Tuesday evening, troops had withdrawn from the border villages near Lusk.\n\n" + ARTICLE
    body, author = strip_boilerplate(text)
    assert author is None and body == text


def test_author_bio_at_end_becomes_author() -> None:
    text = ARTICLE + "\n\nJane Doe is a senior researcher at the Institute for Peace Studies in Vienna."
    body, author = strip_boilerplate(text)
    assert author == "Jane Doe"
    assert body == ARTICLE


def test_author_bio_at_start_becomes_author() -> None:
    text = "*Karel Novak is a correspondent for the Northern Ledger.*\n\n" + ARTICLE
    body, author = strip_boilerplate(text)
    assert author == "Karel Novak" and body == ARTICLE


def test_closing_sentence_about_a_person_in_the_story_is_kept() -> None:
    text = ARTICLE + "\n\nElena Marek is a former economics professor who has led the coalition since 2019."
    body, author = strip_boilerplate(text)
    assert author is None and body == text


# -- text shape -----------------------------------------------------------------------------


def test_hard_wrapped_paragraphs_are_joined_and_breaks_kept() -> None:
    text = (
        "The foreign ministers of Valdoria and Ostmark met in Geneva on Monday\n"
        "to discuss the disputed border crossing, which has been closed since\n"
        "the clashes of last autumn.\n\n"
        "Both said the talks would continue next week."
    )
    body, _ = strip_boilerplate(text)
    assert body == (
        "The foreign ministers of Valdoria and Ostmark met in Geneva on Monday to discuss the disputed "
        "border crossing, which has been closed since the clashes of last autumn.\n\n"
        "Both said the talks would continue next week."
    )


def test_whitespace_and_blank_lines_normalised() -> None:
    body, _ = strip_boilerplate("  First paragraph here.  \r\n\r\n\r\n\r\n Second   paragraph. \n\n\n")
    assert body == "First paragraph here.\n\nSecond paragraph."


# -- clean() -------------------------------------------------------------------------------


def test_clean_text_document_fields() -> None:
    raw = text_article("By Jane Doe\n\n" + ARTICLE + "\n\nShare this article", title="Law passes",
                       outlet="Ledger", published="Tue, 14 Mar 2023 09:30:00 +0100", url="https://l.example/1")
    doc = clean(raw)
    assert doc.text == ARTICLE
    assert doc.id == doc_id_for(ARTICLE)
    assert (doc.source_id, doc.title, doc.outlet, doc.url) == ("t1", "Law passes", "Ledger", "https://l.example/1")
    assert doc.author == "Jane Doe"
    assert doc.published == "2023-03-14T09:30:00+01:00"
    assert doc.published_inferred is False


def test_clean_html_page_extracts_text_and_metadata() -> None:
    raw = RawArticle(source_id="p1", origin="page.html", kind="html",
                     html=(FIXTURES / "page.html").read_text(encoding="utf-8"))
    doc = clean(raw)
    assert doc.text.startswith("Parliament in Valdoria approved")
    assert "\n\n" in doc.text
    assert "Home" not in doc.text and "Copyright" not in doc.text
    assert doc.outlet == "The Northern Ledger"
    assert doc.author == "Mira Kovacs"
    assert doc.published == "2023-03-14"
    assert doc.title is not None and "electoral law" in doc.title


def test_metadata_given_with_the_article_wins_over_html() -> None:
    raw = RawArticle(source_id="p1", origin="x.jsonl:line 1", kind="jsonl",
                     html=(FIXTURES / "page.html").read_text(encoding="utf-8"),
                     title="Given title", author="Given Author", outlet="Given Outlet", published="2023-01-02")
    doc = clean(raw)
    assert (doc.title, doc.author, doc.outlet, doc.published) == ("Given title", "Given Author", "Given Outlet", "2023-01-02")


def test_feed_html_fragment_is_cleaned() -> None:
    raw = RawArticle(source_id="f1", origin="feed.rss#item 1", kind="feed",
                     html="<p>Valdoria recalled its ambassador on Thursday.</p><p>Talks are suspended.</p>")
    doc = clean(raw)
    assert doc.text == "Valdoria recalled its ambassador on Thursday.\n\nTalks are suspended."


def test_html_without_main_text_raises_input_error() -> None:
    raw = RawArticle(source_id="n1", origin="nav.html", kind="html",
                     html="<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav></body></html>")
    with pytest.raises(InputError) as info:
        clean(raw)
    assert info.value.origin == "nav.html"


def test_text_that_is_only_boilerplate_raises_input_error() -> None:
    with pytest.raises(InputError):
        clean(text_article("Share this article\n\nFollow us on Twitter"))


# -- dates --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-02-24", "2022-02-24"),
        ("2022-02-24T10:00:00+02:00", "2022-02-24T10:00:00+02:00"),
        ("2021-01-15 16:17:00-05:00", "2021-01-15T16:17:00-05:00"),
        ("2020-08-31T22:59:17", "2020-08-31T22:59:17"),
        ("2022-02-24T07:00:00Z", "2022-02-24T07:00:00+00:00"),
        ("Fri, 21 Aug 2026 16:00:54 -0400", "2026-08-21T16:00:54-04:00"),
        ("24 February 2022", "2022-02-24"),
        ("February 24, 2022", "2022-02-24"),
        ("  2022-02-24  ", "2022-02-24"),
        ("last Tuesday", None),
        ("", None),
        (None, None),
        ("2022-13-45", None),
    ],
)
def test_normalise_date(value: str | None, expected: str | None) -> None:
    assert normalise_date(value) == expected
