"""Times as people read them in Slack: 「11月30日 17:25」, not ISO 8601."""

from __future__ import annotations

from datetime import date, datetime

from messages import text

__all__ = ["long_date", "readable_time"]


def readable_time(iso: str | None) -> str:
    """``2027-11-30T17:25:00+09:00`` → 「11月30日 17:25」; a date alone → 「11月30日」."""
    if not iso:
        return text("bot.unset")
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if len(iso.strip()) <= 10:
        return text("bot.date", month=when.month, day=when.day)
    return text("bot.time", month=when.month, day=when.day, hm=f"{when:%H:%M}")


def long_date(day: date) -> str:
    """A date for the record, with its year: 「2027年2月1日」."""
    return text("bot.date_long", year=day.year, month=day.month, day=day.day)
