"""``check_draft``: analyse once, run every rule, word the findings."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import datetime
from functools import cache

from checks.analysis import Draft, analyse, sanitize
from checks.config import Account, CityConfig, load_config
from checks.context import CheckContext
from checks.corrections import without_quoted_errors
from checks.emergency import allows_emergency_post, is_emergency_notice
from checks.models import Finding, Report
from checks.precedence import resolve
from checks.prefilter import LITERALS
from checks.registry import Hit, Rule
from checks.rules import RULES
from messages import rule_text, text

__all__ = ["MAX_CHARS", "DraftError", "check_draft", "default_config"]

MAX_CHARS = 100_000
_EXCERPT_CHARS = 80

_config: CityConfig | None = None


class DraftError(ValueError):
    """The draft cannot be checked (empty, too long); the message is for the user."""


def default_config() -> CityConfig:
    """The configuration from ``TOONBOT_CONFIG`` or config/, loaded once."""
    global _config
    if _config is None:
        _config = load_config()
    return _config


def _is_blank(text_: str) -> bool:
    return all(c.isspace() or unicodedata.category(c) in ("Cc", "Cf", "Zs") for c in text_)


def _finding(r: Rule, hit: Hit, source: str) -> Finding:
    wording = rule_text(r.code)
    params = dict(hit.params)
    excerpt = source[hit.start : hit.end]
    if len(excerpt) > _EXCERPT_CHARS:
        excerpt = excerpt[: _EXCERPT_CHARS - 1] + "…"
    params.setdefault("excerpt", excerpt)
    suggestion = wording.suggestion.format_map(params) if wording.suggestion else None
    return Finding(
        code=r.code,
        name=r.name,
        category=r.category,
        clause=r.clause,
        severity=hit.severity or r.severity,
        start=hit.start,
        end=hit.end,
        excerpt=excerpt,
        message=wording.message.format_map(params),
        suggestion=suggestion or None,
    )


@cache
def _requirements() -> dict[int, frozenset[str]]:
    """Every rule's required substrings, by the rule's id; registered with the draft
    literals, which finds them for all rules and lexicons in one pass."""
    LITERALS.register(s for r in RULES.values() for s in r.requires)
    return {id(r): frozenset(r.requires) for r in RULES.values()}


def run_rules(rules: Iterable[Rule], context: CheckContext, source: str) -> tuple[Finding, ...]:
    """Analyse ``source`` (sanitized by the caller) once and run ``rules`` over it."""
    return _run(rules, analyse(source, context))


def _run(rules: Iterable[Rule], draft: Draft) -> tuple[Finding, ...]:
    """Run ``rules`` over the analysed draft and settle the findings."""
    source = draft.text
    requires = _requirements()
    present = draft.literals()
    findings: list[Finding] = []
    seen: set[tuple[str, int, int]] = set()
    for r in rules:
        needed = requires.get(id(r))
        if needed is None:  # not a rule of the table (a test's own): registered now
            needed = frozenset(r.requires)
            LITERALS.register(needed)
            present = draft.literals()
        if needed and present.isdisjoint(needed):
            continue
        for hit in r.func(draft):
            key = (r.code, hit.start, hit.end)
            if key in seen:
                continue
            seen.add(key)
            findings.append(_finding(r, hit, source))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    # A correction's (誤) line is wrong on purpose (§7(1)): no false-information finding there.
    findings = without_quoted_errors(findings, source)
    # One problem, one category: the one place where overlapping findings are settled.
    return resolve(findings)


def check_draft(
    text_: str,
    *,
    platform: str | None = None,
    posted_at: datetime | None = None,
    account: str | Account | None = None,
    config: CityConfig | None = None,
    now: datetime | None = None,
    alt_text: bool | None = None,
    people_consent: bool | None = None,
    time_known: bool = True,
    incident: bool = False,
) -> Report:
    """Check a draft against every rule and return the report.

    ``platform`` is one of x, instagram, facebook, line, threads; ``posted_at`` the planned
    posting time (naive times are taken as the city's time zone); ``account`` an account id
    from the configuration (it implies the platform and the operating hours).
    ``alt_text`` and ``people_consent`` are the /check form's answers (None: not asked).
    ``time_known=False``: only the day of ``posted_at`` is planned, not the time.
    ``incident``: the account is in incident mode (§7(4)), which turns on the TRB rules.
    Raises ``DraftError`` for an empty or over-long draft and for an unknown account.
    """
    cfg = config or default_config()
    text_ = sanitize(text_)
    if _is_blank(text_):
        raise DraftError(text("draft.empty"))
    if len(text_) > MAX_CHARS:
        raise DraftError(text("draft.too_long", length=f"{len(text_):,}", limit=f"{MAX_CHARS:,}"))
    context = build_context(
        cfg,
        platform=platform,
        posted_at=posted_at,
        account=account,
        now=now,
        alt_text=alt_text,
        people_consent=people_consent,
        time_known=time_known,
        incident=incident,
    )
    draft = analyse(text_, context)
    findings = _run(RULES.values(), draft)
    emergency = is_emergency_notice(draft.folded)
    return Report(
        text=text_,
        findings=findings,
        emergency=emergency,
        emergency_post=emergency and allows_emergency_post(context),
    )


def build_context(
    cfg: CityConfig,
    *,
    platform: str | None = None,
    posted_at: datetime | None = None,
    account: str | Account | None = None,
    now: datetime | None = None,
    alt_text: bool | None = None,
    people_consent: bool | None = None,
    time_known: bool = True,
    incident: bool = False,
) -> CheckContext:
    """The posting context: the account (by id) implies the platform; times in the city's zone."""
    acc: Account | None
    if isinstance(account, str):
        try:
            acc = cfg.account(account)
        except KeyError:
            raise DraftError(
                text("draft.unknown_account", account=account, known=", ".join(cfg.accounts))
            ) from None
    else:
        acc = account
    if acc is not None and platform is None:
        platform = acc.platform
    if posted_at is not None:
        if posted_at.tzinfo is None:
            posted_at = posted_at.replace(tzinfo=cfg.tz)
        posted_at = posted_at.astimezone(cfg.tz)
    return CheckContext(
        config=cfg,
        platform=platform,
        posted_at=posted_at,
        time_known=time_known or posted_at is None,
        account=acc,
        now=now,
        alt_text=alt_text,
        image_people_consent=people_consent,
        incident=incident,
    )
