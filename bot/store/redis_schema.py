"""The Redis key layout's version and its migrations.

Every key starts with ``toonbot:v2:``; ``toonbot:schema`` holds the layout version. Layout 1
(before versioning) used ``toonbot:`` alone and had no index of requests by state, of pending
requests by department, nor of all checks and requests. The first instance that starts with
the new code moves the keys (RENAME keeps their TTL) and builds those indexes; other instances
wait for it.
"""

from __future__ import annotations

import json
import time
from datetime import datetime

import redis

__all__ = ["LATEST", "PREFIX", "SCHEMA_KEY", "SchemaTooNew", "migrate"]

ROOT = "toonbot:"
PREFIX = f"{ROOT}v2:"
SCHEMA_KEY = f"{ROOT}schema"
LATEST = 2
_LOCK = f"{ROOT}migrating"
_BATCH = 500


class SchemaTooNew(redis.RedisError):
    """The data was written by a newer toonbot; this one cannot use it safely."""


def _version(client: redis.Redis) -> int:
    raw = client.get(SCHEMA_KEY)
    return int(str(raw)) if raw is not None else 0


# How long the migration lock outlives an instance that died while holding it.
_LOCK_TTL = 300


def migrate(client: redis.Redis, wait: float = 300.0) -> int:
    """Bring the data to LATEST; returns the version found."""
    found = _version(client)
    if found > LATEST:
        raise SchemaTooNew(f"Redis layout version {found} > {LATEST}")
    deadline = time.monotonic() + wait
    while _version(client) < LATEST:
        if client.set(_LOCK, "1", nx=True, ex=_LOCK_TTL):
            try:
                if _version(client) < LATEST:
                    _v1_to_v2(client)
                    client.set(SCHEMA_KEY, str(LATEST))
            finally:
                client.delete(_LOCK)
        elif time.monotonic() > deadline:
            raise redis.TimeoutError("another instance is still migrating the Redis data")
        else:
            time.sleep(0.2)
    return found


def _ts(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def _v1_to_v2(client: redis.Redis) -> None:
    """Move ``toonbot:*`` to ``toonbot:v2:*`` and index requests (by state, pending by
    department, all) and checks (all)."""
    old = [
        str(k)
        for k in client.scan_iter(f"{ROOT}*", count=1000)
        if not str(k).startswith(PREFIX) and str(k) not in (SCHEMA_KEY, _LOCK)
    ]
    for i in range(0, len(old), _BATCH):
        pipe = client.pipeline(transaction=False)
        for key in old[i : i + _BATCH]:
            pipe.renamenx(key, PREFIX + key[len(ROOT) :])
        pipe.execute()
    requests = [k for k in old if k.startswith(f"{ROOT}req:")]
    checks = [k for k in old if k.startswith(f"{ROOT}check:") and not k.endswith(":text")]
    for i in range(0, len(requests), _BATCH):
        ids = [k[len(f"{ROOT}req:") :] for k in requests[i : i + _BATCH]]
        read = client.pipeline(transaction=False)
        for request_id in ids:
            read.hmget(f"{PREFIX}req:{request_id}", "data", "state")
        write = client.pipeline(transaction=False)
        for request_id, (data, state) in zip(ids, read.execute(), strict=True):
            if data is None:
                continue
            score = _ts(json.loads(data)["created_at"])
            write.zadd(f"{PREFIX}reqs:state:{state}", {request_id: score})
            write.zadd(f"{PREFIX}reqs:all", {request_id: score})
            if state == "pending":
                department = json.loads(data)["department"]
                write.zadd(f"{PREFIX}reqs:pending:{department}", {request_id: score})
        write.execute()
    for i in range(0, len(checks), _BATCH):
        ids = [k[len(f"{ROOT}check:") :] for k in checks[i : i + _BATCH]]
        read = client.pipeline(transaction=False)
        for check_id in ids:
            read.hget(f"{PREFIX}check:{check_id}", "data")
        write = client.pipeline(transaction=False)
        for check_id, data in zip(ids, read.execute(), strict=True):
            if data is not None:
                write.zadd(f"{PREFIX}checks:all", {check_id: _ts(json.loads(data)["at"])})
        write.execute()
