"""Listeners of §5 and §7: switching incident mode, checking the holding statement,
confirming a policy report. Ack first; the domain is bot.incident and bot.registry."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.blocks import check_modal, report_blocks
from bot.correction import (
    Correction,
    CorrectionProblem,
    create_correction,
    original_for,
    posted_on,
)
from bot.incident import Incident, IncidentProblem, holding_statement
from bot.incident_reminders import incident_targets
from bot.listeners import comments, impersonation, registration
from bot.listeners.events import publish_home
from bot.listeners.replies import button_value, form_value, tell
from bot.registry import record_report
from bot.services import Services, services_of
from bot.store import StoreUnavailable
from bot.trouble_views import (
    INCIDENT_REASON,
    CorrectionInput,
    TroubleAction,
    TroubleView,
    correction_form,
    incident_form,
    incident_notice,
)
from checks import DraftError
from messages import text

__all__ = ["announce", "register"]


def register(app: App) -> None:
    """Buttons that open a form answer at once; the others ack and work on a worker, and
    forms hand their Slack calls to one (issue 16: never a Slack call on a request thread)."""
    from bot.listeners import acked_then_later as later

    app.action(TroubleAction.INCIDENT_START)(incident_start)  # opens a form
    app.action(TroubleAction.INCIDENT_END)(later(incident_end))
    app.action(TroubleAction.CHECK_HOLDING)(check_holding)  # opens a form
    app.action(TroubleAction.REPORT_CONFIRM)(later(report_confirm))
    app.view(TroubleView.INCIDENT_START)(incident_submitted)
    app.action(TroubleAction.CORRECTION)(correction_open)
    app.view(TroubleView.CORRECTION)(correction_submitted)
    impersonation.register(app)
    comments.register(app)
    registration.register(app)


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
    account, user = button_value(body), body["user"]["id"]
    if account not in s.config.accounts:
        tell(s, body, _problem(IncidentProblem.UNKNOWN_ACCOUNT))
        return
    if not s.incidents.may_switch(user, account, s.workflow.heads):
        tell(s, body, _problem(IncidentProblem.NOT_ALLOWED))
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
    s.notifier.background(_started, s, outcome.incident, user, client)


def _started(s: Services, incident: Incident, user: str, client: WebClient) -> None:
    announce(s, incident, started=True)
    publish_home(s, user, client)


def incident_end(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    user = body["user"]["id"]
    outcome = s.incidents.end(button_value(body), user, s.workflow.heads)
    if outcome.problem is not None or outcome.incident is None:
        tell(s, body, _problem(outcome.problem or IncidentProblem.ALREADY_OFF))
        return
    announce(s, outcome.incident, started=False, by=user)
    publish_home(s, user, client)


def check_holding(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """Open the /check form with the holding statement for the account, to fill in the 〇〇
    parts and check it as the clicker's draft (§7(4))."""
    ack()
    s = services_of(context)
    account = button_value(body)
    if account not in s.config.accounts:
        tell(s, body, _problem(IncidentProblem.UNKNOWN_ACCOUNT))
        return
    channel = (body.get("channel") or {}).get("id", "")
    view = check_modal(s.config, channel, holding_statement(s.config, account), account=account)
    client.views_open(trigger_id=body["trigger_id"], view=view)


def report_confirm(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    """The PR section records that the account's policy was reported (§5(2)), today."""
    ack()
    s = services_of(context)
    account, user = button_value(body), body["user"]["id"]
    if user not in s.config.registry.pr_section:
        tell(s, body, text("registry.home.not_pr"))
        return
    if account not in s.config.accounts:
        tell(s, body, text("registry.home.unknown_account", account=account))
        return
    day = s.workflow.now().date()
    try:
        record_report(s.workflow.store, account, day, user)
    except StoreUnavailable:
        tell(s, body, text("bot.problem.store_down"))
        return
    s.workflow.audit.event(
        "policy_reported",
        user,
        s.workflow.now().isoformat(timespec="seconds"),
        account=account,
        detail=day.isoformat(),
    )
    name = s.config.accounts[account].name
    tell(s, body, text("registry.home.confirmed", account=name, date=day.isoformat(), user=user))
    publish_home(s, user, client)


# --- §7(1) corrections ---


def correction_open(
    ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext
) -> None:
    """「訂正・おわびを作成」: the form, filled from the approved post when one is named."""
    ack()
    s = services_of(context)
    request_id, user = button_value(body), body["user"]["id"]
    if not request_id:
        view = correction_form(s.config)
    else:
        found = original_for(s.workflow, request_id, user)
        if isinstance(found, CorrectionProblem):
            tell(s, body, text(f"correction.problem.{found.value}"))
            return
        view = correction_form(s.config, found.text, found.account, found.id)
    client.views_open(trigger_id=body["trigger_id"], view=view)


_FIELD = {
    CorrectionProblem.WRONG_REQUIRED: CorrectionInput.WRONG,
    CorrectionProblem.RIGHT_REQUIRED: CorrectionInput.RIGHT,
    CorrectionProblem.ORIGINAL_REQUIRED: CorrectionInput.ORIGINAL,
    CorrectionProblem.NOT_YOURS: CorrectionInput.ORIGINAL,
    CorrectionProblem.NOT_FOUND: CorrectionInput.ORIGINAL,
    CorrectionProblem.TOO_LONG: CorrectionInput.RIGHT,
}


def correction_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    user = body["user"]["id"]
    values = view["state"]["values"]
    request_id = str(view.get("private_metadata") or "")
    date = ""
    if request_id:
        found = original_for(s.workflow, request_id, user)
        if isinstance(found, CorrectionProblem):
            ack(response_action="errors", errors={_FIELD[found]: _problem_c(found)})
            return
        date = posted_on(found)
    correction = Correction(
        original=form_value(values, CorrectionInput.ORIGINAL),
        wrong=form_value(values, CorrectionInput.WRONG),
        right=form_value(values, CorrectionInput.RIGHT),
        apology=form_value(values, CorrectionInput.APOLOGY) != "no",
        account=form_value(values, CorrectionInput.ACCOUNT) or None,
        request_id=request_id,
        posted_on=date,
    )
    try:
        outcome = create_correction(s.workflow, user, correction)
    except DraftError as e:
        ack(response_action="errors", errors={CorrectionInput.WRONG: str(e)})
        return
    if isinstance(outcome, CorrectionProblem):
        ack(response_action="errors", errors={_FIELD[outcome]: _problem_c(outcome)})
        return
    ack()
    s.notifier.background(
        s.notifier.post, user, text("correction.done.created"), report_blocks(outcome)
    )


def _problem_c(problem: CorrectionProblem) -> str:
    return text(f"correction.problem.{problem.value}")
