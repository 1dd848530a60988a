"""Platform rules: length limits and hashtag caps, by how much a draft is over."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache, lru_cache
from importlib.resources import files
from typing import Any

from checks.analysis import Draft
from checks.registry import Hit


@cache
def platform_limits() -> dict[str, dict[str, Any]]:
    """Limits per platform, from checks/data/platforms.toml."""
    return tomllib.loads(files("checks.data").joinpath("platforms.toml").read_text("utf-8"))


@lru_cache(maxsize=256)
def _parse_tweet(text: str) -> Any:
    # Imported on first use: its emoji tables cost ~18 MB and ~0.2 s at import.
    import twitter_text

    return twitter_text.parse_tweet(text)


def measure(text: str, counting: str) -> int:
    """Length of ``text`` as the platform counts it."""
    if counting == "weighted":
        return int(_parse_tweet(text).weightedLength)
    return len(text)


def _cut_index(text: str, limit: int, counting: str) -> int:
    """The first character that no longer fits."""
    if counting == "weighted":
        return int(_parse_tweet(text).validRangeEnd) + 1
    return limit


def _surely_within(draft: Draft, limit: int, counting: str) -> bool:
    """Cheap bound: no character weighs over 2 and no URL over 23 (X's weighting).

    Every URL holds a dot, so counting dots bounds the number of URLs twitter-text finds.
    """
    if counting != "weighted":
        return len(draft.text) <= limit
    heavy = len(_HEAVY.findall(draft.text))
    return len(draft.text) + heavy + 23 * draft.folded.count(".") <= limit


# Characters twitter-text may weigh 2 (everything above U+10FF, a superset of its ranges).
_HEAVY = re.compile("[^\u0000-\u10ff]")


def over_length_limit(draft: Draft) -> Iterator[Hit]:
    spec = platform_limits().get(draft.context.platform or "")
    if spec is None or _surely_within(draft, spec["max"], spec["counting"]):
        return
    length = measure(draft.text, spec["counting"])
    if length <= spec["max"]:
        return
    cut = min(_cut_index(draft.text, spec["max"], spec["counting"]), len(draft.text))
    over = length - spec["max"]
    unit = f"（全角で約{(over + 1) // 2}文字）" if spec["counting"] == "weighted" else ""
    yield Hit(
        cut,
        len(draft.text),
        {
            "platform": spec["label"],
            "limit": f"{spec['max']:,}",
            "length": f"{length:,}",
            "over": f"{over:,}",
            "unit": unit,
        },
    )


_HASHTAG = re.compile(r"(?<![\w#＃])[#＃][^\s#＃、。,.!?！？「」()（）]+")


def too_many_hashtags(draft: Draft) -> Iterator[Hit]:
    spec = platform_limits().get(draft.context.platform or "")
    if spec is None or "max_hashtags" not in spec:
        return
    tags = list(_HASHTAG.finditer(draft.text))
    cap = int(spec["max_hashtags"])
    if len(tags) <= cap:
        return
    first_over = tags[cap]
    yield Hit(
        first_over.start(),
        tags[-1].end(),
        {"platform": spec["label"], "limit": cap, "count": len(tags), "over": len(tags) - cap},
    )
