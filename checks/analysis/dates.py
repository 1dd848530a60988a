"""Dates, era years and time ranges, found on the width-folded text."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "ERAS",
    "WEEKDAYS",
    "DateMention",
    "EraMention",
    "TimeRange",
    "find_dates",
    "find_eras",
    "find_time_ranges",
]

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
WEEKDAYS = "月火水木金土日"

_ERA_RE = re.compile(
    r"(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年度?"
    r"(?:\s*\(\s*(?P<west>\d{4})\s*年?度?\s*\))?"
)
_WEST_ERA_RE = re.compile(
    r"(?P<west>\d{4})\s*年度?\s*\(\s*(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年度?\s*\)"
)
_WEEKDAY = r"(?:\s*\(\s*(?P<wd>[月火水木金土日])(?:曜日?)?(?:\s*[・･]\s*(?:祝|休)日?)?\s*\))?"
_FULL_DATE_RE = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _WEEKDAY)
# The year written right before a date: "令和9年", "2027年", "令和9年(2027年)".
_YEAR_BEFORE_RE = re.compile(
    r"(?:(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})|(?<!\d)(?P<west>\d{4}))\s*年"
    r"(?:\s*\([^)]{1,12}\))?\s*$"
)
_SLASH_DATE_RE = re.compile(
    r"(?<![\d/])(?:(?P<west>\d{4})/)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])" + _WEEKDAY
)
# A bare "22日(金)" right after a full date and a range or list connector inherits its month.
_BARE_DAY_RE = re.compile(
    r"\s*(?:から|まで|～|~|〜|ー|-|－|・|、|と|及び|および|,)\s*(?:翌\s*)?"
    r"(?P<d>\d{1,2})\s*日" + _WEEKDAY
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date written in the draft ("1月10日(日)", "令和9年1月10日", "3/16(火)")."""

    start: int
    end: int
    year: int | None  # stated in the text, if any
    month: int
    day: int
    weekday: int | None  # 0 = Monday, as written in the text, if any
    weekday_start: int | None


@dataclass(frozen=True, slots=True)
class EraMention:
    """A Japanese era year (年 or 年度), optionally with the western year written beside it."""

    start: int
    end: int
    era: str
    era_year: int
    western: int | None

    @property
    def expected_western(self) -> int:
        return ERAS[self.era] + self.era_year


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A time range "12:15～12:00"; ``next_day`` when the end is marked 翌."""

    start: int
    end: int
    begin_minutes: int
    end_minutes: int
    next_day: bool


def _era_year(n: str) -> int:
    return 1 if n == "元" else int(n)


def _year_of(m: re.Match[str]) -> int | None:
    if m.groupdict().get("west"):
        return int(m.group("west"))
    if m.groupdict().get("era"):
        return ERAS[m.group("era")] + _era_year(m.group("n"))
    return None


def _weekday_of(m: re.Match[str]) -> tuple[int | None, int | None]:
    wd = m.group("wd")
    if wd is None:
        return None, None
    return WEEKDAYS.index(wd), m.start("wd")


def find_dates(folded: str) -> tuple[DateMention, ...]:
    out: list[DateMention] = []
    if "月" in folded:
        for m in _FULL_DATE_RE.finditer(folded):
            start = m.start()
            y = _YEAR_BEFORE_RE.search(folded, max(0, start - 24), start)
            year = _year_of(y) if y else None
            if y:
                start = y.start()
            month = int(m.group("m"))
            wd, wd_at = _weekday_of(m)
            out.append(DateMention(start, m.end(), year, month, int(m.group("d")), wd, wd_at))
            pos = m.end()
            while True:
                b = _BARE_DAY_RE.match(folded, pos)
                if b is None or _FULL_DATE_RE.match(folded, b.start("d")):
                    break
                wd, wd_at = _weekday_of(b)
                out.append(
                    DateMention(b.start("d"), b.end(), year, month, int(b.group("d")), wd, wd_at)
                )
                pos = b.end()
    if "/" in folded:
        for m in _SLASH_DATE_RE.finditer(folded):
            # "2027/03/16" and "3/16(火)" are dates; "1/2" alone is more likely a fraction.
            if m.group("west") is None and m.group("wd") is None:
                continue
            wd, wd_at = _weekday_of(m)
            out.append(
                DateMention(
                    m.start(), m.end(), _year_of(m), int(m.group("m")), int(m.group("d")), wd, wd_at
                )
            )
    out.sort(key=lambda d: d.start)
    return tuple(out)


def find_eras(folded: str) -> tuple[EraMention, ...]:
    out = []
    for rx in (_ERA_RE, _WEST_ERA_RE):
        for m in rx.finditer(folded):
            west = m.group("west")
            out.append(
                EraMention(
                    m.start(),
                    m.end(),
                    m.group("era"),
                    _era_year(m.group("n")),
                    int(west) if west else None,
                )
            )
    out.sort(key=lambda e: e.start)
    return tuple(out)


# A time by its digits, or noon by name (正午 = 12:00).
_TIME = (
    r"(?:(?P<{p}noon>正午)|(?:(?P<{p}ampm>午前|午後)\s*)?(?P<{p}h>\d{{1,2}})\s*"
    r"(?::\s*(?P<{p}m>\d{{2}})|時(?:\s*(?P<{p}m2>\d{{1,2}})\s*分|(?P<{p}half>半))?))"
)
_TIME_RANGE_RE = re.compile(
    _TIME.format(p="a")
    + r"\s*(?:～|~|〜|－|-|から)\s*(?P<next>翌(?:\s*\d{1,2}\s*日(?:\s*\([^)]{1,6}\))?)?\s*)?"
    + _TIME.format(p="b")
)


def _minutes(m: re.Match[str], p: str) -> int | None:
    if m.group(p + "noon"):
        return 12 * 60
    h = int(m.group(p + "h"))
    mm = m.group(p + "m") or m.group(p + "m2")
    minutes = int(mm) if mm else (30 if m.group(p + "half") else 0)
    if m.group(p + "ampm") == "午後" and h < 12:
        h += 12
    if h > 30 or minutes > 59:
        return None
    return h * 60 + minutes


def find_time_ranges(folded: str) -> tuple[TimeRange, ...]:
    out = []
    for m in _TIME_RANGE_RE.finditer(folded):
        a = _minutes(m, "a")
        b = _minutes(m, "b")
        if a is None or b is None:
            continue
        # "午後1時から4時", "午前10時から2時": the start's 午前/午後 carries to an end that would
        # otherwise come before it; read the end in the afternoon.
        if m.group("aampm") and not m.group("bampm") and b <= a < b + 12 * 60 and b < 12 * 60:
            b += 12 * 60
        out.append(TimeRange(m.start(), m.end(), a, b, bool(m.group("next"))))
    return tuple(out)
