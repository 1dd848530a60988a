"""Block Kit for §5 and §7: the App Home sections (accounts in incident mode for everyone,
the switches for the PR section and heads, the registry for the PR section), the incident
form and the incident notices. Ids of the buttons and forms are declared here once."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.accounts import account_statuses, item_label
from bot.blocks import Block, modal, section
from bot.config import BotConfig
from bot.impersonation import ImpersonationDesk
from bot.incident import Incident, holding_statement
from bot.registration import RegistrationDesk
from bot.services import Services
from messages import text

__all__ = [
    "INCIDENT_REASON",
    "CommentAction",
    "CommentView",
    "CorrectionInput",
    "ImpAction",
    "ImpView",
    "RegAction",
    "RegView",
    "TroubleAction",
    "TroubleView",
    "correction_form",
    "holding_button",
    "incident_form",
    "incident_notice",
    "option",
    "plain",
    "trouble_home_blocks",
]

MAX_PENDING_SHOWN = 3  # registrations listed on the tab (Slack: 50 blocks in all)
INCIDENT_REASON = "incident_reason"  # block_id of the form's input (action_id: "value")


class TroubleAction(StrEnum):
    """``action_id`` of the buttons; each button's ``value`` is an account id."""

    INCIDENT_START = "incident_start"
    INCIDENT_END = "incident_end"
    CHECK_HOLDING = "check_holding"
    REPORT_CONFIRM = "registry_report_confirm"
    CORRECTION = "correction_open"  # value: the approved request's id, or "" (pasted)


class ImpAction(StrEnum):
    """§7(3) buttons."""

    OPEN_FORM = "imp_open"  # value: ""
    DONE = "imp_done"  # value: case id|step
    SKIP = "imp_skip"  # value: case id|step
    NOTICE = "imp_notice"  # value: case id


class ImpView(StrEnum):
    REPORT = "imp_report_modal"
    SKIP = "imp_skip_modal"  # private_metadata: case id|step


class CommentAction(StrEnum):
    """§7(2) buttons."""

    OPEN_FORM = "comment_open"  # value: ""


class CommentView(StrEnum):
    RECORD = "comment_modal"


class RegAction(StrEnum):
    """§5(2) buttons."""

    OPEN_FORM = "registration_open"  # value: ""
    CONFIRM = "registration_confirm"  # value: the new account's id


class RegView(StrEnum):
    REGISTER = "registration_modal"


class TroubleView(StrEnum):
    INCIDENT_START = "incident_start_modal"  # private_metadata: account id
    CORRECTION = "correction_modal"  # private_metadata: the original request's id, or ""


def plain(s: str) -> dict[str, Any]:
    """Block Kit plain text, cut to 75 characters (the limit of labels and buttons)."""
    return {"type": "plain_text", "text": s[:75], "emoji": True}


def _accessory(label: str, action: StrEnum, value: str, style: str = "") -> Block:
    b: Block = {"type": "button", "text": plain(label), "action_id": action, "value": value}
    if style:
        b["style"] = style
    return b


