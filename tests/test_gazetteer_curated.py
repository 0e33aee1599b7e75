"""Tests of the curated landmark reader and of the embedded landmarks file."""

from __future__ import annotations

import csv
import json
import logging
from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.gazetteer.curated import (
    COLUMNS,
    FEATURE_CLASSES,
    curated_files,
    read_curated,
)
from incidentmap.gazetteer.records import PlaceRecord

HEADER = ",".join(COLUMNS)
SQUARE = "POLYGON ((44.0 33.0, 44.1 33.0, 44.1 33.1, 44.0 33.1, 44.0 33.0))"


def _write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read(path: Path, **options: str) -> tuple[list[PlaceRecord], list[InputError]]:
    problems: list[InputError] = []
    records = list(read_curated(path, report=problems.append, **options))
    return records, problems


# ---------------------------------------------------------------- CSV


def test_good_csv_rows_become_places_with_all_fields(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "places.csv",
        HEADER,
        "zone-a,Zone A,The Zone|ZA|zone a,33.05,44.05,ZN,iq,07,geonames:98182,"
        f'"my notes, v1","{SQUARE}"',
        "airport-b,Airport B,,33.26250,44.23460,AIRP,IQ,,,,",
        "district-c,District C,,33.3,44.4,PPLX,IQ,07,,,",
    )
    records, problems = _read(path)
    assert problems == []
    zone, airport, district = (record.place for record in records)
    assert zone.id == "curated:zone-a"
    assert (zone.feature_class, zone.feature_code) == ("L", "ZN")
    assert zone.country_code == "IQ"  # upper-cased
    assert zone.admin1 == "07" and zone.parent_id == "geonames:98182"
    assert zone.polygon_wkt == SQUARE
    assert records[0].names == ("Zone A", "The Zone", "ZA")  # "zone a" repeats the name
    assert (airport.lat, airport.lon, airport.feature_class) == (33.2625, 44.2346, "S")
    assert airport.admin1 is None and airport.parent_id is None and airport.polygon_wkt is None
    assert district.feature_class == "P"


def test_namespace_prefixes_the_ids(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.csv", "id,name,lat,lon,feature_code", "hq,HQ,1,2,BLDG")
    records, _ = _read(path, namespace="user")
    assert records[0].place.id == "user:hq"
    assert records[0].place.country_code == ""


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("nameless,,,33,44,SQR,IQ,,,,", "name is empty"),
        ("north,North,,90.5,44,SQR,IQ,,,,", "lat '90.5' is outside -90..90"),
        ("east,East,,33,180.01,SQR,IQ,,,,", "lon '180.01' is outside -180..180"),
        ("wordy,Wordy,,thirty,44,SQR,IQ,,,,", "lat 'thirty' is not a number"),
        ('shape,Shape,,33,44,ZN,IQ,,,,"POLYGON ((44 33, 44.1 33"', "cannot be parsed"),
        ('line,Line,,33,44,ZN,IQ,,,,"LINESTRING (44 33, 45 34)"', "is a LineString"),
        ('bow,Bow,,33,44,ZN,IQ,,,,"POLYGON ((0 0, 1 1, 1 0, 0 1, 0 0))"', "not valid"),
        ("land,Land,,33,44,SQR,IRQ,,,,", "country_code 'IRQ' is not an ISO 3166-1 alpha-2"),
        ("digit,Digit,,33,44,SQR,I1,,,,", "country_code 'I1'"),
        ("odd,Odd,,33,44,XXXX,IQ,,,,", "feature_code 'XXXX' is not a GeoNames code"),
        ("kin,Kin,,33,44,SQR,IQ,,98182,,", "parent '98182' is not a place id"),
        ("bad id!,Bad,,33,44,SQR,IQ,,,,", "id 'bad id!' is not accepted"),
        ("short,Short,,33", "the row has 4 fields but the header has 11"),
    ],
)
def test_each_kind_of_bad_row_is_reported_with_file_and_line(
    tmp_path: Path, row: str, reason: str
) -> None:
    path = _write(
        tmp_path / "mixed.csv",
        HEADER,
        "first,First,,33,44,SQR,IQ,,,,",
        row,
        "last,Last,,33,44,SQR,IQ,,,,",
    )
    records, problems = _read(path)
    assert [record.place.id for record in records] == ["curated:first", "curated:last"]
    assert len(problems) == 1
    problem = problems[0]
    assert problem.source == str(path) and problem.line == 3
    assert reason in problem.reason
    assert str(problem).startswith(f"{path}:3: ")


