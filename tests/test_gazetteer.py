"""The Gazetteer: lookups, ranking, nearest places, the cached index and the CLI."""

from __future__ import annotations

import sqlite3

import pytest

from incidentmap.cli import main
from incidentmap.errors import GazetteerError
from incidentmap.gazetteer import Gazetteer, PlaceRecord
from incidentmap.model import Place


def _place(pid, name, lat, lon, code="PPL", cc="US", admin1=None, pop=0, cls="P", parent=None):
    return Place(
        id=pid, name=name, lat=lat, lon=lon, feature_class=cls, feature_code=code,
        country_code=cc, admin1=admin1, population=pop, parent_id=parent,
    )  # fmt: skip


@pytest.fixture()
def tiny():
    return Gazetteer.from_records(
        [
            PlaceRecord(_place("geonames:99237", "Iraq", 33.0, 44.0, "PCLI", "IQ", cls="A",
                               pop=38_000_000), ("Iraq", "Republic of Iraq")),
            PlaceRecord(_place("geonames:98180", "Baghdad Governorate", 33.34, 44.40, "ADM1",
                               "IQ", "07", cls="A"), ("Baghdād", "Baghdad")),
            PlaceRecord(_place("geonames:98182", "Baghdad", 33.34058, 44.40088, "PPLC", "IQ",
                               "07", 7_216_000), ("Bagdad", "بغداد")),
            PlaceRecord(_place("geonames:92000", "Al Fallūjah", 33.35, 43.78, "PPLA2", "IQ",
                               "01", 190_000), ()),
            PlaceRecord(_place("geonames:4250542", "Springfield", 39.80, -89.64, "PPLA", "US",
                               "IL", 114_000), ()),
            PlaceRecord(_place("geonames:4409896", "Springfield", 37.21, -93.30, "PPL", "US",
                               "MO", 166_000), ()),
            PlaceRecord(_place("geonames:1", "Springfield", 42.10, -72.59, "PPL", "US", "MA",
                               153_000), ()),
            PlaceRecord(_place("curated:green-zone-baghdad", "Green Zone", 33.30, 44.39, "PPLX",
                               "IQ", "07", parent="geonames:98182"), ("International Zone",)),
        ]
    )  # fmt: skip


def test_lookup_ignores_case_diacritics_articles_and_script(tiny):
    assert tiny.lookup("BAGHDAD")[0].id == "geonames:98182"
    assert tiny.lookup("بغداد")[0].id == "geonames:98182"
    assert tiny.lookup("Fallujah")[0].id == "geonames:92000"
    assert tiny.lookup("al-Fallujah")[0].id == "geonames:92000"
    assert tiny.lookup("the International Zone")[0].id == "curated:green-zone-baghdad"
    assert tiny.lookup("") == [] and tiny.lookup("?!") == []


def test_city_named_like_its_admin_area_comes_first(tiny):
    ids = [p.id for p in tiny.lookup("Baghdad")]
    assert ids == ["geonames:98182", "geonames:98180"]


def test_same_name_ranked_by_population_and_filtered_by_country(tiny):
    found = tiny.lookup("Springfield")
    assert [p.admin1 for p in found] == ["MO", "MA", "IL"]
    assert tiny.lookup("Springfield", country="iq") == []
    assert len(tiny.lookup("Springfield", limit=2)) == 2


def test_get_parent_country_admin1(tiny):
    zone = tiny.get("curated:green-zone-baghdad")
    assert zone is not None and tiny.parent(zone).id == "geonames:98182"
    baghdad = tiny.get("geonames:98182")
    assert tiny.parent(baghdad).id == "geonames:98180"
    assert tiny.parent(tiny.get("geonames:98180")).id == "geonames:99237"
    assert tiny.country("iq").name == "Iraq"
    assert tiny.admin1("IQ", "07").name == "Baghdad Governorate"
    assert tiny.get("geonames:0") is None


