"""§3(6)⑤: links that can harm readers or hide where they lead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

from checks.analysis import Draft, Url
from checks.links import host_in, ip_host, is_official, is_public, link_data
from checks.registry import Hit
from checks.words import word_list

_LABEL_SPLIT = re.compile(r"[.\-]")


def is_untrusted_destination(url: Url) -> bool:
    """Shorteners, raw IP hosts, look-alike hosts and executable downloads.

    Whose page such a link leads to cannot be told (or it is not a page at all), so it is
    a harmful link to remove, not a third party's page to weigh (§6(2)④).
    """
    return (
        host_in(url.host, link_data().shorteners)
        or ip_host(url.host) is not None
        or _is_deceptive_idn(url.host)
        or _is_executable(url)
    )


def _is_executable(url: Url) -> bool:
    path = url.path.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(link_data().executable_extensions)


def url_shortener(draft: Draft) -> Iterator[Hit]:
    for u in draft.urls:
        if host_in(u.host, link_data().shorteners):
            yield Hit(u.start, u.end, {"host": u.host})


def ip_address_host(draft: Draft) -> Iterator[Hit]:
    for u in draft.urls:
        if ip_host(u.host) is not None:
            yield Hit(u.start, u.end, {"host": u.host})


def _decode_idn(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


# Host labels phishing sites add to an organisation's name (checks/data/words.toml).
_PHISHING_WORDS = word_list("phishing_words")


def _imitates_city(host: str, official: tuple[str, ...]) -> bool:
    """A host that is not the city's but carries its domain or name with phishing words:
    "city.toon.ehime.jp.example.net", "toon-city.jp.login-secure.net"."""
    if any(d in host and not host_in(host, (d,)) for d in official):
        return True
    labels = set(_LABEL_SPLIT.split(host))
    names = {part for d in official for part in d.split(".")[:2] if part not in ("www", "city")}
    return bool(labels & names) and bool(labels & _PHISHING_WORDS)


def _is_deceptive_idn(host: str) -> bool:
    """A punycode label that decodes to Latin look-alikes (Cyrillic, Greek) or mixed scripts."""
    if "xn--" not in host:
        return False
    decoded = _decode_idn(host)
    if decoded == host:
        return True  # undecodable punycode is never a label a city would use
    for c in decoded:
        if ord(c) < 128:
            continue
        name = unicodedata.name(c, "")
        if not name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
            return True
    return False


def look_alike_host(draft: Draft) -> Iterator[Hit]:
    official = draft.context.config.official_domains
    for u in draft.urls:
        if is_official(u.host, draft.context.config):
            continue
        if _is_deceptive_idn(u.host) or _imitates_city(u.host, official):
            yield Hit(u.start, u.end, {"host": u.host, "decoded": _decode_idn(u.host)})


def _denied(host: str, deny_domains: tuple[str, ...]) -> bool:
    if host_in(host, deny_domains):
        return True
    words = link_data().deny_host_words
    return any(label in words for label in _LABEL_SPLIT.split(host.lower()))


def denied_domain(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    for u in draft.urls:
        if not is_public(u.host, cfg) and _denied(u.host, cfg.deny_domains):
            yield Hit(u.start, u.end, {"host": u.host})


def executable_download(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    for u in draft.urls:
        if _is_executable(u) and not is_official(u.host, cfg):
            yield Hit(u.start, u.end, {"host": u.host})


def plain_http_link(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    for u in draft.urls:
        if u.scheme == "http" and not is_public(u.host, cfg):
            yield Hit(u.start, u.end, {"host": u.host})
