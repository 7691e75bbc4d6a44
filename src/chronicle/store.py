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
from . import dedup
from .records import (
    Actor, Analysis, Cluster, ClusterMember, Document, Event, Location, Mention, Sentence, Skip, Timex,
)

log = logging.getLogger(__name__)

# 2: clusters and cluster_members (dedup.py); a version-1 store is migrated when opened for writing
SCHEMA_VERSION = 2

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
    "clusters": Cluster,
    "cluster_members": ClusterMember,
}
_KEYS = {
    "documents": "PRIMARY KEY (id)",
    "sentences": "PRIMARY KEY (doc_id, \"index\")",
    "mentions": "PRIMARY KEY (doc_id, start, \"end\", kind)",
    "timexes": "PRIMARY KEY (doc_id, start, \"end\")",
    "events": "PRIMARY KEY (id)",
    "skips": "PRIMARY KEY (origin, stage)",
    "clusters": "PRIMARY KEY (id)",
    "cluster_members": "PRIMARY KEY (event_id)",
}
_INDEXES = (
    "CREATE INDEX IF NOT EXISTS events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS events_doc ON events (doc_id)",
    "CREATE INDEX IF NOT EXISTS events_type ON events (type)",
    "CREATE INDEX IF NOT EXISTS events_source_country ON events (source_country)",
    "CREATE INDEX IF NOT EXISTS events_target_country ON events (target_country)",
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id)",
    "CREATE INDEX IF NOT EXISTS documents_source ON documents (source_id)",
    # candidate clusters of a new event: same type and polarity, dates by prefix (dedup.candidate_dates)
    "CREATE INDEX IF NOT EXISTS clusters_lookup ON clusters (type, polarity, date)",
    "CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members (cluster_id)",
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
class Happening:
    """A cluster as ``chronicle events`` lists it: one canonical event and how many reports it has."""

    event: Event
    cluster_id: str
    reports: int
    documents: int


