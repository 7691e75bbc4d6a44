"""Tests for chronicle.timex: tagging and normalisation (no model), DCTs, event dating (model, slow)."""

from __future__ import annotations

import datetime as dt

import pytest

from chronicle.records import PRECISIONS, Timex
from chronicle.timex import (EventDate, date_event, event_value, infer_dct, parse_dct, tag,
                             value_precision)

D2022 = dt.date(2022, 3, 1)  # a Tuesday
D2003 = dt.date(2003, 3, 20)  # a Thursday
D1998 = dt.date(1998, 8, 14)  # a Friday


def timexes(text: str, dct: dt.date | None = D2022) -> list[Timex]:
    return tag(text, doc_id="d", dct=dct, sentence_starts=[0])


def found(text: str, dct: dt.date | None = D2022) -> list[tuple[str, str, str]]:
    """Return (text, type, value) of every time expression."""
    return [(t.text, t.type, t.value) for t in timexes(text, dct)]


def one(text: str, dct: dt.date | None = D2022) -> tuple[str, str, str | None]:
    """Return (type, value, precision) of the only time expression in ``text``."""
    result = timexes(text, dct)
    assert len(result) == 1, result
    return result[0].type, result[0].value, result[0].precision


# --- full dates -------------------------------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("The invasion began on February 24, 2022.", "2022-02-24"),
    ("It began on 24 February 2022.", "2022-02-24"),
    ("It began on Feb. 24, 2022 at dawn.", "2022-02-24"),
    ("It began on Thursday, February 24, 2022.", "2022-02-24"),
    ("It began on the 24th of February, 2022.", "2022-02-24"),
    ("It began on 2022-02-24.", "2022-02-24"),
    ("It began on 24/02/2022.", "2022-02-24"),
    ("It began on 02/24/2022.", "2022-02-24"),
    ("It began on 24.02.2022.", "2022-02-24"),
    ("Vote held on Sept. 11, 1998.", "1998-09-11"),
    ("The Orange Revolution began on 22 November 2004.", "2004-11-22"),
])
def test_full_dates_us_and_european_order(text: str, value: str) -> None:
    assert one(text, D1998) == ("DATE", value, "day")


def test_ambiguous_numeric_date_is_left_untagged() -> None:
    assert found("The form dated 03/04/2022 was lost.") == []


def test_full_date_span_covers_weekday_and_year() -> None:
    [t] = timexes("On Sunday, Aug. 30, 2020, crowds marched.")
    assert t.text == "Sunday, Aug. 30, 2020" and t.value == "2020-08-30"


# --- year-less dates ----------------------------------------------------------------------
@pytest.mark.parametrize("text, dct, value", [
    ("The invasion began on February 24.", D2022, "2022-02-24"),
    ("Talks were held on 5 March.", dt.date(2022, 3, 10), "2022-03-05"),
    ("Troops crossed on March 4.", dt.date(2003, 3, 20), "2003-03-04"),
    ("The vote was on August 9.", D1998, "1998-08-09"),
    # more than two months after the DCT: last year's
    ("Protests began on December 28.", dt.date(2022, 1, 3), "2021-12-28"),
    ("Protests began on 28 December.", dt.date(2003, 1, 3), "2002-12-28"),
    ("The summit is on April 20.", dt.date(2022, 3, 1), "2022-04-20"),
    ("The summit was on October 20.", dt.date(2022, 3, 1), "2021-10-20"),
])
def test_yearless_dates_take_the_dct_year_preferring_the_past(text: str, dct: dt.date,
                                                              value: str) -> None:
    assert one(text, dct) == ("DATE", value, "day")


def test_yearless_date_without_dct_stays_unresolved() -> None:
    assert one("It began on February 24.", None) == ("DATE", "XXXX-02-24", None)


