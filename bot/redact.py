"""Mask credentials in anything printed: URLs with a password, Slack tokens."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

__all__ = ["redact", "redact_url"]

_MASK = "***"
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")
_TOKEN = re.compile(r"\bxox[abposr]-[A-Za-z0-9-]+|\bxapp-[A-Za-z0-9-]+")


def redact_url(url: str) -> str:
    """The URL with its user's password (and any ``password=`` query value) masked."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
    except ValueError:
        return _MASK
    if "@" in netloc:
        userinfo, _, host = netloc.rpartition("@")
        user, colon, _ = userinfo.partition(":")
        netloc = f"{user}:{_MASK}@{host}" if colon else f"{_MASK}@{host}"
    query = re.sub(r"(?i)((?:password|token|secret)=)[^&]*", rf"\g<1>{_MASK}", parts.query)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def redact(message: str) -> str:
    """``message`` with every URL's credentials and every Slack token masked."""
    return _TOKEN.sub(_MASK, _URL.sub(lambda m: redact_url(m.group(0)), message))
