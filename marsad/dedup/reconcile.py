"""One event record from the records of its mentions (one per article that reports it).

Rules (docs/dedup.md):

- type, date and actors: the value most sources give; ties go to the value the more
  confident sources give, then to the earliest date / alphabetical order, so the result
  does not depend on the order of ``mentions``. An unknown actor ("Unidentified …") only
  wins when no source names one.
- place: the whole place block (country, admins, location, coordinates, geo_precision)
  of the source with the best (lowest) geo_precision; ties by agreement on the location.
- time_precision: the best (lowest) among the sources that give the chosen date.
- fatalities: the lowest figure the sources support, as ACLED does. A record's 0 means
  "no figure reported" (the pipeline cannot tell "nobody was killed" from silence), so
  zeros are ignored when another source gives a figure; all zeros give 0.
- ``source`` lists the outlets ("; "-separated, as ACLED's column does); ``notes`` is the
  coded sentence followed by the sources; ``sources`` lists {article_id, url, outlet,
  mention_id}; ``evidence`` keeps every source's evidence, each item tagged with its
  ``article_id`` and ``mention_id``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable
from typing import Any

from marsad.dedup.cluster import event_id_for
from marsad.dedup.rules import default_rules
from marsad.output.notes import note_for
from marsad.output.record import COLUMNS, disorder_type, interaction

_PLACE = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude")


def _mention_id(m: dict[str, Any]) -> str:
    return str(m.get("mention_id") or m.get("event_id") or m.get("article_id") or "")


def _outlet(m: dict[str, Any]) -> str:
    return str(m.get("outlet") or m.get("source") or m.get("article_id") or "unknown source")


def _confidence(m: dict[str, Any]) -> float:
    c = m.get("confidence")
    return float(c) if isinstance(c, int | float) else 0.0


def _vote(
    mentions: list[dict[str, Any]],
    value: Callable[[dict[str, Any]], Hashable],
    tie: Callable[[Any], Any] = str,
) -> Any:
    """The most common non-None value; ties: more total confidence, then ``tie`` order."""
    counts: Counter[Any] = Counter()
    weight: dict[Any, float] = {}
    for m in mentions:
        v = value(m)
        if v is not None:
            counts[v] += 1
            weight[v] = weight.get(v, 0.0) + _confidence(m)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], -weight[v], tie(v)))


def _getter(field: str) -> Callable[[dict[str, Any]], Hashable]:
    return lambda m: m.get(field)


def _fatalities(mentions: list[dict[str, Any]]) -> int:
    figures = [int(m.get("fatalities") or 0) for m in mentions]
    reported = [f for f in figures if f > 0]
    return min(reported) if reported else 0


def _pick_actor(mentions: list[dict[str, Any]], field: str) -> dict[str, Any] | None:
    """The mention whose ``field`` actor wins the vote (known actors before unknown ones)."""
    known = default_rules().known_actor
    named = [m for m in mentions if m.get(field)]
    pool = [m for m in named if known(m[field])] or named
    winner = _vote(pool, lambda m: m[field])
    if winner is None:
        return None
    return min(
        (m for m in pool if m[field] == winner), key=lambda m: (-_confidence(m), _mention_id(m))
    )


def merge_event(mentions: list[dict[str, Any]], event_id: str | None = None) -> dict[str, Any]:
    """The deduplicated event record of ``mentions`` (ACLED records + article_id, source,
    url, outlet and, ideally, mention_id). ``event_id`` defaults to the id the
    :class:`~marsad.dedup.cluster.Deduplicator` gives an event started by the
    alphabetically first mention id."""
    if not mentions:
        raise ValueError("merge_event needs at least one mention")
    ms = sorted(mentions, key=_mention_id)
    etype, sub = _vote(ms, lambda m: (m.get("event_type"), m.get("sub_event_type")))
    date = _vote(ms, lambda m: m.get("event_date"))
    time_prec = min(
        (
            int(m["time_precision"])
            for m in ms
            if m.get("event_date") == date and m.get("time_precision") is not None
        ),
        default=None,
    )
    located = [m for m in ms if m.get("geo_precision") is not None]
    if located:
        best_gp = min(int(m["geo_precision"]) for m in located)
        finest = [m for m in located if int(m["geo_precision"]) == best_gp]
        loc = _vote(finest, lambda m: m.get("location"))
        place_src = min(
            (m for m in finest if m.get("location") == loc),
            key=lambda m: (-_confidence(m), _mention_id(m)),
        )
    else:
        place_src = {"country": _vote(ms, lambda m: m.get("country"))}

    rec: dict[str, Any] = dict.fromkeys(COLUMNS)
    rec["event_id"] = event_id or event_id_for(_mention_id(ms[0]))
    rec["article_id"] = ms[0].get("article_id")
    rec["event_date"] = date
    rec["time_precision"] = time_prec
    rec["event_type"], rec["sub_event_type"] = etype, sub
    rec["disorder_type"] = disorder_type(str(etype or ""), str(sub or ""))
    for n in ("1", "2"):
        src = _pick_actor(ms, f"actor{n}")
        rec[f"actor{n}"] = src[f"actor{n}"] if src else None
        rec[f"inter{n}"] = src.get(f"inter{n}") if src else None
        rec[f"actor{n}_ar"] = src.get(f"actor{n}_ar") if src else None
        rec[f"assoc_actor_{n}"] = _vote(ms, _getter(f"assoc_actor_{n}"))
    rec["interaction"] = interaction(rec["inter1"], rec["inter2"])
    for f in _PLACE:
        rec[f] = place_src.get(f)
    rec["geo_precision"] = place_src.get("geo_precision")
    rec["location_ar"] = place_src.get("location_ar")
    rec["fatalities"] = _fatalities(ms)
    rec["confidence"] = max((_confidence(m) for m in ms), default=None)

    outlets = list(dict.fromkeys(_outlet(m) for m in ms))
    rec["source"] = "; ".join(outlets)
    rec["notes"] = f"{note_for(rec)} Sources: {', '.join(outlets)}."
    rec["sources"] = [
        {
            "article_id": m.get("article_id"),
            "url": m.get("url"),
            "outlet": _outlet(m),
            "mention_id": _mention_id(m),
        }
        for m in ms
    ]
    rec["evidence"] = [
        {**e, "article_id": m.get("article_id"), "mention_id": _mention_id(m)}
        for m in ms
        for e in (m.get("evidence") or [])
    ]
    return rec
