"""The tagging rules: word tables, regular expressions, acceptors and normalisers.

Each ``Rule`` is one regular expression, an optional acceptor that rejects
matches that are not time expressions from their context ("2000 troops"), and
a normaliser that turns a match into ``Piece`` s (span, TIMEX3 type and value).
``RULES`` is in priority order for candidates with identical spans.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .values import UNITS, add_months, coarser, render, safe_date, shift, year_for

# --- word tables -------------------------------------------------------------------
_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ONES = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen"
).split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
_PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9),
            "fall": ("FA", 9), "winter": ("WI", 12)}
_SET_ADVERBS = {"hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W",
                "monthly": "P1M", "yearly": "P1Y", "annually": "P1Y"}

# Words before a bare year or month that make it a date ("in 2010", "since May").
_TIME_PREPS = frozenset(
    "in since until till by from during before after through throughout circa c ca "
    "between early mid late last next this of".split()
)
_MONTH_PREPS = _TIME_PREPS | {"to", "for"}
_YEAR_PREPS = _TIME_PREPS - {"of"}
_DETERMINERS = frozenset("the its his her their our this that".split())
# Words before a number that make it a quantity ("some 2000", "more than 1994").
_QUANTIFIERS = frozenset(
    "about around some nearly almost over than approximately roughly least to up of "
    "with only just total all and or no number resolution flight route article page "
    "room model version".split()
)
# Words before "of", "to", "than" that make the following number a year.
_BEFORE_PREP = frozenset("end beginning start middle half part back later earlier sooner".split())
# Words after a number that make it a count ("2000 troops", "1500 people").
_COUNT_NOUNS = frozenset(
    "people persons troops soldiers servicemen protesters demonstrators police officers "
    "men women children civilians votes voters dollars euros roubles rubles pounds km "
    "kilometres kilometers miles metres meters tonnes tons barrels cases deaths dead "
    "casualties workers students residents refugees migrants prisoners detainees arrests "
    "households families units times more others of tanks vehicles jets aircraft "
    "missiles shells members delegates seats employees staff".split()
)

# --- regex fragments -----------------------------------------------------------------
_MONTH = (r"(?-i:(?:January|February|March|April|May|June|July|August|September|October"
          r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)")
_DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR4 = r"(?:1\d|20)\d\d"
_YEAR = _YEAR4 + r"\b"
_WD = r"(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
_NUM = (r"(?<![\d,.])(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
        r"(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
        r"|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
        r"|one|two|three|four|five|six|seven|eight|nine|ten|an|a|\d+(?:\.\d+)?)")
_VAGUE = r"(?:several|a\s+few|few|a\s+couple\s+of|couple\s+of|many|some)"
# Approximators and bounds TimeML keeps inside the span ("nearly two years", "more than
# four hours"); the value stays the plain amount (the mod attribute is not scored).
# TimeBank leaves out "over", "only", "just" (measured on TBAQ-cleaned: 3 in, 6 out).
_APPROX = (r"(?:about|around|nearly|almost|roughly|approximately|some|up\s+to|at\s+least"
           r"|at\s+most|more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|no\s+less\s+than)")
_UNIT = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century|centuries)"
CONNECT = re.compile(r"\s*(?:-|–|—|/|to|and|until|till|through)\s*", re.IGNORECASE)
_PREV_WORD = re.compile(r"([A-Za-z’'.]+)[\s,(\"“]*$")
_OPENING_WORD = re.compile(r"(?:^|[.!?]\s+)[A-Z]\w*\s+$")
_NEXT_WORD = re.compile(r"^[\s\"”]*([A-Za-z]+)")
_NUMBER_AFTER = re.compile(r"^\s*(?:%|per\s*cent|percent|,\d|\.\d|\d)", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"^\s*(?:to|or|-|–)\s*(\d[\d,]*)")
# Words before a year-less date in its sentence that put it in the future ("will meet on
# Monday", "talks scheduled for March 4"); looked for at most _CUE_REACH characters back,
# with no reporting verb in between ("said on Monday" stays in the past).
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|’ll|is\s+to|are\s+to|to\s+be\s+held|scheduled|due|planned|plans?\s+to"
    r"|expected\s+to|set\s+to|until|till|next|upcoming|ahead\s+of|deadline|expires?)\b"
    r"(?![^.;]*\b(?:said|says|told|announced|reported)\b)", re.IGNORECASE)
_CUE_REACH = 60
# How far back (characters, within one paragraph) an "in 2014" still sets the year of
# year-less dates: news paragraphs run ~200-400 characters, so about two of them.
NARRATIVE_REACH = 400


@dataclass(slots=True)
class Piece:
    """One normalised expression before it becomes a Timex."""

    start: int
    end: int
    type: str
    value: str
    explicit: bool = False  # a full date written out (feeds infer_dct)
    md: tuple[int, int] | None = None  # month, day of a month-day date
    year_given: bool = False


@dataclass(slots=True)
class Context:
    """What normalisers know: the DCT, the narrative anchor and the text."""

    text: str
    dct: dt.date | None
    sentence_starts: Sequence[int]
    anchor: tuple[dt.date, str] | None = None  # last concrete DATE, granularity
    year_anchor: tuple[int, int] | None = None  # offset, year of the last "in 2014"-like expression
    last_day: tuple[int, dt.date] | None = None  # sentence index, date of last day-level expression
    pieces: list[Piece] = field(default_factory=list)

    def sentence_of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, offset) - 1)

    def sentence_span(self, offset: int) -> tuple[int, int]:
        """Return the (start, end) offsets of the sentence holding ``offset``."""
        i = bisect.bisect_right(self.sentence_starts, offset)
        start = self.sentence_starts[i - 1] if i else 0
        end = self.sentence_starts[i] if i < len(self.sentence_starts) else len(self.text)
        return start, end

    def future(self, start: int) -> bool:
        """Return whether the words before ``start`` in its sentence speak of the future."""
        lo, _ = self.sentence_span(start)
        return bool(_FUTURE_CUE.search(self.text[max(lo, start - _CUE_REACH):start]))

    def narrative_year(self, start: int) -> int | None:
        """Return the year of the passage when it is about a year before the DCT's.

        The year comes from an "in 2014"-like expression (not "since 2014", not
        "the 2014 vote") at most ``NARRATIVE_REACH`` characters back and in the same
        paragraph: "In 2014 ... On March 4" is 2014-03-04 in a 2022 article.
        """
        if self.year_anchor is None or self.dct is None:
            return None
        at, year = self.year_anchor
        if year >= self.dct.year or start - at > NARRATIVE_REACH or "\n\n" in self.text[at:start]:
            return None
        return year

    def base(self) -> tuple[dt.date, str] | None:
        """Return the anchor for anaphoric expressions: the narrative's, else the DCT."""
        if self.anchor is not None:
            return self.anchor
        return (self.dct, "day") if self.dct else None


