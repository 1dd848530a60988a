"""The SQLite schema and its ordered migrations (``PRAGMA user_version``).

Version 0 is a new file, or a file made before versioning (it has version 1's tables; every
statement of version 1 is ``IF NOT EXISTS``, so it runs safely on it). Add a migration by
appending ``(next number, statements)`` to MIGRATIONS; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3

__all__ = ["LATEST", "MIGRATIONS", "SchemaTooNew", "migrate"]

_V1 = """
CREATE TABLE IF NOT EXISTS checks (
    id TEXT PRIMARY KEY, user TEXT NOT NULL, at TEXT NOT NULL, data TEXT NOT NULL,
    text TEXT, expires REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_user ON checks(user, at);
CREATE TABLE IF NOT EXISTS requests (
    id TEXT PRIMARY KEY, draft_id TEXT NOT NULL, version INTEGER NOT NULL,
    requester TEXT NOT NULL, department TEXT NOT NULL, created_at TEXT NOT NULL,
    data TEXT NOT NULL, state TEXT NOT NULL, decided_by TEXT, decided_at TEXT, reason TEXT,
    messages TEXT
);
CREATE INDEX IF NOT EXISTS requests_draft ON requests(draft_id, version);
CREATE INDEX IF NOT EXISTS requests_requester ON requests(requester, created_at);
CREATE INDEX IF NOT EXISTS requests_department ON requests(department, state, created_at);
CREATE TABLE IF NOT EXISTS audit (
    id TEXT PRIMARY KEY, at TEXT NOT NULL, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS audit_at ON audit(at);
CREATE TABLE IF NOT EXISTS seen (key TEXT PRIMARY KEY, expires REAL NOT NULL);
CREATE TABLE IF NOT EXISTS outbox (id TEXT PRIMARY KEY, payload TEXT NOT NULL, added REAL NOT NULL);
CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value TEXT NOT NULL)
"""

# Every query stays flat as the trail grows (bench/store.py): the expiry sweeps of put_check and
# first_seen, the scheduler's list of pending requests, the outbox's order, the purge by date.
_V2 = """
CREATE INDEX checks_text_expires ON checks(expires) WHERE text IS NOT NULL;
CREATE INDEX checks_at ON checks(at);
CREATE INDEX seen_expires ON seen(expires);
CREATE INDEX requests_state ON requests(state, created_at);
CREATE INDEX requests_created ON requests(created_at);
CREATE INDEX outbox_added ON outbox(added)
"""

MIGRATIONS: tuple[tuple[int, str], ...] = ((1, _V1), (2, _V2))
LATEST = MIGRATIONS[-1][0]


class SchemaTooNew(sqlite3.DatabaseError):
    """The file was written by a newer toonbot; this one cannot read it safely."""


def migrate(db: sqlite3.Connection) -> int:
    """Bring ``db`` (autocommit mode) to LATEST, one transaction per migration; returns the
    version found. Several processes may call it at once: BEGIN IMMEDIATE orders them."""
    found = int(db.execute("PRAGMA user_version").fetchone()[0])
    if found > LATEST:
        raise SchemaTooNew(f"schema version {found} > {LATEST}")
    for version, script in MIGRATIONS:
        db.execute("BEGIN IMMEDIATE")  # waits busy_timeout for another process's migration
        try:
            current = int(db.execute("PRAGMA user_version").fetchone()[0])
            if current < version:
                for statement in script.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return found
