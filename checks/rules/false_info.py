"""§3(4), §3(6)④: dates, weekdays, eras and times that cannot be right."""

from __future__ import annotations

import calendar
import itertools
import re
from collections.abc import Iterator
from datetime import date, timedelta

from checks.analysis import WEEKDAYS, DateMention, Draft, Modality
from checks.analysis.clauses import modality_of
from checks.registry import Hit
from checks.rules.lexical import LexiconRule
from checks.words import relative_days, relative_weeks, word_list, word_pattern

# A date written without a year is read as the occurrence nearest the posting date: up to
# this many days back (a report on a recent event), otherwise the next occurrence.
_PAST_WINDOW = timedelta(days=75)
# "Upcoming" announcements of a date this recent in the past are stale.
_STALE_WINDOW = timedelta(days=45)
# Verbs (dictionary forms) that announce an event (checks/data/words.toml).
_EVENT_VERBS = word_list("event_verbs")


def resolve_year(d: DateMention, ref: date) -> int:
    """The year a date refers to: as written, else the occurrence nearest ``ref``."""
    if d.year is not None:
        return d.year
    day = min(d.day, 28) if d.month == 2 else d.day
    try:
        this_year = date(ref.year, d.month, day)
    except ValueError:
        return ref.year
    if this_year < ref - _PAST_WINDOW:
        return ref.year + 1
    if this_year > ref + timedelta(days=365) - _PAST_WINDOW:
        return ref.year - 1
    return ref.year


def _real_date(d: DateMention, ref: date) -> date | None:
    if not 1 <= d.month <= 12:
        return None
    try:
        return date(resolve_year(d, ref), d.month, d.day)
    except ValueError:
        return None


