"""The checker's part of the city's configuration: domains, phone numbers, links, the
official accounts' platforms and hours, the time zone and the working-day calendar.

The city has one TOML file; the bot's part of it (departments, people, channels, reminder
schedules) is read and validated by ``bot.config``. A bad file raises ``ConfigError`` naming
the file, the key and what is wrong, so start-up stops with one clear line.
"""

from __future__ import annotations

import difflib
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, time, tzinfo
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from messages import text

__all__ = [
    "Account",
    "CityConfig",
    "ConfigError",
    "Hours",
    "Reader",
    "default_config_path",
    "example_config_path",
    "find_config",
    "load_config",
    "parse_city",
    "read_toml",
    "read_toml_unchecked",
    "unknown_keys",
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
class Account:
    """An official account of §5(3), as the checker sees it (the bot's part of the same
    ``[[accounts]]`` entry, who runs it, is ``bot.config.AccountStaff``)."""

    id: str
    platform: str
    name: str
    url: str
    operator: str
    hours: Hours
    working_days: frozenset[int]
    emergency_note: str = ""
    # The operating policy allows emergency notices outside operating hours (§6(1) ただし書).
    emergency_posts: bool = False
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
    # The day the city was established (市制施行): anniversaries (「市制施行20周年」) are counted
    # from it. None when the configuration does not say.
    founded: date | None = None
    accounts: Mapping[str, Account] = field(default_factory=dict)
    path: str = ""

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


CONFIG_NAMES = ("toon.toml", "config/toon.toml")


def find_config(start: Path | None = None) -> Path | None:
    """The first ``toon.toml`` (or ``config/toon.toml``) from ``start`` (the working
    directory) upwards, as ruff finds ``ruff.toml``; None when there is none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
    return None


def example_config_path() -> Path:
    """The example configuration shipped inside the package (config/toon.example.toml)."""
    return Path(__file__).resolve().parent / "data" / "toon.example.toml"


def default_config_path() -> Path:
    """``TOONBOT_CONFIG``, else ``toon.toml`` found from the working directory upwards, else
    the shipped example."""
    env = os.environ.get("TOONBOT_CONFIG")
    if env:
        return Path(env)
    return find_config() or example_config_path()


class Reader:
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

    def boolean(self, raw: Mapping[str, Any], key: str, where: str, default: bool) -> bool:
        value = raw.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(f"{where}{key}", text("config.want_boolean"))
        return value

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


@cache
def _known_keys() -> Mapping[str, Any]:
    with (Path(__file__).parent / "data" / "config_keys.toml").open("rb") as f:
        return tomllib.load(f)


def unknown_keys(raw: Mapping[str, Any], r: Reader) -> list[ConfigError]:
    """Every key the file has that no part of the program reads, each with the nearest known
    key as a hint (checks/data/config_keys.toml lists the known ones)."""
    known = _known_keys()
    problems: list[ConfigError] = []

    def check(table: Mapping[str, Any], allowed: list[str], where: str) -> None:
        for key in table:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = text("config.did_you_mean", near=near[0]) if near else ""
                problems.append(r.fail(where + key, text("config.unknown_key", hint=hint)))

    check(raw, known["top"], "")
    for name, keys in known["tables"].items():
        if isinstance(raw.get(name), dict):
            check(raw[name], keys, f"{name}.")
    for name, keys in known["arrays"].items():
        entries = raw.get(name)
        if isinstance(entries, list):
            for i, entry in enumerate(entries):
                if isinstance(entry, dict):
                    check(entry, keys, f"{name}[{i}].")
    return problems


def read_toml(path: str | Path | None = None) -> tuple[Mapping[str, Any], Reader]:
    """The city's file as raw TOML, with a ``Reader`` whose errors name that file. A key
    that no part of the program reads is an error (the first one is raised)."""
    raw, r = read_toml_unchecked(path)
    problems = unknown_keys(raw, r)
    if problems:
        raise problems[0]
    return raw, r


def read_toml_unchecked(path: str | Path | None = None) -> tuple[Mapping[str, Any], Reader]:
    """The city's file as raw TOML, keys not checked (``toonbot config check`` lists them)."""
    p = Path(path) if path is not None else default_config_path()
    r = Reader(str(p))
    try:
        with p.open("rb") as f:
            return tomllib.load(f), r
    except FileNotFoundError:
        raise r.fail("-", text("config.not_found")) from None
    except OSError as e:  # a directory, no permission
        raise r.fail("-", text("config.unreadable", detail=e.strerror or str(e))) from None
    except tomllib.TOMLDecodeError as e:
        raise r.fail("-", text("config.syntax", detail=str(e))) from None


def load_config(path: str | Path | None = None) -> CityConfig:
    """Load and validate the checker's part of the city configuration."""
    return parse_city(*read_toml(path))


def parse_city(raw: Mapping[str, Any], r: Reader) -> CityConfig:
    """Validate the checker's sections; the bot's sections and keys are left to the bot."""
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

    founded_s = r.string(city, "founded", "city.", "")
    try:
        founded = date.fromisoformat(founded_s) if founded_s else None
    except ValueError:
        raise r.fail("city.founded", text("config.want_date", value=founded_s)) from None

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
        acc = Account(
            id=r.string(a, "id", where),
            platform=platform,
            name=r.string(a, "name", where),
            url=r.string(a, "url", where),
            operator=r.string(a, "operator", where),
            hours=r.hours(a, "hours", where, default_hours),
            working_days=r.weekdays(a, "working_days", where, default_days),
            emergency_note=r.string(a, "emergency_note", where, ""),
            emergency_posts=r.boolean(a, "emergency_posts", where, False),
            aliases=r.strings(a, "aliases", where),
        )
        if acc.id in accounts:
            raise r.fail(where + "id", text("config.duplicate", value=acc.id))
        accounts[acc.id] = acc

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
        founded=founded,
        accounts=accounts,
        path=r.path,
    )
