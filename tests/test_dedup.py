"""Deduplication: reports of one happening form one cluster; near-misses stay apart. No model."""

from __future__ import annotations

import sqlite3

from chronicle import dedup
from chronicle.records import Actor, Analysis, Document, Event, Location, Mention, doc_id_for
from chronicle.store import EventQuery, Store

KEN_POLICE = Actor(text="Kenyan police", country="KEN", sector="COP")
PROTESTERS = Actor(text="protesters", country="KEN", sector="PRO")


def _article(text: str, *, date: str | None, type_: str = "ASSAULT", source: Actor | None = KEN_POLICE,
             target: Actor | None = PROTESTERS, place: str | None = "Nairobi", negated: bool = False,
             modality: str = "asserted", outlet: str = "Wire", published: str = "2023-07-08") -> Analysis:
    """Return a one-sentence, one-event analysis as the pipeline would give it."""
    doc_id = doc_id_for(text)
    event = Event(
        id=f"ev-{doc_id}", doc_id=doc_id, source_id=f"{doc_id}.txt", type=type_, source=source, target=target,
        location=Location(text=place, country="KEN") if place else None, date=date,
        date_precision=dedup.precision_of(date), date_source="text", negated=negated, modality=modality,
        sentence=text, start=0, end=len(text), confidence=0.8,
    )
    mentions = ()
    if place and place in text:
        at = text.index(place)
        mentions = (Mention(doc_id=doc_id, sentence=0, start=at, end=at + len(place), text=place, kind="place",
                            country="KEN", rule="place"),)
    document = Document(id=doc_id, source_id=event.source_id, outlet=outlet, published=published, text=text)
    return Analysis(document=document, mentions=mentions, events=(event,), origin=event.source_id)


def _clusters(store: Store) -> list[int]:
    """Return the report counts of the store's clusters, largest first."""
    return sorted((h.reports for h in store.happenings()), reverse=True)


def test_reports_from_different_outlets_merge_into_one_happening(tmp_path):
    a = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    b = _article("On 7 July, police in Kenya used tear gas against demonstrators in Nairobi.", date="2023-07-07",
                 source=Actor(text="police in Kenya", country="KEN", sector="COP"), outlet="Meridian",
                 published="2023-07-10")
    # the same people called "security forces" (MIL) and the target unresolved: still compatible
    c = _article("Security forces attacked the crowd in Nairobi in July.", date="2023-07",
                 source=Actor(text="Security forces", country="KEN", sector="MIL"),
                 target=Actor(text="the crowd"), outlet="Courier", published="2023-07-09")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([a, b, c])
        (happening,) = store.happenings()
        reports = store.cluster_reports(happening.cluster_id)
    assert (happening.reports, happening.documents) == (3, 3)
    assert happening.event.date == "2023-07-07"  # the canonical report is a day-dated one
    assert {r.outlet for r in reports} == {"Wire", "Meridian", "Courier"}
    assert reports[0].sentence.startswith("Kenyan police")


def test_same_actors_on_another_day_stay_apart(tmp_path):
    friday = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    wednesday = _article("Kenyan police fired tear gas at protesters in Nairobi on Wednesday.", date="2023-07-12")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([friday, wednesday])
        assert _clusters(store) == [1, 1]


def test_a_recalled_past_event_stays_apart_from_the_new_one(tmp_path):
    rus, ukr = Actor(text="Russia", name="Russia", country="RUS", sector="GOV"), Actor(
        text="Ukraine", name="Ukraine", country="UKR", sector="GOV")
    shelling = _article("Russian forces shelled Ukraine on 14 March 2023.", date="2023-03-14", source=rus,
                        target=ukr, place=None)
    recalled = _article("In 2023, Russia attacked Ukraine again.", date="2023", source=rus, target=ukr, place=None)
    invasion = _article("Russia invaded Ukraine in February 2022.", date="2022-02", source=rus, target=ukr,
                        place=None)
    with Store(tmp_path / "s.db") as store:
        store.write_batch([shelling, recalled, invasion])
        # a bare year is two steps coarser than a day: no merge
        assert _clusters(store) == [1, 1, 1]


