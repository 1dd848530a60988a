"""The clause layer: each sentence cut into clauses, with modality, negation and quotation.

A clause ends at a comma, a conjunctive particle (ので, から, けど, ば, たら, なら …), a
quotation bracket or the end of a sentence. Each clause knows

- its **modality**: what the writer does with it (permits, encourages, instructs, prohibits,
  warns, asks, asks rhetorically, reports hearsay, speculates, wishes, obliges), from cue
  patterns in ``checks/data/modality.toml``;
- whether its predicate is **negated** (捨てない, 分かりません);
- whether it is **quoted**: inside 「」/『』, someone else's words (a scammer's pitch in a
  warning, a commenter's words the city answers).

Rules compose from this: an illegal act is a problem when the writer permits, encourages or
instructs it, and not when the sentence prohibits it or warns against it.
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Flag, auto
from functools import cache, lru_cache
from importlib.resources import files

import ahocorasick

from checks.analysis.tokens import Token, pos_has
from checks.prefilter import required_strings

__all__ = [
    "Clause",
    "Modality",
    "find_clauses",
    "in_quotes",
    "modality_of",
    "quote_spans",
    "stance",
]


class Modality(Flag):
    """What the writer does with a clause (several may hold at once)."""

    NONE = 0
    PERMISSION = auto()  # 〜てもいい, 〜て大丈夫, 構いません, バレない
    ENCOURAGEMENT = auto()  # 〜ましょう, 〜ちゃえ, おすすめ, 〜すればいい
    INSTRUCTION = auto()  # 〜てください, 命令形, 〜なさい
    PROHIBITION = auto()  # 〜ないで, 〜するな, 禁止, いけません, やめましょう
    WARNING = auto()  # 注意, 防止, 危険, 被害, 詐欺, 犯罪です, 罰金
    QUESTION = auto()  # か？, ？
    RHETORICAL = auto()  # じゃないですか, 〜すれば？, 〜のか
    HEARSAY = auto()  # そうです, らしい, とのこと
    SPECULATION = auto()  # かもしれない, だろう, たぶん
    WISH = auto()  # 〜てほしい, 〜てもらいたい
    OBLIGATION = auto()  # 〜べき, 〜なければならない
    AWARENESS = auto()  # 人権, 差別をなくそう, 偏見, 啓発, 相談窓口
    OUTCOME = auto()  # すっきり片付く, 楽, 生きていける, 撮れる (encouragement after 〜ば/〜たら)

    @classmethod
    def urging(cls) -> Modality:
        """The writer wants the reader to do it (or lets them)."""
        return cls.PERMISSION | cls.ENCOURAGEMENT | cls.INSTRUCTION

    @classmethod
    def against(cls) -> Modality:
        """The writer is against it, or talks about it to protect people."""
        return cls.PROHIBITION | cls.WARNING | cls.AWARENESS


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of one sentence with one predicate (more or less)."""

    start: int
    end: int
    first: int  # index of the clause's first token
    stop: int  # index after its last token
    sentence: tuple[int, int]
    modality: Modality
    negated: bool
    quoted: bool
    # Ends in a concessive particle (が, けど, のに): 「立入禁止の札がありますが、」 grants
    # what the next clause overrides.
    concessive: bool = False


# --- Cues (data) -----------------------------------------------------------------------


@cache
def _cues() -> tuple[tuple[Modality, re.Pattern[str]], ...]:
    raw = tomllib.loads(files("checks.data").joinpath("modality.toml").read_text("utf-8"))
    out = []
    for name, spec in raw.items():
        flag = Modality[name.upper()]
        out.append((flag, re.compile("|".join(f"(?:{p})" for p in spec["patterns"]))))
    return tuple(out)


