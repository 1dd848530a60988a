"""Every rule against its valid and invalid fixtures (textlint-tester style)."""

from __future__ import annotations

from typing import Any

import pytest

from checks.engine import check_draft
from checks.rules import RULES
from checks.testing import run_rule
from tests.conftest import case_text, load_rule_fixtures


def _cases(kind: str) -> list[Any]:
    out = []
    for code in sorted(RULES):
        for i, case in enumerate(load_rule_fixtures(code)[kind]):
            out.append(pytest.param(code, case, id=f"{code}-{kind}-{i}"))
    return out


def _run(code: str, case: dict[str, Any]) -> list[Any]:
    return run_rule(
        code,
        case_text(case),
        platform=case.get("platform"),
        at=case.get("at"),
        account=case.get("account"),
        image_people_consent=case.get("people_consent"),
    )


@pytest.mark.parametrize(("code", "case"), _cases("invalid"))
def test_invalid_case_is_flagged(code: str, case: dict[str, Any]) -> None:
    findings = _run(code, case)
    assert findings, f"{code} missed: {case['text'][:80]}"
    excerpts = [f.excerpt for f in findings]
    assert case["excerpt"] in excerpts, excerpts
    if "suggestion" in case:
        match = next(f for f in findings if f.excerpt == case["excerpt"])
        assert match.suggestion == case["suggestion"]


@pytest.mark.parametrize(("code", "case"), _cases("valid"))
def test_valid_case_is_clean(code: str, case: dict[str, Any]) -> None:
    findings = _run(code, case)
    assert findings == [], [(f.excerpt, f.message) for f in findings]


@pytest.mark.parametrize(
    "url",
    [
        "https://bit.ly/abc",
        "http://192.168.1.5/x",
        "https://10.0.0.1:8080/x",
        "https://xn--pple-43d.com/",
        "https://xn--zz.com/",
        "https://example.com/setup.exe",
        "https://t.co/x.exe",
    ],
)
def test_untrusted_links_left_to_the_harmful_link_rules(url: str) -> None:
    # TPY001 skips what is_untrusted_destination accepts because a LNK rule reports it.
    draft = f"詳しくは {url} をご覧ください。"
    codes = {f.code for f in check_draft(draft).findings}
    assert "TPY001" not in codes
    assert codes & {"LNK001", "LNK002", "LNK003", "LNK005"}, codes
