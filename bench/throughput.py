"""Throughput benchmark: how fast ``chronicle ingest`` runs, next to spaCy alone.

Each run calls ``python -m chronicle ingest PATH... --db FILE`` in a child
process, into a fresh temporary store, and prints documents, words, wall
seconds, documents/s, words/s, the peak RSS of the largest process and of
all of the run's processes together (sampled every 0.2 s; with
``--workers N`` there are N + 1). It then times spaCy alone on the same
texts, in this one process: ``chronicle.nlp.pipe``, the whole pipeline
(every component ingest's model has: tagger, parser, lemmatizer, entity
recogniser), all texts, ingest's batch size. The ratio is Chronicle's words/s
over spaCy's: at 1.0 or more, Chronicle cleans, analyses, codes and stores
as fast as spaCy alone parses (ingest does less spaCy work than that: see
``bench/candidates.py``).

Runs:
  examples      the bundled ``examples/`` folder (a handful of documents: the
                figures are dominated by start-up and model loading)
  corpus        ``--total`` articles (default 2,000) from the files of the
                shared corpus in ``../shared/corpus``, one ingest of all of
                them; the same share from each file as far as it goes,
                copies (marked, so they are new documents) when the corpus
                holds fewer (skipped when it is absent)
  corpus files  with ``--per-file``, a run per corpus file as well

Usage::

    python bench/throughput.py                    # examples/ and 2,000 corpus articles
    python bench/throughput.py --workers 2        # passed through to ingest
    python bench/throughput.py --repeat 2         # every run twice (a shared machine is noisy)
    python bench/throughput.py --total 300 --skip-spacy
    python bench/throughput.py --limit 100 --per-file   # 100 articles per file, a row per file

With the defaults this takes about 10 minutes a repetition: 2,000 articles
are about 1.9 million words, at about 6,000 words/s for ingest and as much
again for spaCy alone.

Figures only, no asserts. Exit code 0, or 1 when an ingest run failed.
Linux and macOS only (it reads peak memory with ``resource``; the total of
all processes is sampled from ``/proc`` on Linux only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
CORPUS_FILES = (
    "belarus_ukraine_2020_2022.jsonl",
    "whitehouse_briefings_2021_2022/statements.jsonl.gz",
    "dailymail_2020_finescoop/articles.jsonl.gz",
)
DEFAULT_TOTAL = 2000

# Runs one command and prints, as JSON on stdout, its exit code, its wall time,
# the peak RSS of the largest process among its descendants and (Linux) the
# peak of the RSS summed over all of them, sampled every 0.2 s. A fresh
# wrapper per run matters: RUSAGE_CHILDREN is a maximum over every child a
# process has ever waited for, so measuring in this process would carry the
# peak of one run into the next.
_WRAPPER = """
import json, os, resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]

