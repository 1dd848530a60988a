"""Shared fixtures."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "rules"


def load_rule_fixtures(code: str) -> dict[str, list[dict[str, Any]]]:
    """The valid and invalid cases of one rule."""
    with (FIXTURES / f"{code}.toml").open("rb") as f:
        raw = tomllib.load(f)
    return {"valid": raw.get("valid", []), "invalid": raw.get("invalid", [])}


def case_text(case: dict[str, Any]) -> str:
    return str(case["text"]) * int(case.get("repeat", 1))
