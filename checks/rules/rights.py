"""§4(2), §3(3): rights of others (copyright, portraits, trademarks)."""

from __future__ import annotations

from collections.abc import Iterator

from checks.analysis import Draft
from checks.registry import Hit
from checks.rules.lexical import LexiconRule

# Reproduced articles, images and characters (lexicon checks/lexicons/rights.toml).
reproduced_content = LexiconRule("RGT001", "rights")


def people_without_consent(draft: Draft) -> Iterator[Hit]:
    # From the /check form: "an image shows identifiable people" answered with no consent.
    if draft.context.image_people_consent is False:
        yield Hit(0, 0)
