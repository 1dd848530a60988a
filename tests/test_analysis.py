"""The analysis layers: no city configuration, no import cycle, one shared scan per draft."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from checks.analysis import Draft, analyse, fold_width
from tests.conftest import ROOT

# What the analysis and the lexicons must not import at run time: the configuration, the
# posting context, the engine and the rules (lexical rules import the lexicons).
_UPWARD = {"checks.config", "checks.context", "checks.engine", "checks.registry", "checks.rules"}


def _runtime_imports(path: Path) -> set[str]:
    """Modules imported by ``path``, leaving out ``if TYPE_CHECKING:`` blocks."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING":
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text("utf-8")))
    return out


@pytest.mark.parametrize(
    "path",
    [*sorted((ROOT / "checks" / "analysis").glob("*.py")), ROOT / "checks" / "lexicon.py"],
    ids=lambda p: p.name,
)
def test_analysis_and_lexicons_import_nothing_above_them(path: Path) -> None:
    imported = _runtime_imports(path)
    assert not {m for m in imported for up in _UPWARD if m == up or m.startswith(up + ".")}


def test_lexicon_specs_do_not_read_the_city_configuration(tmp_path: Path) -> None:
    code = (
        "from checks.lexicon import load_lexicon\n"
        "from checks.rules.lexical import lexicon_names\n"
        "for name in lexicon_names(): load_lexicon(name)\n"
    )
    # An empty load cache: the specs run.
    env = {
        **os.environ,
        "TOONBOT_CONFIG": "/nonexistent/toon.toml",
        "TOONBOT_CACHE_DIR": str(tmp_path),
    }
    p = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert p.returncode == 0, p.stderr


def test_a_draft_is_analysed_without_a_posting_context() -> None:
    draft = analyse("１月10日(日)に https://example.jp で")
    assert [t.surface for t in draft.tokens][:2] == ["１", "月"]
    assert [(d.month, d.day, d.weekday) for d in draft.dates] == [(1, 10, 6)]
    assert [u.host for u in draft.urls] == ["example.jp"]
    with pytest.raises(LookupError, match="posting context"):
        draft.context  # noqa: B018


def test_a_shared_result_is_computed_once_per_draft() -> None:
    calls: list[Draft] = []

    def scan(d: Draft) -> int:
        calls.append(d)
        return len(d.tokens)

    first, second = analyse("申し込みます"), analyse("申し込みます")
    assert first.shared(scan) == first.shared(scan) == len(first.tokens)
    assert second.shared(scan) == len(second.tokens)
    assert len(calls) == 2 and calls[0] is first and calls[1] is second


def test_fold_width_maps_exactly_the_full_width_ascii_and_the_ideographic_space() -> None:
    table = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
    every = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    for start in range(0, len(every), 1_000):  # short texts: the substitution
        piece = every[start : start + 1_000]
        assert fold_width(piece) == piece.translate(table)
    assert fold_width(every) == every.translate(table)  # a long text: the table
    assert fold_width("１月10日（日）　ＡＢＣ") == "1月10日(日) ABC"


def test_tokens_and_readings_are_what_sudachi_gives_for_every_morpheme() -> None:
    """Entry fields are kept per word id and offsets run end to end: the same tokens and
    readings as reading every morpheme, for known and unknown words and over chunk ends."""
    from checks.analysis import tokens

    # Unknown words (ｚｚｑｘ, 𠮷𠮷, ナンタラ㌔) share one word id per part of speech.
    text = "ｶﾞｷ　ﾃｽﾄ zzqx𠮷𠮷ほげ！！㍿ナンタラ㌔と馬鹿とバカ。\n" * 700  # over one chunk
    got, readings = tokens.tokenize_with_readings(text)
    again, _ = tokens.tokenize_with_readings(text)  # the second time from the table
    tok = tokens._tokenizer()
    expected = []
    expected_readings = []
    for offset, chunk in tokens._chunks(text):
        for m in tok.tokenize(chunk):  # type: ignore[attr-defined]
            b, e = m.begin() + offset, m.end() + offset
            pos = tokens.pos_of(m.part_of_speech_id())
            expected.append(
                (text[b:e], b, e, m.part_of_speech_id(), m.normalized_form(), pos, pos[5])
            )
            expected_readings.append(m.reading_form())
    assert len(text) > 12_000
    assert [tuple(t) for t in got] == [tuple(t) for t in again] == expected
    assert list(readings) == expected_readings
