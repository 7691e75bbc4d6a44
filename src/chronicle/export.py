"""Exports of stored events: CSV, JSON Lines, Parquet, GraphML and a POLECAT-style TSV.

Every writer takes an iterable of events (streamed from ``Store.iter_events``)
and a binary file object, so the CLI writes to stdout or a file and the web
app streams the same bytes. Parquet is written in row groups of 10,000 events
so memory stays bounded.

The POLECAT TSV keeps the 40 columns of the POLECAT weekly files, in their
order, so scripts that read them by name or position load it; the columns
Chronicle has no value for (COW codes, Wikipedia ids, geocoding, story
entities, intensity) are empty. Chronicle's own fields follow after them.
See ``POLECAT_COLUMNS`` and ``polecat_row`` for the mapping.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

from .records import Event
from .store import COOPERATIVE, CONFLICTUAL, DocumentSummary, actor_key

FORMATS: tuple[str, ...] = ("csv", "jsonl", "parquet", "graphml", "polecat")
MEDIA_TYPES: dict[str, str] = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "graphml": "application/graphml+xml",
    "polecat": "text/tab-separated-values; charset=utf-8",
}
EXTENSIONS: dict[str, str] = {"csv": "csv", "jsonl": "jsonl", "parquet": "parquet", "graphml": "graphml",
                              "polecat": "tsv"}

# The columns of the flat (CSV, Parquet) exports: the event contract with
# source, target and location flattened as source_text, source_name, ...
FLAT_COLUMNS: tuple[str, ...] = (
    "id", "doc_id", "source_id", "type", "mode", "cameo_root",
    "source_text", "source_name", "source_country", "source_sector",
    "target_text", "target_name", "target_country", "target_sector",
    "location_text", "location_country",
    "date", "date_precision", "date_text", "date_source", "negated", "modality", "attributed_to",
    "sentence", "start", "end", "confidence",
)

# POLECAT weekly-file columns, in order (the first 40), then Chronicle's own.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
    # Chronicle's additions
    "Story ID", "Feed", "Story URL", "Story Title", "Story Date", "Date Precision", "Date Source",
    "Negated", "Modality", "Attributed To", "Sentence", "Start", "End", "Confidence",
)

# CAMEO's quad classes as POLECAT labels them; REQUEST counts as verbal
# cooperation, as CAMEO's "appeal" does.
_VERBAL = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}


def quad_code(type_: str) -> str:
    """Return the quad class of a PLOVER type: VERBAL/MATERIAL COOPERATION/CONFLICT."""
    kind = "VERBAL" if type_ in _VERBAL else "MATERIAL"
    tone = "CONFLICT" if type_ in CONFLICTUAL else "COOPERATION"
    return f"{kind} {tone}"


def tone(type_: str) -> str:
    """Return 'cooperative', 'conflictual' or 'neutral' for a PLOVER type (REQUEST is neutral)."""
    return "cooperative" if type_ in COOPERATIVE else "conflictual" if type_ in CONFLICTUAL else "neutral"


def flat(event: Event) -> dict[str, Any]:
    """Return the event contract as one flat row (nested actors and location spread into columns)."""
    out: dict[str, Any] = {}
    for key, value in event.to_json().items():
        if key in ("source", "target", "location"):
            subs = ("text", "country") if key == "location" else ("text", "name", "country", "sector")
            for sub in subs:
                out[f"{key}_{sub}"] = (value or {}).get(sub)
        else:
            out[key] = value
    return out


def polecat_row(event: Event, document: DocumentSummary | None, version: str) -> dict[str, Any]:
    """Return one event as a POLECAT-style row (keys are ``POLECAT_COLUMNS``; unknowns are '')."""
    row = dict.fromkeys(POLECAT_COLUMNS, "")
    src, tgt, loc = event.source, event.target, event.location
    doc = document
    row.update({
        "Event ID": event.id,
        "Event Date": event.date or "",  # ISO prefix at its precision: 2022-03-01, 2022-03, 2022
        "Event Type": event.type,
        "Event Mode": event.mode or "",
        "Quad Code": quad_code(event.type),
        "Actor Name": (src.name or src.text) if src else "",
        "Actor Country": (src.country or "") if src else "",
        "Primary Actor Sector": (src.sector or "") if src else "",
        "Actor Sectors": (src.sector or "") if src else "",
        "Actor Name Raw": src.text if src else "",
        "Recipient Name": (tgt.name or tgt.text) if tgt else "",
        "Recipient Country": (tgt.country or "") if tgt else "",
        "Primary Recipient Sector": (tgt.sector or "") if tgt else "",
        "Recipient Sectors": (tgt.sector or "") if tgt else "",
        "Recipient Name Raw": tgt.text if tgt else "",
        "Placename": loc.text if loc else "",
        "Country": (loc.country or "") if loc else "",
        "Raw Placename": loc.text if loc else "",
        "Source": (doc.outlet or "") if doc else "",
        "Publication Date": (doc.published or "") if doc else "",
        "Language": "en",
        "Version": version,
        "Story ID": event.doc_id,
        "Feed": event.source_id,
        "Story URL": (doc.url or "") if doc else "",
        "Story Title": (doc.title or "") if doc else "",
        "Story Date": ((doc.published or "")[:10]) if doc else "",
        "Date Precision": event.date_precision or "",
        "Date Source": event.date_source or "",
        "Negated": "true" if event.negated else "false",
        "Modality": event.modality,
        "Attributed To": event.attributed_to or "",
        # TSV: a tab or newline inside the sentence would break the row
        "Sentence": " ".join(event.sentence.split()),
        "Start": event.start,
        "End": event.end,
        "Confidence": round(event.confidence, 3),
    })
    return row


class _Text(io.TextIOWrapper):
    """A UTF-8 text view of a binary stream that leaves the stream open."""

    def close(self) -> None:
        self.flush()
        self.detach()


def write_csv(events: Iterable[Event], out: IO[bytes]) -> int:
    """Write events as CSV (``FLAT_COLUMNS``) to a binary stream; return how many were written."""
    text = _Text(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=FLAT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for n, event in enumerate(events, 1):
        writer.writerow(flat(event))
    text.close()
    return n


def write_jsonl(events: Iterable[Event], out: IO[bytes]) -> int:
    """Write one event contract object per line to a binary stream; return how many were written."""
    n = 0
    for n, event in enumerate(events, 1):
        out.write(json.dumps(event.to_json(), ensure_ascii=False).encode("utf-8") + b"\n")
    return n


def write_polecat(events: Iterable[Event], out: IO[bytes], documents: dict[str, DocumentSummary],
                  version: str) -> int:
    """Write events as a POLECAT-style TSV to a binary stream; return how many were written."""
    text = _Text(out, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=POLECAT_COLUMNS, delimiter="\t", lineterminator="\n",
                            quoting=csv.QUOTE_MINIMAL)
    writer.writeheader()
    n = 0
    for n, event in enumerate(events, 1):
        writer.writerow(polecat_row(event, documents.get(event.doc_id), version))
    text.close()
    return n


def write_parquet(events: Iterable[Event], out: IO[bytes], *, row_group: int = 10_000) -> int:
    """Write events as Parquet (``FLAT_COLUMNS``, typed) to a binary stream; return how many were written."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"negated": pa.bool_(), "start": pa.int64(), "end": pa.int64(), "confidence": pa.float64()}
    schema = pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])
    n = 0
    with pq.ParquetWriter(out, schema) as writer:
        for chunk in _chunks((flat(e) for e in events), row_group):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
    return n


