"""Hostile requests and failing parts (issue 16): the real Bolt app over HTTP, a fake Slack
that stalls or rate-limits, a Redis that accepts and never answers, a full SQLite database,
a removed database file. Each test says what the user sees and what the store holds after.

The full volume is SQLite's own ``max_page_count`` (SQLITE_FULL, as on a full disk) with the
audit spool on ``/dev/full`` (ENOSPC from the kernel on every write): no injected errors.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import stat
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, cast

import pytest

from bot.models import RequestState
from bot.notify import MAX_ATTEMPTS, Notifier
from bot.store import SQLiteStore, StoreUnavailable, open_store
from bot.store.redis import RedisStore
from messages import text
from tests.bot.conftest import RedisServer
from tests.bot.fake_slack import Failure, FakeSlack
from tests.bot.harness import REVIEW_DRAFT, BotHarness, sign
from tests.bot.test_bot_e2e import _request, _texts


def _command(draft: str, user: str = "UDRAFT") -> str:
    from urllib.parse import urlencode

    return urlencode(
        {
            "command": "/check",
            "text": draft,
            "user_id": user,
            "channel_id": "C1",
            "trigger_id": "t",
            "response_url": "http://127.0.0.1:9/unused",
        }
    )


def _raw(port: int, head: str, body: bytes = b"") -> str:
    """Send raw bytes; return the status line (the server may answer before the body)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(head.encode() + body)
        return s.recv(200).decode("latin-1").split("\r\n", 1)[0]


# --- the front door (items 6, 7, 8) ---


@pytest.mark.parametrize("stamp", ["abc", "", "1.5e9", "+1700000000", "-1"])
def test_malformed_timestamps_get_400_and_change_nothing(bot: BotHarness, stamp: str) -> None:
    body = _command(REVIEW_DRAFT)
    headers = sign(body)
    headers["X-Slack-Request-Timestamp"] = stamp
    status, _ = bot.post(body, "application/x-www-form-urlencoded", headers)
    assert status == 400
    assert bot.services.notifier.wait_idle()
    assert bot.store.recent_checks("UDRAFT") == []


def test_signed_form_sent_as_json_gets_400(bot: BotHarness) -> None:
    body = _command(REVIEW_DRAFT)
    assert bot.post(body, "application/json", sign(body))[0] == 400
    assert bot.post("{", "application/json", sign("{"))[0] == 400
    assert bot.store.recent_checks("UDRAFT") == []


def test_oversized_body_is_refused_unread(bot: BotHarness) -> None:
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {10 * 1024 * 1024}\r\n\r\n"
    )
    assert " 413 " in _raw(bot.port, head, b"{" * 1000)
    # The server is still there for Slack.
    assert bot.get("/healthz")[0] == 200


