"""Render reports for the terminal and as JSON; rendering never changes the data."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import datetime

from checks.analysis import WEEKDAYS
from checks.cases import Case, rule_cases
from checks.models import Finding, Report, Severity
from checks.rules import RULES
from messages import rule_text, text

__all__ = ["example_lines", "report_json", "report_terminal"]

_RESET = "\033[0m"
_STYLE = {
    Severity.BLOCK: "\033[1;31m",
    Severity.REVIEW: "\033[1;33m",
    Severity.ADVICE: "\033[1;36m",
    Severity.OK: "\033[1;32m",
}
_MARK = "\033[4;31m"


def report_json(report: Report, record_id: str | None = None) -> str:
    """One JSON object, the contract of design.md (``id`` first in JSON Lines mode)."""
    body: dict[str, object] = {"id": record_id} if record_id is not None else {}
    body.update(report.to_dict())
    return json.dumps(body, ensure_ascii=False)


def example_lines(case: Case) -> list[str]:
    """An --explain example: its text, then what it was checked with (the planned time, the
    account, the form's answer), so that two examples differing only there read differently."""
    given = []
    if case.at:
        at = datetime.fromisoformat(case.at)
        when = f"{at.year}年{at.month}月{at.day}日({WEEKDAYS[at.weekday()]}) {at:%H:%M}"
        given.append(text("explain.given_at", at=when))
    if case.account:
        given.append(text("explain.given_account", account=case.account))
    if case.platform:
        given.append(text("explain.given_platform", platform=case.platform))
    if case.people_consent is not None:
        given.append(text(f"explain.given_consent_{str(case.people_consent).lower()}"))
    lines = [f"  {case.text}"]
    if given:
        lines.append("  " + text("explain.given", given=text("explain.given_join").join(given)))
    return lines


def _line_col(source: str, offset: int) -> tuple[int, int]:
    line = source.count("\n", 0, offset) + 1
    col = offset - (source.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _context_line(source: str, f: Finding, color: bool) -> str:
    """The line of the finding with its span marked."""
    if f.start == f.end:
        return ""
    ls = source.rfind("\n", 0, f.start) + 1
    le = source.find("\n", f.start)
    le = len(source) if le == -1 else le
    end = min(f.end, le)
    before, span, after = source[ls : f.start], source[f.start : end], source[end:le]
    if len(before) > 30:
        before = "…" + before[-29:]
    if len(after) > 30:
        after = after[:29] + "…"
    if len(span) > 60:
        span = span[:59] + "…"
    if color:
        return f"    {before}{_MARK}{span}{_RESET}{after}"
    return f"    {before}［{span}］{after}"


def _severity_label(s: Severity) -> str:
    return text(f"report.severity_{s.value}")


def report_terminal(report: Report, *, color: bool = False, title: str | None = None) -> str:
    """A human-readable report, findings grouped by guideline clause."""
    verdict = report.verdict
    head = text("report.heading", verdict=text(f"verdict.{verdict.value}"))
    if color:
        head = f"{_STYLE[verdict]}{head}{_RESET}"
    lines = [f"== {title}", head] if title else [head]
    if report.findings:
        lines.append(text("report.count", count=len(report.findings)))
    groups: dict[str, list[Finding]] = defaultdict(list)
    for f in report.findings:
        groups[f.clause].append(f)
    for clause, findings in groups.items():
        lines.append("")
        lines.append(text("report.clause", clause=clause) if clause != "platform" else "SNS")
        for f in findings:
            label = f"[{_severity_label(f.severity)}]"
            if color:
                label = f"{_STYLE[f.severity]}{label}{_RESET}"
            if f.start == f.end:
                where = text("report.whole")
            else:
                line, col = _line_col(report.text, f.start)
                where = text("report.span", line=line, column=col)
            lines.append(f"  {label} {f.code} {rule_text(f.code).title}({where})")
            ctx = _context_line(report.text, f, color)
            if ctx:
                lines.append(ctx)
            lines.append(f"    {f.message}")
            if f.suggestion:
                lines.append("    " + text("report.suggestion", suggestion=f.suggestion))
    return "\n".join(lines).lstrip("\n")


def rules_table() -> str:
    """One line per rule: code, name, category, severity, clause, title."""
    rows = []
    for r in sorted(RULES.values(), key=lambda r: r.code):
        rows.append(
            f"{r.code}  {r.name:<32} {r.category.value:<19} {r.severity.value:<7} "
            f"{r.clause:<14} {rule_text(r.code).title}"
        )
    return "\n".join(rows)


def rules_markdown() -> str:
    """The rules reference (docs/rules.md), from the rule table, messages/ and the fixtures."""
    lines = [
        "# toonbot rules",
        "",
        "Generated by `toon-check --list-rules --format markdown`; do not edit by hand.",
        "",
        "| code | name | category | severity | clause | title |",
        "|---|---|---|---|---|---|",
    ]
    for r in sorted(RULES.values(), key=lambda r: r.code):
        w = rule_text(r.code)
        cells = (r.code, r.name, r.category.value, r.severity.value, r.clause, w.title)
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    for r in sorted(RULES.values(), key=lambda r: r.code):
        w = rule_text(r.code)
        cases = rule_cases(r.code)
        lines += [
            f"## {r.code} {r.name}",
            "",
            f"{w.title}. {w.why}",
            "",
            f"- bad: {cases.bad_example.text}",
            f"- good: {cases.good_example.text}",
            "",
        ]
    return "\n".join(lines)
