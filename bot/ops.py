"""Operators' commands: ``toonbot backup PATH`` and ``toonbot purge --before DATE``."""

from __future__ import annotations

import getpass
import sqlite3
from datetime import datetime
from pathlib import Path

from bot.audit import AuditLog
from bot.store import PurgeResult, SQLiteStore, Store

__all__ = ["BackupRefused", "backup_sqlite", "purge"]


class BackupRefused(RuntimeError):
    """The backup cannot be written (the target exists, or the store is not SQLite)."""


def backup_sqlite(store: Store, target: str | Path) -> int:
    """Copy the SQLite store to ``target`` with SQLite's online backup API: consistent while
    the bot keeps writing (WAL included). Returns the number of pages copied."""
    if not isinstance(store, SQLiteStore):
        raise BackupRefused("redis")
    out = Path(target)
    if out.exists():
        raise BackupRefused("exists")
    partial = out.with_name(out.name + ".partial")
    source = sqlite3.connect(store.path)
    dest = sqlite3.connect(partial)
    try:
        source.backup(dest, pages=1024)
        pages = int(dest.execute("PRAGMA page_count").fetchone()[0])
    finally:
        dest.close()
        source.close()
    partial.rename(out)  # never leave a half-written file under the name asked for
    return pages


def purge(store: Store, audit: AuditLog, before: datetime, now: datetime) -> PurgeResult:
    """Apply docs/audit.md's retention up to ``before`` and record the purge in the trail
    (the purge event itself is dated now, so it stays)."""
    audit.flush()  # spooled events older than the cut are purged too, not replayed after it
    result = store.purge_before(before.isoformat(timespec="seconds"))
    audit.event(
        "purge",
        f"cli:{getpass.getuser()}",
        now.isoformat(timespec="seconds"),
        detail=(
            f"before={before.isoformat(timespec='seconds')} audit={result.audit} "
            f"checks={result.checks} requests={result.requests}"
        ),
    )
    return result