@dataclass(frozen=True, kw_only=True)
class Report:
    """One report of a happening: which document said it, where, when and in what words."""

    event_id: str
    doc_id: str
    source_id: str
    title: str | None = None
    outlet: str | None
    published: str | None
    date: str | None
    sentence: str
    attributed_to: str | None
    negated: bool
    modality: str


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
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is not None and row[0] == "1":
                # version 1 had no clusters: cluster every stored event once, then carry on incrementally
                log.info("migrating %s to schema version %d (clustering stored events)", self.path, SCHEMA_VERSION)
                self._recluster()
                self.conn.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))

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
                for event in a.events:
                    self._attach(event, dedup.event_places(event, a.mentions))
            self.conn.executemany(_insert_sql("skips", "INSERT OR REPLACE"), [_row(s) for s in skips])
        return WriteResult(new=new, present=present, events=events)

    def _attach(self, event: Event, places: frozenset[str]) -> None:
        """Add a stored event to the cluster of its happening, or found one (inside a write transaction).

        Candidates come from the ``clusters_lookup`` index: same type and
        polarity, and a date that is a prefix of the event's or that the
        event's date is a prefix of; ``dedup.best_match`` decides.
        """
        if self.conn.execute("SELECT 1 FROM cluster_members WHERE event_id=?", (event.id,)).fetchone():
            return  # already a report of some cluster: never counted twice
        candidates: list[Cluster] = []
        if dedup.mergeable_date(event.date):
            assert event.date is not None
            exact, finer = dedup.candidate_dates(event.date)
            sql = (f"SELECT * FROM clusters WHERE type=? AND polarity=? AND (date IN "
                   f"({', '.join('?' for _ in exact)})")
            params: list[Any] = [event.type, dedup.polarity(event), *exact]
            if finer is not None:
                # one step finer only: a year takes months, a month takes days
                sql += " OR (date > ? AND date < ? AND length(date) = ?)"
                params += [finer, finer + "~", 7 if len(finer) == 4 else 10]
            cur = self.conn.execute(sql + ")", params)
            names = [d[0] for d in cur.description]
            candidates = [_cluster_from_row(dict(zip(names, row))) for row in cur]
        found = dedup.best_match(candidates, event, places)
        if found is None:
            cluster = dedup.new_cluster(event, places)
        else:
            canonical = self.event(found.event_id)
            same_doc = self.conn.execute(
                "SELECT 1 FROM cluster_members WHERE cluster_id=? AND doc_id=?", (found.id, event.doc_id)
            ).fetchone()
            cluster = dedup.merge(found, event, places, canonical=canonical or event, new_document=same_doc is None)
        self.conn.execute(_insert_sql("clusters", "INSERT OR REPLACE"), _row(cluster))
        self.conn.execute(_insert_sql("cluster_members"),
                          _row(ClusterMember(event_id=event.id, cluster_id=cluster.id, doc_id=event.doc_id)))

    def _recluster(self) -> None:
        """Cluster every stored event afresh, documents in publication order (inside a write transaction)."""
        self.conn.execute("DELETE FROM cluster_members")
        self.conn.execute("DELETE FROM clusters")
        doc_ids = [r[0] for r in self.conn.execute(
            "SELECT id FROM documents ORDER BY published IS NULL, published, id")]
        for doc_id in doc_ids:
            cur = self.conn.execute("SELECT * FROM mentions WHERE doc_id=?", (doc_id,))
            names = [d[0] for d in cur.description]
            mentions = [Mention(**dict(zip(names, row))) for row in cur]
            cur = self.conn.execute("SELECT * FROM events WHERE doc_id=? ORDER BY start, id", (doc_id,))
            names = [d[0] for d in cur.description]
            for row in cur.fetchall():
                event = _event_from_row(dict(zip(names, row)))
                self._attach(event, dedup.event_places(event, mentions))

    def recluster(self) -> None:
        """Rebuild every cluster from the stored events in one transaction (after changing the rule)."""
        with self._transaction():
            self._recluster()

    # -- reading -----------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Return the number of rows in each table."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def events(self, query: EventQuery = EventQuery()) -> Iterator[Event]:
        """Yield stored events matching ``query``, in date order (undated last)."""
        where, params = _query_where(query)
        sql = f"SELECT * FROM events WHERE {where} ORDER BY date IS NULL, date, doc_id, start"
        if query.limit:
            sql += f" LIMIT {int(query.limit)}"
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield _event_from_row(dict(zip(names, row)))

    def happenings(self, query: EventQuery = EventQuery()) -> Iterator[Happening]:
        """Yield one canonical event per cluster with a report matching ``query``, in date order.

        The row shown is the cluster's canonical event when it matches the
        filters, else one of its matching reports (so ``--actor Odinga`` never
        shows a row that does not mention Odinga). ``limit`` counts clusters.
        """
        where, params = _query_where(query, "e.")
        # SQLite takes the bare columns of an aggregate query from the row where max() is reached:
        # the canonical event when it matches, else the earliest-dated matching report
        sql = (
            f"SELECT e.*, coalesce(m.cluster_id, e.id) AS cluster_id, coalesce(c.reports, 1) AS n_reports, "
            f"coalesce(c.documents, 1) AS n_documents, "
            f"max((c.event_id IS e.id) * 1e12 - coalesce(julianday(e.date), 1e9)) AS _rank "
            f"FROM events e LEFT JOIN cluster_members m ON m.event_id = e.id "
            f"LEFT JOIN clusters c ON c.id = m.cluster_id WHERE {where} "
            f"GROUP BY coalesce(m.cluster_id, e.id) ORDER BY e.date IS NULL, e.date, e.doc_id, e.start"
        )
        if query.limit:
            sql += f" LIMIT {int(query.limit)}"
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        for row in cur:
            d = dict(zip(names, row))
            cluster_id, reports, documents = d.pop("cluster_id"), d.pop("n_reports"), d.pop("n_documents")
            d.pop("_rank")
            yield Happening(event=_event_from_row(d), cluster_id=cluster_id, reports=reports, documents=documents)

    def cluster_reports(self, cluster_id: str) -> list[Report]:
        """Return every report of a cluster with its document's outlet and date, oldest first."""
        rows = self.conn.execute(
            "SELECT e.id, e.doc_id, e.source_id, d.title, d.outlet, d.published, e.date, e.sentence, "
            "e.attributed_to, e.negated, e.modality FROM cluster_members m JOIN events e ON e.id = m.event_id "
            "JOIN documents d ON d.id = e.doc_id WHERE m.cluster_id = ? "
            "ORDER BY d.published IS NULL, d.published, e.doc_id, e.start",
            (cluster_id,),
        ).fetchall()
        return [Report(event_id=r[0], doc_id=r[1], source_id=r[2], title=r[3], outlet=r[4], published=r[5],
                       date=r[6], sentence=r[7], attributed_to=r[8], negated=bool(r[9]), modality=r[10])
                for r in rows]

    def cluster_of(self, event_id: str) -> Cluster | None:
        """Return the cluster an event is a report of, or None for an unknown event."""
        cur = self.conn.execute(
            "SELECT c.* FROM clusters c JOIN cluster_members m ON m.cluster_id = c.id WHERE m.event_id = ?",
            (event_id,),
        )
        row = cur.fetchone()
        return _cluster_from_row(dict(zip([d[0] for d in cur.description], row))) if row else None

    def _shared_units(self, reports: bool) -> frozenset[str]:
        """Return the ids of clusters with more than one report (none when counting reports).

        Only their reports can count twice, so aggregates keep sets of
        what they counted for these alone (3% of 100k events in
        bench/serve.py; reading the ids takes ~10 ms).
        """
        if reports:
            return frozenset()
        return frozenset(r[0] for r in self.conn.execute("SELECT id FROM clusters WHERE reports > 1"))

    def actors(self, *, limit: int | None = None, reports: bool = False) -> list[ActorCount]:
        """Return resolved actors with how many happenings they are source or target of, most first.

        A happening (a cluster of reports, ``chronicle.dedup``) counts once
        for an actor however many articles report it; ``reports=True``
        counts every report instead. Actors with neither a name, a country
        nor a sector (an unresolved "it") are left out: they cannot be told
        apart. ``texts`` lists every wording the articles used. Ties are
        in name order.
        """
        unit, join = _counting(reports)
        shared = self._shared_units(reports)
        known = "{r}_text IS NOT NULL AND ({r}_name IS NOT NULL OR {r}_country IS NOT NULL OR {r}_sector IS NOT NULL)"
        cols = ", ".join(f"CASE WHEN {known.format(r=r)} THEN coalesce({r}_name, {r}_text) END, "
                         f"{r}_country, {r}_sector, {r}_text" for r in ("source", "target"))
        # (lower-cased label, country, sector) -> [label shown (the least spelling), as source, as target, texts];
        # one pass in Python: ~0.25 s on 100k events (bench/serve.py), count(DISTINCT) in SQL took 0.45-0.6 s
        found: dict[tuple[str, str | None, str | None], list[Any]] = {}
        seen: set[tuple[Any, ...]] = set()  # (actor, role, unit) of happenings with several reports
        for row in self.conn.execute(f"SELECT {cols}, {unit} FROM events e {join}"):
            u = row[8]
            for role, label, country, sector, text in ((1, *row[0:4]), (2, *row[4:8])):
                if label is None:
                    continue
                entry = found.get(key := (label.lower(), country, sector))
                if entry is None:
                    entry = found[key] = [label, 0, 0, set()]
                elif label < entry[0]:
                    entry[0] = label
                entry[3].add(text)
                if u in shared:
                    if (key, role, u) in seen:
                        continue
                    seen.add((key, role, u))
                entry[role] += 1
        counts = [
            ActorCount(name=label, country=country, sector=sector, as_source=src, as_target=tgt,
                       texts=tuple(sorted(texts)))
            for (_, country, sector), (label, src, tgt, texts) in found.items()
        ]
        counts.sort(key=lambda a: (-(a.as_source + a.as_target), a.name))
        return counts[:limit]

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

    # -- read-only queries for the web app and exports ----------------------

    def event(self, event_id: str) -> Event | None:
        """Return the event with this id, or None when there is none."""
        cur = self.conn.execute("SELECT * FROM events WHERE id = ?", (event_id,))
        row = cur.fetchone()
        if row is None:
            return None
        return _event_from_row(dict(zip([d[0] for d in cur.description], row)))

    def document(self, doc_id: str) -> Document | None:
        """Return the document with this id, text included, or None when there is none."""
        cur = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,))
        row = cur.fetchone()
        if row is None:
            return None
        d = dict(zip([c[0] for c in cur.description], row))
        d["published_inferred"] = bool(d["published_inferred"])
        return Document(**d)

    def search(self, search: EventSearch) -> tuple[list[Event], int]:
        """Return one page of events matching ``search`` and how many match in all."""
        where, params = _search_where(search)
        total = self.conn.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
        sql = f"SELECT * FROM events WHERE {where} ORDER BY {_SORTS[search.sort]} LIMIT ? OFFSET ?"
        cur = self.conn.execute(sql, [*params, search.limit, search.offset])
        names = [d[0] for d in cur.description]
        return [_event_from_row(dict(zip(names, row))) for row in cur], total

    def iter_events(self, search: EventSearch) -> Iterator[Event]:
        """Yield every event matching ``search`` (its limit and offset ignored), streamed."""
        where, params = _search_where(search)
        cur = self.conn.execute(f"SELECT * FROM events WHERE {where} ORDER BY {_SORTS[search.sort]}", params)
        names = [d[0] for d in cur.description]
        for row in cur:
            yield _event_from_row(dict(zip(names, row)))

    def timeline(self, search: EventSearch, granularity: str, *, reports: bool = False) -> Timeline:
        """Return happening counts per period and type for happenings with a report matching ``search``.

        ``granularity`` is day, month or year. A happening is dated by the
        most precise of its matching reports (the dates of one cluster nest:
        2023, 2023-07, 2023-07-07, so that is the greatest). Happenings
        dated less precisely than the granularity (a year-dated one in a
        monthly timeline) are counted in ``coarser``, not spread over
        periods; undated ones in ``undated``. ``reports=True`` counts every
        matching report instead.
        """
        width = _PERIOD_WIDTH[granularity]
        where, params = _search_where(search, "e.")
        if reports:
            rows_sql = f"SELECT e.date AS d, e.type AS type FROM events e WHERE {where}"
        else:
            unit, join = _counting(False)
            rows_sql = f"SELECT max(e.date) AS d, e.type AS type FROM events e {join} WHERE {where} GROUP BY {unit}"
        # one pass: period '' stands for coarser than the granularity, NULL for undated
        rows = self.conn.execute(
            f"SELECT CASE WHEN d IS NULL THEN NULL WHEN length(d) < {width} THEN '' "
            f"ELSE substr(d, 1, {width}) END AS period, type, count(*) FROM ({rows_sql}) "
            f"GROUP BY period, type ORDER BY period, type",
            params,
        ).fetchall()
        return Timeline(
            granularity=granularity,
            buckets=tuple(TimelineBucket(period=p, type=t, count=n) for p, t, n in rows if p),
            coarser=sum(n for p, _, n in rows if p == ""),
            undated=sum(n for p, _, n in rows if p is None),
        )

    def date_span(self, search: EventSearch) -> tuple[str | None, str | None]:
        """Return the first and last date of events matching ``search`` (None, None when none are dated)."""
        where, params = _search_where(search)
        first, last = self.conn.execute(
            f"SELECT min(date), max(date) FROM events WHERE {where} AND date IS NOT NULL", params
        ).fetchone()
        return first, last

    def network(self, search: EventSearch, *, nodes: int = 50,
                reports: bool = False) -> tuple[list[ActorCount], list[Edge]]:
        """Return the most active actors among matching happenings and the edges between them.

        Actors are keyed as in ``actors()`` (name or words, country, sector);
        only reports with both actors known take part. An edge counts the
        happenings from one actor to another, split into cooperative,
        conflictual and other types; an actor's ``as_source`` and
        ``as_target`` count its happenings once even when the articles name
        the other side in several ways (several edges). ``reports=True``
        counts every matching report instead.
        """
        where, params = _search_where(search, "e.")
        unit, join = _counting(reports)
        rows = self.conn.execute(
            f"SELECT coalesce(e.source_name, e.source_text), e.source_country, e.source_sector, "
            f"coalesce(e.target_name, e.target_text), e.target_country, e.target_sector, e.type, {unit} "
            f"FROM events e {join} WHERE {where} AND e.source_text IS NOT NULL AND e.target_text IS NOT NULL "
            f"AND (e.source_name IS NOT NULL OR e.source_country IS NOT NULL OR e.source_sector IS NOT NULL) "
            f"AND (e.target_name IS NOT NULL OR e.target_country IS NOT NULL OR e.target_sector IS NOT NULL)",
            params,
        )
        # one pass in Python, sets only for happenings with several reports: ~0.35 s on 100k events
        # (bench/serve.py), where GROUP BY with count(DISTINCT) in SQL took ~0.5 s before Python
        shared = self._shared_units(reports)
        seen: set[tuple[Any, ...]] = set()  # (source, target, unit), (source, 1, unit), (target, 2, unit)
        degree: dict[tuple[Any, ...], list[int]] = {}  # actor key -> [as source, as target]
        pairs: dict[tuple[Any, ...], list[int]] = {}  # (source key, target key) -> counts by tone
        labels: dict[tuple[Any, ...], str] = {}  # actor key -> the spelling first seen
        for s_label, s_country, s_sector, t_label, t_country, t_sector, type_, u in rows:
            src, tgt = (s_label.lower(), s_country, s_sector), (t_label.lower(), t_country, t_sector)
            new_source = new_target = 1
            if u in shared:
                if (src, tgt, u) in seen:
                    continue
                seen.add((src, tgt, u))
                new_source, new_target = (src, 1, u) not in seen, (tgt, 2, u) not in seen
                seen.update(((src, 1, u), (tgt, 2, u)))
            if src not in degree:
                degree[src], labels[src] = [0, 0], s_label
            if tgt not in degree:
                degree[tgt], labels[tgt] = [0, 0], t_label
            degree[src][0] += new_source
            degree[tgt][1] += new_target
            counts = pairs.get((src, tgt))
            if counts is None:
                counts = pairs[(src, tgt)] = [0, 0, 0]
            counts[0 if type_ in COOPERATIVE else 1 if type_ in CONFLICTUAL else 2] += 1
        top = sorted(degree.items(), key=lambda kv: (-(kv[1][0] + kv[1][1]), labels[kv[0]]))[:nodes]
        ids = {key: actor_key(labels[key], key[1], key[2]) for key, _ in top}
        actors = [ActorCount(name=labels[key], country=key[1], sector=key[2], as_source=a, as_target=b, texts=())
                  for key, (a, b) in top]
        kept = sorted(((st, c) for st, c in pairs.items() if st[0] in ids and st[1] in ids),
                      key=lambda kv: -sum(kv[1]))
        edges = [Edge(source=ids[s], target=ids[t], cooperative=c[0], conflictual=c[1], other=c[2])
                 for (s, t), c in kept]
        return actors, edges

    def actor_page(self, *, q: str | None = None, limit: int = 50, offset: int = 0,
                   reports: bool = False) -> tuple[list[ActorCount], int]:
        """Return one page of actors (as ``actors()`` counts them, most active first) and how many match ``q``.

        ``q`` matches as in ``page_actors``.
        """
        return page_actors(self.actors(reports=reports), q=q, limit=limit, offset=offset)

    def document_page(self, *, q: str | None = None, limit: int = 50, offset: int = 0) -> tuple[list[DocumentSummary], int]:
        """Return one page of documents (newest first, without text) with their event counts, and the total."""
        filt, params = "", []
        if q:
            filt = "WHERE lower(coalesce(title, '')) LIKE ? OR lower(source_id) LIKE ? OR id = ?"
            params = [f"%{q.lower()}%", f"%{q.lower()}%", q]
        total = self.conn.execute(f"SELECT count(*) FROM documents {filt}", params).fetchone()[0]
        rows = self.conn.execute(
            f"SELECT id, source_id, url, title, author, outlet, published, published_inferred, "
            f"length(text), (SELECT count(*) FROM events e WHERE e.doc_id = d.id) "
            f"FROM documents d {filt} ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            [*params, limit, offset],
        ).fetchall()
        return [_summary(r) for r in rows], total

    def document_summaries(self) -> dict[str, DocumentSummary]:
        """Return every document's metadata (no text), keyed by id; event counts are 0 (not computed)."""
        rows = self.conn.execute(
            "SELECT id, source_id, url, title, author, outlet, published, published_inferred, "
            "length(text), 0 FROM documents"
        )
        return {r[0]: _summary(r) for r in rows}


