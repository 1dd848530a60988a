"""Meta-tests that keep the registry, the wording and the fixtures honest."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from checks.cases import fixture_codes, rule_cases
from checks.models import Category
from checks.render import rules_markdown
from checks.rules import RULES
from checks.rules.lexical import LexiconRule, lexicon_names
from checks.testing import run_rule
from messages import clause_text, has_text, placeholders, rule_texts
from tests.conftest import ROOT

MESSAGES_DIR = ROOT / "messages"


def test_codes_are_well_formed_and_names_unique() -> None:
    names = [r.name for r in RULES.values()]
    assert len(names) == len(set(names))
    for r in RULES.values():
        assert re.fullmatch(r"[A-Z]{3}\d{3}", r.code), r.code
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", r.name), r.name
        assert isinstance(r.category, Category)


def test_every_rule_has_wording_and_no_orphans() -> None:
    texts = rule_texts()
    assert set(texts) == set(RULES), set(texts) ^ set(RULES)


def test_every_rule_has_fixtures_and_no_orphans() -> None:
    files = fixture_codes()
    assert files == set(RULES), files ^ set(RULES)
    for code in RULES:
        cases = rule_cases(code)
        assert cases.valid, f"{code} has no valid case"
        assert cases.invalid, f"{code} has no invalid case"
        assert cases.invalid[0].findings[0].code == code


def test_the_fixtures_ship_with_the_package() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        package_data = tomllib.load(f)["tool"]["setuptools"]["package-data"]
    assert "fixtures/*.toml" in package_data["checks.rules"]


def test_every_lexicon_belongs_to_one_rule() -> None:
    used: dict[str, str] = {}
    for r in RULES.values():
        if isinstance(r.func, LexiconRule):
            assert r.func.code == r.code, f"{r.code} uses the wording of {r.func.code}"
            assert r.func.lexicon not in used, f"{r.func.lexicon} used by {used} and {r.code}"
            used[r.func.lexicon] = r.code
    assert set(used) == set(lexicon_names()), set(used) ^ set(lexicon_names())


def test_every_cited_clause_has_its_text() -> None:
    for r in RULES.values():
        for clause in r.clause.split(", "):
            assert clause_text(clause), f"{r.code}: no text for {clause}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_templates_use_only_known_placeholders(code: str) -> None:
    wording = rule_texts()[code]
    known = set(RULES[code].params) | {"excerpt"}
    for template in (wording.message, wording.suggestion or "", wording.title):
        unknown = placeholders(template) - known
        assert not unknown, f"{code}: unknown placeholders {unknown}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_one_explain_example_of_each_kind(code: str) -> None:
    # The examples are fixture cases, so the fixture tests check that they behave.
    cases = rule_cases(code)
    assert sum(c.example for c in cases.invalid) == 1, f"{code}: mark one invalid example"
    assert sum(c.example for c in cases.valid) == 1, f"{code}: mark one valid example"
    assert "\n" not in cases.bad_example.text + cases.good_example.text


@pytest.mark.parametrize("code", sorted(RULES))
def test_no_finding_on_empty_draft(code: str) -> None:
    assert run_rule(code, "") == []


def test_ui_messages_parse() -> None:
    for path in MESSAGES_DIR.glob("*.toml"):
        with path.open("rb") as f:
            tomllib.load(f)


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module.split(".")[0])
    return out


def test_checker_imports_nothing_from_the_transport() -> None:
    forbidden = {"bot", "slack_bolt", "slack_sdk", "redis"}
    for path in (ROOT / "checks").rglob("*.py"):
        assert not (_imports(path) & forbidden), path


def test_rules_reference_is_current() -> None:
    doc = ROOT / "docs" / "rules.md"
    assert doc.read_text("utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `toon-check --list-rules --format markdown > docs/rules.md`"
    )


def test_every_literal_text_key_exists() -> None:
    """A ``text("a.b")`` call whose key is a literal finds its sentence in messages/."""
    missing = []
    for package in ("bot", "checks"):
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "text"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)
                    and not has_text(node.args[0].value)
                ):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.args[0].value}")
    assert not missing, missing
