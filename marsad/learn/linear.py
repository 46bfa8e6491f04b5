"""A linear classifier read from JSON and applied with numpy (no scikit-learn needed).

The file holds what a trained (multinomial or binary) logistic regression needs at
inference: the feature vocabulary, one weight column per class and the intercepts.
A sentence's vector counts its known features (a character n-gram found in three words
counts 3) and is scaled by one over the square root of the number of features counted.
"""

from __future__ import annotations

import gzip
import itertools
import json
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from marsad.learn.features import SentenceFeatures, word_features

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
        self._word_rows: dict[str, tuple[int, ...]] = {}
        self._word_scores: dict[str, tuple[float, int]] = {}
        if len(classes) == 2:
            self._diff = weights[:, 1] - weights[:, 0]
            self._diff_list: list[float] = self._diff.tolist()
            self._diff_bias = float(bias[1] - bias[0])

    def indices(self, feats: Iterable[str]) -> list[int]:
        """Vocabulary indices of ``feats`` (a feature listed twice counts twice)."""
        idx = self.index
        return [i for f in feats if (i := idx.get(f)) is not None]

    def sentence_rows(self, sf: SentenceFeatures, extra: Iterable[str] = ()) -> list[int]:
        """Indices of a sentence's features (and ``extra`` ones); each word's n-gram indices
        are looked up once and cached."""
        index = self.index
        out = [i for f in sf.extra if (i := index.get(f)) is not None]
        out.extend(i for f in extra if (i := index.get(f)) is not None)
        cache = self._word_rows
        for w in sf.words:
            r = cache.get(w)
            if r is None:
                if len(cache) > 200_000:
                    cache.clear()
                r = cache[w] = tuple(i for f in word_features(w) if (i := index.get(f)) is not None)
            out.extend(r)
        return out

    # -- binary models: scores summed in Python, each word's part cached --------------------
    def partial_score(self, sf: SentenceFeatures, extra: Iterable[str] = ()) -> tuple[float, int]:
        """(class-1 minus class-0 score, features counted) of a sentence's features and
        ``extra``; finish with :meth:`binary_probability`. Binary models only."""
        index, diff = self.index, self._diff_list
        total, n = 0.0, 0
        for f in itertools.chain(sf.extra, extra):
            i = index.get(f)
            if i is not None:
                total += diff[i]
                n += 1
        cache = self._word_scores
        for w in sf.words:
            hit = cache.get(w)
            if hit is None:
                if len(cache) > 200_000:
                    cache.clear()
                rows = [i for f in word_features(w) if (i := index.get(f)) is not None]
                hit = cache[w] = (math.fsum(diff[i] for i in rows), len(rows))
            total += hit[0]
            n += hit[1]
        return total, n

    def add_features(self, partial: tuple[float, int], feats: Iterable[str]) -> tuple[float, int]:
        total, n = partial
        index, diff = self.index, self._diff_list
        for f in feats:
            i = index.get(f)
            if i is not None:
                total += diff[i]
                n += 1
        return total, n

    def binary_probability(self, partial: tuple[float, int]) -> float:
        """Probability of ``classes[1]`` given a :meth:`partial_score`."""
        total, n = partial
        z = (total / math.sqrt(n) if n else 0.0) + self._diff_bias
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def proba(self, feats: Iterable[str]) -> FloatArray:
        """Class probabilities (in ``classes`` order) of one feature list."""
        return self.proba_rows(self.indices(feats))

    def proba_rows(self, rows: list[int]) -> FloatArray:
        """Class probabilities of the count vector of ``rows``, scaled by 1/sqrt(len(rows))."""
        scores = self.bias.copy()
        if rows:
            scores += self.weights[rows].sum(axis=0) / np.sqrt(len(rows))
        scores -= scores.max()
        e = np.exp(scores)
        out: FloatArray = e / e.sum()
        return out

    def proba_many(self, rows_list: list[list[int]]) -> FloatArray:
        """:meth:`proba_rows` of several vectors at once (one row of probabilities each)."""
        if not rows_list or any(not r for r in rows_list):
            return np.array([self.proba_rows(r) for r in rows_list]).reshape(
                len(rows_list), len(self.classes)
            )
        lengths = np.fromiter((len(r) for r in rows_list), dtype=np.intp, count=len(rows_list))
        flat = np.fromiter(itertools.chain.from_iterable(rows_list), dtype=np.intp)
        bounds = np.concatenate(([0], np.cumsum(lengths[:-1])))
        norms = np.sqrt(lengths.astype(np.float64))
        if len(self.classes) == 2:  # softmax of two scores: a sigmoid of their difference
            diff = np.add.reduceat(self._diff[flat], bounds) / norms + self._diff_bias
            p1 = 1.0 / (1.0 + np.exp(-diff))
            return np.column_stack([1.0 - p1, p1])
        scores = np.add.reduceat(self.weights[flat], bounds, axis=0) / norms[:, None] + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        out: FloatArray = scores / scores.sum(axis=1, keepdims=True)
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
