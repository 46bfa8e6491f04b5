"""One event record from the records of its mentions (one per article that reports it).

Rules (docs/dedup.md):

- type, date and actors: the value most sources give; ties go to the value the more
  confident sources give, then to the earliest date / alphabetical order, so the result
  does not depend on the order of ``mentions``. actor2 is voted among the values other
  than actor1 (sources swap the roles), and an unknown actor ("Unidentified …") only wins
  when no source names one; inter codes and Arabic names come with the actor.
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

from marsad.dedup.keys import event_id_for
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


def _roles(mentions: list[dict[str, Any]]) -> dict[str, tuple[str, dict[str, Any]]]:
    """Each actor name -> (the role it has in the most confident source, that source)."""
    out: dict[str, tuple[str, dict[str, Any]]] = {}
    for m in sorted(mentions, key=lambda m: (-_confidence(m), _mention_id(m))):
        for n in ("1", "2"):
            name = m.get(f"actor{n}")
            if name and name not in out:
                out[name] = (n, m)
    return out


def _pick_actors(mentions: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    """actor1 by vote over the sources' actor1; actor2 by vote over their actor2, leaving out
    actor1 (sources may swap the roles), else over the other actor1 values. Known actors
    beat "Unidentified …" ones."""
    known = default_rules().known_actor

    def vote(field: str, exclude: str | None) -> str | None:
        named = [m for m in mentions if m.get(field) and m[field] != exclude]
        pool = [m for m in named if known(m[field])] or named
        winner: str | None = _vote(pool, _getter(field))
        return winner

    a1 = vote("actor1", None)
    a2 = vote("actor2", a1)
    if a2 is None or not known(a2):
        other = vote("actor1", a1)
        if other is not None and known(other):
            a2 = other
    return a1, a2


def merge_event(mentions: list[dict[str, Any]], event_id: str | None = None) -> dict[str, Any]:
    """The deduplicated event record of ``mentions`` (ACLED records + article_id, source,
    url, outlet and, ideally, mention_id). ``event_id`` defaults to the id the
    :class:`~marsad.dedup.cluster.Deduplicator` gives an event started by the
    alphabetically first mention id."""
    if not mentions:
        raise ValueError("merge_event needs at least one mention")
    if len(mentions) == 1:
        return _merge_one(mentions[0], event_id)
    return _merge_many(mentions, event_id)


def _merge_one(m: dict[str, Any], event_id: str | None) -> dict[str, Any]:
    """:func:`_merge_many` of one mention, without the votes (the common case: most events
    have one source). Gives the same record, key order included (tests/test_dedup.py)."""
    date = m.get("event_date")
    tp = m.get("time_precision")
    etype, sub = m.get("event_type"), m.get("sub_event_type")
    if m.get("geo_precision") is not None:
        int(m["geo_precision"])  # as the vote over geo precisions does
        place_src = m
    else:
        place_src = {"country": m.get("country")}
    mention_id = _mention_id(m)
    rec: dict[str, Any] = dict.fromkeys(COLUMNS)
    rec["event_id"] = event_id or event_id_for(mention_id)
    rec["article_id"] = m.get("article_id")
    rec["event_date"] = date
    rec["time_precision"] = int(tp) if tp is not None else None
    rec["event_type"], rec["sub_event_type"] = etype, sub
    rec["disorder_type"] = disorder_type(str(etype or ""), str(sub or ""))
    # one source: actor1 is its actor1, actor2 its actor2 unless that repeats actor1
    a1 = m.get("actor1") or None
    a2 = m.get("actor2") or None
    if a2 == a1:
        a2 = None
    get = m.get
    rec["actor1"] = a1
    rec["inter1"] = inter1 = get("inter1") if a1 is not None else None
    rec["actor1_ar"] = get("actor1_ar") if a1 is not None else None
    rec["assoc_actor_1"] = get("assoc_actor_1")
    rec["actor2"] = a2
    rec["inter2"] = inter2 = get("inter2") if a2 is not None else None
    rec["actor2_ar"] = get("actor2_ar") if a2 is not None else None
    rec["assoc_actor_2"] = get("assoc_actor_2")
    rec["interaction"] = interaction(inter1, inter2)
    for f in _PLACE:
        rec[f] = place_src.get(f)
    rec["geo_precision"] = place_src.get("geo_precision")
    rec["location_ar"] = place_src.get("location_ar")
    fatalities = int(m.get("fatalities") or 0)
    rec["fatalities"] = fatalities if fatalities > 0 else 0
    rec["confidence"] = _confidence(m)
    outlet = _outlet(m)
    rec["source"] = outlet
    rec["notes"] = f"{note_for(rec)} Sources: {outlet}."
    rec["sources"] = [
        {
            "article_id": m.get("article_id"),
            "url": m.get("url"),
            "outlet": outlet,
            "mention_id": mention_id,
        }
    ]
    rec["evidence"] = [
        {**e, "article_id": m.get("article_id"), "mention_id": mention_id}
        for e in (m.get("evidence") or [])
    ]
    return rec


def _merge_many(mentions: list[dict[str, Any]], event_id: str | None) -> dict[str, Any]:
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
    roles = _roles(ms)
    for n, name in zip(("1", "2"), _pick_actors(ms), strict=True):
        rec[f"actor{n}"] = name
        role, src = roles[name] if name is not None else ("", {})
        rec[f"inter{n}"] = src.get(f"inter{role}")
        rec[f"actor{n}_ar"] = src.get(f"actor{role}_ar")
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
