"""Features of sentences (for the event classifier) and of tokens (for the span tagger).

Both read the normalised text (``marsad.text.normalize``) and the mentions the rule stage
«entities» attached to the document: triggers, actors, places, dates, numbers and cue words.
Features are strings (binary indicators), so the same function serves training and inference.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from marsad.document import Document
from marsad.text.tokens import PROCLITICS

_WORD_RE = re.compile(r"\w+|[^\w\s]")
_ARABIC_WORD_RE = re.compile(r"\w+")
CHAR_NGRAMS = (3, 4, 5)
OLD_EVENT_DAYS = 30  # a date this long before publication reads as background


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


def sentence_features(doc: Document, index: DocIndex, i: int) -> list[str]:
    """Binary features of sentence ``i``: character n-grams, words and knowledge-base matches."""
    sent = doc.sentences[i]
    text = doc.ntext[sent.start : sent.end]
    feats: list[str] = ["bias", f"pos={min(i, 3)}"]
    words = _ARABIC_WORD_RE.findall(text)
    feats.append(f"len={min(len(words) // 10, 5)}")
    for w in words:
        s = stem(w)
        feats.append("w=" + s)
        padded = f" {s} "
        for n in CHAR_NGRAMS:
            for k in range(len(padded) - n + 1):
                feats.append(padded[k : k + n])
    feats.extend(index.kb[i])
    if not index.triggers[i]:
        feats.append("no_trigger")
    if '"' in text or "«" in text:
        feats.append("quote")
    return feats


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


def token_features(doc: Document, i: int, tokens: list[Token]) -> list[list[str]]:
    """CRF features of each token of sentence ``i``: word shape, stem, affixes, KB matches,
    the words around it and where it stands relative to the sentence's first trigger."""
    sent = doc.sentences[i]
    spans: list[tuple[int, int, str]] = []
    for a in doc.actors:
        if a.sentence == i:
            spans.append((a.start, a.end, f"generic{a.inter}" if a.generic else f"actor{a.inter}"))
    for p in doc.places:
        if p.sentence == i:
            spans.append((p.start, p.end, "place" if p.candidates else "place?"))
    trig_pos: int | None = None
    for t in doc.triggers:
        if t.sentence == i:
            spans.append((t.start, t.end, "trig_" + t.entry.role))
            if trig_pos is None:
                trig_pos = t.start
    for d in doc.dates:
        if sent.start <= d.start < sent.end:
            spans.append((d.start, d.end, "date"))
    for q in doc.quantities:
        if sent.start <= q.start < sent.end:
            spans.append((q.start, q.end, "num"))
    for s, e, kind in doc.cues:
        if sent.start <= s < sent.end:
            spans.append((s, e, "cue_" + kind))
    tags = _span_tags(spans, tokens)
    stems = [stem(t.text) for t in tokens]
    out: list[list[str]] = []
    n = len(tokens)
    for j, tok in enumerate(tokens):
        w = tok.text
        st = stems[j]
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
        if trig_pos is not None:
            f.append("before_trig" if tok.start < trig_pos else "after_trig")
        f.extend("m=" + t for t in tags[j])
        for off in (-2, -1, 1, 2):
            k = j + off
            if 0 <= k < n:
                f.append(f"{off}:s=" + stems[k])
                f.extend(f"{off}:m=" + t for t in tags[k])
            else:
                f.append(f"{off}:edge")
        out.append(f)
    return out
