"""Redis store: shared by several bot instances; decisions are atomic Lua scripts."""

from __future__ import annotations

import contextlib
import functools
import json
import threading
import time
from collections.abc import Callable
from typing import Any, ParamSpec, TypeVar

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.models import AuditEvent, CheckRecord, RequestState, SignoffRequest
from bot.store.base import (
    CHECK_TEXT_TTL,
    DecideResult,
    OutboxStats,
    PurgeResult,
    StoreHealth,
    StoreUnavailable,
)
from bot.store.breaker import CircuitBreaker
from bot.store.redis_schema import PREFIX, migrate

P = ParamSpec("P")
R = TypeVar("R")

_PREFIX = PREFIX  # "toonbot:v2:": the layout version is part of every key (redis_schema.py)
_PENDING_BY_DEPT = "reqs:pending:"  # + department: its pending requests (heads' lists)

# Redis answers in about a millisecond; a stalled one must not hold a Slack request for long.
SOCKET_TIMEOUT = 0.5
BREAKER_COOLDOWN = 5.0

# Move a pending request to a final state exactly once.
_DECIDE = """
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return -1 end
if state ~= 'pending' then return 0 end
redis.call('HSET', KEYS[1], 'state', ARGV[1], 'decided_by', ARGV[2], 'decided_at', ARGV[3],
           'reason', ARGV[4])
local score = redis.call('ZSCORE', KEYS[2], ARGV[5])
redis.call('ZREM', KEYS[2], ARGV[5])
if score then redis.call('ZADD', KEYS[3], score, ARGV[5]) end
local dept = cjson.decode(redis.call('HGET', KEYS[1], 'data'))['department']
redis.call('ZREM', ARGV[6] .. dept, ARGV[5])
return 1
"""

# Create a request; supersede the pending versions of the same draft, atomically.
_CREATE = """
local superseded = {}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  local key = ARGV[5] .. id
  if redis.call('HGET', key, 'state') == 'pending' then
    redis.call('HSET', key, 'state', 'superseded')
    local score = redis.call('ZSCORE', KEYS[5], id)
    redis.call('ZREM', KEYS[5], id)
    if score then redis.call('ZADD', KEYS[6], score, id) end
    local dept = cjson.decode(redis.call('HGET', key, 'data'))['department']
    redis.call('ZREM', ARGV[6] .. dept, id)
    table.insert(superseded, id)
  end
end
redis.call('HSET', KEYS[1], 'data', ARGV[1], 'state', 'pending', 'messages', '[]')
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[4], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[5], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[7], ARGV[3], ARGV[2])
redis.call('ZADD', KEYS[8], ARGV[3], ARGV[2])
return superseded
"""


