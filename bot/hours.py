"""Is it inside an account's operating hours right now?"""

from __future__ import annotations

from datetime import datetime

from checks.calendar import closure_reason
from checks.config import Account, CityConfig
from messages import text

__all__ = ["in_operating_hours", "outside_hours_notice"]


def in_operating_hours(config: CityConfig, at: datetime, account: Account | None) -> bool:
    at = at.astimezone(config.tz)
    hours = account.hours if account else config.default_hours
    days = account.working_days if account else config.default_working_days
    if closure_reason(at.date(), days, config.closures) is not None:
        return False
    return hours.start <= at.time().replace(tzinfo=None) < hours.end


def outside_hours_notice(config: CityConfig, at: datetime, account: Account | None) -> str | None:
    """The sentence /check shows first when used outside the account's hours (§6(1))."""
    if in_operating_hours(config, at, account):
        return None
    hours = account.hours if account else config.default_hours
    name = account.name if account else text("hours.default_account")
    return text("bot.outside_hours", account=name, hours=str(hours))
