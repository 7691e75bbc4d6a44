"""The CLI end to end, on fixtures written for these tests. Loads the spaCy model."""

from __future__ import annotations

import csv
import io
import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chronicle.cli import app
from chronicle.records import PLOVER_TYPES
from chronicle.store import Store

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).parent / "fixtures" / "cli"
ROOT = Path(__file__).resolve().parents[1]
EVENT_FIELDS = {
    "id", "doc_id", "source_id", "type", "mode", "cameo_root", "source", "target", "location", "date",
    "date_precision", "date_text", "date_source", "negated", "modality", "attributed_to",
    "sentence", "start", "end", "confidence",
}
DOCUMENT_FIELDS = {"id", "source_id", "url", "title", "author", "outlet", "published", "published_inferred", "text"}

runner = CliRunner()


def invoke(*args: str):
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def chronicle(*args: str, **kw) -> subprocess.CompletedProcess:
    """Run the real command in a child process (exit codes, stderr lines)."""
    return subprocess.run([sys.executable, "-m", "chronicle", *args], capture_output=True, text=True,
                          cwd=kw.pop("cwd", ROOT), **kw)


def extract_json(path: Path, *extra: str) -> dict:
    result = invoke("extract", str(path), "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_extract_follows_the_json_contract():
    out = extract_json(FIXTURES / "port-blockade.txt", "--date", "2023-03-17")
    assert set(out) == {"document", "events", "timexes", "mentions"}
    document = out["document"]
    assert set(document) == DOCUMENT_FIELDS
    assert document["published"] == "2023-03-17" and document["published_inferred"] is False
    assert out["events"], "the fixture reports events"
    for event in out["events"]:
        assert set(event) == EVENT_FIELDS
        assert event["type"] in PLOVER_TYPES
        assert document["text"][event["start"]:event["end"]] == event["sentence"]
        for role in ("source", "target"):
            assert event[role] is None or set(event[role]) == {"text", "name", "country", "sector"}
        assert event["date_precision"] in (None, "day", "month", "year", "decade")
        assert isinstance(event["negated"], bool)
        assert event["modality"] in ("asserted", "future", "hypothetical", "denied", "reported")
        assert 0 <= event["confidence"] <= 1
    for timex in out["timexes"]:
        assert document["text"][timex["start"]:timex["end"]] == timex["text"]
    for mention in out["mentions"]:
        assert document["text"][mention["start"]:mention["end"]] == mention["text"]


def test_extract_drops_a_related_headlines_block_and_keeps_the_author_as_metadata():
    out = extract_json(FIXTURES / "port-blockade.txt", "--date", "2023-03-17")
    text = out["document"]["text"]
    assert "stoppage time" not in text and "Heatwave" not in text and "gadgets" not in text
    assert "Read more" not in text
    assert "correspondent for the Balkan Desk" not in text
    assert out["document"]["author"] == "Ana Petrovic"
    assert text.rstrip().endswith("if the unrest spread.")
    assert all("derby" not in e["sentence"] for e in out["events"])


def test_extract_reads_negation_modality_attribution_and_the_events_own_date():
    events = extract_json(FIXTURES / "port-blockade.txt", "--date", "2023-03-17")["events"]
    arrest = next(e for e in events if e["type"] == "COERCE")
    assert arrest["attributed_to"] and "Union" in arrest["attributed_to"]
    assert arrest["modality"] == "reported"
    assert arrest["date"] == "2023-03-12" and arrest["date_source"] == "text"
    deploy = [e for e in events if e["type"] == "MOBILIZE"]
    assert deploy and all(e["negated"] or e["modality"] != "asserted" for e in deploy)
    assert any(e["negated"] for e in deploy), "no soldiers were deployed"
    assert any(e["modality"] == "hypothetical" for e in deploy), "he would send troops if ..."


def test_a_past_event_in_a_recent_article_keeps_its_own_year():
    events = extract_json(FIXTURES / "ministry-statement.txt", "--date", "2024-05-06")["events"]
    invasion = next(e for e in events if e["type"] == "ASSAULT")
    assert invasion["date"] == "2008" and invasion["date_precision"] == "year"
    assert invasion["source"]["country"] == "RUS" and invasion["target"]["country"] == "GEO"


def test_extract_jsonl_prints_one_event_per_line_for_many_documents():
    result = invoke("extract", str(FIXTURES / "wire.jsonl"), "--format", "jsonl")
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines and all(set(e) == EVENT_FIELDS for e in lines)
    assert {e["source_id"] for e in lines} <= {"wire-001", "wire-002"}
    assert "wire-001" in {e["source_id"] for e in lines}


def test_ingest_is_idempotent_and_queries_read_the_store(tmp_path):
    db = tmp_path / "c.db"
    first = invoke("ingest", str(FIXTURES), "--db", str(db))
    assert first.exit_code == 0, first.output
    assert "4 new, 0 already present, 0 failed" in first.stdout
    with Store(db, readonly=True) as store:
        before = store.counts()
    assert before["documents"] == 4 and before["events"] > 0
    again = invoke("ingest", str(FIXTURES), "--db", str(db))
    assert "0 new, 4 already present, 0 failed; events: 0 new" in again.stdout
    with Store(db, readonly=True) as store:
        assert store.counts() == before

    # by default one row per happening (cluster), with cluster_id and reports added to the contract
    happenings = json.loads(invoke("events", "--db", str(db), "--format", "json").stdout)
    assert len(happenings) == before["clusters"]
    assert all(set(e) == EVENT_FIELDS | {"cluster_id", "reports"} for e in happenings)
    assert sum(e["reports"] for e in happenings) == before["events"]
    as_json = json.loads(invoke("events", "--db", str(db), "--reports", "--format", "json").stdout)
    assert len(as_json) == before["events"]
    assert all(set(e) == EVENT_FIELDS for e in as_json)
    as_jsonl = invoke("events", "--db", str(db), "--reports", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x) for x in as_jsonl] == as_json
    rows = list(csv.DictReader(io.StringIO(invoke("events", "--db", str(db), "--format", "csv").stdout)))
    assert len(rows) == len(happenings) and "source_country" in rows[0] and "reports" in rows[0]
    kenya = json.loads(invoke("events", "--db", str(db), "--actor", "KEN", "--format", "json").stdout)
    assert kenya and all("KEN" in (e["source"] or {}).get("country", "") + str((e["target"] or {}).get("country")) for e in kenya)
    coerce = json.loads(invoke("events", "--db", str(db), "--type", "coerce", "--format", "json").stdout)
    assert coerce and {e["type"] for e in coerce} == {"COERCE"}
    actors = json.loads(invoke("actors", "--db", str(db), "--reports", "--format", "json").stdout)
    assert {"RUS", "GEO", "KEN"} <= {a["country"] for a in actors}
    acting = sum(1 for e in as_json if e["source"] and (e["source"]["country"] or e["source"]["sector"] or e["source"]["name"]))
    assert sum(a["as_source"] for a in actors) == acting
    by_happening = json.loads(invoke("actors", "--db", str(db), "--format", "json").stdout)
    assert {a["name"] for a in by_happening} == {a["name"] for a in actors}
    assert sum(a["as_source"] for a in by_happening) <= acting
    timeline = invoke("timeline", "--db", str(db)).stdout.splitlines()
    assert len(timeline) == before["clusters"]
    every = invoke("timeline", "--db", str(db), "--reports").stdout.splitlines()
    assert len(every) == before["events"]
    dated = [line[:10].strip() for line in every if not line.startswith("undated")]
    assert dated == sorted(dated)


