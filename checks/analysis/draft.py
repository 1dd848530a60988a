"""The analysed draft: the text, its width-folded copy and every layer as a typed field.

Tokens come from one Sudachi pass; everything else is found on a width-folded copy of the
text (full-width ASCII to ASCII) that has the same length, so every offset points into the
original text too. Layers other than tokens are computed on first use.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar, cast

from checks.analysis.clauses import (
    Clause,
    Modality,
    find_clauses,
    in_quotes,
    quote_spans,
    stance,
)
from checks.analysis.dates import (
    DateMention,
    EraMention,
    TimeRange,
    find_dates,
    find_eras,
    find_time_ranges,
)
from checks.analysis.sentences import find_sentences
from checks.analysis.tokens import Token, tokenize_with_readings
from checks.analysis.urls import Email, Url, find_emails, find_urls
from checks.prefilter import LITERALS

if TYPE_CHECKING:
    from checks.context import CheckContext

__all__ = ["Draft", "analyse", "fold_width"]

T = TypeVar("T")


def fold_width(text: str) -> str:
    """Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII; same length.

    A post-length draft holds none or a few of them: a regex substitution replaces just
    those, where ``str.translate`` looks every character up in a table (~40 us for 130
    characters). A long text may hold thousands: translate bounds the cost per character."""
    if len(text) > _SUBSTITUTE_UP_TO:
        return text.translate(_FOLD_TABLE)
    return _FOLDABLE.sub(_fold_one, text)


_SUBSTITUTE_UP_TO = 2_000
_FOLD_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_FOLDED = {chr(k): chr(v) for k, v in _FOLD_TABLE.items()}
_FOLDABLE = re.compile("[\uff01-\uff5e\u3000]")


def _fold_one(m: re.Match[str]) -> str:
    return _FOLDED[m.group()]


@dataclass(frozen=True)
class Draft:
    """A draft analysed once; every rule reads this and nothing else."""

    text: str
    folded: str
    tokens: tuple[Token, ...]
    # Where and when the draft will be posted; None when analysed for a lexicon spec.
    _context: CheckContext | None = None
    # The tokens' katakana readings, one per token (see tokens.py).
    _readings: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # Results of ``shared``, keyed by the function that computed them.
    _shared: dict[Callable[[Draft], object], object] = field(
        default_factory=dict, compare=False, repr=False
    )

    @property
    def context(self) -> CheckContext:
        """The posting context (platform, time, account, the city's configuration)."""
        if self._context is None:
            raise LookupError("this draft was analysed without a posting context")
        return self._context

    def shared(self, compute: Callable[[Draft], T]) -> T:
        """``compute(self)``, computed once per draft for all the rules that need it (one
        lexicon scan serves every lexical rule); keyed by the function, so typed."""
        done = self._shared
        if compute in done:
            return cast(T, done[compute])
        value = done[compute] = compute(self)
        return value

    def literals(self) -> set[str]:
        """The registered literal strings (``checks.prefilter.LITERALS``: the rules'
        ``requires``, the lexicons' anchors) that occur in the width-folded text, found in one
        pass for every check that asks."""
        done = self._shared
        known = cast(tuple[int, set[str]] | None, done.get(_find_literals))
        if known is None or known[0] != LITERALS.generation:
            known = done[_find_literals] = _find_literals(self)
        return known[1]

    @property
    def readings(self) -> tuple[str, ...]:
        """Katakana reading of each token (ばか, バカ and 馬鹿 all read バカ)."""
        return self._readings

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return find_sentences(self.text)

    @cached_property
    def urls(self) -> tuple[Url, ...]:
        return find_urls(self.folded) if "." in self.folded else ()

    @cached_property
    def emails(self) -> tuple[Email, ...]:
        return find_emails(self.folded) if "@" in self.folded else ()

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        return find_dates(self.folded)

    @cached_property
    def eras(self) -> tuple[EraMention, ...]:
        return find_eras(self.folded)

    @cached_property
    def time_ranges(self) -> tuple[TimeRange, ...]:
        if ":" not in self.folded and "時" not in self.folded:
            return ()
        return find_time_ranges(self.folded)

    @cached_property
    def clauses(self) -> tuple[Clause, ...]:
        """Each sentence cut into clauses, with modality, negation and quotation."""
        return find_clauses(self.text, self.folded, self.tokens, self.sentences)

    @cached_property
    def _clause_ends(self) -> list[int]:
        return [c.end for c in self.clauses]

    def clause_end(self, offset: int) -> int:
        """Where the clause holding ``offset`` ends (the sentence's end when none holds it)."""
        for c in self.clauses:
            if c.start <= offset < c.end:
                return c.end
        return self.sentence_at(offset)[1]

    def stance_at(self, offset: int) -> Modality:
        """What the writer does with the words at ``offset`` (see ``clauses.stance``)."""
        return stance(self.clauses, offset, self._clause_ends)

    @cached_property
    def quotes(self) -> tuple[tuple[int, int], ...]:
        """「」/『』 pairs closed on their line: someone else's words."""
        return quote_spans(self.text) if "「" in self.text or "『" in self.text else ()

    def in_quotes(self, start: int, end: int | None = None) -> bool:
        """Whether ``start``–``end`` lies inside a quotation."""
        return bool(self.quotes) and in_quotes(self.quotes, start, end)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset``."""
        i = bisect_right(self._sentence_starts, offset) - 1
        if i >= 0:
            s, e = self.sentences[i]
            if offset < e:
                return s, e
        return offset, offset

    @cached_property
    def _token_begins(self) -> list[int]:
        return [t.begin for t in self.tokens]

    def token_index_at(self, offset: int) -> int | None:
        """Index of the token that starts exactly at ``offset``, if any."""
        i = bisect_left(self._token_begins, offset)
        if i < len(self.tokens) and self.tokens[i].begin == offset:
            return i
        return None

    @cached_property
    def _token_ends(self) -> list[int]:
        return [t.end for t in self.tokens]

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """Tokens that overlap the span (tokens run end to end, so both their begins and
        their ends are in order: two bisections find them)."""
        first = bisect_right(self._token_ends, start)
        stop = bisect_left(self._token_begins, end)
        return self.tokens[first:stop] if first < stop else ()

    def in_url_or_email(self, start: int, end: int) -> bool:
        spans: list[Url | Email] = [*self.urls, *self.emails]
        return any(u.start < end and start < u.end for u in spans)


def _find_literals(draft: Draft) -> tuple[int, set[str]]:
    return LITERALS.present(draft.folded)


def analyse(text: str, context: CheckContext | None = None) -> Draft:
    """Run the single analysis pass over a draft (already sanitized). ``context`` is for the
    rules; the analysis itself never reads it, nor the city's configuration."""
    tokens, readings = tokenize_with_readings(text)
    return Draft(text, fold_width(text), tokens, context, readings)
