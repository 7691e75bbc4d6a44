"""Exports: CSV, JSON Lines, Parquet, GraphML and the POLECAT-style TSV, via the library and the CLI."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from chronicle.cli import app as cli
from chronicle.export import FLAT_COLUMNS, POLECAT_COLUMNS, quad_code, write_graphml
from chronicle.store import EventSearch, Store
from tests.test_store import _analysis

runner = CliRunner()
TEXTS = ("Belarusian authorities diverted a Ryanair flight to Minsk on Sunday.",
         "Belarusian authorities diverted a second plane, with a tab\there.")


@pytest.fixture()
def db(tmp_path):
    path = tmp_path / "s.db"
    with Store(path) as store:
        store.write_batch([_analysis(TEXTS[0]), _analysis(TEXTS[1], date="2021-06", country="RUS")])
    return path


def export(db, fmt: str, *extra: str) -> bytes:
    result = runner.invoke(cli, ["export", "--db", str(db), "--format", fmt, *extra])
    assert result.exit_code == 0, result.output
    return result.stdout_bytes


def test_csv_has_the_flat_contract_columns(db):
    rows = list(csv.DictReader(io.StringIO(export(db, "csv").decode())))
    assert list(rows[0]) == list(FLAT_COLUMNS) and len(rows) == 2
    assert rows[0]["source_country"] == "BLR" and rows[0]["location_text"] == "Minsk"


def test_jsonl_is_the_event_contract(db):
    with Store(db, readonly=True) as store:
        expected = [e.to_json() for e in store.iter_events(EventSearch())]
    assert [json.loads(line) for line in export(db, "jsonl").splitlines()] == expected


def test_parquet_round_trips_with_types(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "e.parquet"
    export(db, "parquet", "--output", str(out))
    table = pq.read_table(out)
    assert table.column_names == list(FLAT_COLUMNS) and table.num_rows == 2
    assert str(table.schema.field("confidence").type) == "double"
    assert table.column("negated").to_pylist() == [False, False]


def test_graphml_has_actors_as_nodes_and_events_as_edges(db):
    root = ET.fromstring(export(db, "graphml"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    nodes = root.findall(".//g:node", ns)
    edges = root.findall(".//g:edge", ns)
    assert len(edges) == 2 and len(nodes) == 3  # two source actors (BLR, RUS) and one target
    ids = {n.get("id") for n in nodes}
    assert all(e.get("source") in ids and e.get("target") in ids for e in edges)
    data = {d.get("key"): d.text for d in edges[0]}
    assert data["e_type"] == "COERCE" and data["e_date"] == "2021-05-23" and data["e_tone"] == "conflictual"


def test_graphml_escapes_markup():
    from chronicle.records import Actor

    event = _analysis("x").events[0]
    import dataclasses

    odd = dataclasses.replace(event, source=Actor(text='<"Tom & Jerry">', country=None))
    buf = io.BytesIO()
    write_graphml([odd], buf)
    ET.fromstring(buf.getvalue())  # well-formed


def test_polecat_tsv_keeps_polecat_columns_in_order(db):
    text = export(db, "polecat", "--since", "2021-06").decode()
    rows = list(csv.DictReader(io.StringIO(text), delimiter="\t"))
    assert tuple(rows[0]) == POLECAT_COLUMNS and len(rows) == 1
    assert POLECAT_COLUMNS[:8] == ("Event ID", "Event Date", "Event Type", "Event Mode", "Intensity",
                                   "Quad Code", "Contexts", "Actor Name")
    row = rows[0]
    assert row["Event Type"] == "COERCE" and row["Quad Code"] == "MATERIAL CONFLICT"
    assert row["Actor Country"] == "RUS" and row["Event Date"] == "2021-06" and row["Date Precision"] == "month"
    assert row["Story Date"] == "2021-05-24" and "\t" not in row["Sentence"]
    assert all(len(line.split("\t")) == len(POLECAT_COLUMNS) for line in text.splitlines())


def test_quad_codes():
    assert quad_code("AGREE") == "VERBAL COOPERATION"
    assert quad_code("AID") == "MATERIAL COOPERATION"
    assert quad_code("THREATEN") == "VERBAL CONFLICT"
    assert quad_code("ASSAULT") == "MATERIAL CONFLICT"


def test_export_usage_errors(db, tmp_path):
    result = runner.invoke(cli, ["export", "--db", str(db), "--type", "HUG"])
    assert result.exit_code == 2 or "PLOVER" in str(result.exception)
    result = runner.invoke(cli, ["export", "--db", str(tmp_path / "none.db")])
    assert result.exit_code != 0
