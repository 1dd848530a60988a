"""The lexicon load cache: what a lexicon's load proved, kept between processes.

Loading a lexicon analyses every written word with Sudachi, compiles every regular
expression and runs every entry's specs: most of a cold start (about a second), for a result
that only changes when the data or the code changes. A lexicon whose specs passed is recorded
under a key made of its file's text and of everything its specs depend on (the analysis code
and data, the lexicon loader, the vocabularies, Python, SudachiPy and its dictionary); the
record holds the parsed file and the words' key sequences. A later load with the same key
skips the TOML parsing, the specs and the word analysis, and compiles regular expressions on
first use; any change gives a new key, so specs run again and a failing one still stops the
load.

The directory is ``TOONBOT_CACHE_DIR``, else ``$XDG_CACHE_HOME/toonbot``, else
``~/.cache/toonbot``. When it cannot be read or written, lexicons load as without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path
from typing import Any

__all__ = ["Record", "cache_key", "read_record", "write_record"]

# Packages whose files the specs depend on (besides the lexicon's own file).
_DEPENDENCIES = ("checks.analysis", "checks.data", "checks.vocabularies")
_MODULES = ("lexicon.py", "lexicon_cache.py", "prefilter.py")


def _directory() -> Path | None:
    explicit = os.environ.get("TOONBOT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME")
    try:
        root = Path(base) if base else Path.home() / ".cache"
    except RuntimeError:  # no home directory
        return None
    return root / "toonbot"


@cache
def _environment() -> str:
    """A digest of everything a lexicon's specs depend on, other than the lexicon itself."""
    import sudachipy

    h = hashlib.sha256()
    h.update(sys.version.encode())
    h.update(sudachipy.__version__.encode())
    spec = find_spec("sudachidict_core")
    origin = spec.origin if spec is not None else None
    try:
        st = (Path(origin or "").parent / "resources" / "system.dic").stat()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    except OSError:
        h.update(b"no dictionary file")
    for package in _DEPENDENCIES:
        for p in sorted(files(package).iterdir(), key=lambda p: p.name):
            if p.name.endswith((".py", ".toml")):
                h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    for name in _MODULES:
        h.update(files("checks").joinpath(name).read_bytes())
    return h.hexdigest()


def cache_key(package: str, name: str, text: str) -> str:
    """The key of one lexicon file's load: its text and everything its specs depend on."""
    h = hashlib.sha256()
    h.update(_environment().encode())
    h.update(f"\0{package}\0{name}\0".encode())
    h.update(text.encode("utf-8"))
    return h.hexdigest()


def _path(package: str, name: str) -> Path | None:
    d = _directory()
    return None if d is None else d / "lexicons" / f"{package}.{name}.json"


@dataclass(frozen=True)
class Record:
    """What a verified load left: the parsed file, the words' key sequences and the
    patterns' required strings (checks/prefilter.py)."""

    raw: dict[str, Any]
    words: dict[str, Sequence[str]]
    required: dict[str, Sequence[str] | None]


def read_record(package: str, name: str, key: str) -> Record | None:
    """The record of the load with ``key``, or None (no record, another key, unreadable)."""
    path = _path(package, name)
    if path is None:
        return None
    try:
        record = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(record, dict) or record.get("key") != key:
        return None
    raw, words, required = record.get("raw"), record.get("words"), record.get("required")
    if not (isinstance(raw, dict) and isinstance(words, dict) and isinstance(required, dict)):
        return None
    if not all(_strings(k) for k in words.values()) or not all(
        r is None or _strings(r) for r in required.values()
    ):
        return None
    return Record(raw, words, required)


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def write_record(
    package: str,
    name: str,
    key: str,
    raw: dict[str, Any],
    words: Mapping[str, Sequence[str]],
    required: Mapping[str, Sequence[str] | None],
) -> None:
    """Record that the lexicon with ``key`` passed its specs (best effort: errors ignored).

    ``raw`` is the parsed file (TOML parsing is a tenth of a second of every start); a file
    with values JSON cannot hold (dates) is not recorded."""
    path = _path(package, name)
    if path is None:
        return
    try:
        body = json.dumps(
            {
                "key": key,
                "raw": raw,
                "words": {w: list(k) for w, k in words.items()},
                "required": {p: None if r is None else list(r) for p, r in required.items()},
            },
            ensure_ascii=False,
        )
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text(body, "utf-8")
        os.replace(tmp, path)
    except (OSError, TypeError, ValueError):
        return
