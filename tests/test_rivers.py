"""Rivers are places: Natural Earth's named rivers, one per country (issue 14, coverage).

News copy places events on rivers ("boats on the Benue River", "the eastern bank of the
Dnipro river"). The gazetteer holds each river of Natural Earth's 1:10m set once for each
country it crosses, named "X River" and "River X" but never bare "X", which is too often a
town, a person or a disease. The sentences are written for the tests.
"""

from __future__ import annotations

import datetime as dt
from types import ModuleType

import pytest

from incidentmap.gazetteer.curated import read_curated
from incidentmap.gazetteer.paths import data_dir
from incidentmap.incidents import extract_incidents
from incidentmap.model import Article


@pytest.fixture(scope="module")
def build_rivers() -> ModuleType:
    from conftest import _gazetteer_script

    return _gazetteer_script("build_rivers")


def _places(parser, text: str) -> list[tuple[str, str | None, str | None, str | None]]:
    article = Article("t", text)
    return [
        (t.text, t.place and t.place.name, t.place and t.place.country_code,
         t.place and t.place.feature_code)
        for t in parser.parse(article)
        if t.kind == "place"
    ]  # fmt: skip


def test_the_shipped_file_reads_without_a_bad_row() -> None:
    errors: list[Exception] = []
    records = list(read_curated(data_dir() / "rivers.csv", report=errors.append, namespace="ne"))
    assert errors == []
    assert len(records) > 1000
    euphrates = {r.place.country_code for r in records if r.place.name == "Euphrates River"}
    assert euphrates == {"TR", "SY", "IQ"}
    assert all(r.place.feature_code == "STM" for r in records)
    assert all(" " in name for r in records for name in r.names)  # never a bare name


def test_a_river_is_found_by_both_forms_and_never_bare(gazetteer) -> None:
    first = gazetteer.lookup("River Dnipro")[0]
    assert (first.name, first.country_code, first.feature_code) == ("Dnieper River", "UA", "STM")
    assert first.id.startswith("naturalearth:")
    assert {p.country_code for p in gazetteer.lookup("Euphrates River")} == {"TR", "SY", "IQ"}
    assert not [p for p in gazetteer.lookup("Euphrates") if p.feature_code == "STM"]
    # of a river with no population anywhere, its longest stretch comes first
    assert gazetteer.lookup("Benue River")[0].country_code == "NG"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ukrainian troops crossed the Dnipro river near Kherson on Tuesday.",
         [("Dnipro river", "Dnieper River", "UA", "STM"), ("Kherson", "Kherson", "UA", "PPLA")]),
        ("Three fishermen drowned in the River Niger near Mopti.",
         [("River Niger", "Niger River", "ML", "STM"), ("Mopti", "Mopti", "ML", "PPLA")]),
        # the article's country decides which stretch: Syria's, not Iraq's or Turkey's
        ("Syrian media said two bodies were pulled from the Euphrates River.",
         [("Euphrates River", "Euphrates River", "SY", "STM")]),
    ],
)  # fmt: skip
def test_the_geoparser_reads_a_river_with_its_word(embedded, text: str, expected) -> None:
    assert _places(embedded, text) == expected


def test_a_bare_river_name_is_no_river(embedded) -> None:
    # "Ebola" names a river of the Congo, but bare it is the disease
    assert _places(embedded, "The Ebola outbreak spread to Mbandaka last week.") == [
        ("Mbandaka", "Mbandaka", "CD", "PPL")
    ]


def test_an_event_on_a_river_is_placed_on_it_as_a_wide_area(embedded) -> None:
    text = "Gunmen attacked fishing boats on the Benue River on Monday, killing four, police said."
    article = Article("ng", text, published=dt.date(2024, 5, 20))
    (event,) = [i for i in extract_incidents(article, embedded.parse(article)) if not i.background]
    assert (event.location, event.country_code, int(event.geo_precision)) == (
        "Benue River", "NG", 3,
    )  # fmt: skip


def test_the_build_keeps_one_point_on_the_river_per_country(build_rivers: ModuleType) -> None:
    courses = {
        ("SY", "Khabour"): [[(40.0, 36.8), (40.2, 36.6), (40.4, 36.3)]],
        ("TR", "Khabour"): [[(39.9, 36.9), (40.0, 36.8)]],  # about 14 km: too short
        ("IQ", "Little Zab"): [[(44.0, 35.5), (43.5, 35.3)], [(43.5, 35.3), (43.4, 35.2)]],
    }
    rows = build_rivers.rows(courses, {"Khabour": ["Khabur"]})
    assert [(r["id"], r["name"], r["alternate_names"]) for r in rows] == [
        ("river-khabour-sy", "Khabour River", "River Khabour|Khabur River|River Khabur"),
        ("river-little-zab-iq", "Little Zab River", "River Little Zab"),
    ]
    # the point is a vertex of the course, the one nearest its middle
    assert (rows[0]["lat"], rows[0]["lon"]) == ("36.6000", "40.2000")
