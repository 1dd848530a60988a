"""Settings from the environment and an optional ``.env`` file in the working directory
(python-dotenv; the environment wins).

A missing or malformed setting stops start-up with one clear line naming it. The SQLite
file and the audit spool live in the data directory (``data_dir``) unless ``TOONBOT_DB`` /
``TOONBOT_SPOOL`` name them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv

from bot.redact import redact_url
from messages import text

__all__ = ["Settings", "SettingsError", "data_dir", "load_settings"]


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
    data_dir: str = ""

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


def data_dir(env: Mapping[str, str]) -> Path:
    """Where the bot keeps its state: ``TOONBOT_DATA_DIR``; else systemd's
    ``STATE_DIRECTORY`` (``StateDirectory=toonbot``); else ``$XDG_DATA_HOME/toonbot``;
    else ``~/.local/share/toonbot``. ``load_settings`` creates it when it is used."""
    for name in ("TOONBOT_DATA_DIR", "STATE_DIRECTORY"):
        value = env.get(name, "").strip()
        if value:
            return Path(value.split(":")[0])  # systemd lists several directories with ':'
    xdg = env.get("XDG_DATA_HOME", "").strip()
    base = Path(xdg) if xdg else Path(env.get("HOME") or Path.home()) / ".local" / "share"
    return base / "toonbot"


def load_settings(env: dict[str, str] | None = None, *, need_slack: bool = True) -> Settings:
    """Read settings; ``need_slack`` requires the Slack tokens (``toonbot run``). Read from
    the process environment (``env`` None), the data directory is created if needed."""
    real_env = env is None
    if env is None:
        load_dotenv(Path.cwd() / ".env", override=False)
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
    data = data_dir(env)
    if real_env and not (get("TOONBOT_DB") and get("TOONBOT_SPOOL")):
        try:
            data.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise SettingsError(
                text("settings.bad_data_dir", value=str(data), detail=e.strerror or str(e))
            ) from None
    return Settings(
        bot_token=bot_token,
        signing_secret=signing_secret,
        app_token=app_token,
        api_url=api_url,
        redis_url=redis_url,
        config_path=config_path,
        port=int(port_raw),
        db_path=get("TOONBOT_DB") or str(data / "toonbot.sqlite3"),
        spool_path=get("TOONBOT_SPOOL") or str(data / "spool.jsonl"),
        data_dir=str(data),
    )
