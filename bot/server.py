"""HTTP mode: Bolt behind a production WSGI server (waitress), with /healthz.

The front door checks what it can before Bolt sees a request, in this order: the path and
method, the declared body size (a body over ``MAX_BODY`` is refused unread), the timestamp
and signature (an unsigned request is refused before its body is parsed), then the shape of
the payload (a signed but malformed one gets 400). Rejections are logged without the body:
it holds the draft's text.
"""

from __future__ import annotations

import hashlib
import hmac
import io
import json
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.health import Runtime, wsgi_health
from bot.store import Store

__all__ = ["MAX_BODY", "MAX_DEPTH", "check_payload", "wsgi_app"]

log = logging.getLogger("toonbot.http")

StartResponse = Callable[..., Any]

# Slack's payloads are a few kB; a view submission with a long draft stays far below this.
MAX_BODY = 256 * 1024
# Slack's JSON nests a dozen levels at most (blocks in a view in a payload).
MAX_DEPTH = 32
# Slack's replay window.
MAX_AGE = 5 * 60

# What the listeners read without checking; anything else is a 400 before Bolt.
_PAYLOAD_TYPES = {
    "block_actions",
    "view_submission",
    "view_closed",
    "shortcut",
    "message_action",
    "block_suggestion",
}


class Rejected(Exception):
    """A request the front door refuses: HTTP status and a short reason for the log."""

    def __init__(self, status: str, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


def _depth(value: object, limit: int) -> int:
    """Nesting depth of parsed JSON, without recursion (stops counting past ``limit``)."""
    deepest = 0
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        node, d = stack.pop()
        if d > deepest:
            deepest = d
            if deepest > limit:
                return deepest
        if isinstance(node, dict):
            stack.extend((v, d + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, d + 1) for v in node)
    return deepest


def _json(raw: str) -> object:
    if raw.count("[") + raw.count("{") > 20_000:
        raise Rejected("400 Bad Request", "too many JSON containers")
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError) as e:
        raise Rejected("400 Bad Request", f"JSON: {type(e).__name__}") from None
    if _depth(value, MAX_DEPTH) > MAX_DEPTH:
        raise Rejected("400 Bad Request", "JSON nested too deep")
    return value


def _str(d: dict[str, Any], key: str) -> bool:
    return isinstance(d.get(key), str) and bool(d[key])


def _has_user(d: dict[str, Any]) -> bool:
    user = d.get("user")
    return isinstance(user, dict) and _str(user, "id")


def _check_interactive(p: dict[str, Any]) -> None:
    kind = p.get("type")
    if not isinstance(kind, str) or kind not in _PAYLOAD_TYPES:
        raise Rejected("400 Bad Request", "unknown payload type")
    if not _has_user(p):
        raise Rejected("400 Bad Request", "payload without user")
    for key in ("channel", "container", "view", "message", "team"):
        if key in p and p[key] is not None and not isinstance(p[key], dict):
            raise Rejected("400 Bad Request", f"payload {key} is not an object")
    for key in ("response_url", "trigger_id"):
        if key in p and not isinstance(p[key], str):
            raise Rejected("400 Bad Request", f"payload {key} is not text")
    channel = p.get("channel") or {}
    if "id" in channel and not isinstance(channel["id"], str):
        raise Rejected("400 Bad Request", "payload channel id is not text")
    if kind == "block_actions":
        actions = p.get("actions")
        if not isinstance(actions, list) or not actions:
            raise Rejected("400 Bad Request", "block_actions without actions")
        for a in actions:
            if not isinstance(a, dict) or not _str(a, "action_id"):
                raise Rejected("400 Bad Request", "action without action_id")
            if "value" in a and not isinstance(a["value"], str):
                raise Rejected("400 Bad Request", "action value is not text")
        if not _str(p, "trigger_id"):
            raise Rejected("400 Bad Request", "block_actions without trigger_id")
    if kind in ("view_submission", "view_closed"):
        view = p.get("view")
        if not isinstance(view, dict) or not _str(view, "callback_id") or not _str(view, "type"):
            raise Rejected("400 Bad Request", "view without callback_id or type")
        if not isinstance(view.get("private_metadata", ""), str):
            raise Rejected("400 Bad Request", "view metadata is not text")
        state = view.get("state", {})
        values = state.get("values", {}) if isinstance(state, dict) else None
        if not isinstance(values, dict) or not all(
            isinstance(v, dict) and all(isinstance(x, dict) for x in v.values())
            for v in values.values()
        ):
            raise Rejected("400 Bad Request", "view state is malformed")


