"""Cross-article deduplication: which events report the same happening.

Pure functions over records; ``store.py`` looks up candidate clusters and
writes the result in the same transaction as the events (no SQL here).

The matching rule. An event joins a cluster when all of these hold:

* same PLOVER type;
* same polarity (``polarity``): a denial ("Turkey did not shell the
  villages") and an assertion of the same thing are two clusters, so a
  denial never inflates the report count of the asserted event, and the
  disagreement stays visible as two rows;
* dates overlap at their precision and differ by at most one step of
  precision: 2023-07-07 joins 2023-07 and 2023-07-07, never 2023-07-08
  nor the bare year 2023 ("in 2022, Russia invaded" is a recalled
  event, not today's shelling). Undated events and decade dates never merge;
* compatible actors in both roles (``actor_score``): a country or a name
  that both know must agree; sectors that both know must fall in the same
  family (police, army and government are one "state" family, because
  outlets call the same people "police", "security forces" or
  "authorities"); an unknown or missing actor agrees with anything;
* compatible places: when both evidence sentences name places, they share
  one (Lima vs Cusco stays apart; Nairobi vs "Kenya ... Nairobi" merges);
* at least one piece of positive evidence beyond type and date: an agreeing
  country or name in some role, or a shared place.

Among the clusters that pass, the one with the highest ``match_score``
wins (ties: the oldest cluster id, so the result does not depend on the
order SQLite returns rows in).

A cluster's profile grows as reports join (an unknown country is filled
in, a month date refined to a day), so the result can depend on the order
articles arrive; ingesting in publication order is the usual case.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable, Sequence

from .records import Actor, Cluster, Event, Mention

# Sectors outlets use interchangeably for the same people.
_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset({"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}),  # the state and its forces
    frozenset({"OPP", "PTY", "CVL", "PRO"}),  # political society: opposition, protesters, citizens
)
_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "decade": 3}
_LENGTH_PRECISION = {10: "day", 7: "month", 4: "year", 3: "decade"}


def polarity(event: Event) -> str:
    """Return the polarity class of an event: asserted, negated, future or hypothetical.

    "reported" (asserted, with attribution) counts as asserted: "police fired
    tear gas, witnesses said" reports the same fact as the bare sentence.
    """
    if event.negated or event.modality == "denied":
        return "negated"
    if event.modality in ("future", "hypothetical"):
        return event.modality
    return "asserted"


def precision_of(date: str | None) -> str | None:
    """Return the precision of an ISO date prefix (day, month, year, decade) or None."""
    return _LENGTH_PRECISION.get(len(date)) if date else None


def mergeable_date(date: str | None) -> bool:
    """Return True if events with this date may join others (day, month or year)."""
    return precision_of(date) in ("day", "month", "year")


def candidate_dates(date: str) -> tuple[tuple[str, ...], str | None]:
    """Return the cluster dates that may overlap ``date``: exact coarser-or-equal dates, and the finer prefix.

    A cluster overlaps when its date is one of the first tuple, or starts
    with the second (``None`` when ``date`` is a day: nothing is finer).
    Only one step of precision either way, as ``dates_compatible`` checks.
    """
    exact = tuple(date[:n] for n in (4, 7, 10) if n <= len(date) and len(date) - n <= 3)
    finer = date if len(date) < 10 else None
    return exact, finer


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Return True if two dates overlap at the coarser precision and differ by at most one step."""
    if not (mergeable_date(a) and mergeable_date(b)):
        return False
    assert a is not None and b is not None
    coarse, fine = (a, b) if len(a) <= len(b) else (b, a)
    if not fine.startswith(coarse):
        return False
    rank = _PRECISION_RANK
    return rank[precision_of(coarse) or "decade"] - rank[precision_of(fine) or "decade"] <= 1


def _known(actor: Actor | None) -> bool:
    return actor is not None and bool(actor.name or actor.country or actor.sector)


def _same_family(a: str, b: str) -> bool:
    return a == b or any(a in f and b in f for f in _FAMILIES)


def actor_score(a: Actor | None, b: Actor | None) -> int | None:
    """Return how strongly two actors agree (0 = no evidence either way), or None if they conflict."""
    if not (_known(a) and _known(b)):
        return 0
    assert a is not None and b is not None
    score = 0
    if a.country and b.country:
        if a.country != b.country:
            return None
        score += 2
    if a.name and b.name:
        if a.name.casefold() == b.name.casefold():
            score += 3
        elif not (a.country and b.country):
            # two different names and no shared country to vouch for them
            return None
    if a.sector and b.sector:
        if a.sector == b.sector:
            score += 1
        elif not _same_family(a.sector, b.sector):
            return None
    return score


