"""Which rule set checked a draft: recorded with each check and carried into its request, so
that the trail shows when a head decided on findings from another rule set than today's."""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files

from checks.rules import RULES

__all__ = ["ruleset_version"]

# The data a check depends on besides the code: lexicons, rule data, rule wording.
_DATA = (("checks.lexicons", ".toml"), ("checks.data", ".toml"), ("messages", "rules.toml"))


@cache
def ruleset_version() -> str:
    """``<package version>+<12 hex>``: the hex digest covers the rule codes and the data files."""
    try:
        base = version("toonbot")
    except PackageNotFoundError:
        base = "0"
    digest = hashlib.sha256(" ".join(sorted(RULES)).encode())
    for package, suffix in _DATA:
        for entry in sorted(files(package).iterdir(), key=lambda e: e.name):
            if entry.name.endswith(suffix):
                digest.update(entry.name.encode())
                digest.update(entry.read_bytes())
    return f"{base}+{digest.hexdigest()[:12]}"
