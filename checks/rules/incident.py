"""§7(4) 炎上: rules active only while the draft's account is in incident mode.

The bot puts an account in incident mode (the PR section or the department head switches it
on) and says so in the posting context; outside it these rules find nothing.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from checks.analysis import Draft
from checks.registry import Hit

__all__ = ["CueList", "cue_lists", "incident_mode", "rebuttal_reply"]


@dataclass(frozen=True, slots=True)
class CueList:
    """One list of checks/data/incident.toml with its source and specs."""

    name: str
    source: str
    words: tuple[str, ...]
    hit: tuple[str, ...]
    miss: tuple[str, ...]


@cache
def cue_lists() -> dict[str, CueList]:
    """The lists, by name; ValueError for a list without source, words or a hit spec."""
    raw = tomllib.loads(files("checks.data").joinpath("incident.toml").read_text("utf-8"))
    out: dict[str, CueList] = {}
    for name, entry in raw.items():
        if not entry.get("source") or not entry.get("words") or not entry.get("hit"):
            raise ValueError(f"checks/data/incident.toml [{name}]: needs source, words and hit")
        out[name] = CueList(
            name=name,
            source=str(entry["source"]),
            words=tuple(str(w) for w in entry["words"]),
            hit=tuple(str(h) for h in entry["hit"]),
            miss=tuple(str(m) for m in entry.get("miss", ())),
        )
    return out


@cache
def _pattern(name: str) -> re.Pattern[str]:
    words = sorted(cue_lists()[name].words, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words))


def incident_mode(draft: Draft) -> Iterator[Hit]:
    """Every draft for an account in incident mode needs the head's sign-off (§7(4))."""
    ctx = draft.context
    if not ctx.incident:
        return
    yield Hit(0, 0, {"account": ctx.account.name if ctx.account else ""})


def rebuttal_reply(draft: Draft) -> Iterator[Hit]:
    """A reply that argues with or rebuts a commenter: a sentence that addresses one and
    denies what they say, or a phrase that argues whoever it addresses."""
    if not draft.context.incident:
        return
    folded = draft.folded
    address, rebuttal, argument = _pattern("address"), _pattern("rebuttal"), _pattern("argument")
    for start, end in draft.sentences:
        sentence = folded[start:end]
        if argument.search(sentence) or (address.search(sentence) and rebuttal.search(sentence)):
            while end > start and folded[end - 1] in " \n\t　":
                end -= 1
            yield Hit(start, end)
