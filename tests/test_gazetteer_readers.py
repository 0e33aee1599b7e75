"""Readers of GeoNames dump files and of the embedded gazetteer data."""

from __future__ import annotations

import bz2
import csv
import gzip
import json
import logging
import lzma
import math
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.gazetteer.embedded import (
    ADMIN1_COLUMNS,
    read_admin1,
    read_cities,
    read_countries,
)
from incidentmap.gazetteer.geonames import (
    detect_format,
    read_admin1_codes,
    read_alternate_names,
    read_country_info,
    read_geonames,
)
from incidentmap.gazetteer.paths import data_dir, data_file
from incidentmap.gazetteer.records import PlaceRecord

FIXTURES = Path(__file__).parent / "fixtures" / "geonames"
GOOD_PLACE_IDS = [
    "geonames:98182",
    "geonames:95446",
    "geonames:99237",
    "geonames:98180",
    "geonames:99131",
]


def collect(reader, path, **kwargs):
    errors: list[InputError] = []
    records = list(reader(path, report=errors.append, **kwargs))
    return records, errors


# --------------------------------------------------------------------------- main table


@pytest.mark.parametrize("name", ["IQ.txt", "IQ.zip", "cities500.txt.gz"])
def test_main_table_keeps_good_rows_and_reports_bad_ones(name: str) -> None:
    records, errors = collect(read_geonames, FIXTURES / name)
    assert [r.place.id for r in records] == GOOD_PLACE_IDS
    # the 18-column row, latitude 95, population "many", and the Latin-1 line
    assert [e.line for e in errors] == [5, 6, 7, 8]
    assert all(e.source == str(FIXTURES / name) for e in errors)
    assert "18 tab-separated columns" in str(errors[0])
    assert "'95'" in str(errors[1])
    assert "'many'" in str(errors[2])
    assert "UTF-8" in str(errors[3])


def test_main_table_place_fields_and_names() -> None:
    records, _ = collect(read_geonames, FIXTURES / "IQ.txt")
    baghdad = records[0]
    assert isinstance(baghdad, PlaceRecord)
    place = baghdad.place
    assert (place.name, place.lat, place.lon) == ("Baghdad", 33.34058, 44.40088)
    assert (place.feature_class, place.feature_code, place.country_code) == ("P", "PPLC", "IQ")
    assert (place.admin1, place.population) == ("07", 7216000)
    # name first, duplicates removed, order kept, every script kept
    assert baghdad.names[0] == "Baghdad"
    assert baghdad.names.count("Baghdad") == 1
    assert "بغداد" in baghdad.names and "Багдад" in baghdad.names
    country = records[2].place
    assert (country.feature_class, country.feature_code) == ("A", "PCLI")
    kut = records[4]
    assert kut.names[:2] == ("Al Kūt", "Al Kut")


def test_missing_reporter_logs_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="incidentmap.gazetteer"):
        records = list(read_geonames(FIXTURES / "IQ.txt"))
    assert len(records) == 5
    warnings = [r for r in caplog.records if r.name == "incidentmap.gazetteer"]
    assert len(warnings) == 4
    assert "IQ.txt:6" in warnings[1].getMessage()


def test_xz_and_bz2_variants(tmp_path: Path) -> None:
    raw = (FIXTURES / "IQ.txt").read_bytes()
    xz = tmp_path / "IQ.txt.xz"
    xz.write_bytes(lzma.compress(raw))
    bz = tmp_path / "IQ.txt.bz2"
    bz.write_bytes(bz2.compress(raw))
    for path in (xz, bz):
        records, errors = collect(read_geonames, path)
        assert [r.place.id for r in records] == GOOD_PLACE_IDS
        assert [e.line for e in errors] == [5, 6, 7, 8]


def test_zip_with_only_one_text_member_of_another_name(tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("readme.txt", "about")
        zf.writestr("places.txt", (FIXTURES / "IQ.txt").read_bytes())
    assert len(collect(read_geonames, archive)[0]) == 5


def test_zip_with_ambiguous_members_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "download.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "")
        zf.writestr("b.txt", "")
    with pytest.raises(InputError, match=r"a\.txt, b\.txt"):
        list(read_geonames(archive))


def test_missing_or_broken_files_raise_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_geonames(tmp_path / "allCountries.txt")
    broken = tmp_path / "IQ.zip"
    broken.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"IQ\.zip"):
        list(read_geonames(broken))


