"""``toonbot accounts check``: for every official account, which required items of its
operating policy and terms are missing, and whether (and when) the policy was reported to the
PR section (§5(2)). The same facts feed the PR section's App Home."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import BotConfig
from bot.registry import ITEMS, ReportStatus, missing_items, report_status
from bot.store import Store
from messages import text

__all__ = ["AccountStatus", "account_statuses", "item_label", "render_check"]


@dataclass(frozen=True, slots=True)
class AccountStatus:
    account: str
    missing: tuple[str, ...]
    report: ReportStatus

    @property
    def complete(self) -> bool:
        return not self.missing and self.report.reported_on is not None


def item_label(item: str) -> str:
    """The item's name with its clause, e.g. 「発信の目的(5(3)③)」."""
    clause = dict(ITEMS)[item].removeprefix("§")
    return f"{text(f'registry.item.{item}')}({clause})"


def account_statuses(config: BotConfig, store: Store) -> list[AccountStatus]:
    """Every configured account's status, in the configuration's order."""
    out = []
    for acc_id in config.accounts:
        record = config.registry.records[acc_id]
        out.append(
            AccountStatus(acc_id, tuple(missing_items(record)), report_status(record, store))
        )
    return out


def render_check(config: BotConfig, statuses: list[AccountStatus]) -> str:
    """The terminal report of ``toonbot accounts check``."""
    lines = [text("registry.check.header", count=len(statuses))]
    for st in statuses:
        acc = config.accounts[st.account]
        staff = config.staff.get(acc.id)
        dep = config.departments.get(staff.department) if staff else None
        lines.append(
            text(
                "registry.check.account",
                id=acc.id,
                name=acc.name,
                platform=acc.platform,
                department=dep.name if dep else "",
                url=acc.url,
            )
        )
        if st.missing:
            items = "、".join(item_label(i) for i in st.missing)
            lines.append(text("registry.check.missing", items=items))
        else:
            lines.append(text("registry.check.complete"))
        if st.report.reported_on is None:
            lines.append(text("registry.check.not_reported"))
        else:
            by = (
                text("registry.check.confirmed_by", user=st.report.confirmed_by)
                if st.report.confirmed_by
                else ""
            )
            lines.append(
                text("registry.check.reported", date=st.report.reported_on.isoformat(), by=by)
            )
    bad = sum(not st.complete for st in statuses)
    lines.append(
        text("registry.check.summary_missing", count=bad)
        if bad
        else text("registry.check.summary_ok")
    )
    return "\n".join(lines) + "\n"
