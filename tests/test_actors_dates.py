"""Tests for date-dependent actor resolution: terms of office decide the sector."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from chronicle.actors import ActorResolver, Entry, Gazetteer, Office
from chronicle.errors import DataFileError
from chronicle.records import Mention


def test_sector_follows_the_term_of_office() -> None:
    merkel = Gazetteer.load().lookup("Merkel")
    assert merkel is not None
    assert merkel.sector_on("2019-01-01") == "GOV"
    assert merkel.sector_on("2024-01-01") is None  # retired: no sector
    assert merkel.sector_on(None) == "GOV"  # no date: the main sector
    poroshenko = Gazetteer.load().lookup("Poroshenko")
    assert poroshenko.sector_on("2016-01-01") == "GOV"
    assert poroshenko.sector_on("2021-01-01") == "OPP"  # out of office, in opposition


def test_newest_office_wins_and_out_of_office_is_explicit() -> None:
    e = Entry(name="A", kind="person", country="MMR", sector="MIL", out_of_office="OPP",
              offices=(Office(role="army chief", start="2010-01-01"),
                       Office(role="head of state", start="2020-01-01", end="2022-01-01", sector="GOV")))
    assert e.sector_on("2015-06-01") == "MIL"
    assert e.sector_on("2021-06-01") == "GOV"
    assert e.office_on("2021-06-01").role == "head of state"
    assert Entry(name="B", kind="person", sector="GOV", out_of_office="OPP",
                 offices=(Office(role="president", end="2000-01-01"),)).sector_on("2001-01-01") == "OPP"


def test_user_file_sets_out_of_office_and_gender(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text("people:\n  - name: Zara Qadir\n    country: PAK\n    sector: GOV\n"
                    "    gender: f\n    out_of_office: OPP\n"
                    "    offices: [{role: interior minister, start: 2019-01-01, end: 2020-01-01}]\n",
                    encoding="utf-8")
    entry = Gazetteer.load(path).lookup("Zara Qadir")
    assert (entry.gender, entry.sector_on("2021-01-01")) == ("f", "OPP")
    path.write_text("people:\n  - name: X\n    gender: x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 2"):
        Gazetteer.load(path)




def _by_text(mentions: list[Mention]) -> dict[str, Mention]:
    return {m.text: m for m in mentions}


@pytest.mark.slow
def test_former_leader_is_not_government_after_leaving_office(resolver: ActorResolver, parse: Any) -> None:
    text = "Merkel visited a school in Hamburg, and Jacinda Ardern gave a lecture."
    before = _by_text(resolver.mentions(parse(text), "d", on=datetime.date(2019, 3, 1)))
    after = _by_text(resolver.mentions(parse(text), "d", on=datetime.date(2024, 3, 1)))
    assert (before["Merkel"].country, before["Merkel"].sector) == ("DEU", "GOV")
    assert (after["Merkel"].country, after["Merkel"].sector) == ("DEU", None)
    assert (after["Jacinda Ardern"].country, after["Jacinda Ardern"].sector) == ("NZL", None)
    undated = _by_text(resolver.mentions(parse(text), "d"))
    assert undated["Merkel"].sector == "GOV"  # the old signature still works


@pytest.mark.slow
def test_role_description_names_the_holder_on_that_day(resolver: ActorResolver, parse: Any) -> None:
    text = "The German chancellor telephoned the British prime minister."
    early = _by_text(resolver.mentions(parse(text), "d", on="2021-03-01"))
    late = _by_text(resolver.mentions(parse(text), "d", on="2022-10-01"))
    assert early["German chancellor"].name == "Angela Merkel"
    assert late["German chancellor"].name == "Olaf Scholz"
    assert late["British prime minister"].name == "Liz Truss"
    assert (late["German chancellor"].country, late["German chancellor"].sector) == ("DEU", "GOV")


@pytest.mark.slow
def test_former_title_drops_the_government_sector(resolver: ActorResolver, parse: Any) -> None:
    got = _by_text(resolver.mentions(parse("Former chancellor Angela Merkel met students."), "d",
                                     on="2020-01-01"))
    assert (got["Angela Merkel"].country, got["Angela Merkel"].sector) == ("DEU", None)


@pytest.mark.slow
def test_actor_for_span_reuses_the_date_given_to_mentions(resolver: ActorResolver, parse: Any) -> None:
    doc = parse("Angela Merkel criticised the plan.")
    resolver.mentions(doc, "d", on="2023-05-01")
    subject = doc[0:2]
    assert resolver.actor_for_span(subject).sector is None
    assert resolver.actor_for_span(subject, on="2010-05-01").sector == "GOV"
