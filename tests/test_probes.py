"""Blind probe rounds kept as regression fixtures (tests/fixtures/probes/ROUND.jsonl).

Each round was written by someone who had not read the checker, scored at first sight (the
figures are in docs/probes.md), then fixed in general terms. Every draft must get exactly its
labelled categories, except the differences listed in tests/fixtures/probes/known.toml (misses
and false alarms not fixed yet, each with the reason). The test fails on a new difference, and
on a listed one that is gone: remove it from the list (`python scripts/probe_known.py`).
"""

from __future__ import annotations

import json
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from checks import check_draft
from tests.conftest import ROOT

PROBES = ROOT / "tests" / "fixtures" / "probes"


def load_probes() -> list[dict[str, Any]]:
    return [
        json.loads(line)
        for path in sorted(PROBES.glob("*.jsonl"))
        for line in path.read_text("utf-8").splitlines()
        if line.strip()
    ]


def differences(draft: dict[str, Any]) -> set[tuple[str, str]]:
    """("miss", category) and ("false_alarm", category) of the checker on one probe."""
    report = check_draft(
        str(draft["text"]),
        platform=draft.get("platform"),
        posted_at=datetime.fromisoformat(str(draft["posted_at"])),
    )
    found = {f.category.value for f in report.findings}
    gold = {lab["category"] for lab in draft["labels"]}
    return {("miss", c) for c in gold - found} | {("false_alarm", c) for c in found - gold}


def known(path: Path = PROBES / "known.toml") -> dict[str, set[tuple[str, str]]]:
    out: dict[str, set[tuple[str, str]]] = {}
    if path.exists():
        for row in tomllib.loads(path.read_text("utf-8")).get("known", []):
            out.setdefault(row["id"], set()).add((row["kind"], row["category"]))
    return out


DRAFTS = load_probes()
KNOWN = known()


@pytest.mark.parametrize("draft", DRAFTS, ids=[d["id"] for d in DRAFTS])
def test_probe(draft: dict[str, Any]) -> None:
    assert differences(draft) == KNOWN.get(draft["id"], set())


def test_known_differences_name_existing_probes() -> None:
    ids = {d["id"] for d in DRAFTS}
    assert set(KNOWN) <= ids
