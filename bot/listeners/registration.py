"""§5(2) registering a new official account: the head's form, the PR section's confirmation.
Ack first; the domain is bot.registration."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, BoltContext
from slack_sdk import WebClient

from bot.blocks import Block, modal, section
from bot.listeners.events import publish_home
from bot.listeners.replies import button_value, form_value, tell
from bot.registration import (
    POLICY,
    TERMS,
    Registration,
    RegistrationDesk,
    RegistrationProblem,
    toml_entry,
)
from bot.services import Services, services_of
from bot.trouble_views import RegAction, RegView, option, plain
from checks.config import PLATFORMS
from messages import text

__all__ = ["register", "registration_form"]

FIELDS = ("id", "platform", "name", "url", "operator", "department", "hours", "emergency_posts")
_FIELD_OF = {
    RegistrationProblem.BAD_ID: "id",
    RegistrationProblem.TAKEN: "id",
    RegistrationProblem.BAD_PLATFORM: "platform",
    RegistrationProblem.NAME_REQUIRED: "name",
    RegistrationProblem.BAD_URL: "url",
    RegistrationProblem.OPERATOR_REQUIRED: "operator",
    RegistrationProblem.NOT_HEAD: "department",
    RegistrationProblem.BAD_HOURS: "hours",
    RegistrationProblem.BAD_USER: "operator_user",
    RegistrationProblem.STORE_DOWN: "id",
}


def register(app: App) -> None:
    from bot.listeners import acked_then_later as later

    app.action(RegAction.OPEN_FORM)(open_form)  # opens a form
    app.view(RegView.REGISTER)(submitted)
    app.action(RegAction.CONFIRM)(later(confirm))


def desk(s: Services) -> RegistrationDesk:
    w = s.workflow
    return RegistrationDesk(w.store, s.config, w.audit, w.now)


def _block(name: str, label: str, element: dict[str, Any], optional: bool = False) -> Block:
    return {
        "type": "input",
        "block_id": f"reg_{name}",
        "optional": optional,
        "label": plain(label),
        "element": {"action_id": "value", **element},
    }


def _text_input(multiline: bool = False, hint: str = "") -> dict[str, Any]:
    el: dict[str, Any] = {"type": "plain_text_input", "multiline": multiline, "max_length": 1000}
    if hint:
        el["placeholder"] = plain(hint)
    return el


def registration_form(s: Services, user: str) -> dict[str, Any]:
    t = "registry.register."
    deps = [
        option(d.name, d.id)
        for d in s.config.departments.values()
        if user in s.workflow.heads(d.id)
    ]
    yes_no = [
        option(text("registry.emergency_yes"), "yes"),
        option(text("registry.emergency_no"), "no"),
    ]
    blocks: list[Block] = [
        section(text(t + "intro")),
        _block("id", text(t + "id"), _text_input(hint=text(t + "id_hint"))),
        _block(
            "platform",
            text(t + "platform"),
            {"type": "static_select", "options": [option(p, p) for p in PLATFORMS]},
        ),
        _block("name", text(t + "name"), _text_input()),
        _block("url", text(t + "url"), _text_input(hint="https://")),
        _block("operator", text(t + "operator"), _text_input()),
        _block("department", text(t + "department"), {"type": "static_select", "options": deps}),
        _block("operator_user", text(t + "operator_user"), {"type": "users_select"}, optional=True),
        _block("hours", text(t + "hours"), _text_input(), optional=True),
        _block(
            "emergency_posts",
            text(t + "emergency_posts"),
            {"type": "radio_buttons", "options": yes_no},
            optional=True,
        ),
    ]
    for item in (*POLICY, *TERMS):
        blocks.append(
            _block(item, text(f"registry.item.{item}"), _text_input(multiline=True), optional=True)
        )
    return modal(
        RegView.REGISTER,
        text(t + "title"),
        text(t + "submit"),
        text(t + "cancel"),
        blocks,
    )


def open_form(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    client.views_open(trigger_id=body["trigger_id"], view=registration_form(s, body["user"]["id"]))


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    s = services_of(context)
    v = view["state"]["values"]
    user = body["user"]["id"]
    emergency = form_value(v, "reg_emergency_posts")
    record = Registration(
        id=form_value(v, "reg_id"),
        platform=form_value(v, "reg_platform"),
        name=form_value(v, "reg_name"),
        url=form_value(v, "reg_url"),
        operator=form_value(v, "reg_operator"),
        department=form_value(v, "reg_department"),
        hours=form_value(v, "reg_hours"),
        emergency_posts=None if not emergency else emergency == "yes",
        statements={k: form_value(v, "reg_" + k) for k in (*POLICY, *TERMS)},
        operator_user=form_value(v, "reg_operator_user"),
    )
    result = desk(s).register(record, user, s.workflow.heads)
    if isinstance(result, RegistrationProblem):
        field = _FIELD_OF.get(result, "id")
        ack(
            response_action="errors",
            errors={f"reg_{field}": text(f"registry.register.problem.{result.value}")},
        )
        return
    ack()
    s.notifier.background(_announce, s, result, user)


def _announce(s: Services, result: Registration, user: str) -> None:
    s.notifier.post(user, text("registry.register.submitted", name=result.name, id=result.id))
    if s.config.registry.pr_channel:
        missing = "、".join(text(f"registry.item.{i}") for i in result.missing())
        s.notifier.post(
            s.config.registry.pr_channel,
            text(
                "registry.register.to_pr",
                by=user,
                department=s.config.departments[result.department].name,
                id=result.id,
                name=result.name,
                platform=result.platform,
                url=result.url,
                missing=missing or text("registry.home.none_missing"),
            ),
        )


def confirm(ack: Ack, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
    ack()
    s = services_of(context)
    user = body["user"]["id"]
    result = desk(s).confirm(button_value(body), user)
    if isinstance(result, RegistrationProblem):
        tell(s, body, text(f"registry.register.problem.{result.value}"))
        return
    message = text(
        "registry.register.confirmed",
        name=result.name,
        id=result.id,
        by=user,
        date=result.confirmed_at[:10],
    )
    snippet = f"{message}\n```{toml_entry(result)}```"
    for target in dict.fromkeys([result.by, user]):
        s.notifier.post(target, snippet)
    publish_home(s, user, client)
