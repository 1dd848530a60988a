"""State of the bot: an embedded SQLite file by default, Redis when REDIS_URL is set."""

from __future__ import annotations

from bot.store.base import (
    DecideResult,
    OutboxStats,
    PurgeResult,
    Store,
    StoreHealth,
    StoreUnavailable,
)
from bot.store.sqlite import SQLiteStore

__all__ = [
    "DecideResult",
    "OutboxStats",
    "PurgeResult",
    "SQLiteStore",
    "Store",
    "StoreHealth",
    "StoreUnavailable",
    "open_store",
]


def open_store(redis_url: str | None, db_path: str) -> Store:
    """Redis when ``redis_url`` is given, else the SQLite file at ``db_path``."""
    if redis_url:
        from bot.redact import redact_url
        from bot.store.redis import RedisStore

        try:
            return RedisStore.from_url(redis_url)
        except ValueError as e:  # the message may hold the URL, password included
            raise StoreUnavailable(
                f"REDIS_URL {redact_url(redis_url)}: {type(e).__name__}", "redis", "unreachable"
            ) from None
    return SQLiteStore(db_path)