def test_a_denial_is_its_own_cluster_not_a_report_of_the_assertion(tmp_path):
    shelled = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    denied = _article("Kenyan police did not fire tear gas at protesters in Nairobi on Friday.", date="2023-07-07",
                      negated=True, modality="denied")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([shelled, denied])
        polarities = sorted(store.cluster_of(e.id).polarity for e in store.events())
    assert polarities == ["asserted", "negated"]


def test_another_city_or_another_country_stays_apart(tmp_path):
    lima = _article("Police detained protesters in Lima on Thursday.", date="2023-01-12", place="Lima")
    cusco = _article("Police detained protesters in Cusco on Thursday.", date="2023-01-12", place="Cusco")
    uganda = _article("Ugandan police fired tear gas at protesters on Friday.", date="2023-01-12", place=None,
                      source=Actor(text="Ugandan police", country="UGA", sector="COP"))
    with Store(tmp_path / "s.db") as store:
        store.write_batch([lima, cusco, uganda])
        assert _clusters(store) == [1, 1, 1]


def test_a_later_ingest_attaches_to_the_existing_cluster(tmp_path):
    first = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    later = _article("Riot police fired tear gas at protesters in Nairobi on July 7.", date="2023-07-07",
                     source=Actor(text="Riot police", country="KEN", sector="COP"), published="2023-07-11")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([first])
        (before,) = store.happenings()
    with Store(tmp_path / "s.db") as store:  # a separate ingest run
        store.write_batch([later])
        (after,) = store.happenings()
        assert store.counts()["clusters"] == 1
    assert after.cluster_id == before.cluster_id
    assert (before.reports, after.reports) == (1, 2)


def test_reingesting_does_not_double_count(tmp_path):
    a = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    b = _article("Police in Kenya used tear gas in Nairobi on 7 July.", date="2023-07-07")
    with Store(tmp_path / "s.db") as store:
        store.write_batch([a, b])
        again = store.write_batch([a, b])
        (happening,) = store.happenings()
        members = store.counts()["cluster_members"]
    assert (again.new, again.present) == (0, 2)
    assert happening.reports == 2 and members == 2


def test_happenings_filters_like_events_and_shows_a_matching_report(tmp_path):
    a = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    b = _article("Odinga said Kenyan police fired tear gas at protesters in Nairobi.", date="2023-07-07",
                 target=Actor(text="Odinga's protesters", name="Raila Odinga", country="KEN", sector="OPP"))
    with Store(tmp_path / "s.db") as store:
        store.write_batch([a, b])
        (only,) = store.happenings(EventQuery(actor="odinga"))
        assert only.event.id == b.events[0].id and only.reports == 2
        assert list(store.happenings(EventQuery(type="COERCE"))) == []


def test_a_version_1_store_is_clustered_when_opened_for_writing(tmp_path):
    path = tmp_path / "s.db"
    a = _article("Kenyan police fired tear gas at protesters in Nairobi on Friday.", date="2023-07-07")
    b = _article("Police in Kenya used tear gas in Nairobi on 7 July.", date="2023-07-07")
    with Store(path) as store:
        store.write_batch([a, b])
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE cluster_members")
    conn.execute("DROP TABLE clusters")
    conn.execute("UPDATE meta SET value='1' WHERE key='schema_version'")
    conn.commit()
    conn.close()
    with Store(path) as store:
        (happening,) = store.happenings()
    assert happening.reports == 2


def test_match_rules():
    assert dedup.dates_compatible("2023-07-07", "2023-07")
    assert dedup.dates_compatible("2023-07", "2023")
    assert not dedup.dates_compatible("2023-07-07", "2023")
    assert not dedup.dates_compatible("2023-07-07", "2023-07-08")
    assert not dedup.dates_compatible(None, None)
    assert dedup.actor_score(KEN_POLICE, Actor(text="authorities", country="KEN", sector="GOV")) is not None
    assert dedup.actor_score(KEN_POLICE, Actor(text="students", country="KEN", sector="EDU")) is None
    assert dedup.actor_score(KEN_POLICE, Actor(text="it")) == 0
    assert dedup.candidate_dates("2023-07-07") == (("2023-07", "2023-07-07"), None)
    assert dedup.candidate_dates("2023") == (("2023",), "2023")