def tree_rss_kb(root):
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return None
    parent, rss = {}, {}
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent[pid] = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/status") as f:
                rss[pid] = next((int(l.split()[1]) for l in f if l.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += [c for c, p in parent.items() if p == pid]
    return total

with open(out, "wb") as fo, open(err, "wb") as fe:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=fo, stderr=fe)
    peak_total = 0 if sys.platform.startswith("linux") else None
    while proc.poll() is None:
        if peak_total is not None:
            peak_total = max(peak_total, tree_rss_kb(proc.pid) or 0)
        time.sleep(0.2)
    rc = proc.returncode
    wall = time.perf_counter() - t0
maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": rc, "wall": wall, "maxrss": maxrss, "total_kb": peak_total}))
"""


@dataclass(frozen=True, kw_only=True)
class Corpus:
    """One benchmark input: the paths given to ingest, and the texts they hold."""

    name: str
    paths: tuple[Path, ...]
    texts: tuple[str, ...]

    @property
    def words(self) -> int:
        """Return the whitespace-token count of all texts."""
        return sum(count_words(t) for t in self.texts)


@dataclass(frozen=True, kw_only=True)
class ChildRun:
    """What one measured child process reported."""

    rc: int
    wall: float
    peak_mb: float
    total_mb: float | None  # all processes of the run together (Linux), else None
    stderr_tail: str


def count_words(text: str) -> int:
    """Return the number of whitespace-separated tokens in ``text``."""
    return len(text.split())


def iter_lines(path: Path) -> Iterator[str]:
    """Yield the non-blank lines of a JSONL file, gzipped or not, newline kept."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield line if line.endswith("\n") else line + "\n"


def write_head(src: Path, dst: Path, limit: int) -> list[str]:
    """Return the texts of the first ``limit`` articles of ``src`` (all if 0), copied to ``dst``.

    Lines are copied unchanged, so ingest sees every field; only the
    ``text`` field is counted and given to spaCy.
    """
    texts: list[str] = []
    with dst.open("w", encoding="utf-8") as out:
        for line in iter_lines(src):
            if limit and len(texts) >= limit:
                break
            out.write(line)
            texts.append(json.loads(line).get("text") or "")
    return texts


def count_lines(path: Path) -> int:
    """Return the number of articles (non-blank lines) of a JSONL file."""
    return sum(1 for _ in iter_lines(path))


def shares(sizes: Sequence[int], total: int) -> list[int]:
    """Return how many articles to take from files of ``sizes`` to reach ``total``: an equal
    share from each, what a small file cannot give taken from the others, at most all of each."""
    take = [0] * len(sizes)
    left = total
    open_ = [i for i, n in enumerate(sizes) if n > 0]
    while left > 0 and open_:
        each = -(-left // len(open_))  # ceiling
        for i in list(open_):
            more = min(each, sizes[i] - take[i], left)
            take[i] += more
            left -= more
            if take[i] == sizes[i]:
                open_.remove(i)
    return take


def write_copies(heads: Sequence[Path], dst: Path, count: int) -> list[str]:
    """Return the texts of ``count`` marked copies of the articles in ``heads``, written to ``dst``.

    Ingest skips a document it already holds (same cleaned text), so each
    copy ends with a line "(copy N)" and gets its own id.
    """
    texts: list[str] = []
    n = 1
    with dst.open("w", encoding="utf-8") as out:
        while len(texts) < count:
            n += 1
            for line in (line for head in heads for line in iter_lines(head)):
                if len(texts) >= count:
                    break
                row = json.loads(line)
                row["text"] = f"{row.get('text') or ''}\n\n(copy {n})"
                if row.get("id"):
                    row["id"] = f"{row['id']}#copy{n}"
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                texts.append(row["text"])
    return texts


def corpus_name(rel: str) -> str:
    """Return a short run name for a corpus file: its folder, or its stem at top level."""
    p = Path(rel)
    return p.parent.name if p.parent.name else p.name.split(".")[0]


def html_text(html: str) -> str:
    """Return the main text of an HTML page or fragment, as the cleaner would roughly see it."""
    import trafilatura

    text = trafilatura.extract(html)
    if text:
        return text
    from lxml import html as lxml_html  # trafilatura's own dependency

    return lxml_html.fromstring(html).text_content()


def example_texts(folder: Path) -> list[str]:
    """Return the article texts in the examples folder, one per document ingest should find.

    This mirrors what ingest reads (txt, html, RSS/Atom, JSONL) without
    importing it, so the word counts do not depend on the code under test.
    """
    texts: list[str] = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if suffix == ".txt":
            texts.append(path.read_text(encoding="utf-8"))
        elif suffix in (".html", ".htm"):
            texts.append(html_text(path.read_text(encoding="utf-8")))
        elif suffix in (".xml", ".rss", ".atom"):
            import feedparser

            for entry in feedparser.parse(str(path)).entries:
                content = entry.get("content") or [{}]
                body = content[0].get("value") or entry.get("description") or ""
                texts.append(html_text(body) if body.strip() else "")
        elif suffix == ".jsonl":
            texts.extend(json.loads(line).get("text") or "" for line in iter_lines(path))
    return texts


def run_ingest(paths: Sequence[Path], workdir: Path, workers: int | None) -> ChildRun:
    """Return the measurements of one ``chronicle ingest`` run into a fresh store in ``workdir``."""
    cmd = [sys.executable, "-m", "chronicle", "ingest", *map(str, paths),
           "--db", str(workdir / "bench.db")]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    out, err = workdir / "ingest.stdout", workdir / "ingest.stderr"
    proc = subprocess.run(
        [sys.executable, "-c", _WRAPPER, str(out), str(err), *cmd],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )
    report = json.loads(proc.stdout)
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS.
    scale = 1024 * 1024 if sys.platform == "darwin" else 1024
    tail = err.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
    total = report.get("total_kb")
    return ChildRun(rc=report["rc"], wall=report["wall"], peak_mb=report["maxrss"] / scale,
                    total_mb=total / 1024 if total else None, stderr_tail="\n".join(tail))


def spacy_seconds(texts: Sequence[str]) -> float:
    """Return the seconds spaCy's whole pipeline takes on ``texts`` in this process (model already loaded).

    ``chronicle.nlp.pipe`` runs every component of the model ingest loads, at
    ingest's batch size (``Settings.batch_size`` documents per ``nlp.pipe`` batch).
    """
    from chronicle import nlp
    from chronicle.settings import Settings

    nlp.load()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=Settings().batch_size):
        pass
    return time.perf_counter() - t0


def rate(n: float, seconds: float) -> str:
    """Return ``n / seconds`` formatted with thousands separators, or "-" for no time."""
    return f"{n / seconds:,.0f}" if seconds > 0 else "-"


ROW = "{:<32} {:>6} {:>9} {:>8} {:>8} {:>9} {:>8} {:>8} {:>10} {:>6}"


def print_header() -> None:
    """Print the column titles of the results table."""
    print(ROW.format("run", "docs", "words", "wall s", "docs/s", "words/s",
                     "peak MB", "all MB", "spaCy w/s", "ratio"))
    print(ROW.format(*("-" * w for w in (32, 6, 9, 8, 8, 9, 8, 8, 10, 6))))


def bench(corpus: Corpus, workdir: Path, args: argparse.Namespace) -> bool:
    """Run ingest, then spaCy alone, on ``corpus``; print one row; return False if ingest failed."""
    docs, words = len(corpus.texts), corpus.words
    child = run_ingest(corpus.paths, workdir, args.workers)
    if child.rc != 0:
        print(f"{corpus.name:<32} FAILED: ingest exited with {child.rc}; its last stderr lines:")
        print("    " + child.stderr_tail.replace("\n", "\n    "))
        return False
    spacy_rate, ratio = "-", "-"
    if not args.skip_spacy:
        secs = spacy_seconds(corpus.texts)
        spacy_rate = rate(words, secs)
        if secs > 0 and child.wall > 0:
            ratio = f"{(words / child.wall) / (words / secs):.2f}"
    total = f"{child.total_mb:,.0f}" if child.total_mb else "-"
    print(ROW.format(corpus.name, docs, f"{words:,}", f"{child.wall:.1f}",
                     rate(docs, child.wall), rate(words, child.wall),
                     f"{child.peak_mb:,.0f}", total, spacy_rate, ratio), flush=True)
    return True


def corpus_runs(tmpdir: Path, args: argparse.Namespace) -> list[Corpus]:
    """Return the corpus runs: all files together (``--total`` articles), and with ``--per-file`` one per file."""
    files = [(rel, CORPUS / rel) for rel in CORPUS_FILES]
    for rel, src in files:
        if not src.is_file():
            print(f"{corpus_name(rel):<32} skipped: {rel} not found")
    files = [(rel, src) for rel, src in files if src.is_file()]
    if not files:
        return []
    if args.limit is not None:
        take = [args.limit] * len(files)
    else:
        take = shares([count_lines(src) for _, src in files], args.total)
    folder = tmpdir / "corpus-input"
    folder.mkdir()
    heads, texts, runs = [], [], []
    for (rel, src), limit in zip(files, take):
        head = folder / f"{corpus_name(rel)}.jsonl"
        part = write_head(src, head, limit)
        heads.append(head)
        texts += part
        if args.per_file:
            runs.append(Corpus(name=corpus_name(rel), paths=(head,), texts=tuple(part)))
    wanted = args.total if args.limit is None else len(texts)
    paths = list(heads)
    if texts and len(texts) < wanted:
        extra = folder / "copies.jsonl"
        texts += write_copies(heads, extra, wanted - len(texts))
        paths.append(extra)
    name = f"corpus ({len(files)} files{', copies' if len(paths) > len(heads) else ''})"
    return [Corpus(name=name, paths=tuple(paths), texts=tuple(texts)), *runs]


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the parsed command-line options; exits with code 2 on a usage error."""
    p = argparse.ArgumentParser(
        description="Time `chronicle ingest` end to end on examples/ and the shared corpus.",
        epilog="example: python bench/throughput.py --total 2000 --workers 2 --repeat 2",
    )
    p.add_argument("--total", type=int, default=DEFAULT_TOTAL,
                   help=f"corpus articles in the combined run, copied when the corpus holds fewer "
                        f"(default {DEFAULT_TOTAL})")
    p.add_argument("--limit", type=int, default=None,
                   help="articles per corpus file instead of --total, 0 for all")
    p.add_argument("--per-file", action="store_true", help="also a run per corpus file")
    p.add_argument("--repeat", type=int, default=1, help="run every measurement this many times (default 1)")
    p.add_argument("--skip-spacy", action="store_true",
                   help="do not time spaCy alone (no ratio column)")
    p.add_argument("--workers", type=int, default=None,
                   help="passed to `chronicle ingest --workers`; the spaCy baseline stays one process")
    args = p.parse_args(argv)
    if args.limit is not None and args.limit < 0:
        p.error("--limit must be 0 (all) or a positive number")
    if args.total < 1:
        p.error("--total must be at least 1")
    if args.repeat < 1:
        p.error("--repeat must be at least 1")
    if args.workers is not None and args.workers < 1:
        p.error("--workers must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Return the exit code after running every benchmark and printing its row."""
    args = parse_args(argv)
    import importlib.util

    if importlib.util.find_spec("chronicle.__main__") is None:
        print("error: `python -m chronicle` is not available (no chronicle/__main__.py); "
              "install the project with `make install`", file=sys.stderr)
        return 1

    amount = (f"{args.limit or 'all'} articles per corpus file" if args.limit is not None
              else f"{args.total:,} corpus articles")
    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, {amount}, "
          f"ingest workers {args.workers or 'default'}, {args.repeat} repetition(s)")
    if not args.skip_spacy:
        from chronicle import nlp

        t0 = time.perf_counter()
        nlp.load()
        print(f"spaCy model {nlp.MODEL_PACKAGE} {nlp.MODEL_VERSION} loaded in "
              f"{time.perf_counter() - t0:.1f} s (counted in every ingest run, not in spaCy w/s)")
    print("wall s includes interpreter start-up and model loading; peak MB is the largest "
          "single process, all MB all of the run's processes together (sampled)")
    if not args.skip_spacy:
        from chronicle.settings import Settings

        print(f"spaCy w/s: chronicle.nlp.pipe, the whole pipeline, in one process, batches of "
              f"{Settings().batch_size} documents, on the same texts right after each ingest run")
    print()
    print_header()

    ok = True
    with tempfile.TemporaryDirectory(prefix="chronicle-bench-") as tmp:
        tmpdir = Path(tmp)
        runs = [Corpus(name="examples/", paths=(EXAMPLES,), texts=tuple(example_texts(EXAMPLES)))]
        if CORPUS.is_dir():
            runs += corpus_runs(tmpdir, args)
        else:
            print("corpus: skipped (../shared/corpus not found next to the project)")
        for n, corpus in enumerate(runs * args.repeat):
            run_dir = tmpdir / f"run-{n}"
            run_dir.mkdir()
            ok &= bench(corpus, run_dir, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
