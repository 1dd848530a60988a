"""The city configuration: the shipped example loads, mistakes name the key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from checks.calendar import closure_reason, holiday_name
from checks.config import ConfigError, load_config
from tests.conftest import ROOT

EXAMPLE = ROOT / "config" / "toon.example.toml"


def test_example_loads() -> None:
    cfg = load_config(EXAMPLE)
    assert cfg.name == "東温市"
    assert {a.platform for a in cfg.accounts.values()} == {
        "x",
        "facebook",
        "instagram",
        "line",
        "threads",
    }
    assert str(cfg.default_hours) == "08:30～17:15"
    assert cfg.is_city_phone("089-964-4405")
    assert cfg.is_city_phone("#8000")
    assert not cfg.is_city_phone("090-6612-3378")


def _write(tmp_path: Path, body: str) -> Path:
    p = tmp_path / "c.toml"
    p.write_text(body, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ('[city]\nname = "x"\ntimezone = "Mars/Base"\n', "city.timezone"),
        ('[city]\n[defaults]\nhours = "25:00-26:00"\n', "defaults.hours"),
        (
            '[city]\nname="x"\n[defaults]\nworking_days = ["mon", "funday"]\n',
            "defaults.working_days",
        ),
        ('[city]\nname="x"\n[defaults]\nclosures = ["2027-13-01"]\n', "defaults.closures[0]"),
        (
            '[city]\nname = "x"\n[[departments]]\nid = "a"\nname = "A"\nheads = ["U1"]\n'
            '[[accounts]]\nid = "x1"\nplatform = "myspace"\n',
            "accounts[0].platform",
        ),
        (
            '[city]\nname = "x"\n[[accounts]]\nid = "x1"\nplatform = "x"\nname = "X"\n'
            'url = "https://x.com/a"\noperator = "o"\nemergency_posts = "yes"\n',
            "accounts[0].emergency_posts",
        ),
        ("[city\n", "-"),
        ('[city]\nofficial_domains = "city.toon.ehime.jp"\nname = "x"\n', "city.official_domains"),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, body: str, key: str) -> None:
    with pytest.raises(ConfigError) as e:
        load_config(_write(tmp_path, body))
    assert e.value.key == key
    assert key in str(e.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="見つかりません"):
        load_config(tmp_path / "absent.toml")


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2027, 1, 11), "holiday"),  # 成人の日
        (date(2027, 3, 22), "holiday"),  # 振替休日
        (date(2026, 9, 22), "holiday"),  # 国民の休日
        (date(2026, 12, 29), "new_year"),
        (date(2027, 1, 3), "new_year"),
        (date(2027, 1, 16), "weekend"),
        (date(2027, 1, 4), None),
        (date(2027, 3, 23), None),
    ],
)
def test_working_days(day: date, reason: str | None) -> None:
    assert closure_reason(day, frozenset(range(5))) == reason


def test_holiday_names_are_japanese() -> None:
    assert holiday_name(date(2027, 1, 11)) == "成人の日"


def test_extra_closures(tmp_path: Path) -> None:
    base = EXAMPLE.read_text("utf-8").replace("closures = []", 'closures = ["2027-05-06"]')
    cfg = load_config(_write(tmp_path, base))
    assert closure_reason(date(2027, 5, 6), cfg.default_working_days, cfg.closures) == "closure"


@pytest.mark.parametrize(
    ("body", "key", "hint"),
    [
        (
            '[city]\nname = "x"\n[defaults]\nworknig_days = ["mon"]\n',
            "defaults.worknig_days",
            "working_days",
        ),
        ('[city]\nname = "x"\n[slak]\ndraft_channels = []\n', "slak", "slack"),
        (
            '[city]\nname = "x"\n[[accounts]]\nid = "a"\nplatform = "x"\nname = "n"\nurl = "u"\n'
            'operator = "o"\nemergency_post = true\n',
            "accounts[0].emergency_post",
            "emergency_posts",
        ),
    ],
)
def test_unknown_keys_are_errors_with_the_nearest_key(
    tmp_path: Path, body: str, key: str, hint: str
) -> None:
    path = tmp_path / "c.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_config(path)
    assert e.value.key == key
    assert f"「{hint}」" in str(e.value)


def test_the_example_is_shipped_inside_the_package() -> None:
    from checks.config import example_config_path

    shipped = example_config_path()
    assert shipped.is_relative_to(ROOT / "checks")
    assert shipped.read_bytes() == EXAMPLE.read_bytes()


def test_toon_toml_is_found_from_the_working_directory_upwards(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    own = EXAMPLE.read_text("utf-8").replace('id = "toon-line"', 'id = "our-line"')
    (tmp_path / "toon.toml").write_text(own, encoding="utf-8")
    deeper = tmp_path / "drafts" / "2027"
    deeper.mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k != "TOONBOT_CONFIG"}
    env["PYTHONPATH"] = str(ROOT)

    def check(account: str, extra: dict[str, str] | None = None) -> int:
        cmd = [sys.executable, "-m", "checks.cli", "--account", account, "--text", "お知らせ"]
        return subprocess.run(
            cmd, cwd=deeper, env={**env, **(extra or {})}, capture_output=True, timeout=60
        ).returncode

    assert check("our-line") == 0
    assert check("toon-line") == 2  # the shipped example is not used when toon.toml exists
    assert check("toon-line", {"TOONBOT_CONFIG": str(EXAMPLE)}) == 0  # the variable wins
