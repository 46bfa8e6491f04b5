"""The event-trigger lexicon: words that name an act, mapped to ACLED types."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.kb.loading import data_path, load_yaml

ROLES = ("event", "attack", "territory", "kill")


@dataclass(frozen=True, slots=True)
class Trigger:
    event_type: str
    sub_event_type: str
    role: str


def load_triggers() -> list[tuple[Trigger, list[str], list[str]]]:
    """(trigger, whole-word forms, stem forms) for every lexicon entry."""
    out = []
    for raw in load_yaml(data_path("lexicons", "triggers.yaml")):
        role = str(raw.get("role", "event"))
        if role not in ROLES:
            raise ValueError(f"triggers.yaml: unknown role {role!r}")
        t = Trigger(str(raw["event_type"]), str(raw["sub_event_type"]), role)
        out.append(
            (t, [str(x) for x in raw.get("forms") or []], [str(x) for x in raw.get("stems") or []])
        )
    return out
