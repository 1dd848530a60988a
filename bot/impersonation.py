"""§7(3) impersonation (なりすまし) as plain Python (no Slack here).

A report (the impersonated account, the fake account's URL) opens a tracked checklist:
report to the platform (its report page, from messages/impersonation.toml), a notice on the
city's website (a drafted text that goes through the check), and a note to the press where
needed. Each step is done or consciously skipped with a reason; reminders go out until every
step is; every report and step is in the audit trail.

State: one value per case (``impersonation:ID``); open cases are found by the key prefix
(``Store.values_with_prefix``), so no shared index can lose one.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from bot.config import BotConfig
from bot.desk import Desk
from bot.models import new_id
from bot.store import StoreUnavailable
from messages import text

__all__ = [
    "STEPS",
    "Case",
    "CaseProblem",
    "ImpersonationDesk",
    "Step",
    "notice_draft",
    "report_page",
]

STEPS = ("platform_report", "website_notice", "press")
MAX_FIELD = 500
STEP_CLAIM = 30  # seconds


class CaseProblem(StrEnum):
    BAD_URL = "bad_url"
    UNKNOWN_ACCOUNT = "unknown_account"
    NOT_FOUND = "not_found"
    NOT_ALLOWED = "not_allowed"
    REASON_REQUIRED = "reason_required"
    ALREADY = "already"
    STORE_DOWN = "store_down"


@dataclass(frozen=True, slots=True)
class Step:
    state: str = "open"  # open, done, skipped
    by: str = ""
    at: str = ""
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Case:
    id: str
    account: str
    platform: str
    fake_url: str
    by: str
    at: str
    steps: dict[str, Step] = field(default_factory=lambda: {s: Step() for s in STEPS})
    messages: tuple[tuple[str, str], ...] = ()  # (channel, ts) of the checklist messages

    @property
    def open_steps(self) -> list[str]:
        return [s for s in STEPS if self.steps[s].state == "open"]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Case:
        d = json.loads(raw)
        d["steps"] = {k: Step(**v) for k, v in d["steps"].items()}
        d["messages"] = tuple(tuple(m) for m in d.get("messages", ()))
        return cls(**d)


def report_page(platform: str) -> str:
    """The platform's page for reporting impersonation (messages/impersonation.toml)."""
    return text(f"impersonation.report_page.{platform}")


def notice_draft(config: BotConfig, case: Case) -> str:
    """The website notice of the case, to be checked like any draft."""
    acc = config.accounts[case.account]
    return text(
        "impersonation.notice",
        platform=text(f"impersonation.platform_name.{case.platform}"),
        city=config.city.name,
        account=acc.name,
        fake=case.fake_url,
        official=acc.url,
    )


def _key(case_id: str) -> str:
    return f"impersonation:{case_id}"


class ImpersonationDesk(Desk):
    def report(self, account: str, fake_url: str, user: str) -> Case | CaseProblem:
        """Open a case for a fake of ``account`` at ``fake_url``."""
        fake_url = fake_url.strip()
        if account not in self.config.accounts:
            return CaseProblem.UNKNOWN_ACCOUNT
        if (
            not fake_url.startswith(("https://", "http://"))
            or len(fake_url) > MAX_FIELD
            or any(c.isspace() for c in fake_url)
        ):
            return CaseProblem.BAD_URL
        case = Case(
            id=new_id(),
            account=account,
            platform=self.config.accounts[account].platform,
            fake_url=fake_url,
            by=user,
            at=self._stamp(),
        )
        try:
            self.store.set_value(_key(case.id), case.to_json())
        except StoreUnavailable:
            return CaseProblem.STORE_DOWN
        self.audit.event(
            "impersonation", user, case.at, account=account, detail=f"{case.id} {fake_url}"
        )
        return case

    def get(self, case_id: str) -> Case | None:
        raw = self.store.get_value(_key(case_id))
        return Case.from_json(raw) if raw else None

    def may_act(self, user: str, case: Case, heads: Callable[[str], tuple[str, ...]]) -> bool:
        if user == case.by or user in self.config.registry.pr_section:
            return True
        staff = self.config.staff.get(case.account)
        return staff is not None and user in heads(staff.department)

    def mark(
        self,
        case_id: str,
        step: str,
        user: str,
        heads: Callable[[str], tuple[str, ...]],
        *,
        skip_reason: str | None = None,
    ) -> Case | CaseProblem:
        """Record a step as done, or skipped with a reason (``skip_reason``)."""
        try:
            case = self.get(case_id)
        except StoreUnavailable:
            return CaseProblem.STORE_DOWN
        if case is None or step not in STEPS:
            return CaseProblem.NOT_FOUND
        if not self.may_act(user, case, heads):
            return CaseProblem.NOT_ALLOWED
        if case.steps[step].state != "open":
            return CaseProblem.ALREADY
        reason = (skip_reason or "").strip()
        if skip_reason is not None and not reason:
            return CaseProblem.REASON_REQUIRED
        try:
            # A double click or two people at once: one record (a short claim, so that a step
            # that lost the store half-way can be recorded again).
            if not self.store.first_seen(f"impersonation-step:{case_id}:{step}", STEP_CLAIM):
                return CaseProblem.ALREADY
        except StoreUnavailable:
            return CaseProblem.STORE_DOWN
        state = "skipped" if skip_reason is not None else "done"
        at = self._stamp()
        updated = replace(
            case, steps={**case.steps, step: Step(state, user, at, reason[:MAX_FIELD])}
        )
        try:
            self.store.set_value(_key(case_id), updated.to_json())
        except StoreUnavailable:
            return CaseProblem.STORE_DOWN
        detail = f"{case_id} {step} {state}" + (f": {reason[:MAX_FIELD]}" if reason else "")
        self.audit.event("impersonation_step", user, at, account=case.account, detail=detail)
        return updated

    def keep_messages(self, case: Case, messages: list[tuple[str, str]]) -> Case:
        """Remember where the checklist was posted, to update it after each step."""
        updated = replace(case, messages=tuple(messages))
        self.store.set_value(_key(case.id), updated.to_json())
        return updated

    def open_cases(self) -> list[Case]:
        """Cases with a step still open, oldest first."""
        cases = [
            Case.from_json(v) for v in self.store.values_with_prefix("impersonation:").values()
        ]
        return sorted((c for c in cases if c.open_steps), key=lambda c: c.at)
