"""Development aid, not a score: how often the coder finds a synthetic story's label.

The NGEC synthetic stories (../shared/eval/events/ngec-synthetic-silver) are
model-written news stories, each labelled with the PLOVER type its prompt
asked for. The labels are silver: they say what the story was meant to be
about, not what a reader would code. This script codes each story's lead (its
first paragraph) and prints, per label, the share of leads where that type was
coded ("agreement", never to be reported as accuracy), the types coded
instead, and with ``--show TYPE`` the leads of that label where it was missed.

Usage::

    python bench/events_silver.py                  # 30 stories per label
    python bench/events_silver.py --per-label 60 --show SANCTION
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import zipfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SILVER = ROOT.parent / "shared" / "eval" / "events" / "ngec-synthetic-silver"


def stories(per_label: int) -> list[tuple[str, str]]:
    """Return (label, lead paragraph) for the first ``per_label`` stories of each label."""
    archive = zipfile.ZipFile(SILVER / "gpt_synthetic_events_2023-10-19_19.csv.zip")
    with archive.open(archive.namelist()[0]) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    taken: Counter[str] = Counter()
    out = []
    for row in rows:
        label = row["label"]
        lead = next((p.strip() for p in row["text"].split("\n") if p.strip()), "")
        if lead and taken[label] < per_label:
            taken[label] += 1
            out.append((label, lead))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-label", type=int, default=30)
    parser.add_argument("--show", default=None, help="print the leads of this label where it was missed")
    args = parser.parse_args()
    if not SILVER.is_dir():
        print(f"skipped: {SILVER} not found (the shared evaluation data is not here)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from chronicle import nlp
    from chronicle.pipeline import analyse
    from chronicle.records import Document, doc_id_for

    data = stories(args.per_label)
    found: Counter[str] = Counter()
    total: Counter[str] = Counter()
    instead: dict[str, Counter[str]] = defaultdict(Counter)
    nothing: Counter[str] = Counter()
    docs = nlp.pipe(lead for _, lead in data)
    for (label, lead), doc in zip(data, docs):
        document = Document(id=doc_id_for(lead), source_id="silver", published="2023-10-19", text=lead)
        events = analyse(doc, document).events
        types = {e.type for e in events if not e.negated}
        total[label] += 1
        if label in types:
            found[label] += 1
            continue
        instead[label].update(types)
        nothing[label] += not types
        if args.show == label:
            print(f"- {lead}\n    coded: {sorted(types) or '-'}")
    print(f"\nsilver agreement (development only, not accuracy): {sum(found.values())}/{sum(total.values())}")
    for label in sorted(total):
        other = ", ".join(f"{t} {n}" for t, n in instead[label].most_common(4))
        print(f"  {label:10s} {found[label]:3d}/{total[label]:3d}  nothing {nothing[label]:3d}  instead: {other}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
