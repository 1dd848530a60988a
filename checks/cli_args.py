"""The command line of ``toon-check``: options, Japanese help and Japanese usage errors."""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from typing import Any, NoReturn

from checks.models import Category, Severity
from checks.rules import RULES
from checks.versions import dictionary_version, tool_version
from messages import text

__all__ = ["FORMATS", "UsageError", "build_parser", "selectors"]

FORMATS = ("text", "concise", "json", "jsonl", "github", "sarif", "markdown")
FAIL_ON = ("advice", "review", "block")
EXIT_ERROR = 2

# argparse's English errors, translated by shape (the wording is argparse's, 3.11–3.13).
_ARGPARSE_ERRORS = (
    (re.compile(r"^unrecognized arguments: (?P<value>.+)$"), "unknown_option"),
    (
        re.compile(
            r"^argument (?P<option>\S+): invalid choice: '?(?P<value>[^' ]*)'?"
            r" \(choose from (?P<choices>.+)\)$"
        ),
        "bad_choice",
    ),
    (re.compile(r"^argument (?P<option>\S+): expected one argument$"), "needs_value"),
    (
        re.compile(r"^argument (?P<option>\S+): not allowed with argument (?P<other>\S+)$"),
        "conflict",
    ),
)


class UsageError(Exception):
    """A mistake in the command line; the message is for the user (exit status 2)."""


class _Parser(argparse.ArgumentParser):
    """argparse with Japanese usage errors and exit status 2 for every usage mistake."""

    def error(self, message: str) -> NoReturn:
        for pattern, key in _ARGPARSE_ERRORS:
            m = pattern.match(message)
            if m is not None:
                params = {k: v.replace("'", "") for k, v in m.groupdict().items()}
                message = text(f"cli.usage_error.{key}", **params)
                break
        else:
            message = text("cli.usage_error.other", detail=message)
        sys.stderr.write(text("cli.error", message=message) + "\n")
        sys.exit(EXIT_ERROR)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix or text("cli.usage_prefix"))


def build_parser() -> argparse.ArgumentParser:
    """The options of ``toon-check``; help texts come from messages/cli.toml."""

    def h(key: str) -> str:
        return text(f"cli.help.{key}").replace("%", "%%")

    p = _Parser(
        prog="toon-check",
        usage=text("cli.usage"),
        description=text("cli.description"),
        epilog=text("cli.epilog"),
        add_help=False,
        formatter_class=_Formatter,
    )
    p._positionals.title = text("cli.positionals")
    p._optionals.title = text("cli.options")
    p.add_argument("-h", "--help", action="help", help=h("help"))
    p.add_argument(
        "--version",
        action="version",
        version=f"toon-check {tool_version()} ({dictionary_version()})",
        help=h("version"),
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=h("paths"))
    p.add_argument("-t", "--text", action="append", default=[], help=h("text"))
    p.add_argument("-f", "--file", action="append", default=[], metavar="PATH", help=h("file"))
    p.add_argument("--format", choices=FORMATS, help=h("format"))
    p.add_argument("--jsonl", action="store_true", help=h("jsonl"))
    p.add_argument("--fail-on", choices=FAIL_ON, default="review", help=h("fail_on"))
    p.add_argument("--select", action="append", default=[], metavar="CODE", help=h("select"))
    p.add_argument("--ignore", action="append", default=[], metavar="CODE", help=h("ignore"))
    p.add_argument("-q", "--quiet", action="store_true", help=h("quiet"))
    color = p.add_mutually_exclusive_group()
    color.add_argument("--color", dest="color", action="store_true", default=None, help=h("color"))
    color.add_argument("--no-color", dest="color", action="store_false", help=h("no_color"))
    p.add_argument("--encoding", default="auto", help=h("encoding"))
    p.add_argument("--platform", help=h("platform"))
    p.add_argument("--account", help=h("account"))
    p.add_argument("--at", help=h("at"))
    p.add_argument("--config", help=h("config"))
    p.add_argument("--list-rules", action="store_true", help=h("list_rules"))
    p.add_argument("--explain", metavar="CODE", help=h("explain"))
    p.add_argument("--categories", action="store_true", help=argparse.SUPPRESS)
    return p


def fail_threshold(name: str) -> int:
    """The rank from which a finding fails the run (``--fail-on``)."""
    return Severity(name).rank


def selectors(values: list[str]) -> frozenset[str]:
    """``--select``/``--ignore`` values (comma-separated, repeatable): rule codes, code
    prefixes (``FAL``) or categories (``false_info``), normalised; unknown ones are errors."""
    codes = set(RULES)
    prefixes = {c.rstrip("0123456789") for c in codes}
    categories = {c.value for c in Category}
    out = set()
    for value in values:
        for item in filter(None, (v.strip() for v in value.split(","))):
            if item.upper() in codes or item.upper() in prefixes:
                out.add(item.upper())
            elif item.lower() in categories:
                out.add(item.lower())
            else:
                near = difflib.get_close_matches(item, [*codes, *prefixes, *categories], n=1)
                hint = (
                    text("cli.usage_error.hint", near=near[0])
                    if near
                    else text("cli.usage_error.no_hint")
                )
                raise UsageError(text("cli.usage_error.unknown_selector", value=item, hint=hint))
    return frozenset(out)


def selected(code: str, category: str, chosen: frozenset[str]) -> bool:
    """Whether a finding matches one of the selectors."""
    return code in chosen or code.rstrip("0123456789") in chosen or category in chosen
