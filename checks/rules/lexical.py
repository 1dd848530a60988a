"""Rules backed by lexicons (checks/lexicons/*.toml): words and phrases in their context."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache

from checks.analysis import Draft
from checks.lexicon import LexiconHit, LexiconIndex, load_lexicon
from checks.models import Category
from checks.registry import Hit, rule
from messages import text

# Rule code -> lexicon file name. One scan of the draft serves all of them.
LEXICON_RULES = {
    "INS001": "insult",
    "DIS001": "discrimination",
    "INC001": "inclusive",
    "PUB001": "public_order",
    "ILL001": "illegal",
    "CNF001": "confidential",
    "DEC001": "decision",
    "RGT001": "rights",
    "POL001": "political",
}
PARAMS = ("term", "note", "advice")


@cache
def _index() -> LexiconIndex:
    return LexiconIndex([load_lexicon(name) for name in LEXICON_RULES.values()])


def lexicon_hits(draft: Draft, name: str) -> list[LexiconHit]:
    """The draft's matches of one lexicon (all lexicons are scanned once per draft)."""
    scanned = draft.memo.get("lexicons")
    if scanned is None:
        scanned = draft.memo["lexicons"] = _index().scan(draft)
    assert isinstance(scanned, dict)
    hits: list[LexiconHit] = scanned[name]
    return hits


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


@rule("INS001", "insulting-expression", Category.INSULT, "§3(6)①", params=PARAMS)
def insulting_expression(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "INS001")


@rule(
    "DIS001", "discriminatory-expression", Category.DISCRIMINATION, "§3(6)②, §3(3)", params=PARAMS
)
def discriminatory_expression(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "DIS001")


@rule("INC001", "gendered-term", Category.INCLUSIVE_LANGUAGE, "§3(3)", params=PARAMS)
def gendered_term(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "INC001")


@rule("PUB001", "offensive-content", Category.PUBLIC_ORDER, "§3(6)⑥", params=PARAMS)
def offensive_content(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "PUB001")


@rule("ILL001", "illegal-act", Category.ILLEGAL, "§3(6)③", params=PARAMS)
def illegal_act(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "ILL001")


@rule("CNF001", "confidential-information", Category.CONFIDENTIAL, "§4(1)", params=PARAMS)
def confidential_information(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "CNF001")


@rule("DEC001", "undecided-plan", Category.DECISION_PROCESS, "§4(4)", params=PARAMS)
def undecided_plan(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "DEC001")


@rule("RGT001", "reproduced-content", Category.RIGHTS, "§4(2), §3(3)", params=PARAMS)
def reproduced_content(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "RGT001")


@rule("POL001", "political-support", Category.POLITICAL, "§3(2)", params=PARAMS)
def political_support(draft: Draft) -> Iterator[Hit]:
    return _hits(draft, "POL001")


@rule("RGT002", "people-without-consent", Category.RIGHTS, "§4(2), §3(3)")
def people_without_consent(draft: Draft) -> Iterator[Hit]:
    # From the /check form: "an image shows identifiable people" answered with no consent.
    if draft.context.image_people_consent is False:
        yield Hit(0, 0)
