"""§3(6)⑤: links that can harm readers or hide where they lead."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from checks.analysis import Draft, Url
from checks.analysis.tokens import tokenize_with_readings
from checks.config import CityConfig
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
from checks.words import word_list, word_pattern

_LABEL_SPLIT = re.compile(r"[.\-]")


def _is_executable(url: Url) -> bool:
    path = url.path.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(link_data().executable_extensions)


_TARGET = re.compile(
    r"[?&](?:q|u|url|target|to)=(?:https?(?::|%3A)(?://|%2F%2F))?([^/&?#%]+)", re.IGNORECASE
)


def _redirected(draft: Draft, u: Url) -> bool:
    """A redirect wrapper (google.com/url?q=…) leading to a page that is not a public body's."""
    host = u.host.lower().removeprefix("www.")
    where = host + u.path
    if not any(
        where.startswith(r) or where.startswith("www." + r) for r in link_data().redirectors
    ):
        return False
    m = _TARGET.search(u.path)
    return m is not None and not is_public(m.group(1), draft.context.config)


def url_shortener(draft: Draft) -> Iterator[Hit]:
    for u in draft.urls:
        if host_in(u.host, link_data().shorteners) or _redirected(draft, u):
            yield Hit(u.start, u.end, {"host": u.host})


def link_hub(draft: Draft) -> Iterator[Hit]:
    """A link-in-bio page (linktr.ee, lit.link): a list of links its owner can change at any
    time, so the post cannot say where they lead."""
    for u in draft.urls:
        if host_in(u.host, link_data().link_hubs):
            yield Hit(u.start, u.end, {"host": u.host})


# A private-network address that the post itself says staff use (「職員が庁内から確認する管理
# 画面は http://192.168.… です(担当者用メモ)」) is not offered to readers as a page: it is an
# internal address leaked, reported by SEC003 alone. One offered to residents (「予約は…から
# も受け付けています」) is also a link they cannot trust or open, and stays here.
_STAFF_ONLY = re.compile(word_pattern("staff_only_words"))


# Names only an internal network resolves (intra.…, ….local): like a private address, the host
# is the office's own.
_INTERNAL_HOST = re.compile(
    r"(?:^|\.)(?:intra|intranet)\.|\.(?:local|lan|internal|intra|corp|localdomain)$"
)


def _staff_only_internal(draft: Draft, u: Url) -> bool:
    ip = ip_host(u.host)
    internal = _INTERNAL_HOST.search(u.host.lower()) is not None
    if not internal and (ip is None or not (ip.is_private or ip.is_loopback or ip.is_link_local)):
        return False
    s, e = draft.sentence_at(u.start)
    return _STAFF_ONLY.search(draft.folded, s, e) is not None


def ip_address_host(draft: Draft) -> Iterator[Hit]:
    for u in draft.urls:
        if ip_host(u.host) is not None and not _staff_only_internal(draft, u):
            yield Hit(u.start, u.end, {"host": u.host})


def _decode_idn(host: str) -> str:
    try:
        return host.encode("ascii").decode("idna")
    except UnicodeError:
        return host


# Host labels phishing sites add to an organisation's name (checks/data/words.toml).
_PHISHING_WORDS = word_list("phishing_words")
# Labels that say "government" or "official" (city, shiyakusho, lg, koushiki, a "jp" label
# that poses as the .jp suffix): with the city's name, or on their own for the strongest,
# on a domain that is not a public body's, they pass a private host off as the city's.
_OFFICIAL_WORDS = word_list("official_host_words")
_GOVERNMENT_WORDS = word_list("government_host_words")


def _city_names(cfg: CityConfig) -> frozenset[str]:
    """The city's name as it can appear in a host: the geographic label of its domains
    ("toon"), its name in kanji with and without 市/町/村 ("東温"), and its reading in kana
    ("とうおん", "トウオン") from the dictionary."""
    return _names(cfg.name, cfg.official_domains)


