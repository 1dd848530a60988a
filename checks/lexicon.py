"""Lexicons: data files of words and phrases, matched on Sudachi's analysis.

A lexicon (checks/lexicons/NAME.toml) belongs to one rule. Each entry names what to match and
how to tell a problem from an innocent use, and carries specs that are checked when the
lexicon loads (prh style): an entry whose ``hit`` examples do not hit, or whose ``miss``
examples do, stops the load with the entry's id. A load that passed is recorded in the load
cache (checks/lexicon_cache.py) and not repeated until the file or the code changes.

Match keys, any of:
  words     written forms; each is analysed with Sudachi at load and matched as a sequence of
            normalized forms, so conjugations and spelling variants match (申込/申し込み).
  readings  katakana readings, matched as a sequence of token readings (ばか/バカ/馬鹿). Readings
            are fetched from Sudachi only when some entry uses them (about 8% of a check's
            time): list the few spellings as words where you can.
  pattern   a regular expression on the width-folded text, for phrases words cannot express;
            it needs ``anchors``: literal strings one of which must be in the text.
Filters:
  pos        the first part-of-speech level a single-token match must have ("名詞").
  form       the conjugation form the last token must have ("命令形": 殺せ, not 殺す).
  not_before / not_after   regular expressions tested on up to 12 characters before / after.
  context    a regular expression that must match somewhere in the same sentence.
  unless     a regular expression that must not match anywhere in the same sentence.
  unless_draft  the same for the whole draft (a public-comment notice publishes its (案)).
  context_near  a regular expression that must match in the same sentence or the one before
            (「地震で揺れた。ちょうどええ目覚ましになった(笑)」: the topic, then the joke).
  context_draft a regular expression that must match somewhere in the draft (the group a
            stigma is about is often named in the sentence before).
  quoted_ok  (lexicon default) a match inside 「」 is someone else's words, not the post's.
  negated_ok (lexicon default) "…ない/ません" right after the match cancels it.
  frames     (lexicon level) regular expressions that, found in the same sentence, mark a
            warning or awareness frame (注意, 防止, 禁止, ～しないで…): no finding.
Composition (through the clause layer, checks/analysis/clauses.py):
  stance     "urging": a match counts only when the writer permits, encourages or instructs
            it (停めちゃってください) and the sentence neither prohibits nor warns against it
            (野焼きは禁止です). An act is not a problem; urging it is.
            "permitting": only when the writer lets it pass (今日くらいは無礼講, 構いません),
            for words that are no act alone (19歳の同級生も) in a draft that names the act.
            "asserted": the match counts unless the sentence prohibits or warns against it or
            quotes it: for claims that are a problem whenever the writer makes them
            (飲むだけで血糖値が下がる, 海賊版サイトなら全話タダで読める).
  target     kinds of target (from the vocabularies in checks/vocabularies/) one of which must
            be in the same sentence, outside quotes, near the match: an evaluation like
            「使えない」 insults only when it is said of someone (こいつら, 職員, 外国人は).
            The finding spans the target and the evaluation.
Spelling:
  fuseji     (lexicon default) the written words also match with one character masked
            (バ○, 死×, ぶっ○す), as 伏せ字 hide them.
  fallback   (broad vocabularies) the match is dropped where a match of another entry (of any
            lexicon) stands in the same sentence: the specific entry speaks, the broad one
            catches what the others miss. An evaluation whose target stands in an earlier
            sentence gives way in the same way.
Coverage:
  cells      the cells of the coverage map (checks/data/coverage.toml) the entry covers.

Vocabularies (checks/vocabularies/NAME.toml) use the same format; their entries carry
``kinds`` instead of a rule and are never findings themselves.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

from checks import lexicon_cache
from checks.analysis import Draft, Modality, Token, analyse, fold_width, sanitize, tokenize
from checks.models import Severity
from checks.prefilter import LITERALS, AnchorSet, required_strings

__all__ = [
    "AnchorSet",
    "Entry",
    "Lexicon",
    "LexiconError",
    "LexiconHit",
    "LexiconIndex",
    "check_specs",
    "load_lexicon",
    "load_vocabularies",
    "parse_lexicon",
]

_NEGATION = frozenset({"ない", "無い", "ず", "ぬ", "ん"})
_CONTEXT_CHARS = 12
# How far (characters) a target may stand before / after the evaluation said of it.
_TARGET_BEFORE = 60
_TARGET_AFTER = 16
# A target in the sentence before counts within this many characters of the evaluation.
_TARGET_PREVIOUS = 60
# Characters that hide a letter in 伏せ字 (full-width forms are folded before matching).
_MASKS = "○〇●◯×✕✖*■□△▲※"
_MASK_CLASS = "[" + re.escape(_MASKS) + "]"
_STANCES = {
    "urging": (Modality.urging(), Modality.against()),
    "asserted": (Modality.NONE, Modality.against()),
    "permitting": (Modality.PERMISSION, Modality.against()),
}


class LexiconError(ValueError):
    """A lexicon file is malformed or an entry fails its specs."""


@dataclass(frozen=True)
class Entry:
    id: str
    words: tuple[tuple[str, ...], ...]
    readings: tuple[tuple[str, ...], ...]
    # Regular expressions as written (compiled on first use: see the properties below).
    pattern_source: str | None
    anchors: tuple[str, ...]
    pos: str | None
    form: str | None
    not_before_source: str | None
    not_after_source: str | None
    context_source: str | None
    unless_source: str | None
    unless_draft_source: str | None
    context_draft_source: str | None
    quoted_ok: bool
    negated_ok: bool
    use_frames: bool
    replacement: str
    advice: str
    note: str
    severity: Severity | None
    source: str
    hit: tuple[str, ...]
    miss: tuple[str, ...]
    stance: str | None = None
    context_near_source: str | None = None
    fallback: bool = False
    target: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    cells: tuple[str, ...] = ()
    # Strings one of which every match of the pattern contains, read off the pattern
    # (checks/prefilter.py): a scan skips the pattern when none is in the draft.
    required: frozenset[str] | None = None

    # Compiled on first use: most entries never see a draft that needs them, and compiling
    # every regular expression was most of a cold start. A lexicon whose specs have not been
    # verified compiles them all at load (``compile_all``), so a bad one still stops the load.
    @cached_property
    def pattern(self) -> re.Pattern[str] | None:
        return _compile(self.pattern_source, "pattern", self.id)

    @cached_property
    def not_before(self) -> re.Pattern[str] | None:
        return _compile(self.not_before_source, "not_before", self.id)

    @cached_property
    def not_after(self) -> re.Pattern[str] | None:
        return _compile(self.not_after_source, "not_after", self.id)

    @cached_property
    def context(self) -> re.Pattern[str] | None:
        return _compile(self.context_source, "context", self.id)

    @cached_property
    def unless(self) -> re.Pattern[str] | None:
        return _compile(self.unless_source, "unless", self.id)

    @cached_property
    def unless_draft(self) -> re.Pattern[str] | None:
        return _compile(self.unless_draft_source, "unless_draft", self.id)

    @cached_property
    def context_near(self) -> re.Pattern[str] | None:
        return _compile(self.context_near_source, "context_near", self.id)

    @cached_property
    def context_draft(self) -> re.Pattern[str] | None:
        return _compile(self.context_draft_source, "context_draft", self.id)

    def compile_all(self) -> None:
        """Compile every regular expression now; raises LexiconError for a bad one."""
        for what in _REGEX_FIELDS:
            getattr(self, what)


_REGEX_FIELDS = (
    "pattern",
    "not_before",
    "not_after",
    "context",
    "unless",
    "unless_draft",
    "context_draft",
    "context_near",
)


@dataclass(frozen=True, slots=True)
class LexiconHit:
    entry: Entry
    start: int
    end: int


@dataclass(frozen=True)
class Lexicon:
    name: str
    entries: tuple[Entry, ...]
    frames: tuple[re.Pattern[str], ...]
    vocabulary: bool = False

    def accept(
        self, draft: Draft, e: Entry, start: int, end: int, first: int | None, last: int | None
    ) -> bool:
        """Whether a candidate match survives the entry's filters and the lexicon's frames."""
        text = draft.folded
        tokens = draft.tokens
        if e.pos and first is not None and first == last and tokens[first].pos[0] != e.pos:
            return False
        if e.form and (last is None or not tokens[last].conjugation.startswith(e.form)):
            return False
        if e.not_before and e.not_before.search(text[max(0, start - _CONTEXT_CHARS) : start]):
            return False
        if e.not_after and e.not_after.match(text, end, min(len(text), end + _CONTEXT_CHARS)):
            return False
        s, se = draft.sentence_at(start)
        sentence = text[s:se]
        if e.context and not e.context.search(sentence):
            return False
        if e.unless and e.unless.search(sentence):
            return False
        if e.unless_draft and e.unless_draft.search(text):
            return False
        if e.context_draft and not e.context_draft.search(text):
            return False
        if e.context_near and not e.context_near.search(
            text, draft.sentence_at(max(0, s - 2))[0], se
        ):
            return False
        if e.use_frames and any(f.search(sentence) for f in self.frames):
            return False
        if e.quoted_ok and draft.in_quotes(start):
            return False
        if e.negated_ok and _negated(tokens, draft, end):
            return False
        if e.stance:
            wanted, against = _STANCES[e.stance]
            stance = draft.stance_at(start)
            if (wanted and not stance & wanted) or stance & against:
                return False
        return True


class LexiconIndex:
    """Several lexicons behind one index: one pass over a draft's tokens finds them all."""

    def __init__(self, lexicons: Sequence[Lexicon], short_texts: bool = False) -> None:
        self.lexicons = tuple(lexicons)
        self.short_texts = short_texts
        self.by_word: dict[str, list[tuple[Lexicon, Entry, tuple[str, ...]]]] = {}
        self.by_reading: dict[str, list[tuple[Lexicon, Entry, tuple[str, ...]]]] = {}
        self.by_anchor: dict[str, list[tuple[Lexicon, Entry]]] = {}
        for lex in self.lexicons:
            for e in lex.entries:
                for seq in e.words:
                    self.by_word.setdefault(seq[0], []).append((lex, e, seq))
                for seq in e.readings:
                    self.by_reading.setdefault(seq[0], []).append((lex, e, seq))
                for a in e.anchors:
                    self.by_anchor.setdefault(a, []).append((lex, e))
        # The anchors and the patterns' required strings. The spec check of every entry builds
        # an index of its own that scans only short examples (``short_texts``: plain ``in``
        # tests); the others register them with the draft literals (checks/prefilter.py), found
        # for every lexicon and rule in one pass.
        self.anchors = sorted(self.by_anchor)
        # By anchor: the entries with a pattern, as the scan reads them.
        self._patterns = {
            a: tuple((lex, e, id(e), e.required) for lex, e in es if e.pattern_source is not None)
            for a, es in self.by_anchor.items()
        }
        required = {s for es in self.by_anchor.values() for _, e in es for s in e.required or ()}
        self._words = sorted(required.union(self.anchors))
        if not short_texts:
            LITERALS.register(self._words)

    def _present(self, draft: Draft) -> set[str]:
        """The anchors and required strings that occur in the draft's folded text (with
        others' literals, which no test here asks for)."""
        if self.short_texts:
            return {a for a in self._words if a in draft.folded}
        return draft.literals()

    def scan(self, draft: Draft) -> dict[str, list[LexiconHit]]:
        """Accepted matches per lexicon name (vocabularies included)."""
        out: dict[str, list[LexiconHit]] = {lex.name: [] for lex in self.lexicons}
        seen: set[tuple[str, int, int]] = set()
        # Hits that give way (id -> the start of the first sentence they reach back to): broad
        # ``fallback`` entries, and evaluations whose target stands in an earlier sentence.
        weak: dict[int, int] = {}
        targeted = []
        # A specific entry before a broad (``fallback``) one that matches the same span.
        for cand in sorted(self._candidates(draft), key=lambda c: c[1].fallback):
            lex, entry, start, end, first, last = cand
            if entry.target:
                targeted.append(cand)  # needs the vocabularies' hits: second pass
                continue
            key = (lex.name, start, end)
            if key in seen or not lex.accept(draft, entry, start, end, first, last):
                continue
            seen.add(key)
            out[lex.name].append(LexiconHit(entry, start, end))
        if targeted:
            targets = [h for lex in self.lexicons if lex.vocabulary for h in out[lex.name]]
            for lex, entry, start, end, first, last in targeted:
                if draft.in_url_or_email(start, end):
                    continue  # a laugh pattern's www in an address
                at = _target_start(draft, targets, entry.target, start, end)
                if at is None:
                    continue
                key = (lex.name, at, end)
                if key in seen or not lex.accept(draft, entry, start, end, first, last):
                    continue
                seen.add(key)
                hit = LexiconHit(entry, min(at, start), max(end, at))
                if at < draft.sentence_at(start)[0]:
                    # A target in an earlier sentence: the finding is the evaluation, and it
                    # gives way to a finding in the target's sentence.
                    hit = LexiconHit(entry, start, end)
                    weak[id(hit)] = draft.sentence_at(at)[0]
                out[lex.name].append(hit)
        for hits in out.values():
            for h in hits:
                if h.entry.fallback and id(h) not in weak:
                    weak[id(h)] = draft.sentence_at(h.start)[0]
        if weak:
            _drop_weak(draft, out, weak, {lex.name for lex in self.lexicons if lex.vocabulary})
        return out

    def _candidates(
        self, draft: Draft
    ) -> Iterator[tuple[Lexicon, Entry, int, int, int | None, int | None]]:
        tokens = draft.tokens
        for index, keys in (
            (self.by_word, tuple([t.normalized for t in tokens])),
            (self.by_reading, draft.readings if self.by_reading else ()),
        ):
            if index.keys().isdisjoint(keys):
                continue  # the usual case: no first word of any entry in this draft
            for i in [i for i, k in enumerate(keys) if k in index]:
                for lex, entry, seq in index[keys[i]]:
                    n = len(seq)
                    if keys[i : i + n] == seq:
                        yield lex, entry, tokens[i].begin, tokens[i + n - 1].end, i, i + n - 1
        if not self.anchors:
            return
        present = self._present(draft)
        folded = draft.folded
        done: set[int] = set()
        # A stable order (anchors sorted, then entries as listed): equal spans keep the same
        # entry.
        patterns = self._patterns
        for a in sorted(patterns.keys() & present):
            for lex, entry, key, required in patterns[a]:
                if key in done:
                    continue
                done.add(key)
                if required is not None and required.isdisjoint(present):
                    continue  # no match can be in this draft (the same result, found sooner)
                pattern = entry.pattern
                assert pattern is not None
                for m in pattern.finditer(folded):
                    if m.end() > m.start():
                        yield lex, entry, m.start(), m.end(), None, None


