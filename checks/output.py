"""Machine formats of ``toon-check``: JSON (with lines and columns), concise lines, GitHub
workflow annotations and SARIF 2.1.0. The terminal format is ``checks.render``."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from checks.models import Finding, Report, Severity
from checks.rules import RULES
from checks.versions import dictionary_version, tool_version
from messages import rule_text

__all__ = ["Checked", "concise", "github", "line_col", "report_dict", "sarif"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_GITHUB_LEVEL = {Severity.BLOCK: "error", Severity.REVIEW: "warning", Severity.ADVICE: "notice"}
_SARIF_LEVEL = {Severity.BLOCK: "error", Severity.REVIEW: "warning", Severity.ADVICE: "note"}


@dataclass(frozen=True, slots=True)
class Checked:
    """One checked draft: where it came from (None: text or standard input) and its report."""

    name: str | None
    report: Report


def line_col(source: str, offset: int) -> tuple[int, int]:
    """1-based line and column (in characters) of ``offset``."""
    line = source.count("\n", 0, offset) + 1
    return line, offset - (source.rfind("\n", 0, offset) + 1) + 1


def _finding_dict(f: Finding, source: str) -> dict[str, object]:
    body = f.to_dict()
    body["line"], body["column"] = line_col(source, f.start)
    body["end_line"], body["end_column"] = line_col(source, f.end)
    return body


def report_dict(c: Checked, record_id: str | None = None) -> dict[str, object]:
    """The JSON contract of the README: ``id`` (JSON Lines input) or ``file`` first, then the
    report, each finding with its line and column, and the dictionary that produced it."""
    body: dict[str, object] = {}
    if record_id is not None:
        body["id"] = record_id
    if c.name is not None:
        body["file"] = c.name
    body.update(c.report.to_dict())
    body["findings"] = [_finding_dict(f, c.report.text) for f in c.report.findings]
    body["dictionary"] = dictionary_version()
    return body


def concise(checked: Sequence[Checked]) -> str:
    """``file:line:column: CODE [severity] message``, one finding a line (ruff's concise)."""
    lines = []
    for c in checked:
        for f in c.report.findings:
            line, col = line_col(c.report.text, f.start)
            lines.append(f"{c.name or '-'}:{line}:{col}: {f.code} [{f.severity.value}] {f.message}")
    return "".join(line + "\n" for line in lines)


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def github(checked: Sequence[Checked]) -> str:
    """GitHub Actions workflow commands: ``::error file=…,line=…,col=…::…`` per finding."""
    out = []
    for c in checked:
        for f in c.report.findings:
            line, col = line_col(c.report.text, f.start)
            end_line, end_col = line_col(c.report.text, f.end)
            props = [
                f"file={_escape_property(c.name or '-')}",
                f"line={line}",
                f"col={col}",
                f"endLine={end_line}",
                f"endColumn={end_col}",
                f"title={_escape_property(f'{f.code} {f.name}')}",
            ]
            message = f.message + (f" ({f.suggestion})" if f.suggestion else "")
            level = _GITHUB_LEVEL.get(f.severity, "notice")
            out.append(f"::{level} {','.join(props)}::{_escape_data(message)}\n")
    return "".join(out)


def sarif(checked: Sequence[Checked]) -> str:
    """A SARIF 2.1.0 log with one run: the rules that fired and one result per finding."""
    used = sorted({f.code for c in checked for f in c.report.findings})
    rules = [
        {
            "id": code,
            "name": RULES[code].name,
            "shortDescription": {"text": rule_text(code).title},
            "fullDescription": {"text": rule_text(code).why},
            "properties": {
                "category": RULES[code].category.value,
                "clause": RULES[code].clause,
            },
        }
        for code in used
        if code in RULES
    ]
    results = []
    for c in checked:
        for f in c.report.findings:
            line, col = line_col(c.report.text, f.start)
            end_line, end_col = line_col(c.report.text, f.end)
            region = {
                "startLine": line,
                "startColumn": col,
                "endLine": end_line,
                "endColumn": end_col,
                "charOffset": f.start,
                "charLength": f.end - f.start,
            }
            location = {
                "physicalLocation": {
                    "artifactLocation": {"uri": c.name or "stdin"},
                    "region": region,
                }
            }
            props = {"severity": f.severity.value, "category": f.category.value}
            if f.suggestion:
                props["suggestion"] = f.suggestion
            result = {
                "ruleId": f.code,
                "level": _SARIF_LEVEL.get(f.severity, "note"),
                "message": {"text": f.message},
                "locations": [location],
                "properties": props,
            }
            results.append(result)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "toon-check",
                        "version": tool_version(),
                        "rules": rules,
                        "properties": {"dictionary": dictionary_version()},
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
