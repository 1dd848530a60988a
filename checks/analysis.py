"""One analysis pass per draft: tokens, sentences, URLs, e-mail addresses, dates and times.

Sudachi objects never leave this module: morphemes are copied into frozen ``Token`` objects
whose offsets are character offsets into the original text. Everything else is found on a
width-folded copy of the text (full-width ASCII to ASCII) that has the same length, so every
offset points into the original text too.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import NamedTuple

from sudachipy import Dictionary, SplitMode

from checks.context import CheckContext

__all__ = [
    "DateMention",
    "Draft",
    "EraMention",
    "Token",
    "Url",
    "analyse",
    "fold_width",
    "tokenize",
]

# Sudachi refuses inputs over 49,149 bytes; a BMP character is at most 3 bytes and any
# character at most 4, so chunks of this many characters are always accepted.
_CHUNK_CHARS = 12_000

_dictionary: Dictionary | None = None
_dictionary_lock = threading.Lock()
_local = threading.local()
_pos_cache: dict[int, tuple[str, ...]] = {}


def _tokenizer() -> object:
    """The calling thread's tokenizer (a tokenizer must not be shared between threads)."""
    tok = getattr(_local, "tokenizer", None)
    if tok is None:
        global _dictionary
        with _dictionary_lock:
            if _dictionary is None:
                _dictionary = Dictionary(dict="core")
            # Only the fields the Token copies: Sudachi skips decoding the others.
            tok = _dictionary.tokenizer(
                mode=SplitMode.C, fields={"pos", "normalized_form", "reading_form"}
            )
        _local.tokenizer = tok
    return tok


class Token(NamedTuple):
    """One morpheme, copied out of Sudachi (a tuple: cheap to build, immutable)."""

    surface: str
    begin: int
    end: int
    pos_id: int
    normalized: str  # Sudachi's normalized dictionary form: 行き→行く, 申込→申し込む

    @property
    def pos(self) -> tuple[str, ...]:
        """Part of speech, six levels: ("動詞", "一般", "*", "*", "五段-サ行", "命令形")."""
        return pos_of(self.pos_id)

    @property
    def conjugation(self) -> str:
        return pos_of(self.pos_id)[5]


@cache
def pos_has(pos_id: int, level: int, value: str) -> bool:
    """``pos_of(pos_id)[level] == value``, cached: rules test this for every token."""
    return pos_of(pos_id)[level] == value


def pos_of(pos_id: int) -> tuple[str, ...]:
    """The part of speech for a Sudachi POS id (cached; the dictionary is loaded by now)."""
    pos = _pos_cache.get(pos_id)
    if pos is None:
        assert _dictionary is not None
        pos = _pos_cache[pos_id] = tuple(_dictionary.pos_of(pos_id) or ("*",) * 6)
    return pos


def fold_width(text: str) -> str:
    """Full-width ASCII (U+FF01–FF5E) and the ideographic space to ASCII; same length."""
    return text.translate(_FOLD_TABLE)


_FOLD_TABLE = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_SURROGATES = re.compile("[\ud800-\udfff]")


def _safe_for_sudachi(text: str) -> str:
    """Replace lone surrogates (invalid in UTF-8) one for one, keeping offsets."""
    return _SURROGATES.sub("\ufffd", text)


def _chunks(text: str) -> Iterator[tuple[int, str]]:
    """Split text into pieces Sudachi accepts, preferring line and sentence ends."""
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + _CHUNK_CHARS)
        if end < n:
            cut = max(text.rfind("\n", start, end), text.rfind("。", start, end))
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


def tokenize(text: str) -> tuple[Token, ...]:
    """Tokenize the text with SudachiPy (mode C) into frozen tokens."""
    return _tokenize(text)[0]


