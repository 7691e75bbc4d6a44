"""The ASGI app of ``chronicle serve``: a JSON API and server-rendered pages from the same queries.

Every page has a JSON twin: ``/events/{id}`` and ``/api/events/{id}`` (or
``/events/{id}?format=json``) come from the same function. Every 4xx and
5xx answer of the API is one envelope, ``{"error": {"status", "message",
"detail"}}``; pages show the same message as HTML.

The store is opened read-only for each request (SQLite WAL: a request sees
the last committed batch of a running ingest and never blocks it). With
``allow_ingest``, ``POST /api/documents`` runs the ingest pipeline on the
request body, one writer at a time.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from enum import Enum
from importlib import metadata
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ..errors import ChronicleError, StoreError
from ..records import MODALITIES, PLOVER_TYPES
from ..store import SORTS, ActorCount, EventSearch, Store, actor_key, page_actors
from . import charts, models

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
MAX_BODY = 5 * 1024 * 1024  # bytes per POST /api/documents
REPORTS_RULE = (
    "the other events in this event's cluster, from this or any other document: one happening's reports "
    "have the same type and polarity, overlapping dates and compatible actors and places (chronicle.dedup)"
)

PloverType = Enum("PloverType", {t: t for t in PLOVER_TYPES}, type=str)  # type: ignore[misc]
ModalityName = Enum("ModalityName", {m: m for m in MODALITIES}, type=str)  # type: ignore[misc]
SortName = Enum("SortName", {s.replace("-", "desc_"): s for s in SORTS}, type=str)  # type: ignore[misc]


class Granularity(str, Enum):
    auto = "auto"
    year = "year"
    month = "month"
    day = "day"


class CountMode(str, Enum):
    """What the aggregates count: happenings (clusters of reports, the default) or every report."""

    happenings = "happenings"
    reports = "reports"


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    graphml = "graphml"
    polecat = "polecat"


class PageFormat(str, Enum):
    html = "html"
    json = "json"


@dataclass(frozen=True, kw_only=True)
class Config:
    db: Path
    allow_ingest: bool = False
    max_body: int = MAX_BODY


def version() -> str:
    """Return Chronicle's installed version ('chronicle 0.1.0'), or 'chronicle' when not installed."""
    try:
        return f"chronicle {metadata.version('chronicle')}"
    except metadata.PackageNotFoundError:
        return "chronicle"


# -- errors: one envelope ------------------------------------------------------


def error_body(status: int, message: str, detail: Any = None) -> dict[str, Any]:
    """Return the error envelope: ``{"error": {"status", "message", "detail"}}``."""
    return {"error": {"status": status, "message": message, "detail": detail}}


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": models.ErrorOut, "description": "Bad parameter"},
}


def _wants_html(request: Request) -> bool:
    return (not request.url.path.startswith("/api")
            and request.query_params.get("format") != "json"
            and "text/html" in request.headers.get("accept", "text/html"))


def _error_response(request: Request, status: int, message: str, detail: Any = None,
                    headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        templates: Jinja2Templates = request.app.state.templates
        return templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message, "detail": detail,
                                     "query": dict(request.query_params), "json_url": None},
            status_code=status, headers=headers,
        )
    return JSONResponse(jsonable_encoder(error_body(status, message, detail)), status_code=status,
                        headers=headers)


