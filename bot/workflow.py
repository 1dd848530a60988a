"""The sign-off workflow as plain Python: no Slack here (a terminal or Teams can drive it).

check → (review/block) request sign-off → the department head approves or rejects, once.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from bot.audit import AuditLog
from bot.config import BotConfig
from bot.incident import Incident, IncidentLookup, note_post
from bot.metrics import CHECK_SECONDS
from bot.models import CheckRecord, RequestState, SignoffRequest, StoredReport, new_id
from bot.ruleset import ruleset_version
from bot.store import Store, StoreUnavailable
from bot.when import readable_time
from checks import Report, check_draft
from messages import text as message

__all__ = [
    "CheckOutcome",
    "DecisionOutcome",
    "Problem",
    "RequestOutcome",
    "Role",
    "Workflow",
    "problem_text",
]

MAX_REASON = 2000
# A sign-off request for a check is claimed first (``first_seen``), so that a double click or
# a replayed Slack request never creates a second one; the claim only has to outlive the
# creation of the request, which is then found by its check id.
REQUEST_CLAIM_TTL = 120


class Role(StrEnum):
    """In which role someone decides a request (recorded with the decision)."""

    HEAD = "head"
    DEPUTY = "deputy"
    # A head's own draft in a department with no deputy and no other head: the PR section
    # (registry.pr_section) decides, so the head is never left without anyone to ask.
    PR_SECTION = "pr_section"


class Problem(StrEnum):
    """Why a workflow step did not happen; each has a sentence in messages/ui.toml (bot.*)."""

    CHECK_NOT_FOUND = "check_not_found"
    TEXT_EXPIRED = "text_expired"
    NOT_YOUR_CHECK = "not_your_check"
    NO_SIGNOFF_NEEDED = "no_signoff_needed"
    REASON_REQUIRED = "reason_required"
    REASON_TOO_LONG = "reason_too_long"
    NO_DEPARTMENT = "no_department"
    REQUEST_NOT_FOUND = "request_not_found"
    NOT_A_HEAD = "not_a_head"
    OWN_DRAFT = "own_draft"
    NO_DECIDER = "no_decider"
    ALREADY_REQUESTED = "already_requested"
    # The check is claimed but no request is stored yet: another click is creating it, or its
    # creation failed while the store was down (the claim expires after REQUEST_CLAIM_TTL).
    REQUEST_IN_FLIGHT = "request_in_flight"
    ALREADY_DECIDED = "already_decided"
    SUPERSEDED = "superseded"
    STORE_DOWN = "store_down"


def problem_text(problem: Problem, request: SignoffRequest | None = None) -> str:
    """The sentence telling the user why the step did not happen."""
    if problem == Problem.ALREADY_DECIDED and request is not None:
        key = {
            RequestState.APPROVED: "bot.problem.already_approved",
            RequestState.REJECTED: "bot.problem.already_rejected",
            RequestState.EXPIRED: "bot.problem.already_expired",
        }.get(request.state, "bot.problem.already_decided")
        return message(
            key,
            who=request.decided_by or "",
            state=message(f"bot.state_{request.state.value}"),
            at=readable_time(request.decided_at),
        )
    if problem == Problem.ALREADY_REQUESTED and request is not None:
        return message("bot.problem.already_requested_version", version=request.version)
    if (
        problem in (Problem.OWN_DRAFT, Problem.NOT_A_HEAD)
        and request is not None
        and request.route == Role.PR_SECTION
    ):  # decided by the PR section: naming heads or deputies would send the user astray
        return message(f"bot.problem.{problem.value}_pr_section")
    return message(f"bot.problem.{problem.value}")


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    record: CheckRecord
    report: Report
    stored: bool  # False when the store was down: the report stands, sign-off must wait


@dataclass(frozen=True, slots=True)
class RequestOutcome:
    request: SignoffRequest | None
    superseded: tuple[SignoffRequest, ...] = ()
    heads: tuple[str, ...] = ()  # who may decide the request (heads, or deputies)
    problem: Problem | None = None


@dataclass(frozen=True, slots=True)
class DecisionOutcome:
    request: SignoffRequest | None
    won: bool = False
    problem: Problem | None = None
    role: Role | None = None


class Workflow:
    def __init__(
        self,
        store: Store,
        config: BotConfig,
        audit: AuditLog,
        clock: Callable[[], datetime] | None = None,
        group_members: Callable[[str], tuple[str, ...]] | None = None,
    ) -> None:
        self.store = store
        self.config = config
        self.audit = audit
        self._clock = clock
        # Members of a Slack user group (heads_usergroup); resolved by the transport.
        self._group_members = group_members
        self._incident = IncidentLookup(store)  # §7(4), remembered across a store outage

    def now(self) -> datetime:
        return self._clock() if self._clock else datetime.now(self.config.tz)

    def _stamp(self) -> str:
        return self.now().isoformat(timespec="seconds")

    def incident(self, account: str | None) -> Incident | None:
        """The account's incident mode (§7(4)), if on."""
        try:
            acc = self.config.city.account(account) if account else None
        except KeyError:
            return None
        return self._incident(acc.id) if acc else None

    # --- checking ---

    def check(
        self,
        text: str,
        *,
        user: str,
        channel: str = "",
        account: str | None = None,
        platform: str | None = None,
        posted_at: datetime | None = None,
        alt_text: bool | None = None,
        people_consent: bool | None = None,
        draft_id: str | None = None,
    ) -> CheckOutcome:
        """Check a draft and record it. Raises checks.DraftError for unusable input."""
        incident = self.incident(account)
        with CHECK_SECONDS.time():
            report = check_draft(
                text,
                platform=platform,
                posted_at=posted_at,
                account=account,
                config=self.config.city,
                now=self.now(),
                alt_text=alt_text,
                people_consent=people_consent,
                incident=incident is not None,
            )
        acc = self.config.city.account(account) if account else None
        at = self._stamp()
        stored_report = StoredReport(
            findings=report.findings,
            verdict=report.verdict.value,
            checked_at=at,
            ruleset=ruleset_version(),
            alt_text=alt_text,
            people_consent=people_consent,
            emergency=report.emergency,
            emergency_post=report.emergency_post,
        )
        record = CheckRecord(
            id=new_id(),
            user=user,
            channel=channel,
            at=at,
            verdict=report.verdict.value,
            codes=report.codes,
            length=len(report.text),
            text_sha=hashlib.sha256(report.text.encode("utf-8", "replace")).hexdigest()[:16],
            account=acc.id if acc else None,
            platform=platform or (acc.platform if acc else None),
            posted_at=posted_at.isoformat(timespec="minutes") if posted_at else None,
            draft_id=draft_id,
            alt_text=alt_text,
            people_consent=people_consent,
            emergency=report.emergency,
            emergency_post=report.emergency_post,
            ruleset=stored_report.ruleset,
        )
        try:
            self.store.put_check(record, report.text, stored_report.to_json())
            stored = True
        except StoreUnavailable:
            stored = False
        self.audit.event(
            "check",
            user,
            record.at,
            verdict=record.verdict,
            codes=record.codes,
            check_id=record.id,
            account=record.account or "",
            emergency_post=record.emergency_post,
        )
        if incident is not None:
            note_post(
                self.store, self.audit, incident, "check", user, record.at, check_id=record.id
            )
        return CheckOutcome(record, report, stored)

    # --- sign-off ---

    def heads(self, department: str) -> tuple[str, ...]:
        """Configured heads, plus the members of the department's user group if any."""
        dep = self.config.departments.get(department)
        if dep is None:
            return ()
        heads = list(dep.heads)
        if dep.heads_usergroup and self._group_members is not None:
            heads += [u for u in self._group_members(dep.heads_usergroup) if u not in heads]
        return tuple(heads)

    def is_head(self, user: str) -> bool:
        return any(user in self.heads(d) for d in self.config.departments)

    def escalated(self, request: SignoffRequest) -> bool:
        """Pending long enough to be escalated to the deputies (the reminders' threshold)."""
        age = self.now() - datetime.fromisoformat(request.created_at)
        return age >= timedelta(minutes=self.config.reminders.pending_escalate_minutes)

    def deciders(self, request: SignoffRequest) -> dict[str, Role]:
        """Who may decide ``request``, and in which role; never its drafter. The heads of its
        department; its deputies too for a head's own draft or once it is escalated (the
        escalation sends them the request, whatever its route); the PR section for a head's own
        draft that nobody else in the department could decide when it was asked."""
        out: dict[str, Role] = {}

        def add(users: Iterable[str], role: Role) -> None:
            for u in users:
                if u != request.requester:
                    out.setdefault(u, role)

        add(self.heads(request.department), Role.HEAD)
        if request.route == Role.PR_SECTION:
            add(self.config.registry.pr_section, Role.PR_SECTION)
        dep = self.config.departments.get(request.department)
        if dep is not None and (request.route == Role.DEPUTY or self.escalated(request)):
            add(dep.deputies, Role.DEPUTY)
        if not out and request.route == Role.DEPUTY:
            # The deputies it went to were removed since: as when asking, the PR section.
            add(self.config.registry.pr_section, Role.PR_SECTION)
        return out

    def _stored_report(self, record: CheckRecord, text: str) -> StoredReport:
        """The report the drafter saw; for a check kept without one (older records), the
        same check again with the drafter's form answers and the time of the check."""
        try:
            raw = self.store.get_check_report(record.id)
        except StoreUnavailable:
            raw = None
        if raw:
            return StoredReport.from_json(raw)
        acc = self.config.city.account(record.account) if record.account else None
        report = check_draft(
            text,
            platform=record.platform,
            posted_at=datetime.fromisoformat(record.posted_at) if record.posted_at else None,
            account=acc,
            config=self.config.city,
            now=datetime.fromisoformat(record.at),
            alt_text=record.alt_text,
            people_consent=record.people_consent,
        )
        return StoredReport(
            findings=report.findings,
            verdict=record.verdict,
            checked_at=record.at,
            ruleset=record.ruleset or ruleset_version(),
            alt_text=record.alt_text,
            people_consent=record.people_consent,
            emergency=report.emergency,
            emergency_post=report.emergency_post,
        )

    def request_signoff(
        self, check_id: str, requester: str, *, override_reason: str | None = None
    ) -> RequestOutcome:
        """Ask for sign-off on a check, once: asking again for the same check (a double click,
        a replayed Slack request) creates nothing and answers ALREADY_REQUESTED."""
        try:
            got = self.store.get_check(check_id)
        except StoreUnavailable:
            return RequestOutcome(None, problem=Problem.STORE_DOWN)
        if got is None:
            return RequestOutcome(None, problem=Problem.CHECK_NOT_FOUND)
        record, text = got
        if record.user != requester:
            return RequestOutcome(None, problem=Problem.NOT_YOUR_CHECK)
        if text is None:
            return RequestOutcome(None, problem=Problem.TEXT_EXPIRED)
        if record.verdict in ("ok", "advice"):
            return RequestOutcome(None, problem=Problem.NO_SIGNOFF_NEEDED)
        reason = (override_reason or "").strip() or None
        if record.verdict == "block" and reason is None:
            return RequestOutcome(None, problem=Problem.REASON_REQUIRED)
        if reason is not None and len(reason) > MAX_REASON:
            return RequestOutcome(None, problem=Problem.REASON_TOO_LONG)
        acc = self.config.city.account(record.account) if record.account else None
        dep = self.config.department_of(requester, acc)
        if dep is None or not self.heads(dep.id):
            return RequestOutcome(None, problem=Problem.NO_DEPARTMENT)
        draft_id = record.draft_id or record.id
        try:
            earlier = self.store.list_requests(requester=requester, limit=200)
            same = [r for r in earlier if r.check_id == record.id]
            if same:
                return RequestOutcome(same[0], problem=Problem.ALREADY_REQUESTED)
        except StoreUnavailable:
            return RequestOutcome(None, problem=Problem.STORE_DOWN)
        stored = self._stored_report(record, text)
        request = SignoffRequest(
            id=new_id(),
            draft_id=draft_id,
            version=1 + max((r.version for r in earlier if r.draft_id == draft_id), default=0),
            check_id=record.id,
            requester=requester,
            department=dep.id,
            text=text,
            verdict=stored.verdict,
            codes=tuple(sorted({f.code for f in stored.findings})),
            findings=stored.findings,
            created_at=self._stamp(),
            account=record.account,
            platform=record.platform,
            posted_at=record.posted_at,
            override_reason=reason,
            checked_at=stored.checked_at,
            ruleset=stored.ruleset,
            alt_text=stored.alt_text,
            people_consent=stored.people_consent,
            emergency_post=stored.emergency_post,
            route=Role.DEPUTY if requester in self.heads(dep.id) else Role.HEAD,
        )
        found = self.deciders(request)
        if request.route == Role.DEPUTY and Role.PR_SECTION in found.values():
            # Nobody in the department can decide it: the PR section, on its own route.
            request = replace(request, route=Role.PR_SECTION)
            found = self.deciders(request)
        deciders = tuple(found)
        if not deciders:
            return RequestOutcome(None, problem=Problem.NO_DECIDER)
        try:
            # Claimed only now: a refusal above leaves the check free to be asked again
            # once the configuration is fixed.
            if not self.store.first_seen(f"signoff:{record.id}", REQUEST_CLAIM_TTL):
                return RequestOutcome(None, problem=Problem.REQUEST_IN_FLIGHT)
            superseded = tuple(self.store.create_request(request))
        except StoreUnavailable:
            return RequestOutcome(None, problem=Problem.STORE_DOWN)
        kind = "override_request" if record.verdict == "block" else "request"
        self.audit.event(
            kind,
            requester,
            request.created_at,
            verdict=request.verdict,
            codes=request.codes,
            request_id=request.id,
            check_id=record.id,
            account=record.account or "",
            detail=reason or "",
            emergency_post=request.emergency_post,
        )
        for old in superseded:
            self.audit.event(
                "superseded",
                requester,
                request.created_at,
                request_id=old.id,
                detail=f"v{old.version} -> v{request.version}",
            )
        return RequestOutcome(request, superseded, deciders)

    def may_decide(self, request_id: str, decider: str) -> DecisionOutcome:
        """Whether ``decider`` may decide the request now: asked before the rejection form
        opens, so that a refusal comes before the reason is typed. ``decide`` asks again."""
        try:
            request = self.store.get_request(request_id)
        except StoreUnavailable:
            return DecisionOutcome(None, problem=Problem.STORE_DOWN)
        if request is None:
            return DecisionOutcome(None, problem=Problem.REQUEST_NOT_FOUND)
        if decider == request.requester:
            return DecisionOutcome(request, problem=Problem.OWN_DRAFT)
        role = self.deciders(request).get(decider)
        if role is None:
            return DecisionOutcome(request, problem=Problem.NOT_A_HEAD)
        if request.state == RequestState.SUPERSEDED:
            return DecisionOutcome(request, problem=Problem.SUPERSEDED)
        if request.state != RequestState.PENDING:
            return DecisionOutcome(request, problem=Problem.ALREADY_DECIDED)
        return DecisionOutcome(request, role=role)

    def decide(
        self, request_id: str, decider: str, *, approve: bool, reason: str | None = None
    ) -> DecisionOutcome:
        """Approve or reject; only a head of the request's department (or a deputy, see
        ``deciders``), never the drafter, and exactly once however many clicks or instances
        race. The decision records who decided and in which role."""
        allowed = self.may_decide(request_id, decider)
        request = allowed.request
        if allowed.problem is not None or request is None or allowed.role is None:
            return allowed
        reason = (reason or "").strip() or None
        if not approve and reason is None:
            return DecisionOutcome(request, problem=Problem.REASON_REQUIRED)
        if reason is not None and len(reason) > MAX_REASON:
            return DecisionOutcome(request, problem=Problem.REASON_TOO_LONG)
        state = RequestState.APPROVED if approve else RequestState.REJECTED
        at = self._stamp()
        try:
            result = self.store.decide(request_id, state, decider, at, reason)
        except StoreUnavailable:
            return DecisionOutcome(request, problem=Problem.STORE_DOWN)
        if not result.won:
            problem = (
                Problem.SUPERSEDED
                if result.request is not None and result.request.state == RequestState.SUPERSEDED
                else Problem.ALREADY_DECIDED
            )
            return DecisionOutcome(result.request, problem=problem)
        self.audit.event(
            "decision",
            decider,
            at,
            verdict=state.value,
            codes=request.codes,
            request_id=request.id,
            check_id=request.check_id,
            account=request.account or "",
            detail=reason or "",
            role=allowed.role.value,
        )
        incident = self.incident(request.account)
        if incident is not None:
            note_post(
                self.store, self.audit, incident, state.value, decider, at, request_id=request.id
            )
        return DecisionOutcome(result.request, won=True, role=allowed.role)

    def draft_to_revise(self, request_id: str, user: str) -> SignoffRequest | None:
        """The request whose draft ``user`` wants to edit and check again; only the drafter's."""
        request = self.store.get_request(request_id)
        return request if request is not None and request.requester == user else None

    def pending_for(self, user: str) -> list[SignoffRequest]:
        """Pending requests ``user`` may decide now (as a head, a deputy or the PR section)."""
        out: list[SignoffRequest] = []
        for dep in self.config.departments.values():
            if (
                user in self.heads(dep.id)
                or user in dep.deputies
                or user in self.config.registry.pr_section
            ):
                out += [
                    r
                    for r in self.store.list_requests(department=dep.id, state=RequestState.PENDING)
                    if user in self.deciders(r)
                ]
        return sorted(out, key=lambda r: r.created_at)