def _tokenize(text: str) -> tuple[tuple[Token, ...], tuple[object, ...]]:
    """Tokens, and the morpheme lists they came from (kept private, for lazy readings)."""
    tok = _tokenizer()
    out: list[Token] = []
    lists = []
    new = tuple.__new__  # skips NamedTuple's Python-level __new__: tokens are the hot path
    for offset, chunk in _chunks(_safe_for_sudachi(text)):
        morphemes = tok.tokenize(chunk)  # type: ignore[attr-defined]
        lists.append(morphemes)
        out.extend(
            new(
                Token,
                (
                    text[(b := m.begin() + offset) : (e := m.end() + offset)],
                    b,
                    e,
                    m.part_of_speech_id(),
                    m.normalized_form(),
                ),
            )
            for m in morphemes
        )
    return tuple(out), tuple(lists)


def bare_tokenize(text: str) -> int:
    """Tokenize without copying anything out (the benchmark's baseline); returns a count."""
    tok = _tokenizer()
    n = 0
    for _, chunk in _chunks(_safe_for_sudachi(text)):
        n += len(tok.tokenize(chunk))  # type: ignore[attr-defined]
    return n


# --- URLs and e-mail addresses ---------------------------------------------------------

_URL_CHARS = r"[A-Za-z0-9\-._~:/?#\[\]@!$&*+,;=%]"
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+(?:[A-Za-z]{2,24}|xn--[A-Za-z0-9-]+)"
_IPV4 = r"\d{1,3}(?:\.\d{1,3}){3}"
# Hosts written without a scheme only count when they end in a TLD seen in real posts;
# otherwise "e.g." or a file name would be a URL.
_BARE_TLDS = (
    "jp|com|net|org|info|biz|xyz|io|co|me|ly|gl|site|online|top|app|dev|tv|cc|us|uk|tk|"
    "shop|club|link|click|page|to|be|cn|ru|kr|tw|fm|asia|work|live|store|blog|news"
)
_URL_RE = re.compile(
    rf"(?P<scheme>https?://)(?P<host>{_HOST}|{_IPV4}|localhost)(?::\d{{1,5}})?(?P<path>/{_URL_CHARS}*)?"
    rf"|(?<![@\w.\-])(?P<bhost>(?:www\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?\.)+"
    rf"(?:{_BARE_TLDS}))(?![A-Za-z0-9\-@])(?P<bpath>/{_URL_CHARS}*)?",
    re.IGNORECASE,
)
_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@" + _HOST, re.IGNORECASE)
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

    @property
    def is_ip(self) -> bool:
        return re.fullmatch(_IPV4, self.host) is not None


@dataclass(frozen=True, slots=True)
class Email:
    start: int
    end: int
    address: str

    @property
    def domain(self) -> str:
        return self.address.rsplit("@", 1)[1].lower()


def _find_urls(folded: str) -> tuple[Url, ...]:
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
        out.append(Url(start, end, folded[start:end], host.lower(), path, scheme))
    return tuple(out)


# --- Dates, eras and times ---------------------------------------------------------------

ERAS = {"令和": 2018, "平成": 1988, "昭和": 1925}
WEEKDAYS = "月火水木金土日"

