"""Store benchmark: each operation's latency as the trail grows, on SQLite and Redis.

    python bench/store.py [--sizes 0,100000,1000000] [--repeat 200] [--redis-url URL]

A size N means N check records (their texts kept), N audit events and N/10 sign-off
requests (all decided but the newest 100, as pending requests expire). Filling writes the
adapters' own layout in bulk (executemany, pipelines), then every operation runs ``--repeat``
times through the adapter. Without --redis-url a redis-server on a free port is started (and
stopped) for the run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import redis

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest  # noqa: E402
from bot.store import SQLiteStore, Store  # noqa: E402
from bot.store.base import CHECK_TEXT_TTL  # noqa: E402
from bot.store.redis import RedisStore  # noqa: E402
from bot.store.redis_schema import PREFIX  # noqa: E402

START = datetime.fromisoformat("2025-01-01T09:00:00+09:00")
USERS = 500
DEPARTMENTS = 20
BATCH = 10_000


def _at(i: int) -> str:
    return (START + timedelta(seconds=30 * i)).isoformat()


def _check(i: int) -> CheckRecord:
    return CheckRecord(
        id=f"c{i:09}",
        user=f"U{i % USERS:05}",
        channel="CDRAFTS",
        at=_at(i),
        verdict="review",
        codes=("PII001", "DEC001"),
        length=120,
        text_sha=f"{i:016x}",
        account="toon-x",
        draft_id=f"d{i:09}",
    )


def _request(i: int) -> SignoffRequest:
    return SignoffRequest(
        id=f"r{i:09}",
        draft_id=f"d{i:09}",
        version=1,
        check_id=f"c{i:09}",
        requester=f"U{i % USERS:05}",
        department=f"dep{i % DEPARTMENTS:02}",
        text="下書き" * 40,
        verdict="review",
        codes=("PII001",),
        findings=({"code": "PII001", "excerpt": "090-0000-0000"},),
        created_at=_at(i),
        account="toon-x",
    )


def _event(i: int) -> AuditEvent:
    return AuditEvent(
        id=f"e{i:09}", at=_at(i), kind="check", actor=f"U{i % USERS:05}", verdict="review"
    )


PENDING = 100  # requests still waiting: bounded in real life (they expire), whatever the trail


def _state(i: int, n: int) -> RequestState:
    return RequestState.PENDING if i >= n - 10 * PENDING else RequestState.APPROVED


def fill_sqlite(path: Path, n: int) -> None:
    SQLiteStore(path).close()  # the schema, through the adapter's migrations
    db = sqlite3.connect(path)
    expires = time.time() + CHECK_TEXT_TTL
    text = "下書き" * 40
    for lo in range(0, n, BATCH):
        hi = min(n, lo + BATCH)
        db.executemany(
            "INSERT INTO checks VALUES (?, ?, ?, ?, ?, ?)",
            ((c.id, c.user, c.at, c.to_json(), text, expires) for c in map(_check, range(lo, hi))),
        )
        db.executemany(
            "INSERT INTO audit VALUES (?, ?, ?)",
            ((e.id, e.at, e.to_json()) for e in map(_event, range(lo, hi))),
        )
        db.executemany(
            "INSERT INTO requests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, '[]')",
            (
                (
                    r.id,
                    r.draft_id,
                    r.version,
                    r.requester,
                    r.department,
                    r.created_at,
                    r.data_json(),
                    _state(i, n).value,
                    None if _state(i, n) == RequestState.PENDING else "UHEAD",
                    None if _state(i, n) == RequestState.PENDING else r.created_at,
                )
                for i, r in ((i, _request(i)) for i in range(lo, hi, 10))
            ),
        )
        db.commit()
    db.close()


def fill_redis(client: redis.Redis, n: int) -> None:
    client.flushdb()
    RedisStore(client)  # writes the layout version
    text = "下書き" * 40
    for lo in range(0, n, BATCH):
        pipe = client.pipeline(transaction=False)
        for i in range(lo, min(n, lo + BATCH)):
            c = _check(i)
            key = f"{PREFIX}check:{c.id}"
            pipe.hset(key, mapping={"data": c.to_json(), "user": c.user})
            pipe.set(f"{key}:text", text, ex=CHECK_TEXT_TTL)
            pipe.zadd(f"{PREFIX}checks:{c.user}", {c.id: 0.0 + i})
            pipe.zadd(f"{PREFIX}checks:all", {c.id: 0.0 + i})
            e = _event(i)
            pipe.hset(f"{PREFIX}audit:data", e.id, e.to_json())
            pipe.zadd(f"{PREFIX}audit", {e.id: datetime.fromisoformat(e.at).timestamp()})
            if i % 10 == 0:
                r = _request(i)
                score = datetime.fromisoformat(r.created_at).timestamp()
                state = _state(i, n).value
                pipe.hset(
                    f"{PREFIX}req:{r.id}",
                    mapping={"data": r.data_json(), "state": state, "messages": "[]"},
                )
                if state != "pending":
                    pipe.hset(
                        f"{PREFIX}req:{r.id}",
                        mapping={"decided_by": "UHEAD", "decided_at": r.created_at},
                    )
                pipe.sadd(f"{PREFIX}draft:{r.draft_id}", r.id)
                pipe.zadd(f"{PREFIX}reqs:by:{r.requester}", {r.id: score})
                pipe.zadd(f"{PREFIX}reqs:dept:{r.department}", {r.id: score})
                pipe.zadd(f"{PREFIX}reqs:state:{state}", {r.id: score})
                if state == "pending":
                    pipe.zadd(f"{PREFIX}reqs:pending:{r.department}", {r.id: score})
                pipe.zadd(f"{PREFIX}reqs:all", {r.id: score})
        pipe.execute()
    for u in range(USERS):  # put_check keeps each user's 200 newest
        client.zremrangebyrank(f"{PREFIX}checks:U{u:05}", 0, -201)


@dataclass
class Op:
    name: str
    run: Callable[[int], object]


def operations(store: Store, n: int) -> list[Op]:
    base = n + 1_000_000_000  # ids the fill never used
    window = _at(max(n - 100, 0)), _at(max(n, 1))  # the newest 100 events
    return [
        Op("put_check", lambda k: store.put_check(_check(base + k), "本文")),
        Op("get_check", lambda k: store.get_check(f"c{(k * 7919) % max(n, 1):09}")),
        Op("recent_checks", lambda k: store.recent_checks(f"U{k % USERS:05}")),
        Op("create_request", lambda k: store.create_request(_request(base + k))),
        Op("get_request", lambda k: store.get_request(f"r{(k * 10) % max(n, 1):09}")),
        Op("list_requests(requester)", lambda k: store.list_requests(requester=f"U{k % USERS:05}")),
        Op(
            "list_requests(dept, pending)",
            lambda k: store.list_requests(
                department=f"dep{k % DEPARTMENTS:02}", state=RequestState.PENDING
            ),
        ),
        Op(
            "list_requests(pending, 500)",
            lambda k: store.list_requests(state=RequestState.PENDING, limit=500),
        ),
        Op(
            "decide",
            lambda k: store.decide(f"r{base + k:09}", RequestState.APPROVED, "UH", _at(n), None),
        ),
        Op("set_messages", lambda k: store.set_messages(f"r{base + k:09}", [("D1", "1.1")])),
        Op("append_audit", lambda k: store.append_audit(_event(base + k))),
        Op("audit_between(100 events)", lambda k: store.audit_between(*window)),
        Op("first_seen", lambda k: store.first_seen(f"bench:{n}:{k}", 600)),
        Op("outbox_add", lambda k: store.outbox_add(f"o{k:06}", "{}")),
        Op("outbox_stats", lambda k: store.outbox_stats()),
        Op("outbox_items", lambda k: store.outbox_items()),
        Op("outbox_remove", lambda k: store.outbox_remove(f"o{k:06}")),
        Op("set_value", lambda k: store.set_value(f"bench:{k % 10}", str(k))),
        Op("get_value", lambda k: store.get_value(f"bench:{k % 10}")),
        Op("health", lambda k: store.health()),
    ]


def measure(store: Store, n: int, repeat: int) -> dict[str, tuple[float, float]]:
    """Median and 95th percentile in milliseconds, per operation."""
    out = {}
    for op in operations(store, n):
        times = []
        for k in range(repeat):
            t0 = time.perf_counter()
            op.run(k)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        out[op.name] = (statistics.median(times), times[int(0.95 * (len(times) - 1))])
    return out


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def redis_url(given: str | None, workdir: Path) -> Iterator[str]:
    if given:
        yield given
        return
    binary = shutil.which("redis-server")
    if binary is None:
        raise SystemExit("redis-server not found (scripts/ensure-redis.sh installs it)")
    port = _free_port()
    proc = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        cwd=workdir,
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="0,100000,1000000", help="record counts, comma-separated")
    p.add_argument("--repeat", type=int, default=200, help="runs of each operation per size")
    p.add_argument("--redis-url", help="a Redis to use (its database is FLUSHED)")
    p.add_argument("--only", choices=("sqlite", "redis"), help="one store only")
    args = p.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[str, dict[int, dict[str, tuple[float, float]]]] = {}
    with tempfile.TemporaryDirectory() as tmp, redis_url(args.redis_url, Path(tmp)) as url:
        for n in sizes:
            if args.only != "redis":
                path = Path(tmp) / f"bench-{n}.sqlite3"
                t0 = time.perf_counter()
                fill_sqlite(path, n)
                print(f"sqlite: filled {n:,} in {time.perf_counter() - t0:.0f} s", flush=True)
                store: Store = SQLiteStore(path)
                results.setdefault("sqlite", {})[n] = measure(store, n, args.repeat)
                store.close()
                path.unlink()
                report("sqlite", {n: results["sqlite"][n]}, args.repeat)
            if args.only != "sqlite":
                # Filling and flushing a million keys takes longer than a request's timeout.
                client = redis.Redis.from_url(url, decode_responses=True, socket_timeout=300)
                t0 = time.perf_counter()
                fill_redis(client, n)
                print(f"redis: filled {n:,} in {time.perf_counter() - t0:.0f} s", flush=True)
                rstore = RedisStore(client)
                results.setdefault("redis", {})[n] = measure(rstore, n, args.repeat)
                report("redis", {n: results["redis"][n]}, args.repeat)
                client.flushdb(asynchronous=True)
                client.close()
    for name, by_size in results.items():
        report(name, by_size, args.repeat)
    print("\n" + json.dumps({"sizes": sizes, "repeat": args.repeat}))


def report(name: str, by_size: dict[int, dict[str, tuple[float, float]]], repeat: int) -> None:
    """A table: one row per operation, median / p95 in ms per size."""
    print(f"\n{name}: median / p95 in ms ({repeat} runs each)")
    print("operation".ljust(30) + "".join(f"{n:>20,}" for n in by_size))
    for op in next(iter(by_size.values())):
        cells = "".join(f"{by_size[n][op][0]:>11.3f} / {by_size[n][op][1]:<6.2f}" for n in by_size)
        print(op.ljust(30) + cells, flush=True)


if __name__ == "__main__":
    main()
