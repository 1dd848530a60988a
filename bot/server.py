"""HTTP mode: Bolt behind a production WSGI server (waitress), with /healthz."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.store import Store, StoreUnavailable

__all__ = ["wsgi_app"]

StartResponse = Callable[..., Any]


def wsgi_app(app: App, store: Store) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """Slack requests on /slack/events; GET /healthz answers 200 when the store answers."""
    handler = SlackRequestHandler(app)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == "/healthz":
            body: dict[str, object]
            try:
                store.ping()
                status, body = "200 OK", {"ok": True}
            except StoreUnavailable as e:
                status, body = "503 Service Unavailable", {"ok": False, "store": str(e)}
            data = json.dumps(body).encode()
            start_response(
                status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
            )
            return [data]
        return handler(environ, start_response)

    return application
