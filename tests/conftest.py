"""Shared fixtures."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# A fresh lexicon load cache per test session (checks/lexicon_cache.py), shared with the
# subprocesses the tests start: tests never read or write the user's cache.
os.environ["TOONBOT_CACHE_DIR"] = tempfile.mkdtemp(prefix="toonbot-test-cache-")
atexit.register(shutil.rmtree, os.environ["TOONBOT_CACHE_DIR"], True)
