"""What every Slack listener and the scheduler work with."""

from __future__ import annotations

from dataclasses import dataclass, field

from slack_bolt import BoltContext

from bot.config import BotConfig
from bot.incident import IncidentDesk
from bot.notify import Notifier
from bot.slack_reach import SlackReach
from bot.workflow import Workflow

__all__ = ["SERVICES", "Services", "services_of"]

SERVICES = "services"  # their key in Bolt's context (see bot.listeners.register)


@dataclass
class Services:
    workflow: Workflow
    notifier: Notifier
    config: BotConfig
    # Whether Slack's Web API answers (every client reports to it; /healthz in HTTP mode).
    slack_reach: SlackReach = field(default_factory=SlackReach)

    @property
    def incidents(self) -> IncidentDesk:
        """Incident mode per account (§7(4)), on the workflow's store, audit and clock."""
        w = self.workflow
        return IncidentDesk(w.store, self.config, w.audit, w.now)


def services_of(context: BoltContext) -> Services:
    """The services a listener finds in Bolt's context."""
    services: Services = context[SERVICES]
    return services
