"""Cross-article deduplication: mentions of one event reported by several articles.

A :class:`Deduplicator` keeps an index of the mentions it has seen and the events they
form. :meth:`Deduplicator.add` puts a new mention into the best compatible event, or
starts a new event, and returns the event's id. Matching (docs/dedup.md):

- never two mentions of the same article (the pipeline already split them);
- compatible types (``data/dedup/matching.yaml``), with every mention of the event;
- a date within ``max_days`` of the event's most reported day(s) (mentions without a
  date never merge);
- the same country, and the same place as a mention of the event: within ``max_km`` when
  both have precise coordinates, else the same location name, else the same admin1 when
  one of them is only known to the province (mentions with no place below the country
  never merge);
- compatible actors: the mention or the event names no (known) actor, or they share one.

Candidates come from blocks: day × grid cell (about four cells), day × location name and
day × admin1, for the days within ``max_days``.
"""

from __future__ import annotations

import contextlib
import gc
import math
from collections.abc import Iterable, Iterator
from typing import Any

from marsad.dedup.geo import EARTH_KM, Grid
from marsad.dedup.keys import MentionKey, event_id_for
from marsad.dedup.rules import MatchingRules, default_rules

__all__ = ["Deduplicator", "MentionKey", "event_id_for"]


def _fold(s: str) -> str:
    return " ".join(s.split()).casefold()


# place kinds, most precise first
_POINT, _NAMED, _PROVINCE, _NOWHERE = 0, 1, 2, 3
_NO_DAY = 1 << 30
_NO_ACTORS: frozenset[str] = frozenset()


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Bulk loads create millions of small objects and no reference cycles: the cyclic
    collector would only rescan the growing index again and again."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class _Event:
    __slots__ = (
        "id",
        "country",
        "articles",
        "days",
        "lo",
        "hi",
        "masks",
        "actors",
        "members",
        "finest",
    )

    def __init__(self, event_id: str, country: str | None) -> None:
        self.id = event_id
        self.country = country
        self.reset()

    def reset(self) -> None:
        """Forget the members (to summarise them again)."""
        self.articles: set[str] = set()
        self.days: dict[int, int] = {}  # day -> number of dated members
        self.lo = self.hi = 0  # the earliest and latest of the most reported days
        self.masks: list[int] = []  # the distinct type masks of the members
        self.actors: frozenset[str] = frozenset()  # known actors of all members
        self.members: list[_Member] = []
        self.finest = _NOWHERE  # the most precise place kind among the members


class _Member:
    """A mention as the index sees it: everything matching needs, computed once."""

    __slots__ = (
        "key",
        "event",
        "day",
        "kind",
        "lat",
        "lon",
        "coslat",
        "loc",
        "admin1",
        "actors",
        "mask",
        "cell",
    )

    def __init__(
        self,
        key: MentionKey,
        day: int,
        kind: int,
        loc: str | None,
        admin1: str | None,
        actors: frozenset[str],
        mask: int,
    ) -> None:
        self.key = key
        self.event: _Event | None = None
        self.day = day
        self.kind = kind
        self.lat = self.lon = 0.0  # radians, for points
        self.coslat = 1.0
        self.loc = loc
        self.admin1 = admin1
        self.actors = actors
        self.mask = mask
        self.cell = 0  # the grid cell, for points

    def rank(self) -> int:
        """Richest first (known actors, then place precision), then by date."""
        return ((2 - len(self.actors)) * 4 + self.kind) * _NO_DAY * 2 + self.day

    def mention_id(self) -> str:
        return self.key.mention_id


#: one day's blocks: grid cell (int) -> members with coordinates there;
#: (_NAME, country, name) -> members so named; (_NAME_ONLY, …) -> those without coordinates;
#: (_ADMIN1, country, admin1) -> members in the province; (_PROVINCE_ONLY, …) -> those known
#: only to the province
_Day = dict[Any, list[_Member]]
_NAME, _NAME_ONLY, _ADMIN1, _PROVINCE_ONLY = "n", "o", "a", "p"