_ERA_RE = re.compile(
    r"(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年(?P<fy>度)?"
    r"(?:\s*\(\s*(?P<west>\d{4})\s*年?(?P<wfy>度)?\s*\))?"
)
_WEST_ERA_RE = re.compile(
    r"(?P<west>\d{4})\s*年(?P<wfy>度)?\s*\(\s*(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})\s*年(?P<fy>度)?\s*\)"
)
_WEEKDAY = r"(?:\s*\(\s*(?P<wd>[月火水木金土日])(?:曜日?)?(?:\s*[・･]\s*(?:祝|休)日?)?\s*\))?"
_FULL_DATE_RE = re.compile(r"(?<!\d)(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + _WEEKDAY)
# The year written right before a date: "令和9年", "2027年", "令和9年(2027年)".
_YEAR_BEFORE_RE = re.compile(
    r"(?:(?P<era>令和|平成|昭和)\s*(?P<n>元|\d{1,2})|(?<!\d)(?P<west>\d{4}))\s*年"
    r"(?:\s*\([^)]{1,12}\))?\s*$"
)
_SLASH_DATE_RE = re.compile(
    r"(?<![\d/])(?:(?P<west>\d{4})/)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])" + _WEEKDAY
)
# A bare "22日(金)" right after a full date and a range or list connector inherits its month.
_BARE_DAY_RE = re.compile(
    r"\s*(?:から|まで|～|~|〜|ー|-|－|・|、|と|及び|および|,)\s*(?:翌\s*)?"
    r"(?P<d>\d{1,2})\s*日" + _WEEKDAY
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A calendar date written in the draft ("1月10日(日)", "令和9年1月10日", "3/16(火)")."""

    start: int
    end: int
    year: int | None  # stated in the text, if any
    month: int
    day: int
    weekday: int | None  # 0 = Monday, as written in the text, if any
    weekday_start: int | None


@dataclass(frozen=True, slots=True)
class EraMention:
    """A Japanese era year, optionally with the western year written beside it."""

    start: int
    end: int
    era: str
    era_year: int
    fiscal: bool
    western: int | None
    western_fiscal: bool

    @property
    def expected_western(self) -> int:
        return ERAS[self.era] + self.era_year


@dataclass(frozen=True, slots=True)
class TimeRange:
    """A time range "12:15～12:00"; ``next_day`` when the end is marked 翌."""

    start: int
    end: int
    begin_minutes: int
    end_minutes: int
    next_day: bool


def _era_year(n: str) -> int:
    return 1 if n == "元" else int(n)


def _year_of(m: re.Match[str]) -> int | None:
    if m.groupdict().get("west"):
        return int(m.group("west"))
    if m.groupdict().get("era"):
        return ERAS[m.group("era")] + _era_year(m.group("n"))
    return None


def _weekday_of(m: re.Match[str]) -> tuple[int | None, int | None]:
    wd = m.group("wd")
    if wd is None:
        return None, None
    return WEEKDAYS.index(wd), m.start("wd")


def _find_dates(folded: str) -> tuple[DateMention, ...]:
    out: list[DateMention] = []
    if "月" in folded:
        for m in _FULL_DATE_RE.finditer(folded):
            start = m.start()
            y = _YEAR_BEFORE_RE.search(folded, max(0, start - 24), start)
            year = _year_of(y) if y else None
            if y:
                start = y.start()
            month = int(m.group("m"))
            wd, wd_at = _weekday_of(m)
            out.append(DateMention(start, m.end(), year, month, int(m.group("d")), wd, wd_at))
            pos = m.end()
            while True:
                b = _BARE_DAY_RE.match(folded, pos)
                if b is None or _FULL_DATE_RE.match(folded, b.start("d")):
                    break
                wd, wd_at = _weekday_of(b)
                out.append(
                    DateMention(b.start("d"), b.end(), year, month, int(b.group("d")), wd, wd_at)
                )
                pos = b.end()
    if "/" in folded:
        for m in _SLASH_DATE_RE.finditer(folded):
            # "2027/03/16" and "3/16(火)" are dates; "1/2" alone is more likely a fraction.
            if m.group("west") is None and m.group("wd") is None:
                continue
            wd, wd_at = _weekday_of(m)
            out.append(
                DateMention(
                    m.start(), m.end(), _year_of(m), int(m.group("m")), int(m.group("d")), wd, wd_at
                )
            )
    out.sort(key=lambda d: d.start)
    return tuple(out)


def _find_eras(folded: str) -> tuple[EraMention, ...]:
    out = []
    for rx in (_ERA_RE, _WEST_ERA_RE):
        for m in rx.finditer(folded):
            west = m.group("west")
            out.append(
                EraMention(
                    m.start(),
                    m.end(),
                    m.group("era"),
                    _era_year(m.group("n")),
                    bool(m.group("fy")),
                    int(west) if west else None,
                    bool(m.group("wfy")),
                )
            )
    out.sort(key=lambda e: e.start)
    return tuple(out)


_TIME = (
    r"(?:(?P<{p}ampm>午前|午後)\s*)?(?P<{p}h>\d{{1,2}})\s*"
    r"(?::\s*(?P<{p}m>\d{{2}})|時(?:\s*(?P<{p}m2>\d{{1,2}})\s*分|(?P<{p}half>半))?)"
)
_TIME_RANGE_RE = re.compile(
    _TIME.format(p="a")
    + r"\s*(?:～|~|〜|－|-|から)\s*(?P<next>翌(?:\s*\d{1,2}\s*日(?:\s*\([^)]{1,6}\))?)?\s*)?"
    + _TIME.format(p="b")
)


def _minutes(m: re.Match[str], p: str) -> int | None:
    h = int(m.group(p + "h"))
    mm = m.group(p + "m") or m.group(p + "m2")
    minutes = int(mm) if mm else (30 if m.group(p + "half") else 0)
    if m.group(p + "ampm") == "午後" and h < 12:
        h += 12
    if h > 30 or minutes > 59:
        return None
    return h * 60 + minutes


def _find_time_ranges(folded: str) -> tuple[TimeRange, ...]:
    out = []
    for m in _TIME_RANGE_RE.finditer(folded):
        a = _minutes(m, "a")
        b = _minutes(m, "b")
        if a is None or b is None:
            continue
        out.append(TimeRange(m.start(), m.end(), a, b, bool(m.group("next"))))
    return tuple(out)


# --- Sentences ---------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[。！？!?]+|\n+")


def _find_sentences(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            out.append((start, m.end() if text[m.start()] != "\n" else m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return tuple((s, e) for s, e in out if text[s:e].strip())


# --- The analysed draft ------------------------------------------------------------------


@dataclass(frozen=True)
class Draft:
    """A draft analysed once; every rule reads this and nothing else."""

    text: str
    folded: str
    tokens: tuple[Token, ...]
    context: CheckContext
    # Results shared between rules of one draft (e.g. one lexicon scan for all lexicons).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)
    # Sudachi's morpheme lists, private to this module: readings are read from them lazily.
    _morphemes: tuple[object, ...] = field(default=(), compare=False, repr=False)

    @cached_property
    def readings(self) -> tuple[str, ...]:
        """Katakana reading of each token (ばか, バカ and 馬鹿 all read バカ); computed on first
        use only, since most drafts need none."""
        return tuple(m.reading_form() for ml in self._morphemes for m in ml)  # type: ignore[attr-defined]

    @cached_property
    def sentences(self) -> tuple[tuple[int, int], ...]:
        return _find_sentences(self.text)

    @cached_property
    def urls(self) -> tuple[Url, ...]:
        return _find_urls(self.folded) if "." in self.folded else ()

    @cached_property
    def emails(self) -> tuple[Email, ...]:
        if "@" not in self.folded:
            return ()
        return tuple(Email(m.start(), m.end(), m.group(0)) for m in _EMAIL_RE.finditer(self.folded))

    @cached_property
    def dates(self) -> tuple[DateMention, ...]:
        return _find_dates(self.folded)

    @cached_property
    def eras(self) -> tuple[EraMention, ...]:
        return _find_eras(self.folded)

    @cached_property
    def time_ranges(self) -> tuple[TimeRange, ...]:
        if ":" not in self.folded and "時" not in self.folded:
            return ()
        return _find_time_ranges(self.folded)

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding ``offset``."""
        for s, e in self.sentences:
            if s <= offset < e:
                return s, e
        return offset, offset

    @cached_property
    def _token_begins(self) -> list[int]:
        return [t.begin for t in self.tokens]

    def token_index_at(self, offset: int) -> int | None:
        """Index of the token that starts exactly at ``offset``, if any."""
        i = bisect_left(self._token_begins, offset)
        if i < len(self.tokens) and self.tokens[i].begin == offset:
            return i
        return None

    def tokens_between(self, start: int, end: int) -> tuple[Token, ...]:
        """Tokens that overlap the span."""
        return tuple(t for t in self.tokens if t.end > start and t.begin < end)

    def in_url_or_email(self, start: int, end: int) -> bool:
        spans: list[Url | Email] = [*self.urls, *self.emails]
        return any(u.start < end and start < u.end for u in spans)


def sanitize(text: str) -> str:
    """Replace lone surrogates (which no encoder accepts) by U+FFFD, one for one."""
    return _safe_for_sudachi(text)


def analyse(text: str, context: CheckContext) -> Draft:
    """Run the single analysis pass over a draft (already sanitized)."""
    tokens, morphemes = _tokenize(text)
    return Draft(text, fold_width(text), tokens, context, _morphemes=morphemes)
