"""Actor-resolution benchmark: precision and recall of country+sector on bench/gold/actors.jsonl.

Usage: .venv/bin/python bench/actors.py [--show-errors]

Gold: one passage per line (``text``, ``date``, ``half`` dev|heldout, and
``mentions`` with character offsets, expected ``country`` and ``sector``,
null when none, and the ``mechanism`` it exercises). The passages are
invented news wording, written for this benchmark.

Matching: the resolver runs on each passage with ``on=date``. Only system
mentions of kind "actor" count. A gold mention is *found* when some system
actor mention overlaps it (character offsets) with the same country and the
same sector (None must equal None). Recall = found gold / gold. A system
actor mention is *correct* when it overlaps a gold mention with the same
country and sector; precision = correct / system actor mentions (a system
actor overlapping no gold mention is a false positive: the gold marks every
actor reference in its passages). Per mechanism, recall is over that
mechanism's gold mentions and precision over the system mentions that
overlap them.

Second figure: country-code accuracy on the PLOVER GSR (CAMEO) source and
target actors in ../shared/eval/events/plover-gsr-cameo, when present. Each
gold actor's ``actorText`` is found in its sentence and resolved with
``actor_for_span``; its country is compared with the gold ``code``.
"IGO" gold codes count as correct when the resolver's sector is IGO;
CAMEO codes that are not ISO (JAP, ITL, VTN, ...) are mapped when obvious.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "actors.jsonl"
SHARED = ROOT.parent / "shared"
GSR = SHARED / "eval" / "events" / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json"
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ISM": None, "IMG": None}

sys.path.insert(0, str(ROOT / "src"))


def _overlaps(a: dict[str, Any], start: int, end: int) -> bool:
    return a["start"] < end and start < a["end"]


def score_gold(show_errors: bool) -> None:
    from chronicle import nlp
    from chronicle.actors import ActorResolver

    parse = nlp.load()
    resolver = ActorResolver()
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    # counts[group] = [gold, found, system, correct]
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for rec in records:
        doc = parse(rec["text"])
        system = [m for m in resolver.mentions(doc, rec["id"], on=rec["date"]) if m.kind == "actor"]
        gold = rec["mentions"]
        groups_of = lambda g: ("all", rec["half"], f"mech:{g['mechanism']}")  # noqa: E731
        for g in gold:
            hits = [m for m in system if m.start < g["end"] and g["start"] < m.end]
            ok = any(m.country == g["country"] and m.sector == g["sector"] for m in hits)
            for key in groups_of(g):
                counts[key][0] += 1
                counts[key][1] += ok
            if show_errors and not ok:
                got = [(m.text, m.country, m.sector, m.rule) for m in hits]
                print(f"MISS {rec['id']} {g['mechanism']:<11} {g['text']!r} want "
                      f"{g['country']} {g['sector']} got {got}")
        for m in system:
            over = [g for g in gold if g["start"] < m.end and m.start < g["end"]]
            ok = any(m.country == g["country"] and m.sector == g["sector"] for g in over)
            keys = {"all", rec["half"]} | {f"mech:{g['mechanism']}" for g in over}
            for key in keys:
                counts[key][2] += 1
                counts[key][3] += ok
            if show_errors and not ok:
                print(f"FP   {rec['id']} {m.rule:<20} {m.text!r} {m.country} {m.sector}")
    print(f"actor gold: {len(records)} passages, {counts['all'][0]} mentions ({GOLD.relative_to(ROOT)})")
    print(f"{'group':<20} {'gold':>5} {'found':>5} {'recall':>7} {'system':>7} {'correct':>7} {'precision':>9}")
    order = ["all", "dev", "heldout"] + sorted(k for k in counts if k.startswith("mech:"))
    for key in order:
        gold_n, found, sys_n, correct = counts[key]
        recall = found / gold_n if gold_n else 0.0
        precision = correct / sys_n if sys_n else 0.0
        print(f"{key:<20} {gold_n:>5} {found:>5} {recall:>7.3f} {sys_n:>7} {correct:>7} {precision:>9.3f}")


def score_gsr(show_errors: bool) -> None:
    if not GSR.exists():
        print(f"PLOVER GSR not found at {GSR}; skipping the country-accuracy figure")
        return
    from chronicle import nlp
    from chronicle.actors import ActorResolver

    parse = nlp.load()
    resolver = ActorResolver()
    data = json.loads(GSR.read_text(encoding="utf-8"))
    total = correct = unlocated = 0
    for rec in data[1:]:
        doc = None
        for role in ("source", "target"):
            actors = rec.get(role)
            if not isinstance(actors, list):
                continue
            for gold in actors:
                code, text = gold.get("code"), gold.get("actorText") or ""
                want = CAMEO_TO_ISO.get(code, code)
                if want is None or not text:
                    continue
                total += 1
                if doc is None:
                    doc = parse(rec["text"])
                start = rec["text"].find(text)
                span = doc.char_span(start, start + len(text), alignment_mode="expand") if start >= 0 else None
                if span is None:
                    unlocated += 1
                    continue
                actor = resolver.actor_for_span(span)
                ok = (actor.sector == "IGO") if want == "IGO" else actor.country == want
                correct += ok
                if show_errors and not ok:
                    print(f"GSR  {rec['id']} {text!r} want {want} got {actor.country} {actor.sector}")
    print(f"PLOVER GSR actors: {total} gold source/target actors, country-code accuracy "
          f"{correct / total:.3f} ({correct}/{total}; {unlocated} texts not found in the sentence)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="print every miss and false positive")
    args = parser.parse_args()
    score_gold(args.show_errors)
    score_gsr(args.show_errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
