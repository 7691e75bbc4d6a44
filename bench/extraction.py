"""Article-body extraction benchmark: clean() on the scrapinghub pages, scored.

Runs ``chronicle.clean.clean`` on every page of
``../shared/eval/extraction/scrapinghub-aeb/html/*.html.gz`` (181 pages),
writes ``bench/out/extraction.json`` (``{id: {"articleBody": text}}``), then
runs ``../shared/tools/score_extraction.py`` on it and prints its figures
and the speed in pages/s. Exits 0 with a message when ../shared is absent.

Example::

    .venv/bin/python bench/extraction.py
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

from chronicle.clean import clean
from chronicle.errors import InputError
from chronicle.records import RawArticle

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"
DATA = SHARED / "eval" / "extraction" / "scrapinghub-aeb"
SCORER = SHARED / "tools" / "score_extraction.py"
OUT = HERE / "out" / "extraction.json"


def run() -> int:
    """Return the exit code after extracting, scoring and printing the figures."""
    pages = sorted((DATA / "html").glob("*.html.gz"))
    if not pages or not SCORER.exists():
        print(f"skipped: benchmark data not found under {SHARED}", file=sys.stderr)
        return 0
    predictions: dict[str, dict[str, str]] = {}
    failures = 0
    started = time.perf_counter()
    for page in pages:
        page_id = page.name.removesuffix(".html.gz")
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        raw = RawArticle(source_id=page_id, origin=str(page), kind="html", html=html)
        try:
            body = clean(raw).text
        except InputError as exc:
            print(f"no text: {exc}", file=sys.stderr)
            body = ""
            failures += 1
        predictions[page_id] = {"articleBody": body}
    elapsed = time.perf_counter() - started
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(pages)} pages in {elapsed:.1f} s: {len(pages) / elapsed:.1f} pages/s, {failures} without text")
    scored = subprocess.run(
        [sys.executable, str(SCORER), str(DATA / "ground-truth.json"), str(OUT)],
        check=False,
    )
    return scored.returncode


if __name__ == "__main__":
    sys.exit(run())
