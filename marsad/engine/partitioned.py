"""Deduplicate every mention in partitions (country × week), with the result of one pass.

The reference is :func:`marsad.store.events.rebuild`: one
:class:`~marsad.dedup.Deduplicator` given every mention at once. This module computes the
same mention → event map in parts that can run anywhere (Ray tasks, :mod:`marsad.engine.ray`).

Why parts can be exact. A mention can only join an event through a *link* to one of its
members: the same country, dates at most ``max_days`` apart, and the same place as the
deduplicator's blocks see it (both with coordinates within ``max_km``; or the same location
name; or the same admin1 when one of the two is known only to its province). So every event
lies inside one connected component of the link graph, a mention's choice only looks at
events of its own component, and the order :meth:`Deduplicator.add_many` gives a batch is the
same inside a component as in the whole: **deduplicating each component alone gives the
one-pass result**. (Links are a superset of what matching needs: a link is not a merge.)

1. **partition**: mentions by country and ISO week (Monday to Sunday); undated mentions,
   which never merge, by country alone.
2. **map**: each partition is deduplicated alone, and its link components found
   (:func:`dedup_partition`), in parallel. For a component that stays inside the week this
   is already the final answer.
3. **reconcile**: links across each Sunday/Monday boundary are found among the mentions of
   the last and first ``max_days`` days (:func:`straddling`); the components they join — the
   events that may straddle a boundary — are deduplicated again as wholes, in parallel, and
   replace the partitions' answers for their mentions.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from marsad.dedup import Deduplicator, MentionKey
from marsad.dedup.cluster import _fold
from marsad.dedup.geo import Grid, haversine_km
from marsad.store.base import StoredMention
from marsad.store.events import build_events, mention_key

#: (country, Monday ordinal of the week, or None for undated mentions)
PartKey = tuple[str | None, int | None]
Mapper = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]
#: a mention's link component inside its partition: (Monday, id of a member)
Node = tuple[int, str]


def week_of(day: dt.date | None) -> int | None:
    """The ordinal of the Monday of ``day``'s ISO week."""
    if day is None:
        return None
    o = day.toordinal()
    return o - (o - 1) % 7  # ordinal 1 (0001-01-01) is a Monday


def partition(keys: Iterable[MentionKey]) -> dict[PartKey, list[MentionKey]]:
    parts: dict[PartKey, list[MentionKey]] = defaultdict(list)
    for k in keys:
        parts[(k.country, week_of(k.event_date))].append(k)
    return dict(parts)


def _name(s: str | None) -> str | None:
    return (_fold(s) or None) if s else None


def _province_only(k: MentionKey) -> bool:
    """Known only to its province (the deduplicator's place kinds, docs/dedup.md)."""
    loc, admin1 = _name(k.location), _name(k.admin1)
    if k.latitude is not None and k.longitude is not None and k.geo_precision != 3:
        return False  # a point
    if loc is not None and (k.geo_precision != 3 or admin1 is None) and loc != admin1:
        return False  # a named place
    return admin1 is not None


