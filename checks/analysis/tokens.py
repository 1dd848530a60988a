"""Tokens: the one place that talks to Sudachi.

Only this module calls Sudachi: morphemes are copied into ``Token`` tuples whose offsets are
character offsets into the original text, and each token's katakana reading into a tuple
beside them. No Sudachi object outlives the call.

A morpheme's part of speech, normalized form and reading are fields of its dictionary entry:
reading them decodes the entry, which cost more than the tokenization itself. They are kept
per word id (``_entry_fields``), so a word already seen costs one dictionary lookup. An
out-of-vocabulary morpheme has no entry of its own (its id is shared by every unknown word
of that part of speech) and is always read from Sudachi.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
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
    "tokenize_with_readings",
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
    # Part of speech, six levels: ("動詞", "一般", "*", "*", "五段-サ行", "命令形") (fields, not
    # properties: rules read them for every token).
    pos: tuple[str, ...]
    conjugation: str  # pos[5]


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
    return tokenize_with_readings(text)[0]


# Word ids of out-of-vocabulary morphemes: 0xF0000000 | their part-of-speech id.
_OOV_IDS = 0xF000_0000
# Entries kept at most (about 600 bytes each: at most ~6 MB); the table starts again when
# full. The dev drafts use about 2,000 words.
_ENTRY_LIMIT = 10_000
# Per word id: part-of-speech id, normalized form, part of speech, conjugation, reading.
_entry_fields: dict[int, tuple[int, str, tuple[str, ...], str, str]] = {}


def tokenize_with_readings(text: str) -> tuple[tuple[Token, ...], tuple[str, ...]]:
    """Tokens, and each token's katakana reading (ばか, バカ and 馬鹿 all read バカ)."""
    tok = _tokenizer()
    out: list[Token] = []
    readings: list[str] = []
    add_token = out.append
    add_reading = readings.append
    fields = _entry_fields
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: tokens are the hot path
    for offset, chunk in _chunks(sanitize(text)):
        begin = offset  # morphemes cover the chunk end to end: each begins where one ended
        for m in tok.tokenize(chunk):  # type: ignore[attr-defined]
            end = m.end() + offset
            word = m.word_id()
            entry = fields.get(word)
            if entry is None:
                pos_id = m.part_of_speech_id()
                pos = pos_of(pos_id)
                entry = (pos_id, m.normalized_form(), pos, pos[5], m.reading_form())
                if word < _OOV_IDS:
                    if len(fields) >= _ENTRY_LIMIT:
                        fields.clear()
                    fields[word] = entry
            add_token(
                new(Token, (text[begin:end], begin, end, entry[0], entry[1], entry[2], entry[3]))
            )
            add_reading(entry[4])
            begin = end
    return tuple(out), tuple(readings)


def bare_tokenize(text: str) -> int:
    """Tokenize without copying anything out (the benchmark's baseline); returns a count."""
    tok = _tokenizer()
    n = 0
    for _, chunk in _chunks(sanitize(text)):
        n += len(tok.tokenize(chunk))  # type: ignore[attr-defined]
    return n