Normaliser = Callable[[re.Match[str], Context], list[Piece]]
Acceptor = Callable[[re.Match[str], str], bool]


@dataclass(frozen=True, slots=True)
class Rule:
    """One expression kind: its pattern, an optional acceptor, its normaliser, an optional hint."""

    name: str
    pattern: re.Pattern[str]
    normalise: Normaliser
    accept: Acceptor | None = None
    hint: frozenset[str] = frozenset()  # tokens one of which every match contains (see RULES)



# --- small helpers -----------------------------------------------------------------------
def _month(word: str) -> int:
    return _MONTHS[word.lower()[:3]]


def _day(word: str) -> int:
    return int(re.match(r"\d+", word).group())  # type: ignore[union-attr]


def _number(words: str) -> float | None:
    """Return the value of a number in digits or words; None for vague ones ("several")."""
    w = re.sub(r"\s+", " ", words.lower().strip())
    if re.fullmatch(r"\d+(?:\.\d+)?", w):
        return float(w)
    if w in ("a", "an"):
        return 1.0
    if w in _ONES:
        return float(_ONES.index(w))
    parts = re.split(r"[-\s]", w)
    if parts[0] in _TENS:
        return float(_TENS[parts[0]] + (_ONES.index(parts[1]) if len(parts) > 1 else 0))
    return None


def _fmt(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


def _unit_key(word: str) -> str:
    w = word.lower()
    return "century" if w.startswith("centur") else w.rstrip("s")



def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text[max(0, start - 40):start])
    if not m:
        return ""
    word = m.group(1).lower().rstrip(".")
    return "the" if word.endswith(("'s", "’s")) else word  # a possessive acts as a determiner


def _next_word(text: str, end: int) -> str:
    m = _NEXT_WORD.match(text[end:end + 40])
    return m.group(1) if m else ""


# --- acceptors: reject matches that are not time expressions -----------------------------
def _accept_year(m: re.Match[str], text: str) -> bool:
    """Return whether a bare 4-digit number is a year, from the words around it."""
    if m["mod"]:
        return True
    start, end = m.start("year"), m.end("year")
    if start and text[start - 1] in "$£€#-–/.,:":
        return False
    after = text[end:end + 30]
    if _NUMBER_AFTER.match(after):
        return False
    rng = _RANGE_AFTER.match(after)
    if rng and not re.fullmatch(r"(?:1\d|20)\d\d", rng.group(1)):
        return False  # "2000 to 3000 people"
    nxt = _next_word(text, end)
    prev = _prev_word(text, start)
    if nxt.lower() in _COUNT_NOUNS:
        # "In 2010 police struck" opens a sentence; "resulted in 2000 deaths" counts
        return prev in _YEAR_PREPS and bool(_OPENING_WORD.search(text[max(0, start - 30):start]))
    if prev in _YEAR_PREPS or prev in _DETERMINERS:
        return True
    if prev in ("of", "to", "than"):
        # "the Act of 1961", "back to 2014", "no later than 2050"; not "a total of 2000"
        before = text[max(0, start - 40):start].rstrip()[:-len(prev)]
        word = _PREV_WORD.search(before)
        if word and (word.group(1)[0].isupper() or word.group(1).lower() in _BEFORE_PREP):
            return True
    if prev in _QUANTIFIERS or not 1900 <= int(m["year"]) <= 2099:
        return False
    # "2000 rioters": a bare number before a lowercase plural is a count
    return not (nxt.islower() and nxt.endswith("s"))


def _accept_quarter(m: re.Match[str], text: str) -> bool:
    """Return whether a "quarter"/"half" phrase is a part of a year, not a fraction or a game."""
    if (m["qdet"] or "").lower() == "a" and not (m["qmod"] or m["qu"] and m["qu"].lower() == "quarter"):
        return False  # "a second half" of a match, "a quarter of the vote"
    if m["qu2"] and not (m["qdet"] or m["qmod"] or m["rely"] or m["qy1"]):
        return False  # "quarter" alone: "a quarter", "headquarters", "the French quarter" ...
    if m["qu"] and m["qu"].lower() == "half":
        # "the first half of 2013" / "of the year"; not "the second half of the match"
        after = text[m.end():m.end() + 20].lower()
        return bool(m["qy1"] or m["qy2"] or m["rely"]
                    or after.startswith((" of the year", " of this year", " of next year", " of last year")))
    return True


