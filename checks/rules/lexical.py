"""The shared helper of lexicon-backed rules (checks/lexicons/NAME.toml, one per rule).

A lexicon-backed rule's function is ``LexiconRule(code, lexicon)`` in the module of its
category; one scan of the draft serves every lexicon.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from checks.analysis import Draft
from checks.lexicon import LexiconHit, LexiconIndex, load_lexicon, load_vocabularies
from checks.registry import Hit
from messages import text

__all__ = ["PARAMS", "LexiconRule", "lexicon_hits", "lexicon_names", "preload"]

# The placeholders every lexicon-backed rule's message templates may use.
PARAMS = ("term", "note", "advice")


def lexicon_names() -> tuple[str, ...]:
    """Every lexicon shipped in checks/lexicons/."""
    return tuple(
        sorted(
            p.name.removesuffix(".toml")
            for p in files("checks.lexicons").iterdir()
            if p.name.endswith(".toml")
        )
    )


def preload() -> None:
    """Load and check every lexicon now (start-up), so a broken entry fails fast."""
    _index()


@cache
def _index() -> LexiconIndex:
    return LexiconIndex([*(load_lexicon(n) for n in lexicon_names()), *load_vocabularies()])


def _scan(draft: Draft) -> dict[str, list[LexiconHit]]:
    return _index().scan(draft)


def lexicon_hits(draft: Draft, name: str) -> list[LexiconHit]:
    """The draft's matches of one lexicon (all lexicons are scanned once per draft)."""
    return draft.shared(_scan)[name]


def replacement_advice(replacement: str) -> str:
    """「保護者」に言い換えてください。 — several options each in their own quotes:
    「ひとり親」「婚外子」などに言い換えてください (never one quote around a list)."""
    options = [o.strip() for o in replacement.split("、") if o.strip()]
    if len(options) > 1 and not any(c in replacement for c in "(「"):
        return text("lexicon.replace_any", options="".join(f"「{o}」" for o in options))
    return text("lexicon.replace", replacement=replacement)


@dataclass(frozen=True, slots=True)
class LexiconRule:
    """The function of rule ``code``: every match of lexicon ``lexicon`` is a hit.

    An entry without advice or replacement gets messages/ui.toml ``lexicon.default.CODE``.
    """

    code: str
    lexicon: str

    def __call__(self, draft: Draft) -> Iterator[Hit]:
        for h in lexicon_hits(draft, self.lexicon):
            e = h.entry
            if e.advice:
                advice = e.advice
            elif e.replacement:
                advice = replacement_advice(e.replacement)
            else:
                advice = text(f"lexicon.default.{self.code}")
            yield Hit(
                h.start,
                h.end,
                {"term": draft.text[h.start : h.end], "note": e.note, "advice": advice},
                severity=e.severity,
            )
