"""One problem, one category: which finding reports a span that several rules flag.

The table is data (``checks/data/precedence.toml``, documented in docs/precedence.md); the
engine applies it once, after every rule has run (``resolve``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from checks.models import Category, Finding

__all__ = ["Precedence", "precedence_table", "resolve"]


@dataclass(frozen=True, slots=True)
class Precedence:
    """``winner`` silences an overlapping ``loser``; each is a category or a rule code."""

    winner: str
    loser: str
    why: str

    def beats(self, a: Finding, b: Finding) -> bool:
        return _matches(self.winner, a) and _matches(self.loser, b)


def _matches(key: str, f: Finding) -> bool:
    return key in (f.code, f.category.value)


@cache
def precedence_table() -> tuple[Precedence, ...]:
    raw = tomllib.loads(files("checks.data").joinpath("precedence.toml").read_text("utf-8"))
    categories = {c.value for c in Category}
    out = []
    for entry in raw["rule"]:
        p = Precedence(entry["winner"], entry["loser"], entry["why"])
        for key in (p.winner, p.loser):
            if key not in categories and not (key[:3].isalpha() and key[3:].isdigit()):
                raise ValueError(f"precedence.toml: {key!r} is neither a category nor a code")
        out.append(p)
    return tuple(out)


def resolve(findings: Sequence[Finding]) -> tuple[Finding, ...]:
    """The findings less those an overlapping finding of a preceding category covers.

    Every winner is judged on the rules' own output, so the order of rules never matters.
    """
    table = precedence_table()
    cats = {f.category.value for f in findings} | {f.code for f in findings}
    active = [p for p in table if p.winner in cats and p.loser in cats]
    if not active:
        return tuple(findings)
    kept = []
    for b in findings:
        lost = any(
            p.beats(a, b) and a.start < b.end and b.start < a.end
            for a in findings
            if a is not b
            for p in active
        )
        if not lost:
            kept.append(b)
    return tuple(kept)
