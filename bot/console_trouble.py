"""``toonbot console`` commands of §5 and §7: the registry, incident mode, the holding
statement, confirming a policy report. The same domain code as the Slack listeners."""

from __future__ import annotations

from typing import TextIO

from bot.accounts import account_statuses, render_check
from bot.audit import AuditLog
from bot.comments import CommentProblem, RemovedComment, record_removed_comment
from bot.correction import (
    Correction,
    CorrectionProblem,
    create_correction,
    original_for,
    posted_on,
)
from bot.impersonation import Case, CaseProblem, ImpersonationDesk, notice_draft, report_page
from bot.incident import IncidentDesk, holding_statement
from bot.registration import Registration, RegistrationDesk, RegistrationProblem, toml_entry
from bot.registry import record_report
from bot.workflow import Workflow
from checks import DraftError
from checks.render import report_terminal
from messages import text

__all__ = ["HELP", "handle"]

HELP = """  accounts                                             registry: missing items, reports (§5)
  report ACCOUNT                                       (PR section) the policy report arrived today
  incidents                                            accounts in incident mode (§7(4))
  incident on ACCOUNT SITUATION | incident off ACCOUNT (PR section or head) switch incident mode
  holding ACCOUNT                                      check the holding statement for ACCOUNT
  correct [--from REQUEST_ID] [--account ID] [--no-apology] --wrong TEXT --right TEXT [ORIGINAL]
                                                       draft a correction (§7(1)) and check it
  comment ACCOUNT RULE ACTION [NOTE]                   record a removed comment (§7(2));
      RULE: slander personal_info commercial obscene illegal impersonation spam other
      ACTION: delete hide report
  impersonation report ACCOUNT URL | impersonation list
  impersonation done|skip CASE_ID STEP [REASON] | impersonation notice CASE_ID   (§7(3))
  register ID PLATFORM NAME URL OPERATOR DEPARTMENT [ITEM=TEXT ...]   (head) a new account (§5(2))
      ITEM: hours emergency_posts(yes|no) purpose content replies personal_info user_rules
            intellectual_property disclaimer
  confirm ID                                           (PR section) the new account's report"""


def handle(cmd: str, rest: list[str], user: str, workflow: Workflow, out: TextIO) -> bool:
    """Run a §5/§7 command; False when ``cmd`` is not one of them."""
    config = workflow.config
    audit: AuditLog = workflow.audit
    desk = IncidentDesk(workflow.store, config, audit, workflow.now)
    if cmd == "accounts":
        out.write(render_check(config, account_statuses(config, workflow.store)))
    elif cmd == "report" and rest:
        if user not in config.registry.pr_section:
            out.write(f"! {text('registry.home.not_pr')}\n")
        elif rest[0] not in config.accounts:
            out.write(f"! {text('registry.home.unknown_account', account=rest[0])}\n")
        else:
            day = workflow.now().date()
            record_report(workflow.store, rest[0], day, user)
            audit.event(
                "policy_reported",
                user,
                workflow.now().isoformat(timespec="seconds"),
                account=rest[0],
                detail=day.isoformat(),
            )
            name = config.accounts[rest[0]].name
            out.write(
                text("registry.home.confirmed", account=name, date=day.isoformat(), user=user)
                + "\n"
            )
    elif cmd == "incidents":
        for i in desk.active():
            out.write(f"{i.account}  {i.since}  {i.by}  {i.reason}\n")
    elif cmd == "incident" and len(rest) >= 2 and rest[0] in ("on", "off"):
        if rest[0] == "on":
            outcome = desk.start(rest[1], user, " ".join(rest[2:]), workflow.heads)
        else:
            outcome = desk.end(rest[1], user, workflow.heads)
        if outcome.problem is not None:
            out.write(f"! {text(f'incident.problem.{outcome.problem.value}')}\n")
        else:
            out.write(f"incident mode {rest[0]}: {rest[1]}\n")
            if rest[0] == "on":
                out.write(holding_statement(config, rest[1]) + "\n")
    elif cmd == "holding" and rest:
        try:
            outcome_ = workflow.check(
                holding_statement(config, rest[0]), user=user, account=rest[0]
            )
        except (DraftError, KeyError) as e:
            out.write(f"! {e}\n")
            return True
        out.write(report_terminal(outcome_.report) + f"\n(check {outcome_.record.id})\n")
    elif cmd == "correct":
        _correct(rest, user, workflow, out)
    elif cmd == "comment" and len(rest) >= 3:
        done = record_removed_comment(
            workflow, user, RemovedComment(rest[0], rest[1], rest[2], note=" ".join(rest[3:]))
        )
        out.write(
            f"! {text(f'comments.problem.{done}')}\n"
            if isinstance(done, CommentProblem)
            else done + "\n"
        )
    elif cmd == "register" and len(rest) >= 6:
        _register(rest, user, workflow, out)
    elif cmd == "confirm" and rest:
        reg = RegistrationDesk(workflow.store, config, audit, workflow.now).confirm(rest[0], user)
        if isinstance(reg, RegistrationProblem):
            out.write(f"! {text(f'registry.register.problem.{reg.value}')}\n")
        else:
            out.write(toml_entry(reg))
    elif cmd == "impersonation" and rest:
        _impersonation(rest, user, workflow, out)
    else:
        return False
    return True