def _label(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def weekday_mismatch(draft: Draft) -> Iterator[Hit]:
    ref = draft.context.reference_time.date()
    for d in draft.dates:
        if d.weekday is None or d.weekday_start is None:
            continue
        day = _real_date(d, ref)
        if day is None or day.weekday() == d.weekday:
            continue
        written = draft.text[d.start : d.end]
        at = d.weekday_start - d.start
        fixed = written[:at] + WEEKDAYS[day.weekday()] + written[at + 1 :]
        yield Hit(
            d.start,
            d.end,
            {
                "date": _label(day),
                "written": WEEKDAYS[d.weekday],
                "actual": WEEKDAYS[day.weekday()],
                "fixed": fixed,
            },
        )


def impossible_date(draft: Draft) -> Iterator[Hit]:
    ref = draft.context.reference_time.date()
    for d in draft.dates:
        if not 1 <= d.month <= 12:
            yield Hit(d.start, d.end, {"year": "", "month": d.month, "last_day": "-"})
            continue
        year = resolve_year(d, ref)
        last = calendar.monthrange(year, d.month)[1]
        if not 1 <= d.day <= last:
            yield Hit(d.start, d.end, {"year": f"{year}年", "month": d.month, "last_day": last})


def era_year_mismatch(draft: Draft) -> Iterator[Hit]:
    for e in draft.eras:
        if e.western is None or e.western == e.expected_western:
            continue
        yield Hit(
            e.start,
            e.end,
            {
                "era": e.era,
                "era_year": "元" if e.era_year == 1 else e.era_year,
                "expected": e.expected_western,
                "written": e.western,
            },
        )


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def reversed_time_range(draft: Draft) -> Iterator[Hit]:
    for t in draft.time_ranges:
        if t.next_day or t.end_minutes > t.begin_minutes:
            continue
        # "22:00～5:00" is an overnight range that readers understand; only flag ranges
        # that cannot be overnight.
        if t.begin_minutes >= 18 * 60 and t.end_minutes <= 9 * 60:
            continue
        yield Hit(t.start, t.end, {"begin": _hhmm(t.begin_minutes), "end": _hhmm(t.end_minutes)})


_ONGOING = word_list("ongoing_verbs")


def _announces_upcoming(draft: Draft, start: int, end: int) -> bool:
    """The sentence states an event in the non-past ("開催します"), not a report ("行いました")
    nor something under way since then ("受付を開始しています")."""
    tokens = draft.tokens_between(start, end)
    if any(t.normalized == "た" and t.pos[0] == "助動詞" for t in tokens):
        return False
    for a, b in itertools.pairwise(tokens):
        if a.surface in ("て", "で") and b.normalized in _ONGOING:
            return False
    return any(t.normalized in _EVENT_VERBS for t in tokens)


_PERIOD_START = re.compile(r"\s*(?:\([^)]{1,6}\))?\s*(?:から|より|以降|~|～|〜)")
# A date that stamps a notice rather than dating an event: 「…について(9月18日)」,
# 「【3月10日 更新】」, 「9月18日現在」.
_STAMP_AFTER = re.compile(
    r"\s*(?:\([^)]{1,6}\))?\s*[)）】\]]?\s*(?:更新|現在|時点|発表|発行|掲載|作成|版|付)"
)
_HEADING_BEFORE = re.compile(
    r"(?:について|に関して|のお知らせ|お知らせ|のご案内|ご案内|情報|報告|速報|第\d+報)\s*[(（【\[]\s*$"
)
_CLOSE_AFTER = re.compile(r"\s*(?:\([^)]{1,6}\))?\s*[)）】\]]")


def _is_stamp(text: str, d: DateMention) -> bool:
    if _STAMP_AFTER.match(text, d.end):
        return True
    return bool(
        _HEADING_BEFORE.search(text, max(0, d.start - 12), d.start)
        and _CLOSE_AFTER.match(text, d.end)
    )


def past_event_as_upcoming(draft: Draft) -> Iterator[Hit]:
    if draft.context.posted_at is None:
        return
    ref = draft.context.posted_at.date()
    for d in draft.dates:
        day = _real_date(d, ref)
        if day is None or not ref - _STALE_WINDOW <= day < ref:
            continue
        if _PERIOD_START.match(draft.folded, d.end):
            continue  # "1月4日から…": a period that started then and may still run
        if _is_stamp(draft.folded, d):
            continue
        s, e = draft.sentence_at(d.start)
        if _announces_upcoming(draft, s, e):
            yield Hit(s, e, {"date": _label(day), "posted": _label(ref)})


# 本日 = 0, 明日 = 1 … (checks/data/words.toml)
RELATIVE_DAY = relative_days()
_RELATIVE_WORDS = "|".join(sorted(RELATIVE_DAY, key=len, reverse=True))
_RELATIVE_RE = re.compile("(" + _RELATIVE_WORDS + r")(?:は|の)?[\s、,の(（]{0,2}$")
# 「明日(土)」「本日15日(水)」: the word with a weekday or a bare day of the month, no month.
_RELATIVE_SHORT_RE = re.compile(
    "(?<![一-龥ぁ-んァ-ン])(" + _RELATIVE_WORDS + r")(?:は|の)?\s*"
    r"(?:(?P<d>\d{1,2})\s*日(?!\s*\d))?\s*"
    r"(?:[(（]\s*(?P<wd>[月火水木金土日])(?:曜日?)?(?:\s*[・･]\s*(?:祝|休)日?)?\s*[)）]"
    # 「きょう木曜日」「明日の土曜日は」: the weekday written out, no brackets.
    r"|[、,\s]?(?P<wb>[月火水木金土日])曜日?)?"
)


# 先週 = -1, 今週 = 0, 来週 = 1 … (checks/data/words.toml), with a weekday:
# 「今週土曜日(9月18日)」「来週の水曜、9月8日」.
RELATIVE_WEEK = relative_weeks()
_RELATIVE_WEEK_RE = re.compile(
    "(?<!再)("
    + "|".join(sorted(RELATIVE_WEEK, key=len, reverse=True))
    + r")の?\s*([月火水木金土日])曜日?(?:は|に|の)?[\s、,(（]{0,2}$"
)


def _week_day(ref: date, weeks: int, weekday: int) -> tuple[date, ...]:
    """The day named by 「来週土曜日」: weeks run Monday to Sunday; a Sunday may also be read
    with weeks that start on Sunday, so both readings are accepted."""
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=weeks)
    day = monday + timedelta(days=weekday)
    if weekday == 6:
        return (day, day - timedelta(weeks=1))
    return (day,)


