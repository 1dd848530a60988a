"""Required strings read off a pattern: every non-empty match contains one of them."""

from __future__ import annotations

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checks.prefilter import required_strings
from checks.rules.lexical import _index
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("pattern", "required"),
    [
        ("死ね", {"死ね"}),
        ("(?:死|氏)ね(?![ばる])", {"死ね", "氏ね"}),
        ("[一-龥]{1,3}(?:市|町)民", {"市民", "町民"}),
        (
            "(?<=[、。])(?:文句|苦情)を?言うな",
            {"文句を言うな", "文句言うな", "苦情を言うな", "苦情言うな"},
        ),
        ("a.*b", {"a"}),
        ("(?:x|.)y", {"y"}),
    ],
)
def test_required_strings_of_small_patterns(pattern: str, required: set[str]) -> None:
    assert required_strings(pattern) == frozenset(required)


@pytest.mark.parametrize("pattern", ["", "a?", ".*", "(?i)abc", r"(a)\1", "(?:a|)b?"])
def test_no_requirement_is_invented(pattern: str) -> None:
    assert required_strings(pattern) is None


def _shipped() -> list[tuple[str, frozenset[str]]]:
    out = []
    for lex in _index().lexicons:
        for e in lex.entries:
            if e.pattern_source is not None:
                required = required_strings(e.pattern_source)
                if required is not None:  # None: the pattern always runs (no shortcut)
                    out.append((e.pattern_source, required))
    return out


def _texts() -> list[str]:
    paths = [*sorted((ROOT / "tests" / "fixtures").rglob("*.jsonl"))]
    return [
        json.loads(line).get("text", "")
        for p in paths
        for line in p.read_text("utf-8").splitlines()
        if line.strip()
    ]


def test_every_match_of_a_shipped_pattern_contains_a_required_string() -> None:
    texts = _texts()
    assert len(texts) > 1000
    for source, required in _shipped():
        pattern = re.compile(source)
        for text in texts:
            for m in pattern.finditer(text):
                if m.end() > m.start():
                    assert any(r in m.group() for r in required), (source[:60], m.group())


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_random_texts_over_a_patterns_own_characters(data: st.DataObject) -> None:
    source, required = data.draw(st.sampled_from(_SHIPPED))
    alphabet = sorted({c for c in source if not c.isascii()} | set("、。 "))
    text = data.draw(st.text(alphabet=alphabet, max_size=40))
    for m in re.finditer(source, text):
        if m.end() > m.start():
            assert any(r in m.group() for r in required)


_SHIPPED = _shipped()


def test_every_match_of_a_modality_cue_contains_a_required_string() -> None:
    from checks.analysis.clauses import _cues

    texts = _texts()
    for flag, rx in _cues():
        required = required_strings(rx.pattern)
        if required is None:  # the gate searches the pattern itself
            continue
        for text in texts:
            for m in rx.finditer(text):
                assert m.group() and any(r in m.group() for r in required), (flag, m.group())


def test_draft_literals_answer_each_check_for_its_own_strings() -> None:
    """One pass finds every registered string; strings registered later (a lexicon loaded
    after a draft was analysed) are found again for that draft."""
    from checks.analysis import analyse
    from checks.prefilter import LITERALS, AnchorSet

    draft = analyse("市の職員が、ちゃんと読んでくださいと言った。")
    before = draft.literals()
    LITERALS.register(["ちゃんと読ん", "読んで", "存在しない文字列"])
    after = draft.literals()
    assert {"ちゃんと読ん", "読んで"} <= after
    assert "存在しない文字列" not in after
    assert after is not before and draft.literals() is after  # kept until the next register
    assert AnchorSet(["市", "職員が", "ちゃ", "xyz"]).present(draft.folded) == {
        "市",
        "職員が",
        "ちゃ",
    }
