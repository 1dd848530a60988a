"""What a rule is: a code, a name, a category, a clause and a function over the draft.

The table of every rule is ``checks.rules.RULES``; adding a rule is one function in the module
of its category (checks/rules/CATEGORY.py) plus one line in that table, its wording in
messages/rules.toml and its fixtures in checks/rules/fixtures/CODE.toml.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from checks.analysis import Draft
from checks.models import Category, Severity

__all__ = ["Hit", "Rule", "RuleFunc", "merged_hits", "rule_table"]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: a span and the values its message templates need."""

    start: int
    end: int
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity | None = None  # only when this hit is graver than the rule's default


RuleFunc = Callable[[Draft], Iterable[Hit]]


def merged_hits(spans: Iterable[tuple[int, int]]) -> Iterator[Hit]:
    """One hit per stretch of text: spans that overlap are merged."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in merged:
        yield Hit(start, end)


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule under a stable code (never reused or renumbered).

    ``params``: the names the rule's message templates may use besides ``excerpt``.
    ``requires``: substrings of the width-folded text without which the rule cannot find
    anything; the engine skips the rule when none is present (a cheap pre-filter).
    """

    code: str
    name: str
    category: Category
    clause: str
    func: RuleFunc
    severity: Severity
    params: frozenset[str] = frozenset()
    requires: tuple[str, ...] = ()

    @classmethod
    def of(
        cls,
        code: str,
        name: str,
        category: Category,
        clause: str,
        func: RuleFunc,
        *,
        severity: Severity | None = None,
        params: Iterable[str] = (),
        requires: Iterable[str] = (),
    ) -> Rule:
        """A rule whose severity defaults to its category's."""
        return cls(
            code=code,
            name=name,
            category=category,
            clause=clause,
            func=func,
            severity=severity or category.default_severity,
            params=frozenset(params),
            requires=tuple(requires),
        )


def rule_table(*rules: Rule) -> dict[str, Rule]:
    """The rules by code; a code or a name given twice is an error."""
    table: dict[str, Rule] = {}
    names: set[str] = set()
    for r in rules:
        if r.code in table:
            raise ValueError(f"rule code {r.code} listed twice")
        if r.name in names:
            raise ValueError(f"rule name {r.name} listed twice")
        table[r.code] = r
        names.add(r.name)
    return table
