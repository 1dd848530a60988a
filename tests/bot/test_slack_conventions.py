"""Slack conventions (issue 12, point 7): the message shortcut, a repeated finding shown once,
the manifests' scopes, a quiet start."""

from __future__ import annotations

import json
import logging
import tomllib
from pathlib import Path
from typing import Any

import pytest

from bot.blocks import MODAL_TEXT_MAX, modal
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
    used = {"commands", "chat:write", "channels:history", "groups:history", "im:history"}
    used |= {"im:write", "usergroups:read"}
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


def test_modal_cuts_title_submit_and_close_to_slacks_limit() -> None:
    view = modal("cb", "あ" * 30, "い" * 25, "う" * 24, [], metadata="m")
    assert [view[k]["text"] for k in ("title", "submit", "close")] == [
        "あ" * 24,
        "い" * 24,
        "う" * 24,
    ]
    assert view["private_metadata"] == "m"
    assert "private_metadata" not in modal("cb", "t", "s", "c", [])


def _form_texts(table: dict[str, Any], where: str) -> list[tuple[str, str]]:
    found = []
    for key, value in table.items():
        if isinstance(value, dict):
            found += _form_texts(value, f"{where}.{key}")
        elif ("form" in where or "modal" in where) and key.rsplit("_", 1)[-1] in (
            "title",
            "submit",
            "cancel",
        ):
            found.append((f"{where}.{key}", value))
    return found


def test_modal_titles_and_buttons_in_messages_fit_without_being_cut() -> None:
    texts = []
    for path in sorted((ROOT / "messages").glob("*.toml")):
        texts += _form_texts(tomllib.loads(path.read_text(encoding="utf-8")), path.stem)
    assert len(texts) >= 20
    assert [(key, value) for key, value in texts if len(value) > MODAL_TEXT_MAX] == []
