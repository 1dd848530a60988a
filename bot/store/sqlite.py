"""SQLite store: one file, one bot instance (WAL; safe across the listener threads).

It refuses to work on files it cannot trust: a database, -wal or -shm file that is not a
writable regular file (an unwritable -shm kills SQLite with SIGBUS), a database file that was
removed or replaced while the bot ran (writes would go on "succeeding" into an unlinked file),
a full volume. Each refusal is a StoreUnavailable naming the problem, never a crash.
"""

from __future__ import annotations

import errno
import logging
import os
import shutil
import sqlite3
import stat
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest
from bot.store.base import (
    CHECK_TEXT_TTL,
    DecideResult,
    OutboxStats,
    PurgeResult,
    StoreHealth,
    StoreUnavailable,
)
from bot.store.sqlite_schema import migrate

log = logging.getLogger("toonbot.store")

# Below this much free space on the database's volume, writes are refused before SQLite runs
# into the wall (a -shm page it cannot back on a full disk ends in SIGBUS).
MIN_FREE_BYTES = 1024 * 1024


class SQLiteStore:
    """The embedded default store."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        self._check_files()
        try:
            self._db = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA busy_timeout=5000")
            migrate(self._db)
        except sqlite3.Error as e:
            raise self._unavailable(e) from e
        self._identity = self._file_identity()
        self._check_files()  # the -wal and -shm files exist now
        self._write_problem: str | None = None  # why the last write failed, until one succeeds

    # --- the files under the store ---

    def _file_identity(self) -> tuple[int, int] | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return st.st_dev, st.st_ino

    def _check_files(self) -> None:
        """Raise StoreUnavailable when a file SQLite needs is missing its write permission or
        is not a regular file (checked at start and on each health check)."""
        directory = os.path.dirname(os.path.abspath(self.path))
        if not os.access(directory, os.W_OK | os.X_OK):
            raise StoreUnavailable(
                f"SQLite: the directory {directory} is not writable", "sqlite", "unwritable"
            )
        for suffix in ("", "-wal", "-shm"):
            name = self.path + suffix
            try:
                st = os.stat(name)
            except FileNotFoundError:
                continue
            except OSError as e:
                raise StoreUnavailable(f"SQLite {name}: {e}", "sqlite", "unwritable") from e
            writable = bool(st.st_mode & stat.S_IWUSR) and os.access(name, os.R_OK | os.W_OK)
            if not stat.S_ISREG(st.st_mode) or not writable:
                raise StoreUnavailable(
                    f"SQLite: {name} is not a writable file (fix its owner and mode, or remove "
                    "it while the bot is stopped)",
                    "sqlite",
                    "unwritable",
                )

    def _check_identity(self) -> None:
        """Refuse to go on when the database file was removed or replaced under us."""
        if self._file_identity() != self._identity:
            raise StoreUnavailable(
                f"SQLite: {self.path} was removed or replaced while the bot ran; restart the bot "
                "(nothing more is written to the old file)",
                "sqlite",
                "file_replaced",
            )

    def _check_space(self) -> None:
        directory = os.path.dirname(os.path.abspath(self.path))
        try:
            free = shutil.disk_usage(directory).free
        except OSError:
            return
        if free < MIN_FREE_BYTES:
            raise StoreUnavailable(
                f"SQLite: the volume of {directory} is full", "sqlite", "disk_full"
            )

    def _unavailable(self, e: BaseException) -> StoreUnavailable:
        full = isinstance(e, sqlite3.Error) and "full" in str(e)
        full = full or (isinstance(e, OSError) and e.errno == errno.ENOSPC)
        return StoreUnavailable(
            f"SQLite {self.path}: {e}", "sqlite", "disk_full" if full else "unreachable"
        )

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._check_identity()
            self._check_space()
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except sqlite3.Error as e:
                self._rollback()
                failure = self._unavailable(e)
                self._write_problem = failure.problem
                raise failure from e
            except BaseException:
                self._rollback()
                raise
            self._write_problem = None

    def _rollback(self) -> None:
        """Roll back if a transaction is still open (SQLite may have rolled back itself)."""
        if self._db.in_transaction:
            try:
                self._db.execute("ROLLBACK")
            except sqlite3.Error as e:
                log.error("SQLite rollback failed: %s", type(e).__name__)

    def _query(self, sql: str, args: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            self._check_identity()
            try:
                return list(self._db.execute(sql, args))
            except sqlite3.Error as e:
                raise self._unavailable(e) from e

    # --- checks ---

    def put_check(self, record: CheckRecord, text: str, report: str = "") -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO checks VALUES (?, ?, ?, ?, ?, ?)",
                (
                    record.id,
                    record.user,
                    record.at,
                    record.to_json(),
                    text,
                    time.time() + CHECK_TEXT_TTL,
                ),
            )
            # ``text IS NOT NULL`` lets the partial index checks_text_expires find only the
            # texts to drop (schema 2): without it this scanned the whole table every time.
            db.execute(
                "UPDATE checks SET text = NULL WHERE text IS NOT NULL AND expires < ?",
                (time.time(),),
            )
            if report:
                db.execute(
                    "INSERT OR REPLACE INTO check_reports VALUES (?, ?, ?)",
                    (record.id, report, time.time() + CHECK_TEXT_TTL),
                )
            db.execute("DELETE FROM check_reports WHERE expires < ?", (time.time(),))

    def get_check(self, check_id: str) -> tuple[CheckRecord, str | None] | None:
        rows = self._query("SELECT data, text, expires FROM checks WHERE id = ?", (check_id,))
        if not rows:
            return None
        data, text, expires = rows[0]
        alive = isinstance(expires, float) and expires >= time.time()
        return CheckRecord.from_json(str(data)), (str(text) if text is not None and alive else None)

    def get_check_report(self, check_id: str) -> str | None:
        rows = self._query(
            "SELECT report FROM check_reports WHERE id = ? AND expires >= ?",
            (check_id, time.time()),
        )
        return str(rows[0][0]) if rows else None

    def recent_checks(self, user: str, limit: int = 10) -> list[CheckRecord]:
        rows = self._query(
            "SELECT data FROM checks WHERE user = ? ORDER BY at DESC LIMIT ?", (user, limit)
        )
        return [CheckRecord.from_json(str(r[0])) for r in rows]

    # --- requests ---

    def _row_to_request(self, row: tuple[object, ...]) -> SignoffRequest:
        data, state, by, at, reason, messages = (None if v is None else str(v) for v in row)
        assert data is not None and state is not None
        return SignoffRequest.from_parts(data, state, by, at, reason, messages)

    _COLS = "data, state, decided_by, decided_at, reason, messages"

    def create_request(self, request: SignoffRequest) -> list[SignoffRequest]:
        with self._tx() as db:
            older = [
                self._row_to_request(r)
                for r in db.execute(
                    f"SELECT {self._COLS} FROM requests WHERE draft_id = ? AND state = ?",
                    (request.draft_id, RequestState.PENDING.value),
                )
            ]
            db.execute(
                "UPDATE requests SET state = ? WHERE draft_id = ? AND state = ?",
                (RequestState.SUPERSEDED.value, request.draft_id, RequestState.PENDING.value),
            )
            db.execute(
                "INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, '[]')",
                (
                    request.id,
                    request.draft_id,
                    request.version,
                    request.requester,
                    request.department,
                    request.created_at,
                    request.data_json(),
                    request.state.value,
                ),
            )
        return [
            o.decided(RequestState.SUPERSEDED, o.decided_by or "", o.decided_at or "", o.reason)
            for o in older
        ]

    def get_request(self, request_id: str) -> SignoffRequest | None:
        rows = self._query(f"SELECT {self._COLS} FROM requests WHERE id = ?", (request_id,))
        return self._row_to_request(rows[0]) if rows else None

    def list_requests(
        self,
        *,
        requester: str | None = None,
        department: str | None = None,
        state: RequestState | None = None,
        limit: int = 20,
    ) -> list[SignoffRequest]:
        where, args = [], []
        for column, value in (("requester", requester), ("department", department)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if state is not None:
            where.append("state = ?")
            args.append(state.value)
        sql = f"SELECT {self._COLS} FROM requests"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC LIMIT ?"
        return [self._row_to_request(r) for r in self._query(sql, (*args, limit))]

    def decide(
        self, request_id: str, state: RequestState, by: str, at: str, reason: str | None
    ) -> DecideResult:
        with self._tx() as db:
            cur = db.execute(
                "UPDATE requests SET state = ?, decided_by = ?, decided_at = ?, reason = ? "
                "WHERE id = ? AND state = ?",
                (state.value, by, at, reason, request_id, RequestState.PENDING.value),
            )
            won = cur.rowcount == 1
            rows = list(
                db.execute(f"SELECT {self._COLS} FROM requests WHERE id = ?", (request_id,))
            )
        return DecideResult(won, self._row_to_request(rows[0]) if rows else None)

    def set_messages(self, request_id: str, messages: list[tuple[str, str]]) -> None:
        import json

        with self._tx() as db:
            db.execute(
                "UPDATE requests SET messages = ? WHERE id = ?", (json.dumps(messages), request_id)
            )

    # --- audit, dedupe, outbox, values ---

    def append_audit(self, event: AuditEvent) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO audit VALUES (?, ?, ?)",
                (event.id, event.at, event.to_json()),
            )

    def audit_between(self, since: str, until: str) -> list[AuditEvent]:
        rows = self._query(
            "SELECT data FROM audit WHERE at >= ? AND at < ? ORDER BY at, id", (since, until)
        )
        return [AuditEvent.from_json(str(r[0])) for r in rows]

    def purge_before(self, before: str) -> PurgeResult:
        with self._tx() as db:
            audit = db.execute("DELETE FROM audit WHERE at < ?", (before,)).rowcount
            checks = db.execute("DELETE FROM checks WHERE at < ?", (before,)).rowcount
            # The report the drafter saw holds excerpts of the text: it goes with its check.
            db.execute("DELETE FROM check_reports WHERE id NOT IN (SELECT id FROM checks)")
            requests = db.execute(
                "DELETE FROM requests WHERE created_at < ? AND state != ?",
                (before, RequestState.PENDING.value),
            ).rowcount
        return PurgeResult(audit=audit, checks=checks, requests=requests)

    def first_seen(self, key: str, ttl_seconds: int) -> bool:
        now = time.time()
        with self._tx() as db:
            db.execute("DELETE FROM seen WHERE expires < ?", (now,))
            cur = db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (key, now + ttl_seconds))
            return cur.rowcount == 1

    def outbox_add(self, item_id: str, payload: str) -> None:
        with self._tx() as db:
            db.execute(
                "INSERT OR REPLACE INTO outbox VALUES (?, ?, ?)", (item_id, payload, time.time())
            )

    def outbox_items(self) -> list[tuple[str, str]]:
        rows = self._query("SELECT id, payload FROM outbox ORDER BY added")
        return [(str(a), str(b)) for a, b in rows]

    def outbox_remove(self, item_id: str) -> None:
        with self._tx() as db:
            db.execute("DELETE FROM outbox WHERE id = ?", (item_id,))

    def outbox_stats(self) -> OutboxStats:
        rows = self._query("SELECT count(*), min(added) FROM outbox")
        depth, oldest = rows[0]
        return OutboxStats(int(str(depth)), float(str(oldest)) if oldest is not None else None)

    def get_value(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM kv WHERE key = ?", (key,))
        return str(rows[0][0]) if rows else None

    def set_value(self, key: str, value: str) -> None:
        with self._tx() as db:
            db.execute("INSERT OR REPLACE INTO kv VALUES (?, ?)", (key, value))

    def values_with_prefix(self, prefix: str) -> dict[str, str]:
        # A key range instead of LIKE: no wildcard in the prefix can widen the match.
        rows = self._query(
            "SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key",
            (prefix, prefix + "\U0010ffff"),
        )
        return {str(k): str(v) for k, v in rows}

    def ping(self) -> None:
        self._check_files()
        self._check_space()
        self._query("SELECT 1")
        if self._write_problem is not None:  # the last write failed: does one work now?
            with self._tx() as db:
                db.execute("INSERT OR REPLACE INTO kv VALUES ('store:probe', ?)", (time.time(),))

    def health(self) -> StoreHealth:
        try:
            self.ping()
        except StoreUnavailable as e:
            return StoreHealth(False, "sqlite", e.problem)
        return StoreHealth(True, "sqlite")

    def close(self) -> None:
        with self._lock:
            self._db.close()
