"""The workflow without Slack: the rules of who may do what."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import pytest

from bot.audit import AuditLog
from bot.config import load_bot_config
from bot.console import run_console
from bot.store import SQLiteStore
from bot.workflow import Problem, Workflow
from tests.conftest import ROOT

REVIEW = "飼い主の方は、保護している大西さん(090-6612-3378)へ直接ご連絡ください。"
NOW = datetime.fromisoformat("2027-02-01T10:00:00+09:00")


@pytest.fixture
def wf(tmp_path: Path) -> Workflow:
    store = SQLiteStore(tmp_path / "t.sqlite3")
    config = load_bot_config(ROOT / "config" / "toon.example.toml")
    return Workflow(store, config, AuditLog(store, tmp_path / "spool.jsonl"), clock=lambda: NOW)


def test_request_preconditions(wf: Workflow) -> None:
    ok = wf.check("お知らせです。", user="U0SOUMUSTF1")
    assert wf.request_signoff(ok.record.id, "U0SOUMUSTF1").problem == Problem.NO_SIGNOFF_NEEDED
    review = wf.check(REVIEW, user="U0SOUMUSTF1")
    assert wf.request_signoff(review.record.id, "U0OTHER").problem == Problem.NOT_YOUR_CHECK
    assert wf.request_signoff("nope", "U0SOUMUSTF1").problem == Problem.CHECK_NOT_FOUND
    blocked = wf.check("2027年1月10日(土)に開きます。", user="U0SOUMUSTF1")
    assert wf.request_signoff(blocked.record.id, "U0SOUMUSTF1").problem == Problem.REASON_REQUIRED
    long = wf.request_signoff(blocked.record.id, "U0SOUMUSTF1", override_reason="x" * 2001)
    assert long.problem == Problem.REASON_TOO_LONG


def test_department_comes_from_account_then_membership(wf: Workflow) -> None:
    by_member = wf.check(REVIEW, user="U0KIKISTAF1")
    assert wf.request_signoff(by_member.record.id, "U0KIKISTAF1").heads == ("U0KIKIHEAD1",)
    by_account = wf.check(REVIEW, user="U0KIKISTAF1", account="toon-x")
    assert wf.request_signoff(by_account.record.id, "U0KIKISTAF1").heads == ("U0SOUMUHEAD",)


def test_versions_of_one_draft(wf: Workflow) -> None:
    first = wf.check(REVIEW, user="U0SOUMUSTF1")
    v1 = wf.request_signoff(first.record.id, "U0SOUMUSTF1").request
    assert v1 is not None and v1.version == 1
    second = wf.check(REVIEW + "。", user="U0SOUMUSTF1", draft_id=v1.draft_id)
    out = wf.request_signoff(second.record.id, "U0SOUMUSTF1")
    assert out.request is not None and out.request.version == 2
    assert [r.id for r in out.superseded] == [v1.id]
    assert wf.decide(v1.id, "U0SOUMUHEAD", approve=True).problem == Problem.SUPERSEDED
    assert (
        wf.decide(out.request.id, "U0SOUMUHEAD", approve=False).problem == Problem.REASON_REQUIRED
    )
    assert wf.decide(out.request.id, "U0SOUMUHEAD", approve=False, reason="番号を削除").won


def test_console_drives_the_whole_flow(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOONBOT_DB", str(tmp_path / "c.sqlite3"))
    monkeypatch.setenv("TOONBOT_SPOOL", str(tmp_path / "c.jsonl"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    script = io.StringIO(
        f"check {REVIEW}\nrequest\nas U0SOUMUHEAD\npending\napprove NOPE\nas U0SOUMUSTF1\naudit\nquit\n"
    )
    out = io.StringIO()
    assert run_console("U0SOUMUSTF1", stdin=script, out=out) == 0
    shown = out.getvalue()
    assert "PII003" in shown and "第1版" in shown
    header = shown.split("\n", 4)[:4]  # who decides: heads, their deputies, the PR section
    assert any("(代理: U0SOUMUDEP1)" in line for line in header)
    assert any(line.startswith("広報広聴係") and "U0KOHO00001" in line for line in header)
    assert "U0SOUMUSTF1" in shown.split("これから U0SOUMUHEAD として操作します")[1]  # pending
    assert "見つかりませんでした" in shown
    assert "check" in shown.split("at,kind")[1] and "request" in shown.split("at,kind")[1]


def test_console_keeps_its_own_database_and_shows_my_requests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    production = tmp_path / "toonbot.sqlite3"
    monkeypatch.setenv("TOONBOT_DB", str(production))
    monkeypatch.setenv("TOONBOT_SPOOL", str(tmp_path / "spool.jsonl"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    blocked = "【二十歳のつどい】2027年1月10日(土)13:30から、中央公民館で開きます。"
    script = io.StringIO(
        f"check {blocked}\noverride 式典の案内状と同じ表記のため\nas U0SOUMUHEAD\npending\n"
        "as U0SOUMUSTF1\nmine\nquit\n"
    )
    out = io.StringIO()
    assert run_console("U0SOUMUSTF1", stdin=script, out=out) == 0
    shown = out.getvalue()
    assert "override 理由" in shown  # the hint under a blocked report
    pending = shown.split("これから U0SOUMUHEAD として操作します")[1]
    assert "上書きの理由: 式典の案内状と同じ表記のため" in pending
    request_id = pending.split("\n")[1].split()[0]
    assert "第1版" in pending.split("\n")[1]
    mine = shown.split("これから U0SOUMUSTF1 として操作します")[1]
    assert request_id in mine and "確認待ち" in mine
    assert not production.exists()  # the production trail is untouched
    assert (tmp_path / "toonbot-console.sqlite3").exists()
    script = io.StringIO(f"as U0SOUMUHEAD\nreject {request_id} 日付を直してください\nquit\n")
    run_console("U0SOUMUSTF1", stdin=script, out=io.StringIO())
    out = io.StringIO()
    run_console("U0SOUMUSTF1", stdin=io.StringIO("mine\nquit\n"), out=out)
    assert "U0SOUMUHEAD さんが差し戻し" in out.getvalue()
    assert "理由: 日付を直してください" in out.getvalue()
