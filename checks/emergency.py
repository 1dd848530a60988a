"""Emergency notices (§6(1)): what makes a draft one, from checks/data/emergency.toml.

An emergency notice posted outside operating hours is allowed when the account's operating
policy says so (``emergency_posts = true`` in the account's configuration); the report then
says it is an emergency post, so that the bot can record it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

from checks.calendar import closed_reason

if TYPE_CHECKING:
    from checks.context import CheckContext

__all__ = ["EmergencyTerms", "allows_emergency_post", "emergency_terms", "is_emergency_notice"]


@dataclass(frozen=True, slots=True)
class EmergencyTerms:
    alerts: re.Pattern[str]
    disruptions: re.Pattern[str]
    planned: re.Pattern[str]
    specs: tuple[tuple[str, bool], ...]  # (draft, is an emergency notice), checked by the tests


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


@cache
def emergency_terms() -> EmergencyTerms:
    raw = tomllib.loads(files("checks.data").joinpath("emergency.toml").read_text("utf-8"))
    alerts, disruptions = raw["alerts"], raw["disruptions"]
    for part in (alerts, disruptions):
        if not part.get("source") or not part.get("words") or not part.get("hit"):
            raise ValueError("checks/data/emergency.toml: each list needs source, words and hit")
    specs = tuple(
        [(t, True) for p in (alerts, disruptions) for t in p["hit"]]
        + [(t, False) for p in (alerts, disruptions) for t in p.get("miss", [])]
    )
    return EmergencyTerms(
        alerts=_alternation(alerts["words"]),
        disruptions=_alternation(disruptions["words"]),
        planned=re.compile(disruptions["planned"]),
        specs=specs,
    )


def is_emergency_notice(folded: str) -> bool:
    """True when the (width-folded) draft announces a warning, an order or a sudden outage."""
    terms = emergency_terms()
    if terms.alerts.search(folded):
        return True
    return bool(terms.disruptions.search(folded)) and not terms.planned.search(folded)


def allows_emergency_post(ctx: CheckContext) -> bool:
    """Planned outside operating hours, on an account whose policy allows emergency posts."""
    acc = ctx.account
    if ctx.posted_at is None or acc is None or not acc.emergency_posts:
        return False
    return closed_reason(ctx.config, ctx.posted_at, acc, time_known=ctx.time_known) is not None
