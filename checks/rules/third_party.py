"""§6(2)④: quoting users' posts and linking pages run by third parties."""

from __future__ import annotations

import re
from collections.abc import Iterator

from checks.analysis import Draft
from checks.links import account_handles, is_official_account_url, is_public
from checks.registry import Hit


def third_party_link(draft: Draft) -> Iterator[Hit]:
    cfg = draft.context.config
    for u in draft.urls:
        if is_public(u.host, cfg) or is_official_account_url(u, cfg):
            continue
        yield Hit(u.start, u.end, {"host": u.host})


_MENTION = re.compile(r"(?<![\w@.])[@＠]([A-Za-z0-9_]{1,30})(?![\w@.])")
_RETWEET = re.compile(r"(?:^|\s)(?:RT|QT)\s*[@＠][A-Za-z0-9_]{1,30}\s*[:：]?[^\n]*")
_QUOTED_POST = re.compile(
    r"「[^「」\n]{4,200}」(?!といった)(?:と|という|との)[^。\n]{0,6}?"
    r"(?:投稿|ツイート|ポスト|つぶやき|書き込み|口コミ|クチコミ|レビュー)"
)


# "市民の方からこんな投稿をいただきました。「…」": the post received, then its words.
_RECEIVED_POST = re.compile(
    r"(?:投稿|ツイート|ポスト|つぶやき|書き込み|口コミ|クチコミ|レビュー|コメント|リプライ|DM)"
    r"(?:を|が)[^。\n「]{0,8}?(?:いただき|いただい|頂き|頂い|寄せられ|届き|届い|ありました|見かけ|拝見)"
    r"[^「\n]{0,15}(「[^「」\n]{4,200}」)(?!\s*(?:といった|などの|など|のような|のように))"
)


def user_post_quoted(draft: Draft) -> Iterator[Hit]:
    own = account_handles(draft.context.config)
    text = draft.folded
    for m in _RETWEET.finditer(text):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        yield Hit(start, m.end())
    for m in _MENTION.finditer(text):
        if m.group(1).lower() in own or draft.in_url_or_email(m.start(), m.end()):
            continue
        yield Hit(m.start(), m.end())
    for m in _QUOTED_POST.finditer(text):
        yield Hit(m.start(), m.end())
    for m in _RECEIVED_POST.finditer(text):
        yield Hit(m.start(1), m.end(1))


_ENDORSEMENT = re.compile(
    r"[A-Za-z\u30a0-\u30ff\u4e00-\u9fff]{1,12}(?:社|店|商店|株式会社|会社|企業|メーカー|ブランド|屋|堂)"
    r"(?:さん)?の(?:商品|製品|サービス|お菓子|新商品|新製品)[^。\n]{0,10}"
    r"(?:ぜひ|どうぞ)?[^。\n]{0,4}(?:お買い求め|買って|購入して|ご購入|ご利用)(?:ください|しましょう|を)"
)


def private_business_endorsement(draft: Draft) -> Iterator[Hit]:
    """Asking readers to buy one company's products: the city appears to vouch for it."""
    for m in _ENDORSEMENT.finditer(draft.folded):
        yield Hit(m.start(), m.end())