def _target_start(
    draft: Draft, targets: Sequence[LexiconHit], kinds: Sequence[str], start: int, end: int
) -> int | None:
    """Where the nearest target of one of ``kinds`` stands for the match: in its sentence,
    before the match (within _TARGET_BEFORE characters) or, failing that, right after it;
    failing both, at the end of the sentence before (「あの係長。ほんま使えん」: a target named,
    then evaluated; a group only when that sentence is a question the match answers:
    「前科のある人を採用？ ないない(笑)」), or in a salutation that addresses the whole
    draft (「…の方へ。」, kind ``whole-draft``) anywhere before."""
    s, e = draft.sentence_at(start)
    best: int | None = None
    after: int | None = None
    previous: int | None = None
    salutation: int | None = None
    inside: int | None = None
    ps = draft.sentence_at(s - 1)[0] if s > 0 else s
    if s > 0 and ps == s - 1:  # a line break or spaces: the sentence before that
        ps = draft.sentence_at(max(0, s - 2))[0]
    for t in targets:
        if not any(k in t.entry.kinds for k in kinds):
            continue
        if not (s <= t.start < e):
            if t.end <= s and "whole-draft" in t.entry.kinds:
                salutation = t.start if salutation is None else salutation
            elif (
                ps <= t.start < s
                and start - t.start <= _TARGET_PREVIOUS
                and ("group" not in t.entry.kinds or draft.folded[s - 1 : s] in "?？")
                and not _own_subject(draft, s, start)
            ):
                previous = t.start if previous is None else max(previous, t.start)
            continue
        if t.end <= start and start - t.start <= _TARGET_BEFORE:
            best = t.start if best is None else max(best, t.start)
        elif start <= t.start and t.end <= end:  # inside the match (やっぱり大阪の人は…)
            inside = start
        elif t.start >= end and t.start - end <= _TARGET_AFTER and after is None:
            after = t.end
    for at in (best, inside, after, previous, salutation):
        if at is not None:
            return at
    return None


