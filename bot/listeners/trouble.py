"""Listeners of §5 and §7: switching incident mode, checking the holding statement,
confirming a policy report. Ack first; the domain is bot.incident and bot.registry."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks import report_blocks
from bot.incident import Incident, IncidentProblem, holding_statement
from bot.incident_reminders import incident_targets
from bot.listeners.events import publish_home
from bot.registry import record_report
from bot.services import Services, services_of
from bot.store import StoreUnavailable
from bot.trouble_views import (
    INCIDENT_REASON,
    TroubleAction,
    TroubleView,
    incident_form,
    incident_notice,
)
from checks import DraftError
from messages import text

__all__ = ["announce", "register"]


def register(app: App) -> None:
    app.action(TroubleAction.INCIDENT_START)(incident_start)
    app.action(TroubleAction.INCIDENT_END)(incident_end)
    app.action(TroubleAction.CHECK_HOLDING)(check_holding)
    app.action(TroubleAction.REPORT_CONFIRM)(report_confirm)
    app.view(TroubleView.INCIDENT_START)(incident_submitted)


def _value(body: dict[str, Any]) -> str:
    return str(body["actions"][0].get("value", ""))


def _tell(s: Services, body: dict[str, Any], message: str) -> None:
    """Answer only the clicker: ephemeral in a channel, a DM from the App Home tab."""
    user = body["user"]["id"]
    channel = (body.get("channel") or {}).get("id")
    if channel:
        s.notifier.ephemeral(channel, user, message)
    else:
        s.notifier.post(user, message)


def _problem(problem: IncidentProblem) -> str:
    return text(f"incident.problem.{problem.value}")


def announce(s: Services, incident: Incident, started: bool, by: str = "") -> None:
    """Tell the account's department channel (or its heads) and the PR section's channel."""
    if started:
        body, blocks = incident_notice(s.config, incident)
    else:
        body = text(
            "incident.notice.ended",
            account=s.config.accounts[incident.account].name,
            by=by,
            since=incident.since[:16].replace("T", " "),
        )
        blocks = None
    for target in incident_targets(s, incident.account):
        s.notifier.post(target, body, blocks)


def incident_start(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    account, user = _value(body), body["user"]["id"]
    if account not in s.config.accounts:
        _tell(s, body, _problem(IncidentProblem.UNKNOWN_ACCOUNT))
        return
    if not s.incidents.may_switch(user, account, s.workflow.heads):
        _tell(s, body, _problem(IncidentProblem.NOT_ALLOWED))
        return
    client.views_open(trigger_id=body["trigger_id"], view=incident_form(s.config, account))


def incident_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    s = services_of(context)
    user = body["user"]["id"]
    account = str(view.get("private_metadata", ""))
    values = view["state"]["values"]
    reason = str((values.get(INCIDENT_REASON, {}).get("value") or {}).get("value") or "")
    outcome = s.incidents.start(account, user, reason, s.workflow.heads)
    if outcome.problem is not None:
        ack(response_action="errors", errors={INCIDENT_REASON: _problem(outcome.problem)})
        return
    ack()
    assert outcome.incident is not None
    announce(s, outcome.incident, started=True)
    publish_home(s, user, client)


def incident_end(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    user = body["user"]["id"]
    outcome = s.incidents.end(_value(body), user, s.workflow.heads)
    if outcome.problem is not None or outcome.incident is None:
        _tell(s, body, _problem(outcome.problem or IncidentProblem.ALREADY_OFF))
        return
    announce(s, outcome.incident, started=False, by=user)
    publish_home(s, user, client)


def check_holding(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Check the holding statement for the account, as the clicker's draft (§7(4))."""
    ack()
    s = services_of(context)
    account = _value(body)
    if account not in s.config.accounts:
        respond(text=_problem(IncidentProblem.UNKNOWN_ACCOUNT), response_type="ephemeral")
        return
    channel = (body.get("channel") or {}).get("id", "")
    try:
        outcome = s.workflow.check(
            holding_statement(s.config, account),
            user=body["user"]["id"],
            channel=channel,
            account=account,
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


def report_confirm(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The PR section records that the account's policy was reported (§5(2)), today."""
    ack()
    s = services_of(context)
    account, user = _value(body), body["user"]["id"]
    if user not in s.config.registry.pr_section:
        _tell(s, body, text("registry.home.not_pr"))
        return
    if account not in s.config.accounts:
        _tell(s, body, text("registry.home.unknown_account", account=account))
        return
    day = s.workflow.now().date()
    try:
        record_report(s.workflow.store, account, day, user)
    except StoreUnavailable:
        _tell(s, body, text("bot.problem.store_down"))
        return
    s.workflow.audit.event(
        "policy_reported",
        user,
        s.workflow.now().isoformat(timespec="seconds"),
        account=account,
        detail=day.isoformat(),
    )
    name = s.config.accounts[account].name
    _tell(s, body, text("registry.home.confirmed", account=name, date=day.isoformat(), user=user))
    publish_home(s, user, client)
