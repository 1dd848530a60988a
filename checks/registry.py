"""The rule registry: every rule is a code, a name, a clause, a category and a function.

Adding a rule is one function decorated with ``@rule(...)`` in a module of ``checks.rules``
plus its wording in messages/rules.toml and its fixtures in tests/fixtures/rules/.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from checks.analysis import Draft
from checks.models import Category, Severity

__all__ = ["RULES", "Hit", "Rule", "rule"]


@dataclass(frozen=True, slots=True)
class Hit:
    """What a rule found: a span and the values its message templates need."""

    start: int
    end: int
    params: Mapping[str, object] = field(default_factory=dict)
    severity: Severity | None = None  # only when this hit is graver than the rule's default


RuleFunc = Callable[[Draft], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    category: Category
    clause: str
    severity: Severity
    params: frozenset[str]
    func: RuleFunc
    requires: tuple[str, ...] = ()

    def applies(self, folded: str) -> bool:
        """False when none of the rule's required substrings is in the (folded) text."""
        return not self.requires or any(s in folded for s in self.requires)


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    name: str,
    category: Category,
    clause: str,
    *,
    severity: Severity | None = None,
    params: Iterable[str] = (),
    requires: Iterable[str] = (),
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under a stable code (never reused or renumbered).

    ``requires``: substrings of the width-folded text without which the rule cannot find
    anything; the engine skips the rule when none is present (a cheap pre-filter).
    """

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        if any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule name {name} registered twice")
        RULES[code] = Rule(
            code=code,
            name=name,
            category=category,
            clause=clause,
            severity=severity or category.default_severity,
            params=frozenset(params),
            func=func,
            requires=tuple(requires),
        )
        return func

    return register
