"""The bot's part of the city configuration: same file as the checker's, validated here."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import load_bot_config
from bot.slack_ids import CheckForm, Decision, ReasonForm
from checks.config import ConfigError, load_config
from tests.conftest import ROOT

EXAMPLE = ROOT / "config" / "toon.example.toml"


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "c.toml"
    p.write_text(body, encoding="utf-8")
    return p


def test_example_loads_both_parts() -> None:
    cfg = load_bot_config(EXAMPLE)
    assert cfg.city == load_config(EXAMPLE)
    assert set(cfg.departments) == {"soumu", "kiki"}
    assert cfg.default_department == "soumu"
    assert cfg.draft_channels == ("C0DRAFTS001",)
    assert cfg.reminders.escalate_channel == "C0KOHO00001"
    assert set(cfg.staff) == set(cfg.city.accounts)
    x = cfg.staff["toon-x"]
    assert (x.department, x.operator_user, x.password_rotation_days) == ("soumu", "U0SOUMUSTF1", 90)
    assert x.account is cfg.city.accounts["toon-x"]
    line = cfg.city.accounts["toon-line"]
    dep = cfg.department_of("U0SOUMUSTF1", line)
    assert dep is not None and dep.id == "kiki"


@pytest.mark.parametrize(
    ("body", "key"),
    [
        (
            '[city]\nname = "x"\n[[departments]]\nid = "a"\nname = "A"\nheads = []\n',
            "departments[0].heads",
        ),
        (
            '[city]\nname = "x"\n[[departments]]\nid = "a"\nname = "A"\nheads = ["U1"]\n'
            '[[accounts]]\nid = "x1"\nplatform = "x"\nname = "n"\nurl = "u"\noperator = "o"\n'
            'department = "zzz"\n',
            "accounts[0].department",
        ),
        (
            '[city]\nname = "x"\n[reminders]\npending_remind_minutes = 60\n'
            "pending_escalate_minutes = 30\n",
            "reminders.pending_escalate_minutes",
        ),
        ('[city]\nname = "x"\n[reminders]\nconduct_time = "25:00"\n', "reminders.conduct_time"),
        ('[city]\nname = "x"\n[defaults]\ndepartment = "zzz"\n', "defaults.department"),
    ],
)
def test_mistakes_in_the_bot_part_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    path = _write(tmp_path, body)
    load_config(path)  # the checker does not read the bot's part
    with pytest.raises(ConfigError) as e:
        load_bot_config(path)
    assert e.value.key == key
    assert key in str(e.value) and str(path) in str(e.value)


def test_mistakes_in_the_checker_part_stop_the_bot_too(tmp_path: Path) -> None:
    path = _write(tmp_path, '[city]\nname = "x"\ntimezone = "Mars/Base"\n')
    with pytest.raises(ConfigError) as e:
        load_bot_config(path)
    assert e.value.key == "city.timezone"


def test_payloads_round_trip() -> None:
    assert Decision.decode(Decision("0123abc", 3).encode()) == Decision("0123abc", 3)
    assert CheckForm.decode(CheckForm("C1", "d9").encode()) == CheckForm("C1", "d9")
    assert CheckForm.decode(CheckForm("C1").encode()) == CheckForm("C1", "")
    assert ReasonForm.decode(ReasonForm("r1", "C2").encode()) == ReasonForm("r1", "C2")
