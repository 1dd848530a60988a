"""``toonbot console``: the same workflow and store, driven from a terminal.

Try the whole flow without a Slack workspace: check a draft as a member of staff, request
sign-off, switch to the department head, approve or reject, read the audit trail.
"""

from __future__ import annotations

import shlex
import sys
from datetime import datetime, timedelta
from typing import TextIO

from bot import console_trouble as trouble
from bot.audit import AuditLog, export_csv
from bot.config import load_bot_config
from bot.settings import load_settings
from bot.store import open_store
from bot.workflow import Workflow, problem_text
from checks import DraftError
from checks.render import report_terminal
from messages import text

HELP = """commands:
  check TEXT [--account ID] [--at 2027-01-15T10:00]   check a draft (as the current user)
  request [CHECK_ID]                                   ask the head to sign off (last check)
  override REASON                                      ask for an override of a blocked draft
  as USER_ID                                           act as another user (e.g. a department head)
  pending                                              requests waiting for the current user
  approve REQUEST_ID | reject REQUEST_ID REASON        decide as a head
  audit                                                the audit trail of the last 7 days, as CSV
{trouble}
  help | quit"""


def run_console(user: str, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> int:
    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    store = open_store(settings.redis_url, settings.db_path)
    workflow = Workflow(store, config, AuditLog(store, settings.spool_path))
    last_check: str | None = None
    out.write(f"toonbot console — {config.city.name}. 'help' lists the commands. You are {user}.\n")
    heads = ", ".join(f"{d.name}: {' '.join(d.heads)}" for d in config.departments.values())
    out.write(f"department heads: {heads}\n")
    for line in stdin:
        try:
            words = shlex.split(line)
        except ValueError as e:
            out.write(f"? {e}\n")
            continue
        if not words:
            continue
        cmd, rest = words[0], words[1:]
        if cmd in ("quit", "exit"):
            break
        if cmd == "help":
            out.write(HELP.format(trouble=trouble.HELP) + "\n")
        elif cmd == "as" and rest:
            user = rest[0]
            out.write(f"you are now {user}\n")
        elif cmd == "check":
            account = at = None
            body: list[str] = []
            it = iter(rest)
            for w in it:
                if w == "--account":
                    account = next(it, None)
                elif w == "--at":
                    at = next(it, None)
                else:
                    body.append(w)
            try:
                posted = datetime.fromisoformat(at).replace(tzinfo=config.tz) if at else None
                outcome = workflow.check(
                    " ".join(body), user=user, account=account, posted_at=posted
                )
            except (DraftError, ValueError) as e:
                out.write(f"! {e}\n")
                continue
            last_check = outcome.record.id
            out.write(report_terminal(outcome.report) + f"\n(check {last_check})\n")
        elif cmd in ("request", "override"):
            check_id = rest[0] if cmd == "request" and rest else last_check
            reason = " ".join(rest) if cmd == "override" else None
            if check_id is None:
                out.write("! no check yet\n")
                continue
            res = workflow.request_signoff(check_id, user, override_reason=reason)
            if res.problem is not None or res.request is None:
                out.write(f"! {problem_text(res.problem) if res.problem else ''}\n")
                continue
            heads = "、".join(res.heads)
            out.write(
                text("bot.requested", heads=heads, version=res.request.version)
                + f" (request {res.request.id})\n"
            )
        elif cmd == "pending":
            for r in workflow.pending_for(user):
                codes = " ".join(r.codes)
                out.write(f"{r.id}  v{r.version}  {r.requester}  {r.verdict}  {codes}\n")
                out.write(f"  {r.text[:80]}\n")
        elif cmd in ("approve", "reject") and rest:
            reason = " ".join(rest[1:]) if cmd == "reject" else None
            decision = workflow.decide(rest[0], user, approve=cmd == "approve", reason=reason)
            if decision.problem is not None:
                out.write(f"! {problem_text(decision.problem, decision.request)}\n")
            elif decision.request is not None:
                out.write(f"{decision.request.state.value} by {user}\n")
        elif cmd == "audit":
            now = workflow.now()
            events = store.audit_between(
                (now - timedelta(days=7)).isoformat(timespec="seconds"),
                (now + timedelta(seconds=1)).isoformat(timespec="seconds"),
            )
            out.write(export_csv(events).lstrip("\ufeff"))
        elif not trouble.handle(cmd, rest, user, workflow, out):
            out.write("? unknown command ('help' lists them)\n")
    store.close()
    return 0
