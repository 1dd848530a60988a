"""The lexicon loader: entries need specs and a source, and specs are enforced on load."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from checks.analysis import analyse
from checks.lexicon import LexiconError, LexiconIndex, check_specs, parse_lexicon
from checks.rules.lexical import lexicon_names
from tests.conftest import ROOT


def _lex(body: str) -> Any:
    return parse_lexicon("test", tomllib.loads(body))


def test_every_shipped_lexicon_loads_and_passes_its_specs() -> None:
    for name in lexicon_names():
        raw = tomllib.loads((ROOT / "checks" / "lexicons" / f"{name}.toml").read_text("utf-8"))
        lex = parse_lexicon(name, raw)
        assert lex.entries, name
        assert check_specs(lex) == []


def test_a_word_is_one_entry_and_matches_conjugations() -> None:
    lex = _lex(
        '[[entry]]\nid = "x"\nwords = ["申し込む"]\nsource = "test"\nhit = ["申込みました"]\n'
    )
    assert check_specs(lex) == []
    hits = LexiconIndex([lex]).scan(analyse("明日申し込みます"))["test"]
    assert [(h.start, h.end) for h in hits] == [(2, 6)]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ('[[entry]]\nid = "a"\nwords = ["父兄"]\nsource = "s"\n', "without a spec"),
        ('[[entry]]\nid = "a"\nwords = ["父兄"]\nhit = ["父兄"]\n', "source"),
        ('[[entry]]\nid = "a"\npattern = "父兄"\nsource = "s"\nhit = ["父兄"]\n', "anchors"),
        ('[[entry]]\nid = "a"\nsource = "s"\nhit = ["父兄"]\n', "needs words"),
        (
            '[[entry]]\nid = "a"\npattern = "(("\nanchors=["x"]\nsource = "s"\nhit = ["x"]\n',
            "regular",
        ),
        (
            '[[entry]]\nid = "a"\nwords = ["父兄"]\nsource = "s"\nhit = ["x"]\n'
            '[[entry]]\nid = "a"\nwords = ["父兄"]\nsource = "s"\nhit = ["x"]\n',
            "duplicate",
        ),
    ],
)
def test_malformed_entries_are_refused(body: str, problem: str) -> None:
    with pytest.raises(LexiconError, match=problem):
        _lex(body)


def test_failing_specs_are_reported_with_the_entry() -> None:
    lex = _lex(
        '[[entry]]\nid = "fukei"\nwords = ["父兄"]\nsource = "s"\n'
        'hit = ["保護者の皆様"]\nmiss = ["父兄の皆様"]\n'
    )
    problems = check_specs(lex)
    assert len(problems) == 2
    assert all("test/fukei" in p for p in problems)


def test_frames_quotes_and_negation() -> None:
    lex = _lex(
        '[defaults]\nframes = ["禁止"]\n'
        '[[entry]]\nid = "k"\nwords = ["殺す"]\nsource = "s"\nhit = ["殺す"]\n'
    )
    index = LexiconIndex([lex])

    def found(text: str) -> bool:
        return bool(index.scan(analyse(text))["test"])

    assert found("あいつを殺す")
    assert not found("殺すことは法律で禁止されています")  # a warning frame
    assert not found("「殺すぞ」と脅す電話がありました")  # someone else's words
    assert not found("虫も殺さない")  # negated verb


def test_reading_keys_unify_spellings() -> None:
    lex = _lex('[[entry]]\nid = "b"\nreadings = ["バカ"]\nsource = "s"\nhit = ["馬鹿"]\n')
    index = LexiconIndex([lex])
    for spelling in ("ばかな話", "バカな話", "馬鹿な話"):
        assert index.scan(analyse(spelling))["test"], spelling
    assert not index.scan(analyse("終えたばかりです"))["test"]
