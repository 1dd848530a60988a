"""§7(3) impersonation: the report form, the tracked checklist message and its buttons.
Ack first; the domain is bot.impersonation."""

from __future__ import annotations

import contextlib
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.blocks import MAX_BLOCKS, Block, modal, report_blocks, section
from bot.impersonation import STEPS, Case, CaseProblem, ImpersonationDesk, notice_draft, report_page
from bot.listeners.replies import button_value, form_value, tell
from bot.services import Services, services_of
from bot.store import StoreUnavailable
from bot.trouble_views import ImpAction, ImpView, plain
from checks import DraftError
from messages import text

__all__ = ["checklist_blocks", "register", "report_form"]

URL_INPUT = "imp_url"
ACCOUNT_INPUT = "imp_account"
REASON_INPUT = "imp_reason"


def register(app: App) -> None:
    from bot.listeners import acked_then_later as later

    app.action(ImpAction.OPEN_FORM)(open_form)  # opens a form
    app.view(ImpView.REPORT)(report_submitted)
    app.action(ImpAction.DONE)(later(step_done))
    app.action(ImpAction.SKIP)(step_skip)  # opens a form
    app.view(ImpView.SKIP)(skip_submitted)
    app.action(ImpAction.NOTICE)(later(check_notice))


def desk(s: Services) -> ImpersonationDesk:
    w = s.workflow
    return ImpersonationDesk(w.store, s.config, w.audit, w.now)


def _button(label: str, action: ImpAction, value: str, style: str = "") -> Block:
    b: Block = {"type": "button", "text": plain(label), "action_id": action, "value": value}
    if style:
        b["style"] = style
    return b


def _problem(p: CaseProblem) -> str:
    return text(f"impersonation.problem.{p.value}")


def _at(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def checklist_blocks(s: Services, case: Case) -> list[Block]:
    """The tracked checklist: each step's state, and buttons for the open ones."""
    acc = s.config.accounts[case.account]
    blocks: list[Block] = [
        section(
            text(
                "impersonation.case.header",
                by=case.by,
                at=_at(case.at),
                account=acc.name,
                platform=text(f"impersonation.platform_name.{case.platform}"),
                fake=case.fake_url,
            )
        )
    ]
    for step in STEPS:
        st = case.steps[step]
        label = text(f"impersonation.step.{step}", page=report_page(case.platform))
        state = text(f"impersonation.state.{st.state}", by=st.by, at=_at(st.at), reason=st.reason)
        blocks.append(section(f"{label}\n{state}"))
        if st.state == "open":
            value = f"{case.id}|{step}"
            elements = [
                _button(text("impersonation.case.done_button"), ImpAction.DONE, value, "primary"),
                _button(text("impersonation.case.skip_button"), ImpAction.SKIP, value),
            ]
            if step == "website_notice":
                elements.append(
                    _button(text("impersonation.case.notice_button"), ImpAction.NOTICE, case.id)
                )
            blocks.append({"type": "actions", "block_id": f"imp:{value}", "elements": elements})
    if not case.open_steps:
        blocks.append(section(text("impersonation.case.closed")))
    return blocks


def report_form(s: Services) -> dict[str, Any]:
    options = [
        {"text": plain(f"{a.name}({a.id})"), "value": a.id} for a in s.config.accounts.values()
    ]
    t = "impersonation.form."
    return modal(
        ImpView.REPORT,
        text(t + "title"),
        text(t + "submit"),
        text(t + "cancel"),
        [
            {
                "type": "input",
                "block_id": ACCOUNT_INPUT,
                "label": plain(text(t + "account")),
                "element": {
                    "type": "static_select",
                    "action_id": "value",
                    "options": options[:100],
                },
            },
            {
                "type": "input",
                "block_id": URL_INPUT,
                "label": plain(text(t + "url")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "max_length": 500,
                    "placeholder": plain(text(t + "url_hint")),
                },
            },
        ],
    )


def open_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=report_form(services_of(context)))


