"""Logging for ``toonbot``: LOG_LEVEL, LOG_FORMAT=json, and no secret ever printed.

Listeners log event types and exception class names, never a draft's text (docs/audit.md);
the Slack libraries, which print request bodies, log errors only (QUIET).
As a second line of defence every record passes a filter that replaces the configured
secrets (tokens, signing secret, the password of REDIS_URL) and anything shaped like a
Slack token by ``***``, in the message, its arguments and a traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import threading
from collections.abc import Iterable
from datetime import UTC, datetime

__all__ = ["LOG_FORMATS", "SecretFilter", "setup_logging"]

LOG_FORMATS = ("text", "json")
# Libraries whose debug, info and even warning lines print Slack request or response bodies
# (Bolt's "Unhandled request (...)", the SDK's "Sending a request ... json_body"), which hold
# drafts: they log errors only, whatever LOG_LEVEL says.
QUIET = ("slack_bolt", "slack_sdk", "toonbot.bolt", "urllib3", "websocket")
_TOKEN = re.compile(r"\bx(?:ox[abposr]|app)-[0-9A-Za-z-]+")
_MASK = "***"


class SecretFilter(logging.Filter):
    """Masks known secret values and Slack-token-shaped strings in every record."""

    def __init__(self, secrets: Iterable[str]) -> None:
        super().__init__()
        # Longest first, so a secret containing another is masked whole; short values
        # (a test's "s") would mask ordinary words, so they are left to the token pattern.
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def mask(self, value: str) -> str:
        for secret in self.secrets:
            value = value.replace(secret, _MASK)
        return _TOKEN.sub(_MASK, value)

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = self.mask(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            formatter = logging.Formatter()
            record.exc_text = self.mask(formatter.formatException(record.exc_info))
            record.exc_info = None
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, exception."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_text:
            data["exception"] = record.exc_text
        return json.dumps(data, ensure_ascii=False)


def _log_thread_exception(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "?"
    exc_info = (args.exc_type, args.exc_value or args.exc_type(), args.exc_traceback)
    logging.getLogger("toonbot").error("thread %s stopped", name, exc_info=exc_info)


def setup_logging(level: str = "INFO", fmt: str = "text", secrets: Iterable[str] = ()) -> None:
    """Configure the root logger once for the process (replaces earlier handlers)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.addFilter(SecretFilter(secrets))
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper())
    # Uncaught exceptions go through the same handler (masked, JSON), not straight to stderr.
    threading.excepthook = _log_thread_exception
    for name in QUIET:
        logging.getLogger(name).setLevel(max(logging.ERROR, root.level))


def _url_password(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password
    except ValueError:
        return None


def secrets_of(env: dict[str, str]) -> list[str]:
    """The values that must never reach a log line."""
    out = [env.get(k, "") for k in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET")]
    for name in ("REDIS_URL", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"):
        out.append(_url_password(env.get(name, "")) or "")
    return [s for s in out if s]


def setup_logging_from_env(env: dict[str, str]) -> None:
    """LOG_LEVEL (DEBUG, INFO, WARNING, ERROR; default INFO) and LOG_FORMAT (text, json).
    Raises SettingsError naming the setting when a value is not one of these."""
    from bot.settings import SettingsError
    from messages import text

    level = (env.get("LOG_LEVEL") or "INFO").strip().upper()
    fmt = (env.get("LOG_FORMAT") or "text").strip().lower()
    setup_logging("INFO", "text", secrets_of(env))
    if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
        raise SettingsError(
            text(
                "ops.bad_choice", name="LOG_LEVEL", value=level, choices="DEBUG/INFO/WARNING/ERROR"
            )
        )
    if fmt not in LOG_FORMATS:
        raise SettingsError(
            text("ops.bad_choice", name="LOG_FORMAT", value=fmt, choices="/".join(LOG_FORMATS))
        )
    setup_logging(level, fmt, secrets_of(env))
