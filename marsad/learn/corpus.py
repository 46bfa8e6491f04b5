"""Reading an annotated corpus (``shared/train`` layout) into labelled documents.

Each article is run through the rule stages up to «entities» (the knowledge-base matches are
features of both models); its events' ``evidence`` and ``spans`` quotes are located in the
normalised text. Quotes are found by normalising them the same way (normalisation is one
character at a time, so a substring stays a substring).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.document import Document
from marsad.pipeline import Pipeline
from marsad.text.normalize import normalize

SPAN_FIELDS = ("actor1", "actor2", "location", "date", "fatalities")


@dataclass(slots=True)
class LabelledEvent:
    event_type: str
    sub_event_type: str
    optional: bool
    evidence: tuple[int, int] | None  # normalised offsets
    trigger: tuple[int, int] | None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(slots=True)
class LabelledDoc:
    doc: Document
    events: list[LabelledEvent]
    not_events: list[tuple[int, int]]
    gold: list[dict[str, Any]] = field(default_factory=list)  # the annotated events as given


def article_paths(root: str | Path) -> list[Path]:
    """The annotation files under ``root`` (any depth), in a stable order."""
    return sorted(p for p in Path(root).rglob("*.json") if p.is_file())


def _first(value: Any) -> str:
    if isinstance(value, list):
        return str(value[0]) if value else ""
    return str(value or "")


def find_all(text: str, quote: str) -> list[int]:
    out: list[int] = []
    if not quote:
        return out
    i = text.find(quote)
    while i != -1:
        out.append(i)
        i = text.find(quote, i + 1)
    return out


def locate(ntext: str, quote: str | None, near: tuple[int, int] | None) -> tuple[int, int] | None:
    """Normalised span of ``quote`` in ``ntext``: inside, else nearest to, ``near``."""
    if not quote:
        return None
    q = normalize(quote).text.strip()
    hits = find_all(ntext, q)
    if not hits:
        return None
    if near is None:
        s = hits[0]
    else:
        lo, hi = near

        def dist(s: int) -> int:
            e = s + len(q)
            if s >= lo and e <= hi:
                return -1
            return min(abs(s - lo), abs(e - hi), abs(s - hi), abs(e - lo))

        s = min(hits, key=dist)
    return s, s + len(q)


def load_article(path: Path) -> tuple[str, dict[str, Any]]:
    meta: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    text_path = path.with_name(str(meta.get("text_file") or path.with_suffix(".txt").name))
    return text_path.read_text(encoding="utf-8"), meta


def label_document(doc: Document, meta: dict[str, Any]) -> LabelledDoc:
    ntext = doc.ntext
    events: list[LabelledEvent] = []
    for ev in meta.get("events") or []:
        evidence = locate(ntext, ev.get("evidence"), None)
        spans_raw = ev.get("spans") or {}
        trigger = locate(ntext, spans_raw.get("trigger"), evidence)
        anchor = trigger or evidence
        spans: dict[str, tuple[int, int]] = {}
        for f in SPAN_FIELDS:
            loc = locate(ntext, spans_raw.get(f), anchor)
            if loc is not None:
                spans[f] = loc
        events.append(
            LabelledEvent(
                event_type=_first(ev.get("event_type")),
                sub_event_type=_first(ev.get("sub_event_type")),
                optional=bool(ev.get("optional")),
                evidence=evidence,
                trigger=trigger,
                spans=spans,
            )
        )
    not_events = [
        loc
        for ne in meta.get("not_events") or []
        if (loc := locate(ntext, ne.get("evidence"), None)) is not None
    ]
    return LabelledDoc(doc, events, not_events, list(meta.get("events") or []))


def _published(meta: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(meta.get("published")))
    except ValueError:
        return None


def read_corpus(paths: list[Path], pipeline: Pipeline) -> Iterator[LabelledDoc]:
    """Labelled documents of the articles ``paths``, analysed up to «entities»."""
    for path in paths:
        text, meta = load_article(path)
        doc = Document(
            text, article_id=str(meta.get("id") or path.stem), published=_published(meta)
        )
        doc = pipeline.run(doc, until="entities")
        yield label_document(doc, meta)
