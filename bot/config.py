"""The bot's part of the city's configuration: departments and their heads, deputies and
channels, who runs each account, draft channels and reminder schedules.

It is read from the same TOML file as the checker's part (``checks.config``): the bot takes
the sections and keys the checker leaves alone, and validates them here. A bad value raises
``ConfigError`` naming the file and the key.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import time, tzinfo
from pathlib import Path
from typing import Any

from bot.config_check import id_problems
from bot.registry import Registry, parse_registry
from checks.config import Account, CityConfig, Reader, parse_city, read_toml
from messages import text

__all__ = ["AccountStaff", "BotConfig", "Department", "Reminders", "load_bot_config"]

_CLOCK_RE = re.compile(r"^(\d{1,2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class Department:
    id: str
    name: str
    heads: tuple[str, ...]
    heads_usergroup: str = ""
    approvals_channel: str = ""
    deputies: tuple[str, ...] = ()
    channel: str = ""
    members: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AccountStaff:
    """Who runs an official account: its department and the operator reminded to change the
    password (§5(5)). ``account`` is the checker's part of the same ``[[accounts]]`` entry."""

    account: Account
    department: str
    password_rotation_days: int = 90
    operator_user: str = ""


@dataclass(frozen=True, slots=True)
class Reminders:
    """Schedules of the bot's reminders (times in the city's time zone)."""

    hours_messages: bool = True
    conduct_channels: tuple[str, ...] = ()
    conduct_time: time = time(9, 0)
    password_time: time = time(9, 0)
    pending_remind_minutes: int = 120
    pending_escalate_minutes: int = 240
    escalate_channel: str = ""


@dataclass(frozen=True, slots=True)
class BotConfig:
    city: CityConfig  # the checker's part: what check_draft needs
    departments: Mapping[str, Department] = field(default_factory=dict)
    staff: Mapping[str, AccountStaff] = field(default_factory=dict)  # by account id
    default_department: str = ""
    draft_channels: tuple[str, ...] = ()
    reminders: Reminders = field(default_factory=Reminders)
    registry: Registry = field(default_factory=Registry)  # §5: policies, terms, PR section

    @property
    def tz(self) -> tzinfo:
        return self.city.tz

    @property
    def accounts(self) -> Mapping[str, Account]:
        return self.city.accounts

    def department_of(self, user: str, account: Account | None = None) -> Department | None:
        """The drafter's department: the account's, else the one listing the user as a member,
        else the configured default."""
        staff = self.staff.get(account.id) if account is not None else None
        if staff is not None and staff.department in self.departments:
            return self.departments[staff.department]
        for dep in self.departments.values():
            if user in dep.members:
                return dep
        return self.departments.get(self.default_department)


def load_bot_config(path: str | Path | None = None) -> BotConfig:
    """Load the city's file: the checker's part, then the bot's, both validated."""
    raw, r = read_toml(path)
    city = parse_city(raw, r)
    bad_ids = id_problems(raw, r)
    if bad_ids:
        raise bad_ids[0]
    departments = _departments(r, raw)
    staff = _staff(r, raw, city, departments)
    defaults = r.table(raw, "defaults", "")
    default_department = r.string(defaults, "department", "defaults.", "")
    if default_department and default_department not in departments:
        raise r.fail(
            "defaults.department", text("config.unknown_department", value=default_department)
        )
    if not default_department and departments:
        default_department = next(iter(departments))
    return BotConfig(
        city=city,
        departments=departments,
        staff=staff,
        default_department=default_department,
        draft_channels=r.strings(r.table(raw, "slack", ""), "draft_channels", "slack."),
        reminders=_reminders(r, r.table(raw, "reminders", "")),
        registry=parse_registry(r, raw, city),
    )


def _departments(r: Reader, raw: Mapping[str, Any]) -> dict[str, Department]:
    departments: dict[str, Department] = {}
    raw_deps = raw.get("departments", [])
    if not isinstance(raw_deps, list):
        raise r.fail("departments", text("config.want_tables"))
    for i, d in enumerate(raw_deps):
        where = f"departments[{i}]."
        if not isinstance(d, dict):
            raise r.fail(where[:-1], text("config.want_table"))
        dep = Department(
            id=r.string(d, "id", where),
            name=r.string(d, "name", where),
            heads=r.strings(d, "heads", where),
            heads_usergroup=r.string(d, "heads_usergroup", where, ""),
            approvals_channel=r.string(d, "approvals_channel", where, ""),
            deputies=r.strings(d, "deputies", where),
            channel=r.string(d, "channel", where, ""),
            members=r.strings(d, "members", where),
        )
        if dep.id in departments:
            raise r.fail(where + "id", text("config.duplicate", value=dep.id))
        if not dep.heads and not dep.heads_usergroup:
            raise r.fail(where + "heads", text("config.no_heads"))
        departments[dep.id] = dep
    return departments


def _staff(
    r: Reader, raw: Mapping[str, Any], city: CityConfig, departments: Mapping[str, Department]
) -> dict[str, AccountStaff]:
    """The bot's keys of each ``[[accounts]]`` entry (the checker has validated the table)."""
    staff: dict[str, AccountStaff] = {}
    for i, a in enumerate(raw.get("accounts", [])):
        where = f"accounts[{i}]."
        department = r.string(a, "department", where)
        if department not in departments:
            raise r.fail(where + "department", text("config.unknown_department", value=department))
        rotation = a.get("password_rotation_days", 90)
        if not isinstance(rotation, int) or isinstance(rotation, bool) or rotation < 1:
            raise r.fail(where + "password_rotation_days", text("config.want_positive"))
        account = city.accounts[r.string(a, "id", where)]
        staff[account.id] = AccountStaff(
            account=account,
            department=department,
            password_rotation_days=rotation,
            operator_user=r.string(a, "operator_user", where, ""),
        )
    return staff


def _reminders(r: Reader, raw: Mapping[str, Any]) -> Reminders:
    where = "reminders."

    def clock(key: str, default: time) -> time:
        value = raw.get(key)
        if value is None:
            return default
        m = _CLOCK_RE.match(value) if isinstance(value, str) else None
        if m is None or int(m.group(1)) > 23 or int(m.group(2)) > 59:
            raise r.fail(where + key, text("config.want_time", value=value))
        return time(int(m.group(1)), int(m.group(2)))

    def minutes(key: str, default: int) -> int:
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise r.fail(where + key, text("config.want_positive"))
        return value

    remind = minutes("pending_remind_minutes", 120)
    escalate = minutes("pending_escalate_minutes", 240)
    if escalate <= remind:
        raise r.fail(
            where + "pending_escalate_minutes",
            text("config.want_later", other="pending_remind_minutes"),
        )
    hours_messages = raw.get("hours_messages", True)
    if not isinstance(hours_messages, bool):
        raise r.fail(where + "hours_messages", text("config.want_bool"))
    return Reminders(
        hours_messages=hours_messages,
        conduct_channels=r.strings(raw, "conduct_channels", where),
        conduct_time=clock("conduct_time", time(9, 0)),
        password_time=clock("password_time", time(9, 0)),
        pending_remind_minutes=remind,
        pending_escalate_minutes=escalate,
        escalate_channel=r.string(raw, "escalate_channel", where, ""),
    )