def test_timeline_and_actors_count_happenings_unless_asked_for_reports(tmp_path):
    from tests.test_store import two_outlets_one_happening

    db = tmp_path / "c.db"
    wire, courier, batumi = two_outlets_one_happening()
    with Store(db) as store:
        store.write_batch([wire, courier, batumi])
    lines = invoke("timeline", "--db", str(db)).stdout.splitlines()
    assert [line[:10] for line in lines] == ["2024-05-02", "2024-06-15"]
    assert "2 reports" in lines[0] and "reports" not in lines[1]
    every = invoke("timeline", "--db", str(db), "--reports")
    assert [line[:10].strip() for line in every.stdout.splitlines()] == ["2024-05", "2024-05-02", "2024-06-15"]
    assert "per witnesses" in every.stdout
    assert [len(invoke("timeline", "--db", str(db), "--actor", "Police in Georgia", *flag).stdout.splitlines())
            for flag in ((), ("--reports",))] == [1, 1]

    def protesters(*flags: str) -> dict:
        rows = json.loads(invoke("actors", "--db", str(db), "--format", "json", *flags).stdout)
        return next(a for a in rows if a["name"] == "protesters")

    assert protesters()["as_target"] == 2
    assert protesters("--reports")["as_target"] == 3
    rows = list(csv.DictReader(io.StringIO(invoke("actors", "--db", str(db), "--format", "csv", "--reports").stdout)))
    assert {r["name"]: r["as_target"] for r in rows}["protesters"] == "3"
    with Store(db, readonly=True) as store:  # reading changed nothing
        assert store.counts()["events"] == 3 and store.counts()["clusters"] == 2