def test_byte_order_mark_and_crlf_are_tolerated(tmp_path: Path) -> None:
    raw = (FIXTURES / "IQ.txt").read_bytes().split(b"\n")[0]
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + raw + b"\r\n")
    records, errors = collect(read_geonames, path)
    assert errors == []
    assert records[0].place.id == "geonames:98182"


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters=","),
    min_size=1,
    max_size=20,
).filter(lambda s: s.strip() == s and s != "")


@settings(max_examples=50, deadline=None)
@given(
    gid=st.integers(1, 10**9),
    name=names,
    alternates=st.lists(names, max_size=5),
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    population=st.integers(0, 10**10),
)
def test_main_table_round_trip(
    tmp_path_factory: pytest.TempPathFactory,
    gid: int,
    name: str,
    alternates: list[str],
    lat: float,
    lon: float,
    population: int,
) -> None:
    cols = [str(gid), name, name, ",".join(alternates), repr(lat), repr(lon), "P", "PPL", "IQ"]
    cols += ["", "07", "", "", "", str(population), "", "", "Asia/Baghdad", "2024-01-01"]
    path = tmp_path_factory.mktemp("rt") / "cities500.txt"
    path.write_text("\t".join(cols) + "\n", encoding="utf-8")
    [record] = read_geonames(path, report=pytest.fail)
    assert record.place.id == f"geonames:{gid}"
    assert (record.place.lat, record.place.lon, record.place.population) == (lat, lon, population)
    assert record.names == tuple(dict.fromkeys([name, *alternates]))


# --------------------------------------------------------------------------- other dumps


def test_alternate_names_skip_codes_and_keep_abbreviations() -> None:
    records, errors = collect(read_alternate_names, FIXTURES / "alternateNamesV2.txt")
    assert [(r.geonameid, r.language, r.name) for r in records] == [
        (98182, "en", "Baghdad"),
        (98182, "ar", "بغداد"),
        (98182, "la", "Bagdatum"),
        (95446, "", "Hawler"),
        (95446, "ku", "Hewlêr"),
        (5128581, "abbr", "NYC"),
        (703448, "en", "Kiev"),
    ]
    assert records[0].is_preferred and records[0].place_id == "geonames:98182"
    assert records[2].is_historic and records[3].is_colloquial and records[4].is_short
    assert records[6].valid_to == "1995"
    assert [e.line for e in errors] == [12, 13]


def test_alternate_names_old_eight_column_format(tmp_path: Path) -> None:
    path = tmp_path / "alternateNames.txt"
    path.write_text("1620\t98182\ten\tBaghdad\t1\t\t\t\n", encoding="utf-8")
    [name] = read_alternate_names(path, report=pytest.fail)
    assert (name.name, name.is_preferred, name.valid_from) == ("Baghdad", True, "")


def test_admin1_codes() -> None:
    records, errors = collect(read_admin1_codes, FIXTURES / "admin1CodesASCII.txt")
    assert [r.code for r in records] == ["IQ.07", "IQ.11", "IQ.15", "US.NY"]
    assert (records[1].name, records[1].asciiname, records[1].geonameid) == (
        "Arbīl",
        "Arbil",
        95445,
    )
    assert records[0].place_id == "geonames:98180"
    assert [e.line for e in errors] == [5, 6]
    assert "'IQ07'" in str(errors[0])


