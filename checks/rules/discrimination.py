"""§3(6)②, §3(3): discriminatory expressions (lexicon checks/lexicons/discrimination.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from checks.analysis import Draft
from checks.models import Severity
from checks.registry import Hit
from checks.rules.lexical import LexiconRule


@dataclass(frozen=True, slots=True)
class _OneFindingPerSpan(LexiconRule):
    """The lexicon's general frames overlap on purpose (a stereotype is also a trait said of a
    group): one finding per stretch of text, the graver one, so the head reads it once."""

    def __call__(self, draft: Draft) -> Iterator[Hit]:
        hits = list(LexiconRule.__call__(self, draft))
        # Certain hits (no severity of their own: the rule's default, block) come first.
        hits.sort(key=lambda h: (h.severity == Severity.REVIEW, h.start, -(h.end - h.start)))
        kept: list[Hit] = []
        for h in hits:
            if any(h.start < k.end and k.start < h.end for k in kept):
                continue
            kept.append(h)
        kept.sort(key=lambda h: (h.start, h.end))
        yield from kept


discriminatory_expression = _OneFindingPerSpan("DIS001", "discrimination")
