"""Exports for GIS tools: every format written, read back, and checked as GIS tools see it."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from incidentmap.errors import ExportError
from incidentmap.export import (
    FORMATS,
    GeoJSONSeqWriter,
    format_for_path,
    parse_formats,
    read_incidents,
    write_incidents,
    write_outputs,
)
from incidentmap.frame import frame_to_incidents, incidents_frame, toponyms_frame
from incidentmap.model import (
    EventType,
    GeoPrecision,
    Incident,
    Place,
    TimePrecision,
    Toponym,
)

BAGHDAD = (44.4008812, 33.3405812)  # lon, lat: already at 7 decimals, so round trips are exact


def make_incidents() -> list[Incident]:
    return [
        Incident(
            id="inc-1",
            article_id="a1",
            event_type=EventType.PROTESTS,
            sub_event_type="Peaceful protest",
            event_date="2021-11-06",
            time_precision=TimePrecision.DAY,
            location="Baghdad",
            place_id="geonames:98182",
            lat=BAGHDAD[1],
            lon=BAGHDAD[0],
            country_code="IQ",
            admin1="07",
            geo_precision=GeoPrecision.EXACT,
            evidence='Crowds <marched> & "chanted" in Tahrir Square – 3 dead.',
            evidence_start=10,
            evidence_end=66,
            fatalities=3,
            injured=None,
            actors=("Protesters", "Police"),
            source_url="https://example.org/a1",
            source_title="Protest in Baghdad",
            confidence=0.85,
            sources=2,
            source_urls=("https://example.org/a1", "https://example.org/b7"),
            article_ids=("a1", "b7"),
            notes=("merged",),
        ),
        Incident(
            id="inc-2",
            article_id="a2",
            event_type=EventType.EXPLOSIONS,
            sub_event_type="Shelling/artillery/missile attack",
            event_date="2019-06-01",
            time_precision=TimePrecision.MONTH,
            location="Kyiv",
            place_id="geonames:703448",
            lat=50.4546600,
            lon=30.5238000,
            country_code="UA",
            admin1="12",
            geo_precision=GeoPrecision.NEAR,
            evidence="Rockets hit the outskirts of Kyiv in June 2019.",
            evidence_start=0,
            evidence_end=47,
            fatalities=None,
            injured=12,
            background=True,
            date_text="June 2019",
        ),
        Incident(
            id="inc-3",
            article_id="a3",
            event_type=EventType.BATTLES,
            sub_event_type="Armed clash",
            event_date=None,
            time_precision=TimePrecision.MONTH,
            location=None,
            place_id=None,
            lat=None,
            lon=None,
            country_code=None,
            admin1=None,
            geo_precision=GeoPrecision.REGION,
            evidence="Fighting was reported somewhere.",
            evidence_start=0,
            evidence_end=32,
            fatalities=0,
            injured=0,
        ),
    ]


def make_toponyms():
    place = Place(
        id="geonames:98182",
        name="Baghdad",
        lat=BAGHDAD[1],
        lon=BAGHDAD[0],
        feature_class="P",
        feature_code="PPLC",
        country_code="IQ",
        admin1="07",
    )
    return toponyms_frame(
        [
            ("a1", Toponym(start=40, end=47, text="Baghdad", place=place, confidence=0.9)),
            ("a1", Toponym(start=60, end=65, text="Nowhere", place=None)),
            ("a2", Toponym(start=0, end=7, text="Baghdad", place=place, confidence=0.75)),
        ]
    )


@pytest.fixture
def incidents() -> list[Incident]:
    return make_incidents()


@pytest.fixture
def gdf(incidents):
    return incidents_frame(incidents)


def ext(fmt: str) -> str:
    return FORMATS[fmt].extensions[0]


def read_all_layers(path):
    """Every layer of ``path`` (a KML file's folders) as one frame, as pyogrio reads them."""
    import pandas as pd
    import pyogrio

    layers = [str(name) for name, _ in pyogrio.list_layers(path)]
    frames = [pyogrio.read_dataframe(path, layer=name) for name in layers]
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


ALL_FORMATS = tuple(FORMATS)


# --- choosing a format ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.geojson", "geojson"),
        ("a.JSON", "geojson"),
        ("dir.v2/a.geojsonl", "geojsonseq"),
        ("a.geojsons", "geojsonseq"),
        ("a.gpkg", "gpkg"),
        ("a.csv", "csv"),
        ("a.parquet", "parquet"),
        ("a.geoparquet", "parquet"),
        ("a.kml", "kml"),
    ],
)
def test_format_for_path_by_extension(name, fmt):
    assert format_for_path(name) == fmt


@pytest.mark.parametrize("name", ["a.shp", "a.jsonl", "incidents", "a.gpkg.bak"])
def test_unknown_extension_names_the_accepted_ones(name):
    with pytest.raises(ExportError) as err:
        format_for_path(name)
    message = str(err.value)
    assert repr(name) in message
    for accepted in (".geojson", ".geojsonl", ".gpkg", ".csv", ".parquet", ".kml"):
        assert accepted in message


