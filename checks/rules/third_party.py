"""§6(2)④: quoting users' posts and linking pages run by third parties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.analysis import Draft, Url
from checks.links import account_handles, is_official_account_url, is_public
from checks.registry import Hit
from checks.words import word_list, word_pattern


def _private_links(draft: Draft) -> Iterator[Url]:
    cfg = draft.context.config
    for u in draft.urls:
        if not (is_public(u.host, cfg) or is_official_account_url(u, cfg)):
            yield u


# Words with which a post vouches for a page as a good source (おすすめ, わかりやすい, 参考に).
_ENDORSING = re.compile("|".join(sorted(word_list("endorsement_words"), key=len, reverse=True)))
_SENTENCE_END = re.compile(r"[。！!？?\n]")


def _endorsed(draft: Draft, u: Url) -> bool:
    """The sentence that introduces the link (the one before it, when the link opens its own
    line) recommends the page. A remark after the link is a comment on it, not the city
    presenting a source."""
    before = draft.folded[max(0, u.start - 80) : u.start]
    parts = [p for p in _SENTENCE_END.split(before) if p.strip()]
    return bool(parts) and _ENDORSING.search(parts[-1]) is not None


def third_party_link(draft: Draft) -> Iterator[Hit]:
    for u in _private_links(draft):
        if not _endorsed(draft, u):
            yield Hit(u.start, u.end, {"host": u.host})


def recommended_private_page(draft: Draft) -> Iterator[Hit]:
    """A private page the post recommends as a good source: the city appears to vouch for
    whoever runs it. Kept when the page is also harmful (docs/precedence.md): that is two
    problems, the harm and the city's endorsement."""
    for u in _private_links(draft):
        if _endorsed(draft, u):
            yield Hit(u.start, u.end, {"host": u.host})


_REPLY_HEAD = re.compile(r"\A\s*(?:[@＠][A-Za-z0-9_]{1,30}(?![\w@.])[\s、,]*)+")
# A warning that names an account as fake (「「@toon_city_ofc」は市のアカウントではありません」).
_IMPERSONATION = re.compile(
    r"偽(?:の|物|者)?アカウント|偽物|ニセ(?:モノ|もの|アカウント)?|にせもの|なりすまし|成りすまし|"
    r"(?:かたる|騙る|名乗る|装った|装う|似せた|似せて|まねた|真似た)|(?:市|公式|本物)の?(?:アカウント)?では(?:ありません|ない)"
)
# An honorific and a particle after the leading handles: the post introduces the account.
_INTRODUCED = re.compile(r"(?:さん|様|さま|ちゃん)?\s*[のがはもをとに]")
_MENTION = re.compile(r"(?<![A-Za-z0-9_@.])[@＠]([A-Za-z0-9_]{1,30})(?![\w@.])")
_RETWEET = re.compile(r"(?:^|\s)(?:RT|QT)\s*[@＠][A-Za-z0-9_]{1,30}\s*[:：]?[^\n]*")
# A quotation in any of the marks Japanese posts use: 「…」, 『…』, “…”.
_QUOTE = r"(?:「[^「」\n]{4,200}」|『[^『』\n]{4,200}』|“[^“”\n]{4,200}”)"
_QUOTED_POST = re.compile(
    # 「…」\n…という投稿: the quote may stand on its own line, the frame after a line break.
    _QUOTE + r"[\s…‥]*(?!といった)(?:と|という|との|って)[^。\n]{0,6}?"
    r"(?:投稿|ツイート|ポスト|つぶやき|書き込み|口コミ|クチコミ|レビュー)"
)


# "市民の方からこんな投稿をいただきました。「…」": the post received, then its words.
_RECEIVED_POST = re.compile(
    r"(?:投稿|ツイート|ポスト|つぶやき|書き込み|口コミ|クチコミ|レビュー|コメント|リプライ|DM)"
    r"(?:を|が)[^。\n「『“]{0,8}?(?:いただき|いただい|頂き|頂い|寄せられ|届き|届い|ありました|見かけ|拝見|"
    r"して(?:くださ|下さ|くれ|いただ|頂|もらっ))"
    r"[^「『“\n]{0,15}\n?[^「『“\n]{0,4}("
    + _QUOTE
    + r")(?!\s*(?:といった|などの|など|のような|のように))"
)


