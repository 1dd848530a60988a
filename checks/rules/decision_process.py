"""§4(4): plans not yet decided (lexicon checks/lexicons/decision.toml, and guesses at a
decision through the clause layer)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.analysis import Draft, Modality
from checks.analysis.clauses import modality_of
from checks.registry import Hit
from checks.rules.lexical import LexiconRule
from checks.words import word_list

undecided_plan = LexiconRule("DEC001", "decision")

# What the city decides (checks/data/words.toml): a guess or a rumour about one of these is
# information from the decision-making process.
TARGETS = tuple(sorted(word_list("decision_targets"), key=len, reverse=True))
_TARGETS = re.compile("|".join(map(re.escape, TARGETS)))
_GUESS = Modality.SPECULATION | Modality.HEARSAY
# A guess that is asked or warned about is not the writer's own guess at a plan.
_NOT_OWN = Modality.QUESTION | Modality.WARNING | Modality.PROHIBITION


# A guess that gives the ground of an act (「大雨になる可能性がある為、避難所を開設します」) or
# its condition (「…になりそうな場合は」) is not a guess at a plan.
# A forecast or finding attributed to a published source (「気象庁の発表によると」「人事院勧告に
# よると」) is reported news, not a guess at the city's plan.
_PUBLISHED = re.compile(
    r"(?:発表|公表|勧告|報道|予報|白書|調査|統計|報告書)(?:結果)?(?:によると|によれば|では)"
)
_GROUND = re.compile(r"(?:ため|為|ので|から|場合(?:は|には)?|なら|たら|と)[、,。\s]*$")


def speculated_decision(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    # Cheap gates before the clause layer: a matter the city decides, and a guess somewhere.
    if _TARGETS.search(text) is None or not modality_of(text) & _GUESS:
        return
    for c in draft.clauses:
        if c.quoted or c.negated or not c.modality & _GUESS or c.modality & _NOT_OWN:
            continue
        if _GROUND.search(text, c.start, c.end):
            continue
        s, e = c.sentence
        if _PUBLISHED.search(text, s, e):
            continue
        # The matter stands before the guess: its topic (「建設場所、…になりそうです」), not a
        # consequence after it (「大雨になりそうなため、避難所を開設しました」).
        if _TARGETS.search(text, s, c.end) is not None:
            yield Hit(c.start, c.end)