# A date that names when something takes effect (「4月1日付(け)の人事異動」「4月1日付で」), not the
# day that 本日 stands for: 「本日、4月1日付の人事異動を発表しました」 posted in March is right.
_EFFECTIVE_AFTER = re.compile(r"\s*(?:\([^)]{1,6}\)\s*)?(?:付|づけ|施行|発令|適用)")


# 「今週金曜(18日)」「来週の土曜、25日」: the day of the month alone after a relative weekday.
_RELATIVE_WEEK_DAY_RE = re.compile(
    "(?<!再)("
    + "|".join(sorted(RELATIVE_WEEK, key=len, reverse=True))
    + r")の?\s*([月火水木金土日])曜日?(?:は|に|の)?[\s、,(（]{0,2}(\d{1,2})\s*日(?!\d)"
)


def _relative_week_day_mismatch(draft: Draft, ref: date) -> Iterator[Hit]:
    full_dates = [(d.start, d.end) for d in draft.dates]
    for m in _RELATIVE_WEEK_DAY_RE.finditer(draft.folded):
        if any(a <= m.start(3) < b for a, b in full_dates):
            continue  # 「今週土曜日(9月18日)」 is a full date: read below
        days = _week_day(ref, RELATIVE_WEEK[m.group(1)], WEEKDAYS.index(m.group(2)))
        if any(d.day == int(m.group(3)) for d in days):
            continue
        yield Hit(
            m.start(),
            m.end(),
            {
                "word": draft.folded[m.start() : m.end(2) + 1],
                "date": m.group(3) + "日",
                "expected": _label(days[0]),
            },
        )


def relative_day_mismatch(draft: Draft) -> Iterator[Hit]:
    """「本日3月20日」 posted on another day: the word and the date cannot both be right."""
    if draft.context.posted_at is None:
        return
    ref = draft.context.posted_at.date()
    yield from _relative_short_mismatch(draft, ref)
    yield from _relative_week_day_mismatch(draft, ref)
    for d in draft.dates:
        w = _RELATIVE_WEEK_RE.search(draft.folded, max(0, d.start - 10), d.start)
        if w is None:
            continue
        day = _real_date(d, ref)
        days = _week_day(ref, RELATIVE_WEEK[w.group(1)], WEEKDAYS.index(w.group(2)))
        if day is None or day in days:
            continue
        yield Hit(
            w.start(),
            d.end,
            {
                "word": draft.folded[w.start() : w.end(2) + 1],
                "date": _label(day),
                "expected": _label(days[0]),
            },
        )
    for d in draft.dates:
        m = _RELATIVE_RE.search(draft.folded, max(0, d.start - 6), d.start)
        if m is None:
            continue
        if _EFFECTIVE_AFTER.match(draft.folded, d.end):
            continue  # 「本日、4月1日付の人事異動を発表しました」: the date of what is announced
        day = _real_date(d, ref)
        expected = ref + timedelta(days=RELATIVE_DAY[m.group(1)])
        if day is None or day == expected:
            continue
        yield Hit(
            m.start(),
            d.end,
            {"word": m.group(1), "date": _label(day), "expected": _label(expected)},
        )


def _relative_short_mismatch(draft: Draft, ref: date) -> Iterator[Hit]:
    """「明日(土)」「本日15日(水)」 whose weekday or day of the month is not that day's."""
    full_dates = {d.start for d in draft.dates}
    for m in _RELATIVE_SHORT_RE.finditer(draft.folded):
        weekday = m.group("wd") or m.group("wb")
        if m.group("d") is None and weekday is None:
            continue
        if any(m.start() <= s < m.end() for s in full_dates):
            continue  # 「明日6月12日」 is a full date: the check below reads it
        expected = ref + timedelta(days=RELATIVE_DAY[m.group(1)])
        day_ok = m.group("d") is None or int(m.group("d")) == expected.day
        wd_ok = weekday is None or WEEKDAYS.index(weekday) == expected.weekday()
        if day_ok and wd_ok:
            continue
        yield Hit(
            m.start(),
            m.end(),
            {
                "word": m.group(1),
                "date": draft.folded[m.end(1) : m.end()].strip(),
                "expected": _label(expected),
            },
        )


