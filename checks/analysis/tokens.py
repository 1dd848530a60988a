"""Tokens: the one place that talks to Sudachi.

Only this module calls Sudachi: morphemes are copied into ``Token`` tuples whose offsets are
character offsets into the original text. The morpheme lists are kept (opaque) in the closure
that ``tokenize_lazily`` returns, for as long as the draft lives, so that the tokens' katakana
readings are read on first use only (most drafts never need them).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from functools import cache
from typing import NamedTuple

from sudachipy import Dictionary, SplitMode

__all__ = [
    "Token",
    "bare_tokenize",
    "pos_has",
    "pos_of",
    "sanitize",
    "tokenize",
    "tokenize_lazily",
]

# Sudachi refuses inputs over 49,149 bytes; a BMP character is at most 3 bytes and any
# character at most 4, so chunks of this many characters are always accepted.
_CHUNK_CHARS = 12_000

_dictionary: Dictionary | None = None
_dictionary_lock = threading.Lock()
_local = threading.local()
_pos_cache: dict[int, tuple[str, ...]] = {}


def _tokenizer() -> object:
    """The calling thread's tokenizer (a tokenizer must not be shared between threads)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
            # Only the fields the Token copies: Sudachi skips decoding the others.
            tok = _dictionary.tokenizer(
                mode=SplitMode.C, fields={"pos", "normalized_form", "reading_form"}
            )
        _local.tokenizer = tok
    return tok


class Token(NamedTuple):
    """One morpheme, copied out of Sudachi (a tuple: cheap to build, immutable)."""

    surface: str
    begin: int
    end: int
    pos_id: int
    normalized: str  # Sudachi's normalized dictionary form: 行き→行く, 申込→申し込む

    @property
    def pos(self) -> tuple[str, ...]:
        """Part of speech, six levels: ("動詞", "一般", "*", "*", "五段-サ行", "命令形")."""
        return pos_of(self.pos_id)

    @property
    def conjugation(self) -> str:
        return pos_of(self.pos_id)[5]


@cache
def pos_has(pos_id: int, level: int, value: str) -> bool:
    """``pos_of(pos_id)[level] == value``, cached: rules test this for every token."""
    return pos_of(pos_id)[level] == value


def pos_of(pos_id: int) -> tuple[str, ...]:
    """The part of speech for a Sudachi POS id (cached; the dictionary is loaded by now)."""
    pos = _pos_cache.get(pos_id)
    if pos is None:
        assert _dictionary is not None
        pos = _pos_cache[pos_id] = tuple(_dictionary.pos_of(pos_id) or ("*",) * 6)
    return pos


_SURROGATES = re.compile("[\ud800-\udfff]")


def sanitize(text: str) -> str:
    """Replace lone surrogates (invalid in UTF-8, which no encoder accepts) by U+FFFD, one
    for one, keeping offsets."""
    return _SURROGATES.sub("\ufffd", text)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split text into pieces Sudachi accepts, preferring line and sentence ends."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + _CHUNK_CHARS)
        if end < n:
            cut = max(text.rfind("\n", start, end), text.rfind("。", start, end))
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokenize the text with SudachiPy (mode C) into frozen tokens."""
    return tokenize_lazily(text)[0]


def tokenize_lazily(text: str) -> tuple[tuple[Token, ...], Callable[[], tuple[str, ...]]]:
    """Tokens, and a function that reads each token's katakana reading when called."""
    tok = _tokenizer()
    out: list[Token] = []
    lists: list[object] = []
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: tokens are the hot path
    for offset, chunk in _chunks(sanitize(text)):
        morphemes = tok.tokenize(chunk)  # type: ignore[attr-defined]
        lists.append(morphemes)
        out.extend(
            new(
                Token,
                (
                    text[(b := m.begin() + offset) : (e := m.end() + offset)],
                    b,
                    e,
                    m.part_of_speech_id(),
                    m.normalized_form(),
                ),
            )
            for m in morphemes
        )

    def readings() -> tuple[str, ...]:
        return tuple(m.reading_form() for ml in lists for m in ml)  # type: ignore[attr-defined]

    return tuple(out), readings


def bare_tokenize(text: str) -> int:
    """Tokenize without copying anything out (the benchmark's baseline); returns a count."""
    tok = _tokenizer()
    n = 0
    for _, chunk in _chunks(sanitize(text)):
        n += len(tok.tokenize(chunk))  # type: ignore[attr-defined]
    return n
