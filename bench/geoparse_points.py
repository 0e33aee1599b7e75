"""Measure where country and first-level-area points should lie for the evaluation corpora.

The corpora place a country or an area at a conventional point (GeoNames' own, or a
Wikipedia centroid). This script compares, on the gold mentions of countries and areas,
the embedded gazetteer's points (Natural Earth label points; an area's seat) with two
points anyone can compute from the shipped data: the centroid of a country's largest
part (Natural Earth outline) and the mean position of an area's GeoNames places. It then
reruns the geoparser with those points swapped in, to show what the change would give.

    .venv/bin/python bench/geoparse_points.py
"""

from __future__ import annotations

import dataclasses
import gzip
import json
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared/eval/trnews.jsonl", ROOT.parent / "shared/eval/geovirus.jsonl"]


def largest_part_centroids() -> dict[str, tuple[float, float]]:
    from shapely.geometry import shape

    data = json.loads((ROOT / "gazetteer/data/countries-simplified.geojson").read_text())
    parts_by_code: dict[str, list[Any]] = defaultdict(list)
    for feature in data["features"]:  # a code may have several features (territories)
        geom = shape(feature["geometry"])
        parts = list(geom.geoms) if geom.geom_type == "MultiPolygon" else [geom]
        parts_by_code[feature["properties"]["iso_a2"]].extend(parts)
    out = {}
    for code, parts in parts_by_code.items():
        big = max(parts, key=lambda p: p.area * math.cos(math.radians(p.centroid.y)))
        out[code] = (big.centroid.y, big.centroid.x)
    return out


def area_place_means() -> dict[tuple[str, str], tuple[float, float]]:
    sums: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    with gzip.open(ROOT / "gazetteer/data/cities500.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t")
            s = sums[(cols[8], cols[10])]
            s[0] += float(cols[4])
            s[1] += float(cols[5])
            s[2] += 1
    return {k: (s[0] / s[2], s[1] / s[2]) for k, s in sums.items()}


def main() -> int:
    import logging

    from incidentmap.evaluate import evaluate_geoparser
    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse import Geoparser
    from incidentmap.geoparse.resolve import haversine_km
    from incidentmap.text.articles import read_articles

    logging.disable(logging.WARNING)
    gazetteer = Gazetteer.default()
    countries, areas = largest_part_centroids(), area_place_means()

    def moved(place: Any) -> Any:
        if place is not None and place.is_country and place.country_code in countries:
            lat, lon = countries[place.country_code]
            return dataclasses.replace(place, lat=lat, lon=lon)
        if place is not None and place.is_admin1 and (place.country_code, place.admin1) in areas:
            lat, lon = areas[(place.country_code, place.admin1)]
            return dataclasses.replace(place, lat=lat, lon=lon)
        return place

    class Moved(Geoparser):
        def parse(self, article: Any) -> Any:
            return [dataclasses.replace(t, place=moved(t.place)) for t in super().parse(article)]

        def resolve_spans(self, article: Any, spans: Any = ()) -> Any:
            found = super().resolve_spans(article, spans)
            return [dataclasses.replace(t, place=moved(t.place)) for t in found]

    parser = Moved(gazetteer, area_points=False)
    for path in CORPORA:
        articles = list(read_articles(str(path)))
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for article in articles:
            for g in article.toponyms:
                for p in gazetteer.lookup(g.text, limit=5):
                    if not (p.is_country or p.is_admin1):
                        continue
                    if haversine_km(g.lat, g.lon, p.lat, p.lon) > 1500:
                        break  # another place of that name
                    kind = "country" if p.is_country else "admin1"
                    totals[kind] += 1
                    hits[f"{kind} gazetteer point"] += (
                        haversine_km(g.lat, g.lon, p.lat, p.lon) <= 161
                    )
                    q = moved(p)
                    hits[f"{kind} computed point"] += (
                        haversine_km(g.lat, g.lon, q.lat, q.lon) <= 161
                    )
                    break
        print(f"{path.name}:")
        for kind in ("country", "admin1"):
            n = totals[kind] or 1
            print(
                f"  {kind:<7} mentions {totals[kind]:>4}: within 161 km at the gazetteer point "
                f"{hits[kind + ' gazetteer point'] / n:.3f}, at the computed point "
                f"{hits[kind + ' computed point'] / n:.3f}"
            )
        given = evaluate_geoparser(articles, parser, given_mentions=True)
        e2e = evaluate_geoparser(articles, parser)
        print(
            f"  geoparser with computed points: given mentions acc@161 {given.acc161:.3f}, "
            f"end to end acc@161 {e2e.e2e_acc161:.3f}, overlap F1 {e2e.overlap_f1:.3f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
