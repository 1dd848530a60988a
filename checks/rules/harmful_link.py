"""§3(6)⑤: links that can harm readers or hide where they lead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from checks.analysis import Draft, Url
from checks.links import (
    host_in,
    ip_host,
    is_official,
    is_public,
    link_data,
    public_suffix,
    registrable_domain,
)
from checks.registry import Hit
from checks.words import word_list

_LABEL_SPLIT = re.compile(r"[.\-]")


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
    """A punycode label that decodes to Latin look-alikes (Cyrillic, Greek), that mixes Latin
    letters with Japanese script ("toonモバ"), or that does not decode at all. A label wholly
    in Japanese ("日本語.jp") is an ordinary Japanese domain."""
    for label in host.split("."):
        if not label.startswith("xn--"):
            continue
        decoded = _decode_idn(label)
        if decoded == label:
            return True  # undecodable punycode is never a label a city would use
        latin = any(c.isascii() and c.isalpha() for c in decoded)
        for c in decoded:
            if c.isascii():
                continue
            name = unicodedata.name(c, "")
            if latin or not name.startswith(("CJK", "HIRAGANA", "KATAKANA")):
                return True
    return False


# Characters that pass for others in a host name, and what they pass for (UTS #39 style
# skeleton, restricted to the confusables of ASCII host names).
_CONFUSABLE = str.maketrans({"1": "l", "i": "l", "0": "o", "5": "s", "3": "e", "4": "a", "7": "t"})
_CONFUSABLE_SEQS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def _skeleton(domain: str) -> str:
    domain = domain.lower()
    for seq, one in _CONFUSABLE_SEQS:
        domain = domain.replace(seq, one)
    return domain.translate(_CONFUSABLE).replace("-", "")


def _within_one_edit(a: str, b: str) -> bool:
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + 1 :] == b[i + 1 :] if len(a) == len(b) else a[i:] == b[i + 1 :]


@lru_cache(maxsize=4096)
def _mimics_official(host: str, official: tuple[str, ...]) -> bool:
    """A registrable domain (Public Suffix List) that differs from an official one by a
    look-alike character or one typo, under the same suffix: "c1ty.toon.ehime.jp"."""
    reg = registrable_domain(host)
    suffix = public_suffix(host)
    for d in official:
        own = registrable_domain(d)
        if reg == own or public_suffix(d) != suffix:
            continue
        a, b = reg.removesuffix("." + suffix), own.removesuffix("." + suffix)
        if _skeleton(a) == _skeleton(b) or (len(b) >= 5 and _within_one_edit(a, b)):
            return True
    return False


def look_alike_host(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    official = cfg.official_domains
    for u in draft.urls:
        if is_public(u.host, cfg):
            continue
        if (
            _is_deceptive_idn(u.host)
            or _imitates_city(u.host, official)
            or _mimics_official(u.host, official)
        ):
            yield Hit(u.start, u.end, {"host": u.host, "decoded": _decode_idn(u.host)})


def _denied(host: str, deny_domains: tuple[str, ...]) -> bool:
    if host_in(host, deny_domains):
        return True
    data = link_data()
    labels = set(_LABEL_SPLIT.split(host.lower()))
    if labels & data.deny_host_words:
        return True
    # Free streaming of broadcasts: a "free" word and a "streaming/video" word in one host.
    return bool(labels & data.piracy_free_words) and bool(labels & data.piracy_media_words)


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


def _shared_folder(url: Url) -> bool:
    sharing = link_data().file_sharing
    host = url.host.lower().removeprefix("www.")
    for service, prefixes in sharing.items():
        if host_in(host, (service,)):
            return not prefixes or url.path.startswith(prefixes)
    return False


def file_sharing_link(draft: Draft) -> Iterator[Hit]:
    """A folder or file on a file-sharing service: open to whoever holds the link, with
    whatever is put there later (participants' photos, forms, lists)."""
    for u in draft.urls:
        if _shared_folder(u):
            yield Hit(u.start, u.end, {"host": u.host})


def file_like_host(draft: Draft) -> Iterator[Hit]:
    """A host under a TLD that reads like a file name ("catalog.zip"): readers take it for a
    download from the page they are on."""
    tlds = link_data().file_like_tlds
    for u in draft.urls:
        if u.host.rsplit(".", 1)[-1] in tlds:
            yield Hit(u.start, u.end, {"host": u.host})