# --- months, years, decades, centuries, seasons ---------------------------------------
@pytest.mark.parametrize("text, value, precision", [
    ("Protests broke out in January 2022.", "2022-01", "month"),
    ("He was elected in May 2021.", "2021-05", "month"),
    ("It ended in mid-January 2022.", "2022-01", "month"),
    ("It was signed in August of 2014.", "2014-08", "month"),
    ("In 2010, the minister asked Moscow for a loan.", "2010", "year"),
    ("He has been in office since 1994.", "1994", "year"),
    ("The treaty dates from 1648.", "1648", "year"),
    ("Growth slowed in early 2023.", "2023", "year"),
    ("It closed at the end of 2021.", "2021", "year"),
    ("Belarus's 2020 election was rigged.", "2020", "year"),
    ("The reforms of the 1990s failed.", "199", "decade"),
    ("Prices rose in the mid-2000s.", "200", "decade"),
    ("Born in the '80s, he", "198", "decade"),
    ("Unrest grew in the summer of 2020.", "2020-SU", "year"),
])
def test_months_years_decades(text: str, value: str, precision: str) -> None:
    assert one(text, D2022) == ("DATE", value, precision)


def test_century_has_no_precision() -> None:
    assert one("Empires of the 19th century") == ("DATE", "18", None)


@pytest.mark.parametrize("text, dct, value", [
    ("Elections were held in May.", dt.date(2022, 6, 15), "2022-05"),
    ("Protests started in November.", dt.date(2022, 1, 10), "2021-11"),
    ("Protests started last July.", dt.date(2022, 3, 1), "2021-07"),
    ("Talks resume next March.", dt.date(2022, 3, 1), "2023-03"),
])
def test_bare_months_with_context(text: str, dct: dt.date, value: str) -> None:
    assert one(text, dct) == ("DATE", value, "month")


@pytest.mark.parametrize("text", [
    "About 2,000 troops crossed the border.",
    "Police detained 1500 people.",
    "Some 2000 protesters gathered.",
    "2000 rioters were detained.",
    "The party won 1994 seats.",
    "It costs $2010 a month.",
    "Turnout rose by 1990 to 3000 voters.",
    "Theresa May said the march would go on.",
    "The Sunday Times reported it.",
    "They watched Russia Today.",
])
def test_non_dates_are_not_tagged(text: str) -> None:
    assert [t for t in found(text) if t[1] == "DATE"] == []


# --- weekdays and deictic expressions (DCT 2022-03-01 is a Tuesday) ------------------------
@pytest.mark.parametrize("text, value", [
    ("Police raided the office on Monday.", "2022-02-28"),
    ("Police raided the office on Tuesday.", "2022-03-01"),
    ("Police raided the office on Wednesday.", "2022-02-23"),
    ("Police raided the office last Tuesday.", "2022-02-22"),
    ("Talks resume next Monday.", "2022-03-07"),
    ("Troops shelled Kharkiv yesterday.", "2022-02-28"),
    ("Troops shell Kharkiv today.", "2022-03-01"),
    ("Talks resume tomorrow.", "2022-03-02"),
    ("Talks resumed the day before yesterday.", "2022-02-27"),
])
def test_weekdays_and_days_anchor_on_dct(text: str, value: str) -> None:
    assert one(text) == ("DATE", value, "day")


def test_weekday_in_another_year_and_century() -> None:
    assert one("The strike began on Monday.", D1998)[1] == "1998-08-10"
    assert one("The strike began on Thursday.", D2003)[1] == "2003-03-20"


@pytest.mark.parametrize("text, value, precision", [
    ("Sanctions were imposed last month.", "2022-02", "month"),
    ("Sanctions come next month.", "2022-04", "month"),
    ("Sanctions were imposed last year.", "2021", "year"),
    ("Elections are due this year.", "2022", "year"),
    ("Growth slowed earlier this month.", "2022-03", "month"),
    ("It was signed last week.", "2022-W08", "month"),  # 21-27 February
    ("It is signed this week.", "2022-W09", "year"),  # 28 February - 6 March
    ("It was signed two months ago.", "2022-01", "month"),
    ("It was signed three days ago.", "2022-02-26", "day"),
    ("It was signed two years ago.", "2020", "year"),
])
def test_deictic_relatives(text: str, value: str, precision: str) -> None:
    assert one(text) == ("DATE", value, precision)


