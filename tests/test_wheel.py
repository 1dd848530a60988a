"""A normal install works: the wheel carries every data file, and the installed commands find
the configuration from the working directory, not from a source tree.

The wheel is built with pip and installed (``--no-deps``) into a fresh virtual environment
made without pip; the runtime dependencies are borrowed from the project's own environment
through a ``.pth`` line, so the test runs offline and in well under a minute. The project's
editable install is not visible there (its ``.pth`` hook only runs in its own environment),
and the commands run from a scratch directory, so nothing comes from the source tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the wheel, the fresh environment's bin directory)."""
    tmp = tmp_path_factory.mktemp("wheel")
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "-w", str(tmp / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = (tmp / "dist").glob("toonbot-*.whl")
    env_dir = tmp / "fresh"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(env_dir)], check=True, timeout=120
    )
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    deps = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(site, "_toonbot_deps.pth").write_text("\n".join(sorted(deps)) + "\n", encoding="utf-8")
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", str(wheel)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return wheel, env_dir / "bin"


def _env(home: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("TOONBOT_", "SLACK_"))}
    keep.pop("PYTHONPATH", None)
    return {**keep, "HOME": str(home)}


def test_the_wheel_carries_every_data_file(installed: tuple[Path, Path]) -> None:
    wheel, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    tracked = subprocess.run(
        ["git", "ls-files", "checks", "messages", "bot"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    ).stdout.split()
    assert [t for t in tracked if not t.endswith(".py") and t not in names] == []
    assert "checks/data/toon.example.toml" in names
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    assert "sudachidict-core==" in zipfile.ZipFile(wheel).read(meta).decode()


def test_installed_toon_check_runs_from_another_directory(
    installed: tuple[Path, Path], tmp_path: Path
) -> None:
    _, bin_dir = installed
    work = tmp_path / "office" / "drafts"
    work.mkdir(parents=True)
    (work / "draft.txt").write_text(
        "【二十歳のつどい】1月10日(土)13:30から開きます。父兄の皆さまもどうぞ。", encoding="utf-8"
    )
    env = _env(tmp_path)
    where = subprocess.run(
        [str(bin_dir / "python"), "-c", "import checks; print(checks.__file__)"],
        capture_output=True,
        text=True,
        cwd=work,
        env=env,
    ).stdout
    assert str(bin_dir.parent) in where  # the installed copy, not the source tree

    def toon_check(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(bin_dir / "toon-check"), *args],
            capture_output=True,
            text=True,
            cwd=work,
            env=env,
            timeout=120,
        )

    p = toon_check("--format", "json", "--at", "2026-12-07 10:00", "draft.txt")
    assert p.returncode == 1, p.stderr
    body = json.loads(p.stdout)
    assert body["file"] == "draft.txt"
    assert {f["code"] for f in body["findings"]} >= {"FAL001", "INC001"}  # lexicons loaded
    assert "FAL001" in toon_check("--explain", "FAL001").stdout  # fixtures shipped
    # The city's own file, found from the working directory upwards.
    example = (ROOT / "config" / "toon.example.toml").read_text("utf-8")
    (tmp_path / "office" / "toon.toml").write_text(
        example.replace('id = "toon-line"', 'id = "office-line"'), encoding="utf-8"
    )
    assert toon_check("--account", "office-line", "--text", "お知らせです。").returncode == 0
    assert toon_check("--account", "toon-line", "--text", "お知らせです。").returncode == 2
