"""Thin Bolt listeners: ack first, call the workflow, render, respond."""

from __future__ import annotations

from slack_bolt import App

from bot.flows import Services
from bot.listeners import actions, commands, events, views

__all__ = ["register_all"]


def register_all(app: App, services: Services) -> None:
    for module in (commands, actions, views, events):
        module.register(app, services)