def test_country_info_skips_comments() -> None:
    records, errors = collect(read_country_info, FIXTURES / "countryInfo.txt")
    assert [r.iso for r in records] == ["IQ", "US", "UA"]
    iraq = records[0]
    assert (iraq.iso3, iraq.name, iraq.capital, iraq.geonameid) == ("IRQ", "Iraq", "Baghdad", 99237)
    assert iraq.place_id == "geonames:99237"
    assert iraq.languages == ("ar-IQ", "ku", "hy")
    assert "TR" in iraq.neighbours and iraq.area_km2 == 437072.0
    assert records[1].postal_code_regex == r"^\d{5}(-\d{4})?$"
    assert [e.line for e in errors] == [12]
    assert "'lots'" in str(errors[0])


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IQ.txt", "geonames"),
        ("IQ.zip", "geonames"),
        ("cities500.txt.gz", "geonames"),
        ("alternateNamesV2.txt", "alternate_names"),
        ("admin1CodesASCII.txt", "admin1_codes"),
        ("countryInfo.txt", "country_info"),
    ],
)
def test_detect_format_by_name(name: str, expected: str) -> None:
    assert detect_format(FIXTURES / name) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IQ.txt", "geonames"),
        ("alternateNamesV2.txt", "alternate_names"),
        ("admin1CodesASCII.txt", "admin1_codes"),
        ("countryInfo.txt", "country_info"),
    ],
)
def test_detect_format_by_content_when_renamed(tmp_path: Path, name: str, expected: str) -> None:
    renamed = tmp_path / "download.txt"
    shutil.copy(FIXTURES / name, renamed)
    assert detect_format(renamed) == expected
    packed = tmp_path / "download.txt.gz"
    packed.write_bytes(gzip.compress(renamed.read_bytes()))
    assert detect_format(packed) == expected


