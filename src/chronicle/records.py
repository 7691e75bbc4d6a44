"""The data model: every record that flows from one stage to the next.

Read this module first. Records are frozen dataclasses with keyword-only
fields; a stage adds records, it never mutates its input. The store's
schema (``store.py``) mirrors these fields one for one, and a test checks
that the two agree.

Flow::

    RawArticle --clean--> Document --nlp--> Sentence
                                        +-> Mention   (actors)
                                        +-> Timex     (time)
                                        +-> Event     (coding)
    anything that fails on the way becomes a Skip, with its reason.

Character offsets (``start``, ``end``) always index ``Document.text``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from typing import Any, Literal

# The 16 PLOVER root event types (PLOVER codebook, 2019+).
PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
    "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES: tuple[str, ...] = ("asserted", "future", "hypothetical", "denied", "reported")
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade")

# PLOVER type -> CAMEO root (two digits), for comparison with GDELT/ICEWS data.
# Inverted from the official CAMEO2PLOVER table (PLOVER draft 0.8, 2021): each
# PLOVER type takes the CAMEO root most of its codes come from; a mode moves
# it where CAMEO splits the type (ACCUSE: 09 investigate, 11 disapprove;
# ASSAULT: 18 assault, 19 fight, 20 mass violence).
CAMEO_ROOTS: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
    "CONCEDE": "08", "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12",
    "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17",
    "ASSAULT": "18",
}
CAMEO_MODE_ROOTS: dict[tuple[str, str], str] = {
    ("ACCUSE", "investigate"): "09",
    ("ASSAULT", "firearms"): "19", ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "aerial"): "19", ("ASSAULT", "drone"): "19",
    ("ASSAULT", "massacre"): "20", ("ASSAULT", "cleansing"): "20", ("ASSAULT", "unconventional"): "20",
}


def cameo_root(type_: str, mode: str | None = None) -> str | None:
    """Return the CAMEO root code ("01".."20") closest to a PLOVER type and mode."""
    return CAMEO_MODE_ROOTS.get((type_, mode or "")) or CAMEO_ROOTS.get(type_)

InputKind = Literal["text", "html", "jsonl", "feed", "warc"]
Precision = Literal["day", "month", "year", "decade"]
Modality = Literal["asserted", "future", "hypothetical", "denied", "reported"]


def doc_id_for(text: str) -> str:
    """Return the document id: the first 16 hex digits of sha256 of the cleaned text.

    The same cleaned content always gets the same id, which is what makes
    ingest idempotent (64 bits: a collision needs ~4 billion documents).
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, kw_only=True)
class RawArticle:
    """One article as read from its container, before cleaning.

    Exactly one of ``text`` or ``html`` is set. ``origin`` names where it
    came from for error messages (``path``, ``path:line 3``, ``path#record 2``).
    """

    source_id: str
    origin: str
    kind: InputKind
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, kw_only=True)
class Document:
    """A cleaned article: main text without boilerplate, plus its metadata."""

    id: str
    source_id: str
    url: str | None = None
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) or datetime
    published_inferred: bool = False  # True when the date came from the text, not metadata
    text: str


