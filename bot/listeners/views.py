"""Form submissions: the /check form, a rejection reason, an override reason."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, BoltContext

from bot.blocks import report_blocks
from bot.hours import outside_hours_notice
from bot.publish import deliver_request, publish_decision
from bot.services import services_of
from bot.slack_ids import INPUT, AltText, CheckForm, Input, People, ReasonForm
from bot.workflow import Problem, problem_text
from checks import DraftError
from messages import text


def _values(view: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for block_id, actions in view.get("state", {}).get("values", {}).items():
        v = actions.get(INPUT, {})
        if "value" in v:
            out[block_id] = v["value"]
        elif "selected_option" in v:
            out[block_id] = (v["selected_option"] or {}).get("value")
        elif "selected_date_time" in v:
            out[block_id] = v["selected_date_time"]
    return out


def check_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    values = _values(view)
    user = body["user"]["id"]
    form = CheckForm.decode(view.get("private_metadata") or "")
    draft = values.get(Input.DRAFT) or ""
    account = values.get(Input.ACCOUNT)
    epoch = values.get(Input.POSTED_AT)
    posted_at = datetime.fromtimestamp(int(epoch), s.config.tz) if epoch else None
    people = values.get(Input.PEOPLE)
    consent = None if people in (None, People.NONE) else people == People.CONSENT
    alt = values.get(Input.ALT)
    try:
        outcome = s.workflow.check(
            draft,
            user=user,
            channel=form.channel,
            account=account,
            posted_at=posted_at,
            people_consent=consent,
            alt_text=None if alt is None else alt == AltText.YES,
            draft_id=form.draft_id or None,
        )
    except DraftError as e:
        ack(response_action="errors", errors={Input.DRAFT: str(e)})
        return
    ack()
    acc = s.config.accounts.get(account) if account else None
    notice = outside_hours_notice(s.config.city, s.workflow.now(), acc)
    blocks = report_blocks(outcome, notice)
    summary = text(f"bot.verdict_{outcome.report.verdict.value}")
    if form.channel:
        s.notifier.ephemeral(form.channel, user, summary, blocks)
    else:
        s.notifier.background(s.notifier.post, user, summary, blocks)


def reject_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    form = ReasonForm.decode(view.get("private_metadata") or "")
    reason = _values(view).get(Input.REASON)
    outcome = s.workflow.decide(form.subject, body["user"]["id"], approve=False, reason=reason)
    if outcome.problem is not None:
        ack(
            response_action="errors",
            errors={Input.REASON: problem_text(outcome.problem, outcome.request)},
        )
        return
    ack()
    s.notifier.background(publish_decision, s, outcome)


def override_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    form = ReasonForm.decode(view.get("private_metadata") or "")
    user = body["user"]["id"]
    reason = _values(view).get(Input.REASON)
    outcome = s.workflow.request_signoff(form.subject, user, override_reason=reason)
    if outcome.problem is not None or outcome.request is None:
        ack(
            response_action="errors",
            errors={Input.REASON: problem_text(outcome.problem or Problem.CHECK_NOT_FOUND)},
        )
        return
    ack()
    s.notifier.background(deliver_request, s, outcome.request, outcome.superseded)
    heads = "、".join(f"<@{h}>" for h in outcome.heads)
    s.notifier.ephemeral(
        form.channel or user,
        user,
        text("bot.requested", heads=heads, version=outcome.request.version),
    )
