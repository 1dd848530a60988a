"""§7 reminders, claimed like every reminder. §7(4): while an account is in incident mode and
nothing was approved for posting for ``[registry] incident_update_minutes``, remind its
department (and the PR section's channel) to post an update, once per interval. §7(3): remind
open impersonation cases once a working day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.blocks import section
from bot.impersonation import ImpersonationDesk
from bot.services import Services
from bot.trouble_views import holding_button
from checks.calendar import is_working_day
from messages import text

__all__ = ["impersonation_reminders", "incident_reminders", "incident_targets"]


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
        blocks = [section(body), holding_button(incident.account)]
        for target in incident_targets(s, incident.account):
            s.notifier.post(target, body, blocks)
        sent.append(key)
    return sent


def impersonation_reminders(s: Services, now: datetime, claim: Callable[[str], bool]) -> list[str]:
    """§7(3): each working day from ``reminders.password_time`` on, every impersonation case
    with a step still open (reported the day before or earlier) is reminded to the PR
    section's channel and the reporter, once a day, until every step is done or skipped."""
    config = s.config
    if not is_working_day(config.city, now.date()) or now.time() < config.reminders.password_time:
        return []
    w = s.workflow
    sent = []
    for case in ImpersonationDesk(w.store, config, w.audit, w.now).open_cases():
        if datetime.fromisoformat(case.at).date() >= now.date():
            continue
        key = f"impersonation:{case.id}:{now.date()}"
        if not claim(key):
            continue
        body = text(
            "impersonation.case.reminder",
            fake=case.fake_url,
            steps="、".join(text(f"impersonation.short.{st}") for st in case.open_steps),
        )
        for target in dict.fromkeys([config.registry.pr_channel or case.by, case.by]):
            s.notifier.post(target, body)
        sent.append(key)
    return sent