def test_rejected_requests_are_logged_without_their_body(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    body = _command(REVIEW_DRAFT)
    assert bot.post(body, "application/x-www-form-urlencoded", sign(body, secret="x"))[0] == 401
    assert bot.post(body, "application/x-www-form-urlencoded", sign(body, ts=1))[0] == 401
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "rejected a request" in logged
    assert "6612" not in logged and "%E9" not in logged  # neither the draft nor its encoding


def test_healthz_says_which_part_failed_not_where_it_lives(
    tmp_path: Path, slack: FakeSlack
) -> None:
    with _stalled_server() as port:
        store = RedisStore.from_url(f"redis://:s3cret@127.0.0.1:{port}/0", timeout=0.2)
        bot = BotHarness(tmp_path, store, slack)
        try:
            status, body = bot.get("/healthz")
        finally:
            bot.close()
    assert status == 503
    health = json.loads(body)
    assert health["ok"] is False
    assert health["parts"]["store"] == {"ok": False, "detail": "redis: stalled"}
    assert str(port) not in body and "127.0.0.1" not in body and "s3cret" not in body


def test_credentials_are_masked_in_printed_urls() -> None:
    from bot.redact import redact, redact_url
    from bot.settings import SettingsError, load_settings

    assert redact_url("redis://:s3cret@db:6379/0") == "redis://:***@db:6379/0"
    assert redact_url("redis://u:s3cret@db/0") == "redis://u:***@db/0"
    assert "s3cret" not in redact("failed: rediss://a:s3cret@h/0?password=s3cret xoxb-1-2")
    with pytest.raises(SettingsError) as bad:
        load_settings({"REDIS_URL": "http://u:s3cret@db:6379"}, need_slack=False)
    assert "s3cret" not in str(bad.value) and "REDIS_URL" in str(bad.value)
    with pytest.raises(StoreUnavailable) as down:
        open_store("redis://:s3cret@db:notaport/0", "unused")
    assert "s3cret" not in str(down.value)


# --- fuzzing (item 7) ---


def _fuzz_bodies(seed: int, n: int) -> Iterator[tuple[str, str]]:
    """(content type, body): broken forms and JSON, deep nesting, odd Unicode, unknown ids,
    missing and mistyped fields. Seeded, so a failure is reproducible."""
    import random

    rng = random.Random(seed)
    odd = ["\ud800", "\x00", "\u202e", "🙂" * 50, "ｱ", "\ufeff", "%", "%ZZ", "&&==", ""]
    base_action: dict[str, Any] = {
        "type": "block_actions",
        "user": {"id": "UDRAFT"},
        "trigger_id": "t",
        "channel": {"id": "C1"},
        "response_url": "http://127.0.0.1:9/r",
        "actions": [{"action_id": "approve", "value": "x:1"}],
    }
    base_view: dict[str, Any] = {
        "type": "view_submission",
        "user": {"id": "UHEAD1"},
        "view": {
            "type": "modal",
            "callback_id": "reject_modal",
            "private_metadata": "{}",
            "state": {"values": {}},
        },
    }
    base_event: dict[str, Any] = {
        "type": "event_callback",
        "event_id": "E1",
        "event": {"type": "message", "channel": "CDRAFTS", "user": "UDRAFT", "text": "x"},
    }

    def mutate(d: Any, depth: int = 0) -> Any:
        if isinstance(d, dict):
            out: dict[str, Any] = {}
            for k, v in d.items():
                roll = rng.random()
                if roll < 0.15:
                    continue  # missing field
                if roll < 0.3:
                    out[k] = rng.choice([None, 1, [], {}, "", rng.choice(odd), 1.5, True])
                else:
                    out[k] = mutate(v, depth + 1)
            if rng.random() < 0.2:
                out[rng.choice(["action_id", "callback_id", "type", "zz"])] = rng.choice(odd)
            return out
        if isinstance(d, list):
            return [mutate(x, depth + 1) for x in d] if d and rng.random() < 0.8 else []
        if isinstance(d, str) and rng.random() < 0.3:
            return rng.choice([*odd, "request_signoff", "unknown_action", "approve"])
        return d

    for _ in range(n):
        kind = rng.randrange(8)
        if kind == 0:
            yield "application/x-www-form-urlencoded", "".join(rng.choice(odd) for _ in range(8))
        elif kind == 1:
            depth = rng.choice([50, 500, 5000])
            yield "application/json", "[" * depth + "]" * depth
        elif kind == 2:
            payload = json.dumps(mutate(base_action), ensure_ascii=rng.random() < 0.5)
            yield "application/x-www-form-urlencoded", "payload=" + payload
        elif kind == 3:
            yield "application/x-www-form-urlencoded", "payload=" + json.dumps(mutate(base_view))
        elif kind == 4:
            yield "application/json", json.dumps(mutate(base_event))
        elif kind == 5:
            cut = json.dumps(base_action)[: rng.randrange(1, 60)]
            yield "application/x-www-form-urlencoded", "payload=" + cut
        elif kind == 6:
            fields = {"command": "/check", "user_id": "UDRAFT", "trigger_id": "t", "text": "x"}
            for k in list(fields):
                if rng.random() < 0.3:
                    fields[k] = rng.choice(odd)
            yield (
                "application/x-www-form-urlencoded",
                "&".join(f"{k}={v}" for k, v in fields.items()),
            )
        else:
            yield rng.choice(["text/plain", "application/xml", ""]), rng.choice(odd)


def test_fuzzed_signed_requests_never_get_a_500(
    bot: BotHarness, caplog: pytest.LogCaptureFixture
) -> None:
    import resource

    caplog.set_level(logging.INFO)
    statuses: dict[int, int] = {}
    for content_type, body in _fuzz_bodies(seed=16, n=160):
        raw = body.encode("utf-8", "surrogatepass")  # lone surrogates: not UTF-8 at all
        status, _ = bot.post(raw, content_type, sign(raw))
        statuses[status] = statuses.get(status, 0) + 1
    # Sixteen unsigned 10 MB bodies at once: refused before they are read.
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    head = (
        "POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"Content-Length: {10 * 1024 * 1024}\r\n\r\n"
    )
    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(lambda _: _raw(bot.port, head, b"x" * 65536), range(16)))
    assert all(" 413 " in a for a in answers)
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 64 * 1024  # kB
    assert bot.services.notifier.wait_idle()
    assert not [s for s in statuses if s >= 500], statuses
    assert not [r for r in caplog.records if r.exc_info], "a traceback was logged"
    assert bot.get("/healthz")[0] == 200  # still up
    # No half-written record: every stored check has its audit event, and nothing else.
    events = bot.store.audit_between("2000-01-01T00:00:00+00:00", "2100-01-01T00:00:00+00:00")
    audited = {e.check_id for e in events if e.kind == "check"}
    assert all(bot.store.get_check(c) is not None for c in audited)
    assert {c.id for c in bot.store.recent_checks("UDRAFT", limit=1000)} <= audited
    assert bot.store.list_requests() == []


