"""Modal submissions: the /check form, a rejection reason, an override reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App

from bot.blocks import report_blocks
from bot.flows import Services, deliver_request, problem_text, publish_decision
from bot.hours import outside_hours_notice
from bot.workflow import Problem
from checks import DraftError
from messages import text


def _values(view: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        v = actions.get("value", {})
        if "value" in v:
            out[block_id] = v["value"]
        elif "selected_option" in v:
            out[block_id] = (v["selected_option"] or {}).get("value")
        elif "selected_date_time" in v:
            out[block_id] = v["selected_date_time"]
    return out


def register(app: App, s: Services) -> None:
    @app.view("check_modal")
    def check_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        values = _values(view)
        user = body["user"]["id"]
        channel, _, draft_id = (view.get("private_metadata") or "").partition("|")
        draft = values.get("draft") or ""
        account = values.get("account")
        epoch = values.get("posted_at")
        posted_at = datetime.fromtimestamp(int(epoch), s.config.tz) if epoch else None
        people = values.get("people")
        consent = None if people in (None, "none") else people == "consent"
        alt = values.get("alt")
        try:
            outcome = s.workflow.check(
                draft,
                user=user,
                channel=channel,
                account=account,
                posted_at=posted_at,
                people_consent=consent,
                alt_text=None if alt is None else alt == "yes",
                draft_id=draft_id or None,
            )
        except DraftError as e:
            ack(response_action="errors", errors={"draft": str(e)})
            return
        ack()
        acc = s.config.accounts.get(account) if account else None
        notice = outside_hours_notice(s.config, s.workflow.now(), acc)
        blocks = report_blocks(outcome, notice)
        summary = text(f"bot.verdict_{outcome.report.verdict.value}")
        if channel:
            s.notifier.ephemeral(channel, user, summary, blocks)
        else:
            s.notifier.post(user, summary, blocks)

    @app.view("reject_modal")
    def reject_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        request_id = view.get("private_metadata", "").split("|", 1)[0]
        reason = _values(view).get("reason")
        outcome = s.workflow.decide(request_id, body["user"]["id"], approve=False, reason=reason)
        if outcome.problem is not None:
            ack(
                response_action="errors",
                errors={"reason": problem_text(outcome.problem, outcome.request)},
            )
            return
        ack()
        publish_decision(s, outcome)

    @app.view("override_modal")
    def override_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any]) -> None:
        check_id, _, where = view.get("private_metadata", "").partition("|")
        user = body["user"]["id"]
        reason = _values(view).get("reason")
        outcome = s.workflow.request_signoff(check_id, user, override_reason=reason)
        if outcome.problem is not None or outcome.request is None:
            ack(
                response_action="errors",
                errors={"reason": problem_text(outcome.problem or Problem.CHECK_NOT_FOUND)},
            )
            return
        ack()
        deliver_request(s, outcome.request, outcome.superseded)
        heads = "、".join(f"<@{h}>" for h in outcome.heads)
        s.notifier.ephemeral(
            where or user, user, text("bot.requested", heads=heads, version=outcome.request.version)
        )
