"""Thin Bolt listeners: ack first, call the workflow, render, respond.

Every listener is a plain function; this is the one place that says which Slack command,
button, form or event each one answers (bolt's starter template). The listeners find the
bot's services in Bolt's ``context``.
"""

from __future__ import annotations

from collections.abc import Callable

from slack_bolt import App, BoltContext

from bot.listeners import actions, commands, events, trouble, views
from bot.services import SERVICES, Services
from bot.slack_ids import CHECK_COMMAND, Action, View

__all__ = ["register"]


def register(app: App, services: Services) -> None:
    @app.middleware
    def provide_services(context: BoltContext, next_: Callable[[], None]) -> None:
        context[SERVICES] = services
        next_()

    app.command(CHECK_COMMAND)(commands.check_command)

    app.action(Action.REQUEST_SIGNOFF)(actions.request_signoff)
    app.action(Action.REQUEST_OVERRIDE)(actions.request_override)
    app.action(Action.REVISE_DRAFT)(actions.revise_draft)
    app.action(Action.APPROVE)(actions.approve)
    app.action(Action.REJECT)(actions.reject)
    app.action(Action.PASSWORD_CHANGED)(actions.password_changed)
    app.action(Action.SHOW_CLAUSE)(actions.show_clause)

    app.view(View.CHECK)(views.check_submitted)
    app.view(View.REJECT)(views.reject_submitted)
    app.view(View.OVERRIDE)(views.override_submitted)

    app.event("message")(events.draft_posted)
    app.event("app_home_opened")(events.home_opened)

    trouble.register(app)  # §5 registry, §7 trouble response
