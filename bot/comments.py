"""§7(2) violating comments: a short record of a user comment removed (or hidden, or
reported) for breaking the account's terms of use: which rule, when it was found, what was
done, by whom. The record is an audit event (``comment_removed``) and keeps no copy of the
comment or its author; the optional note is staff-written and capped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.workflow import Workflow
from messages import text

__all__ = ["ACTIONS", "RULES", "CommentProblem", "RemovedComment", "record_removed_comment"]

RULES = (
    "slander",
    "personal_info",
    "commercial",
    "obscene",
    "illegal",
    "impersonation",
    "spam",
    "other",
)
ACTIONS = ("delete", "hide", "report")
MAX_NOTE = 200


class CommentProblem(StrEnum):
    UNKNOWN_ACCOUNT = "unknown_account"
    UNKNOWN_RULE = "unknown_rule"
    UNKNOWN_ACTION = "unknown_action"
    NOTE_TOO_LONG = "note_too_long"


@dataclass(frozen=True, slots=True)
class RemovedComment:
    account: str
    rule: str
    action: str
    found_at: datetime | None = None  # None: now
    note: str = ""


def record_removed_comment(
    workflow: Workflow, user: str, c: RemovedComment
) -> str | CommentProblem:
    """Record the measure in the audit trail; returns the confirmation sentence."""
    if c.account not in workflow.config.accounts:
        return CommentProblem.UNKNOWN_ACCOUNT
    if c.rule not in RULES:
        return CommentProblem.UNKNOWN_RULE
    if c.action not in ACTIONS:
        return CommentProblem.UNKNOWN_ACTION
    note = c.note.strip()
    if len(note) > MAX_NOTE:
        return CommentProblem.NOTE_TOO_LONG
    now = workflow.now()
    found = (c.found_at or now).astimezone(workflow.config.tz).isoformat(timespec="minutes")
    workflow.audit.event(
        "comment_removed",
        user,
        now.isoformat(timespec="seconds"),
        account=c.account,
        detail=f"rule={c.rule}; action={c.action}; found={found}"
        + (f"; note={note}" if note else ""),
    )
    return text(
        "comments.done.recorded",
        account=workflow.config.accounts[c.account].name,
        rule=text(f"comments.rule.{c.rule}"),
        action=text(f"comments.action.{c.action}"),
        found=found[:16].replace("T", " "),
    )
