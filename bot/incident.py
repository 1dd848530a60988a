"""§7(4) incident mode (炎上) per account, as plain Python (no Slack here).

The PR section or the head of the account's department switches it on with a reason and off
again. While it is on, the checker is told so (TRB001: every draft needs the head's sign-off;
TRB002: replies that rebut a commenter are flagged), a holding statement is offered, and the
department is reminded to post an update when nothing went out for a while. The start, the
end and every draft checked and decided meanwhile are in the audit trail.

State: one value per account in the store (``incident:ID``), so several instances agree.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from bot.audit import AuditLog
from bot.config import BotConfig
from bot.desk import Desk
from bot.store import Store, StoreUnavailable
from messages import text

__all__ = [
    "Incident",
    "IncidentDesk",
    "IncidentLookup",
    "IncidentProblem",
    "holding_statement",
    "incident_key",
    "incident_on",
    "last_update",
    "note_post",
]

MAX_REASON = 500
SWITCH_CLAIM = 30  # seconds: a double click or two people at once switch once


def incident_key(account: str) -> str:
    return f"incident:{account}"


class IncidentProblem(StrEnum):
    """Why a switch did not happen; each has a sentence in messages/incident.toml."""

    UNKNOWN_ACCOUNT = "unknown_account"
    NOT_ALLOWED = "not_allowed"
    ALREADY_ON = "already_on"
    ALREADY_OFF = "already_off"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    STORE_DOWN = "store_down"


log = logging.getLogger("toonbot.incident")


@dataclass(frozen=True, slots=True)
class Incident:
    """An account's incident mode while it is on."""

    account: str
    since: str  # ISO 8601, the city's time zone
    by: str
    reason: str

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Incident:
        return cls(**json.loads(raw))


def incident_on(store: Store, account: str | None) -> Incident | None:
    """The account's incident, if its mode is on (None without an account)."""
    if not account:
        return None
    raw = store.get_value(incident_key(account))
    if not raw:
        return None
    try:
        data = json.loads(raw)
        return Incident(**data) if data else None
    except (ValueError, TypeError):
        # An unreadable record must not stop reminders; the account is treated as in incident
        # mode (the safe side: every draft then needs sign-off) and the log says why.
        log.error("incident record of %s is unreadable; treated as incident mode", account)
        return Incident(account=account, since="1970-01-01T00:00:00+09:00", by="", reason="")


