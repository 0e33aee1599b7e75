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


def test_a_name_written_without_the_article_is_exact_even_after_the_article_form():
    # "Kut" beside "Al-Kut": the bare name is a name of the city, not only its article-free
    # key, so the city of 300,000 comes before a hamlet called Kut
    gaz = Gazetteer.from_records(
        [
            PlaceRecord(_place("n:hamlet", "Kut", 48.0, 30.0, cc="UA", pop=500), ()),
            PlaceRecord(_place("n:city", "Al-Kut", 32.5, 45.8, cc="IQ", pop=315_000),
                        ("Al-Kut", "Kut")),
        ]
    )  # fmt: skip
    assert [p.id for p in gaz.lookup("Kut")] == ["n:city", "n:hamlet"]


def test_of_places_named_like_their_admin_area_the_bigger_comes_first():
    # a village and the city both bear the province's name: the city stays first
    gaz = Gazetteer.from_records(
        [
            PlaceRecord(_place("n:prov", "Zaporizhzhia Oblast", 47.5, 35.5, "ADM1", "UA",
                               "26", 1_500_000, cls="A"), ("Zaporizhzhia",)),
            PlaceRecord(_place("n:village", "Zaporizhzhia", 47.6, 35.9, cc="UA", admin1="26",
                               pop=650), ()),
            PlaceRecord(_place("n:city", "Zaporizhzhya", 47.8, 35.2, "PPLA", "UA", "26",
                               710_000), ("Zaporizhzhia",)),
        ]
    )  # fmt: skip
    assert [p.id for p in gaz.lookup("Zaporizhzhia")] == ["n:city", "n:village", "n:prov"]


def test_get_parent_country_admin1(tiny):
    zone = tiny.get("curated:green-zone-baghdad")
    assert zone is not None and tiny.parent(zone).id == "geonames:98182"
    baghdad = tiny.get("geonames:98182")
    assert tiny.parent(baghdad).id == "geonames:98180"
    assert tiny.parent(tiny.get("geonames:98180")).id == "geonames:99237"
    assert tiny.country("iq").name == "Iraq"
    assert tiny.admin1("IQ", "07").name == "Baghdad Governorate"
    assert tiny.get("geonames:0") is None


def test_a_country_is_read_through_the_feature_code_index(tiny):
    """A country is found without reading every place of it (the United States has 10^4+)."""
    executed: list[str] = []
    tiny._conn.set_trace_callback(executed.append)
    try:
        assert tiny.country("IQ").id == "geonames:99237"
        assert tiny.country("US") is None  # the tiny gazetteer holds no United States
    finally:
        tiny._conn.set_trace_callback(None)
    assert len(executed) == 2
    for sql in executed:
        plan = tiny._conn.execute(f"EXPLAIN QUERY PLAN {sql}").fetchall()
        assert any("places_code" in row[-1] for row in plan), plan


def test_nearest_and_reverse(tiny):
    (place, km), *_ = tiny.nearest(33.36, 44.45)
    assert place.id == "geonames:98182" and 3 < km < 7
    three = tiny.nearest(39.0, -90.0, limit=3)
    assert len(three) == 3 and three[0][0].id == "geonames:4250542"
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
    assert first.lat == pytest.approx(33.34, abs=0.02) and first.lon == pytest.approx(
        44.40, abs=0.02
    )


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
    assert info.rivers >= 1000  # Natural Earth's rivers, a place per country crossed


# a damaged index is rebuilt: tests/test_cache_integrity.py, on a small data set


