"""Rewrite tests/fixtures/probes/known.toml from the checker's current differences on the probe
rounds, keeping the reasons already written. Run after a fix; review the diff before committing:
a new line is a regression unless it is a new round's first-sight miss."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_probes import PROBES, differences, load_probes


def main() -> int:
    path = PROBES / "known.toml"
    reasons: dict[tuple[str, str, str], str] = {}
    if path.exists():
        import tomllib

        for row in tomllib.loads(path.read_text("utf-8")).get("known", []):
            reasons[(row["id"], row["kind"], row["category"])] = row.get("reason", "")
    lines = [
        "# Differences between the probe rounds' labels and the checker, not fixed yet.",
        "# Written by scripts/probe_known.py; tests/test_probes.py fails on any other difference.",
        "",
    ]
    for draft in load_probes():
        for kind, category in sorted(differences(draft)):
            reason = reasons.get((draft["id"], kind, category)) or (
                f"not fixed yet (round {draft['id'].split('-')[0]})"
            )
            lines += [
                "[[known]]",
                f'id = "{draft["id"]}"',
                f'kind = "{kind}"',
                f'category = "{category}"',
                f'reason = "{reason}"',
                "",
            ]
    path.write_text("\n".join(lines), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
