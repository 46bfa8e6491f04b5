"""Deduplicate every mention in partitions (country × week), with the result of one pass.

The reference is :func:`marsad.store.events.rebuild`: one
:class:`~marsad.dedup.Deduplicator` given every mention, which it adds in canonical order
(by date first). This module gives the same mention → event map, computed in parts that
can run anywhere (Ray tasks, :mod:`marsad.engine.ray`):

1. **partition**: events never span two countries, so countries are independent. Within a
   country, mentions are cut into ISO weeks (Monday to Sunday); undated mentions (which
   never merge) form their own partition.
2. **map**: each partition is deduplicated alone (:func:`dedup_partition`), in parallel.
3. **reconcile** (:func:`reconcile_country`), week after week: a mention early in week *W*
   may join an event of the last ``max_days`` days of week *W-1*, an event that straddles
   the boundary. So week *W* is replayed, day by day, with those boundary events (and all
   their members, as the previous weeks finally assigned them) loaded first, until the
   events that reach the current day are exactly the ones the independent pass formed:
   from there on the independent pass is exact (a mention's candidates are the events with
   a member within ``max_days`` of its day) and is kept. Usually one or two days of a
   week are replayed; a week with no boundary event is kept as it is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from marsad.dedup import Deduplicator, MentionKey
from marsad.store.base import StoredMention
from marsad.store.events import build_events, mention_key

T = TypeVar("T")
R = TypeVar("R")

#: (country, Monday ordinal of the week, or None for undated mentions)
PartKey = tuple[str | None, int | None]
Mapper = Callable[[Callable[[T], R], Sequence[T]], list[R]]


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


def dedup_partition(
    keys: list[MentionKey], max_km: float = 10.0, max_days: int = 1
) -> dict[str, str]:
    """Mention id → event id for one partition on its own."""
    return Deduplicator(max_km, max_days).add_many(keys)


def _day(k: MentionKey) -> int | None:
    return k.event_date.toordinal() if k.event_date is not None else None


def _reaching(
    events: dict[str, list[str]], day_of: dict[str, int | None], window: tuple[int, int]
) -> dict[str, frozenset[str]]:
    """The events with a member on a day of ``window`` (inclusive), with their members."""
    lo, hi = window
    return {
        eid: frozenset(ms)
        for eid, ms in events.items()
        if any(lo <= (day_of[m] or 0) <= hi for m in ms)
    }


def _replay(
    week: list[MentionKey],
    alone: dict[str, str],
    boundary: list[tuple[MentionKey, str]],
    max_km: float,
    max_days: int,
) -> dict[str, str]:
    """Week ``week`` with the ``boundary`` events loaded first; ``alone`` is its independent
    result, taken over from the first day where the two agree."""
    dd = Deduplicator(max_km, max_days)
    dd.load(boundary)
    by_day: dict[int, list[MentionKey]] = defaultdict(list)
    for k in week:
        d = _day(k)
        assert d is not None
        by_day[d].append(k)
    day_of = {k.mention_id: _day(k) for k in week}
    day_of.update((k.mention_id, _day(k)) for k, _ in boundary)
    alone_events: dict[str, list[str]] = defaultdict(list)
    for k in sorted(week, key=lambda k: k.mention_id):
        alone_events[alone[k.mention_id]].append(k.mention_id)
    out: dict[str, str] = {}
    days = sorted(by_day)
    for i, d in enumerate(days):
        out.update(dd.add_many(by_day[d]))
        window = (d - max_days + 1, d)
        if _reaching(dd.events(), day_of, window) == _reaching(alone_events, day_of, window):
            for later in days[i + 1 :]:
                out.update((k.mention_id, alone[k.mention_id]) for k in by_day[later])
            break
    return out


def reconcile_country(
    weeks: dict[int | None, tuple[list[MentionKey], dict[str, str]]],
    max_km: float = 10.0,
    max_days: int = 1,
) -> dict[str, str]:
    """One country's weeks (Monday ordinal → its mentions and their independent result) →
    the final mention → event map."""
    if max_days > 3:  # boundary events could then reach back more than one week
        keys = [k for ks, _ in weeks.values() for k in ks]
        return Deduplicator(max_km, max_days).add_many(keys)
    final: dict[str, str] = {}
    members: dict[str, list[MentionKey]] = defaultdict(list)
    prev: list[MentionKey] = []
    for monday in sorted(w for w in weeks if w is not None):
        keys, alone = weeks[monday]
        edge = monday - max_days  # boundary events have a member on a day >= edge
        open_events = {final[k.mention_id] for k in prev if (_day(k) or 0) >= edge}
        if open_events:
            boundary = [(m, eid) for eid in sorted(open_events) for m in members[eid]]
            result = _replay(keys, alone, boundary, max_km, max_days)
        else:
            result = alone
        final.update(result)
        for k in keys:
            members[final[k.mention_id]].append(k)
        # only events reaching the last max_days days can matter to the next week
        prev = keys if monday + 7 in weeks else []
    if None in weeks:
        final.update(weeks[None][1])
    return final


def assign_events(
    keys: Iterable[MentionKey],
    mapper: Mapper[Any, Any] | None = None,
    max_km: float = 10.0,
    max_days: int = 1,
) -> dict[str, str]:
    """Mention id → event id, equal to ``Deduplicator(max_km, max_days).add_many(keys)``.

    ``mapper(fn, items)`` runs ``fn`` on every item (in this process by default, as Ray
    tasks in :mod:`marsad.engine.ray`) and returns the results in order.
    """
    run: Mapper[Any, Any] = mapper or (lambda fn, items: [fn(x) for x in items])
    parts = partition(keys)
    names = sorted(parts, key=lambda p: (p[0] or "", p[0] is None, p[1] or 0, p[1] is None))
    alone = run(_dedup_part, [(parts[p], max_km, max_days) for p in names])
    by_country: dict[str | None, dict[int | None, tuple[list[MentionKey], dict[str, str]]]] = (
        defaultdict(dict)
    )
    for p, res in zip(names, alone, strict=True):
        by_country[p[0]][p[1]] = (parts[p], res)
    countries = sorted(by_country, key=lambda c: (c is None, c or ""))
    finals = run(_reconcile, [(by_country[c], max_km, max_days) for c in countries])
    out: dict[str, str] = {}
    for f in finals:
        out.update(f)
    return out


def _dedup_part(arg: tuple[list[MentionKey], float, int]) -> dict[str, str]:
    return dedup_partition(*arg)


def _reconcile(
    arg: tuple[dict[int | None, tuple[list[MentionKey], dict[str, str]]], float, int],
) -> dict[str, str]:
    return reconcile_country(*arg)


def rebuild_partitioned(
    mentions: Iterable[StoredMention],
    mapper: Mapper[Any, Any] | None = None,
    events_per_task: int = 20_000,
) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """What :func:`marsad.store.events.rebuild` returns, computed in partitions: the map of
    :func:`assign_events`, then the event records built ``events_per_task`` at a time."""
    run: Mapper[Any, Any] = mapper or (lambda fn, items: [fn(x) for x in items])
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
