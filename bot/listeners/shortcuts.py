"""The message shortcut 「この投稿を確認」: check any message's text, answer only the clicker."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond

from bot.blocks import report_blocks
from bot.services import services_of
from checks import DraftError
from messages import text


def check_message(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    message = body.get("message") or {}
    channel = str((body.get("channel") or {}).get("id") or "")
    try:
        outcome = s.workflow.check(
            str(message.get("text") or ""), user=body["user"]["id"], channel=channel
        )
    except DraftError as e:
        respond(text=str(e), response_type="ephemeral", replace_original=False)
        return
    respond(
        text=text(f"bot.verdict_{outcome.report.verdict.value}"),
        blocks=report_blocks(outcome),
        response_type="ephemeral",
        replace_original=False,
    )
