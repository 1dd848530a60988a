"""The coverage map: cells are unique, every named cell exists, and docs/coverage.md is current."""

from __future__ import annotations

import json

from checks.coverage import fixture_cells, lexicon_cells, load_map, render, unknown_cells
from tests.conftest import ROOT


def test_cells_are_unique_and_every_area_is_a_category() -> None:
    from checks.models import Category

    keys = [c.key for a in load_map() for c in a.cells]
    assert len(keys) == len(set(keys))
    assert {a.category for a in load_map()} <= {c.value for c in Category}


def test_every_cell_named_by_a_lexicon_or_fixture_exists() -> None:
    flagged, clean = fixture_cells()
    assert not unknown_cells([*lexicon_cells(), *flagged, *clean])


def test_the_counts_come_from_the_fixtures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"labels": [{"category": "insult"}], "cells": ["insult/threat"]})
        + "\n"
        + json.dumps({"labels": [], "cells": ["insult/threat", "illegal/dumping"]})
        + "\n",
        "utf-8",
    )
    flagged, clean = fixture_cells(tmp_path)
    assert flagged["insult/threat"] == 1
    assert clean["insult/threat"] == 1 and clean["illegal/dumping"] == 1
    assert "| `threat` |" in render(tmp_path)


def test_coverage_doc_is_current() -> None:
    doc = ROOT / "docs" / "coverage.md"
    assert doc.read_text("utf-8") == render(), (
        "docs/coverage.md is stale: run `python -m checks.coverage > docs/coverage.md`"
    )
