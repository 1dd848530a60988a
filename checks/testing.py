"""Helpers for tests: run one rule on a text in one line (click.testing style)."""

from __future__ import annotations

from datetime import datetime

from checks.analysis import sanitize
from checks.cases import Case
from checks.config import CityConfig
from checks.engine import build_context, default_config, run_rules
from checks.models import Finding
from checks.rules import RULES

__all__ = ["run_case", "run_rule"]


def run_rule(
    code: str,
    text: str,
    *,
    platform: str | None = None,
    at: str | datetime | None = None,
    account: str | None = None,
    config: CityConfig | None = None,
    alt_text: bool | None = None,
    image_people_consent: bool | None = None,
    incident: bool = False,
) -> list[Finding]:
    """The findings of rule ``code`` alone on ``text``."""
    cfg = config or default_config()
    posted_at = datetime.fromisoformat(at) if isinstance(at, str) else at
    context = build_context(
        cfg,
        platform=platform,
        posted_at=posted_at,
        account=account,
        alt_text=alt_text,
        people_consent=image_people_consent,
        incident=incident,
    )
    return list(run_rules([RULES[code]], context, sanitize(text)))


def run_case(case: Case, code: str | None = None) -> list[Finding]:
    """The findings on a fixture case: of rule ``code`` alone, or of every rule."""
    cfg = default_config()
    context = build_context(
        cfg,
        platform=case.platform,
        posted_at=datetime.fromisoformat(case.at) if case.at else None,
        account=case.account,
        people_consent=case.people_consent,
        incident=case.incident,
    )
    rules = [RULES[code]] if code else list(RULES.values())
    return list(run_rules(rules, context, sanitize(case.text)))
