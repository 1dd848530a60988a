"""Working days and opening hours of the city: weekends, national holidays, 年末年始, extra
closures and each account's hours."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

import jpholiday

from checks.config import Account, CityConfig


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


def is_working_day(config: CityConfig, day: date, account: Account | None = None) -> bool:
    """True when the account (or, without one, the city's default schedule) works on ``day``."""
    days = account.working_days if account else config.default_working_days
    return closure_reason(day, days, config.closures) is None


def closed_reason(
    config: CityConfig, at: datetime, account: Account | None = None, *, time_known: bool = True
) -> str | None:
    """None when the account is open at ``at``; else why not: "new_year", "closure",
    "holiday", "weekend" (the day) or "outside" (the time of day; never when the time is
    not known). The one answer to "is this account open now?" for the checker (HRS001),
    /check and the reminders."""
    if at.tzinfo is not None:
        at = at.astimezone(config.tz)
    hours = account.hours if account else config.default_hours
    days = account.working_days if account else config.default_working_days
    why = closure_reason(at.date(), days, config.closures)
    if why is not None or not time_known:
        return why
    return None if hours.start <= at.time().replace(tzinfo=None) < hours.end else "outside"


def is_open(config: CityConfig, at: datetime, account: Account | None = None) -> bool:
    """Is the account (or the city's default schedule) open at ``at``?"""
    return closed_reason(config, at, account) is None
