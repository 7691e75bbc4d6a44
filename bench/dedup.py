"""Deduplication benchmark: pairwise precision and recall of event clustering.

``bench/gold/dedup/articles.jsonl`` holds short articles we wrote: several
invented outlets retelling the same happenings in other words, with dates
written differently ("on Friday", "7 July", "July 7, 2023"), plus
near-misses (the same actors on another day, a recalled past event, a
denial of an asserted event, the same day in another city). Each line is
``id``, ``outlet``, ``published``, ``text`` and ``gold``: a list of
``{"cue", "happening"}``, where ``cue`` is words of the evidence sentence
and ``happening`` the label of what it reports.

The articles go through the real pipeline (``pipeline.run``) into a
temporary store with ``Store.write_batch``, one article per batch in file
order, so clustering is incremental exactly as in ``chronicle ingest``.

Scoring. A coded event is aligned to a gold cue when it comes from that
article and its evidence sentence contains the cue (case-insensitive); every
coded event in a cue's sentence takes that cue's label, whatever its type,
so a type disagreement between outlets costs recall. Events in sentences
without a cue are not scored (counted and printed); cues with no event are
coder misses (printed). Over all pairs of aligned events: precision = pairs
in one cluster that share a gold label / pairs in one cluster; recall =
pairs sharing a gold label that are in one cluster / pairs sharing a label.

Usage::

    python bench/dedup.py
    python bench/dedup.py --quiet

Exit code 0. It needs the spaCy model.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
GOLD = ROOT / "bench" / "gold" / "dedup" / "articles.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--quiet", action="store_true", help="Print the figures only.")
    args = parser.parse_args()

    from chronicle.ingest import read_inputs
    from chronicle.pipeline import run
    from chronicle.records import Analysis
    from chronicle.settings import Settings
    from chronicle.store import Store

    gold = {row["id"]: row for row in map(json.loads, args.gold.read_text().splitlines()) if row}
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "dedup.db") as store:
        for result in run(read_inputs([str(args.gold)]), Settings()):
            if isinstance(result, Analysis):
                store.write_batch([result])
            else:
                print(f"skipped: {result}", file=sys.stderr)
        events = list(store.events())
        cluster = {e.id: c.id for e in events if (c := store.cluster_of(e.id))}
        clusters = store.counts()["clusters"]
    elapsed = time.perf_counter() - t0

    aligned: list[tuple[Any, str]] = []  # (event, gold label)
    unscored, hit = 0, set()
    for e in events:
        cues = [(i, g) for i, g in enumerate(gold[e.source_id]["gold"]) if g["cue"].lower() in e.sentence.lower()]
        if not cues:
            unscored += 1
            continue
        i, g = cues[0]
        hit.add((e.source_id, i))
        aligned.append((e, g["happening"]))
    missed = [(doc, g["cue"]) for doc, row in gold.items() for i, g in enumerate(row["gold"]) if (doc, i) not in hit]

    tp = fp = fn = 0
    for (a, la), (b, lb) in itertools.combinations(aligned, 2):
        same_pred, same_gold = cluster[a.id] == cluster[b.id], la == lb
        tp += same_pred and same_gold
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0

    labels = {label for _, label in aligned}
    print(f"articles {len(gold)}, gold cues {sum(len(r['gold']) for r in gold.values())}, "
          f"happenings {len({g['happening'] for r in gold.values() for g in r['gold']})}")
    print(f"coded events {len(events)}: aligned {len(aligned)} (over {len(labels)} happenings), "
          f"not scored {unscored}; cues the coder missed {len(missed)}; clusters in store {clusters}")
    print(f"pairwise precision {precision:.3f} ({tp}/{tp + fp})  recall {recall:.3f} ({tp}/{tp + fn})  "
          f"[{elapsed:.1f} s]")
    if args.quiet:
        return
    for doc, cue in missed:
        print(f"  coder missed: {doc} {cue!r}")
    by_label: dict[str, set[str]] = {}
    for e, label in aligned:
        by_label.setdefault(label, set()).add(cluster[e.id])
    for label, ids in sorted(by_label.items()):
        if len(ids) > 1:
            members = [f"{e.source_id}:{e.type}:{e.date}" for e, lb in aligned if lb == label]
            print(f"  split  {label}: {len(ids)} clusters  {' '.join(members)}")
    by_cluster: dict[str, set[str]] = {}
    for e, label in aligned:
        by_cluster.setdefault(cluster[e.id], set()).add(label)
    for cid, ls in sorted(by_cluster.items()):
        if len(ls) > 1:
            print(f"  merged {cid}: {' + '.join(sorted(ls))}")


if __name__ == "__main__":
    main()
