"""Measure how many of the real-news corpus' gold place names the gazetteer can find.

Reads the annotations only (``bench/data/realnews/part-*.jsonl``: each gold incident's
``named_place``, its point and ``geonameid``, and the annotator's ``in_gazetteer``), never
the article texts. For the incidents of one split (``tune`` by default; the ``holdout``
split is scored once, by the lead, at the end), prints the share of named places that

- the gazetteer knows by that name at all (``Gazetteer.lookup`` returns a place);
- it knows as the gold place: a candidate of the name is the gold GeoNames place or lies
  within 25 km of the gold point;
- it knows as the gold place by one of the names in the description: annotators write
  "Katta Khel, Lakki Marwat district" or "Nyaung Kone village, Pale Township", so each
  part (split at commas, slashes, parentheses and " and "), without a leading "near",
  "downtown", "the city of" and without a trailing kind word ("village", "district",
  "Oblast", "area"), is looked up too;

and the same for the names the annotator marked ``in_gazetteer`` false. Run it with an
imported GeoNames country file (``incidentmap gazetteer import IQ.zip``) to see what the
import adds: the figures are of ``Gazetteer.default()``, with the user's imports.

    .venv/bin/python bench/coverage.py [--split tune] [--list]
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
NEAR_KM = 25.0
_SPLIT = re.compile(r",|/|\(|\)| and | in ")
_LEADING = re.compile(
    r"^(?:near|outside|around|downtown|central|northern|southern|eastern|western|the|a|"
    r"another part of|several|(?:the )?(?:city|town|village|district|province|region) of)\s+",
    re.IGNORECASE,
)
_TRAILING = re.compile(
    r"\s+(?:village|town|city|district|province|region|oblast|township|area|ward|county|"
    r"governorate|state|camp|municipality|neighbourhoods?|square|road|border post)$",
    re.IGNORECASE,
)


def name_parts(description: str) -> list[str]:
    """Return the names in a gold place description, most specific first.

    >>> name_parts("Nyaung Kone village, Pale Township")
    ['Nyaung Kone', 'Pale']
    """
    out = []
    for part in _SPLIT.split(description):
        name = part.strip(" .")
        for _ in range(3):
            name = _TRAILING.sub("", _LEADING.sub("", name)).strip(" .")
        if name and name not in out:
            out.append(name)
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def gold_names(split: str) -> list[dict[str, Any]]:
    """Return the gold incidents of ``split`` that name a place."""
    out = []
    for path in sorted(glob.glob(str(ROOT / "bench/data/realnews/part-*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec.get("split") != split:
                    continue
                out.extend(i for i in rec.get("incidents", ()) if i.get("named_place"))
    return out


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("tune", "holdout"), default="tune")
    ap.add_argument("--list", action="store_true", help="list the names not found as gold")
    args = ap.parse_args(argv)
    from incidentmap.gazetteer import Gazetteer

    gazetteer = Gazetteer.default()
    rows = gold_names(args.split)
    found = right = parts_right = 0
    marked = [0, 0, 0]  # in_gazetteer false: count, found, right
    missing = []
    for inc in rows:
        places = gazetteer.lookup(inc["named_place"], limit=50)
        gid = inc.get("geonameid")
        is_right = any(
            (gid is not None and p.id == f"geonames:{gid}")
            or (inc.get("lat") is not None and _km(inc["lat"], inc["lon"], p.lat, p.lon) <= NEAR_KM)
            for p in places
        )
        found += bool(places)
        right += is_right
        by_part = is_right or any(
            (gid is not None and p.id == f"geonames:{gid}")
            or (inc.get("lat") is not None and _km(inc["lat"], inc["lon"], p.lat, p.lon) <= NEAR_KM)
            for name in name_parts(inc["named_place"])
            for p in gazetteer.lookup(name, limit=50)
        )
        parts_right += by_part
        if not inc.get("in_gazetteer"):
            marked[0] += 1
            marked[1] += bool(places)
            marked[2] += is_right
        if not by_part:
            missing.append(f"{inc['named_place']} ({inc.get('country_code')})")
    n = len(rows) or 1
    print(f"gazetteer {gazetteer.version}; split {args.split}: {len(rows)} gold named places")
    print(f"  found by name at all      {found / n:.3f} ({found}/{len(rows)})")
    print(f"  found as the gold place   {right / n:.3f} ({right}/{len(rows)})")
    print(f"  ... by a name of its parts {parts_right / n:.3f} ({parts_right}/{len(rows)})")
    m = marked[0] or 1
    print(
        f"  of the {marked[0]} marked not in the gazetteer: found {marked[1] / m:.3f}, "
        f"as the gold place {marked[2] / m:.3f}"
    )
    if args.list:
        print("\n".join(f"  not found as gold: {name}" for name in missing))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
