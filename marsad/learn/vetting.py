"""Corroboration: mentions of one event support each other.

The rules code each mention of an act (the lead, a recap, a caption) as its own event before
«dedup» merges them. The event model scores each; mentions with the same type, place and date
are taken as independent witnesses of one event, so their probabilities combine by noisy-or:
``1 - Π(1 - p)``. Every mention of the group is kept or dropped together.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

from marsad.document import Event


def same_event_key(ev: Event) -> tuple[str, str | None, str | None]:
    """(type, place id, date) of a rule-coded event."""
    place = ev.place.id if ev.place is not None else None
    return ev.event_type, place, ev.date.isoformat() if ev.date else None


def corroborate(probs: Sequence[float], keys: Sequence[Hashable]) -> list[float]:
    """Each probability replaced by the noisy-or of all probabilities sharing its key."""
    miss: dict[Hashable, float] = {}
    for p, k in zip(probs, keys, strict=True):
        miss[k] = miss.get(k, 1.0) * (1.0 - p)
    return [1.0 - miss[k] for k in keys]
