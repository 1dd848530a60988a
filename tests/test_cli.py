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


def _check_in(copy: Path) -> subprocess.CompletedProcess[bytes]:
    """``toon-check --text 本文`` run from a modified copy of the project."""
    return subprocess.run(
        [sys.executable, "-m", "checks.cli", "--text", "本文"],
        capture_output=True,
        cwd=copy,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(copy)},
    )


def run(
    args: list[str], stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [*TOON_CHECK, *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,  # generous: the machine is shared, a loaded one is slow, not wrong
    )


def test_json_output_is_the_contract() -> None:
    p = run(["--format", "json", "--at", "2026-12-07T10:00", "--text", WRONG_WEEKDAY])
    assert p.returncode == 1
    body = json.loads(p.stdout)
    assert body["verdict"] == "block"
    assert body["dictionary"].startswith("sudachidict-core 20")
    (f,) = body["findings"]
    assert set(f) == {
        "line",
        "column",
        "end_line",
        "end_column",
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
    assert p.returncode == 1
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c"]
    assert [o["verdict"] for o in out] == ["block", "ok", "review"]


def test_jsonl_bad_record_is_reported_and_others_still_checked() -> None:
    feed = '{"id": "x", "text": ""}\nnot json\n{"id": "y", "text": "お知らせ"}\n'.encode()
    p = run(["--jsonl"], stdin=feed)
    assert p.returncode == 2
    out = [json.loads(line) for line in p.stdout.decode().splitlines()]
    assert "下書きが空です" in out[0]["error"]
    assert "2行目" in out[1]["error"]
    assert out[2] == {
        "id": "y",
        "verdict": "ok",
        "findings": [],
        "emergency": False,
        "emergency_post": False,
        "dictionary": out[2]["dictionary"],
    }


@pytest.mark.parametrize(
    ("args", "stdin", "code"),
    [
        ([], "お知らせです。".encode(), 0),
        (["-"], "5㌔のコースです。".encode(), 0),  # advice does not fail by default
        (["--fail-on", "advice", "-"], "5㌔のコースです。".encode(), 1),
        (["--at", "2027-01-16T07:00"], "お知らせです。".encode(), 1),  # review
        (["--fail-on", "block", "--at", "2027-01-16T07:00"], "お知らせです。".encode(), 0),
        (["--at", "2026-12-07T10:00", "--text", WRONG_WEEKDAY], None, 1),  # block
    ],
)
def test_exit_status_is_findings_at_or_above_fail_on(
    args: list[str], stdin: bytes | None, code: int
) -> None:
    assert run(args, stdin=stdin).returncode == code


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        ([], b"   \n", "下書きが空です"),
        ([], b"\xff\xfe\xfa", "UTF-8"),
        ([], b"\x80\xfd\xfe", "--encoding"),
        (["--at", "tomorrow", "--text", "本文"], None, "投稿予定日時"),
        (["--platform", "myspace", "--text", "本文"], None, "myspace"),
        (["--account", "nope", "--text", "本文"], None, "nope"),
        (["--account", "toon-line", "--platform", "x", "--text", "本文"], None, "矛盾"),
        (["--file", "/nonexistent/draft.txt"], None, "/nonexistent/draft.txt"),
        (["draft.txt"], None, '--text "draft.txt"'),  # a forgotten --text never passes
        (["nothing/*.txt"], None, "nothing/*.txt"),
        (["--explain", "ZZZ999"], None, "ZZZ999"),
        (["--bogus"], None, "知らないオプション"),
        (["--format", "xml", "--text", "本文"], None, "xml"),
        (["--format", "markdown", "--text", "本文"], None, "--format markdown"),
        (["--format", "json", "--explain", "FAL001"], None, "--format json"),
        (["--select", "FAL0001", "--text", "本文"], None, "FAL001"),
        (["--encoding", "klingon", "--text", "本文"], None, "klingon"),
        (["--jsonl", "--text", "本文"], None, "--jsonl と --text"),
    ],
)
def test_usage_and_input_errors_are_one_japanese_line_and_exit_2(
    args: list[str], stdin: bytes | None, needle: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if stdin is None:  # in-process (the same main(); a subprocess per case is slow)
        from checks.cli import main

        try:
            code = main(args)
        except SystemExit as e:  # argparse's usage errors
            code = int(e.code or 0)
        err = capsys.readouterr().err
    else:
        p = run(args, stdin=stdin)
        code, err = p.returncode, p.stderr.decode()
    assert code == 2, (code, err)
    assert needle in err
    assert "Traceback" not in err and "usage:" not in err


def test_terminal_report_groups_by_clause_and_marks_the_span() -> None:
    p = run(
        [
            "--no-color",
            "--at",
            "2026-12-07T10:00",
            "--platform",
            "x",
            "--text",
            WRONG_WEEKDAY + "5㌔",
        ]
    )
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
    p = run(["--text", "本文"], env={"TOONBOT_CONFIG": str(cfg)})
    assert p.returncode == 2
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
    p = _check_in(copy)
    err = p.stderr.decode()
    assert p.returncode == 2
    assert "oops" in err and "Traceback" not in err


def _drafts(tmp_path: Path) -> Path:
    folder = tmp_path / "drafts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("お知らせです。\n" + WRONG_WEEKDAY, encoding="utf-8")
    (folder / "sub" / "b.md").write_text("図書館のお知らせです。", encoding="utf-8")
    (folder / "notes.csv").write_text("not a draft", encoding="utf-8")
    return folder


def test_several_files_give_one_json_array_with_file_names_and_positions(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    p = run(["--format", "json", "--at", "2026-12-07T10:00", str(folder)])
    assert p.returncode == 1, p.stderr.decode()
    body = json.loads(p.stdout)
    assert [Path(b["file"]).name for b in body] == ["a.txt", "b.md"]  # .csv is not a draft
    (f,) = body[0]["findings"]
    assert (f["line"], f["column"], f["end_line"]) == (2, 10, 2)
    assert f["end_column"] - f["column"] == len("1月10日(土)")


def test_globs_and_json_lines_output(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    p = run(["--format", "jsonl", "--at", "2026-12-07T10:00", str(folder / "**" / "*.md")])
    assert p.returncode == 0, p.stderr.decode()
    (line,) = p.stdout.decode().splitlines()
    assert json.loads(line)["file"].endswith("b.md")


def test_github_annotations(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    p = run(["--format", "github", "--at", "2026-12-07T10:00", str(folder / "a.txt")])
    (line,) = p.stdout.decode().splitlines()
    assert line.startswith(f"::error file={folder / 'a.txt'},line=2,col=10,")
    assert "title=FAL001 weekday-mismatch::" in line


def test_sarif_is_a_minimal_valid_2_1_0_log(tmp_path: Path) -> None:
    folder = _drafts(tmp_path)
    p = run(["--format", "sarif", "--at", "2026-12-07T10:00", str(folder)])
    log = json.loads(p.stdout)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = log["runs"]
    assert run_["tool"]["driver"]["name"] == "toon-check"
    assert [r["id"] for r in run_["tool"]["driver"]["rules"]] == ["FAL001"]
    (result,) = run_["results"]
    assert result["ruleId"] == "FAL001" and result["level"] == "error"
    loc = result["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"]["uri"].endswith("a.txt")
    assert (loc["region"]["startLine"], loc["region"]["startColumn"]) == (2, 10)


def test_concise_select_ignore_and_quiet(tmp_path: Path) -> None:
    draft = tmp_path / "d.txt"
    draft.write_text(WRONG_WEEKDAY + "5㌔", encoding="utf-8")
    at = ["--at", "2026-12-07T10:00"]
    lines = run(["--format", "concise", *at, str(draft)]).stdout.decode().splitlines()
    assert [line.split(": ")[1].split()[0] for line in lines] == ["FAL001", "ACC001"]
    assert lines[0].startswith(f"{draft}:1:10: FAL001 [block] ")
    only = run(["--format", "concise", "--select", "accessibility", *at, str(draft)])
    assert [line.split()[1] for line in only.stdout.decode().splitlines()] == ["ACC001"]
    assert only.returncode == 0  # what is left is advice
    ignored = run(["--format", "concise", "--ignore", "FAL,ACC001", *at, str(draft)])
    assert ignored.stdout == b"" and ignored.returncode == 0
    quiet = run(["--quiet", "--text", "お知らせです。"])
    assert quiet.stdout == b"" and quiet.returncode == 0


def test_color_follows_no_color_and_the_option() -> None:
    args = ["--at", "2026-12-07T10:00", "--text", WRONG_WEEKDAY]
    assert b"\033[" in run(["--color", *args]).stdout
    assert b"\033[" not in run(args, env={"NO_COLOR": "1"}).stdout
    assert b"\033[" not in run(["--no-color", *args]).stdout


def test_version_and_japanese_help() -> None:
    v = run(["--version"])
    assert v.returncode == 0
    assert v.stdout.decode().startswith("toon-check 0.") and "sudachidict-core" in v.stdout.decode()
    h = run(["--help"]).stdout.decode()
    assert h.startswith("使い方: toon-check")
    assert "終了コード" in h and "--fail-on" in h and "オプション" in h


def test_shift_jis_files_are_read_and_said_so(tmp_path: Path) -> None:
    draft = tmp_path / "office.txt"
    draft.write_bytes(WRONG_WEEKDAY.encode("cp932"))
    p = run(["--format", "json", "--at", "2026-12-07T10:00", str(draft)])
    assert json.loads(p.stdout)["findings"][0]["excerpt"] == "1月10日(土)"
    assert "cp932" in p.stderr.decode()
    forced = run(["--encoding", "utf-8", str(draft)])
    assert forced.returncode == 2 and "utf-8" in forced.stderr.decode()


@pytest.mark.parametrize(
    ("at", "codes", "when"),
    [
        ("2027/02/01", [], None),  # a Monday, time unknown: not "midnight, outside hours"
        ("2027/2/1 7:00", ["HRS001"], "2月1日(月) 07:00"),
        ("2027/01/16", ["HRS001"], "1月16日(土)"),  # a Saturday: closed whatever the time
        ("２０２７年１月１６日", ["HRS001"], "1月16日(土)"),
    ],
)
def test_at_as_staff_type_it(at: str, codes: list[str], when: str | None) -> None:
    p = run(["--format", "json", "--at", at, "--text", "お知らせです。"])
    body = json.loads(p.stdout)
    assert [f["code"] for f in body["findings"]] == codes, p.stderr.decode()
    if when is not None:
        message = body["findings"][0]["message"]
        assert when in message
        if ":" not in when:
            assert "00:00" not in message


def test_pre_commit_hook_runs_on_the_changed_files(tmp_path: Path) -> None:
    """pre-commit runs ``entry args... file1 file2`` (.pre-commit-hooks.yaml is JSON, which
    is YAML too)."""
    import tomllib

    (hook,) = json.loads((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts[hook["entry"]] == "checks.cli:main"
    clean, flagged = tmp_path / "clean.txt", tmp_path / "flagged.md"
    clean.write_text("図書館のお知らせです。", encoding="utf-8")
    flagged.write_text("新しい施設の名前は検討中です。", encoding="utf-8")
    assert run([*hook["args"], str(clean)]).returncode == 0
    p = run([*hook["args"], str(clean), str(flagged)])
    assert p.returncode == 1
    assert p.stdout.decode().startswith(f"{flagged}:1:")


def test_config_that_is_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    p = run(["--config", str(tmp_path), "--text", "本文"])
    assert p.returncode == 2 and str(tmp_path) in p.stderr.decode()
    assert "Traceback" not in p.stderr.decode()


def test_a_crash_exits_2_not_the_findings_code(tmp_path: Path) -> None:
    """An internal error must never look like a verdict (it used to exit 1, "review")."""
    import shutil

    copy = tmp_path / "proj"
    for part in ("checks", "messages", "config"):
        shutil.copytree(ROOT / part, copy / part)
    engine = copy / "checks" / "engine.py"
    source = engine.read_text("utf-8")
    marker = '    """Run ``rules`` over the analysed draft and settle the findings."""\n'
    assert marker in source
    engine.write_text(source.replace(marker, marker + '    raise RuntimeError("boom")\n'), "utf-8")
    p = _check_in(copy)
    err = p.stderr.decode()
    assert p.returncode == 2
    assert "内部エラー" in err and "RuntimeError: boom" in err
