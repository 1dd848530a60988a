"""Reminders: operating hours (§6(1)), private-use conduct (§8), password rotation (§5(5)),
pending sign-offs (§6(3)).

Each reminder occurrence has a stable key; an instance sends it only after claiming the key
in the store (``first_seen``: Redis SET NX across instances, one SQLite row for one instance),
so it goes out exactly once however many instances tick. A failed Slack post lands in the
outbox and is retried, never re-claimed. After downtime, occurrences since the last tick are
sent late once if still relevant (``max_late``), otherwise skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from bot.blocks import button, request_blocks, section
from bot.config import BotConfig
from bot.incident_reminders import impersonation_reminders, incident_reminders
from bot.metrics import REMINDERS
from bot.models import RequestState
from bot.publish import add_copies, refresh_messages
from bot.services import Services
from bot.slack_ids import Action
from bot.when import long_date, readable_time
from bot.workflow import Role
from checks.calendar import is_working_day
from messages import conduct_points, reminder, text

__all__ = ["Occurrence", "Scheduler", "occurrences"]

CLAIM_TTL = 400 * 24 * 3600  # longer than any gap between a reminder and its next run
LAST_TICK = "scheduler:last_tick"
FIRST_LOOKBACK = timedelta(minutes=5)  # a new install does not send a backlog
PASSWORD_REPEAT_DAYS = 7


@dataclass(frozen=True)
class Occurrence:
    key: str
    at: datetime
    max_late: timedelta
    channel: str
    text: str
    blocks: list[dict[str, Any]] | None = field(default=None, compare=False)


def _at(config: BotConfig, day: date, t: time) -> datetime:
    return datetime.combine(day, t, tzinfo=config.tz)


def first_working_day(config: BotConfig, year: int, month: int) -> date:
    day = date(year, month, 1)
    while not is_working_day(config.city, day):
        day += timedelta(days=1)
    return day


def password_changed_on(services: Services, account: str) -> date | None:
    """The day the account's password was last recorded as changed, if ever."""
    raw = services.workflow.store.get_value(f"password:{account}")
    return date.fromisoformat(json.loads(raw)["date"]) if raw else None


def _days(start: datetime, end: datetime) -> Iterator[date]:
    day = start.date()
    while day <= end.date():
        yield day
        day += timedelta(days=1)


def occurrences(services: Services, start: datetime, end: datetime) -> list[Occurrence]:
    """The calendar reminders due in (start, end]."""
    config = services.config
    rem = config.reminders
    out: list[Occurrence] = []
    for day in _days(start, end):
        for staff in config.staff.values():
            acc = staff.account
            dep = config.departments.get(staff.department)
            if rem.hours_messages and dep and dep.channel and is_working_day(config.city, day, acc):
                out.append(
                    Occurrence(
                        f"hours_start:{acc.id}:{day}",
                        _at(config, day, acc.hours.start),
                        timedelta(minutes=30),
                        dep.channel,
                        reminder("hours_start", account=acc.name, hours=str(acc.hours)),
                    )
                )
                out.append(
                    Occurrence(
                        f"hours_end:{acc.id}:{day}",
                        _at(config, day, acc.hours.end),
                        timedelta(minutes=30),
                        dep.channel,
                        reminder(
                            "hours_end",
                            account=acc.name,
                            emergency=acc.emergency_note or text("hours.no_emergency_note"),
                        ),
                    )
                )
        if rem.conduct_channels and day == first_working_day(config, day.year, day.month):
            points = conduct_points()
            point = points[(day.year * 12 + day.month) % len(points)]
            body = f"{reminder('conduct_title')}\n{point}"
            for channel in rem.conduct_channels:
                out.append(
                    Occurrence(
                        f"conduct:{day:%Y-%m}:{channel}",
                        _at(config, day, rem.conduct_time),
                        timedelta(days=3),
                        channel,
                        body,
                    )
                )
        for staff in config.staff.values():
            acc = staff.account
            dep = config.departments.get(staff.department)
            target = staff.operator_user or (dep.channel if dep else "")
            if not target or not is_working_day(config.city, day, acc):
                continue
            last = password_changed_on(services, acc.id)
            if last is None:
                if day.day != 1:  # never recorded: ask on the 1st, when it is a working day
                    continue
                text_ = reminder("password_never", account=acc.name)
                key = f"password:{acc.id}:never:{day:%Y-%m}"
            else:
                overdue = (day - last).days - staff.password_rotation_days
                if overdue < 0 or overdue % PASSWORD_REPEAT_DAYS:
                    continue
                text_ = reminder(
                    "password",
                    account=acc.name,
                    last=long_date(last),
                    days=staff.password_rotation_days,
                )
                key = f"password:{acc.id}:{last}:{overdue // PASSWORD_REPEAT_DAYS}"
            blocks = [
                section(text_),
                {
                    "type": "actions",
                    "elements": [
                        button(
                            reminder("password_button"), Action.PASSWORD_CHANGED, acc.id, "primary"
                        )
                    ],
                },
            ]
            out.append(
                Occurrence(
                    key,
                    _at(config, day, config.reminders.password_time),
                    timedelta(days=1),
                    target,
                    text_,
                    blocks,
                )
            )
    return sorted((o for o in out if start < o.at <= end), key=lambda o: (o.at, o.key))


