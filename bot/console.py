"""``toonbot console``: the same workflow, driven from a terminal.

Try the whole flow without a Slack workspace: check a draft as a member of staff, request
sign-off, switch to the department head, approve or reject, read the audit trail. It keeps
its own SQLite file (``<TOONBOT_DB>-console``) unless ``--db`` names another, so trying it
never writes into the production trail.
"""

from __future__ import annotations

import shlex
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import TextIO

from bot import console_trouble as trouble
from bot.audit import AuditLog, export_csv
from bot.config import load_bot_config
from bot.settings import load_settings
from bot.store import SQLiteStore, Store
from bot.when import readable_time
from bot.workflow import Workflow, problem_text
from checks import DraftError, Severity
from checks.render import report_terminal
from messages import text

__all__ = ["console_db", "run_console"]


def console_db(production_db: str) -> Path:
    """The console's own database beside the production one: ``toonbot-console.sqlite3``."""
    p = Path(production_db)
    return p.with_name(f"{p.stem}-console{p.suffix or '.sqlite3'}")


def run_console(
    user: str, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout, db: str | None = None
) -> int:
    settings = load_settings(need_slack=False)
    config = load_bot_config(settings.config_path)
    path = Path(db) if db else console_db(settings.db_path)
    store: Store = SQLiteStore(path)
    spool = path.with_name(f"{path.stem}-spool.jsonl")
    workflow = Workflow(store, config, AuditLog(store, spool))
    session = _Session(workflow, store, user, out)
    out.write(text("console.welcome", city=config.city.name, user=user) + "\n")
    out.write(text("console.store", path=path) + "\n")
    heads = "、".join(
        f"{d.name}: {' '.join(d.heads)}"
        + (text("console.deputies", users=" ".join(d.deputies)) if d.deputies else "")
        for d in config.departments.values()
    )
    out.write(text("console.heads", heads=heads) + "\n")
    if config.registry.pr_section:
        pr = " ".join(config.registry.pr_section)
        out.write(text("console.pr_section", users=pr) + "\n")
    interactive = stdin.isatty()
    while True:
        if interactive:
            out.write(text("console.prompt", user=session.user))
            out.flush()
        line = stdin.readline()
        if not line or not session.handle(line):
            break
    store.close()
    return 0


class _Session:
    def __init__(self, workflow: Workflow, store: Store, user: str, out: TextIO) -> None:
        self.workflow = workflow
        self.store = store
        self.user = user
        self.out = out
        self.last_check: str | None = None

    def say(self, line: str) -> None:
        self.out.write(line + "\n")

    def handle(self, line: str) -> bool:
        """Run one command line; False to quit."""
        try:
            words = shlex.split(line)
        except ValueError as e:
            self.say(text("console.parse_error", detail=e))
            return True
        if not words:
            return True
        cmd, rest = words[0], words[1:]
        if cmd in ("quit", "exit"):
            return False
        if cmd == "help":
            self.say(text("console.help"))
            self.say(trouble.HELP)
        elif cmd == "as" and rest:
            self.user = rest[0]
            self.say(text("console.now_as", user=self.user))
        elif cmd == "check":
            self.check(rest)
        elif cmd in ("request", "override"):
            self.request(cmd, rest)
        elif cmd == "pending":
            self.pending()
        elif cmd in ("mine", "自分の依頼"):
            self.mine()
        elif cmd in ("approve", "reject") and rest:
            self.decide(cmd == "approve", rest)
        elif cmd == "audit":
            now = self.workflow.now()
            events = self.store.audit_between(
                (now - timedelta(days=7)).isoformat(timespec="seconds"),
                (now + timedelta(seconds=1)).isoformat(timespec="seconds"),
            )
            self.out.write(export_csv(events).lstrip("\ufeff"))
        elif not trouble.handle(cmd, rest, self.user, self.workflow, self.out):
            self.say(text("console.unknown", command=cmd))
        return True

    def check(self, rest: list[str]) -> None:
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
        tz = self.workflow.config.tz
        try:
            posted = datetime.fromisoformat(at).replace(tzinfo=tz) if at else None
        except ValueError:
            self.say(text("console.bad_time", value=at))
            return
        try:
            outcome = self.workflow.check(
                " ".join(body), user=self.user, account=account, posted_at=posted
            )
        except DraftError as e:
            self.say(f"! {e}")
            return
        self.last_check = outcome.record.id
        self.say(report_terminal(outcome.report))
        self.say(text("console.check_id", id=self.last_check))
        if outcome.report.verdict == Severity.BLOCK:
            self.say(text("console.override_hint"))
        elif outcome.report.verdict == Severity.REVIEW:
            self.say(text("console.review_hint"))

    def request(self, cmd: str, rest: list[str]) -> None:
        check_id = rest[0] if cmd == "request" and rest else self.last_check
        reason = " ".join(rest) if cmd == "override" else None
        if check_id is None:
            self.say(text("console.no_check"))
            return
        res = self.workflow.request_signoff(check_id, self.user, override_reason=reason)
        if res.problem is not None or res.request is None:
            self.say("! " + (problem_text(res.problem, res.request) if res.problem else ""))
            return
        done = text("bot.requested", heads="、".join(res.heads), version=res.request.version)
        self.say(text("console.requested", message=done, id=res.request.id))

    def pending(self) -> None:
        waiting = self.workflow.pending_for(self.user)
        if not waiting:
            self.say(text("console.pending_none"))
        for r in waiting:
            self.say(
                text(
                    "console.pending_line",
                    id=r.id,
                    version=r.version,
                    requester=r.requester,
                    verdict=text(f"verdict.{r.verdict}"),
                    codes=" ".join(r.codes),
                )
            )
            if r.override_reason:
                self.say(text("console.override_reason", reason=r.override_reason))
            self.say(text("console.draft_line", text=r.text[:80]))

    def mine(self) -> None:
        requests = self.store.list_requests(requester=self.user, limit=20)
        if not requests:
            self.say(text("console.mine_none"))
        for r in requests:
            self.say(
                text(
                    "console.mine_line",
                    id=r.id,
                    version=r.version,
                    at=readable_time(r.created_at),
                    state=text(f"bot.state_{r.state.value}"),
                    codes=" ".join(r.codes),
                )
            )
            if r.decided_by:
                self.say(
                    text(
                        "console.decided_line",
                        who=r.decided_by,
                        state=text(f"bot.state_{r.state.value}"),
                        at=readable_time(r.decided_at),
                    )
                )
            if r.reason:
                self.say(text("console.reason_line", reason=r.reason))

    def decide(self, approve: bool, rest: list[str]) -> None:
        reason = " ".join(rest[1:]) if not approve else None
        decision = self.workflow.decide(rest[0], self.user, approve=approve, reason=reason)
        if decision.problem is not None:
            self.say(f"! {problem_text(decision.problem, decision.request)}")
        elif decision.request is not None:
            self.say(text("console.approved" if approve else "console.rejected", id=rest[0]))
