"""Emergency notices outside operating hours (§6(1) ただし書) and their mark in the report."""

from __future__ import annotations

from datetime import datetime

import pytest

from checks import check_draft
from checks.analysis import fold_width
from checks.emergency import emergency_terms, is_emergency_notice

NIGHT = datetime.fromisoformat("2027-07-09T22:30:00+09:00")  # a Friday, after hours
DAY = datetime.fromisoformat("2027-07-09T10:00:00+09:00")
ORDER = "【避難指示】土砂災害の危険性が高まったため、河之内地区に避難指示を発令しました。"
ROUTINE = "夏休みの図書館の開館時間をお知らせします。"


@pytest.mark.parametrize(("draft", "expected"), emergency_terms().specs)
def test_specs_of_the_emergency_list(draft: str, expected: bool) -> None:
    assert is_emergency_notice(fold_width(draft)) is expected


def test_emergency_notice_outside_hours_on_an_allowing_account() -> None:
    report = check_draft(ORDER, account="toon-line", posted_at=NIGHT)
    assert "HRS001" not in report.codes
    assert report.emergency and report.emergency_post
    assert report.to_dict()["emergency_post"] is True


def test_account_without_the_policy_still_gets_the_finding() -> None:
    report = check_draft(ORDER, account="toon-facebook", posted_at=NIGHT)
    assert "HRS001" in report.codes
    assert report.emergency and not report.emergency_post


def test_routine_post_outside_hours_is_flagged_on_any_account() -> None:
    report = check_draft(ROUTINE, account="toon-line", posted_at=NIGHT)
    assert "HRS001" in report.codes
    assert not report.emergency and not report.emergency_post


def test_within_hours_is_not_an_emergency_post() -> None:
    report = check_draft(ORDER, account="toon-line", posted_at=DAY)
    assert report.emergency and not report.emergency_post
    assert report.to_dict()["emergency_post"] is False
