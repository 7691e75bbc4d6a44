"""Tests for ingest.read_inputs: every input kind, detection by content, and bad inputs."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from chronicle.ingest import read_inputs
from chronicle.records import RawArticle, Skip

FIXTURES = Path(__file__).parent / "fixtures" / "inputs"

STORY = (
    "Parliament in Valdoria approved a new electoral law on Tuesday after a night of debate.\n\n"
    "Opposition deputies walked out of the chamber in protest.\n"
)


def articles(items: list[RawArticle | Skip]) -> list[RawArticle]:
    return [i for i in items if isinstance(i, RawArticle)]


def skips(items: list[RawArticle | Skip]) -> list[Skip]:
    return [i for i in items if isinstance(i, Skip)]


def read(*paths: str | Path, **kwargs: object) -> list[RawArticle | Skip]:
    return list(read_inputs(paths, **kwargs))  # type: ignore[arg-type]


# -- kinds ------------------------------------------------------------------------------


def test_plain_text_file() -> None:
    [item] = read(FIXTURES / "article.txt")
    assert isinstance(item, RawArticle)
    assert item.kind == "text"
    assert item.text is not None and item.text.startswith("Parliament in Valdoria")
    assert item.html is None
    assert item.source_id == str(FIXTURES / "article.txt")
    assert item.origin == str(FIXTURES / "article.txt")


def test_html_file_kept_raw() -> None:
    [item] = read(FIXTURES / "page.html")
    assert isinstance(item, RawArticle)
    assert item.kind == "html"
    assert item.html is not None and "<article>" in item.html
    assert item.text is None


def test_jsonl_fields_and_ids(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a-1", "url": "https://x.example/1", "title": " Talks resume ", "published": "2023-03-15",
         "outlet": "Ledger", "author": "Mira Kovacs", "text": STORY},
        {"url": "https://x.example/2", "html": "<p>Rally banned in Corvena.</p>"},
        {"text": "A third article with no id or url."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    first, second, third = read(path)
    assert isinstance(first, RawArticle) and isinstance(second, RawArticle) and isinstance(third, RawArticle)
    assert (first.source_id, first.kind, first.title, first.published, first.outlet, first.author) == (
        "a-1", "jsonl", "Talks resume", "2023-03-15", "Ledger", "Mira Kovacs")
    assert first.text == STORY and first.origin == f"{path}:line 1"
    assert second.source_id == "https://x.example/2" and second.html == "<p>Rally banned in Corvena.</p>"
    assert second.text is None
    assert third.source_id == f"{path}:line 3"


def test_rss_items_with_and_without_content() -> None:
    items = read(FIXTURES / "feed.rss")
    [item] = articles(items)
    [skip] = skips(items)
    assert item.kind == "feed"
    assert item.source_id == "ledger-recall-1"
    assert item.url == "https://ledger.example/recall"
    assert item.title == "Valdoria recalls ambassador from Ostmark"
    assert item.outlet == "The Northern Ledger - World"
    assert item.published == "2023-03-16T08:15:00+01:00"
    assert item.html is not None and "recalled its ambassador" in item.html
    assert skip.origin == f"{FIXTURES / 'feed.rss'}#item 2"
    assert "no content" in skip.reason and skip.stage == "read"


def test_atom_entry() -> None:
    [item] = read(FIXTURES / "feed.atom")
    assert isinstance(item, RawArticle)
    assert item.source_id == "urn:corvena-daily:42"
    assert item.url == "https://corvena.example/42"
    assert item.author == "Tomas Brel"
    assert item.outlet == "Corvena Daily"
    assert item.published == "2023-03-17T08:30:00+01:00"
    assert item.html is not None and "Anja Voss" in item.html


def _write_warc(path: Path, gzipped: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzipped)
        pages = [
            ("https://ledger.example/a", "200 OK", "text/html; charset=utf-8",
             "<html><body><p>Valdoria and Ostmark signed a trade accord.</p></body></html>"),
            ("https://ledger.example/logo.png", "200 OK", "image/png", "\x89PNG fake"),
            ("https://ledger.example/old", "404 Not Found", "text/html", "<html>gone</html>"),
            ("https://ledger.example/b", "200 OK", "text/html; charset=windows-1252",
             "<html><body><p>Caf\xe9 owners in Corvena protested new taxes.</p></body></html>"),
        ]
        for uri, status, ctype, body in pages:
            payload = body.encode("cp1252" if "1252" in ctype else "latin-1" if "png" in ctype else "utf-8")
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)
            writer.write_record(record)


@pytest.mark.parametrize("gzipped", [False, True])
def test_warc_html_responses(tmp_path: Path, gzipped: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    _write_warc(path, gzipped)
    items = read(path)
    a, b = articles(items)
    assert (a.kind, a.url, a.source_id) == ("warc", "https://ledger.example/a", "https://ledger.example/a")
    assert a.published is None  # WARC-Date is the crawl date, never the publication date
    assert a.html is not None and "trade accord" in a.html
    assert b.html is not None and "Café owners" in b.html  # declared windows-1252 honoured
    [skip] = skips(items)
    assert "HTTP 404" in skip.reason and "#record" in skip.origin


def test_gzip_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "z1", "text": STORY}) + "\n").encode()))
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.source_id == "z1" and item.text == STORY


def test_gzip_detected_by_magic_bytes(tmp_path: Path) -> None:
    path = tmp_path / "article.bin"
    path.write_bytes(gzip.compress(STORY.encode()))
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.kind == "text" and item.text == STORY


# -- detection by content, folders, stdin ----------------------------------------------------


def test_folder_recursive_sorted_hidden_skipped() -> None:
    items = read(FIXTURES)
    origins = [i.origin for i in items]
    assert not any(".hidden" in o or ".dotfile" in o for o in origins)
    kinds = {Path(i.origin.split(":line")[0].split("#")[0]).name: i.kind for i in articles(items)}
    # HTML saved as .txt and JSON Lines saved as .data are recognised by content.
    assert kinds["saved-page.txt"] == "html"
    assert kinds["batch.data"] == "jsonl"
    assert kinds["article.txt"] == "text"
    files = [o.split(":line")[0].split("#")[0] for o in origins]
    assert files == sorted(files, key=lambda f: Path(f).relative_to(FIXTURES).parts)


def test_stdin_text_and_jsonl() -> None:
    [item] = read("-", stdin=io.BytesIO(STORY.encode()))
    assert isinstance(item, RawArticle) and item.origin == "<stdin>" and item.text == STORY
    lines = b'{"id": "s1", "text": "One."}\n{"id": "s2", "text": "Two."}\n'
    ids = [i.source_id for i in articles(read("-", stdin=io.BytesIO(lines)))]
    assert ids == ["s1", "s2"]


def test_stdin_gzip() -> None:
    [item] = read("-", stdin=io.BytesIO(gzip.compress(STORY.encode())))
    assert isinstance(item, RawArticle) and item.text == STORY


# -- bad inputs: a Skip each, and the batch goes on -------------------------------------------


def test_missing_path_skipped_rest_read(tmp_path: Path) -> None:
    items = read(tmp_path / "nope.txt", FIXTURES / "article.txt")
    assert isinstance(items[0], Skip) and "no such file" in items[0].reason
    assert isinstance(items[1], RawArticle)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    path.chmod(0)
    [item] = read(path)
    assert isinstance(item, Skip) and "permission denied" in item.reason


def test_permission_error_is_a_skip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(STORY)
    real_open = Path.open

    def refuse(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", refuse)
    items = read(path, FIXTURES / "article.txt")
    assert isinstance(items[0], Skip) and items[0].reason == "cannot read file (permission denied)"
    assert isinstance(items[1], RawArticle)


def test_binary_files(tmp_path: Path) -> None:
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    zipped = tmp_path / "archive.jsonl"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    nul = tmp_path / "data.txt"
    nul.write_bytes(b"abc\x00\x01\x02def")
    items = read(png, zipped, nul, FIXTURES / "article.txt")
    assert [type(i).__name__ for i in items] == ["Skip", "Skip", "Skip", "RawArticle"]
    assert "PNG" in items[0].reason and "zip" in items[1].reason and "NUL" in items[2].reason  # type: ignore[union-attr]


def test_empty_and_whitespace_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    blank = tmp_path / "blank.html"
    blank.write_bytes(b"  \n\t\n")
    items = read(empty, blank)
    assert all(isinstance(i, Skip) and "empty" in i.reason for i in items) and len(items) == 2


def test_non_utf8_text_names_byte_and_offset(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("Caf\xe9 society".encode("latin-1"))
    [item] = read(path)
    assert isinstance(item, Skip)
    assert item.reason == "not UTF-8 (invalid byte 0xe9 at offset 3)"


def test_html_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "old.html"
    path.write_bytes('<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9</p></body></html>'.encode("latin-1"))
    [item] = read(path)
    assert isinstance(item, RawArticle) and item.html is not None and "Café" in item.html


def test_truncated_gzip_jsonl_yields_what_was_read(tmp_path: Path) -> None:
    lines = "".join(json.dumps({"id": f"t{n}", "text": STORY * 20}) + "\n" for n in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path, FIXTURES / "article.txt")
    good = articles(items)
    assert 0 < len(good) - 1 < 200
    [skip] = skips(items)
    assert "truncated gzip" in skip.reason and skip.origin == str(path)
    assert isinstance(items[-1], RawArticle)  # the next file is still read


def test_truncated_gzip_warc(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    _write_warc(path, gzipped=True)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 40])
    items = read(path)
    assert len(articles(items)) == 1
    assert "truncated" in skips(items)[-1].reason


def test_bad_jsonl_lines_skipped_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        '{"id": "ok1", "text": "First."}\n'
        '{"id": "broken", "text": \n'
        '\n'
        '{"id": "notext", "title": "Only a title"}\n'
        '[1, 2]\n'
        '{"id": "ok2", "text": "Second."}\n',
        encoding="utf-8",
    )
    items = read(path)
    assert [i.source_id for i in articles(items)] == ["ok1", "ok2"]
    reasons = {s.origin: s.reason for s in skips(items)}
    assert reasons[f"{path}:line 2"].startswith("not valid JSON")
    assert "neither 'text' nor 'html'" in reasons[f"{path}:line 4"]
    assert "not an object" in reasons[f"{path}:line 5"]


def test_non_utf8_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "enc.jsonl"
    good = b'{"id": "ok", "text": "Fine."}\n'
    bad = b'{"id": "bad", "text": "Caf\xe9"}\n'
    path.write_bytes(good + bad)
    items = read(path)
    assert [i.source_id for i in articles(items)] == ["ok"]
    [skip] = skips(items)
    assert skip.origin == f"{path}:line 2"
    offset = len(good) + bad.index(0xE9)
    assert skip.reason == f"not UTF-8 (invalid byte 0xe9 at offset {offset})"


def test_larger_than_limit_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(STORY * 10)
    items = read(big, FIXTURES / "article.txt", max_bytes=300)
    assert isinstance(items[0], Skip) and items[0].reason.startswith("larger than 300 bytes limit")
    assert isinstance(items[1], RawArticle)


def test_default_limit_is_named_in_megabytes(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as out:
        out.truncate(50 * 1024 * 1024 + 1)  # sparse: no 50 MB written to disk
    [item] = read(big)
    assert isinstance(item, Skip) and item.reason.startswith("larger than 50 MB limit")