def page_actors(actors: Sequence[ActorCount], *, q: str | None = None, limit: int = 50,
                offset: int = 0) -> tuple[list[ActorCount], int]:
    """Return one page of ``actors`` (in their order) with at most 20 texts each, and how many match ``q``.

    ``q`` keeps actors with those words in the name or in a text used for
    them, or with that country code; their counts stay whole.
    """
    found = list(actors)
    if q:
        words, code = q.lower(), q.upper()
        found = [a for a in found if words in a.name.lower() or a.country == code
                 or any(words in t.lower() for t in a.texts)]
    page = [dataclasses.replace(a, texts=a.texts[:20]) for a in found[offset:offset + limit]]
    return page, len(found)


def _event_from_row(d: dict[str, Any]) -> Event:
    def nested(prefix: str, cls: type) -> Any:
        values = {g.name: d.pop(f"{prefix}_{g.name}") for g in dataclasses.fields(cls)}
        return cls(**values) if values.get("text") is not None else None

    source, target = nested("source", Actor), nested("target", Actor)
    location = nested("location", Location)
    d["negated"] = bool(d["negated"])
    return Event(**d, source=source, target=target, location=location)


def _cluster_from_row(d: dict[str, Any]) -> Cluster:
    def actor(prefix: str) -> Actor | None:
        values = {g.name: d.pop(f"{prefix}_{g.name}") for g in dataclasses.fields(Actor)}
        return Actor(**values) if values.get("text") is not None else None

    source, target = actor("source"), actor("target")
    return Cluster(**d, source=source, target=target)


