"""Required strings of a regular expression: a quick test that lets a scan skip a pattern.

``required_strings(pattern)`` returns strings one of which every non-empty match of
``pattern`` contains (or None when no such small set can be read off the pattern). When none
of them occurs in a text, ``pattern.finditer(text)`` finds no non-empty match, so a lexicon
scan can skip it: the result is the same, only found faster. Lexicon anchors are written by
hand and are often one character (市, な); the strings read off the pattern are usually longer
(市民の, 死ね), so a pattern whose anchor is in a draft need not run at all.

The pattern is read with the standard library's own parser (``re._parser``); anything it does
not know (flags, back-references, a parser that changed) gives None: no shortcut, never a
wrong one.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from importlib import import_module
from typing import Any

import ahocorasick

__all__ = ["LITERALS", "AnchorSet", "Literals", "required_strings"]

# Largest set of strings kept for one node: a longer product becomes "unknown".
_LIMIT = 64
# A character class with at most this many characters is read as alternatives.
_CLASS_LIMIT = 12

# The standard library's own parser (Python >= 3.11; private, so typed loosely).
_p: Any = import_module("re._parser")
_c: Any = import_module("re._constants")


class _Exact:
    """The node matches exactly one of ``strings``."""

    __slots__ = ("strings",)

    def __init__(self, strings: frozenset[str]) -> None:
        self.strings = strings


class _Contains:
    """Every match of the node contains one of ``strings`` (None: nothing known)."""

    __slots__ = ("strings",)

    def __init__(self, strings: frozenset[str] | None) -> None:
        self.strings = strings


_Info = _Exact | _Contains
_EMPTY = _Exact(frozenset({""}))
_UNKNOWN = _Contains(None)


def required_strings(pattern: str) -> frozenset[str] | None:
    """Strings one of which every non-empty match of ``pattern`` contains, or None."""
    try:
        parsed = _p.parse(pattern)
        if parsed.state.flags & ~(re.UNICODE | re.NOFLAG):
            return None  # IGNORECASE, VERBOSE …: not worth reading
        info = _sequence(list(parsed.data))
    except Exception:  # a private parser: any surprise means "no shortcut"
        return None
    strings = info.strings
    if not strings or "" in strings:
        return None
    return frozenset(strings)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirement sets (longest shortest string, then fewest)."""
    usable = [s for s in (a, b) if s and "" not in s]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(len(x) for x in s), -len(s)))


def _sequence(items: list[tuple[Any, Any]]) -> _Info:
    """A concatenation: exact runs multiply out; otherwise the best requirement of a part."""
    run: frozenset[str] | None = frozenset({""})  # the exact run being multiplied out
    best: frozenset[str] | None = None
    exact = True
    for op, av in items:
        info = _node(op, av)
        if isinstance(info, _Exact) and run is not None:
            product = frozenset(a + b for a in run for b in info.strings)
            if len(product) <= _LIMIT:
                run = product
                continue
        # The run ends here: keep it as a requirement, start again after this node.
        exact = False
        best = _better(best, run)
        if isinstance(info, _Exact):
            run = info.strings
        else:
            best = _better(best, info.strings)
            run = frozenset({""})
    if exact and run is not None:
        return _Exact(run)
    return _Contains(_better(best, run))


def _node(op: Any, av: Any) -> _Info:
    if op is _c.LITERAL:
        return _Exact(frozenset({chr(av)}))
    if op is _c.IN:
        chars = _class_chars(av)
        return _Exact(chars) if chars is not None else _UNKNOWN
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return _EMPTY  # zero width: adds nothing to the match
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        if add_flags or del_flags:
            raise ValueError("inline flags")
        return _sequence(list(sub.data))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av.data))
    if op is _c.BRANCH:
        return _branch([_sequence(list(alt.data)) for alt in av[1]])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        info = _sequence(list(sub.data))
        if isinstance(info, _Exact) and hi <= 2 and len(info.strings) ** max(hi, 1) <= _LIMIT:
            out = {""} if lo == 0 else set()
            strings = frozenset({""})
            for n in range(1, hi + 1):
                strings = frozenset(a + b for a in strings for b in info.strings)
                if n >= lo:
                    out |= strings
            return _Exact(frozenset(out))
        if lo >= 1:
            return _Contains(info.strings)
        return _UNKNOWN if hi else _EMPTY
    if op in (_c.ANY, _c.NOT_LITERAL, _c.CATEGORY):
        return _UNKNOWN
    if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
        raise ValueError("back-reference")
    raise ValueError(f"unknown node {op}")


