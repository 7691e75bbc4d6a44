"""Time-expression benchmark: ``chronicle.timex.tag`` on TempEval-3 data, scored TempEval-3 style.

Runs the tagger (text + DCT only, no spaCy: sentence starts come from a cheap
splitter, as the tagger needs them only for clock times) on

  platinum   TE3 Platinum, the 20-document test set (138 TIMEX3): evaluate only
  tbaq       TBAQ-cleaned (TimeBank + AQUAINT, 256 documents): develop on this

and scores each with ``../shared/tools/score_timex.py``: strict and relaxed
extent F1, value F1 (the TE3 Task A ranking score), type F1, and documents/s
of the tagging alone (best of ``--repeat`` runs). For reference, HeidelTime 2.2
through the same scorer on Platinum: strict 81.8, relaxed 90.7, value F1 78.1,
at 8.3 s/doc.

Usage::

    python bench/timex.py                    # both sets
    python bench/timex.py --sets tbaq --errors 40   # print 40 mismatches per set
    python bench/timex.py --out bench/out/timex     # keep the system JSON files

Exit code 0 (also when ``../shared`` is absent: it prints a message and stops).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "tools" / "score_timex.py"
SETS = {
    "platinum": [SHARED / "eval" / "temporal" / "te3-platinum" / "tml"],
    "tbaq": [SHARED / "eval" / "temporal" / "tbaq-cleaned" / "TimeBank",
             SHARED / "eval" / "temporal" / "tbaq-cleaned" / "AQUAINT"],
}
HEIDELTIME = "HeidelTime 2.2 on Platinum: strict 81.8  relaxed 90.7  value 78.1  at 8.3 s/doc"
# A cheap sentence splitter (the tagger uses sentences only to pick a clock time's day and
# the future cues' reach): not after "a.m.", titles, initials or month abbreviations.
_SENTENCE_END = re.compile(r"(?<![ap]\.m)(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\b[A-Z])"
                           r"(?<!Jan|Feb|Aug|Oct|Nov|Dec)(?<!Sept)[.!?][\"'”’)]*\s+(?=[A-Z\"“‘'])|\n\s*\n")

sys.path.insert(0, str(ROOT / "src"))


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_timex", SCORER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sentence_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def _dct(value: str | None) -> dt.date | None:
    from chronicle.timex import parse_dct

    return parse_dct(value[:10]) if value else None


def run(name: str, scorer: ModuleType, repeat: int, errors: int, out: Path | None) -> None:
    """Tag one set, print its scores and speed (and mismatches when asked)."""
    from chronicle.timex import tag

    gold: dict[str, dict[str, Any]] = {}
    for folder in SETS[name]:
        gold.update(scorer.load_gold(folder))
    inputs = [(doc, g["text"], _dct(g["dct"]), _sentence_starts(g["text"])) for doc, g in gold.items()]
    best = float("inf")
    system: dict[str, list[dict[str, Any]]] = {}
    for _ in range(repeat):
        t0 = time.perf_counter()
        system = {doc: [{"start": t.start, "end": t.end, "type": t.type, "value": t.value}
                        for t in tag(text, doc_id=doc, dct=dct, sentence_starts=starts)]
                  for doc, text, dct, starts in inputs}
        best = min(best, time.perf_counter() - t0)
    with tempfile.TemporaryDirectory() as tmp:
        path = (out or Path(tmp)) / f"{name}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(system), encoding="utf-8")
        res = scorer.score_docs(gold, scorer.load_system(path, gold))
    c = res["counts"]
    print(f"\n== {name}: {len(gold)} docs, {c['gold']} gold timexes, {c['sys']} system timexes")
    for k in ("strict", "relaxed", "value", "type"):
        m = res[k]
        print(f"  {k:<8} P={m['p'] * 100:6.2f}  R={m['r'] * 100:6.2f}  F1={m['f1'] * 100:6.2f}")
    print(f"  value accuracy {res['value_accuracy'] * 100:.2f}")
    per_doc = best / len(gold)
    print(f"  speed: {len(gold) / best:,.0f} docs/s ({per_doc * 1000:.2f} ms/doc; "
          f"{8.3 / per_doc:,.0f}x HeidelTime's 8.3 s/doc)")
    if errors:
        _print_errors(gold, system, scorer, errors)


def _print_errors(gold: dict[str, dict[str, Any]], system: dict[str, list[dict[str, Any]]],
                  scorer: ModuleType, limit: int) -> None:
    shown = 0
    for doc, g in gold.items():
        text = g["text"]
        s = system.get(doc, [])
        pairs = scorer.pair(g["timexes"], s)
        paired_g = {i for i, _ in pairs}
        paired_s = {j for _, j in pairs}
        lines = []
        for i, j in pairs:
            gt, st = g["timexes"][i], s[j]
            if (gt["start"], gt["end"]) != (st["start"], st["end"]) or gt["value"] != st["value"]:
                lines.append(f"  DIFF {gt['text']!r} {gt['type']} {gt['value']}  |  "
                             f"{text[st['start']:st['end']]!r} {st['type']} {st['value']}")
        lines += [f"  MISS {gt['text']!r} {gt['type']} {gt['value']}  ..{_around(text, gt)}.."
                  for i, gt in enumerate(g["timexes"]) if i not in paired_g]
        lines += [f"  FP   {text[st['start']:st['end']]!r} {st['type']} {st['value']}  ..{_around(text, st)}.."
                  for j, st in enumerate(s) if j not in paired_s]
        if lines:
            print(f" {doc} (DCT {g['dct']})")
            for line in lines:
                print(line)
                shown += 1
        if shown >= limit:
            return


def _around(text: str, t: dict[str, Any]) -> str:
    return text[max(0, t["start"] - 40):t["end"] + 30].replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", choices=sorted(SETS), default=["platinum", "tbaq"])
    ap.add_argument("--repeat", type=int, default=3, help="timing runs; the best is reported")
    ap.add_argument("--errors", type=int, default=0, help="print up to N mismatches per set")
    ap.add_argument("--out", type=Path, help="folder to keep the system JSON files in")
    a = ap.parse_args(argv)
    if not SCORER.exists() or not all(f.exists() for name in a.sets for f in SETS[name]):
        print(f"bench/timex.py: {SHARED} (TempEval-3 data and scorer) not found; nothing to run.")
        return 0
    scorer = _scorer()
    print(HEIDELTIME)
    for name in a.sets:
        run(name, scorer, a.repeat, a.errors, a.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
