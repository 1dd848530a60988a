"""Working days of the city: weekends, national holidays, 年末年始 and extra closures."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import jpholiday


@lru_cache(maxsize=4096)
def holiday_name(day: date) -> str | None:
    """The national holiday on ``day`` (振替休日 and 国民の休日 included), if any."""
    name = jpholiday.is_holiday_name(day)
    return str(name) if name else None


def in_new_year_closure(day: date) -> bool:
    """12/29–1/3, when municipal offices close (行政機関の休日に関する法律 style)."""
    return (day.month == 12 and day.day >= 29) or (day.month == 1 and day.day <= 3)


def closure_reason(
    day: date, working_weekdays: frozenset[int], extra_closures: frozenset[date] = frozenset()
) -> str | None:
    """Why ``day`` is not a working day ("weekend", "holiday", "new_year", "closure"), or None."""
    if in_new_year_closure(day):
        return "new_year"
    if day in extra_closures:
        return "closure"
    if holiday_name(day) is not None:
        return "holiday"
    if day.weekday() not in working_weekdays:
        return "weekend"
    return None
