"""ONE health report for both modes: the Slack connection, the store, the scheduler's last
tick and the outbox's oldest item.

HTTP mode serves it at ``/healthz`` beside ``/slack/events`` (bot/server.py); Socket Mode,
which has no HTTP front, serves it (and ``/metrics``) on HEALTH_PORT (``serve``). The answer
is 200 with ``"ok": true`` or 503 naming the failing parts; it never holds a host, a path, a
token or a draft.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from bot.store import Store, StoreHealth, StoreUnavailable

__all__ = [
    "OUTBOX_STALE",
    "TICK_STALE",
    "HealthReport",
    "Part",
    "Runtime",
    "health_report",
    "serve",
    "wsgi_health",
]

log = logging.getLogger("toonbot.health")

TICK_STALE = 180.0  # the scheduler ticks every 60 s
OUTBOX_STALE = 3600.0  # a Slack call still queued after an hour: Slack refuses us

StartResponse = Callable[..., Any]


@dataclass(frozen=True, slots=True)
class Part:
    name: str
    ok: bool
    detail: str = ""


@dataclass(frozen=True, slots=True)
class HealthReport:
    ok: bool
    parts: tuple[Part, ...]

    def to_json(self) -> str:
        parts = {p.name: {"ok": p.ok, "detail": p.detail} for p in self.parts}
        return json.dumps({"ok": self.ok, "parts": parts}, ensure_ascii=False)


class Runtime:
    """What the running process knows about itself (not in the store)."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self.started = clock()
        self.last_tick: float | None = None
        # None: not known yet (e.g. before the first connection); set by ``toonbot run``.
        self.slack_connected: Callable[[], bool | None] = lambda: None

    def ticked(self) -> None:
        self.last_tick = self.clock()


def health_report(store: Store, runtime: Runtime) -> HealthReport:
    """Every part's state now; quick (one store probe, one outbox count)."""
    now = runtime.clock()
    parts = []
    connected = runtime.slack_connected()
    detail = "unknown" if connected is None else ("connected" if connected else "disconnected")
    parts.append(Part("slack", connected is not False, detail))
    try:
        h = store.health()
    except Exception:  # health() should not raise; if it does, the store is what failed
        log.exception("health: the store's health check raised")
        h = StoreHealth(False, "store", "error")
    parts.append(Part("store", h.ok, f"{h.part}: ok" if h.ok else f"{h.part}: {h.problem}"))
    since = now - (runtime.last_tick if runtime.last_tick is not None else runtime.started)
    parts.append(
        Part(
            "scheduler",
            since <= TICK_STALE,
            f"last tick {since:.0f} s ago" if runtime.last_tick is not None else "no tick yet",
        )
    )
    try:
        stats = store.outbox_stats()
    except StoreUnavailable:
        parts.append(Part("outbox", False, "unknown (store unavailable)"))
    except Exception:  # odd data in the store: a failing part, never a 500
        log.exception("health: the outbox could not be read")
        parts.append(Part("outbox", False, "unknown (unreadable)"))
    else:
        age = now - stats.oldest if stats.oldest is not None else 0.0
        parts.append(
            Part("outbox", age <= OUTBOX_STALE, f"{stats.depth} queued, oldest {age:.0f} s")
        )
    return HealthReport(all(p.ok for p in parts), tuple(parts))


def _respond(
    start_response: StartResponse, status: str, body: bytes, ctype: str
) -> Iterable[bytes]:
    start_response(status, [("Content-Type", ctype), ("Content-Length", str(len(body)))])
    return [body]


def wsgi_health(
    store: Store, runtime: Runtime
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes] | None]:
    """A WSGI handler for ``/healthz`` and ``/metrics``; None for any other path."""
    from bot.metrics import render

    def handle(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes] | None:
        path = environ.get("PATH_INFO")
        if path == "/healthz":
            report = health_report(store, runtime)
            status = "200 OK" if report.ok else "503 Service Unavailable"
            return _respond(start_response, status, report.to_json().encode(), "application/json")
        if path == "/metrics":
            body, ctype = render(store)
            return _respond(start_response, "200 OK", body, ctype)
        return None

    return handle


def serve(port: int, store: Store, runtime: Runtime, host: str = "0.0.0.0") -> threading.Thread:
    """Socket Mode's health and metrics listener, in a daemon thread."""
    from waitress.server import create_server

    handle = wsgi_health(store, runtime)

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        out = handle(environ, start_response)
        if out is None:
            return _respond(start_response, "404 Not Found", b"not found\n", "text/plain")
        return out

    server = create_server(application, host=host, port=port, threads=2)
    thread = threading.Thread(target=server.run, name="toonbot-health", daemon=True)
    thread.start()
    return thread