def _accept_bare_month(m: re.Match[str], text: str) -> bool:
    """Return whether a month name without day or year is a date ("in May", "since March")."""
    return bool(m["rel"] or m["edge"] or m["ry"]) or _prev_word(text, m.start()) in _MONTH_PREPS


def _accept_duration(m: re.Match[str], text: str) -> bool:
    """Return whether a number + unit is a duration (not "a second round", "a day of mourning")."""
    if m["unit_b"]:
        return True
    unit = m["unit"].lower()
    if unit == "second" or (unit.endswith("s") and m["n"].lower() in ("a", "an")):
        return False
    return not (m["n"].lower() in ("a", "an") and _next_word(text, m.end()).lower() == "of")


def _accept_plain_unit(m: re.Match[str], text: str) -> bool:
    return _prev_word(text, m.start()) in {"for", "in", "over", "within", "took", "lasted"}


def _accept_clock24(m: re.Match[str], text: str) -> bool:
    return _prev_word(text, m.start()) in {"at", "by", "from", "until", "till", "since",
                                           "around", "before", "after", "to"}


def _accept_deictic(m: re.Match[str], text: str) -> bool:
    # the broadcaster "Russia Today" is not a date
    return not (m.group().startswith("Today") and _prev_word(text, m.start()) in ("russia", "usa"))


def _accept_weekday(m: re.Match[str], text: str) -> bool:
    # newspaper titles and named days are not dates
    return not re.match(r"\s+(?-i:Times|Telegraph|Express|Mirror|Post|Herald|Mail|Independent)\b",
                        text[m.end():m.end() + 14])


# --- normalisers ---------------------------------------------------------------------------
def _date_piece(ctx: Context, start: int, end: int, month: int, day: int,
                year: str | None, explicit_ok: bool = True) -> list[Piece]:
    if year:
        y: int | None = int(year)
    else:
        future = ctx.future(start)
        y = (None if future else ctx.narrative_year(start)) or (
            year_for(month, day, ctx.dct, future=future) if ctx.dct else None)
    if y is None:
        value = f"XXXX-{month:02d}-{day:02d}"
    elif safe_date(y, month, day) is None:
        return []
    else:
        value = f"{y:04d}-{month:02d}-{day:02d}"
    return [Piece(start, end, "DATE", value, explicit=bool(year) and explicit_ok,
                   md=(month, day), year_given=bool(year))]


def _n_month_day(m: re.Match[str], ctx: Context) -> list[Piece]:
    return _date_piece(ctx, m.start(), m.end(), _month(m["mon"]), _day(m["day"]), m["year"])


def _n_day_range(m: re.Match[str], ctx: Context) -> list[Piece]:
    month = _month(m["mon"])
    d1, d2 = _day(m["d1"]), _day(m["d2"])
    if d2 <= d1:
        return []
    if m["mon"] and m.start("mon") < m.start("d1"):  # "March 4-6, 2022"
        first = _date_piece(ctx, m.start(), m.end("d1"), month, d1, m["year"])
        second = _date_piece(ctx, m.start("d2"), m.end(), month, d2, m["year"])
    else:  # "4-6 March 2022"
        first = _date_piece(ctx, m.start("d1"), m.end("d1"), month, d1, m["year"])
        second = _date_piece(ctx, m.start("d2"), m.end(), month, d2, m["year"])
    return first + second


def _n_iso(m: re.Match[str], ctx: Context) -> list[Piece]:
    return _date_piece(ctx, m.start(), m.end(), int(m["m"]), int(m["d"]), m["year"])


def _n_numeric(m: re.Match[str], ctx: Context) -> list[Piece]:
    a, b = int(m["a"]), int(m["b"])
    if a > 12 and b <= 12:
        day, month = a, b  # European 24/02/2022
    elif b > 12 and a <= 12:
        month, day = a, b  # US 02/24/2022
    elif a == b:
        month = day = a
    else:
        return []  # 03/04/2022 is ambiguous: leave it untagged
    return _date_piece(ctx, m.start(), m.end(), month, day, m["year"])


def _n_month_year(m: re.Match[str], ctx: Context) -> list[Piece]:
    return [Piece(m.start(), m.end(), "DATE", f"{m['year']}-{_month(m['mon']):02d}")]


def _n_bare_month(m: re.Match[str], ctx: Context) -> list[Piece]:
    month = _month(m["mon"])
    if ctx.dct is None:
        return [Piece(m.start(), m.end(), "DATE", f"XXXX-{month:02d}")]
    rel = (m["rel"] or "").lower()
    if rel == "last":
        year = ctx.dct.year if month < ctx.dct.month else ctx.dct.year - 1
    elif rel == "next":
        year = ctx.dct.year if month > ctx.dct.month else ctx.dct.year + 1
    elif rel == "this":
        year = ctx.dct.year
    elif m["ry"]:  # "July last year"
        year = ctx.dct.year + {"last": -1, "this": 0, "next": 1}[m["ry"].lower()]
    else:
        future = ctx.future(m.start())
        year = (None if future else ctx.narrative_year(m.start())) or year_for(
            month, None, ctx.dct, future=future)
    return [Piece(m.start(), m.end(), "DATE", f"{year:04d}-{month:02d}")]


def _n_year(m: re.Match[str], ctx: Context) -> list[Piece]:
    return [Piece(m.start(), m.end(), "DATE", m["year"])]


