"""Build ``gazetteer/data/rivers.csv``: the named rivers of Natural Earth, one row per country.

Run from the repository root with the ``build-data`` extra installed::

    pip install -e ".[build-data]"
    python gazetteer/build_rivers.py

Input (read from an installed package, never from the network):
pyworldatlas-mapdata-standard 0.9.5 (PyPI, CC0), which holds Natural Earth's 1:10m rivers and
lake centrelines with their names, already cut by country. The river names of
``gazetteer/sources/river_names.tsv`` (our own list: the names news copy uses beside Natural
Earth's, such as "Dnipro" for the Dnieper) are added as alternate names.

Each (country, river) pair becomes a place ``H``/``STM`` in the curated-file format
(:mod:`incidentmap.gazetteer.curated`), with id ``river-<name>-<country>``. Its point is the
vertex of the river's course in that country that lies nearest the mean of those vertices, so
the point is on the river and near the middle of its stretch in the country. A river is named
"X River" and "River X", never bare "X": a bare river name is too often a town, a person, a
disease ("Ebola") or a word. Rivers shorter than 20 km in a country are left out, and so
are canals and the centrelines of lakes. Output is
sorted: the same input gives the same bytes.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import sys
import unicodedata
import zlib
from itertools import pairwise
from pathlib import Path

from incidentmap.gazetteer.kinds import haversine_km

HERE = Path(__file__).resolve().parent
OUT = HERE / "data" / "rivers.csv"
ALIASES = HERE / "sources" / "river_names.tsv"
#: Stretches of a river shorter than this within one country are left out.
MIN_KM = 20.0
#: Name endings that already say what the feature is ("Lua Tributary", "Suez Canal").
_KIND_WORDS = re.compile(r"\b(?:river|creek|canal|channel|tributary|wash|brook|lake)\b", re.I)
#: Natural Earth's lines that are no river: canals and the centrelines of lakes.
_NOT_RIVERS = re.compile(r"\b(?:canal|lake|outlet)\b", re.I)
_COLUMNS = ("id", "name", "alternate_names", "lat", "lon", "feature_code", "country_code")


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in km between two (lon, lat) points."""
    return haversine_km(a[1], a[0], b[1], b[0])


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _aliases() -> dict[str, list[str]]:
    """Return the extra names of each Natural Earth river name."""
    out: dict[str, list[str]] = {}
    with ALIASES.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            river, *others = line.rstrip("\n").split("\t")
            out.setdefault(river, []).extend(o for o in others if o)
    return out


def _courses() -> dict[tuple[str, str], list[list[tuple[float, float]]]]:
    """Return each (country, river name)'s runs of (lon, lat) points."""
    import pyworldatlas_mapdata_standard as pkg

    db = Path(pkg.__file__).resolve().parent / "data" / "maps.sqlite3"
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    out: dict[tuple[str, str], list[list[tuple[float, float]]]] = {}
    for code, payload in con.execute("SELECT alpha2, payload FROM country_map ORDER BY alpha2"):
        doc = json.loads(zlib.decompress(payload))
        for river in doc.get("rivers") or []:
            name = " ".join(str(river.get("name") or "").split())
            points = [(float(p[0]), float(p[1])) for p in river.get("points") or []]
            if name and len(points) >= 2 and re.fullmatch(r"[A-Z]{2}", code):
                out.setdefault((code, name), []).append(points)
    con.close()
    return out


def _names(name: str, aliases: list[str]) -> list[str]:
    names: list[str] = []
    for base in (name, *aliases):
        forms = [base] if _KIND_WORDS.search(base) else [f"{base} River", f"River {base}"]
        names.extend(f for f in forms if f not in names)
    return names


def rows(
    courses: dict[tuple[str, str], list[list[tuple[float, float]]]],
    aliases: dict[str, list[str]],
) -> list[dict[str, str]]:
    """Return the rows of ``rivers.csv`` for each (country, river)'s runs of (lon, lat) points.

    Examples
    --------
    >>> course = [[(44.0, 33.0), (44.1, 33.1), (44.2, 33.2), (44.3, 33.3), (44.4, 33.4)]]
    >>> (row,) = rows({("IQ", "Diyala"): course}, {})
    >>> row["id"], row["name"], row["alternate_names"], row["lat"], row["lon"]
    ('river-diyala-iq', 'Diyala River', 'River Diyala', '33.2000', '44.2000')
    """
    out: list[tuple[str, float, dict[str, str]]] = []
    for (code, name), runs in courses.items():
        length = sum(_km(a, b) for run in runs for a, b in pairwise(run))
        if length < MIN_KM or _KIND_WORDS.fullmatch(name) or _NOT_RIVERS.search(name):
            continue  # too short, no name but its kind ("River"), or a canal or lake
        points = [p for run in runs for p in run]
        mid = (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))
        lon, lat = min(points, key=lambda p: _km(p, mid))
        names = _names(name, aliases.get(name, []))
        row = {
            "id": f"river-{_slug(name)}-{code.lower()}",
            "name": names[0],
            "alternate_names": "|".join(names[1:]),
            "lat": f"{lat:.4f}",
            "lon": f"{lon:.4f}",
            "feature_code": "STM",
            "country_code": code,
        }
        out.append((name, -length, row))
    # a river's longest stretch first: of places with the same name and no population, the
    # gazetteer offers the one it read first ("Benue River" is Nigeria's before Cameroon's)
    out.sort(key=lambda r: (r[0], r[1], r[2]["id"]))
    return [row for _, _, row in out]


def main() -> int:
    """Write the file and say what it holds."""
    found = rows(_courses(), _aliases())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(found)
    tmp = OUT.with_name(OUT.name + ".tmp")
    tmp.write_text(buffer.getvalue(), encoding="utf-8")
    os.replace(tmp, OUT)  # readers see the old file or the new one
    rivers = len({r["name"] for r in found})
    print(f"wrote {OUT}: {len(found)} rows ({rivers} rivers), {OUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
