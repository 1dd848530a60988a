"""Data the checker produces: categories, severities, findings and reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Severity(StrEnum):
    """How serious a finding is. Order: ok < advice < review < block."""

    OK = "ok"
    ADVICE = "advice"
    REVIEW = "review"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.OK: 0, Severity.ADVICE: 1, Severity.REVIEW: 2, Severity.BLOCK: 3}


class Category(StrEnum):
    """The fixed vocabulary of design.md: every finding has exactly one category."""

    INSULT = "insult"
    DISCRIMINATION = "discrimination"
    INCLUSIVE_LANGUAGE = "inclusive_language"
    ILLEGAL = "illegal"
    FALSE_INFO = "false_info"
    HARMFUL_LINK = "harmful_link"
    PUBLIC_ORDER = "public_order"
    CONFIDENTIAL = "confidential"
    RIGHTS = "rights"
    SECURITY = "security"
    DECISION_PROCESS = "decision_process"
    PERSONAL_INFO = "personal_info"
    THIRD_PARTY = "third_party"
    ACCESSIBILITY = "accessibility"
    PLATFORM_LIMIT = "platform_limit"
    OPERATING_HOURS = "operating_hours"
    POLITICAL = "political"
    INCIDENT = "incident"

    @property
    def default_severity(self) -> Severity:
        return _DEFAULT_SEVERITY[self]


_DEFAULT_SEVERITY = {
    Category.INSULT: Severity.BLOCK,
    Category.DISCRIMINATION: Severity.BLOCK,
    Category.INCLUSIVE_LANGUAGE: Severity.ADVICE,
    Category.ILLEGAL: Severity.BLOCK,
    Category.FALSE_INFO: Severity.BLOCK,
    Category.HARMFUL_LINK: Severity.BLOCK,
    Category.PUBLIC_ORDER: Severity.BLOCK,
    Category.CONFIDENTIAL: Severity.BLOCK,
    Category.RIGHTS: Severity.REVIEW,
    Category.SECURITY: Severity.BLOCK,
    Category.DECISION_PROCESS: Severity.REVIEW,
    Category.PERSONAL_INFO: Severity.REVIEW,
    Category.THIRD_PARTY: Severity.REVIEW,
    Category.ACCESSIBILITY: Severity.ADVICE,
    Category.PLATFORM_LIMIT: Severity.BLOCK,
    Category.OPERATING_HOURS: Severity.REVIEW,
    Category.POLITICAL: Severity.BLOCK,
    Category.INCIDENT: Severity.REVIEW,
}


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a draft, located by character offsets into the original text."""

    code: str
    name: str
    category: Category
    clause: str
    severity: Severity
    start: int
    end: int
    excerpt: str
    message: str
    suggestion: str | None = None

    def to_dict(self) -> dict[str, object]:
        """The finding as the stable JSON contract of design.md."""
        return {
            "code": self.code,
            "name": self.name,
            "category": self.category.value,
            "clause": self.clause,
            "severity": self.severity.value,
            "start": self.start,
            "end": self.end,
            "excerpt": self.excerpt,
            "message": self.message,
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class Report:
    """The checker's answer for one draft."""

    text: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)
    # The draft is an emergency notice (避難指示, 特別警報, a sudden 断水 …; checks/emergency.py).
    emergency: bool = False
    # An emergency notice planned outside operating hours on an account whose operating policy
    # allows it (``emergency_posts = true``, §6(1) ただし書): no HRS001; the bot records it.
    emergency_post: bool = False

    @property
    def verdict(self) -> Severity:
        """The worst severity found, or ``ok``."""
        worst = Severity.OK
        for f in self.findings:
            if f.severity.rank > worst.rank:
                worst = f.severity
        return worst

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(sorted({f.code for f in self.findings}))

    def to_dict(self) -> dict[str, object]:
        """The report as the stable JSON contract of design.md (without the text)."""
        return {
            "verdict": self.verdict.value,
            "findings": [f.to_dict() for f in self.findings],
            "emergency": self.emergency,
            "emergency_post": self.emergency_post,
        }
