"""The real Bolt app behind the real WSGI server, fed correctly signed Slack requests."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from waitress.server import create_server

from bot.app import build_app, build_services, warm_checker
from bot.config import load_bot_config
from bot.server import MAX_BODY, wsgi_app
from bot.services import Services
from bot.settings import Settings
from bot.store import Store
from tests.bot.fake_slack import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"

CONFIG = """
[city]
name = "東温市"
official_domains = ["city.toon.ehime.jp"]
public_domains = ["lg.jp", "go.jp", "pref.ehime.jp"]
phone_numbers = ["089-964-44*"]

[defaults]
hours = "08:30-17:15"
department = "soumu"

[slack]
draft_channels = ["CDRAFTS"]

[[departments]]
id = "soumu"
name = "総務課"
heads = ["UHEAD1", "UHEAD2"]
deputies = ["UDEPUTY"]
members = ["UDRAFT"]

[[departments]]
id = "kiki"
name = "危機管理課"
heads = ["UKIKI"]
heads_usergroup = "SKIKIHEADS"
approvals_channel = "CAPPROVE"
deputies = ["UKDEP"]
members = ["UKDRAFT", "UKIKI"]

[[accounts]]
id = "toon-x"
platform = "x"
name = "東温市公式"
url = "https://x.com/toon_city"
operator = "総務課"
department = "soumu"
hours = "08:30-17:15"