def test_deictic_relatives_across_year_boundary() -> None:
    dct = dt.date(2003, 1, 3)
    assert one("It was signed last month.", dct)[1] == "2002-12"
    assert one("It was signed last year.", dct)[1] == "2002"
    assert one("It was signed yesterday.", dt.date(1998, 1, 1))[1] == "1997-12-31"


def test_parts_of_day_are_times() -> None:
    assert one("Shelling resumed last night.") == ("TIME", "2022-02-28TNI", None)
    assert one("Shelling resumed on Monday morning.") == ("TIME", "2022-02-28TMO", None)
    assert found("It began on February 24 at 5 a.m.") == [
        ("February 24", "DATE", "2022-02-24"), ("5 a.m.", "TIME", "2022-02-24T05:00")]


# --- anaphoric relatives ----------------------------------------------------------------
def test_anaphoric_relatives_anchor_on_previous_date() -> None:
    text = ("Troops crossed on February 24, 2014. Three days later they took the airport. "
            "The following day talks failed. Two weeks later, a vote was held.")
    assert found(text, D2022) == [
        ("February 24, 2014", "DATE", "2014-02-24"),
        ("Three days later", "DATE", "2014-02-27"),
        ("The following day", "DATE", "2014-02-28"),
        ("Two weeks later", "DATE", "2014-W11"),
    ]


@pytest.mark.parametrize("text, value", [
    ("On March 4 police struck. A day later they left.", "2022-03-05"),
    ("On March 4 police struck. Three days earlier they massed.", "2022-03-01"),
    ("On March 4 police struck. The day before, they massed.", "2022-03-03"),
    ("On March 4 police struck. That day, they massed.", "2022-03-04"),
    ("In May 2021 police struck. A year later they left.", "2022"),
    ("In 2010 police struck. Two years later they left.", "2012"),
])
def test_anaphoric_shifts(text: str, value: str) -> None:
    assert found(text, dt.date(2022, 3, 10))[-1][2] == value


def test_anaphoric_relative_without_anchor_uses_dct() -> None:
    assert one("The following day talks failed.", D2003) == ("DATE", "2003-03-21", "day")


# --- durations, sets, vague references -----------------------------------------------------
@pytest.mark.parametrize("text, value", [
    ("He has ruled for 28 years.", "P28Y"),
    ("The fighting lasted three days.", "P3D"),
    ("A 26-year rule ended.", "P26Y"),
    ("They talked for two and a half hours.", "PT2.5H"),
    ("Talks lasted a week.", "P1W"),
    ("It took several months.", "PXM"),
    ("Over the past two weeks prices rose.", "P2W"),
    ("Over the past year prices rose.", "P1Y"),
    ("It failed for two decades.", "P20Y"),
    ("He waited for years.", "PXY"),
])
def test_durations(text: str, value: str) -> None:
    assert one(text) == ("DURATION", value, None)


def test_ages_are_not_durations() -> None:
    assert found("A 66-year-old man was detained.") == []


@pytest.mark.parametrize("text, value", [
    ("They meet every year.", "P1Y"),
    ("They meet every two years.", "P2Y"),
    ("Protests were held daily.", "P1D"),
    ("They met twice a month.", "P1M"),
    ("They rally every Sunday.", "XXXX-WXX-7"),
])
def test_sets(text: str, value: str) -> None:
    assert one(text) == ("SET", value, None)


@pytest.mark.parametrize("text, span, value", [
    ("Now the crisis deepens.", "Now", "PRESENT_REF"),
    ("He is currently in Minsk.", "currently", "PRESENT_REF"),
    ("He was recently detained.", "recently", "PAST_REF"),
    ("Arrests rose in recent weeks.", "recent weeks", "PAST_REF"),
    ("It happened in the past.", "the past", "PAST_REF"),
    ("It may happen in the coming days.", "the coming days", "FUTURE_REF"),
])
def test_vague_references(text: str, span: str, value: str) -> None:
    assert found(text) == [(span, "DATE", value)]


