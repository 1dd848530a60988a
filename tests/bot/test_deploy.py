"""The systemd units in deploy/ name only settings the bot reads and commands it has."""

from __future__ import annotations

import re
import subprocess
import sys

from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"


def _known_settings() -> set[str]:
    names = set(re.findall(r"^#?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    assert {"LOG_LEVEL", "LOG_FORMAT", "HEALTH_PORT", "TOONBOT_DB"} <= names
    return names


def test_units_use_known_settings_and_commands() -> None:
    known = _known_settings()
    commands = set()
    units = sorted(DEPLOY.glob("*.service"))
    assert {u.name for u in units} >= {"toonbot-worker.service", "toonbot-web.service"}
    for unit in units:
        body = unit.read_text()
        for name in re.findall(r"^Environment=([A-Z_]+)=", body, re.M):
            assert name in known, (unit.name, name)
        commands |= set(re.findall(r"\.venv/bin/toonbot (\w+)", body))
        assert "EnvironmentFile=/etc/toonbot/toonbot.env" in body
    for name in re.findall(r"^#?([A-Z_]+)=", (DEPLOY / "toonbot.env.example").read_text(), re.M):
        assert name in known, name
    assert commands == {"run", "backup"}
    for command in commands:
        p = subprocess.run(
            [sys.executable, "-m", "bot.cli", command, "--help"],
            capture_output=True,
            cwd=ROOT,
            timeout=60,
        )
        assert p.returncode == 0, p.stderr
