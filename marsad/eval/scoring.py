"""Event matching and per-field scores, as shared/gold/FORMAT.md defines them.

A predicted event *finds* a gold event when it has the same ``event_type``, a date
within one day, and the same place: an accepted location name, or coordinates within
``tolerance_km``; where the gold gives no place, the same country. Pairs are one to
one, and required gold events get their predictions first. A prediction that finds an
optional gold event is neutral (neither a hit nor a false one); one that finds nothing
is false. ``event_type`` in gold is one type or a list of them (any one is right).
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


def event_types(gold: dict[str, Any]) -> list[str]:
    """The gold event's accepted types (``event_type`` is a string or a list)."""
    return _accept(gold.get("event_type"))


def primary_type(gold: dict[str, Any]) -> str:
    """The first accepted type: the one a gold event is counted under in per-type tables."""
    types = event_types(gold)
    return types[0] if types else "?"


def same_type_and_date(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if pred.get("event_type") not in event_types(gold):
        return False
    gd, pd = _date(gold.get("event_date")), _date(pred.get("event_date"))
    return gd is not None and pd is not None and abs((gd - pd).days) <= 1


def finds(gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    return same_type_and_date(gold, pred) and same_place(gold, pred)


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
        # The name itself where the gold names the place (finding the event may have
        # rested on nearby coordinates); the place test otherwise.
        if _accept(gold.get("location")):
            return name_matches(gold.get("location"), pred.get("location"), pred.get("location_ar"))
        return same_place(gold, pred)
    if name == "fatalities":
        return int(gold.get("fatalities") or 0) == int(pred.get("fatalities") or 0)
    raise KeyError(name)


def gold_place(gold: dict[str, Any]) -> str:
    """The gold event's place as one line: its first accepted name, else coordinates or country."""
    names = _accept(gold.get("location"))
    if names:
        return names[0]
    c = gold.get("coordinates")
    if c:
        return f"({c['lat']}, {c['lon']})"
    return (_accept(gold.get("country")) or ["?"])[0]


def first_accepted(spec: Any) -> str | None:
    names = _accept(spec)
    return names[0] if names else None


@dataclass(frozen=True, slots=True)
class Match:
    gold: dict[str, Any]
    pred: dict[str, Any]
    wrong: tuple[str, ...]  # the FIELDS the prediction gets wrong


@dataclass(slots=True)
class ArticleResult:
    """One article's gold events set against its predictions."""

    article_id: str
    region: str = ""
    required: int = 0
    optional: int = 0
    found: list[Match] = field(default_factory=list)  # required gold events found
    neutral: list[Match] = field(default_factory=list)  # predictions on optional gold events
    missed: list[dict[str, Any]] = field(default_factory=list)  # required gold, not found
    false: list[dict[str, Any]] = field(default_factory=list)  # predictions finding nothing
    not_event_false: int = 0  # false predictions whose trigger lies in a not_events passage

    @property
    def predicted(self) -> int:
        return len(self.found) + len(self.neutral) + len(self.false)


def score_article(
    gold_events: list[dict[str, Any]],
    preds: list[dict[str, Any]],
    text: str = "",
    not_events: list[dict[str, Any]] | None = None,
    label: str = "",
    region: str = "",
) -> ArticleResult:
    r = ArticleResult(article_id=label, region=region)
    r.required = sum(1 for g in gold_events if not g.get("optional"))
    r.optional = len(gold_events) - r.required
    pairs = []
    for gi, g in enumerate(gold_events):
        for pi, p in enumerate(preds):
            if finds(g, p):
                agree = sum(field_right(f, g, p) for f in FIELDS)
                pairs.append((-int(bool(g.get("optional"))), agree, -gi, -pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, _, ngi, npi in pairs:
        gi, pi = -ngi, -npi
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold_events[gi], preds[pi]
        m = Match(g, p, tuple(f for f in FIELDS if not field_right(f, g, p)))
        (r.neutral if g.get("optional") else r.found).append(m)
    r.missed = [g for gi, g in enumerate(gold_events) if gi not in used_g and not g.get("optional")]
    r.false = [p for pi, p in enumerate(preds) if pi not in used_p]
    if text and not_events:
        r.not_event_false = sum(_overlaps_not_event(text, p, not_events) for p in r.false)
    return r


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
