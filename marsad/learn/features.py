"""Features of sentences (for the event classifier) and of tokens (for the span tagger).

Both read the normalised text (``marsad.text.normalize``) and the mentions the rule stage
«entities» attached to the document: triggers, actors, places, dates, numbers and cue words.
Features are strings (binary indicators), so the same function serves training and inference.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from marsad.document import Document, Event
from marsad.text.tokens import PROCLITICS

_WORD_RE = re.compile(r"\w+|[^\w\s]")
_ARABIC_WORD_RE = re.compile(r"\w+")
CHAR_NGRAMS = (3, 4, 5)
OLD_EVENT_DAYS = 30  # a date this long before publication reads as background


@functools.lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """``word`` without its longest proclitic (keeping at least 3 letters)."""
    for k in (4, 3, 2, 1):
        if len(word) - k >= 3 and word[:k] in PROCLITICS:
            return word[k:]
    return word


# -- sentences ---------------------------------------------------------------------------


class DocIndex:
    """Mentions of a document grouped by sentence, built once per document."""

    def __init__(self, doc: Document) -> None:
        n = len(doc.sentences)
        self.triggers: list[list[str]] = [[] for _ in range(n)]
        self.kb: list[list[str]] = [[] for _ in range(n)]
        for t in doc.triggers:
            self.triggers[t.sentence].append(t.sub_event_type)
            self.kb[t.sentence].extend(
                (
                    f"trig_type={t.event_type}",
                    f"trig_sub={t.sub_event_type}",
                    f"trig_role={t.entry.role}",
                )
            )
        for a in doc.actors:
            self.kb[a.sentence].append(f"actor_inter={a.inter}")
            self.kb[a.sentence].append("actor_generic" if a.generic else "actor_named")
        for p in doc.places:
            level = p.candidates[0].level if p.candidates else "unknown"
            self.kb[p.sentence].append(f"place={level}")
            if p.cue:
                self.kb[p.sentence].append("place_cue")
        starts = [s.start for s in doc.sentences]

        def sent_of(pos: int) -> int:
            return max(0, bisect.bisect_right(starts, pos) - 1) if starts else 0

        for s, _, kind in doc.cues:
            if n:
                self.kb[sent_of(s)].append(f"cue={kind}")
        for d in doc.dates:
            if not n:
                break
            i = sent_of(d.start)
            if d.date is None:
                self.kb[i].append("date_unresolved")
                continue
            self.kb[i].append(f"date_prec={d.precision}")
            if doc.published is not None:
                days = (doc.published - d.date).days
                self.kb[i].append(
                    "date_old"
                    if days > OLD_EVENT_DAYS
                    else "date_future"
                    if days < 0
                    else "date_recent"
                )
        for q in doc.quantities:
            if n:
                self.kb[sent_of(q.start)].append("number")


@dataclass(slots=True)
class SentenceFeatures:
    """A sentence's features in two parts: its words (each expands to the same
    :func:`word_features` wherever it occurs, so inference caches them) and the rest."""

    words: list[str]
    extra: list[str]

    def all(self) -> list[str]:
        out = list(self.extra)
        for w in self.words:
            out.extend(word_features(w))
        return out


@functools.lru_cache(maxsize=65536)
def word_features(word: str) -> tuple[str, ...]:
    """The word's stem and the stem's character n-grams (word boundaries marked by spaces)."""
    word_stem = stem(word)
    feats = ["w=" + word_stem]
    padded = f" {word_stem} "
    for n in CHAR_NGRAMS:
        for k in range(len(padded) - n + 1):
            feats.append(padded[k : k + n])
    return tuple(feats)


def sentence_features(doc: Document, index: DocIndex, i: int) -> SentenceFeatures:
    """Features of sentence ``i``: character n-grams, words and knowledge-base matches."""
    sent = doc.sentences[i]
    text = doc.ntext[sent.start : sent.end]
    words = _ARABIC_WORD_RE.findall(text)
    extra: list[str] = ["bias", f"pos={min(i, 3)}", f"len={min(len(words) // 10, 5)}"]
    extra.extend(index.kb[i])
    if not index.triggers[i]:
        extra.append("no_trigger")
    if '"' in text or "«" in text:
        extra.append("quote")
    return SentenceFeatures(words, extra)


def event_features(doc: Document, ev: Event, same_sentence: int = 1) -> list[str]:
    """Features of a rule-coded event (after «geocode»): what the rules made of it."""
    et = ev.event_type
    f = [
        f"e:type={et}",
        f"e:sub={ev.sub_event_type}",
        f"e:role={ev.trigger.entry.role}",
        f"e:mentions={min(len(ev.mentions), 3)}",
        f"e:same_sentence={min(same_sentence, 3)}",
    ]
    for name, a in (("a1", ev.actor1), ("a2", ev.actor2)):
        v = "none" if a is None else f"{a.inter}{'g' if a.generic else ''}"
        f += [f"e:{name}={v}", f"e:{et}:{name}={v}"]
    level = ev.place.level if ev.place is not None else "none"
    f += [f"e:place={level}", f"e:{et}:place={level}", f"e:geo={ev.geo_precision}"]
    if ev.place_inherited:
        f.append("e:place_inherited")
    if ev.date is None:
        f.append("e:no_date")
    else:
        if ev.date_inherited:
            f.append("e:date_inherited")
        if doc.published is not None:
            days = (doc.published - ev.date).days
            age = (
                "future"
                if days < 0
                else "0"
                if days == 0
                else "week"
                if days <= 7
                else ("month" if days <= OLD_EVENT_DAYS else "old")
            )
            f += [f"e:age={age}", f"e:{et}:age={age}"]
    fat = "0" if not ev.fatalities else "1-9" if ev.fatalities < 10 else "10+"
    f += [f"e:fat={fat}", f"e:{et}:fat={fat}"]
    both = ev.actor1 is not None and ev.actor2 is not None
    named = sum(1 for a in (ev.actor1, ev.actor2) if a is not None and not a.generic)
    f += [f"e:{et}:named={named}", f"e:{et}:both={both}"]
    if ev.place_mention is not None and ev.place_mention.cue:
        f.append("e:place_cue")
    if ev.kills:
        f.append("e:kills")
    if ev.background:
        f.append("e:background")
    if ev.victims:
        f.append("e:victims")
    return f


# -- tokens --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str


def tokenize(text: str, start: int, end: int) -> list[Token]:
    return [
        Token(m.start() + start, m.end() + start, m.group())
        for m in _WORD_RE.finditer(text[start:end])
    ]


def _span_tags(spans: list[tuple[int, int, str]], tokens: list[Token]) -> list[list[str]]:
    """For each token, ``B-kind``/``I-kind`` of the mentions it lies in."""
    out: list[list[str]] = [[] for _ in tokens]
    starts = [t.start for t in tokens]
    for s, e, kind in spans:
        j = bisect.bisect_left(starts, s)
        if j > 0 and tokens[j - 1].end > s:
            j -= 1
        first = True
        while j < len(tokens) and tokens[j].start < e:
            out[j].append(("B-" if first else "I-") + kind)
            first = False
            j += 1
    return out


class MentionIndex:
    """Knowledge-base mentions of a document as ``(start, end, kind)`` spans per sentence."""

    def __init__(self, doc: Document) -> None:
        n = len(doc.sentences)
        self.spans: list[list[tuple[int, int, str]]] = [[] for _ in range(n)]
        self.first_trigger: list[int | None] = [None] * n
        if not n:
            return
        starts = [s.start for s in doc.sentences]

        def add(s: int, e: int, kind: str, sent: int | None = None) -> None:
            i = sent if sent is not None else max(0, bisect.bisect_right(starts, s) - 1)
            self.spans[i].append((s, e, kind))

        for a in doc.actors:
            add(a.start, a.end, f"generic{a.inter}" if a.generic else f"actor{a.inter}", a.sentence)
        for p in doc.places:
            add(p.start, p.end, "place" if p.candidates else "place?", p.sentence)
        for t in doc.triggers:
            add(t.start, t.end, "trig_" + t.entry.role, t.sentence)
            ft = self.first_trigger[t.sentence]
            if ft is None or t.start < ft:
                self.first_trigger[t.sentence] = t.start
        for d in doc.dates:
            add(d.start, d.end, "date")
        for q in doc.quantities:
            add(q.start, q.end, "num")
        for s, e, kind in doc.cues:
            add(s, e, "cue_" + kind)


def token_features(
    doc: Document, i: int, tokens: list[Token], mentions: MentionIndex | None = None
) -> list[list[str]]:
    """CRF features of each token of sentence ``i``: word shape, stem, affixes, KB matches,
    the words around it and where it stands relative to the sentence's first trigger."""
    mentions = mentions or MentionIndex(doc)
    spans = mentions.spans[i]
    trig_pos = mentions.first_trigger[i]
    tags = [tuple(t) for t in _span_tags(spans, tokens)]
    local = [_local_features(t.text) for t in tokens]
    n = len(tokens)
    out: list[list[str]] = []
    for j, tok in enumerate(tokens):
        f = list(local[j][1])
        if trig_pos is not None:
            f.append("before_trig" if tok.start < trig_pos else "after_trig")
        f.extend(_context(0, "", tags[j]))
        for off in (-2, -1, 1, 2):
            k = j + off
            f.extend(_context(off, local[k][0], tags[k]) if 0 <= k < n else _EDGE[off])
        out.append(f)
    return out


_EDGE = {off: (f"{off}:edge",) for off in (-2, -1, 1, 2)}


@functools.lru_cache(maxsize=65536)
def _context(off: int, word_stem: str, tags: tuple[str, ...]) -> tuple[str, ...]:
    """Features a token at offset ``off`` gives (0: the token's own mention tags)."""
    if off == 0:
        return tuple("m=" + t for t in tags)
    return (f"{off}:s=" + word_stem, *(f"{off}:m=" + t for t in tags))


@functools.lru_cache(maxsize=65536)
def _local_features(w: str) -> tuple[str, tuple[str, ...]]:
    """(stem, features of the word itself) of a token."""
    st = stem(w)
    f = [
        "bias",
        "w=" + w,
        "s=" + st,
        "p2=" + w[:2],
        "x2=" + st[-2:],
        "x3=" + st[-3:],
        "cl=" + w[: len(w) - len(st)],
    ]
    if w.isdigit():
        f.append("digit")
    elif not w[0].isalnum():
        f.append("punct=" + w)
    return st, tuple(f)