def test_a_duplicate_id_is_reported_and_the_first_row_kept(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "dup.csv",
        HEADER,
        "same,First,,33,44,SQR,IQ,,,,",
        "same,Second,,34,45,SQR,IQ,,,,",
    )
    records, problems = _read(path)
    assert [record.place.name for record in records] == ["First"]
    assert problems[0].line == 3 and "appears earlier" in problems[0].reason


def test_line_numbers_count_quoted_line_breaks_and_skip_blank_lines(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "multi.csv",
        HEADER,
        'a,A,,33,44,SQR,IQ,,,"a note',
        'on two lines",',
        "",
        "b,,,33,44,SQR,IQ,,,,",
    )
    records, problems = _read(path)
    assert [record.place.id for record in records] == ["curated:a"]
    assert problems[0].line == 5


def test_without_a_reporter_bad_rows_are_logged_as_warnings(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = _write(tmp_path / "log.csv", HEADER, "bad,Bad,,95,44,SQR,IQ,,,,")
    with caplog.at_level(logging.WARNING, logger="incidentmap.gazetteer"):
        assert list(read_curated(path)) == []
    assert f"{path}:2:" in caplog.text and "outside -90..90" in caplog.text


def test_a_header_without_required_columns_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "cols.csv", "id,title,lat,lon", "a,A,1,2")
    with pytest.raises(InputError, match="lacks the column\\(s\\) name, feature_code"):
        list(read_curated(path))


def test_an_unknown_extension_is_an_error(tmp_path: Path) -> None:
    path = _write(tmp_path / "places.txt", HEADER)
    with pytest.raises(InputError, match=r"'\.txt'"):
        list(read_curated(path))


def test_the_csv_is_streamed(tmp_path: Path) -> None:
    path = _write(tmp_path / "stream.csv", HEADER, "a,A,,33,44,SQR,IQ,,,,")
    records = read_curated(path)
    assert next(records).place.id == "curated:a"  # an iterator, not a list


@settings(max_examples=40, deadline=None)
@given(
    lat=st.floats(min_value=-90, max_value=90, allow_nan=False),
    lon=st.floats(min_value=-180, max_value=180, allow_nan=False),
    name=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1),
)
def test_coordinates_and_names_round_trip_through_csv(
    tmp_path_factory: pytest.TempPathFactory, lat: float, lon: float, name: str
) -> None:
    path = tmp_path_factory.mktemp("rt") / "rt.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerow(["p", name, "", repr(lat), repr(lon), "SQR", "IQ", "", "", "", ""])
    records, problems = _read(path)
    if not name.strip():
        assert problems and not records
        return
    assert problems == []
    place = records[0].place
    assert (place.lat, place.lon, place.name) == (lat, lon, name.strip())


# ---------------------------------------------------------------- GeoJSON


def _feature(geometry: dict[str, object] | None, **properties: object) -> dict[str, object]:
    return {"type": "Feature", "geometry": geometry, "properties": properties}


def test_geojson_points_and_polygons(tmp_path: Path) -> None:
    square = shapely.from_wkt(SQUARE)
    collection = {
        "type": "FeatureCollection",
        "features": [
            _feature(
                {"type": "Point", "coordinates": [44.2346, 33.2625]},
                id="airport",
                name="Airport",
                alternate_names=["The Airport", "APT"],
                feature_code="AIRP",
                country_code="IQ",
            ),
            _feature(
                shapely.geometry.mapping(square),
                id="zone",
                name="Zone",
                alternate_names="Z|The Zone",
                feature_code="ZN",
                country_code="IQ",
            ),
            _feature(
                shapely.geometry.mapping(square),
                id="zone-centre",
                name="Zone centre",
                feature_code="ZN",
                lat=33.01,
                lon=44.01,
            ),
        ],
    }
    path = tmp_path / "places.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    records, problems = _read(path, namespace="user")
    assert problems == []
    airport, zone, centre = records
    assert (airport.place.lat, airport.place.lon) == (33.2625, 44.2346)
    assert airport.names == ("Airport", "The Airport", "APT")
    assert zone.names == ("Zone", "Z", "The Zone")
    assert zone.place.polygon_wkt is not None
    assert shapely.from_wkt(zone.place.polygon_wkt).equals(square)
    assert square.contains(shapely.Point(zone.place.lon, zone.place.lat))
    assert (centre.place.lat, centre.place.lon) == (33.01, 44.01)  # given lat/lon win