# A post found on a platform, then its words: 「Xでこんな声を見つけました。「…」」「インスタに
# こんな感想が上がっとりました「…」」. The platform makes it someone's post, not a survey answer.
_FOUND_POST = re.compile(
    r"(?:X|Twitter|ツイッター|インスタ(?:グラム)?|Instagram|Threads|スレッズ|Facebook|フェイスブック|"
    r"フェイスブック|TikTok|ティックトック|SNS|ネット|ブログ|YouTube|ユーチューブ|口コミサイト|レビューサイト)"
    r"(?:上)?(?:で|に|から|の|には|では)[^。\n「『“]{0,10}?"
    r"(?:声|投稿|感想|コメント|つぶやき|書き込み|口コミ|クチコミ|ポスト|レビュー)(?:を|が|も)[^。\n「『“]{0,8}?"
    r"(?:見つけ|見かけ|発見|ありました|あがって|上がって|あがっと|上がっと|寄せられ|出て|載って)"
    r"[^「『“\n]{0,15}\n?[^「『“\n]{0,4}("
    + _QUOTE
    + r")(?!\s*(?:といった|などの|など|のような|のように))"
)


# A user's words on a platform, quoted with who posted them: 「フォロワーさんがXで「…」と
# つぶやいてくれました」「Googleの口コミに「…」と書いてくださった方」.
_ATTRIBUTED_POST = re.compile(
    r"(?:X|Twitter|ツイッター|インスタ(?:グラム)?|Instagram|Threads|スレッズ|Facebook|フェイスブック|"
    r"TikTok|SNS|ブログ|YouTube|Google|グーグル|食べログ|口コミ|クチコミ|レビュー)"
    r"(?:の口コミ|のレビュー|上|のコメント欄)?(?:で|に|から)[^。\n「『“]{0,20}?("
    + _QUOTE
    + r")\s*(?:と|って)\s*(?:つぶや|呟|投稿|書|載せ|のせ|ポスト|アップ|コメント|レビュー|シェア)"
)


# A user's post named as someone's, then its words: 「ある方の投稿『…』」「フォロワーさんのコメント「…」」.
_OWNED_POST = re.compile(
    r"(?:ある方|とある方|市民の方|住民の方|利用者の方|フォロワーさん|フォロワーの方|利用者さん|ユーザーさん|"
    r"お客さん|観光客の方)の(?:投稿|ツイート|ポスト|つぶやき|書き込み|コメント|口コミ|クチコミ|レビュー)"
    r"\s*(?:[:：]\s*)?" + "(" + _QUOTE + ")"
)


# A user's post passed on whole: shared, reposted or pasted as a screenshot (「フォロワーさん
# からの投稿をシェアします」「投稿してくれた方…スクショ貼っときます」).
_POST_WORD = r"(?:投稿|ツイート|ポスト|つぶやき|書き込み|コメント|リプライ|DM|口コミ|クチコミ)"
_POST_WORD_RE = re.compile(_POST_WORD)
_SHARED_POST = re.compile(
    r"(?:フォロワー|利用者|市民|住民|ユーザー|読者|視聴者|皆|みな|方|さん|様)(?:さん|様|の方)?"
    r"(?:から|より)?(?:の|が|いただいた|からいただいた|がくれた)?[^。\n]{0,6}?"
    + _POST_WORD
    + r"(?:写真|画像|動画)?を?[^。\n]{0,4}?(?:シェア|リポスト|リツイート|転載|拡散|引用)"
)
_ASKED = re.compile(
    r"(?:して|し)?(?:ください|下さい|くださ|してね|お願い|を お願い|いただけ|して(?:もらえ|頂け))"
)
_SCREENSHOT = re.compile(r"スクショ|スクリーンショット|画面写真|キャプチャ")
_PASTED = re.compile(r"[^。\n]{0,10}?(?:貼|載せ|のせ|載っけ|あげ|上げ|アップ|シェア|添付|紹介)")
# A post the city asked for and was allowed to show (photo contests, hashtag campaigns).
_PERMITTED = re.compile(r"許可|了承|承諾|同意|ご応募|応募|コンテスト|入賞|キャンペーン")