[[accounts]]
id = "toon-line"
platform = "line"
name = "東温市LINE"
url = "https://page.line.me/toon_city"
operator = "危機管理課"
department = "kiki"
hours = "08:30-17:15"
emergency_posts = true
"""

NOW = datetime.fromisoformat("2027-02-01T10:00:00+09:00")  # a Monday, inside hours
REVIEW_DRAFT = "飼い主の方は、保護している大西さん(090-6612-3378)へ直接ご連絡ください。"
BLOCK_DRAFT = "【二十歳のつどい】2027年1月10日(土)13:30から、中央公民館で開きます。"


def sign(body: str | bytes, ts: int | None = None, secret: str = SECRET) -> dict[str, str]:
    ts = int(time.time()) if ts is None else ts
    raw = body if isinstance(body, bytes) else body.encode()
    base = f"v0:{ts}:".encode() + raw
    digest = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": str(ts), "X-Slack-Signature": f"v0={digest}"}


def make_settings(tmp: Path, api_url: str, config_path: Path) -> Settings:
    """Settings for tests: a fake Slack API, the given configuration, files under ``tmp``."""
    return Settings(
        bot_token="xoxb-test-token",
        signing_secret=SECRET,
        app_token=None,
        api_url=api_url,
        redis_url=None,
        config_path=str(config_path),
        port=0,
        db_path=str(tmp / "unused.sqlite3"),
        spool_path=str(tmp / "spool.jsonl"),
    )


_IDS = itertools.count(1)


class BotHarness:
    def __init__(
        self,
        tmp: Path,
        store: Store,
        slack: FakeSlack,
        now: datetime = NOW,
        config_text: str = CONFIG,
    ) -> None:
        cfg_path = tmp / "toon.toml"
        cfg_path.write_text(config_text, encoding="utf-8")
        self.settings = make_settings(tmp, slack.api_url, cfg_path)
        self.slack = slack
        self.store = store
        self.now = now
        config = load_bot_config(cfg_path)
        warm_checker()  # as `toonbot run` does before it serves
        self.services: Services = build_services(
            self.settings, store, config, clock=lambda: self.now
        )
        self.app = build_app(self.settings, self.services)
        self.server = create_server(
            wsgi_app(self.app, store, SECRET),
            host="127.0.0.1",
            port=0,
            threads=8,
            max_request_body_size=MAX_BODY,
            asyncore_loop_timeout=0.05,  # close() in a test returns within this, not 1 s
        )
        self.port = self.server.effective_port
        self._closing = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self._ids = _IDS  # unique across harnesses sharing one fake Slack

    def _serve(self) -> None:
        try:
            self.server.run()
        except (OSError, ValueError):
            # Closing the sockets from the test thread ends waitress's select loop this way.
            if not self._closing:
                raise

    def close(self) -> None:
        self._closing = True
        self.server.close()
        self.thread.join(timeout=5)
        self.services.notifier.wait_idle(5)
        self.services.notifier.close()
        self.store.close()

    # --- raw HTTP ---

    def post(
        self, body: str | bytes, content_type: str, headers: dict[str, str]
    ) -> tuple[int, str]:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/slack/events",
            data=body if isinstance(body, bytes) else body.encode(),
            headers={"Content-Type": content_type, **headers},
            method="POST",
        )
        try:
            with urllib.request.urlopen(req, timeout=15) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=15) as resp:
                return resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode()

    def form(self, fields: dict[str, str], **sign_args: Any) -> tuple[int, str]:
        body = urlencode(fields)
        return self.post(body, "application/x-www-form-urlencoded", sign(body, **sign_args))

    # --- Slack payloads (shapes from Slack's documentation) ---

    def slash(
        self, text: str, user: str = "UDRAFT", channel: str = "CGENERAL", wait: bool = True
    ) -> tuple[int, dict[str, Any]]:
        """Send /check; returns the HTTP status and the answer: the acknowledgement's body when
        it has one (help), else what the bot sent to the command's response_url."""
        name = f"cmd{next(self._ids)}"
        status, body = self.form(
            {
                "token": "legacy",
                "team_id": "T1",
                "team_domain": "toon",
                "channel_id": channel,
                "channel_name": "general",
                "user_id": user,
                "user_name": user.lower(),
                "command": "/check",
                "text": text,
                "api_app_id": "A1",
                "response_url": self.slack.response_url(name),
                "trigger_id": f"trigger.{next(self._ids)}",
            }
        )
        if body.strip():
            return status, (json.loads(body) if body.strip().startswith("{") else {"raw": body})
        if status != 200 or not wait or not text.strip():
            return status, {}
        self.slack.wait_for(lambda: bool(self.slack.to(name)))
        return status, self.slack.to(name)[0].params

    def action(self, action_id: str, value: str, user: str, channel: str = "CGENERAL") -> int:
        payload = {
            "type": "block_actions",
            "team": {"id": "T1", "domain": "toon"},
            "user": {"id": user, "username": user.lower(), "team_id": "T1"},
            "api_app_id": "A1",
            "token": "legacy",
            "container": {"type": "message", "channel_id": channel, "is_ephemeral": True},
            "trigger_id": f"trigger.{next(self._ids)}",
            "channel": {"id": channel, "name": "general"},
            "response_url": self.slack.response_url(f"act{next(self._ids)}"),
            "actions": [
                {
                    "action_id": action_id,
                    "block_id": "b1",
                    "value": value,
                    "type": "button",
                    "action_ts": f"{time.time():.6f}",
                }
            ],
        }
        status, _ = self.form({"payload": json.dumps(payload)})
        return status

    def submit(
        self, callback_id: str, values: dict[str, dict[str, Any]], metadata: str, user: str
    ) -> tuple[int, str]:
        payload = {
            "type": "view_submission",
            "team": {"id": "T1", "domain": "toon"},
            "user": {"id": user, "username": user.lower(), "team_id": "T1"},
            "api_app_id": "A1",
            "token": "legacy",
            "trigger_id": f"trigger.{next(self._ids)}",
            "view": {
                "id": "V1",
                "type": "modal",
                "callback_id": callback_id,
                "private_metadata": metadata,
                "state": {"values": values},
                "hash": "h",
            },
        }
        return self.form({"payload": json.dumps(payload)})

    def event(self, event: dict[str, Any], event_id: str, retry_num: int | None = None) -> int:
        body = json.dumps(
            {
                "token": "legacy",
                "team_id": "T1",
                "api_app_id": "A1",
                "event": event,
                "type": "event_callback",
                "event_id": event_id,
                "event_time": int(time.time()),
            }
        )
        headers = sign(body)
        if retry_num is not None:
            headers["X-Slack-Retry-Num"] = str(retry_num)
            headers["X-Slack-Retry-Reason"] = "http_timeout"
        status, _ = self.post(body, "application/json", headers)
        return status
