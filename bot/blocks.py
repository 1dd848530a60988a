"""Block Kit rendering of reports, requests and the home tab; within Slack's limits."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from bot.config import BotConfig
from bot.models import CheckRecord, RequestState, SignoffRequest
from bot.slack_ids import (
    INPUT,
    Action,
    AltText,
    CheckForm,
    Decision,
    Input,
    People,
    ReasonForm,
    View,
    decide_block,
)
from bot.when import readable_time
from bot.workflow import CheckOutcome, Role
from checks import Finding, Severity
from messages import clause_text, rule_text, text

__all__ = [
    "MAX_BLOCKS",
    "MAX_SECTION",
    "group_findings",
    "report_blocks",
    "request_blocks",
]

MAX_BLOCKS = 50  # Slack: blocks per message
MAX_SECTION = 3000  # Slack: characters in a section's text
GROUP_CHUNK = 10  # spans of one code shown together; more go to the next piece
Block = dict[str, Any]

_SEVERITY_LABEL = {
    Severity.BLOCK: "report.severity_block",
    Severity.REVIEW: "report.severity_review",
    Severity.ADVICE: "report.severity_advice",
}


def _clip(s: str, limit: int = MAX_SECTION) -> str:
    return s if len(s) <= limit else s[: limit - 1] + "…"


def section(body: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": _clip(body)}}


def context(body: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(body)}]}


def button(label: str, action_id: Action, value: str, style: str | None = None) -> Block:
    b: Block = {
        "type": "button",
        "text": {"type": "plain_text", "text": label[:75]},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        b["style"] = style
    return b


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def group_findings(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings of one code and severity together (first-seen order): a code repeated in a
    draft is shown once with all its spans."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.code, f.severity.value), []).append(f)
    return list(groups.values())


def _excerpts(group: list[Finding]) -> str:
    seen = dict.fromkeys(_escape(f.excerpt.replace("\n", " ")) for f in group if f.excerpt)
    return text("bot.excerpt_join").join(f"「{e}」" for e in seen)


def _merged(group: list[Finding], part: str) -> list[str]:
    """The distinct messages (or suggestions) of a group; sentences that differ only in the
    excerpt they quote become one sentence quoting every excerpt."""
    by_template: dict[str, list[str]] = {}
    for f in group:
        sentence = f.message if part == "message" else (f.suggestion or "")
        if not sentence:
            continue
        template = sentence.replace(f.excerpt, "\0") if f.excerpt else sentence
        by_template.setdefault(template, [])
        if f.excerpt and f.excerpt not in by_template[template]:
            by_template[template].append(f.excerpt)
    out = []
    for template, excerpts in by_template.items():
        if "「\0」" in template:
            template = template.replace("「\0」", "".join(f"「{e}」" for e in excerpts))
        out.append(template.replace("\0", text("bot.excerpt_join").join(excerpts)))
    return out


def _finding_text(group: list[Finding]) -> str:
    f = group[0]
    lines = [
        text(
            "bot.finding",
            severity=text(_SEVERITY_LABEL[f.severity]),
            title=rule_text(f.code).title,
            code=f.code,
        )
    ]
    if len(group) > 1:
        lines.append(text("bot.excerpts", excerpts=_excerpts(group), count=len(group)))
    elif f.excerpt:
        lines.append(text("bot.excerpt", excerpt=_escape(f.excerpt.replace("\n", " "))))
    lines += [_escape(m) for m in _merged(group, "message")]
    lines += [text("bot.suggestion", suggestion=_escape(m)) for m in _merged(group, "suggestion")]
    return "\n".join(lines)


def report_blocks(outcome: CheckOutcome, notice: str | None = None) -> list[Block]:
    """The ephemeral answer to /check: verdict, findings by clause, the next step."""
    report = outcome.report
    verdict = report.verdict
    blocks: list[Block] = []
    if notice:
        blocks.append(section(notice))
    head = text(f"bot.verdict_{verdict.value}")
    if report.findings:
        head += "\n" + text("report.count", count=len(report.findings))
    blocks.append(section(head))
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[f.clause].append(f)
    # Reserve room for the closing blocks (more-notice, actions, not-stored note).
    budget = MAX_BLOCKS - len(blocks) - 3
    shown = 0
    for clause, findings in groups.items():
        if budget < 2:
            break
        blocks.append({"type": "divider"})
        budget -= 1
        body, in_body = "", 0
        chunks = [
            g[i : i + GROUP_CHUNK]
            for g in group_findings(findings)
            for i in range(0, len(g), GROUP_CHUNK)
        ]
        for group in chunks:
            piece = _finding_text(group)
            if body and len(body) + len(piece) + 2 > MAX_SECTION:
                blocks.append(section(body))
                budget -= 1
                shown += in_body
                body, in_body = "", 0
                if budget < 1:
                    break
            body = f"{body}\n\n{piece}" if body else piece
            in_body += len(group)
        if body and budget >= 1:
            item = section(body)
            if clause_text(clause.split(", ")[0]):
                item["accessory"] = button(text("bot.clause_button"), Action.SHOW_CLAUSE, clause)
            blocks.append(item)
            budget -= 1
            shown += in_body
    if shown < len(report.findings):
        blocks.append(context(text("bot.more", count=len(report.findings) - shown)))
    if not outcome.stored:
        if verdict in (Severity.REVIEW, Severity.BLOCK):
            blocks.append(context(text("bot.not_stored")))
    elif verdict == Severity.REVIEW:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(
                        text("bot.request_button"),
                        Action.REQUEST_SIGNOFF,
                        outcome.record.id,
                        "primary",
                    )
                ],
            }
        )
    elif verdict == Severity.BLOCK:
        blocks.append(
            {
                "type": "actions",
                "elements": [
                    button(text("bot.override_button"), Action.REQUEST_OVERRIDE, outcome.record.id)
                ],
            }
        )
    return blocks[:MAX_BLOCKS]


def _account_label(config: BotConfig, account: str | None) -> str:
    if account and account in config.accounts:
        a = config.accounts[account]
        return f"{a.name}({a.platform})"
    return text("bot.unset")


def _answer(value: bool | None, yes: str, no: str) -> str:
    return text("bot.unset") if value is None else text(yes if value else no)


def _role_suffix(req: SignoffRequest, config: BotConfig) -> str:
    """The message-key suffix for who decided, in the order ``Workflow.deciders`` gives roles:
    one of the department's heads (""), the PR section on a head's own draft nobody in the
    department could decide ("_pr_section"), or a deputy ("_deputy")."""
    dep = config.departments.get(req.department)
    if dep is not None and req.decided_by in dep.heads:
        return ""
    in_pr = req.decided_by in config.registry.pr_section
    deputy = dep is not None and req.decided_by in dep.deputies
    # On the "deputy" route, the PR section decides once its deputies were removed.
    if in_pr and (req.route == Role.PR_SECTION or (req.route == Role.DEPUTY and not deputy)):
        return "_pr_section"
    return "_deputy" if deputy else ""


def request_blocks(req: SignoffRequest, config: BotConfig) -> list[Block]:
    """The message a head receives: the draft and the report the drafter saw (findings, form
    answers, when it was checked); buttons only while the request is pending."""
    title = "bot.request_title" + ("" if req.route == Role.HEAD else f"_{req.route}")
    blocks: list[Block] = [
        section(text(title, version=req.version)),
        section(
            text(
                "bot.request_fields",
                requester=req.requester,
                account=_account_label(config, req.account),
                posted_at=readable_time(req.posted_at),
                verdict=text(f"verdict.{req.verdict}"),
            )
        ),
        context(
            text(
                "bot.request_context",
                checked_at=readable_time(req.checked_at or req.created_at),
                people=_answer(req.people_consent, "bot.answer_consent", "bot.answer_no_consent"),
                alt=_answer(req.alt_text, "bot.answer_alt_yes", "bot.answer_alt_no"),
                ruleset=req.ruleset or text("bot.unset"),
            )
        ),
    ]
    if req.emergency_post:
        blocks.append(context(text("bot.request_emergency_post")))
    if req.override_reason:
        blocks.append(section(text("bot.request_override", reason=_escape(req.override_reason))))
    blocks.append(
        section(text("bot.request_draft", text=_clip(_escape(req.text), MAX_SECTION - 40)))
    )
    if req.findings:
        lines = [
            text(
                "bot.request_finding",
                severity=text(_SEVERITY_LABEL[g[0].severity]),
                code=g[0].code,
                title=rule_text(g[0].code).title,
                excerpts=_excerpts(g),
            )
            for g in group_findings(req.findings)
        ]
        blocks.append(
            section(_clip(text("bot.request_findings", lines="\n".join(lines)), MAX_SECTION))
        )
    if req.state == RequestState.PENDING:
        value = Decision(req.id, req.version).encode()
        blocks.append(
            {
                "type": "actions",
                "block_id": decide_block(req.id),
                "elements": [
                    button(text("bot.approve_button"), Action.APPROVE, value, "primary"),
                    button(text("bot.reject_button"), Action.REJECT, value, "danger"),
                ],
            }
        )
    elif req.state == RequestState.APPROVED:
        key = "bot.approved" + _role_suffix(req, config)
        blocks.append(context(text(key, who=req.decided_by, at=readable_time(req.decided_at))))
    elif req.state == RequestState.REJECTED:
        blocks.append(
            context(
                text(
                    "bot.rejected" + _role_suffix(req, config),
                    who=req.decided_by,
                    at=readable_time(req.decided_at),
                    reason=_escape(req.reason or ""),
                )
            )
        )
    elif req.state == RequestState.SUPERSEDED:
        blocks.append(context(text("bot.superseded", version=req.version + 1)))
    elif req.state == RequestState.EXPIRED:
        blocks.append(context(text("bot.expired")))
    return blocks[:MAX_BLOCKS]


def revise_actions(req: SignoffRequest) -> Block:
    """For the drafter: check an edited version (it replaces this request when sent)."""
    return {
        "type": "actions",
        "elements": [button(text("bot.revise_button"), Action.REVISE_DRAFT, req.id)],
    }


def _plain(label: str) -> dict[str, str]:
    return {"type": "plain_text", "text": label[:150]}


# Slack refuses a view whose title, submit or close text is longer than this.
MODAL_TEXT_MAX = 24


def modal(
    callback_id: str,
    title: str,
    submit: str,
    close: str,
    blocks: list[Block],
    metadata: str = "",
) -> dict[str, Any]:
    """A modal view; title, submit and close are cut to Slack's 24 characters."""
    view: dict[str, Any] = {
        "type": "modal",
        "callback_id": callback_id,
        "title": _plain(title[:MODAL_TEXT_MAX]),
        "submit": _plain(submit[:MODAL_TEXT_MAX]),
        "close": _plain(close[:MODAL_TEXT_MAX]),
        "blocks": blocks,
    }
    if metadata:
        view["private_metadata"] = metadata
    return view