def _shared_posts(text: str) -> Iterator[Hit]:
    if _PERMITTED.search(text):
        return
    for m in _SHARED_POST.finditer(text):
        # Readers asked to share the city's post (「皆さん、この投稿をシェアしてください」).
        if _ASKED.match(text, m.end()):
            continue
        yield Hit(m.start(), m.end())
    for m in _SCREENSHOT.finditer(text):
        p = _PASTED.match(text, m.end())
        if p is not None and _POST_WORD_RE.search(text, max(0, m.start() - 80), m.start()):
            yield Hit(m.start(), p.end())


def user_post_quoted(draft: Draft) -> Iterator[Hit]:
    own = account_handles(draft.context.config)
    text = draft.folded
    for m in _RETWEET.finditer(text):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        yield Hit(start, m.end())
    head = _REPLY_HEAD.match(text)
    if head is not None and _INTRODUCED.match(text, head.end()):
        head = None  # 「@bakery_toon さんの新作パン」 introduces an account; it does not answer it
    for m in _MENTION.finditer(text):
        if m.group(1).lower() in own or draft.in_url_or_email(m.start(), m.end()):
            continue
        if head is not None and m.end() <= head.end():
            continue  # the resident the post replies to (personal information, PII008/PII010)
        if _IMPERSONATION.search(text, *draft.sentence_at(m.start())):
            continue  # a fake account named in a warning against it
        yield Hit(m.start(), m.end())
    for m in _QUOTED_POST.finditer(text):
        if _debunked(draft, m.end()):
            continue
        if _IMPERSONATION.search(text, *draft.sentence_at(m.start())):
            continue  # a fake account's post quoted in a warning against it
        yield Hit(m.start(), m.end())
    for m in _RECEIVED_POST.finditer(text):
        yield Hit(m.start(1), m.end(1))
    for m in _OWNED_POST.finditer(text):
        if not _debunked(draft, m.end(1)):
            yield Hit(m.start(), m.end(1))
    for m in _FOUND_POST.finditer(text):
        if not _debunked(draft, m.end(1)):
            yield Hit(m.start(1), m.end(1))
    for m in _ATTRIBUTED_POST.finditer(text):
        if _debunked(draft, m.end(1)) or _IMPERSONATION.search(text, *draft.sentence_at(m.start())):
            continue
        yield Hit(m.start(1), m.end(1))
    yield from _shared_posts(text)


# A rumour named in order to deny it (「「…」という投稿が広まっていますが、そのような事実は
# ありません」) is the city correcting misinformation, not relaying someone's post.
_DEBUNK = re.compile(word_pattern("debunk_words"))


def _debunked(draft: Draft, end: int) -> bool:
    s, e = draft.sentence_at(max(end - 1, 0))
    nxt = draft.sentence_at(min(e, len(draft.folded) - 1))
    return _DEBUNK.search(draft.folded, s, max(e, nxt[1])) is not None


