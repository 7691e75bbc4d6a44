"""Response shapes of the JSON API, for the OpenAPI document (pydantic models).

The handlers build plain dicts from ``Event.to_json()`` and friends; these
models describe them so that ``/api/openapi.json`` is exact and schemathesis
can check every response against it.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

COUNT_DESCRIPTION = ("What the counts count: happenings (the default: the reports of one event from several "
                     "articles count once) or reports (count=reports).")


class ActorOut(BaseModel):
    text: str
    name: str | None
    country: str | None
    sector: str | None


class LocationOut(BaseModel):
    text: str
    country: str | None


class EventOut(BaseModel):
    """The public event contract (``Event.to_json``)."""

    id: str
    doc_id: str
    source_id: str
    type: str
    mode: str | None
    cameo_root: str | None
    source: ActorOut | None
    target: ActorOut | None
    location: LocationOut | None
    date: str | None
    date_precision: str | None
    date_text: str | None
    date_source: str | None
    negated: bool
    modality: str
    attributed_to: str | None
    sentence: str
    start: int
    end: int
    confidence: float


class Page(BaseModel):
    total: int = Field(description="How many items match, over all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, null on the last one.")


class EventList(Page):
    events: list[EventOut]


class DocumentOut(BaseModel):
    id: str
    source_id: str
    url: str | None
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    published_inferred: bool
    text: str


class DocumentSummaryOut(BaseModel):
    id: str
    source_id: str
    url: str | None
    title: str | None
    author: str | None
    outlet: str | None
    published: str | None
    published_inferred: bool
    length: int = Field(description="Characters of cleaned text.")
    events: int = Field(description="Events coded from it.")


class Evidence(BaseModel):
    sentence: str
    start: int = Field(description="Offset in document.text where the evidence sentence starts.")
    end: int


class ReportOut(EventOut):
    """Another report of the same happening: the event object and its document's title, outlet and date."""

    title: str | None
    outlet: str | None
    published: str | None


class HappeningOut(BaseModel):
    cluster_id: str | None = Field(description="The cluster of reports (chronicle.dedup) the event belongs to.")
    reports: int = Field(description="How many reports the happening has, this event included.")
    documents: int = Field(description="How many documents those reports come from.")


class EventDetail(BaseModel):
    event: EventOut
    document: DocumentOut | None
    evidence: Evidence
    happening: HappeningOut
    reports: list[ReportOut] = Field(description="The happening's other reports (its cluster without this event), "
                                                 "oldest document first.")
    reports_rule: str


class ActorCountOut(BaseModel):
    key: str = Field(description="name|country|sector, the actor's id in /api/network.")
    name: str
    country: str | None
    sector: str | None
    as_source: int = Field(description="Happenings (or reports) in which it is the source.")
    as_target: int = Field(description="Happenings (or reports) in which it is the target.")
    texts: list[str]


class ActorList(Page):
    count: str = Field(description=COUNT_DESCRIPTION)
    actors: list[ActorCountOut]


class Bucket(BaseModel):
    period: str
    type: str
    tone: str
    count: int


class PeriodOut(BaseModel):
    period: str
    cooperative: int
    conflictual: int
    neutral: int
    total: int


class TimelineOut(BaseModel):
    granularity: str
    count: str = Field(description=COUNT_DESCRIPTION)
    first: str | None
    last: str | None
    coarser: int = Field(description="Matching happenings (or reports) dated less precisely than the granularity.")
    undated: int
    buckets: list[Bucket]
    periods: list[PeriodOut]


class NodeOut(BaseModel):
    id: str
    name: str
    country: str | None
    sector: str | None
    as_source: int = Field(description="The sum of its outgoing edges' counts.")
    as_target: int = Field(description="The sum of its incoming edges' counts.")


class EdgeOut(BaseModel):
    source: str
    target: str
    count: int = Field(description="Happenings (or reports) from source to target.")
    cooperative: int
    conflictual: int
    other: int


class NetworkOut(BaseModel):
    count: str = Field(description=COUNT_DESCRIPTION)
    nodes: list[NodeOut]
    edges: list[EdgeOut]


class DocumentList(Page):
    documents: list[DocumentSummaryOut]


class DocumentDetail(BaseModel):
    document: DocumentOut
    events: list[EventOut]


class IngestedDocument(BaseModel):
    id: str | None
    origin: str
    status: str = Field(description="new, present (already stored) or skipped")
    events: int


class SkipOut(BaseModel):
    origin: str
    reason: str
    stage: str


class IngestOut(BaseModel):
    documents: list[IngestedDocument]
    skipped: list[SkipOut]
    events: int


class ErrorInfo(BaseModel):
    status: int
    message: str
    detail: Any = None


class ErrorOut(BaseModel):
    """The one error envelope of every 4xx and 5xx response."""

    error: ErrorInfo
