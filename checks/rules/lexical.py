"""Rules backed by lexicons (checks/lexicons/*.toml): words and phrases in their context."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import cache

from checks.analysis import Draft
from checks.lexicon import LexiconHit, LexiconIndex, load_lexicon
from checks.models import Category
from checks.registry import Hit, rule
from messages import text

# code, name, category, clause, lexicon file (checks/lexicons/NAME.toml). One scan of the
# draft serves all of them.
LEXICAL_RULES = (
    ("INS001", "insulting-expression", Category.INSULT, "§3(6)①", "insult"),
    (
        "DIS001",
        "discriminatory-expression",
        Category.DISCRIMINATION,
        "§3(6)②, §3(3)",
        "discrimination",
    ),
    ("INC001", "gendered-term", Category.INCLUSIVE_LANGUAGE, "§3(3)", "inclusive"),
    ("PUB001", "offensive-content", Category.PUBLIC_ORDER, "§3(6)⑥", "public_order"),
    ("ILL001", "illegal-act", Category.ILLEGAL, "§3(6)③", "illegal"),
    ("CNF001", "confidential-information", Category.CONFIDENTIAL, "§4(1)", "confidential"),
    ("DEC001", "undecided-plan", Category.DECISION_PROCESS, "§4(4)", "decision"),
    ("RGT001", "reproduced-content", Category.RIGHTS, "§4(2), §3(3)", "rights"),
    ("POL001", "political-support", Category.POLITICAL, "§3(2)", "political"),
)
LEXICON_RULES = {code: lexicon for code, *_, lexicon in LEXICAL_RULES}
PARAMS = ("term", "note", "advice")


def preload() -> None:
    """Load and check every lexicon now (start-up), so a broken entry fails fast."""
    _index()


@cache
def _index() -> LexiconIndex:
    return LexiconIndex([load_lexicon(name) for name in LEXICON_RULES.values()])


def _scan(draft: Draft) -> dict[str, list[LexiconHit]]:
    return _index().scan(draft)


def lexicon_hits(draft: Draft, name: str) -> list[LexiconHit]:
    """The draft's matches of one lexicon (all lexicons are scanned once per draft)."""
    return draft.shared(_scan)[name]


def _hits(draft: Draft, code: str) -> Iterator[Hit]:
    for h in lexicon_hits(draft, LEXICON_RULES[code]):
        e = h.entry
        if e.advice:
            advice = e.advice
        elif e.replacement:
            advice = text("lexicon.replace", replacement=e.replacement)
        else:
            advice = text(f"lexicon.default.{code}")
        yield Hit(
            h.start,
            h.end,
            {"term": draft.text[h.start : h.end], "note": e.note, "advice": advice},
            severity=e.severity,
        )


def _lexical_rule(code: str) -> Callable[[Draft], Iterator[Hit]]:
    def check(draft: Draft) -> Iterator[Hit]:
        return _hits(draft, code)

    check.__name__ = f"lexical_{code.lower()}"
    return check


for _code, _name, _category, _clause, _ in LEXICAL_RULES:
    rule(_code, _name, _category, _clause, params=PARAMS)(_lexical_rule(_code))


@rule("RGT002", "people-without-consent", Category.RIGHTS, "§4(2), §3(3)")
def people_without_consent(draft: Draft) -> Iterator[Hit]:
    # From the /check form: "an image shows identifiable people" answered with no consent.
    if draft.context.image_people_consent is False:
        yield Hit(0, 0)
