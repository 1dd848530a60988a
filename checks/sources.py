"""What ``toon-check`` reads: paths, directories and globs, the bytes' encoding, and the
planned posting time as staff type it.

Decoding: a BOM decides (UTF-8, UTF-16); else strict UTF-8; else cp932 (Shift_JIS as
Windows writes it). Strict UTF-8 almost never accepts Japanese cp932 bytes (its lead bytes
0x81–0x9F and 0xE0–0xFC are not followed by the continuation bytes UTF-8 needs), so the two
candidates do not need a statistical detector; a file that is neither is refused with a
message that names ``--encoding``.
"""

from __future__ import annotations

import codecs
import glob
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from messages import text

__all__ = [
    "DRAFT_SUFFIXES",
    "Decoded",
    "InputError",
    "PlannedTime",
    "check_encoding",
    "decode",
    "expand_paths",
    "parse_planned_time",
]

# Files a directory argument contributes (textlint and ruff also pick files by suffix).
DRAFT_SUFFIXES = (".txt", ".md")
_GLOB_CHARS = re.compile(r"[*?\[]")
_NOT_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ue000-\uf8ff]")


class InputError(Exception):
    """Bad input or usage; the message is for the user."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # the codec that read it: "utf-8", "utf-16", "cp932" or the one asked for


def check_encoding(encoding: str) -> None:
    """Refuse an ``--encoding`` Python does not know before any file is read."""
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise InputError(text("cli.input.bad_encoding_name", value=encoding)) from None


def decode(data: bytes, name: str, encoding: str = "auto") -> Decoded:
    """The text of ``data``; ``encoding`` is "auto" or any Python codec name."""
    if encoding != "auto":
        check_encoding(encoding)
        try:
            return Decoded(data.decode(encoding), encoding)
        except UnicodeDecodeError as e:
            raise InputError(
                text("cli.input.not_in_encoding", name=name, encoding=encoding, position=e.start)
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError as e:
            raise InputError(
                text("cli.input.unknown_encoding", name=name, position=e.start)
            ) from None
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError as e:
        utf8_error = e.start
    try:
        decoded = data.decode("cp932")
    except UnicodeDecodeError:
        decoded = None
    # cp932 maps stray bytes (0x80, 0xFD–0xFF) and its user-defined area to private-use
    # characters: binary data or another encoding, not a draft written on an office PC.
    if decoded is None or _NOT_TEXT.search(decoded):
        raise InputError(text("cli.input.unknown_encoding", name=name, position=utf8_error))
    return Decoded(decoded, "cp932")


def expand_paths(args: list[str]) -> list[str]:
    """Files, directories (their ``.txt``/``.md`` files, recursively) and globs, in order and
    without repeats; ``-`` is standard input. A name that matches nothing is an error."""
    out: list[str] = []
    for arg in args:
        if arg == "-":
            found = ["-"]
        elif os.path.isdir(arg):
            found = sorted(
                str(p) for p in Path(arg).rglob("*") if p.suffix in DRAFT_SUFFIXES and p.is_file()
            )
        elif os.path.exists(arg) or not _GLOB_CHARS.search(arg):
            found = [arg]  # a missing file is reported when it is read
        else:
            found = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not found:
                raise InputError(text("cli.input.no_match", pattern=arg))
        out.extend(p for p in found if p not in out)
    return out


@dataclass(frozen=True, slots=True)
class PlannedTime:
    at: datetime  # naive when the input had no offset; midnight when only the day is known
    time_known: bool


_DATE = r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
_CLOCK = r"(\d{1,2}):(\d{2})(?::(\d{2}))?"
_STAFF = re.compile(rf"^{_DATE}(?:[T ]+{_CLOCK})?$")
_JAPANESE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日(?:\s*(\d{1,2})時(?:(\d{1,2})分)?)?$")


def parse_planned_time(value: str) -> PlannedTime:
    """ISO 8601 (with or without an offset), or what staff type: ``2027/02/01``,
    ``2027/2/1 9:30``, ``2027年2月1日 13時``, full-width digits included. A day without a
    time means the time is not known (not midnight)."""
    raw = unicodedata.normalize("NFKC", value).strip()
    m = _STAFF.match(raw) or _JAPANESE.match(raw)
    try:
        if m is not None:
            y, mo, d, h, mi, *rest = m.groups()
            sec = rest[0] if rest else None
            at = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
            return PlannedTime(at, time_known=h is not None)
        at = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(text("cli.input.bad_time", value=value)) from None
    return PlannedTime(at, time_known=len(raw) > 10)
