"""The actor knowledge base: named armed groups and forces, generic actor phrases, news sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from marsad.kb.loading import data_path, load_yaml, yaml_files


@dataclass(frozen=True, slots=True)
class Actor:
    id: str
    name: str
    country: str
    inter: int
    kind: str
    aliases_ar: tuple[str, ...]
    aliases_en: tuple[str, ...] = ()
    parent: str | None = None
    associates: tuple[str, ...] = ()
    #: ACLED never codes its violence as a battle: mob violence, or violence against
    #: civilians (settlers)
    no_battles: bool = False


@dataclass(frozen=True, slots=True)
class GenericActor:
    """A phrase such as «قوات النظام» or «مدنيين» naming an actor by role, not by name.

    ``template`` holds ``{country}`` (the event's country) or ``{linked}`` (the named actor
    that follows, as in «مسلحون على صلة بالقاعدة»).
    """

    template: str
    inter: int
    role: str  # "state" | "police" | "government" | "civilians" | "unidentified" | "militia" | "protesters" | "linked"
    phrases: tuple[str, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    name: str
    aliases_ar: tuple[str, ...]


def load_actors() -> list[Actor]:
    actors: list[Actor] = []
    seen: set[str] = set()
    for f in yaml_files("actors"):
        for raw in load_yaml(f) or []:
            a = _actor(raw, f.name)
            if a.id in seen:
                raise ValueError(f"actors/{f.name}: duplicate actor id {a.id!r}")
            seen.add(a.id)
            actors.append(a)
    return actors


def _actor(raw: dict[str, Any], fname: str) -> Actor:
    try:
        return Actor(
            id=str(raw["id"]),
            name=str(raw["name"]),
            country=str(raw["country"]),
            inter=int(raw["inter"]),
            kind=str(raw["kind"]),
            aliases_ar=tuple(str(x) for x in raw["aliases_ar"]),
            aliases_en=tuple(str(x) for x in raw.get("aliases_en") or ()),
            parent=raw.get("parent"),
            associates=tuple(str(x) for x in raw.get("associates") or ()),
            no_battles=bool(raw.get("no_battles", False)),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"actors/{fname}: bad entry {raw!r}: {exc}") from exc


def load_generic_actors() -> list[GenericActor]:
    out = []
    for raw in load_yaml(data_path("lexicons", "generic_actors.yaml")):
        out.append(
            GenericActor(
                template=str(raw["template"]),
                inter=int(raw["inter"]),
                role=str(raw["role"]),
                phrases=tuple(str(p) for p in raw["phrases"]),
            )
        )
    return out


def load_sources() -> list[Source]:
    node = data_path("sources.yaml")
    if not node.is_file():
        return []
    return [
        Source(str(r["id"]), str(r["name"]), tuple(str(x) for x in r["aliases_ar"]))
        for r in load_yaml(node) or []
    ]
