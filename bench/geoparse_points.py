"""Measure the gazetteer's country and first-level-area points on the evaluation corpora.

The corpora place a mention of a whole country or area at a central point (GeoNames' own,
or a Wikipedia centroid). The embedded gazetteer puts a country at the centroid of the
main land group of its Natural Earth outline and an area at the centroid of its share of
the country outline (``gazetteer/build_data.py``). This script counts, on the gold mentions of
countries and areas, how often that point lies within 161 km of the gold point, and how
often two other points one could use would: the capital (a country) and the most populous
place (an area).

    .venv/bin/python bench/geoparse_points.py
"""

from __future__ import annotations

import gzip
import logging
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPORA = [ROOT.parent / "shared/eval/trnews.jsonl", ROOT.parent / "shared/eval/geovirus.jsonl"]


def alternative_points() -> tuple[dict[str, tuple[float, float]], dict[Any, tuple[float, float]]]:
    """Return the capital of each country and the most populous place of each area."""
    capitals: dict[str, tuple[float, float]] = {}
    biggest: dict[tuple[str, str], tuple[int, float, float]] = {}
    with gzip.open(ROOT / "gazetteer/data/cities500.txt.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            cols = line.split("\t")
            lat, lon, pop = float(cols[4]), float(cols[5]), int(cols[14] or 0)
            if cols[7] == "PPLC":
                capitals[cols[8]] = (lat, lon)
            key = (cols[8], cols[10])
            if key not in biggest or pop > biggest[key][0]:
                biggest[key] = (pop, lat, lon)
    return capitals, {k: (v[1], v[2]) for k, v in biggest.items()}


def main() -> int:
    """Print, per corpus, the share of country/area gold mentions within 161 km."""
    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse.resolve import haversine_km
    from incidentmap.text.articles import read_articles

    logging.disable(logging.WARNING)
    gazetteer = Gazetteer.default()
    capitals, biggest = alternative_points()
    for path in CORPORA:
        hits: Counter[str] = Counter()
        totals: Counter[str] = Counter()
        for article in read_articles(str(path)):
            for g in article.toponyms:
                if g.lat is None or g.lon is None:
                    continue
                for p in gazetteer.lookup(g.text, limit=5):
                    if not (p.is_country or p.is_admin1):
                        continue
                    if haversine_km(g.lat, g.lon, p.lat, p.lon) > 1500:
                        break  # another place of that name
                    kind = "country" if p.is_country else "admin1"
                    other = (
                        capitals.get(p.country_code)
                        if p.is_country
                        else biggest.get((p.country_code, p.admin1 or ""))
                    )
                    totals[kind] += 1
                    hits[kind] += haversine_km(g.lat, g.lon, p.lat, p.lon) <= 161
                    if other is not None:
                        hits[kind + " other"] += haversine_km(g.lat, g.lon, *other) <= 161
                    break
        print(f"{path.name}:")
        for kind, label in (("country", "capital"), ("admin1", "most populous place")):
            n = totals[kind] or 1
            print(
                f"  {kind:<7} mentions {totals[kind]:>4}: within 161 km of the gazetteer point "
                f"{hits[kind] / n:.3f}, of the {label} {hits[kind + ' other'] / n:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
