"""The store: schema mirrors the records, writes are idempotent and transactional."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest

from chronicle.errors import StoreError
from chronicle.records import (
    Actor, Analysis, Document, Event, Location, Mention, Sentence, Skip, Timex, doc_id_for,
)
from chronicle.store import TABLES, EventQuery, EventSearch, Store, column_names


def _analysis(text: str, *, date: str = "2021-05-23", country: str = "BLR") -> Analysis:
    doc_id = doc_id_for(text)
    document = Document(id=doc_id, source_id=f"{doc_id}.txt", published="2021-05-24", text=text)
    event = Event(
        id=f"ev-{doc_id}", doc_id=doc_id, source_id=document.source_id, type="COERCE", mode="seize",
        source=Actor(text="Belarusian authorities", country=country, sector="GOV"),
        target=Actor(text="a Ryanair flight", name=None, country=None, sector=None),
        location=Location(text="Minsk", country="BLR"), date=date, date_precision="day" if len(date) == 10 else "month",
        date_text="on Sunday", date_source="text", negated=False, modality="asserted", attributed_to=None,
        sentence=text, start=0, end=len(text), confidence=0.8, trigger="diverted",
    )
    return Analysis(
        document=document,
        sentences=(Sentence(doc_id=doc_id, index=0, start=0, end=len(text), text=text),),
        mentions=(Mention(doc_id=doc_id, sentence=0, start=0, end=22, text=text[:22], country=country,
                          sector="GOV", rule="demonym+sector"),),
        timexes=(Timex(doc_id=doc_id, sentence=0, start=0, end=5, text=text[:5], type="DATE", value=date,
                       precision="day"),),
        events=(event,),
        origin=f"{doc_id}.txt",
    )


def test_schema_mirrors_records(tmp_path):
    with Store(tmp_path / "s.db") as store:
        for table, cls in TABLES.items():
            actual = [r[1] for r in store.conn.execute(f"PRAGMA table_info({table})")]
            assert actual == column_names(table)
            expected: list[str] = []
            for f in dataclasses.fields(cls):
                if f.name in ("source", "target"):
                    expected += [f"{f.name}_{g.name}" for g in dataclasses.fields(Actor)]
                elif f.name == "location":
                    expected += [f"{f.name}_{g.name}" for g in dataclasses.fields(Location)]
                else:
                    expected.append(f.name)
            assert actual == expected, table


def test_events_round_trip_through_the_store(tmp_path):
    a = _analysis("Belarusian authorities diverted a Ryanair flight to Minsk on Sunday.")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([a])
        (back,) = store.events()
    assert back == a.events[0]
    assert back.to_json() == a.events[0].to_json()


def test_writing_the_same_document_twice_stores_it_once(tmp_path):
    a = _analysis("Belarusian authorities diverted a Ryanair flight to Minsk on Sunday.")
    with Store(tmp_path / "s.db") as store:
        first = store.write_batch([a])
        second = store.write_batch([a])
        counts = store.counts()
    assert (first.new, first.present) == (1, 0)
    assert (second.new, second.present) == (0, 1)
    assert counts["documents"] == counts["events"] == counts["sentences"] == 1


def test_a_failed_batch_leaves_nothing_behind(tmp_path):
    good = _analysis("Police detained the editor of the newspaper in Minsk on Tuesday.")
    broken = dataclasses.replace(good, document=dataclasses.replace(good.document, id="x" * 16),
                                 events=(dataclasses.replace(good.events[0], confidence=object()),))
    with Store(tmp_path / "s.db") as store:
        with pytest.raises(sqlite3.Error):
            store.write_batch([good, broken])
        assert store.counts()["documents"] == 0
        assert store.counts()["events"] == 0


def test_date_filters_compare_at_the_events_precision(tmp_path):
    day = _analysis("Belarusian authorities diverted a Ryanair flight on 23 May 2021.", date="2021-05-23")
    month = _analysis("Belarusian authorities held a vote in August 2020.", date="2020-08")
    year = _analysis("Belarusian authorities asked for a loan in 2010.", date="2010")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([day, month, year])
        dates = lambda **kw: [e.date for e in store.events(EventQuery(**kw))]  # noqa: E731
        assert dates() == ["2010", "2020-08", "2021-05-23"]
        assert dates(since="2020-08-15") == ["2020-08", "2021-05-23"]
        assert dates(until="2020-08-15") == ["2010", "2020-08"]
        assert dates(since="2021-06") == []
        assert dates(actor="blr", type="coerce") == ["2010", "2020-08", "2021-05-23"]
        assert dates(actor="UKR") == []


def test_skips_are_recorded_and_cleared_when_the_input_succeeds(tmp_path):
    a = _analysis("Police detained the editor of the newspaper in Minsk on Tuesday.")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([], [Skip(origin=a.origin, reason="not UTF-8", stage="read")])
        assert store.skips() == [Skip(origin=a.origin, reason="not UTF-8", stage="read")]
        store.write_batch([a])
        assert store.skips() == []


def test_a_reader_sees_committed_data_while_a_writer_holds_the_file(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as writer:
        writer.write_batch([_analysis("Police detained the editor in Minsk on Tuesday.")])
        writer.conn.execute("BEGIN IMMEDIATE")  # a write transaction in progress
        writer.conn.execute("DELETE FROM events")
        with Store(path, readonly=True) as reader:
            assert reader.counts()["events"] == 1
        writer.conn.execute("ROLLBACK")


def test_opening_something_else_is_a_clear_error(tmp_path):
    other = tmp_path / "other.db"
    other.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="not a Chronicle store"):
        Store(other)
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.db", readonly=True)


# -- one happening, two articles: aggregates count happenings, not reports ------

GEO_POLICE = Actor(text="Georgian police", country="GEO", sector="COP")
PROTESTERS = Actor(text="protesters", country="GEO", sector="PRO")


def _report(text: str, *, title: str, outlet: str, published: str, date: str, source: Actor = GEO_POLICE,
            target: Actor = PROTESTERS, place: str = "Tbilisi", attributed_to: str | None = None) -> Analysis:
    """Return a one-sentence article with one COERCE event, as the pipeline would store it."""
    doc_id = doc_id_for(text)
    document = Document(id=doc_id, source_id=f"{outlet}/{doc_id}", title=title, outlet=outlet,
                        published=published, text=text)
    event = Event(
        id=f"ev-{doc_id}", doc_id=doc_id, source_id=document.source_id, type="COERCE", mode="arrest",
        source=source, target=target, location=Location(text=place, country="GEO"), date=date,
        date_precision="day" if len(date) == 10 else "month", date_source="text", negated=False,
        modality="reported" if attributed_to else "asserted", attributed_to=attributed_to,
        sentence=text, start=0, end=len(text), confidence=0.8,
    )
    at = text.index(place)
    mentions = (Mention(doc_id=doc_id, sentence=0, start=at, end=at + len(place), text=place, kind="place",
                        country="GEO", rule="place"),)
    return Analysis(document=document, sentences=(Sentence(doc_id=doc_id, index=0, start=0, end=len(text), text=text),),
                    mentions=mentions, events=(event,), origin=document.source_id)


def two_outlets_one_happening() -> tuple[Analysis, Analysis, Analysis]:
    """Return two articles reporting one detention in Tbilisi (dated to the day, then the month) and a later one."""
    wire = _report("Georgian police detained protesters outside parliament in Tbilisi on Thursday.",
                   title="Protesters detained in Tbilisi", outlet="Caucasus Wire", published="2024-05-03",
                   date="2024-05-02")
    courier = _report("Police in Georgia detained protesters in Tbilisi in early May, witnesses said.",
                      title="Arrests at the parliament", outlet="Daily Courier", published="2024-05-06",
                      date="2024-05", source=Actor(text="Police in Georgia", country="GEO", sector="COP"),
                      attributed_to="witnesses")
    batumi = _report("Georgian police detained protesters in Batumi on 15 June.", title="Batumi arrests",
                     outlet="Caucasus Wire", published="2024-06-16", date="2024-06-15", place="Batumi")
    return wire, courier, batumi


def test_two_articles_on_one_detention_are_one_happening_with_both_reports(tmp_path):
    wire, courier, batumi = two_outlets_one_happening()
    with Store(tmp_path / "s.db") as store:
        store.write_batch([wire, courier, batumi])
        happenings = list(store.happenings())
        tbilisi = store.cluster_of(wire.events[0].id)
        reports = store.cluster_reports(tbilisi.id)
    assert [h.reports for h in happenings] == [2, 1]
    assert [(r.event_id, r.title, r.outlet, r.published, r.attributed_to) for r in reports] == [
        (wire.events[0].id, "Protesters detained in Tbilisi", "Caucasus Wire", "2024-05-03", None),
        (courier.events[0].id, "Arrests at the parliament", "Daily Courier", "2024-05-06", "witnesses"),
    ]


def test_timeline_counts_happenings_dated_by_their_most_precise_report(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.write_batch(list(two_outlets_one_happening()))
        buckets = lambda t: {b.period: b.count for b in t.buckets}  # noqa: E731
        by_month = store.timeline(EventSearch(), "month")
        assert buckets(by_month) == {"2024-05": 1, "2024-06": 1}
        assert buckets(store.timeline(EventSearch(), "month", reports=True)) == {"2024-05": 2, "2024-06": 1}
        # the day-dated report dates the happening; counting reports, the month-dated one is coarser
        by_day = store.timeline(EventSearch(), "day")
        assert (buckets(by_day), by_day.coarser) == ({"2024-05-02": 1, "2024-06-15": 1}, 0)
        reports = store.timeline(EventSearch(), "day", reports=True)
        assert (buckets(reports), reports.coarser) == ({"2024-05-02": 1, "2024-06-15": 1}, 1)
        # with a filter only the matching report dates the happening: here the month-dated one
        courier = store.timeline(EventSearch(actor="Police in Georgia"), "day")
        assert (buckets(courier), courier.coarser) == ({}, 1)


def test_actors_count_each_happening_once(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.write_batch(list(two_outlets_one_happening()))
        counts = {a.name: (a.as_source, a.as_target) for a in store.actors()}
        assert counts == {"Georgian police": (2, 0), "protesters": (0, 2), "Police in Georgia": (1, 0)}
        reported = {a.name: (a.as_source, a.as_target) for a in store.actors(reports=True)}
        assert reported == {"Georgian police": (2, 0), "protesters": (0, 3), "Police in Georgia": (1, 0)}
        assert [a.name for a in store.actors(limit=1)] == ["Georgian police"]
        page, total = store.actor_page(q="in georgia", reports=True)
        assert total == 1 and (page[0].name, page[0].as_source) == ("Police in Georgia", 1)


def test_network_counts_happenings_per_edge_and_per_actor(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.write_batch(list(two_outlets_one_happening()))
        nodes, edges = store.network(EventSearch())
        r_nodes, r_edges = store.network(EventSearch(), reports=True)
    edge = lambda e: (e.source, e.target, e.conflictual)  # noqa: E731
    assert sorted(map(edge, edges)) == sorted(map(edge, r_edges)) == [
        ("Georgian police|GEO|COP", "protesters|GEO|PRO", 2), ("Police in Georgia|GEO|COP", "protesters|GEO|PRO", 1)]
    # two edges into the protesters carry the Tbilisi happening; it counts once for them
    assert {n.name: n.as_target for n in nodes}["protesters"] == 2
    assert {n.name: n.as_target for n in r_nodes}["protesters"] == 3
