"""Event-dating benchmark: the real pipeline dates the events of a gold set we wrote.

``bench/gold/event_dates.jsonl`` holds short invented news passages, one per
line: ``text``, its publication date ``dct``, an event ``trigger`` word at
character offset ``trigger_start``, and the gold event ``date`` with its
``precision`` (day | month | year | decade), plus the ``kind`` of time
expression it exercises. For each passage this runs what ``pipeline.analyse``
runs: ``chronicle.nlp.parse``, ``chronicle.timex.tag`` with the spaCy sentence
starts, then ``chronicle.timex.date_event`` on the trigger's token.

A date is right at the gold precision when the system gives at least that
precision and agrees with the gold date down to it (a day inside the gold
month counts for a month-precision event). The baseline dates every event by
its publication date (day precision). Printed: both accuracies, the exact
(same date, same precision) accuracy, a line per mismatch, and where the
system's dates came from (text | narrative | document).

Usage::

    python bench/event_dates.py
    python bench/event_dates.py --gold other.jsonl --quiet

Exit code 0. It needs the spaCy model, not ``../shared``.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "event_dates.jsonl"
PRECISIONS = ("decade", "year", "month", "day")  # coarsest first
_LENGTH = {"decade": 3, "year": 4, "month": 7, "day": 10}

sys.path.insert(0, str(ROOT / "src"))


def right_at_precision(date: str | None, precision: str | None, gold: str, gold_precision: str) -> bool:
    """Return whether a date agrees with the gold date at the gold's precision."""
    if date is None or precision is None:
        return False
    if PRECISIONS.index(precision) < PRECISIONS.index(gold_precision):
        return False  # coarser than the gold: "2022" for an event of 2022-03-04 is not its date
    return date[:_LENGTH[gold_precision]] == gold


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--quiet", action="store_true", help="figures only, no mismatch lines")
    a = ap.parse_args(argv)
    from chronicle import nlp
    from chronicle.timex import date_event, tag

    items: list[dict[str, Any]] = [json.loads(line) for line in a.gold.read_text(encoding="utf-8").splitlines()
                                   if line.strip()]
    nlp.load()
    t0 = time.perf_counter()
    right = exact = baseline = 0
    sources: collections.Counter[str] = collections.Counter()
    for item in items:
        dct = dt.date.fromisoformat(item["dct"])
        doc = nlp.parse(item["text"])
        timexes = tag(item["text"], doc_id=item["id"], dct=dct, sentence_starts=[s.start_char for s in doc.sents])
        token = next((t for t in doc if t.idx == item["trigger_start"]), None)
        if token is None:
            print(f"  {item['id']}: no token starts at {item['trigger_start']} ({item['trigger']!r})")
            continue
        got = date_event(doc, token.i, timexes, dct)
        sources[got.source] += 1
        ok = right_at_precision(got.date, got.precision, item["date"], item["precision"])
        right += ok
        exact += (got.date, got.precision) == (item["date"], item["precision"])
        baseline += right_at_precision(dct.isoformat(), "day", item["date"], item["precision"])
        if not ok and not a.quiet:
            print(f"  MISS {item['id']} {item['kind']:<20} gold {item['date']}/{item['precision']}  "
                  f"got {got.date}/{got.precision} from {got.source} ({got.text!r})  | {item['text']}")
    n = len(items)
    seconds = time.perf_counter() - t0
    print(f"event dates: {n} gold events, {len({i['kind'] for i in items})} expression kinds")
    print(f"  accuracy at gold precision   {right / n:.3f}  ({right}/{n})")
    print(f"  exact date and precision     {exact / n:.3f}  ({exact}/{n})")
    print(f"  publication-date baseline    {baseline / n:.3f}  ({baseline}/{n})")
    print(f"  date sources: {dict(sources)}; {n / seconds:.0f} passages/s with parsing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
