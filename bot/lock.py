"""One bot instance per SQLite file: an advisory lock on a file beside it.

``toonbot run`` holds it while it runs; a second ``toonbot run`` (or the Procfile's ``worker``
and ``web`` started together) on the same file is refused with a clear message. The kernel
drops the lock when the process ends, even when it is killed, so no stale lock remains.
Other commands (backup, audit export, purge) do not take it: SQLite orders their writes.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

from messages import text

__all__ = ["InstanceLock", "InstanceLocked"]


class InstanceLocked(RuntimeError):
    """Another toonbot already runs on this SQLite file."""


class InstanceLock:
    """``with InstanceLock(db_path):`` while the bot runs."""

    def __init__(self, db_path: str | Path) -> None:
        self.db = str(db_path)
        self.path = Path(f"{db_path}.lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise InstanceLocked(text("ops.locked", path=self.db, pid=holder)) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
