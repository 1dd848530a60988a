"""Settings from the environment and an optional .env file (python-dotenv).

A missing or malformed setting stops start-up with one clear line naming it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

from bot.redact import redact_url
from messages import text

__all__ = ["Settings", "SettingsError", "load_settings"]


class SettingsError(ValueError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True, slots=True)
class Settings:
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str | None
    redis_url: str | None
    config_path: str | None
    port: int
    db_path: str
    spool_path: str

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)


def _check_url(name: str, value: str, schemes: tuple[str, ...]) -> str:
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise SettingsError(
            text("settings.bad_url", name=name, value=redact_url(value), schemes="/".join(schemes))
        )
    return value


def load_settings(env: dict[str, str] | None = None, *, need_slack: bool = True) -> Settings:
    """Read settings; ``need_slack`` requires the Slack tokens (``toonbot run``)."""
    if env is None:
        load_dotenv(override=False)
        env = dict(os.environ)

    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    bot_token = get("SLACK_BOT_TOKEN")
    signing_secret = get("SLACK_SIGNING_SECRET")
    app_token = get("SLACK_APP_TOKEN")
    if need_slack:
        if bot_token is None:
            raise SettingsError(text("settings.missing", name="SLACK_BOT_TOKEN"))
        if not re.match(r"^xoxb-", bot_token):
            raise SettingsError(text("settings.bad_prefix", name="SLACK_BOT_TOKEN", prefix="xoxb-"))
        if app_token is not None and not app_token.startswith("xapp-"):
            raise SettingsError(text("settings.bad_prefix", name="SLACK_APP_TOKEN", prefix="xapp-"))
        if app_token is None and signing_secret is None:
            raise SettingsError(text("settings.missing", name="SLACK_SIGNING_SECRET"))
    api_url = get("SLACK_API_URL")
    if api_url is not None:
        api_url = _check_url("SLACK_API_URL", api_url, ("http", "https"))
        if not api_url.endswith("/"):
            api_url += "/"
    redis_url = get("REDIS_URL")
    if redis_url is not None:
        _check_url("REDIS_URL", redis_url, ("redis", "rediss", "unix"))
    port_raw = get("PORT") or "3000"
    if not port_raw.isdigit() or not 0 < int(port_raw) < 65536:
        raise SettingsError(text("settings.bad_port", value=port_raw))
    config_path = get("TOONBOT_CONFIG")
    if config_path is not None and not Path(config_path).is_file():
        raise SettingsError(text("settings.no_file", name="TOONBOT_CONFIG", value=config_path))
    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=api_url,
        redis_url=redis_url,
        config_path=config_path,
        port=int(port_raw),
        db_path=get("TOONBOT_DB") or "toonbot.sqlite3",
        spool_path=get("TOONBOT_SPOOL") or "toonbot-spool.jsonl",
    )