def _query_where(query: EventQuery, prefix: str = "") -> tuple[str, list[Any]]:
    """Return the WHERE clause and parameters of an ``EventQuery`` (columns of ``events`` under ``prefix``)."""
    p = prefix
    where, params = [f"{p}confidence >= ?"], [query.min_confidence]
    if query.type:
        where.append(f"{p}type = ?")
        params.append(query.type.upper())
    if query.since:
        # an event overlaps [since, ...] when its period ends on or after since:
        # compare at the event's own precision ('2021-05' vs '2021-05-17'[:7])
        where.append(f"{p}date IS NOT NULL AND {p}date >= substr(?, 1, length({p}date))")
        params.append(query.since)
    if query.until:
        where.append(f"{p}date IS NOT NULL AND {p}date <= substr(?, 1, length({p}date))")
        params.append(query.until)
    if query.actor:
        a = query.actor
        like = f"%{a.lower()}%"
        where.append(
            f"({p}source_country = ? OR {p}target_country = ? OR lower({p}source_name) LIKE ? "
            f"OR lower({p}target_name) LIKE ? OR lower({p}source_text) LIKE ? OR lower({p}target_text) LIKE ?)"
        )
        params += [a.upper(), a.upper(), like, like, like, like]
    return " AND ".join(where), params


