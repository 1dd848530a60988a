"""The notice /check shows first when used outside an account's operating hours."""

from __future__ import annotations

from datetime import datetime

from checks.calendar import is_open
from checks.config import Account, CityConfig
from messages import text

__all__ = ["outside_hours_notice"]


def outside_hours_notice(config: CityConfig, at: datetime, account: Account | None) -> str | None:
    """The sentence /check shows first when used outside the account's hours (§6(1))."""
    if is_open(config, at, account):
        return None
    hours = account.hours if account else config.default_hours
    name = account.name if account else text("hours.default_account")
    return text("bot.outside_hours", account=name, hours=str(hours))
