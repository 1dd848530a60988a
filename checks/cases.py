"""Each rule's valid and invalid cases (checks/rules/fixtures/CODE.toml, textlint-tester style).

They are the one source of a rule's examples: the tests run every case, and ``--explain`` and
docs/rules.md show the cases marked ``example = true``. A case:

  text            the draft (``repeat`` = N repeats it N times)
  platform, at, account, people_consent   the posting context (``at`` is ISO 8601)
  incident        true: the account is in incident mode (§7(4))
  note            why the case is there (a fixed false alarm stays as a valid case)
  example         true on one invalid and one valid case: the rule's explained examples
An invalid case states every finding the whole checker gives on it, no more and no less:
  excerpt, suggestion   the finding of the file's own rule (suggestion where it has one)
  also                  the other findings, any code: [{ code, excerpt, suggestion }, ...]
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["Case", "Expected", "RuleCases", "fixture_codes", "rule_cases"]

_CONTEXT_KEYS = {
    "text", "repeat", "platform", "at", "account", "people_consent", "incident", "note", "example"
}  # fmt: skip
_INVALID_KEYS = _CONTEXT_KEYS | {"excerpt", "suggestion", "also"}
_FINDING_KEYS = {"code", "excerpt", "suggestion"}


@dataclass(frozen=True, slots=True)
class Expected:
    """A finding a case expects: its code, excerpt and suggestion (None: the rule gives none)."""

    code: str
    excerpt: str
    suggestion: str | None


@dataclass(frozen=True, slots=True)
class Case:
    text: str
    platform: str | None
    at: str | None
    account: str | None
    people_consent: bool | None
    note: str
    example: bool
    findings: tuple[Expected, ...]  # empty for a valid case
    incident: bool = False


@dataclass(frozen=True, slots=True)
class RuleCases:
    code: str
    valid: tuple[Case, ...]
    invalid: tuple[Case, ...]

    @property
    def bad_example(self) -> Case:
        return next(c for c in self.invalid if c.example)

    @property
    def good_example(self) -> Case:
        return next(c for c in self.valid if c.example)


def _fixtures() -> Any:
    return files("checks.rules").joinpath("fixtures")


def fixture_codes() -> set[str]:
    """The codes that have a fixture file."""
    return {p.name.removesuffix(".toml") for p in _fixtures().iterdir() if p.name.endswith(".toml")}


def _expected(code: str, raw: dict[str, Any], where: str) -> Expected:
    unknown = set(raw) - _FINDING_KEYS
    if unknown or "excerpt" not in raw:
        raise ValueError(f"{where}: a finding needs excerpt (and code), not {sorted(unknown)}")
    return Expected(str(raw.get("code", code)), str(raw["excerpt"]), raw.get("suggestion"))


def _case(code: str, raw: dict[str, Any], kind: str, n: int) -> Case:
    where = f"{code}.toml {kind}[{n}]"
    unknown = set(raw) - (_INVALID_KEYS if kind == "invalid" else _CONTEXT_KEYS)
    if unknown or "text" not in raw:
        raise ValueError(f"{where}: needs text; unknown keys {sorted(unknown)}")
    findings: tuple[Expected, ...] = ()
    if kind == "invalid":
        own: dict[str, Any] = {k: raw[k] for k in ("excerpt", "suggestion") if k in raw}
        findings = (
            _expected(code, own, where),
            *(_expected(code, f, where) for f in raw.get("also", [])),
        )
    return Case(
        text=str(raw["text"]) * int(raw.get("repeat", 1)),
        platform=raw.get("platform"),
        at=raw.get("at"),
        account=raw.get("account"),
        people_consent=raw.get("people_consent"),
        note=str(raw.get("note", "")),
        example=bool(raw.get("example", False)),
        findings=findings,
        incident=bool(raw.get("incident", False)),
    )


@cache
def rule_cases(code: str) -> RuleCases:
    """The cases of rule ``code``; ValueError for an unknown key or a case without text."""
    raw = tomllib.loads(_fixtures().joinpath(f"{code}.toml").read_text("utf-8"))
    return RuleCases(
        code=code,
        valid=tuple(_case(code, c, "valid", n) for n, c in enumerate(raw.get("valid", []))),
        invalid=tuple(_case(code, c, "invalid", n) for n, c in enumerate(raw.get("invalid", []))),
    )