def test_nearest_and_reverse(tiny):
    (place, km), *_ = tiny.nearest(33.36, 44.45)
    assert place.id == "geonames:98182" and 3 < km < 7
    assert [p.id for p, _ in tiny.nearest(39.0, -90.0, limit=3)][0] == "geonames:4250542"
    every = tiny.nearest(33.3, 44.39, feature_classes=None)
    assert every[0][0].id == "curated:green-zone-baghdad"
    rev = tiny.reverse(33.33, 44.41)
    assert rev.place.name == "Baghdad" and rev.admin1.id == "geonames:98180"
    assert rev.country.name == "Iraq"
    with pytest.raises(GazetteerError, match="latitude"):
        tiny.nearest(95, 0)


def test_name_stats_summarise_each_key(tiny):
    stats = {s.key: s for s in tiny.iter_name_stats()}
    assert stats["springfield"].places == 3
    assert stats["springfield"].max_population == 166_000
    assert stats["baghdad"].has_admin1 and stats["green zone"].has_curated
    assert stats["iraq"].has_country


def test_open_rejects_missing_and_foreign_files(tmp_path):
    with pytest.raises(GazetteerError, match="does not exist"):
        Gazetteer.open(tmp_path / "nope.sqlite")
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(GazetteerError, match="not a gazetteer index"):
        Gazetteer.open(other)


# -- the embedded gazetteer ------------------------------------------------------------


def test_embedded_baghdad_first(gazetteer):
    first = gazetteer.lookup("Baghdad")[0]
    assert (first.id, first.country_code) == ("geonames:98182", "IQ")
    assert first.lat == pytest.approx(33.34, abs=0.02) and first.lon == pytest.approx(44.40, abs=0.02)


@pytest.mark.parametrize(
    ("query", "expected_name", "country"),
    [
        ("Arbil", "Erbil", "IQ"),
        ("Kiev", "Kyiv", "UA"),
        ("بغداد", "Baghdad", "IQ"),
    ],
)
def test_embedded_variants(gazetteer, query, expected_name, country):
    first = gazetteer.lookup(query)[0]
    assert first.name == expected_name and first.country_code == country


@pytest.mark.parametrize("query", ["Fallujah", "Khan Younis"])
def test_embedded_conflict_towns_resolve(gazetteer, query):
    found = gazetteer.lookup(query)
    assert found and found[0].country_code in {"IQ", "PS"}


def test_embedded_green_zone_is_curated_inside_baghdad(gazetteer):
    zone = gazetteer.lookup("Green Zone")[0]
    assert zone.id.startswith("curated:") and zone.polygon_wkt
    assert gazetteer.parent(zone).id == "geonames:98182"


def test_embedded_springfield_has_many_ranked_candidates(gazetteer):
    found = gazetteer.lookup("Springfield", limit=50)
    assert len(found) >= 20
    pops = [p.population for p in found if p.feature_class == "P"]
    assert pops == sorted(pops, reverse=True)


def test_embedded_countries_and_info(gazetteer):
    assert gazetteer.country("IQ").id == "geonames:99237"
    info = gazetteer.info()
    assert info.countries >= 240 and info.admin1_areas >= 3000
    assert info.populated_places >= 200_000 and info.curated >= 100


def test_corrupt_index_is_rebuilt_with_a_message(tmp_path, caplog):
    index = tmp_path / "gazetteer.sqlite"
    index.write_bytes(b"this is not sqlite" * 100)
    gaz = Gazetteer.default(cache_dir=tmp_path)
    assert "rebuilding" in caplog.text
    assert gaz.lookup("Baghdad")[0].id == "geonames:98182"


def test_cli_search_and_info(capsys, gazetteer):
    assert main(["gazetteer", "search", "Baghdad", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("geonames:98182") and "IQ" in out[0]
    assert main(["gazetteer", "search", "Springfield", "--country", "XYZ"]) == 2
    assert "alpha-2" in capsys.readouterr().err
    assert main(["gazetteer", "info"]) == 0
    assert "GeoNames" in capsys.readouterr().out
