"""Command-line interface: thin commands over the library.

Only this module prints or exits. Data goes to stdout, progress and messages
to stderr. Exit codes: 0 ok, 1 error or some inputs failed, 2 usage.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional

import typer

from .errors import ChronicleError, UsageError

if TYPE_CHECKING:
    from .records import Event, RawArticle, Skip
    from .settings import Settings
    from .store import EventQuery

app = typer.Typer(
    help="Chronicle: news articles in, a queryable record of political events out.\n\n"
    "Example: chronicle ingest examples/ && chronicle timeline",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    rich_markup_mode=None,
)

_state = {"debug": False}

DbOption = Annotated[Path, typer.Option("--db", help="Store file (SQLite, created if absent).")]
DateOption = Annotated[
    Optional[str],
    typer.Option("--date", help="Document date (YYYY-MM-DD) for inputs whose metadata has none."),
]
ActorsOption = Annotated[
    Optional[Path], typer.Option("--actors", help="Your own actors (YAML or CSV), merged over the defaults.")
]
LexiconOption = Annotated[
    Optional[Path], typer.Option("--lexicon", help="Your own event lexicon (YAML), merged over the defaults.")
]
MinConfOption = Annotated[float, typer.Option("--min-confidence", min=0.0, max=1.0, help="Drop events below this confidence.")]


class ExtractFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class EventsFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


def _err(message: str) -> None:
    typer.echo(message, err=True)


@app.callback()
def _main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
) -> None:
    _state["debug"] = debug
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )


def _parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise UsageError(f"--date {value!r} is not a date; write it as YYYY-MM-DD") from exc


def _settings(date: str | None, actors: Path | None, lexicon: Path | None, min_confidence: float = 0.0) -> Settings:
    from .settings import Settings

    for flag, path in (("--actors", actors), ("--lexicon", lexicon)):
        if path is not None and not path.is_file():
            raise UsageError(f"{flag} {path}: no such file")
    return Settings(
        default_date=_parse_date(date), actors_file=actors, lexicon_file=lexicon, min_confidence=min_confidence
    )


def _inputs(paths: list[str], settings: Settings) -> Iterator[RawArticle | Skip]:
    from .ingest import read_inputs

    return read_inputs(paths, max_bytes=settings.max_bytes)


def _progress(items: Iterable[Any], label: str) -> Iterator[Any]:
    """Yield items while showing a spinner with a count on stderr (when it is a terminal)."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield from items
        return
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), console=console, transient=True) as progress:
        task = progress.add_task(label, total=None)
        for item in items:
            yield item
            progress.advance(task)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.", show_default=False)],
    format: Annotated[ExtractFormat, typer.Option("--format", help="json: one object per document; jsonl: one event per line.")] = ExtractFormat.json,
    date: DateOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    min_confidence: MinConfOption = 0.0,
) -> None:
    """Print the events, time expressions and actors of articles, without a store.

    Example: chronicle extract examples/denial-and-claims.txt --date 2022-03-01
    """
    from .pipeline import run
    from .records import Analysis, Skip

    settings = _settings(date, actors, lexicon, min_confidence)
    failed = 0
    documents: list[dict[str, Any]] = []
    for result in _progress(run(_inputs(paths, settings), settings), "extracting"):
        if isinstance(result, Skip):
            failed += 1
            _err(f"Error: {result.origin}: {result.reason}")
        elif isinstance(result, Analysis):
            if format is ExtractFormat.jsonl:
                for event in result.events:
                    typer.echo(json.dumps(event.to_json(), ensure_ascii=False))
            else:
                documents.append(result.to_json())
    if format is ExtractFormat.json:
        out: Any = documents[0] if len(documents) == 1 else documents
        typer.echo(json.dumps(out, ensure_ascii=False, indent=2))
    if failed:
        raise typer.Exit(1)