class Deduplicator:
    """Incremental clustering of mentions into events (see the module docstring)."""

    def __init__(
        self, max_km: float = 10.0, max_days: int = 1, rules: MatchingRules | None = None
    ) -> None:
        self.max_km = max_km
        self.max_days = max_days
        self.rules = rules or default_rules()
        self._grid = Grid(max_km)
        self._hmax = math.sin(max_km / (2 * EARTH_KM)) ** 2  # haversine of max_km
        self._events: dict[str, _Event] = {}
        self._event_of: dict[str, _Event] = {}
        self._folded: dict[str, str] = {}
        self._known: dict[str, bool] = {}
        self._masks: dict[tuple[str, str], int] = {}
        # the blocks, day by day: small dictionaries, so the days being matched stay in cache
        self._days: dict[int, _Day] = {}

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
        return {eid: [m.key.mention_id for m in ev.members] for eid, ev in self._events.items()}

    def mentions_of(self, event_id: str) -> list[MentionKey]:
        """The mentions of an event, in the order they joined ([] for an unknown id)."""
        ev = self._events.get(event_id)
        return [m.key for m in ev.members] if ev is not None else []

    def add(self, m: MentionKey) -> str:
        """Put ``m`` into the best compatible event or start one; return the event's id.

        Adding a mention id already present returns its event unchanged.
        """
        known = self._event_of.get(m.mention_id)
        if known is not None:
            return known.id
        return self._add(self._prepare(m))

    def add_many(self, ms: Iterable[MentionKey]) -> dict[str, str]:
        """Add a batch; return mention id -> event id (in the batch's order).

        The batch is added in a canonical order — richest first (two known actors, then one,
        then none; coordinates before a place name before a province), then by date, then by
        mention id — so the events of a batch and their ids do not depend on the order it is
        given in, and events are started by their most complete reports.
        """
        batch = list(ms)
        seen = self._event_of
        with _no_cyclic_gc():
            todo = [self._prepare(m) for m in batch if m.mention_id not in seen]
            todo.sort(key=_Member.mention_id)
            todo.sort(key=_Member.rank)  # stable: ties stay in mention id order
            for mem in todo:
                if mem.key.mention_id not in seen:  # a batch may repeat a mention
                    self._add(mem)
        return {m.mention_id: seen[m.mention_id].id for m in batch}

    def load(self, existing: Iterable[tuple[MentionKey, str]]) -> None:
        """Re-seed the index with stored mentions and the ids of their events, as they are
        (no matching among them). New mentions added afterwards can join these events."""
        with _no_cyclic_gc():
            for m, event_id in existing:
                if m.mention_id in self._event_of:
                    continue
                ev = self._events.get(event_id)
                if ev is None:
                    ev = self._new_event(event_id, m.country)
                self._join(ev, self._prepare(m))

    def discard(self, mention_id: str) -> str | None:
        """Take a mention out (its article re-extracted or deleted); return the id of the
        event it was in, which is dropped when no mention is left. The event keeps its id
        even when the mention that started it goes."""
        ev = self._event_of.pop(mention_id, None)
        if ev is None:
            return None
        mem = next(m for m in ev.members if m.key.mention_id == mention_id)
        for day, key in self._keys(mem):
            blocks = self._days[day]
            bucket = blocks[key]
            bucket.remove(mem)
            if not bucket:
                del blocks[key]
                if not blocks:
                    del self._days[day]
        rest = [m for m in ev.members if m is not mem]
        ev.reset()
        for m in rest:
            self._summarise(ev, m)
        if not rest:
            del self._events[ev.id]
        return ev.id

    # -- internals --------------------------------------------------------------------------

    def _fold(self, s: str | None) -> str | None:
        if not s:
            return None
        f = self._folded.get(s)
        if f is None:
            f = self._folded[s] = _fold(s)
        return f or None

    def _known_actor(self, name: str) -> bool:
        k = self._known.get(name)
        if k is None:
            k = self._known[name] = self.rules.known_actor(name)
        return k

    def _prepare(self, m: MentionKey) -> _Member:
        day = m.event_date.toordinal() if m.event_date is not None else _NO_DAY
        loc, admin1 = self._fold(m.location), self._fold(m.admin1)
        lat, lon, gp = m.latitude, m.longitude, m.geo_precision
        # (comparisons with NaN are false: NaN and infinite coordinates are not points)
        if (
            gp != 3
            and lat is not None
            and lon is not None
            and -90 <= lat <= 90
            and -180 <= lon <= 180
        ):
            kind = _POINT
        elif loc is not None and (gp != 3 or admin1 is None) and loc != admin1:
            kind = _NAMED
        elif admin1 is not None:
            kind = _PROVINCE
        else:
            kind = _NOWHERE
        a1, a2 = m.actor1, m.actor2
        is_known = self._known_actor
        actors = _NO_ACTORS
        if a1 is not None and is_known(a1):
            actors = frozenset((a1, a2)) if a2 is not None and is_known(a2) else frozenset((a1,))
        elif a2 is not None and is_known(a2):
            actors = frozenset((a2,))
        mask = self._masks.get((m.event_type, m.sub_event_type))
        if mask is None:
            mask = self._masks[(m.event_type, m.sub_event_type)] = self.rules.type_mask(
                m.event_type, m.sub_event_type
            )
        mem = _Member(m, day, kind, loc, admin1, actors, mask)
        if kind == _POINT:
            assert lat is not None and lon is not None
            mem.cell = self._grid.home(lat, lon)
            mem.lat, mem.lon = math.radians(lat), math.radians(lon)
            mem.coslat = math.cos(mem.lat)
        return mem

    def _add(self, mem: _Member) -> str:
        target = None
        if mem.day != _NO_DAY and mem.kind != _NOWHERE:
            target = self._best_event(mem)
        if target is None:
            target = self._new_event(event_id_for(mem.key.mention_id), mem.key.country)
        self._join(target, mem)
        return target.id

    def _new_event(self, event_id: str, country: str | None) -> _Event:
        while event_id in self._events:  # only if a loaded event already took the id
            event_id += "+"
        ev = _Event(event_id, country)
        self._events[event_id] = ev
        return ev

    def _join(self, ev: _Event, mem: _Member) -> None:
        self._event_of[mem.key.mention_id] = ev
        self._summarise(ev, mem)
        day, kind = mem.day, mem.kind
        if day == _NO_DAY or kind == _NOWHERE:
            return
        days = self._days
        if kind != _POINT or self.max_days != 1:
            for d, key in self._keys(mem):
                blocks = days.get(d)
                if blocks is None:
                    blocks = days[d] = {}
                blocks.setdefault(key, []).append(mem)
            return
        # the common case, spelt out (the same blocks as _keys gives)
        cell = mem.cell
        for d in (day - 1, day, day + 1):
            blocks = days.get(d)
            if blocks is None:
                blocks = days[d] = {}
            hit = blocks.get(cell)
            if hit is None:
                blocks[cell] = [mem]
            else:
                hit.append(mem)
        country = mem.key.country
        blocks = days[day]
        if mem.loc is not None:
            blocks.setdefault((_NAME, country, mem.loc), []).append(mem)
        if mem.admin1 is not None:
            blocks.setdefault((_ADMIN1, country, mem.admin1), []).append(mem)

    @staticmethod
    def _summarise(ev: _Event, mem: _Member) -> None:
        """Make ``mem`` a member of ``ev`` and update what the event knows."""
        mem.event = ev
        ev.members.append(mem)
        ev.articles.add(mem.key.article_id)
        if mem.mask not in ev.masks:
            ev.masks.append(mem.mask)
        if not mem.actors <= ev.actors:
            ev.actors = ev.actors | mem.actors
        day, kind = mem.day, mem.kind
        if day == _NO_DAY or kind == _NOWHERE:
            return  # never a candidate
        ev.days[day] = ev.days.get(day, 0) + 1
        if len(ev.days) == 1:
            ev.lo = ev.hi = day
        else:
            top = max(ev.days.values())
            modal = [d for d, c in ev.days.items() if c == top]
            ev.lo, ev.hi = min(modal), max(modal)
        ev.finest = min(ev.finest, kind)

    def _keys(self, mem: _Member) -> list[tuple[int, Any]]:
        """The blocks ``mem`` is indexed under, as (day, key) pairs.

        Blocks that many mentions probe (grid cells; names and provinces of reports without
        coordinates, which every point probes) hold a member under each day it may match, so
        that a probe reads one day; the others hold it under its own day and are probed for
        each day in reach.
        """
        day, kind, m = mem.day, mem.kind, mem.key
        if day == _NO_DAY or kind == _NOWHERE:
            return []  # never a candidate: not indexed
        country, loc, admin1 = m.country, mem.loc, mem.admin1
        days = range(day - self.max_days, day + self.max_days + 1)
        out: list[tuple[int, Any]] = []
        if kind == _POINT:
            for d in days:
                out.append((d, mem.cell))
        if loc is not None:
            out.append((day, (_NAME, country, loc)))
            if kind != _POINT:
                for d in days:
                    out.append((d, (_NAME_ONLY, country, loc)))
        if admin1 is not None:
            out.append((day, (_ADMIN1, country, admin1)))
            if kind == _PROVINCE:
                for d in days:
                    out.append((d, (_PROVINCE_ONLY, country, admin1)))
        return out

    def _best_event(self, mem: _Member) -> _Event | None:
        m, day, kind = mem.key, mem.day, mem.kind
        country, loc, admin1 = m.country, mem.loc, mem.admin1
        # (members, their distance or None to compute it, only for province-level events)
        blocks: list[tuple[list[_Member], float | None, bool]] = []
        if kind == _POINT:
            today = self._days.get(day)
            if today is None:
                return None
            assert m.latitude is not None and m.longitude is not None
            for c in self._grid.probe(m.latitude, m.longitude):
                hit = today.get(c)
                if hit:
                    blocks.append((hit, None, False))
            if loc is not None:
                hit = today.get((_NAME_ONLY, country, loc))
                if hit:
                    blocks.append((hit, 0.0, False))
            if admin1 is not None:
                hit = today.get((_PROVINCE_ONLY, country, admin1))
                if hit:
                    # a province-only report stands for its event only while the event is
                    # known to the province and no better
                    blocks.append((hit, self.max_km, True))
        else:
            for d in range(day - self.max_days, day + self.max_days + 1):
                that_day = self._days.get(d)
                if that_day is None:
                    continue
                if kind == _NAMED:
                    hit = that_day.get((_NAME, country, loc))
                    if hit:
                        blocks.append((hit, 0.0, False))
                    if admin1 is not None and d == day:
                        hit = that_day.get((_PROVINCE_ONLY, country, admin1))
                        if hit:
                            blocks.append((hit, self.max_km, True))
                elif admin1 is not None:  # known to the province only
                    hit = that_day.get((_ADMIN1, country, admin1))
                    if hit:
                        blocks.append((hit, self.max_km, False))
        if not blocks:
            return None
        return self._choose(mem, blocks)

    def _choose(
        self, mem: _Member, blocks: list[tuple[list[_Member], float | None, bool]]
    ) -> _Event | None:
        m, day, mask, actors = mem.key, mem.day, mem.mask, mem.actors
        lat, lon, coslat, hmax = mem.lat, mem.lon, mem.coslat, self._hmax
        country, article = m.country, m.article_id
        lo_ok, hi_ok = day - self.max_days, day + self.max_days
        sin, asin, sqrt = math.sin, math.asin, math.sqrt
        dlat_max = self.max_km / EARTH_KM  # radians: |Δlat| never exceeds the distance
        verdict: dict[_Event, bool] = {}  # per candidate event: may the mention join it?
        best: tuple[int, float, int, str] | None = None
        best_ev: _Event | None = None
        for members, fixed, vague_event_only in blocks:
            for other in members:
                if not mask & other.mask:
                    continue
                if fixed is None:  # both have coordinates: the distance decides first
                    if abs(other.lat - lat) > dlat_max:
                        continue
                    s1 = sin((other.lat - lat) * 0.5)
                    s2 = sin((other.lon - lon) * 0.5)
                    h = s1 * s1 + coslat * other.coslat * s2 * s2
                    if h > hmax:
                        continue
                    dist = 2 * EARTH_KM * asin(sqrt(h))
                else:
                    dist = fixed
                ev = other.event
                assert ev is not None
                if vague_event_only and ev.finest != _PROVINCE:
                    continue
                ok = verdict.get(ev)
                if ok is None:
                    masks = ev.masks
                    ok = verdict[ev] = (
                        ev.country == country
                        and lo_ok <= ev.lo
                        and ev.hi <= hi_ok
                        and article not in ev.articles
                        and (
                            mask & masks[0] != 0
                            if len(masks) == 1
                            else all(mask & k for k in masks)
                        )
                        and (actors <= ev.actors or ev.actors <= actors)
                    )
                if not ok:
                    continue
                score = (
                    abs(day - ev.lo) + abs(day - ev.hi),
                    dist,
                    -len(actors & ev.actors),
                    ev.id,
                )
                if best is None or score < best:
                    best, best_ev = score, ev
        return best_ev
