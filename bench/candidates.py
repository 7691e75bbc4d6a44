"""Candidate sentences: what ingest gives up by recognising entities only where events can be.

``chronicle ingest`` tags, parses and lemmatises every sentence, and runs
the entity recogniser only on the sentences that can hold an event
(``chronicle.candidates``) plus ``CONTEXT_BEFORE`` sentences ahead of each
(``chronicle.nlp.pipe_selective``). This script analyses the same documents
both ways, the whole pipeline on every word (``chronicle.nlp.pipe``) and the
ingest path (``chronicle.pipeline._analyse_batch``), and prints:

* sentences that can hold an event, and the share of words given to the
  recogniser (margins and context included);
* events: how many of the whole-pipeline events come out identical (the
  whole ``to_json`` object, nothing ignored), and events whose sentence was
  not a candidate (the test must be a superset of the coder's: always 0);
* mentions: how many are kept, and how many are identical;
* CPU seconds of spaCy alone: the whole pipeline, the pipeline without the
  recogniser, and the selective run (the throughput bench measures ingest
  end to end).

Inputs: ``examples/``, then the first ``--limit`` articles of each file of
``../shared/corpus`` (skipped cleanly when it is absent). Exit code 1 when
fewer than 99% of events are identical or an event was missed, else 0.

Usage::

    python bench/candidates.py                 # examples/ and 3 x 100 corpus articles
    python bench/candidates.py --limit 300     # 3 x 300
    python bench/candidates.py --context 0     # no sentence of context (CONTEXT_BEFORE)
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_FILES = (
    "belarus_ukraine_2020_2022.jsonl",
    "dailymail_2020_finescoop/articles.jsonl.gz",
    "whitehouse_briefings_2021_2022/statements.jsonl.gz",
)
DEFAULT_LIMIT = 100
IDENTICAL_FLOOR = 0.99  # share of whole-pipeline events the ingest path must reproduce exactly


@dataclass
class Tally:
    """Counts over one set of documents."""

    documents: int = 0
    sentences: int = 0
    candidates: int = 0
    words: int = 0
    recognised: int = 0
    events_full: int = 0
    events_fast: int = 0
    events_same: int = 0
    events_missed: int = 0
    mentions_full: int = 0
    mentions_fast: int = 0
    mentions_same: int = 0
    cpu: dict[str, float] = field(default_factory=lambda: {"full": 0.0, "no NER": 0.0, "selective": 0.0})
    differing: list[tuple[str, dict, dict | None]] = field(default_factory=list)


def documents(paths: Sequence[Path], limit: int) -> list:
    """Return the cleaned Documents ingest would analyse from ``paths`` (first ``limit`` per path), each once."""
    from chronicle import ingest, pipeline
    from chronicle.records import RawArticle
    from chronicle.settings import Settings

    out, seen = [], set()
    for path in paths:
        items: Iterator = ingest.read_inputs([path])
        if limit:
            items = itertools.islice(items, limit)
        for item in items:
            if not isinstance(item, RawArticle):
                continue
            try:
                document = pipeline._document(item, Settings())
            except Exception:  # noqa: BLE001 - ingest skips what it cannot clean; so does this
                continue
            if document.id not in seen:
                seen.add(document.id)
                out.append(document)
    return out


def cpu_seconds(run: object) -> float:
    """Return the CPU seconds of this process that ``run()`` takes (less noisy than wall time on a shared machine)."""
    t0 = time.process_time()
    run()  # type: ignore[operator]
    return time.process_time() - t0


def compare(docs: list, tally: Tally, batch_size: int = 32) -> None:
    """Analyse ``docs`` both ways and add the figures to ``tally``."""
    from chronicle import candidates, nlp, pipeline
    from chronicle.records import Analysis
    from chronicle.settings import Settings

    settings = Settings()
    words = candidates.TriggerWords.from_lexicon(pipeline.stages(settings)[1].lexicon)
    texts = [d.text for d in docs]
    model = nlp.load()
    full: list = []
    tally.cpu["full"] += cpu_seconds(lambda: full.extend(nlp.pipe(texts, batch_size=batch_size)))
    tally.cpu["no NER"] += cpu_seconds(
        lambda: list(model.pipe(texts, batch_size=batch_size, disable=["ner"])))
    tally.cpu["selective"] += cpu_seconds(
        lambda: list(nlp.pipe_selective(texts, words.spans_to_recognise, batch_size=batch_size)))
    fast = list(pipeline._analyse_batch([(d, d.source_id) for d in docs], settings))
    for document, doc, result in zip(docs, full, fast):
        if not isinstance(result, Analysis):
            print(f"  {document.source_id}: the ingest path failed: {result}")
            continue
        whole = pipeline.analyse(doc, document, settings)
        bounds = candidates.sentence_spans(doc)
        chosen = words.sentences(doc, bounds)
        given = words.spans_to_recognise(doc)
        tally.documents += 1
        tally.sentences += len(bounds)
        tally.candidates += len(chosen)
        tally.words += len(doc)
        tally.recognised += sum(min(len(doc), end + nlp.NER_MARGIN) - max(0, start - nlp.NER_MARGIN)
                                for start, end in given)
        starts = {doc[start].idx for start, _ in chosen}
        tally.events_missed += sum(1 for e in whole.events if e.start not in starts)
        a = Counter(json.dumps(e.to_json(), sort_keys=True) for e in whole.events)
        b = Counter(json.dumps(e.to_json(), sort_keys=True) for e in result.events)
        tally.events_full += sum(a.values())
        tally.events_fast += sum(b.values())
        tally.events_same += sum((a & b).values())
        by_id = {json.loads(e)["id"]: json.loads(e) for e in b - a}
        for e in a - b:
            full_event = json.loads(e)
            tally.differing.append((document.source_id, full_event, by_id.get(full_event["id"])))
        m = Counter(json.dumps(x, sort_keys=True) for x in whole.to_json()["mentions"])
        n = Counter(json.dumps(x, sort_keys=True) for x in result.to_json()["mentions"])
        tally.mentions_full += sum(m.values())
        tally.mentions_fast += sum(n.values())
        tally.mentions_same += sum((m & n).values())


def share(part: float, whole: float) -> str:
    """Return ``part / whole`` as a percentage, or "-"."""
    return f"{100 * part / whole:.1f}%" if whole else "-"


def report(name: str, t: Tally) -> None:
    """Print the figures of one input set."""
    print(f"{name}: {t.documents} documents, {t.sentences:,} sentences, {t.words:,} tokens")
    print(f"  candidate sentences     {t.candidates:,} ({share(t.candidates, t.sentences)}); "
          f"tokens given to NER {t.recognised:,} ({share(t.recognised, t.words)})")
    print(f"  events                  whole pipeline {t.events_full:,}, ingest path {t.events_fast:,}, "
          f"identical {t.events_same:,} ({share(t.events_same, t.events_full)}); "
          f"in a non-candidate sentence {t.events_missed}")
    print(f"  mentions                whole pipeline {t.mentions_full:,}, ingest path {t.mentions_fast:,} "
          f"kept ({share(t.mentions_fast, t.mentions_full)}), identical {t.mentions_same:,} "
          f"({share(t.mentions_same, t.mentions_full)})")
    cpu = t.cpu
    print(f"  spaCy CPU s             whole {cpu['full']:.1f}, without NER {cpu['no NER']:.1f}, "
          f"selective {cpu['selective']:.1f} (x{cpu['full'] / cpu['selective']:.2f})"
          if cpu["selective"] else "")


def show_differences(t: Tally, limit: int) -> None:
    """Print up to ``limit`` events that differ, with the fields that differ."""
    for source_id, full_event, fast_event in t.differing[:limit]:
        if fast_event is None:
            print(f"  - {source_id}: {full_event['type']} missing | {full_event['sentence'][:90]!r}")
            continue
        fields = {k: (full_event[k], fast_event[k]) for k in full_event if full_event[k] != fast_event[k]}
        print(f"  - {source_id}: {full_event['type']} {fields} | {full_event['sentence'][:70]!r}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the parsed command-line options; exits with code 2 on a usage error."""
    p = argparse.ArgumentParser(
        description="Compare events and mentions of the whole spaCy pipeline and of the ingest path.",
        epilog="example: python bench/candidates.py --limit 100 --context 0",
    )
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                   help=f"articles per corpus file, 0 for all (default {DEFAULT_LIMIT})")
    p.add_argument("--context", type=int, default=None,
                   help="sentences of context ahead of each candidate (default: candidates.CONTEXT_BEFORE)")
    p.add_argument("--show", type=int, default=10, help="differing events to print (default 10)")
    args = p.parse_args(argv)
    if args.limit < 0:
        p.error("--limit must be 0 (all) or a positive number")
    if args.context is not None and args.context < 0:
        p.error("--context must be 0 or more")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit code after comparing both ways on examples/ and the corpus."""
    args = parse_args(argv)
    from chronicle import candidates, nlp

    if args.context is not None:
        candidates.CONTEXT_BEFORE = args.context
    nlp.load()
    print(f"NER margin {nlp.NER_MARGIN} tokens, {candidates.CONTEXT_BEFORE} sentence(s) of context "
          f"ahead of each candidate")
    runs = [("examples/", [EXAMPLES], 0)]
    if CORPUS.is_dir():
        runs += [(rel, [CORPUS / rel], args.limit) for rel in CORPUS_FILES if (CORPUS / rel).is_file()]
    else:
        print("corpus: skipped (../shared/corpus not found next to the project)")
    total = Tally()
    for name, paths, limit in runs:
        tally = Tally()
        docs = documents(paths, limit)
        for start in range(0, len(docs), 32):
            compare(docs[start:start + 32], tally)
        report(name, tally)
        for key in ("documents", "sentences", "candidates", "words", "recognised", "events_full",
                    "events_fast", "events_same", "events_missed", "mentions_full", "mentions_fast",
                    "mentions_same"):
            setattr(total, key, getattr(total, key) + getattr(tally, key))
        for key, value in tally.cpu.items():
            total.cpu[key] += value
        total.differing += tally.differing
    print()
    report("all", total)
    if total.differing:
        print(f"first {min(args.show, len(total.differing))} of {len(total.differing)} whole-pipeline "
              "events the ingest path does not reproduce exactly:")
        show_differences(total, args.show)
    identical = total.events_same / total.events_full if total.events_full else 1.0
    ok = identical >= IDENTICAL_FLOOR and total.events_missed == 0
    if not ok:
        print(f"FAILED: identical events {100 * identical:.1f}% (floor {100 * IDENTICAL_FLOOR:.0f}%), "
              f"events in non-candidate sentences {total.events_missed} (must be 0)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