def _branch(alternatives: list[_Info]) -> _Info:
    exact = [a.strings for a in alternatives if isinstance(a, _Exact)]
    if len(exact) == len(alternatives):
        union = frozenset(s for strings in exact for s in strings)
        if len(union) <= _LIMIT:
            return _Exact(union)
    required: set[str] = set()
    for a in alternatives:
        strings = a.strings
        if strings is None or "" in strings:
            return _UNKNOWN
        required |= strings
    return _Contains(frozenset(required))


def _class_chars(items: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters of a small class without negation or categories, else None."""
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
        elif op is _c.RANGE and av[1] - av[0] < _CLASS_LIMIT:
            chars.update(chr(x) for x in range(av[0], av[1] + 1))
        else:
            return None
        if len(chars) > _CLASS_LIMIT:
            return None
    return frozenset(chars)


# Up to this many one-character strings, AnchorSet tests each with ``in``.
_FEW_CHARS = 32


class AnchorSet:
    """A set of literal strings, and which of them occur in a text: every occurrence,
    overlapping ones and ones inside longer ones included ("党" in "政党", "だけで" in
    "飲むだけで" next to "むだ"), in one pass of an Aho-Corasick automaton (pyahocorasick).

    One-character strings are looked up in the text's set of characters instead: the
    automaton would report each of their many occurrences (な, 市) one by one."""

    def __init__(self, words: Iterable[str]) -> None:
        self._automaton = ahocorasick.Automaton()
        chars: set[str] = set()
        for w in words:
            if len(w) == 1:
                chars.add(w)
            elif w:
                self._automaton.add_word(w, w)
        self._chars = chars  # never changed after this
        self._char_list = sorted(chars)
        self._empty = len(self._automaton) == 0
        if not self._empty:
            self._automaton.make_automaton()

    def present(self, text: str) -> set[str]:
        """The words that occur in ``text``."""
        if len(self._chars) > _FEW_CHARS:
            found = self._chars.intersection(text)
        else:  # a few substring searches beat hashing every character of the text
            found = {c for c in self._char_list if c in text}
        if not self._empty:
            found.update([w for _, w in self._automaton.iter(text)])
        return found


class Literals:
    """The literal strings the checks test drafts for (the rules' ``requires``, the lexicons'
    anchors and required strings), found in a draft in one pass (``Draft.literals``) instead
    of one pass per check.

    A check registers its strings once, before it asks; it then tests only its own strings
    against the set found, so another check's strings never change its answer. Registering
    new strings bumps ``generation``: a draft's set found before is found again."""

    def __init__(self) -> None:
        self._words: frozenset[str] = frozenset()
        self._set: AnchorSet | None = None
        self._lock = threading.Lock()
        self.generation = 0

    def register(self, words: Iterable[str]) -> None:
        new = frozenset(words)
        if new <= self._words:
            return
        with self._lock:
            self._words = self._words | new
            self._set = None
            self.generation += 1

    def present(self, text: str) -> tuple[int, set[str]]:
        """The generation of the strings, and those of them that occur in ``text``."""
        with self._lock:
            generation, anchors = self.generation, self._set
            if anchors is None:
                anchors = self._set = AnchorSet(self._words)
        return generation, anchors.present(text)


LITERALS = Literals()