def _validation_message(errors: list[dict[str, Any]]) -> str:
    parts = []
    for e in errors:
        loc = [str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {e.get('msg', 'invalid')}")
    return "invalid parameter: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        if exc.status_code == 404 and message == "Not Found":
            message = f"not found: {request.url.path}"
        if exc.status_code == 405 and message == "Method Not Allowed":
            message = f"{request.method} is not allowed on {request.url.path}"
            if request.url.path == "/api/documents":
                message += "; start the server with `chronicle serve --allow-ingest` to post documents"
        return _error_response(request, exc.status_code, message, None, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        errors = [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in exc.errors()]
        return _error_response(request, 400, _validation_message(errors), errors)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return _error_response(request, 503, f"store unavailable: {exc}")

    @app.exception_handler(ChronicleError)
    async def chronicle_error(request: Request, exc: ChronicleError) -> Response:
        return _error_response(request, 400, str(exc))

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error_response(request, 500, f"internal error: {type(exc).__name__}")


# -- dependencies ----------------------------------------------------------------


def get_store(request: Request) -> Iterator[Store]:
    """Yield the store opened read-only for this request, closed after it."""
    store = Store(request.app.state.config.db, readonly=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def event_filters(
    actor: Annotated[str | None, Query(max_length=200, description="Country code (RUS), name or words (Lukashenko) of source or target.")] = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO alpha-3 code of source or target.")] = None,
    type: Annotated[list[PloverType] | None, Query(description="PLOVER root(s); repeat for several.")] = None,  # noqa: A002
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="On or after, at the event's precision (YYYY[-MM[-DD]]).")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="On or before (YYYY[-MM[-DD]]).")] = None,
    q: Annotated[str | None, Query(max_length=200, description="Words of the evidence sentence.")] = None,
    negated: Annotated[bool | None, Query(description="Only negated (true) or only not negated (false) events.")] = None,
    modality: Annotated[ModalityName | None, Query()] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
) -> EventSearch:
    """Return the event filters of a request (shared by events, timeline, network and export)."""
    return EventSearch(
        actor=actor or None, country=country.upper() if country else None,
        types=tuple(t.value for t in type or ()), since=since, until=until, q=q or None,
        negated=negated, modality=modality.value if modality else None, min_confidence=min_confidence,
    )


Filters = Annotated[EventSearch, Depends(event_filters)]
Limit = Annotated[int, Query(ge=1, le=1000)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]
Format = Annotated[PageFormat, Query(description="json gives the page's JSON twin.")]
Count = Annotated[CountMode, Query(description="Count happenings (reports of one event from several articles "
                                               "count once; the default) or every report.")]


def _next(request: Request, limit: int, offset: int, total: int) -> str | None:
    if offset + limit >= total:
        return None
    multi = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]
    return f"{request.url.path}?{urlencode([*multi, ('offset', str(offset + limit))])}"


# -- data functions: one per page, used by the API and the pages ---------------


def events_data(request: Request, store: Store, filters: EventSearch, sort: str, limit: int,
                offset: int) -> dict[str, Any]:
    """Return one page of events matching the filters, with the total and the next page's URL."""
    search = EventSearch(**{**asdict(filters), "sort": sort, "limit": limit, "offset": offset})
    rows, total = store.search(search)
    return {"total": total, "limit": limit, "offset": offset, "next": _next(request, limit, offset, total),
            "events": [e.to_json() for e in rows]}


def event_data(store: Store, event_id: str) -> dict[str, Any]:
    """Return one event with its document, evidence offsets, its happening and the happening's other reports.

    The reports are the event's cluster (``Store.cluster_reports``, oldest
    document first) without the event itself; each is the event object
    with its document's ``title``, ``outlet`` and ``published`` added.
    404 if the event is unknown.
    """
    event = store.event(event_id)
    if event is None:
        raise HTTPException(404, f"no event {event_id!r}")
    document = store.document(event.doc_id)
    cluster = store.cluster_of(event_id)
    members = store.cluster_reports(cluster.id) if cluster else []
    reports: list[dict[str, Any]] = []
    for r in members:
        other = store.event(r.event_id) if r.event_id != event_id else None
        if other is not None:
            reports.append({**other.to_json(), "title": r.title, "outlet": r.outlet, "published": r.published})
    return {
        "event": event.to_json(),
        "document": asdict(document) if document else None,
        "evidence": {"sentence": event.sentence, "start": event.start, "end": event.end},
        "happening": {"cluster_id": cluster.id if cluster else None, "reports": max(len(members), 1),
                      "documents": max(len({r.doc_id for r in members}), 1)},
        "reports": reports,
        "reports_rule": REPORTS_RULE,
    }


