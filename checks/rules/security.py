"""§4(3): information that could threaten the city's security."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files

from checks.analysis import Draft, Url
from checks.links import host_in, ip_host, link_data
from checks.registry import Hit
from checks.words import word_list, word_pattern

# A credential word (checks/data/words.toml; longer words first, so that "password" is
# not read as "pass") followed by its value: "パスワード：kz-8517-toon", "暗証番号4729".
_CREDENTIAL_WORDS = sorted(word_list("credential_words"), key=lambda w: (-len(w), w))
_CREDENTIAL = re.compile(
    "(?P<word>" + "|".join(map(re.escape, _CREDENTIAL_WORDS)) + ")"
    r"(?:\s*(?:は|を|:|=|\(|「|『|、|,|\s)\s*)*(?:\d+\s*桁の?\s*)?"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9\-_.!#$%&*+@]{2,})",
    re.IGNORECASE,
)


# Abbreviations that name a password only when a colon or "=" ties them to a value.
_SHORT_WORDS = sorted(word_list("credential_short_words"), key=lambda w: (-len(w), w))
_SHORT_CREDENTIAL = re.compile(
    # Not inside a longer word (フリーパス); the bullet ・ (U+30FB) of a list may stand before.
    r"(?<![A-Za-z\u30a1-\u30fa\u30fc])(?:" + "|".join(map(re.escape, _SHORT_WORDS)) + ")"
    r"\s*[:=]\s*(?P<value>[A-Za-z0-9][A-Za-z0-9\-_.!#$%&*+@]{3,})"
)

# A key given without its label: a password-shaped value (letters and digits, at least six
# characters) that the reader connects or logs in with: 「「Sukusuku2027!」で接続して」,
# 「Toon_2027 を入力してログイン」.
_KEYED = re.compile(
    r"(?<![A-Za-z0-9!#$%&*+@\-_.])[「『\"'“]?\s*"
    r"(?P<value>[A-Za-z0-9][A-Za-z0-9!#$%&*+@\-_.]{5,63})\s*[」』\"'”]?\s*"
    r"(?:で|を(?:入力|入れ)(?:して|し)?[、,]?\s*)"
    r"(?:接続|ログイン|サインイン|認証|つな|繋|アクセス|入室|解除|解錠|開錠)"
)


_KATAKANA_LETTER = re.compile(r"[\u30a1-\u30fa\u30fc]")


def _inside_katakana_word(text: str, start: int, word: str) -> bool:
    """A short katakana credential word (キー) that ends a longer katakana word (ラッキー,
    モンキー, ホッケー): the word is a name, not the label of a key."""
    return (
        len(word) <= 3
        and _KATAKANA_LETTER.fullmatch(word[0]) is not None
        and start > 0
        and _KATAKANA_LETTER.fullmatch(text[start - 1]) is not None
    )


def _password_shaped(value: str) -> bool:
    return any(c.isdigit() for c in value) and any(c.isalpha() for c in value)


# Locks opened by a number, and the code in the same sentence: four to eight digits, or digits
# with # or * (a keypad), that are not a date, time, amount, phone or postal number.
def _halfwidth_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for cp in range(0xFF61, 0xFFA0):
        hw = chr(cp)
        for mark in ("", "\uff9e", "\uff9f"):
            full = unicodedata.normalize("NFKC", hw + mark)
            if len(full) == 1 and full not in table:
                table[full] = hw + mark
    return table


def _with_halfwidth(words: Iterable[str]) -> list[str]:
    """Each word and, for words in katakana, its half-width spelling (ﾃﾝｷｰ for テンキー)."""
    table = _halfwidth_table()
    out = set(words)
    out |= {"".join(table.get(c, c) for c in w) for w in words}
    return sorted(out, key=lambda w: (-len(w), w))


_LOCK_WORDS = _with_halfwidth(word_list("lock_words"))
_LOCK = re.compile("|".join(map(re.escape, _LOCK_WORDS)), re.IGNORECASE)
_CODE = re.compile(
    r"(?<![\d\-:/.,〒#*])(?:[#*]\d{3,8}|\d{3,8}[#*]|\d{4,8})"
    r"(?![\d\-:/.,年月日時分円人件名歳%号階番地桁台本枚回])"
)
# A code given by a hint rather than by its digits: 「番号は郵便番号の下4桁です」.
_CODE_HINT = re.compile(
    r"(?:番号|暗証|コード|錠|ロック|キーボックス|キーBOX|テンキー)\S{0,3}?(?:は|:)\S{0,20}?"
    r"(?:(?:誕生日|郵便番号|電話番号|代表電話|電話|内線|創立|設立)(?:\S{0,4}?[上下末頭]\s*\d\s*桁)?|[上下末頭]\s*\d\s*桁)"
)
# A code given by a recipe whatever the sentence calls it (「新しいのは市役所の郵便番号の下4けた
# ＋＃だって」): digits taken from a number anyone can look up, in a lock's sentence or the one
# after it.
_CODE_RECIPE = re.compile(
    r"(?:(?:誕生日|郵便番号|電話番号|代表電話|代表番号|電話|内線|番地)[^。\n]{0,6}?(?:[上下頭]|末尾|最後の|最初の)"
    r"|(?:誕生|設立|創立|開庁|開館|合併|開校|できた|生まれた)(?:した)?年の?(?:[上下頭]|末尾|西暦)?)"
    r"\s*\d\s*(?:桁|けた|ケタ|つ|個|文字|ケ)(?:\s*[+と]?\s*(?:に)?\s*[#*])?"
    # A year anyone can look up, keyed in whole: 「合併した年の西暦を押せば開きます」.
    r"|(?:誕生|設立|創立|開庁|開館|合併|開校|できた|生まれた|竣工|完成|開設)(?:した)?年の?(?:西暦|数字|年号)"
    r"(?=\s*(?:を|に)?\s*(?:押|入れ|入力|打|回|合わせ|そろえ|揃え))"
)


_DOOR_WORDS = (
    *("ドア", "扉", "通用口", "裏口", "勝手口", "通用門", "裏門", "職員玄関", "夜間出入口", "入口"),
    *("入り口", "出入口", "玄関", "ゲート", "門扉", "シャッター", "倉庫", "部屋", "室"),
)
_DOOR = re.compile("|".join(_DOOR_WORDS))
_CALLED = re.compile(
    r"(?:内線|電話|TEL|Tel|tel|FAX|Fax|☎|携帯|番地|No\.?)\s*(?:番号)?\s*[:：]?\s*$"
)
_OPENS = re.compile(
    r"(?<![\u4e00-\u9fff])(?:開(?:く|き|け|いた|いて)|あ(?:く|き|いた|いて)|解錠|開錠|入れ(?:ます|る|ま)|"
    r"入室でき|解除(?:され|でき|し))"
)
# Stems one of which every credential word contains, and the verbs of _KEYED.
_CREDENTIAL_STEMS = (
    "パスワード",
    "パスコード",
    "パスキー",
    "パス",
    "キー",
    "ロック",
    "ロックナンバー",
    "PSK",
    "PW",
    "pw",
    "Pw",
    "暗証",
    "PIN",
    "Pin",
    "pin",
    "ID",
    "合言葉",
    "解錠",
    "開錠",
    "錠",
    "鍵",
    "カギ",
    "キーBOX",
    "ｷｰ",
    "ﾛｯｸ",
    "キーナンバー",
    "ダイヤル",
    "セキュリティコード",
    "ass",
    "ASS",
    # a key given without its label (_KEYED)
    "接続",
    "ログイン",
    "サインイン",
    "認証",
    "つな",
    "繋",
    "アクセス",
    "入室",
)
# The engine's pre-filter: SEC001 runs only on drafts holding one of these. Built from the
# lists themselves, so that a lock word added to words.toml (half-width spellings included) is
# never skipped by a filter that forgot it.
CREDENTIAL_REQUIRES = tuple(
    sorted({*_CREDENTIAL_STEMS, *_SHORT_WORDS, *_LOCK_WORDS, "解除", "解錠", "開錠", *_DOOR_WORDS})
)


# A password given by its recipe rather than its characters: 「パスは課の名前のローマ字に内線
# 番号をくっつけたもの」「PWは施設名+電話番号の下4桁」. Whoever knows the office can rebuild it.
_RECIPE_PARTS = "|".join(
    map(re.escape, sorted(word_list("credential_recipe_parts"), key=len, reverse=True))
)
_RECIPE = re.compile(
    # a part plus fixed characters: 「初期パスワードは所属コード+0000」「PWは課名+2027」
    r"(?:"
    + "|".join(map(re.escape, sorted({*_CREDENTIAL_WORDS, *_SHORT_WORDS}, key=len, reverse=True)))
    + r")(?:ワード)?\s*(?:は|:|も)\s*[^。\n]{0,20}?(?:"
    + _RECIPE_PARTS
    + r")\s*(?:\+|＋|の後ろに|のあとに|の後に)\s*[「『\"']?[A-Za-z0-9#*!@_\-]{2,12}"
    + r"|(?:"
    + "|".join(map(re.escape, sorted({*_CREDENTIAL_WORDS, *_SHORT_WORDS}, key=len, reverse=True)))
    + r")(?:ワード)?\s*(?:は|:|も)\s*[^。\n]{0,30}?(?:"
    + _RECIPE_PARTS
    + r")[^。\n]{0,20}?(?:に|と|を|\+|＋|の後ろに|の前に)?\s*[^。\n]{0,12}?"
    r"(?:くっつけ|くっ付け|つなげ|繋げ|つない|繋い|足し|付け|つけ|組み合わせ|並べ|合わせ|変え|替え|換え|変更し|入れ替え)"
    # two parts joined, without a verb: 「パスワードは課の名前のローマ字と内線番号です」
    r"|(?:"
    + "|".join(map(re.escape, sorted({*_CREDENTIAL_WORDS, *_SHORT_WORDS}, key=len, reverse=True)))
    + r")(?:ワード)?\s*(?:は|:|も)\s*[^。\n]{0,20}?(?:"
    + _RECIPE_PARTS
    + r")[^。\n]{0,10}?(?:と|\+|＋|に|の後ろに)\s*[^。\n]{0,10}?(?:"
    + _RECIPE_PARTS
    + r")[^。\n]{0,8}?(?:です|だよ|だ|。|$)"
    # the same as before: 「パスは前と同じです」 tells staff, and anyone, that it is reused
    r"|(?:パスワード|パスコード|暗証番号|パス|PW)\s*(?:は|も)\s*(?:前|以前|前回|いつも|去年|昨年|前任者)"
    r"(?:の(?:もの|やつ|と))?(?:と)?同じ",
    re.IGNORECASE,
)


# How to make a good password, in an awareness post: 「名前と数字を組み合わせた12文字以上に
# しましょう」.
_RECIPE_ADVICE = re.compile(
    r"ましょう|(?:して|にして|設定して)(?:ください|下さい)|推奨|文字以上|桁以上|避け|ないよう|"
    r"ないでください|おすすめ|お勧め|大切|べき|(?:使え|使用でき|設定でき|登録でき)ません"
)


def _is_year(value: str) -> bool:
    return value.isdigit() and len(value) == 4 and value.startswith(("19", "20"))


# A value given as an example of what not to choose, in an awareness post: 「パスワードは
# 「123456」や誕生日など推測されやすいものを避け」, 「「password」のような単純なものは使わない」.
_EXAMPLE_AFTER = re.compile(
    r"\s*[」』\"'”]?\s*(?:や|など|などの|のような|のように|みたいな|とか|といった|等)"
)
_AVOID = re.compile(
    r"避け|使わ(?:ない|ず)|使用しない|設定しない|やめ|推測され|見破られ|破られ|危険|弱い|NG|ダメ|だめ"
)


def _given_as_bad_example(text: str, draft: Draft, end: int) -> bool:
    _, e = draft.sentence_at(end - 1)
    return bool(_EXAMPLE_AFTER.match(text, end)) or bool(_AVOID.search(text, end, e))


def credential_disclosed(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    # A value that is a known token format is reported once, by SEC002 (the more specific).
    seen: list[tuple[int, int]] = [(h.start, h.end) for h in secret_token(draft)]
    for m in _CREDENTIAL.finditer(text):
        if draft.in_url_or_email(m.start("value"), m.end("value")):
            continue
        value = m.group("value")
        if m.group("word").upper() == "ID" and not any(c.isdigit() for c in value):
            continue  # "ID card", "LINE ID" and the like
        if _inside_katakana_word(text, m.start("word"), m.group("word")):
            continue  # 「ラッキー777」 is a name, not a key
        if any(a <= m.start("value") < b for a, b in seen):
            continue
        if _given_as_bad_example(text, draft, m.end("value")):
            continue
        seen.append((m.start(), m.end()))
        yield Hit(m.start(), m.end())
    for m in _KEYED.finditer(text):
        a, b = m.start("value"), m.end("value")
        if not _password_shaped(m.group("value")) or draft.in_url_or_email(a, b):
            continue
        if any(x <= a < y for x, y in seen):
            continue
        seen.append((a, b))
        yield Hit(a, b)
    for m in _SHORT_CREDENTIAL.finditer(text):
        if draft.in_url_or_email(m.start("value"), m.end("value")):
            continue
        if any(a <= m.start() < b for a, b in seen):
            continue
        seen.append((m.start(), m.end()))
        yield Hit(m.start(), m.end())
    for m in _RECIPE.finditer(text):
        if any(a <= m.start() < b for a, b in seen) or _given_as_bad_example(text, draft, m.end()):
            continue
        if _RECIPE_ADVICE.search(text, m.start(), draft.sentence_at(m.end() - 1)[1]):
            continue
        seen.append((m.start(), m.end()))
        yield Hit(m.start(), m.end())
    # A door opened by a number, however the lock is named: 「裏口のドア、ボタンで1357押したら
    # 開くけん」「職員通用口は 2468# で開きます」.
    for s, e in draft.sentences:
        if _LOCK.search(text, s, e) is not None:
            continue  # read below, with the lock's own words
        door = _DOOR.search(text, s, e)
        if door is None or _OPENS.search(text, door.end(), e) is None:
            continue
        for c in _CODE.finditer(text, door.end(), e):
            if any(a <= c.start() < b for a, b in seen) or draft.in_url_or_email(
                c.start(), c.end()
            ):
                continue
            if _is_year(c.group()) or _given_as_bad_example(text, draft, c.end()):
                continue
            if _CALLED.search(text, max(s, c.start() - 8), c.start()):
                continue  # a number to call (内線5100にかけると開けてもらえます), not a code
            seen.append((c.start(), c.end()))
            yield Hit(c.start(), c.end())
    if _LOCK.search(text) is None:
        return
    sentences = draft.sentences
    for i, (s, e) in enumerate(sentences):
        if _LOCK.search(text, s, e) is None:
            # A hint in the sentence right after the lock's ("…キーボックスに入れます。番号は…").
            if i == 0 or _LOCK.search(text, *sentences[i - 1]) is None:
                continue
            yield from _hints(text, s, e)
            continue
        for c in _CODE.finditer(text, s, e):
            if any(a <= c.start() < b for a, b in seen) or draft.in_url_or_email(
                c.start(), c.end()
            ):
                continue
            if _is_year(c.group()) or _given_as_bad_example(text, draft, c.end()):
                continue
            yield Hit(c.start(), c.end())
        yield from _hints(text, s, e)


def _hints(text: str, s: int, e: int) -> Iterator[Hit]:
    found: list[tuple[int, int]] = []
    for h in _CODE_HINT.finditer(text, s, e):
        found.append(h.span())
        yield Hit(h.start(), h.end())
    for h in _CODE_RECIPE.finditer(text, s, e):
        if not any(a <= h.start() < b for a, b in found):
            yield Hit(h.start(), h.end())


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
    "session",
    "Session",
    "SESSION",
    "sid=",
    "SID=",
    "auth=",
    "key=",
    "webhook",
    "hooks.slack",
    "chat.googleapis",
    "admin",
    "Admin",
    "ADMIN",
    "root",
    "guest",
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
# An extension in the city's contact block (「問合せ：総務課 電話 089-964-4400(内線271)」) is public
# contact information; one addressed to staff (「職員は内線2134へ」) is not.
_PHONE = re.compile(r"(?<!\d)0\d{1,4}\s*[-(]\s*\d{1,4}\s*[-)]\s*\d{3,4}(?!\d)")
_CONTACT = re.compile(r"問(?:い)?合(?:わ)?せ|連絡先|電話|TEL|Tel|tel|担当課?[:：]|窓口[:：]|代表")
_INTERNAL_CONTACT = re.compile(word_pattern("internal_contact_words"))
# How many lines above the extension a contact heading or number may stand.
_CONTACT_LINES = 3


def extension_number(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _EXTENSION.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        s, e = draft.sentence_at(m.start())
        if _INTERNAL_CONTACT.search(text, min(s, line_start), max(e, m.end())) is None:
            block = line_start
            for _ in range(_CONTACT_LINES):
                if block == 0:
                    break
                block = text.rfind("\n", 0, block - 1) + 1
            window = text[block : m.start()]
            if _PHONE.search(window) or _CONTACT.search(window):
                continue
        yield Hit(m.start(), m.end())


# Crowd-safety staffing at an event (「約150人の警備体制で」) is public; the timing or gaps of a
# building's guard are not.
_FACILITY = re.compile(
    r"(?:サーバー?室|電算室|マシン室|情報システム室|サーバールーム|ネットワーク機器室|"
    r"サーバーラック|データセンター|"
    # where the cameras are, not how they will be chosen or that it is withheld
    r"(?:防犯|監視)カメラの(?:位置|設置場所|死角)(?![^。\n]{0,25}?(?:決め|決定|相談|検討|募集|ご意見|要望|"
    r"について|お問い合わせ|お答えでき|公表して(?:い)?ません|公表しない|非公開|控え))|"
    r"警備(?:員)?(?:の)?巡回(?:時間|ルート|経路)|警備(?:員)?(?:が|は)?(?:手薄|不在|いない))"
)
# A camera and where it does not see, in one sentence: 「防犯カメラは入口付近しか映っておらず、
# 北側の奥は死角になっています」.
_CAMERA = re.compile(r"(?:防犯|監視)カメラ")
_NOT_SEEN = (
    r"(?:死角|撮影範囲外|範囲外|"
    r"(?:映|写)(?:らない|らず|りません|って(?:い)?(?:ない|ません)|っておらず|りにくい|っていなかった)|"
    r"撮(?:れない|れて(?:い)?(?:ない|ません)|影して(?:い)?(?:ない|ません)|影しておらず)|"
    r"(?:カバー|監視)(?:でき|し)て(?:い)?(?:ない|ません)|届かない|届いて(?:い)?(?:ない|ません)|"
    r"見えない|見えて(?:い)?(?:ない|ません))"
)
_BLIND_SPOT = re.compile(r"[^、。,\s]{0,12}" + _NOT_SEEN + r"[^、。!?]{0,12}")
# The place first, then the camera that does not see it: 「東の端は防犯カメラに映らない」.
_BLIND_BEFORE = re.compile(
    r"[^、。,\s]{0,16}(?:防犯|監視)カメラ(?:に|で|から)(?:は|も)?" + _NOT_SEEN + r"[^、。!?]{0,12}"
)
# Where the camera does not see is named as a place: 「東側の植え込みのあたり」「裏手」「奥」.
_PLACE = re.compile(
    r"側|あたり|辺り|付近|周辺|奥|裏|隅|角|端|手前|入口|出口|階段|通路|植え込み|物陰|陰|"
    r"駐輪場|駐車場|トイレ|裏手|エリア|部分|ところ|ほう|方"
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
    found = [(m.start(), m.end()) for m in _FACILITY.finditer(draft.text)]
    yield from (Hit(a, b) for a, b in found)
    text = draft.text
    for m in _CAMERA.finditer(text):
        s, e = draft.sentence_at(m.start())
        before = _BLIND_BEFORE.search(text, s, e)
        if (
            before is not None
            and _PLACE.search(before.group())
            and not any(a <= before.start() < z for a, z in found)
        ):
            found.append((before.start(), before.end()))
            yield Hit(before.start(), before.end())
        for b in _BLIND_SPOT.finditer(text, m.end(), e):
            if _PLACE.search(b.group()) is None:
                continue
            if not any(a <= b.start() < z for a, z in found):
                found.append((b.start(), b.end()))
                yield Hit(b.start(), b.end())


# Physical security of a building (§4(3)): where a key is left unattended, and when the
# building's alarm is armed or its guard leaves. Words are data (checks/data/words.toml).
_KEY_WORDS = word_list("key_words")
_KEY = re.compile("|".join(map(re.escape, sorted(_KEY_WORDS, key=len, reverse=True))))
_UNATTENDED = "|".join(
    map(re.escape, sorted(word_list("unattended_places"), key=len, reverse=True))
)
# A hiding place: a side of a thing (「消火器ボックスの裏」「植木鉢の下」) or a container nobody
# watches (郵便受け, 傘立て), and the key put or kept there by the writer: 「…の裏に置いて
# おきます」「…の中に入っています」「…の下です」. A request to return it there
# (「郵便受けに入れてください」) says nothing about where to find it.
_HIDDEN_KEY = re.compile(
    r"(?:の(?:裏|下|中|奥|陰|内側|すき間|隙間|上|横|後ろ)(?:側)?|(?:"
    + _UNATTENDED
    + r")(?:の中|の下|の裏)?)"
    r"\s*(?:に|へ)?\s*(?:置いて(?:おき|あり|お|い|ま)|置きます|隠して|隠し|入って(?:い|お|ま)|"
    r"入れて(?:おき|あり|お|ます)|保管して(?:い|お|あり)|(?:掛|か)けて(?:あり|おき|お)|"
    r"(?:入れ|置い|隠し|挟ん|貼っ)と(?:き|く|いた|いて|り|る)|(?:入れ|置い|隠し)てる|入っと(?:り|る)|"
    r"貼って(?:あり|おき)|貼り付けて|あります|あり[、,]|です)"
)
# A warning about keys (「車の中に鍵を置いたままにしないで」) is advice, not a hiding place.
_KEY_ADVICE = re.compile(r"たまま|ないで|ないよう|しない|禁止|注意|危険|やめ|盗")
_ALARM_WORDS = word_list("alarm_words")
_ALARM = re.compile("|".join(map(re.escape, sorted(_ALARM_WORDS, key=len, reverse=True))))
_ALARM_TIME = re.compile(r"(?<!\d)\d{1,2}\s*(?:時(?!間)|:)\s*(?:\d{1,2}\s*分?|半)?")
_ALARM_STATE = re.compile(
    r"セット|作動|起動|稼働|解除|オン|オフ|切(?:れ|り|っ|ら)|入(?:り|る|っ)|かか(?:り|る|っ)|"
    r"帰(?:り|る|っ)|退勤|不在|いなく|いな(?:い|く)|無人|巡回|交代"
)

_ALARM_HOURS = re.compile(
    r"\s*(?:は|が|の(?:時間|稼働時間|作動時間)は|:)?\s*(?:毎日|毎晩|平日は?|休日は?)?\s*(?:夜|朝|午前|午後|深夜|夕方)?\s*\d{1,2}\s*(?:時|:)\s*(?:\d{1,2}\s*分?|半)?\s*"
    r"(?:から|より|~|～|〜|-)\s*(?:翌)?(?:夜|朝|午前|午後|深夜|夕方)?\s*\d{1,2}\s*(?:時|:)\s*(?:\d{1,2}\s*分?|半)?"
)

_BROKEN = re.compile(
    r"故障(?:して|し|中|した|のまま)|壊れて|壊れた(?:まま|ので|状態)|修理待ち|修理中|"
    r"直って(?:い)?(?:ない|ません)|作動しない|作動していない|動いていない|反応しない|鳴らない|"
    r"(?:電源|スイッチ)が切れたまま|止まったまま|外れたまま|切ったまま"
)
# Where or when nobody watches, said of a part of the building: 「東側の通用口だけは水曜の夜は誰も
# 見ていない」「裏口はノーチェック」. Only words that say so (not 無人, which closing notices use).
_UNWATCHED = re.compile(
    r"(?:誰も|だれも|誰ひとり)(?:見て|見張って|見回って|チェックして)(?:い|お)?(?:ない|ません|なく|ねー|へん)|"
    r"ノーチェック|素通りでき|手薄(?:です|だ|な|に)|死角(?:です|だ|になって|があり)|見張りが(?:いない|いません|おらん)"
)
_ENTRANCE = re.compile(
    r"通用口|裏口|勝手口|非常口|搬入口|通用門|裏門|職員玄関|夜間出入口|窓|倉庫|金庫|サーバー室|書庫|庁舎|"
    r"センサー|カメラ"
)
# A watching device out of order, said with where or when: 「倉庫の防犯カメラ、先週から壊れたまま」.
# A notice to users (「センサーが故障中のため、手動で開けてください」「ご不便をおかけします」)
# tells them what to do, not where the building is blind.
_WATCH_DEVICE = re.compile(r"防犯カメラ|監視カメラ|センサー|オートロック|電子錠")
_NOTICE_TO_USERS = re.compile(
    r"ご不便|ご迷惑|ご了承|手動で|ご利用(?:いただけ|でき)|使用(?:でき|中止)|閉鎖"
)
_WHEN = re.compile(r"夜|曜|(?<!\d)\d{1,2}\s*時|休日|土日|祝日|年末|深夜|早朝|昼休み|週末")
_BROKEN_ADVICE = re.compile(
    r"ないか|点検|確認し(?:ましょう|てください)|ご連絡|お知らせください|交換しました|復旧"
)
# Few people on guard, said of the building at night or on holidays: 「夜間の宿直は職員1人だけ」
# 「守衛さんは一人しかいません」. A clinic's doctor on duty (当直医は1人) is service capacity.
_THIN_GUARD = re.compile(
    r"(?:1|一|ひと)\s*(?:人|名)\s*(?:だけ|のみ|しか|きり|体制)"
    # rounds made rarely: 「巡回も夜間1回のみ」「見回りは一晩に一度だけ」
    r"|(?:巡回|見回り|パトロール)[^。\n]{0,10}?(?:1|一|ひと)\s*(?:回|度)\s*(?:だけ|のみ|しか|きり)"
)
# Switched off for a while (工事・更新のため停止): with when, it tells when the building is open.
_ALARM_OFF = re.compile(r"停止|休止|止め|止ま|外し|切り替え(?:中|の間)|使え(?:ない|ません|なく)")
_PERIOD = re.compile(
    r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日[^。\n]{0,20}?(?:から|より|~|～|〜)|"
    r"(?:年末年始|連休|休日|土日|夜間|期間中|その間|工事(?:の)?期間)"
)
# Cash carried on a routine (§4(3)): 「集めた現金は毎日4時過ぎに1人で銀行へ運んでいます」 tells
# when and how to rob it. Words are data (checks/data/words.toml).
_CASH_WORDS = word_list("cash_words")
_CASH = re.compile("|".join(map(re.escape, sorted(_CASH_WORDS, key=len, reverse=True))))
_CARRY = re.compile(
    r"運(?:ん|び|ば|ぶ)|持って(?:行|い)|持参|届け|預け(?:に|て|入れ)|入金しに|搬送|移送|輸送"
)
_ROUTINE = re.compile(
    r"(?<!\d)\d{1,2}\s*(?:時|:\d\d)|毎(?:日|朝|夕|晩|週)|(?:1|一|ひと)\s*(?:人|名)|歩いて|徒歩|自転車|"
    r"ルート|経路|いつも|決まって"
)

# A key kept in a named container (「書庫の手前のロッカーに、予備の鍵と衛星電話を保管しています」):
# the place comes first, the key after it.
_KEY_KEPT_IN = re.compile(
    r"(?:ロッカー|金庫|キーボックス|引き出し|引出し|棚|箱|ボックス|ケース|書庫)(?:の中)?に[、,]?[^。\n]{0,30}?"
    r"(?:鍵|合鍵|カギ|かぎ|キー)(?:と[^。\n]{0,12}?)?を(?:保管して|置いて|入れて|しまって|隠して)"
)
# A way in left open (「裏のフェンスが壊れとって夜は簡単に入れる」) and what a camera does not see
# (「防犯カメラ、裏の駐輪場だけは映らん」).
_BREACH = re.compile(
    r"(?:フェンス|柵|塀|門|扉|ドア|窓|鍵|錠)[^。\n]{0,6}?(?:壊れ|外れ|開いた|開きっぱなし|開けっぱなし|かからな)"
    r"[^。\n]{0,20}?(?:入れる|入れます|入れるん|入れて|侵入でき|出入りでき|入り放題)"
)
_CAMERA_BLIND = re.compile(
    r"(?:だけ|のところ|の辺り|あたり|付近|奥|側)(?:は|が)?(?:映ら|写ら|(?:映|写)って(?:い|お)?(?:な|らず|ませ)|死角)"
    r"|しか(?:映|写)って(?:い|お)?(?:ない|らず|ません)"
)
# Where people fleeing violence are sheltered (「DVで避難されている方の避難先として、…地区の旧教員
# 住宅を利用しています」): the place is what their pursuers look for.
_SHELTER = re.compile(
    r"(?:DV|配偶者(?:から)?の暴力|ストーカー|虐待)[^。\n]{0,40}?(?:避難先|シェルター|一時保護(?:先|施設)?|保護施設)"
    r"[^。\n]{0,6}?(?:として|は|に)[、,]?[^。\n]{0,25}?(?:地区|町|住宅|施設|アパート|マンション|寮)"
)

PHYSICAL_REQUIRES = (
    *_KEY_WORDS,
    *("壊れ", "外れ", "開いた", "開きっぱなし", "開けっぱなし", "かからな"),
    *("映ら", "写ら", "映って", "写って"),
    *("DV", "暴力", "ストーカー", "虐待"),
    *_ALARM_WORDS,
    *_CASH_WORDS,
    *("誰も", "だれも", "誰ひとり", "ノーチェック", "素通り", "手薄", "死角", "見張り"),
    *("カメラ", "センサー", "オートロック", "電子錠"),
)


def physical_security_detail(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    devices = _WATCH_DEVICE.search(text) is not None
    unwatched = _UNWATCHED.search(text) is not None
    facility: list[int] | None = None  # SEC005's hits, found on first need
    for s, e in draft.sentences:
        advice = _KEY_ADVICE.search(text, s, e) is not None
        k = _KEY.search(text, s, e)
        if k is not None and not advice:
            h = _HIDDEN_KEY.search(text, k.end(), e)
            if h is not None:
                yield Hit(k.start(), h.end())
        a = _ALARM.search(text, s, e)
        if a is not None:
            t = _ALARM_TIME.search(text, s, e)
            st = _ALARM_STATE.search(text, a.end(), e)
            if t is not None and st is not None:
                yield Hit(min(a.start(), t.start()), max(st.end(), t.end()))
                continue
            # Its hours as a range: 「機械警備は夜10時から朝6時までです」.
            r = _ALARM_HOURS.match(text, a.end(), e)
            if r is not None:
                yield Hit(a.start(), r.end())
                continue
            # Out of order: 「防犯センサーも先月から故障していて修理待ち」 tells when the building
            # is unguarded; a reminder to check one (「故障していないか点検を」) does not.
            b = _BROKEN.search(text, a.end(), e)
            if b is not None and _BROKEN_ADVICE.search(text, s, e) is None:
                yield Hit(a.start(), b.end())
                continue
            off = _ALARM_OFF.search(text, a.end(), e)
            if (
                off is not None
                and _PERIOD.search(text, s, e) is not None
                and _BROKEN_ADVICE.search(text, s, e) is None
            ):
                g = _THIN_GUARD.search(text, off.end(), e)
                yield Hit(a.start(), g.end() if g is not None else off.end())
                continue
            g = _THIN_GUARD.search(text, a.end(), e)
            if g is not None and "医" not in text[s:e] and not advice:
                yield Hit(a.start(), g.end())
        d = _WATCH_DEVICE.search(text, s, e) if devices else None
        b = _BROKEN.search(text, d.end(), e) if d is not None else None
        if (
            d is not None
            and b is not None
            and _BROKEN_ADVICE.search(text, s, e) is None
            and _NOTICE_TO_USERS.search(text, s, e) is None
            and (_ENTRANCE.search(text, s, e) is not None or _WHEN.search(text, s, e) is not None)
        ):
            yield Hit(d.start(), b.end())
        u = _UNWATCHED.search(text, s, e) if unwatched else None
        p = _ENTRANCE.search(text, s, u.start()) if u is not None else None
        if u is not None and p is not None and _WHEN.search(text, s, e) is not None and not advice:
            yield Hit(p.start(), u.end())
        if not advice:
            for rx in (_KEY_KEPT_IN, _BREACH, _SHELTER):
                m = rx.search(text, s, e)
                if m is not None:
                    yield Hit(m.start(), m.end())
            # The watching device found above (d), and where it does not see.
            blind = _CAMERA_BLIND.search(text, d.end(), e) if d is not None else None
            # A camera's coverage named with the system's words is SEC005's: reported once.
            if d is not None and blind is not None:
                if facility is None:
                    facility = [h.start for h in system_facility_detail(draft)]
                if not any(s <= h < e for h in facility):
                    yield Hit(d.start(), blind.end())
        c = _CASH.search(text, s, e)
        if c is not None and not advice:
            carry = _CARRY.search(text, c.end(), e)
            if carry is not None and len(_ROUTINE.findall(text, s, e)) >= 2:
                yield Hit(c.start(), carry.end())


# Where the city's credentials can be found or received, without their values (§4(3)): a list
# or memo of IDs and passwords shown on a wall or desk (in a photo, 「ホワイトボードに貼って
# あるのはIDとパス一覧」), the device an official account's second factor goes to (「2段階認証
# のコードは係の共用スマホに届きます」), and an official account's login address.
_CRED_LIST = re.compile(
    r"(?:(?:ID|ＩＤ|アカウント|ログイン|ユーザー名)\s*(?:と|・|や|&|/|／)?\s*(?:パスワード|パス|PW)"
    r"|パスワード|暗証番号|ログイン情報|アカウント情報|認証情報)\s*"
    r"(?:の|を書いた|を書いてある|が書いてある|が書かれた|をまとめた|を控えた)?\s*"
    r"(?:一覧|リスト|メモ|付箋|ふせん|控え|表|紙|ノート|早見表)",
    re.IGNORECASE,
)
_SHOWN = re.compile(
    r"貼って|貼り|張って|写って|写り|映って|置いて|掲示|見え|かけて|掛けて|ぶら下げ|"
    r"あります|あるの|です|公開|ご紹介|ちら見せ|チラ見せ"
)
_SECOND_FACTOR = re.compile(
    r"(?:2段階認証|二段階認証|2要素認証|二要素認証|多要素認証|ワンタイムパスワード|ワンタイム|"
    r"認証コード|確認コード|セキュリティコード|SMS認証)(?:の|用の)?(?:コード)?(?:は|が|も)"
    r"[^。\n]{0,30}?(?:共用|共有|係の|課の|担当者?の|公用|庁内|職員用|業務用|末尾\s*\d{3,4})"
    r"[^。\n]{0,20}?(?:に届|に送られ|で受け|に来|で受信|に飛)"
)
# A second-factor code given with its value (「認証コードは 4821」, 「確認コード「306 117」」).
_CODE_VALUE = re.compile(
    r"(?:認証コード|確認コード|ログインコード|ワンタイムパスワード|ワンタイムコード|"
    r"セキュリティコード|PINコード|PIN|2段階認証のコード|二段階認証のコード)"
    r"\s*(?:は|:|：|=)?\s*[「『(]?\s*\d{3}[\s\-]?\d{1,5}(?!\d)",
    re.IGNORECASE,
)
# A password or ID on a board, note or screen that a photo shows (「付箋のパスワードが写って
# ます」, 「モニターにパスワードが映り込んでいます」).
_CRED_SURFACE = re.compile(
    r"(?:ホワイトボード|黒板|ボード|付箋|ふせん|メモ|画面|モニター|ディスプレイ|壁|机|PC|パソコン)"
    r"(?:に|の|上の|に貼った|に書いた)?[^。\n]{0,30}?"
    r"(?:パスワード|パス(?!ポート|タ|ト|ス|ケース)|PW|暗証番号|ログイン情報|認証情報)",
    re.IGNORECASE,
)
_IN_PHOTO = re.compile(r"写っ|写り|映っ|映り|見えて|見えちゃ|読め|丸見え|ばっちり")
_LOGIN_ADDRESS = re.compile(
    r"(?:ログイン(?:用)?の?(?:メール(?:アドレス)?|アドレス|ID)|アカウントの(?:メール(?:アドレス)?|ID)|"
    r"登録(?:用)?メール(?:アドレス)?)\s*(?:は|:|：)\s*[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+"
)
# Advice to residents about their own passwords (「パスワードのメモを貼らないで」).
_CRED_ADVICE = re.compile(
    r"ないで|ないよう|注意|やめ|避け|禁止|危険|しましょう|ご自身|ご自分|皆さん"
)
CREDENTIAL_PLACE_REQUIRES = (
    "パス",
    "PW",
    "pw",
    "暗証",
    "ログイン",
    "認証",
    "アカウント",
    "ワンタイム",
    "コード",
    *sorted(link_data().admin_path_segments),
    *sorted(label + "." for label in link_data().admin_host_labels),
)


# The sign-in page of a system's administration (a CMS, a blog's dashboard): posted, it shows
# attackers where to try passwords. Residents' own sign-in pages (電子申請, マイナポータル) are
# services, and stay clean. Names are data (checks/data/links.toml admin_path_segments,
# admin_host_labels).
def _admin_login(u: Url) -> bool:
    data = link_data()
    segments = [p.lower() for p in u.path.split("/") if p]
    if any(p in data.admin_path_segments for p in segments):
        return True
    labels = u.host.lower().split(".")
    return len(labels) > 2 and labels[0] in data.admin_host_labels


def credential_place(draft: Draft) -> Iterator[Hit]:
    for u in draft.urls:
        if _admin_login(u):
            yield Hit(u.start, u.end)
    text = draft.folded
    rxs = (_CRED_LIST, _SECOND_FACTOR, _LOGIN_ADDRESS, _CODE_VALUE, _CRED_SURFACE)
    if not any(rx.search(text) for rx in rxs):
        return
    for s, e in draft.sentences:
        if _CRED_ADVICE.search(text, s, e) is not None:
            continue
        m = _CRED_LIST.search(text, s, e)
        if m is not None and _SHOWN.search(text, s, e) is not None:
            yield Hit(m.start(), m.end())
        elif (m := _CRED_SURFACE.search(text, s, e)) is not None and (
            p := _IN_PHOTO.search(text, m.end(), e)
        ) is not None:
            yield Hit(m.start(), p.end())
        c = _CODE_VALUE.search(text, s, e)
        if c is not None:
            yield Hit(c.start(), c.end())
        for rx in (_SECOND_FACTOR, _LOGIN_ADDRESS):
            f = rx.search(text, s, e)
            if f is not None:
                yield Hit(f.start(), f.end())