def report_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    values = view["state"]["values"]
    user = body["user"]["id"]
    found = desk(s).report(form_value(values, ACCOUNT_INPUT), form_value(values, URL_INPUT), user)
    if isinstance(found, CaseProblem):
        field = ACCOUNT_INPUT if found == CaseProblem.UNKNOWN_ACCOUNT else URL_INPUT
        ack(response_action="errors", errors={field: _problem(found)})
        return
    ack()
    s.notifier.background(_post_checklist, s, found, user)


def _post_checklist(s: Services, case: Case, user: str) -> None:
    blocks = checklist_blocks(s, case)
    summary = blocks[0]["text"]["text"]
    posted = []
    for target in dict.fromkeys([s.config.registry.pr_channel or "", user]):
        if target:
            where = s.notifier.post(target, summary, blocks)
            if where is not None:
                posted.append(where)
    # The case is recorded; only the checklist's later updates need where it was posted.
    with contextlib.suppress(StoreUnavailable):
        desk(s).keep_messages(case, posted)


def _refresh(s: Services, case: Case) -> None:
    blocks = checklist_blocks(s, case)
    for channel, ts in case.messages:
        s.notifier.update(channel, ts, blocks[0]["text"]["text"], blocks)


def _action_value(body: dict[str, Any]) -> tuple[str, str]:
    case_id, _, step = button_value(body).partition("|")
    return case_id, step


def step_done(ack: Ack, body: dict[str, Any], context: BoltContext) -> None:
    ack()
    s = services_of(context)
    case_id, step = _action_value(body)
    result = desk(s).mark(case_id, step, body["user"]["id"], s.workflow.heads)
    if isinstance(result, CaseProblem):
        tell(s, body, _problem(result))
        return
    _refresh(s, result)


def step_skip(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    case_id, step = _action_value(body)
    d = desk(s)
    try:
        case = d.get(case_id)
    except StoreUnavailable:
        tell(s, body, _problem(CaseProblem.STORE_DOWN))
        return
    if case is None:
        tell(s, body, _problem(CaseProblem.NOT_FOUND))
        return
    if not d.may_act(body["user"]["id"], case, s.workflow.heads):
        tell(s, body, _problem(CaseProblem.NOT_ALLOWED))
        return
    t = "impersonation.form."
    client.views_open(
        trigger_id=body["trigger_id"],
        view=modal(
            ImpView.SKIP,
            text(t + "skip_title"),
            text(t + "skip_submit"),
            text(t + "cancel"),
            [
                {
                    "type": "input",
                    "block_id": REASON_INPUT,
                    "label": plain(text(t + "skip_reason")),
                    "element": {
                        "type": "plain_text_input",
                        "action_id": "value",
                        "max_length": 500,
                    },
                }
            ],
            metadata=f"{case_id}|{step}",
        ),
    )


def skip_submitted(
    ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext
) -> None:
    s = services_of(context)
    case_id, _, step = str(view.get("private_metadata", "")).partition("|")
    reason = form_value(view["state"]["values"], REASON_INPUT)
    result = desk(s).mark(case_id, step, body["user"]["id"], s.workflow.heads, skip_reason=reason)
    if isinstance(result, CaseProblem):
        ack(response_action="errors", errors={REASON_INPUT: _problem(result)})
        return
    ack()
    s.notifier.background(_refresh, s, result)


def check_notice(ack: Ack, body: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Check the drafted website notice as the clicker's draft."""
    ack()
    s = services_of(context)
    try:
        case = desk(s).get(button_value(body))
    except StoreUnavailable:
        respond(text=_problem(CaseProblem.STORE_DOWN), response_type="ephemeral")
        return
    if case is None:
        respond(
            text=_problem(CaseProblem.NOT_FOUND), response_type="ephemeral", replace_original=False
        )
        return
    channel = (body.get("channel") or {}).get("id", "")
    try:
        outcome = s.workflow.check(
            notice_draft(s.config, case), user=body["user"]["id"], channel=channel
        )
    except DraftError as e:
        respond(text=str(e), response_type="ephemeral", replace_original=False)
        return
    respond(
        text=text(f"bot.verdict_{outcome.report.verdict.value}"),
        blocks=[section(f"```{outcome.report.text}```"), *report_blocks(outcome)][:MAX_BLOCKS],
        response_type="ephemeral",
        replace_original=False,
    )
