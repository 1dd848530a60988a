"""Who runs a host: the city, another public body, a private third party."""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from checks.analysis import Url
from checks.config import CityConfig

if TYPE_CHECKING:
    from publicsuffixlist import PublicSuffixList

__all__ = [
    "LinkData",
    "account_handles",
    "host_in",
    "is_official",
    "is_public",
    "is_public_body",
    "link_data",
    "registrable_domain",
]


@dataclass(frozen=True, slots=True)
class LinkData:
    shorteners: frozenset[str]
    redirectors: tuple[str, ...]
    link_hubs: frozenset[str]
    deny_host_words: frozenset[str]
    executable_extensions: tuple[str, ...]
    internal_suffixes: tuple[str, ...]
    public_suffixes: tuple[str, ...]
    public_body_labels: frozenset[str]
    generic_jp_suffixes: frozenset[str]
    public_bodies: tuple[str, ...]
    file_like_tlds: frozenset[str]
    file_sharing: dict[str, tuple[str, ...]]
    piracy_free_words: frozenset[str]
    piracy_media_words: frozenset[str]
    host_fillers: frozenset[str]
    public_body_host_words: tuple[str, ...]
    admin_path_segments: frozenset[str]
    admin_host_labels: frozenset[str]


@cache
def link_data() -> LinkData:
    raw = tomllib.loads(files("checks.data").joinpath("links.toml").read_text("utf-8"))
    return LinkData(
        shorteners=frozenset(raw["shorteners"]),
        redirectors=tuple(raw["redirectors"]),
        link_hubs=frozenset(raw["link_hubs"]),
        deny_host_words=frozenset(raw["deny_host_words"]),
        executable_extensions=tuple(raw["executable_extensions"]),
        internal_suffixes=tuple(raw["internal_suffixes"]),
        public_suffixes=tuple(raw["public_suffixes"]),
        public_body_labels=frozenset(raw["public_body_labels"]),
        generic_jp_suffixes=frozenset(raw["generic_jp_suffixes"]),
        public_bodies=tuple(raw["public_bodies"]),
        file_like_tlds=frozenset(raw["file_like_tlds"]),
        file_sharing={h: tuple(p) for h, p in raw["file_sharing"].items()},
        piracy_free_words=frozenset(raw["piracy_free_words"]),
        piracy_media_words=frozenset(raw["piracy_media_words"]),
        host_fillers=frozenset(raw["host_fillers"]),
        public_body_host_words=tuple(raw["public_body_host_words"]),
        admin_path_segments=frozenset(raw["admin_path_segments"]),
        admin_host_labels=frozenset(raw["admin_host_labels"]),
    )


@cache
def _psl() -> PublicSuffixList:
    # Imported here: the list (shipped offline with the package) is parsed only by drafts
    # with a link, which keeps the checker's cold start low.
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()


@lru_cache(maxsize=4096)
def public_suffix(host: str) -> str:
    """The Public Suffix List suffix of ``host`` ("toon.ehime.jp", "com", "zip")."""
    host = host.lower().rstrip(".")
    return _psl().publicsuffix(host) or host.rsplit(".", 1)[-1]


@lru_cache(maxsize=4096)
def registrable_domain(host: str) -> str:
    """The registrable domain of ``host`` by the Public Suffix List: "city.toon.ehime.jp" for
    "www.city.toon.ehime.jp", "secure-kyufu.com" for "city.toon.ehime.jp.secure-kyufu.com"."""
    host = host.lower().rstrip(".")
    return _psl().privatesuffix(host) or host


@lru_cache(maxsize=4096)
def is_public_body(host: str) -> bool:
    """A Japanese public body by its domain: lg.jp/go.jp, a local government's geographic
    name (city.*.jp, town.*.jp, vill.*.jp, pref.*.jp) or a listed public corporation."""
    data = link_data()
    if host_in(host, data.public_suffixes) or host_in(host, data.public_bodies):
        return True
    if ip_host(host) is not None:
        return False
    suffix = public_suffix(host)
    labels = suffix.split(".")
    if labels == ["or", "jp"]:
        # a social welfare council (toon-shakyo.or.jp) and the like
        first = registrable_domain(host).split(".", 1)[0]
        return any(w in first for w in data.public_body_host_words)
    if labels[-1] != "jp" or len(labels) < 2 or labels[-2] in data.generic_jp_suffixes:
        return False
    first = registrable_domain(host).split(".", 1)[0]
    return first in data.public_body_labels


def host_in(host: str, domains: tuple[str, ...] | frozenset[str]) -> bool:
    """``host`` is one of ``domains`` or a sub-domain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def is_official(host: str, cfg: CityConfig) -> bool:
    """The city's own host. A configured domain that is itself a public suffix ("toon.ehime.jp",
    a geographic name anyone in the town can register under) covers only itself and www."""
    host = host.lower().rstrip(".")
    for d in cfg.official_domains:
        if host == d or host == "www." + d:
            return True
        if host.endswith("." + d) and not _is_suffix(d):
            return True
    return False


@cache
def _is_suffix(domain: str) -> bool:
    return _psl().is_public(domain)


def is_public(host: str, cfg: CityConfig) -> bool:
    """The city, another public body, or a host the PR section allows."""
    return (
        is_official(host, cfg)
        or host_in(host, cfg.public_domains)
        or host_in(host, cfg.allow_domains)
        or is_public_body(host)
    )


def is_official_account_url(url: Url, cfg: CityConfig) -> bool:
    """A link to one of the city's configured accounts or official pages on other services."""
    known_urls = [u for acc in cfg.accounts.values() for u in (acc.url, *acc.aliases)]
    for known in (*known_urls, *cfg.official_urls):
        parts = urlsplit(known)
        if parts.hostname and host_in(url.host, (parts.hostname.lower().removeprefix("www."),)):
            want = parts.path.rstrip("/").lower()
            if want and url.path.lower().rstrip("/").startswith(want):
                return True
    return False


@cache
def _handles(accounts: tuple[str, ...]) -> frozenset[str]:
    out = set()
    for url in accounts:
        path = urlsplit(url).path.strip("/")
        if path:
            out.add(path.split("/")[-1].lstrip("@").lower())
    return frozenset(out)


def account_handles(cfg: CityConfig) -> frozenset[str]:
    """The @handles of the city's official accounts, from their configured URLs."""
    return _handles(tuple(a.url for a in cfg.accounts.values()))


def ip_host(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return None