class _Aggregates:
    """Results of whole-store aggregations, kept until the store file changes.

    Actor counts, the network and the timeline read every matching event:
    0.25-0.5 s on 100k events (bench/serve.py). A page reload or a second
    visitor should not pay that again while nothing was ingested. The key
    includes the size and mtime of the database and its WAL, which every
    commit changes.
    """

    def __init__(self, size: int = 64) -> None:
        self.size = size
        self._items: OrderedDict[tuple[Any, ...], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, db: Path, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        full = (*key, _file_state(db))
        with self._lock:
            if full in self._items:
                self._items.move_to_end(full)
                return self._items[full]
        value = compute()
        with self._lock:
            self._items[full] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value


def _file_state(db: Path) -> tuple[int, ...]:
    state: list[int] = []
    for path in (db, db.with_name(db.name + "-wal")):
        try:
            st = path.stat()
            state += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            state += [0, 0]
    return tuple(state)


_aggregates = _Aggregates()


def _ranked_actors(store: Store, count: CountMode) -> list[ActorCount]:
    """Return every actor with its counts, most active first (cached: pages and searches slice it)."""
    reports = count is CountMode.reports
    return _aggregates.get(store.path, ("actors", count.value), lambda: store.actors(reports=reports))


def actors_data(request: Request, store: Store, q: str | None, limit: int, offset: int,
                count: CountMode = CountMode.happenings) -> dict[str, Any]:
    """Return one page of actors with their happening (or report) counts, most active first."""
    rows, total = page_actors(_ranked_actors(store, count), q=q or None, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "next": _next(request, limit, offset, total),
            "count": count.value,
            "actors": [{"key": actor_key(a.name, a.country, a.sector), **asdict(a), "texts": list(a.texts)}
                       for a in rows]}


def timeline_data(store: Store, filters: EventSearch, granularity: Granularity,
                  count: CountMode = CountMode.happenings) -> dict[str, Any]:
    """Return happening (or report) counts per period and type, and per period and tone, for the filters."""
    from ..export import tone

    first, last = _aggregates.get(store.path, ("span", repr(filters)), lambda: store.date_span(filters))
    gran = charts.auto_granularity(first, last) if granularity is Granularity.auto else granularity.value
    reports = count is CountMode.reports
    timeline = _aggregates.get(store.path, ("timeline", repr(filters), gran, count.value),
                               lambda: store.timeline(filters, gran, reports=reports))
    periods: dict[str, dict[str, Any]] = {}
    buckets = []
    for b in timeline.buckets:
        t = tone(b.type)
        buckets.append({"period": b.period, "type": b.type, "tone": t, "count": b.count})
        p = periods.setdefault(b.period, {"period": b.period, "cooperative": 0, "conflictual": 0,
                                          "neutral": 0, "total": 0})
        p[t] += b.count
        p["total"] += b.count
    return {"granularity": gran, "count": count.value, "first": first, "last": last, "coarser": timeline.coarser,
            "undated": timeline.undated, "buckets": buckets, "periods": list(periods.values())}


def network_data(store: Store, filters: EventSearch, nodes: int,
                 count: CountMode = CountMode.happenings) -> dict[str, Any]:
    """Return the most active actors among matching happenings and the happening (or report) counts between them."""
    reports = count is CountMode.reports
    actors, edges = _aggregates.get(store.path, ("network", repr(filters), nodes, count.value),
                                    lambda: store.network(filters, nodes=nodes, reports=reports))
    return {
        "count": count.value,
        "nodes": [{"id": actor_key(a.name, a.country, a.sector), "name": a.name, "country": a.country,
                   "sector": a.sector, "as_source": a.as_source, "as_target": a.as_target} for a in actors],
        "edges": [{"source": e.source, "target": e.target, "count": e.cooperative + e.conflictual + e.other,
                   "cooperative": e.cooperative, "conflictual": e.conflictual, "other": e.other}
                  for e in edges],
    }


def documents_data(request: Request, store: Store, q: str | None, limit: int, offset: int) -> dict[str, Any]:
    """Return one page of documents (metadata, no text) with their event counts."""
    rows, total = store.document_page(q=q or None, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "next": _next(request, limit, offset, total),
            "documents": [asdict(d) for d in rows]}


def document_data(store: Store, doc_id: str) -> dict[str, Any]:
    """Return one document with its text and its events in text order (404 if unknown)."""
    document = store.document(doc_id)
    if document is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    events, _ = store.search(EventSearch(doc_id=doc_id, sort="position", limit=10_000))
    return {"document": asdict(document), "events": [e.to_json() for e in events]}


# -- the app -------------------------------------------------------------------


def create_app(db: str | Path, *, allow_ingest: bool = False, max_body: int = MAX_BODY) -> FastAPI:
    """Return the ASGI app serving the store at ``db`` (read-only unless ``allow_ingest``)."""
    db = Path(db)
    if allow_ingest:
        Store(db).close()  # create an empty store to post into
    else:
        Store(db, readonly=True).close()  # fail now, not on the first request
    app = FastAPI(
        title="Chronicle", version=version().split(" ")[-1],
        description="Political events coded from news articles: who did what to whom, when, where, says who. "
                    "Every page of the web UI has a JSON twin here.",
        openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,  # Swagger UI would load from a CDN
    )
    app.state.config = Config(db=db, allow_ingest=allow_ingest, max_body=max_body)
    app.state.templates = _templates()
    app.state.write_lock = threading.Lock()
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _install_error_handlers(app)
    _strip_empty_form_fields(app)
    _api_routes(app)
    if allow_ingest:
        _ingest_route(app)
    _page_routes(app)
    _fix_openapi(app)
    return app


def _templates() -> Jinja2Templates:
    from ..export import tone

    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.globals.update(tone=tone, plover_types=PLOVER_TYPES, modalities=MODALITIES, version=version())
    templates.env.filters["actor"] = _actor_label
    return templates


def _actor_label(actor: dict[str, Any] | None) -> str:
    if not actor:
        return "–"
    code = " ".join(x for x in (actor.get("country"), actor.get("sector")) if x)
    label = actor.get("name") or actor.get("text") or "?"
    return f"{label} ({code})" if code else label


def _strip_empty_form_fields(app: FastAPI) -> None:
    """Drop empty query parameters on pages: a GET form sends ``since=`` for an empty field."""

    @app.middleware("http")
    async def strip(request: Request, call_next: Any) -> Response:
        if not request.url.path.startswith("/api") and request.scope.get("query_string"):
            items = [(k, v) for k, v in request.query_params.multi_items() if v != ""]
            request.scope["query_string"] = urlencode(items).encode("latin-1")
        return await call_next(request)


def _api_routes(app: FastAPI) -> None:
    @app.get("/api/events", tags=["events"], response_model=None,
             responses={200: {"model": models.EventList}, **ERROR_RESPONSES})
    def api_events(request: Request, store: StoreDep, filters: Filters,
                   sort: Annotated[SortName, Query()] = SortName.date,
                   limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """Events matching the filters, one page at a time, in the chosen order."""
        return JSONResponse(events_data(request, store, filters, sort.value, limit, offset))

    @app.get("/api/events/{event_id}", tags=["events"], response_model=None,
             responses={200: {"model": models.EventDetail}, 404: {"model": models.ErrorOut}, **ERROR_RESPONSES})
    def api_event(store: StoreDep, event_id: str) -> JSONResponse:
        """One event with its document, the evidence offsets and other reports of it."""
        return JSONResponse(event_data(store, event_id))

    @app.get("/api/actors", tags=["actors"], response_model=None,
             responses={200: {"model": models.ActorList}, **ERROR_RESPONSES})
    def api_actors(request: Request, store: StoreDep,
                   q: Annotated[str | None, Query(max_length=200, description="Words of the name or text, or a country code.")] = None,
                   limit: Limit = 50, offset: Offset = 0, count: Count = CountMode.happenings) -> JSONResponse:
        """Actors of stored events with how many happenings each acts in and is acted on in, most active first."""
        return JSONResponse(actors_data(request, store, q, limit, offset, count))

    @app.get("/api/timeline", tags=["events"], response_model=None,
             responses={200: {"model": models.TimelineOut}, **ERROR_RESPONSES})
    def api_timeline(store: StoreDep, filters: Filters, granularity: Granularity = Granularity.auto,
                     count: Count = CountMode.happenings) -> JSONResponse:
        """Counts of happenings with a matching report per period (day, month or year) and type, and per tone."""
        return JSONResponse(timeline_data(store, filters, granularity, count))

    @app.get("/api/network", tags=["actors"], response_model=None,
             responses={200: {"model": models.NetworkOut}, **ERROR_RESPONSES})
    def api_network(store: StoreDep, filters: Filters,
                    nodes: Annotated[int, Query(ge=1, le=300, description="Most active actors to keep.")] = 50,
                    count: Count = CountMode.happenings) -> JSONResponse:
        """The actor network: most active actors and happening counts between them, by tone."""
        return JSONResponse(network_data(store, filters, nodes, count))

    @app.get("/api/documents", tags=["documents"], response_model=None,
             responses={200: {"model": models.DocumentList}, **ERROR_RESPONSES})
    def api_documents(request: Request, store: StoreDep,
                      q: Annotated[str | None, Query(max_length=200, description="Words of the title or source id, or a document id.")] = None,
                      limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """Stored documents (metadata, no text), newest first, with their event counts."""
        return JSONResponse(documents_data(request, store, q, limit, offset))

    @app.get("/api/documents/{doc_id}", tags=["documents"], response_model=None,
             responses={200: {"model": models.DocumentDetail}, 404: {"model": models.ErrorOut}, **ERROR_RESPONSES})
    def api_document(store: StoreDep, doc_id: str) -> JSONResponse:
        """One document with its text and its events in text order."""
        return JSONResponse(document_data(store, doc_id))

    @app.get("/api/export", tags=["export"], response_model=None,
             responses={200: {"description": "The file", "content": {
                 "text/csv": {}, "application/x-ndjson": {}, "application/vnd.apache.parquet": {},
                 "application/graphml+xml": {}, "text/tab-separated-values": {}}}, **ERROR_RESPONSES})
    def api_export(request: Request, filters: Filters, format: ExportFormat = ExportFormat.csv) -> Response:  # noqa: A002
        """All matching events as a file: csv, jsonl, parquet, graphml or polecat (TSV)."""
        return export_response(request.app.state.config.db, filters, format.value)


def export_response(db: Path, filters: EventSearch, format: str) -> Response:  # noqa: A002
    """Return a streamed download of the matching events in an export format."""
    from ..export import EXTENSIONS, MEDIA_TYPES, writer_for

    headers = {"Content-Disposition": f'attachment; filename="chronicle-events.{EXTENSIONS[format]}"'}
    if format == "parquet":  # Parquet's footer needs a seekable target: build it in memory
        with Store(db, readonly=True) as store:
            buf = io.BytesIO()
            writer_for(format, store.document_summaries, version())(store.iter_events(filters), buf)
        return Response(buf.getvalue(), media_type=MEDIA_TYPES[format], headers=headers)

    def chunks() -> Iterator[bytes]:
        with Store(db, readonly=True) as store:
            out = _ChunkBuffer()
            write = writer_for(format, store.document_summaries, version())
            yield from out.run(lambda o: write(store.iter_events(filters), o))

    return StreamingResponse(chunks(), media_type=MEDIA_TYPES[format], headers=headers)


class _ChunkBuffer(io.RawIOBase):
    """A writable stream that a generator drains in 64 KB chunks (a thread runs the writer)."""

    def __init__(self) -> None:
        import queue

        self.queue: queue.Queue[bytes | None | BaseException] = queue.Queue(maxsize=16)
        self.pending = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.pending += bytes(data)
        if len(self.pending) >= 65536:
            self.queue.put(bytes(self.pending))
            self.pending.clear()
        return len(data)

    def run(self, produce: Any) -> Iterator[bytes]:
        def target() -> None:
            try:
                produce(self)
                if self.pending:
                    self.queue.put(bytes(self.pending))
                self.queue.put(None)
            except BaseException as exc:  # handed to the consumer, re-raised there
                self.queue.put(exc)

        thread = threading.Thread(target=target, daemon=True)
        thread.start()
        while True:
            item = self.queue.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            yield item
        thread.join()


def _ingest_route(app: FastAPI) -> None:
    body_schema = {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object", "required": ["text"], "additionalProperties": True,
                "properties": {k: {"type": "string", **({"minLength": 1} if k == "text" else {})}
                               for k in ("text", "id", "url", "title", "published", "outlet", "author")},
            }},
            "text/plain": {"schema": {"type": "string", "minLength": 1}},
            "text/html": {"schema": {"type": "string"}},
            "application/x-ndjson": {"schema": {"type": "string"}},
        },
    }

    @app.post("/api/documents", tags=["documents"], status_code=201, response_model=None,
              openapi_extra={"requestBody": body_schema},
              responses={201: {"model": models.IngestOut, "description": "Stored (or already present)"},
                         413: {"model": models.ErrorOut}, 415: {"model": models.ErrorOut}, **ERROR_RESPONSES})
    async def post_documents(
        request: Request,
        date: Annotated[dt.date | None, Query(description="Document date (YYYY-MM-DD) for inputs without one.")] = None,
    ) -> JSONResponse:
        """Ingest a posted article (or JSON Lines, a feed, WARC): the same pipeline as `chronicle ingest`.

        Posting the same text again stores nothing new (status "present").
        """
        config: Config = request.app.state.config
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > config.max_body:
            raise HTTPException(413, f"request body over {config.max_body} bytes; split it into several posts")
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > config.max_body:
                raise HTTPException(413, f"request body over {config.max_body} bytes; split it into several posts")
        if not body.strip():
            raise HTTPException(400, "empty body: post the article text, HTML, or a JSON object with 'text'")
        data = bytes(body)
        if request.headers.get("content-type", "").split(";")[0].strip() == "application/json":
            try:
                obj = json.loads(data)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                raise HTTPException(400, f"body is not JSON: {exc}") from exc
            if not isinstance(obj, dict) or not isinstance(obj.get("text") or obj.get("html"), str):
                raise HTTPException(400, "post a JSON object with a 'text' (or 'html') string")
            # one JSON Lines record; a lone surrogate (valid JSON escape, not UTF-8) becomes "?"
            data = json.dumps(obj, ensure_ascii=False).encode("utf-8", "replace") + b"\n"
        return JSONResponse(await run_in_threadpool(_ingest, request.app, data, date), status_code=201)


