"""Block Kit for §5 and §7: the App Home sections (accounts in incident mode for everyone,
the switches for the PR section and heads, the registry for the PR section), the incident
form and the incident notices. Ids of the buttons and forms are declared here once."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from bot.accounts import account_statuses, item_label
from bot.blocks import Block, section
from bot.config import BotConfig
from bot.incident import Incident, holding_statement
from bot.services import Services
from messages import text

__all__ = [
    "INCIDENT_REASON",
    "TroubleAction",
    "TroubleView",
    "incident_form",
    "incident_notice",
    "trouble_home_blocks",
]

INCIDENT_REASON = "incident_reason"  # block_id of the form's input (action_id: "value")


class TroubleAction(StrEnum):
    """``action_id`` of the buttons; each button's ``value`` is an account id."""

    INCIDENT_START = "incident_start"
    INCIDENT_END = "incident_end"
    CHECK_HOLDING = "check_holding"
    REPORT_CONFIRM = "registry_report_confirm"


class TroubleView(StrEnum):
    INCIDENT_START = "incident_start_modal"  # private_metadata: account id


def _plain(s: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": s[:75], "emoji": True}


def _accessory(label: str, action: TroubleAction, value: str, style: str = "") -> Block:
    b: Block = {"type": "button", "text": _plain(label), "action_id": action, "value": value}
    if style:
        b["style"] = style
    return b


def _at(stamp: str) -> str:
    return stamp[:16].replace("T", " ")


def trouble_home_blocks(s: Services, user: str) -> list[Block]:
    """The App Home sections of §7(4) and §5 for ``user``."""
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
    blocks.append(section("\n".join(lines) or text("incident.home.none")))
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
                    "title": _plain(text("incident.home.end_confirm_title")),
                    "text": _plain(text("incident.home.end_confirm_text", account=name)),
                    "confirm": _plain(text("incident.home.confirm")),
                    "deny": _plain(text("incident.home.deny")),
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
    if user in config.registry.pr_section:
        blocks.append({"type": "divider"})
        blocks += registry_blocks(s)
    return blocks


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
    return {
        "type": "modal",
        "callback_id": TroubleView.INCIDENT_START,
        "private_metadata": account,
        "title": _plain(text("incident.form.title")),
        "submit": _plain(text("incident.form.submit")),
        "close": _plain(text("incident.form.cancel")),
        "blocks": [
            section(text("incident.form.account", account=name)),
            {
                "type": "input",
                "block_id": INCIDENT_REASON,
                "label": _plain(text("incident.form.reason")),
                "element": {
                    "type": "plain_text_input",
                    "action_id": "value",
                    "multiline": True,
                    "max_length": 500,
                    "placeholder": _plain(text("incident.form.reason_hint")),
                },
            },
        ],
    }


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
        {
            "type": "actions",
            "elements": [
                _accessory(
                    text("incident.notice.check_holding"),
                    TroubleAction.CHECK_HOLDING,
                    incident.account,
                    "primary",
                )
            ],
        },
    ]
    return body, blocks
