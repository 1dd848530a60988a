"""/check: acknowledge at once, check and record on a worker, answer through response_url.

Nothing here waits on Slack or the store before the acknowledgement, so a slow store or a
rate-limiting Slack never pushes /check past Slack's 3-second limit.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.blocks import check_modal, report_blocks
from bot.hours import outside_hours_notice
from bot.services import Services, services_of
from checks import DraftError
from messages import text

HELP_WORDS = {"help", "ヘルプ", "使い方", "-h", "--help"}


def check_command(
    ack: Ack, command: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    s = services_of(context)
    draft = (command.get("text") or "").strip()
    if draft.lower() in HELP_WORDS:
        ack(text=text("bot.help"))
        return
    ack()
    if not draft:
        view = check_modal(s.config, command.get("channel_id", ""))
        s.notifier.background(client.views_open, trigger_id=command["trigger_id"], view=view)
        return
    s.notifier.background(_check_and_answer, s, command, draft)


def _check_and_answer(s: Services, command: dict[str, Any], draft: str) -> None:
    """Check, record (or say it could not be recorded) and answer the command's author."""
    url = str(command.get("response_url") or "")
    try:
        outcome = s.workflow.check(
            draft, user=command["user_id"], channel=command.get("channel_id", "")
        )
    except DraftError as e:
        s.notifier.respond(url, text=str(e), response_type="ephemeral")
        return
    notice = outside_hours_notice(s.config.city, s.workflow.now(), None)
    s.notifier.respond(
        url,
        text=text(f"bot.verdict_{outcome.report.verdict.value}"),
        blocks=report_blocks(outcome, notice),
        response_type="ephemeral",
    )
