"""The clause layer: modality cues keep their specs; clauses, negation and quotation."""

from __future__ import annotations

import tomllib
from importlib.resources import files

import pytest

from checks.analysis import analyse
from checks.analysis.clauses import Clause, Modality, stance

_SPECS = tomllib.loads(files("checks.data").joinpath("modality.toml").read_text("utf-8"))


def clauses(text: str) -> tuple[Clause, ...]:
    return analyse(text).clauses


def modality(text: str) -> Modality:
    m = Modality.NONE
    for c in clauses(text):
        m |= c.modality
    return m


@pytest.mark.parametrize(
    ("name", "example", "expected"),
    [
        (name, ex, kind == "hit")
        for name, spec in _SPECS.items()
        for kind in ("hit", "miss")
        for ex in spec[kind]
    ],
)
def test_modality_specs(name: str, example: str, expected: bool) -> None:
    flag = Modality[name.upper()]
    assert bool(modality(example) & flag) is expected, (name, example, modality(example))


def test_clauses_split_at_conditionals_and_commas() -> None:
    text = "駐車場がいっぱいなら、近くのスーパーに停めちゃってください！"
    got = [text[c.start : c.end] for c in clauses(text)]
    assert got == ["駐車場がいっぱいなら、", "近くのスーパーに停めちゃってください！"]


def test_main_predicate_governs_subordinate_clause() -> None:
    text = "駐車場がいっぱいなら、近くのスーパーに停めちゃってください！"
    cs = clauses(text)
    assert stance(cs, 0) & Modality.INSTRUCTION


def test_prohibition_anywhere_in_the_sentence_counts() -> None:
    text = "ごみを野焼きすると法律違反になりますので、やめましょう。"
    s = stance(clauses(text), 0)
    assert s & Modality.against()


def test_quoted_instruction_is_not_the_writers() -> None:
    text = "「今すぐ振り込んでください」という電話に注意してください。"
    cs = clauses(text)
    assert cs[0].quoted and not cs[1].quoted
    outside = stance(cs, text.index("という"))
    assert outside & Modality.WARNING


def test_negation() -> None:
    assert clauses("ルールを守らない")[0].negated
    assert not clauses("ルールを守る")[0].negated
    assert clauses("まだ分かりません")[0].negated


def test_offer_is_not_encouragement() -> None:
    assert not modality("手伝いましょうか") & Modality.ENCOURAGEMENT
    assert modality("一緒に燃やそう") & Modality.ENCOURAGEMENT


def test_prohibitive_na_after_a_verb_but_not_after_an_adjective() -> None:
    assert modality("ここに来るなよ") & Modality.PROHIBITION
    assert not modality("しつこいな") & Modality.PROHIBITION


def test_a_bracket_left_open_on_a_line_quotes_nothing() -> None:
    from checks import check_draft

    assert not any(c.quoted for c in clauses("件名は「ご意見\nこいつら本当に使えない。"))
    found = check_draft("件名は「ご意見\nこいつら本当に使えない。").findings
    assert any(f.category.value == "insult" for f in found)
    quoted = check_draft("「こいつら本当に使えない」という書き込みを削除しました。").findings
    assert not any(f.category.value == "insult" for f in quoted)


def test_stance_of_the_first_and_last_clause() -> None:
    text = "満車なら、スーパーに停めてください。ごみは持ち帰りましょう。"
    cs = clauses(text)
    assert stance(cs, 0) & Modality.INSTRUCTION
    assert stance(cs, text.index("ごみ")) & Modality.ENCOURAGEMENT
    assert stance(cs, len(text)) == Modality.NONE


def test_a_quoted_sign_before_a_concession_is_granted() -> None:
    # 「「立入禁止」のロープはありますが、」: the sign is granted, the route after it urged.
    text = "「立入禁止」のロープは張ってありますが、横の斜面から回り込めば教室の中まで見られます。"
    s = stance(clauses(text), text.index("横の"))
    assert s & Modality.ENCOURAGEMENT
    assert not s & Modality.against()
    # Without the concession the prohibition still counts.
    plain = "横の斜面から回り込むのは「立入禁止」です。"
    assert stance(clauses(plain), 0) & Modality.PROHIBITION
