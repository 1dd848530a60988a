"""§5 the account registry: each official account's operating policy and terms of use, what
of them is missing, and whether the policy was reported to the PR section (§5(2)).

The record is the account's ``[[accounts]]`` entry in the city's configuration (with its
``[accounts.policy]``, ``[accounts.terms]`` and ``[accounts.report]`` tables). A malformed
value stops start-up with an error naming the account and the item; a missing item is not an
error but is listed by ``toonbot accounts check`` and the PR section's App Home. The PR
section's confirmation that a report arrived is kept in the store (``registry:report:ID``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bot.store import Store
from checks.config import CityConfig, Reader
from messages import text

__all__ = [
    "ITEMS",
    "AccountRecord",
    "Registry",
    "ReportStatus",
    "missing_items",
    "parse_registry",
    "record_report",
    "report_status",
]

# Items an account's operating policy and terms must state, with the clause asking for each.
# (platform, name, URL, operator and department are required when the configuration loads.)
ITEMS: tuple[tuple[str, str], ...] = (
    ("purpose", "§5(3)③"),
    ("content", "§5(3)③"),
    ("hours", "§5(3)④"),
    ("replies", "§5(3)④"),
    ("personal_info", "§5(3)⑤"),
    ("user_rules", "§5(4)①"),
    ("intellectual_property", "§5(4)②"),
    ("disclaimer", "§5(4)③"),
    ("emergency_posts", "§6(1)"),
)
_POLICY_KEYS = ("purpose", "content", "replies", "personal_info")
_TERMS_KEYS = ("user_rules", "intellectual_property", "disclaimer")


@dataclass(frozen=True, slots=True)
class AccountRecord:
    """The registry's part of one account: what its policy and terms say (empty: not stated)."""

    account: str
    statements: Mapping[str, str] = field(default_factory=dict)  # item -> text
    reported_on: date | None = None  # policy reported to the PR section (§5(2)), per the file
    page: str = ""  # the policy's official page on the city's website


@dataclass(frozen=True, slots=True)
class Registry:
    """The ``[registry]`` table and every account's record."""

    pr_section: tuple[str, ...] = ()  # Slack users of 総務課 広報広聴・男女共同参画係
    pr_channel: str = ""
    incident_update_minutes: int = 120  # remind an account in incident mode to post an update
    records: Mapping[str, AccountRecord] = field(default_factory=dict)


def missing_items(record: AccountRecord) -> list[str]:
    """The items of ``ITEMS`` the account's policy or terms do not state."""
    return [item for item, _ in ITEMS if not record.statements.get(item, "").strip()]


def parse_registry(r: Reader, raw: Mapping[str, Any], city: CityConfig) -> Registry:
    """Validate ``[registry]`` and each account's policy, terms and report tables."""
    table = r.table(raw, "registry", "")
    minutes = table.get("incident_update_minutes", 120)
    if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes < 1:
        raise r.fail("registry.incident_update_minutes", text("config.want_positive"))
    records: dict[str, AccountRecord] = {}
    for i, a in enumerate(raw.get("accounts", [])):
        acc = city.accounts[a["id"]]
        where = f"accounts[{i}] ({acc.id})."
        statements: dict[str, str] = {}
        for sub, keys in (("policy", _POLICY_KEYS), ("terms", _TERMS_KEYS)):
            part = r.table(a, sub, where)
            for key in part:
                if key not in keys:
                    raise r.fail(
                        f"{where}{sub}.{key}",
                        text("registry.config.unknown_item", choices=", ".join(keys)),
                    )
                statements[key] = r.string(part, key, f"{where}{sub}.")
        if "hours" in a:
            statements["hours"] = str(acc.hours)
        if "emergency_posts" in a:
            statements["emergency_posts"] = text(
                "registry.emergency_yes" if acc.emergency_posts else "registry.emergency_no"
            )
        report = r.table(a, "report", where)
        reported_on = report.get("reported_on")
        if reported_on is not None and (
            not isinstance(reported_on, date) or not _is_plain_date(reported_on)
        ):
            raise r.fail(f"{where}report.reported_on", text("config.want_date", value=reported_on))
        page = r.string(report, "page", f"{where}report.", "")
        if page and not page.startswith("https://"):
            raise r.fail(f"{where}report.page", text("registry.config.want_https", value=page))
        records[acc.id] = AccountRecord(
            account=acc.id, statements=statements, reported_on=reported_on, page=page
        )
    return Registry(
        pr_section=r.strings(table, "pr_section", "registry."),
        pr_channel=r.string(table, "pr_channel", "registry.", ""),
        incident_update_minutes=minutes,
        records=records,
    )


def _is_plain_date(value: object) -> bool:
    """A TOML local date (2027-04-01), not a date-time."""
    return type(value) is date


@dataclass(frozen=True, slots=True)
class ReportStatus:
    """Whether and when the account's policy reached the PR section (§5(2))."""

    reported_on: date | None
    confirmed_by: str = ""  # the PR section member who confirmed it in Slack, if so


def report_status(record: AccountRecord, store: Store) -> ReportStatus:
    """The report date from the configuration, else the PR section's confirmation."""
    raw = store.get_value(f"registry:report:{record.account}")
    if raw:
        data = json.loads(raw)
        return ReportStatus(date.fromisoformat(data["date"]), str(data.get("by", "")))
    return ReportStatus(record.reported_on)


def record_report(store: Store, account: str, day: date, user: str) -> None:
    """The PR section confirms that the account's policy was reported on ``day``."""
    store.set_value(f"registry:report:{account}", json.dumps({"date": day.isoformat(), "by": user}))
