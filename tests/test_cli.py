"""toon-check as a user and the evaluation scripts run it: a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TOON_CHECK = [sys.executable, "-m", "checks.cli"]
WRONG_WEEKDAY = "【二十歳のつどい】1月10日(土)13:30から、中央公民館で開きます。"


def run(
    args: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*TOON_CHECK, *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_json_output_is_the_contract() -> None:
    p = run(["--format", "json", "--at", "2026-12-07T10:00", WRONG_WEEKDAY])
    assert p.returncode == 2
    body = json.loads(p.stdout)
    assert body["verdict"] == "block"
    (f,) = body["findings"]
    assert set(f) == {
        "code",
        "name",
        "category",
        "clause",
        "severity",
        "start",
        "end",
        "excerpt",
        "message",
        "suggestion",
    }
    assert f["category"] == "false_info"
    assert WRONG_WEEKDAY[f["start"] : f["end"]] == f["excerpt"] == "1月10日(土)"


def test_jsonl_carries_ids_and_each_record_context() -> None:
    records = [
        {"id": "a", "text": WRONG_WEEKDAY, "posted_at": "2026-12-07T10:00:00+09:00"},
        {
            "id": "b",
            "text": "お知らせです。",
            "platform": "x",
            "posted_at": "2027-02-01T10:00:00+09:00",
        },
        {"id": "c", "text": "お知らせです。", "posted_at": "2027-01-01T00:05:00+09:00"},
    ]
    feed = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode()
    p = run(["--format", "json", "--jsonl"], stdin=feed)
    assert p.returncode == 2
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [o["verdict"] for o in out] == ["block", "ok", "review"]


def test_jsonl_bad_record_is_reported_and_others_still_checked() -> None:
    feed = '{"id": "x", "text": ""}\nnot json\n{"id": "y", "text": "お知らせ"}\n'.encode()
    p = run(["--jsonl"], stdin=feed)
    assert p.returncode == 3
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert "下書きが空です" in out[0]["error"]
    assert "2行目" in out[1]["error"]
    assert out[2] == {
        "id": "y",
        "verdict": "ok",
        "findings": [],
        "emergency": False,
        "emergency_post": False,
    }


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        ([], "お知らせです。".encode(), 0),
        (["-"], "5㌔のコースです。".encode(), 0),
        (["--at", "2027-01-16T07:00"], "お知らせです。".encode(), 1),
        (["--at", "2026-12-07T10:00", WRONG_WEEKDAY], None, 2),
    ],
)
def test_exit_status_follows_the_verdict(args: list[str], stdin: bytes | None, code: int) -> None:
    assert run(args, stdin=stdin).returncode == code


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        ([], b"   \n", "下書きが空です"),
        ([], b"\xff\xfe\xfa", "UTF-8"),
        (["--at", "tomorrow", "本文"], None, "投稿予定日時"),
        (["--platform", "myspace", "本文"], None, "myspace"),
        (["--account", "nope", "本文"], None, "nope"),
        (["--file", "/nonexistent/draft.txt"], None, "/nonexistent/draft.txt"),
        (["--explain", "ZZZ999"], None, "ZZZ999"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_3(
    args: list[str], stdin: bytes | None, needle: str
) -> None:
    p = run(args, stdin=stdin)
    err = p.stderr.decode()
    if "--explain" in args:
        assert p.returncode == 3
    else:
        assert p.returncode == 3, (p.returncode, err)
    assert needle in err
    assert "Traceback" not in err


def test_terminal_report_groups_by_clause_and_marks_the_span() -> None:
    p = run(["--no-color", "--at", "2026-12-07T10:00", "--platform", "x", WRONG_WEEKDAY + "5㌔"])
    out = p.stdout.decode()
    assert "ガイドライン §3(4), §3(6)④" in out
    assert "ガイドライン §6(2)②" in out
    assert "［1月10日(土)］" in out
    assert "修正案: 「1月10日(日)」に直してください。" in out


def test_file_input(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text(WRONG_WEEKDAY, encoding="utf-8")
    p = run(["--format", "json", "--at", "2026-12-07T10:00", "--file", str(draft)])
    assert json.loads(p.stdout)["verdict"] == "block"


def test_explain_shows_clause_why_and_examples() -> None:
    p = run(["--explain", "fal001"])
    out = p.stdout.decode()
    assert p.returncode == 0
    assert "FAL001 weekday-mismatch" in out
    assert "事実に反する情報" in out  # the clause's own words
    assert "悪い例" in out and "よい例" in out


def test_list_rules_lists_every_rule() -> None:
    from checks.rules import RULES

    out = run(["--list-rules"]).stdout.decode()
    for code in RULES:
        assert code in out


def test_bad_config_names_the_key(tmp_path: Path) -> None:
    cfg = tmp_path / "city.toml"
    cfg.write_text('[city]\nname = "東温市"\n[defaults]\nhours = "8:30-7:15"\n', encoding="utf-8")
    p = run(["本文"], env={"TOONBOT_CONFIG": str(cfg)})
    assert p.returncode == 3
    assert "defaults.hours" in p.stderr.decode()


def test_broken_lexicon_is_one_clear_line(tmp_path: Path) -> None:
    """A PR-section edit that breaks a lexicon stops the checker with a message, not a traceback."""
    import shutil

    copy = tmp_path / "proj"
    shutil.copytree(ROOT / "checks", copy / "checks")
    shutil.copytree(ROOT / "messages", copy / "messages")
    shutil.copytree(ROOT / "config", copy / "config")
    lex = copy / "checks" / "lexicons" / "inclusive.toml"
    lex.write_text(lex.read_text("utf-8") + '\n[[entry]]\nid = "oops"\nwords = ["父兄"]\n', "utf-8")
    p = subprocess.run(
        [sys.executable, "-m", "checks.cli", "本文"],
        capture_output=True,
        cwd=copy,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(copy)},
    )
    err = p.stderr.decode()
    assert p.returncode == 3
    assert "oops" in err and "Traceback" not in err