def _drop_weak(
    draft: Draft,
    out: dict[str, list[LexiconHit]],
    weak: dict[int, int],
    vocabularies: set[str],
) -> None:
    """Drop a weak hit where a specific finding of its lexicon already stands between the
    first sentence it reaches back to and the end of its own: one finding per place, the
    specific one first; of two weak hits there, the first."""
    for name, hits in out.items():
        if name in vocabularies or not any(id(h) in weak for h in hits):
            continue
        strong = [h.start for h in hits if id(h) not in weak]
        taken: list[tuple[int, int]] = []
        kept = []
        for h in hits:
            if id(h) in weak:
                lo, hi = weak[id(h)], draft.sentence_at(h.start)[1]
                if any(lo <= x < hi for x in strong) or any(a < hi and lo < b for a, b in taken):
                    continue
                taken.append((lo, hi))
            kept.append(h)
        out[name] = kept


def _own_subject(draft: Draft, s: int, start: int) -> bool:
    """Whether the match's sentence names a topic or subject of its own before the match
    (「キャラクターは、許諾なく使えない」): then a target in the sentence before is not what
    it evaluates."""
    return any(
        t.pos[0] == "助詞" and t.surface in ("は", "が", "って", "も")
        for t in draft.tokens_between(s, start)
    )


