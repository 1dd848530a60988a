"""Sentences: spans ended by 。！？!? or a line break."""

from __future__ import annotations

import re

__all__ = ["find_sentences"]

_SENTENCE_END = re.compile(r"[。！？!?]+|\n+")


def find_sentences(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.end() if text[m.start()] != "\n" else m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple((s, e) for s, e in out if text[s:e].strip())
