"""The web app: every API endpoint, the pages and their JSON twins, the one error envelope,
ingest over HTTP, and schemathesis against the app's own OpenAPI document.

The store is filled from examples/ once per module (loads the spaCy model).
"""

from __future__ import annotations

import json
import sqlite3
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

with warnings.catch_warnings():  # starlette's TestClient warns that httpx is deprecated
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import schemathesis
from schemathesis.generation import GenerationMode
from typer.testing import CliRunner

from chronicle.cli import app as cli
from chronicle.records import PLOVER_TYPES
from chronicle.store import Store
from chronicle.web.app import create_app

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EVENT_FIELDS = {
    "id", "doc_id", "source_id", "type", "mode", "cameo_root", "source", "target", "location", "date",
    "date_precision", "date_text", "date_source", "negated", "modality", "attributed_to",
    "sentence", "start", "end", "confidence",
}
ARTICLE = ("Lithuania's foreign ministry accused Belarus on Tuesday of pushing migrants across the border. "
           "Vilnius said it would close two crossings.")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "examples.db"
    result = CliRunner().invoke(cli, ["ingest", str(ROOT / "examples"), "--db", str(path)])
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db), raise_server_exceptions=False)


def assert_error(response, status: int, words: str = "") -> dict:
    """Assert the one error envelope with this status; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "message", "detail"}
    assert body["error"]["status"] == status
    assert words.lower() in body["error"]["message"].lower()
    return body


# -- events --------------------------------------------------------------------


def test_events_page_through_all_events_in_date_order(client, db):
    with Store(db, readonly=True) as store:
        total = store.counts()["events"]
    seen, url = [], "/api/events?limit=40"
    while url:
        body = client.get(url).json()
        assert body["total"] == total and body["limit"] == 40
        seen += body["events"]
        url = body["next"]
    assert len(seen) == total == len({e["id"] for e in seen})
    assert all(set(e) == EVENT_FIELDS for e in seen)
    dates = [e["date"] for e in seen if e["date"]]
    assert dates == sorted(dates)


@pytest.mark.parametrize("params, check", [
    ({"actor": "Lukashenko"}, lambda e: "lukashenko" in json.dumps([e["source"], e["target"]]).lower()),
    ({"country": "blr"}, lambda e: "BLR" in ((e["source"] or {}).get("country"), (e["target"] or {}).get("country"))),
    ({"type": ["COERCE", "ASSAULT"]}, lambda e: e["type"] in ("COERCE", "ASSAULT")),
    ({"since": "2022-01", "until": "2022-01-31"}, lambda e: e["date"] and e["date"][:7] in ("2022-01", "2022")),
    ({"q": "paratroopers"}, lambda e: "paratroopers" in e["sentence"].lower()),
    ({"negated": "true"}, lambda e: e["negated"] is True),
    ({"negated": "false"}, lambda e: e["negated"] is False),
    ({"modality": "reported"}, lambda e: e["modality"] == "reported"),
    ({"min_confidence": 0.7}, lambda e: e["confidence"] >= 0.7),
])
def test_events_filters(client, params, check):
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert body["total"] == len(body["events"]) > 0, params
    assert all(check(e) for e in body["events"]), params
    everything = client.get("/api/events", params={"limit": 1}).json()["total"]
    assert body["total"] < everything


def test_events_sort_orders(client):
    conf = [e["confidence"] for e in client.get("/api/events?sort=-confidence&limit=1000").json()["events"]]
    assert conf == sorted(conf, reverse=True)
    dates = [e["date"] for e in client.get("/api/events?sort=-date&limit=1000").json()["events"] if e["date"]]
    assert dates == sorted(dates, reverse=True)


def test_text_search_treats_percent_and_underscore_literally(client):
    assert client.get("/api/events", params={"q": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"q": "_"}).json()["total"] == 0


def test_one_event_with_document_evidence_and_reports(client, db):
    events = client.get("/api/events?limit=1000").json()["events"]
    several = 0
    with Store(db, readonly=True) as store:
        for e in events:
            body = client.get(f"/api/events/{e['id']}").json()
            assert body["event"] == e
            text = body["document"]["text"]
            assert text[body["evidence"]["start"]:body["evidence"]["end"]] == e["sentence"] == body["evidence"]["sentence"]
            # the other reports are the event's cluster, nothing else
            cluster = store.cluster_of(e["id"])
            members = [r.event_id for r in store.cluster_reports(cluster.id)]
            assert [r["id"] for r in body["reports"]] == [m for m in members if m != e["id"]]
            assert body["happening"]["cluster_id"] == cluster.id
            assert body["happening"]["reports"] == len(body["reports"]) + 1 == cluster.reports
            assert all(set(r) == EVENT_FIELDS | {"title", "outlet", "published"} for r in body["reports"])
            several += bool(body["reports"])
    assert "cluster" in body["reports_rule"]
    assert several, "some happening of the examples is reported twice"


def test_event_page_lists_the_other_report_of_its_happening(tmp_path):
    from tests.test_store import two_outlets_one_happening

    wire, courier, batumi = two_outlets_one_happening()
    with Store(tmp_path / "r.db") as store:
        store.write_batch([wire, courier, batumi])
    client = TestClient(create_app(tmp_path / "r.db"))
    body = client.get(f"/api/events/{wire.events[0].id}").json()
    assert body["happening"]["reports"] == 2 and body["happening"]["documents"] == 2
    (other,) = body["reports"]
    assert other["id"] == courier.events[0].id and other["doc_id"] == courier.document.id
    assert (other["outlet"], other["published"], other["title"]) == ("Daily Courier", "2024-05-06",
                                                                      "Arrests at the parliament")
    assert other["attributed_to"] == "witnesses" and other["sentence"] == courier.events[0].sentence
    back = client.get(f"/api/events/{courier.events[0].id}").json()
    assert [r["id"] for r in back["reports"]] == [wire.events[0].id]
    alone = client.get(f"/api/events/{batumi.events[0].id}").json()
    assert alone["reports"] == [] and alone["happening"]["reports"] == 1
    html = client.get(f"/events/{wire.events[0].id}").text
    assert "2 reports in 2 documents" in html
    assert "Daily Courier" in html and "per witnesses" in html
    assert f'href="/events/{courier.events[0].id}"' in html and f'href="/documents/{courier.document.id}"' in html


def test_aggregates_count_happenings_unless_asked_for_reports(tmp_path):
    from tests.test_store import two_outlets_one_happening

    with Store(tmp_path / "r.db") as store:
        store.write_batch(list(two_outlets_one_happening()))
    client = TestClient(create_app(tmp_path / "r.db"))

    def months(url: str) -> dict[str, int]:
        body = client.get(url).json()
        return {p["period"]: p["total"] for p in body["periods"]}

    assert months("/api/timeline?granularity=month") == {"2024-05": 1, "2024-06": 1}
    assert months("/api/timeline?granularity=month&count=happenings") == {"2024-05": 1, "2024-06": 1}
    assert months("/api/timeline?granularity=month&count=reports") == {"2024-05": 2, "2024-06": 1}
    assert client.get("/api/timeline").json()["count"] == "happenings"

    def targets(url: str) -> int:
        return {a["name"]: a["as_target"] for a in client.get(url).json()["actors"]}["protesters"]

    assert (targets("/api/actors"), targets("/api/actors?count=reports")) == (2, 3)
    network = client.get("/api/network").json()
    assert {n["name"]: n["as_target"] for n in network["nodes"]}["protesters"] == 2
    assert sum(e["count"] for e in network["edges"]) == 3  # the Tbilisi happening is on two edges
    reported = client.get("/api/network?count=reports").json()
    assert reported["count"] == "reports" and {n["name"]: n["as_target"] for n in reported["nodes"]}["protesters"] == 3
    # the pages say what they count and link to the other way of counting
    page = client.get("/?granularity=month").text
    assert "Counting happenings" in page and 'href="/?granularity=month&amp;count=reports"' in page
    assert "Counting reports" in client.get("/actors?count=reports").text
    assert 'value="reports" selected' in client.get("/network?count=reports").text


def test_unknown_event_and_document_are_404_envelopes(client):
    assert_error(client.get("/api/events/nope"), 404, "no event")
    assert_error(client.get("/api/documents/nope"), 404, "no document")
    assert_error(client.get("/api/nothing-here"), 404, "not found")


@pytest.mark.parametrize("url, words", [
    ("/api/events?since=2020-13", "since"),
    ("/api/events?until=yesterday", "until"),
    ("/api/events?type=HUG", "type"),
    ("/api/events?type=coerce", "type"),
    ("/api/events?limit=0", "limit"),
    ("/api/events?limit=5000", "limit"),
    ("/api/events?offset=-1", "offset"),
    ("/api/events?min_confidence=2", "min_confidence"),
    ("/api/events?negated=maybe", "negated"),
    ("/api/events?modality=rumoured", "modality"),
    ("/api/events?sort=random", "sort"),
    ("/api/events?country=Belarus", "country"),
    ("/api/timeline?granularity=week", "granularity"),
    ("/api/timeline?count=articles", "count"),
    ("/api/actors?count=events", "count"),
    ("/api/network?nodes=0", "nodes"),
    ("/api/actors?limit=abc", "limit"),
    ("/api/export?format=xlsx", "format"),
    ("/api/documents?offset=x", "offset"),
])
def test_bad_parameters_are_400_envelopes(client, url, words):
    body = assert_error(client.get(url), 400, words)
    assert words in body["error"]["detail"][0]["loc"]


def test_post_without_allow_ingest_is_405_envelope(client):
    assert_error(client.post("/api/documents", content=ARTICLE), 405, "--allow-ingest")


def test_store_missing_or_not_a_store(tmp_path):
    from chronicle.errors import StoreError

    with pytest.raises(StoreError, match="no store"):
        create_app(tmp_path / "absent.db")
    bad = tmp_path / "bad.db"
    sqlite3.connect(bad).execute("CREATE TABLE x (y)").connection.commit()
    with pytest.raises(StoreError, match="not a Chronicle store"):
        create_app(bad)


# -- actors, timeline, network, documents --------------------------------------


def test_actors_with_counts_match_the_store(client, db):
    with Store(db, readonly=True) as store:
        expected = store.actors()
    body = client.get("/api/actors?limit=1000").json()
    assert body["total"] == len(expected)
    got = {(a["name"].lower(), a["country"], a["sector"]): (a["as_source"], a["as_target"]) for a in body["actors"]}
    assert got == {(a.name.lower(), a.country, a.sector): (a.as_source, a.as_target) for a in expected}
    counts = [a["as_source"] + a["as_target"] for a in body["actors"]]
    assert counts == sorted(counts, reverse=True)
    found = client.get("/api/actors?q=lukashenko").json()["actors"]
    assert found and all("lukashenko" in (a["name"] + " ".join(a["texts"])).lower() for a in found)


def test_timeline_counts_add_up(client, db):
    events = client.get("/api/events?limit=1000").json()["events"]
    with Store(db, readonly=True) as store:
        happenings = [h.event for h in store.happenings()]
    assert len(happenings) < len(events)
    for granularity, width in (("year", 4), ("month", 7), ("day", 10)):
        body = client.get(f"/api/timeline?granularity={granularity}&count=reports").json()
        assert body["granularity"] == granularity and body["count"] == "reports"
        drawn = sum(b["count"] for b in body["buckets"])
        assert drawn == sum(1 for e in events if e["date"] and len(e["date"]) >= width)
        assert drawn + body["coarser"] + body["undated"] == len(events)
        # by default each happening counts once, dated by its canonical (most precisely dated) report
        body = client.get(f"/api/timeline?granularity={granularity}").json()
        drawn = sum(b["count"] for b in body["buckets"])
        assert drawn == sum(1 for e in happenings if e.date and len(e.date) >= width)
        assert drawn + body["coarser"] + body["undated"] == len(happenings)
        assert all(len(b["period"]) == width and b["type"] in PLOVER_TYPES for b in body["buckets"])
        assert sum(p["total"] for p in body["periods"]) == drawn
    tones = {b["type"]: b["tone"] for b in client.get("/api/timeline?granularity=year").json()["buckets"]}
    assert tones.get("COERCE") == "conflictual" and tones.get("AGREE", "cooperative") == "cooperative"
    assert client.get("/api/timeline").json()["granularity"] in ("year", "month", "day")
    filtered = client.get("/api/timeline?granularity=year&actor=Lukashenko").json()
    assert sum(p["total"] for p in filtered["periods"]) < len(events)


def test_network_nodes_and_edges(client):
    body = client.get("/api/network?nodes=10").json()
    ids = {n["id"] for n in body["nodes"]}
    assert 0 < len(ids) <= 10
    assert body["edges"] and all(e["source"] in ids and e["target"] in ids for e in body["edges"])
    assert all(e["count"] == e["cooperative"] + e["conflictual"] + e["other"] >= 1 for e in body["edges"])
    coerce = client.get("/api/network?type=COERCE").json()
    assert all(e["conflictual"] == e["count"] for e in coerce["edges"])


def test_documents_with_their_events(client, db):
    body = client.get("/api/documents?limit=1000").json()
    assert body["total"] == 10 == len(body["documents"])
    assert all("text" not in d for d in body["documents"])
    doc = max(body["documents"], key=lambda d: d["events"])
    detail = client.get(f"/api/documents/{doc['id']}").json()
    assert len(detail["events"]) == doc["events"] > 0
    assert all(e["doc_id"] == doc["id"] for e in detail["events"])
    starts = [e["start"] for e in detail["events"]]
    assert starts == sorted(starts)
    assert len(detail["document"]["text"]) == doc["length"]
    assert client.get("/api/documents", params={"q": "tigray"}).json()["total"] == 1


# -- exports ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt, media", [
    ("csv", "text/csv"), ("jsonl", "application/x-ndjson"), ("parquet", "application/vnd.apache.parquet"),
    ("graphml", "application/graphml+xml"), ("polecat", "text/tab-separated-values"),
])
def test_export_endpoint(client, fmt, media):
    r = client.get(f"/api/export?format={fmt}&actor=Lukashenko")
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "attachment" in r.headers["content-disposition"]
    n = client.get("/api/events?actor=Lukashenko").json()["total"]
    if fmt == "jsonl":
        assert len(r.text.splitlines()) == n
    elif fmt in ("csv", "polecat"):
        assert len(r.text.splitlines()) == n + 1
    elif fmt == "parquet":
        import io

        import pyarrow.parquet as pq
        assert pq.read_table(io.BytesIO(r.content)).num_rows == n
    else:
        assert r.text.startswith("<?xml") and "<edge " in r.text


# -- pages and their JSON twins ------------------------------------------------


@pytest.mark.parametrize("page, api", [
    ("/", "/api/timeline"), ("/events", "/api/events"), ("/actors", "/api/actors"),
    ("/documents", "/api/documents"), ("/network", "/api/network"),
    ("/?actor=BLR&granularity=year", "/api/timeline?actor=BLR&granularity=year"),
    ("/events?q=troops&limit=5", "/api/events?q=troops&limit=5"),
    ("/actors?count=reports", "/api/actors?count=reports"),
    ("/?count=reports&granularity=year", "/api/timeline?count=reports&granularity=year"),
])
def test_every_page_has_a_json_twin(client, page, api):
    html = client.get(page)
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert f'type="application/json" href="{api}"'.replace("&", "&amp;") in html.text
    sep = "&" if "?" in page else "?"
    twin = client.get(f"{page}{sep}format=json").json()
    api_body = client.get(api).json()
    twin.pop("next", None), api_body.pop("next", None)
    assert twin == api_body


def test_event_and_document_pages(client):
    event = client.get("/api/events?actor=Lukashenko&limit=1").json()["events"][0]
    html = client.get(f"/events/{event['id']}").text
    assert '<mark id="evidence"' in html
    assert client.get(f"/events/{event['id']}?format=json").json() == client.get(f"/api/events/{event['id']}").json()
    doc = client.get(f"/documents/{event['doc_id']}")
    assert doc.status_code == 200 and "<mark" in doc.text
    assert client.get(f"/documents/{event['doc_id']}?format=json").json()["document"]["id"] == event["doc_id"]


def test_pages_ignore_empty_form_fields_and_show_errors_as_html(client):
    assert client.get("/?actor=&type=&since=&until=&granularity=auto").status_code == 200
    bad = client.get("/events?since=someday", headers={"accept": "text/html"})
    assert bad.status_code == 400 and bad.headers["content-type"].startswith("text/html")
    assert "since" in bad.text
    missing = client.get("/events/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "no event" in missing.text
    assert_error(client.get("/events/nope?format=json"), 404, "no event")


def test_no_page_loads_anything_from_another_host(client):
    for page in ("/", "/events", "/actors", "/network", "/documents"):
        html = client.get(page).text
        assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html, page
    assert client.get("/docs").status_code == 404  # Swagger UI would come from a CDN
    assert client.get("/static/network.js").status_code == 200


# -- ingest over HTTP ------------------------------------------------------------


@pytest.fixture()
def ingest_client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(tmp_path / "posted.db", allow_ingest=True, max_body=64 * 1024),
                      raise_server_exceptions=False)


def test_post_document_is_idempotent(ingest_client, tmp_path):
    first = ingest_client.post("/api/documents?date=2021-11-09", content=ARTICLE,
                               headers={"content-type": "text/plain"})
    assert first.status_code == 201, first.text
    body = first.json()
    assert [d["status"] for d in body["documents"]] == ["new"] and body["events"] >= 1
    doc_id = body["documents"][0]["id"]
    again = ingest_client.post("/api/documents?date=2021-11-09", content=ARTICLE,
                               headers={"content-type": "text/plain"}).json()
    assert again["documents"] == [{"id": doc_id, "origin": "<stdin>", "status": "present", "events": 0}]
    as_json = ingest_client.post("/api/documents", json={"text": ARTICLE, "title": "Border", "published": "2021-11-09"})
    assert as_json.json()["documents"][0]["status"] == "present"
    with Store(tmp_path / "posted.db", readonly=True) as store:
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == body["events"]
    events = ingest_client.get(f"/api/documents/{doc_id}").json()["events"]
    assert len(events) == body["events"] and events[0]["date"].startswith("2021-11")


def test_post_limits_and_bad_bodies(ingest_client):
    assert_error(ingest_client.post("/api/documents", content="x" * (64 * 1024 + 1)), 413, "over")
    assert_error(ingest_client.post("/api/documents", content=""), 400, "empty")
    assert_error(ingest_client.post("/api/documents", content="{nope", headers={"content-type": "application/json"}),
                 400, "not json")
    assert_error(ingest_client.post("/api/documents", json=[1, 2]), 400, "text")
    assert_error(ingest_client.post("/api/documents?date=2021-02-30", content=ARTICLE), 400, "date")
    skipped = ingest_client.post("/api/documents", content=b"\x00\x01binary").json()
    assert skipped["documents"] == [] and skipped["skipped"][0]["reason"]


# -- schemathesis: the app against its own OpenAPI document -------------------


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_api_conforms_to_its_openapi_document(db, mode):
    """Generated requests (valid, then invalid) get answers that match the documented responses."""
    operations = _operations(create_app(db))
    assert {op.path for op in operations} == {
        "/api/events", "/api/events/{event_id}", "/api/actors", "/api/timeline", "/api/network",
        "/api/documents", "/api/documents/{doc_id}", "/api/export",
    }
    for op in operations:
        if mode is GenerationMode.NEGATIVE and "{" in op.path:
            continue  # an unconstrained string id has no invalid values to generate
        @given(case=op.as_strategy(mode))
        @settings(max_examples=20, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
        def check(case) -> None:
            case.call_and_validate()

        check()


def test_ingest_endpoint_conforms_to_its_openapi_document(tmp_path):
    (op,) = [o for o in _operations(create_app(tmp_path / "s.db", allow_ingest=True)) if o.method.upper() == "POST"]

    @given(case=op.as_strategy())
    @settings(max_examples=8, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        case.call_and_validate()

    check()


def test_aggregates_follow_new_ingests(ingest_client):
    # actor counts, timeline and network are cached until the store changes
    def totals() -> tuple[int, int, int]:
        actors = ingest_client.get("/api/actors").json()["total"]
        timeline = sum(p["total"] for p in ingest_client.get("/api/timeline").json()["periods"])
        edges = len(ingest_client.get("/api/network").json()["edges"])
        return actors, timeline, edges

    ingest_client.post("/api/documents", content="Notes.", headers={"content-type": "text/plain"})
    before = totals()
    assert before == totals()
    posted = ingest_client.post("/api/documents?date=2021-11-09", content=ARTICLE,
                                headers={"content-type": "text/plain"}).json()
    assert posted["events"] >= 1
    after = totals()
    assert after[0] > before[0] and after[1] > before[1]
