"""requirements.lock pins every runtime dependency within pyproject's ranges, and the pinned
dictionary is the one pyproject names (a dictionary update can change findings)."""

from __future__ import annotations

import subprocess
import sys
import tomllib

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT


def _lock() -> dict[str, str]:
    pins: dict[str, str] = {}
    for line in (ROOT / "requirements.lock").read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[canonicalize_name(name)] = version
    return pins


def test_lock_pins_every_runtime_dependency_within_its_range() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    pins = _lock()
    for line in project["dependencies"]:
        req = Requirement(line)
        name = canonicalize_name(req.name)
        assert name in pins, f"{name} is not in requirements.lock: run make lock"
        assert req.specifier.contains(pins[name]), (name, pins[name], str(req.specifier))
    dictionary = next(r for r in project["dependencies"] if r.startswith("sudachidict-core"))
    assert dictionary.startswith("sudachidict-core==")  # pinned exactly, not a range


def test_lock_script_writes_the_same_format() -> None:
    out = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "lock.py")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    head = (ROOT / "requirements.lock").read_text("utf-8").split("\n", 3)[:3]
    assert out.split("\n", 3)[:3] == head
    assert "sudachidict-core==" in out and "slack-bolt==" in out
