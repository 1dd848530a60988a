"""``toon-check``: check drafts from the terminal.

    toon-check "本文…"                 check a text given as an argument
    toon-check --file draft.txt        check a file ("-" reads standard input)
    echo "本文…" | toon-check          check standard input
    toon-check --jsonl < drafts.jsonl  JSON Lines in, one JSON result per line out

Exit status: 0 ok/advice, 1 review, 2 block, 3 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import datetime
from typing import TextIO

from checks.cases import rule_cases
from checks.config import PLATFORMS, CityConfig, ConfigError, load_config
from checks.engine import DraftError, check_draft
from checks.lexicon import LexiconError
from checks.models import Category, Report, Severity
from checks.oserrors import os_error_text
from checks.render import example_lines, report_json, report_terminal, rules_markdown, rules_table
from checks.rules import RULES
from messages import clause_text, rule_text, text

EXIT_BAD_INPUT = 3
_EXIT = {Severity.OK: 0, Severity.ADVICE: 0, Severity.REVIEW: 1, Severity.BLOCK: 2}


class InputError(Exception):
    """Bad input; the message is for the user."""


def parse_time(value: str, config: CityConfig) -> datetime:
    """An ISO 8601 time; naive times are in the city's time zone."""
    try:
        at = datetime.fromisoformat(value.strip())
    except ValueError:
        raise InputError(text("draft.bad_time", value=value)) from None
    return at if at.tzinfo else at.replace(tzinfo=config.tz)


def _platform(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value == "twitter":
        value = "x"
    if value not in PLATFORMS:
        raise InputError(text("draft.bad_platform", value=value, choices=", ".join(PLATFORMS)))
    return value


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(text("draft.bad_encoding", position=e.start)) from None


def _read_stdin() -> str:
    return _decode(sys.stdin.buffer.read())


def _read_file(path: str) -> str:
    if path == "-":
        return _read_stdin()
    try:
        with open(path, "rb") as f:
            return _decode(f.read())
    except OSError as e:
        raise InputError(text("draft.file_error", path=path, detail=os_error_text(e))) from None


def _explain(code: str) -> str:
    r = RULES.get(code.upper())
    if r is None:
        raise InputError(text("explain.unknown", code=code))
    w = rule_text(r.code)
    lines = [
        text("explain.header", code=r.code, name=r.name),
        w.title,
        text(
            "explain.category",
            category=text(f"category.{r.category.value}"),
            severity=text(f"report.severity_{r.severity.value}"),
        ),
        text("explain.clause", clause=r.clause),
    ]
    for clause in r.clause.split(", "):
        quoted = clause_text(clause)
        if quoted:
            lines.append(f"  「{quoted}」")
    cases = rule_cases(r.code)
    lines += ["", text("explain.why"), f"  {w.why}", ""]
    lines += [text("explain.bad"), *example_lines(cases.bad_example)]
    lines += [text("explain.good"), *example_lines(cases.good_example)]
    return "\n".join(lines)


def _run_jsonl(data: str, args: argparse.Namespace, config: CityConfig, out: TextIO) -> int:
    worst = 0
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
            at = rec.get("posted_at") or args.at
            report = check_draft(
                rec["text"],
                platform=_platform(rec.get("platform") or args.platform),
                posted_at=parse_time(at, config) if at else None,
                account=rec.get("account") or args.account,
                config=config,
            )
        except (InputError, DraftError) as e:
            out.write(json.dumps({"id": record_id, "error": str(e)}, ensure_ascii=False) + "\n")
            worst = EXIT_BAD_INPUT
            continue
        out.write(report_json(report, str(record_id)) + "\n")
        if worst != EXIT_BAD_INPUT:
            worst = max(worst, _EXIT[report.verdict])
    return worst


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="toon-check",
        description="Check a draft post against Toon City's social-media guideline.",
    )
    p.add_argument("text", nargs="*", help="the draft (joined with spaces); '-' reads stdin")
    p.add_argument("-f", "--file", action="append", default=[], help="read a draft from a file")
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.add_argument(
        "--jsonl", action="store_true", help="JSON Lines records in, one result a line out"
    )
    p.add_argument("--platform", help="x, instagram, facebook, line or threads")
    p.add_argument("--account", help="official account id from the configuration")
    p.add_argument("--at", help="planned posting time, ISO 8601 (Asia/Tokyo if no offset)")
    p.add_argument("--config", help="city configuration file (default: TOONBOT_CONFIG or config/)")
    p.add_argument("--list-rules", action="store_true", help="list every rule")
    p.add_argument("--explain", metavar="CODE", help="explain one rule")
    p.add_argument("--categories", action="store_true", help=argparse.SUPPRESS)
    color = p.add_mutually_exclusive_group()
    color.add_argument("--color", dest="color", action="store_true", default=None)
    color.add_argument("--no-color", dest="color", action="store_false")
    return p


def _drafts(args: argparse.Namespace) -> list[tuple[str | None, str]]:
    drafts: list[tuple[str | None, str]] = [(path, _read_file(path)) for path in args.file]
    if args.text == ["-"]:
        drafts.append((None, _read_stdin()))
    elif args.text:
        drafts.append((None, " ".join(args.text)))
    if not drafts:
        if sys.stdin is None or sys.stdin.isatty():
            raise InputError(text("draft.no_input"))
        drafts.append((None, _read_stdin()))
    return drafts


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    out = sys.stdout
    try:
        if args.list_rules:
            out.write(rules_markdown() if args.format == "markdown" else rules_table() + "\n")
            return 0
        if args.categories:
            out.write("\n".join(c.value for c in Category) + "\n")
            return 0
        if args.explain:
            out.write(_explain(args.explain) + "\n")
            return 0
        config = load_config(args.config)
        platform = _platform(args.platform)
        at = parse_time(args.at, config) if args.at else None
        if args.jsonl:
            data = "".join(_read_file(p) for p in args.file) if args.file else _read_stdin()
            return _run_jsonl(data, args, config, out)
        worst = 0
        drafts = _drafts(args)
        color = args.color if args.color is not None else out.isatty()
        for i, (name, body) in enumerate(drafts):
            report: Report = check_draft(
                body, platform=platform, posted_at=at, account=args.account, config=config
            )
            if args.format == "json":
                out.write(report_json(report) + "\n")
            else:
                if i:
                    out.write("\n")
                out.write(report_terminal(report, color=color, title=name) + "\n")
            worst = max(worst, _EXIT[report.verdict])
        return worst
    except (InputError, DraftError, ConfigError) as e:
        sys.stderr.write(f"toon-check: {e}\n")
        return EXIT_BAD_INPUT
    except LexiconError as e:
        sys.stderr.write(f"toon-check: {text('lexicon.broken', detail=str(e))}\n")
        return EXIT_BAD_INPUT


if __name__ == "__main__":
    sys.exit(main())
