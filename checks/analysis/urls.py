"""URLs and e-mail addresses, found on the width-folded text (offsets hold for the original)."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Email", "Url", "find_emails", "find_urls"]

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]"
# Letters of the scripts that pass for Latin in a host (Latin-1 to Greek, Cyrillic,
# Armenian: U+00C0-U+058F) are part of a host written with a scheme, so that a look-alike
# ("www.city.tооn.ehime.jp" with Cyrillic о) is read whole. Japanese script is not: a URL is
# often followed by Japanese text without a space.
_H = r"A-Za-z0-9\u00c0-\u058f"
_HOST = rf"(?:[{_H}](?:[{_H}-]{{0,61}}[{_H}])?\.)+(?:[A-Za-z]{{2,24}}|xn--[A-Za-z0-9-]+)"
_EMAIL_HOST = (
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]+)"
)
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"
# Hosts written without a scheme only count when they end in a TLD seen in real posts;
# otherwise "e.g." or a file name would be a URL.
_BARE_TLDS = (
    "jp|com|net|org|info|biz|xyz|io|co|me|ly|gl|site|online|top|app|dev|tv|cc|us|uk|tk|"
    "shop|club|link|click|page|to|be|cn|ru|kr|tw|fm|asia|work|live|store|blog|news|ee|bio|ai"
)
_URL_RE = re.compile(
    rf"(?P<scheme>https?://)(?:(?P<userinfo>[A-Za-z0-9\-._~%!$&*+,;=:]+)@)?(?P<host>{_HOST}|{_IPV4}|localhost)(?::\d{{1,5}})?(?P<path>/{_URL_CHARS}*)?"
    rf"|(?<![@\w.\-])(?P<bhost>(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    rf"(?:{_BARE_TLDS}))(?![A-Za-z0-9\-@])(?P<bpath>/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@" + _EMAIL_HOST, re.IGNORECASE)
_TRAILING = ".,;:!?)]"


@dataclass(frozen=True, slots=True)
class Url:
    """A link found in the draft, with or without a scheme."""

    start: int
    end: int
    text: str
    host: str
    path: str
    scheme: str | None
    # What stands before "@" in the authority ("https://www.city.toon.ehime.jp@evil.shop/"):
    # the browser goes to the host after it.
    userinfo: str = ""


@dataclass(frozen=True, slots=True)
class Email:
    """An e-mail address found in the draft."""

    start: int
    end: int
    address: str

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1].lower()


def find_urls(folded: str) -> tuple[Url, ...]:
    out = []
    for m in _URL_RE.finditer(folded):
        start, end = m.span()
        while end > start and folded[end - 1] in _TRAILING:
            end -= 1
        if m.group("scheme"):
            scheme: str | None = m.group("scheme")[:-3].lower()
            host = m.group("host")
            path_start = m.start("path") if m.group("path") else end
        else:
            scheme = None
            host = m.group("bhost")
            path_start = m.start("bpath") if m.group("bpath") else end
        path = folded[path_start:end] if path_start < end else ""
        userinfo = (m.group("userinfo") or "") if scheme else ""
        out.append(Url(start, end, folded[start:end], host.lower(), path, scheme, userinfo))
    return tuple(out)


def find_emails(folded: str) -> tuple[Email, ...]:
    return tuple(Email(m.start(), m.end(), m.group(0)) for m in _EMAIL_RE.finditer(folded))
