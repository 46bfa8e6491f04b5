"""Flatten a coded :class:`~marsad.document.Event` into an ACLED-style record."""

from __future__ import annotations

from typing import Any

from marsad.document import ActorMention, Document, Event
from marsad.output.notes import note_for

#: Columns in ACLED's order, then Marsad's own.
COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    "actor1_ar",
    "actor2_ar",
    "location_ar",
    "confidence",
    "evidence",
)

_DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Riots": "Demonstrations",
    "Protests": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if sub_event_type == "Mob violence":
        return "Political violence"
    return _DISORDER.get(event_type, "Political violence")


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    if inter1 is None:
        return None
    if inter2 is None:
        return inter1 * 10
    lo, hi = sorted((inter1, inter2))
    return lo * 10 + hi


def event_records(doc: Document) -> list[dict[str, Any]]:
    return [to_record(doc, ev, i) for i, ev in enumerate(doc.events, 1)]


def _surface(doc: Document, a: ActorMention | None) -> str | None:
    if a is None or a.end <= a.start:
        return None
    return doc.norm.original_slice(a.start, a.end)


def to_record(doc: Document, ev: Event, index: int) -> dict[str, Any]:
    place = ev.place
    location = admin1 = admin2 = None
    lat = lon = None
    if place is not None:
        lat, lon = round(place.lat, 5), round(place.lon, 5)
        admin1, admin2 = place.admin1, place.admin2
        location = place.name
    pm = ev.place_mention
    if pm is not None and pm.unresolved_name is not None:
        location = doc.norm.original_slice(pm.start, pm.end)
        ev_geo = max(ev.geo_precision, 2)
    else:
        ev_geo = ev.geo_precision
    inter1 = ev.actor1.inter if ev.actor1 else None
    inter2 = ev.actor2.inter if ev.actor2 else None
    rec: dict[str, Any] = {
        "event_id": f"{doc.article_id}-{index}",
        "article_id": doc.article_id,
        "event_date": ev.date.isoformat() if ev.date else None,
        "time_precision": ev.time_precision,
        "disorder_type": disorder_type(ev.event_type, ev.sub_event_type),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1.name if ev.actor1 else None,
        "assoc_actor_1": ev.assoc_actor_1.name if ev.assoc_actor_1 else None,
        "inter1": inter1,
        "actor2": ev.actor2.name if ev.actor2 else None,
        "assoc_actor_2": ev.assoc_actor_2.name if ev.assoc_actor_2 else None,
        "inter2": inter2,
        "interaction": interaction(inter1, inter2),
        "country": ev.country,
        "admin1": admin1,
        "admin2": admin2,
        "admin3": None,
        "location": location,
        "latitude": lat,
        "longitude": lon,
        "geo_precision": ev_geo if place is not None or pm is not None else None,
        "source": doc.source or doc.article_id,
        "notes": "",
        "fatalities": ev.fatalities,
        "actor1_ar": _surface(doc, ev.actor1),
        "actor2_ar": _surface(doc, ev.actor2),
        "location_ar": doc.norm.original_slice(pm.start, pm.end) if pm is not None else None,
        "confidence": ev.confidence,
        "evidence": [vars_evidence(e) for e in _evidence(doc, ev)],
    }
    rec["notes"] = note_for(rec)
    return rec


def vars_evidence(e: Any) -> dict[str, Any]:
    return {"field": e.field, "start": e.start, "end": e.end, "text": e.text}


def _evidence(doc: Document, ev: Event) -> list[Any]:
    out = []
    seen: set[tuple[str, int, int]] = set()

    def add(field: str, start: int, end: int) -> None:
        if end <= start or (field, start, end) in seen:
            return
        seen.add((field, start, end))
        out.append(doc.evidence(field, start, end))

    for t in ev.mentions:
        add("event_type", t.start, t.end)
    for attr in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2"):
        a = getattr(ev, attr)
        if a is not None:
            add(attr, a.start, a.end)
    if ev.place_mention is not None:
        add("location", ev.place_mention.start, ev.place_mention.end)
    if ev.date_mention is not None:
        add("event_date", ev.date_mention.start, ev.date_mention.end)
    fm = ev.fatalities_mention
    if fm is not None and ev.fatalities:
        add("fatalities", fm.start, fm.end)
    for sent_idx in sorted({t.sentence for t in ev.mentions}):
        s = doc.sentences[sent_idx]
        add("sentence", s.start, s.end)
    return out
