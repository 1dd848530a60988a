"""/check"""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext
from slack_sdk import WebClient

from bot.blocks import check_modal, report_blocks
from bot.hours import outside_hours_notice
from bot.services import services_of
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
    if not draft:
        ack()
        client.views_open(
            trigger_id=command["trigger_id"],
            view=check_modal(s.config, command.get("channel_id", "")),
        )
        return
    try:
        outcome = s.workflow.check(
            draft, user=command["user_id"], channel=command.get("channel_id", "")
        )
    except DraftError as e:
        ack(text=str(e))
        return
    notice = outside_hours_notice(s.config.city, s.workflow.now(), None)
    ack(
        text=text(f"bot.verdict_{outcome.report.verdict.value}"),
        blocks=report_blocks(outcome, notice),
    )