class Engine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, folders or - for stdin.", show_default=False)],
    db: DbOption = Path("chronicle.db"),
    date: DateOption = None,
    actors: ActorsOption = None,
    lexicon: LexiconOption = None,
    min_confidence: MinConfOption = 0.0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per parse batch and per commit.")] = 32,
    workers: Annotated[int, typer.Option("--workers", min=1, help="Processes that parse and analyse (each loads the model, ~0.5 GB).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", help="local: this machine; dask: a Dask cluster (the [dask] extra; docs/distributed.md).")] = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option("--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://host:8786 (with --engine dask; without it, a local cluster of --workers processes).")] = None,
) -> None:
    """Read articles into the store; prints how many were new, present or failed.

    Ingesting the same content again changes nothing. Each batch of documents
    is committed whole, so an interrupted ingest can simply be run again.

    Example: chronicle ingest examples/ --db chronicle.db
    """
    from .pipeline import Known, run
    from .records import Analysis, Skip
    from .store import Store

    if scheduler is not None and engine is not Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    settings = dataclasses.replace(_settings(date, actors, lexicon, min_confidence), batch_size=batch_size,
                                   workers=workers, engine=engine.value, scheduler=scheduler)
    new = present = failed = events = 0
    with Store(db) as store:
        pending: list[Analysis] = []
        skips: list[Skip] = []

        def flush() -> None:
            nonlocal new, present, events
            result = store.write_batch(pending, skips)
            new, present, events = new + result.new, present + result.present, events + result.events
            pending.clear()
            skips.clear()

        for result in _progress(run(_inputs(paths, settings), settings, known=store.has_document), "ingesting"):
            if isinstance(result, Skip):
                failed += 1
                skips.append(result)
                _err(f"Error: {result.origin}: {result.reason}")
            elif isinstance(result, Known):
                present += 1
            else:
                pending.append(result)
            if len(pending) >= settings.batch_size or len(skips) >= settings.batch_size:
                flush()
        flush()
    typer.echo(f"documents: {new} new, {present} already present, {failed} failed; events: {events} new")
    typer.echo(f"store: {db}")
    if failed:
        raise typer.Exit(1)


def _query_events(db: Path, actor: str | None, type_: str | None, since: str | None, until: str | None,
                  min_confidence: float = 0.0) -> list[Event]:
    from .store import Store

    query = _event_query(actor, type_, since, until, min_confidence)
    with Store(db, readonly=True) as store:
        return list(store.events(query))


def _event_query(actor: str | None, type_: str | None, since: str | None, until: str | None,
                 min_confidence: float) -> EventQuery:
    """Return the store query for the filter options, or raise UsageError on a bad value."""
    from .records import PLOVER_TYPES
    from .store import EventQuery

    if type_ is not None and type_.upper() not in PLOVER_TYPES:
        raise UsageError(f"--type {type_!r} is not a PLOVER type; use one of {', '.join(PLOVER_TYPES)}")
    for flag, value in (("--since", since), ("--until", until)):
        if value is not None and not _is_date_prefix(value):
            raise UsageError(f"{flag} {value!r}: write a date as YYYY, YYYY-MM or YYYY-MM-DD")
    return EventQuery(actor=actor, type=type_, since=since, until=until, min_confidence=min_confidence)


def _is_date_prefix(value: str) -> bool:
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            dt.datetime.strptime(value, fmt)
            return True
        except ValueError:
            continue
    return False


ActorFilter = Annotated[Optional[str], typer.Option("--actor", help="Country code (RUS), name or words (Lukashenko).")]
TypeFilter = Annotated[Optional[str], typer.Option("--type", help="PLOVER event type, e.g. COERCE.")]
SinceFilter = Annotated[Optional[str], typer.Option("--since", help="Events on or after this date (YYYY[-MM[-DD]]).")]
UntilFilter = Annotated[Optional[str], typer.Option("--until", help="Events on or before this date.")]


@app.command()
def events(
    db: DbOption = Path("chronicle.db"),
    actor: ActorFilter = None,
    type: TypeFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    min_confidence: MinConfOption = 0.0,
    format: Annotated[EventsFormat, typer.Option("--format", help="table, json, jsonl or csv.")] = EventsFormat.table,
    reports: Annotated[bool, typer.Option("--reports", help="Every report, not one row per happening.")] = False,
) -> None:
    """List stored happenings, filtered by actor, type and date.

    By default one row per happening: the canonical event of the reports
    that describe it (chronicle.dedup), with "cluster_id" and "reports" (how
    many events report it) added to each event object. --reports lists every
    reported event instead, as stored.

    Example: chronicle events --actor BLR --type COERCE --since 2020-08 --format jsonl
    """
    if not reports:
        _happenings(db, actor, type, since, until, min_confidence, format)
        return
    rows = _query_events(db, actor, type, since, until, min_confidence)
    if format is EventsFormat.jsonl:
        for e in rows:
            typer.echo(json.dumps(e.to_json(), ensure_ascii=False))
    elif format is EventsFormat.json:
        typer.echo(json.dumps([e.to_json() for e in rows], ensure_ascii=False, indent=2))
    elif format is EventsFormat.csv:
        from .export import write_csv

        write_csv(rows, sys.stdout.buffer)
    else:
        _table(rows)


