"""The embedded store: one SQLite file. No other module writes SQL.

Why SQLite and not DuckDB: Chronicle's web server and ``chronicle events``
must read while an ingest writes. A DuckDB file cannot be opened by a second
process while one process holds it for writing (measured here), whereas
SQLite in WAL mode lets any number of readers see the last committed state
while one writer appends. Analytical exports can still go through DuckDB or
pandas reading this file.

Idempotency and crash safety:
* a document's primary key is the hash of its cleaned text, and every row
  of a document is written in the same transaction as the document row, so
  a document is either whole or absent;
* ``write_batch`` commits a batch of documents in one transaction; a killed
  ingest leaves every committed batch whole and nothing of the rest, and a
  re-run inserts exactly what is missing.

The schema mirrors ``records.py`` field for field (nested ``Actor`` and
``Location`` fields are flattened as ``source_country`` etc.); a test checks
that they agree.
"""

from __future__ import annotations

import dataclasses
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError
from .records import (
    Actor, Analysis, Document, Event, Location, Mention, Sentence, Skip, Timex,
)

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1

def _sql_type(annotation: str) -> str:
    for name, sql in (("bool", "INTEGER"), ("int", "INTEGER"), ("float", "REAL")):
        if annotation.startswith(name):
            return sql
    return "TEXT"


def _columns(cls: type) -> list[tuple[str, str]]:
    """Return (column, SQL type) pairs for a record, flattening nested records."""
    cols: list[tuple[str, str]] = []
    for f in dataclasses.fields(cls):
        ann = str(f.type)
        if ann.startswith("Actor"):
            cols += [(f"{f.name}_{g.name}", "TEXT") for g in dataclasses.fields(Actor)]
        elif ann.startswith("Location"):
            cols += [(f"{f.name}_{g.name}", "TEXT") for g in dataclasses.fields(Location)]
        else:
            cols.append((f.name, _sql_type(ann)))
    return cols


TABLES: dict[str, type] = {
    "documents": Document,
    "sentences": Sentence,
    "mentions": Mention,
    "timexes": Timex,
    "events": Event,
    "skips": Skip,
}
_KEYS = {
    "documents": "PRIMARY KEY (id)",
    "sentences": "PRIMARY KEY (doc_id, \"index\")",
    "mentions": "PRIMARY KEY (doc_id, start, \"end\", kind)",
    "timexes": "PRIMARY KEY (doc_id, start, \"end\")",
    "events": "PRIMARY KEY (id)",
    "skips": "PRIMARY KEY (origin, stage)",
}
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (type)",
    "CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country)",
    "CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country)",
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id)",
    "CREATE INDEX IF NOT EXISTS documents_source ON documents (source_id)",
)


def schema_sql() -> list[str]:
    """Return the CREATE statements of the store."""
    stmts = []
    for table, cls in TABLES.items():
        cols = ", ".join(f'"{name}" {typ}' for name, typ in _columns(cls))
        stmts.append(f"CREATE TABLE IF NOT EXISTS {table} ({cols}, {_KEYS[table]})")
    return stmts + list(_INDEXES)


def _row(record: Any) -> tuple[Any, ...]:
    values: list[Any] = []
    for f in dataclasses.fields(record):
        value = getattr(record, f.name)
        ann = str(f.type)
        if ann.startswith("Actor") or ann.startswith("Location"):
            sub = Actor if ann.startswith("Actor") else Location
            values += [getattr(value, g.name) if value else None for g in dataclasses.fields(sub)]
        else:
            values.append(value)
    return tuple(values)


def _insert_sql(table: str, verb: str = "INSERT OR IGNORE") -> str:
    names = [n for n, _ in _columns(TABLES[table])]
    cols = ", ".join(f'"{n}"' for n in names)
    marks = ", ".join("?" for _ in names)
    return f"{verb} INTO {table} ({cols}) VALUES ({marks})"


@dataclass(frozen=True, kw_only=True)
class WriteResult:
    new: int = 0
    present: int = 0
    events: int = 0


@dataclass(frozen=True, kw_only=True)
class ActorCount:
    """An actor as the store knows it: its code and how often it acts or is acted on."""

    name: str
    country: str | None
    sector: str | None
    as_source: int
    as_target: int
    texts: tuple[str, ...]  # the words the articles used for it


@dataclass(frozen=True, kw_only=True)
class EventQuery:
    """Filters for ``Store.events``. Dates are ISO prefixes (YYYY, YYYY-MM, YYYY-MM-DD)."""

    actor: str | None = None  # country code, name or words of the actor
    type: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float = 0.0
    limit: int | None = None


