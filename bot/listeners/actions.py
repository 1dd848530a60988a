"""Buttons: request sign-off, override, approve, reject, show a clause."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.blocks import check_modal, reason_modal, revise_actions, section
from bot.flows import Services, deliver_request, problem_text, publish_decision
from bot.listeners.events import publish_home
from bot.models import RequestState
from bot.reminders import record_password_change
from bot.workflow import Problem
from messages import clause_text, text


def _value(body: dict[str, Any]) -> str:
    return str(body["actions"][0].get("value", ""))


def _where(body: dict[str, Any]) -> str:
    channel = body.get("channel") or {}
    return str(channel.get("id") or body["user"]["id"])


def _tell(s: Services, body: dict[str, Any], message: str) -> None:
    """Answer only the clicker: ephemeral in a channel, a DM from the App Home tab."""
    user = body["user"]["id"]
    if (body.get("channel") or {}).get("id"):
        s.notifier.ephemeral(_where(body), user, message)
    else:
        s.notifier.post(user, message)


def _refresh_home(s: Services, body: dict[str, Any], client: WebClient) -> None:
    """After a decision taken on the App Home tab, show the tab's new state."""
    if (body.get("view") or {}).get("type") == "home":
        publish_home(s, body["user"]["id"], client)


def register(app: App, s: Services) -> None:
    @app.action("request_signoff")
    def request_signoff(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        user = body["user"]["id"]
        outcome = s.workflow.request_signoff(_value(body), user)
        if outcome.problem is not None or outcome.request is None:
            respond(
                text=problem_text(outcome.problem or Problem.CHECK_NOT_FOUND),
                replace_original=False,
                response_type="ephemeral",
            )
            return
        deliver_request(s, outcome.request, outcome.superseded)
        heads = "、".join(f"<@{h}>" for h in outcome.heads)
        done = text("bot.requested", heads=heads, version=outcome.request.version)
        respond(
            text=done,
            blocks=[section(done), revise_actions(outcome.request)],
            replace_original=False,
            response_type="ephemeral",
        )

    @app.action("revise_draft")
    def revise_draft(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        req = s.workflow.store.get_request(_value(body))
        if req is None or req.requester != body["user"]["id"]:
            return
        client.views_open(
            trigger_id=body["trigger_id"],
            view=check_modal(s.config, _where(body), draft=req.text, draft_id=req.draft_id),
        )

    @app.action("request_override")
    def request_override(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        client.views_open(
            trigger_id=body["trigger_id"],
            view=reason_modal(
                "override_modal",
                f"{_value(body)}|{_where(body)}",
                text("bot.modal.override_title"),
                text("bot.modal.override_submit"),
                text("bot.modal.override_label"),
            ),
        )

    @app.action("approve")
    def approve(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        request_id = _value(body).split(":", 1)[0]
        outcome = s.workflow.decide(request_id, user, approve=True)
        if outcome.problem is not None:
            _tell(s, body, problem_text(outcome.problem, outcome.request))
            return
        publish_decision(s, outcome)
        _refresh_home(s, body, client)

    @app.action("reject")
    def reject(ack: Ack, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        request_id = _value(body).split(":", 1)[0]
        # Refuse early (before the reason form) what the decision would refuse anyway.
        req = s.workflow.store.get_request(request_id)
        problem = None
        if req is None:
            problem = Problem.REQUEST_NOT_FOUND
        elif user == req.requester:
            problem = Problem.OWN_DRAFT
        elif user not in s.workflow.heads(req.department):
            problem = Problem.NOT_A_HEAD
        elif req.state == RequestState.SUPERSEDED:
            problem = Problem.SUPERSEDED
        elif req.state != RequestState.PENDING:
            problem = Problem.ALREADY_DECIDED
        if problem is not None:
            _tell(s, body, problem_text(problem, req))
            return
        client.views_open(
            trigger_id=body["trigger_id"],
            view=reason_modal(
                "reject_modal",
                f"{request_id}|{_where(body)}",
                text("bot.modal.reject_title"),
                text("bot.modal.reject_submit"),
                text("bot.modal.reject_label"),
            ),
        )

    @app.action("password_changed")
    def password_changed(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        account = _value(body)
        if account not in s.config.accounts:
            return
        done = record_password_change(s, account, body["user"]["id"], s.workflow.now().date())
        respond(text=done, replace_original=True)

    @app.action("show_clause")
    def show_clause(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        parts = [
            text("bot.clause_text", clause=c, text=clause_text(c) or "")
            for c in _value(body).split(", ")
            if clause_text(c)
        ]
        respond(text="\n\n".join(parts), replace_original=False, response_type="ephemeral")