def _happenings(db: Path, actor: str | None, type_: str | None, since: str | None, until: str | None,
                min_confidence: float, format: EventsFormat) -> None:
    from .store import Store

    query = _event_query(actor, type_, since, until, min_confidence)
    with Store(db, readonly=True) as store:
        rows = list(store.happenings(query))
    objects = [{**h.event.to_json(), "cluster_id": h.cluster_id, "reports": h.reports} for h in rows]
    if format is EventsFormat.jsonl:
        for obj in objects:
            typer.echo(json.dumps(obj, ensure_ascii=False))
    elif format is EventsFormat.json:
        typer.echo(json.dumps(objects, ensure_ascii=False, indent=2))
    elif format is EventsFormat.csv:
        from .export import FLAT_COLUMNS, flat

        writer = csv.DictWriter(sys.stdout, fieldnames=[*FLAT_COLUMNS, "cluster_id", "reports"],
                                lineterminator="\n")
        writer.writeheader()
        for h in rows:
            writer.writerow({**flat(h.event), "cluster_id": h.cluster_id, "reports": h.reports})
    else:
        _table([h.event for h in rows], [h.reports for h in rows])


def _actor_code(actor: Any) -> str:
    if actor is None:
        return "-"
    code = " ".join(x for x in (actor.country, actor.sector) if x)
    label = actor.name or actor.text
    return f"{label} ({code})" if code else label


def _table(rows: list[Event], reports: list[int] | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    cols = ("date", "type", "source", "target", "flags", "sentence")
    for col in cols + (("reports",) if reports is not None else ()):
        table.add_column(col, overflow="fold")
    for i, e in enumerate(rows):
        extra = (str(reports[i]),) if reports is not None else ()
        table.add_row(e.date or "?", e.type, _actor_code(e.source), _actor_code(e.target), _flags(e),
                      _clip(e.sentence, 90), *extra)
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
    _err(f"{len(rows)} happenings ({sum(reports)} reports)" if reports is not None else f"{len(rows)} events")


def _flags(e: Event) -> str:
    flags = []
    if e.negated:
        flags.append("NOT")
    if e.modality != "asserted":
        flags.append(e.modality)
    if e.attributed_to:
        flags.append(f"per {e.attributed_to}")
    return ", ".join(flags)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def timeline(
    db: DbOption = Path("chronicle.db"),
    actor: ActorFilter = None,
    type: TypeFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    reports: Annotated[bool, typer.Option("--reports", help="Every report, not one line per happening.")] = False,
) -> None:
    """Print happenings in date order, one line each.

    By default one line per happening (as `chronicle events` lists them):
    an event reported by several articles is shown once, with "N reports"
    among its flags. --reports prints every reported event instead.

    A "~" after the date means the event's own words gave no date, so it was
    taken from the narrative around it or from the document's date.

    Example: chronicle timeline --actor Lukashenko
    """
    from .store import Store

    if reports:
        rows, counts = _query_events(db, actor, type, since, until), None
    else:
        query = _event_query(actor, type, since, until, 0.0)
        with Store(db, readonly=True) as store:
            happenings = list(store.happenings(query))
        rows, counts = [h.event for h in happenings], [h.reports for h in happenings]
    for i, e in enumerate(rows):
        date = (e.date or "undated").ljust(10)
        source = _clip(e.source.name or e.source.text, 26) if e.source else "?"
        target = _clip(e.target.name or e.target.text, 26) if e.target else "-"
        flags = _flags(e)
        if counts is not None and counts[i] > 1:
            flags = ", ".join(f for f in (flags, f"{counts[i]} reports") if f)
        flags = f" [{flags}]" if flags else ""
        # "~" marks a date taken from the narrative or the document, not the event's own words
        approx = "~" if e.date_source in ("narrative", "document") else " "
        typer.echo(f"{date}{approx} {e.type:<9} {source:<26} → {target:<26}{flags}  | {_clip(e.sentence, 70)}")
    _err(f"{len(rows)} happenings ({sum(counts)} reports)" if counts is not None else f"{len(rows)} events")


@app.command()
def actors(
    db: DbOption = Path("chronicle.db"),
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Show only the N most active.")] = None,
    format: Annotated[EventsFormat, typer.Option("--format", help="table, json, jsonl or csv.")] = EventsFormat.table,
    reports: Annotated[bool, typer.Option("--reports", help="Count every report, not happenings.")] = False,
) -> None:
    """List the actors of stored events with their codes and how many happenings they act in.

    "as_source" and "as_target" count happenings: an event reported by
    several articles counts once (chronicle.dedup). --reports counts every
    report instead.

    Example: chronicle actors --limit 20
    """
    from .store import Store

    with Store(db, readonly=True) as store:
        rows = [dataclasses.asdict(a) for a in store.actors(limit=limit, reports=reports)]
    if format is EventsFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
    elif format is EventsFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif format is EventsFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["name"], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "texts": " | ".join(row["texts"])})
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table()
        for col in ("actor", "country", "sector", "as source", "as target", "written as"):
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(r["name"], r["country"] or "-", r["sector"] or "-", str(r["as_source"]),
                          str(r["as_target"]), _clip(" | ".join(r["texts"]), 60))
        Console(width=160 if not sys.stdout.isatty() else None).print(table)
        _err(f"{len(rows)} actors ({'reports' if reports else 'happenings'} counted)")


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    graphml = "graphml"
    polecat = "polecat"


