"""A local HTTP server that plays Slack's Web API (SLACK_API_URL) and records every call.

It answers like Slack: ``{"ok": true, ...}`` with the fields the bot reads, ``ok: false``
errors, HTTP 429 with Retry-After and HTTP 500 when a test scripts them. Calls to a
response_url land here too (method "response_url").
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    target: str = ""  # the response_url's name, for method "response_url"
    ok: bool = True  # False when the fake answered with a scripted failure


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    times: int = 1
    delay: float = 0.0  # seconds to stall before answering (then answer as scripted)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.failures: dict[str, list[Failure]] = {}
        self.group_members: dict[str, list[str]] = {}
        self.slow: dict[str, float] = {}  # method -> seconds every call stalls (then succeeds)
        self.history: dict[str, list[dict[str, Any]]] = {}  # channel -> messages posted
        self.wss_url: str | None = None  # what apps.connections.open answers (Socket Mode)
        self._lock = threading.Lock()
        self._ts = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                self.do_POST()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if self.headers.get("Content-Type", "").startswith("application/json"):
                    params = json.loads(raw or "{}")
                else:
                    params = {k: v[0] for k, v in parse_qs(raw).items()}
                path, _, query = self.path.partition("?")
                params.update({k: v[0] for k, v in parse_qs(query).items()})
                self.path = path
                target = ""
                if self.path.startswith("/response/"):
                    method, target = "response_url", self.path.rsplit("/", 1)[-1]
                else:
                    method = self.path.rsplit("/", 1)[-1]
                status, headers, body = fake._answer(method, params, target)
                data = json.dumps(body).encode()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, name: str = "r") -> str:
        return f"http://127.0.0.1:{self.port}/response/{name}"

    def fail(self, method: str, failure: Failure) -> None:
        with self._lock:
            self.failures.setdefault(method, []).append(failure)

    def _answer(
        self, method: str, params: dict[str, Any], target: str = ""
    ) -> tuple[int, dict[str, str], dict[str, Any]]:
        with self._lock:
            f = None
            queue = self.failures.get(method) or []
            if queue:
                f = queue[0]
                f.times -= 1
                if f.times <= 0:
                    queue.pop(0)
            delay = (f.delay if f else 0.0) + self.slow.get(method, 0.0)
        if delay:
            time.sleep(delay)  # Slack is slow: the call lands (is recorded) after the stall
        with self._lock:
            failing = f is not None and (f.status != 200 or bool(f.error))
            self.calls.append(Call(method, params, target, ok=not failing))
            if f is not None and failing:
                if f.status == 429:
                    return (
                        429,
                        {"Retry-After": str(f.retry_after or 1)},
                        {"ok": False, "error": "ratelimited"},
                    )
                if f.status >= 500:
                    return f.status, {}, {"ok": False, "error": "internal_error"}
                return 200, {}, {"ok": False, "error": f.error or "unknown_error"}
        if method == "auth.test":
            return (
                200,
                {},
                {
                    "ok": True,
                    "user_id": "UBOT",
                    "bot_id": "BBOT",
                    "team_id": "T1",
                    "user": "toonbot",
                },
            )
        if method == "apps.connections.open" and self.wss_url:
            return 200, {}, {"ok": True, "url": self.wss_url}
        if method == "chat.postMessage":
            channel = str(params.get("channel", ""))
            if channel.startswith("U"):
                channel = "D" + channel[1:]
            ts = f"{next(self._ts)}.000100"
            message = {"ts": ts, "text": params.get("text"), "metadata": params.get("metadata")}
            with self._lock:
                self.history.setdefault(channel, []).append(message)
            return 200, {}, {"ok": True, "channel": channel, "ts": ts}
        if method == "conversations.open":  # the app's direct-message conversation with a user
            user = str(params.get("users", ""))
            return 200, {}, {"ok": True, "channel": {"id": "D" + user[1:]}}
        if method == "conversations.history":
            with self._lock:
                messages = list(self.history.get(str(params.get("channel")), []))
            return 200, {}, {"ok": True, "messages": messages[::-1], "has_more": False}
        if method in ("views.open", "views.publish", "views.update"):
            return 200, {}, {"ok": True, "view": {"id": "V1"}}
        if method == "usergroups.users.list":
            return (
                200,
                {},
                {"ok": True, "users": self.group_members.get(str(params.get("usergroup")), [])},
            )
        if method == "chat.update":
            return 200, {}, {"ok": True, "channel": params.get("channel"), "ts": params.get("ts")}
        return 200, {}, {"ok": True}

    def of(self, method: str) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if c.method == method]

    def to(self, response_url_name: str) -> list[Call]:
        """What was sent to one response_url (see ``response_url(name)``)."""
        with self._lock:
            return [c for c in self.calls if c.target == response_url_name]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out; calls so far: {[c.method for c in self.calls]}")
            time.sleep(0.02)

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
