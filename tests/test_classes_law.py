"""Class fixtures for the illegal, political and rights categories (round-9 fix).

Each class of miss (an act under a permission frame, one candidate praised beside a vote
call, a stranger photographed for fun …) is written in several registers, with clean
look-alikes that use the same risky words in a warning or a neutral notice. A flagged draft
must raise exactly the categories of its labels; a clean one must raise nothing.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest

from checks import check_draft
from tests.conftest import ROOT

DRAFTS = [
    json.loads(line)
    for line in (ROOT / "tests" / "fixtures" / "classes" / "law.jsonl")
    .read_text("utf-8")
    .splitlines()
    if line.strip()
]


@pytest.mark.parametrize("draft", DRAFTS, ids=[d["id"] for d in DRAFTS])
def test_class_fixture(draft: dict[str, Any]) -> None:
    report = check_draft(
        str(draft["text"]),
        platform=str(draft["platform"]),
        posted_at=datetime.fromisoformat(str(draft["posted_at"])),
    )
    found = {f.category.value for f in report.findings}
    expected = {label["category"] for label in draft["labels"]}
    assert found == expected, [(f.code, f.excerpt) for f in report.findings]