def test_now_in_a_compound_is_not_tagged() -> None:
    assert found("The now-banned party met.") == []


# --- ranges -----------------------------------------------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("He served in 2014-2015.", [("2014", "2014"), ("2015", "2015")]),
    ("He served in 2014–15.", [("2014", "2014"), ("15", "2015")]),
    ("He served from 2015 to 2020.", [("2015", "2015"), ("2020", "2020")]),
    ("He served between 1991 and 1994.", [("1991", "1991"), ("1994", "1994")]),
    ("Talks ran between 20 January and 9 February 2020.",
     [("20 January", "2020-01-20"), ("9 February 2020", "2020-02-09")]),
    ("Talks ran from 28 December to 9 January 2020.",
     [("28 December", "2019-12-28"), ("9 January 2020", "2020-01-09")]),
    ("Talks ran 20-25 January 2020.", [("20", "2020-01-20"), ("25 January 2020", "2020-01-25")]),
    ("Talks ran March 4-6, 2014.", [("March 4", "2014-03-04"), ("6, 2014", "2014-03-06")]),
])
def test_ranges_tag_start_and_end(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(t.text, t.value) for t in timexes(text)] == expected


# --- quarters, halves, weekends, named days, eves, clock + day ---------------------------
@pytest.mark.parametrize("text, dct, span, value", [
    ("Profit fell in the third quarter of 2012.", D2022, "the third quarter of 2012", "2012-Q3"),
    ("It posted a third-quarter loss.", dt.date(1989, 11, 2), "third-quarter", "1989-Q3"),
    ("Sales rose in the latest quarter.", dt.date(1989, 11, 2), "the latest quarter", "1989-Q3"),
    ("Sales rose in the year-ago quarter.", dt.date(1989, 11, 2), "the year-ago quarter", "1988-Q3"),
    ("Growth slowed in the first half of 2013.", D2022, "the first half of 2013", "2013-H1"),
    ("Arrests rose over the weekend.", D2022, "the weekend", "2022-W08-WE"),
    ("Troops attacked on Christmas Day.", dt.date(2022, 1, 3), "Christmas Day", "2021-12-25"),
    ("He was found on Thanksgiving Day.", dt.date(2000, 1, 7), "Thanksgiving Day", "1999-11-25"),
    ("Pilgrims gathered at Easter 2013.", D2022, "Easter 2013", "2013-03-31"),
])
def test_quarters_halves_weekends_named_days(text: str, dct: dt.date, span: str, value: str) -> None:
    [t] = timexes(text, dct)
    assert (t.text, t.type, t.value) == (span, "DATE", value)


def test_quarter_as_a_fraction_is_not_a_date() -> None:
    assert found("They won a quarter of the vote in the French quarter.") == []


def test_eve_of_a_date_is_the_day_before() -> None:
    [t] = timexes("On the eve of the August 9 election, police came.", dt.date(2020, 8, 15))
    assert (t.text, t.value) == ("the eve of the August 9", "2020-08-08")


def test_clock_time_and_its_day_are_one_time() -> None:
    assert found("Police stormed it at 10 p.m. Wednesday.", dt.date(1998, 2, 13)) == [
        ("10 p.m. Wednesday", "TIME", "1998-02-11T22:00")]
    assert found("The offer expires at 5 p.m. EST, Nov. 6.", dt.date(1989, 10, 30)) == [
        ("5 p.m. EST, Nov. 6", "TIME", "1989-11-06T17:00")]


@pytest.mark.parametrize("text, span", [
    ("He ruled for nearly forty years.", "nearly forty years"),
    ("Talks lasted more than four hours.", "more than four hours"),
    ("It was signed about two years ago.", "about two years ago"),
    ("Profit fell in the nine months.", "the nine months"),
])
def test_approximators_and_the_are_in_the_span(text: str, span: str) -> None:
    assert [t.text for t in timexes(text)] == [span]


