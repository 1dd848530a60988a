"""Checker benchmark: throughput, overhead over bare Sudachi, cold start and peak RSS.

    python bench/checker.py [--drafts 10000] [--data ../shared/eval/dev.jsonl]

Targets (issue 2): full check <= 3x bare tokenization; cold start <= 1.0 s; peak RSS <= 200 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checks import check_draft  # noqa: E402
from checks.analysis import bare_tokenize  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def load(path: Path, n: int) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as f:
        items = [json.loads(line) for line in f if line.strip()]
    return [items[i % len(items)] for i in range(max(n, len(items)))]


def cold_start(runs: int = 5) -> tuple[float, float]:
    """Median seconds from a new process to its first report, and the child's peak RSS (MB)."""
    code = (
        "import resource; from checks import check_draft; check_draft('1月10日(日)に開きます。');"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    times = []
    rss = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - t0)
        rss.append(int(p.stdout) / 1024)
    return statistics.median(times), max(rss)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=10_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument(
        "--rounds", type=int, default=7, help="interleaved timing rounds (fastest counts)"
    )
    args = ap.parse_args()

    items = load(args.data, args.drafts)
    texts = [it["text"] for it in items]
    contexts = [
        (
            it.get("platform"),
            datetime.fromisoformat(it["posted_at"]) if it.get("posted_at") else None,
        )
        for it in items
    ]
    # Warm up (dictionary, tokenizer, regexes, holiday tables, twitter-text): one-time costs
    # belong to the cold start, measured separately below.
    for t, (platform, at) in zip(texts[:200], contexts[:200], strict=True):
        check_draft(t, platform=platform, posted_at=at)

    # Bare Sudachi: a default tokenizer (mode C, all fields) from the same dictionary, as a
    # user of SudachiPy would write it; and the checker's own tokenizer, which loads only the
    # fields it copies (a stricter baseline). Each is timed in several interleaved rounds and
    # the fastest round counts, so a busy machine does not skew the ratio.
    from checks.analysis import tokens

    tokens._tokenizer()
    assert tokens._dictionary is not None
    default_tok = tokens._dictionary.tokenizer()

    def run_bare() -> None:
        for t in texts:
            default_tok.tokenize(t[:12_000])

    def run_subset() -> None:
        for t in texts:
            bare_tokenize(t)

    def run_full() -> None:
        for t, (platform, at) in zip(texts, contexts, strict=True):
            check_draft(t, platform=platform, posted_at=at)

    # CPU time of this process (not wall time): other processes on the machine do not count.
    timings: dict[str, list[float]] = {"bare": [], "subset": [], "full": []}
    for _ in range(args.rounds):
        for name, fn in (("bare", run_bare), ("subset", run_subset), ("full", run_full)):
            t0 = time.process_time()
            fn()
            timings[name].append(time.process_time() - t0)
    bare, bare_subset, full = (min(timings[k]) for k in ("bare", "subset", "full"))

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cold, cold_rss = cold_start()
    ratio = full / bare
    chars = sum(len(t) for t in texts)
    print(
        f"drafts               {len(texts):,} ({chars:,} characters), best of {args.rounds} rounds"
    )
    print(f"bare Sudachi         {bare:.2f} s  ({len(texts) / bare:,.0f} drafts/s)")
    print(f"bare, field subset   {bare_subset:.2f} s  ({len(texts) / bare_subset:,.0f} drafts/s)")
    print(f"full check           {full:.2f} s  ({len(texts) / full:,.0f} drafts/s)")
    print(f"full / bare          {ratio:.2f}x   (target <= 3.0x)  {'OK' if ratio <= 3 else 'OVER'}")
    print(f"full / bare subset   {full / bare_subset:.2f}x")
    print(f"cold start           {cold:.3f} s  (target <= 1.0 s)  {'OK' if cold <= 1 else 'OVER'}")
    print(f"peak RSS, bench      {rss:.0f} MB  (target <= 200 MB) {'OK' if rss <= 200 else 'OVER'}")
    print(f"peak RSS, cold start {cold_rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
