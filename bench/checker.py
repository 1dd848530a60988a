"""Checker benchmark: throughput, overhead over bare Sudachi, cold start and peak RSS.

    python bench/checker.py [--drafts 10000] [--data ../shared/eval/dev.jsonl]

Targets (issue 10): full check <= 3x bare tokenization; cold start <= 0.5 s; peak RSS <= 200 MB.

Each checker figure is printed next to the same figure for bare Sudachi (the dictionary the
checker cannot do without): its cold start (import, dictionary, first tokenization) and its peak
RSS over the same drafts, mostly the pages of the memory-mapped dictionary that tokenizing
touches. The checker's cold start is measured with the lexicon load cache warm (a start after
the first, see checks/lexicon_cache.py), in a cache directory of the benchmark's own; the first
start, which fills the cache, is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
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


# A child's own peak RSS, then its resident anonymous and file-backed memory (KiB), printed
# last: see peak_rss_kb and rss_split_kb.
_PEAK_RSS = (
    "print(*[next((l.split()[1] for l in open('/proc/self/status') if l.startswith(k + ':')), 0)"
    " for k in ('VmHWM', 'RssAnon', 'RssFile')])"
)
_CHECKER_START = (
    "from checks import check_draft; check_draft('1月10日(日)に開きます。');" + _PEAK_RSS
)
_BARE_START = (
    "from sudachipy import Dictionary;"
    "Dictionary(dict='core').tokenizer().tokenize('1月10日(日)に開きます。');" + _PEAK_RSS
)
# Bare Sudachi (default tokenizer) over the drafts of a file: its peak RSS.
_BARE_DRAFTS = (
    "import sys; from sudachipy import Dictionary\n"
    "tok = Dictionary(dict='core').tokenizer()\n"
    "texts = open(sys.argv[1], encoding='utf-8').read().split('\\0')\n"
    "for t in texts: tok.tokenize(t[:12_000])\n" + _PEAK_RSS
)


def peak_rss_kb() -> int:
    """This process's peak RSS in KiB: VmHWM, the high-water mark of its own memory map.

    ``ru_maxrss`` is not used: Linux carries it over from the parent through fork and exec, so
    a child started by a big process (this benchmark) reported the parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def rss_split_kb() -> tuple[int, int]:
    """This process's resident memory now (KiB): anonymous (the Python heap, the automata,
    Sudachi's own allocations) and file-backed (mostly the memory-mapped dictionary)."""
    split = {"RssAnon:": 0, "RssFile:": 0}
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.split(maxsplit=1)[0] in split:
                    split[line.split()[0]] = int(line.split()[1])
    except OSError:
        pass
    return split["RssAnon:"], split["RssFile:"]


def cold_start(code: str, runs: int = 5, *args: str) -> tuple[float, float, tuple[float, float]]:
    """Median seconds from a new process running ``code`` to its end, its peak RSS (MB) and
    the anonymous / file-backed split of its RSS at the end (MB) in the run of that peak."""
    times = []
    rss = []
    for _ in range(runs):
        t0 = time.perf_counter()
        p = subprocess.run(
            [sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True
        )
        times.append(time.perf_counter() - t0)
        peak, anon, file = (int(x) / 1024 for x in p.stdout.split())
        rss.append((peak, (anon, file)))
    peak, split = max(rss)
    return statistics.median(times), peak, split


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--drafts", type=int, default=10_000)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument(
        "--rounds", type=int, default=7, help="interleaved timing rounds (fastest counts)"
    )
    args = ap.parse_args()

    # The lexicon load cache of this run: the first start fills it, the others read it.
    cache_dir = tempfile.mkdtemp(prefix="toonbot-bench-cache-")
    os.environ["TOONBOT_CACHE_DIR"] = cache_dir
    first_start, _, _ = cold_start(_CHECKER_START, 1)

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

    rss = peak_rss_kb() / 1024
    anon, file = (x / 1024 for x in rss_split_kb())
    cold, cold_rss, _ = cold_start(_CHECKER_START)
    bare_cold, bare_cold_rss, _ = cold_start(_BARE_START)
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt") as f:
        f.write("\0".join(texts))
        f.flush()
        _, bare_rss, (bare_anon, bare_file) = cold_start(_BARE_DRAFTS, 1, f.name)
    shutil.rmtree(cache_dir, ignore_errors=True)
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
    print(
        f"cold start           {cold:.3f} s  (target <= 0.5 s)  {'OK' if cold <= 0.5 else 'OVER'}"
    )
    print(f"  bare Sudachi       {bare_cold:.3f} s")
    print(f"  first start        {first_start:.3f} s  (empty lexicon cache: specs run)")
    print(f"peak RSS, bench      {rss:.0f} MB  (target <= 200 MB) {'OK' if rss <= 200 else 'OVER'}")
    print(
        f"  anonymous / file   {anon:.0f} / {file:.0f} MB at the end (file: the mapped dictionary)"
    )
    print(f"  bare Sudachi       {bare_rss:.0f} MB  (default tokenizer, the same drafts)")
    print(f"  anonymous / file   {bare_anon:.0f} / {bare_file:.0f} MB")
    print(f"peak RSS, cold start {cold_rss:.0f} MB")
    print(f"  bare Sudachi       {bare_cold_rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