def _negated(tokens: Sequence[Token], draft: Draft, end: int) -> bool:
    """A verb or adjective at or after the match, then a negation: "殺さない", "バカにしないで".

    A noun followed only by a negated copula ("バカじゃないですか", "…ではないか") is a
    rhetorical affirmation, not a negation.
    """
    i = draft.token_index_at(end)
    if i is None:
        return False
    predicate = i > 0 and tokens[i - 1].pos[0] in ("動詞", "形容詞")
    noun = i > 0 and tokens[i - 1].pos[0] == "名詞"
    for t in tokens[i : i + 4]:
        if t.normalized in _NEGATION or t.surface in ("ません", "ない"):
            return predicate
        if t.pos[0] in ("動詞", "形容詞"):
            # After a noun only its own light verb negates it (バカにしない); another verb's
            # negation is about something else (バカには分からない).
            if noun and t.normalized not in _LIGHT_VERBS:
                return False
            predicate = True
        elif t.pos[0] not in ("助動詞", "助詞") or (noun and t.surface == "は"):
            return False
    return False


_LIGHT_VERBS = frozenset({"為る", "する", "成る", "なる"})


def _masked_pattern(words: Sequence[str]) -> str:
    """The written words with one character (not the first) hidden: バ○, ぶっ○す."""
    variants = []
    for w in words:
        w = fold_width(w)
        for i in range(1, len(w)):
            if not w[i].isspace():
                variants.append(re.escape(w[:i]) + _MASK_CLASS + re.escape(w[i + 1 :]))
    if not variants:  # one-character words only: an empty pattern would match everywhere
        raise LexiconError(f"fuseji needs words of two characters or more: {list(words)}")
    return "|".join(variants)