def test_parse_formats_validates_and_keeps_order():
    assert parse_formats("geojson,gpkg,csv,parquet,kml") == (
        "geojson",
        "gpkg",
        "csv",
        "parquet",
        "kml",
    )
    assert parse_formats(" GeoJSON , geoparquet,,geojson ") == ("geojson", "parquet")
    with pytest.raises(ExportError, match=r"unknown output format 'shp'.*geojson, geojsonseq"):
        parse_formats("geojson,shp")
    with pytest.raises(ExportError, match="no output format"):
        parse_formats(" , ")


def test_unknown_format_argument_writes_nothing(gdf, tmp_path):
    with pytest.raises(ExportError, match="accepted formats: geojson"):
        write_incidents(gdf, tmp_path / "x.geojson", format="shapefile")
    with pytest.raises(ExportError, match="accepted extensions"):
        write_incidents(gdf, tmp_path / "x.shp")
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_in_a_list_writes_nothing(gdf, tmp_path):
    with pytest.raises(ExportError, match="'shp'"):
        write_outputs(gdf, tmp_path / "out", formats="geojson,shp")
    assert list(tmp_path.iterdir()) == []


def test_a_plain_table_is_refused_with_a_clear_message(tmp_path):
    import pandas as pd

    with pytest.raises(ExportError, match=r"expected a GeoDataFrame.*got DataFrame"):
        write_incidents(pd.DataFrame({"id": ["x"]}), tmp_path / "x.geojson")
    assert list(tmp_path.iterdir()) == []


# --- round trips -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ALL_FORMATS)
def test_every_format_reads_back_to_the_same_incidents(fmt, incidents, gdf, tmp_path):
    path = write_incidents(gdf, tmp_path / f"incidents{ext(fmt)}")
    assert path == tmp_path / f"incidents{ext(fmt)}"
    back = read_incidents(path)
    assert back.crs.to_epsg() == 4326
    if fmt == "kml":  # a folder per event type: read back grouped by type
        assert sorted(frame_to_incidents(back), key=lambda i: i.id) == incidents
    else:
        assert frame_to_incidents(back) == incidents


@pytest.mark.parametrize("fmt", [f for f in ALL_FORMATS if f != "parquet"])
def test_pyogrio_reads_count_crs_coordinate_and_types(fmt, gdf, tmp_path):

    path = write_incidents(gdf, tmp_path / f"incidents{ext(fmt)}")
    back = read_all_layers(path)
    assert len(back) == 3
    assert back.crs.to_epsg() == 4326  # a CSV's from its .prj
    row = back[back["evidence"].str.startswith("Crowds")].iloc[0]
    assert (row.geometry.x, row.geometry.y) == BAGHDAD
    assert back.geometry.isna().sum() == 1
    if fmt != "kml":  # KML has no date type: the date is the TimeStamp
        assert str(back["event_date"].dtype).startswith("datetime64")
    else:
        assert str(back["timestamp"].dtype).startswith("datetime64")
        assert back.loc[back["incident_id"] == "inc-1", "timestamp"].iloc[0] == dt.datetime(
            2021, 11, 6
        )
    assert back["confidence"].dtype == "float64"
    assert back["fatalities"].dtype.kind in "iuf"  # nullable: pandas reads NULL ints as float


def test_geopackage_has_one_incidents_layer_and_toponyms_beside_it(gdf, tmp_path):
    import pyogrio

    path = write_incidents(gdf, tmp_path / "out.gpkg", toponyms=make_toponyms())
    assert [str(name) for name, _ in pyogrio.list_layers(path)] == ["incidents"]
    info = pyogrio.read_info(path, layer="incidents")
    assert info["crs"] == "EPSG:4326"
    assert info["features"] == 3
    beside = tmp_path / "out-toponyms.gpkg"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-toponyms.gpkg", "out.gpkg"]
    assert [str(name) for name, _ in pyogrio.list_layers(beside)] == ["toponyms"]
    topo = pyogrio.read_dataframe(beside, layer="toponyms")
    assert len(topo) == 2  # the unresolved mention is not a place
    assert list(topo["article_id"]) == ["a1", "a2"]
    assert list(topo["start"]) == [40, 0] and list(topo["end"]) == [47, 7]
    assert list(topo["confidence"]) == [0.9, 0.75]
    assert (topo.geometry.x[0], topo.geometry.y[0]) == BAGHDAD
    # read_incidents takes the incidents layer, not the first one
    assert len(read_incidents(path)) == 3
    with pytest.raises(ExportError, match="no layer 'events'; its layers: incidents"):
        read_incidents(path, layer="events")


def test_geopandas_reads_the_geopackage_without_a_layer_or_a_warning(gdf, tmp_path):
    import warnings

    import geopandas as gpd

    path = write_incidents(gdf, tmp_path / "incidents.gpkg", toponyms=make_toponyms())
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "More than one layer found" would fail here
        back = gpd.read_file(path)
    assert len(back) == 3 and back.loc[0, "id"] == "inc-1"


def test_event_date_has_one_dtype_in_every_format_geopandas_reads(gdf, tmp_path):
    import geopandas as gpd

    dtypes = {}
    for fmt in ("geojson", "geojsonseq", "gpkg", "csv", "parquet"):
        path = write_incidents(gdf, tmp_path / f"incidents{ext(fmt)}")
        back = gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path)
        dtypes[fmt] = str(back["event_date"].dtype)
        assert back.loc[0, "event_date"] == dt.datetime(2021, 11, 6), fmt
    assert set(dtypes.values()) == {"datetime64[ms]"}, dtypes


