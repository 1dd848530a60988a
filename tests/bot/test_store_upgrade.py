"""Data written by the schema before versioning (fixtures made with commit 823f34b's code)
opens with the new code, which finds every record, and gets the current version."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import redis

from bot.models import RequestState
from bot.store import SQLiteStore, Store, StoreUnavailable
from bot.store.redis import RedisStore
from bot.store.redis_schema import LATEST as REDIS_LATEST
from bot.store.redis_schema import SCHEMA_KEY
from bot.store.sqlite_schema import LATEST as SQLITE_LATEST
from tests.bot.conftest import RedisServer
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "store"
EVERYTHING = ("2000-01-01T00:00:00+09:00", "2100-01-01T00:00:00+09:00")


def _finds_every_record(store: Store) -> None:
    for i in (1, 2, 3):
        got = store.get_check(f"c{i}")
        assert got is not None and got[0].text_sha == f"{i:016x}"
    assert [c.id for c in store.recent_checks("UDRAFT")] == ["c2", "c1"]
    states = {r.id: r.state for r in store.list_requests(limit=50)}
    assert states == {
        "r1": RequestState.SUPERSEDED,
        "r2": RequestState.APPROVED,
        "r3": RequestState.REJECTED,
        "r4": RequestState.PENDING,
    }
    assert [r.id for r in store.list_requests(state=RequestState.PENDING)] == ["r4"]
    assert [r.id for r in store.list_requests(department="kiki")] == ["r3"]
    soumu_pending = store.list_requests(department="soumu", state=RequestState.PENDING)
    assert [r.id for r in soumu_pending] == ["r4"]
    assert [r.id for r in store.list_requests(requester="UDRAFT")] == ["r4", "r3", "r2", "r1"]
    r2 = store.get_request("r2")
    assert r2 is not None and r2.decided_by == "UHEAD1" and r2.messages == (("DHEAD", "2.0001"),)
    assert [e.id for e in store.audit_between(*EVERYTHING)] == ["e1", "e2", "e3", "e4", "e5"]
    assert not store.first_seen("event:Ev1", 60)
    assert [i for i, _ in store.outbox_items()] == ["o1"]
    assert store.get_value("scheduler:last_tick") == "2027-01-05T09:00:00+09:00"
    assert store.get_value("password:toon-x") is not None
    # The new indexes of the upgraded data work: the pending request can be decided once.
    assert store.decide(
        "r4", RequestState.APPROVED, "UHEAD2", "2027-01-06T10:00:00+09:00", None
    ).won
    assert store.list_requests(state=RequestState.PENDING) == []
    assert store.list_requests(department="soumu", state=RequestState.PENDING) == []
    assert [r.id for r in store.list_requests(state=RequestState.APPROVED)] == ["r4", "r2"]
    assert store.purge_before("2027-01-02T00:00:00+09:00").audit == 1


def test_sqlite_file_of_the_unversioned_schema_is_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "old.sqlite3"
    con = sqlite3.connect(db)
    con.executescript((FIXTURES / "sqlite-v1.sql").read_text("utf-8"))
    assert con.execute("PRAGMA user_version").fetchone()[0] == 0
    con.close()
    store = SQLiteStore(db)
    _finds_every_record(store)
    store.close()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SQLITE_LATEST
    plan = " ".join(
        str(row[3])
        for row in con.execute(
            "EXPLAIN QUERY PLAN UPDATE checks SET text = NULL WHERE text IS NOT NULL AND expires < 1"
        )
    )
    con.close()
    assert "checks_text_expires" in plan  # put_check's sweep no longer scans the table
    SQLiteStore(db).close()  # opening again is a no-op


def test_sqlite_file_of_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.sqlite3"
    SQLiteStore(db).close()
    con = sqlite3.connect(db)
    con.execute(f"PRAGMA user_version = {SQLITE_LATEST + 1}")
    con.close()
    with pytest.raises(StoreUnavailable, match="schema version"):
        SQLiteStore(db)


def _load_redis_dump(client: redis.Redis) -> None:
    dump = json.loads((FIXTURES / "redis-v1.json").read_text("utf-8"))
    for key, item in dump.items():
        kind, value = item["type"], item["value"]
        if kind == "string":
            client.set(key, value)
        elif kind == "hash":
            client.hset(key, mapping=value)
        elif kind == "set":
            client.sadd(key, *value)
        else:
            client.zadd(key, {m: s for m, s in value})


def test_redis_keys_of_the_unversioned_layout_are_moved(redis_server: RedisServer) -> None:
    if redis_server.proc is None:
        redis_server.start()
    redis_server.flush()
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    _load_redis_dump(client)
    store = RedisStore.from_url(redis_server.url)
    assert client.get(SCHEMA_KEY) == str(REDIS_LATEST)
    unversioned = [
        k
        for k in client.scan_iter("toonbot:*")
        if not k.startswith("toonbot:v2:") and k != SCHEMA_KEY
    ]
    assert unversioned == []
    _finds_every_record(store)
    store.close()
    RedisStore.from_url(redis_server.url).close()  # a second start finds nothing to move
    client.close()