def _key_sequence(text: str) -> tuple[str, ...]:
    return tuple(t.normalized for t in tokenize(text))


def _compile(raw: Any, what: str, entry_id: str) -> re.Pattern[str] | None:
    if raw is None:
        return None
    try:
        return re.compile(raw)
    except re.error as e:
        raise LexiconError(f"{entry_id}: bad {what} regular expression: {e}") from None


def _strings(raw: dict[str, Any], key: str, entry_id: str) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LexiconError(f"{entry_id}: {key} must be a string or a list of strings")
    return tuple(value)


def _entry(
    raw: dict[str, Any],
    defaults: dict[str, Any],
    name: str,
    n: int,
    keys: Callable[[str], tuple[str, ...]],
    requirements: Callable[[str], frozenset[str] | None],
) -> Entry:
    entry_id = str(raw.get("id") or f"{name}[{n}]")
    words = _strings(raw, "words", entry_id)
    readings = _strings(raw, "readings", entry_id)
    pattern = raw.get("pattern")
    if pattern is not None and not isinstance(pattern, str):
        raise LexiconError(f"{entry_id}: pattern must be a string")
    anchors = _strings(raw, "anchors", entry_id)
    if not (words or readings or pattern):
        raise LexiconError(f"{entry_id}: needs words, readings or pattern")
    if pattern is not None and not anchors:
        raise LexiconError(f"{entry_id}: a pattern needs anchors")
    hit = _strings(raw, "hit", entry_id)
    if not hit:
        raise LexiconError(f"{entry_id}: an entry without a spec (hit = [...]) does not load")
    if not raw.get("source"):
        raise LexiconError(f"{entry_id}: needs a source or rationale")
    severity = raw.get("severity")
    if raw.get("fuseji", defaults.get("fuseji", False)) and words:
        masked = _masked_pattern(words)
        pattern = f"{pattern}|{masked}" if pattern else masked
        anchors = (*anchors, *_MASKS)
    stance = raw.get("stance", defaults.get("stance"))
    if stance is not None and stance not in _STANCES:
        raise LexiconError(f"{entry_id}: stance must be one of {sorted(_STANCES)}")
    cells = _strings(raw, "cells", entry_id)
    if cells:
        from checks.coverage import unknown_cells  # the map is data only: no cycle

        unknown = unknown_cells(cells)
        if unknown:
            raise LexiconError(f"{entry_id}: unknown coverage cells {sorted(unknown)}")
    return Entry(
        id=entry_id,
        stance=stance,
        target=_strings(raw, "target", entry_id),
        kinds=_strings(raw, "kinds", entry_id),
        cells=cells,
        words=tuple(keys(fold_width(w)) for w in words),
        readings=tuple(tuple(r.split()) for r in readings),
        pattern_source=pattern,
        required=requirements(pattern) if pattern is not None else None,
        anchors=anchors,
        pos=raw.get("pos"),
        form=raw.get("form"),
        not_before_source=raw.get("not_before"),
        not_after_source=raw.get("not_after"),
        context_source=raw.get("context"),
        unless_source=raw.get("unless"),
        unless_draft_source=raw.get("unless_draft"),
        context_draft_source=raw.get("context_draft"),
        context_near_source=raw.get("context_near"),
        fallback=bool(raw.get("fallback", False)),
        quoted_ok=bool(raw.get("quoted_ok", defaults.get("quoted_ok", True))),
        negated_ok=bool(raw.get("negated_ok", defaults.get("negated_ok", True))),
        use_frames=bool(raw.get("frames", True)),
        replacement=str(raw.get("replacement", "")),
        advice=str(raw.get("advice", "")),
        note=str(raw.get("note", "")),
        severity=Severity(severity) if severity else None,
        source=str(raw["source"]),
        hit=hit,
        miss=_strings(raw, "miss", entry_id),
    )


