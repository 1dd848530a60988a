"""Who runs a host: the city, another public body, a private third party."""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from urllib.parse import urlsplit

from checks.analysis import Url
from checks.config import CityConfig

__all__ = ["LinkData", "account_handles", "host_in", "is_official", "is_public", "link_data"]


@dataclass(frozen=True, slots=True)
class LinkData:
    shorteners: frozenset[str]
    deny_host_words: frozenset[str]
    executable_extensions: tuple[str, ...]
    internal_suffixes: tuple[str, ...]
    public_suffixes: tuple[str, ...]


@cache
def link_data() -> LinkData:
    raw = tomllib.loads(files("checks.data").joinpath("links.toml").read_text("utf-8"))
    return LinkData(
        shorteners=frozenset(raw["shorteners"]),
        deny_host_words=frozenset(raw["deny_host_words"]),
        executable_extensions=tuple(raw["executable_extensions"]),
        internal_suffixes=tuple(raw["internal_suffixes"]),
        public_suffixes=tuple(raw["public_suffixes"]),
    )


def host_in(host: str, domains: tuple[str, ...] | frozenset[str]) -> bool:
    """``host`` is one of ``domains`` or a sub-domain of one."""
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in domains)


def is_official(host: str, cfg: CityConfig) -> bool:
    return host_in(host, cfg.official_domains)


def is_public(host: str, cfg: CityConfig) -> bool:
    """The city, another public body, or a host the PR section allows."""
    return (
        is_official(host, cfg)
        or host_in(host, cfg.public_domains)
        or host_in(host, link_data().public_suffixes)
        or host_in(host, cfg.allow_domains)
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
