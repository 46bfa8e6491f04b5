"""Adapter between the store and cross-article deduplication (:mod:`marsad.dedup`).

A mention is one article's coded event (an ACLED record); :class:`EventIndex` decides which
event each mention belongs to and :func:`build_events` makes each event's record from its
mentions with ``marsad.dedup.reconcile.merge_event`` (sources, lowest supported fatalities).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from marsad.dedup import Deduplicator, MentionKey, event_id_for
from marsad.dedup.reconcile import merge_event
from marsad.store.base import StoredMention


def mention_key(mention_id: str, article_id: str, fields: dict[str, Any]) -> MentionKey:
    """The deduplication key of a mention (``fields``: its record or its stored columns)."""
    return MentionKey.from_record(mention_id, article_id, fields)


class EventIndex:
    """Which event each mention belongs to; incremental, re-seeded from the store."""

    def __init__(self) -> None:
        self._dedup = Deduplicator()

    def __len__(self) -> int:
        return len(self._dedup)

    def load(self, stored: Iterable[dict[str, Any]]) -> None:
        """Re-seed from stored mentions (dicts with mention_id, article_id, event_id and the
        key fields); mentions without an event are skipped."""
        self._dedup.load(
            (mention_key(str(m["mention_id"]), str(m["article_id"]), m), str(m["event_id"]))
            for m in stored
            if m.get("event_id")
        )

    def mention_ids(self, event_id: str) -> list[str]:
        """The ids of the mentions of an event, in the order they joined."""
        return [k.mention_id for k in self._dedup.mentions_of(event_id)]

    def assign(self, keys: Iterable[MentionKey]) -> dict[str, str]:
        """Mention id → event id (joined or started), for new mentions' keys."""
        return self._dedup.add_many(keys)


def singleton_event(record: dict[str, Any]) -> dict[str, Any]:
    """The event a mention makes when it is its event's only source."""
    return merge_event([record], event_id_for(str(record["mention_id"])))


def started_here(mention_id: str, event_id: str) -> bool:
    """Whether ``event_id`` is the event that ``mention_id`` started (ids are stable)."""
    return event_id_for(mention_id) == event_id


def build_events(members: dict[str, list[StoredMention]]) -> list[dict[str, Any]]:
    """Event id → its mentions ⇒ the deduplicated event records, in event id order."""
    out: list[dict[str, Any]] = []
    for event_id in sorted(members):
        records = [m.record for m in members[event_id]]
        out.append(merge_event(records, event_id))
    return out


def rebuild(mentions: Iterable[StoredMention]) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Deduplicate every mention from scratch (order-independent): ``(mention id → event id,
    event records)``."""
    stored = list(mentions)
    event_of = Deduplicator().add_many(
        mention_key(m.mention_id, m.article_id, m.record) for m in stored
    )
    members: dict[str, list[StoredMention]] = {}
    for m in stored:
        members.setdefault(event_of[m.mention_id], []).append(m)
    return event_of, build_events(members)
