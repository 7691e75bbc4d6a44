"""Read input files, folders and stdin into raw articles.

``read_inputs`` is the only entry point. The kind of each input is sniffed
from its first bytes, not taken from its extension, so an HTML page saved
as ``.txt`` or JSON Lines saved as ``.data`` are read correctly:

* gzip (magic bytes ``1f 8b``): decompressed transparently, then sniffed;
* WARC (``WARC/1.x``): one article per HTML ``response`` record;
* JSON Lines (first non-blank line starts with ``{``): one article per line;
* RSS / Atom (``<rss``, ``<feed``, ``<rdf:RDF``): one article per item;
* HTML (``<!doctype html``, ``<html``, or common tags at the start);
* anything else that decodes as UTF-8: plain text.

Bad input never raises: each unreadable file, line, item or record becomes
a ``Skip`` with a reason a person can act on, and the batch goes on.
HTML is kept raw; ``clean.py`` extracts the text.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import logging
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from chronicle.clean import normalise_date
from chronicle.records import InputKind, RawArticle, Skip

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
STDIN_NAME = "<stdin>"

# 64 KiB is enough to see past a BOM, an XML declaration, a long <head>
# comment or a doctype before deciding what a file is.
_SNIFF_BYTES = 64 * 1024
_GZIP_MAGIC = b"\x1f\x8b"
_BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a zip archive (or docx/xlsx/epub)"),
    (b"%PDF", "a PDF document"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"7z\xbc\xaf", "a 7z archive"),
)
_HTML_START = re.compile(
    rb"<(?:!doctype\s+html|html|head|body|meta|title|article|main|div|p|section|"
    rb"h[1-6]|span|table|ul|ol|header|nav|link|script|style)\b",
    re.IGNORECASE,
)
_FEED_START = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_inputs(
    paths: Iterable[str | Path],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[RawArticle | Skip]:
    """Yield a RawArticle for each article found in ``paths``, or a Skip saying why not.

    Each path is a file, a folder (read recursively in sorted order, hidden
    files and folders left out) or ``"-"`` for ``stdin`` (default
    ``sys.stdin.buffer``). Files larger than ``max_bytes`` are skipped before
    they are read; JSON Lines and WARC files are streamed, never held whole.
    """
    for item in paths:
        if str(item) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _read_stream(stream, STDIN_NAME, max_bytes)
            continue
        path = Path(item)
        if path.is_dir():
            yield from _read_folder(path, max_bytes, seen=set())
        else:
            yield from _read_file(path, max_bytes)


def _read_folder(folder: Path, max_bytes: int, seen: set[Path]) -> Iterator[RawArticle | Skip]:
    # Following symlinked folders is useful, but a link back up the tree would loop.
    real = folder.resolve()
    if real in seen:
        log.debug("%s: already read (symlink loop)", folder)
        return
    seen.add(real)
    try:
        entries = sorted(folder.iterdir(), key=lambda p: p.name)
    except OSError as exc:
        yield Skip(origin=str(folder), reason=f"cannot list folder ({_os_reason(exc)})", stage="read")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _read_folder(entry, max_bytes, seen)
        else:
            yield from _read_file(entry, max_bytes)


def _read_file(path: Path, max_bytes: int) -> Iterator[RawArticle | Skip]:
    origin = str(path)
    try:
        info = path.stat()
    except OSError as exc:
        yield Skip(origin=origin, reason=f"cannot read file ({_os_reason(exc)})", stage="read")
        return
    if not path.is_file():
        yield Skip(origin=origin, reason="not a regular file", stage="read")
        return
    if info.st_size > max_bytes:
        reason = f"larger than {_size(max_bytes)} limit (file is {_size(info.st_size)})"
        yield Skip(origin=origin, reason=reason, stage="read")
        return
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield Skip(origin=origin, reason=f"cannot read file ({_os_reason(exc)})", stage="read")
        return
    with handle:
        yield from _read_stream(handle, origin, max_bytes)


def _read_stream(source: BinaryIO, origin: str, max_bytes: int) -> Iterator[RawArticle | Skip]:
    """Sniff one input stream and dispatch it to the reader for its kind."""
    try:
        head = source.read(_SNIFF_BYTES)
    except OSError as exc:
        yield Skip(origin=origin, reason=f"cannot read ({_os_reason(exc)})", stage="read")
        return
    stream = _Rejoined(head, source)
    gzipped = head.startswith(_GZIP_MAGIC)
    if gzipped:
        stream = _Rejoined(b"", gzip.GzipFile(fileobj=stream, mode="rb"))
        head = stream.peek(_SNIFF_BYTES)
        if not head and stream.error is not None:
            yield Skip(origin=origin, reason=_gzip_reason(stream.error), stage="read")
            return
    kind = _sniff(head)
    if kind.startswith("binary:"):
        yield Skip(origin=origin, reason=f"binary file, not text ({kind[7:]})", stage="read")
        return
    if kind == "empty":
        yield Skip(origin=origin, reason="empty file (nothing but whitespace)", stage="read")
        return
    if kind == "utf16":
        reason = "UTF-16 text is not supported; convert it to UTF-8"
        yield Skip(origin=origin, reason=reason, stage="read")
        return
    if kind == "warc":
        yield from _read_warc(stream, origin, max_bytes, gzipped)
        return
    if kind == "jsonl":
        yield from _read_jsonl(stream, origin, max_bytes, gzipped)
        return
    # The remaining kinds are single documents: read them whole, within the limit.
    try:
        data = stream.read(max_bytes + 1)
    except (EOFError, OSError, zlib.error) as exc:
        # A half document is not an article we can trust: skip it whole.
        reason = _gzip_reason(exc) if gzipped else f"cannot read ({_os_reason(exc)})"
        yield Skip(origin=origin, reason=reason, stage="read")
        return
    if stream.error is not None:
        # A half document is not an article we can trust: skip it whole.
        yield Skip(origin=origin, reason=_gzip_reason(stream.error), stage="read")
        return
    if len(data) > max_bytes:
        what = "decompressed size" if gzipped else "input"
        reason = f"larger than {_size(max_bytes)} limit ({what} exceeds it)"
        yield Skip(origin=origin, reason=reason, stage="read")
        return
    if kind == "feed":
        yield from _read_feed(data, origin)
    elif kind == "html":
        yield from _single(data, origin, "html")
    else:
        yield from _single(data, origin, "text")


def _sniff(head: bytes) -> str:
    """Return the kind of input whose first bytes are ``head``."""
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary:{what}"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf16"
    if b"\x00" in head[:8192]:
        return "binary:contains NUL bytes"
    start = head.removeprefix(codecs.BOM_UTF8).lstrip()
    if not start:
        return "empty"
    if start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        lowered = start[:4096]
        feed = _FEED_START.search(lowered)
        html = _HTML_START.search(lowered)
        if feed and (not html or feed.start() < html.start()):
            return "feed"
        if html:
            return "html"
    return "text"


# -- single documents ------------------------------------------------------------------


def _single(data: bytes, origin: str, kind: InputKind) -> Iterator[RawArticle | Skip]:
    if kind == "html":
        text, problem = _decode_html(data, None)
    else:
        text, problem = _decode_utf8(data)
    if text is None:
        yield Skip(origin=origin, reason=problem, stage="read")
        return
    if not text.strip():
        yield Skip(origin=origin, reason="empty file (nothing but whitespace)", stage="read")
        return
    if kind == "html":
        yield RawArticle(source_id=origin, origin=origin, kind="html", html=text)
    else:
        yield RawArticle(source_id=origin, origin=origin, kind="text", text=text)


def _decode_utf8(data: bytes, base_offset: int = 0) -> tuple[str | None, str]:
    """Return (text, "") for valid UTF-8, else (None, reason naming the bad byte)."""
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        bad = data[exc.start]
        offset = base_offset + exc.start
        return None, f"not UTF-8 (invalid byte 0x{bad:02x} at offset {offset})"


def _decode_html(data: bytes, header_charset: str | None) -> tuple[str | None, str]:
    """Return HTML decoded by its declared charset, else as UTF-8; or (None, reason).

    A declared charset is honoured (HTTP header first, then ``<meta charset>``
    in the first 1024 bytes, as browsers do): older news sites still serve
    windows-1252 and ISO-8859-x pages that say so, and rejecting those would
    lose real articles. Undeclared pages must be UTF-8.
    """
    charset = header_charset
    if data.startswith(codecs.BOM_UTF8):
        charset = "utf-8"
    if charset is None:
        match = _META_CHARSET.search(data[:1024])
        if match:
            charset = match.group(1).decode("ascii", "replace")
    if charset:
        try:
            codec = codecs.lookup(charset).name
        except LookupError:
            log.debug("unknown charset %r, trying UTF-8", charset)
            codec = "utf-8"
        if codec != "utf-8":
            try:
                return data.decode(codec), ""
            except UnicodeDecodeError as exc:
                return None, f"not valid {charset} as declared (invalid byte 0x{data[exc.start]:02x} at offset {exc.start})"
    return _decode_utf8(data)


# -- JSON Lines ------------------------------------------------------------------------


def _read_jsonl(stream: BinaryIO, origin: str, max_bytes: int, gzipped: bool) -> Iterator[RawArticle | Skip]:
    offset = 0
    number = 0
    count = 0
    while True:
        try:
            line = stream.readline(max_bytes + 1)
        except (EOFError, OSError, zlib.error) as exc:
            reason = _gzip_reason(exc) if gzipped else f"cannot read ({_os_reason(exc)})"
            yield Skip(origin=origin, reason=f"{reason}; stopped after line {number} ({count} articles read)", stage="read")
            return
        if not line:
            break
        number += 1
        where = f"{origin}:line {number}"
        if len(line) > max_bytes and not line.endswith(b"\n"):
            # Drain the rest of the over-long line so the next one starts cleanly.
            while line and not line.endswith(b"\n"):
                offset += len(line)
                line = stream.readline(1024 * 1024)
            offset += len(line)
            yield Skip(origin=where, reason=f"line longer than {_size(max_bytes)} limit", stage="read")
            continue
        line_offset = offset
        offset += len(line)
        if not line.strip():
            continue
        text, problem = _decode_utf8(line, line_offset)
        if text is None:
            yield Skip(origin=where, reason=problem, stage="read")
            continue
        result = _jsonl_article(text, where, origin, number)
        if isinstance(result, RawArticle):
            count += 1
        elif number == 1 and text.strip() == "{":
            yield Skip(origin=origin, reason="a JSON document, not JSON Lines (one object per line)", stage="read")
            return
        yield result


def _jsonl_article(line: str, where: str, origin: str, number: int) -> RawArticle | Skip:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Skip(origin=where, reason=f"not valid JSON ({exc.msg} at column {exc.colno})", stage="read")
    if not isinstance(obj, dict):
        return Skip(origin=where, reason=f"a JSON {type(obj).__name__}, not an object", stage="read")
    text = _field(obj, "text")
    html = _field(obj, "html")
    if not text and not html:
        return Skip(origin=where, reason="has neither 'text' nor 'html' (or they are empty)", stage="read")
    url = _field(obj, "url")
    source_id = _field(obj, "id") or url or f"{origin}:line {number}"
    meta: dict[str, Any] = {
        "source_id": source_id,
        "origin": where,
        "kind": "jsonl",
        "url": url,
        "title": _field(obj, "title"),
        "author": _field(obj, "author"),
        "outlet": _field(obj, "outlet"),
        "published": _field(obj, "published"),
    }
    # When both are given, the text is what the producer already extracted: trust it.
    if text:
        return RawArticle(text=text, **meta)
    return RawArticle(html=html, **meta)


def _field(obj: dict[str, Any], key: str) -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, (dict, list)):
        return None
    if key in ("text", "html"):
        return value if isinstance(value, str) and value.strip() else None
    return str(value).strip() or None


# -- RSS / Atom ------------------------------------------------------------------------


def _read_feed(data: bytes, origin: str) -> Iterator[RawArticle | Skip]:
    import feedparser  # imported here: feedparser takes ~0.1 s to import

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        reason = f"not a readable feed ({problem})" if problem else "feed has no items"
        yield Skip(origin=origin, reason=reason, stage="read")
        return
    feed_title = _clean_str(parsed.get("feed", {}).get("title"))
    for number, entry in enumerate(entries, start=1):
        where = f"{origin}#item {number}"
        body, body_type = _entry_body(entry)
        if not body:
            reason = "feed item has no content or summary (only title/link); fetch the linked page instead"
            yield Skip(origin=where, reason=reason, stage="read")
            continue
        url = _clean_str(entry.get("link"))
        source_id = _clean_str(entry.get("id")) or url or where
        source = entry.get("source") or {}
        outlet = _clean_str(source.get("title")) or feed_title
        raw_date = _clean_str(entry.get("published") or entry.get("updated"))
        published = normalise_date(raw_date)
        if raw_date and not published:
            log.debug("%s: unparseable date %r", where, raw_date)
        meta: dict[str, Any] = {
            "source_id": source_id,
            "origin": where,
            "kind": "feed",
            "url": url,
            "title": _clean_str(entry.get("title")),
            "author": _clean_str(entry.get("author")),
            "outlet": outlet,
            "published": published,
        }
        if "html" in body_type:
            yield RawArticle(html=body, **meta)
        else:
            yield RawArticle(text=body, **meta)


def _entry_body(entry: Any) -> tuple[str | None, str]:
    """Return the fullest body of a feed entry (content, else summary) and its MIME type."""
    for content in entry.get("content") or []:
        value = content.get("value")
        if value and value.strip():
            return value, content.get("type") or "text/html"
    summary = entry.get("summary")
    if summary and summary.strip():
        detail = entry.get("summary_detail") or {}
        return summary, detail.get("type") or "text/html"
    return None, ""


def _clean_str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# -- WARC ------------------------------------------------------------------------------


def _read_warc(stream: BinaryIO, origin: str, max_bytes: int, gzipped: bool) -> Iterator[RawArticle | Skip]:
    from warcio.archiveiterator import ArchiveIterator  # imported here: slow to import
    from warcio.exceptions import ArchiveLoadFailed

    number = 0
    count = 0
    records = iter(ArchiveIterator(stream))
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
            why = _gzip_reason(exc) if gzipped and not isinstance(exc, ArchiveLoadFailed) else f"truncated or corrupt WARC ({exc})"
            reason = f"{why}; stopped after record {number} ({count} articles read)"
            yield Skip(origin=origin, reason=reason, stage="read")
            return
        number += 1
        if record.rec_type != "response" or record.http_headers is None:
            continue
        content_type = record.http_headers.get_header("Content-Type") or ""
        if not content_type.lower().startswith(_HTML_TYPES):
            continue
        where = f"{origin}#record {number}"
        uri = record.rec_headers.get_header("WARC-Target-URI")
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            yield Skip(origin=where, reason=f"HTTP {status} response, not a page ({uri})", stage="read")
            continue
        try:
            data = record.content_stream().read(max_bytes + 1)
        except (EOFError, OSError, zlib.error, ValueError) as exc:
            reason = f"truncated record ({exc}); stopped after record {number - 1} ({count} articles read)"
            yield Skip(origin=where, reason=reason, stage="read")
            return
        if len(data) > max_bytes:
            yield Skip(origin=where, reason=f"larger than {_size(max_bytes)} limit", stage="read")
            continue
        html, problem = _decode_html(data, _header_charset(content_type))
        if html is None:
            yield Skip(origin=where, reason=problem, stage="read")
            continue
        if not html.strip():
            yield Skip(origin=where, reason="empty response body", stage="read")
            continue
        count += 1
        # WARC-Date is when the page was crawled, not published: it goes nowhere.
        yield RawArticle(source_id=uri or where, origin=where, kind="warc", html=html, url=uri)


def _header_charset(content_type: str) -> str | None:
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", content_type, re.IGNORECASE)
    return match.group(1) if match else None


# -- helpers ---------------------------------------------------------------------------


class _Rejoined(io.BufferedIOBase):
    """A readable stream that replays already-read ``head`` bytes, then the rest of ``rest``.

    Sniffing needs the first bytes of stdin, which cannot seek back; this puts
    them in front again so every reader sees the whole input. A read error of
    the underlying stream (a truncated gzip) is held until the bytes read
    before it are used up, so readers get everything that could be read.
    """

    def __init__(self, head: bytes, rest: BinaryIO | gzip.GzipFile) -> None:
        super().__init__()
        self._buffer = bytearray(head)
        self._rest = rest
        self._eof = False
        self.error: BaseException | None = None

    def readable(self) -> bool:
        """Return True: this stream is for reading."""
        return True

    def _fill(self, size: int) -> None:
        while not self._eof and len(self._buffer) < size:
            want = max(min(size - len(self._buffer), 1 << 24), 64 * 1024)
            try:
                # read1 returns what one underlying read gave: a gzip stream cut
                # short then loses only its last chunk, not all of a large read.
                reader = getattr(self._rest, "read1", self._rest.read)
                chunk = reader(want)
            except (EOFError, OSError, zlib.error) as exc:
                self.error = exc
                chunk = b""
            if not chunk:
                self._eof = True
                break
            self._buffer += chunk

    def _take(self, size: int) -> bytes:
        if not self._buffer and self.error is not None:
            raise self.error
        out = bytes(self._buffer[:size])
        del self._buffer[:size]
        return out

    def peek(self, size: int = 1) -> bytes:  # type: ignore[override]
        """Return up to ``size`` bytes ahead without consuming them."""
        self._fill(size)
        return bytes(self._buffer[:size])

    def read(self, size: int | None = -1) -> bytes:
        """Return up to ``size`` bytes (all remaining bytes when ``size`` is negative)."""
        if size is None or size < 0:
            self._fill(sys.maxsize)
            size = len(self._buffer)
        else:
            self._fill(size)
        return self._take(size)

    def read1(self, size: int = -1) -> bytes:
        """Return up to ``size`` bytes with at most one read of the underlying stream."""
        if not self._buffer:
            self._fill(1 if size is None or size < 0 else max(size, 1))
        if size is None or size < 0:
            size = len(self._buffer)
        return self._take(size)

    def readline(self, size: int | None = -1) -> bytes:
        """Return one line, ending with ``\\n`` unless it is the last or longer than ``size``.

        A last line cut off by a read error is not returned: the error is raised.
        """
        limit = sys.maxsize if size is None or size < 0 else size
        scanned = 0
        while True:
            newline = self._buffer.find(b"\n", scanned)
            if 0 <= newline < limit:
                end = newline + 1
                break
            if len(self._buffer) >= limit:
                end = limit
                break
            if self._eof:
                if self.error is not None:
                    raise self.error
                end = len(self._buffer)
                break
            scanned = len(self._buffer)
            self._fill(len(self._buffer) + 64 * 1024)
        return self._take(end)


def _gzip_reason(exc: BaseException) -> str:
    if isinstance(exc, EOFError):
        return "truncated gzip (compressed data ends before the end-of-stream marker)"
    return f"corrupt gzip data ({exc})"


def _os_reason(exc: OSError) -> str:
    return exc.strerror.lower() if exc.strerror else str(exc)


def _size(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb >= 1:
        return f"{mb:.0f} MB" if mb == int(mb) else f"{mb:.1f} MB"
    return f"{n} bytes"


__all__ = ["read_inputs", "DEFAULT_MAX_BYTES", "STDIN_NAME"]
