"""Bad and odd input: never a traceback, every span inside the text."""

from __future__ import annotations

import threading
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import MAX_CHARS, DraftError, check_draft
from checks.engine import default_config

AT = datetime.fromisoformat("2027-02-01T10:00:00+09:00")

# Japanese-ish text with the characters that break naive code: surrogates, controls,
# bidi overrides, emoji with joiners, half-width kana, full-width digits, dates.
_FRAGMENT = st.one_of(
    st.characters(),
    st.sampled_from(list("日月年()（）：:～~翌令和平成午前後時分0123456789０１２３")),
    st.sampled_from(
        ["\ud800", "\udfff", "\u202e", "\u200d", "\ufe0f", "\x00", "\x1b", "ｶﾞ", "①", "㈱"]
    ),
    st.sampled_from(["🎉", "👍🏻", "https://", "www.", ".jp/", "@", "#", "\n"]),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(_FRAGMENT, min_size=1, max_size=120).map("".join),
    st.sampled_from([None, "x", "line", "instagram"]),
)
def test_no_rule_raises_and_spans_lie_inside(text: str, platform: str | None) -> None:
    try:
        report = check_draft(text, platform=platform, posted_at=AT)
    except DraftError:
        assert not text.strip() or all(not c.isprintable() or c.isspace() for c in text)
        return
    # Lone surrogates become U+FFFD one for one, so offsets still point into the input.
    assert len(report.text) == len(text)
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
        span = report.text[f.start : f.end]
        assert f.excerpt == span or (f.excerpt.endswith("…") and span.startswith(f.excerpt[:-1]))


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "1月10日(土)",
                "令和9年(2026年)",
                "12:15～12:00",
                "2月29日",
                "13月1日",
                "20日(日)",
                "から",
                "と",
                "、",
                "3/16(火)",
                "翌",
                "午後3時",
                "時",
                "年度",
                "(",
                ")",
            ]
        ),
        min_size=1,
        max_size=20,
    )
)
def test_date_fragments_never_crash(parts: list[str]) -> None:
    text = "".join(parts)
    report = check_draft(text, posted_at=AT)
    assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)


@pytest.mark.parametrize("text", ["", " ", "\n\t ", "\u3000\u3000", "\u200b"])
def test_empty_draft_is_a_clear_error(text: str) -> None:
    with pytest.raises(DraftError, match="下書きが空です"):
        check_draft(text)


def test_huge_draft_is_checked_in_chunks() -> None:
    text = ("市立図書館は2月15日(月)から休館します。\n" * 5000)[:MAX_CHARS]
    assert check_draft(text, posted_at=AT).findings == ()
    over = check_draft(text, platform="facebook", posted_at=AT)
    assert over.codes == ("PLT001",)
    assert "36,794" in over.findings[0].message
    # Every sentence is checked, including those past Sudachi's 49,149-byte input limit.
    wrong = text.replace("2月15日(月)", "2月15日(火)")
    codes = [f.code for f in check_draft(wrong, posted_at=AT).findings]
    assert codes.count("FAL001") == wrong.count("(火)")


def test_over_long_draft_is_refused() -> None:
    with pytest.raises(DraftError, match="長すぎます"):
        check_draft("あ" * (MAX_CHARS + 1))


def test_lone_surrogates_and_controls_are_reported_not_raised() -> None:
    text = "申込み\ud800は\x00こちら\u202eへ"
    report = check_draft(text, posted_at=AT)
    assert "ACC006" in report.codes


def test_unknown_account_is_a_clear_error() -> None:
    with pytest.raises(DraftError, match="nope"):
        check_draft("本文", account="nope")


def test_threads_each_get_their_own_tokenizer() -> None:
    texts = [f"1月{d}日(月)に開きます。" for d in range(1, 29)]
    expected = {t: check_draft(t, posted_at=AT).codes for t in texts}
    errors: list[BaseException] = []
    results: dict[str, tuple[str, ...]] = {}

    def work(t: str) -> None:
        try:
            for _ in range(20):
                results[t] = check_draft(t, posted_at=AT).codes
        except BaseException as e:  # collected and re-raised in the main thread
            errors.append(e)

    threads = [threading.Thread(target=work, args=(t,)) for t in texts]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert results == expected


def test_naive_posting_time_is_city_time() -> None:
    cfg = default_config()
    naive = check_draft("お知らせ", posted_at=datetime(2027, 2, 1, 18, 0))
    aware = check_draft("お知らせ", posted_at=datetime(2027, 2, 1, 18, 0, tzinfo=cfg.tz))
    assert naive.codes == aware.codes == ("HRS001",)