def _ingest(app: FastAPI, data: bytes, date: Any) -> dict[str, Any]:
    """Return what ingesting ``data`` stored: run the pipeline, write one batch (one writer at a time)."""
    from ..ingest import read_inputs
    from ..pipeline import Known, run
    from ..records import Analysis, Skip
    from ..settings import Settings

    config: Config = app.state.config
    settings = Settings(default_date=date)
    documents: list[dict[str, Any]] = []
    skipped: list[dict[str, str]] = []
    with app.state.write_lock, Store(config.db) as store:
        analyses: list[Analysis] = []
        skips: list[Skip] = []
        items = read_inputs(["-"], stdin=io.BytesIO(data), max_bytes=config.max_body)
        for result in run(items, settings, known=store.has_document):
            if isinstance(result, Skip):
                skips.append(result)
                skipped.append({"origin": result.origin, "reason": result.reason, "stage": result.stage})
            elif isinstance(result, Known):
                documents.append({"id": result.doc_id, "origin": result.origin, "status": "present", "events": 0})
            else:
                analyses.append(result)
        # two identical texts in one post: the store keeps the first, the second is "present"
        seen: set[str] = set()
        for a in analyses:
            status = "present" if a.document.id in seen else "new"
            seen.add(a.document.id)
            documents.append({"id": a.document.id, "origin": a.origin, "status": status,
                              "events": len(a.events) if status == "new" else 0})
        result = store.write_batch(analyses, skips)
    return {"documents": documents, "skipped": skipped, "events": result.events}


