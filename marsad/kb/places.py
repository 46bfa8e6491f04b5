"""The gazetteer: countries, first-level divisions and places with Arabic names."""

from __future__ import annotations

from dataclasses import dataclass

from marsad.kb.loading import data_path, load_tsv, split_multi


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    level: str  # "country" | "admin1" | "place"
    country_iso: str
    country: str
    admin1: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    kind: str
    aliases_ar: tuple[str, ...]

    @property
    def label(self) -> str:
        return self.name


@dataclass(slots=True)
class Gazetteer:
    countries: dict[str, Place]  # by ISO2
    countries_by_name: dict[str, Place]
    admin1: dict[tuple[str, str], Place]  # (ISO2, name)
    places: list[Place]
    demonyms: dict[str, list[str]]  # ISO2 → Arabic demonyms

    def all(self) -> list[Place]:
        return [*self.countries.values(), *self.admin1.values(), *self.places]


def _f(x: str | None) -> float:
    return float(x) if x else 0.0


def load_gazetteer() -> Gazetteer:
    countries: dict[str, Place] = {}
    demonyms: dict[str, list[str]] = {}
    for r in load_tsv(data_path("places", "countries.tsv")):
        iso = r["iso2"]
        countries[iso] = Place(
            id=f"country:{iso}",
            name=r["name"],
            level="country",
            country_iso=iso,
            country=r["name"],
            admin1=None,
            admin2=None,
            lat=_f(r.get("lat")),
            lon=_f(r.get("lon")),
            population=0,
            kind="country",
            aliases_ar=tuple(split_multi(r.get("aliases_ar"))),
        )
        demonyms[iso] = split_multi(r.get("demonyms_ar"))
    admin1: dict[tuple[str, str], Place] = {}
    for r in load_tsv(data_path("places", "admin1.tsv")):
        iso = r["country"]
        if iso not in countries:
            continue
        p = Place(
            id=f"admin1:{iso}:{r['gn_code']}",
            name=r["name"],
            level="admin1",
            country_iso=iso,
            country=countries[iso].name,
            admin1=r["name"],
            admin2=None,
            lat=_f(r.get("lat")),
            lon=_f(r.get("lon")),
            population=0,
            kind="admin1",
            aliases_ar=tuple(split_multi(r.get("aliases_ar"))),
        )
        admin1[(iso, p.name)] = p
    places: list[Place] = []
    for fname in ("geonames.tsv", "supplement.tsv"):
        node = data_path("places", fname)
        if not node.is_file():
            continue
        for r in load_tsv(node):
            iso = r["country"]
            if iso not in countries:
                continue
            places.append(
                Place(
                    id=r["id"],
                    name=r["name"],
                    level="place",
                    country_iso=iso,
                    country=countries[iso].name,
                    admin1=r.get("admin1") or None,
                    admin2=r.get("admin2") or None,
                    lat=_f(r.get("lat")),
                    lon=_f(r.get("lon")),
                    population=int(r.get("population") or 0),
                    kind=r.get("kind") or "populated_place",
                    aliases_ar=tuple(split_multi(r.get("aliases_ar"))),
                )
            )
    by_name = {p.name: p for p in countries.values()}
    return Gazetteer(countries, by_name, admin1, places, demonyms)