def check_modal(
    config: BotConfig,
    channel: str,
    draft: str = "",
    draft_id: str = "",
    account: str | None = None,
) -> dict[str, Any]:
    """The /check form; with ``draft_id`` it checks a new version of a requested draft, and
    ``account`` is chosen already (a revision stays on its account, e.g. in incident mode)."""
    options = [
        {"text": _plain(f"{a.name}({a.platform})"), "value": a.id} for a in config.accounts.values()
    ]
    blocks: list[Block] = [
        {
            "type": "input",
            "block_id": Input.DRAFT,
            "label": _plain(text("bot.modal.draft")),
            "hint": _plain(text("bot.modal.draft_hint")),
            "element": {
                "type": "plain_text_input",
                "action_id": INPUT,
                "multiline": True,
                "max_length": 3000,
                **({"initial_value": draft[:3000]} if draft else {}),
            },
        },
    ]
    if options:
        blocks.append(
            {
                "type": "input",
                "block_id": Input.ACCOUNT,
                "optional": True,
                "label": _plain(text("bot.modal.account")),
                "element": _select(options[:100], account),
            }
        )
    blocks += [
        {
            "type": "input",
            "block_id": Input.POSTED_AT,
            "optional": True,
            "label": _plain(text("bot.modal.posted_at")),
            "element": {"type": "datetimepicker", "action_id": INPUT},
        },
        {
            "type": "input",
            "block_id": Input.PEOPLE,
            "optional": True,
            "label": _plain(text("bot.modal.people")),
            "element": {
                "type": "radio_buttons",
                "action_id": INPUT,
                "options": [
                    {"text": _plain(text(f"bot.modal.people_{p.value}")), "value": p.value}
                    for p in People
                ],
            },
        },
        {
            "type": "input",
            "block_id": Input.ALT,
            "optional": True,
            "label": _plain(text("bot.modal.alt")),
            "element": {
                "type": "radio_buttons",
                "action_id": INPUT,
                "options": [
                    {"text": _plain(text(f"bot.modal.alt_{a.value}")), "value": a.value}
                    for a in AltText
                ],
            },
        },
    ]
    return modal(
        View.CHECK,
        text("bot.modal.check_title"),
        text("bot.modal.check_submit"),
        text("bot.modal.cancel"),
        blocks,
        metadata=CheckForm(channel, draft_id).encode(),
    )