@lru_cache(maxsize=16)
def _names(name: str, official: tuple[str, ...]) -> frozenset[str]:
    out: set[str] = set()
    for d in official:
        suffix = public_suffix(d)
        # "toon.ehime.jp" is itself a suffix: its first label is the name.
        for label in d.removesuffix("." + suffix).split(".") + suffix.split(".")[:1]:
            if label and label not in ("www", "jp") and label not in link_data().public_body_labels:
                out.add(label)
                break
    bare = re.sub(r"(?:市|町|村|区)$", "", name)
    if bare:
        out |= {name, bare}
        kana = "".join(t.reading for t in _reading_tokens(bare))
        if kana:
            out.add(kana)
            out.add("".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in kana))
    return frozenset(out)


def _reading_tokens(text: str) -> list[_Reading]:
    tokens, readings = tokenize_with_readings(text)
    return [_Reading(t.surface, r) for t, r in zip(tokens, readings, strict=True)]


class _Reading(NamedTuple):
    surface: str
    reading: str


def _segments(label: str, vocab: frozenset[str]) -> tuple[str, ...]:
    """A label read as words of ``vocab`` run together ("sportsfree" -> sports, free,
    "tooncity" -> toon, city), or nothing when it is not wholly made of them."""
    n = len(label)
    if n > 40:
        return ()
    best: list[tuple[str, ...] | None] = [None] * (n + 1)
    best[0] = ()
    for i in range(n):
        prev = best[i]
        if prev is None:
            continue
        for j in range(i + 2, n + 1):
            piece = label[i:j]
            if piece in vocab and best[j] is None:
                best[j] = (*prev, piece)
    return best[n] or ()


@lru_cache(maxsize=4096)
def host_words(host: str, names: frozenset[str] = frozenset()) -> frozenset[str]:
    """The words of a host: its labels split at "." and "-", and the known words a label
    runs together. Whole words only, so "alphabet" is not "bet"."""
    data = link_data()
    vocab = (
        data.deny_host_words
        | data.piracy_free_words
        | data.piracy_media_words
        | data.host_fillers
        | _PHISHING_WORDS
        | _OFFICIAL_WORDS
        | _GOVERNMENT_WORDS
        | names
    )
    out: set[str] = set()
    for label in _LABEL_SPLIT.split(_decode_idn(host.lower())):
        if not label:
            continue
        out.add(label)
        if label not in vocab:
            out.update(_segments(label, vocab))
            # A Japanese label: the city's name inside it ("とうおん湯めぐり").
            out.update(n for n in names if not n.isascii() and n in label)
    return frozenset(out)


def _imitates_city(host: str, cfg: CityConfig) -> bool:
    """A host that is not the city's but carries its domain, or its name with words that
    make it look official or like a login page: "city.toon.ehime.jp.example.net",
    "toon-city.jp-kankou.net", "tooncity-kyufu.com", "東温市役所.com"; or a government word
    on a private domain ("shiyakusho-kyufu.net")."""
    official = cfg.official_domains
    if any(d in host and not host_in(host, (d,)) for d in official):
        return True
    names = _city_names(cfg)
    # The words of the host less its public suffix: "jp" in "komugibatake-toon.jp" is the
    # real suffix, in "toon-city.jp-kankou.net" a pose.
    words = host_words(host.lower().rstrip(".").removesuffix("." + public_suffix(host)), names)
    if words & _GOVERNMENT_WORDS:
        return True
    return bool(words & names) and bool(words & (_PHISHING_WORDS | _OFFICIAL_WORDS))


_JAPANESE_SCRIPTS = ("CJK", "HIRAGANA", "KATAKANA", "IDEOGRAPHIC")


def _script(c: str) -> str:
    """The script of a letter from its Unicode name ("CYRILLIC SMALL LETTER O" -> CYRILLIC);
    Japanese scripts count as one."""
    if c.isascii():
        return "LATIN"
    name = unicodedata.name(c, "")
    if name.startswith(_JAPANESE_SCRIPTS):
        return "JAPANESE"
    return name.split(" ", 1)[0]


def _is_deceptive_idn(host: str) -> bool:
    """A host whose letters mix scripts (UTS #39 mixed-script detection): Cyrillic or Greek
    letters that pass for Latin beside Latin ones ("www.city.tооn.ehime.jp" with Cyrillic о,
    written as such or as punycode), or a label that mixes Latin letters with Japanese script
    ("toonモバ"); or punycode that does not decode at all. A label wholly in Japanese
    ("日本語.jp") is an ordinary Japanese domain."""
    scripts: set[str] = set()
    for label in host.split("."):
        decoded = _decode_idn(label) if label.startswith("xn--") else label
        if label.startswith("xn--") and decoded == label:
            return True  # undecodable punycode is never a label a city would use
        own = {_script(c) for c in decoded if c.isalpha()}
        if "JAPANESE" in own and len(own) > 1:
            return True
        scripts |= own - {"JAPANESE"}
    return len(scripts) > 1


