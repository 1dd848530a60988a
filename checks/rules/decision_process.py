"""§4(4): plans not yet decided (lexicon checks/lexicons/decision.toml, and guesses at a
decision through the clause layer)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from checks.analysis import Clause, Draft, Modality
from checks.analysis.clauses import modality_of
from checks.registry import Hit, merged_hits
from checks.rules.lexical import LexiconRule
from checks.words import word_list, word_pattern

undecided_plan = LexiconRule("DEC001", "decision")

# What the city decides (checks/data/words.toml): a guess or a rumour about one of these is
# information from the decision-making process.
TARGETS = tuple(sorted(word_list("decision_targets"), key=len, reverse=True))
_TARGETS = re.compile("|".join(map(re.escape, TARGETS)))
_GUESS = Modality.SPECULATION | Modality.HEARSAY
# A guess that is asked or warned about is not the writer's own guess at a plan.
_NOT_OWN = Modality.QUESTION | Modality.WARNING | Modality.PROHIBITION


# A guess that gives the ground of an act (「大雨になる可能性がある為、避難所を開設します」) or
# its condition (「…になりそうな場合は」) is not a guess at a plan.
# A forecast or finding attributed to a published source (「気象庁の発表によると」「人事院勧告に
# よると」) is reported news, not a guess at the city's plan.
_PUBLISHED = re.compile(
    r"(?:発表|公表|勧告|報道|予報|白書|調査|統計|報告書)(?:結果)?(?:によると|によれば|では)"
)
_PAST_NEWS = re.compile(r"(?:た|だ)(?:そう|らしい|とのこと|と聞)")
# A guess adverb with a self-addressed question ending: 「たぶん…かな？」「おそらく…だろうか」.
_MUSING = re.compile(
    r"(?:たぶん|多分|おそらく|恐らく|きっと)[^。\n]{0,30}?(?:かな|だろうか|かしら)"
)
_GROUND = re.compile(r"(?:ため|為|ので|から|場合(?:は|には)?|なら|たら|と)[、,。\s]*$")

# Strong signs that a guess is about an undecided plan, whatever the matter:
# the writer says it is not decided yet (「まだ何も決まっていないものの」「まだ議会にもかけて
# いないんですが」「正式には未定ですが」) in the sentence or the one before, ...
_UNDECIDED = re.compile(
    r"(?:まだ|未だ|いまだ|正式に(?:は)?)[^。\n]{0,12}?"
    r"(?:決ま(?:って|りきって)(?:い)?(?:ない|ません|なく)|決定(?:して|されて|し)(?:い)?(?:ない|ません)"
    r"|(?:議会|庁議|委員会|会議)に(?:も|は)?(?:かけ|出し|諮っ|提案し|提出し|上げ)て(?:い)?(?:ない|ません)"
    r"|未定|決定前|正式決定(?:では|じゃ)(?:ない|ありません))"
)
# ... the guess is attributed to the city's inside (checks/data/words.toml) ...
_SOURCES = re.compile(
    "(?:" + word_pattern("decision_sources") + r")(?:で(?:は|も)|の(?:話|噂|うわさ|中)|筋)"
)
# ... or it dates a change in the city's calendar (来年度から, 4月から, 来年には), unless the
# sentence forecasts weather, blossoms or crowds.
_FUTURE = re.compile(
    r"来年度|再来年度|新年度|来年|再来年|来春|来秋|次年度|年度(?:から|中|内|末)|\d{1,2}月(?:から|以降)"
)
_FORECAST = re.compile(word_pattern("forecast_topics"))


def speculated_decision(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    # A cheap gate before the clause layer: a guess or a rumour somewhere in the draft.
    if not modality_of(text, _GUESS):
        return
    sentences = draft.sentences
    ends = [b[1] for b in sentences]
    for c in draft.clauses:
        if c.quoted or c.negated or not c.modality & _GUESS:
            continue
        # 「開館はたぶん2030年ごろかな？」: a guess the writer muses on is still the writer's
        # own, however it ends; a question put to readers is not.
        if c.modality & _NOT_OWN and not (
            c.modality & Modality.QUESTION
            and not c.modality & (Modality.WARNING | Modality.PROHIBITION)
            and _MUSING.search(text, c.start, c.end)
        ):
            continue
        s, e = c.sentence
        if _PUBLISHED.search(text, s, e) or _MISREAD.search(text, c.start, c.end):
            continue
        # 「「…」といったうわさが出回っていますが、事実と異なる…」: a rumour named to correct it.
        if _CIRCULATING.search(text, c.start, c.end) and _DEBUNK_ANY.search(
            text, s, _next_end(draft, e)
        ):
            continue
        # 「最後かも…とさみしそうでした」: someone else's words reported (…と言う/とさみしそう), and a
        # look described (さみしそう, うれしそう), are no guess of the writer's at a plan.
        if _REPORTED.match(text, c.end) or (
            _APPEARANCE.search(text, c.start, c.end)
            and not _STRONG_GUESS.search(text, c.start, c.end)
        ):
            continue
        # 「「プールが閉鎖される」という話ですが、そのような決定はしていません」: the hearsay
        # frames a rumour quoted in order to deny it, not the writer's guess at a plan.
        if _RUMOUR_FRAME.match(text, c.start) and _DEBUNK.search(text, s, _next_end(draft, e)):
            continue
        # A personnel move heard as a rumour (「後任は県からの人らしい」) is a decision already
        # taken and not yet announced: a secret (CNF001, docs/precedence.md), not a plan.
        if not c.modality & Modality.SPECULATION and _PERSONNEL.search(text, s, c.end) is not None:
            continue
        # The sentence before this one (the writer may say "not decided" there).
        i = bisect_right(ends, s)
        prev = sentences[i - 1][0] if i else s
        if _UNDECIDED.search(text, prev, c.start) or _SOURCES.search(text, s, c.end):
            yield Hit(c.start, c.end)
            continue
        if _GROUND.search(text, c.start, c.end):
            continue
        # 「通販サイトがオープンしたそうです」: news of something done, not a guess at a plan.
        if not c.modality & Modality.SPECULATION and _PAST_NEWS.search(text, c.start, c.end):
            continue
        if _FUTURE.search(text, s, c.end) and _FORECAST.search(text, s, e) is None:
            yield Hit(c.start, c.end)
            continue
        # The matter stands before the guess: its topic (「建設場所、…になりそうです」), not a
        # consequence after it (「大雨になりそうなため、避難所を開設しました」).
        if any(_TARGETS.search(text, a, b) is not None for a, b in _topic_spans(draft, c)):
            yield Hit(c.start, c.end)


# 「…について誤解があるようですが」: a misreading the writer corrects, not a guess at a plan.
_MISREAD = re.compile(r"誤解|勘違い|誤った情報|デマ")
_CIRCULATING = re.compile(r"(?:うわさ|噂|デマ|情報|投稿|話)が(?:出回|広ま|流れ|拡散|出て)")
_DEBUNK_ANY = re.compile(word_pattern("debunk_words") + r"|事実と異なる|誤り|ご注意|注意")
_REPORTED = re.compile(
    r"[…‥、\s]*と(?:さみし|寂し|淋し|言|い(?:って|われ)|話し|おっしゃ|笑|つぶや|嘆|こぼ|語)"
)
_APPEARANCE = re.compile(
    r"(?:さみし|寂し|淋し|うれし|嬉し|楽し|悲し|おいし|美味し|忙し|眠|元気|幸せ|大変|残念|不安"
    r"|心配|満足|得意|自慢|気持ちよさ|よさ)そう"
)
_STRONG_GUESS = re.compile(r"たぶん|多分|おそらく|かも|だろう|でしょう|らしい|っぽい|みたい")
_PERSONNEL = re.compile(r"異動|人事|後任|昇任|昇格|就任|内示|転勤|出向|配置換え")


# The hearsay frame right after a closing quote: 「…」という話 / との噂 / って話.
_RUMOUR_FRAME = re.compile(r"[」』”\"]?\s*(?:という|といった|との|って)")
# Words that deny a quoted rumour (checks/data/words.toml, shared with TPY002).
_DEBUNK = re.compile(word_pattern("debunk_words"))


def _next_end(draft: Draft, end: int) -> int:
    """The end of the sentence after the one that ends at ``end`` (or ``end``)."""
    if end >= len(draft.folded):
        return end
    return draft.sentence_at(end)[1]


# A clause of its own that gives a reason or a concession (「まだ内示前なので名前は出せませんが、」)
# is not the topic of the guess after it: the guess (「…とは同期だそうです」) is about something else.
_ASIDE = re.compile(r"(?:ので|ため|為|から|が|けど|けれど|けれども|のに)[、,\s]*$")


def _topic_spans(draft: Draft, clause: Clause) -> Iterator[tuple[int, int]]:
    """The guessed clause and the clauses before it in its sentence that are not asides."""
    text = draft.folded
    s = clause.sentence[0]
    for c in draft.clauses:
        if c.start >= s and c.end <= clause.start and _ASIDE.search(text, c.start, c.end) is None:
            yield c.start, c.end
    yield clause.start, clause.end


# DEC003: the deliberation itself, composed from vocabularies (checks/data/words.toml).
# 1. An insider (庁内, 財政課, 教育長) and what they think of a plan (反対, 渋っている, 意見が真っ二つ).
_INSIDER = re.compile(
    r"(?:"
    + word_pattern("decision_insiders")
    + r"|[\u4e00-\u9fff]{1,6}(?:課|担当))(?:の方|さん|側)?"
)
_STANCE = re.compile(word_pattern("deliberation_stances"))
# A sign that the matter is open, in the sentence or the one around it.
_OPEN = re.compile(
    r"案|まだ|結論|検討|議論|どうなる|持ち越|進ま|進まん|絞り込|最後は|決まら|決めかね|調整中|協議中|綱引き|説が"
)
# A vote taken, a position announced: no deliberation left open.
# An election is decided by the voters, not the city (its candidates are news, POL's matter).
_SETTLED = re.compile(
    r"可決|否決|採決|賛成多数|全会一致|決定しました|決まりました|表明|選挙|立候補|候補者|投票日|投票所|期日前投票"
)
# 2. A step still ahead (答申はまだ, 承認前, 議会に出す前) and a guess at its outcome.
_STEP = re.compile(
    r"(?:まだ[^。\n]{0,12}?(?:" + word_pattern("pending_steps") + r")(?:前|待ち)"
    r"|(?:"
    + word_pattern("pending_steps")
    + r")(?:は|が|も)?(?:まだ|前(?:です|だ|で|やけ|なので)|待ち)"
    r"|(?:議会|庁議|審議会|委員会)に(?:出す|かける|諮る|提出する|上げる)前)"
)
_HEDGE = re.compile(r"(?:\d|[一二三四五六七八九])?(?:" + word_pattern("decision_hedges") + ")")
_GUESS_OUTCOME = re.compile(
    word_pattern("decision_hedges") + "|" + word_pattern("weak_hedges") + "|思います|そう"
)
# 3. A guess at a matter the city decides (ほぼ決まり, 9割方, 一番手, ワンチャン + 候補地, 廃止 …).


# Literal anchors: a stance, a step, a hedge; a draft with none of them is skipped by the engine.
DELIBERATION_REQUIRES = (
    *sorted(word_list("deliberation_stances")),
    *sorted(word_list("pending_steps")),
    *sorted(word_list("decision_hedges")),
    *("議会に", "庁議に", "審議会に", "委員会に"),
)


def deliberation(draft: Draft) -> Iterator[Hit]:
    text = draft.folded
    sentences = draft.sentences
    found: list[tuple[int, int]] = []
    for i, (s, e) in enumerate(sentences):
        ps = sentences[i - 1][0] if i else s
        ne = sentences[i + 1][1] if i + 1 < len(sentences) else e
        settled = _SETTLED.search(text, s, e) is not None
        # 1. insider x stance
        if not settled:
            for st in _STANCE.finditer(text, s, e):
                if draft.in_quotes(st.start(), st.end()):
                    continue
                ins = [
                    m for m in _INSIDER.finditer(text, s, st.start()) if st.start() - m.end() <= 20
                ]
                if ins and _OPEN.search(text, ps, ne):
                    found.append((ins[0].start(), st.end()))
                    break
        # 2. a step ahead x a guess at its outcome (here or in the next sentence)
        step = _STEP.search(text, s, e)
        if step is not None and not settled and not draft.in_quotes(step.start(), step.end()):
            g = _GUESS_OUTCOME.search(text, step.end(), ne)
            if g is not None:
                found.append((step.start(), g.end() if g.start() < e else e))
        # 3. a strong hedge about a matter the city decides
        h = _HEDGE.search(text, s, e)
        if (
            h is not None
            and not settled
            and not draft.in_quotes(h.start(), h.end())
            and _FORECAST.search(text, s, e) is None
            and (_TARGETS.search(text, ps, e) is not None or _OPEN.search(text, s, e))
        ):
            found.append((h.start(), draft.clause_end(h.start())))
    yield from merged_hits(found)
