"""The pipeline: a Document flows through named, replaceable stages.

>>> from marsad import default_pipeline
>>> nlp = default_pipeline(mode="rules")
>>> nlp.stage_names
['normalize', 'segment', 'entities', 'events', 'arguments', 'geocode', 'dedup']
>>> default_pipeline(mode="both").stage_names[3:]
['events', 'arguments', 'geocode', 'vet', 'dedup']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from marsad.document import Document
from marsad.kb.base import KnowledgeBase, default_kb

Stage = Callable[[Document], Document]


class Pipeline:
    def __init__(self, stages: Iterable[tuple[str, Stage]]) -> None:
        self._stages: list[tuple[str, Stage]] = list(stages)

    @property
    def stage_names(self) -> list[str]:
        return [n for n, _ in self._stages]

    def get(self, name: str) -> Stage:
        for n, s in self._stages:
            if n == name:
                return s
        raise KeyError(f"no stage named {name!r}; stages: {', '.join(self.stage_names)}")

    def replace(self, name: str, stage: Stage) -> None:
        self.get(name)
        self._stages = [(n, stage if n == name else s) for n, s in self._stages]

    def add(self, name: str, stage: Stage, *, after: str | None = None) -> None:
        if name in self.stage_names:
            raise ValueError(f"a stage named {name!r} exists already")
        idx = len(self._stages) if after is None else self.stage_names.index(after) + 1
        self._stages.insert(idx, (name, stage))

    def remove(self, name: str) -> None:
        self.get(name)
        self._stages = [(n, s) for n, s in self._stages if n != name]

    def run(self, doc: Document, *, until: str | None = None) -> Document:
        for n, s in self._stages:
            doc = s(doc)
            if n == until:
                break
        return doc

    def __call__(
        self,
        text: str,
        *,
        published: dt.date | None = None,
        article_id: str = "article",
        source: str = "",
    ) -> Document:
        return self.run(Document(text, article_id=article_id, source=source, published=published))


def default_pipeline(kb: KnowledgeBase | None = None, mode: str | None = None) -> Pipeline:
    """normalize → segment → entities → events → arguments → geocode → dedup.

    ``mode`` ("rules", "models", "both", "all"; default :data:`marsad.learn.modes.DEFAULT_MODE`)
    adds or swaps in the learned stages, see :mod:`marsad.learn.modes`.
    """
    from marsad.stages.arguments import ArgumentsStage
    from marsad.stages.dedup import DedupStage
    from marsad.stages.entities import EntitiesStage
    from marsad.stages.events import EventsStage
    from marsad.stages.geocode import GeocodeStage
    from marsad.stages.text import normalize_stage, segment_stage

    kb = kb or default_kb()
    pipeline = Pipeline(
        [
            ("normalize", normalize_stage),
            ("segment", segment_stage),
            ("entities", EntitiesStage(kb)),
            ("events", EventsStage()),
            ("arguments", ArgumentsStage()),
            ("geocode", GeocodeStage(kb)),
            ("dedup", DedupStage(kb.no_battle_actors())),
        ]
    )
    from marsad.learn.modes import DEFAULT_MODE, apply_mode

    return apply_mode(pipeline, mode or DEFAULT_MODE, kb)
