"""``toon-check``: check drafts from the terminal, in scripts and in CI.

    toon-check draft.txt drafts/ "posts/*.md"   files, folders (.txt, .md) and patterns
    toon-check --text "本文…"                    a text given on the command line
    echo "本文…" | toon-check                    standard input (also "-")
    toon-check --jsonl < drafts.jsonl           JSON Lines in, one JSON result per line out

Exit status (as ruff and textlint): 0 no finding at or above ``--fail-on`` (default
review), 1 such findings, 2 a usage, input, configuration or internal error. The verdict
itself is in the JSON output.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
import traceback
from collections.abc import Sequence
from typing import TextIO

from checks.cases import rule_cases
from checks.cli_args import (
    EXIT_ERROR,
    UsageError,
    build_parser,
    fail_threshold,
    selected,
    selectors,
)
from checks.config import PLATFORMS, CityConfig, ConfigError, load_config
from checks.engine import DraftError, check_draft
from checks.lexicon import LexiconError
from checks.models import Category, Report
from checks.output import Checked, concise, github, report_dict, sarif
from checks.render import report_terminal, rules_markdown, rules_table
from checks.rules import RULES
from checks.sources import (
    Decoded,
    InputError,
    PlannedTime,
    check_encoding,
    decode,
    expand_paths,
    parse_planned_time,
)
from messages import clause_text, rule_text, text

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_OK", "main"]

EXIT_OK, EXIT_FINDINGS = 0, 1


class _Errors:
    """Input problems of single drafts: reported on stderr, the others still checked."""

    def __init__(self) -> None:
        self.count = 0

    def report(self, message: str) -> None:
        self.count += 1
        sys.stderr.write(text("cli.error", message=message) + "\n")


def _platform(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value == "twitter":
        value = "x"
    if value not in PLATFORMS:
        raise InputError(text("draft.bad_platform", value=value, choices=", ".join(PLATFORMS)))
    return value


def _target(config: CityConfig, account: str | None, platform: str | None) -> str | None:
    """The platform, after checking that it does not contradict the account's."""
    platform = _platform(platform)
    if account is None:
        return platform
    try:
        acc = config.account(account)
    except KeyError:
        raise InputError(
            text("draft.unknown_account", account=account, known=", ".join(config.accounts))
        ) from None
    if platform is not None and platform != acc.platform:
        raise InputError(
            text(
                "cli.input.platform_conflict",
                account=account,
                account_platform=acc.platform,
                platform=platform,
            )
        )
    return platform


def _read(path: str, encoding: str, quiet: bool) -> Decoded:
    name = text("cli.stdin") if path == "-" else path
    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            raise InputError(text("cli.input.not_found", path=path)) from None
        except OSError as e:
            detail = e.strerror or str(e)
            raise InputError(text("draft.file_error", path=path, detail=detail)) from None
    decoded = decode(data, name, encoding)
    if encoding == "auto" and decoded.encoding not in ("utf-8", "ascii") and not quiet:
        sys.stderr.write(
            text("cli.error", message=text("cli.read_as", name=name, encoding=decoded.encoding))
            + "\n"
        )
    return decoded


def _explain(code: str) -> str:
    r = RULES.get(code.upper())
    if r is None:
        raise InputError(text("explain.unknown", code=code))
    w = rule_text(r.code)
    lines = [
        text("explain.header", code=r.code, name=r.name),
        w.title,
        text("explain.category", category=r.category.value, severity=r.severity.value),
        text("explain.clause", clause=r.clause),
    ]
    for clause in r.clause.split(", "):
        quoted = clause_text(clause)
        if quoted:
            lines.append(f"  「{quoted}」")
    cases = rule_cases(r.code)
    lines += ["", text("explain.why"), f"  {w.why}", ""]
    lines += [text("explain.bad"), f"  {cases.bad_example.text}"]
    lines += [text("explain.good"), f"  {cases.good_example.text}"]
    return "\n".join(lines)


def _format_for(fmt: str | None, what: str, allowed: tuple[str, ...]) -> str:
    """The format for this mode; a format the mode cannot write is an error, never ignored."""
    chosen = fmt or allowed[0]
    if chosen not in allowed:
        raise UsageError(
            text(
                "cli.usage_error.format_not_for",
                format=chosen,
                what=text(f"cli.usage_error.what_{what}"),
                choices=", ".join(allowed),
            )
        )
    return chosen


class _Checker:
    """Checks drafts with the options of one run and keeps the exit status."""

    def __init__(self, args: argparse.Namespace, config: CityConfig) -> None:
        self.config = config
        self.select = selectors(args.select)
        self.ignore = selectors(args.ignore)
        self.threshold = fail_threshold(args.fail_on)
        self.failed = False
        self.errors = _Errors()

    def check(self, body: str, platform: str | None, account: str | None, at: str | None) -> Report:
        platform = _target(self.config, account, platform)
        planned: PlannedTime | None = parse_planned_time(at) if at else None
        report = check_draft(
            body,
            platform=platform,
            posted_at=planned.at if planned else None,
            time_known=planned.time_known if planned else True,
            account=account,
            config=self.config,
        )
        kept = tuple(
            f
            for f in report.findings
            if (not self.select or selected(f.code, f.category.value, self.select))
            and not selected(f.code, f.category.value, self.ignore)
        )
        if len(kept) != len(report.findings):
            report = dataclasses.replace(report, findings=kept)
        if any(f.severity.rank >= self.threshold for f in report.findings):
            self.failed = True
        return report

    def status(self) -> int:
        if self.errors.count:
            return EXIT_ERROR
        return EXIT_FINDINGS if self.failed else EXIT_OK


