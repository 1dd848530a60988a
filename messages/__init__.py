"""Every Japanese sentence a user reads, loaded from the TOML files beside this module.

The PR section edits the ``.toml`` files; code only looks texts up by key.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = [
    "RuleText",
    "clause_text",
    "conduct_points",
    "has_text",
    "placeholders",
    "reminder",
    "rule_text",
    "rule_texts",
    "text",
]

_DIR = Path(__file__).parent


@cache
def _load(name: str) -> dict[str, object]:
    with (_DIR / f"{name}.toml").open("rb") as f:
        return tomllib.load(f)


@dataclass(frozen=True, slots=True)
class RuleText:
    """The wording of one rule: what is wrong, what to do and why.

    Its examples are the rule's fixture cases (checks/rules/fixtures/), not wording.
    """

    code: str
    title: str
    message: str
    suggestion: str | None
    why: str


def rule_texts() -> dict[str, RuleText]:
    """All rule wordings, keyed by rule code."""
    out = {}
    for code, raw in _load("rules").items():
        assert isinstance(raw, dict), code
        out[code] = RuleText(
            code=code,
            title=raw["title"],
            message=raw["message"],
            suggestion=raw.get("suggestion"),
            why=raw["why"],
        )
    return out


@cache
def _rule_texts_cached() -> dict[str, RuleText]:
    return rule_texts()


def rule_text(code: str) -> RuleText:
    """The wording of rule ``code``; KeyError when messages/rules.toml lacks it."""
    return _rule_texts_cached()[code]


def clause_text(clause: str) -> str | None:
    """The guideline's own words for a clause such as ``§3(6)①``."""
    value = _load("clauses").get(clause)
    return value if isinstance(value, str) else None


# Files that hold something other than plain UI sentences; never looked up by ``text()``.
_NOT_UI = frozenset({"rules", "clauses", "reminders"})


def text(key: str, /, **params: object) -> str:
    """A user-interface sentence, e.g. ``text("cli.empty")``.

    The key's first part names a file when ``messages/<part>.toml`` exists (so that one
    feature's sentences can live in their own file); otherwise the key is in ui.toml.
    """
    template = _template(key)
    return template.format(**params) if params else template


def has_text(key: str) -> bool:
    """Whether ``text(key)`` finds a sentence."""
    try:
        _template(key)
    except KeyError:
        return False
    return True


def _template(key: str) -> str:
    first, _, rest = key.partition(".")
    if first not in _NOT_UI and rest and (_DIR / f"{first}.toml").is_file():
        name, parts = first, rest.split(".")
    else:
        name, parts = "ui", key.split(".")
    node: object = _load(name)
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            raise KeyError(f"messages/{name}.toml has no {key!r}")
        node = node[part]
    if not isinstance(node, str):
        raise KeyError(f"messages/{name}.toml: {key!r} is not a text")
    return node


def reminder(key: str, /, **params: object) -> str:
    """A reminder text from messages/reminders.toml."""
    value = _load("reminders")[key]
    if not isinstance(value, str):
        raise KeyError(f"messages/reminders.toml: {key!r} is not a text")
    return value.format(**params) if params else value


def conduct_points() -> list[str]:
    """The §8 conduct points, in the order they rotate."""
    points = _load("reminders")["conduct"]
    assert isinstance(points, list)
    return [str(p) for p in points]


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template uses."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}
