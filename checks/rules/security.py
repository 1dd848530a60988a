"""§4(3): information that could threaten the city's security."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from functools import cache
from importlib.resources import files

from checks.analysis import Draft
from checks.links import host_in, ip_host, link_data
from checks.registry import Hit
from checks.words import word_list

# A credential word (checks/data/words.toml; longer words first, so that "password" is
# not read as "pass") followed by its value: "パスワード：kz-8517-toon", "暗証番号4729".
_CREDENTIAL_WORDS = sorted(word_list("credential_words"), key=lambda w: (-len(w), w))
_CREDENTIAL = re.compile(
    "(?P<word>" + "|".join(map(re.escape, _CREDENTIAL_WORDS)) + ")"
    r"(?:\s*(?:は|を|:|=|\(|「|『|、|,|\s)\s*)*(?:\d+\s*桁の?\s*)?"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9\-_.!#$%&*+@]{2,})",
    re.IGNORECASE,
)


# Substrings one of which every credential word contains (the engine's pre-filter).
CREDENTIAL_REQUIRES = (
    "パスワード",
    "パスコード",
    "パスキー",
    "キー",
    "ロック番号",
    "ロックナンバー",
    "PSK",
    "暗証",
    "PIN",
    "Pin",
    "pin",
    "ID",
    "合言葉",
    "解錠",
    "キーナンバー",
    "ダイヤル番号",
    "セキュリティコード",
    "ass",
    "ASS",
)


def credential_disclosed(draft: Draft) -> Iterator[Hit]:
    for m in _CREDENTIAL.finditer(draft.folded):
        if draft.in_url_or_email(m.start("value"), m.end("value")):
            continue
        value = m.group("value")
        if m.group("word").upper() == "ID" and not any(c.isdigit() for c in value):
            continue  # "ID card", "LINE ID" and the like
        yield Hit(m.start(), m.end())


@cache
def _token_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    raw = tomllib.loads(files("checks.data").joinpath("secrets.toml").read_text("utf-8"))
    return tuple((t["name"], re.compile(t["pattern"])) for t in raw["token"])


# The literal starts of the patterns in checks/data/secrets.toml (the engine's pre-filter).
SECRET_TOKEN_REQUIRES = (
    "xox",
    "xapp",
    "AKIA",
    "ASIA",
    "AIza",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat",
    "BEGIN",
    "eyJ",
    "api",
    "API",
    "Api",
    "secret",
    "Secret",
    "SECRET",
    "token",
    "Token",
    "TOKEN",
)


def secret_token(draft: Draft) -> Iterator[Hit]:
    for name, pattern in _token_patterns():
        for m in pattern.finditer(draft.folded):
            yield Hit(m.start(), m.end(), {"kind": name})


_HOSTNAME = re.compile(r"(?<![\w.\-@])(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,12}(?![\w\-])")
_IPV4 = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d.])")
_UNC = re.compile(r"\\\\[A-Za-z0-9][A-Za-z0-9\-_.$]*(?:\\[^\s\\「」()（）、。]+)*")
_FILE_URL = re.compile(r"file://[^\s]+", re.IGNORECASE)


def internal_address(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    if "." not in text and "\\" not in text:
        return
    lowered = text.lower()
    suffixes = link_data().internal_suffixes
    if any(s in lowered for s in suffixes):
        for m in _HOSTNAME.finditer(text):
            if host_in(m.group().lower(), tuple(s.lstrip(".") for s in suffixes)):
                yield Hit(m.start(), m.end(), {"address": m.group()})
    for m in _IPV4.finditer(text):
        ip = ip_host(m.group())
        if ip is not None and (ip.is_private or ip.is_loopback or ip.is_link_local):
            # A documentation range (192.0.2.0/24 …) is "private" to Python but public-looking;
            # only RFC 1918, loopback and link-local addresses are internal.
            if ip.is_reserved or str(ip).startswith(("192.0.2.", "198.51.100.", "203.0.113.")):
                continue
            yield Hit(m.start(), m.end(), {"address": m.group()})
    for rx in (_UNC, _FILE_URL):
        for m in rx.finditer(text):
            yield Hit(m.start(), m.end(), {"address": m.group()})


_EXTENSION = re.compile(r"内線\s*(?:番号)?\s*[:：]?\s*\d{2,6}")


def extension_number(draft: Draft) -> Iterator[Hit]:
    for m in _EXTENSION.finditer(draft.folded):
        yield Hit(m.start(), m.end())


_FACILITY = re.compile(
    r"(?:サーバー?室|電算室|マシン室|情報システム室|サーバールーム|ネットワーク機器室|"
    r"サーバーラック|データセンター|(?:防犯|監視)カメラの(?:位置|設置場所|死角)|"
    r"警備(?:の)?(?:体制|巡回時間))"
)


FACILITY_REQUIRES = (
    "サーバ",
    "電算",
    "マシン室",
    "情報システム",
    "データセンター",
    "防犯カメラ",
    "監視カメラ",
    "警備",
)


def system_facility_detail(draft: Draft) -> Iterator[Hit]:
    for m in _FACILITY.finditer(draft.text):
        yield Hit(m.start(), m.end())