@cache
def _cue_gate() -> tuple[ahocorasick.Automaton | None, int]:
    """One automaton of the strings one of which every match of a flag's cue pattern
    contains (checks/prefilter.py), each string's value its length and the flags (as an int)
    whose cues need it; and the flags whose strings cannot be read off the pattern (always
    searched)."""
    needs: dict[str, int] = {}
    ungated = 0
    for flag, rx in _cues():
        found = required_strings(rx.pattern)
        if found is None:
            ungated |= flag.value
            continue
        for w in found:
            needs[w] = needs.get(w, 0) | flag.value
    if not needs:
        return None, ungated
    automaton = ahocorasick.Automaton()
    for w, flags in needs.items():
        automaton.add_word(w, (len(w), flags))
    automaton.make_automaton()
    return automaton, ungated


@lru_cache(maxsize=8)
def _cue_strings(text: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The flags searched always, and (start, end, flags) of every required string of a cue
    in ``text``, by start (kept for the last few texts)."""
    automaton, ungated = _cue_gate()
    if automaton is None:
        return ungated, ()
    found = sorted((last + 1 - n, last + 1, flags) for last, (n, flags) in automaton.iter(text))
    return ungated, tuple(found)


def _candidate_flags(text: str, start: int, end: int) -> int:
    """The flags (as an int) whose cue pattern may match ``text[start:end]``: those whose
    required strings occur in it (found in one pass of an automaton over the whole text) and
    those without required strings. A cue whose flag is not among them cannot match there."""
    flags, found = _cue_strings(text)
    for i in range(bisect_left(found, (start,)), len(found)):
        s, e, needed = found[i]
        if s >= end:
            break
        if e <= end:
            flags |= needed
    return flags


@cache
def _flag_gate(value: int) -> ahocorasick.Automaton | None:
    """An automaton of strings one of which every match of the cue pattern of the flag with
    ``value`` contains (checks/prefilter.py), or None when they cannot be read off it."""
    found = required_strings(dict(_cue_values())[value].pattern)
    if found is None:
        return None
    automaton = ahocorasick.Automaton()
    for w in found:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return automaton


def modality_of(text: str, among: Modality | None = None) -> Modality:
    """The modality cues found in a piece of (width-folded) text; only those ``among`` the
    given flags when set (a cheap gate: one or two cue patterns instead of all).

    A gate runs on a whole draft, where a cue pattern's search costs a fifth of tokenizing
    it: it first looks for the strings one of which any match contains, in one pass of an
    automaton (the same result, found sooner)."""
    if among is None:
        return Modality(_search_cues(text, -1))
    wanted = among.value  # plain ints: Flag operators are slow
    for value, _ in _cue_values():
        if value & wanted:
            gate = _flag_gate(value)
            if gate is not None and next(gate.iter(text), None) is None:
                wanted &= ~value
    return Modality(_search_cues(text, wanted))


def _search_cues(text: str, wanted: int) -> int:
    """The flags (as an int) of ``wanted`` whose cue pattern matches in ``text``."""
    found = 0
    for value, rx in _cue_values():
        if value & wanted and rx.search(text):
            found |= value
    return found


@cache
def _cue_values() -> tuple[tuple[int, re.Pattern[str]], ...]:
    return tuple((flag.value, rx) for flag, rx in _cues())


# --- Segmentation ----------------------------------------------------------------------

# Conjunctive particles after which a new clause starts. て/で join verbs into one predicate
# (停めてください) and only end a clause before a comma.
_CLAUSE_PARTICLES = frozenset(
    {"ので", "から", "けど", "けれど", "けれども", "が", "ば", "たら", "のに", "し", "ても", "と"}
)
_CONCESSIVE = frozenset({"が", "けど", "けれど", "けれども", "のに"})
_CONDITIONAL = frozenset({"ば", "たら", "だら", "なら", "と"})
_EVALUATIVE = frozenset({"良い", "いい", "よい", "成る", "行ける", "大丈夫", "駄目", "構う"})
_NEGATORS = frozenset({"ない", "無い", "ず", "ぬ", "ん"})
_OPEN = "「『"
_CLOSE = "」』"


def _boundary_after(tokens: Sequence[Token], i: int) -> bool:
    t = tokens[i]
    if t.surface in "、，,;；:：" or t.surface in _CLOSE:
        return True
    if i + 1 < len(tokens) and tokens[i + 1].surface in _OPEN:
        return True
    if pos_has(t.pos_id, 1, "接続助詞"):
        # 「燃やせばいい」「守らなければならない」「飲んでも大丈夫」 are one predicate.
        after = tokens[i + 1].normalized if i + 1 < len(tokens) else ""
        return t.surface in _CLAUSE_PARTICLES and after not in _EVALUATIVE
    # 仮定形 of だ: 「いっぱいなら、」
    return t.surface == "なら" and pos_has(t.pos_id, 0, "助動詞")


def _token_cues(tokens: Sequence[Token], first: int, stop: int) -> Modality:
    """Cues read from conjugation: 命令形 (instruction), 意志推量形 (encouragement), 〜するな."""
    m = Modality.NONE
    for i in range(first, stop):
        t = tokens[i]
        form = t.conjugation
        if form.startswith("命令形") and t.pos[0] in ("動詞", "助動詞"):
            m |= Modality.INSTRUCTION
        elif form.startswith("意志推量形"):
            after = tokens[i + 1].surface if i + 1 < len(tokens) else ""
            if t.normalized in ("です", "だ"):
                m |= Modality.SPECULATION
            elif after not in ("か", "と"):
                m |= Modality.ENCOURAGEMENT
        elif (
            t.surface == "な"
            and pos_has(t.pos_id, 1, "終助詞")
            and i > first
            and tokens[i - 1].pos[0] == "動詞"
            and tokens[i - 1].conjugation.startswith("終止形")
        ):
            m |= Modality.PROHIBITION
    return m


def _is_negated(tokens: Sequence[Token], first: int, stop: int) -> bool:
    predicate = False
    for t in tokens[first:stop]:
        p = t.pos[0]
        if p in ("動詞", "形容詞"):
            if p == "形容詞" and t.normalized in _NEGATORS and predicate:
                return True
            predicate = True
        elif p == "助動詞" and predicate and (t.normalized in _NEGATORS or t.surface == "ませ"):
            return True
    return False


def _is_concessive(tokens: Sequence[Token], first: int, stop: int) -> bool:
    """Whether the clause ends in a concessive conjunctive particle (before its comma)."""
    for t in reversed(tokens[first:stop]):
        if pos_has(t.pos_id, 0, "補助記号"):
            continue
        return t.surface in _CONCESSIVE and pos_has(t.pos_id, 1, "接続助詞")
    return False


def _is_conditional(tokens: Sequence[Token], first: int, stop: int) -> bool:
    """Whether the clause ends in a conditional (〜ば, 〜たら, 〜なら, 〜と) before its comma."""
    for t in reversed(tokens[first:stop]):
        if pos_has(t.pos_id, 0, "補助記号"):
            continue
        return t.surface in _CONDITIONAL or (
            t.conjugation.startswith("仮定形") and t.pos[0] in ("動詞", "助動詞")
        )
    return False


def quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    """(open, close) offsets of every 「」/『』 pair closed on its own line, outermost first.

    A bracket left open at the end of a line (「件名は「ご意見」 cut short, a stray 「) quotes
    nothing: otherwise one typo would silence every finding after it."""
    out: list[tuple[int, int]] = []
    stack: list[int] = []
    for i, c in enumerate(text):
        if c == "\n":
            stack.clear()
        elif c in _OPEN:
            stack.append(i)
        elif c in _CLOSE and stack:
            out.append((stack.pop(), i))
    out.sort()
    return tuple(out)


def in_quotes(spans: Sequence[tuple[int, int]], start: int, end: int | None = None) -> bool:
    """Whether the stretch ``start``–``end`` lies inside one quotation of ``spans``."""
    end = start + 1 if end is None else end
    return any(o < start and end <= c + 1 for o, c in spans)


def _segments(
    tokens: Sequence[Token], sentences: Sequence[tuple[int, int]]
) -> list[tuple[int, int, tuple[int, int]]]:
    """(first, stop) token ranges of clauses, with their sentence; a segment of punctuation
    only (「、」, 「？」) joins the clause before it."""
    out: list[tuple[int, int, tuple[int, int]]] = []
    ti = 0
    n = len(tokens)
    for s, e in sentences:
        while ti < n and tokens[ti].end <= s:
            ti += 1
        first = ti
        while ti < n and tokens[ti].begin < e:
            last = ti + 1 == n or tokens[ti + 1].begin >= e
            if last or _boundary_after(tokens, ti):
                symbols = all(pos_has(t.pos_id, 0, "補助記号") for t in tokens[first : ti + 1])
                if symbols and out and out[-1][2] == (s, e):
                    out[-1] = (out[-1][0], ti + 1, (s, e))
                elif not symbols or last:
                    out.append((first, ti + 1, (s, e)))
                first = ti + 1
            ti += 1
    return out


def find_clauses(
    text: str,
    folded: str,
    tokens: Sequence[Token],
    sentences: Sequence[tuple[int, int]],
) -> tuple[Clause, ...]:
    """Cut every sentence into clauses and read each clause's modality."""
    quotes = quote_spans(text) if any(c in text for c in _OPEN) else ()
    out: list[Clause] = []
    conditional: tuple[int, int] | None = None  # the sentence whose last clause was 〜ば
    for first, stop, (s, e) in _segments(tokens, sentences):
        start = max(s, tokens[first].begin)
        end = min(e, tokens[stop - 1].end)
        inner = [i for i in range(start, end) if text[i] not in _OPEN + _CLOSE]
        quoted = bool(quotes and inner and in_quotes(quotes, inner[0], inner[-1] + 1))
        # Only the cues whose required strings are in the clause are searched.
        possible = _candidate_flags(folded, start, end)
        modality = Modality(_search_cues(folded[start:end], possible)) | _token_cues(
            tokens, first, stop
        )
        # 「燃やしてしまえば、すっきり片付きます」: a positive outcome after a conditional
        # recommends what the condition names.
        if modality & Modality.OUTCOME and conditional == (s, e):
            modality |= Modality.ENCOURAGEMENT
        conditional = (s, e) if _is_conditional(tokens, first, stop) else None
        out.append(
            Clause(
                start,
                end,
                first,
                stop,
                (s, e),
                modality,
                _is_negated(tokens, first, stop),
                quoted,
                _is_concessive(tokens, first, stop),
            )
        )
    return tuple(out)


def stance(clauses: Sequence[Clause], start: int, ends: Sequence[int] | None = None) -> Modality:
    """What the writer does with the words at ``start``: the modality of their clause and of
    the clauses after it in the same sentence (the main predicate governs a subordinate
    clause), plus any prohibition, warning or awareness anywhere in the sentence, except in
    a concessive clause before it: in 「立入禁止の札がありますが、裏から入れば見て回れますよ」
    the prohibition is granted and then overridden.

    Quoted clauses count only for a quoted span: a scammer's 「振り込んでください」 inside a
    warning is not the city's instruction.
    """
    m = Modality.NONE
    # The clause holding ``start`` (or the first one after it): clauses are in text order.
    i = bisect_right([c.end for c in clauses] if ends is None else ends, start)
    if i == len(clauses):
        return m
    own = clauses[i]
    for c in clauses[i:]:
        if c.sentence != own.sentence:
            break
        if c.quoted == own.quoted:
            m |= c.modality
    first = i
    while first > 0 and clauses[first - 1].sentence == own.sentence:
        first -= 1
    same = []
    for c in clauses[first:]:
        if c.sentence != own.sentence:
            break
        same.append(c)
    # Everything up to the last concessive clause before ``own`` (or ``own`` itself) is
    # granted, also a quoted sign in it: 「「立入禁止」のロープはありますが、」,
    # 「「飲んだら乗るな」とは言いますが、」.
    granted = max((c.end for c in same if c.concessive and c.end <= own.end), default=-1)
    for c in same:
        if c.end > granted:
            m |= c.modality & Modality.against()
    return m