def test_bad_geojson_features_are_reported_by_number(tmp_path: Path) -> None:
    collection = {
        "type": "FeatureCollection",
        "features": [
            _feature(
                {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                id="l",
                name="L",
                feature_code="RD",
            ),
            _feature(
                {"type": "Point", "coordinates": [44, 33]}, id="ok", name="OK", feature_code="SQR"
            ),
            _feature(None, id="nowhere", name="Nowhere", feature_code="SQR"),
            "not a feature",
        ],
    }
    path = tmp_path / "bad.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    records, problems = _read(path)
    assert [record.place.id for record in records] == ["curated:ok"]
    assert [problem.line for problem in problems] == [1, 3, 4]
    assert "'LineString' is not supported" in problems[0].reason
    assert "lat and lon are required" in problems[1].reason


def test_geojson_that_is_not_a_feature_collection_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "one.geojson"
    path.write_text(json.dumps(_feature(None, id="a")), encoding="utf-8")
    with pytest.raises(InputError, match="FeatureCollection"):
        list(read_curated(path))


# ---------------------------------------------------------------- embedded file


@pytest.fixture(scope="module")
def embedded() -> dict[str, PlaceRecord]:
    problems: list[InputError] = []
    records = [
        record for path in curated_files() for record in read_curated(path, report=problems.append)
    ]
    assert problems == []
    ids = [record.place.id for record in records]
    assert len(ids) == len(set(ids)), "ids must be unique"
    return {record.place.id: record for record in records}


def test_embedded_files_are_found() -> None:
    assert "landmarks.csv" in [path.name for path in curated_files()]


def test_embedded_file_has_at_least_105_unique_places(embedded: dict[str, PlaceRecord]) -> None:
    assert len(embedded) >= 105


def test_green_zone_polygon_contains_the_us_embassy(embedded: dict[str, PlaceRecord]) -> None:
    zone = embedded["curated:green-zone-baghdad"]
    embassy = embedded["curated:us-embassy-baghdad"].place
    assert zone.place.polygon_wkt is not None
    outline = shapely.from_wkt(zone.place.polygon_wkt)
    assert outline.contains(shapely.Point(embassy.lon, embassy.lat))
    assert outline.contains(shapely.Point(zone.place.lon, zone.place.lat))
    assert {"International Zone", "IZ", "Green Zone"} <= set(zone.names)
    assert zone.place.parent_id == "geonames:98182"


@pytest.mark.parametrize(
    ("ident", "lat", "lon"),
    [
        ("us-embassy-baghdad", 33.2985, 44.3961),
        ("baghdad-international-airport", 33.2625, 44.2346),
        ("tahrir-square-baghdad", 33.3336, 44.4203),
        ("ain-al-asad-air-base", 33.80, 42.44),
    ],
)
def test_required_landmarks_are_where_they_should_be(
    embedded: dict[str, PlaceRecord], ident: str, lat: float, lon: float
) -> None:
    place = embedded[f"curated:{ident}"].place
    assert abs(place.lat - lat) < 0.01 and abs(place.lon - lon) < 0.01
    assert place.country_code == "IQ"


def test_embassy_answers_to_its_common_names(embedded: dict[str, PlaceRecord]) -> None:
    names = set(embedded["curated:us-embassy-baghdad"].names)
    assert {"US Embassy", "U.S. Embassy in Baghdad", "American Embassy"} <= names


def test_sadr_city_is_left_to_geonames(embedded: dict[str, PlaceRecord]) -> None:
    names = {name for record in embedded.values() for name in record.names}
    assert "Sadr City" not in names


def test_every_row_has_a_source_note_and_a_known_code() -> None:
    for path in curated_files():
        if path.suffix != ".csv":
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert rows and all(row["source"].strip() for row in rows)
        assert all(row["feature_code"] in FEATURE_CLASSES for row in rows)
