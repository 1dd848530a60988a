"""How often TRB002 (rebuttal-reply, §7(4)) fires in incident mode on the stored drafts.

    python bench/trb002_scan.py

Runs the rule over tests/fixtures/clean_posts.jsonl, flagged_drafts.jsonl, the probe rounds
and (when present) ../shared/eval/dev.jsonl, printing every hit: on posts that are not replies
to commenters it should stay silent.
"""

from __future__ import annotations

import json
from pathlib import Path

from checks.testing import run_rule

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    files = [
        ROOT / "tests" / "fixtures" / "clean_posts.jsonl",
        ROOT / "tests" / "fixtures" / "flagged_drafts.jsonl",
        *sorted((ROOT / "tests" / "fixtures" / "probes").glob("*.jsonl")),
        ROOT.parent / "shared" / "eval" / "dev.jsonl",
    ]
    drafts = hits = 0
    for path in files:
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line) if line.strip() else {}
            if not record.get("text"):
                continue
            drafts += 1
            found = run_rule("TRB002", record["text"], incident=True)
            if found:
                hits += 1
                print(f"{path.name} {record.get('id')}: {found[0].excerpt[:60]}")
    print(f"TRB002 in incident mode: {hits} of {drafts} drafts flagged")


if __name__ == "__main__":
    main()
