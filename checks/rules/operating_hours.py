"""§6(1): post from official accounts inside their operating hours, on working days."""

from __future__ import annotations

from collections.abc import Iterator

from checks.analysis import WEEKDAYS, Draft
from checks.calendar import closed_reason, holiday_name
from checks.emergency import allows_emergency_post, is_emergency_notice
from checks.registry import Hit
from messages import text


def outside_operating_hours(draft: Draft) -> Iterator[Hit]:
    ctx = draft.context
    if ctx.posted_at is None:
        return
    if allows_emergency_post(ctx) and is_emergency_notice(draft.folded):
        return  # §6(1) ただし書: the account's operating policy allows it (Report.emergency_post)
    cfg = ctx.config
    acc = ctx.account
    hours = acc.hours if acc else cfg.default_hours
    at = ctx.posted_at
    day = at.date()
    why = closed_reason(cfg, at, acc, time_known=ctx.time_known)
    if why is None:
        return
    reason = (
        text("hours.holiday", name=holiday_name(day)) if why == "holiday" else text(f"hours.{why}")
    )
    yield Hit(
        0,
        0,
        {
            "when": f"{day.month}月{day.day}日({WEEKDAYS[day.weekday()]})"
            + (f" {at:%H:%M}" if ctx.time_known else ""),
            "reason": reason,
            "account": acc.name if acc else text("hours.default_account"),
            "hours": str(hours),
            "emergency": acc.emergency_note
            if acc and acc.emergency_note
            else text("hours.no_emergency_note"),
        },
    )
