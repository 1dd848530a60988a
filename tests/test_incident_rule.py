"""checks/data/incident.toml: each cue list's specs hold for TRB002 in incident mode."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checks import DraftError, check_draft
from checks.rules.incident import cue_lists
from checks.testing import run_rule

LISTS = cue_lists()


@pytest.mark.parametrize("name", sorted(LISTS))
def test_cue_list_specs_hold(name: str) -> None:
    cues = LISTS[name]
    assert cues.source.strip()
    assert len(set(cues.words)) == len(cues.words), f"{name}: a word listed twice"
    for draft in cues.hit:
        assert run_rule("TRB002", draft, account="toon-x", incident=True), draft
    for draft in cues.miss:
        assert not run_rule("TRB002", draft, account="toon-x", incident=True), draft


def test_incident_mode_turns_an_ok_draft_into_review() -> None:
    draft = "本日は17時まで営業します。"
    assert check_draft(draft, account="toon-x").verdict.value == "ok"
    report = check_draft(draft, account="toon-x", incident=True)
    assert report.verdict.value == "review"
    assert report.codes == ("TRB001",)


_CUES = [w for c in LISTS.values() for w in c.words]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(st.characters(), st.sampled_from(_CUES), st.sampled_from(["。", "\n", "　"])),
        min_size=1,
        max_size=60,
    ).map("".join)
)
def test_incident_rules_never_raise_and_spans_lie_inside(text: str) -> None:
    try:
        report = check_draft(text, account="toon-x", incident=True)
    except DraftError:
        return
    assert "TRB001" in report.codes  # every draft, whatever it says
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
