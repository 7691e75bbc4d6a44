"""TimeML values: parsing, precision, date arithmetic and rendering."""

from __future__ import annotations

import calendar
import datetime as dt
import re

# A year-less "month day" more than this many days after the DCT is read as last
# year's: news reports the past far more than the future ("December 28" in a
# 2022-01-03 article is 2021-12-28).
FUTURE_DAYS = 61

GRANS = ("day", "week", "month", "year", "decade")  # finest to coarsest
# unit -> (TimeML letter, multiplier, is clock unit, granularity for date arithmetic)
UNITS: dict[str, tuple[str, int, bool, str]] = {
    "second": ("S", 1, True, "day"), "minute": ("M", 1, True, "day"),
    "hour": ("H", 1, True, "day"), "day": ("D", 1, False, "day"),
    "week": ("W", 1, False, "week"), "fortnight": ("W", 2, False, "week"),
    "month": ("M", 1, False, "month"), "year": ("Y", 1, False, "year"),
    "decade": ("Y", 10, False, "year"), "century": ("Y", 100, False, "year"),
}


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None when it does not exist (31 April)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def add_months(d: dt.date, n: int) -> dt.date:
    """Return ``d`` moved by ``n`` calendar months, the day clamped to the month's length."""
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return dt.date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    """Return ``d`` moved by ``n`` units (a key of ``UNITS``); clock units do not move it."""
    letter, mult, clock, _ = UNITS[unit]
    if clock:
        return d
    if letter == "D":
        return d + dt.timedelta(days=n)
    if letter == "W":
        return d + dt.timedelta(weeks=n * mult)
    if letter == "M":
        return add_months(d, n)
    return add_months(d, 12 * n * mult)


def render(d: dt.date, gran: str) -> str:
    """Return the TimeML value of ``d`` at granularity ``gran``."""
    if gran == "day":
        return d.isoformat()
    if gran == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if gran == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "year":
        return f"{d.year:04d}"
    return f"{d.year:04d}"[:3]


def coarser(a: str, b: str) -> str:
    """Return the coarser of two granularities of ``GRANS``."""
    return a if GRANS.index(a) >= GRANS.index(b) else b


_VALUE_RE = re.compile(
    r"^(?P<y>\d{4})(?:-(?P<m>\d{2})(?:-(?P<d>\d{2}))?|-W(?P<w>\d{2})(?:-WE)?"
    r"|-(?P<s>SP|SU|FA|WI|Q[1-4]|H[12]))?(?:T.*)?$|^(?P<dec>\d{3})$"
)


def parse_value(value: str) -> tuple[dt.date, str] | None:
    """Return a representative first day and the granularity of a concrete TimeML value."""
    m = _VALUE_RE.match(value)
    if not m:
        return None
    if m["dec"]:
        return dt.date(int(m["dec"]) * 10, 1, 1), "decade"
    y = int(m["y"])
    if m["w"]:
        try:
            return dt.date.fromisocalendar(y, int(m["w"]), 1), "week"
        except ValueError:
            return None
    if m["d"]:
        d = safe_date(y, int(m["m"]), int(m["d"]))
        return (d, "day") if d else None
    if m["m"]:
        return (dt.date(y, int(m["m"]), 1), "month") if 1 <= int(m["m"]) <= 12 else None
    return dt.date(y, 1, 1), "year"


def value_precision(value: str) -> str | None:
    """Return the precision (day|month|year|decade) a TimeML value resolves to, None if vague.

    An ISO week is ``month`` when its seven days lie in one month, else ``year``.
    """
    parsed = parse_value(value)
    if parsed is None:
        return None
    d, gran = parsed
    if gran == "week":
        return "month" if (d + dt.timedelta(days=6)).month == d.month else "year"
    return gran


def event_value(value: str) -> tuple[str, str] | None:
    """Return (date, precision) for dating an event from a TimeML value, None if vague.

    The date is the value's prefix at its precision ("2022-02-24T10:00" gives
    "2022-02-24"/day, "2022-W07" gives "2022-02"/month, "2020-SU" gives "2020"/year).
    """
    precision = value_precision(value)
    if precision is None:
        return None
    d, _ = parse_value(value)  # type: ignore[misc]
    return render(d, "decade" if precision == "decade" else precision), precision


def year_for(month: int, day: int | None, dct: dt.date, *, future: bool = False) -> int:
    """Return the year a year-less date takes from the DCT, preferring the past.

    With ``future`` (the sentence speaks of what is to come) it is the year of the
    first such date on or after the DCT: "talks will resume on January 5" in a
    2012-12-28 article is 2013-01-05, "elections due in March" in a December one next year's.
    """
    if day is None:
        if future:
            return dct.year if month >= dct.month else dct.year + 1
        return dct.year - 1 if month > dct.month + 2 else dct.year
    candidate = safe_date(dct.year, month, day) or dt.date(dct.year, month, 28)
    if future:
        return dct.year if candidate >= dct else dct.year + 1
    return dct.year - 1 if (candidate - dct).days > FUTURE_DAYS else dct.year