def test_bad_inputs_are_reported_one_line_each_and_the_rest_is_stored(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text((FIXTURES / "ministry-statement.txt").read_text())
    (inputs / "empty.txt").write_text("")
    (inputs / "latin1.txt").write_bytes("Le ministre a rencontré la délégation à Genève.".encode("latin-1"))
    (inputs / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (inputs / "truncated.jsonl.gz").write_bytes(_truncated_gzip())
    db = tmp_path / "c.db"
    proc = chronicle("ingest", str(inputs), "--db", str(db))
    assert proc.returncode == 1
    errors = [line for line in proc.stderr.splitlines() if line.startswith("Error: ")]
    for name in ("empty.txt", "latin1.txt", "image.png", "truncated.jsonl.gz"):
        assert sum(name in line for line in errors) == 1, (name, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert "1 new" in proc.stdout
    with Store(db, readonly=True) as store:
        assert store.counts()["documents"] == 1
        assert {Path(s.origin.split(":")[0].split("#")[0]).name for s in store.skips()} >= {
            "empty.txt", "latin1.txt", "image.png", "truncated.jsonl.gz"}


def _truncated_gzip() -> bytes:
    import gzip

    line = json.dumps({"id": "t1", "text": "Police detained dozens of protesters in Minsk on Sunday."})
    data = gzip.compress(("\n".join([line] * 50) + "\n").encode())
    return data[: len(data) // 2]


def test_usage_errors_are_one_line_with_exit_code_2(tmp_path):
    proc = chronicle("events", "--db", str(tmp_path / "none.db"))
    assert proc.returncode == 1 and proc.stderr.startswith("Error: no store at")
    proc = chronicle("events", "--bogus")
    assert proc.returncode == 2 and "No such option: --bogus" in proc.stderr and "Traceback" not in proc.stderr
    proc = chronicle("extract", str(FIXTURES / "wire.jsonl"), "--date", "yesterday")
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr and "Traceback" not in proc.stderr


def test_every_command_has_help_with_an_example():
    for command in ("extract", "ingest", "events", "timeline", "actors"):
        result = invoke(command, "--help")
        assert result.exit_code == 0
        assert "Example: chronicle " + command in " ".join(result.stdout.split())


def _corpus(folder: Path, n: int) -> Path:
    """Write n distinct short articles as one JSONL file."""
    towns = ["Minsk", "Grodno", "Brest", "Gomel", "Vitebsk", "Mogilev"]
    path = folder / "many.jsonl"
    with path.open("w") as f:
        for i in range(n):
            town = towns[i % len(towns)]
            text = (f"Police detained {i + 3} protesters in {town} on Sunday, according to Viasna. "
                    f"The opposition accused the government of brutality in report number {i}.")
            f.write(json.dumps({"id": f"a{i}", "published": "2021-03-01", "text": text}) + "\n")
    return path


def _consistent(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(db)
    orphans = conn.execute(
        "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)").fetchone()[0]
    bare = conn.execute(
        "SELECT count(*) FROM documents WHERE id NOT IN (SELECT doc_id FROM sentences)").fetchone()[0]
    counts = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("documents", "sentences", "events")}
    conn.close()
    assert orphans == 0 and bare == 0
    return counts


def test_an_interrupted_ingest_leaves_a_consistent_store_and_a_rerun_completes_it(tmp_path):
    source = _corpus(tmp_path, 400)
    db = tmp_path / "c.db"
    child = subprocess.Popen([sys.executable, "-m", "chronicle", "ingest", str(source), "--db", str(db),
                              "--batch-size", "8"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if db.exists() and _documents(db) >= 16:
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    partial = _consistent(db)
    assert 16 <= partial["documents"] < 400
    assert partial["documents"] % 8 == 0, "only whole batches are committed"

    rerun = chronicle("ingest", str(source), "--db", str(db))
    assert rerun.returncode == 0
    assert f"{400 - partial['documents']} new, {partial['documents']} already present" in rerun.stdout
    reference = tmp_path / "ref.db"
    chronicle("ingest", str(source), "--db", str(reference))
    assert _consistent(db) == _consistent(reference)


def _documents(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.OperationalError:
        return 0


def test_the_store_can_be_read_while_an_ingest_writes(tmp_path):
    source = _corpus(tmp_path, 300)
    db = tmp_path / "c.db"
    child = subprocess.Popen([sys.executable, "-m", "chronicle", "ingest", str(source), "--db", str(db),
                              "--batch-size", "4"], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seen: list[int] = []
    try:
        while child.poll() is None:
            if db.exists() and _documents(db) > 0:
                result = invoke("events", "--db", str(db), "--format", "jsonl")
                assert result.exit_code == 0, result.output
                seen.append(len(result.stdout.splitlines()))
            time.sleep(0.1)
    finally:
        child.wait(timeout=300)
    assert child.returncode == 0
    assert len(seen) >= 2 and seen == sorted(seen), "reads succeed mid-ingest and only grow"


def test_ingest_with_worker_processes_stores_what_one_process_does(tmp_path):
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    assert chronicle("ingest", str(FIXTURES), "--db", str(one)).returncode == 0
    proc = chronicle("ingest", str(FIXTURES), "--db", str(two), "--workers", "2", "--batch-size", "1")
    assert proc.returncode == 0, proc.stderr
    assert "4 new, 0 already present, 0 failed" in proc.stdout

    def content(db: Path) -> tuple:
        conn = sqlite3.connect(db)
        try:
            return tuple(conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
                         for t in ("documents", "sentences", "mentions", "timexes", "events"))
        finally:
            conn.close()

    assert content(one) == content(two)
