"""Thin Bolt listeners: ack first, call the workflow, render, respond.

Every listener is a plain function; this is the one place that says which Slack command,
button, form or event each one answers (bolt's starter template). The listeners find the
bot's services in Bolt's ``context``.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext

from bot.listeners import actions, commands, events, shortcuts, trouble, views
from bot.services import SERVICES, Services
from bot.slack_ids import CHECK_COMMAND, CHECK_MESSAGE_SHORTCUT, Action, View

__all__ = ["acked_then_later", "register"]


class _LaterRespond:
    """``respond`` that returns at once; a worker sends it (see Notifier.respond)."""

    def __init__(self, services: Services, response_url: str | None) -> None:
        self.services = services
        self.response_url = response_url

    def __call__(self, text: str = "", **message: Any) -> None:
        if self.response_url:
            self.services.notifier.respond(self.response_url, text=text, **message)


def acked_then_later(listener: Callable[..., None], *, ack: bool = True) -> Callable[..., None]:
    """A listener that acknowledges at once and does its work on a worker, so that a slow
    Slack or store never holds Bolt's threads (and so never delays another ack). Events are
    acknowledged by Bolt itself (``ack=False``)."""

    def wrapper(**kwargs: Any) -> None:
        if ack:
            acknowledge: Ack = kwargs["ack"]
            acknowledge()
        services: Services = kwargs["context"][SERVICES]
        mine = {k: v for k, v in kwargs.items() if k in wanted}
        if "ack" in mine:
            mine["ack"] = _acked
        services.notifier.background(listener, **mine)

    # Bolt injects the arguments a listener names: the listener's own, plus ack and context.
    params = dict(inspect.signature(listener).parameters)
    wanted = set(params)
    for name in ("ack", "context"):
        params.setdefault(name, inspect.Parameter(name, inspect.Parameter.POSITIONAL_OR_KEYWORD))
    wrapper.__signature__ = inspect.Signature(list(params.values()))  # type: ignore[attr-defined]
    wrapper.__name__ = listener.__name__
    wrapper.__doc__ = listener.__doc__
    return wrapper


def _acked(*args: Any, **kwargs: Any) -> None:
    """``ack`` for a listener that was already acknowledged."""


def register(app: App, services: Services) -> None:
    @app.middleware
    def provide_services(context: BoltContext, next_: Callable[[], None]) -> None:
        context[SERVICES] = services
        context["respond"] = _LaterRespond(services, context.response_url)
        next_()

    app.command(CHECK_COMMAND)(commands.check_command)
    app.shortcut(CHECK_MESSAGE_SHORTCUT)(shortcuts.check_message)

    later = acked_then_later
    app.action(Action.REQUEST_SIGNOFF)(later(actions.request_signoff))
    app.action(Action.REQUEST_OVERRIDE)(actions.request_override)  # opens a form: stays quick
    app.action(Action.REVISE_DRAFT)(actions.revise_draft)  # opens a form: stays quick
    app.action(Action.APPROVE)(later(actions.approve))
    app.action(Action.REJECT)(actions.reject)  # opens a form: stays quick
    app.action(Action.PASSWORD_CHANGED)(later(actions.password_changed))
    app.action(Action.SHOW_CLAUSE)(later(actions.show_clause))

    app.view(View.CHECK)(views.check_submitted)
    app.view(View.REJECT)(views.reject_submitted)
    app.view(View.OVERRIDE)(views.override_submitted)

    app.event("message")(later(events.draft_posted, ack=False))
    app.event("app_home_opened")(later(events.home_opened, ack=False))

    trouble.register(app)  # §5 registry, §7 trouble response
