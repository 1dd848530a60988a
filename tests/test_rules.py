"""Every rule against its valid and invalid fixtures (textlint-tester style)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest

from checks.cases import Case, Expected, rule_cases
from checks.engine import check_draft
from checks.models import Finding
from checks.rules import RULES
from checks.testing import run_case


def _cases(kind: str) -> list[Any]:
    out = []
    for code in sorted(RULES):
        cases = rule_cases(code).invalid if kind == "invalid" else rule_cases(code).valid
        for i, case in enumerate(cases):
            out.append(pytest.param(code, case, id=f"{code}-{kind}-{i}"))
    return out


def _stated(findings: Iterable[Expected | Finding]) -> list[tuple[str, str, str]]:
    return sorted((f.code, f.excerpt, f.suggestion or "") for f in findings)


@pytest.mark.parametrize(("code", "case"), _cases("invalid"))
def test_invalid_case_gives_exactly_the_stated_findings(code: str, case: Case) -> None:
    # Every finding of every rule, each with its excerpt and suggestion: nothing unstated.
    found = run_case(case)
    assert _stated(found) == _stated(case.findings), case.text[:80]


@pytest.mark.parametrize(("code", "case"), _cases("valid"))
def test_valid_case_is_clean(code: str, case: Case) -> None:
    findings = run_case(case, code)
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
    # One problem, one category (checks/data/precedence.toml): a harmful link, or an internal
    # address (security), is not also reported as a third party's page.
    draft = f"詳しくは {url} をご覧ください。"
    codes = {f.code for f in check_draft(draft).findings}
    assert "TPY001" not in codes
    assert codes & {"LNK001", "LNK002", "LNK003", "LNK005", "SEC003"}, codes
