"""What the §5/§7 desks (registration, incident mode, impersonation) share."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.audit import AuditLog
from bot.config import BotConfig
from bot.store import Store

__all__ = ["Desk"]


class Desk:
    """A desk keeps its records in the store and its steps in the audit trail."""

    def __init__(
        self, store: Store, config: BotConfig, audit: AuditLog, clock: Callable[[], datetime]
    ) -> None:
        self.store = store
        self.config = config
        self.audit = audit
        self.clock = clock

    def _stamp(self) -> str:
        """Now, as the audit trail writes times."""
        return self.clock().isoformat(timespec="seconds")
