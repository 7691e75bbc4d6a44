"""Tagging: rule matches to non-overlapping, normalised Timex records; the document date."""

from __future__ import annotations

import bisect
import datetime as dt
import email.utils
import logging
import re
from collections import defaultdict
from collections.abc import Iterator, Sequence

from ..records import Timex
from .rules import CONNECT, RULES, Context, Piece, Rule
from .values import parse_value, safe_date, value_precision

log = logging.getLogger(__name__)


# --- tagging -------------------------------------------------------------------------------
# How far a match may reach before and after its rule's hint token (the longest
# patterns, "the end of early ..." or "twenty-five years and a half", stay under 50).
_BEFORE, _AFTER = 80, 80
_TOKEN = re.compile(r"\d+|[^\W\d_]+")


def _hint_index(text: str) -> dict[str, list[int]]:
    """Return where each hint token occurs: lowercase word, "#year" or "#num" -> offsets."""
    index: dict[str, list[int]] = defaultdict(list)
    for m in _TOKEN.finditer(text):
        word = m.group()
        if word[0].isdigit():
            word = "#year" if len(word) == 4 and (word[0] == "1" or word[:2] == "20") else "#num"
        else:
            word = word.lower()
        index[word].append(m.start())
    return index


def _matches(rule: Rule, text: str, index: dict[str, list[int]]) -> Iterator[re.Match[str]]:
    """Yield the rule's matches, scanning only windows around its hint tokens when it has some."""
    if not rule.hint:
        yield from rule.pattern.finditer(text)
        return
    hits = sorted(pos for word in rule.hint for pos in index.get(word, ()))
    windows: list[list[int]] = []
    for pos in hits:
        lo, hi = max(0, pos - _BEFORE), pos + _AFTER
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = hi
        else:
            windows.append([lo, hi])
    for lo, hi in windows:
        # pos/endpos (not slicing) keep \b and lookbehinds seeing the text before lo
        yield from rule.pattern.finditer(text, lo, min(hi, len(text)))


def _candidates(text: str) -> list[tuple[int, int, int, re.Match[str]]]:
    """Return non-overlapping rule matches: longest first, then earliest, then rule order."""
    found: list[tuple[int, int, int, re.Match[str]]] = []
    index = _hint_index(text)
    for number, rule in enumerate(RULES):
        for m in _matches(rule, text, index):
            if m.end() > m.start() and (rule.accept is None or rule.accept(m, text)):
                found.append((m.start(), m.end(), number, m))
    found.sort(key=lambda c: (c[0] - c[1], c[0], c[2]))
    kept: list[tuple[int, int, int, re.Match[str]]] = []
    starts: list[int] = []
    for cand in found:
        pos = bisect.bisect_left(starts, cand[0])
        if pos and kept[pos - 1][1] > cand[0]:
            continue
        if pos < len(kept) and kept[pos][0] < cand[1]:
            continue
        starts.insert(pos, cand[0])
        kept.insert(pos, cand)
    return kept


def _pieces(text: str, dct: dt.date | None, sentence_starts: Sequence[int]) -> list[Piece]:
    """Return normalised pieces in document order (the core of ``tag`` and ``infer_dct``)."""
    ctx = Context(text=text, dct=dct, sentence_starts=sentence_starts or [0])
    for _, _, index, m in _candidates(text):
        for piece in RULES[index].normalise(m, ctx):
            ctx.pieces.append(piece)
            parsed = parse_value(piece.value)
            if parsed is None:
                continue
            if piece.type == "DATE":
                ctx.anchor = parsed
            if parsed[1] == "day":
                ctx.last_day = (ctx.sentence_of(piece.start), parsed[0])
    _fix_range_years(text, ctx.pieces)
    return ctx.pieces


def _fix_range_years(text: str, pieces: list[Piece]) -> None:
    """Give a year-less range start the year of its end ("20 January and 9 February 2020")."""
    for first, second in zip(pieces, pieces[1:]):
        if not (first.md and second.md and second.year_given and not first.year_given):
            continue
        if not CONNECT.fullmatch(text[first.end:second.start]):
            continue
        year = int(second.value[:4]) - (1 if first.md > second.md else 0)
        if safe_date(year, *first.md):
            first.value = f"{year:04d}-{first.md[0]:02d}-{first.md[1]:02d}"


def tag(text: str, *, doc_id: str, dct: dt.date | None,
        sentence_starts: Sequence[int]) -> list[Timex]:
    """Return the time expressions of ``text`` as TimeML-normalised Timex records, in text order.

    ``dct`` anchors relative expressions (None leaves them as ``XXXX`` values);
    ``sentence_starts`` (sorted character offsets) fills ``Timex.sentence``.
    """
    starts = list(sentence_starts) or [0]
    out = []
    for p in _pieces(text, dct, starts):
        out.append(Timex(
            doc_id=doc_id,
            sentence=max(0, bisect.bisect_right(starts, p.start) - 1),
            start=p.start, end=p.end, text=text[p.start:p.end], type=p.type, value=p.value,
            precision=value_precision(p.value) if p.type == "DATE" else None,
        ))
    log.debug("tagged %d time expressions in %s", len(out), doc_id)
    return out


def infer_dct(text: str) -> dt.date | None:
    """Return the latest fully written date (day, month and year) in ``text``, else None."""
    dates = [parse_value(p.value) for p in _pieces(text, None, [0]) if p.explicit]
    days = [d for d, gran in filter(None, dates) if gran == "day"]
    return max(days) if days else None


def parse_dct(value: str | None) -> dt.date | None:
    """Return the date of an ISO date/datetime (or RFC 2822) string, None if absent or unparseable."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value).date()
    except ValueError:
        pass
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        log.debug("unparseable document date %r", value)
        return None
