"""The word lists of checks/data/words.toml: well-formed, and their specs hold."""

from __future__ import annotations

import pytest

from checks.rules import RULES
from checks.rules.security import CREDENTIAL_REQUIRES
from checks.testing import run_rule
from checks.words import word_lists

LISTS = word_lists()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_list_names_a_rule_and_a_source(name: str) -> None:
    wl = LISTS[name]
    assert wl.rule in RULES, wl.rule
    assert wl.source.strip()
    assert len(set(wl.words)) == len(wl.words), f"{name}: a word listed twice"


@pytest.mark.parametrize("name", sorted(LISTS))
def test_specs_hold(name: str) -> None:
    wl = LISTS[name]
    for draft in wl.hit:
        assert run_rule(wl.rule, draft, at=wl.at), f"{name}: {wl.rule} misses {draft}"
    for draft in wl.miss:
        assert not run_rule(wl.rule, draft, at=wl.at), f"{name}: {wl.rule} flags {draft}"


def test_every_credential_word_passes_the_pre_filter() -> None:
    # SEC001 is skipped on a draft without one of its required substrings.
    for word in LISTS["credential_words"].words:
        assert any(r in word for r in CREDENTIAL_REQUIRES), word


def test_lock_words_in_half_width_pass_the_pre_filter() -> None:
    # The pre-filter is built from the lists: a half-width lock word is not skipped.
    assert run_rule("SEC001", "ｶｷﾞは4729です。")
    assert run_rule("SEC001", "ﾀﾞｲﾔﾙ式 4729です。")
