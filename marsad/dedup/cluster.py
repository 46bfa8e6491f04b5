"""Cross-article deduplication: mentions of one event reported by several articles.

A :class:`Deduplicator` keeps an index of the mentions it has seen and the events they
form. :meth:`Deduplicator.add` puts a new mention into the best compatible event, or
starts a new event, and returns the event's id. Matching (docs/dedup.md):

- never two mentions of the same article (the pipeline already split them);
- compatible types (``data/dedup/matching.yaml``);
- a date within ``max_days`` of every mention of the event (mentions without a date never
  merge);
- the same country, and the same place: within ``max_km`` when both have precise
  coordinates, else the same location name, else the same admin1 when one of them is
  only known to the province (mentions with no place below the country never merge);
- compatible actors: the mention or the event names no (known) actor, or they share one.

Candidates come from blocks: day × grid cell (four neighbouring cells), day × location
name and day × admin1, for the days within ``max_days``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from marsad.dedup.geo import EARTH_KM, Grid
from marsad.dedup.rules import MatchingRules, default_rules

__all__ = ["Deduplicator", "MentionKey", "event_id_for"]


@dataclass(frozen=True, slots=True)
class MentionKey:
    """The fields of a coded mention that deduplication looks at."""

    mention_id: str
    article_id: str
    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    latitude: float | None
    longitude: float | None
    country: str | None
    admin1: str | None
    location: str | None
    actor1: str | None
    actor2: str | None
    fatalities: int
    #: ACLED geo_precision: 3 means the coordinates are the province's, not the place's
    geo_precision: int | None = None

    @classmethod
    def from_record(cls, mention_id: str, article_id: str, rec: dict[str, Any]) -> MentionKey:
        """Build the key from an ACLED-style record (``marsad.output.record.to_record``)."""
        date = rec.get("event_date")
        if isinstance(date, str):
            date = dt.date.fromisoformat(date) if date else None
        elif isinstance(date, dt.datetime):
            date = date.date()
        lat, lon = rec.get("latitude"), rec.get("longitude")
        gp = rec.get("geo_precision")
        return cls(
            mention_id=mention_id,
            article_id=article_id,
            event_type=str(rec.get("event_type") or ""),
            sub_event_type=str(rec.get("sub_event_type") or ""),
            event_date=date if isinstance(date, dt.date) else None,
            latitude=float(lat) if lat is not None and lon is not None else None,
            longitude=float(lon) if lat is not None and lon is not None else None,
            country=rec.get("country") or None,
            admin1=rec.get("admin1") or None,
            location=rec.get("location") or None,
            actor1=rec.get("actor1") or None,
            actor2=rec.get("actor2") or None,
            fatalities=int(rec.get("fatalities") or 0),
            geo_precision=int(gp) if gp is not None else None,
        )


def event_id_for(mention_id: str) -> str:
    """The id of an event started by ``mention_id``: stable across runs and machines."""
    return "ev-" + hashlib.blake2b(mention_id.encode("utf-8"), digest_size=8).hexdigest()


def _name(s: str | None) -> str | None:
    if not s:
        return None
    folded = " ".join(s.split()).casefold()
    return folded or None


# place kinds
_POINT, _NAMED, _PROVINCE, _NOWHERE = 0, 1, 2, 3


class _Event:
    __slots__ = ("id", "articles", "lo", "hi", "masks", "actors", "country", "members")

    def __init__(self, event_id: str, country: str | None) -> None:
        self.id = event_id
        self.articles: set[str] = set()
        self.lo = self.hi = 0
        self.masks: list[int] = []
        self.actors: frozenset[str] = frozenset()
        self.country = country
        self.members: list[str] = []


class _Member:
    __slots__ = ("event", "day", "kind", "lat", "lon", "coslat", "loc", "admin1", "country")

    def __init__(self, event: _Event, day: int, kind: int, m: MentionKey) -> None:
        self.event = event
        self.day = day
        self.kind = kind
        self.lat = math.radians(m.latitude) if m.latitude is not None else 0.0
        self.lon = math.radians(m.longitude) if m.longitude is not None else 0.0
        self.coslat = math.cos(self.lat)
        self.loc = _name(m.location)
        self.admin1 = _name(m.admin1)
        self.country = m.country


class Deduplicator:
    """Incremental clustering of mentions into events (see the module docstring)."""

    def __init__(
        self, max_km: float = 10.0, max_days: int = 1, rules: MatchingRules | None = None
    ) -> None:
        self.max_km = max_km
        self.max_days = max_days
        self.rules = rules or default_rules()
        self._grid = Grid(max_km)
        self._grid_span = (self._grid.nrows + 2) * self._grid.ncols  # cells per day
        self._hmax = math.sin(max_km / (2 * EARTH_KM)) ** 2
        self._events: dict[str, _Event] = {}
        self._event_of: dict[str, _Event] = {}
        # blocks: (day, cell) -> point members; (day, country, name) -> members so named;
        # ... -> members without coordinates so named; (day, country, admin1) -> all members
        # in the province; ... -> members known only to the province
        self._by_cell: dict[int, list[_Member]] = {}
        self._by_name: dict[tuple[int, str | None, str], list[_Member]] = {}
        self._by_name_only: dict[tuple[int, str | None, str], list[_Member]] = {}
        self._by_admin1: dict[tuple[int, str | None, str], list[_Member]] = {}
        self._by_province_only: dict[tuple[int, str | None, str], list[_Member]] = {}

    # -- public -----------------------------------------------------------------------------

    def __len__(self) -> int:
        """Number of events."""
        return len(self._events)

    def __contains__(self, mention_id: object) -> bool:
        return mention_id in self._event_of

    def event_of(self, mention_id: str) -> str | None:
        ev = self._event_of.get(mention_id)
        return ev.id if ev is not None else None

    def events(self) -> dict[str, list[str]]:
        """Event id -> its mention ids, in the order they joined."""
        return {eid: list(ev.members) for eid, ev in self._events.items()}

    def add(self, m: MentionKey) -> str:
        """Put ``m`` into the best compatible event or start one; return the event's id.

        Adding a mention id already present returns its event unchanged.
        """
        known = self._event_of.get(m.mention_id)
        if known is not None:
            return known.id
        day, kind = self._day_kind(m)
        target = None
        if day is not None and kind != _NOWHERE:
            target = self._best_event(m, day, kind)
        if target is None:
            target = self._new_event(event_id_for(m.mention_id), m.country)
        self._join(target, m, day, kind)
        return target.id

    def add_many(self, ms: Iterable[MentionKey]) -> dict[str, str]:
        """Add a batch; return mention id -> event id (in the batch's order).

        The batch is added in a canonical order — by date, then richest first (two known
        actors before one, coordinates before names), then mention id — so the events a
        batch forms do not depend on the order it is given in.
        """
        batch = list(ms)
        for m in sorted(batch, key=self._canonical):
            self.add(m)
        return {m.mention_id: self._event_of[m.mention_id].id for m in batch}

    def load(self, existing: Iterable[tuple[MentionKey, str]]) -> None:
        """Re-seed the index with stored mentions and the ids of their events, as they are
        (no matching among them). New mentions added afterwards can join these events."""
        for m, event_id in existing:
            if m.mention_id in self._event_of:
                continue
            ev = self._events.get(event_id)
            if ev is None:
                ev = self._new_event(event_id, m.country)
            day, kind = self._day_kind(m)
            self._join(ev, m, day, kind)

    # -- internals --------------------------------------------------------------------------

    def _canonical(self, m: MentionKey) -> tuple[int, int, int, str]:
        day = m.event_date.toordinal() if m.event_date is not None else 1 << 30
        n_actors = sum(1 for a in (m.actor1, m.actor2) if self.rules.known_actor(a))
        return day, -n_actors, self._day_kind(m)[1], m.mention_id

    @staticmethod
    def _day_kind(m: MentionKey) -> tuple[int | None, int]:
        day = m.event_date.toordinal() if m.event_date is not None else None
        loc, admin1 = _name(m.location), _name(m.admin1)
        if m.latitude is not None and m.longitude is not None and m.geo_precision != 3:
            return day, _POINT
        if loc is not None and (m.geo_precision != 3 or admin1 is None) and loc != admin1:
            return day, _NAMED
        if admin1 is not None:
            return day, _PROVINCE
        return day, _NOWHERE

    def _new_event(self, event_id: str, country: str | None) -> _Event:
        while event_id in self._events:  # only if a loaded event already took the id
            event_id += "+"
        ev = _Event(event_id, country)
        self._events[event_id] = ev
        return ev

    def _actors(self, m: MentionKey) -> frozenset[str]:
        known = self.rules.known_actor
        return frozenset(a for a in (m.actor1, m.actor2) if a is not None and known(a))

    def _join(self, ev: _Event, m: MentionKey, day: int | None, kind: int) -> None:
        self._event_of[m.mention_id] = ev
        ev.members.append(m.mention_id)
        ev.articles.add(m.article_id)
        mask = self.rules.type_mask(m.event_type, m.sub_event_type)
        if mask not in ev.masks:
            ev.masks.append(mask)
        actors = self._actors(m)
        if not actors <= ev.actors:
            ev.actors = ev.actors | actors
        if day is None or kind == _NOWHERE:
            return
        if not ev.lo:  # no dated member yet
            ev.lo = ev.hi = day
        else:
            ev.lo, ev.hi = min(ev.lo, day), max(ev.hi, day)
        mem = _Member(ev, day, kind, m)
        country = m.country
        if kind == _POINT:
            assert m.latitude is not None and m.longitude is not None
            self._by_cell.setdefault(
                day * self._grid_span + self._grid.home(m.latitude, m.longitude), []
            ).append(mem)
        if mem.loc is not None:
            self._by_name.setdefault((day, country, mem.loc), []).append(mem)
            if kind != _POINT:
                self._by_name_only.setdefault((day, country, mem.loc), []).append(mem)
        if mem.admin1 is not None:
            self._by_admin1.setdefault((day, country, mem.admin1), []).append(mem)
            if kind == _PROVINCE:
                self._by_province_only.setdefault((day, country, mem.admin1), []).append(mem)

    def _best_event(self, m: MentionKey, day: int, kind: int) -> _Event | None:
        country = m.country
        loc, admin1 = _name(m.location), _name(m.admin1)
        days = range(day - self.max_days, day + self.max_days + 1)
        # (members, distance or None to compute it) from each block the mention can match
        blocks: list[tuple[list[_Member], float | None]] = []
        if kind == _POINT:
            assert m.latitude is not None and m.longitude is not None
            span = self._grid_span
            cells = self._grid.probe(m.latitude, m.longitude)
            for d in days:
                for c in cells:
                    hit = self._by_cell.get(d * span + c)
                    if hit:
                        blocks.append((hit, None))
        named = self._by_name if kind != _POINT else self._by_name_only
        province = self._by_admin1 if kind == _PROVINCE else self._by_province_only
        for d in days:
            if loc is not None and kind != _PROVINCE:
                hit = named.get((d, country, loc))
                if hit:
                    blocks.append((hit, 0.0))
            if admin1 is not None:
                hit = province.get((d, country, admin1))
                if hit:
                    blocks.append((hit, self.max_km))
        if not blocks:
            return None
        return self._choose(m, day, blocks)

    def _choose(
        self, m: MentionKey, day: int, blocks: list[tuple[list[_Member], float | None]]
    ) -> _Event | None:
        mask = self.rules.type_mask(m.event_type, m.sub_event_type)
        actors = self._actors(m)
        lat = math.radians(m.latitude) if m.latitude is not None else 0.0
        lon = math.radians(m.longitude) if m.longitude is not None else 0.0
        coslat = math.cos(lat)
        lo_ok, hi_ok = day - self.max_days, day + self.max_days
        verdict: dict[int, bool] = {}
        best: tuple[int, float, int, str] | None = None
        best_ev: _Event | None = None
        for members, fixed in blocks:
            for mem in members:
                ev = mem.event
                ok = verdict.get(id(ev))
                if ok is None:
                    ok = (
                        ev.country == m.country
                        and m.article_id not in ev.articles
                        and lo_ok <= ev.lo
                        and ev.hi <= hi_ok
                        and all(mask & k for k in ev.masks)
                        and (not actors or not ev.actors or not actors.isdisjoint(ev.actors))
                    )
                    verdict[id(ev)] = ok
                if not ok:
                    continue
                if fixed is None:
                    h = (
                        math.sin((mem.lat - lat) / 2) ** 2
                        + coslat * mem.coslat * math.sin((mem.lon - lon) / 2) ** 2
                    )
                    if h > self._hmax:
                        continue
                    dist = 2 * EARTH_KM * math.asin(math.sqrt(h))
                else:
                    dist = fixed
                score = (
                    abs(day - ev.lo) + abs(day - ev.hi),
                    round(dist, 3),
                    -len(actors & ev.actors),
                    ev.id,
                )
                if best is None or score < best:
                    best, best_ev = score, ev
        return best_ev