def write_graphml(events: Iterable[Event], out: IO[bytes]) -> int:
    """Write a GraphML graph (actors as nodes, events as directed edges) to a binary stream.

    Only events with both a source and a target become edges; actors are
    keyed as in ``chronicle actors`` (name or words, country, sector).
    Returns how many edges were written. Nodes are written after the edges
    are known, so the edges are held in memory as short strings.
    """
    nodes: dict[str, tuple[str, str, str]] = {}
    edges: list[str] = []
    for event in events:
        if event.source is None or event.target is None:
            continue
        ends = []
        for actor in (event.source, event.target):
            label = actor.name or actor.text
            key = actor_key(label, actor.country, actor.sector)
            nodes.setdefault(key, (label, actor.country or "", actor.sector or ""))
            ends.append(key)
        data = {
            "type": event.type, "mode": event.mode or "", "date": event.date or "",
            "tone": tone(event.type), "negated": "true" if event.negated else "false",
            "modality": event.modality, "doc_id": event.doc_id, "confidence": f"{event.confidence:.3f}",
        }
        edges.append(
            f'    <edge id={quoteattr(event.id)} source={quoteattr(ends[0])} target={quoteattr(ends[1])}>'
            + "".join(f'<data key="e_{k}">{escape(v)}</data>' for k, v in data.items())
            + "</edge>\n"
        )
    head = ['<?xml version="1.0" encoding="UTF-8"?>\n',
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for k in ("name", "country", "sector"):
        head.append(f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="string"/>\n')
    for k in ("type", "mode", "date", "tone", "negated", "modality", "doc_id"):
        head.append(f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string"/>\n')
    head.append('  <key id="e_confidence" for="edge" attr.name="confidence" attr.type="double"/>\n')
    head.append('  <graph id="chronicle" edgedefault="directed">\n')
    out.write("".join(head).encode("utf-8"))
    for key, (label, country, sector) in nodes.items():
        out.write((f"    <node id={quoteattr(key)}><data key=\"n_name\">{escape(label)}</data>"
                   f"<data key=\"n_country\">{escape(country)}</data>"
                   f"<data key=\"n_sector\">{escape(sector)}</data></node>\n").encode("utf-8"))
    for edge in edges:
        out.write(edge.encode("utf-8"))
    out.write(b"  </graph>\n</graphml>\n")
    return len(edges)


def writer_for(format: str, documents: Callable[[], dict[str, DocumentSummary]],
               version: str) -> Callable[[Iterable[Event], IO[bytes]], int]:
    """Return the writer function for a format name (one of ``FORMATS``).

    ``documents`` is called only for the POLECAT format, which needs each
    event's outlet, URL and publication date.
    """
    if format == "csv":
        return write_csv
    if format == "jsonl":
        return write_jsonl
    if format == "parquet":
        return write_parquet
    if format == "graphml":
        return write_graphml
    if format == "polecat":
        return lambda events, out: write_polecat(events, out, documents(), version)
    raise ValueError(f"unknown export format {format!r}; use one of {', '.join(FORMATS)}")


def _chunks(items: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
