"""§7(4) update reminders: while an account is in incident mode and nothing was approved for
posting for ``[registry] incident_update_minutes``, remind its department (and the PR
section's channel) to post an update, once per interval, claimed like every reminder."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.services import Services
from messages import text

__all__ = ["incident_reminders", "incident_targets"]


def incident_targets(s: Services, account: str) -> list[str]:
    """Who hears of an account's incident: its department's channel (else its heads), and
    the PR section's channel."""
    staff = s.config.staff.get(account)
    dep = s.config.departments.get(staff.department) if staff else None
    targets = (
        [dep.channel] if dep and dep.channel else list(s.workflow.heads(dep.id) if dep else ())
    )
    if s.config.registry.pr_channel:
        targets.append(s.config.registry.pr_channel)
    return list(dict.fromkeys(targets))


def incident_reminders(s: Services, now: datetime, claim: Callable[[str], bool]) -> list[str]:
    """Send the update reminders that are due; returns their keys."""
    minutes = s.config.registry.incident_update_minutes
    sent = []
    for incident, last in s.incidents.updates_due(now):
        interval = int((now - datetime.fromisoformat(last)).total_seconds() // (minutes * 60))
        key = f"incident_update:{incident.account}:{last}:{interval}"
        if not claim(key):
            continue
        body = text(
            "incident.notice.update_due",
            account=s.config.accounts[incident.account].name,
            since=last[:16].replace("T", " "),
            minutes=minutes,
        )
        for target in incident_targets(s, incident.account):
            s.notifier.post(target, body)
        sent.append(key)
    return sent