def components(keys: Sequence[MentionKey], max_km: float = 10.0, max_days: int = 1) -> list[int]:
    """For each mention, the index of a representative of its link component."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    grid = Grid(max_km)
    by_cell: dict[tuple[str | None, int, int], list[int]] = defaultdict(list)
    by_loc: dict[tuple[str | None, int, str], list[int]] = defaultdict(list)
    by_admin1: dict[tuple[str | None, int, str], list[int]] = defaultdict(list)
    days: list[int] = []
    for i, k in enumerate(keys):
        days.append(k.event_date.toordinal() if k.event_date is not None else 0)
        if k.event_date is None:
            continue  # never merges
        c, d = k.country, days[i]
        if k.latitude is not None and k.longitude is not None:
            by_cell[(c, d, grid.home(k.latitude, k.longitude))].append(i)
        loc, admin1 = _name(k.location), _name(k.admin1)
        if loc is not None:
            by_loc[(c, d, loc)].append(i)
        if admin1 is not None:
            by_admin1[(c, d, admin1)].append(i)
    for (c, d, loc), members in by_loc.items():
        for j in members[1:]:
            union(members[0], j)
        for dd in range(d + 1, d + max_days + 1):
            other = by_loc.get((c, dd, loc))
            if other:
                union(members[0], other[0])
    for i, k in enumerate(keys):
        if k.event_date is None:
            continue
        c, d = k.country, days[i]
        span = range(d - max_days, d + max_days + 1)
        if k.latitude is not None and k.longitude is not None:
            lat, lon = k.latitude, k.longitude
            for cell in grid.probe(lat, lon):
                for dd in span:
                    for j in by_cell.get((c, dd, cell), ()):
                        kj = keys[j]
                        assert kj.latitude is not None and kj.longitude is not None
                        if j != i and haversine_km(lat, lon, kj.latitude, kj.longitude) <= max_km:
                            union(i, j)
        admin1 = _name(k.admin1)
        if admin1 is not None and _province_only(k):
            for dd in span:
                for j in by_admin1.get((c, dd, admin1), ()):
                    union(i, j)
    return [find(i) for i in range(len(keys))]


def dedup_partition(
    keys: list[MentionKey], max_km: float = 10.0, max_days: int = 1
) -> tuple[dict[str, str], dict[str, str]]:
    """One partition alone: (mention id → event id, mention id → its component's id)."""
    roots = components(keys, max_km, max_days)
    label = {k.mention_id: keys[r].mention_id for k, r in zip(keys, roots, strict=True)}
    return Deduplicator(max_km, max_days).add_many(keys), label


def straddling(
    weeks: dict[int, tuple[list[MentionKey], dict[str, str]]],
    max_km: float = 10.0,
    max_days: int = 1,
) -> list[list[MentionKey]]:
    """One country's dated weeks (Monday → its mentions, their component labels) → the
    mentions of each component that crosses a week boundary, joined across weeks."""
    parent: dict[Node, Node] = {}

    def find(n: Node) -> Node:
        while parent.get(n, n) != n:
            n = parent[n]
        return n

    for monday in sorted(weeks):
        before = monday - 7
        if before not in weeks:
            continue
        late = [k for k in weeks[before][0] if _day(k) >= monday - max_days]
        early = [k for k in weeks[monday][0] if _day(k) < monday + max_days]
        edge = late + early
        week = [before] * len(late) + [monday] * len(early)
        roots = components(edge, max_km, max_days)
        first: dict[int, Node] = {}
        for k, w, r in zip(edge, week, roots, strict=True):
            node = (w, weeks[w][1][k.mention_id])
            if r not in first:
                first[r] = node
                continue
            a, b = find(first[r]), find(node)
            if a != b:
                parent[max(a, b)] = min(a, b)
    if not parent:
        return []
    involved = set(parent) | set(parent.values())
    groups: dict[Node, list[MentionKey]] = defaultdict(list)
    spans: dict[Node, set[int]] = defaultdict(set)
    for monday, (keys, label) in weeks.items():
        for k in keys:
            node = (monday, label[k.mention_id])
            if node in involved:
                root = find(node)
                groups[root].append(k)
                spans[root].add(monday)
    return [groups[r] for r in sorted(groups) if len(spans[r]) > 1]


def _day(k: MentionKey) -> int:
    assert k.event_date is not None
    return k.event_date.toordinal()


def assign_events(
    keys: Iterable[MentionKey],
    mapper: Mapper | None = None,
    max_km: float = 10.0,
    max_days: int = 1,
) -> dict[str, str]:
    """Mention id → event id, equal to ``Deduplicator(max_km, max_days).add_many(keys)``.

    ``mapper(fn, items)`` runs ``fn`` on every item (in this process by default, as Ray
    tasks in :mod:`marsad.engine.ray`) and returns the results in order.
    """
    run: Mapper = mapper or (lambda fn, items: [fn(x) for x in items])
    parts = partition(keys)
    if max_days > 3:  # boundary strips would overlap within a week: one part per country
        parts = {
            (c, 0): [k for (pc, _), ks in parts.items() if pc == c for k in ks] for c, _ in parts
        }
    names = sorted(parts, key=lambda p: (p[0] or "", p[0] is None, p[1] or 0, p[1] is None))
    alone = run(_dedup_part, [(parts[p], max_km, max_days) for p in names])
    out: dict[str, str] = {}
    by_country: dict[str | None, dict[int, tuple[list[MentionKey], dict[str, str]]]] = defaultdict(
        dict
    )
    for (country, monday), (event_of, label) in zip(names, alone, strict=True):
        out.update(event_of)
        if monday is not None and max_days <= 3:
            by_country[country][monday] = (parts[(country, monday)], label)
    groups = [
        g
        for c in sorted(by_country, key=lambda c: (c is None, c or ""))
        for g in straddling(by_country[c], max_km, max_days)
    ]
    for event_of in run(_dedup_whole, [(g, max_km, max_days) for g in groups]):
        out.update(event_of)
    return out


def _dedup_part(arg: tuple[list[MentionKey], float, int]) -> tuple[dict[str, str], dict[str, str]]:
    return dedup_partition(*arg)


def _dedup_whole(arg: tuple[list[MentionKey], float, int]) -> dict[str, str]:
    keys, max_km, max_days = arg
    return Deduplicator(max_km, max_days).add_many(keys)


def rebuild_partitioned(
    mentions: Iterable[StoredMention],
    mapper: Mapper | None = None,
    events_per_task: int = 20_000,
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """What :func:`marsad.store.events.rebuild` returns, computed in partitions: the map of
    :func:`assign_events`, then the event records built ``events_per_task`` at a time."""
    run: Mapper = mapper or (lambda fn, items: [fn(x) for x in items])
    stored = list(mentions)
    event_of = assign_events(
        (mention_key(m.mention_id, m.article_id, m.record) for m in stored), mapper
    )
    members: dict[str, list[StoredMention]] = defaultdict(list)
    for m in stored:
        members[event_of[m.mention_id]].append(m)
    ids = sorted(members)
    chunks = [
        {eid: members[eid] for eid in ids[lo : lo + events_per_task]}
        for lo in range(0, len(ids), events_per_task)
    ]
    events = [ev for part in run(build_events, chunks) for ev in part]
    return event_of, events