# Characters that pass for others in a host name, and what they pass for (UTS #39 style
# skeleton, restricted to the confusables of ASCII host names).
_CONFUSABLE = str.maketrans({"1": "l", "i": "l", "0": "o", "5": "s", "3": "e", "4": "a", "7": "t"})
_CONFUSABLE_SEQS = (("rn", "m"), ("vv", "w"), ("cl", "d"))


def _skeleton(domain: str) -> str:
    # Characters first, then sequences: "clty" and "city" both read "dty" ("i" is "l", and
    # "cl" is "d"), so the order never separates two spellings that look the same.
    domain = domain.lower().translate(_CONFUSABLE).replace("-", "")
    for seq, one in _CONFUSABLE_SEQS:
        domain = domain.replace(seq.translate(_CONFUSABLE), one)
    return domain


def _within_one_edit(a: str, b: str) -> bool:
    """One character added, dropped, changed, or two neighbours swapped ("ctiy")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1:
            return a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
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
    return _mistyped_public_body(reg, suffix) or _mistyped_official_host(host, official)


def _mistyped_official_host(host: str, official: tuple[str, ...]) -> bool:
    """The whole host one typo or look-alike away from an official one, where the typo falls
    in a label the Public Suffix List holds as a suffix (a municipality's geographic name):
    "www.city.tooon.ehime.jp" for "city.toon.ehime.jp", whose registrable parts differ."""
    bare = host.lower().removeprefix("www.")
    for d in official:
        own = d.lower().removeprefix("www.")
        if bare == own or bare.endswith("." + own) or len(own) < 8:
            continue
        if _skeleton(bare) == _skeleton(own) or _within_one_edit(bare, own):
            return True
    return False


def _mistyped_public_body(reg: str, suffix: str) -> bool:
    """A geographic .jp name whose first label is one typo or look-alike away from a local
    government's label (city, town, vill, pref) without being one: "clty.toon.ehime.jp",
    "ctiy.matsuyama.ehime.jp"; local governments register only the exact label."""
    labels = suffix.split(".")
    data = link_data()
    if labels[-1] != "jp" or len(labels) < 2 or labels[-2] in data.generic_jp_suffixes:
        return False
    first = reg.removesuffix("." + suffix)
    if "." in first or first in data.public_body_labels:
        return False
    return any(
        _skeleton(first) == _skeleton(w) or _within_one_edit(first, w)
        for w in data.public_body_labels
        if len(w) >= 4
    )


def look_alike_host(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    official = cfg.official_domains
    for u in draft.urls:
        if u.userinfo:
            # 「https://www.city.toon.ehime.jp@furusato.shop/」: the reader sees the part before
            # "@"; the browser goes to the host after it, whatever that host is.
            yield Hit(u.start, u.end, {"host": u.host, "decoded": u.userinfo + "@" + u.host})
            continue
        if is_public(u.host, cfg):
            continue
        hit = (
            _is_deceptive_idn(u.host)
            or _imitates_city(u.host, cfg)
            or _mimics_official(u.host, official)
        )
        if not hit and "xn--" in u.host:
            # A host written in its punycode form ("xn--…") is unreadable to the reader, even
            # when it decodes to Japanese: like a shortened link, it hides whose site it is.
            # Written as Japanese (日本語.jp) it can be read, and it is not such a link. The
            # post asking for input (apply, log in) makes it worse, not different.
            hit = True
        if hit:
            yield Hit(u.start, u.end, {"host": u.host, "decoded": _decode_idn(u.host)})


def _denied(host: str, deny_domains: tuple[str, ...]) -> bool:
    if host_in(host, deny_domains):
        return True
    data = link_data()
    labels = host_words(host)
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
        if u.scheme == "http" and not is_public(u.host, cfg) and not _staff_only_internal(draft, u):
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