def parse_lexicon(
    name: str,
    raw: dict[str, Any],
    *,
    word_keys: MutableMapping[str, Sequence[str]] | None = None,
    pattern_requirements: MutableMapping[str, Sequence[str] | None] | None = None,
    compile_now: bool = True,
) -> Lexicon:
    """Build a lexicon from parsed TOML (without checking specs).

    ``word_keys`` maps written words (width-folded) to their key sequences: words found in it
    are not analysed again, and the others are added to it (the load cache keeps it);
    ``pattern_requirements`` does the same for the patterns' required strings.
    ``compile_now=False`` leaves the entries' regular expressions to be compiled on first use
    (for a lexicon whose load was verified before).
    """
    defaults = raw.get("defaults", {})
    frames = tuple(
        _compile(f, "frame", f"{name}.frames") or re.compile("$^")
        for f in defaults.get("frames", [])
    )

    def keys(word: str) -> tuple[str, ...]:
        if word_keys is None:
            return _key_sequence(word)
        known = word_keys.get(word)
        if known is None:
            known = word_keys[word] = _key_sequence(word)
        return tuple(known)

    def requirements(pattern: str) -> frozenset[str] | None:
        if pattern_requirements is None:
            return required_strings(pattern)
        if pattern in pattern_requirements:
            known = pattern_requirements[pattern]
        else:
            found = required_strings(pattern)
            known = pattern_requirements[pattern] = sorted(found) if found is not None else None
        return frozenset(known) if known is not None else None

    entries = tuple(
        _entry(e, defaults, name, n, keys, requirements) for n, e in enumerate(raw.get("entry", []))
    )
    if compile_now:
        for e in entries:
            e.compile_all()
    ids = [e.id for e in entries]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise LexiconError(f"{name}: duplicate entry ids {sorted(dupes)}")
    vocabulary = bool(defaults.get("vocabulary", False))
    if vocabulary and any(not e.kinds for e in entries):
        raise LexiconError(f"{name}: every entry of a vocabulary needs kinds")
    return Lexicon(name, entries, frames, vocabulary)


