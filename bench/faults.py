"""Figures for issue 16: /check under faults, notifications lost or duplicated, records lost.

Runs the real Bolt app behind waitress (as ``toonbot run`` in HTTP mode) against the fake
Slack of the tests, a real redis-server and SQLite files, on loopback:

    .venv/bin/python bench/faults.py [--requests 300] [--concurrency 16]

For each fault it prints the /check acknowledgement's p50/p99, how many took over Slack's
3 seconds or got no 200, and, where it applies, notifications delivered (expected, lost,
duplicated) and records lost after a restart.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.store import SQLiteStore, Store
from bot.store.redis import RedisStore
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import REVIEW_DRAFT, BotHarness

SLACK_LIMIT = 3.0


def _checks(bot: BotHarness, n: int, concurrency: int) -> tuple[list[float], int]:
    """Send n /check commands; the acknowledgement's latency each, and how many were not 200."""

    def one(_: int) -> tuple[float, int]:
        started = time.perf_counter()
        status = bot.slash(REVIEW_DRAFT, wait=False)[0]
        return time.perf_counter() - started, status

    with ThreadPoolExecutor(concurrency) as pool:
        results = list(pool.map(one, range(n)))
    return [r[0] for r in results], sum(1 for r in results if r[1] != 200)


def _pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else 0.0


def _report(name: str, latencies: list[float], bad: int, extra: str = "") -> None:
    over = sum(1 for v in latencies if v > SLACK_LIMIT)
    print(
        f"{name:<26} /check p50 {_pct(latencies, 0.5) * 1000:7.0f} ms  "
        f"p99 {_pct(latencies, 0.99) * 1000:7.0f} ms  over 3 s {over:4d}  "
        f"not 200 {bad:4d}  {extra}"
    )


def _requests(bot: BotHarness, n: int, user: str = "UDRAFT") -> list[str]:
    """n sign-off requests (n drafts checked and sent), set up before the fault."""
    from tests.bot.test_bot_e2e import _button

    ids = []
    for _ in range(n):
        status, body = bot.slash(REVIEW_DRAFT, user=user)
        assert status == 200
        before = {r.id for r in bot.store.list_requests(requester=user, limit=500)}
        bot.action("request_signoff", _button(body["blocks"], "request_signoff")["value"], user)
        known = len(before)
        bot.slack.wait_for(
            lambda known=known: len(bot.store.list_requests(requester=user, limit=500)) > known,  # type: ignore[misc]
            30,
        )
        ids += [
            r.id for r in bot.store.list_requests(requester=user, limit=500) if r.id not in before
        ]
    return ids


def _approve_all(bot: BotHarness, ids: list[str]) -> tuple[int, int]:
    """Approve each request; (drafter notices lost, duplicated) once the bot is idle."""
    start = len(bot.slack.calls)
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda i: bot.action("approve", f"{i}:1", user="UHEAD1"), ids))
    bot.services.notifier.wait_idle(120)
    deadline = time.monotonic() + 120  # what is queued is not lost: retry as the bot would
    while bot.store.outbox_items() and time.monotonic() < deadline:
        bot.services.notifier.retry_outbox()
        time.sleep(1)
    notices = [
        c
        for c in bot.slack.calls[start:]
        if c.method == "chat.postMessage"
        and c.ok
        and c.params.get("channel") == "UDRAFT"
        and "承認しました" in str(c.params.get("text"))
    ]
    return max(0, len(ids) - len(notices)), max(0, len(notices) - len(ids))


@contextmanager
def _harness(store: Store, slack: FakeSlack | None = None) -> Iterator[BotHarness]:
    fake = slack or FakeSlack()
    bot = BotHarness(Path(tempfile.mkdtemp(prefix="faults-")), store, fake)
    try:
        yield bot
    finally:
        bot.close()
        if slack is None:
            fake.close()


def _sqlite() -> SQLiteStore:
    return SQLiteStore(Path(tempfile.mkdtemp(prefix="faults-")) / "toonbot.sqlite3")


def baseline(n: int, c: int) -> None:
    with _harness(_sqlite()) as bot:
        _report("no fault", *_checks(bot, n, c))


