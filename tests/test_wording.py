"""Sentences a PR officer found reading wrong (issue 12, point 9): each stays fixed."""

from __future__ import annotations

import errno
from datetime import datetime

from bot.models import RequestState, SignoffRequest
from bot.workflow import Problem, problem_text
from checks import check_draft
from checks.cases import rule_cases
from checks.oserrors import os_error_text
from checks.render import example_lines, report_terminal


def _hrs001(at: str) -> tuple[str, str]:
    report = check_draft("お知らせです。", posted_at=datetime.fromisoformat(at))
    (f,) = [f for f in report.findings if f.code == "HRS001"]
    return f.message, f.suggestion or ""


def test_weekend_names_the_day_not_both_days() -> None:
    message, _ = _hrs001("2027-02-13T18:10:00+09:00")
    assert message.startswith("投稿予定の2月13日(土) 18:10は、土曜日のため、運用時間外です。")
    assert "土曜日・日曜日" not in message
    message, _ = _hrs001("2027-02-14T10:00:00+09:00")
    assert "2月14日(日) 10:00は、日曜日のため" in message


def test_substitute_holiday_reads_as_one_name() -> None:
    message, _ = _hrs001("2027-03-22T10:00:00+09:00")  # 春分の日 (Sun 21) → 振替休日
    assert "3月22日(月) 10:00は、休日(振替休日)のため、運用時間外です。" in message
    assert "春分の日 振替休日" not in message
    message, _ = _hrs001("2027-03-21T10:00:00+09:00")
    assert "祝日(春分の日)のため" in message


def test_emergency_note_is_not_announced_twice() -> None:
    _, suggestion = _hrs001("2027-02-13T18:10:00+09:00")
    assert "緊急の場合" not in suggestion and suggestion.count("緊急") == 1


def test_dec001_message_does_not_repeat_itself() -> None:
    (f,) = check_draft("市民会館の建て替えは検討中です。").findings
    assert f.message == "「検討中」とあります。まだ決まっていない内部の検討状況です。"


def test_inc001_quotes_each_option() -> None:
    (f,) = check_draft("ご主人にもお伝えください。").findings
    assert f.suggestion == "「夫」「パートナー」「ご家族」などに言い換えてください。"


def test_decided_request_sentences() -> None:
    base = SignoffRequest(
        "r1", "d1", 1, "c1", "U1", "soumu", "本文", "review", (), (), "2027-02-01T10:00:00+09:00"
    )
    at = "2027-11-30T17:25:00+09:00"
    rejected = base.decided(RequestState.REJECTED, "UHEAD", at, "理由")
    assert problem_text(Problem.ALREADY_DECIDED, rejected) == (
        "この依頼は、すでに <@UHEAD> さんが差し戻しました(11月30日 17:25)。"
    )
    expired = base.decided(RequestState.EXPIRED, "toonbot", at, None)
    assert "toonbot" not in problem_text(Problem.ALREADY_DECIDED, expired)


def test_explain_examples_that_differ_only_in_the_form_read_differently() -> None:
    cases = rule_cases("RGT002")
    assert example_lines(cases.bad_example) != example_lines(cases.good_example)


def test_os_errors_and_brackets_are_japanese() -> None:
    assert os_error_text(FileNotFoundError(errno.ENOENT, "No such file")) == (
        "ファイルまたはフォルダーがありません"
    )
    shown = report_terminal(check_draft("ご主人にもお伝えください。"))
    assert "（" not in shown and "）" not in shown


def test_every_category_has_a_japanese_name() -> None:
    from checks import Category
    from messages import has_text

    assert all(has_text(f"category.{c.value}") for c in Category)


def test_a_list_of_replacements_is_quoted_one_by_one() -> None:
    from checks.rules.lexical import replacement_advice

    assert (
        replacement_advice("ひとり親、婚外子") == "「ひとり親」「婚外子」などに言い換えてください。"
    )
    assert replacement_advice("保護者") == "「保護者」に言い換えてください。"
