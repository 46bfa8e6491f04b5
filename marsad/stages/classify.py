"""Stage «classify»: the sentence model says which sentences report a codable event.

Two ways to use it (see :mod:`marsad.learn.modes`):

- ``filter`` (after the rule stages «events» and «arguments»): a rule event whose sentence
  the model gives an event probability under its threshold is dropped; when the model is
  confident of another type for a sentence holding a single event, the type is corrected.
- ``create`` (instead of the rule stages): every sentence over the threshold becomes one
  event of the model's type and sub-type.
"""

from __future__ import annotations

from typing import Literal

from marsad.document import Document, Event, TriggerMention
from marsad.kb.triggers import Trigger
from marsad.learn.features import DocIndex, sentence_features
from marsad.learn.labels import split_label
from marsad.learn.sentence import SentenceModel
from marsad.learn.store import sentence_model

CONFIDENT = 0.6  # a type the model gives at least this probability may replace the rules' one

Mode = Literal["filter", "create"]


class SentenceScores:
    """Event probability and best type of each sentence of one document, computed lazily."""

    def __init__(self, model: SentenceModel, doc: Document) -> None:
        self.model = model
        self.doc = doc
        self._index: DocIndex | None = None
        self._cache: dict[int, tuple[float, str, float]] = {}

    def prefetch(self, sentences: list[int]) -> None:
        """Score these sentences together (one matrix operation instead of one each)."""
        todo = sorted({i for i in sentences if i not in self._cache})
        if not todo:
            return
        if self._index is None:
            self._index = DocIndex(self.doc)
        rows = [self.model.rows(sentence_features(self.doc, self._index, i)) for i in todo]
        for i, hit in zip(todo, self.model.predict_many(rows), strict=True):
            self._cache[i] = hit

    def _predict(self, i: int) -> tuple[float, str, float]:
        hit = self._cache.get(i)
        if hit is None:
            if self._index is None:
                self._index = DocIndex(self.doc)
            rows = self.model.rows(sentence_features(self.doc, self._index, i))
            hit = self._cache[i] = self.model.predict(rows)
        return hit

    def event_probability(self, i: int) -> float:
        return self._predict(i)[0]

    def best_type(self, i: int) -> tuple[str, float]:
        """(best ``Type|Sub-type`` label, its probability)."""
        _, label, p = self._predict(i)
        return label, p


class ClassifyStage:
    def __init__(
        self,
        mode: Mode = "filter",
        model: SentenceModel | None = None,
        *,
        threshold: float | None = None,
        fix_types: bool = True,
    ) -> None:
        self.mode = mode
        self.model = model or sentence_model()
        default = self.model.filter_threshold if mode == "filter" else self.model.threshold
        self.threshold = threshold if threshold is not None else default
        self.fix_types = fix_types

    def __call__(self, doc: Document) -> Document:
        scores = SentenceScores(self.model, doc)
        if self.mode == "create":
            doc.events = self._create(doc, scores)
        else:
            doc.events = self._filter(doc, scores)
        return doc

    def _filter(self, doc: Document, scores: SentenceScores) -> list[Event]:
        scores.prefetch([ev.sentence for ev in doc.events])
        kept = [ev for ev in doc.events if scores.event_probability(ev.sentence) >= self.threshold]
        if self.fix_types:
            per_sentence: dict[int, int] = {}
            for ev in kept:
                per_sentence[ev.sentence] = per_sentence.get(ev.sentence, 0) + 1
            for ev in kept:
                if per_sentence[ev.sentence] > 1:
                    continue
                label, p = scores.best_type(ev.sentence)
                if p >= CONFIDENT:
                    etype, sub = split_label(label)
                    if etype != ev.event_type:
                        ev.event_type, ev.sub_event_type = etype, sub
        return kept

    def _create(self, doc: Document, scores: SentenceScores) -> list[Event]:
        first_trigger: dict[int, TriggerMention] = {}
        for t in doc.triggers:
            first_trigger.setdefault(t.sentence, t)
        events: list[Event] = []
        scores.prefetch(list(range(len(doc.sentences))))
        for i, sent in enumerate(doc.sentences):
            if scores.event_probability(i) < self.threshold:
                continue
            label, _ = scores.best_type(i)
            etype, sub = split_label(label)
            t = first_trigger.get(i) or TriggerMention(
                sent.start, sent.end, i, etype, sub, Trigger(etype, sub, "event")
            )
            events.append(Event(etype, sub, t, i, mentions=[t]))
        return events