def test_csv_types_come_from_its_csvt_and_its_crs_from_its_prj(gdf, tmp_path):
    import csv

    import pyogrio

    path = write_incidents(gdf, tmp_path / "incidents.csv")
    csvt = (tmp_path / "incidents.csvt").read_text(encoding="utf-8").strip().split(",")
    header = next(csv.reader(path.open(encoding="utf-8", newline="")))
    assert len(csvt) == len(header)
    types = dict(zip(header, csvt, strict=True))
    assert types["event_date"] == '"Date"' and types["admin1"] == '"String"'
    assert types["wkt"] == '"WKT"' and types["background"] == '"Integer(Boolean)"'
    info = pyogrio.read_info(path)  # GDAL's CSV driver, as QGIS opens a CSV through OGR
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["admin1"] == "object" and fields["fatalities"] == "int32"
    assert fields["event_date"].startswith("datetime64") and fields["confidence"] == "float64"
    back = pyogrio.read_dataframe(path)
    assert list(back["admin1"][:2]) == ["07", "12"]  # not 7 and 12
    assert back.crs.to_epsg() == 4326
    assert (back.geometry[0].x, back.geometry[0].y) == BAGHDAD


def test_geojson_follows_rfc_7946(gdf, tmp_path):
    path = write_incidents(gdf, tmp_path / "incidents.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    features = doc["features"]
    assert [f["id"] for f in features] == ["inc-1", "inc-2", "inc-3"]
    first = features[0]
    assert first["geometry"] == {"type": "Point", "coordinates": list(BAGHDAD)}  # lon, lat
    assert features[2]["geometry"] is None
    props = first["properties"]
    assert props["event_date"] == "2021-11-06"
    assert props["fatalities"] == 3 and props["injured"] is None
    assert props["background"] is False and features[1]["properties"]["background"] is True
    assert props["actors"] == ["Protesters", "Police"]
    assert props["evidence"].startswith('Crowds <marched> & "chanted"')
    for feature in features:
        assert isinstance(feature["properties"]["time_precision"], int)
        for coord in (feature["geometry"] or {}).get("coordinates", []):
            assert -180 <= coord <= 180
            assert len(repr(coord).split(".")[1]) <= 7
    assert "NaN" not in path.read_text(encoding="utf-8")


def test_geojson_coordinates_are_rounded_to_7_decimals(tmp_path):
    import dataclasses

    inc = dataclasses.replace(make_incidents()[0], lat=33.340581234567, lon=44.400881234567)
    path = write_incidents(incidents_frame([inc]), tmp_path / "incidents.geojson")
    feature = json.loads(path.read_text(encoding="utf-8"))["features"][0]
    assert feature["geometry"]["coordinates"] == [44.4008812, 33.3405812]
    assert (feature["properties"]["lon"], feature["properties"]["lat"]) == (44.4008812, 33.3405812)


@pytest.mark.parametrize("fmt", ["geojson", "geojsonseq"])
def test_json_looking_text_stays_text(fmt, tmp_path):
    import dataclasses

    first, second, _ = make_incidents()
    items = [
        dataclasses.replace(first, evidence="[]", location="{Baghdad}"),
        dataclasses.replace(second, evidence='["quoted", 2]'),
    ]
    path = write_incidents(incidents_frame(items), tmp_path / f"x{ext(fmt)}")
    text = path.read_text(encoding="utf-8")
    assert '"evidence": "[]"' in text and '"location": "{Baghdad}"' in text
    assert frame_to_incidents(read_incidents(path)) == items


def test_geojsonseq_is_one_feature_per_line(gdf, tmp_path):
    path = write_incidents(gdf, tmp_path / "incidents.geojsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    features = [json.loads(line) for line in lines]
    assert [f["type"] for f in features] == ["Feature"] * 3
    assert [f["id"] for f in features] == ["inc-1", "inc-2", "inc-3"]
    assert features[0]["geometry"]["coordinates"] == list(BAGHDAD)
    assert features[0]["properties"]["event_date"] == "2021-11-06"


def test_csv_has_lat_lon_wkt_iso_dates_and_json_lists(gdf, tmp_path):
    import csv

    path = write_incidents(gdf, tmp_path / "incidents.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 3
    first = rows[0]
    assert (first["lat"], first["lon"]) == ("33.3405812", "44.4008812")
    assert first["wkt"] == "POINT (44.4008812 33.3405812)"
    assert first["event_date"] == "2021-11-06"
    assert json.loads(first["actors"]) == ["Protesters", "Police"]
    assert first["evidence"] == 'Crowds <marched> & "chanted" in Tahrir Square – 3 dead.'
    assert first["injured"] == "" and first["fatalities"] == "3"
    assert rows[2]["wkt"] == "" and rows[2]["lat"] == ""


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "kml"])
def test_file_saved_again_by_a_gis_reads_back_with_the_edits(fmt, incidents, gdf, tmp_path):
    """A GIS (here GDAL itself, as QGIS does) rewrites the file after an edit."""
    import pyogrio
    from shapely.geometry import Point

    path = write_incidents(gdf, tmp_path / f"incidents{ext(fmt)}")
    edited = read_all_layers(path)
    if fmt == "kml":  # folders by type; the placemark fields LIBKML adds are not saved
        edited = edited.sort_values("incident_id").reset_index(drop=True)
        edited = edited.drop(columns=["Name", "description", "timestamp", "begin", "end"])
    edited = edited[edited["evidence"] != incidents[1].evidence].reset_index(drop=True)
    edited.loc[0, "geometry"] = Point(44.01, 36.19)  # moved to Erbil
    edited.loc[0, "fatalities"] = 5
    for name in ("actors", "source_urls", "article_ids", "notes"):  # GeoJSON string lists
        if edited[name].map(lambda v: hasattr(v, "tolist")).any():
            edited[name] = [[str(x) for x in v] for v in edited[name]]
    resaved = tmp_path / f"resaved{ext(fmt)}"
    driver = {"kml": "LIBKML"}.get(fmt)  # as QGIS saves KML
    pyogrio.write_dataframe(edited, resaved, layer="incidents", driver=driver, use_arrow=True)
    back = read_incidents(resaved)
    assert len(back) == 2
    assert (back.loc[0, "lon"], back.loc[0, "lat"]) == (44.01, 36.19)
    assert back.loc[0, "fatalities"] == 5
    assert back.loc[0, "event_date"] == gdf.loc[0, "event_date"]
    assert list(back.loc[0, "actors"]) == ["Protesters", "Police"]
    assert frame_to_incidents(back)[1] == incidents[2]


def test_csv_edited_in_a_spreadsheet_moves_the_point(gdf, tmp_path):
    import csv

    path = write_incidents(gdf, tmp_path / "incidents.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["lat"], rows[0]["lon"] = "36.19", "44.01"  # moved to Erbil; wkt left stale
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    back = read_incidents(path)
    assert (back.geometry[0].x, back.geometry[0].y) == (44.01, 36.19)
    assert back.loc[0, "admin1"] == "07"  # codes with leading zeros stay text


def test_parquet_is_geoparquet_1_1_with_arrow_types(gdf, tmp_path):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = write_incidents(gdf, tmp_path / "incidents.parquet")
    schema = pq.read_schema(path)
    assert schema.field("event_date").type == pa.timestamp("ms")
    assert schema.field("fatalities").type == pa.int32()
    assert schema.field("confidence").type == pa.float64()
    assert schema.field("background").type == pa.bool_()
    assert pa.types.is_list(schema.field("actors").type)
    geo = json.loads(schema.metadata[b"geo"])
    assert geo["version"] == "1.1.0" and geo["primary_column"] == "geometry"
    column = geo["columns"]["geometry"]
    assert column["encoding"] == "WKB" and column["geometry_types"] == ["Point"]
    assert column["crs"]["id"] == {"authority": "EPSG", "code": 4326}
    assert column["bbox"] == [30.5238, 33.3405812, 44.4008812, 50.45466]
    df = pd.read_parquet(path)
    assert str(df["fatalities"].dtype) == "Int32" and df["fatalities"].isna().sum() == 1
    assert str(df["event_date"].dtype) == "datetime64[ms]"


def test_kml_has_name_and_escaped_evidence_description(gdf, tmp_path):
    import xml.etree.ElementTree as ET

    path = write_incidents(gdf, tmp_path / "incidents.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()  # well-formed XML: the evidence's <, & and " are escaped
    marks = {m.findtext("k:name", namespaces=ns): m for m in root.iter(f"{{{ns['k']}}}Placemark")}
    assert set(marks) == {"Protests in Baghdad", "Explosions/Remote violence in Kyiv", "Battles"}
    protest = marks["Protests in Baghdad"]
    description = protest.findtext("k:description", namespaces=ns)
    # KML clients render the description as HTML: the evidence's markup is escaped for it
    assert description.startswith("Crowds &lt;marched&gt; &amp; &quot;chanted&quot; in Tahrir")
    assert description.endswith("Date: 2021-11-06")
    coords = protest.findtext(".//k:coordinates", namespaces=ns).strip()
    assert coords.startswith("44.4008812,33.3405812")


def test_kml_has_a_styled_folder_per_type_timestamps_and_typed_extended_data(gdf, tmp_path):
    import xml.etree.ElementTree as ET

    import pyogrio

    path = write_incidents(gdf, tmp_path / "incidents.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    doc = ET.parse(path).getroot().find("k:Document", ns)
    folders = {f.findtext("k:name", namespaces=ns): f for f in doc.findall("k:Folder", ns)}
    assert list(folders) == ["Battles", "Explosions/Remote violence", "Protests"]  # ACLED order
    styles = {s.get("id"): s for s in doc.findall("k:Style", ns)}
    protest = folders["Protests"].find("k:Placemark", ns)
    style = protest.findtext("k:styleUrl", namespaces=ns)
    assert style == "#type-protests" and style[1:] in styles
    colours = {s.findtext(".//k:color", namespaces=ns) for s in styles.values()}
    assert len(colours) == len(styles) >= 6  # one colour per event type
    assert protest.findtext("k:TimeStamp/k:when", namespaces=ns) == "2021-11-06"
    undated = folders["Battles"].find("k:Placemark", ns)
    assert undated.find("k:TimeStamp", ns) is None
    fields = {f.get("name"): f.get("type") for f in doc.find("k:Schema", ns)}
    assert fields["fatalities"] == "int" and fields["confidence"] == "double"
    assert fields["background"] == "bool" and fields["evidence"] == "string"
    # LIBKML (GDAL, QGIS) reads each folder as a layer, typed, with the date as a timestamp
    assert [str(n) for n, _ in pyogrio.list_layers(path)] == list(folders)
    layer = pyogrio.read_dataframe(path, layer="Protests")
    assert layer["fatalities"].dtype.kind == "i" and layer["confidence"].dtype == "float64"
    assert layer.loc[0, "timestamp"] == dt.datetime(2021, 11, 6)
    assert layer.loc[0, "incident_id"] == "inc-1"


def test_kml_unknown_type_gets_its_own_folder_and_style(gdf, tmp_path):
    import xml.etree.ElementTree as ET

    gdf.loc[0, "event_type"] = "Looting"  # an edited file
    path = write_incidents(gdf, tmp_path / "incidents.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    doc = ET.parse(path).getroot().find("k:Document", ns)
    names = [f.findtext("k:name", namespaces=ns) for f in doc.findall("k:Folder", ns)]
    assert names[-1] == "Looting"
    assert "type-looting" in {s.get("id") for s in doc.findall("k:Style", ns)}


def test_datetimes_are_written_as_utc(gdf, tmp_path):
    import pandas as pd
    import pyarrow as pa
    import pyarrow.parquet as pq

    gdf["checked_at"] = pd.to_datetime(["2021-11-06 12:00", None, "2021-11-07 00:30"]).tz_localize(
        "Asia/Baghdad"
    )
    path = write_incidents(gdf, tmp_path / "incidents.parquet")
    table = pq.read_table(path)
    assert table.schema.field("checked_at").type == pa.timestamp("ms", tz="UTC")
    assert table.column("checked_at")[0].as_py().isoformat() == "2021-11-06T09:00:00+00:00"
    geojson = write_incidents(gdf, tmp_path / "incidents.geojson")
    props = json.loads(geojson.read_text())["features"][0]["properties"]
    assert props["checked_at"].startswith("2021-11-06T09:00:00") and props["checked_at"][-1] == "Z"


def test_frame_in_another_crs_is_written_in_wgs84(gdf, tmp_path):
    path = write_incidents(gdf.to_crs(3857), tmp_path / "incidents.geojson")
    coords = json.loads(path.read_text())["features"][0]["geometry"]["coordinates"]
    assert coords == pytest.approx(list(BAGHDAD), abs=1e-7)


def test_empty_frame_writes_valid_empty_files(tmp_path):
    empty = incidents_frame([])
    paths = write_outputs(empty, tmp_path, formats=ALL_FORMATS)
    for path in paths:
        assert len(read_incidents(path)) == 0


def test_write_outputs_creates_the_directory_and_one_file_per_format(gdf, tmp_path):
    out = tmp_path / "run" / "out"
    paths = write_outputs(gdf, out, formats="geojson,gpkg,csv,parquet,kml", basename="iraq")
    assert [p.name for p in paths] == [
        "iraq.geojson",
        "iraq.gpkg",
        "iraq.csv",
        "iraq.parquet",
        "iraq.kml",
    ]
    assert sorted(os.listdir(out)) == sorted([*(p.name for p in paths), "iraq.csvt", "iraq.prj"])


# --- atomic writes and bad paths -----------------------------------------------------------


def _boom_after_partial_write(gdf, path, toponyms):
    Path(path).write_text('{"type": "FeatureCollection", "features": [', encoding="utf-8")
    raise RuntimeError("disk on fire")


def test_failed_write_leaves_previous_file_intact_and_no_temp(gdf, tmp_path, monkeypatch):
    from incidentmap.export import writers

    target = write_incidents(gdf, tmp_path / "incidents.geojson")
    before = target.read_bytes()
    monkeypatch.setitem(writers.WRITERS, "geojson", _boom_after_partial_write)
    with pytest.raises(ExportError, match="disk on fire") as err:
        write_incidents(gdf.iloc[:1], target)
    assert str(target) in str(err.value)
    assert isinstance(err.value.__cause__, RuntimeError)
    assert target.read_bytes() == before
    assert os.listdir(tmp_path) == ["incidents.geojson"]


def test_interrupted_write_leaves_nothing(gdf, tmp_path, monkeypatch):
    from incidentmap.export import writers

    def interrupted(gdf, path, toponyms):
        Path(path).write_bytes(b"PK\x03\x04 half a file")
        raise KeyboardInterrupt

    monkeypatch.setitem(writers.WRITERS, "gpkg", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_incidents(gdf, tmp_path / "incidents.gpkg")
    assert os.listdir(tmp_path) == []


def test_gdal_error_mid_write_is_an_export_error_and_leaves_nothing(gdf, tmp_path):
    import pyogrio.errors

    bad = gdf.copy()
    bad["EVIDENCE"] = "x"  # GeoPackage field names are case-insensitive: GDAL fails mid-file
    with pytest.raises(ExportError, match=r"incidents\.gpkg.*EVIDENCE") as err:
        write_incidents(bad, tmp_path / "incidents.gpkg")
    assert isinstance(err.value.__cause__, pyogrio.errors.FieldError)
    assert os.listdir(tmp_path) == []


def test_path_under_a_regular_file_is_a_clear_error(gdf, tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")
    with pytest.raises(ExportError, match="cannot create its directory"):
        write_incidents(gdf, blocker / "incidents.geojson")
    with pytest.raises(ExportError, match="cannot create its directory"):
        write_outputs(gdf, blocker / "out", formats="csv")
    assert os.listdir(tmp_path) == ["not-a-dir"]


def test_directory_as_output_path_is_a_clear_error(gdf, tmp_path):
    (tmp_path / "out.geojson").mkdir()
    with pytest.raises(ExportError, match="is a directory"):
        write_incidents(gdf, tmp_path / "out.geojson")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write to read-only directories")
def test_read_only_directory_is_a_clear_error(gdf, tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ExportError, match="not writable"):
            write_incidents(gdf, locked / "incidents.csv")
        assert os.listdir(locked) == []
    finally:
        locked.chmod(0o700)


def test_read_incidents_errors_name_the_file(tmp_path):
    with pytest.raises(ExportError, match="no such file"):
        read_incidents(tmp_path / "missing.geojson")
    broken = tmp_path / "broken.geojson"
    broken.write_text("{not json")
    with pytest.raises(ExportError, match=r"broken\.geojson"):
        read_incidents(broken)


# --- streaming GeoJSONSeq ------------------------------------------------------------------


def test_geojsonseq_writer_streams_chunks_and_appears_on_close(incidents, tmp_path):
    path = tmp_path / "stream" / "incidents.geojsonl"
    with GeoJSONSeqWriter(path, chunk_size=1) as out:
        assert out.write(incidents_frame(incidents[:2])) == 2
        assert not path.exists()
        assert out.write(incidents_frame(incidents[2:])) == 1
    assert out.count == 3
    assert [json.loads(line)["id"] for line in path.read_text().splitlines()] == [
        "inc-1",
        "inc-2",
        "inc-3",
    ]
    assert frame_to_incidents(read_incidents(path)) == incidents
    assert os.listdir(path.parent) == ["incidents.geojsonl"]


def test_geojsonseq_writer_failure_keeps_previous_file(incidents, tmp_path):
    path = tmp_path / "incidents.geojsonl"
    path.write_text("previous\n")
    with pytest.raises(ValueError, match="pipeline broke"), GeoJSONSeqWriter(path) as out:
        out.write(incidents_frame(incidents))
        raise ValueError("pipeline broke")
    assert path.read_text() == "previous\n"
    assert os.listdir(tmp_path) == ["incidents.geojsonl"]


def test_iter_geojsonseq_yields_complete_lines_per_chunk(gdf):
    from incidentmap.export import iter_geojsonseq

    chunks = list(iter_geojsonseq(gdf.to_crs(3857), chunk_size=2))
    assert len(chunks) == 2 and all(c.endswith(b"\n") for c in chunks)
    features = [json.loads(line) for c in chunks for line in c.splitlines()]
    assert [f["id"] for f in features] == ["inc-1", "inc-2", "inc-3"]
    assert features[0]["geometry"]["coordinates"] == pytest.approx(list(BAGHDAD), abs=1e-7)


def test_geojsonseq_writer_must_be_open(incidents, tmp_path):
    writer = GeoJSONSeqWriter(tmp_path / "x.geojsonl")
    with pytest.raises(ExportError, match="not open"):
        writer.write(incidents_frame(incidents))


# --- GDAL's own tools ------------------------------------------------------------------------

OGRINFO = shutil.which("ogrinfo")
needs_ogrinfo = pytest.mark.skipif(
    OGRINFO is None, reason="GDAL's ogrinfo is not installed (Debian package gdal-bin)"
)


def ogrinfo(*args: str) -> str:
    assert OGRINFO is not None
    proc = subprocess.run(
        [OGRINFO, "-ro", *args], capture_output=True, text=True, check=True, timeout=60
    )
    return proc.stdout


def field_types(summary: str) -> dict[str, str]:
    """Field name -> OGR type ("Date", "Integer(Boolean)" ...) from ``ogrinfo -so``."""
    return dict(re.findall(r"^(\w+): (\w+(?:\(\w+\))?) \(", summary, flags=re.MULTILINE))


def ogr_has_driver(name: str) -> bool:
    return OGRINFO is not None and f"  {name} -" in ogrinfo("--formats")


GDAL_CASES = {
    "geojson": ([], "incidents", {"event_date": "Date", "background": "Integer(Boolean)"}),
    "geojsonseq": ([], "incidents", {"event_date": "Date", "actors": "StringList"}),
    "gpkg": ([], "incidents", {"event_date": "Date", "background": "Integer(Boolean)"}),
    "csv": ([], "incidents", {"event_date": "Date", "admin1": "String"}),  # types: .csvt
    "kml": ([], "Protests", {"evidence_start": "Integer", "fatalities": "Integer"}),
}


@pytest.mark.gdal
@needs_ogrinfo
@pytest.mark.parametrize("fmt", list(GDAL_CASES))
def test_ogrinfo_reads_count_types_crs_and_coordinate(fmt, gdf, tmp_path):
    open_options, layer, special = GDAL_CASES[fmt]
    path = write_incidents(gdf, tmp_path / f"incidents{ext(fmt)}")
    summary = ogrinfo(*open_options, "-so", str(path), layer)
    count = 1 if fmt == "kml" else 3  # KML: a folder (layer) per event type
    assert re.search(rf"^Feature Count: {count}$", summary, flags=re.MULTILINE), summary
    types = field_types(summary)
    expected = {
        "fatalities": "Integer",
        "injured": "Integer",
        "sources": "Integer",
        "confidence": "Real",
        "lat": "Real",
        "evidence": "String",
        **special,
    }
    for name, kind in expected.items():
        assert types.get(name) == kind, (name, types)
    assert 'ID["EPSG",4326]' in summary or "WGS 84" in summary  # a CSV's from its .prj
    features = ogrinfo(*open_options, "-geom=ISO", str(path), layer)
    assert "POINT (44.4008812 33.3405812)" in features


@pytest.mark.gdal
@needs_ogrinfo
def test_ogrinfo_reads_the_toponyms_layer(gdf, tmp_path):
    path = write_incidents(gdf, tmp_path / "incidents.gpkg", toponyms=make_toponyms())
    assert "incidents (Point)" in ogrinfo(str(path))
    beside = tmp_path / "incidents-toponyms.gpkg"
    assert "toponyms (Point)" in ogrinfo(str(beside))
    types = field_types(ogrinfo("-so", str(beside), "toponyms"))
    assert types["start"] == "Integer64" and types["confidence"] == "Real"
    assert types["article_id"] == "String"


@pytest.mark.gdal
@needs_ogrinfo
def test_ogrinfo_reads_geoparquet(gdf, tmp_path):
    if not ogr_has_driver("Parquet"):
        pytest.skip("this GDAL has no (Geo)Parquet driver; checked with pyarrow instead")
    path = write_incidents(gdf, tmp_path / "incidents.parquet")
    summary = ogrinfo("-so", str(path), "incidents")
    types = field_types(summary)
    assert types["event_date"] == "Date" and types["fatalities"] == "Integer"
    assert re.search(r"^Feature Count: 3$", summary, flags=re.MULTILINE)


# --- edited in a GIS, then mapped ----------------------------------------------------------


def test_edited_geojson_is_rendered_with_the_edits(gdf, tmp_path):
    pytest.importorskip("incidentmap.render")
    pytest.importorskip("incidentmap.commands.map")
    from incidentmap.cli import main

    path = write_incidents(gdf, tmp_path / "incidents.geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    deleted = doc["features"].pop(1)  # the Kyiv shelling
    doc["features"][0]["properties"]["location"] = "Tahrir Square"
    doc["features"][0]["properties"]["evidence"] = "Analyst corrected: crowds marched in Tahrir."
    path.write_text(json.dumps(doc), encoding="utf-8")

    html_path = tmp_path / "map.html"
    assert main(["-q", "map", str(path), "-o", str(html_path), "--show-background"]) == 0
    html = html_path.read_text(encoding="utf-8")
    assert "Analyst corrected: crowds marched in Tahrir." in html
    assert "Tahrir Square" in html
    assert deleted["properties"]["evidence"] not in html
    assert "Crowds" not in html


# --- property: any text and any counts survive every format ---------------------------------

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

# Printable text plus the characters that break naive writers: quotes, commas, newlines,
# tabs, XML and HTML specials, non-Latin scripts. XML (KML) cannot hold other control
# characters, and CSV cannot tell "" from a missing value, so optional texts are non-empty.
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), whitelist_characters='\n\t",<>&;'),
    max_size=40,
)
SOME_TEXT = TEXT.filter(lambda t: t.strip() == t and t != "")
COUNT = st.none() | st.integers(min_value=0, max_value=2**31 - 1)
DATE = st.dates(dt.date(1900, 1, 1), dt.date(2100, 12, 31)).map(dt.date.isoformat)


@st.composite
def incidents_strategy(draw):
    n = draw(st.integers(min_value=1, max_value=4))
    out = []
    for i in range(n):
        located = draw(st.booleans())
        out.append(
            Incident(
                id=f"h-{i}",
                article_id=draw(SOME_TEXT),
                event_type=draw(st.sampled_from(list(EventType))),
                sub_event_type=draw(SOME_TEXT),
                event_date=draw(st.none() | DATE),
                time_precision=draw(st.sampled_from(list(TimePrecision))),
                location=draw(st.none() | SOME_TEXT),
                place_id=None,
                lat=round(draw(st.floats(-90, 90)), 7) if located else None,
                lon=round(draw(st.floats(-180, 180)), 7) if located else None,
                country_code=draw(st.none() | st.sampled_from(["IQ", "UA", "NA"])),
                admin1=draw(st.none() | st.sampled_from(["07", "01", "12"])),
                geo_precision=draw(st.sampled_from(list(GeoPrecision))),
                evidence=draw(SOME_TEXT),
                evidence_start=draw(st.integers(0, 10**6)),
                evidence_end=draw(st.integers(0, 10**6)),
                fatalities=draw(COUNT),
                injured=draw(COUNT),
                actors=tuple(draw(st.lists(TEXT, max_size=3))),
                confidence=round(draw(st.floats(0, 1)), 6),  # KML keeps 15 digits
                sources=draw(st.integers(1, 50)),
                background=draw(st.booleans()),
            )
        )
    return out


@pytest.mark.parametrize("fmt", ALL_FORMATS)
@hypothesis.settings(
    max_examples=10, deadline=None, suppress_health_check=[hypothesis.HealthCheck.too_slow]
)
@hypothesis.given(items=incidents_strategy())
def test_round_trip_property(fmt, items, tmp_path_factory):
    path = tmp_path_factory.mktemp(fmt) / f"h{ext(fmt)}"
    write_incidents(incidents_frame(items), path)
    back = frame_to_incidents(read_incidents(path))
    if fmt == "kml":  # a folder per event type: read back grouped by type
        assert sorted(back, key=repr) == sorted(items, key=repr)
    else:
        assert back == items


@hypothesis.settings(max_examples=50, deadline=None)
@hypothesis.given(
    lists=st.lists(st.none() | st.lists(st.text(max_size=8), max_size=4), max_size=6),
    start=st.integers(0, 3),
)
def test_vectorised_json_lists_match_json_dumps(lists, start):
    import pyarrow as pa

    from incidentmap.export.table import json_text_array

    array = pa.array(lists, type=pa.list_(pa.string())).slice(start)
    expected = [None if v is None else json.dumps(v, ensure_ascii=False) for v in lists[start:]]
    assert json_text_array(array).to_pylist() == expected


# --- the Arrow-built GeoJSON text ----------------------------------------------------------


@pytest.mark.parametrize("chunk_size", [1, 2, 3, 50])
def test_feature_collection_is_valid_json_at_any_chunk_size(gdf, chunk_size):
    import io

    from incidentmap.export.geojson import write_features

    out = io.BytesIO()
    assert write_features(gdf, out, collection=True, chunk_size=chunk_size) == 3
    doc = json.loads(out.getvalue())
    assert [f["id"] for f in doc["features"]] == ["inc-1", "inc-2", "inc-3"]
    seq = io.BytesIO()
    write_features(gdf, seq, collection=False, chunk_size=chunk_size)
    assert [json.loads(line) for line in seq.getvalue().splitlines()] == doc["features"]


def test_whole_number_reals_stay_reals(tmp_path):
    import dataclasses

    import pyogrio

    items = [dataclasses.replace(i, confidence=1.0, lat=33.0, lon=44.0) for i in make_incidents()]
    path = write_incidents(incidents_frame(items[:2]), tmp_path / "x.geojson")
    feature = json.loads(path.read_text(encoding="utf-8"))["features"][0]
    assert feature["geometry"]["coordinates"] == [44.0, 33.0]
    assert '"confidence": 1.0' in path.read_text(encoding="utf-8")
    assert pyogrio.read_dataframe(path)["confidence"].dtype == "float64"


def test_non_finite_numbers_and_missing_ids_are_valid_geojson(gdf, tmp_path):
    gdf.loc[0, "confidence"] = float("inf")
    gdf["id"] = gdf["id"].astype("string")
    gdf.loc[1, "id"] = None
    path = write_incidents(gdf, tmp_path / "x.geojson")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]  # strict JSON
    assert features[0]["properties"]["confidence"] is None
    assert "id" not in features[1]  # RFC 7946: an id is a string or number, never null


@hypothesis.settings(max_examples=60, deadline=None)
@hypothesis.given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_any_text_is_escaped_exactly_like_json_dumps(text):
    import dataclasses

    from incidentmap.export.geojson import feature_texts

    inc = dataclasses.replace(make_incidents()[0], evidence=text, actors=(text, "x"))
    line = feature_texts(incidents_frame([inc])).to_pylist()[0]
    props = json.loads(line)["properties"]
    assert props["evidence"] == text and props["actors"] == [text, "x"]


def test_kml_stays_well_formed_xml_with_control_characters(gdf, tmp_path):
    import xml.etree.ElementTree as ET

    gdf.loc[0, "evidence"] = "Shots\x0bfired\x00 at <dawn> & \x1b[31mnoon"
    gdf.loc[0, "location"] = "Bagh\x08dad"
    gdf.loc[1, "event_type"] = "Riots\x0c"
    path = write_incidents(gdf, tmp_path / "incidents.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.parse(path).getroot()  # raises on a character XML 1.0 does not allow
    names = {m.findtext("k:name", namespaces=ns) for m in root.iter(f"{{{ns['k']}}}Placemark")}
    assert "Protests in Baghdad" in names


def test_a_bad_csv_row_is_reported_by_its_line_and_the_others_are_read(gdf, tmp_path):
    import csv

    from incidentmap.errors import InputError

    path = write_incidents(gdf, tmp_path / "incidents.csv")
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("evidence")] = "one line\nand the next"  # a row over two lines
    rows[2][header.index("lat")] = "north"  # a spreadsheet typo; the wkt still places it
    rows.insert(3, [*rows[3], "a stray cell"])  # more fields than the header
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    seen: list[InputError] = []
    back = read_incidents(path, report=seen.append)
    assert [(e.line, e.kept) for e in seen] == [(4, True), (5, False)]  # row 2 starts on line 4
    assert "lat 'north' is not a number" in str(seen[0]) and str(seen[0]).startswith(str(path))
    assert "left out: expected" in str(seen[1])
    assert back.geometry.notna().tolist() == gdf.geometry.notna().tolist()  # all read, placed
    with pytest.raises(InputError, match=r"incidents\.csv:4: lat 'north'"):
        read_incidents(path)  # without a report, the first bad row raises
