"""§4(1): confidential information (lexicon checks/lexicons/confidential.toml, and a secret's
kind next to a frame that says it is not out yet)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from checks.analysis import Draft
from checks.registry import Hit, merged_hits
from checks.rules.lexical import LexiconRule
from checks.words import word_list, word_pattern

confidential_information = LexiconRule("CNF001", "confidential")


# What a secret is about (checks/data/words.toml secret_kinds): a price before the bid, a
# negotiation and its other party, a personnel move or a sanction before it is announced, a
# case under investigation, a partner's finances, an exam's questions, a decision taken and not
# yet published.
_KIND = re.compile(
    "(?:"
    + word_pattern("secret_kinds")
    # A post-holder's move (支所長が本庁の税務課長に戻る, 課長は教育委員会に行く).
    + r"|(?:課長|部長|所長|係長|館長|校長|園長|局長|室長|補佐|主任|主査|教育長)(?:さん)?(?:が|は|も)"
    + r"[^。\n]{0,20}?(?:に|へ)(?:戻る|戻ら|行く|移る|異動|就く|なる|来る|抜ける|転出)"
    + ")"
)
# How the writer says it is not out yet (secret_frames): an aside (ここだけの話, 内緒), a
# release still ahead (発表は来週, 解禁は明日, 内示はまだ), an instruction to keep it in (載せない
# こと, 「確認中」で通して), what the writer cannot say (書けませんが, 察して) ...
_FRAME = re.compile(
    "(?:"
    + word_pattern("secret_frames")
    # ... a release still ahead, conceded before telling it anyway (正式な発表は3月下旬の予定ですが、
    # 一足早く…) ...
    + r"|(?:正式な|正式)?(?:発表|公表|発令|解禁|お知らせ)(?:は|が)[^。\n]{0,15}?"
    + r"(?:ですが|ですけど|だけど|やけど|じゃけど|けど|けれど)"
    # ... an aside in brackets that dates it before its release (（開札前）, （議会答弁前）) ...
    + r"|[(（][^()（）\n]{0,8}?(?:開札|入札|契約|締結|議決|答弁|発令|公示|報道|発表|公表|解禁|内示)前[)）]"
    # ... a matter still being haggled over (まだ市と詰めてる最中, まだ綱引き中) ...
    + r"|(?:まだ|今|いま)[^。\n]{0,15}?(?:詰めて(?:る|いる|いる)?最中|詰めとる|綱引き)"
    # ... or something told or shown specially (特別に教えます, こっそり教えてくれた).
    + r"|(?:特別に|こっそり|内々に|先に)[^。\n]{0,12}?(?:教え|お伝え|お見せ|見せ|言い|書き)"
    + ")"
)
# An internal note pasted into the post (（契約係メモ：…）, >>課内連絡, 課内限り：, ○○へ：):
# everything to the end of its line is the office's, whatever frames it.
_NOTE = re.compile(
    r"(?:^|[(（【\[])\s*[^\s。、()（）]{0,8}?(?:メモ|連絡|限り|共有|用)\s*(?:[(（][^)）\n]{0,12}[)）])?\s*[:：]"
    r"|^\s*(?:>>|＞＞|→)\s*(?:[^\s]{0,8}(?:連絡|メモ|共有))"
    # a bracketed heading: 【職員向けメモ】, （課内共有）
    r"|[【(（\[][^】)）\]\n]{0,8}?(?:メモ|連絡|限り|共有|内部用|庁内用)[】)）\]]"
    r"|^[^\s。、]{1,10}(?:へ|さん→|さんへ)\s*[:：]",
    re.MULTILINE,
)
# A warning quotes a fraudster's words; a published result speaks of what is out already.
_NOT_A_LEAK = re.compile(
    r"詐欺|不審な|なりすまし|フィッシング|公表しました|発表しました|公表しています|掲載しています"
)


# A guess or a direction (たぶん, ～っぽい, ほぼ固まっている, ～の方向で, 案) between the frame and the
# kind, or in the kind's clause, makes the matter a plan still in process: the undecided plan is
# the problem (DEC001/DEC002), not a secret.
_PLAN = re.compile(
    r"たぶん|多分|おそらく|っぽい|かも|になりそう|ほぼ|方向で|方向に|案|つつあ|検討|話が進ん|見込み"
)


_TOLD = re.compile(r"特別に|こっそり|内々に|先に")
_RELEASE = re.compile(r"発表|公表|解禁|告知|プレス|リリース|内示|お知らせ")
_DECIDED = re.compile(
    r"決ま|内定|固ま|合意|話はつ|話がつ|就任|就く|に(?:なり|なる|異動|戻る|行く)|円|%|％|割|減給|停職|戒告|免職"
)


# Literal anchors of the frames and notes: a draft with none of them is skipped by the engine.
LEAK_REQUIRES = (
    *sorted(word_list("secret_frames")),
    *("詰め", "綱引き", "特別に", "こっそり", "内々に", "先に", "前)", "前）"),
    *(
        "発表は",
        "発表が",
        "公表は",
        "公表が",
        "発令は",
        "解禁は",
        "解禁が",
        "お知らせは",
        "お知らせが",
    ),
    *(
        "メモ",
        "連絡",
        "限り",
        "共有",
        "内部用",
        "庁内用",
        ">>",
        "＞＞",
        "→",
        "へ:",
        "へ：",
        "さんへ",
    ),
)


def _lines(text: str) -> list[tuple[int, int]]:
    out, s = [], 0
    for line in text.split("\n"):
        out.append((s, s + len(line)))
        s += len(line) + 1
    return out


def leaked_secret(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    kinds = [(m.start(), m.end()) for m in _KIND.finditer(text)]
    if not kinds:
        return
    seen: set[tuple[int, int]] = set()
    # 1. A kind in an internal note: from the kind to the end of its clause.
    for line_start, line_end in _lines(text):
        note = _NOTE.search(text, line_start, line_end)
        if note is None or _NOT_A_LEAK.search(text, line_start, line_end):
            continue
        for ks, _ in kinds:
            if note.start() <= ks < line_end:
                end = draft.clause_end(ks)
                seen.add((ks, min(end, line_end)))
    # 2. A frame and a kind in the same sentence (or in the ones around it). The frame's own
    # words (内示はまだ) are no kind.
    sentences = draft.sentences
    starts = [s for s, _ in sentences]
    for m in _FRAME.finditer(text):
        if draft.in_quotes(m.start(), m.end()):
            continue
        i = bisect_right(starts, m.start()) - 1
        s, e = sentences[i] if i >= 0 else (0, len(text))
        if _NOT_A_LEAK.search(text, s, e):
            continue
        # An aside opens what follows (まだ発表されとらんけど、…。…地権者さんとも話はついとる):
        # the sentence before and the two after are in its reach.
        ps = sentences[i - 1][0] if i > 0 else s
        pe = sentences[min(i + 2, len(sentences) - 1)][1] if sentences else e
        plain = [
            k
            for k in kinds
            if ps <= k[0] < pe
            and (k[1] <= m.start() or k[0] >= m.end())
            and not _PLAN.search(text, min(k[0], m.start()), max(draft.clause_end(k[0]), m.end()))
        ]
        # A release still ahead (発表は来週, 合格者の発表前に) leaks only what is already decided
        # and told with it (…で固まり, …に決まりました, 金額); alone it is a schedule.
        if _RELEASE.search(m.group()) and not _DECIDED.search(
            text[ps : m.start()] + " " + text[m.end() : pe]
        ):
            continue
        near = [k for k in plain if s <= k[0] < e]
        if near:
            # The kind nearest to the frame, and the span between them.
            ks, ke = min(near, key=lambda k: abs(k[0] - m.start()))
            seen.add((min(ks, m.start()), max(ke, m.end())))
        elif plain and not _TOLD.match(m.group()):
            # Something told specially (こっそり教えます) is a secret only with its kind in the
            # same sentence: 「申請のコツをこっそり教えます」 is a come-on.
            seen.add((m.start(), m.end()))
    yield from merged_hits(seen)
