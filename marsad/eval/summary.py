"""Totals over scored articles: overall, per event type, per region, and error lists."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from marsad.eval.scoring import (
    FIELDS,
    ArticleResult,
    first_accepted,
    gold_place,
    primary_type,
    same_type_and_date,
)


@dataclass(slots=True)
class Score:
    """Event counts and field accuracies; fields are scored on the found required events."""

    articles: int = 0
    required: int = 0
    optional: int = 0
    predicted: int = 0
    tp: int = 0  # predictions that found a required gold event
    fp: int = 0  # predictions that found no gold event
    fn: int = 0  # required gold events not found
    neutral: int = 0  # predictions that found an optional gold event
    not_event_false: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))

    @classmethod
    def of(cls, results: Iterable[ArticleResult]) -> Score:
        s = cls()
        for r in results:
            s.articles += 1
            s.required += r.required
            s.optional += r.optional
            s.predicted += r.predicted
            s.tp += len(r.found)
            s.fp += len(r.false)
            s.fn += len(r.missed)
            s.neutral += len(r.neutral)
            s.not_event_false += r.not_event_false
            for m in r.found:
                for f in FIELDS:
                    s.field_right[f] += f not in m.wrong
        return s

    @property
    def found(self) -> int:
        return self.required - self.fn

    @property
    def precision(self) -> float:
        judged = self.tp + self.fp
        return self.tp / judged if judged else 1.0 if not self.required else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_right[name] / self.tp if self.tp else 0.0

    def as_json(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_required": self.required,
            "gold_optional": self.optional,
            "predicted": self.predicted,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "on_optional": self.neutral,
            "not_event_false_positives": self.not_event_false,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "fields": {f: round(self.accuracy(f), 4) for f in FIELDS},
            "found_events": self.tp,
        }

    def type_json(self) -> dict[str, Any]:
        """The per-event-type subset: recall by gold type, precision by predicted type."""
        return {
            "gold_required": self.required,
            "found": self.found,
            "tp": self.tp,
            "fp": self.fp,
            "on_optional": self.neutral,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def by_region(results: list[ArticleResult]) -> dict[str, Score]:
    """One Score per gold subfolder, in natural name order (t2 before t10; top level is "")."""
    regions = sorted({r.region for r in results}, key=_natural)
    return {g: Score.of(r for r in results if r.region == g) for g in regions}


def by_type(results: list[ArticleResult]) -> dict[str, Score]:
    """Per event type: recall by the gold event's (first) type, precision by the predicted type."""
    table: dict[str, Score] = {}

    def row(t: str) -> Score:
        return table.setdefault(t, Score())

    for r in results:
        for m in r.found:
            row(primary_type(m.gold)).required += 1
            row(str(m.pred.get("event_type"))).tp += 1
        for g in r.missed:
            row(primary_type(g)).required += 1
            row(primary_type(g)).fn += 1
        for p in r.false:
            row(str(p.get("event_type"))).fp += 1
        for m in r.neutral:
            row(str(m.pred.get("event_type"))).neutral += 1
    return dict(sorted(table.items()))


def actor_confusions(results: list[ArticleResult]) -> list[tuple[str, str, str, int]]:
    """(field, predicted, gold's first accepted name, count) on found events, most frequent first."""
    c: Counter[tuple[str, str, str]] = Counter()
    for r in results:
        for m in r.found:
            for f in ("actor1", "actor2"):
                if f in m.wrong:
                    gold = first_accepted(m.gold.get(f)) or "(none)"
                    c[(f, str(m.pred.get(f) or "(none)"), gold)] += 1
    return [(f, p, g, n) for (f, p, g), n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))]


@dataclass(frozen=True, slots=True)
class PlaceError:
    article_id: str
    event_id: str
    kind: str  # "missed" (false predictions of its type and date were elsewhere) or "found"
    predicted: tuple[str, ...]  # the predictions' places
    gold: str


def place_errors(results: list[ArticleResult]) -> list[PlaceError]:
    """Required events missed for the place alone, and found events with the wrong location."""
    out: list[PlaceError] = []
    for r in results:
        for g in r.missed:
            elsewhere = tuple(_place(p) for p in r.false if same_type_and_date(g, p))
            if elsewhere:
                out.append(PlaceError(r.article_id, _id(g), "missed", elsewhere, gold_place(g)))
        for m in r.found:
            if "location" in m.wrong:
                place = (_place(m.pred),)
                out.append(
                    PlaceError(r.article_id, _id(m.gold), "found", place, gold_place(m.gold))
                )
    return out


def no_event_articles(results: list[ArticleResult]) -> list[tuple[str, int]]:
    """(article id, events predicted) for each article whose gold has no required event."""
    return [(r.article_id, r.predicted) for r in results if r.required == 0]


def _natural(name: str) -> list[str | int]:
    return [int(x) if x.isdigit() else x for x in re.split(r"(\d+)", name)]


def _id(gold: dict[str, Any]) -> str:
    return str(gold.get("id", "?"))


def _place(pred: dict[str, Any]) -> str:
    name = pred.get("location") or pred.get("location_ar")
    return str(name) if name else f"(no location; {pred.get('country') or 'no country'})"
