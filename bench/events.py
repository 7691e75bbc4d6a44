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
These gold sets code what happened, so they are compared with the events
Chronicle gives as having happened: not negated, and asserted or reported.
Its negated, future, hypothetical and denied events are counted apart.

* Own gold set (bench/gold/events.jsonl, see bench/gold/events.md): sentences
  written for Chronicle, every root, every region, with negation, modality
  and attribution. Per-root precision and recall over all events (flagged
  ones included), negation, modality and attribution accuracy on matched
  events, "leaks" (an event given as having happened that the text negates
  or only announces), and actor country accuracy; for the dev half, the
  test half, and both.

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


# Gold actor codes that are not ISO 3166 alpha-3: CAMEO-era spellings of a
# country, and transnational non-state codes our actor model leaves country-less.
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "IMG": None, "ISM": None, "---": None, "": None}

# One gold event: its type and every (source, target) code pair that counts as a match.
Gold = tuple[str, frozenset[tuple[str | None, str | None]]]


def plover_gsr() -> list[tuple[str, list[Gold]]]:
    """Return (sentence, gold events) from the PLOVER GSR.

    A record may list several source or target actors: any (source, target)
    pair of them matches. A record whose markup tags its actors ``SRC/TAR``
    (reciprocal: "Israel and the Palestinians agreed") lists them all as
    sources; it becomes two gold events, one per direction.
    """
    records = json.loads((SHARED / "plover-gsr-cameo" / "PLOVER_GSR_CAMEO.json").read_text())
    by_text: dict[str, list[Gold]] = defaultdict(list)
    for r in records:
        if r.get("event") in (None, "DOCUMENT"):
            continue
        type_ = OLD_LABELS.get(r["event"], r["event"])
        sources, targets = _codes(r.get("source")), _codes(r.get("target"))
        info = r.get("textInfo")
        markup = str(info.get("markup") or "") if isinstance(info, dict) else ""
        if "SRC/TAR" in markup and len(sources) > 1 and targets == [None]:
            a, b = sources[0], sources[1]
            by_text[r["text"]].append((type_, frozenset({(a, b)})))
            by_text[r["text"]].append((type_, frozenset({(b, a)})))
            continue
        by_text[r["text"]].append((type_, frozenset((s, t) for s in sources for t in targets)))
    return list(by_text.items())


def _codes(actors: object) -> list[str | None]:
    """Return every actor's normalised code ([None] for no actor; a few records hold a stray string)."""
    if not isinstance(actors, list):
        return [None]
    codes = [_norm(a.get("code")) for a in actors if isinstance(a, dict)]
    return list(dict.fromkeys(codes)) or [None]


def _norm(code: str | None) -> str | None:
    code = (code or "").strip()
    return GOLD_CODE_FIXES[code] if code in GOLD_CODE_FIXES else code


def petrarch_gsr() -> list[tuple[str, list[Gold]]]:
    """Return (sentence, gold events) from the CAMEO-coded validation sentences.

    Phoenix actor codes keep their first three letters (``USAGOV`` -> USA,
    ``IGOUNO`` -> IGO); ``---`` (country unknown, e.g. ``---REB``) becomes None.
    """
    table = cameo_table()
    out = []
    for line in (SHARED / "petrarch2-gsr-validation" / "PETR2_GSR_validation.jsonl").read_text().splitlines():
        r = json.loads(line)
        gold: list[Gold] = []
        for e in r["events"]:
            code = e.get("eventcode") or ""
            type_ = table.get(code) or table.get(code[:3]) or None
            if type_ is None or code[:2] in ("01", "02"):
                continue
            src, tgt = _norm((e.get("sourcecode") or "")[:3]), _norm((e.get("targetcode") or "")[:3])
            gold.append((type_, frozenset({(src, tgt)})))
        if gold:
            out.append((r["text"], gold))
    return out


def code(actor) -> str | None:
    """Return the actor's code as the gold sets spell it: ISO-3, IGO, NGO, or None."""
    if actor is None:
        return None
    if actor.sector == "IGO":
        return "IGO"
    if actor.country is None and actor.sector == "NGO":
        return "NGO"
    return actor.country


def own_code(actor) -> str | None:
    """Return the actor's code as the own gold set spells it: ISO-3, or None for
    international and transnational bodies (bench/gold/events.md, convention 3)."""
    if actor is None or actor.sector in ("IGO", "NGO"):
        return None
    return actor.country


