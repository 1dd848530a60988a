"""§3(3), §6(2)③: residents' personal information."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from checks.analysis import Draft, Token, pos_has
from checks.links import account_handles, is_public
from checks.registry import Hit
from checks.words import word_list

# Honorifics after a personal name, and titles after them that make the named person a
# public figure acting in office (checks/data/words.toml).
HONORIFICS = word_list("honorifics")
_OFFICE_TITLES = word_list("office_titles")
# What makes a named resident identifiable: age, residence, address, school and grade.
_IDENTIFYING = re.compile(
    r"\d{1,3}\s*歳|[(（]\s*\d{1,3}\s*[)）]|在住|お住まい|住む|住んで|宅|自宅|番地|丁目|\d+番\d*号?|"
    r"(?:小学校|中学校|高校|高等学校|小学|中学|幼稚園|保育所|保育園|こども園|[一-龥]小|[一-龥]中)\s*\d\s*年|"
    r"\d\s*年\s*\d\s*組|\d\s*年生|"
    # a birth year: 平成20年生まれ, 2008年生
    r"(?:昭和|平成|令和|19|20)\s*\d{1,2}\s*年\s*(?:生まれ|生)"
)


def _is_person_name(t: Token) -> bool:
    return pos_has(t.pos_id, 2, "人名")


_HONORIFIC_RE = re.compile("|".join(sorted(HONORIFICS, key=len, reverse=True)))
HONORIFIC_AFTER = re.compile(r"\s*(?:" + _HONORIFIC_RE.pattern + ")")


def _named_people(draft: Draft) -> Iterator[tuple[int, int]]:
    """(start, end) of "佐藤ゆいさん", "石川博之氏": a personal name with an honorific."""
    tokens = draft.tokens
    n = len(tokens)
    # Start from the honorifics (few) rather than scanning every token for names.
    for m in _HONORIFIC_RE.finditer(draft.text):
        k = draft.token_index_at(m.start())
        if k is None or tokens[k].surface not in HONORIFICS:
            continue
        j = k - 1
        while j >= 0 and tokens[j].surface.isspace():
            j -= 1
        if j < 0 or not (_is_person_name(tokens[j]) or tokens[j].surface == "子"):
            continue
        i = j
        while i - 1 >= 0 and (_is_person_name(tokens[i - 1]) or tokens[i].surface == "子"):
            i -= 1
        if not _is_person_name(tokens[i]):
            continue
        if k + 1 < n and tokens[k + 1].surface in _OFFICE_TITLES:
            continue
        yield tokens[i].begin, tokens[k].end


# The bracket right after a name: "(84歳)", "(東温市志津川123番地)", "(090-…)".
_AGE_AFTER = re.compile(r"\s*[(（][^()（）\n]{1,30}[)）]")


# "石田様宅から野口様宅の間": another person's house named as a landmark (road works), whose
# 宅 says nothing about the next name.
_LANDMARK_HOME = re.compile(r"(?:さん|様|さま|氏)宅")
# Photo captions and children: "(写真左から)越智陽翔さん、…" in a post about a school class.
_CAPTION = re.compile("|".join(sorted(word_list("caption_words"), key=len, reverse=True)))
_CHILDREN = re.compile(
    r"小学校|中学校|小学生|中学生|高校生|義務教育学校|幼稚園|保育所|保育園|こども園|児童|生徒|園児|"
    r"\d\s*年生|[一二三四五六]年生|子どもたち|子供たち|"
    # 「重信小4年」「川内中2年」: a school shortened to 小/中 with the grade
    r"[一-龥]小\s*\d\s*年|[一-龥]中\s*\d\s*年|"
    # a nursery class named in kana: ひまわり組, ひよこ組
    r"(?<![ぁ-ん])[ぁ-ん]{2,5}組"
)


# A reply that opens by addressing a resident by name (「中川様」 on its own line, or 「中川様、お問い
# 合わせありがとうございます」) and is about what they asked or went through: a public post
# ties the name to their matter (a benefit, a complaint, a consultation).
_SALUTATION_AFTER = re.compile(r"[ \t　]*(?:[、,:：]|\n|$)")
_REPLY_MATTER = re.compile(
    "|".join(sorted(word_list("answer_words"), key=len, reverse=True))
    + r"|の件|について(?:は|ですが)|申し訳|お詫び|おわび"
)


def _salutation(draft: Draft, start: int, end: int) -> bool:
    line = draft.folded.rfind("\n", 0, start) + 1
    if draft.folded[line:start].strip() or not _SALUTATION_AFTER.match(draft.folded, end):
        return False
    return _REPLY_MATTER.search(draft.folded, end, end + 200) is not None


# 「ご本人の了承を得てご紹介します」: the resident agreed to be named (a volunteer, an award).
_OWN_CONSENT = re.compile(
    r"(?:ご本人|本人|ご家族)の?(?:了承|同意|許可|承諾)を(?:得て|いただいて|いただき|頂いて)"
)


def identifiable_resident(draft: Draft) -> Iterator[Hit]:
    if _OWN_CONSENT.search(draft.folded):
        return
    named = list(_named_people(draft))
    children: bool | None = None
    for start, end in named:
        if _salutation(draft, start, end):
            yield Hit(start, end)
            continue
        s, _ = draft.sentence_at(start)
        # Context inside the same sentence, up to 30 characters before the name and the
        # bracket right after it: "南方地区にお住まいの高橋ヨシ子さん(84歳)".
        window_start = max(s, start - 30)
        after = _AGE_AFTER.match(draft.folded, end)
        stop = after.end() if after else end
        before = _LANDMARK_HOME.sub("  ", draft.folded[window_start:start])
        if _IDENTIFYING.search(before + draft.folded[end:stop]):
            yield Hit(start, stop)
            continue
        # A caption naming the people in a photo of children: face, name and school.
        line = draft.folded.rfind("\n", 0, start) + 1
        if _CAPTION.search(draft.folded[max(line, start - 60) : start]):
            if children is None:
                children = _CHILDREN.search(draft.folded) is not None
            if children:
                yield Hit(start, stop)
    yield from _captioned_children(draft, named)
    yield from _kana_full_names(draft, named)


# A full name written out in katakana, family and given name apart (「イシカワ ユウト」さん), as
# cards and lists print it: the dictionary does not know it as a name. With an age, a birth
# year or an address right before or after, the person is identified.
_KANA_FULL_NAME = re.compile(
    r"[「『]?(?<![ァ-ヶー])[ァ-ヶー]{2,7}[ 　・][ァ-ヶー]{2,7}(?![ァ-ヶー])[」』]?"
    r"\s*(?:さん|様|さま|氏|くん|ちゃん)"
)


def _kana_full_names(draft: Draft, named: list[tuple[int, int]]) -> Iterator[Hit]:
    text = draft.folded
    for m in _KANA_FULL_NAME.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in named):
            continue
        s, e = draft.sentence_at(m.start())
        if _IDENTIFYING.search(text, max(s, m.start() - 30), min(e, m.end() + 25)):
            yield Hit(m.start(), m.end())


# A child's name with a given name in kana (「近藤ゆいなちゃん」「渡部はるとくん」), which the
# dictionary splits into pieces that are not all names: a kanji surname, two to five kana and
# an honorific.
_KANA_CHILD = re.compile(r"(?<![一-龥々])[一-龥々]{2,3}[ぁ-んァ-ヶー]{2,5}(?:ちゃん|くん|君|さん)")


def _captioned_children(draft: Draft, named: list[tuple[int, int]]) -> Iterator[Hit]:
    """Children named in a photo caption (写真左から, 前列) of a post about a school or a
    nursery: face, name and class together."""
    text = draft.folded
    if _CHILDREN.search(text) is None:
        return
    for c in _CAPTION.finditer(text):
        line_end = text.find("\n", c.end())
        line_end = len(text) if line_end < 0 else line_end
        for m in _KANA_CHILD.finditer(text, c.end(), min(line_end, c.end() + 200)):
            if any(a <= m.start() < b or m.start() <= a < m.end() for a, b in named):
                continue
            named.append(m.span())
            yield Hit(m.start(), m.end())


_DESCRIBED = re.compile(
    r"[\u4e00-\u9fff\u30a0-\u30ff]{1,6}(?:地区|町|在住)の(?:[^、。\n]{1,12}の)?"
    r"(?:男性|女性|男の子|女の子|男児|女児|方|夫婦|世帯|高齢者)\s*[(（]\s*\d{1,3}\s*(?:歳|代)[^)）]{0,4}[)）]"
)


# 「田窪の坂のとこで一人暮らししてる93のおばあちゃん」: a resident pointed at by where they live,
# their exact age and their situation (checks/data/words.toml), without a name. An age band
# (80代) or a threshold (65歳以上の方) describes a group, not a person.
_PERSON_NOUN = (
    r"(?:お?ばあ(?:ちゃん|さん|さま)|お?じい(?:ちゃん|さん|さま)|男性|女性|方|女の子|男の子|"
    r"高齢者|奥さん|ご主人|おばあちゃん|おじいちゃん)"
)
_AGE_OF = r"(?<![\d~〜\-])\d{2,3}\s*(?:歳|才)?\s*(?:の|に(?:なる|なった))\s*"
# Living and care situations; injuries and deaths are left to accident news (a missing person
# or an accident is posted with the police or the family, below).
_EVENTS = {"死亡", "逝去", "負傷", "けが", "骨折", "行方不明"}
SITUATION_REQUIRES = tuple(w for w in word_list("situation_words") if w not in _EVENTS)
_SITUATIONS = "|".join(sorted(SITUATION_REQUIRES, key=len, reverse=True))
# A search for a missing resident or news of an accident, given out with the police.
_NOTICE = re.compile(
    r"行方不明|捜して|探して|捜索|見かけた方|お心当たり|警察|事故|搬送|防災行政無線"
)
_SITUATED = re.compile(rf"(?:{_SITUATIONS})[^。\n]{{0,12}}?{_AGE_OF}{_PERSON_NOUN}")
_PLACE = re.compile(
    r"[一-龥ァ-ヶ]{1,5}(?:地区|町|団地|丁目|通り|集落)|[一-龥ァ-ヶ]{2,5}の(?:坂|角|奥|はずれ|外れ|あたり|辺り|近く|とこ|ところ)"
)


# 「コインランドリーの隣、去年ご主人を亡くされて今はお一人で施設に入られている方」: one resident
# pointed at, without a name, by a landmark next to their home and what happened to them. Any
# two traits of one person, one of them where they live, are enough for the neighbours.
_LANDMARK = re.compile(
    r"[一-龥ァ-ヶーA-Za-z]{2,10}の(?:隣|となり|向かい|真向かい|裏|角|横|斜め前|並び|二軒隣|奥)|"
    r"[一-龥ァ-ヶー]{1,6}(?:地区|町|団地|集落|丁目)|[一-龥ァ-ヶー]{2,6}(?:沿い|のはずれ|の外れ)"
)
_LIFE_EVENT = re.compile(
    r"を亡くされ|に先立たれ|を亡くし(?:て|た)|離婚され|退院され|入院され|入所され|倒れられ|"
    r"引っ越してこられ|越してこられ|転居され"
)
_ALONE = re.compile(
    r"お一人で|おひとりで|お独りで|一人で暮らし|独りで暮らし|施設に入(?:られ|所され|って)|"
    r"入院(?:中|され)|寝たきり|認知症|要介護|車いす|車椅子"
)
_EXACT_AGE = re.compile(
    r"(?<![\d~〜\-])\d{2,3}\s*(?:歳|才)(?![\d]*\s*(?:以上|以下|未満|から|~|〜))"
)
_ONE_PERSON = re.compile(
    r"(?P<who>方|男性|女性|お?ばあ(?:ちゃん|さん|さま)|お?じい(?:ちゃん|さん|さま)|ご夫婦|お宅|ご家族)"
    r"(?:の(?:持ち家|お宅|家|自宅|土地|空き家)|が|は|で(?:す|、)|に|を|の方|から|と|について)"
)
# A description of whom a service is for is a group: 「…の方は申請できます」「…の方を対象に」.
_GROUP = re.compile(
    r"方(?:は|も)?[^。\n]{0,10}(?:対象|申請|ご相談|ご利用|お申し込み|お問い合わせ|できます|ください)|方々|皆さん|皆様|など|ような|場合"
)
# A landmark naming where something took place (「市役所の隣のホールで、」) is a venue, not a home.
_VENUE = re.compile(r"(?:の[一-龥ァ-ヶー]{1,8})?(?:で|にて)(?:[、,]|開|行|催|実施|撮)")
# The anchors of the descriptions below (a district resident, a familiar word after a place, a
# child with an age in brackets, a home by a landmark): a draft without one is skipped at once.
_DISTRICT_ANCHORS = (
    "お住まい",
    "お住い",
    "在住",
    "住んで",
    "住む",
    "地区",
    "団地",
    "集落",
    "沿い",
    "の近く",
    "の裏",
    "の角",
    "のはずれ",
)
_FOLK_ANCHORS = (
    "おっさん",
    "おっちゃん",
    "おばちゃん",
    "おばあちゃん",
    "おじいちゃん",
    "奥さん",
    "旦那さん",
    "双子ちゃん",
    "息子さん",
    "娘さん",
    "家の方",
    "家の人",
    "お宅の方",
    "お宅の人",
    "さんち",
    "あの方",
    "あの人",
    "あのおじさん",
    "あのおばさん",
    "あの男性",
    "あの女性",
    "あのおじいさん",
    "あのおばあさん",
)
_CHILD_AGE_ANCHORS = ("くん(", "君(", "ちゃん(", "くん (", "ちゃん (", "くん（", "君（", "ちゃん（")
_HOME_AT_ANCHORS = (
    "様のお宅",
    "さんのお宅",
    "様の宅",
    "さんの宅",
    "の裏の",
    "の隣の",
    "のとなりの",
    "の向かいの",
    "の角の",
    "の横の",
)
DESCRIPTION_REQUIRES = (
    *_DISTRICT_ANCHORS,
    *_FOLK_ANCHORS,
    *_CHILD_AGE_ANCHORS,
    *_HOME_AT_ANCHORS,
    "年生",
    "年長",
    "年中",
    "年少",
    "宅",
    "家",
    "の隣",
    "向かい",
    "亡くされ",
    "先立たれ",
    "お一人で",
    "おひとりで",
    "施設に入",
)


# How the home looks (「赤い瓦屋根の家」「白い門のお宅」), a daily habit seen by the
# neighbours (「毎朝犬と川沿いを歩いている」), and an age and sex (「ご年配の男性」).
_HOME_LOOK = re.compile(
    r"(?:青い|赤い|白い|黒い|茶色い|黄色い|緑の|水色の|トタン|瓦|かやぶき|茅葺き|レンガ|洋風の|古い|大きな)"
    r"[^。\n、]{0,6}?(?:屋根|壁|外壁|門|塀|垣根|生け垣|車庫|玄関|戸|家|お宅|住宅)"
)
_HABIT = re.compile(
    r"(?:毎朝|毎晩|毎夕|毎日|いつも|朝晩|夕方になると)[^。\n]{0,16}?"
    r"(?:散歩|連れて|歩いて|走って|通って|座って|立って|掃除|体操|見かけ)"
)
_AGE_SEX = re.compile(
    r"(?:ご年配の|年配の|ご高齢の|高齢の|お年寄りの|若い|\d{2}代の|中年の)(?:男性|女性|方|ご夫婦|男の人|女の人)"
)


def _traits(text: str, start: int, end: int) -> int:
    rxs = (_LIFE_EVENT, _ALONE, _EXACT_AGE, _HOME_LOOK, _HABIT, _AGE_SEX)
    return sum(rx.search(text, start, end) is not None for rx in rxs)


# A child pointed at, without a name, by school, grade and sex and one thing more that the
# class knows (「西小学校に通う、県大会で入賞した4年生の男の子」).
_CHILD_SCHOOL = re.compile(
    r"[一-龥ァ-ヶー]{1,8}(?:小学校|中学校|小|中|保育所|保育園|幼稚園|こども園)(?:に通う|の|に在籍)"
)
_CHILD_WHO = re.compile(
    r"(?:[1-6１-６]年生|年長|年中|年少)(?:の)?(?:女の子|男の子|女子|男子|女児|男児|お嬢さん|息子さん|娘さん)"
)
_CHILD_EXTRA = re.compile(
    r"優勝|[1１]位|入賞|表彰|金賞|代表に選ばれ|お家の前|家の前|自宅の|兄|姉|弟|妹|双子|転校|引っ越"
)


# A home named by a name with letters hidden or an initial (「田○様宅」「Kさん宅」) and placed by a
# landmark or a block (「（3丁目の郵便局の裏）」): the mask hides nothing from the neighbours.
_MASKED_HOME = re.compile(
    r"(?:[一-龥]{1,3}[○〇●◯×＊*■□]{1,3}|(?<![A-Za-z])[A-Z])\s*(?:さん|様|さま|氏)(?:の)?\s*(?:宅|お宅|家|方)"
    r"[\s、,(（]*[^。\n)）]{0,20}?(?:向かい|隣|となり|裏|角|横|前|丁目|番地|地区|団地|集落)"
)


# 「北方地区にお住まいの一人暮らしの80代男性」「重信地区の70代の一人暮らしの女性」「北方にお住まいの
# 渡部○○様」: one resident placed in a district (not the whole city) and told apart there by an
# age band with living alone, a life event or a masked name. Said of whom a service is for
# (「…の方は申請できます」) it is a group.
_DISTRICT = re.compile(
    r"(?<![市県町村])(?P<place>[一-龥ァ-ヶー]{1,6}?)(?:地区)?(?P<mark>にお住まい|にお住い|在住|に住んで(?:い|お)られる|に住む)の"
    r"|(?<![市県町村])[一-龥ァ-ヶー]{1,6}(?:地区|団地|集落)の"
    r"|(?<![市県町村])[一-龥ァ-ヶー]{1,6}の[一-龥ァ-ヶー]{1,6}(?:沿い|の近く|の裏|の角|のはずれ)(?:で|の|に)"
)
# 「北吉井の森様のお宅の前」「南方の〇〇保育園の裏のお宅から」: a resident's home placed by a district
# and a name or a landmark.
_HOME_AT = re.compile(
    r"[一-龥ァ-ヶー]{1,6}の(?:[一-龥ァ-ヶー○〇]{1,4}(?:様|さん)の(?:お宅|宅)"
    r"|[^。、\n]{1,12}?の(?:裏|隣|となり|向かい|角|横)の(?:お宅|家))"
)
_WIDE = re.compile(r"市内|市外|県内|県外|町内|全国|近隣|地域|各地|東温市|愛媛県|国内|海外|周辺")
# With a single trait (an age band), what the post tells of them must be their own matter: a
# consultation, their health or care, a loss (「…40代の方から介護のご相談」).
_OWN_MATTER = re.compile(
    r"相談|被害|亡くな|倒れ|搬送|入院|通院|介護|認知症|障害|障がい|病気|滞納|生活保護|一人暮らし|独居|離婚|"
    r"不登校|ひきこもり|引きこもり|借金|トラブル|苦情|クレーム"
)
_BAND = re.compile(r"\d0\s*代|[一二三四五六七八九]十代")
_ALONE_NOW = re.compile(
    r"一人暮らし|独り暮らし|ひとり暮らし|独居|お一人で|おひとりで|亡くされ|先立たれ|になられた"
)
_MASKED = re.compile(r"[一-龥]{1,3}[○〇●◯×＊*]{1,3}\s*(?:様|さん|さま)")
_ONE = re.compile(
    r"(?:男性|女性|方|ご夫婦|夫婦|お宅|世帯|おばあ(?:ちゃん|さん)|おじい(?:ちゃん|さん)|男の子|女の子)"
)
_MISSING = re.compile(
    r"行方不明|行方が|捜して|探して|捜索|見かけた方|お心当たりの方は[^。\n]{0,10}(?:警察|110)"
)


def _district_residents(draft: Draft) -> Iterator[tuple[int, int]]:
    text = draft.folded
    if _MISSING.search(text):
        return
    for m in _DISTRICT.finditer(text):
        if _WIDE.search(text, max(0, m.start() - 2), m.end()):
            continue
        _, e = draft.sentence_at(m.start())
        end = min(e, m.end() + 30)
        masked = _MASKED.match(text, m.end())
        if masked is not None and m.group("mark"):
            yield m.start(), masked.end()
            continue
        one = _ONE.search(text, m.end(), end)
        if one is None or _GROUP.match(text, one.start(), e):
            continue
        span = (m.start(), one.end())
        band = _BAND.search(text, m.end(), one.start())
        alone = _ALONE_NOW.search(text, m.end(), one.end())
        own = _OWN_MATTER.search(text, *draft.sentence_at(m.start()))
        if (band and alone) or (m.group("mark") and (alone or (band and own))):
            yield span


# A child named with an age in brackets (「ゆうとくん(4さい)」「渡部ゆいちゃん(5歳)」): the name, the age
# and the group or class the post is about identify the child.
_CHILD_AGED = re.compile(
    r"[一-龥ぁ-んァ-ヶー]{2,6}(?:くん|君|ちゃん)\s*[(（]\s*\d{1,2}\s*(?:さい|歳|才)\s*[)）]"
)
_CONSENT = re.compile(r"(?:同意|了承|許可|承諾)を(?:得て|いただいて|いただき|頂いて)")

# A resident pointed at by a place or a shop and a familiar word for them (「横河原のおっさん」「拝志の
# 角の家のおばあちゃん」「はなみずき商店の奥さん」), or by what the neighbours see them do (「駅前で
# いつも…歌っている、赤い帽子のあの方」).
_FOLK = re.compile(
    r"(?:おっさん|おっちゃん|おばちゃん|おばあちゃん|おじいちゃん|奥さん|旦那さん|双子ちゃん|息子さん|娘さん"
    r"|(?:家|お宅)の(?:方|人)|さんち)(?!たち|達|ら|の皆|方々)"
)
_THAT_ONE = re.compile(
    r"(?:いつも|毎日|毎朝|毎晩)[^。\n]{0,30}?あの(?:方|人|おじさん|おばさん|男性|女性|おじいさん|おばあさん)(?!たち|達|ら|々)"
)


def _pointed_residents(draft: Draft) -> Iterator[tuple[int, int]]:
    text = draft.folded
    for m in _FOLK.finditer(text):
        s, _ = draft.sentence_at(m.start())
        a = max(s, m.start() - 14)
        toks = draft.tokens_between(a, m.start())
        for i, t in enumerate(toks[:-1]):
            nxt = toks[i + 1]
            proper = len(t.pos) > 1 and t.pos[1] == "固有名詞" and t.pos[2] in ("地名", "人名")
            shop = t.surface.endswith(("商店", "食堂", "酒店", "米店", "書店", "精肉店"))
            if (proper or shop) and nxt.surface == "の" and not draft.in_quotes(t.begin, m.end()):
                yield t.begin, m.end()
                break
    for m in _THAT_ONE.finditer(text):
        yield m.start(), m.end()


def identifiable_description(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    # A home named by district and surname is PII005's; not reported twice.
    homes = (
        draft.shared(_district_homes)
        if any(w in text for w in _FOLK_ANCHORS + _HOME_AT_ANCHORS)
        else []
    )

    def _new(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in homes)

    if any(w in text for w in _DISTRICT_ANCHORS):
        for a, b in _district_residents(draft):
            yield Hit(a, b)
    if any(w in text for w in _FOLK_ANCHORS):
        for a, b in _pointed_residents(draft):
            if _new(a, b):
                yield Hit(a, b)
    if any(w in text for w in _HOME_AT_ANCHORS) and _MISSING.search(text) is None:
        for m in _HOME_AT.finditer(text):
            if _new(m.start(), m.end()):
                yield Hit(m.start(), m.end())
    if any(w in text for w in _CHILD_AGE_ANCHORS) and _CONSENT.search(text) is None:
        for m in _CHILD_AGED.finditer(text):
            yield Hit(m.start(), m.end())
    for m in _DESCRIBED.finditer(text):
        yield Hit(m.start(), m.end())
    for m in _MASKED_HOME.finditer(text):
        yield Hit(m.start(), m.end())
    # Two traits are needed, so a draft with fewer anywhere is skipped at once.
    if _traits(text, 0, len(text)) >= 2 and _NOTICE.search(text) is None:
        for s, e in draft.sentences:
            for p in _ONE_PERSON.finditer(text, s, e):
                a = max(s, p.start() - 70)
                place = next(
                    (
                        x
                        for x in _LANDMARK.finditer(text, a, p.start())
                        if not _VENUE.match(text, x.end())
                    ),
                    None,
                )
                if place is None or _GROUP.match(text, p.start(), e):
                    continue
                # What is said of them may come before or right after: 「…の方は、春に退院されて
                # から寝たきりだそうです」.
                if (
                    _GROUP.search(text, a, p.start()) is None
                    and _traits(text, place.end(), min(e, p.end() + 40)) >= 2
                ):
                    yield Hit(place.start(), p.end("who"))
                    break
    for s, e in draft.sentences:
        who = _CHILD_WHO.search(text, s, e)
        if who is None:
            continue
        # The school may be named in the sentence before (「田窪小の学級閉鎖について。最初に発熱
        # したのは田窪の5年生の男の子で…」).
        school = _CHILD_SCHOOL.search(text, max(0, who.start() - 60), who.start())
        if school is not None and _CHILD_EXTRA.search(text, school.start(), e):
            yield Hit(school.start(), who.end())
    if _NOTICE.search(text) is not None:
        return
    for m in _SITUATED.finditer(text):
        s, _ = draft.sentence_at(m.start())
        place = _PLACE.search(text, max(s, m.start() - 30), m.start())
        if place is not None:
            yield Hit(place.start(), m.end())


_PHONE = re.compile(
    r"(?<![\d\-])(?:0\d{1,4}[\-(（ ]\d{1,4}[\-)） ]\d{3,4}|0[789]0\d{8}|0\d{9})(?![\d\-])"
)
# A label that makes the number an office's fax line: private residents do not publish one.
_FAX_BEFORE = re.compile(
    r"(?:FAX|Fax|fax|ファクス|ファックス|ﾌｧｸｽ|ファクシミリ)\s*(?:番号)?\s*[:：(（]?\s*$"
)
_ORGANISATION = re.compile(
    r"(?:課|係|室|局|庁|署|所|センター|協会|協議会|組合|病院|医院|クリニック|会社|事務所|"
    r"窓口|本部|支所|公民館|学校|大学|県|市|町|村|機構|法人|団体|ダイヤル|相談|館|劇場|ホール|"
    r"店|社|会|園|駅|ホテル|旅館|温泉|施設|事務局|財団|公社|寺|神社|農協|JA|電話|TEL|Tel|tel|☎|代表|"
    # an office's duty desk out of hours
    r"宿日直|宿直|日直|当直|守衛|警備室|管理人室|受付)"
)
# A person's name or home right before the number makes it personal even with such a word.
_PERSONAL_BEFORE = re.compile(r"(?:さん|様|氏|くん|ちゃん|宅|自宅|携帯|個人)\s*[(（:：]?\s*$")


@lru_cache(maxsize=4096)
def _number_kind(number: str) -> str:
    """ "mobile", "business" (toll-free, navi-dial, shared cost, premium), "fixed" or
    "unknown", from libphonenumber's metadata for Japan (imported on first use)."""
    import phonenumbers
    from phonenumbers import PhoneNumberType as T

    try:
        parsed = phonenumbers.parse(number, "JP")
    except phonenumbers.NumberParseException:
        return "unknown"
    kind = phonenumbers.number_type(parsed)
    if kind in (T.MOBILE, T.PAGER):
        return "mobile"
    if kind in (T.TOLL_FREE, T.UAN, T.SHARED_COST, T.PREMIUM_RATE):
        return "business"
    if kind in (T.FIXED_LINE, T.FIXED_LINE_OR_MOBILE, T.VOIP):
        return "fixed"
    return "unknown"


