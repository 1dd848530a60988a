"""§7(1) corrections and apologies, as plain Python (no Slack here).

「訂正・おわびを作成」 drafts a correction from an approved post (a sign-off request) or a
pasted one: what was wrong, the correct information and, where fitting, an apology, in the
city's wording (messages/correction.toml). The draft is checked like any other (and, for an
account in incident mode, needs sign-off); the link from the correction's check to the
original post is kept in the store (``correction:CHECK_ID``) and in the audit trail.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import re
from dataclasses import dataclass
from enum import StrEnum

from bot.models import RequestState, SignoffRequest
from bot.store import StoreUnavailable
from bot.workflow import CheckOutcome, Workflow
from messages import text

__all__ = [
    "Correction",
    "CorrectionProblem",
    "correction_draft",
    "correction_link",
    "create_correction",
    "original_for",
    "posted_on",
]

TOPIC_CHARS = 20
MAX_FIELD = 500


class CorrectionProblem(StrEnum):
    """Why no correction was drafted; each has a sentence in messages/correction.toml."""

    WRONG_REQUIRED = "wrong_required"
    RIGHT_REQUIRED = "right_required"
    ORIGINAL_REQUIRED = "original_required"
    NOT_YOURS = "not_yours"
    NOT_FOUND = "not_found"
    TOO_LONG = "too_long"


@dataclass(frozen=True, slots=True)
class Correction:
    """What the drafter says was wrong and what is right, about which post."""

    original: str  # the original post's text
    wrong: str
    right: str
    apology: bool = True
    account: str | None = None
    request_id: str = ""  # the approved request of the original post, if from one
    posted_on: str = ""  # e.g. 10月1日, when known


_TITLE = re.compile(r"^\s*【([^】\n]{1,30})】")


def _topic(original: str) -> str:
    """What the original post was about: its 【title】, else the start of its first line
    (a title rarely carries the detail that was wrong, so the intro does not repeat it)."""
    title = _TITLE.match(original)
    if title:
        return title.group(1)
    first = original.strip().splitlines()[0] if original.strip() else ""
    return first if len(first) <= TOPIC_CHARS else first[: TOPIC_CHARS - 1] + "…"


def correction_draft(c: Correction) -> str:
    """The correction post in the city's wording."""
    t = "correction.template."
    title = text(t + ("title_apology" if c.apology else "title"))
    topic = _topic(c.original)
    intro = (
        text(t + "intro_dated", date=c.posted_on, topic=topic)
        if c.posted_on
        else text(t + "intro", topic=topic)
    )
    lines = [
        title + intro,
        text(t + "wrong", wrong=c.wrong.strip()),
        text(t + "right", right=c.right.strip()),
    ]
    if c.apology:
        lines.append(text(t + "apology"))
    else:
        lines.append(text(t + "closing"))
    return "\n".join(lines)


def original_for(
    workflow: Workflow, request_id: str, user: str
) -> SignoffRequest | CorrectionProblem:
    """The approved request a correction starts from: the drafter's own, or one of a
    department the user heads."""
    try:
        request = workflow.store.get_request(request_id)
    except StoreUnavailable:
        return CorrectionProblem.NOT_FOUND
    if request is None or request.state != RequestState.APPROVED:
        return CorrectionProblem.NOT_FOUND
    if user != request.requester and user not in workflow.heads(request.department):
        return CorrectionProblem.NOT_YOURS
    return request


def posted_on(request: SignoffRequest) -> str:
    """「10月1日」: the planned posting day, else the day of the approval."""
    stamp = request.posted_at or request.decided_at or ""
    return f"{int(stamp[5:7])}月{int(stamp[8:10])}日" if len(stamp) >= 10 else ""


def create_correction(
    workflow: Workflow, user: str, c: Correction, channel: str = ""
) -> CheckOutcome | CorrectionProblem:
    """Draft, check and record the correction. Raises checks.DraftError for an unusable
    draft (e.g. an unknown account)."""
    if not c.wrong.strip():
        return CorrectionProblem.WRONG_REQUIRED
    if not c.right.strip():
        return CorrectionProblem.RIGHT_REQUIRED
    if not c.original.strip():
        return CorrectionProblem.ORIGINAL_REQUIRED
    if max(len(c.wrong), len(c.right)) > MAX_FIELD:
        return CorrectionProblem.TOO_LONG
    draft = correction_draft(c)
    outcome = workflow.check(draft, user=user, channel=channel, account=c.account)
    sha = hashlib.sha256(c.original.encode("utf-8", "replace")).hexdigest()[:16]
    link = {"request_id": c.request_id, "original_sha": sha}
    # When the store is down, the audit event below (spooled) still keeps the link.
    with contextlib.suppress(StoreUnavailable):
        workflow.store.set_value(f"correction:{outcome.record.id}", json.dumps(link))
    workflow.audit.event(
        "correction",
        user,
        outcome.record.at,
        check_id=outcome.record.id,
        request_id=c.request_id,
        account=c.account or "",
        detail=f"original {sha}",
    )
    return outcome


def correction_link(workflow: Workflow, check_id: str) -> dict[str, str] | None:
    """The original post of a correction's check: its request id and text hash."""
    raw = workflow.store.get_value(f"correction:{check_id}")
    return dict(json.loads(raw)) if raw else None
