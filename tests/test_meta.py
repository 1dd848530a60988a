"""Meta-tests that keep the registry, the wording and the fixtures honest."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

from checks.models import Category
from checks.render import rules_markdown
from checks.rules import RULES
from checks.rules.lexical import LexiconRule, lexicon_names
from checks.testing import run_rule
from messages import clause_text, placeholders, rule_texts
from tests.conftest import FIXTURES, ROOT, load_rule_fixtures

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
    files = {p.stem for p in FIXTURES.glob("*.toml")}
    assert files == set(RULES), files ^ set(RULES)
    for code in RULES:
        cases = load_rule_fixtures(code)
        assert cases["valid"], f"{code} has no valid case"
        assert cases["invalid"], f"{code} has no invalid case"


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
def test_explain_examples_behave(code: str) -> None:
    w = rule_texts()[code]
    bad = run_rule(
        code, w.bad, platform=w.example_platform, at=w.bad_at, image_people_consent=w.bad_consent
    )
    good = run_rule(
        code, w.good, platform=w.example_platform, at=w.good_at, image_people_consent=w.good_consent
    )
    assert bad, f"{code}: the bad example is not flagged"
    assert not good, f"{code}: the good example is flagged"


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
