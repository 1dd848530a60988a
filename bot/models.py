"""Records of the sign-off workflow: checks, requests, decisions and audit events."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import Any

__all__ = ["AuditEvent", "CheckRecord", "RequestState", "SignoffRequest", "new_id"]


def new_id() -> str:
    """Unique and ordered by creation time (so audit events at the same second keep order)."""
    return f"{time.time_ns():016x}{uuid.uuid4().hex[:8]}"


class RequestState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class CheckRecord:
    """One /check. The draft's text is kept apart (see Store.put_check), for a limited time."""

    id: str
    user: str
    channel: str
    at: str  # ISO 8601, in the city's time zone
    verdict: str
    codes: tuple[str, ...]
    length: int
    text_sha: str  # first 16 hex of SHA-256: ties records to a text without keeping it
    account: str | None = None
    platform: str | None = None
    posted_at: str | None = None
    draft_id: str | None = None

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> CheckRecord:
        data = json.loads(raw)
        data["codes"] = tuple(data["codes"])
        return cls(**data)


@dataclass(frozen=True, slots=True)
class SignoffRequest:
    """A request to the department head to approve a draft (one version of it)."""

    id: str
    draft_id: str
    version: int
    check_id: str
    requester: str
    department: str
    text: str
    verdict: str
    codes: tuple[str, ...]
    findings: tuple[dict[str, Any], ...]
    created_at: str
    account: str | None = None
    platform: str | None = None
    posted_at: str | None = None
    override_reason: str | None = None
    state: RequestState = RequestState.PENDING
    decided_by: str | None = None
    decided_at: str | None = None
    reason: str | None = None
    messages: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    def data_json(self) -> str:
        """The immutable part, as stored."""
        d = asdict(self)
        for k in ("state", "decided_by", "decided_at", "reason", "messages"):
            d.pop(k)
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_parts(
        cls,
        data: str,
        state: str,
        decided_by: str | None,
        decided_at: str | None,
        reason: str | None,
        messages: str | None,
    ) -> SignoffRequest:
        d = json.loads(data)
        d["codes"] = tuple(d["codes"])
        d["findings"] = tuple(d["findings"])
        msgs = json.loads(messages) if messages else []
        return cls(
            **d,
            state=RequestState(state),
            decided_by=decided_by or None,
            decided_at=decided_at or None,
            reason=reason or None,
            messages=tuple((str(c), str(t)) for c, t in (msgs if isinstance(msgs, list) else [])),
        )

    def decided(self, state: RequestState, by: str, at: str, reason: str | None) -> SignoffRequest:
        return replace(self, state=state, decided_by=by, decided_at=at, reason=reason)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One line of the audit trail. Never carries a draft's text."""

    id: str
    at: str
    kind: str  # check, request, override_request, decision, superseded, expired, password_changed
    actor: str
    verdict: str = ""
    codes: tuple[str, ...] = ()
    request_id: str = ""
    check_id: str = ""
    account: str = ""
    detail: str = ""  # decision reason, override reason (staff-written, no draft text)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> AuditEvent:
        data = json.loads(raw)
        data["codes"] = tuple(data["codes"])
        return cls(**data)
