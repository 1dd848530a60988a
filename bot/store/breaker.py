"""A circuit breaker: after a failure, refuse at once for a while instead of waiting again.

A stalled server (accepting connections, never answering) costs each caller a full socket
timeout; behind a breaker it costs the first caller one timeout and everyone else nothing,
until a single probe after ``cooldown`` seconds finds it answering again.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["CircuitBreaker"]


class CircuitBreaker:
    def __init__(self, cooldown: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.cooldown = cooldown
        self._clock = clock
        self._lock = threading.Lock()
        self._open_until = 0.0
        self._probing = False
        self.problem: str | None = None  # why it opened, for health reports

    def allow(self) -> bool:
        """Whether a call may go through now (closed, or the one probe of a half-open state)."""
        with self._lock:
            if self.problem is None:
                return True
            if self._clock() < self._open_until or self._probing:
                return False
            self._probing = True
            return True

    def succeeded(self) -> None:
        with self._lock:
            self.problem = None
            self._probing = False

    def failed(self, problem: str) -> None:
        with self._lock:
            self.problem = problem
            self._probing = False
            self._open_until = self._clock() + self.cooldown
