"""The sentence model: does a sentence report a codable event, and of which type?

Two logistic regressions over the same features (:func:`marsad.learn.features.sentence_features`):
a binary one (event or not; its probability is compared with thresholds chosen by
cross-validation on the training corpus) and a multinomial one over ``Type|Sub-type`` labels,
trained on the event sentences only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from marsad.learn.labels import NONE
from marsad.learn.linear import LinearModel, read_json_gz, write_json_gz

FORMAT = "marsad-sentence-1"


class SentenceModel:
    def __init__(self, event: LinearModel, types: LinearModel, meta: dict[str, Any]) -> None:
        self.event = event
        self.types = types
        self.meta = meta
        self._none = event.classes.index(NONE)

    @property
    def threshold(self) -> float:
        """Event-probability threshold for any sentence (events made by the model)."""
        return float(self.meta.get("threshold", 0.5))

    @property
    def filter_threshold(self) -> float:
        """Event-probability threshold for a sentence where the rules found a trigger."""
        return float(self.meta.get("filter_threshold", self.threshold))

    def event_probability(self, feats: list[str]) -> float:
        return 1.0 - float(self.event.proba(feats)[self._none])

    def best_type(self, feats: list[str]) -> tuple[str, float]:
        p = self.types.proba(feats)
        k = int(np.argmax(p))
        return self.types.classes[k], float(p[k])

    def save(self, path: str | Path) -> None:
        write_json_gz(
            {
                "format": FORMAT,
                "event": self.event.to_json(),
                "types": self.types.to_json(),
                "meta": self.meta,
            },
            path,
        )

    @classmethod
    def load(cls, path: str | Path) -> SentenceModel:
        data = read_json_gz(path)
        if data.get("format") != FORMAT:
            raise ValueError(f"{path}: not a marsad sentence model")
        return cls(
            LinearModel.from_json(data["event"]),
            LinearModel.from_json(data["types"]),
            dict(data.get("meta") or {}),
        )
