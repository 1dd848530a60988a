"""Realistic municipal posts (written for this project in the style of real ones) pass clean.

Every post here is one a careful PR officer would publish as is. A false alarm found on a
real post is fixed in the rule or lexicon, and the post is added here.
"""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from checks import check_draft
from tests.conftest import ROOT

POSTS = [
    json.loads(line)
    for line in (ROOT / "tests" / "fixtures" / "clean_posts.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("post", POSTS, ids=[p["id"] for p in POSTS])
def test_clean_post_has_no_finding(post: dict[str, str]) -> None:
    report = check_draft(
        post["text"],
        platform=post["platform"],
        posted_at=datetime.fromisoformat(post["posted_at"]),
    )
    assert report.findings == (), [(f.code, f.excerpt) for f in report.findings]