def private_phone_number(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    numbers = [m for m in _PHONE.finditer(draft.folded)]
    org_lines: set[int] = set()
    for m in numbers:
        # A line that carries a city or organisation number is a contact line: the other
        # numbers on it (fax, a second desk) are that office's too.
        line = draft.folded.rfind("\n", 0, m.start())
        before = draft.folded[max(line + 1, m.start() - 25) : m.start()]
        if cfg.is_city_phone(m.group()) or _ORGANISATION.search(before):
            org_lines.add(line)
    for m in numbers:
        number = m.group()
        if draft.in_url_or_email(m.start(), m.end()):
            continue
        before = draft.folded[max(0, m.start() - 25) : m.start()]
        personal = _PERSONAL_BEFORE.search(before) is not None
        kind = _number_kind(re.sub(r"\D", "", number))
        if kind == "mobile":
            yield Hit(m.start(), m.end(), {"kind": "携帯電話の番号"})
        elif personal:
            # "山田さん(089-…)": a person's line, whoever's exchange it is on.
            yield Hit(m.start(), m.end(), {"kind": "個人の電話番号"})
        elif cfg.is_city_phone(number) or kind == "business" or _FAX_BEFORE.search(before):
            continue
        elif not (
            _ORGANISATION.search(before) or draft.folded.rfind("\n", 0, m.start()) in org_lines
        ):
            # A landline next to an organisation's name is that organisation's line.
            yield Hit(m.start(), m.end(), {"kind": "市以外の電話番号"})


def private_email_address(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    # "user@host" inside a link is the link's authority, not an address (harmful_link reads it).
    links = [(u.start, u.end) for u in draft.urls]
    for e in draft.emails:
        if any(a <= e.start < b for a, b in links):
            continue
        if not is_public(e.domain, cfg):
            yield Hit(e.start, e.end)


_ADDRESS = re.compile(
    r"\d{1,5}\s*番地(?:\s*\d{1,4})?|\d{1,3}\s*丁目\s*\d{1,4}\s*番(?:\s*\d{1,4}\s*号)?|\d{1,4}\s*番\s*\d{1,4}\s*号"
)
# After the address: "…番地の山田さん宅", "…2番5号 佐藤様方".
_PERSON_NEAR = re.compile(r"さん|様|氏|宅|自宅|方$")
# Before it: "山田さんの自宅(…番地)".
_HOME_OF_PERSON = re.compile(r"(?:さん|様|氏)(?:の)?(?:自宅|宅|住所)")


# A home named by its district and its family name (「北吉井の森様のお宅の前」「重信の村上さん
# 宅」): in a small town, that is an address.
_HOME_AFTER_NAME = re.compile(
    r"\s*(?:さん|様|さま|氏)\s*(?:の)?\s*(?:お宅|宅|家|自宅|ご自宅|方|ち(?=の|で|に|は|、))"
)
_HONORIFIC_ONLY = re.compile(r"\s*(?:さん|様|さま|氏)")
# The same resident named in an apology or over a complaint (「志津川の大西様、申し訳ありません
# でした」): the district and the surname tie the trouble to one household.
_TROUBLE = re.compile(
    r"ご迷惑|申し訳|お詫び|おわび|苦情|ご指摘|不快な|ご不便|被害|トラブル|収集漏れ|取り残し|"
    r"事故|けが|滞納|未納|ご心配"
)
# 「トラブル防止」「事故ゼロ」: the trouble word names a campaign, not one household's trouble.
_PREVENTION = re.compile(r"防止|対策|予防|ゼロ")
HOME_WORDS = ("さん", "様", "さま", "氏")  # the honorific after the surname (PII005 pre-filter)


_NO_BEFORE_NAME = re.compile(r"の(?=[^\W\d_]{1,4}\s*(?:さん|様|さま|氏))")


def _district_homes(draft: Draft) -> tuple[tuple[int, int], ...]:
    """Homes named by district and surname, found once per draft for PII002 and PII005
    (``Draft.shared``)."""
    return tuple(_find_district_homes(draft))


def _find_district_homes(draft: Draft) -> Iterator[tuple[int, int]]:
    text = draft.folded
    toks = draft.tokens
    # Start from 「の」 before a short word and an honorific (few), not from every token.
    for m in _NO_BEFORE_NAME.finditer(text):
        i = draft.token_index_at(m.start())
        if i is None or i == 0 or i + 1 >= len(toks):
            continue
        place, surname = toks[i - 1], toks[i + 1]
        if not pos_has(surname.pos_id, 3, "姓") or not pos_has(place.pos_id, 2, "地名"):
            continue
        home = _HOME_AFTER_NAME.match(text, surname.end)
        if home is not None:
            yield place.begin, home.end()
            continue
        hon = _HONORIFIC_ONLY.match(text, surname.end)
        if hon is None:
            continue
        s, e = draft.sentence_at(surname.begin)
        trouble = _TROUBLE.search(text, s, e)
        if (
            trouble is not None
            and _TOPIC_ROLE.search(text, s, e) is None
            and not _PREVENTION.match(text, trouble.end(), trouble.end() + 2)
        ):
            yield place.begin, hon.end()


def home_address(draft: Draft) -> Iterator[Hit]:
    # Addresses of public facilities are fine; an address tied to a person is not.
    for m in _ADDRESS.finditer(draft.folded):
        s, e = draft.sentence_at(m.start())
        around = draft.folded[m.end() : min(e, m.end() + 15)]
        before = draft.folded[max(s, m.start() - 15) : m.start()]
        if _PERSON_NEAR.search(around) or _HOME_OF_PERSON.search(before):
            yield Hit(m.start(), m.end())
    for a, b in draft.shared(_district_homes):
        yield Hit(a, b)


_TWELVE_DIGITS = re.compile(r"(?<!\d)(\d{4})[\s\-]?(\d{4})[\s\-]?(\d{4})(?!\d)")
_MY_NUMBER_WORDS = re.compile(r"個人番号|マイナンバー|My\s*Number", re.IGNORECASE)


def my_number_check_digit_ok(digits: str) -> bool:
    """The check digit of an individual number (番号法施行令 第8条)."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = [int(c) for c in digits[:11]]
    total = 0
    for n in range(1, 12):
        p = body[11 - n]
        q = n + 1 if n <= 6 else n - 5
        total += p * q
    remainder = total % 11
    check = 0 if remainder <= 1 else 11 - remainder
    return check == int(digits[11])


# 「個人番号は 5529 0143 8876」: twelve digits given as the number itself, whatever their
# check digit (a mistyped or partly changed number still discloses most of one).
_MY_NUMBER_LABEL = re.compile(
    r"(?:個人番号|マイナンバー|My\s*Number)(?:カード)?(?:の番号)?(?:欄|記入欄)?\s*(?:は|が|:|=)?\s*[「(]?\s*$",
    re.IGNORECASE,
)


# 「マイナンバーカードの落とし物です。番号は 5521 0098 7734」: the card named just before, then
# twelve digits given as "the number" (番号は, ナンバーは, No.) of it.
_NUMBER_LABEL = re.compile(
    r"(?:(?<![\u4e00-\u9fff])番号|(?<![ァ-ヶー])ナンバー|No\.?)\s*(?:は|が|:|=)?\s*[「(]?\s*$",
    re.IGNORECASE,
)


def my_number(draft: Draft) -> Iterator[Hit]:
    for m in _TWELVE_DIGITS.finditer(draft.folded):
        digits = "".join(m.groups())
        if _MY_NUMBER_LABEL.search(draft.folded, max(0, m.start() - 16), m.start()):
            yield Hit(m.start(), m.end())
            continue
        if _NUMBER_LABEL.search(draft.folded, max(0, m.start() - 10), m.start()) and (
            _MY_NUMBER_WORDS.search(draft.folded, max(0, m.start() - 80), m.start())
        ):
            yield Hit(m.start(), m.end())
            continue
        if not my_number_check_digit_ok(digits):
            continue
        s, e = draft.sentence_at(m.start())
        if _MY_NUMBER_WORDS.search(draft.folded[s:e]):
            yield Hit(m.start(), m.end())


_IDENTIFIER = re.compile(
    r"(?:基礎年金番号|被保険者番号|保険者番号|記号番号|免許証番号|口座番号|カード番号|"
    r"住民票コード|受給者番号|証番号|宛名番号)\s*(?:は|:|\(|「)?\s*[\d\-\s]{6,}\d"
)


def personal_identifier(draft: Draft) -> Iterator[Hit]:
    for m in _IDENTIFIER.finditer(draft.folded):
        yield Hit(m.start(), m.end())


_ANSWER = "|".join(sorted(word_list("answer_words"), key=len, reverse=True))
_HANDLE = r"[@＠]([A-Za-z0-9_]{1,30})(?![\w@.])"
# "@xxx さんのご指摘のとおり", "@xxx さんからのご質問", or a line that opens with "@xxx さん"
# and acknowledges what they said ("@xxx さん、お問い合わせありがとうございます"); a line that
# opens with a shop's handle to introduce it is a third party's account (TPY002).
_ANSWERED_HANDLE = re.compile(
    rf"{_HANDLE}\s*(?:さん|様|さま)(?=\s*(?:の|から|より)?\s*(?:{_ANSWER}))"
    # 「DMくださった@xxx さん」「ご質問いただいた@xxx 様」: what they sent, then who
    rf"|(?:(?<=くださった)|(?<=いただいた)|(?<=下さった)|(?<=頂いた)|(?<=をくれた))\s*{_HANDLE}\s*(?:さん|様|さま)"
    rf"|(?:^|(?<=\n))\s*{_HANDLE}\s*(?:さん|様|さま)(?=[^。\n]{{0,40}}(?:{_ANSWER}))"
)


# A reply: the post opens with the handles it answers ("@xxx ご連絡ありがとうございます。"),
# and its first sentence acknowledges what they said or asked.
_REPLY_HEAD = re.compile(r"\A\s*(?:[@＠][A-Za-z0-9_]{1,30}(?![\w@.])[\s、,]*)+")
_ANSWER_RE = re.compile(_ANSWER)


def resident_handle(draft: Draft) -> Iterator[Hit]:
    """The @handle of a resident the post answers: it ties the resident's account to what
    they asked or complained about."""
    own = account_handles(draft.context.config)
    text = draft.folded
    seen = set()
    for m in _ANSWERED_HANDLE.finditer(text):
        g = next(i for i in (1, 2, 3) if m.group(i))
        name = m.group(g)
        if name.lower() in own:
            continue
        if g == 2 and not _ANSWER_RE.search(text, max(0, m.start() - 16), m.start()):
            continue  # 「写真を提供いただいた@xxx さん」: a credit (TPY002), not an answer
        at = m.start(g)
        seen.add(at)
        yield Hit(at - 1, at + len(name))
    head = _REPLY_HEAD.match(text)
    if head is None:
        return
    first = re.split(r"[。！!？?\n]", text[head.end() :], maxsplit=1)[0]
    if not _ANSWER_RE.search(re.sub(r"\A(?:さん|様|さま)", "", first.lstrip())):
        return
    for m in re.finditer(_HANDLE, head.group()):
        at = head.start() + m.start(1)
        if m.group(1).lower() not in own and at not in seen:
            yield Hit(at - 1, at + len(m.group(1)))


_SITUATION = re.compile("|".join(sorted(word_list("situation_words"), key=len, reverse=True)))
# An age right after a name written without an honorific: "大西敏夫 84", "大西敏夫(84)".
_BARE_AGE = re.compile(
    r"\s*(?:\d{1,3}\s*[歳才]|[(（]\s*\d{1,3}\s*(?:歳|才)?[)）]|\d{1,3}(?=[\s、,]))"
)


def _full_names(tokens: Iterable[Token]) -> Iterator[tuple[int, int]]:
    """(start, end) of a surname followed by a given name, with at most a space between."""
    toks = [t for t in tokens if not t.surface.isspace()]
    for i in range(1, len(toks)):
        prev, t = toks[i - 1], toks[i]
        if pos_has(prev.pos_id, 3, "姓") and pos_has(t.pos_id, 3, "名") and t.begin - prev.end <= 1:
            end = t.end
            # "ミヨ" + "子": Sudachi splits a given name ending in 子 (as _named_people).
            if i + 1 < len(toks) and toks[i + 1].surface == "子" and toks[i + 1].begin == end:
                end = toks[i + 1].end
            yield prev.begin, end


# A named resident (「田中一郎さん」) said to be in a care, health or welfare situation
# (「生活保護を受けておられます」「特養に入られました」): the situation is the person's, not a
# topic. Events where a named person speaks about a topic (認知症サポーター講座の講師) are not.
_SITUATION_STATE = re.compile(
    r"[^。\n]{0,6}?(?:を受けて|を受給|受給して|受給中|に入院|で入院|入院して|入院中|入院され|に通院|"
    r"通院して|通院中|を患|と診断|の認定を|認定を受け|に入所|に入られ|入所して|入所され|になられ|"
    r"が進んで|が進み|で療養|療養中|をされて|になって(?:い|お)|で(?:い|お)られ|でいらっしゃ|"
    r"の状態|と暮らして|で暮らして|をしておられ|をされてい|のため|の闘病|で闘病|闘病中|で休んで|"
    r"で休職|休職中)"
)
_TOPIC_ROLE = re.compile(r"講師|講演|サポーター|講座|研修|啓発|専門医|医師|先生|支援員|相談員")


def _named_situations(draft: Draft) -> Iterator[tuple[int, int]]:
    text = draft.folded
    if _SITUATION.search(text) is None:
        return
    for a, b in _named_people(draft):
        s, e = draft.sentence_at(a)
        if _TOPIC_ROLE.search(text, s, e):
            continue
        for m in _SITUATION.finditer(text, b, min(e, b + 40)):
            st = _SITUATION_STATE.match(text, m.end())
            if st is not None:
                yield a, st.end()
                break


def resident_record(draft: Draft) -> Iterator[Hit]:
    """A resident's full name, without honorific, with their age and their situation (care,
    health, living alone): a visit log or case note pasted into a post."""
    text = draft.folded
    done_lines: set[int] = set()
    for sm in _SITUATION.finditer(text):
        line_start = text.rfind("\n", 0, sm.start()) + 1
        if line_start in done_lines:
            continue
        done_lines.add(line_start)
        line_end = text.find("\n", sm.start())
        line_end = len(text) if line_end < 0 else line_end
        for start, end in _full_names(draft.tokens_between(line_start, line_end)):
            rest = text[end:line_end]
            if HONORIFIC_AFTER.match(rest):
                continue  # PII001 weighs a name with an honorific
            age = _BARE_AGE.match(rest)
            if age is None:
                continue
            last = None
            for m in _SITUATION.finditer(text, age.end(), min(line_end, age.end() + 40)):
                last = m
            if last is not None:
                yield Hit(start, last.end())
    for a, b in _named_situations(draft):
        yield Hit(a, b)


# A reply to one resident that states their own record: tax in arrears, a benefit refused, a
# case's state (「@xxx さん DMの件、確認しました。住民税が3期分未納になっています」). The
# handle, or the name the post opens with, ties the record to the person in public. General
# information in a reply (「納付が遅れると延滞金がかかります」) states nobody's record.
_RECORD = re.compile("|".join(sorted(word_list("record_words"), key=len, reverse=True)))
_RECORD_STATE = re.compile(
    r"[^。、\n]{0,12}?(?:になって(?:い|お)|となって(?:い|お)|が(?:あり|ござい)|がある|が確認され|"
    r"されて(?:い|お)|しており|して(?:い|お)られ|でした|となりました|になりました|が決まりました|"
    r"(?:あり|ござい)ます|ある(?:けん|ので|から)|残って|出て(?:い|お)|届いて(?:い|お))"
)
_GENERAL = re.compile(r"場合|(?<![\u4e00-\u9fff])と[、,]|たら|れば|なら|ないよう|ご注意|ください")
_ADDRESSED_NAME = re.compile(r"\A\s*[\u4e00-\u9fff\u30a0-\u30ff]{1,8}\s*(?:さん|様|さま)\s*[、,\s]")


# 「児童扶養手当の手続き、あとは源泉徴収票だけ」「滞納中の固定資産税」: in a reply, the resident's
# own benefit case and where it stands, or their arrears (checks/data/words.toml benefit_words).
_BENEFIT = re.compile("|".join(sorted(word_list("benefit_words"), key=len, reverse=True)))
_CASE_STATE = re.compile(
    r"[^。\n]{0,20}?(?:あとは|残りは|だけ(?:です|なので|で)|が足りな|が不足|対象外|却下|不支給|認定され|"
    r"計算されて|受理し|通りました|決まりました)"
)
_ARREARS = re.compile(
    r"(?:滞納|未納|延滞)(?:中|して(?:い|お)られる|になっている)?の[^。、\n]{0,8}?(?:税|料|金|代)"
)


def answered_record(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    head = _REPLY_HEAD.match(text) or _ADDRESSED_NAME.match(text)
    if head is None:
        return
    for m in _ARREARS.finditer(text, head.end()):
        yield Hit(m.start(), m.end())
    for m in _BENEFIT.finditer(text, head.end()):
        st = _CASE_STATE.match(text, m.end())
        if st is not None and _GENERAL.search(text, m.start(), st.end()) is None:
            yield Hit(m.start(), st.end())
            break
    for m in _RECORD.finditer(text, head.end()):
        st = _RECORD_STATE.match(text, m.end())
        if st is None:
            continue
        cs = max(text.rfind(c, head.end(), m.start()) for c in "。、\n!！") + 1
        cs = max(cs, head.end())
        if _GENERAL.search(text, cs, st.end()):
            continue
        while cs < m.start() and text[cs] in " 　":
            cs += 1
        yield Hit(cs, st.end())


# A list of people's contact details put where anyone with the link can open it (「参加者名簿(電話
# 番号入り)も同じフォルダに入れています」「申込者一覧をアップしました」): every name and number on
# it is published at once.
_ROSTER = re.compile(
    r"(?:[一-龥ァ-ヶー]{0,4}名簿|連絡先(?:一覧|リスト)|住所録|会員(?:一覧|リスト)|参加者(?:一覧|リスト)|申込者(?:一覧|リスト)|"
    r"受講者(?:一覧|リスト)|利用者(?:一覧|リスト))"
    r"(?:[(（][^)）\n]{0,12}[)）])?[^。\n]{0,12}?"
    r"(?:フォルダ|ドライブ|共有して|共有しま|アップし|アップロード|ダウンロードでき|添付し|載せて|載せま|入れて(?:い|お|あ)|公開し)"
)
_ROSTER_NOT = re.compile(r"ません|ない|しない|禁止|ご注意|注意")


def shared_roster(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    for m in _ROSTER.finditer(text):
        _, e = draft.sentence_at(m.start())
        if _ROSTER_NOT.search(text, m.end(), e) is None:
            yield Hit(m.start(), m.end())
