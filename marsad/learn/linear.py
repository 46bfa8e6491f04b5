"""A linear classifier read from JSON and applied with numpy (no scikit-learn needed).

The file holds what a trained (multinomial or binary) logistic regression needs at
inference: the feature vocabulary, one weight column per class and the intercepts.
Features are binary and each sentence's vector is L2-normalised over the known features.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


class LinearModel:
    def __init__(
        self,
        features: list[str],
        classes: list[str],
        weights: FloatArray,
        bias: FloatArray,
        meta: dict[str, Any] | None = None,
    ) -> None:
        if weights.shape != (len(features), len(classes)):
            raise ValueError(f"weights {weights.shape} != ({len(features)}, {len(classes)})")
        self.features = features
        self.classes = classes
        self.index = {f: i for i, f in enumerate(features)}
        self.weights = weights
        self.bias = bias
        self.meta = meta or {}

    def indices(self, feats: Iterable[str]) -> list[int]:
        idx = self.index
        return sorted({i for f in feats if (i := idx.get(f)) is not None})

    def proba(self, feats: Iterable[str]) -> FloatArray:
        """Class probabilities (in ``classes`` order) of one feature list."""
        return self.proba_rows(self.indices(feats))

    def proba_rows(self, rows: list[int]) -> FloatArray:
        """Class probabilities of the binary vector with ones at ``rows`` (distinct indices)."""
        scores = self.bias.copy()
        if rows:
            scores += self.weights[rows].sum(axis=0) / np.sqrt(len(rows))
        scores -= scores.max()
        e = np.exp(scores)
        out: FloatArray = e / e.sum()
        return out

    # -- files -----------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {
            "format": "marsad-linear-1",
            "classes": self.classes,
            "features": self.features,
            "bias": [round(float(b), 5) for b in self.bias],
            "weights": [[round(float(w), 5) for w in row] for row in self.weights],
            "meta": self.meta,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LinearModel:
        if data.get("format") != "marsad-linear-1":
            raise ValueError("not a marsad linear model")
        return cls(
            [str(f) for f in data["features"]],
            [str(c) for c in data["classes"]],
            np.asarray(data["weights"], dtype=np.float64).reshape(
                len(data["features"]), len(data["classes"])
            ),
            np.asarray(data["bias"], dtype=np.float64),
            dict(data.get("meta") or {}),
        )


def write_json_gz(data: dict[str, Any], path: str | Path) -> None:
    """Write ``data`` as gzip-compressed JSON; same data → same bytes."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
    with (
        open(path, "wb") as fh,
        gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz,
    ):
        gz.write(raw)


def read_json_gz(path: str | Path) -> dict[str, Any]:
    with gzip.open(path, "rb") as fh:
        data: dict[str, Any] = json.loads(fh.read().decode())
    return data
