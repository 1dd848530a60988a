"""Slack conventions (issue 12, point 7): the message shortcut, a repeated finding shown once,
the manifests' scopes, a quiet start."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

import pytest

from bot.store import SQLiteStore
from tests.bot.fake_slack import FakeSlack
from tests.bot.harness import REVIEW_DRAFT, BotHarness
from tests.conftest import ROOT


def _texts(blocks: list[dict[str, Any]]) -> str:
    return "\n".join(b["text"]["text"] for b in blocks if isinstance(b.get("text"), dict))


def test_message_shortcut_checks_that_message(bot: BotHarness, slack: FakeSlack) -> None:
    payload = {
        "type": "message_action",
        "callback_id": "check_message",
        "team": {"id": "T1", "domain": "toon"},
        "user": {"id": "UDRAFT", "name": "udraft"},
        "channel": {"id": "CGENERAL", "name": "general"},
        "message": {"type": "message", "user": "UOTHER", "ts": "1.000100", "text": REVIEW_DRAFT},
        "message_ts": "1.000100",
        "trigger_id": "t.1",
        "response_url": slack.response_url("shortcut"),
        "action_ts": "2.0",
        "token": "legacy",
    }
    status, _ = bot.form({"payload": json.dumps(payload)})
    assert status == 200
    slack.wait_for(lambda: bool(slack.of("response_url")))
    answer = slack.of("response_url")[0].params
    assert answer["response_type"] == "ephemeral"
    assert "PII003" in _texts(answer["blocks"])
    (record,) = bot.store.recent_checks("UDRAFT")
    assert record.verdict == "review"


def test_one_code_found_twice_is_shown_once_with_both_spans(bot: BotHarness) -> None:
    draft = "連絡先は090-6612-3378または080-1234-5678の大西さんです。"
    _, body = bot.slash(draft)
    shown = _texts(body["blocks"])
    assert shown.count("`PII003`") == 1
    assert "「090-6612-3378」、「080-1234-5678」(2か所)" in shown
    assert "「090-6612-3378」「080-1234-5678」は携帯電話の番号です。" in shown
    assert shown.count("修正案:") == 1


def _scopes(manifest: str) -> set[str]:
    lines = manifest.split("bot:\n", 1)[1].split("settings:", 1)[0].splitlines()
    return {ln.strip()[2:] for ln in lines if ln.strip().startswith("- ")}


def test_manifests_ask_only_for_the_scopes_the_code_uses() -> None:
    used = {"commands", "chat:write", "channels:history", "groups:history", "usergroups:read"}
    socket = (ROOT / "manifests" / "socket-mode.yml").read_text("utf-8")
    http = (ROOT / "manifests" / "http.yml").read_text("utf-8")
    assert _scopes(socket) == used and _scopes(http) == used
    assert "socket_mode_enabled: true" in socket and "request_url" not in socket
    assert "socket_mode_enabled: false" in http and http.count("/slack/events") == 3
    for manifest in (socket, http):
        assert "callback_id: check_message" in manifest


def test_no_token_warning_on_start(
    tmp_path: Path,
    slack: FakeSlack,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-from-the-environment")
    with caplog.at_level(logging.WARNING):
        h = BotHarness(tmp_path, SQLiteStore(tmp_path / "t.sqlite3"), slack)
        h.close()
    assert not [r for r in caplog.records if "will be unused" in r.getMessage()]