# A business by its name (「アクアセーフ社」「〇〇商店さん」「△△製菓」) …
_BUSINESS = (
    r"(?P<name>[A-Za-z0-9\u30a0-\u30ff\u4e00-\u9fff・&＆]{1,15}?)"
    r"(?:株式会社|有限会社|社|店|商店|会社|企業|メーカー|ブランド|屋|堂|製菓|製薬|食品|工業|製作所|"
    r"商会|工房|酒造|醸造|農園|牧場|飲料|乳業|物産|産業|電機|電器|薬品|化学|ホールディングス)(?:さん|様)?"
)
# … then one of its products: a named product 「7年保存水」, or a product word …
_PRODUCT = (
    r"(?:の|製の?)\s*(?:新作|新しい|人気の|限定の?|定番の?)?\s*(?:[「『][^」』\n]{1,25}[」』]|商品|製品|サービス|お菓子|新商品|新製品|"
    r"アプリ|グッズ|食品|飲料|お酒|パン|ケーキ|新作)"
)
# … that the post recommends or asks readers to buy.
_RECOMMEND = (
    r"(?:(?:も|が|は|を)?[^。\n]{0,10}?"
    r"(?:(?:ぜひ|どうぞ)?[^。\n]{0,4}(?:お買い求め|買って|購入して|ご購入|ご利用|お試し|試して)"
    r"(?:ください|しましょう|を|みて|いただ)"
    r"|(?:一番|特に|とても|断然|本当に|すごく)?(?:おすすめ|オススメ|お勧め|お薦め|おススメ|イチオシ|一押し|いちおし)"
    r"(?:です|します|の|だ|!|！|。|$)))"
)
_ENDORSEMENT = re.compile(_BUSINESS + _PRODUCT + _RECOMMEND)
# Not one business: 「各社の製品」「他社の」, and public bodies (日本赤十字社).
_NOT_ONE = re.compile(
    r"^(?:各|他|自|当|同|複数|多く|様々な|さまざまな|いろいろな|市内の?|県内の?)$|赤十字"
)


# A shop by its own name, in brackets, marked as a business by the word before it (パン屋さん
# 「むぎのおと」, カフェ「ことり珈琲」) or inside it (「やまびこ工務店」) …
_SHOP_KIND = (
    r"(?:工務店|商店|屋さん|屋|店|珈琲|コーヒー|カフェ|ベーカリー|食堂|レストラン|ショップ|サロン|美容室|"
    r"理容室|整骨院|接骨院|医院|クリニック|酒造|農園|牧場|菓子舗|精肉店|鮮魚店|書店|電器|でんき屋)"
)
_SHOP = (
    rf"(?:{_SHOP_KIND}(?:さん)?\s*[「『][^」』\n]{{1,20}}[」』]"
    rf"|[「『][^」』\n]{{0,15}}{_SHOP_KIND}[^」』\n]{{0,8}}[」』])(?:さん|様)?"
)
# … praised or pressed on readers in the same sentence (断然おすすめ, いっちゃんうまい, ずっと丁寧).
_PRAISE = re.compile(
    _SHOP
    + r"[^。\n]{0,25}?(?:おすすめ|オススメ|お勧め|イチオシ|一押し|断然|最高|うまい|旨い|おいしい|"
    r"美味しい|丁寧|いちばん|一番|いっちゃん|行ってみて|行ってきて|神)"
)
# The city's own schemes that name shops on purpose (返礼品, 認定, 協賛, 出店者の一覧).
_SCHEME = re.compile(r"返礼品|ふるさと納税|認定|協賛|出店者|参加店|加盟店|スタンプラリー|一覧")


def private_business_endorsement(draft: Draft) -> Iterator[Hit]:
    """Asking readers to buy one company's products, or praising one shop: the city appears
    to vouch for it."""
    text = draft.folded
    spans = []
    for m in _ENDORSEMENT.finditer(text):
        if _NOT_ONE.search(m.group("name")):
            continue
        spans.append((m.start(), m.end()))
        yield Hit(m.start(), m.end())
    for m in _PRAISE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in spans):
            continue
        s, e = draft.sentence_at(m.start())
        if _SCHEME.search(text, s, e):
            continue
        # From the shop's bracketed name (the kind word before it is context).
        bracket = min(
            (i for i in (m.group().find("「"), m.group().find("『")) if i >= 0), default=0
        )
        yield Hit(m.start() + bracket, m.end())
