"""Regenerate src/incidentmap/geoparse/data/area_points.tsv from the shipped gazetteer data.

A mention of a whole country or first-level area is placed at a point meant to stand for
the area, as the standard corpora do (GeoNames' points lie near the middle of an area's
main part). This script computes such a point from the embedded data alone:

- a country: the centroid of the largest part of its Natural Earth outline
  (``gazetteer/data/countries-simplified.geojson``), or its gazetteer point if it has none;
- a first-level area: the mean position of the GeoNames places (``cities500``) inside it.

``bench/geoparse_points.py`` measures both against the corpora. Run after the gazetteer
data changes:

    .venv/bin/python bench/geoparse_area_points.py
"""

from __future__ import annotations

import gzip
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src/incidentmap/geoparse/data/area_points.tsv"


def main() -> int:
    from shapely.geometry import shape

    from incidentmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    rows: list[tuple[str, float, float, str]] = []
    data = json.loads((ROOT / "gazetteer/data/countries-simplified.geojson").read_text())
    parts_by_code: dict[str, list[Any]] = defaultdict(list)
    for feature in data["features"]:  # a code may have several features (territories)
        geom = shape(feature["geometry"])
        parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        parts_by_code[feature["properties"]["iso_a2"]].extend(parts)
    for code, parts in sorted(parts_by_code.items()):
        country = gazetteer.country(code)
        if country is None:
            continue
        big = max(parts, key=lambda p: p.area * math.cos(math.radians(p.centroid.y)))
        point = big.centroid if big.contains(big.centroid) else big.representative_point()
        rows.append((country.id, point.y, point.x, "largest-part-centroid"))
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with gzip.open(ROOT / "gazetteer/data/cities500.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t")
            s = sums[(cols[8], cols[10])]
            s[0] += float(cols[4])
            s[1] += float(cols[5])
            s[2] += 1
    for (code, admin1), (lat, lon, n) in sorted(sums.items()):
        area = gazetteer.admin1(code, admin1)
        if area is not None and area.is_admin1:
            rows.append((area.id, lat / n, lon / n, f"mean-of-{int(n)}-places"))
    header = (
        "# Where a mention of a whole country or first-level area is placed (see\n"
        "# bench/geoparse_area_points.py, which writes this file; do not edit by hand).\n"
        "# place_id\tlat\tlon\thow\n"
    )
    body = "".join(f"{pid}\t{lat:.5f}\t{lon:.5f}\t{how}\n" for pid, lat, lon, how in sorted(rows))
    OUT.write_text(header + body, encoding="utf-8")
    print(f"{len(rows)} points written to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