def happened(events) -> list:
    """Return the events given as having happened: not negated, asserted or reported."""
    return [e for e in events if not e.negated and e.modality in ("asserted", "reported")]


def score(name: str, data, analyse_sentence) -> None:
    t0 = time.perf_counter()
    flagged = 0
    tp = fp = fn = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    triple = Counter()
    src_ok = tgt_ok = matched = extra = gold_events = 0
    for text, gold in data:
        everything = analyse_sentence(text)
        events = happened(everything)
        flagged += len(everything) - len(events)
        gold_types = {t for t, _ in gold}
        pred_types = {e.type for e in events}
        gold_events += len(gold)
        for t in pred_types | gold_types:
            hit = t in pred_types and t in gold_types
            per_type[t]["tp" if hit else ("fp" if t in pred_types else "fn")] += 1
        tp += len(pred_types & gold_types)
        fp += len(pred_types - gold_types)
        fn += len(gold_types - pred_types)
        extra += sum(1 for e in events if e.type not in gold_types)
        for g_type, pairs in gold:
            cands = [e for e in events if e.type == g_type]
            if cands:
                matched += 1
                src_ok += any(code(e.source) in {s for s, _ in pairs} for e in cands)
                tgt_ok += any(code(e.target) in {t for _, t in pairs} for e in cands)
        # a gold event is found when any predicted triple is one of its pairs;
        # a predicted triple is right when it is a pair of some gold event
        pred_triples = {(code(e.source), e.type, code(e.target)) for e in events}
        gold_triples = [{(s, t_, g) for s, g in pairs} for t_, pairs in gold]
        triple["tp_gold"] += sum(1 for g in gold_triples if g & pred_triples)
        triple["fn"] += sum(1 for g in gold_triples if not g & pred_triples)
        right = set().union(*gold_triples) if gold_triples else set()
        triple["tp"] += len(pred_triples & right)
        triple["fp"] += len(pred_triples - right)
    elapsed = time.perf_counter() - t0

    def f1(c: Counter | dict) -> float:
        p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
        found = c.get("tp_gold", c["tp"])  # triples: recall counts gold events found
        r = found / (found + c["fn"]) if found + c["fn"] else 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    micro = {"tp": tp, "fp": fp, "fn": fn}
    macro = sum(f1(c) for c in per_type.values()) / len(per_type)
    print(f"\n{name}: {len(data)} sentences, {gold_events} gold events, {elapsed:.1f} s")
    print(f"  type micro P/R/F1      {tp / max(tp + fp, 1):.3f} / {tp / max(tp + fn, 1):.3f} / {f1(micro):.3f}")
    print(f"  type macro F1          {macro:.3f}")
    print(f"  source country acc.    {src_ok / max(matched, 1):.3f}  (on {matched} type-matched gold events)")
    print(f"  target country acc.    {tgt_ok / max(matched, 1):.3f}")
    print(f"  triple F1              {f1(triple):.3f}  (gold found {triple['tp_gold']}/{triple['tp_gold'] + triple['fn']}, predicted right {triple['tp']}/{triple['tp'] + triple['fp']})")
    print(f"  extra events per gold  {extra / max(gold_events, 1):.2f}")
    print(f"  flagged, not compared  {flagged}  (negated, future, hypothetical or denied)")
    print("  per type (F1):        " + ", ".join(f"{t} {f1(c):.2f}" for t, c in sorted(per_type.items())))


OWN_GOLD = ROOT / "bench" / "gold" / "events.jsonl"


def _speaker_matches(gold: str | None, pred: str | None) -> bool:
    """Return True if both name no speaker, or name the same one (words, case and 'the' aside)."""
    if gold is None or pred is None:
        return gold is None and pred is None
    def norm(s: str) -> str:
        return " ".join(w for w in re.findall(r"\w+", s.lower()) if w != "the")
    g, p = norm(gold), norm(pred)
    return bool(g and p) and (g in p or p in g)


