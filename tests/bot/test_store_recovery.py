"""The stores recover from errors nobody planned for (review of the merged issues 14 and 16)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import redis

from bot.health import Runtime, health_report
from bot.store import SQLiteStore, StoreUnavailable
from bot.store.redis import RedisStore
from bot.store.redis_schema import SCHEMA_KEY
from tests.bot.conftest import RedisServer


@pytest.fixture
def redis_store(redis_server: RedisServer) -> RedisStore:
    if redis_server.proc is None:
        redis_server.start()
    redis_server.flush()
    return RedisStore.from_url(redis_server.url, cooldown=0.1)


def test_an_unexpected_redis_error_is_a_store_error_and_the_breaker_recovers(
    redis_store: RedisStore, redis_server: RedisServer
) -> None:
    raw = redis.Redis.from_url(redis_server.url)
    raw.hset("toonbot:v2:kv:odd", "a", "1")  # a hash where a string is expected: WRONGTYPE
    with pytest.raises(StoreUnavailable) as caught:
        redis_store.get_value("odd")
    assert caught.value.problem == "error"
    time.sleep(0.15)  # the cooldown: the next call is the breaker's probe
    redis_store.set_value("k", "v")
    assert redis_store.get_value("k") == "v"
    assert redis_store.health().ok


def test_a_migration_held_by_another_instance_refuses_at_once(
    redis_store: RedisStore, redis_server: RedisServer
) -> None:
    raw = redis.Redis.from_url(redis_server.url)
    raw.delete(SCHEMA_KEY)
    raw.set("toonbot:migrating", "1", ex=60)
    redis_store._migrated = False  # as when the store was opened while Redis was down
    started = time.monotonic()
    with pytest.raises(StoreUnavailable):
        redis_store.get_value("k")
    assert time.monotonic() - started < 5  # refused, not queued behind the other instance


def test_health_reports_odd_outbox_data_as_a_failing_part(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "odd.sqlite3")
    with store._lock:
        store._db.execute("INSERT INTO outbox VALUES ('o1', '{}', '')")
    report = health_report(store, Runtime())
    outbox = {p.name: p for p in report.parts}["outbox"]
    assert not report.ok and not outbox.ok