def slow_slack(n: int, c: int, delay: float) -> None:
    with _harness(_sqlite()) as bot:
        ids = _requests(bot, 5)
        for m in ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"):
            bot.slack.slow[m] = delay
        lat, bad = _checks(bot, n, c)
        lost, dup = _approve_all(bot, ids)
        _report(f"Slack slow ({delay:.0f} s)", lat, bad, f"notices lost {lost} dup {dup}")


def rate_limited(n: int, c: int) -> None:
    with _harness(_sqlite()) as bot:
        ids = _requests(bot, 5)
        for m in ("chat.postMessage", "chat.update", "chat.postEphemeral", "views.open"):
            bot.slack.fail(m, Failure(status=429, retry_after=2, times=40))
        lat, bad = _checks(bot, n, c)
        lost, dup = _approve_all(bot, ids)
        _report("Slack 429 (Retry-After 2)", lat, bad, f"notices lost {lost} dup {dup}")


class _Stalled:
    """Accepts connections and never answers (a hung Redis)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(256)
        self.port = int(self.sock.getsockname()[1])
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        self.sock.close()
        for conn in self.conns:
            conn.close()


def stalled_redis(n: int, c: int) -> None:
    stall = _Stalled()
    with _harness(RedisStore.from_url(f"redis://127.0.0.1:{stall.port}/0")) as bot:
        lat, bad = _checks(bot, n, c)
        started = time.perf_counter()
        health = bot.get("/healthz")[0]
        took = time.perf_counter() - started
        _report("Redis stalled", lat, bad, f"/healthz {health} in {took * 1000:.0f} ms")
    stall.close()


def full_disk(n: int, c: int) -> None:
    from tests.bot.test_reliability import _fill

    store = _sqlite()
    with _harness(store) as bot:
        _fill(store)
        lat, bad = _checks(bot, n, c)
        bot.services.notifier.wait_idle(60)
        health = bot.get("/healthz")[0]
        held = bot.services.workflow.audit.spooled()
        _report("SQLite full", lat, bad, f"/healthz {health}, audit events held {held}")


def removed_file(n: int, c: int) -> None:
    store = _sqlite()
    path = Path(store.path)
    with _harness(store) as bot:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        lat, bad = _checks(bot, n, c)
        bot.services.notifier.wait_idle(60)
        answers = [x for x in bot.slack.of("response_url") if "blocks" in x.params]
        claimed = sum(1 for a in answers if "記録用のデータベース" not in str(a.params["blocks"]))
        health = bot.get("/healthz")[0]
    again = SQLiteStore(path)
    lost = claimed - len(again.recent_checks("UDRAFT", limit=10_000))
    again.close()
    _report("SQLite file removed", lat, bad, f"/healthz {health}, records lost {max(lost, 0)}")


def two_instances() -> None:
    """Two instances on one SQLite file; Slack answers 500 slowly, then recovers."""
    from slack_sdk import WebClient

    from bot.notify import Notifier

    fake = FakeSlack()
    path = Path(tempfile.mkdtemp(prefix="faults-")) / "shared.sqlite3"
    stores = [SQLiteStore(path), SQLiteStore(path)]
    notifiers = [Notifier(WebClient(base_url=fake.api_url, token="xoxb-b"), s) for s in stores]
    fake.fail("chat.postMessage", Failure(status=500, times=20, delay=0.2))
    for i in range(20):
        notifiers[i % 2].call("chat.postMessage", channel="UDRAFT", text=f"notice {i}")
    fake.slow["chat.postMessage"] = 0.2
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda n: n.retry_outbox(), notifiers))
    got = [c.params["text"] for c in fake.of("chat.postMessage") if c.ok]
    dup = len(got) - len(set(got))
    print(f"{'two instances, 500 slowly':<26} notices 20: delivered {len(set(got))} dup {dup}")
    for n in notifiers:
        n.close()
    for s in stores:
        s.close()
    fake.close()


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--requests", type=int, default=300)
    p.add_argument("--concurrency", type=int, default=16)
    args = p.parse_args()
    n, c = args.requests, args.concurrency
    print(f"{n} /check requests, {c} at a time, per fault (os.cpu_count()={os.cpu_count()})")
    runs: list[Callable[[], None]] = [
        lambda: baseline(n, c),
        lambda: slow_slack(n, c, 5.0),
        lambda: rate_limited(n, c),
        lambda: stalled_redis(n, c),
        lambda: full_disk(n, c),
        lambda: removed_file(n, c),
        two_instances,
    ]
    for run in runs:
        run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