class Store:
    """A Chronicle store in one SQLite file (WAL mode: readers never block the writer)."""

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if readonly and not self.path.exists():
            raise StoreError(f"no store at {self.path}; create one with `chronicle ingest PATH --db {self.path}`")
        try:
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=30, check_same_thread=False)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
                self.conn.execute("PRAGMA journal_mode=WAL")
                # NORMAL is crash-safe in WAL mode (a power cut may lose the last
                # commits, never corrupt); FULL would fsync every batch.
                self.conn.execute("PRAGMA synchronous=NORMAL")
                self._create()
            self.conn.execute("PRAGMA busy_timeout=30000")
            self._check_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a Chronicle store ({exc})") from exc

    def _create(self) -> None:
        with self._transaction():
            for stmt in schema_sql():
                self.conn.execute(stmt)
            self.conn.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
            self.conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),)
            )

    def _check_version(self) -> None:
        try:
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path} is not a Chronicle store (no meta table)") from exc
        if row is None or int(row[0]) != SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {row[0] if row else '?'}, this Chronicle "
                f"reads version {SCHEMA_VERSION}; re-ingest into a new --db"
            )

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -----------------------------------------------------------

    class _Tx:
        def __init__(self, conn: sqlite3.Connection) -> None:
            self.conn = conn

        def __enter__(self) -> None:
            # IMMEDIATE takes the write lock at once, so two ingests into one
            # file queue up instead of failing half-way through a batch.
            self.conn.execute("BEGIN IMMEDIATE")

        def __exit__(self, exc_type: object, *rest: object) -> None:
            self.conn.execute("ROLLBACK" if exc_type else "COMMIT")

    def _transaction(self) -> Store._Tx:
        return Store._Tx(self.conn)

    def has_document(self, doc_id: str) -> bool:
        """Return True if a document with this id is stored."""
        return self.conn.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def write_batch(self, analyses: Sequence[Analysis], skips: Sequence[Skip] = ()) -> WriteResult:
        """Store a batch of analyses and skips in one transaction; return what was new."""
        new = present = events = 0
        with self._transaction():
            for a in analyses:
                cur = self.conn.execute(_insert_sql("documents"), _row(a.document))
                if cur.rowcount == 0:
                    present += 1
                    continue
                new += 1
                events += len(a.events)
                for table, records in (
                    ("sentences", a.sentences), ("mentions", a.mentions),
                    ("timexes", a.timexes), ("events", a.events),
                ):
                    self.conn.executemany(_insert_sql(table), [_row(r) for r in records])
                # a file that failed before and now succeeds is no longer a skip
                self.conn.execute("DELETE FROM skips WHERE origin=?", (a.origin,))
            self.conn.executemany(_insert_sql("skips", "INSERT OR REPLACE"), [_row(s) for s in skips])
        return WriteResult(new=new, present=present, events=events)

    # -- reading -----------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def events(self, query: EventQuery = EventQuery()) -> Iterator[Event]:
        """Yield stored events matching ``query``, in date order (undated last)."""
        where, params = ["confidence >= ?"], [query.min_confidence]
        if query.type:
            where.append("type = ?")
            params.append(query.type.upper())
        if query.since:
            # an event overlaps [since, ...] when its period ends on or after since:
            # compare at the event's own precision ('2021-05' vs '2021-05-17'[:7])
            where.append("date IS NOT NULL AND date >= substr(?, 1, length(date))")
            params.append(query.since)
        if query.until:
            where.append("date IS NOT NULL AND date <= substr(?, 1, length(date))")
            params.append(query.until)
        if query.actor:
            a = query.actor
            like = f"%{a.lower()}%"
            where.append(
                "(source_country = ? OR target_country = ? OR lower(source_name) LIKE ? "
                "OR lower(target_name) LIKE ? OR lower(source_text) LIKE ? OR lower(target_text) LIKE ?)"
            )
            params += [a.upper(), a.upper(), like, like, like, like]
        sql = (
            f"SELECT * FROM events WHERE {' AND '.join(where)} "
            "ORDER BY date IS NULL, date, doc_id, start"
        )
        if query.limit:
            sql += f" LIMIT {int(query.limit)}"
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield _event_from_row(dict(zip(names, row)))

    def actors(self, *, limit: int | None = None) -> list[ActorCount]:
        """Return resolved actors with how many events they are source or target of, most first.

        Actors with neither a name, a country nor a sector (an unresolved "it")
        are left out: they cannot be told apart.
        """
        counts: dict[tuple[str, str | None, str | None], list[Any]] = {}
        for role in ("source", "target"):
            rows = self.conn.execute(
                f"SELECT {role}_text, {role}_name, {role}_country, {role}_sector FROM events "
                f"WHERE {role}_text IS NOT NULL AND ({role}_name IS NOT NULL "
                f"OR {role}_country IS NOT NULL OR {role}_sector IS NOT NULL)"
            )
            for text, name, country, sector in rows:
                label = name or text
                entry = counts.setdefault((label.lower(), country, sector), [label, 0, 0, set()])
                entry[1 if role == "source" else 2] += 1
                entry[3].add(text)
        ranked = sorted(counts.items(), key=lambda kv: (-(kv[1][1] + kv[1][2]), kv[1][0]))
        return [
            ActorCount(name=label, country=country, sector=sector, as_source=src, as_target=tgt,
                       texts=tuple(sorted(texts)))
            for (_, country, sector), (label, src, tgt, texts) in ranked[:limit]
        ]

    def documents(self) -> Iterator[Document]:
        """Yield every stored document."""
        cur = self.conn.execute("SELECT * FROM documents ORDER BY published, id")
        names = [d[0] for d in cur.description]
        for row in cur:
            d = dict(zip(names, row))
            d["published_inferred"] = bool(d["published_inferred"])
            yield Document(**d)

    def skips(self) -> list[Skip]:
        """Return the recorded skips (inputs that could not be processed)."""
        return [Skip(origin=o, reason=r, stage=s) for o, r, s in
                self.conn.execute("SELECT origin, reason, stage FROM skips ORDER BY origin")]


def _event_from_row(d: dict[str, Any]) -> Event:
    def nested(prefix: str, cls: type) -> Any:
        values = {g.name: d.pop(f"{prefix}_{g.name}") for g in dataclasses.fields(cls)}
        return cls(**values) if values.get("text") is not None else None

    source, target = nested("source", Actor), nested("target", Actor)
    location = nested("location", Location)
    d["negated"] = bool(d["negated"])
    return Event(**d, source=source, target=target, location=location)


def column_names(table: str) -> list[str]:
    """Return the column names of a table as the schema declares them."""
    return [n for n, _ in _columns(TABLES[table])]