# --- a slow or rate-limiting Slack (items 1, 2) ---


def test_slow_slack_never_delays_an_acknowledgement(bot: BotHarness, slack: FakeSlack) -> None:
    """Twelve approvals while every Slack call stalls: Bolt's threads would all wait on Slack
    and the /check sent meanwhile would get no acknowledgement (404)."""
    request_ids = [_request(bot, user=u) for u in ("UDRAFT",)]
    for method in ("chat.postMessage", "chat.update", "chat.postEphemeral", "response_url"):
        slack.slow[method] = 1.5
    with ThreadPoolExecutor(14) as pool:
        clicks = [
            pool.submit(bot.action, "approve", f"{request_ids[0]}:1", user=head)
            for head in ["UHEAD1", "UHEAD2"] * 6
        ]
        checks = [pool.submit(bot.slash, REVIEW_DRAFT, wait=False) for _ in range(2)]
        assert [c.result() for c in clicks] == [200] * 12
        assert [c.result()[0] for c in checks] == [200, 200]
    slack.slow.clear()
    assert bot.services.notifier.wait_idle(30)
    # One decision; the drafter told once; both /check answers arrived.
    assert (bot.store.get_request(request_ids[0]) or pytest.fail()).state == RequestState.APPROVED
    told = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "UDRAFT"]
    assert len(told) == 1
    answers = [c for c in slack.of("response_url") if c.target.startswith("cmd")]
    assert len([a for a in answers if "blocks" in a.params]) == 3  # _request's and these two


def test_rate_limited_slack_delivers_each_notification_once(
    bot: BotHarness, slack: FakeSlack
) -> None:
    request_id = _request(bot)
    slack.fail("chat.postMessage", Failure(status=429, retry_after=1, times=2))
    assert bot.action("approve", f"{request_id}:1", user="UHEAD1") == 200
    assert bot.slash("お知らせです。")[0] == 200  # answered meanwhile
    assert bot.services.notifier.wait_idle(30)
    delivered = [c for c in slack.of("chat.postMessage") if c.params["channel"] == "UDRAFT"]
    assert len(delivered) == 3 and "承認しました" in delivered[-1].params["text"]  # 2×429, 1 ok
    assert bot.store.outbox_items() == []