def _run_jsonl(data: str, args: argparse.Namespace, checker: _Checker, out: TextIO) -> None:
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        record_id: object = None
        try:
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(text("draft.bad_json", line=n, detail=e.msg)) from None
            if not isinstance(rec, dict) or not isinstance(rec.get("text"), str):
                raise InputError(text("draft.bad_record", line=n, detail='"text"'))
            record_id = rec.get("id", n)
            report = checker.check(
                rec["text"],
                platform=rec.get("platform") or args.platform,
                account=rec.get("account") or args.account,
                at=rec.get("posted_at") or args.at,
            )
        except (InputError, DraftError) as e:
            out.write(json.dumps({"id": record_id, "error": str(e)}, ensure_ascii=False) + "\n")
            checker.errors.count += 1
            continue
        body = report_dict(Checked(None, report), str(record_id))
        out.write(json.dumps(body, ensure_ascii=False) + "\n")


def _sources(args: argparse.Namespace) -> list[tuple[str | None, str]]:
    """(path, "") of every file named on the command line ("-": standard input), then
    (None, text) of every ``--text``."""
    paths = expand_paths([*args.paths, *args.file])
    texts: list[str] = args.text
    out: list[tuple[str | None, str]] = [(p, "") for p in paths]
    out += [(None, t) for t in texts]
    if not out:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(text("cli.input.no_input"))
        out.append(("-", ""))
    return out


def _color(choice: bool | None, out: TextIO) -> bool:
    if choice is not None:
        return choice
    if os.environ.get("NO_COLOR"):
        return False
    return out.isatty()


def _check_all(args: argparse.Namespace, checker: _Checker, out: TextIO) -> None:
    fmt = _format_for(args.format, "check", ("text", "concise", "json", "jsonl", "github", "sarif"))
    quiet: bool = args.quiet
    encoding: str = args.encoding
    checked: list[Checked] = []
    for path, body in _sources(args):
        name = None if path in (None, "-") else path
        try:
            if path is not None:
                body = _read(path, encoding, quiet).text
            report = checker.check(body, args.platform, args.account, args.at)
        except (InputError, DraftError) as e:
            checker.errors.report(str(e))
            continue
        checked.append(Checked(name, report))
        if fmt == "jsonl":
            out.write(json.dumps(report_dict(checked[-1]), ensure_ascii=False) + "\n")
    if fmt == "json":
        bodies = [report_dict(c) for c in checked]
        if len(bodies) == 1:
            out.write(json.dumps(bodies[0], ensure_ascii=False) + "\n")
        elif bodies:
            out.write(json.dumps(bodies, ensure_ascii=False) + "\n")
    elif fmt == "concise":
        out.write(concise(checked))
    elif fmt == "github":
        out.write(github(checked))
    elif fmt == "sarif":
        out.write(sarif(checked))
    elif fmt == "text":
        color = _color(args.color, out)
        shown = [c for c in checked if c.report.findings or not quiet]
        for i, c in enumerate(shown):
            if i:
                out.write("\n")
            out.write(report_terminal(c.report, color=color, title=c.name) + "\n")


def _main(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    fmt = args.format
    if args.list_rules:
        chosen = _format_for(fmt, "list", ("text", "markdown", "json"))
        if chosen == "markdown":
            out.write(rules_markdown())
        elif chosen == "json":
            rules = [
                {
                    "code": r.code,
                    "name": r.name,
                    "category": r.category.value,
                    "clause": r.clause,
                    "severity": r.severity.value,
                    "title": rule_text(r.code).title,
                }
                for r in RULES.values()
            ]
            out.write(json.dumps(rules, ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(rules_table() + "\n")
        return EXIT_OK
    if args.categories:
        out.write("\n".join(c.value for c in Category) + "\n")
        return EXIT_OK
    if args.explain:
        _format_for(fmt, "explain", ("text",))
        out.write(_explain(args.explain) + "\n")
        return EXIT_OK
    config = load_config(args.config)
    checker = _Checker(args, config)
    check_encoding(args.encoding)
    if args.at:
        parse_planned_time(args.at)  # a bad --at is a usage error before any draft is read
    _target(config, args.account, args.platform)
    if args.jsonl:
        _format_for(fmt, "jsonl", ("jsonl", "json"))
        if args.text:
            raise UsageError(text("cli.usage_error.conflict", option="--jsonl", other="--text"))
        names = [*args.paths, *args.file] or ["-"]
        data = "\n".join(_read(p, args.encoding, args.quiet).text for p in expand_paths(names))
        _run_jsonl(data, args, checker, out)
    else:
        _check_all(args, checker, out)
    return checker.status()


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``toon-check``; returns the exit status."""
    try:
        return _main(argv)
    except (UsageError, InputError, DraftError, ConfigError) as e:
        sys.stderr.write(text("cli.error", message=str(e)) + "\n")
    except LexiconError as e:
        sys.stderr.write(text("cli.error", message=text("lexicon.broken", detail=str(e))) + "\n")
    except Exception as e:  # a crash must not exit 1, the code for findings
        traceback.print_exc()
        sys.stderr.write(text("cli.crash", detail=f"{type(e).__name__}: {e}") + "\n")
    return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
