"""Post the workflow's results to Slack: a request to the heads, a decision to everyone
concerned, a request's current state on every message that shows it."""

from __future__ import annotations

import contextlib

from bot.blocks import request_blocks
from bot.models import RequestState, SignoffRequest
from bot.services import Services
from bot.store import StoreUnavailable
from bot.workflow import DecisionOutcome
from messages import text

__all__ = ["deliver_request", "publish_decision", "refresh_messages"]


def _summary(req: SignoffRequest) -> str:
    return text("bot.request_title", version=req.version)


def deliver_request(
    s: Services, req: SignoffRequest, superseded: tuple[SignoffRequest, ...]
) -> None:
    """Send the request to the department's approvals channel, or to each head by DM."""
    dep = s.config.departments[req.department]
    targets = [dep.approvals_channel] if dep.approvals_channel else list(s.workflow.heads(dep.id))
    blocks = request_blocks(req, s.config)
    posted = []
    for target in targets:
        where = s.notifier.post(target, _summary(req), blocks)
        if where is not None:
            posted.append(where)
    with contextlib.suppress(StoreUnavailable):  # the messages still went out
        s.workflow.store.set_messages(req.id, posted)
    for old in superseded:
        refresh_messages(s, old)


def refresh_messages(s: Services, req: SignoffRequest) -> None:
    """Show a request's current state on every message it was posted in."""
    fresh = s.workflow.store.get_request(req.id) or req
    blocks = request_blocks(fresh, s.config)
    for channel, ts in fresh.messages:
        s.notifier.update(channel, ts, _summary(fresh), blocks)


def publish_decision(s: Services, outcome: DecisionOutcome) -> None:
    """Update the heads' messages (buttons gone, who decided) and tell the drafter."""
    req = outcome.request
    if req is None:
        return
    refresh_messages(s, req)
    if req.state == RequestState.APPROVED:
        msg = text("bot.notify_approved", version=req.version, who=req.decided_by)
    else:
        msg = text(
            "bot.notify_rejected", version=req.version, who=req.decided_by, reason=req.reason or ""
        )
    s.notifier.post(req.requester, msg)
