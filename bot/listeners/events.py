"""Events: drafts posted in draft channels, the App Home tab."""

from __future__ import annotations

from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot.blocks import MAX_BLOCKS, home_view, report_blocks
from bot.services import Services, services_of
from bot.store import StoreUnavailable
from bot.trouble_views import trouble_home_blocks
from checks import DraftError
from messages import text

EVENT_TTL = 24 * 3600  # Slack retries an event for a few minutes; keep ids a day


def _first_delivery(s: Services, body: dict[str, Any]) -> bool:
    event_id = body.get("event_id")
    if not event_id:
        return True
    try:
        return s.workflow.store.first_seen(f"event:{event_id}", EVENT_TTL)
    except StoreUnavailable:
        return True  # better a rare duplicate report than a lost one


def draft_posted(body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    s = services_of(context)
    if event.get("channel") not in s.config.draft_channels:
        return
    if event.get("subtype") or event.get("bot_id") or event.get("thread_ts"):
        return
    if not _first_delivery(s, body):
        return
    try:
        outcome = s.workflow.check(
            event.get("text") or "", user=event.get("user", ""), channel=event["channel"]
        )
    except DraftError as e:
        s.notifier.post(event["channel"], str(e), thread_ts=event.get("ts"))
        return
    s.notifier.post(
        event["channel"],
        text(f"bot.verdict_{outcome.report.verdict.value}"),
        report_blocks(outcome),
        thread_ts=event.get("ts"),
    )


def home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    if event.get("tab") not in (None, "home"):
        return
    publish_home(services_of(context), event["user"], client)


def publish_home(s: Services, user: str, client: WebClient) -> None:
    """The App Home tab: my recent checks and requests; for heads, what waits for them."""
    store = s.workflow.store
    try:
        view = home_view(
            store.recent_checks(user, limit=10),
            store.list_requests(requester=user, limit=10),
            s.workflow.pending_for(user),  # [] for someone who decides nothing
            s.config,
        )
        # §7(4) accounts in incident mode first (everyone sees them); §5, §7 tools last.
        top, bottom = trouble_home_blocks(s, user)
    except StoreUnavailable:
        return
    view["blocks"] = (top + view["blocks"] + bottom)[:MAX_BLOCKS]
    client.views_publish(user_id=user, view=view)