def check_specs(lex: Lexicon) -> list[str]:
    """Problems with the entries' specs: a ``hit`` example missed or a ``miss`` example hit.

    Examples are analysed alone, with no posting context: matching never needs one."""
    problems = []
    vocabularies = () if lex.vocabulary else load_vocabularies()
    for e in lex.entries:
        alone = LexiconIndex(
            [Lexicon(lex.name, (e,), lex.frames, lex.vocabulary), *vocabularies], short_texts=True
        )
        for example in e.hit:
            if not alone.scan(analyse(sanitize(example)))[lex.name]:
                problems.append(f"{lex.name}/{e.id}: does not hit its example «{example}»")
        for example in e.miss:
            if alone.scan(analyse(sanitize(example)))[lex.name]:
                problems.append(f"{lex.name}/{e.id}: hits its counter-example «{example}»")
    return problems


@cache
def load_vocabularies() -> tuple[Lexicon, ...]:
    """Every vocabulary of checks/vocabularies/ (targets, groups …), specs checked."""
    names = sorted(
        p.name.removesuffix(".toml")
        for p in files("checks.vocabularies").iterdir()
        if p.name.endswith(".toml")
    )
    return tuple(load_lexicon(n, package="checks.vocabularies") for n in names)


@cache
def load_lexicon(name: str, package: str = "checks.lexicons") -> Lexicon:
    """Load checks/lexicons/NAME.toml (or a vocabulary) and check its specs; raises
    LexiconError."""
    source = files(package).joinpath(f"{name}.toml").read_text("utf-8")
    # A load verified before with the same file, code and dictionary (checks/lexicon_cache.py)
    # skips the parsing, the specs and the words' analysis; any change runs them again.
    key = lexicon_cache.cache_key(package, name, source)
    record = lexicon_cache.read_record(package, name, key)
    if record is not None:
        return parse_lexicon(
            name,
            record.raw,
            word_keys=record.words,
            pattern_requirements=record.required,
            compile_now=False,
        )
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        raise LexiconError(f"{name}.toml: {e}") from None
    word_keys: dict[str, Sequence[str]] = {}
    required: dict[str, Sequence[str] | None] = {}
    lex = parse_lexicon(name, raw, word_keys=word_keys, pattern_requirements=required)
    problems = check_specs(lex)
    if problems:
        raise LexiconError("; ".join(problems))
    lexicon_cache.write_record(package, name, key, raw, word_keys, required)
    return lex
