"""checks/corrections.py: which lines quote the wrong information of a correction."""

from __future__ import annotations

from checks.corrections import quoted_error_lines


def test_error_line_markers() -> None:
    text = "【訂正】\n(誤)10月5日(土)\n（正）10月12日(土)\n【誤】A\n 誤：B\n誤りがありました。"
    lines = [text[a:b] for a, b in quoted_error_lines(text)]
    assert lines == ["(誤)10月5日(土)", "【誤】A", " 誤：B"]


def test_no_marker_no_line() -> None:
    assert quoted_error_lines("誤った情報を掲載しました。(正しくは10月12日です)") == []


def test_a_drafted_correction_is_not_flagged_for_the_error_it_corrects() -> None:
    from datetime import datetime

    from bot.correction import Correction, correction_draft
    from checks import check_draft

    draft = correction_draft(
        Correction(
            "【秋まつり】10月5日(土)に開きます。", "開催日 10月5日(土)", "開催日 10月9日(土)"
        )
    )
    report = check_draft(draft, posted_at=datetime.fromisoformat("2027-10-06T10:00:00+09:00"))
    assert "FAL001" not in report.codes