def _correct(rest: list[str], user: str, workflow: Workflow, out: TextIO) -> None:
    opts: dict[str, str] = {}
    body: list[str] = []
    it = iter(rest)
    for w in it:
        if w in ("--from", "--account", "--wrong", "--right"):
            opts[w[2:]] = next(it, "")
        elif w == "--no-apology":
            opts["no-apology"] = "1"
        else:
            body.append(w)
    original, account, date = " ".join(body), opts.get("account"), ""
    if opts.get("from"):
        found = original_for(workflow, opts["from"], user)
        if isinstance(found, CorrectionProblem):
            out.write(f"! {text(f'correction.problem.{found.value}')}\n")
            return
        original, account, date = found.text, account or found.account, posted_on(found)
    c = Correction(
        original=original,
        wrong=opts.get("wrong", ""),
        right=opts.get("right", ""),
        apology="no-apology" not in opts,
        account=account,
        request_id=opts.get("from", ""),
        posted_on=date,
    )
    try:
        outcome = create_correction(workflow, user, c)
    except DraftError as e:
        out.write(f"! {e}\n")
        return
    if isinstance(outcome, CorrectionProblem):
        out.write(f"! {text(f'correction.problem.{outcome.value}')}\n")
        return
    out.write(outcome.report.text + "\n---\n")
    out.write(report_terminal(outcome.report) + f"\n(check {outcome.record.id})\n")


def _impersonation(rest: list[str], user: str, workflow: Workflow, out: TextIO) -> None:
    desk = ImpersonationDesk(workflow.store, workflow.config, workflow.audit, workflow.now)
    sub, args = rest[0], rest[1:]
    result: Case | CaseProblem | None = None
    if sub == "report" and len(args) == 2:
        result = desk.report(args[0], args[1], user)
    elif sub == "list":
        for case in desk.open_cases():
            out.write(
                f"{case.id}  {case.account}  {case.fake_url}  open: {' '.join(case.open_steps)}\n"
            )
        return
    elif sub in ("done", "skip") and len(args) >= 2:
        reason = " ".join(args[2:]) if sub == "skip" else None
        result = desk.mark(args[0], args[1], user, workflow.heads, skip_reason=reason)
    elif sub == "notice" and args:
        found = desk.get(args[0])
        if found is None:
            out.write(f"! {text('impersonation.problem.not_found')}\n")
            return
        outcome = workflow.check(notice_draft(workflow.config, found), user=user)
        out.write(outcome.report.text + "\n---\n" + report_terminal(outcome.report) + "\n")
        return
    if result is None:
        out.write(
            "? impersonation report ACCOUNT URL | list | done|skip CASE_ID STEP [REASON] | notice CASE_ID\n"
        )
    elif isinstance(result, CaseProblem):
        out.write(f"! {text(f'impersonation.problem.{result.value}')}\n")
    else:
        out.write(
            f"case {result.id}: {' '.join(f'{k}={v.state}' for k, v in result.steps.items())}\n"
        )
        if sub == "report":
            out.write(f"  {report_page(result.platform)}\n")


def _register(rest: list[str], user: str, workflow: Workflow, out: TextIO) -> None:
    items = dict(w.split("=", 1) for w in rest[6:] if "=" in w)
    emergency = items.pop("emergency_posts", "")
    record = Registration(
        id=rest[0],
        platform=rest[1],
        name=rest[2],
        url=rest[3],
        operator=rest[4],
        department=rest[5],
        hours=items.pop("hours", ""),
        emergency_posts=None if not emergency else emergency == "yes",
        statements=items,
    )
    desk = RegistrationDesk(workflow.store, workflow.config, workflow.audit, workflow.now)
    result = desk.register(record, user, workflow.heads)
    if isinstance(result, RegistrationProblem):
        out.write(f"! {text(f'registry.register.problem.{result.value}')}\n")
    else:
        out.write(text("registry.register.submitted", name=result.name, id=result.id) + "\n")