@pytest.mark.parametrize("text, value", [
    ("It was signed in July last year.", "2021-07"),
    ("It was signed in January this year.", "2022-01"),
])
def test_month_with_deictic_year(text: str, value: str) -> None:
    assert one(text) == ("DATE", value, "month")


# --- tense: future cues pick the coming date ---------------------------------------------
@pytest.mark.parametrize("text, dct, value", [
    ("Negotiators will meet again on Thursday.", D2022, "2022-03-03"),
    ("The deadline expires on Monday.", D2022, "2022-03-07"),
    ("Police raided the office on Thursday.", D2022, "2022-02-24"),
    ("The leaders will meet on January 5.", dt.date(2012, 12, 28), "2013-01-05"),
    ("Elections are scheduled for February.", dt.date(2022, 12, 1), "2023-02"),
    ("Officials said on Thursday that talks will resume.", D2022, "2022-02-24"),
])
def test_future_cues_before_the_expression(text: str, dct: dt.date, value: str) -> None:
    assert timexes(text, dct)[0].value == value


# --- narrative year: past passages of a recent article --------------------------------------
@pytest.mark.parametrize("text, value", [
    ("In 2014, gunmen seized buildings in Donetsk. On April 7 they declared a republic.", "2014-04-07"),
    ("Back in 2011, crowds gathered. On February 11 the president resigned.", "2011-02-11"),
    ("In 2019, generals removed Bashir. In June, soldiers attacked a sit-in.", "2019-06"),
    ("On May 22, 1995, he was promoted. On June 3 he left for Washington.", "1995-06-03"),
])
def test_yearless_dates_take_the_narrative_year(text: str, value: str) -> None:
    assert found(text, D2022)[-1][2] == value


@pytest.mark.parametrize("text, value", [
    # "since", a modifier year or a year inside a clause do not set the passage's year
    ("He has ruled since 1994. On March 4 police fired.", "2022-03-04"),
    ("The 2014 vote was rigged. On March 4 police fired.", "2022-03-04"),
    ("A plan approved in 1987 ran through Sept. 29.", "2021-09-29"),
    # a new paragraph, or the passage moving on, ends it
    ("In 2014, gunmen seized buildings.\n\nOn March 4 police fired.", "2022-03-04"),
    ("In 2014, he was promoted, and the following year he left. In December he was fired.", "2021-12"),
])
def test_narrative_year_limits(text: str, value: str) -> None:
    assert found(text, D2022)[-1][2] == value


# --- record shape -------------------------------------------------------------------------
def test_offsets_and_sentences() -> None:
    text = "Nothing happened. Then on March 4 troops came. Later that day they left."
    starts = [0, 18, 47]
    result = tag(text, doc_id="doc1", dct=D2022, sentence_starts=starts)
    assert [(t.sentence, text[t.start:t.end], t.doc_id) for t in result] == [
        (1, "March 4", "doc1"), (2, "Later that day", "doc1")]
    assert all(t.precision in PRECISIONS for t in result)


def test_precision_only_for_dates() -> None:
    for t in timexes("On March 4, for three days, every week, at 5 p.m., recently."):
        assert (t.precision is not None) == (t.type == "DATE" and t.value[0].isdigit())


def test_value_helpers() -> None:
    assert value_precision("2022-W08") == "month"
    assert value_precision("PAST_REF") is None
    assert event_value("2022-02-24T05:00") == ("2022-02-24", "day")
    assert event_value("2022-W08") == ("2022-02", "month")
    assert event_value("199") == ("199", "decade")
    assert event_value("P3D") is None


# --- document dates -------------------------------------------------------------------------
def test_infer_dct_takes_the_latest_full_date() -> None:
    text = ("The vote of August 9, 2020 was rigged. On 24 February 2022 Russia invaded. "
            "On March 4 talks failed, and yesterday and in 2023 more followed.")
    assert infer_dct(text) == dt.date(2022, 2, 24)