def _n_year_range(m: re.Match[str], ctx: Context) -> list[Piece]:
    g1, g2 = ("y1", "y2") if m["y1"] else ("y1b", "y2b")
    y1, y2 = m[g1], m[g2]
    y2 = y2 if len(y2) == 4 else y1[:2] + y2
    if int(y2) <= int(y1) or int(y2) - int(y1) > 100:
        return []
    return [Piece(m.start(g1), m.end(g1), "DATE", y1),
            Piece(m.start(g2), m.end(g2), "DATE", y2)]


def _n_decade(m: re.Match[str], ctx: Context) -> list[Piece]:
    if m["cent"]:
        value = m["cent"] + m["d"]
    else:  # "the '90s": the most recent such decade not after the DCT
        now = ctx.dct.year if ctx.dct else 2099
        value = next((f"{c}{m['d2']}" for c in ("20", "19") if int(f"{c}{m['d2']}0") <= now),
                     f"19{m['d2']}")
    return [Piece(m.start(), m.end(), "DATE", value)]


def _n_century(m: re.Match[str], ctx: Context) -> list[Piece]:
    return [Piece(m.start(), m.end(), "DATE", f"{int(m['c']) - 1:02d}")]


def _n_season(m: re.Match[str], ctx: Context) -> list[Piece]:
    code, first = _SEASONS[(m["season"] or m["season2"]).lower()]
    if m["year"]:
        return [Piece(m.start(), m.end(), "DATE", f"{m['year']}-{code}")]
    if ctx.dct is None:
        return [Piece(m.start(), m.end(), "DATE", f"XXXX-{code}")]
    rel, y = m["rel2"].lower(), ctx.dct.year
    if rel == "last":
        y = y if first + 3 <= ctx.dct.month else y - 1
    elif rel == "next":
        y = y if first > ctx.dct.month else y + 1
    return [Piece(m.start(), m.end(), "DATE", f"{y}-{code}")]


def _weekday_date(wd: int, rel: str, dct: dt.date) -> dt.date:
    """Return the date of a weekday: the latest on or before the DCT unless last/next say otherwise."""
    back = (dct.weekday() - wd) % 7
    if rel == "last":
        return dct - dt.timedelta(days=back or 7)
    if rel == "next":
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7 or 7)
    if rel == "coming":  # "talks will resume on Monday": the next such day, the DCT included
        return dct + dt.timedelta(days=(wd - dct.weekday()) % 7)
    return dct - dt.timedelta(days=back)


def _n_weekday(m: re.Match[str], ctx: Context) -> list[Piece]:
    wd = _WEEKDAYS.index(m["wd"].lower())
    pod = _PARTS_OF_DAY.get((m["pod"] or "").lower())
    if ctx.dct is None:
        day_value = f"XXXX-WXX-{wd + 1}"
    else:
        rel = (m["rel"] or "").lower()
        if not rel and ctx.future(m.start()):
            rel = "coming"
        day_value = _weekday_date(wd, rel, ctx.dct).isoformat()
    if pod:
        return [Piece(m.start(), m.end(), "TIME", f"{day_value}T{pod}")]
    return [Piece(m.start(), m.end(), "DATE", day_value)]


