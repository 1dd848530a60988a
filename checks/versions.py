"""The versions a report depends on: the checker's own and the Sudachi dictionary's
(a dictionary update can change findings, so reports record it)."""

from __future__ import annotations

from functools import cache
from importlib import metadata

__all__ = ["dictionary_version", "tool_version"]


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


@cache
def tool_version() -> str:
    """The installed toonbot distribution's version."""
    return _version("toonbot")


@cache
def dictionary_version() -> str:
    """``sudachidict-core <version>``, the dictionary the analysis loads."""
    return f"sudachidict-core {_version('sudachidict-core')}"
