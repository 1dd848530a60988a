"""Records of the sign-off workflow: checks, requests, decisions and audit events."""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from checks import Category, Finding, Severity

if TYPE_CHECKING:
    from checks.registry import Rule

__all__ = [
    "AuditEvent",
    "CheckRecord",
    "RequestState",
    "SignoffRequest",
    "StoredReport",
    "finding_from_dict",
    "new_id",
]


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
    # What the drafter answered in the /check form (None: not asked) and what the report said
    # beyond its findings; kept for the record (no draft text here).
    alt_text: bool | None = None
    people_consent: bool | None = None
    emergency: bool = False
    emergency_post: bool = False
    ruleset: str = ""  # bot.ruleset.ruleset_version() of the check

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> CheckRecord:
        data = json.loads(raw)
        data["codes"] = tuple(data["codes"])
        return cls(**data)


def finding_from_dict(d: dict[str, Any]) -> Finding:
    """A finding back from ``Finding.to_dict()`` (as stored). Records written before findings
    were typed may hold only a code and an excerpt: the rest comes from the rule registry
    (by code, else by the code's category prefix)."""
    code = str(d["code"])
    rule = _rule_like(code)
    return Finding(
        code=code,
        name=str(d.get("name") or (rule.name if rule else "")),
        category=Category(d["category"]) if d.get("category") else _category(code),
        clause=str(d.get("clause") or (rule.clause if rule else "")),
        severity=Severity(d["severity"]) if d.get("severity") else _severity(code),
        start=int(d.get("start") or 0),
        end=int(d.get("end") or 0),
        excerpt=str(d.get("excerpt") or ""),
        message=str(d.get("message") or ""),
        suggestion=None if d.get("suggestion") is None else str(d["suggestion"]),
    )


def _rule_like(code: str) -> Rule | None:
    """The rule of ``code``, else one with the same prefix (INC, PII …), else None."""
    from checks.rules import RULES

    if code in RULES:
        return RULES[code]
    return next((r for r in RULES.values() if r.code[:3] == code[:3]), None)


def _category(code: str) -> Category:
    rule = _rule_like(code)
    return rule.category if rule else Category.THIRD_PARTY


def _severity(code: str) -> Severity:
    rule = _rule_like(code)
    return rule.severity if rule else Severity.REVIEW


@dataclass(frozen=True, slots=True)
class StoredReport:
    """The report exactly as the drafter saw it, carried into the sign-off request.

    Its findings quote the draft (excerpts), so it is kept with the draft's text and expires
    with it (Store.put_check, docs/audit.md)."""

    findings: tuple[Finding, ...]
    verdict: str
    checked_at: str
    ruleset: str
    alt_text: bool | None = None
    people_consent: bool | None = None
    emergency: bool = False
    emergency_post: bool = False

    def to_json(self) -> str:
        d = asdict(self)
        d["findings"] = [f.to_dict() for f in self.findings]
        return json.dumps(d, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> StoredReport:
        d = json.loads(raw)
        d["findings"] = tuple(finding_from_dict(f) for f in d["findings"])
        return cls(**d)


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
    findings: tuple[Finding, ...]
    created_at: str
    account: str | None = None
    platform: str | None = None
    posted_at: str | None = None
    override_reason: str | None = None
    # The drafter's report (StoredReport) beyond its findings: form answers, when and with
    # which rule set it was checked, an emergency post outside hours.
    checked_at: str | None = None
    ruleset: str = ""
    alt_text: bool | None = None
    people_consent: bool | None = None
    emergency_post: bool = False
    # Who may decide: "head" (the department's heads) or "deputy" (a head's own draft goes
    # to the department's deputies).
    route: str = "head"
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
        d["findings"] = [f.to_dict() for f in self.findings]
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
        d["findings"] = tuple(finding_from_dict(f) for f in d["findings"])
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
    role: str = ""  # of the actor in a decision: head, deputy
    emergency_post: bool = False  # a check of an emergency notice outside hours (§6(1))

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> AuditEvent:
        data = json.loads(raw)
        data["codes"] = tuple(data["codes"])
        return cls(**data)