def column_names(table: str) -> list[str]:
    """Return the column names of a table as the schema declares them."""
    return [n for n, _ in _columns(TABLES[table])]



# -- query records for the web app and exports (read-only) ----------------------

# PLOVER roots by tone: cooperative and conflictual; REQUEST is neither.
COOPERATIVE: frozenset[str] = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
)
CONFLICTUAL: frozenset[str] = frozenset(
    {"ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
)
SORTS: tuple[str, ...] = ("date", "-date", "confidence", "-confidence", "position")
_SORTS = {
    "date": "date IS NULL, date, doc_id, start",
    "-date": "date IS NULL, date DESC, doc_id, start",
    "confidence": "confidence, date, doc_id, start",
    "-confidence": "confidence DESC, date, doc_id, start",
    "position": "doc_id, start, id",
}
_PERIOD_WIDTH = {"year": 4, "month": 7, "day": 10}


@dataclass(frozen=True, kw_only=True)
class EventSearch:
    """Filters, sort and page for ``Store.search`` (a superset of ``EventQuery``).

    ``actor`` matches as in ``EventQuery``; ``country`` is a source or target
    country code; ``types`` any of these PLOVER roots; ``q`` words of the
    evidence sentence (case-insensitive substring); ``negated`` and
    ``modality`` keep only events with that value.
    """

    actor: str | None = None
    country: str | None = None
    types: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    q: str | None = None
    negated: bool | None = None
    modality: str | None = None
    min_confidence: float = 0.0
    doc_id: str | None = None
    sort: str = "date"
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True, kw_only=True)
class TimelineBucket:
    period: str  # YYYY, YYYY-MM or YYYY-MM-DD
    type: str
    count: int


