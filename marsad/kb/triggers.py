"""The event-trigger lexicon: words that name an act, mapped to ACLED types."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.kb.loading import data_path, load_yaml

ROLES = ("event", "attack", "territory", "kill", "storm")


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
        forms = [str(x) for x in raw.get("forms") or []]
        out.append((t, forms + definite_forms(forms), [str(x) for x in raw.get("stems") or []]))
    return out


def definite_forms(forms: list[str]) -> list[str]:
    """«عبوة ناسفة» → «العبوة الناسفة»: a noun and its adjective take «ال» together."""
    out = []
    for f in forms:
        words = f.split()
        if len(words) == 2 and not any(w.startswith(("ال", "لل")) for w in words):
            if all(len(w) >= 3 and w[0] not in "بلو" for w in words):
                out.append(" ".join("ال" + w for w in words))
    return out
