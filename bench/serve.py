"""Latency of the web API on a large store: p50/p95 per endpoint, printed.

Builds (once, cached in bench/out/) a store of synthetic events written with
Store.write_batch: 100,000 events over 20,000 documents, 200 actors in 40
countries, 16 PLOVER types, dates over 2000-2024 at day, month and year
precision. Then calls each main endpoint in-process (httpx ASGI transport,
no network) with realistic filters and prints p50/p95 in milliseconds.

    .venv/bin/python bench/serve.py [--events 100000] [--runs 30]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import time
from pathlib import Path

from chronicle.records import (
    PLOVER_TYPES, Actor, Analysis, Document, Event, Location, Sentence, doc_id_for, event_id_for,
)
from chronicle.store import Store

OUT = Path(__file__).parent / "out"
COUNTRIES = ["RUS", "UKR", "BLR", "KAZ", "USA", "CHN", "FRA", "DEU", "GBR", "IRN", "ISR", "EGY", "ETH", "MLI",
             "MMR", "BRA", "IND", "PAK", "TUR", "SYR", "IRQ", "AFG", "POL", "LTU", "LVA", "EST", "GEO", "ARM",
             "AZE", "KGZ", "TJK", "UZB", "SRB", "HUN", "JPN", "KOR", "PRK", "VEN", "COL", "MEX"]
SECTORS = ["GOV", "MIL", "COP", "OPP", "CVL"]
WORDS = ("troops border talks sanctions protest ministry said officials agreed accused police detained "
         "ceasefire aid envoy visit rejected threatened forces capital election").split()


def build(path: Path, n_events: int, per_doc: int = 5, seed: int = 7) -> None:
    """Write a synthetic store of n_events events to ``path``."""
    rng = random.Random(seed)
    actors = [Actor(text=f"{c} {s.lower()} {i}", name=f"Actor {c}-{s}-{i}", country=c, sector=s)
              for i, (c, s) in enumerate((c, s) for c in COUNTRIES for s in SECTORS)][:200]
    with Store(path) as store:
        batch: list[Analysis] = []
        for d in range(n_events // per_doc):
            sentences, events, pos = [], [], 0
            text_parts = []
            for k in range(per_doc):
                words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30)))
                sent = f"Sentence {d}-{k}: {words}."
                text_parts.append(sent)
                start, end = pos, pos + len(sent)
                pos = end + 1
                sentences.append((k, start, end, sent))
            text = " ".join(text_parts)
            doc_id = doc_id_for(text)
            for k, start, end, sent in sentences:
                y = rng.randint(2000, 2024)
                prec = rng.choices(["day", "month", "year"], [0.7, 0.2, 0.1])[0]
                date = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"[: {"day": 10, "month": 7, "year": 4}[prec]]
                type_ = rng.choice(PLOVER_TYPES)
                src, tgt = rng.choice(actors), rng.choice(actors) if rng.random() < 0.8 else None
                events.append(Event(
                    id=event_id_for(doc_id, start, start + 3, type_), doc_id=doc_id, source_id=f"synthetic/{d}",
                    type=type_, source=src, target=tgt, location=Location(text="Capital", country=src.country),
                    date=date, date_precision=prec, date_text=date, date_source="text",
                    negated=rng.random() < 0.05, modality=rng.choice(["asserted"] * 8 + ["reported", "future"]),
                    sentence=sent, start=start, end=end, confidence=round(rng.random(), 2),
                ))
            batch.append(Analysis(
                document=Document(id=doc_id, source_id=f"synthetic/{d}", title=f"Story {d}",
                                  published=f"{rng.randint(2000, 2024)}-01-01", text=text),
                sentences=tuple(Sentence(doc_id=doc_id, index=k, start=s, end=e, text=t) for k, s, e, t in sentences),
                events=tuple(events), origin=f"synthetic/{d}",
            ))
            if len(batch) >= 2000:
                store.write_batch(batch)
                batch = []
        store.write_batch(batch)


async def measure(app, urls: list[str], runs: int) -> list[tuple[str, float, float, float, int]]:
    import httpx

    out = []
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        for url in urls:
            t0 = time.perf_counter()
            r = await client.get(url)  # the first request: cold caches (reported apart)
            first = (time.perf_counter() - t0) * 1000
            assert r.status_code == 200, (url, r.status_code, r.text[:200])
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                r = await client.get(url)
                times.append((time.perf_counter() - t0) * 1000)
            times.sort()
            p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
            out.append((url, first, statistics.median(times), p95, len(r.content)))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db = OUT / f"serve-{args.events}.db"
    if not db.exists():
        t0 = time.perf_counter()
        build(db, args.events)
        print(f"built {db} in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    with Store(db, readonly=True) as store:
        counts = store.counts()
        some = next(store.iter_events(__import__("chronicle.store", fromlist=["EventSearch"]).EventSearch()))
    from chronicle.web.app import create_app

    app = create_app(db)
    urls = [
        "/api/events?limit=50",
        "/api/events?limit=50&offset=50000",
        "/api/events?actor=RUS&type=COERCE&since=2020&until=2022",
        "/api/events?q=ceasefire&sort=-confidence",
        f"/api/events/{some.id}",
        "/api/timeline",
        "/api/timeline?granularity=month&actor=UKR",
        "/api/network?nodes=50",
        "/api/actors?limit=50",
        "/api/documents?limit=50",
        "/",
        "/?actor=RUS&granularity=month",
        # the aggregates above count happenings (clusters of reports); these count every report
        "/api/timeline?count=reports",
        "/api/network?nodes=50&count=reports",
        "/api/actors?limit=50&count=reports",
    ]
    results = asyncio.run(measure(app, urls, args.runs))
    print(f"store: {counts['events']:,} events, {counts['documents']:,} documents; {args.runs} runs each")
    print(f"{'endpoint':<62} {'first ms':>8} {'p50 ms':>8} {'p95 ms':>8} {'bytes':>9}")
    for url, first, p50, p95, size in results:
        print(f"{url:<62} {first:8.1f} {p50:8.1f} {p95:8.1f} {size:9,d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