def _fix_openapi(app: FastAPI) -> None:
    """Document 400 (our validation status) instead of FastAPI's 422 in the OpenAPI document."""
    from fastapi.openapi.utils import get_openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for op in path.values():
                op.get("responses", {}).pop("422", None)
        comps = schema.get("components", {}).get("schemas", {})
        comps.pop("HTTPValidationError", None)
        comps.pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# -- pages ---------------------------------------------------------------------


def _page_routes(app: FastAPI) -> None:
    templates: Jinja2Templates = app.state.templates

    def render(request: Request, name: str, context: dict[str, Any], api: str) -> HTMLResponse:
        query = request.url.query
        json_url = f"{api}?{query}" if query else api
        return templates.TemplateResponse(request, name, {**context, "json_url": json_url,
                                                          "query": dict(request.query_params)})

    @app.get("/", include_in_schema=False)
    def timeline_page(request: Request, store: StoreDep, filters: Filters,
                      granularity: Granularity = Granularity.auto, offset: Offset = 0,
                      count: Count = CountMode.happenings, format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = timeline_data(store, filters, granularity, count)
        if format is PageFormat.json:
            return JSONResponse(data)
        notice = None
        if data["first"] and charts.slots_between(data["first"], data["last"], data["granularity"]) > charts.MAX_SLOTS:
            notice = f"too many {data['granularity']}s to draw; showing years (zoom in to see finer periods)"
            data = timeline_data(store, filters, Granularity.year, count)
        chart = charts.layout(data["periods"], data["granularity"], data["first"], data["last"]) \
            if data["first"] else None
        listing = events_data(request, store, filters, "date", 50, offset)
        top_actors = _ranked_actors(store, CountMode.happenings)[:100]
        return render(request, "timeline.html", {
            "data": data, "chart": chart, "listing": listing, "notice": notice, "actors": top_actors,
            "zoom_out": _zoom_out(filters, count), "bar_link": _bar_link(request, data["granularity"]),
            "page_link": _page_link(request), "count_link": _count_link(request, count),
        }, "/api/timeline")

    @app.get("/events", include_in_schema=False)
    def events_page(request: Request, store: StoreDep, filters: Filters,
                    sort: Annotated[SortName, Query()] = SortName.date,
                    limit: Limit = 50, offset: Offset = 0, format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = events_data(request, store, filters, sort.value, limit, offset)
        if format is PageFormat.json:
            return JSONResponse(data)
        return render(request, "events.html", {"data": data, "sorts": SORTS, "page_link": _page_link(request)},
                      "/api/events")

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(request: Request, store: StoreDep, event_id: str, format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = event_data(store, event_id)
        if format is PageFormat.json:
            return JSONResponse(data)
        others, _ = store.search(EventSearch(doc_id=data["event"]["doc_id"], sort="position", limit=500))
        return render(request, "event.html", {"data": data, "others": [e.to_json() for e in others
                                                                        if e.id != event_id]},
                      f"/api/events/{event_id}")

    @app.get("/actors", include_in_schema=False)
    def actors_page(request: Request, store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                    limit: Limit = 50, offset: Offset = 0, count: Count = CountMode.happenings,
                    format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = actors_data(request, store, q, limit, offset, count)
        if format is PageFormat.json:
            return JSONResponse(data)
        return render(request, "actors.html", {"data": data, "page_link": _page_link(request),
                                               "count_link": _count_link(request, count)}, "/api/actors")

    @app.get("/network", include_in_schema=False)
    def network_page(request: Request, store: StoreDep, filters: Filters,
                     nodes: Annotated[int, Query(ge=1, le=300)] = 50, count: Count = CountMode.happenings,
                     format: Format = PageFormat.html) -> Response:  # noqa: A002
        if format is PageFormat.json:
            return JSONResponse(network_data(store, filters, nodes, count))
        # the page draws /api/network with plain JS (force layout in the browser)
        return render(request, "network.html", {"count_link": _count_link(request, count)}, "/api/network")

    @app.get("/documents", include_in_schema=False)
    def documents_page(request: Request, store: StoreDep, q: Annotated[str | None, Query(max_length=200)] = None,
                       limit: Limit = 50, offset: Offset = 0, format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = documents_data(request, store, q, limit, offset)
        if format is PageFormat.json:
            return JSONResponse(data)
        return render(request, "documents.html", {"data": data, "page_link": _page_link(request)},
                      "/api/documents")

    @app.get("/documents/{doc_id}", include_in_schema=False)
    def document_page(request: Request, store: StoreDep, doc_id: str, format: Format = PageFormat.html) -> Response:  # noqa: A002
        data = document_data(store, doc_id)
        if format is PageFormat.json:
            return JSONResponse(data)
        return render(request, "document.html", {"data": data, "segments": _segments(data)},
                      f"/api/documents/{doc_id}")


def _segments(data: dict[str, Any]) -> list[dict[str, Any]]:
    """Return the document text cut into plain runs and evidence sentences (with their events)."""
    text = data["document"]["text"]
    spans: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for e in data["events"]:
        spans.setdefault((e["start"], e["end"]), []).append(e)
    out, pos = [], 0
    for (start, end), events in sorted(spans.items()):
        if start < pos:  # overlapping evidence: keep the first, list the rest below the text
            continue
        out.append({"text": text[pos:start], "events": []})
        out.append({"text": text[start:end], "events": events})
        pos = end
    out.append({"text": text[pos:], "events": []})
    return out


def _zoom_out(filters: EventSearch, count: CountMode = CountMode.happenings) -> str | None:
    """Return the query string one zoom level up from a since/until period, None at the top."""
    counting = [("count", count.value)] if count is CountMode.reports else []
    if not filters.since or filters.since != filters.until:
        return urlencode(counting) if filters.since or filters.until else None
    up = charts.parent(filters.since)
    keep = [*_filter_items(filters, drop=("since", "until")), *counting]
    if up is None:
        return urlencode(keep)
    return urlencode([*keep, ("since", up), ("until", up), ("granularity", "day" if len(up) == 7 else "month")])


def _filter_items(filters: EventSearch, drop: tuple[str, ...] = ()) -> list[tuple[str, str]]:
    items: list[tuple[str, str]] = []
    for key in ("actor", "country", "since", "until", "q", "modality"):
        value = getattr(filters, key)
        if value and key not in drop:
            items.append((key, value))
    items += [("type", t) for t in filters.types]
    if filters.negated is not None:
        items.append(("negated", str(filters.negated).lower()))
    if filters.min_confidence:
        items.append(("min_confidence", str(filters.min_confidence)))
    return items


def _bar_link(request: Request, granularity: str) -> Any:
    """Return a function giving the zoom-in link of a timeline bar."""
    keep = [(k, v) for k, v in request.query_params.multi_items() if k not in ("since", "until", "granularity", "offset")]

    def link(period: str) -> str:
        finer = charts.finer(granularity)
        if finer is None:
            return "/events?" + urlencode([*keep, ("since", period), ("until", period)])
        return "/?" + urlencode([*keep, ("since", period), ("until", period), ("granularity", finer)])

    return link


def _count_link(request: Request, count: CountMode) -> dict[str, str]:
    """Return what the page counts and the URL of the same page counting the other way."""
    other = CountMode.reports if count is CountMode.happenings else CountMode.happenings
    keep = [(k, v) for k, v in request.query_params.multi_items() if k not in ("count", "offset")]
    if other is CountMode.reports:
        keep.append(("count", other.value))
    query = urlencode(keep)
    url = f"{request.url.path}?{query}" if query else request.url.path
    return {"count": count.value, "other": other.value, "url": url}


def _page_link(request: Request) -> Any:
    """Return a function giving this page's URL at another offset."""
    keep = [(k, v) for k, v in request.query_params.multi_items() if k != "offset"]

    def link(offset: int) -> str:
        return f"{request.url.path}?{urlencode([*keep, ('offset', str(max(offset, 0)))])}"

    return link


__all__ = ["create_app", "error_body", "export_response"]
