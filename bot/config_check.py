"""Slack IDs in the city's file, and ``toonbot config check``.

Every ID is checked for its shape (a user ID where a user belongs, a channel ID where a
channel belongs, never a name such as ``#general``). The example file's placeholder IDs
(config/toon.example.toml) are refused by ``toonbot run`` and reported by ``config check``;
the console and the tests, which never reach a real Slack, accept them.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any, TextIO

from checks.config import (
    ConfigError,
    Reader,
    default_config_path,
    example_config_path,
    find_config,
    read_toml,
    read_toml_unchecked,
    unknown_keys,
)
from messages import text

__all__ = [
    "all_problems",
    "config_check",
    "id_problems",
    "placeholder_problems",
    "refuse_placeholders",
    "slack_ids",
]

_SHAPES = {
    "user": re.compile(r"^[UW][A-Z0-9]+$"),
    "channel": re.compile(r"^[CG][A-Z0-9]+$"),
    "usergroup": re.compile(r"^S[A-Z0-9]+$"),
}
# Where Slack IDs are in the file: (table or array of tables, key, kind).
_FIELDS = (
    ("slack", "draft_channels", "channel"),
    ("reminders", "conduct_channels", "channel"),
    ("reminders", "escalate_channel", "channel"),
    ("departments", "heads", "user"),
    ("departments", "heads_usergroup", "usergroup"),
    ("departments", "approvals_channel", "channel"),
    ("departments", "deputies", "user"),
    ("departments", "channel", "channel"),
    ("departments", "members", "user"),
    ("accounts", "operator_user", "user"),
    ("registry", "pr_section", "user"),
    ("registry", "pr_channel", "channel"),
)


def slack_ids(raw: Mapping[str, Any]) -> Iterator[tuple[str, str, str]]:
    """(key, value, kind) of every non-empty Slack ID in the raw file."""
    for section, key, kind in _FIELDS:
        node = raw.get(section)
        if isinstance(node, dict):
            tables: list[tuple[str, object]] = [(f"{section}.", node)]
        elif isinstance(node, list):
            tables = [(f"{section}[{i}].", t) for i, t in enumerate(node)]
        else:
            continue
        for where, table in tables:
            if not isinstance(table, dict):
                continue
            value = table.get(key)
            values = value if isinstance(value, list) else [value]
            for i, v in enumerate(values):
                if isinstance(v, str) and v:
                    path = f"{where}{key}[{i}]" if isinstance(value, list) else where + key
                    yield path, v, kind


def id_problems(raw: Mapping[str, Any], r: Reader) -> list[ConfigError]:
    """Slack IDs that do not have the shape of their kind."""
    return [
        r.fail(key, text(f"config.want_{kind}_id", value=value))
        for key, value, kind in slack_ids(raw)
        if not _SHAPES[kind].match(value)
    ]


@cache
def _placeholders() -> frozenset[str]:
    raw, _ = read_toml(example_config_path())
    return frozenset(value for _, value, _ in slack_ids(raw))


def placeholder_problems(raw: Mapping[str, Any], r: Reader) -> list[ConfigError]:
    """IDs copied from the example file, which belong to no workspace."""
    return [
        r.fail(key, text("config.placeholder_id", value=value))
        for key, value, _ in slack_ids(raw)
        if value in _placeholders()
    ]


def refuse_placeholders(path: str | Path | None) -> None:
    """Raise the first placeholder ID of the file (``toonbot run`` talks to a real Slack)."""
    raw, r = read_toml(path)
    problems = placeholder_problems(raw, r)
    if problems:
        raise problems[0]


def all_problems(path: str | Path | None) -> list[ConfigError]:
    """Unknown keys, misshapen and placeholder IDs: every one, not only the first."""
    raw, r = read_toml_unchecked(path)
    return [*unknown_keys(raw, r), *id_problems(raw, r), *placeholder_problems(raw, r)]


def _source(path: Path, given: str | None) -> str:
    if given:
        return text("cli.toonbot.source_arg")
    if os.environ.get("TOONBOT_CONFIG"):
        return text("cli.toonbot.source_env")
    if path == find_config():
        return text("cli.toonbot.source_found")
    return text("cli.toonbot.source_example")


def config_check(given: str | None = None, out: TextIO | None = None) -> int:
    """``toonbot config check``: print the resolved configuration and every problem;
    0 when there is none, 1 otherwise."""
    from bot.config import load_bot_config
    from bot.settings import SettingsError, load_settings

    out = out or sys.stdout
    problems: list[str] = []
    try:
        settings = load_settings(need_slack=False)
    except SettingsError as e:
        problems.append(str(e))
        settings = None
    path = Path(given or (settings.config_path if settings else None) or default_config_path())
    out.write(text("cli.toonbot.config_file", path=path, source=_source(path, given)) + "\n")
    if settings is not None:
        out.write(text("cli.toonbot.data_dir", path=settings.data_dir) + "\n")
        where = "Redis (REDIS_URL)" if settings.redis_url else f"SQLite {settings.db_path}"
        out.write(text("cli.toonbot.db", where=where) + "\n")
        out.write(text("cli.toonbot.spool", path=settings.spool_path) + "\n")
    try:
        listed = all_problems(path)
    except ConfigError as e:  # the file is missing or not TOML: nothing else to check
        listed = [e]
    problems += [str(e) for e in listed]
    if not listed or all(e.key != "-" for e in listed):
        try:
            cfg = load_bot_config(path)
        except ConfigError as e:
            if str(e) not in problems:
                problems.append(str(e))
        else:
            city = cfg.city
            out.write(
                text(
                    "cli.toonbot.city",
                    name=city.name,
                    tz=city.tz,
                    hours=city.default_hours,
                )
                + "\n"
            )
            for d in cfg.departments.values():
                out.write(
                    text(
                        "cli.toonbot.department",
                        id=d.id,
                        name=d.name,
                        heads=len(d.heads),
                        deputies=len(d.deputies),
                    )
                    + "\n"
                )
            for a in city.accounts.values():
                staff = cfg.staff.get(a.id)
                out.write(
                    text(
                        "cli.toonbot.account",
                        id=a.id,
                        platform=a.platform,
                        name=a.name,
                        hours=a.hours,
                        department=staff.department if staff else "-",
                    )
                    + "\n"
                )
            channels = ", ".join(cfg.draft_channels) or "-"
            out.write(text("cli.toonbot.draft_channels", channels=channels) + "\n")
    if not problems:
        out.write(text("cli.toonbot.no_problem") + "\n")
        return 0
    out.write(text("cli.toonbot.problems", count=len(problems)) + "\n")
    for p in problems:
        out.write(f"  - {p}\n")
    return 1
