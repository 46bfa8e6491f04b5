"""Event matching and per-field scores, as shared/gold/FORMAT.md defines them.

A predicted event *finds* a gold event when it has the same ``event_type``, a date
within one day, and the same place: an accepted location name, or coordinates within
``tolerance_km``; where the gold gives no place, the same country. Pairs are one to
one. Precision counts predictions that find no gold event (optional ones included) as
false; recall counts required gold events only.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from marsad.text.normalize import normalize_key

FIELDS = ("sub_event_type", "actor1", "actor2", "event_date", "location", "fatalities")


def fold(name: str) -> str:
    """Case-, diacritic- and hyphen-insensitive form of a name (English or Arabic)."""
    s = normalize_key(name)
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    s = re.sub(r"[-_'’ʿʾ`]+", " ", s.casefold())
    return " ".join(s.split())


def _accept(spec: Any) -> list[str]:
    if spec is None:
        return []
    if isinstance(spec, str):
        return [spec]
    if isinstance(spec, dict):
        return [str(x) for x in spec.get("accept", [])]
    return [str(x) for x in spec]


def name_matches(spec: Any, *candidates: str | None) -> bool:
    accepted = {fold(a) for a in _accept(spec)}
    return any(c and fold(c) in accepted for c in candidates)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def _date(v: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v) if v else None
    except (TypeError, ValueError):
        return None


def same_place(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if name_matches(gold.get("location"), pred.get("location"), pred.get("location_ar")):
        return True
    coords = gold.get("coordinates")
    if coords and pred.get("latitude") is not None and pred.get("longitude") is not None:
        d = haversine_km(coords["lat"], coords["lon"], pred["latitude"], pred["longitude"])
        if d <= float(coords.get("tolerance_km", 25)):
            return True
    if gold.get("location") is None and not coords:
        return name_matches(gold.get("country"), pred.get("country"))
    return False


def finds(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if gold.get("event_type") != pred.get("event_type"):
        return False
    gd, pd = _date(gold.get("event_date")), _date(pred.get("event_date"))
    if gd is None or pd is None or abs((gd - pd).days) > 1:
        return False
    return same_place(gold, pred)


def field_right(name: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if name == "sub_event_type":
        return pred.get("sub_event_type") in _accept(gold.get("sub_event_type"))
    if name in ("actor1", "actor2"):
        spec = gold.get(name)
        if spec is None or (isinstance(spec, dict) and spec.get("optional") and not pred.get(name)):
            return not pred.get(name) if spec is None else True
        return name_matches(spec, pred.get(name), pred.get(f"{name}_ar"))
    if name == "event_date":
        return bool(gold.get("event_date") == pred.get("event_date"))
    if name == "location":
        return same_place(gold, pred)
    if name == "fatalities":
        return int(gold.get("fatalities") or 0) == int(pred.get("fatalities") or 0)
    raise KeyError(name)


@dataclass(slots=True)
class Score:
    tp: int = 0  # predictions that found a gold event
    fp: int = 0
    fn: int = 0  # required gold events not found
    gold_required: int = 0
    gold_optional: int = 0
    predicted: int = 0
    field_right: dict[str, int] = field(default_factory=lambda: dict.fromkeys(FIELDS, 0))
    field_total: int = 0
    not_event_hits: int = 0
    details: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.gold_required += other.gold_required
        self.gold_optional += other.gold_optional
        self.predicted += other.predicted
        self.field_total += other.field_total
        self.not_event_hits += other.not_event_hits
        for k in FIELDS:
            self.field_right[k] += other.field_right[k]
        self.details.extend(other.details)

    @property
    def precision(self) -> float:
        return (
            self.tp / self.predicted if self.predicted else 1.0 if not self.gold_required else 0.0
        )

    @property
    def recall(self) -> float:
        found_required = self.gold_required - self.fn
        return found_required / self.gold_required if self.gold_required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def accuracy(self, name: str) -> float:
        return self.field_right[name] / self.field_total if self.field_total else 0.0


def score_article(
    gold_events: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    text: str = "",
    not_events: list[dict[str, Any]] | None = None,
    label: str = "",
) -> Score:
    s = Score(predicted=len(preds))
    s.gold_required = sum(1 for g in gold_events if not g.get("optional"))
    s.gold_optional = len(gold_events) - s.gold_required
    pairs = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(preds):
            if finds(g, p):
                agree = sum(field_right(f, g, p) for f in FIELDS)
                pairs.append((-int(bool(g.get("optional"))), agree, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold_events[gi], preds[pi]
        s.tp += 1
        s.field_total += 1
        wrong = []
        for f in FIELDS:
            if field_right(f, g, p):
                s.field_right[f] += 1
            else:
                wrong.append(f"{f}={p.get(f)!r}")
        s.details.append(
            f"{label} found {g.get('id')} ({g['event_type']})"
            + (f"; wrong: {', '.join(wrong)}" if wrong else "")
        )
    for gi, g in enumerate(gold_events):
        if gi not in used_g and not g.get("optional"):
            s.fn += 1
            s.details.append(
                f"{label} MISSED {g.get('id')} ({g['event_type']}, {g.get('event_date')})"
            )
    for pi, p in enumerate(preds):
        if pi not in used_p:
            s.fp += 1
            s.details.append(
                f"{label} FALSE {p['event_type']} {p.get('actor1')} vs {p.get('actor2')} "
                f"at {p.get('location')} on {p.get('event_date')}"
            )
            if text and not_events and _overlaps_not_event(text, p, not_events):
                s.not_event_hits += 1
    return s


def _overlaps_not_event(text: str, pred: dict[str, Any], not_events: list[dict[str, Any]]) -> bool:
    spans = []
    for ne in not_events:
        ev = ne.get("evidence")
        if ev and (i := text.find(ev)) != -1:
            spans.append((i, i + len(ev)))
    return any(
        s <= e["start"] < t
        for e in pred.get("evidence", [])
        if e["field"] == "event_type"
        for s, t in spans
    )
