"""Second-level areas have seats where the gazetteer data names them (issue 12, places).

The provinces of the Philippines are GeoNames' second-level areas ("Abra province",
"Masbate province", "Northern Samar"): an event known only by its province goes to the
province's capital, as one known only by a first-level area goes to that area's seat.
The rows are those of the shipped gazetteer files; the sentences are written for the test.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import ModuleType

import pytest

from incidentmap.gazetteer.dumpfiles import iter_rows
from incidentmap.incidents import extract_incidents
from incidentmap.incidents.fallback import seat_of
from incidentmap.model import Article

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "gazetteer" / "data"
#: GeoNames ids of second-level areas: Abra, Masbate, Bulacan, Northern Samar (provinces
#: of the Philippines) and Harris County, Texas (seat Houston, which shares no name with it).
ABRA, MASBATE, BULACAN, NORTHERN_SAMAR, HARRIS = (
    "1732380", "1700711", "1723064", "1697549", "4696376",
)  # fmt: skip


@pytest.fixture(scope="module")
def rows() -> tuple[list[dict[str, str]], list[list[str]]]:
    """The shipped rows of the five areas and of the towns of their first-level areas."""
    header: list[str] = []
    areas = []
    for number, cols in iter_rows(DATA / "admin2.tsv"):
        if number == 1:
            header = cols
        elif cols[0] in (ABRA, MASBATE, BULACAN, NORTHERN_SAMAR, HARRIS):
            areas.append(dict(zip(header, cols, strict=True)))
    held = {(a["country_code"], a["admin1_code"]) for a in areas}
    towns = [
        cols for _, cols in iter_rows(DATA / "cities500.txt.gz") if (cols[8], cols[10]) in held
    ]
    return areas, towns


def hand_set(build_seats: ModuleType) -> dict[str, str]:
    return {
        f"geonames:{cols[0]}": f"geonames:{cols[1]}"
        for _, cols in iter_rows(build_seats.FIXED_SECOND, comments=True)
        if cols[0].isdigit()
    }


def test_the_seat_is_the_town_named_like_the_area_or_the_capital_set_by_hand(
    build_seats: ModuleType, rows: tuple[list[dict[str, str]], list[list[str]]]
) -> None:
    areas, towns = rows
    seats = build_seats.second_level_seats(areas, towns, hand_set(build_seats))
    got = {area: (seat[1], seat[5]) for area, seat in seats.items()}
    assert got == {
        f"geonames:{MASBATE}": ("Masbate", "named"),  # the data says it: the town of Masbate
        f"geonames:{ABRA}": ("Bangued", "hand"),  # the data cannot: Bangued, set by hand
        f"geonames:{NORTHERN_SAMAR}": ("Catarman", "hand"),
        # the town of Bulacan is named like the province, but its capital is Malolos
        f"geonames:{BULACAN}": ("Malolos", "hand"),
    }  # Harris County: no town named like it, no PPLA2 in the data: no seat, no guess


def test_a_town_the_data_marks_ppla2_is_the_seat(
    build_seats: ModuleType, rows: tuple[list[dict[str, str]], list[list[str]]]
) -> None:
    # the embedded cities carry no PPLA2 code; a GeoNames download does (Houston for
    # Harris County): mark the row as such a download would
    areas, towns = rows
    marked = [[*c[:7], "PPLA2", *c[8:]] if c[1] == "Houston" else c for c in towns]
    seats = build_seats.second_level_seats(areas, marked, {})
    assert seats[f"geonames:{HARRIS}"][1::4] == ("Houston", "PPLA2")


def test_the_shipped_table_gives_each_province_its_capital(gazetteer) -> None:
    for area_id, seat in (
        (ABRA, "Bangued"), (MASBATE, "Masbate"), (NORTHERN_SAMAR, "Catarman"),
    ):  # fmt: skip
        area = gazetteer.get(f"geonames:{area_id}")
        assert area is not None and area.feature_code == "ADM2"
        found = seat_of(area)
        assert found is not None and found.place.name == seat
        assert (found.place.country_code, found.place.admin1) == ("PH", area.admin1)


@pytest.mark.parametrize(
    ("text", "seat"),
    [
        ("Suspected rebels ambushed a police patrol in Abra province on Monday, killing two "
         "officers, the military said.", "Bangued"),
        ("Soldiers clashed with guerrillas in Masbate province on Sunday, leaving three "
         "rebels dead.", "Masbate"),
        ("Troops and rebels clashed in Northern Samar on Friday, the army said.", "Catarman"),
    ],
)  # fmt: skip
def test_an_event_known_only_by_its_province_goes_to_the_capital(
    embedded, text: str, seat: str
) -> None:
    article = Article("ph", text, published=dt.date(2024, 5, 20))
    (event,) = [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]
    assert (event.location, int(event.geo_precision)) == (seat, 2)  # the province's own 2
