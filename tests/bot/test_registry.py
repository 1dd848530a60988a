"""§5 the account registry: validated with the configuration (errors name the account and
the item), `toonbot accounts check`, and the §5/§7 console commands."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.accounts import account_statuses
from bot.config import load_bot_config
from bot.console import run_console
from bot.store import SQLiteStore
from checks.config import ConfigError
from tests.conftest import ROOT

EXAMPLE = ROOT / "config" / "toon.example.toml"
BASE = """
[city]
name = "東温市"
[[departments]]
id = "soumu"
name = "総務課"
heads = ["UHEAD"]
[[accounts]]
id = "toon-x"
platform = "x"
name = "東温市公式"
url = "https://x.com/toon_city"
operator = "総務課"
department = "soumu"
"""


def _load(tmp_path: Path, extra: str) -> None:
    p = tmp_path / "c.toml"
    p.write_text(BASE + extra, encoding="utf-8")
    load_bot_config(p)


@pytest.mark.parametrize(
    ("extra", "key", "problem"),
    [
        ("[accounts.policy]\npurpose = 3\n", "accounts[0] (toon-x).policy.purpose", "文字列"),
        ("[accounts.policy]\npurpse = 'x'\n", "accounts[0] (toon-x).policy.purpse", "purpose"),
        (
            "[accounts.terms]\nuser_rule = 'x'\n",
            "accounts[0] (toon-x).terms.user_rule",
            "user_rules",
        ),
        (
            "[accounts.report]\nreported_on = '4月1日'\n",
            "accounts[0] (toon-x).report.reported_on",
            "4月1日",
        ),
        (
            "[accounts.report]\nreported_on = 2027-04-01T10:00:00\n",
            "accounts[0] (toon-x).report.reported_on",
            "2027",
        ),
        ("policy = 'all fine'\n", "accounts[0] (toon-x).policy", ""),
        (
            "[accounts.report]\npage = 'www.city.toon'\n",
            "accounts[0] (toon-x).report.page",
            "https",
        ),
        ("[registry]\nincident_update_minutes = 0\n", "registry.incident_update_minutes", ""),
        ("[registry]\npr_section = 'U1'\n", "registry.pr_section", ""),
    ],
)
def test_bad_registry_values_name_the_account_and_the_item(
    tmp_path: Path, extra: str, key: str, problem: str
) -> None:
    with pytest.raises(ConfigError) as e:
        _load(tmp_path, extra)
    assert e.value.key == key
    assert problem in e.value.problem


def test_missing_items_are_listed_not_refused(tmp_path: Path) -> None:
    p = tmp_path / "c.toml"
    p.write_text(
        BASE
        + 'hours = "09:00-17:00"\n[accounts.policy]\npurpose = "市政情報"\n'
        + "[accounts.report]\nreported_on = 2027-04-01\n",
        encoding="utf-8",
    )
    cfg = load_bot_config(p)
    store = SQLiteStore(tmp_path / "s.sqlite3")
    try:
        (st,) = account_statuses(cfg, store)
    finally:
        store.close()
    assert st.missing == (
        "content",
        "replies",
        "personal_info",
        "user_rules",
        "intellectual_property",
        "disclaimer",
        "emergency_posts",
    )
    assert str(st.report.reported_on) == "2027-04-01" and not st.complete


def test_accounts_check_command(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "TOONBOT_CONFIG": str(EXAMPLE),
        "TOONBOT_DB": str(tmp_path / "a.sqlite3"),
        "TOONBOT_SPOOL": str(tmp_path / "a.jsonl"),
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-m", "bot.cli", "accounts", "check"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr  # the example leaves three accounts incomplete
    out = done.stdout
    assert "toon-x" in out and "2026-04-01" in out
    facebook = out.split("toon-facebook")[1].split("toon-instagram")[0]
    assert "未記載: 発信の目的(5(3)③)" in facebook and "未報告" in facebook
    assert "未記載または未報告のアカウントが3件あります。" in out


def test_console_runs_the_registry_and_incident_flows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOONBOT_CONFIG", str(EXAMPLE))
    monkeypatch.setenv("TOONBOT_DB", str(tmp_path / "c.sqlite3"))
    monkeypatch.setenv("TOONBOT_SPOOL", str(tmp_path / "c.jsonl"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    script = io.StringIO(
        "incident on toon-x 批判が集中\n"  # a drafter may not
        "as U0SOUMUHEAD\nincident on toon-x 批判が集中\nincidents\n"
        "as U0SOUMUSTF1\ncheck --account toon-x ご指摘ですが、それは誤解です。\nholding toon-x\n"
        "correct --account toon-x --wrong 10時 --right 13時 防災訓練は10時からです。\n"
        "as U0KOHO00001\nreport toon-facebook\naccounts\nincident off toon-x\n"
        "comment toon-x slander delete\ncomment toon-x gossip delete\n"
        "impersonation report toon-x https://x.com/toon_c1ty\nimpersonation list\n"
        "as U0KIKIHEAD1\nregister toon-bousai x 東温市防災 https://x.com/toon_bousai 危機管理課 kiki"
        " purpose=防災情報の発信 emergency_posts=yes\n"
        "as U0KOHO00001\nconfirm toon-bousai\nconfirm toon-bousai\naudit\nquit\n"
    )
    out = io.StringIO()
    assert run_console("U0SOUMUSTF1", stdin=script, out=out) == 0
    shown = out.getvalue()
    assert "広報広聴・男女共同参画係の担当者と、そのアカウントの所属長だけ" in shown
    assert "incident mode on: toon-x" in shown and "【お知らせ】" in shown
    assert "TRB002" in shown.split("これから U0SOUMUSTF1 として操作します")[1]
    assert "【訂正とおわび】先に投稿した「防災訓練は10時からです。」" in shown
    assert "toon-facebook" in shown.split("報告を")[1]
    assert "違反コメントの措置を記録しました: 東温市公式 / 誹謗中傷" in shown
    assert "抵触した項目を選んでください。" in shown
    assert "https://help.x.com/ja/forms/authenticity/impersonation" in shown
    assert "open: platform_report website_notice press" in shown
    assert 'id = "toon-bousai"' in shown and "emergency_posts = true" in shown
    assert "reported_on = 20" in shown and "すでに受け付けられています" in shown
    trail = shown.split("at,kind")[1]
    for kind in (
        "incident_start",
        "incident_post",
        "correction",
        "policy_reported",
        "incident_end",
    ):
        assert kind in trail
