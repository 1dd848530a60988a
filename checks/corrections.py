"""Correction notices (§7(1)): the line that quotes the wrong information.

A correction restates what was wrong on purpose — 「(誤)10月5日(土)」 next to
「(正)10月12日(土)」 — so the false-information rules must not flag the (誤) line: the
weekday there is wrong because it is the error being corrected. Every other rule still reads
it (a resident's phone number repeated in a correction is still personal data).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from checks.models import Category, Finding

__all__ = ["quoted_error_lines", "without_quoted_errors"]

# A line opening with the (誤) marker, in the forms corrections use: (誤) （誤） 【誤】 [誤] 誤: 誤：
_ERROR_LINE = re.compile(r"(?m)^[ \t　]*(?:[(（【\[]誤[)）】\]]|誤[:：])[^\n]*")


def quoted_error_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that quote the wrong information."""
    return [(m.start(), m.end()) for m in _ERROR_LINE.finditer(text)]


def without_quoted_errors(findings: Iterable[Finding], text: str) -> list[Finding]:
    """The findings, less false-information ones inside a (誤) line."""
    lines = quoted_error_lines(text) if "誤" in text else []
    return [
        f
        for f in findings
        if f.category != Category.FALSE_INFO
        or not any(start <= f.start and f.end <= end for start, end in lines)
    ]