# Hearsay about a hazard relayed as a warning (§3(6)④ 誤情報; §3(4)): 「知り合いの消防の人から
# 聞いたんですが、今夜はダムが緊急放流するらしいです」. An official account that repeats an
# unconfirmed report of a flood, an outage or a release spreads it with the city's authority;
# only what the responsible body has announced can be posted. Words are data
# (checks/data/words.toml); a forecast or notice attributed to a published source (気象庁の
# 発表によると) and a rumour the post denies are not hearsay.
_HAZARDS = tuple(sorted(word_list("hazard_events"), key=len, reverse=True))
_HAZARD = re.compile("|".join(map(re.escape, _HAZARDS)))
HAZARD_REQUIRES = _HAZARDS
_PERSONAL_SOURCE = re.compile(word_pattern("hearsay_sources"))
_OFFICIAL_SOURCE = re.compile(
    r"(?:発表|公表|予報|情報|発令|通知|お知らせ)(?:によると|によれば|では|のとおり|を受け)|"
    r"(?:気象庁|気象台|国土交通省|河川事務所|ダム管理所|管理事務所|県|市|消防本部|警察)(?:が|から|の)(?:発表|発令|公表|通知)"
)
_DENIED = re.compile(word_pattern("debunk_words"))


def unverified_hazard_hearsay(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    if not modality_of(text, Modality.HEARSAY):
        return
    sentences = draft.sentences
    for c in draft.clauses:
        if c.quoted or not c.modality & Modality.HEARSAY or c.modality & Modality.QUESTION:
            continue
        s, e = c.sentence
        if _HAZARD.search(text, c.start, c.end) is None:
            continue
        before = [b for b in sentences if b[1] <= s][-1:]
        prev = before[0][0] if before else s
        after = [b for b in sentences if b[0] >= e][:1]
        nxt = after[0][1] if after else e
        if _OFFICIAL_SOURCE.search(text, prev, e) or _DENIED.search(text, s, nxt):
            continue
        # A rumour from a person, or a guess on top of hearsay (「…するかもしれないらしい」).
        if _PERSONAL_SOURCE.search(text, prev, c.end) or c.modality & Modality.SPECULATION:
            yield Hit(c.start, c.end)


# 「市制施行30周年」「市制20年」 counted from the founding day in the city configuration
# (`city.founded`): an anniversary that does not fall within a year of the posting date, and
# whose year the sentence does not name, is miscounted.
_ANNIVERSARY = re.compile(r"市制(?:施行)?\s*(\d{1,3})\s*(?:周年|年(?!度|[\d月]))")
ANNIVERSARY_REQUIRES = ("市制",)
# A city named in the sentence before the anniversary (not 市制, 市民, 市役所 …).
_CITY = re.compile(r"[\u4e00-\u9fff\u30a0-\u30ff]{1,5}市(?![制民役内外長議政営立税営場])")


def anniversary_mismatch(draft: Draft) -> Iterator[Hit]:
    founded = draft.context.config.founded
    if founded is None:
        return
    ref = draft.context.reference_time.date()
    for m in _ANNIVERSARY.finditer(draft.folded):
        count = int(m.group(1))
        year = founded.year + count
        if abs(year - ref.year) <= 1:
            continue
        s, e = draft.sentence_at(m.start())
        sentence = draft.folded[s:e]
        cities = _CITY.findall(draft.folded, s, m.start())
        if cities and cities[-1] != draft.context.config.name:
            continue  # 「松山市は、今年で市制施行138周年」: another city's founding
        if f"{year}年" in sentence or f"令和{year - 2018}年" in sentence:
            continue  # 「2034年に市制施行30周年を迎えます」: the year is named
        yield Hit(
            m.start(),
            m.end(),
            {
                "count": str(count),
                "expected": str(ref.year - founded.year),
                "founded": str(founded.year),
            },
        )


# A count of sessions or days and the dates listed with it (「全4回(9月2日、9日、16日)」「3日間
# (10日・11日)」): the two must agree, or one of them is wrong.
_COUNT_LIST = re.compile(
    r"(?:全|計|合計)\s*(?P<n>\d{1,2})\s*(?:回|日|日間|講|コマ)|(?P<m>\d{1,2})\s*(?:回コース|日間|回連続)"
)
_LIST_AFTER = re.compile(
    r"\s*(?:[:：]\s*)?[(（](?P<body>[^()（）\n]{2,80}(?:\([^()\n]{1,4}\)[^()（）\n]{0,40})*)[)）]"
)
_LIST_ITEM = re.compile(r"(?<!\d)\d{1,2}\s*日(?!間|目|前|後|以内|まで)")
_RANGE = re.compile(r"[~〜～]|から|まで|毎週|毎月|ほか|など|予備日|延期")
COUNT_REQUIRES = ("全", "計", "日間", "回コース", "回連続")


def count_mismatch(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _COUNT_LIST.finditer(text):
        lst = _LIST_AFTER.match(text, m.end())
        if lst is None:
            continue
        body = lst.group("body")
        if _RANGE.search(body):
            continue
        items = len(_LIST_ITEM.findall(body))
        n = int(m.group("n") or m.group("m"))
        if items >= 2 and items != n:
            yield Hit(m.start(), lst.end(), {"count": str(n), "listed": str(items)})


# A number of choices announced (「3コースから選べます」「4種類をご用意」) and the numbered list
# that follows (①…②…): the list must have as many items, or one of them is wrong.
_CHOICE_COUNT = re.compile(
    r"(?<![\d①-⑳])(?P<n>[2-9])\s*(?:つ|種類|種|コース|会場|部門|プラン|ルート|メニュー|か所|カ所|ヶ所|箇所|品|パターン)"
    r"(?:の(?:中|うち))?(?:から|より|を(?:ご)?用意|(?:が|も)(?:あり|ござい))"
)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
CHOICE_REQUIRES = ("①",)


def choice_count_mismatch(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _CHOICE_COUNT.finditer(text):
        start = text.find("①", m.end(), m.end() + 80)
        if start < 0:
            continue
        # The list runs ①, ②, … in order; it ends at the first number that does not follow.
        listed, pos = 0, start
        while listed < len(_CIRCLED):
            nxt = text.find(_CIRCLED[listed], pos, pos + 200)
            if nxt < 0:
                break
            listed, pos = listed + 1, nxt + 1
        n = int(m.group("n"))
        if listed >= 2 and listed != n:
            yield Hit(m.start(), m.end(), {"count": str(n), "listed": str(listed)})


health_misinformation = LexiconRule("FAL011", "misinformation")
"""Health and first-aid claims that public health bodies say are false (lexicon
checks/lexicons/misinformation.toml)."""


# A false announcement made as a joke and taken back after it (「今年度から手数料は無料になり
# ました！…というのはウソです笑」「本日から市役所は24時間開庁します。なんちゃって」): a
# screenshot of the first sentence alone spreads it with the city's authority. A rumour the city
# denies (「「還付金がある」というのはウソです。詐欺にご注意」) carries no laughter or joke
# mark, and names someone else's claim.
_JOKE_TAKEN_BACK = re.compile(
    r"(?:(?:という|っていう|って|てのは|ってのは|というの|っての)(?:は|も)?\s*)?"
    r"(?:ウソ|うそ|嘘|冗談|ジョーク|ネタ)(?:です|でした|だよ|やけど|じゃけど|だけど|よ|です よ)?\s*"
    r"(?:[(（]?笑[)）]?|[wｗ]{1,}(?![A-Za-z])|[😜😆🤣😂😝])+"
    r"|なんちゃって|なーんちゃって|(?:エイプリルフール|4月バカ)(?:の)?(?:ネタ|ジョーク|うそ|ウソ|嘘)(?:でした|です)?"
)
# The taken-back sentence was said as a fact or an announcement (ました, ます, です, ！).
_ANNOUNCED = re.compile(r"(?:ました|ます|です|になります|決定|開始|スタート|します)\s*[!！。]*\s*$")
# A heading label before the statement (お知らせ:, 【速報】): not part of what is taken back.
_LEAD = re.compile(r"\s*(?:お知らせ|【[^】]*】|速報|朗報)?\s*[:：]?\s*")
JOKE_REQUIRES = (
    "ウソ",
    "うそ",
    "嘘",
    "冗談",
    "ジョーク",
    "ネタ",
    "なんちゃって",
    "エイプリルフール",
    "4月バカ",
)


def joke_announcement(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _JOKE_TAKEN_BACK.finditer(text):
        # the statement taken back: what stands before the retraction on its line or in the
        # sentence before it, without an ellipsis or a heading label
        line_start = text.rfind("\n", 0, m.start()) + 1
        head = text[line_start : m.start()]
        cut = max(head.rfind("。", 0, len(head.rstrip("。 …・.")) or 0), -1)
        statement_start = line_start + cut + 1
        stmt = text[statement_start : m.start()].rstrip(" …・.。")
        if not stmt.strip():
            # the retraction opens its own line or sentence: the statement is the line before
            prev_end = line_start - 1 if line_start > 0 else 0
            prev_start = text.rfind("\n", 0, max(prev_end, 0)) + 1
            statement_start, stmt = prev_start, text[prev_start:prev_end]
        if "「" in stmt[-3:] or stmt.endswith(("」", "』")):
            continue  # someone else's claim, quoted and denied
        if _ANNOUNCED.search(stmt) is None:
            continue
        lead = _LEAD.match(stmt)
        a = statement_start + (lead.end() if lead else 0)
        yield Hit(a, statement_start + len(stmt))


# A superlative about the city taken from a private writer and passed on (「市外の方のブログで
# 「東温市は子育て支援が県内で一番手厚い」と書いてくださっています」): relayed by the city, an
# unverified ranking reads as the city's claim. A ranking from a survey, a statistic or an
# award names its source.
_SUPERLATIVE = (
    r"(?:一番|いちばん|日本一|県内一|四国一|全国一|世界一|No\.?1|ナンバーワン|最も|もっとも|"
    r"唯一|トップ|1位|一位|ダントツ)"
)
_RELAYED = re.compile(
    r"[「『“]([^「」『』“”\n]{0,60}?" + _SUPERLATIVE + r"[^「」『』“”\n]{0,40}?)[」』”]\s*"
    r"(?:と|って)\s*(?:書いて|紹介して|評価して|おっしゃって|言って|つぶやいて|投稿して|発信して|"
    r"ほめて|褒めて|絶賛して|記事にして|書き込んで|レビューして)"
    r"(?:くださ|いただ|くれ|頂|おられ|い|ま)[^。\n]{0,10}"
)
_PRIVATE_WRITER = re.compile(
    r"ブログ|記事|投稿|SNS|ネット|インスタ|ユーチューバー|YouTube|動画|口コミ|クチコミ|レビュー|"
    r"フォロワー|ユーザー|(?:市外|県外|市内|地元)の方|方が|方の|さんが|さんの|読者|旅行者|観光客"
)
_RANKING_SOURCE = re.compile(
    r"調査|統計|ランキング|白書|発表|公表|受賞|認定|選ばれ|表彰|データ|省|庁|機構|協会"
)
# A matter of taste (きれい, おいしい, 居心地): an impression, not a ranking anyone could check.
_TASTE = re.compile(
    r"きれい|綺麗|キレイ|美し|おいし|美味|うまい|旨い|好き|楽し|癒|居心地|かわいい|可愛|素敵|すてき|"
    r"感動|気持ちいい|気持ちよ|幸せ|落ち着|映え|エモ"
)
RELAYED_REQUIRES = (
    "と書いて",
    "と紹介して",
    "と評価して",
    "とおっしゃって",
    "と言って",
    "とつぶやいて",
    "と投稿して",
    "と発信して",
    "とほめて",
    "と褒めて",
    "と絶賛して",
    "と記事にして",
    "と書き込んで",
    "とレビューして",
    "って",
)


def relayed_superlative(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _RELAYED.finditer(text):
        s, e = draft.sentence_at(m.start())
        before = [b for b in draft.sentences if b[1] <= s][-1:]
        prev = before[0][0] if before else s
        if _PRIVATE_WRITER.search(text, prev, e) is None:
            continue
        if _RANKING_SOURCE.search(text, prev, e) is not None:
            continue
        if _TASTE.search(m.group(1)) is not None:
            continue  # 「愛媛でいちばんきれい」: a visitor's taste, not a claim to check
        yield Hit(m.start(), m.end())
