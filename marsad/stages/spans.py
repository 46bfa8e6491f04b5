"""Stage «spans»: the sequence model (a CRF) marks actor1, actor2, location, date and
fatality spans in an event's sentence; the spans are read through the knowledge-base
mentions they cover (an actor span names the actor matched inside it, a location span the
place mention, a date span the date expression, a fatality span the number).

``actors`` mode (the default pipeline, after «vet») replaces the rules' actor1 and actor2 with
the actors the tagger marks, where it marks one; generic actors («قوات النظام») get the
event's country. ``fill`` mode sets only the actors the rules left empty, and the location
span is a hint the model-aware geocoder prefers (the rules' dates and fatality counts scored
better on the development set than the tagger's). ``all`` mode (models only) sets every
field the model finds.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import Any, Literal

from marsad.document import ActorMention, Document, Event, PlaceMention
from marsad.learn.features import MentionIndex, token_features, tokenize
from marsad.learn.store import span_tagger
from marsad.parse.numbers import parse_quantity

Mode = Literal["fill", "actors", "all"]
Span = tuple[int, int]


def decode(tags: list[str], offsets: list[Span]) -> dict[str, list[Span]]:
    """BIO tags → character spans per tag name (an ``I-`` after ``O`` starts a span too)."""
    out: dict[str, list[Span]] = {}
    cur: str | None = None
    for tag, (s, e) in zip(tags, offsets, strict=True):
        if tag == "O":
            cur = None
            continue
        kind, name = tag.split("-", 1)
        if kind == "I" and cur == name:
            spans = out[name]
            spans[-1] = (spans[-1][0], e)
        else:
            out.setdefault(name, []).append((s, e))
            cur = name
    return out


def _overlap(a: Span, s: int, e: int) -> int:
    return max(0, min(a[1], e) - max(a[0], s))


class SpansStage:
    def __init__(self, mode: Mode = "fill", tagger: Any = None, *, place_hint: bool = True) -> None:
        self.mode = mode
        self.tagger = tagger or span_tagger()
        self.place_hint = place_hint

    def tag_sentence(
        self, doc: Document, i: int, mentions: MentionIndex | None = None
    ) -> dict[str, list[Span]]:
        sent = doc.sentences[i]
        tokens = tokenize(doc.ntext, sent.start, sent.end)
        if not tokens:
            return {}
        tags = self.tagger.tag(token_features(doc, i, tokens, mentions))
        return decode(list(tags), [(t.start, t.end) for t in tokens])

    def _worth_tagging(self, ev: Event, kinds: list[str]) -> bool:
        """In ``fill`` mode: could the tagger change anything for ``ev``? (Tagging is skipped
        where the rules left nothing open that the sentence's mentions could fill.)"""
        if self.mode != "fill":
            return True
        actors = sum(1 for k in kinds if k.startswith(("actor", "generic")))
        used = sum(1 for a in (ev.actor1, ev.actor2) if a is not None)
        places = sum(1 for k in kinds if k.startswith("place"))
        return (used < 2 and actors > used) or (self.place_hint and places > 1)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        cache: dict[int, dict[str, list[Span]]] = {}
        dates = sorted((d for d in doc.dates if d.date is not None), key=lambda d: d.start)
        starts = [d.start for d in dates]
        mentions = MentionIndex(doc)
        for ev in doc.events:
            if ev.sentence not in cache:
                kinds = [k for _, _, k in mentions.spans[ev.sentence]]
                if not self._worth_tagging(ev, kinds):
                    if self.mode == "fill":
                        continue
                cache[ev.sentence] = self.tag_sentence(doc, ev.sentence, mentions)
            spans = cache[ev.sentence]
            self._actors(doc, ev, spans)
            if self.mode == "actors":
                continue
            if self.place_hint:
                self._place(doc, ev, spans)
            if self.mode == "all":  # with the rules, their dates and counts measured better
                self._date(doc, ev, spans, dates, starts)
                self._fatalities(doc, ev, spans)
        return doc

    def _actor(
        self, doc: Document, ev: Event, spans: list[Span], avoid: Sequence[ActorMention] = ()
    ) -> ActorMention | None:
        """The actor mention a tagged span covers most (spans covering one of ``avoid`` skipped)."""
        best: tuple[int, ActorMention] | None = None
        for sp in spans:
            if any(_overlap(sp, v.start, v.end) for v in avoid):
                continue
            for a in doc.actors:
                if a.sentence != ev.sentence:
                    continue
                ov = _overlap(sp, a.start, a.end)
                if ov and (best is None or ov > best[0]):
                    best = (ov, a)
        return best[1] if best else None

    def _actors(self, doc: Document, ev: Event, spans: dict[str, list[Span]]) -> None:
        # the rules' victims («مقتل 21 عنصرا من X») never act, and stay actor2 when they are
        a1 = self._actor(doc, ev, spans.get("A1", []), ev.victims)
        a2 = self._actor(doc, ev, spans.get("A2", []))
        if self.mode == "actors":  # after «geocode»: name generic actors as it does
            a1 = _with_country(a1, ev.country) if a1 is not None else None
            a2 = _with_country(a2, ev.country) if a2 is not None else None
        if a2 is not None and a1 is not None and a2.name == a1.name:
            a2 = None
        if self.mode != "fill":
            if _better(a1, ev.actor1) and (
                ev.actor2 is None or a1 is None or a1.name != ev.actor2.name or a2
            ):
                assert a1 is not None
                ev.actor1 = a1
            victims = {v.name for v in ev.victims}
            victim = ev.actor2 is not None and ev.actor2.name in victims
            if (
                not victim
                and _better(a2, ev.actor2)
                and (ev.actor1 is None or a2 is None or a2.name != ev.actor1.name)
            ):
                assert a2 is not None
                ev.actor2 = a2
            return
        taken = {a.name for a in (ev.actor1, ev.actor2) if a is not None}
        if ev.actor1 is None and a1 is not None and a1.name not in taken:
            ev.actor1 = a1
            taken.add(a1.name)
        if ev.actor2 is None and a2 is not None and a2.name not in taken:
            ev.actor2 = a2

    def _place(self, doc: Document, ev: Event, spans: dict[str, list[Span]]) -> None:
        best: tuple[int, PlaceMention] | None = None
        for sp in spans.get("LOC", []):
            for pm in doc.places:
                if pm.sentence != ev.sentence:
                    continue
                ov = _overlap(sp, pm.start, pm.end)
                if ov and (best is None or ov > best[0]):
                    best = (ov, pm)
        if best is not None:
            ev.place_mention = best[1]  # a hint: ModelGeocodeStage resolves it

    def _date(
        self,
        doc: Document,
        ev: Event,
        spans: dict[str, list[Span]],
        dates: list[Any],
        starts: list[int],
    ) -> None:
        for sp in spans.get("DATE", []):
            lo = bisect.bisect_left(starts, sp[0] - 40)
            for d in dates[lo:]:
                if d.start >= sp[1]:
                    break
                if _overlap(sp, d.start, d.end):
                    ev.date, ev.date_mention, ev.time_precision = d.date, d, d.precision
                    ev.date_inherited = False
                    return
        if ev.date is None:  # models only: the last date before the sentence, or publication
            pos = doc.sentences[ev.sentence].start
            k = bisect.bisect_right(starts, pos) - 1
            if k >= 0:
                d = dates[k]
                ev.date, ev.date_mention, ev.time_precision = d.date, d, d.precision
            elif doc.published is not None:
                ev.date, ev.time_precision = doc.published, 2
            ev.date_inherited = True

    def _fatalities(self, doc: Document, ev: Event, spans: dict[str, list[Span]]) -> None:
        for sp in spans.get("FAT", []):
            for q in doc.quantities:
                if _overlap(sp, q.start, q.end):
                    ev.fatalities, ev.fatalities_mention = q.value, q
                    return
            q = parse_quantity(doc.ntext[sp[0] : sp[1]])
            if q is not None:
                ev.fatalities, ev.fatalities_mention = q.value, None
                return


def _better(tagged: ActorMention | None, current: ActorMention | None) -> bool:
    """Does the tagger's actor replace the current one? Never a named actor by a generic one."""
    if tagged is None:
        return False
    return current is None or current.generic or not tagged.generic


def _with_country(a: ActorMention, country: str | None) -> ActorMention:
    """A generic actor's ``{country}`` filled in (as «geocode» does for the rules' actors)."""
    if "{country}" not in a.name:
        return a
    name = a.name.replace("{country}", country or "Unknown")
    return ActorMention(a.start, a.end, a.sentence, name, a.inter, country, None, True)
