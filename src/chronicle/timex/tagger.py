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
                if _sets_narrative_year(text, piece):
                    ctx.year_anchor = (piece.start, parsed[0].year)
                elif ctx.year_anchor and ctx.year_anchor[1] != parsed[0].year:
                    ctx.year_anchor = None  # "the following year": the passage moved on
            if parsed[1] == "day":
                ctx.last_day = (ctx.sentence_of(piece.start), parsed[0])
    _fix_range_years(text, ctx.pieces)
    return _merge_clock_days(text, _eves(text, ctx.pieces))


_EVE = re.compile(r"\bthe\s+eve\s+of\s+(?:the\s+|this\s+|its\s+)?$", re.IGNORECASE)


def _eves(text: str, pieces: list[Piece]) -> list[Piece]:
    """Return the pieces with "the eve of the August 9 election" as the day before August 9."""
    for piece in pieces:
        eve = _EVE.search(text[max(0, piece.start - 30):piece.start])
        parsed = parse_value(piece.value) if eve else None
        if eve and parsed and parsed[1] == "day" and piece.type == "DATE":
            piece.start -= len(eve.group())
            piece.value = (parsed[0] - dt.timedelta(days=1)).isoformat()
            piece.md = None
    return pieces


# Between a clock time and its day: a time zone and a comma at most ("5 p.m. EST, Nov. 6").
_CLOCK_DAY_GAP = re.compile(r"\s*(?:(?:[A-Z]{2,4}|local\s+time)\s*)?,?\s*")


def _merge_clock_days(text: str, pieces: list[Piece]) -> list[Piece]:
    """Return the pieces with "10 p.m. Wednesday" / "noon Thursday" joined into one TIME.

    TimeML annotates a clock time and the day right after it as one expression,
    valued on that day (the clock piece alone took the DCT's or the sentence's day).
    """
    out: list[Piece] = []
    for piece in pieces:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == "TIME" and "T" in prev.value and piece.type == "DATE"
                and re.fullmatch(r"\d{4}-\d\d-\d\d", piece.value)
                and _CLOCK_DAY_GAP.fullmatch(text[prev.end:piece.start])
                and re.search(r"\d|noon|midnight|midday", text[prev.start:prev.end], re.IGNORECASE)):
            clock = prev.value.split("T", 1)[1]
            out[-1] = Piece(prev.start, piece.end, "TIME", f"{piece.value}T{clock}", md=piece.md,
                            year_given=piece.year_given)
            continue
        out.append(piece)
    return out


# A fronted "In 2014," / "On May 22, 1995," opening a sentence sets the year of the
# passage; "since 1994", "the 2020 election" or "approved in 1987" inside a clause do not.
_FRONTED = re.compile(r"(?:^|[.!?][\"'”’]?\s+|\n\s*)(?:(?:back|then|and|but|later|earlier)\s+)?"
                      r"(?:in|during|on|by\s+(?:early|mid|late))\s+(?:(?:early|late|mid)[-\s]+)?$",
                      re.IGNORECASE)


def _sets_narrative_year(text: str, piece: Piece) -> bool:
    """Return whether a DATE piece gives the year of the sentences that follow it."""
    return piece.value[:4].isdigit() and bool(_FRONTED.search(text[max(0, piece.start - 40):piece.start]))


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


# How far (characters) an explicit year may be from a year-less date to lend it its year
# when inferring the DCT: about one news paragraph.
_DCT_YEAR_REACH = 300


def infer_dct(text: str) -> dt.date | None:
    """Return the document date the text implies, else None.

    The latest fully written date (day, month and year) when there is one;
    else the latest year-less date ("on March 4") in the year of the nearest
    explicit year within ``_DCT_YEAR_REACH`` characters ("... in 2014. On March 4
    police ..." gives 2014-03-04). A bare year alone gives no day: None.
    """
    pieces = _pieces(text, None, [0])
    days = [parsed[0] for p in pieces if p.explicit
            for parsed in [parse_value(p.value)] if parsed and parsed[1] == "day"]
    if days:
        return max(days)
    years = [(p.start, int(p.value[:4])) for p in pieces if re.fullmatch(r"\d{4}(?:-\d\d)?", p.value)]
    found = []
    for p in pieces:
        if p.md is None or p.year_given or not years:
            continue
        distance, year = min((abs(start - p.start), year) for start, year in years)
        day = safe_date(year, *p.md) if distance <= _DCT_YEAR_REACH else None
        if day is not None:
            found.append(day)
    return max(found) if found else None


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
