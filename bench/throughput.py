"""Throughput benchmark: how fast ``chronicle ingest`` runs, next to spaCy alone.

Each run calls ``python -m chronicle ingest PATH... --db FILE`` in a child
process, into a fresh temporary store, and prints documents, words, wall
seconds, documents/s, words/s and the child's peak RSS. It then times the
spaCy pipeline alone (``chronicle.nlp.pipe``) on the same texts and prints
the ratio Chronicle/spaCy in words per second: the share of spaCy's speed
that survives cleaning, coding and storing.

Runs:
  examples      the bundled ``examples/`` folder (a handful of documents: the
                figures are dominated by start-up and model loading)
  corpus files  the first ``--limit`` articles of each file of the shared
                corpus in ``../shared/corpus`` (skipped when it is absent)

Usage::

    python bench/throughput.py                 # 300 articles per corpus file
    python bench/throughput.py --limit 0       # whole corpus (slow)
    python bench/throughput.py --limit 50 --skip-spacy
    python bench/throughput.py --workers 2     # passed through to ingest

With the defaults this takes several minutes: spaCy alone parses about
5,000 words/s on one core, and 300 articles per file is about 800,000 words.

Figures only, no asserts. Exit code 0, or 1 when an ingest run failed.
Linux and macOS only (it reads peak memory with ``resource``).
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
DEFAULT_LIMIT = 300

# Runs one command and prints, as JSON on stdout, its exit code, its wall time
# and the peak RSS of the largest process among its descendants. A fresh
# wrapper per run matters: RUSAGE_CHILDREN is a maximum over every child a
# process has ever waited for, so measuring in this process would carry the
# peak of one run into the next.
_WRAPPER = """
import json, resource, subprocess, sys, time
out, err, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
with open(out, "wb") as fo, open(err, "wb") as fe:
    t0 = time.perf_counter()
    rc = subprocess.run(cmd, stdout=fo, stderr=fe).returncode
    wall = time.perf_counter() - t0
maxrss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"rc": rc, "wall": wall, "maxrss": maxrss}))
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
    return ChildRun(rc=report["rc"], wall=report["wall"],
                    peak_mb=report["maxrss"] / scale, stderr_tail="\n".join(tail))


def spacy_seconds(texts: Sequence[str]) -> float:
    """Return the seconds ``chronicle.nlp.pipe`` takes to parse ``texts`` (model already loaded)."""
    from chronicle import nlp

    nlp.load()
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - t0


def rate(n: float, seconds: float) -> str:
    """Return ``n / seconds`` formatted with thousands separators, or "-" for no time."""
    return f"{n / seconds:,.0f}" if seconds > 0 else "-"


ROW = "{:<32} {:>6} {:>9} {:>8} {:>8} {:>9} {:>8} {:>10} {:>6}"


def print_header() -> None:
    """Print the column titles of the results table."""
    print(ROW.format("run", "docs", "words", "wall s", "docs/s", "words/s",
                     "peak MB", "spaCy w/s", "ratio"))
    print(ROW.format(*("-" * w for w in (32, 6, 9, 8, 8, 9, 8, 10, 6))))


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
    print(ROW.format(corpus.name, docs, f"{words:,}", f"{child.wall:.1f}",
                     rate(docs, child.wall), rate(words, child.wall),
                     f"{child.peak_mb:,.0f}", spacy_rate, ratio), flush=True)
    return True


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    """Return the parsed command-line options; exits with code 2 on a usage error."""
    p = argparse.ArgumentParser(
        description="Time `chronicle ingest` end to end on examples/ and the shared corpus.",
        epilog="example: python bench/throughput.py --limit 100 --workers 2",
    )
    p.add_argument("--limit", type=int, default=DEFAULT_LIMIT,
                   help=f"articles per corpus file, 0 for all (default {DEFAULT_LIMIT})")
    p.add_argument("--skip-spacy", action="store_true",
                   help="do not time spaCy alone (no ratio column)")
    p.add_argument("--workers", type=int, default=None,
                   help="passed to `chronicle ingest --workers`; the spaCy baseline stays one process")
    args = p.parse_args(argv)
    if args.limit < 0:
        p.error("--limit must be 0 (all) or a positive number")
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

    print(f"python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"limit {args.limit or 'all'} per corpus file, workers {args.workers or 'default'}")
    if not args.skip_spacy:
        from chronicle import nlp

        t0 = time.perf_counter()
        nlp.load()
        print(f"spaCy model {nlp.MODEL_PACKAGE} {nlp.MODEL_VERSION} loaded in "
              f"{time.perf_counter() - t0:.1f} s (counted in every ingest run, not in spaCy w/s)")
    print("wall s includes interpreter start-up and model loading; "
          "peak MB is the largest single process")
    print()
    print_header()

    ok = True
    with tempfile.TemporaryDirectory(prefix="chronicle-bench-") as tmp:
        tmpdir = Path(tmp)
        examples = Corpus(name="examples/", paths=(EXAMPLES,),
                          texts=tuple(example_texts(EXAMPLES)))
        run_dir = tmpdir / "examples"
        run_dir.mkdir()
        ok &= bench(examples, run_dir, args)

        if not CORPUS.is_dir():
            print("corpus: skipped (../shared/corpus not found next to the project)")
            return 0 if ok else 1
        for rel in CORPUS_FILES:
            src = CORPUS / rel
            name = corpus_name(rel)
            if not src.is_file():
                print(f"{name:<32} skipped: {rel} not found")
                continue
            run_dir = tmpdir / name
            run_dir.mkdir()
            head = run_dir / f"{name}.jsonl"
            texts = write_head(src, head, args.limit)
            ok &= bench(Corpus(name=name, paths=(head,), texts=tuple(texts)), run_dir, args)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
