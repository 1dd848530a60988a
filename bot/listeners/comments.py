"""§7(2) the violating-comment record: a button on the App Home tab, a short form."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.blocks import modal
from bot.comments import ACTIONS, RULES, CommentProblem, RemovedComment, record_removed_comment
from bot.listeners.replies import form_value
from bot.services import Services, services_of
from bot.trouble_views import CommentAction, CommentView, option, plain
from messages import text

__all__ = ["comment_form", "register"]

ACCOUNT, RULE, ACTION, FOUND, NOTE = "cm_account", "cm_rule", "cm_action", "cm_found", "cm_note"
_FIELD = {
    CommentProblem.UNKNOWN_ACCOUNT: ACCOUNT,
    CommentProblem.UNKNOWN_RULE: RULE,
    CommentProblem.UNKNOWN_ACTION: ACTION,
    CommentProblem.NOTE_TOO_LONG: NOTE,
}


def register(app: App) -> None:
    app.action(CommentAction.OPEN_FORM)(open_form)  # opens a form
    app.view(CommentView.RECORD)(submitted)


def _input(block_id: str, label: str, element: dict[str, Any], optional: bool = False) -> Any:
    return {
        "type": "input",
        "block_id": block_id,
        "optional": optional,
        "label": plain(label),
        "element": {"action_id": "value", **element},
    }


def comment_form(s: Services) -> dict[str, Any]:
    t = "comments.form."
    accounts = [option(f"{a.name}({a.id})", a.id) for a in s.config.accounts.values()]
    rules = [option(text(f"comments.rule.{r}"), r) for r in RULES]
    actions = [option(text(f"comments.action.{a}"), a) for a in ACTIONS]
    return modal(
        CommentView.RECORD,
        text(t + "title"),
        text(t + "submit"),
        text(t + "cancel"),
        [
            _input(ACCOUNT, text(t + "account"), {"type": "static_select", "options": accounts}),
            _input(RULE, text(t + "rule"), {"type": "static_select", "options": rules}),
            _input(
                ACTION,
                text(t + "action"),
                {"type": "radio_buttons", "options": actions, "initial_option": actions[0]},
            ),
            _input(FOUND, text(t + "found_at"), {"type": "datetimepicker"}, optional=True),
            _input(
                NOTE,
                text(t + "note"),
                {
                    "type": "plain_text_input",
                    "max_length": 200,
                    "placeholder": plain(text(t + "note_hint")),
                },
                optional=True,
            ),
        ],
    )


def open_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    client.views_open(trigger_id=body["trigger_id"], view=comment_form(services_of(context)))


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    s = services_of(context)
    values = view["state"]["values"]
    found = form_value(values, FOUND)
    result = record_removed_comment(
        s.workflow,
        body["user"]["id"],
        RemovedComment(
            account=form_value(values, ACCOUNT),
            rule=form_value(values, RULE),
            action=form_value(values, ACTION),
            found_at=datetime.fromtimestamp(int(found), s.config.tz) if found.isdigit() else None,
            note=form_value(values, NOTE),
        ),
    )
    if isinstance(result, CommentProblem):
        ack(response_action="errors", errors={_FIELD[result]: text(f"comments.problem.{result}")})
        return
    ack()
    s.notifier.background(s.notifier.post, body["user"]["id"], result)
