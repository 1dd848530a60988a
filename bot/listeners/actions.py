"""Buttons: request sign-off, override, revise, approve, reject, password changed, clause."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks import check_modal, reason_modal, revise_actions, section
from bot.listeners.events import publish_home
from bot.listeners.replies import button_value, tell
from bot.publish import deliver_request, publish_decision
from bot.reminders import record_password_change
from bot.services import Services, services_of
from bot.slack_ids import Decision, ReasonForm, View
from bot.workflow import Problem, problem_text
from messages import clause_text, text


def _where(body: dict[str, Any]) -> str:
    channel = body.get("channel") or {}
    return str(channel.get("id") or body["user"]["id"])


def _refresh_home(s: Services, body: dict[str, Any], client: WebClient) -> None:
    """After a decision taken on the App Home tab, show the tab's new state."""
    if (body.get("view") or {}).get("type") == "home":
        publish_home(s, body["user"]["id"], client)


def request_signoff(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    user = body["user"]["id"]
    outcome = s.workflow.request_signoff(button_value(body), user)
    if outcome.problem is not None or outcome.request is None:
        respond(
            text=problem_text(outcome.problem or Problem.CHECK_NOT_FOUND, outcome.request),
            replace_original=False,
            response_type="ephemeral",
        )
        return
    delivery = deliver_request(s, outcome.request, outcome.superseded)
    heads = "、".join(f"<@{h}>" for h in outcome.heads)
    done = delivery.confirmation(heads, outcome.request.version)
    respond(
        text=done,
        blocks=[section(done), revise_actions(outcome.request)],
        replace_original=False,
        response_type="ephemeral",
    )


def revise_draft(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    req = s.workflow.draft_to_revise(button_value(body), body["user"]["id"])
    if req is None:
        return
    client.views_open(
        trigger_id=body["trigger_id"],
        view=check_modal(
            s.config, _where(body), draft=req.text, draft_id=req.draft_id, account=req.account
        ),
    )


def request_override(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
    ack()
    client.views_open(
        trigger_id=body["trigger_id"],
        view=reason_modal(
            View.OVERRIDE,
            ReasonForm(button_value(body), _where(body)),
            text("bot.modal.override_title"),
            text("bot.modal.override_submit"),
            text("bot.modal.override_label"),
        ),
    )


def approve(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    request_id = Decision.decode(button_value(body)).request_id
    outcome = s.workflow.decide(request_id, body["user"]["id"], approve=True)
    if outcome.problem is not None:
        tell(s, body, problem_text(outcome.problem, outcome.request))
        return
    publish_decision(s, outcome)
    _refresh_home(s, body, client)


def reject(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    request_id = Decision.decode(button_value(body)).request_id
    # Refuse before the reason form what the decision would refuse anyway.
    allowed = s.workflow.may_decide(request_id, body["user"]["id"])
    if allowed.problem is not None:
        tell(s, body, problem_text(allowed.problem, allowed.request))
        return
    client.views_open(
        trigger_id=body["trigger_id"],
        view=reason_modal(
            View.REJECT,
            ReasonForm(request_id, _where(body)),
            text("bot.modal.reject_title"),
            text("bot.modal.reject_submit"),
            text("bot.modal.reject_label"),
        ),
    )


def password_changed(
    ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext
) -> None:
    ack()
    s = services_of(context)
    done = record_password_change(
        s, button_value(body), body["user"]["id"], s.workflow.now().date()
    )
    if done is not None:
        respond(text=done, replace_original=True)


def show_clause(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
    ack()
    parts = [
        text("bot.clause_text", clause=c, text=clause_text(c) or "")
        for c in button_value(body).split(", ")
        if clause_text(c)
    ]
    respond(text="\n\n".join(parts), replace_original=False, response_type="ephemeral")