def _at(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def trouble_home_blocks(s: Services, user: str) -> tuple[list[Block], list[Block]]:
    """The App Home sections of §5 and §7 for ``user``: those above the tab's own sections
    (accounts in incident mode, which everyone sees) and those below (switches, corrections,
    the registry)."""
    config = s.config
    desk = s.incidents
    active = desk.active()
    blocks: list[Block] = [section(text("incident.home.header"))]
    lines = [
        text(
            "incident.home.line",
            account=config.accounts[i.account].name,
            since=_at(i.since),
            by=i.by,
            reason=i.reason,
        )
        for i in active
    ]
    if lines:
        lines.append(text("incident.home.use_form"))
    top = [*blocks, section("\n".join(lines) or text("incident.home.none")), {"type": "divider"}]
    blocks = []
    on = {i.account for i in active}
    mine = [a for a in config.accounts if desk.may_switch(user, a, s.workflow.heads)]
    if mine:
        blocks.append(section(text("incident.home.switch_header")))
        for acc_id in mine:
            name = config.accounts[acc_id].name
            b = section(f"{name}({acc_id})")
            if acc_id in on:
                btn = _accessory(
                    text("incident.home.end_button", account=name),
                    TroubleAction.INCIDENT_END,
                    acc_id,
                )
                btn["confirm"] = {
                    "title": plain(text("incident.home.end_confirm_title")),
                    "text": plain(text("incident.home.end_confirm_text", account=name)),
                    "confirm": plain(text("incident.home.confirm")),
                    "deny": plain(text("incident.home.deny")),
                }
            else:
                btn = _accessory(
                    text("incident.home.start_button", account=name),
                    TroubleAction.INCIDENT_START,
                    acc_id,
                    "danger",
                )
            b["accessory"] = btn
            blocks.append(b)
    if blocks:
        blocks.append({"type": "divider"})
    blocks += correction_home_blocks(s, user)
    blocks.append({"type": "divider"})
    blocks += impersonation_home_blocks(s, user)
    if user in config.registry.pr_section:
        blocks.append({"type": "divider"})
        blocks += registry_blocks(s)
    reg = registration_home_blocks(s, user)
    if reg:
        blocks += [{"type": "divider"}, *reg]
    return top, [{"type": "divider"}, *blocks]


def registry_blocks(s: Services) -> list[Block]:
    """The PR section's view of the registry: missing items and reports, per account."""
    config = s.config
    blocks: list[Block] = [section(text("registry.home.header"))]
    for st in account_statuses(config, s.workflow.store):
        acc = config.accounts[st.account]
        staff = config.staff.get(acc.id)
        dep = config.departments.get(staff.department) if staff else None
        missing = "、".join(item_label(i) for i in st.missing) or text("registry.home.none_missing")
        reported = (
            st.report.reported_on.isoformat()
            if st.report.reported_on
            else text("registry.home.not_reported")
        )
        b = section(
            text(
                "registry.home.line",
                name=acc.name,
                platform=acc.platform,
                department=dep.name if dep else "",
                missing=missing,
                reported=reported,
            )
        )
        if st.report.reported_on is None:
            b["accessory"] = _accessory(
                text("registry.home.confirm_button"), TroubleAction.REPORT_CONFIRM, acc.id
            )
        blocks.append(b)
    return blocks


def incident_form(config: BotConfig, account: str) -> dict[str, Any]:
    """The form that starts incident mode: the situation is required."""
    name = config.accounts[account].name
    return modal(
        TroubleView.INCIDENT_START,
        text("incident.form.title"),
        text("incident.form.submit"),
        text("incident.form.cancel"),
        [
            section(text("incident.form.account", account=name)),
            {
                "type": "input",
                "block_id": INCIDENT_REASON,
                "label": plain(text("incident.form.reason")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 500,
                    "placeholder": plain(text("incident.form.reason_hint")),
                },
            },
        ],
        metadata=account,
    )


def incident_notice(config: BotConfig, incident: Incident) -> tuple[str, list[Block]]:
    """The notice that incident mode is on, with the holding statement to check."""
    name = config.accounts[incident.account].name
    body = text(
        "incident.notice.started",
        account=name,
        by=incident.by,
        since=_at(incident.since),
        reason=incident.reason,
    )
    holding = holding_statement(config, incident.account)
    blocks: list[Block] = [
        section(body),
        section(f"*{text('incident.notice.holding_title')}*\n```{holding}```"),
        holding_button(incident.account),
    ]
    return body, blocks


def holding_button(account: str) -> Block:
    """「この文面を編集して確認」: the /check form with the holding statement (§7(4))."""
    return {
        "type": "actions",
        "elements": [
            _accessory(
                text("incident.notice.check_holding"),
                TroubleAction.CHECK_HOLDING,
                account,
                "primary",
            )
        ],
    }


class CorrectionInput(StrEnum):
    """``block_id`` of the correction form's inputs (the element's action_id is "value")."""

    ORIGINAL = "correction_original"
    ACCOUNT = "correction_account"
    WRONG = "correction_wrong"
    RIGHT = "correction_right"
    APOLOGY = "correction_apology"


def _input(block_id: str, label: str, element: Block, optional: bool = False) -> Block:
    return {
        "type": "input",
        "block_id": block_id,
        "label": plain(label),
        "optional": optional,
        "element": {"action_id": "value", **element},
    }


def option(label: str, value: str) -> Block:
    """An option of a select or radio input."""
    return {"text": plain(label), "value": value}


def correction_form(
    config: BotConfig, original: str = "", account: str | None = None, request_id: str = ""
) -> dict[str, Any]:
    """The 「訂正・おわびを作成」 form, filled from an approved post when there is one."""
    t = "correction.form."
    accounts = [option(f"{a.name}({a.id})", a.id) for a in config.accounts.values()]
    account_el: Block = {"type": "static_select", "options": accounts[:100]}
    if account and account in config.accounts:
        account_el["initial_option"] = next(o for o in accounts if o["value"] == account)
    yes = option(text(t + "apology_yes"), "yes")
    original_el: Block = {"type": "plain_text_input", "multiline": True, "max_length": 3000}
    if original:
        original_el["initial_value"] = original[:3000]
    return modal(
        TroubleView.CORRECTION,
        text(t + "title"),
        text(t + "submit"),
        text(t + "cancel"),
        [
            _input(CorrectionInput.ORIGINAL, text(t + "original"), original_el),
            _input(CorrectionInput.ACCOUNT, text(t + "account"), account_el, optional=True),
            _input(
                CorrectionInput.WRONG,
                text(t + "wrong"),
                {
                    "type": "plain_text_input",
                    "max_length": 500,
                    "placeholder": plain(text(t + "wrong_hint")),
                },
            ),
            _input(
                CorrectionInput.RIGHT,
                text(t + "right"),
                {
                    "type": "plain_text_input",
                    "max_length": 500,
                    "placeholder": plain(text(t + "right_hint")),
                },
            ),
            _input(
                CorrectionInput.APOLOGY,
                text(t + "apology"),
                {
                    "type": "radio_buttons",
                    "options": [yes, option(text(t + "apology_no"), "no")],
                    "initial_option": yes,
                },
            ),
        ],
        metadata=request_id,
    )


def correction_home_blocks(s: Services, user: str) -> list[Block]:
    """The user's latest approved posts, each with 「この投稿の訂正」, and a pasted start."""
    approved = [
        r
        for r in s.workflow.store.list_requests(requester=user, limit=20)
        if r.state.value == "approved"
    ][:3]
    blocks: list[Block] = [section(text("correction.home.header"))]
    intro = section(text("correction.home.intro"))
    intro["accessory"] = _accessory(text("correction.home.pasted"), TroubleAction.CORRECTION, "")
    blocks.append(intro)
    for r in approved:
        acc = s.config.accounts.get(r.account or "")
        line = section(
            text(
                "correction.home.line",
                at=_at(r.decided_at or r.created_at),
                account=acc.name if acc else "",
                topic=r.text.strip().splitlines()[0][:20] if r.text.strip() else "",
            )
        )
        line["accessory"] = _accessory(
            text("correction.home.from_post"), TroubleAction.CORRECTION, r.id
        )
        blocks.append(line)
    return blocks


def impersonation_home_blocks(s: Services, user: str) -> list[Block]:
    """「なりすましを報告」 for everyone; the open cases for the PR section."""
    head = section(text("impersonation.home.header"))
    head["accessory"] = _accessory(
        text("impersonation.home.report_button"), ImpAction.OPEN_FORM, ""
    )
    record = section(text("comments.home.intro"))
    record["accessory"] = _accessory(text("comments.form.button"), CommentAction.OPEN_FORM, "")
    blocks = [head, record]
    if user in s.config.registry.pr_section:
        w = s.workflow
        desk = ImpersonationDesk(w.store, s.config, w.audit, w.now)
        lines = [
            text(
                "impersonation.home.open_line",
                fake=c.fake_url,
                account=s.config.accounts[c.account].name,
                steps="、".join(text(f"impersonation.short.{st}") for st in c.open_steps),
            )
            for c in desk.open_cases()[:20]
        ]
        if lines:
            blocks.append(section("\n".join(lines)))
    return blocks


def registration_home_blocks(s: Services, user: str) -> list[Block]:
    """For heads: the register button. For the PR section: the registrations to confirm."""
    blocks: list[Block] = []
    if any(user in s.workflow.heads(d) for d in s.config.departments):
        b = section(text("registry.register.intro"))
        b["accessory"] = _accessory(text("registry.register.button"), RegAction.OPEN_FORM, "")
        blocks.append(b)
    if user in s.config.registry.pr_section:
        w = s.workflow
        pending = RegistrationDesk(w.store, s.config, w.audit, w.now).pending()
        if pending:
            blocks.append(section(text("registry.register.pending_header")))
        for r in pending[:MAX_PENDING_SHOWN]:
            b = section(
                text(
                    "registry.register.pending_line",
                    id=r.id,
                    name=r.name,
                    platform=r.platform,
                    by=r.by,
                    at=r.at[:16].replace("T", " "),
                )
            )
            b["accessory"] = _accessory(
                text("registry.register.confirm_button"), RegAction.CONFIRM, r.id
            )
            blocks.append(b)
    return blocks
