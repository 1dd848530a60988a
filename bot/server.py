"""HTTP mode: Bolt behind a production WSGI server (waitress), with /healthz."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.health import Runtime, wsgi_health
from bot.store import Store

__all__ = ["wsgi_app"]

StartResponse = Callable[..., Any]


def wsgi_app(
    app: App, store: Store, runtime: Runtime | None = None
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """Slack requests on /slack/events; /healthz and /metrics as in Socket Mode (bot/health.py)."""
    handler = SlackRequestHandler(app)
    health = wsgi_health(store, runtime or Runtime())

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        out = health(environ, start_response)
        if out is not None:
            return out
        return handler(environ, start_response)

    return application