def test_two_instances_never_both_send_a_queued_message(tmp_path: Path, slack: FakeSlack) -> None:
    """Two instances on one SQLite file retry the same outbox while Slack answers slowly."""
    from slack_sdk import WebClient

    path = tmp_path / "shared.sqlite3"
    stores = [SQLiteStore(path), SQLiteStore(path)]
    notifiers = [Notifier(WebClient(base_url=slack.api_url, token="xoxb-t"), s) for s in stores]
    slack.fail("chat.postMessage", Failure(status=500, times=5))  # a plain client: no retries
    for i in range(5):
        notifiers[0].call("chat.postMessage", channel="UDRAFT", text=f"通知{i}")
    assert len(stores[0].outbox_items()) == 5
    failed = len(slack.of("chat.postMessage"))
    slack.slow["chat.postMessage"] = 0.2
    barrier = threading.Barrier(2)

    def retry(n: Notifier) -> int:
        barrier.wait()
        return n.retry_outbox()

    with ThreadPoolExecutor(2) as pool:
        sent = sum(pool.map(retry, notifiers))
    assert sent == 5 and stores[1].outbox_items() == []
    texts = [c.params["text"] for c in slack.of("chat.postMessage")[failed:]]
    assert sorted(texts) == [f"通知{i}" for i in range(5)]  # each once
    for n in notifiers:
        n.close()
    for s in stores:
        s.close()