def test_cli_search_and_info(capsys, gazetteer):
    assert main(["gazetteer", "search", "Baghdad", "--limit", "3"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("geonames:98182") and "IQ" in out[0]
    assert main(["gazetteer", "search", "Springfield", "--country", "XYZ"]) == 2
    assert "alpha-2" in capsys.readouterr().err
    assert main(["gazetteer", "info"]) == 0
    assert "GeoNames" in capsys.readouterr().out


# -- imports -----------------------------------------------------------------------------

FIXTURES = __import__("pathlib").Path(__file__).parent / "fixtures" / "geonames"


@pytest.fixture()
def small_default(tmp_path, monkeypatch):
    """Gazetteer.default() over a two-place 'embedded' data set, in a fresh cache folder."""
    from incidentmap.gazetteer import core

    seed = [
        PlaceRecord(_place("geonames:6252001", "United States", 39.76, -98.5, "PCLI", "US",
                           cls="A", pop=327_000_000), ("USA",)),
    ]  # fmt: skip
    monkeypatch.setattr(core, "_embedded_records", lambda report: iter([seed]))
    monkeypatch.setattr(core, "_embedded_sources", lambda: [])
    return tmp_path


def test_cli_imports_every_geonames_format_and_user_places(small_default, capsys):
    user = small_default / "my-places.csv"
    user.write_text(
        "id,name,alternate_names,lat,lon,feature_code,country_code,admin1,parent,source,polygon_wkt\n"
        "camp-7,Camp Seven,C7,33.1,44.1,MILB,IQ,07,,field notes,\n"
        "broken,Broken Row,,95,44.1,MILB,IQ,07,,field notes,\n",
        encoding="utf-8",
    )
    cache = ["gazetteer", "--cache-dir", str(small_default)]
    files = ["IQ.zip", "alternateNamesV2.txt", "admin1CodesASCII.txt", "countryInfo.txt"]
    status = main([*cache, "import", *(str(FIXTURES / f) for f in files), str(user)])
    captured = capsys.readouterr()
    assert status == 0
    # bad rows are named with file and line, the good ones are in
    assert "my-places.csv:3" in captured.err
    assert main([*cache, "search", "Hawler"]) == 0
    assert "Erbil" in capsys.readouterr().out
    assert main([*cache, "search", "C7"]) == 0
    assert "user:camp-7" in capsys.readouterr().out
    # imports are remembered: a rebuild brings them back
    assert main([*cache, "build"]) == 0
    capsys.readouterr()
    assert main([*cache, "search", "Camp Seven"]) == 0
    assert main([*cache, "info"]) == 0
    assert "my-places.csv" in capsys.readouterr().out


def test_import_of_an_unknown_file_is_a_clear_error(small_default, capsys):
    odd = small_default / "notes.txt"
    odd.write_text("hello\nworld\n", encoding="utf-8")
    status = main(["gazetteer", "--cache-dir", str(small_default), "import", str(odd)])
    assert status == 2
    assert "not a GeoNames dump" in capsys.readouterr().err


def test_lookup_keys_batches_and_keeps_the_ranking(tiny):
    found = tiny.lookup_keys(["springfield", "baghdad", "nowhere"], limit=2)
    assert set(found) == {"springfield", "baghdad"}
    assert [p.admin1 for p in found["springfield"]] == ["MO", "MA"]
    assert found["baghdad"][0].id == "geonames:98182"


def test_a_geonames_country_file_gives_the_geoparser_its_villages(small_default, capsys):
    """`gazetteer import SO.zip`: the documented way to cover a country's villages."""
    import zipfile

    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse import Geoparser

    # the official 19-column main table of a GeoNames country file, two small places
    # that cities500 would lack (no population given)
    rows = [
        ["9000001", "Qarsheelle Dhexe", "Qarsheelle Dhexe", "Qarsheele", "2.31", "45.82", "P",
         "PPL", "SO", "", "13", "", "", "", "0", "", "12", "Africa/Mogadishu", "2024-01-01"],
        ["9000002", "Buulo Xaaji", "Buulo Xaaji", "", "1.21", "42.81", "P", "PPL", "SO", "",
         "11", "", "", "", "0", "", "40", "Africa/Mogadishu", "2024-01-01"],
    ]  # fmt: skip
    archive = small_default / "SO.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("SO.txt", "".join("\t".join(r) + "\n" for r in rows))
    text = "Gunmen killed two herders in Qarsheelle Dhexe on Monday, elders said."
    before = Geoparser(Gazetteer.default(cache_dir=small_default)).parse(text)
    assert not any(t.place for t in before)
    cache = ["gazetteer", "--cache-dir", str(small_default)]
    assert main([*cache, "import", str(archive)]) == 0
    capsys.readouterr()
    (found,) = Geoparser(Gazetteer.default(cache_dir=small_default)).parse(text)
    assert found.text == "Qarsheelle Dhexe" and found.place.id == "geonames:9000001"
    assert main([*cache, "search", "Qarsheele"]) == 0  # its alternate names come along
    assert "geonames:9000001" in capsys.readouterr().out


def test_an_arabic_area_ending_in_ah_is_found_without_its_h():
    # GeoNames writes the governorates with the h of the feminine ending; news copy
    # often drops it. Towns and areas elsewhere keep their names as given, and the h of
    # "-llah" (Allah) stays.
    gaz = Gazetteer.from_records(
        [
            PlaceRecord(_place("t:1", "Shabwah", 15.0, 47.0, "ADM1", "YE", "19", cls="A"),
                        ("Shabwah Governorate",)),
            PlaceRecord(_place("t:2", "Al Mahrah", 16.8, 51.6, "ADM1", "YE", "20", cls="A"), ()),
            PlaceRecord(_place("t:3", "Zarqah", 32.0, 36.0, "PPL", "JO", "02", 500), ()),
            PlaceRecord(_place("t:4", "Lakhah", 10.0, 10.0, "ADM1", "NG", "01", cls="A"), ()),
            PlaceRecord(_place("t:5", "Ramallah", 31.9, 35.2, "ADM2", "PS", "WE", cls="A"), ()),
        ]
    )  # fmt: skip
    assert [p.id for p in gaz.lookup("Shabwa")] == ["t:1"]
    assert [p.id for p in gaz.lookup("Mahra")] == ["t:2"]
    assert gaz.lookup("Zarqa") == []  # a town: GeoNames gives its towns both forms
    assert gaz.lookup("Lakha") == []  # not a country named in Arabic
    assert gaz.lookup("Ramalla") == []