@app.command()
def serve(
    db: DbOption = Path("chronicle.db"),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_ingest: Annotated[bool, typer.Option("--allow-ingest", help="Enable POST /api/documents (runs the ingest pipeline).")] = False,
) -> None:
    """Serve the web UI and JSON API over a store (read-only unless --allow-ingest).

    Pages: / (timeline), /network, /events, /events/ID, /actors, /documents;
    each has a JSON twin under /api (OpenAPI document: /api/openapi.json).
    The store stays readable while `chronicle ingest` writes to it.

    Example: chronicle serve --db chronicle.db --port 8000
    """
    import uvicorn

    from .web.app import create_app

    if not allow_ingest and not db.exists():
        raise UsageError(f"--db {db}: no store; create one with `chronicle ingest PATH --db {db}`")
    web = create_app(db, allow_ingest=allow_ingest)
    _err(f"serving {db} on http://{host}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web, host=host, port=port, log_level="warning")


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", help="csv, jsonl, parquet, graphml or polecat (POLECAT-style TSV).")] = ExportFormat.csv,
    db: DbOption = Path("chronicle.db"),
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="File to write (default: stdout).")] = None,
    actor: ActorFilter = None,
    type: TypeFilter = None,
    since: SinceFilter = None,
    until: UntilFilter = None,
    min_confidence: MinConfOption = 0.0,
) -> None:
    """Write stored events as CSV, JSON Lines, Parquet, GraphML or a POLECAT-style TSV.

    GraphML has actors as nodes and events as edges (type, date, tone, ...).
    The POLECAT TSV keeps the 40 POLECAT weekly-file columns in order, then
    Chronicle's own (see chronicle.export.POLECAT_COLUMNS). Parquet needs --output.

    Example: chronicle export --format polecat --db chronicle.db --output events.tsv
    """
    from .export import writer_for
    from .store import EventSearch, Store
    from .web.app import version

    _event_query(actor, type, since, until, min_confidence)  # the same checks as `events`
    if format is ExportFormat.parquet and output is None and sys.stdout.isatty():
        raise UsageError("--format parquet writes binary data; give --output FILE or redirect stdout")
    search = EventSearch(actor=actor, types=(type.upper(),) if type else (), since=since, until=until,
                         min_confidence=min_confidence)
    with Store(db, readonly=True) as store:
        write = writer_for(format.value, store.document_summaries, version())
        if output is None:
            count = write(store.iter_events(search), sys.stdout.buffer)
            sys.stdout.buffer.flush()
        else:
            with output.open("wb") as fh:
                count = write(store.iter_events(search), fh)
    _err(f"{count} {'edges' if format is ExportFormat.graphml else 'events'} written"
         + (f" to {output}" if output else ""))


def main() -> None:
    """Run the CLI: one ``Error: ...`` line instead of a traceback unless --debug."""
    try:
        code = app(standalone_mode=False)
    except ChronicleError as exc:
        if _state["debug"]:
            raise
        _err(f"Error: {exc}")
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        _err("Aborted.")
        sys.exit(1)
    except typer.TyperException as exc:  # usage errors from the (vendored) click parser
        show = getattr(exc, "show", None)
        if show is not None:
            show()
        else:
            _err(f"Error: {exc}")
        sys.exit(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        _err("Interrupted: committed batches are stored; run the same command again to finish.")
        sys.exit(130)
    except Exception as exc:  # the last line of defence: one line, not a traceback
        if _state["debug"]:
            raise
        _err(f"Error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)

