"""Slack IDs in the configuration, placeholders, ``toonbot config check``, ``.env`` and the
data directory, as an operator meets them: real subprocesses in a scratch directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import load_bot_config
from checks.config import ConfigError
from tests.conftest import ROOT

EXAMPLE = (ROOT / "config" / "toon.example.toml").read_text("utf-8")
# The example with every placeholder ID (they all start U0 or C0) replaced by a real-looking one.
REAL = EXAMPLE.replace('"U0', '"U9').replace('"C0', '"C9')


def toonbot(args: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TOONBOT_"))}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**base, "PYTHONPATH": str(ROOT), "HOME": str(cwd), **env},
        timeout=60,
    )


@pytest.mark.parametrize(
    ("old", "new", "key", "needle"),
    [
        (
            'heads = ["U9SOUMUHEAD"]',
            'heads = ["@tanaka"]',
            "departments[0].heads[0]",
            "ユーザー ID",
        ),
        ('channel = "C9SOUMU0001"', 'channel = "#soumu"', "departments[0].channel", "チャンネル名"),
        (
            'draft_channels = ["C9DRAFTS001"]',
            'draft_channels = ["U9SOUMUHEAD"]',
            "slack.draft_channels[0]",
            "チャンネル ID",
        ),
        (
            'heads_usergroup = ""',
            'heads_usergroup = "kacho"',
            "departments[0].heads_usergroup",
            "S",
        ),
    ],
)
def test_slack_ids_are_checked_for_their_shape(
    tmp_path: Path, old: str, new: str, key: str, needle: str
) -> None:
    assert old in REAL
    path = tmp_path / "toon.toml"
    path.write_text(REAL.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_bot_config(path)
    assert e.value.key == key and needle in str(e.value)


def test_config_check_prints_the_resolution_and_every_problem(tmp_path: Path) -> None:
    bad = REAL.replace("hours_messages", "hour_messages").replace('"U9SOUMUSTF2"', '"tanaka"')
    bad = bad.replace('"C9KOHO00001"', '"C0KOHO00001"')  # one placeholder left behind
    (tmp_path / "toon.toml").write_text(bad, encoding="utf-8")
    p = toonbot(["config", "check"], tmp_path)
    assert p.returncode == 1
    out = p.stdout
    assert f"設定ファイル: {tmp_path / 'toon.toml'}" in out
    assert "問題が 3 件あります" in out
    assert "reminders.hour_messages" in out and "「hours_messages」" in out
    assert "departments[0].members[1]" in out and "C0KOHO00001" in out


def test_config_check_passes_a_good_file_found_through_dotenv(tmp_path: Path) -> None:
    (tmp_path / "city.toml").write_text(REAL, encoding="utf-8")
    (tmp_path / ".env").write_text(
        f"TOONBOT_CONFIG={tmp_path / 'city.toml'}\nTOONBOT_DATA_DIR={tmp_path / 'state'}\n",
        encoding="utf-8",
    )
    p = toonbot(["config", "check"], tmp_path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert "TOONBOT_CONFIG" in p.stdout and "問題はありません" in p.stdout
    assert f"SQLite {tmp_path / 'state' / 'toonbot.sqlite3'}" in p.stdout
    assert "アカウント toon-line: line" in p.stdout


def test_the_example_config_fails_the_check(tmp_path: Path) -> None:
    p = toonbot(["config", "check"], tmp_path)
    assert p.returncode == 1
    assert "同梱の設定例" in p.stdout and "U0SOUMUHEAD" in p.stdout


def test_run_refuses_the_example_placeholder_ids(tmp_path: Path) -> None:
    (tmp_path / "toon.toml").write_text(EXAMPLE, encoding="utf-8")
    p = toonbot(["run"], tmp_path, SLACK_BOT_TOKEN="xoxb-1", SLACK_SIGNING_SECRET="s", PORT="9")
    assert p.returncode == 2
    assert p.stderr.count("\n") == 1 and "C0DRAFTS001" in p.stderr and "仮の ID" in p.stderr


def test_data_directory_defaults_under_the_home_and_is_created(tmp_path: Path) -> None:
    (tmp_path / "toon.toml").write_text(REAL, encoding="utf-8")
    p = toonbot(["audit", "export", "--since", "2000/01/01"], tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / ".local" / "share" / "toonbot" / "toonbot.sqlite3").is_file()
    bad = toonbot(["audit", "export", "--since", "yesterday"], tmp_path)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "yesterday" in bad.stderr


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TOONBOT_DATA_DIR": "/srv/toonbot", "STATE_DIRECTORY": "/var/lib/x"}, "/srv/toonbot"),
        ({"STATE_DIRECTORY": "/var/lib/toonbot:/var/lib/other"}, "/var/lib/toonbot"),
        ({"XDG_DATA_HOME": "/data", "HOME": "/home/a"}, "/data/toonbot"),
        ({"HOME": "/home/a"}, "/home/a/.local/share/toonbot"),
    ],
)
def test_data_directory_order(env: dict[str, str], expected: str) -> None:
    from bot.settings import data_dir, load_settings

    assert str(data_dir(env)) == expected
    s = load_settings(env, need_slack=False)
    assert (s.db_path, s.spool_path) == (f"{expected}/toonbot.sqlite3", f"{expected}/spool.jsonl")