class Scheduler:
    """Call ``tick(now)`` regularly (every minute); safe to run on several instances."""

    def __init__(self, services: Services) -> None:
        self.s = services
        self.store = services.workflow.store

    def _claim(self, key: str) -> bool:
        return self.store.first_seen(f"reminder:{key}", CLAIM_TTL)

    def tick(self, now: datetime) -> list[str]:
        """Send what is due; returns the keys sent (for logs and tests)."""
        raw = self.store.get_value(LAST_TICK)
        last = datetime.fromisoformat(raw) if raw else now - FIRST_LOOKBACK
        sent: list[str] = []
        if now > last:
            for occ in occurrences(self.s, last, now):
                if now - occ.at > occ.max_late:
                    REMINDERS.labels("skipped_late").inc()
                    continue  # too late to be useful (e.g. a start-of-hours message at noon)
                if self._claim(occ.key):
                    self.s.notifier.post(occ.channel, occ.text, occ.blocks)
                    REMINDERS.labels("sent").inc()
                    sent.append(occ.key)
                else:
                    REMINDERS.labels("skipped_claimed").inc()  # another instance sent it
        sent += self._pending(now)
        sent += incident_reminders(self.s, now, self._claim)  # §7(4) updates
        sent += impersonation_reminders(self.s, now, self._claim)  # §7(3) open steps
        if raw is None or now > last:
            self.store.set_value(LAST_TICK, now.isoformat())
        return sent

    def _pending(self, now: datetime) -> list[str]:
        rem = self.s.config.reminders
        sent: list[str] = []
        for req in self.store.list_requests(state=RequestState.PENDING, limit=500):
            age = now - datetime.fromisoformat(req.created_at)
            minutes = int(age.total_seconds() // 60)
            dep = self.s.config.departments.get(req.department)
            if req.posted_at and datetime.fromisoformat(req.posted_at) <= now:
                result = self.store.decide(
                    req.id, RequestState.EXPIRED, "toonbot", now.isoformat(timespec="seconds"), None
                )
                if result.won and result.request is not None:
                    refresh_messages(self.s, result.request)
                    self.s.notifier.post(
                        req.requester,
                        reminder(
                            "expired", version=req.version, posted_at=readable_time(req.posted_at)
                        ),
                    )
                    self.s.workflow.audit.event(
                        "expired", "toonbot", now.isoformat(timespec="seconds"), request_id=req.id
                    )
                    sent.append(f"expired:{req.id}")
                continue
            if dep is None:
                continue
            if minutes >= rem.pending_escalate_minutes:
                if self._claim(f"escalate:{req.id}"):
                    deputies = [d for d in dep.deputies if d != req.requester]
                    body = reminder(
                        "escalated" if deputies else "escalated_no_deputy",
                        minutes=rem.pending_escalate_minutes,
                        requester=req.requester,
                        department=dep.name,
                    )
                    # Deputies may decide from now on (Workflow.deciders): they get the
                    # request with its buttons, and the decision updates their copies too.
                    # A head's own draft went to them when it was asked: they get the
                    # reminder alone, not a second copy with buttons.
                    blocks = [section(body)]
                    if req.route != Role.DEPUTY:
                        blocks += request_blocks(req, self.s.config)
                    posted = [
                        where
                        for deputy in deputies
                        if (where := self.s.notifier.post(deputy, body, blocks)) is not None
                    ]
                    if rem.escalate_channel:
                        self.s.notifier.post(rem.escalate_channel, body)
                    if posted and req.route != Role.DEPUTY:
                        add_copies(self.s, req.id, posted)
                    self.s.workflow.audit.event(
                        "escalated",
                        "toonbot",
                        now.isoformat(timespec="seconds"),
                        request_id=req.id,
                        detail=" ".join(deputies),
                    )
                    sent.append(f"escalate:{req.id}")
            elif minutes >= rem.pending_remind_minutes and self._claim(f"remind:{req.id}"):
                body = reminder(
                    "pending",
                    version=req.version,
                    requester=req.requester,
                    minutes=rem.pending_remind_minutes,
                )
                targets = (
                    [dep.approvals_channel]
                    if dep.approvals_channel and req.route == Role.HEAD
                    else list(self.s.workflow.deciders(req))
                )
                for target in targets:
                    self.s.notifier.post(target, body)
                sent.append(f"remind:{req.id}")
        return sent


def record_password_change(services: Services, account: str, user: str, day: date) -> str | None:
    """The 「変更しました」 button: record the date and who. Never the password itself.
    None (nothing recorded) for an account the configuration does not list."""
    acc = services.config.accounts.get(account)
    if acc is None:
        return None
    services.workflow.store.set_value(
        f"password:{account}", json.dumps({"date": day.isoformat(), "by": user})
    )
    services.workflow.audit.event(
        "password_changed",
        user,
        services.workflow.now().isoformat(timespec="seconds"),
        account=account,
    )
    return reminder("password_recorded", account=acc.name, date=long_date(day), user=user)
