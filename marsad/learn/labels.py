"""Training labels: which sentences report an event (and of what type), which tokens are spans."""

from __future__ import annotations

from marsad.learn.corpus import LabelledDoc, LabelledEvent
from marsad.learn.features import Token

NONE = "NONE"
EVENT = "EVENT"
SEP = "|"
#: Span fields of the annotation → tag names of the sequence model.
TAGS = {"actor1": "A1", "actor2": "A2", "location": "LOC", "date": "DATE", "fatalities": "FAT"}


def type_label(event_type: str, sub_event_type: str) -> str:
    return f"{event_type}{SEP}{sub_event_type}"


def split_label(label: str) -> tuple[str, str]:
    etype, _, sub = label.partition(SEP)
    return etype, sub


def event_sentences(ld: LabelledDoc, ev: LabelledEvent) -> list[int]:
    """Sentences reporting ``ev``: the one holding its trigger, else those its evidence covers."""
    doc = ld.doc
    if ev.trigger is not None:
        return [doc.sentence_of(ev.trigger[0])]
    if ev.evidence is None:
        return []
    s, e = ev.evidence
    return [i for i, sent in enumerate(doc.sentences) if sent.start < e and s < sent.end]


def sentence_labels(ld: LabelledDoc) -> list[str | None]:
    """One label per sentence: ``Type|Sub-type``, ``NONE``, or None (an optional event: skip)."""
    labels: list[str | None] = [NONE] * len(ld.doc.sentences)
    for ev in ld.events:  # optional first, so that a required event's label wins
        if ev.optional:
            for i in event_sentences(ld, ev):
                labels[i] = None
    for ev in ld.events:
        if not ev.optional:
            for i in event_sentences(ld, ev):
                if labels[i] in (NONE, None):
                    labels[i] = type_label(ev.event_type, ev.sub_event_type)
    return labels


def span_sequences(ld: LabelledDoc) -> list[tuple[int, LabelledEvent]]:
    """(sentence, event) pairs for the span tagger: the first event reported in each sentence."""
    out: dict[int, LabelledEvent] = {}
    for ev in ld.events:
        sents = event_sentences(ld, ev)
        if sents and sents[0] not in out:
            out[sents[0]] = ev
    return sorted(out.items(), key=lambda x: x[0])


def bio_tags(tokens: list[Token], ev: LabelledEvent) -> list[str]:
    tags = ["O"] * len(tokens)
    for field, tag in TAGS.items():
        span = ev.spans.get(field)
        if span is None:
            continue
        s, e = span
        first = True
        for j, tok in enumerate(tokens):
            if tok.end <= s or tok.start >= e or tags[j] != "O":
                continue
            tags[j] = ("B-" if first else "I-") + tag
            first = False
    return tags
