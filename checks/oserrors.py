"""Operating-system errors in Japanese: a user reads 「ファイルがありません」, not the
English text of ``strerror``."""

from __future__ import annotations

import errno

from messages import text

__all__ = ["os_error_text"]

_KEYS = {
    errno.ENOENT: "not_found",
    errno.EACCES: "permission",
    errno.EPERM: "permission",
    errno.EISDIR: "is_directory",
    errno.ENOTDIR: "not_found",
    errno.ENOSPC: "disk_full",
    errno.EROFS: "read_only",
    errno.ENAMETOOLONG: "name_too_long",
}


def os_error_text(e: OSError) -> str:
    """What went wrong, in Japanese (with the error's symbolic name when it has no sentence)."""
    key = _KEYS.get(e.errno or -1)
    if key is not None:
        return text(f"os_error.{key}")
    name = errno.errorcode.get(e.errno or -1, type(e).__name__)
    return text("os_error.other", name=name)