def test_infer_dct_from_an_explicit_year_near_a_yearless_date() -> None:
    assert infer_dct("On March 4 talks failed in 2023, three days later.") == dt.date(2023, 3, 4)
    text = "Protests began in 2014. On March 4 police fired, and on March 6 they left."
    assert infer_dct(text) == dt.date(2014, 3, 6)


def test_infer_dct_without_days_is_none() -> None:
    assert infer_dct("On March 4 talks failed, three days later.") is None
    assert infer_dct("Talks failed in 2023.") is None


@pytest.mark.parametrize("value, expected", [
    ("2020-08-31", dt.date(2020, 8, 31)),
    ("2020-08-31T22:59:17", dt.date(2020, 8, 31)),
    ("2020-08-31T22:59:17Z", dt.date(2020, 8, 31)),
    ("2020-08-31 22:59:17+03:00", dt.date(2020, 8, 31)),
    ("Mon, 31 Aug 2020 22:59:17 GMT", dt.date(2020, 8, 31)),
    (None, None), ("", None), ("yesterday", None), ("2020-13-45", None),
])
def test_parse_dct(value: str | None, expected: dt.date | None) -> None:
    assert parse_dct(value) == expected


def test_no_expressions_in_plain_text() -> None:
    assert found("The minister asked Moscow for a loan.") == []


# --- event dating with the real model ------------------------------------------------------


def _date(parse, text: str, trigger: str, dct: dt.date | None) -> EventDate:  # type: ignore[no-untyped-def]
    doc = parse(text)
    found_ = tag(text, doc_id="d", dct=dct, sentence_starts=[s.start_char for s in doc.sents])
    trigger_i = next(t.i for t in doc if t.text == trigger)
    return date_event(doc, trigger_i, found_, dct)


@pytest.mark.slow
def test_event_dated_by_fronted_year(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "In 2010, the minister asked Moscow for a loan.", "asked", dt.date(2022, 3, 1))
    assert result == EventDate(date="2010", precision="year", text="2010", source="text")


@pytest.mark.slow
def test_event_dated_through_its_clause_verb(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "The invasion began on February 24.", "invasion", dt.date(2022, 3, 1))
    assert result == EventDate(date="2022-02-24", precision="day", text="February 24", source="text")


@pytest.mark.slow
def test_event_dated_by_month_year(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "Protests broke out in January 2022 across the country.", "broke",
                   dt.date(2022, 3, 1))
    assert (result.date, result.precision, result.source) == ("2022-01", "month", "text")


@pytest.mark.slow
def test_event_dated_by_narrative(parse) -> None:  # type: ignore[no-untyped-def]
    text = "On March 4, police surrounded the square. The protesters refused to leave."
    result = _date(parse, text, "refused", dt.date(2022, 3, 10))
    assert result == EventDate(date="2022-03-04", precision="day", text="March 4", source="narrative")


@pytest.mark.slow
def test_event_without_time_gets_the_dct(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "The minister asked Moscow for a loan.", "asked", dt.date(2022, 3, 1))
    assert result == EventDate(date="2022-03-01", precision="day", text=None, source="document")
    assert _date(parse, "The minister asked Moscow for a loan.", "asked", None).date is None


@pytest.mark.slow
def test_event_in_range_gets_its_start(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "He ruled the country from 2015 to 2020.", "ruled", dt.date(2022, 3, 1))
    assert (result.date, result.source) == ("2015", "text")


@pytest.mark.slow
def test_vague_and_duration_do_not_date_events(parse) -> None:  # type: ignore[no-untyped-def]
    result = _date(parse, "Police recently detained him for three days.", "detained", dt.date(2022, 3, 1))
    assert result.source == "document"


@pytest.mark.slow
def test_time_in_another_clause_does_not_govern(parse) -> None:  # type: ignore[no-untyped-def]
    text = "The minister, who resigned in 2019, asked Moscow for a loan."
    result = _date(parse, text, "asked", dt.date(2022, 3, 1))
    assert result.source != "text"