def event_places(event: Event, mentions: Iterable[Mention]) -> frozenset[str]:
    """Return the casefolded names of the places in an event's sentence and its location."""
    places = {m.text.casefold() for m in mentions
              if m.kind == "place" and m.doc_id == event.doc_id and event.start <= m.start < event.end}
    if event.location is not None and event.location.text:
        places.add(event.location.text.casefold())
    return frozenset(places)


def _split(places: str) -> frozenset[str]:
    return frozenset(p for p in places.split("|") if p)


def _join(places: Iterable[str]) -> str:
    return "|".join(sorted(set(places)))


def match_score(cluster: Cluster, event: Event, places: frozenset[str]) -> int | None:
    """Return how well an event fits a cluster (higher is better), or None if it may not join."""
    if cluster.type != event.type or cluster.polarity != polarity(event):
        return None
    if not dates_compatible(cluster.date, event.date):
        return None
    src = actor_score(cluster.source, event.source)
    tgt = actor_score(cluster.target, event.target)
    if src is None or tgt is None:
        return None
    known = _split(cluster.places)
    shared = len(known & places)
    if known and places and not shared:
        return None
    if src == 0 and tgt == 0 and not shared:
        return None  # nothing but type and date in common
    return src + tgt + 2 * shared + (1 if cluster.date == event.date else 0)


def best_match(clusters: Sequence[Cluster], event: Event, places: frozenset[str]) -> Cluster | None:
    """Return the cluster the event belongs to among ``clusters``, or None for a new happening."""
    scored = [(s, c) for c in clusters if (s := match_score(c, event, places)) is not None]
    if not scored:
        return None
    return min(scored, key=lambda sc: (-sc[0], sc[1].id))[1]


def cluster_id_for(event: Event) -> str:
    """Return the id of the cluster an event founds: derived from the event id, so stable."""
    return hashlib.sha256(f"cluster:{event.id}".encode()).hexdigest()[:16]


def new_cluster(event: Event, places: frozenset[str]) -> Cluster:
    """Return a one-report cluster founded by ``event``."""
    return Cluster(
        id=cluster_id_for(event), event_id=event.id, type=event.type, polarity=polarity(event),
        date=event.date, date_precision=precision_of(event.date), source=_profile(None, event.source),
        target=_profile(None, event.target), places=_join(places), reports=1, documents=1,
    )


def _profile(known: Actor | None, new: Actor | None) -> Actor | None:
    """Return the actor profile with every unknown field of ``known`` filled from ``new``."""
    if not _known(new):
        return known
    assert new is not None
    if known is None:
        return Actor(text=new.text, name=new.name, country=new.country, sector=new.sector)
    return Actor(text=known.text, name=known.name or new.name, country=known.country or new.country,
                 sector=known.sector or new.sector)


def _rank(date: str | None, confidence: float) -> tuple[int, float]:
    return (len(date or ""), confidence)


def merge(cluster: Cluster, event: Event, places: frozenset[str], *, canonical: Event,
          new_document: bool) -> Cluster:
    """Return the cluster with ``event`` added as a report.

    ``canonical`` is the cluster's current canonical event; the event takes
    its place when it is dated more precisely, or as precisely and with
    more confidence. ``new_document`` is False when another report of the
    cluster comes from the same document.
    """
    better = _rank(event.date, event.confidence) > _rank(canonical.date, canonical.confidence)
    date = event.date if len(event.date or "") > len(cluster.date or "") else cluster.date
    return dataclasses.replace(
        cluster,
        event_id=event.id if better else cluster.event_id,
        date=date,
        date_precision=precision_of(date),
        source=_profile(cluster.source, event.source),
        target=_profile(cluster.target, event.target),
        places=_join(_split(cluster.places) | places),
        reports=cluster.reports + 1,
        documents=cluster.documents + (1 if new_document else 0),
    )


__all__ = [
    "polarity", "precision_of", "mergeable_date", "candidate_dates", "dates_compatible", "actor_score",
    "event_places", "match_score", "best_match", "cluster_id_for", "new_cluster", "merge",
]
