"""Helpers for tests: run one rule on a text in one line (click.testing style)."""

from __future__ import annotations

from datetime import datetime

from checks.analysis import sanitize
from checks.config import CityConfig
from checks.context import CheckContext
from checks.engine import default_config, run_rules
from checks.models import Finding
from checks.registry import RULES

__all__ = ["run_rule"]


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
) -> list[Finding]:
    """The findings of rule ``code`` alone on ``text``."""
    cfg = config or default_config()
    posted_at = datetime.fromisoformat(at) if isinstance(at, str) else at
    if posted_at is not None and posted_at.tzinfo is None:
        posted_at = posted_at.replace(tzinfo=cfg.tz)
    acc = cfg.account(account) if account else None
    if acc is not None and platform is None:
        platform = acc.platform
    context = CheckContext(
        config=cfg,
        platform=platform,
        posted_at=posted_at,
        account=acc,
        alt_text=alt_text,
        image_people_consent=image_people_consent,
    )
    return list(run_rules([RULES[code]], context, sanitize(text)))
