"""The audit trail: every check, request, decision and override, with who and when.

What is kept (decided with the PR section's needs and the Act on the Protection of Personal
Information in mind): Slack user IDs, times, verdicts and rule codes, the account, the length
and a short hash of the draft, and reasons written by staff. The draft's text is NOT kept in
the audit trail, and never written to logs. (Sign-off requests keep the text the head saw,
since the head decides on it; see docs/audit.md.)

When the store is down, events go to a local spool file (JSON Lines, fsync'ed) and are
replayed into the store as soon as it answers again: no record is lost. When the spool cannot
be written either (a full volume), events wait in memory, with an error in the log, until the
store or the spool takes them.
"""

from __future__ import annotations

import csv
import errno
import io
import logging
import os
import threading
from pathlib import Path
from typing import Any

from bot.metrics import observe_audit
from bot.models import AuditEvent, new_id
from bot.store import Store, StoreUnavailable

__all__ = ["CSV_COLUMNS", "AuditLog", "export_csv"]

log = logging.getLogger("toonbot.audit")

CSV_COLUMNS = (
    "at",
    "kind",
    "actor",
    "verdict",
    "codes",
    "request_id",
    "check_id",
    "account",
    "detail",
    "id",
)


class AuditLog:
    def __init__(self, store: Store, spool_path: str | Path) -> None:
        self.store = store
        self.spool = Path(spool_path)
        self._lock = threading.Lock()
        self._memory: list[AuditEvent] = []  # neither store nor spool took these yet

    def event(self, kind: str, actor: str, at: str, **fields: Any) -> None:
        """Record a new event: ``event("decision", "U123", at, request_id=…, detail=…)``."""
        self.record(AuditEvent(id=new_id(), at=at, kind=kind, actor=actor, **fields))

    def record(self, event: AuditEvent) -> None:
        """Store the event, or spool it when the store is unavailable."""
        observe_audit(event.kind, event.verdict)
        self.flush()
        try:
            self.store.append_audit(event)
        except StoreUnavailable:
            with self._lock:
                self._spool([event])

    def _spool(self, events: list[AuditEvent]) -> None:
        """Append to the spool file; keep in memory what it cannot take (lock held)."""
        try:
            with self.spool.open("a", encoding="utf-8") as f:
                f.write("".join(e.to_json() + "\n" for e in events))
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            self._memory.extend(events)
            log.error(
                "audit spool unwritable (%s): %d events held in memory until the store answers",
                errno.errorcode.get(e.errno or 0, type(e).__name__),
                len(self._memory),
            )

    def spooled(self) -> int:
        """Events waiting for the store: in the spool file and in memory."""
        if not self.spool.is_file():
            return len(self._memory)
        try:
            with self.spool.open(encoding="utf-8") as f:
                return len(self._memory) + sum(1 for line in f if line.strip())
        except OSError:
            return len(self._memory)

    def flush(self) -> int:
        """Replay spooled events into the store; returns how many were replayed."""
        with self._lock:
            held, self._memory = self._memory, []
            done = 0
            for i, event in enumerate(held):
                try:
                    self.store.append_audit(event)
                except StoreUnavailable:
                    self._spool(held[i:])  # back to the spool, or to memory
                    return done
                done += 1
            if not self.spool.is_file() or self.spool.stat().st_size == 0:
                return done
            lines = [ln for ln in self.spool.read_text("utf-8").splitlines() if ln.strip()]
            replayed = 0
            try:
                for line in lines:
                    self.store.append_audit(AuditEvent.from_json(line))  # idempotent by id
                    replayed += 1
                    done += 1
            except StoreUnavailable:
                rest = lines[replayed:]
                self.spool.write_text("".join(x + "\n" for x in rest), encoding="utf-8")
                return done
            self.spool.unlink()
            return done


def export_csv(events: list[AuditEvent]) -> str:
    """CSV (UTF-8 with BOM, so Excel opens it correctly) of the given events."""
    buf = io.StringIO()
    buf.write("\ufeff")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for e in events:
        w.writerow(
            (
                e.at,
                e.kind,
                e.actor,
                e.verdict,
                " ".join(e.codes),
                e.request_id,
                e.check_id,
                e.account,
                e.detail,
                e.id,
            )
        )
    return buf.getvalue()