@dataclass(frozen=True, kw_only=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Actor:
    """An actor as it appears in an event: the words, and what they resolve to."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO 3166 alpha-3, None for IGOs and unknowns
    sector: str | None = None  # GOV MIL COP OPP CVL IGO ... (see actors.SECTORS)


@dataclass(frozen=True, kw_only=True)
class Location:
    text: str
    country: str | None = None


@dataclass(frozen=True, kw_only=True)
class Mention:
    """An actor or place named in the text, with how it was resolved."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str = "actor"  # actor | place
    rule: str = "unresolved"  # which resolution rule gave the code


@dataclass(frozen=True, kw_only=True)
class Timex:
    """A normalised time expression (TimeML TIMEX3 type and value)."""

    doc_id: str
    sentence: int
    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TimeML value: 2022-02-24, 2021-05, 2010, 201, P3D, PAST_REF ...
    precision: str | None = None  # day | month | year | decade, for DATEs


@dataclass(frozen=True, kw_only=True)
class Event:
    """One coded event with its evidence. ``to_json`` gives the public contract."""

    id: str
    doc_id: str
    source_id: str
    type: str
    mode: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    location: Location | None = None
    date: str | None = None
    date_precision: str | None = None
    date_text: str | None = None
    date_source: str | None = None  # text | narrative | document: where the date came from
    negated: bool = False
    modality: str = "asserted"
    attributed_to: str | None = None
    sentence: str
    start: int
    end: int
    confidence: float
    trigger: str | None = None  # the word that evoked the event (not in the contract)

    def to_json(self) -> dict[str, Any]:
        """Return the event as its public JSON object: every field, None when unknown."""
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "source_id": self.source_id,
            "type": self.type,
            "mode": self.mode,
            "cameo_root": cameo_root(self.type, self.mode),
            "source": _actor_json(self.source),
            "target": _actor_json(self.target),
            "location": dataclasses.asdict(self.location) if self.location else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "date_source": self.date_source,
            "negated": self.negated,
            "modality": self.modality,
            "attributed_to": self.attributed_to,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "confidence": round(self.confidence, 3),
        }


def _actor_json(actor: Actor | None) -> dict[str, Any] | None:
    return dataclasses.asdict(actor) if actor else None


def event_id_for(doc_id: str, start: int, trigger_start: int, type_: str) -> str:
    """Return a stable event id from its document, sentence start, trigger and type."""
    key = f"{doc_id}:{start}:{trigger_start}:{type_}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


@dataclass(frozen=True, kw_only=True)
class Skip:
    """An input that could not be processed, and why. Never silently dropped."""

    origin: str  # file path (plus line or record where it applies)
    reason: str
    stage: str  # read | clean | nlp | store


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """Everything the pipeline derived from one document."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    timexes: tuple[Timex, ...] = ()
    events: tuple[Event, ...] = ()
    origin: str = ""

    def to_json(self) -> dict[str, Any]:
        """Return the ``extract --format json`` object for this document."""
        return {
            "document": dataclasses.asdict(self.document),
            "events": [e.to_json() for e in self.events],
            "timexes": [_public(t) for t in self.timexes],
            "mentions": [_public(m) for m in self.mentions],
        }


def _public(record: Any) -> dict[str, Any]:
    out = dataclasses.asdict(record)
    out.pop("doc_id", None)
    return out


# Fields each record keeps in the store, in order (store.py builds its schema from these).
def field_names(cls: type) -> tuple[str, ...]:
    """Return the dataclass field names of a record class, in declaration order."""
    return tuple(f.name for f in dataclasses.fields(cls))


__all__ = [
    "PLOVER_TYPES", "CAMEO_ROOTS", "cameo_root", "MODALITIES", "PRECISIONS", "RawArticle", "Document", "Sentence",
    "Actor", "Location", "Mention", "Timex", "Event", "Skip", "Analysis",
    "Cluster", "ClusterMember", "doc_id_for", "event_id_for", "field_names",
]


# -- deduplication (dedup.py): one happening, many reports -----------------------


@dataclass(frozen=True, kw_only=True)
class Cluster:
    """One happening: the events (reports) from any documents that describe it.

    ``event_id`` is the canonical report (the best-dated, most confident);
    ``source``, ``target``, ``date`` and ``places`` are what the reports
    together say (each known value of any report fills an unknown one).
    ``polarity`` keeps asserted, negated, future and hypothetical reports of
    the same thing in separate clusters (see ``dedup.polarity``).
    """

    id: str
    event_id: str
    type: str
    polarity: str  # asserted | negated | future | hypothetical
    date: str | None = None
    date_precision: str | None = None
    source: Actor | None = None
    target: Actor | None = None
    places: str = ""  # casefolded place names of the evidence sentences, "|"-joined and sorted
    reports: int = 1
    documents: int = 1


@dataclass(frozen=True, kw_only=True)
class ClusterMember:
    """An event as one report of a cluster."""

    event_id: str
    cluster_id: str
    doc_id: str
