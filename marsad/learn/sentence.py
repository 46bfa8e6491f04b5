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

from marsad.learn.features import SentenceFeatures
from marsad.learn.labels import NONE
from marsad.learn.linear import LinearModel, read_json_gz, write_json_gz

FORMAT = "marsad-sentence-1"


class SentenceModel:
    def __init__(self, event: LinearModel, types: LinearModel, meta: dict[str, Any]) -> None:
        if event.features != types.features:
            raise ValueError("the event and type models must share one feature vocabulary")
        self.event = event
        self.types = types
        self.meta = meta
        self._none = event.classes.index(NONE)
        # one matrix for both models: a sentence's rows are summed once
        self._weights = np.hstack([event.weights, types.weights])
        self._split = len(event.classes)

    def rows(self, sf: SentenceFeatures) -> list[int]:
        """Vocabulary indices of a sentence's features."""
        return self.event.sentence_rows(sf)

    @property
    def threshold(self) -> float:
        """Event-probability threshold for any sentence (events made by the model)."""
        return float(self.meta.get("threshold", 0.5))

    @property
    def filter_threshold(self) -> float:
        """Event-probability threshold for a sentence where the rules found a trigger."""
        return float(self.meta.get("filter_threshold", self.threshold))

    def predict_many(self, rows_list: list[list[int]]) -> list[tuple[float, str, float]]:
        """:meth:`predict` for several sentences with one matrix operation."""
        nonempty = [r for r in rows_list if r]
        if len(nonempty) < len(rows_list) or not rows_list:
            return [self.predict(r) for r in rows_list]
        flat = np.concatenate([np.asarray(r, dtype=np.intp) for r in rows_list])
        bounds = np.cumsum([0] + [len(r) for r in rows_list[:-1]])
        norms = np.sqrt(np.array([len(r) for r in rows_list], dtype=np.float64))[:, None]
        totals = np.add.reduceat(self._weights[flat], bounds, axis=0) / norms
        k = self._split
        ev = totals[:, :k] + self.event.bias
        ty = totals[:, k:] + self.types.bias
        ev = np.exp(ev - ev.max(axis=1, keepdims=True))
        ev /= ev.sum(axis=1, keepdims=True)
        ty = np.exp(ty - ty.max(axis=1, keepdims=True))
        ty /= ty.sum(axis=1, keepdims=True)
        best = ty.argmax(axis=1)
        return [
            (1.0 - float(ev[i, self._none]), self.types.classes[b], float(ty[i, b]))
            for i, b in enumerate(best.tolist())
        ]

    def predict(self, rows: list[int]) -> tuple[float, str, float]:
        """(probability that the sentence with feature ``rows`` reports an event, the most
        probable ``Type|Sub-type`` label, that label's probability)."""
        k = self._split
        if rows:
            total = self._weights[rows].sum(axis=0) / np.sqrt(len(rows))
            p_event = _softmax(self.event.bias + total[:k])
            p_type = _softmax(self.types.bias + total[k:])
        else:
            p_event, p_type = _softmax(self.event.bias), _softmax(self.types.bias)
        best = int(np.argmax(p_type))
        return 1.0 - float(p_event[self._none]), self.types.classes[best], float(p_type[best])

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


def _softmax(scores: Any) -> Any:
    e = np.exp(scores - scores.max())
    return e / e.sum()
