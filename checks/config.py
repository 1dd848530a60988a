"""The city's configuration: domains, phone numbers, departments and official accounts.

Loaded from TOML and validated; a bad file raises ``ConfigError`` naming the file, the key
and what is wrong, so start-up stops with one clear line.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from messages import text

__all__ = [
    "Account",
    "CityConfig",
    "ConfigError",
    "Department",
    "Hours",
    "default_config_path",
    "load_config",
]

PLATFORMS = ("x", "instagram", "facebook", "line", "threads")
_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_HOURS_RE = re.compile(r"^(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})$")


class ConfigError(ValueError):
    """The configuration file is missing, unreadable or has a bad value."""

    def __init__(self, path: str, key: str, problem: str) -> None:
        self.path, self.key, self.problem = path, key, problem
        super().__init__(text("config.error", path=path, key=key, problem=problem))


@dataclass(frozen=True, slots=True)
class Hours:
    """Daily operating hours, e.g. 08:30–17:15."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}～{self.end:%H:%M}"


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
class Reminders:
    """Schedules of the bot's reminders (all times Asia/Tokyo)."""

    hours_messages: bool = True
    conduct_channels: tuple[str, ...] = ()
    conduct_time: time = time(9, 0)
    password_time: time = time(9, 0)
    pending_remind_minutes: int = 120
    pending_escalate_minutes: int = 240
    escalate_channel: str = ""


@dataclass(frozen=True, slots=True)
class Account:
    """An official account of §5(3)."""

    id: str
    platform: str
    name: str
    url: str
    operator: str
    department: str
    hours: Hours
    working_days: frozenset[int]
    emergency_note: str = ""
    password_rotation_days: int = 90
    operator_user: str = ""
    aliases: tuple[str, ...] = ()  # other URLs of the same account (e.g. a lin.ee friend link)


@dataclass(frozen=True, slots=True)
class CityConfig:
    name: str
    tz: tzinfo
    official_domains: tuple[str, ...]
    public_domains: tuple[str, ...]
    phone_numbers: tuple[str, ...]
    service_numbers: tuple[str, ...]
    deny_domains: tuple[str, ...]
    allow_domains: tuple[str, ...]
    official_urls: tuple[str, ...]
    default_hours: Hours
    default_working_days: frozenset[int]
    closures: frozenset[date]
    departments: Mapping[str, Department] = field(default_factory=dict)
    accounts: Mapping[str, Account] = field(default_factory=dict)
    path: str = ""
    default_department: str = ""
    draft_channels: tuple[str, ...] = ()
    reminders: Reminders = field(default_factory=Reminders)

    def department_of(self, user: str, account: Account | None = None) -> Department | None:
        """The drafter's department: the account's, else the one listing the user as a member,
        else the configured default."""
        if account is not None and account.department in self.departments:
            return self.departments[account.department]
        for dep in self.departments.values():
            if user in dep.members:
                return dep
        return self.departments.get(self.default_department)

    def account(self, key: str) -> Account:
        """An account by id, or by platform when exactly one account is on it."""
        if key in self.accounts:
            return self.accounts[key]
        on_platform = [a for a in self.accounts.values() if a.platform == key]
        if len(on_platform) == 1:
            return on_platform[0]
        raise KeyError(key)

    def is_city_phone(self, number: str) -> bool:
        """True for the city's own lines and public service numbers."""
        digits = _digits(number)
        for pattern in (*self.phone_numbers, *self.service_numbers):
            want = _digits(pattern)
            if pattern.endswith("*"):
                if digits.startswith(want):
                    return True
            elif digits == want:
                return True
        return False


def _digits(s: str) -> str:
    return "".join(c for c in s if c.isdigit() or c == "#")


def default_config_path() -> Path:
    """``TOONBOT_CONFIG``, else config/toon.toml, else the shipped example."""
    env = os.environ.get("TOONBOT_CONFIG")
    if env:
        return Path(env)
    root = Path(__file__).resolve().parent.parent / "config"
    own = root / "toon.toml"
    return own if own.exists() else root / "toon.example.toml"