def test_detect_format_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("name,lat,lon\nBaghdad,33.3,44.4\n", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoNames dump file"):
        detect_format(path)
    path.write_text("", encoding="utf-8")  # an empty download
    with pytest.raises(InputError, match=r"dump file \(it holds no data line\); accepted"):
        detect_format(path)


# --------------------------------------------------------------------------- embedded readers


def test_embedded_tsv_readers_report_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "admin1.tsv"
    good = ["98180", "IQ", "07", "IQ-BG", "Baghdād", "Baghdad", "Governorate", "Baghdad"]
    good += ["33.3", "44.4", "seat:geonames:98182", "9677849"]
    bad = [*good[:8], "north", *good[9:]]
    path.write_text(
        "\n".join(["\t".join(ADMIN1_COLUMNS), "\t".join(good), "\t".join(bad), "short"]) + "\n",
        encoding="utf-8",
    )
    records, errors = collect(read_admin1, path)
    assert [r.place.id for r in records] == ["geonames:98180"]
    assert records[0].place.parent_id is None
    assert [e.line for e in errors] == [3, 4]


def test_embedded_tsv_reader_checks_header(tmp_path: Path) -> None:
    path = tmp_path / "countries.tsv"
    path.write_text("iso\tname\nIQ\tIraq\n", encoding="utf-8")
    with pytest.raises(InputError, match="expected the columns"):
        list(read_countries(path))


# --------------------------------------------------------------------------- embedded data


@pytest.fixture(scope="module")
def cities() -> dict[str, PlaceRecord]:
    wanted = {"geonames:98182", "geonames:95446", "geonames:703448", "geonames:5128581"}
    errors: list[InputError] = []
    found = {}
    count = 0
    for record in read_cities(report=errors.append):
        count += 1
        if record.place.id in wanted:
            found[record.place.id] = record
    assert errors == []
    assert count > 200_000
    return found


def test_embedded_baghdad(cities: dict[str, PlaceRecord]) -> None:
    baghdad = cities["geonames:98182"]
    assert baghdad.place.name == "Baghdad" and baghdad.place.feature_code == "PPLC"
    assert baghdad.place.population > 5_000_000 and baghdad.place.admin1 == "07"
    assert "بغداد" in baghdad.names
    assert "BGW" not in baghdad.names  # airport code dropped


def test_embedded_alternate_spellings(cities: dict[str, PlaceRecord]) -> None:
    assert "Arbil" in cities["geonames:95446"].names
    assert "Kiev" in cities["geonames:703448"].names
    assert "NYC" in cities["geonames:5128581"].names  # initials are not airport codes


def test_embedded_countries() -> None:
    countries = {r.place.country_code: r for r in read_countries(report=pytest.fail)}
    assert len(countries) > 240
    iraq = countries["IQ"].place
    assert iraq.id == "geonames:99237" and iraq.feature_code == "PCLI" and iraq.admin1 is None
    assert 29 < iraq.lat < 37.5 and 38.5 < iraq.lon < 48.5
    us = countries["US"]
    assert us.place.id == "geonames:6252001"
    assert 25 < us.place.lat < 49 and -125 < us.place.lon < -67
    assert {"USA", "U.S.", "United States of America"} <= set(us.names)
    assert {"UK", "Britain", "Great Britain"} <= set(countries["GB"].names)
    assert "Ivory Coast" in countries["CI"].names or countries["CI"].place.name == "Ivory Coast"
    assert "Burma" in countries["MM"].names and "DRC" in countries["CD"].names
    assert countries["GL"].place.feature_code == "PCLD"


def test_embedded_countries_sit_at_the_middle_of_their_main_land() -> None:
    # A whole-country mention is coded at a central point: the contiguous United States'
    # middle is in Kansas, metropolitan France's near Bourges, not at a capital.
    countries = {r.place.country_code: r.place for r in read_countries(report=pytest.fail)}
    assert math.dist((countries["US"].lat, countries["US"].lon), (39.5, -98.6)) < 1.5
    assert math.dist((countries["FR"].lat, countries["FR"].lon), (46.6, 2.4)) < 0.5
    assert math.dist((countries["IQ"].lat, countries["IQ"].lon), (33.0, 43.7)) < 0.5
    # The Gambia's centroid lies outside the river strip: the nearest point inside is used.
    gambia = countries["GM"]
    assert 13.1 < gambia.lat < 13.8 and -15.6 < gambia.lon < -15.2


def test_embedded_admin1_points_are_geonames_points_or_area_centroids() -> None:
    rows = list(csv.DictReader(data_file("admin1.tsv").open(encoding="utf-8"), delimiter="\t"))
    sources = [r["point_source"].split(":")[0] for r in rows]
    assert set(sources) <= {"geonames-record", "outline-nearest-place-centroid", "mean-of-places"}
    assert sources.count("geonames-record") > 0.7 * len(rows)
    assert sources.count("geonames-record") + sources.count("outline-nearest-place-centroid") > (
        0.9 * len(rows)
    )
    by_id = {r["geonameid"]: r for r in rows}
    # GeoNames' own points, where corpora coded against GeoNames put a whole area.
    queensland, alberta = by_id["2152274"], by_id["5883102"]
    assert queensland["point_source"] == "geonames-record"
    assert math.dist((float(queensland["lat"]), float(queensland["lon"])), (-20.0, 145.0)) < 0.01
    assert math.dist((float(alberta["lat"]), float(alberta["lon"])), (52.283, -117.469)) < 0.01
    # Chukotka straddles the antimeridian: its point is in Chukotka, not in the Atlantic.
    chukotka = next(r for r in rows if (r["country_code"], r["admin1_code"]) == ("RU", "15"))
    assert float(chukotka["lat"]) > 60 and abs(float(chukotka["lon"])) > 160


def test_embedded_admin1() -> None:
    areas = {(r.place.country_code, r.place.admin1): r for r in read_admin1(report=pytest.fail)}
    baghdad = areas[("IQ", "07")]
    assert baghdad.place.id == "geonames:98180" and baghdad.place.feature_code == "ADM1"
    assert baghdad.place.parent_id == "geonames:99237"
    assert math.dist((baghdad.place.lat, baghdad.place.lon), (33.34, 44.40)) < 0.3
    nineveh = areas[("IQ", "15")].place  # the middle of the governorate, not Mosul itself
    assert math.dist((nineveh.lat, nineveh.lon), (36.0, 42.5)) < 0.5
    assert "Nineveh" in areas[("IQ", "15")].names
    assert "Salah ad Din" in areas[("IQ", "18")].names
    assert areas[("IQ", "11")].place.population > 1_000_000
    # English copy turns a Romance compass word into English: "North Santander"
    assert "North Santander" in areas[("CO", "21")].names
    assert "South Kivu" in areas[("CD", "12")].names


def test_embedded_files_within_budget() -> None:
    sizes = {p.name: p.stat().st_size for p in data_dir().iterdir() if p.is_file()}
    assert sum(sizes.values()) < 30_000_000
    assert sizes["countries-simplified.geojson"] < 3_000_000


def test_basemap_is_geojson_with_country_codes() -> None:
    basemap = json.loads(data_file("countries-simplified.geojson").read_text(encoding="utf-8"))
    assert basemap["type"] == "FeatureCollection"
    props = {f["properties"]["iso_a2"]: f["properties"] for f in basemap["features"]}
    assert props["IQ"] == {"iso_a2": "IQ", "name": "Iraq"}
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in basemap["features"])