def _n_deictic(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise expressions anchored on the DCT: today, yesterday, last week, this year."""
    dct = ctx.dct
    word = (m["word"] or "").lower()
    unit = (m["unit"] or "").lower()
    offsets = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
    if m["dbt"]:
        offsets["dbt"] = -2 if m["dbt"].lower().startswith("before") else 2
        word = "dbt"
    pod = _PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    if word:
        if dct is None:
            return [Piece(m.start(), m.end(), "TIME" if pod else "DATE",
                           "XXXX-XX-XX" + (f"T{pod}" if pod else ""))]
        day = dct + dt.timedelta(days=offsets[word])
        if pod:
            return [Piece(m.start(), m.end(), "TIME", f"{day.isoformat()}T{pod}")]
        return [Piece(m.start(), m.end(), "DATE", day.isoformat())]
    rel = m["rel"].lower()
    step = {"this": 0, "last": -1, "next": 1}[rel]
    if unit in _PARTS_OF_DAY:  # this morning, last night
        if dct is None:
            return [Piece(m.start(), m.end(), "TIME", f"XXXX-XX-XXT{_PARTS_OF_DAY[unit]}")]
        day = dct + dt.timedelta(days=step if unit == "night" else 0)
        if rel == "next" or (rel == "last" and unit != "night"):
            return []
        return [Piece(m.start(), m.end(), "TIME", f"{day.isoformat()}T{_PARTS_OF_DAY[unit]}")]
    if dct is None:
        blank = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX",
                 "year": "XXXX", "decade": "XXX"}[unit]
        return [Piece(m.start(), m.end(), "DATE", blank)]
    if unit in ("week", "weekend"):
        value = render(dct + dt.timedelta(weeks=step), "week")
        return [Piece(m.start(), m.end(), "DATE", value + ("-WE" if unit == "weekend" else ""))]
    if unit == "month":
        return [Piece(m.start(), m.end(), "DATE", render(add_months(dct, step), "month"))]
    if unit == "year":
        return [Piece(m.start(), m.end(), "DATE", f"{dct.year + step:04d}")]
    return [Piece(m.start(), m.end(), "DATE", f"{dct.year // 10 + step:03d}")]


def _relative(ctx_base: tuple[dt.date, str] | None, unit: str, n: float | None,
              sign: int) -> str | None:
    """Return the value ``n`` units after (sign 1) or before (-1) the anchor, None if unknown."""
    if ctx_base is None or n is None or n != int(n):
        return None
    base, base_gran = ctx_base
    gran = coarser(UNITS[unit][3], base_gran)
    if unit in ("decade", "century") and base_gran == "decade":
        gran = "decade"
    return render(shift(base, unit, sign * int(n)), gran)


def _blank(unit: str) -> str:
    gran = UNITS[unit][3]
    return {"day": "XXXX-XX-XX", "week": "XXXX-WXX", "month": "XXXX-XX"}.get(gran, "XXXX")


def _n_ago(m: re.Match[str], ctx: Context) -> list[Piece]:
    unit = _unit_key(m["unit"])
    n = _number(m["n"])
    if n is None:
        return [Piece(m.start(), m.end(), "DATE", "PAST_REF")]
    value = _relative((ctx.dct, "day") if ctx.dct else None, unit, n, -1)
    return [Piece(m.start(), m.end(), "DATE", value or _blank(unit))]


def _n_anaphoric_shift(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise "three days later", "a year earlier": a shift from the narrative anchor."""
    unit = _unit_key(m["unit"])
    sign = 1 if (m["dir"] or m["dir2"]).lower() in ("later", "after", "afterwards", "afterward") else -1
    value = _relative(ctx.base(), unit, _number(m["n"]), sign)
    return [Piece(m.start(), m.end(), "DATE", value or _blank(unit))]


def _n_anaphoric_ref(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise "the following day", "the day before", "that year" from the narrative anchor."""
    unit = _unit_key(m["unit"] or m["unit2"] or m["unit3"])
    which = (m["which"] or m["side"] or "same").lower()
    sign = {"following": 1, "next": 1, "after": 1, "previous": -1, "preceding": -1,
            "prior": -1, "before": -1}.get(which, 0)
    value = _relative(ctx.base(), unit, 1, sign)
    return [Piece(m.start(), m.end(), "DATE", value or _blank(unit))]


def _n_duration(m: re.Match[str], ctx: Context) -> list[Piece]:
    unit = _unit_key(m["unit"] or m["unit_b"])
    letter, mult, clock, _ = UNITS[unit]
    n = _number(m["n"]) if m["n"] else 1.0
    if n is not None and (m["half"] or m["half0"]):
        n += 0.5
    amount = "X" if n is None else _fmt(n * mult)
    return [Piece(m.start(), m.end(), "DURATION", ("PT" if clock else "P") + amount + letter)]


def _n_plain_unit(m: re.Match[str], ctx: Context) -> list[Piece]:
    letter, _, clock, _ = UNITS[_unit_key(m["unit"])]
    return [Piece(m.start(), m.end(), "DURATION", ("PT" if clock else "P") + "X" + letter)]


def _n_set(m: re.Match[str], ctx: Context) -> list[Piece]:
    if m["adv"]:
        return [Piece(m.start(), m.end(), "SET", _SET_ADVERBS[m["adv"].lower()])]
    if m["wd"]:
        return [Piece(m.start(), m.end(), "SET", f"XXXX-WXX-{_WEEKDAYS.index(m['wd'].lower()) + 1}")]
    unit = _unit_key(m["unit"] or m["unit2"])
    letter, mult, clock, _ = UNITS[unit]
    n = 2.0 if (m["n"] or "").lower() == "other" else (_number(m["n"]) if m["n"] else 1.0)
    amount = "X" if n is None else _fmt(n * mult)
    return [Piece(m.start(), m.end(), "SET", ("PT" if clock else "P") + amount + letter)]


def _n_vague(m: re.Match[str], ctx: Context) -> list[Piece]:
    value = "PRESENT_REF" if m["now"] else "PAST_REF" if m["past"] else "FUTURE_REF"
    start = m.start()
    lead = re.match(r"(?:in|over|during)\s+", m.group(), re.IGNORECASE)
    if lead and not m["now"]:
        start += lead.end()  # TimeML leaves the preposition out
    return [Piece(start, m.end(), "DATE", value)]


def _n_clock(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise a clock time on the day of the sentence's last date, else the DCT."""
    if m["noon"]:
        hour, minute = (12, 0) if m["noon"].lower() in ("noon", "midday") else (24, 0)
    else:
        hour, minute = int(m["h"]), int(m["min"] or 0)
        ampm = (m["ampm"] or "").lower().replace(".", "")
        if ampm == "pm" and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        if hour > 24 or (ampm and int(m["h"]) > 12):
            return []
    sentence = ctx.sentence_of(m.start())
    if ctx.last_day and ctx.last_day[0] == sentence:
        day = ctx.last_day[1].isoformat()
    else:
        day = ctx.dct.isoformat() if ctx.dct else "XXXX-XX-XX"
    return [Piece(m.start(), m.end(), "TIME", f"{day}T{hour:02d}:{minute:02d}")]


_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def _n_quarter(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise quarters and halves of a year ("the third quarter of 1990", "third-quarter",
    "the latest quarter", "the first half"): ``1990-Q3``, ``2013-H1``."""
    return [Piece(_quarter_start(m), p.end, p.type, p.value) for p in _quarter_pieces(m, ctx)]


def _quarter_start(m: re.Match[str]) -> int:
    """Return where a quarter's span starts: TimeBank keeps "the" before a noun ("the third
    quarter") but not before an adjective ("third-quarter loss"), and never "its"/"a"."""
    det = (m["qdet"] or "").lower()
    if not det:
        return m.start()
    hyphen = m["qu"] is not None and m.group()[m.start("qu") - m.start() - 1] == "-"
    if det in ("its", "their", "a") or (hyphen and not m["rely"]):
        rest = m.group()[m.end("qdet") - m.start():]
        return m.end("qdet") + len(rest) - len(rest.lstrip())
    return m.start()


def _quarter_pieces(m: re.Match[str], ctx: Context) -> list[Piece]:
    unit = (m["qu"] or m["qu2"]).lower()
    year_word = m["qy1"] or m["qy2"]
    rel = " ".join(w.lower() for w in (m["qdet"], m["qmod"], m["rely"]) if w)
    if ctx.dct is None and not year_word:
        return [Piece(m.start(), m.end(), "DATE", "XXXX-" + ("Q" if unit == "quarter" else "H") + "X")]
    if unit == "half":
        n = _ORDINALS.get((m["ord"] or "").lower())
        if n is None or n > 2:
            return []
        year = int(year_word) if year_word else ctx.dct.year  # type: ignore[union-attr]
        if "last year" in rel:
            year -= 1
        elif "next year" in rel:
            year += 1
        return [Piece(m.start(), m.end(), "DATE", f"{year:04d}-H{n}")]
    if m["ord"]:
        q = _ORDINALS[m["ord"].lower()]
        if year_word:
            year = int(year_word)
        else:
            dct = ctx.dct
            assert dct is not None
            year = dct.year
            if "last year" in rel or "year-ago" in rel or "year-earlier" in rel:
                year -= 1
            elif "next year" in rel:
                year += 1
            elif (dt.date(year, 3 * q - 2, 1) - dct).days > FUTURE_DAYS_QUARTER:
                year -= 1  # a quarter starting well after the DCT is last year's
        return [Piece(m.start(), m.end(), "DATE", f"{year:04d}-Q{q}")]
    dct = ctx.dct
    if dct is None:
        return []
    # no ordinal: a company reports the quarter just ended ("the quarter", "the latest quarter")
    now = (dct.month - 1) // 3
    index = dct.year * 4 + now + {"current": 0, "this": 0, "next": 1}.get(
        next((w for w in rel.split() if w in ("current", "this", "next")), ""), -1)
    if "year-ago" in rel or "year-earlier" in rel or "last year" in rel:
        index -= 4
    elif "next year" in rel:
        index += 4
    if year_word:
        index = int(year_word) * 4 + index % 4
    return [Piece(m.start(), m.end(), "DATE", f"{index // 4:04d}-Q{index % 4 + 1}")]


def _n_weekend(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise "the weekend": the DCT's own when it falls on one, else the one before."""
    if ctx.dct is None:
        return [Piece(m.start(), m.end(), "DATE", "XXXX-WXX-WE")]
    day = ctx.dct if ctx.dct.weekday() >= 5 else ctx.dct - dt.timedelta(days=7)
    return [Piece(m.start(), m.end(), "DATE", render(day, "week") + "-WE")]


def _easter(year: int) -> dt.date:
    """Return Western Easter Sunday of ``year`` (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _holiday(name: str, year: int) -> dt.date:
    key = re.sub(r"[^a-z]", "", name.lower())
    if key.startswith("thanksgiving"):  # US: the fourth Thursday of November
        first = dt.date(year, 11, 1)
        return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)
    if key.startswith("easter"):
        return _easter(year)
    if key.startswith("goodfriday"):
        return _easter(year) - dt.timedelta(days=2)
    return dt.date(year, *_HOLIDAYS[key])


_HOLIDAYS = {"christmas": (12, 25), "christmasday": (12, 25), "christmaseve": (12, 24),
             "newyearsday": (1, 1), "newyearday": (1, 1), "newyearseve": (12, 31),
             "halloween": (10, 31), "valentinesday": (2, 14), "bastilleday": (7, 14),
             "boxingday": (12, 26)}


def _n_holiday(m: re.Match[str], ctx: Context) -> list[Piece]:
    """Normalise named days ("Christmas", "Thanksgiving Day", "Easter 2013") to dates."""
    name = m["hol"]
    if m["hy"]:
        year = int(m["hy"])
    elif ctx.dct is None:
        return [Piece(m.start(), m.end(), "DATE", "XXXX-XX-XX")]
    else:
        this = _holiday(name, ctx.dct.year)
        rel = (m["hrel"] or "").lower()
        if rel == "last":
            year = ctx.dct.year if this < ctx.dct else ctx.dct.year - 1
        elif rel == "next" or (not rel and ctx.future(m.start())):
            year = ctx.dct.year if this >= ctx.dct else ctx.dct.year + 1
        elif rel == "this":
            year = ctx.dct.year
        else:
            year = ctx.dct.year if (this - ctx.dct).days <= FUTURE_DAYS_QUARTER else ctx.dct.year - 1
    return [Piece(m.start(), m.end(), "DATE", _holiday(name, year).isoformat())]


# A quarter or named day more than this many days after the DCT is last year's (as FUTURE_DAYS).
FUTURE_DAYS_QUARTER = 61


# --- the rules, in priority order for equal spans ---------------------------------------
def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_WD_PREFIX = rf"(?:{_WD},?\s+(?:the\s+)?)?"
_MOD = r"(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)"


def _hint(words: str) -> frozenset[str]:
    return frozenset(words.split())


# Hints: lowercase tokens (runs of letters or of digits; "#year" stands for 1000-2099,
# "#num" for other numbers) one of which every match of the rule contains. A rule
# only runs near its hint's hits: tagging is three times faster than running every
# pattern over the whole text.
_H_MONTH = _hint("january february march april may june july august september october november "
                 "december jan feb mar apr jun jul aug sep sept oct nov dec")
_H_UNIT = _hint("second seconds minute minutes hour hours day days week weeks fortnight fortnights "
                "month months year years decade decades century centuries")
_H_YEAR = _hint("#year")
_QUARTER = (
    rf"\b(?:(?P<qdet>the|this|last|next|a|its|their)\s+)?(?:(?P<rely>(?:last|this|next)\s+year)['’]s\s+)?"
    rf"(?:(?P<qy1>{_YEAR4})\s+)?(?:(?P<qmod>latest|current|past|year-ago|year-earlier|same|flat|"
    rf"weak|strong|fiscal|fiscal-?)[-\s]+)*(?:fiscal[-\s]+)?"
    rf"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[-\s]+(?P<qu>quarter|half)"
    rf"|(?P<qu2>quarter))(?![-\w])"
    rf"(?!\s+of\s+(?:a|an|the|its|his|her|their|all|those|these)\b)"
    rf"(?:,?\s+(?:of\s+)?(?:fiscal\s+)?(?P<qy2>{_YEAR}))?")
RULES: tuple[Rule, ...] = (
    Rule("iso", _rx(rf"\b(?P<year>{_YEAR4})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])\b"),
         _n_iso, hint=_H_YEAR),
    Rule("numeric", _rx(rf"\b(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{_YEAR})"),
         _n_numeric, hint=_H_YEAR),
    Rule("month_day", _rx(rf"\b{_WD_PREFIX}(?P<mon>{_MONTH})\s+(?P<day>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"),
         _n_month_day, hint=_H_MONTH),
    Rule("day_month", _rx(rf"\b{_WD_PREFIX}(?P<day>{_DAY})(?:\s+of)?\s+(?P<mon>{_MONTH})"
                          rf"(?:,?\s+(?P<year>{_YEAR}))?"), _n_month_day, hint=_H_MONTH),
    Rule("day_range", _rx(rf"\b(?P<d1>{_DAY})\s*(?:-|–|—|and|to|until|till|through)\s*(?P<d2>{_DAY})"
                          rf"\s+(?:of\s+)?(?P<mon>{_MONTH})(?:,?\s+(?P<year>{_YEAR}))?"),
         _n_day_range, hint=_H_MONTH),
    Rule("month_day_range", _rx(rf"\b(?P<mon>{_MONTH})\s+(?P<d1>{_DAY})\s*(?:-|–|—|to|through|until)\s*"
                                rf"(?P<d2>{_DAY})(?:,?\s+(?P<year>{_YEAR}))?"), _n_day_range, hint=_H_MONTH),
    Rule("month_year", _rx(rf"\b(?:{_MOD}[-\s]+)?(?P<mon>{_MONTH})(?:\s+of|,)?\s+(?P<year>{_YEAR})"),
         _n_month_year, hint=_H_MONTH),
    Rule("year_range", _rx(rf"(?<![\w$£€#.,/-])(?P<y1>{_YEAR})\s*(?:-|–|—|/)\s*"
                           rf"(?P<y2>(?:1\d|20)?\d\d)\b(?![-/.]\d)|\b(?:from|between)\s+(?P<y1b>{_YEAR})"
                           rf"\s+(?:to|and|until|till|through)\s+(?P<y2b>{_YEAR})"),
         _n_year_range, hint=_H_YEAR),
    Rule("decade", _rx(r"(?:\bthe\s+)?(?:\b(?:early|mid|late)[-\s]+)?(?:\b(?P<cent>1\d|20)(?P<d>\d)"
                       r"0[’']?s\b|[’'‘](?P<d2>\d)0s\b)"), _n_decade, hint=_hint("s")),
    Rule("century", _rx(r"\b(?:the\s+)?(?:(?:early|mid|late)[-\s]+)?(?P<c>1\d|20|[1-9])(?:st|nd|rd|th)"
                        r"[-\s]+century\b"), _n_century, hint=_hint("century")),
    Rule("season", _rx(rf"\b(?:(?:early|late|mid)[-\s]+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall"
                       rf"|winter)(?:\s+of|,)?\s+(?P<year>{_YEAR})|\b(?P<rel2>last|this|next)\s+"
                       rf"(?P<season2>spring|summer|autumn|fall|winter)\b"), _n_season,
         hint=_hint("spring summer autumn fall winter")),
    Rule("quarter", _rx(_QUARTER), _n_quarter, _accept_quarter, hint=_hint("quarter half")),
    Rule("weekend", _rx(r"\b(?:the|this\s+past)\s+weekend\b"), _n_weekend, hint=_hint("weekend")),
    Rule("holiday", _rx(rf"\b(?:(?P<hrel>last|next|this)\s+)?(?P<hol>(?-i:Christmas(?:\s+(?:Day|Eve))?|"
                        rf"New\s+Year['’]?s?\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|"
                        rf"Good\s+Friday|Halloween|Valentine['’]?s\s+Day|Bastille\s+Day|Boxing\s+Day))\b"
                        rf"(?:,?\s+(?P<hy>{_YEAR}))?"), _n_holiday,
         hint=_hint("christmas new thanksgiving easter good halloween valentine bastille boxing")),
    Rule("year", _rx(rf"(?<![\w$£€#.,/-])(?:{_MOD}[-\s]+)?(?P<year>{_YEAR})(?!-\d|[’']?s\b)"),
         _n_year, _accept_year, hint=_H_YEAR),
    Rule("bare_month", _rx(rf"\b(?:(?P<rel>last|next|this|early|mid|late)[-\s]+|(?P<edge>(?:the\s+)?"
                           rf"(?:end|beginning|start|middle)\s+of\s+))?(?P<mon>{_MONTH})(?![\s.]*\d)"
                           rf"(?:,?\s+(?:of\s+)?(?P<ry>last|this|next)\s+year\b)?"),
         _n_bare_month, _accept_bare_month, hint=_H_MONTH),
    Rule("weekday", _rx(rf"\b(?:(?P<rel>last|next|this|early|late|earlier|later)\s+)?(?P<wd>{_WD})"
                        rf"(?:\s+(?P<pod>morning"
                        rf"|afternoon|evening|night))?"), _n_weekday, _accept_weekday,
         hint=_hint("monday tuesday wednesday thursday friday saturday sunday")),
    Rule("deictic", _rx(r"\b(?:(?:earlier|later|early|late)\s+)?(?:(?P<word>today|tonight|yesterday|tomorrow)"
                        r"(?:\s+(?P<pod>morning|afternoon|evening|night))?|the\s+day\s+(?P<dbt>before\s+"
                        r"yesterday|after\s+tomorrow)|(?P<rel>this|last|next)\s+(?P<unit>weekend|week|month"
                        r"|year|decade|morning|afternoon|evening|night))\b"), _n_deictic, _accept_deictic,
         hint=_hint("today tonight yesterday tomorrow this last next")),
    Rule("ago", _rx(rf"\b(?:{_APPROX}\s+)?(?P<n>{_NUM}|{_VAGUE})[\s-]+(?P<unit>{_UNIT})\s+ago\b"), _n_ago,
         hint=_hint("ago")),
    Rule("anaphoric_shift", _rx(rf"\b(?P<n>{_NUM})[\s-]+(?P<unit>{_UNIT})\s+(?:(?P<dir>later|earlier|"
                                rf"afterwards?)\b|(?P<dir2>before|after)(?=\s*[,.;:)!?]|\s*$))"),
         _n_anaphoric_shift, hint=_hint("later earlier before after afterwards afterward")),
    Rule("anaphoric_ref", _rx(r"\b(?:(?:earlier|later)\s+)?(?:the\s+(?P<which>following|next|previous|"
                              r"preceding|prior|same)\s+(?P<unit>day|week|month|year)|the\s+(?P<unit2>day|"
                              r"week|month|year)\s+(?P<side>before|after)(?=\s*[,.;:)!?]|\s*$)|that\s+(?:same"
                              r"\s+)?(?P<unit3>day|week|month|year))\b(?![’']s)"), _n_anaphoric_ref,
         hint=_H_UNIT),
    Rule("set", _rx(rf"\b(?:(?:every|each)\s+(?:(?P<n>other|{_NUM})\s+)?(?P<unit>{_UNIT})|(?:every|each)"
                    rf"\s+(?P<wd>{_WD})|(?P<adv>hourly|daily|nightly|weekly|monthly|yearly|annually)"
                    rf"|(?:once|twice|thrice|{_NUM}\s+times)\s+(?:a|an|per|every)\s+(?P<unit2>{_UNIT}))\b"),
         _n_set, hint=_hint("every each hourly daily nightly weekly monthly yearly annually once twice "
                            "thrice times")),
    Rule("duration", _rx(rf"\b(?:(?:the\s+)?(?:past|last|next|first|coming|previous|following)\s+"
                         rf"|{_APPROX}\s+|the\s+(?=\S+\s+(?:days|weeks|months|years)\b))?"
                         rf"(?P<n>{_NUM}|{_VAGUE})(?P<half0>\s+and\s+a\s+half)?[\s-]+(?P<unit>{_UNIT})"
                         rf"(?P<half>\s+and\s+a\s+half)?"
                         rf"(?:[\s-]+long)?\b(?![\s-]+olds?\b)|\bthe\s+(?:past|last|next|coming|previous)"
                         rf"\s+(?P<unit_b>day|week|fortnight|month|year|decade|century)\b"),
         _n_duration, _accept_duration, hint=_H_UNIT),
    Rule("plain_unit", _rx(r"\b(?P<unit>years|months|weeks|days|decades|hours)\b"),
         _n_plain_unit, _accept_plain_unit, hint=_H_UNIT),
    Rule("vague", _rx(r"\b(?:(?P<now>now|currently|nowadays|at\s+present|at\s+the\s+moment)(?![-\w])"
                      r"|(?P<past>(?:more\s+|most\s+)?recently|lately"
                      r"|(?:in\s+|over\s+|during\s+)?(?:the\s+)?recent\s+(?:days"
                      r"|weeks|months|years|times)|in\s+the\s+past(?!\s+(?:\d|few|several|two|three|"
                      r"week|month|year|day|decade))|the\s+past(?=\s*[,.;]))"
                      r"|(?P<future>(?:in\s+)?the\s+(?:near\s+|distant\s+)?future|"
                      r"in\s+future|the\s+coming\s+(?:days|weeks|months|years)))\b"), _n_vague,
         hint=_hint("now currently nowadays present moment recent recently lately past future "
                         "coming")),
    Rule("clock", _rx(r"\b(?:(?P<h>[01]?\d|2[0-3])(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.m\.|p\.m\.|am\b"
                      r"|pm\b)|(?P<noon>noon|midday|midnight)\b)"), _n_clock,
         hint=_hint("am pm m noon midday midnight")),
    Rule("clock24", _rx(r"\b(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)\b(?P<ampm>)(?P<noon>)"),
         _n_clock, _accept_clock24, hint=_hint("#num")),
)
