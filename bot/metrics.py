"""Prometheus metrics (prometheus-client), served at /metrics.

Counted where they happen: checks and decisions as their audit events are recorded
(bot/audit.py), check latency around the checker (bot/workflow.py), every Slack request's
handling time (a Bolt middleware, both modes), reminders sent and skipped (bot/reminders.py),
store errors (each StoreUnavailable raised). Read from the store at scrape time: pending
requests and the oldest one's age, the outbox's depth and oldest item's age.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY, Collector

from bot.models import RequestState
from bot.store import Store, StoreUnavailable
from bot.store.base import ERROR_HOOKS

log = logging.getLogger("toonbot.metrics")

__all__ = [
    "CHECKS",
    "CHECK_SECONDS",
    "DECISIONS",
    "REMINDERS",
    "REQUEST_SECONDS",
    "SIGNOFF_REQUESTS",
    "STORE_ERRORS",
    "bolt_middleware",
    "observe_audit",
    "render",
]

CHECKS = Counter("toonbot_checks", "Drafts checked, by verdict", ["verdict"])
CHECK_SECONDS = Histogram(
    "toonbot_check_seconds",
    "Time to check one draft",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
REQUEST_SECONDS = Histogram(
    "toonbot_slack_request_seconds",
    "Time to handle one Slack request (command, action, view, event)",
    ["kind"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0),
)
SIGNOFF_REQUESTS = Counter("toonbot_signoff_requests", "Sign-off requests made", ["kind"])
DECISIONS = Counter("toonbot_decisions", "Sign-off decisions, by outcome", ["state"])
REMINDERS = Counter("toonbot_reminders", "Reminders, by outcome", ["outcome"])
STORE_ERRORS = Counter("toonbot_store_errors", "Store operations that failed (unavailable)")
ERROR_HOOKS.append(STORE_ERRORS.inc)


def observe_audit(kind: str, verdict: str) -> None:
    """Count an audit event as it is recorded (or spooled)."""
    if kind == "check":
        CHECKS.labels(verdict or "unknown").inc()
    elif kind in ("request", "override_request"):
        SIGNOFF_REQUESTS.labels(kind).inc()
    elif kind in ("decision", "expired"):
        DECISIONS.labels(verdict or kind).inc()


def bolt_middleware(body: dict[str, Any], next: Callable[[], Any]) -> Any:
    """A Bolt global middleware timing each request by its kind (label values are bounded)."""
    kind = str(body.get("type") or ("command" if "command" in body else "other"))
    if kind == "event_callback":
        event = body.get("event")
        kind = f"event:{event.get('type')}" if isinstance(event, dict) else kind
    kind = kind if len(kind) <= 40 else "other"
    t0 = time.perf_counter()
    try:
        return next()
    finally:
        REQUEST_SECONDS.labels(kind).observe(time.perf_counter() - t0)


class StoreCollector(Collector):
    """Pending requests and the outbox, read from the store when Prometheus scrapes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = time.time()
        pending = GaugeMetricFamily("toonbot_pending_requests", "Sign-off requests waiting")
        pending_age = GaugeMetricFamily(
            "toonbot_pending_oldest_seconds", "Age of the oldest waiting sign-off request"
        )
        depth = GaugeMetricFamily("toonbot_outbox_depth", "Slack calls waiting for a retry")
        outbox_age = GaugeMetricFamily(
            "toonbot_outbox_oldest_seconds", "Age of the oldest Slack call waiting for a retry"
        )
        try:
            requests = self.store.list_requests(state=RequestState.PENDING, limit=1000)
            stats = self.store.outbox_stats()
        except StoreUnavailable:
            return  # the store error is counted; no stale figures
        except Exception:  # odd data in the store: no figures rather than a failed scrape
            log.exception("metrics: pending requests or the outbox could not be read")
            return
        oldest = min(
            (datetime.fromisoformat(r.created_at).timestamp() for r in requests), default=None
        )
        pending.add_metric([], len(requests))
        pending_age.add_metric([], max(0.0, now - oldest) if oldest is not None else 0.0)
        depth.add_metric([], stats.depth)
        outbox_age.add_metric([], max(0.0, now - stats.oldest) if stats.oldest is not None else 0.0)
        yield from (pending, pending_age, depth, outbox_age)


_collector: StoreCollector | None = None


def render(store: Store) -> tuple[bytes, str]:
    """The exposition text of every metric, the store's read now."""
    global _collector
    if _collector is None:
        _collector = StoreCollector(store)
        REGISTRY.register(_collector)
    _collector.store = store
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
