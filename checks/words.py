"""Word lists of the rules (checks/data/words.toml): data the PR section edits, not code.

Each list names the rule that uses it, its source or rationale, and specs (``hit`` / ``miss``
drafts) that the tests run through that rule.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

__all__ = ["WordList", "relative_days", "word_list", "word_lists", "word_pattern"]

_KEYS = {"rule", "source", "words", "days", "weeks", "at", "hit", "miss"}


@dataclass(frozen=True, slots=True)
class WordList:
    name: str
    rule: str
    source: str
    words: tuple[str, ...]
    at: str | None
    hit: tuple[str, ...]
    miss: tuple[str, ...]


def _parse(name: str, raw: dict[str, Any]) -> WordList:
    unknown = set(raw) - _KEYS
    missing = {"rule", "source", "hit"} - set(raw)
    words = raw.get("words", list(raw.get("days", raw.get("weeks", {}))))
    if unknown or missing or not words or not raw["hit"]:
        raise ValueError(
            f"checks/data/words.toml [{name}]: needs rule, source, words and a hit spec "
            f"(missing {sorted(missing)}, unknown {sorted(unknown)})"
        )
    return WordList(
        name=name,
        rule=str(raw["rule"]),
        source=str(raw["source"]),
        words=tuple(str(w) for w in words),
        at=raw.get("at"),
        hit=tuple(raw["hit"]),
        miss=tuple(raw.get("miss", ())),
    )


@cache
def _raw() -> dict[str, Any]:
    return tomllib.loads(files("checks.data").joinpath("words.toml").read_text("utf-8"))


@cache
def word_lists() -> dict[str, WordList]:
    """Every list, by name; ValueError for a list without its rule, source, words or specs."""
    return {name: _parse(name, raw) for name, raw in _raw().items()}


def word_list(name: str) -> frozenset[str]:
    """The words of one list."""
    return frozenset(word_lists()[name].words)


def word_pattern(name: str) -> str:
    """The words of one list as a regular-expression alternation, longest first (so that a
    word is not cut short by another it begins with)."""
    return "|".join(map(re.escape, sorted(word_list(name), key=len, reverse=True)))


@cache
def relative_days() -> MappingProxyType[str, int]:
    """Words for a day relative to the posting date, with their offset in days."""
    return MappingProxyType({str(k): int(v) for k, v in _raw()["relative_days"]["days"].items()})


@cache
def relative_weeks() -> MappingProxyType[str, int]:
    """Words for a week relative to the posting date's week, with their offset in weeks."""
    return MappingProxyType({str(k): int(v) for k, v in _raw()["relative_weeks"]["weeks"].items()})
