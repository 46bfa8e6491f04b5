"""Which event types may be one event told two ways, and which actor names mean "unknown".

Read from ``data/dedup/matching.yaml``. Each (event_type, sub_event_type) pair gets a bit
mask: one bit of its own plus one bit per family that lists it. Two pairs are
type-compatible exactly when their masks share a bit.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from marsad.kb.loading import data_path, load_yaml


@dataclass
class MatchingRules:
    #: family name -> members, each "Event type" or "Event type: Sub-event type"
    families: dict[str, list[str]]
    #: prefixes of actor names that stand for an unknown actor
    unknown_actors: tuple[str, ...]
    _masks: dict[tuple[str, str], int] = field(default_factory=dict, repr=False)
    _family_bits: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._family_bits = {name: 1 << i for i, name in enumerate(sorted(self.families))}

    def type_mask(self, event_type: str, sub_event_type: str) -> int:
        pair = (event_type, sub_event_type)
        mask = self._masks.get(pair)
        if mask is None:
            mask = 1 << (len(self._family_bits) + len(self._masks))  # the pair's own bit
            for name, members in self.families.items():
                if event_type in members or f"{event_type}: {sub_event_type}" in members:
                    mask |= self._family_bits[name]
            self._masks[pair] = mask
        return mask

    def compatible_types(self, a: tuple[str, str], b: tuple[str, str]) -> bool:
        return bool(self.type_mask(*a) & self.type_mask(*b))

    def known_actor(self, name: str | None) -> bool:
        return name is not None and name != "" and not name.startswith(self.unknown_actors)


def rules_from_data(data: dict[str, Any]) -> MatchingRules:
    families = {str(k): [str(m) for m in v["members"]] for k, v in data["families"].items()}
    return MatchingRules(families, tuple(str(p) for p in data.get("unknown_actors", [])))


@functools.cache
def _default_data() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(data_path("dedup", "matching.yaml"))
    return data


def default_rules() -> MatchingRules:
    """A fresh :class:`MatchingRules` from the shipped data file (its mask cache is its own)."""
    return rules_from_data(_default_data())
