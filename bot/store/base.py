"""The store contract: every adapter passes tests/bot/test_store_contract.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest

__all__ = [
    "CHECK_TEXT_TTL",
    "DecideResult",
    "OutboxStats",
    "PurgeResult",
    "Store",
    "StoreHealth",
    "StoreUnavailable",
]

# How long a checked draft's text is kept so that its author can still ask for sign-off.
CHECK_TEXT_TTL = 7 * 24 * 3600


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (e.g. Redis is down). Nothing was written.

    ``part`` names what failed ("redis", "sqlite") and ``problem`` how ("unreachable",
    "stalled", "disk_full", "file_replaced", "unwritable"): both safe to show anyone, unlike
    the message, which may name a host or a path.
    """

    def __init__(self, message: str = "", part: str = "store", problem: str = "unreachable"):
        super().__init__(message)
        self.part = part
        self.problem = problem
        for hook in ERROR_HOOKS:
            hook()


# Called whenever a StoreUnavailable is raised (bot/metrics.py counts them).
ERROR_HOOKS: list[Callable[[], None]] = []


@dataclass(frozen=True, slots=True)
class DecideResult:
    """``won`` when this call made the decision; otherwise ``request`` shows the state it found."""

    won: bool
    request: SignoffRequest | None


@dataclass(frozen=True, slots=True)
class StoreHealth:
    """The store's own facts for /healthz: no host, port, path or password in them."""

    ok: bool
    part: str  # "sqlite" or "redis"
    problem: str | None = None  # as StoreUnavailable.problem

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"ok": self.ok, "part": self.part}
        if self.problem:
            out["problem"] = self.problem
        return out


@dataclass(frozen=True, slots=True)
class OutboxStats:
    """How many Slack calls wait in the outbox, and when the oldest was queued (epoch s)."""

    depth: int
    oldest: float | None


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What ``Store.purge_before`` removed."""

    audit: int
    checks: int
    requests: int


class Store(Protocol):
    def put_check(self, record: CheckRecord, text: str, report: str = "") -> None:
        """Keep a check: its record for good, its text and ``report`` (the stored report as
        JSON, which quotes the text) for CHECK_TEXT_TTL only."""
        ...

    def get_check(self, check_id: str) -> tuple[CheckRecord, str | None] | None: ...

    def get_check_report(self, check_id: str) -> str | None:
        """The report kept with a check's text; None once expired or when none was kept."""
        ...

    def recent_checks(self, user: str, limit: int = 10) -> list[CheckRecord]: ...

    def create_request(self, request: SignoffRequest) -> list[SignoffRequest]:
        """Store a new pending request; earlier pending versions of the same draft become
        superseded and are returned."""
        ...

    def get_request(self, request_id: str) -> SignoffRequest | None: ...

    def list_requests(
        self,
        *,
        requester: str | None = None,
        department: str | None = None,
        state: RequestState | None = None,
        limit: int = 20,
    ) -> list[SignoffRequest]: ...

    def decide(
        self, request_id: str, state: RequestState, by: str, at: str, reason: str | None
    ) -> DecideResult:
        """Move a pending request to ``state`` exactly once, atomically."""
        ...

    def set_messages(self, request_id: str, messages: list[tuple[str, str]]) -> None: ...

    def append_audit(self, event: AuditEvent) -> None: ...

    def audit_between(self, since: str, until: str) -> list[AuditEvent]: ...

    def purge_before(self, before: str) -> PurgeResult:
        """Delete audit events, check records and finished (not pending) sign-off requests
        dated before ``before`` (ISO 8601, the city's time zone): docs/audit.md's retention."""
        ...

    def first_seen(self, key: str, ttl_seconds: int) -> bool:
        """True the first time ``key`` is claimed within ``ttl_seconds``, False after."""
        ...

    def outbox_add(self, item_id: str, payload: str) -> None:
        """Keep a Slack call that failed, to be retried later (nothing is lost)."""
        ...

    def outbox_items(self) -> list[tuple[str, str]]: ...

    def outbox_remove(self, item_id: str) -> None: ...

    def outbox_stats(self) -> OutboxStats:
        """Depth and oldest item of the outbox, without reading the payloads."""
        ...

    def get_value(self, key: str) -> str | None: ...

    def set_value(self, key: str, value: str) -> None: ...

    def values_with_prefix(self, prefix: str) -> dict[str, str]:
        """Every value whose key starts with ``prefix`` (for small families of records such
        as impersonation cases), by key."""
        ...

    def ping(self) -> None:
        """Raise StoreUnavailable when the store cannot be reached."""
        ...

    def health(self) -> StoreHealth:
        """Whether the store answers and accepts writes now (quickly, never raises)."""
        ...

    def close(self) -> None: ...