def _unavailable(func: Callable[P, R]) -> Callable[P, R]:
    """Turn Redis errors into StoreUnavailable; behind the store's circuit breaker."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        store = args[0]
        assert isinstance(store, RedisStore)
        breaker = store.breaker
        if not breaker.allow():
            raise StoreUnavailable(
                f"Redis: {breaker.problem} (circuit open)", "redis", breaker.problem or "stalled"
            )
        # The breaker hears back from every call, whatever it raises: a probe that ended in an
        # unexpected error must not leave the breaker half-open (refusing every call) for good.
        try:
            if not store._migrated:
                store._ensure_schema(wait=0.0)  # another instance migrating: refuse, don't wait
            result = func(*args, **kwargs)
        except redis.TimeoutError as e:
            breaker.failed("stalled")
            raise StoreUnavailable(f"Redis: {e}", "redis", "stalled") from e
        except redis.ConnectionError as e:
            breaker.failed("unreachable")
            raise StoreUnavailable(f"Redis: {e}", "redis", "unreachable") from e
        except redis.RedisError as e:  # out of memory, read-only replica, a newer layout, …
            breaker.failed("error")
            raise StoreUnavailable(f"Redis: {type(e).__name__}: {e}", "redis", "error") from e
        except BaseException:
            breaker.succeeded()  # Redis answered; the error is ours (and is raised as it is)
            raise
        breaker.succeeded()
        return result

    return wrapper


def _ts(iso: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp()


def _parse_request(h: dict[str, str]) -> SignoffRequest:
    return SignoffRequest.from_parts(
        h["data"],
        h["state"],
        h.get("decided_by"),
        h.get("decided_at"),
        h.get("reason"),
        h.get("messages"),
    )


class RedisStore:
    """The shared store for several instances."""

    def __init__(self, client: redis.Redis, breaker: CircuitBreaker | None = None) -> None:
        self.r = client
        self.breaker = breaker or CircuitBreaker(BREAKER_COOLDOWN)
        # The key layout is brought up to date on the first call that reaches Redis, so that a
        # bot started while Redis is down or stalled still answers /check (issue 16).
        self._migrated = False
        self._migrate_lock = threading.Lock()
        # When Redis does not answer now, the first call that reaches it does (see _unavailable).
        with contextlib.suppress(redis.ConnectionError, redis.TimeoutError):
            self._ensure_schema()
        self._decide = self.r.register_script(_DECIDE)
        self._create = self.r.register_script(_CREATE)

    def _ensure_schema(self, wait: float = 300.0) -> None:
        """Bring the key layout up to date; waits up to ``wait`` s for another instance that
        is migrating (at start-up), not at all on a request's path."""
        with self._migrate_lock:
            if not self._migrated:
                migrate(self.r, wait=wait)
                self._migrated = True

    @classmethod
    def from_url(
        cls, url: str, timeout: float = SOCKET_TIMEOUT, cooldown: float = BREAKER_COOLDOWN
    ) -> RedisStore:
        """Short socket timeouts and no client-side retries: the breaker decides instead."""
        return cls(
            redis.Redis.from_url(
                url,
                decode_responses=True,
                socket_timeout=timeout,
                socket_connect_timeout=timeout,
                retry=Retry(NoBackoff(), 0),
            ),
            CircuitBreaker(cooldown),
        )

    # --- checks ---

    @_unavailable
    def put_check(self, record: CheckRecord, text: str, report: str = "") -> None:
        key = f"{_PREFIX}check:{record.id}"
        pipe = self.r.pipeline()
        pipe.hset(key, mapping={"data": record.to_json(), "user": record.user})
        pipe.set(f"{key}:text", text, ex=CHECK_TEXT_TTL)
        if report:
            pipe.set(f"{key}:report", report, ex=CHECK_TEXT_TTL)
        pipe.zadd(f"{_PREFIX}checks:{record.user}", {record.id: _ts(record.at)})
        pipe.zremrangebyrank(f"{_PREFIX}checks:{record.user}", 0, -201)
        pipe.zadd(f"{_PREFIX}checks:all", {record.id: _ts(record.at)})  # for purge_before
        pipe.execute()

    @_unavailable
    def get_check(self, check_id: str) -> tuple[CheckRecord, str | None] | None:
        key = f"{_PREFIX}check:{check_id}"
        data = self.r.hget(key, "data")
        if data is None:
            return None
        text = self.r.get(f"{key}:text")
        return CheckRecord.from_json(str(data)), (str(text) if text is not None else None)

    @_unavailable
    def get_check_report(self, check_id: str) -> str | None:
        report = self.r.get(f"{_PREFIX}check:{check_id}:report")
        return None if report is None else str(report)

    @_unavailable
    def recent_checks(self, user: str, limit: int = 10) -> list[CheckRecord]:
        ids = [str(i) for i in self.r.zrevrange(f"{_PREFIX}checks:{user}", 0, limit - 1)]
        pipe = self.r.pipeline(transaction=False)  # one round trip, not one per check
        for check_id in ids:
            pipe.hget(f"{_PREFIX}check:{check_id}", "data")
        return [CheckRecord.from_json(str(data)) for data in pipe.execute() if data is not None]

    # --- requests ---

    def _load(self, request_id: str) -> SignoffRequest | None:
        h: dict[str, str] = self.r.hgetall(f"{_PREFIX}req:{request_id}")  # type: ignore[assignment]
        return _parse_request(h) if h else None

    @_unavailable
    def create_request(self, request: SignoffRequest) -> list[SignoffRequest]:
        superseded = self._create(
            keys=[
                f"{_PREFIX}req:{request.id}",
                f"{_PREFIX}draft:{request.draft_id}",
                f"{_PREFIX}reqs:by:{request.requester}",
                f"{_PREFIX}reqs:dept:{request.department}",
                f"{_PREFIX}reqs:state:{RequestState.PENDING.value}",
                f"{_PREFIX}reqs:state:{RequestState.SUPERSEDED.value}",
                f"{_PREFIX}reqs:all",
                f"{_PREFIX}{_PENDING_BY_DEPT}{request.department}",
            ],
            args=[
                request.data_json(),
                request.id,
                _ts(request.created_at),
                "",
                f"{_PREFIX}req:",
                f"{_PREFIX}{_PENDING_BY_DEPT}",
            ],
        )
        out = []
        for request_id in superseded:
            r = self._load(str(request_id))
            if r is not None:
                out.append(r)
        return out

    @_unavailable
    def get_request(self, request_id: str) -> SignoffRequest | None:
        return self._load(request_id)

    @_unavailable
    def list_requests(
        self,
        *,
        requester: str | None = None,
        department: str | None = None,
        state: RequestState | None = None,
        limit: int = 20,
    ) -> list[SignoffRequest]:
        # The smallest index that holds every match, read newest first a page at a time:
        # the cost follows the answer, not the size of the trail (no SCAN over all requests).
        if state == RequestState.PENDING and department is not None:
            index = f"{_PREFIX}{_PENDING_BY_DEPT}{department}"
        elif state == RequestState.PENDING or (state is not None and not (requester or department)):
            index = f"{_PREFIX}reqs:state:{state.value}"
        elif requester is not None:
            index = f"{_PREFIX}reqs:by:{requester}"
        elif department is not None:
            index = f"{_PREFIX}reqs:dept:{department}"
        else:
            index = f"{_PREFIX}reqs:all"
        out: list[SignoffRequest] = []
        page = max(limit, 50)
        start = 0
        while len(out) < limit:
            ids = [str(i) for i in self.r.zrevrange(index, start, start + page - 1)]
            if not ids:
                break
            start += page
            for r in self._load_many(ids):
                if requester is not None and r.requester != requester:
                    continue
                if department is not None and r.department != department:
                    continue
                if state is not None and r.state != state:
                    continue
                out.append(r)
        out.sort(key=lambda r: r.created_at, reverse=True)
        return out[:limit]

    def _load_many(self, ids: list[str]) -> list[SignoffRequest]:
        pipe = self.r.pipeline(transaction=False)
        for request_id in ids:
            pipe.hgetall(f"{_PREFIX}req:{request_id}")
        return [_parse_request(h) for h in pipe.execute() if h]

    @_unavailable
    def decide(
        self, request_id: str, state: RequestState, by: str, at: str, reason: str | None
    ) -> DecideResult:
        won = self._decide(
            keys=[
                f"{_PREFIX}req:{request_id}",
                f"{_PREFIX}reqs:state:{RequestState.PENDING.value}",
                f"{_PREFIX}reqs:state:{state.value}",
            ],
            args=[state.value, by, at, reason or "", request_id, f"{_PREFIX}{_PENDING_BY_DEPT}"],
        )
        return DecideResult(int(won) == 1, self._load(request_id))

    @_unavailable
    def set_messages(self, request_id: str, messages: list[tuple[str, str]]) -> None:
        self.r.hset(f"{_PREFIX}req:{request_id}", "messages", json.dumps(messages))

    # --- audit, dedupe, outbox, values ---

    @_unavailable
    def append_audit(self, event: AuditEvent) -> None:
        pipe = self.r.pipeline()
        pipe.hsetnx(f"{_PREFIX}audit:data", event.id, event.to_json())
        pipe.zadd(f"{_PREFIX}audit", {event.id: _ts(event.at)}, nx=True)
        pipe.execute()

    @_unavailable
    def audit_between(self, since: str, until: str) -> list[AuditEvent]:
        ids = [
            str(i) for i in self.r.zrangebyscore(f"{_PREFIX}audit", _ts(since), f"({_ts(until)}")
        ]
        if not ids:
            return []
        raws = self.r.hmget(f"{_PREFIX}audit:data", ids)
        events = [AuditEvent.from_json(str(raw)) for raw in raws if raw is not None]
        events.sort(key=lambda e: (e.at, e.id))
        return events

    @_unavailable
    def purge_before(self, before: str) -> PurgeResult:
        cut = f"({_ts(before)}"
        audit = checks = requests = 0
        while ids := [str(i) for i in self.r.zrangebyscore(f"{_PREFIX}audit", "-inf", cut, 0, 500)]:
            pipe = self.r.pipeline()
            pipe.hdel(f"{_PREFIX}audit:data", *ids)
            pipe.zrem(f"{_PREFIX}audit", *ids)
            audit += int(pipe.execute()[1])
        while ids := [
            str(i) for i in self.r.zrangebyscore(f"{_PREFIX}checks:all", "-inf", cut, 0, 500)
        ]:
            users = self.r.pipeline(transaction=False)
            for check_id in ids:
                users.hget(f"{_PREFIX}check:{check_id}", "user")
            pipe = self.r.pipeline()
            for check_id, user in zip(ids, users.execute(), strict=True):
                pipe.delete(
                    f"{_PREFIX}check:{check_id}",
                    f"{_PREFIX}check:{check_id}:text",
                    f"{_PREFIX}check:{check_id}:report",  # excerpts of the text: they go with it
                )
                if user is not None:
                    pipe.zrem(f"{_PREFIX}checks:{user}", check_id)
            pipe.zrem(f"{_PREFIX}checks:all", *ids)
            pipe.execute()
            checks += len(ids)
        start = 0
        while ids := [
            str(i) for i in self.r.zrangebyscore(f"{_PREFIX}reqs:all", "-inf", cut, start, 500)
        ]:
            finished = [r for r in self._load_many(ids) if r.state != RequestState.PENDING]
            start += len(ids) - len(finished)  # pending ones stay in the index: skip them
            if not finished:
                continue
            pipe = self.r.pipeline()
            for r in finished:
                pipe.delete(f"{_PREFIX}req:{r.id}")
                pipe.srem(f"{_PREFIX}draft:{r.draft_id}", r.id)
                pipe.zrem(f"{_PREFIX}reqs:by:{r.requester}", r.id)
                pipe.zrem(f"{_PREFIX}reqs:dept:{r.department}", r.id)
                pipe.zrem(f"{_PREFIX}reqs:state:{r.state.value}", r.id)
                pipe.zrem(f"{_PREFIX}reqs:all", r.id)
            pipe.execute()
            requests += len(finished)
        return PurgeResult(audit=audit, checks=checks, requests=requests)

    @_unavailable
    def first_seen(self, key: str, ttl_seconds: int) -> bool:
        return bool(self.r.set(f"{_PREFIX}seen:{key}", "1", nx=True, ex=ttl_seconds))

    @_unavailable
    def outbox_add(self, item_id: str, payload: str) -> None:
        pipe = self.r.pipeline()
        pipe.hset(f"{_PREFIX}outbox", item_id, payload)
        pipe.zadd(f"{_PREFIX}outbox:order", {item_id: time.time()})
        pipe.execute()

    @_unavailable
    def outbox_items(self) -> list[tuple[str, str]]:
        ids = [str(i) for i in self.r.zrange(f"{_PREFIX}outbox:order", 0, -1)]
        if not ids:
            return []
        payloads: list[Any] = list(self.r.hmget(f"{_PREFIX}outbox", ids))
        return [(str(i), str(p)) for i, p in zip(ids, payloads, strict=True) if p is not None]

    @_unavailable
    def outbox_remove(self, item_id: str) -> None:
        pipe = self.r.pipeline()
        pipe.hdel(f"{_PREFIX}outbox", item_id)
        pipe.zrem(f"{_PREFIX}outbox:order", item_id)
        pipe.execute()

    @_unavailable
    def outbox_stats(self) -> OutboxStats:
        pipe = self.r.pipeline(transaction=False)
        pipe.zcard(f"{_PREFIX}outbox:order")
        pipe.zrange(f"{_PREFIX}outbox:order", 0, 0, withscores=True)
        depth, first = pipe.execute()
        return OutboxStats(int(depth), float(first[0][1]) if first else None)

    @_unavailable
    def get_value(self, key: str) -> str | None:
        v = self.r.get(f"{_PREFIX}kv:{key}")
        return None if v is None else str(v)

    @_unavailable
    def set_value(self, key: str, value: str) -> None:
        self.r.set(f"{_PREFIX}kv:{key}", value)

    @_unavailable
    def values_with_prefix(self, prefix: str) -> dict[str, str]:
        head = f"{_PREFIX}kv:"
        pattern = head + "".join(f"\\{c}" if c in "*?[]\\" else c for c in prefix) + "*"
        keys = sorted(str(k) for k in self.r.scan_iter(match=pattern, count=500))
        values = self.r.mget(keys) if keys else []
        return {k[len(head) :]: str(v) for k, v in zip(keys, values, strict=True) if v is not None}

    @_unavailable
    def ping(self) -> None:
        self.r.ping()

    def health(self) -> StoreHealth:
        try:
            self.ping()
        except StoreUnavailable as e:
            return StoreHealth(False, "redis", e.problem)
        return StoreHealth(True, "redis")

    def close(self) -> None:
        self.r.close()
