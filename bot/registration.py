"""§5(2) registering a new official account, as plain Python (no Slack here).

The department head registers the account (its record: platform, name, URL, operator,
department, policy and terms items); the PR section confirms that the policy was reported;
both steps are in the audit trail. The configuration file stays the registry's source of
truth: the confirmation gives the ``[[accounts]]`` entry to add, and records the report date
(``registry:report:ID``) so that ``toonbot accounts check`` shows it once the entry is in.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from enum import StrEnum

from bot.desk import Desk
from bot.registry import ITEMS, record_report
from bot.store import StoreUnavailable
from checks.config import PLATFORMS

__all__ = ["Registration", "RegistrationDesk", "RegistrationProblem", "toml_entry"]

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,39}$")
_USER_RE = re.compile(r"^[UW][A-Z0-9]{2,20}$")
_HOURS_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$")
MAX_FIELD = 1000
CONFIRM_CLAIM = 30  # seconds
POLICY = ("purpose", "content", "replies", "personal_info")
TERMS = ("user_rules", "intellectual_property", "disclaimer")


class RegistrationProblem(StrEnum):
    BAD_ID = "bad_id"
    TAKEN = "taken"
    BAD_PLATFORM = "bad_platform"
    NAME_REQUIRED = "name_required"
    BAD_URL = "bad_url"
    OPERATOR_REQUIRED = "operator_required"
    NOT_HEAD = "not_head"
    BAD_HOURS = "bad_hours"
    BAD_USER = "bad_user"
    NOT_FOUND = "not_found"
    ALREADY = "already"
    NOT_PR = "not_pr"
    STORE_DOWN = "store_down"


@dataclass(frozen=True, slots=True)
class Registration:
    id: str
    platform: str
    name: str
    url: str
    operator: str
    department: str
    hours: str = ""
    emergency_posts: bool | None = None
    statements: dict[str, str] = field(default_factory=dict)  # policy and terms items
    operator_user: str = ""  # Slack user reminded to change the password (§5(5))
    by: str = ""
    at: str = ""
    confirmed_by: str = ""
    confirmed_at: str = ""

    def missing(self) -> list[str]:
        have = {k for k, v in self.statements.items() if v.strip()}
        if self.hours:
            have.add("hours")
        if self.emergency_posts is not None:
            have.add("emergency_posts")
        return [item for item, _ in ITEMS if item not in have]

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Registration:
        return cls(**json.loads(raw))


def _q(value: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)


def toml_entry(r: Registration) -> str:
    """The ``[[accounts]]`` entry to add to the configuration file."""
    lines = [
        "[[accounts]]",
        f"id = {_q(r.id)}",
        f"platform = {_q(r.platform)}",
        f"name = {_q(r.name)}",
        f"url = {_q(r.url)}",
        f"operator = {_q(r.operator)}",
        f"department = {_q(r.department)}",
    ]
    if r.hours:
        lines.append(f"hours = {_q(r.hours)}")
    if r.emergency_posts is not None:
        lines.append(f"emergency_posts = {'true' if r.emergency_posts else 'false'}")
    # §5(5): the password-rotation reminders attach to the account through these two keys.
    lines.append("password_rotation_days = 90")
    if r.operator_user:
        lines.append(f"operator_user = {_q(r.operator_user)}")
    for table, keys in (("policy", POLICY), ("terms", TERMS)):
        stated = [(k, r.statements[k]) for k in keys if r.statements.get(k, "").strip()]
        if stated:
            lines.append(f"[accounts.{table}]")
            lines += [f"{k} = {_q(v)}" for k, v in stated]
    if r.confirmed_at:
        lines += ["[accounts.report]", f"reported_on = {r.confirmed_at[:10]}"]
    return "\n".join(lines) + "\n"


def _key(account: str) -> str:
    return f"registration:{account}"


class RegistrationDesk(Desk):
    def register(
        self, r: Registration, user: str, heads: Callable[[str], tuple[str, ...]]
    ) -> Registration | RegistrationProblem:
        """The head registers the account (validated; the PR section is told by the caller)."""
        if not _ID_RE.match(r.id):
            return RegistrationProblem.BAD_ID
        if r.platform not in PLATFORMS:
            return RegistrationProblem.BAD_PLATFORM
        if not r.name.strip():
            return RegistrationProblem.NAME_REQUIRED
        if not r.url.startswith("https://") or any(c.isspace() for c in r.url):
            return RegistrationProblem.BAD_URL
        if not r.operator.strip():
            return RegistrationProblem.OPERATOR_REQUIRED
        if r.hours and not _HOURS_RE.match(r.hours):
            return RegistrationProblem.BAD_HOURS
        if r.operator_user and not _USER_RE.match(r.operator_user):
            return RegistrationProblem.BAD_USER
        if r.department not in self.config.departments or user not in heads(r.department):
            return RegistrationProblem.NOT_HEAD
        statements = {
            k: v.strip()[:MAX_FIELD] for k, v in r.statements.items() if k in POLICY + TERMS
        }
        record = replace(r, statements=statements, by=user, at=self._stamp())
        try:
            if r.id in self.config.accounts or self.store.get_value(_key(r.id)):
                return RegistrationProblem.TAKEN
            self.store.set_value(_key(r.id), record.to_json())
        except StoreUnavailable:
            return RegistrationProblem.STORE_DOWN
        self.audit.event(
            "account_registered", user, record.at, account=r.id, detail=f"{r.platform} {r.url}"
        )
        return record

    def pending(self) -> list[Registration]:
        found = [
            Registration.from_json(v)
            for v in self.store.values_with_prefix("registration:").values()
        ]
        return sorted((r for r in found if not r.confirmed_by), key=lambda r: r.at)

    def confirm(self, account: str, user: str) -> Registration | RegistrationProblem:
        """The PR section confirms the report (§5(2)); records its date for the account."""
        if user not in self.config.registry.pr_section:
            return RegistrationProblem.NOT_PR
        try:
            raw = self.store.get_value(_key(account))
            if not raw:
                return RegistrationProblem.NOT_FOUND
            record = Registration.from_json(raw)
            if record.confirmed_by:
                return RegistrationProblem.ALREADY
            # Once, however many clicks race: a short claim, so that a confirmation that lost
            # the store half-way is completed by a retry instead of being refused for ever.
            if not self.store.first_seen(f"registration-confirm:{account}", CONFIRM_CLAIM):
                return RegistrationProblem.ALREADY
            done = replace(record, confirmed_by=user, confirmed_at=self._stamp())
            self.store.set_value(_key(account), done.to_json())
            record_report(self.store, account, self.clock().date(), user)
        except StoreUnavailable:
            return RegistrationProblem.STORE_DOWN
        self.audit.event(
            "account_confirmed", user, done.confirmed_at, account=account, detail=f"by {record.by}"
        )
        return done