def _select(options: list[dict[str, Any]], chosen: str | None) -> dict[str, Any]:
    """A static select of ``options``, with the one whose value is ``chosen`` selected."""
    element: dict[str, Any] = {"type": "static_select", "action_id": INPUT, "options": options}
    for option in options:
        if option["value"] == chosen:
            element["initial_option"] = option
    return element


def reason_modal(
    callback_id: View, metadata: ReasonForm, title: str, submit: str, label: str
) -> dict[str, Any]:
    """The form asking for a reason (a rejection, an override)."""
    reason: Block = {
        "type": "input",
        "block_id": Input.REASON,
        "label": _plain(label),
        "element": {
            "type": "plain_text_input",
            "action_id": INPUT,
            "multiline": True,
            "max_length": 2000,
        },
    }
    return modal(
        callback_id, title, submit, text("bot.modal.cancel"), [reason], metadata=metadata.encode()
    )


def home_view(
    checks: list[CheckRecord],
    mine: list[SignoffRequest],
    waiting: list[SignoffRequest],
    config: BotConfig,
) -> dict[str, Any]:
    blocks: list[Block] = [section(text("bot.home.my_checks"))]
    lines = [
        text(
            "bot.home.check_line",
            at=readable_time(c.at),
            verdict=text(f"verdict.{c.verdict}"),
            codes=" ".join(c.codes),
        )
        for c in checks
    ]
    blocks.append(section("\n".join(lines) or text("bot.home.none")))
    blocks.append({"type": "divider"})
    blocks.append(section(text("bot.home.my_requests")))
    lines = [
        text(
            "bot.home.request_line",
            at=readable_time(r.created_at),
            version=r.version,
            state=text(f"bot.state_{r.state.value}"),
            account=_account_label(config, r.account),
        )
        for r in mine
    ]
    blocks.append(section("\n".join(lines) or text("bot.home.none")))
    if waiting:
        blocks.append({"type": "divider"})
        blocks.append(section(text("bot.home.waiting")))
        for r in waiting[:20]:
            blocks += request_blocks(r, config)
            if len(blocks) > MAX_BLOCKS - 8:
                break
    return {"type": "home", "blocks": blocks[:MAX_BLOCKS]}
