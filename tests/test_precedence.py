"""One problem, one category: the precedence table (checks/data/precedence.toml)."""

from __future__ import annotations

from checks import check_draft
from checks.models import Category, Finding, Severity
from checks.precedence import precedence_markdown, precedence_table, resolve
from tests.conftest import ROOT


def _f(code: str, category: Category, start: int, end: int) -> Finding:
    return Finding(
        code=code,
        name=code.lower(),
        category=category,
        clause="",
        severity=Severity.REVIEW,
        start=start,
        end=end,
        excerpt="",
        message="",
        suggestion=None,
    )


def test_the_table_loads_and_names_known_keys() -> None:
    assert precedence_table()


def test_an_overlapping_loser_is_dropped_and_the_rest_kept() -> None:
    look_alike = _f("LNK003", Category.HARMFUL_LINK, 10, 40)
    page = _f("TPY001", Category.THIRD_PARTY, 10, 40)
    other_page = _f("TPY001", Category.THIRD_PARTY, 50, 70)
    assert resolve([look_alike, page, other_page]) == (look_alike, other_page)


def test_a_partial_overlap_counts_and_order_does_not_matter() -> None:
    handle = _f("PII008", Category.PERSONAL_INFO, 0, 12)
    mention = _f("TPY002", Category.THIRD_PARTY, 5, 20)
    assert resolve([mention, handle]) == (handle,)


def test_two_problems_stay_two() -> None:
    # A casino's page the post recommends: harmful, and the city vouching for a private
    # site; no entry silences either.
    denied = _f("LNK004", Category.HARMFUL_LINK, 0, 30)
    recommended = _f("TPY004", Category.THIRD_PARTY, 0, 30)
    assert resolve([denied, recommended]) == (denied, recommended)


def test_a_harmful_site_merely_linked_is_harmful_link_only() -> None:
    denied = _f("LNK004", Category.HARMFUL_LINK, 0, 30)
    page = _f("TPY001", Category.THIRD_PARTY, 0, 30)
    assert resolve([denied, page]) == (denied,)


def test_a_child_named_next_to_a_photo_is_rights_not_personal_info() -> None:
    caption = _f("RGT001", Category.RIGHTS, 0, 30)
    name = _f("PII001", Category.PERSONAL_INFO, 20, 26)
    other = _f("PII001", Category.PERSONAL_INFO, 40, 46)
    assert resolve([name, caption, other]) == (caption, other)


def test_an_adult_top_level_domain_is_reported_once() -> None:
    report = check_draft("参加登録は下のサイトからどうぞ。\nhttps://www.night-ehime.xxx/entry")
    assert [f.code for f in report.findings] == ["LNK004"]


def test_a_look_alike_link_is_reported_once_as_harmful_link() -> None:
    report = check_draft("申請はこちら https://www.c1ty.toon.ehime.jp/kyufu/apply")
    assert {f.category for f in report.findings} == {Category.HARMFUL_LINK}


def test_an_answered_handle_is_personal_info_not_a_quote() -> None:
    report = check_draft("@toon_papa_88 さんのご指摘のとおり、休館日の表記に誤りがありました。")
    assert [(f.code, f.category) for f in report.findings] == [("PII008", Category.PERSONAL_INFO)]


def test_precedence_doc_is_current() -> None:
    doc = ROOT / "docs" / "precedence.md"
    assert doc.read_text("utf-8") == precedence_markdown(), (
        "docs/precedence.md is stale: run `make docs/precedence.md`"
    )


def test_a_cycle_in_the_table_is_refused() -> None:
    from checks.precedence import Precedence, _cycle

    a = Precedence(frozenset({"harmful_link"}), frozenset({"third_party"}), "")
    b = Precedence(frozenset({"third_party"}), frozenset({"harmful_link"}), "")
    assert _cycle([a]) == []
    assert _cycle([a, b]) == ["harmful_link", "third_party", "harmful_link"]