class IncidentLookup:
    """``incident_on`` that remembers the last answer per account, given again when the store
    is down: an account in incident mode stays so while the store cannot be read."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._last: dict[str, Incident | None] = {}
        self._lock = threading.Lock()

    def __call__(self, account: str) -> Incident | None:
        try:
            found = incident_on(self.store, account)
        except StoreUnavailable:
            with self._lock:
                return self._last.get(account)
        with self._lock:
            self._last[account] = found
        return found


def holding_statement(config: BotConfig, account: str) -> str:
    """The holding statement offered when the response takes time (§7(4)), in the city's
    wording (messages/incident.toml); the drafter fills in the blanks and checks it."""
    acc = config.accounts[account]
    return text("incident.holding", account=acc.name, city=config.city.name)


@dataclass(frozen=True, slots=True)
class SwitchOutcome:
    incident: Incident | None
    problem: IncidentProblem | None = None


class IncidentDesk(Desk):
    """Switch incident mode, note posts, find the updates that are due."""

    def may_switch(self, user: str, account: str, heads: Callable[[str], tuple[str, ...]]) -> bool:
        """The PR section, or a head of the account's department (``heads`` resolves them)."""
        if user in self.config.registry.pr_section:
            return True
        staff = self.config.staff.get(account)
        return staff is not None and user in heads(staff.department)

    def active(self) -> list[Incident]:
        """Every account in incident mode, in the configuration's order."""
        out = []
        for acc in self.config.accounts:
            inc = incident_on(self.store, acc)
            if inc is not None:
                out.append(inc)
        return out

    def start(
        self, account: str, user: str, reason: str, heads: Callable[[str], tuple[str, ...]]
    ) -> SwitchOutcome:
        reason = reason.strip()
        if account not in self.config.accounts:
            return SwitchOutcome(None, IncidentProblem.UNKNOWN_ACCOUNT)
        if not self.may_switch(user, account, heads):
            return SwitchOutcome(None, IncidentProblem.NOT_ALLOWED)
        if not reason:
            return SwitchOutcome(None, IncidentProblem.REASON_REQUIRED)
        if len(reason) > MAX_REASON:
            return SwitchOutcome(None, IncidentProblem.REASON_TOO_LONG)
        try:
            current = incident_on(self.store, account)
            if current is not None:
                return SwitchOutcome(current, IncidentProblem.ALREADY_ON)
            # Two people starting it at the same moment: one start (a short claim).
            if not self.store.first_seen(f"incident-start:{account}", SWITCH_CLAIM):
                return SwitchOutcome(None, IncidentProblem.ALREADY_ON)
            incident = Incident(account, self._stamp(), user, reason)
            self.store.set_value(incident_key(account), incident.to_json())
        except StoreUnavailable:
            return SwitchOutcome(None, IncidentProblem.STORE_DOWN)
        self.audit.event("incident_start", user, incident.since, account=account, detail=reason)
        return SwitchOutcome(incident)

    def end(
        self, account: str, user: str, heads: Callable[[str], tuple[str, ...]]
    ) -> SwitchOutcome:
        if account not in self.config.accounts:
            return SwitchOutcome(None, IncidentProblem.UNKNOWN_ACCOUNT)
        if not self.may_switch(user, account, heads):
            return SwitchOutcome(None, IncidentProblem.NOT_ALLOWED)
        try:
            current = incident_on(self.store, account)
            if current is None:
                return SwitchOutcome(None, IncidentProblem.ALREADY_OFF)
            if not self.store.first_seen(f"incident-end:{account}:{current.since}", SWITCH_CLAIM):
                return SwitchOutcome(None, IncidentProblem.ALREADY_OFF)
            self.store.set_value(incident_key(account), "{}")
        except StoreUnavailable:
            return SwitchOutcome(None, IncidentProblem.STORE_DOWN)
        self.audit.event(
            "incident_end", user, self._stamp(), account=account, detail=f"since {current.since}"
        )
        return SwitchOutcome(current)

    def updates_due(self, now: datetime) -> list[tuple[Incident, str]]:
        """Accounts in incident mode with no draft approved for ``incident_update_minutes``
        since the start or the last approval, with that moment (the reminder's key)."""
        every = timedelta(minutes=self.config.registry.incident_update_minutes)
        due = []
        for inc in self.active():
            last = max(inc.since, last_update(self.store, inc.account))
            if now - datetime.fromisoformat(last) >= every:
                due.append((inc, last))
        return due


def last_update(store: Store, account: str) -> str:
    """When a draft for the account was last approved (ISO 8601), or ""."""
    return store.get_value(f"incident_update:{account}") or ""


def note_post(
    store: Store,
    audit: AuditLog,
    incident: Incident,
    kind: str,
    actor: str,
    at: str,
    *,
    check_id: str = "",
    request_id: str = "",
) -> None:
    """Record a draft checked (``kind`` "check") or decided ("approved", "rejected") for an
    account in incident mode; an approval counts as the department's update (§7(4))."""
    audit.event(
        "incident_post",
        actor,
        at,
        account=incident.account,
        check_id=check_id,
        request_id=request_id,
        detail=kind,
    )
    if kind == "approved":
        # When the store is down the audit event is spooled; only the reminder may come early.
        with contextlib.suppress(StoreUnavailable):
            store.set_value(f"incident_update:{incident.account}", at)