def _check_event(p: dict[str, Any]) -> None:
    kind = p.get("type")
    if not isinstance(kind, str):
        raise Rejected("400 Bad Request", "envelope without type")
    if kind == "url_verification":
        if not _str(p, "challenge"):
            raise Rejected("400 Bad Request", "url_verification without challenge")
        return
    if kind != "event_callback":
        raise Rejected("400 Bad Request", "unknown event envelope")
    event = p.get("event")
    if not isinstance(event, dict) or not _str(event, "type"):
        raise Rejected("400 Bad Request", "event without type")
    for key in ("user", "channel", "text", "ts", "thread_ts", "subtype", "tab"):
        if key in event and event[key] is not None and not isinstance(event[key], str):
            raise Rejected("400 Bad Request", f"event {key} is not text")
    if event["type"] == "app_home_opened" and not _str(event, "user"):
        raise Rejected("400 Bad Request", "app_home_opened without user")


def _check_command(form: dict[str, list[str]]) -> None:
    for key in ("command", "user_id", "trigger_id", "response_url"):
        if not form.get(key, [""])[0]:
            raise Rejected("400 Bad Request", f"command without {key}")


def check_payload(body: bytes, content_type: str) -> None:
    """Raise Rejected unless ``body`` is a Slack request the listeners can read safely."""
    try:
        raw = body.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected("400 Bad Request", "body is not UTF-8") from None
    if content_type.startswith("application/json"):
        value = _json(raw)
        if not isinstance(value, dict):
            raise Rejected("400 Bad Request", "JSON body is not an object")
        _check_event(value)
        return
    if not content_type.startswith("application/x-www-form-urlencoded"):
        raise Rejected("415 Unsupported Media Type", "content type")
    try:
        form = parse_qs(raw, keep_blank_values=True, strict_parsing=False, max_num_fields=200)
    except ValueError:
        raise Rejected("400 Bad Request", "form has too many fields") from None
    if any(len(v) > 1 for v in form.values()):
        raise Rejected("400 Bad Request", "repeated form field")
    if "payload" in form:
        value = _json(form["payload"][0])
        if not isinstance(value, dict):
            raise Rejected("400 Bad Request", "payload is not an object")
        _check_interactive(value)
        return
    if "ssl_check" in form:
        return
    _check_command(form)


def _verify(secret: str, body: bytes, timestamp: str, signature: str, now: float) -> None:
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        raise Rejected("400 Bad Request", "missing or malformed timestamp")
    if abs(now - int(timestamp)) > MAX_AGE:
        raise Rejected("401 Unauthorized", "stale timestamp")
    base = b"v0:" + timestamp.encode() + b":" + body
    expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "replace")):
        raise Rejected("401 Unauthorized", "bad signature")


def _read_body(environ: dict[str, Any]) -> bytes:
    raw_length = str(environ.get("CONTENT_LENGTH") or "")
    if not raw_length.isdigit():
        raise Rejected("411 Length Required", "no Content-Length")
    length = int(raw_length)
    if length > MAX_BODY:
        raise Rejected("413 Content Too Large", f"body of {length} bytes")
    body = environ["wsgi.input"].read(length)
    return bytes(body)


def _answer(start_response: StartResponse, status: str, body: dict[str, object]) -> list[bytes]:
    data = json.dumps(body).encode()
    start_response(
        status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))]
    )
    return [data]


def wsgi_app(
    app: App,
    store: Store,
    signing_secret: str,
    runtime: Runtime | None = None,
    clock: Callable[[], float] = time.time,
) -> Callable[[dict[str, Any], StartResponse], Iterable[bytes]]:
    """Slack requests on /slack/events; /healthz and /metrics as in Socket Mode (bot/health.py)."""
    handler = SlackRequestHandler(app)
    health = wsgi_health(store, runtime or Runtime())

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        out = health(environ, start_response)
        if out is not None:
            return out
        path, method = environ.get("PATH_INFO"), environ.get("REQUEST_METHOD")
        if path != "/slack/events":
            return _answer(start_response, "404 Not Found", {"error": "not found"})
        if method != "POST":
            return _answer(start_response, "405 Method Not Allowed", {"error": "method"})
        try:
            body_bytes = _read_body(environ)
            _verify(
                signing_secret,
                body_bytes,
                str(environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP") or ""),
                str(environ.get("HTTP_X_SLACK_SIGNATURE") or ""),
                clock(),
            )
            check_payload(body_bytes, str(environ.get("CONTENT_TYPE") or ""))
        except Rejected as r:
            # The rejection, never the body (it holds the draft's text).
            log.warning("rejected a request: %s (%s)", r.status, r.reason)
            return _answer(start_response, r.status, {"error": r.reason})
        environ["wsgi.input"] = io.BytesIO(body_bytes)
        environ["CONTENT_LENGTH"] = str(len(body_bytes))
        return handler(environ, start_response)

    return application