class _Reader:
    """Typed access to the raw TOML with error messages that name the key."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, key: str, problem: str) -> ConfigError:
        return ConfigError(self.path, key, problem)

    def table(self, raw: Mapping[str, Any], key: str, where: str) -> Mapping[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            raise self.fail(f"{where}{key}", text("config.want_table"))
        return value

    def string(
        self, raw: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = raw.get(key, default)
        if value is None:
            raise self.fail(f"{where}{key}", text("config.missing"))
        if not isinstance(value, str):
            raise self.fail(f"{where}{key}", text("config.want_string"))
        return value

    def strings(self, raw: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(f"{where}{key}", text("config.want_strings"))
        return tuple(value)

    def hours(self, raw: Mapping[str, Any], key: str, where: str, default: Hours | None) -> Hours:
        value = raw.get(key)
        if value is None:
            if default is None:
                raise self.fail(f"{where}{key}", text("config.missing"))
            return default
        m = _HOURS_RE.match(value) if isinstance(value, str) else None
        if m is None:
            raise self.fail(f"{where}{key}", text("config.want_hours", value=value))
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59 or (h1, m1) >= (h2, m2):
            raise self.fail(f"{where}{key}", text("config.want_hours", value=value))
        return Hours(time(h1, m1), time(h2, m2))

    def weekdays(
        self, raw: Mapping[str, Any], key: str, where: str, default: frozenset[int]
    ) -> frozenset[int]:
        if key not in raw:
            return default
        names = self.strings(raw, key, where)
        bad = [n for n in names if n not in _DAY_NAMES]
        if bad or not names:
            raise self.fail(f"{where}{key}", text("config.want_weekdays", value=", ".join(bad)))
        return frozenset(_DAY_NAMES.index(n) for n in names)


def load_config(path: str | Path | None = None) -> CityConfig:
    """Load and validate the city configuration."""
    p = Path(path) if path is not None else default_config_path()
    r = _Reader(str(p))
    try:
        with p.open("rb") as f:
            raw = tomllib.load(f)
    except FileNotFoundError:
        raise r.fail("-", text("config.not_found")) from None
    except tomllib.TOMLDecodeError as e:
        raise r.fail("-", text("config.syntax", detail=str(e))) from None

    city = r.table(raw, "city", "")
    tz_name = r.string(city, "timezone", "city.", "Asia/Tokyo")
    try:
        tz = ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError):
        raise r.fail("city.timezone", text("config.want_timezone", value=tz_name)) from None
    links = r.table(raw, "links", "")
    defaults = r.table(raw, "defaults", "")
    default_hours = r.hours(defaults, "hours", "defaults.", Hours(time(8, 30), time(17, 15)))
    default_days = r.weekdays(defaults, "working_days", "defaults.", frozenset(range(5)))
    closures = set()
    for i, s in enumerate(r.strings(defaults, "closures", "defaults.")):
        try:
            closures.add(date.fromisoformat(s))
        except ValueError:
            raise r.fail(f"defaults.closures[{i}]", text("config.want_date", value=s)) from None

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

    accounts: dict[str, Account] = {}
    raw_accounts = raw.get("accounts", [])
    if not isinstance(raw_accounts, list):
        raise r.fail("accounts", text("config.want_tables"))
    for i, a in enumerate(raw_accounts):
        where = f"accounts[{i}]."
        if not isinstance(a, dict):
            raise r.fail(where[:-1], text("config.want_table"))
        platform = r.string(a, "platform", where)
        if platform not in PLATFORMS:
            raise r.fail(
                where + "platform",
                text("config.want_platform", value=platform, choices=", ".join(PLATFORMS)),
            )
        department = r.string(a, "department", where)
        if department not in departments:
            raise r.fail(where + "department", text("config.unknown_department", value=department))
        rotation = a.get("password_rotation_days", 90)
        if not isinstance(rotation, int) or isinstance(rotation, bool) or rotation < 1:
            raise r.fail(where + "password_rotation_days", text("config.want_positive"))
        acc = Account(
            id=r.string(a, "id", where),
            platform=platform,
            name=r.string(a, "name", where),
            url=r.string(a, "url", where),
            operator=r.string(a, "operator", where),
            department=department,
            hours=r.hours(a, "hours", where, default_hours),
            working_days=r.weekdays(a, "working_days", where, default_days),
            emergency_note=r.string(a, "emergency_note", where, ""),
            password_rotation_days=rotation,
            operator_user=r.string(a, "operator_user", where, ""),
            aliases=r.strings(a, "aliases", where),
        )
        if acc.id in accounts:
            raise r.fail(where + "id", text("config.duplicate", value=acc.id))
        accounts[acc.id] = acc

    default_department = r.string(defaults, "department", "defaults.", "")
    if default_department and default_department not in departments:
        raise r.fail(
            "defaults.department", text("config.unknown_department", value=default_department)
        )
    if not default_department and departments:
        default_department = next(iter(departments))
    return CityConfig(
        name=r.string(city, "name", "city."),
        tz=tz,
        official_domains=tuple(d.lower() for d in r.strings(city, "official_domains", "city.")),
        public_domains=tuple(d.lower() for d in r.strings(city, "public_domains", "city.")),
        phone_numbers=r.strings(city, "phone_numbers", "city."),
        service_numbers=r.strings(city, "service_numbers", "city."),
        deny_domains=tuple(d.lower() for d in r.strings(links, "deny_domains", "links.")),
        allow_domains=tuple(d.lower() for d in r.strings(links, "allow_domains", "links.")),
        official_urls=r.strings(links, "official_urls", "links."),
        default_hours=default_hours,
        default_working_days=default_days,
        closures=frozenset(closures),
        departments=departments,
        accounts=accounts,
        path=str(p),
        default_department=default_department,
        draft_channels=r.strings(raw.get("slack", {}), "draft_channels", "slack."),
        reminders=_reminders(r, r.table(raw, "reminders", "")),
    )


def _reminders(r: _Reader, raw: Mapping[str, Any]) -> Reminders:
    where = "reminders."

    def clock(key: str, default: time) -> time:
        value = raw.get(key)
        if value is None:
            return default
        m = re.match(r"^(\d{1,2}):(\d{2})$", value) if isinstance(value, str) else None
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
