"""Score the event coder on public gold sentences; prints figures, asserts nothing.

* PLOVER GSR (../shared/eval/events/plover-gsr-cameo): 322 sentences coded in
  an earlier PLOVER draft; its labels are mapped FIGHT->ASSAULT,
  DISAPPROVE/INVESTIGATE->ACCUSE, DEMAND->REQUEST.
* PETRARCH-2 GSR validation (../shared/eval/events/petrarch2-gsr-validation):
  78 news sentences coded in CAMEO, mapped to PLOVER with the official
  CAMEO2PLOVER table (CAMEO 01 and 02 have no PLOVER type and are dropped).

For each: event-type micro and macro F1 (per sentence, sets of types),
source and target country accuracy on type-matched events, full-triple F1
(source country, type, target country), and extra events per gold event.

Usage: python bench/events.py
"""

from __future__ import annotations

import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval" / "events"
OLD_LABELS = {"FIGHT": "ASSAULT", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "DEMAND": "REQUEST"}


def cameo_table() -> dict[str, str]:
    """Return CAMEO code -> PLOVER type from the official conversion table."""
    table = {}
    for line in (SHARED / "cameo-plover-mapping" / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)", line)
        if m:
            table[m.group(1)] = m.group(2)
    return table


def plover_gsr() -> list[tuple[str, list[tuple[str | None, str, str | None]]]]:
    """Return (sentence, gold triples) with gold triples (source code, type, target code)."""
    records = json.loads((SHARED / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json").read_text())
    by_text: dict[str, list[tuple[str | None, str, str | None]]] = defaultdict(list)
    for r in records:
        if r.get("event") in (None, "DOCUMENT"):
            continue
        type_ = OLD_LABELS.get(r["event"], r["event"])
        src, tgt = _first_code(r.get("source")), _first_code(r.get("target"))
        by_text[r["text"]].append((src, type_, tgt))
        if src == "SRC/TAR" or tgt == "SRC/TAR":
            by_text[r["text"]].append((tgt, type_, src))
    return list(by_text.items())


def _first_code(actors: object) -> str | None:
    """Return the first actor's code; a few records hold a stray string instead of a list."""
    if isinstance(actors, list) and actors and isinstance(actors[0], dict):
        return actors[0].get("code") or None
    return None


def petrarch_gsr() -> list[tuple[str, list[tuple[str | None, str, str | None]]]]:
    """Return (sentence, gold triples) from the CAMEO-coded validation sentences."""
    table = cameo_table()
    out = []
    for line in (SHARED / "petrarch2-gsr-validation" / "PETR2_GSR_validation.jsonl").read_text().splitlines():
        r = json.loads(line)
        gold = []
        for e in r["events"]:
            code = e.get("eventcode") or ""
            type_ = table.get(code) or table.get(code[:3]) or None
            if type_ is None or code[:2] in ("01", "02"):
                continue
            gold.append(((e.get("sourcecode") or "")[:3] or None, type_, (e.get("targetcode") or "")[:3] or None))
        if gold:
            out.append((r["text"], gold))
    return out


def code(actor) -> str | None:
    if actor is None:
        return None
    if actor.sector == "IGO":
        return "IGO"
    return actor.country


def score(name: str, data, analyse_sentence) -> None:
    t0 = time.perf_counter()
    tp = fp = fn = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    triple = Counter()
    src_ok = tgt_ok = matched = extra = gold_events = 0
    for text, gold in data:
        events = analyse_sentence(text)
        gold_types = {t for _, t, _ in gold}
        pred_types = {e.type for e in events}
        gold_events += len(gold)
        for t in pred_types | gold_types:
            hit = t in pred_types and t in gold_types
            per_type[t]["tp" if hit else ("fp" if t in pred_types else "fn")] += 1
        tp += len(pred_types & gold_types)
        fp += len(pred_types - gold_types)
        fn += len(gold_types - pred_types)
        extra += sum(1 for e in events if e.type not in gold_types)
        for g_src, g_type, g_tgt in gold:
            cands = [e for e in events if e.type == g_type]
            if cands:
                matched += 1
                src_ok += any(code(e.source) == g_src for e in cands)
                tgt_ok += any(code(e.target) == g_tgt for e in cands)
        gold_triples = {(s, t, g) for s, t, g in gold}
        pred_triples = {(code(e.source), e.type, code(e.target)) for e in events}
        triple["tp"] += len(gold_triples & pred_triples)
        triple["fp"] += len(pred_triples - gold_triples)
        triple["fn"] += len(gold_triples - pred_triples)
    elapsed = time.perf_counter() - t0

    def f1(c: Counter | dict) -> float:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    micro = {"tp": tp, "fp": fp, "fn": fn}
    macro = sum(f1(c) for c in per_type.values()) / len(per_type)
    print(f"\n{name}: {len(data)} sentences, {gold_events} gold events, {elapsed:.1f} s")
    print(f"  type micro P/R/F1      {tp / max(tp + fp, 1):.3f} / {tp / max(tp + fn, 1):.3f} / {f1(micro):.3f}")
    print(f"  type macro F1          {macro:.3f}")
    print(f"  source country acc.    {src_ok / max(matched, 1):.3f}  (on {matched} type-matched gold events)")
    print(f"  target country acc.    {tgt_ok / max(matched, 1):.3f}")
    print(f"  triple F1              {f1(triple):.3f}")
    print(f"  extra events per gold  {extra / max(gold_events, 1):.2f}")
    print("  per type (F1):        " + ", ".join(f"{t} {f1(c):.2f}" for t, c in sorted(per_type.items())))


def main() -> int:
    if not SHARED.is_dir():
        print(f"skipped: {SHARED} not found (the shared evaluation data is not here)")
        return 0
    sys.path.insert(0, str(ROOT / "src"))
    from chronicle import nlp
    from chronicle.pipeline import analyse
    from chronicle.records import Document, doc_id_for

    def analyse_sentence(text: str):
        doc = Document(id=doc_id_for(text), source_id="gsr", published="2000-01-01", text=text)
        return analyse(nlp.parse(text), doc).events

    score("PLOVER GSR (CAMEO manual examples)", plover_gsr(), analyse_sentence)
    score("PETRARCH-2 GSR validation (news, CAMEO->PLOVER)", petrarch_gsr(), analyse_sentence)
    return 0


if __name__ == "__main__":
    sys.exit(main())
