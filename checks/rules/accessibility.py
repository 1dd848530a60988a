"""§6(2)②: web accessibility of the text itself."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from checks.analysis import Draft
from checks.registry import Hit


@cache
def _characters() -> tuple[re.Pattern[str], dict[str, str]]:
    raw = tomllib.loads(files("checks.data").joinpath("characters.toml").read_text("utf-8"))
    ranges = "".join(f"{chr(int(a))}-{chr(int(b))}" for a, b in raw["ranges"])
    return re.compile(f"[{ranges}]"), dict(raw["replacements"])


def machine_dependent_character(draft: Draft) -> Iterator[Hit]:
    pattern, replacements = _characters()
    for m in pattern.finditer(draft.text):
        c = m.group()
        yield Hit(
            m.start(),
            m.end(),
            {"replacement": replacements.get(c) or unicodedata.normalize("NFKC", c)},
        )


_HALFWIDTH_KANA = re.compile("[\uff61-\uff9f]+")


def halfwidth_katakana(draft: Draft) -> Iterator[Hit]:
    for m in _HALFWIDTH_KANA.finditer(draft.text):
        yield Hit(m.start(), m.end(), {"replacement": unicodedata.normalize("NFKC", m.group())})


# Emoji and decorative symbols: pictographs, dingbats, stars, hearts, notes, arrows.
# ○◯ are placeholders and marks in ordinary Japanese text ("○○地区", "○月"), not decoration.
_DECORATIVE = (
    "\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\u2190-\u21ff\u25a0-\u25ca\u25cc-\u25ee\u25f0-\u25ff"
    "\u2661-\u2667\u266a-\u266f\u3297\u3299\u303d"
)
_JOINERS = "\ufe0e\ufe0f\u200d\U0001f3fb-\U0001f3ff"
# Three or more in a row: a pair ("🌸✨") is common in real posts and reads acceptably.
_SYMBOL_RUN = re.compile(f"[{_DECORATIVE}](?:[{_JOINERS}]*[{_DECORATIVE}]){{2,}}[{_JOINERS}]*")
# Kaomoji: a bracketed run of symbols with no letters, kana or kanji inside, e.g. (≧▽≦).
_KAOMOJI = re.compile(r"[(（][^()（）\w\s]{0,3}[^\w\s()（）、。]{2,10}[)）]")


def decorative_symbol_run(draft: Draft) -> Iterator[Hit]:
    for m in _SYMBOL_RUN.finditer(draft.text):
        yield Hit(m.start(), m.end())
    for m in _KAOMOJI.finditer(draft.text):
        inner = m.group()[1:-1]
        if any(unicodedata.category(c) in ("Sm", "So", "Sk") for c in inner):
            yield Hit(m.start(), m.end())


_FULLWIDTH_DIGITS = re.compile("[\uff10-\uff19]+")
_ASCII_DIGIT = re.compile("[0-9]")


def mixed_width_alphanumerics(draft: Draft) -> Iterator[Hit]:
    # Full-width digits are flagged where the same draft also writes digits half-width: the
    # inconsistency is what trips screen readers, search and copy-paste (２４日 vs 24日).
    # Full-width letters are left alone: in names (ＪＲ, ＮＰＯ法人) they read correctly.
    found = list(_FULLWIDTH_DIGITS.finditer(draft.text))
    if not found or not _ASCII_DIGIT.search(draft.text):
        return
    for m in found:
        yield Hit(m.start(), m.end(), {"replacement": draft.folded[m.start() : m.end()]})


_IMAGE_ONLY = re.compile(
    r"(?:画像|写真|図|チラシ|ポスター|添付(?:ファイル)?|下図|上図|別紙)"
    r"(?:の(?:とおり|通り)|を(?:ご覧|ご確認|確認|参照|見て)|で(?:ご確認|確認)|参照)"
)


def image_only_information(draft: Draft) -> Iterator[Hit]:
    if draft.context.alt_text is True:
        return
    for m in _IMAGE_ONLY.finditer(draft.text):
        yield Hit(m.start(), m.end())


# Bidirectional overrides and invisible format characters can disguise text or links.
# U+FFFD stands for a character that could not be read (a lone surrogate, mojibake).
_INVISIBLE = re.compile(
    "[\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\u2060\ufeff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f]+"
)


def invisible_control_character(draft: Draft) -> Iterator[Hit]:
    for m in _INVISIBLE.finditer(draft.text):
        codes = " ".join(f"U+{ord(c):04X}" for c in m.group())
        yield Hit(m.start(), m.end(), {"codepoints": codes})