def _match(gold_events: list[dict], events: list) -> list[tuple[dict, object | None]]:
    """Pair each gold event with a predicted event of its type (the same trigger first), or None."""
    free = list(events)
    pairs = []
    for g in sorted(gold_events, key=lambda g: g.get("optional", False)):  # required ones pick first
        cands = [e for e in free if e.type == g["type"]]
        trigger = (g.get("trigger") or "").lower()
        best = next((e for e in cands if (e.trigger or "").lower() == trigger), cands[0] if cands else None)
        if best is not None:
            free.remove(best)
        pairs.append((g, best))
    return pairs


def score_own(records: list[dict], analyse_record) -> None:
    """Print per-root P/R and flag accuracies on the own gold set, per split."""
    for split in ("dev", "test", "all"):
        part = [r for r in records if split == "all" or r.get("split") == split]
        if not part:
            continue
        per_root: dict[str, Counter] = defaultdict(Counter)
        flags = Counter()
        t0 = time.perf_counter()
        for r in part:
            events = analyse_record(r)
            pairs = _match(r["events"], events)
            matched_ids = {id(e) for _, e in pairs if e is not None}
            for g, e in pairs:
                if e is None:
                    if not g.get("optional"):
                        per_root[g["type"]]["fn"] += 1
                    continue
                per_root[g["type"]]["tp"] += 1
                flags["matched"] += 1
                flags["negation"] += e.negated == bool(g.get("negated"))
                modality = "asserted" if e.modality == "reported" else e.modality
                flags["modality"] += modality == g.get("modality", "asserted")
                flags["attribution"] += _speaker_matches(g.get("attributed_to"), e.attributed_to)
                flags["source"] += own_code(e.source) == g.get("source")
                flags["target"] += own_code(e.target) == g.get("target")
            for e in events:
                if id(e) not in matched_ids:
                    per_root[e.type]["fp"] += 1
            # a leak: given as having happened while the text negates, announces or denies it
            for g, e in pairs:
                unreal = g.get("negated") or g.get("modality", "asserted") != "asserted"
                if e is not None and unreal and e in happened([e]):
                    flags["leaks"] += 1
                flags["unreal"] += bool(unreal)
        elapsed = time.perf_counter() - t0
        tp = sum(c["tp"] for c in per_root.values())
        fp = sum(c["fp"] for c in per_root.values())
        fn = sum(c["fn"] for c in per_root.values())
        n = max(flags["matched"], 1)
        p_all, r_all = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"\nOwn gold set, {split}: {len(part)} records, {tp + fn} required gold events, {elapsed:.1f} s")
        print(f"  events P/R/F1          {p_all:.3f} / {r_all:.3f} / {2 * p_all * r_all / max(p_all + r_all, 1e-9):.3f}")
        print(f"  negation accuracy      {flags['negation'] / n:.3f}  (on {flags['matched']} matched events)")
        print(f"  modality accuracy      {flags['modality'] / n:.3f}  (reported counts as asserted)")
        print(f"  attribution accuracy   {flags['attribution'] / n:.3f}")
        print(f"  source / target country  {flags['source'] / n:.3f} / {flags['target'] / n:.3f}")
        print(f"  leaks                  {flags['leaks']} of {flags['unreal']} negated/unreal gold events given as having happened")
        print("  per root P/R:          " + ", ".join(
            f"{t} {c['tp'] / max(c['tp'] + c['fp'], 1):.2f}/{c['tp'] / max(c['tp'] + c['fn'], 1):.2f}"
            for t, c in sorted(per_root.items())))


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from chronicle import nlp
    from chronicle.pipeline import analyse
    from chronicle.records import Document, doc_id_for

    def analyse_sentence(text: str, published: str = "2000-01-01"):
        doc = Document(id=doc_id_for(text), source_id="gold", published=published, text=text)
        return analyse(nlp.parse(text), doc).events

    if OWN_GOLD.is_file():
        records = [json.loads(line) for line in OWN_GOLD.read_text().splitlines() if line.strip()]
        score_own(records, lambda r: analyse_sentence(r["text"], r["dct"]))
    if not SHARED.is_dir():
        print(f"\nskipped the public gold sets: {SHARED} not found")
        return 0
    score("PLOVER GSR (CAMEO manual examples)", plover_gsr(), analyse_sentence)
    score("PETRARCH-2 GSR validation (news, CAMEO->PLOVER)", petrarch_gsr(), analyse_sentence)
    return 0


if __name__ == "__main__":
    sys.exit(main())