@dataclass(frozen=True, kw_only=True)
class Timeline:
    """Event counts per period and type, plus what could not be placed at that granularity."""

    granularity: str
    buckets: tuple[TimelineBucket, ...]
    coarser: int  # dated less precisely than the granularity
    undated: int


@dataclass(frozen=True, kw_only=True)
class Edge:
    """Events from one actor to another, by tone."""

    source: str  # actor_key of the source actor
    target: str
    cooperative: int
    conflictual: int
    other: int


@dataclass(frozen=True, kw_only=True)
class DocumentSummary:
    """A document's metadata without its text, with its length and event count."""

    id: str
    source_id: str
    url: str | None
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    published_inferred: bool
    length: int
    events: int


def actor_key(label: str, country: str | None, sector: str | None) -> str:
    """Return the id of an actor in the network: its label, country and sector joined by '|'."""
    return f"{label}|{country or ''}|{sector or ''}"


def _summary(row: Sequence[Any]) -> DocumentSummary:
    id_, source_id, url, title, author, outlet, published, inferred, length, events = row
    return DocumentSummary(id=id_, source_id=source_id, url=url, title=title, author=author, outlet=outlet,
                           published=published, published_inferred=bool(inferred), length=length or 0,
                           events=events)


def _search_where(s: EventSearch, prefix: str = "") -> tuple[str, list[Any]]:
    """Return the WHERE clause and its parameters for an ``EventSearch`` (columns of ``events`` under ``prefix``)."""
    p = prefix
    where, params = [f"{p}confidence >= ?"], [s.min_confidence]
    if s.types:
        where.append(f"{p}type IN ({', '.join('?' for _ in s.types)})")
        params += [t.upper() for t in s.types]
    if s.since:
        where.append(f"{p}date IS NOT NULL AND {p}date >= substr(?, 1, length({p}date))")
        params.append(s.since)
    if s.until:
        where.append(f"{p}date IS NOT NULL AND {p}date <= substr(?, 1, length({p}date))")
        params.append(s.until)
    if s.actor:
        like = f"%{s.actor.lower()}%"
        where.append(
            f"({p}source_country = ? OR {p}target_country = ? OR lower({p}source_name) LIKE ? "
            f"OR lower({p}target_name) LIKE ? OR lower({p}source_text) LIKE ? OR lower({p}target_text) LIKE ?)"
        )
        params += [s.actor.upper(), s.actor.upper(), like, like, like, like]
    if s.country:
        where.append(f"({p}source_country = ? OR {p}target_country = ?)")
        params += [s.country.upper(), s.country.upper()]
    if s.q:
        # LIKE is case-insensitive for ASCII only; a full-text index would need a schema change
        where.append(f"{p}sentence LIKE ? ESCAPE '\\'")
        params.append("%" + s.q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
    if s.negated is not None:
        where.append(f"{p}negated = ?")
        params.append(int(s.negated))
    if s.modality:
        where.append(f"{p}modality = ?")
        params.append(s.modality)
    if s.doc_id:
        where.append(f"{p}doc_id = ?")
        params.append(s.doc_id)
    return " AND ".join(where), params


def _counting(reports: bool) -> tuple[str, str]:
    """Return what an aggregate counts over ``events e``: an SQL expression for the unit and the join it needs.

    A happening is the cluster of its reports (``cluster_members``); an
    event without a cluster row counts as a happening of its own. With
    ``reports`` every event is its own unit and nothing is joined.
    """
    if reports:
        return "e.id", ""
    return "coalesce(m.cluster_id, e.id)", "LEFT JOIN cluster_members m ON m.event_id = e.id"
