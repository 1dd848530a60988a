"""Post the workflow's results to Slack: a request to the heads, a decision to everyone
concerned, a request's current state on every message that shows it."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from bot.blocks import request_blocks
from bot.models import RequestState, SignoffRequest
from bot.services import Services
from bot.store import StoreUnavailable
from bot.workflow import DecisionOutcome, Role
from messages import text

__all__ = [
    "RequestDelivery",
    "deliver_and_tell",
    "deliver_request",
    "publish_decision",
    "refresh_messages",
]


def _summary(req: SignoffRequest) -> str:
    return text("bot.request_title", version=req.version)


def _tag(req: SignoffRequest) -> str:
    return f"request:{req.id}"


def add_copies(
    s: Services, request_id: str, posted: list[tuple[str, str]]
) -> SignoffRequest | None:
    """Record more messages (channel, ts) that show a request, beside those it has; returns
    the request as stored, or None when it is gone."""
    req = s.workflow.store.get_request(request_id)
    if req is not None:
        s.workflow.store.set_messages(req.id, [*req.messages, *posted])
    return req


def record_late_copy(s: Services, tag: str, channel: str, ts: str) -> None:
    """A request's copy that reached Slack only from the outbox: record it with the request,
    so that a decision updates it too, and show the decision at once if one was made while
    the copy waited (it went out with the buttons of a pending request)."""
    kind, _, request_id = tag.partition(":")
    if kind != "request":
        return
    req = add_copies(s, request_id, [(channel, ts)])
    if req is not None and req.state != RequestState.PENDING:
        s.notifier.update(channel, ts, _summary(req), request_blocks(req, s.config))


@dataclass(frozen=True, slots=True)
class RequestDelivery:
    """Where a request went: ``posted`` messages, ``queued`` for a retry, the channel Slack
    refused (and why) when the request fell back to direct messages."""

    posted: tuple[tuple[str, str], ...] = ()
    queued: int = 0
    refused_channel: str = ""
    refused_error: str = ""

    def confirmation(self, deciders: str, version: int) -> str:
        """The truth for the drafter: sent, sent by DM instead, waiting for a retry, or not
        delivered at all (the request stays recorded and shows on the App Home tab)."""
        if not self.posted and not self.queued:
            return text("bot.request_undelivered", version=version, error=self.refused_error)
        if self.refused_channel:
            return text(
                "bot.requested_by_dm",
                heads=deciders,
                version=version,
                channel=self.refused_channel,
                error=self.refused_error,
            )
        if not self.posted:
            return text("bot.requested_queued", heads=deciders, version=version)
        return text("bot.requested", heads=deciders, version=version)


def deliver_request(
    s: Services, req: SignoffRequest, superseded: tuple[SignoffRequest, ...]
) -> RequestDelivery:
    """Send the request to the department's approvals channel, or to each decider by DM (a
    head's own draft goes to its deputies). When Slack refuses the channel for good
    (not_in_channel, channel_not_found, is_archived), fall back to DMs and record it."""
    dep = s.config.departments[req.department]
    deciders = list(s.workflow.deciders(req))
    blocks = request_blocks(req, s.config)
    summary = _summary(req)
    posted: list[tuple[str, str]] = []
    queued = 0
    refused_channel = ""
    refused: list[tuple[str, str]] = []  # (where, Slack's error), the channel first
    targets = deciders
    if dep.approvals_channel and req.route == Role.HEAD:
        sent = s.notifier.deliver(dep.approvals_channel, summary, blocks, tag=_tag(req))
        if sent.refused:
            refused_channel = dep.approvals_channel
            refused.append((refused_channel, sent.refused))
        else:
            targets = []
            posted += [sent.where] if sent.where else []
            queued += sent.queued
    for target in targets:
        sent = s.notifier.deliver(target, summary, blocks, tag=_tag(req))
        posted += [sent.where] if sent.where else []
        queued += sent.queued
        if sent.refused:
            refused.append((target, sent.refused))
    with contextlib.suppress(StoreUnavailable):  # the messages still went out
        s.workflow.store.set_messages(req.id, posted)
    if refused:
        s.workflow.audit.event(
            "request_undelivered",
            req.requester,
            s.workflow.now().isoformat(timespec="seconds"),
            request_id=req.id,
            check_id=req.check_id,
            account=req.account or "",
            detail=" ".join(f"{where}:{error}" for where, error in refused),
        )
    for old in superseded:
        refresh_messages(s, old)
    return RequestDelivery(
        tuple(posted),
        queued,
        refused_channel,
        refused[0][1] if refused else "",
    )


def deliver_and_tell(
    s: Services,
    req: SignoffRequest,
    superseded: tuple[SignoffRequest, ...],
    deciders: str,
    where: str,
) -> None:
    """Deliver a request, then tell the drafter (ephemeral in ``where``) what became of it."""
    delivery = deliver_request(s, req, superseded)
    s.notifier.ephemeral(where, req.requester, delivery.confirmation(deciders, req.version))


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
    key = "notify_approved" if req.state == RequestState.APPROVED else "notify_rejected"
    if outcome.role in (Role.DEPUTY, Role.PR_SECTION):
        key += f"_{outcome.role.value}"
    msg = text(f"bot.{key}", version=req.version, who=req.decided_by, reason=req.reason or "")
    s.notifier.post(req.requester, msg)
