"""The lexicon loader: entries need specs and a source, and specs are enforced on load."""

from __future__ import annotations

import json
import tomllib
import uuid
from pathlib import Path
from typing import Any

import pytest

import checks.lexicon as lexicon_module
from checks.analysis import analyse
from checks.lexicon import (
    Lexicon,
    LexiconError,
    LexiconIndex,
    check_specs,
    load_lexicon,
    parse_lexicon,
)
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


def _found(body: str, text: str) -> list[str]:
    from checks.lexicon import load_vocabularies

    lex = _lex(body)
    hits = LexiconIndex([lex, *load_vocabularies()]).scan(analyse(text))["test"]
    return [text[h.start : h.end] for h in hits]


_ACT = (
    '[[entry]]\nid = "park"\npattern = "スーパーに停め"\nanchors = ["停め"]\n'
    'stance = "urging"\nsource = "s"\nhit = ["スーパーに停めてください"]\n'
)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("満車なら、近くのスーパーに停めちゃってください！", True),
        ("スーパーに停めても大丈夫ですよ", True),
        ("スーパーに停めないでください", False),
        ("スーパーに停めるのは迷惑駐車で、違反になります", False),
        ("昨日スーパーに停めました", False),
        ("「スーパーに停めていいよ」と言われても、停めないでください", False),
    ],
)
def test_an_act_counts_only_when_the_writer_urges_it(text: str, found: bool) -> None:
    assert bool(_found(_ACT, text)) is found


_EVALUATION = (
    '[[entry]]\nid = "useless"\nwords = ["使えない"]\ntarget = ["someone", "staff"]\n'
    'negated_ok = false\nsource = "s"\nhit = ["こいつら使えない"]\n'
)


def test_an_evaluation_counts_when_said_of_someone_and_spans_both() -> None:
    assert _found(_EVALUATION, "こいつら本当に使えない") == ["こいつら本当に使えない"]
    assert _found(_EVALUATION, "使えないな、この人") == ["使えないな、この人"]
    assert _found(_EVALUATION, "このアプリは古い端末では使えない") == []
    assert _found(_EVALUATION, "「こいつら使えない」という書き込みを削除しました") == []


def test_fuseji_masks_one_character_but_not_the_first() -> None:
    body = (
        '[defaults]\nfuseji = true\n[[entry]]\nid = "b"\nwords = ["バカ"]\n'
        'source = "s"\nhit = ["バ○ですね"]\n'
    )
    assert _found(body, "バ○じゃないの") == ["バ○"]
    assert _found(body, "○カ所で実施") == []


def test_negation_of_another_verb_does_not_cancel_a_noun() -> None:
    body = '[[entry]]\nid = "b"\nwords = ["バカ"]\nsource = "s"\nhit = ["バカですね"]\n'
    assert _found(body, "バカには分からないでしょうね") == ["バカ"]
    assert _found(body, "人をバカにしないでください") == []


def test_cells_must_exist_in_the_coverage_map() -> None:
    body = '[[entry]]\nid = "b"\nwords = ["x"]\ncells = ["insult/nowhere"]\nsource = "s"\nhit = ["x"]\n'
    with pytest.raises(LexiconError, match="unknown coverage cells"):
        _lex(body)


_CACHED = (
    '[[entry]]\nid = "apply"\nwords = ["申し込む"]\npattern = "申込(?:書|用紙)"\n'
    'anchors = ["申込"]\nnot_after = "^済"\nsource = "s"\nhit = ["申込書"]\nmiss = ["申込済"]\n'
)


def _package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> str:
    """A lexicon package of its own (one file, x.toml) and an empty load cache."""
    name = f"lexpkg_{uuid.uuid4().hex}"
    (tmp_path / name).mkdir()
    (tmp_path / name / "__init__.py").write_text("")
    (tmp_path / name / "x.toml").write_text(body, "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setenv("TOONBOT_CACHE_DIR", str(tmp_path / "cache"))
    return name


def test_a_verified_lexicon_loads_from_the_cache_without_its_specs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, _CACHED)
    first = load_lexicon.__wrapped__("x", package=package)

    def no_specs(lex: Lexicon) -> list[str]:
        raise AssertionError("specs run again for an unchanged lexicon")

    def no_analysis(text: str) -> tuple[str, ...]:
        raise AssertionError("words analysed again for an unchanged lexicon")

    monkeypatch.setattr(lexicon_module, "check_specs", no_specs)
    monkeypatch.setattr(lexicon_module, "_key_sequence", no_analysis)
    again = load_lexicon.__wrapped__("x", package=package)
    assert again.entries[0].words == first.entries[0].words
    for draft in ("明日申し込みます", "申込書を出す", "申込済です"):
        assert [(h.start, h.end) for h in LexiconIndex([again]).scan(analyse(draft))["x"]] == [
            (h.start, h.end) for h in LexiconIndex([first]).scan(analyse(draft))["x"]
        ]


def test_a_changed_lexicon_runs_its_specs_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, _CACHED)
    load_lexicon.__wrapped__("x", package=package)
    broken = _CACHED.replace('miss = ["申込済"]', 'miss = ["申込書"]')
    (tmp_path / package / "x.toml").write_text(broken, "utf-8")
    with pytest.raises(LexiconError, match="hits its counter-example"):
        load_lexicon.__wrapped__("x", package=package)
    bad_regex = _CACHED.replace('"^済"', '"(("')
    (tmp_path / package / "x.toml").write_text(bad_regex, "utf-8")
    with pytest.raises(LexiconError, match="bad not_after regular expression"):
        load_lexicon.__wrapped__("x", package=package)


def test_an_unreadable_cache_record_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = _package(tmp_path, monkeypatch, _CACHED)
    load_lexicon.__wrapped__("x", package=package)
    (record,) = (tmp_path / "cache" / "lexicons").iterdir()
    kept = json.loads(record.read_text("utf-8"))
    record.write_text(json.dumps({**kept, "words": {"申し込む": [1]}}), "utf-8")
    assert load_lexicon.__wrapped__("x", package=package).entries[0].words == (("申し込む",),)