def test_a_post_that_timed_out_but_went_through_is_not_sent_again(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """Slack posted the message but answered after the client gave up: the retry finds the
    message's delivery key in the channel and does not post it a second time."""
    from slack_sdk import WebClient

    store = SQLiteStore(tmp_path / "t.sqlite3")
    quick = cast(int, 0.2)  # urllib takes seconds as a float; the annotation says int
    notifier = Notifier(WebClient(base_url=slack.api_url, token="xoxb-t", timeout=quick), store)
    slack.slow["chat.postMessage"] = 0.5
    assert notifier.post("CAPPROVE", "依頼があります") is None  # timed out
    slack.wait_for(lambda: bool(slack.history.get("CAPPROVE")))
    slack.slow.clear()
    assert len(store.outbox_items()) == 1
    assert notifier.retry_outbox() == 0
    assert store.outbox_items() == []
    assert [m["text"] for m in slack.history["CAPPROVE"]] == ["依頼があります"]  # once
    notifier.close()
    store.close()


def test_a_direct_message_that_timed_out_but_went_through_is_not_sent_again(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """The same for a direct message: the retry opens the app's conversation with the user
    (conversations.open) and finds the delivery key there."""
    from slack_sdk import WebClient

    store = SQLiteStore(tmp_path / "d.sqlite3")
    quick = cast(int, 0.2)
    notifier = Notifier(WebClient(base_url=slack.api_url, token="xoxb-t", timeout=quick), store)
    slack.slow["chat.postMessage"] = 0.5
    assert notifier.post("UKIKI", "承認しました") is None  # timed out
    slack.wait_for(lambda: bool(slack.history.get("DKIKI")))
    slack.slow.clear()
    assert notifier.retry_outbox() == 0
    assert store.outbox_items() == []
    assert [m["text"] for m in slack.history["DKIKI"]] == ["承認しました"]  # once
    assert slack.of("conversations.open")[0].params["users"] == "UKIKI"
    notifier.close()
    store.close()


def test_a_post_in_flight_is_in_the_outbox_and_not_sent_twice(
    tmp_path: Path, slack: FakeSlack
) -> None:
    """While Slack is slow the post is already in the outbox (a crash now would not lose it),
    and the retry loop leaves it to the worker that is sending it."""
    from slack_sdk import WebClient

    store = SQLiteStore(tmp_path / "w.sqlite3")
    notifier = Notifier(WebClient(base_url=slack.api_url, token="xoxb-t"), store)
    slack.slow["chat.postMessage"] = 0.5
    notifier.background(notifier.post, "UDRAFT", "承認しました")
    slack.wait_for(lambda: bool(store.outbox_items()))
    assert notifier.retry_outbox() == 0  # in flight: not sent a second time
    assert notifier.wait_idle()
    assert store.outbox_items() == []  # Slack took it: the copy is gone
    assert len(slack.of("chat.postMessage")) == 1
    notifier.close()
    store.close()


def test_outbox_caps_attempts_and_age_and_late_messages_say_so(
    tmp_path: Path, slack: FakeSlack
) -> None:
    from slack_sdk import WebClient

    now = [1_800_000_000.0]
    store = SQLiteStore(tmp_path / "o.sqlite3")
    notifier = Notifier(
        WebClient(base_url=slack.api_url, token="xoxb-t"), store, clock=lambda: now[0]
    )
    slack.fail("chat.postMessage", Failure(status=500))  # a plain client: no retries
    notifier.call("chat.postMessage", channel="UDRAFT", text="承認しました")
    now[0] += 20 * 60  # Slack is back twenty minutes later
    assert notifier.retry_outbox() == 1
    late = slack.of("chat.postMessage")[-1].params["text"]
    assert late.startswith(text("notify.late", at="")[:12]) and late.endswith("承認しました")
    # An item that keeps failing is dropped after MAX_ATTEMPTS, and one older than a day too.
    store.outbox_add(
        "o1",
        json.dumps(
            {
                "method": "chat.postMessage",
                "args": {"channel": "U", "text": "a"},
                "due": now[0],
                "attempts": MAX_ATTEMPTS,
            }
        ),
    )
    store.outbox_add(
        "o2",
        json.dumps(
            {
                "method": "chat.postMessage",
                "args": {"channel": "U", "text": "b"},
                "due": now[0] - 2 * 86400,
                "attempts": 1,
            }
        ),
    )
    calls = len(slack.calls)
    assert notifier.retry_outbox() == 0
    assert store.outbox_items() == [] and len(slack.calls) == calls
    notifier.close()
    store.close()


# --- a stalled Redis (item 3) ---


class _stalled_server:
    """A TCP server that accepts connections and never answers (a hung Redis)."""

    def __enter__(self) -> int:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.conns: list[socket.socket] = []
        self.stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()
        return int(self.sock.getsockname()[1])

    def _accept(self) -> None:
        self.sock.settimeout(0.1)
        while not self.stop.is_set():
            try:
                self.conns.append(self.sock.accept()[0])
            except OSError:
                continue

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.sock.close()
        for c in self.conns:
            c.close()


def test_stalled_redis_still_answers_checks_and_refuses_decisions_at_once(
    tmp_path: Path, slack: FakeSlack, redis_server: RedisServer
) -> None:
    redis_server.flush()
    good = BotHarness(tmp_path, RedisStore.from_url(redis_server.url), slack)
    request_id = _request(good)
    good.close()
    with _stalled_server() as port:
        store = RedisStore.from_url(f"redis://127.0.0.1:{port}/0", timeout=0.3, cooldown=60)
        bot = BotHarness(tmp_path, store, slack)
        try:
            status, body = bot.slash(REVIEW_DRAFT)
            assert status == 200 and text("bot.not_stored") in _texts(body["blocks"])
            assert store.breaker.problem == "stalled"  # open: the next calls do not wait
            assert bot.action("approve", f"{request_id}:1", user="UHEAD1") == 200
            slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
            assert slack.of("chat.postEphemeral")[-1].params["text"] == text(
                "bot.problem.store_down"
            )
            assert bot.get("/healthz")[0] == 503
            assert bot.services.workflow.audit.spooled() == 1  # the check's audit event
        finally:
            bot.close()
    # Redis itself never saw the decision.
    check = RedisStore.from_url(redis_server.url)
    assert (check.get_request(request_id) or pytest.fail()).state == RequestState.PENDING
    check.close()


# --- SQLite: full volume, removed file, unwritable -shm (items 4, 5, 9) ---


def _fill(store: SQLiteStore) -> None:
    """SQLite's own size cap at the current size, and the free room in its pages used up:
    every write now fails with SQLITE_FULL, as on a full disk."""
    import sqlite3

    db = store._db
    with store._lock:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:  # each table and index has pages of its own
            columns = db.execute(f"PRAGMA table_info({table})").fetchall()
            numeric = [str(c[2]).upper() in ("REAL", "INTEGER") for c in columns]
            row = ", ".join("?" * len(columns))
            for size in (2000, 500, 100, 20, 1):
                for i in range(10_000):
                    filler = ["x" * size if not n else time.time() for n in numeric[1:]]
                    values = [f"~fill{size}:{i}", *filler]
                    try:
                        db.execute(f"INSERT INTO {table} VALUES ({row})", values)
                    except sqlite3.OperationalError:
                        break


def test_full_disk_answers_with_the_report_and_loses_no_record(
    tmp_path: Path, slack: FakeSlack
) -> None:
    store = SQLiteStore(tmp_path / "full.sqlite3")
    bot = BotHarness(tmp_path, store, slack)
    bot.services.workflow.audit.spool = Path("/dev/full")  # the spool's volume is full too
    try:
        request_id = _request(bot)
        _fill(store)
        status, body = bot.slash(REVIEW_DRAFT)
        assert status == 200 and text("bot.not_stored") in _texts(body["blocks"])
        status, health = bot.get("/healthz")
        assert (
            status == 503 and json.loads(health)["parts"]["store"]["detail"] == "sqlite: disk_full"
        )
        assert bot.services.workflow.audit.spooled() >= 1  # held in memory, said in the log
        with store._lock:
            store._db.execute("PRAGMA max_page_count = 1073741823")
        assert bot.get("/healthz")[0] == 200
        assert bot.services.workflow.audit.flush() >= 1
    finally:
        bot.close()
    again = SQLiteStore(tmp_path / "full.sqlite3")  # after a restart
    kinds = [e.kind for e in again.audit_between("2000-01-01", "2100-01-01")]
    assert kinds.count("check") == 2 and "request" in kinds
    assert again.get_request(request_id) is not None
    again.close()


def test_removed_database_file_stops_writes_with_a_clear_error(
    tmp_path: Path, slack: FakeSlack
) -> None:
    path = tmp_path / "gone.sqlite3"
    bot = BotHarness(tmp_path, SQLiteStore(path), slack)
    try:
        request_id = _request(bot)
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        status, body = bot.slash(REVIEW_DRAFT)
        assert status == 200 and text("bot.not_stored") in _texts(body["blocks"])
        assert bot.action("approve", f"{request_id}:1", user="UHEAD1") == 200
        slack.wait_for(lambda: bool(slack.of("chat.postEphemeral")))
        assert slack.of("chat.postEphemeral")[-1].params["text"] == text("bot.problem.store_down")
        status, health = bot.get("/healthz")
        assert (
            status == 503
            and json.loads(health)["parts"]["store"]["detail"] == "sqlite: file_replaced"
        )
    finally:
        bot.close()
    # Nothing claimed to succeed went into the unlinked file: the new file holds nothing.
    fresh = SQLiteStore(path)
    assert fresh.recent_checks("UDRAFT") == [] and fresh.list_requests() == []
    fresh.close()


def test_unwritable_shared_memory_file_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "shm.sqlite3"
    store = SQLiteStore(path)
    keeper = sqlite3.connect(path)  # another process that keeps the -shm file in place
    keeper.execute("SELECT count(*) FROM kv").fetchone()
    shm = Path(f"{path}-shm")
    assert shm.exists()
    os.chmod(shm, stat.S_IRUSR)
    try:
        assert store.health().problem == "unwritable"  # on each health check
        assert store.get_value("k") is None  # reads still work
        store.close()
        with pytest.raises(StoreUnavailable) as e:  # and at start
            SQLiteStore(path)
        assert e.value.problem == "unwritable" and "-shm" in str(e.value)
    finally:
        os.chmod(shm, stat.S_IRUSR | stat.S_IWUSR)
        keeper.close()
