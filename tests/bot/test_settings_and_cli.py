"""Settings errors name the setting; the audit export is CSV without draft text."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.audit import AuditLog
from bot.config import load_bot_config
from bot.settings import SettingsError, load_settings
from bot.store import SQLiteStore
from bot.workflow import Workflow
from tests.conftest import ROOT

OK = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"}


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxp-user-token", "SLACK_SIGNING_SECRET": "s"}, "SLACK_BOT_TOKEN"),
        ({"SLACK_BOT_TOKEN": "xoxb-1"}, "SLACK_SIGNING_SECRET"),
        ({**OK, "SLACK_APP_TOKEN": "xoxb-wrong"}, "SLACK_APP_TOKEN"),
        ({**OK, "REDIS_URL": "localhost:6379"}, "REDIS_URL"),
        ({**OK, "SLACK_API_URL": "not a url"}, "SLACK_API_URL"),
        ({**OK, "PORT": "http"}, "PORT"),
        ({**OK, "TOONBOT_CONFIG": "/nonexistent.toml"}, "TOONBOT_CONFIG"),
    ],
)
def test_bad_settings_name_the_setting(env: dict[str, str], name: str) -> None:
    with pytest.raises(SettingsError, match=name):
        load_settings(env)


def test_good_settings() -> None:
    s = load_settings(
        {**OK, "SLACK_APP_TOKEN": "xapp-1-x", "SLACK_API_URL": "http://127.0.0.1:9/api"}
    )
    assert s.socket_mode and s.api_url == "http://127.0.0.1:9/api/" and s.port == 3000


def test_toonbot_run_without_tokens_is_one_clear_line(tmp_path: Path) -> None:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_", "TOONBOT_"))
    }
    p = subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert p.returncode == 2
    assert p.stderr.strip().count("\n") == 0 and "SLACK_BOT_TOKEN" in p.stderr


def test_audit_export_csv_has_no_draft_text(tmp_path: Path) -> None:
    db = tmp_path / "toonbot.sqlite3"
    store = SQLiteStore(db)
    wf = Workflow(
        store,
        load_bot_config(ROOT / "config" / "toon.example.toml"),
        AuditLog(store, tmp_path / "s.jsonl"),
    )
    secret_text = "飼い主の方は、保護している大西さん(090-6612-3378)へ直接ご連絡ください。"
    outcome = wf.check(secret_text, user="U0SOUMUSTF1")
    wf.request_signoff(outcome.record.id, "U0SOUMUSTF1")
    store.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "REDIS_"))}
    p = subprocess.run(
        [sys.executable, "-m", "bot.cli", "audit", "export", "--since", "2000-01-01"],
        capture_output=True,
        cwd=tmp_path,
        timeout=60,
        env={
            **env,
            "PYTHONPATH": str(ROOT),
            "TOONBOT_DB": str(db),
            "TOONBOT_SPOOL": str(tmp_path / "s.jsonl"),
        },
    )
    assert p.returncode == 0, p.stderr
    out = p.stdout.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["kind"] for r in rows] == ["check", "request"]
    assert rows[0]["codes"] == "PII003" and rows[0]["actor"] == "U0SOUMUSTF1"
    assert "090-6612-3378" not in out and "大西" not in out
