"""The incident map as HTML text: self-contained, escaped, layered, written atomically."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.cli import main
from incidentmap.errors import ExportError, RenderError
from incidentmap.frame import LIST_COLUMNS, incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
from incidentmap.render import incident_map, map_html, save_map
from incidentmap.render.payload import safe_json

XSS_SCRIPT = "<script>alert(1)</script>"
XSS_IMG = "<img src=x onerror=alert(1)>"

BASE = Incident(
    id="i1",
    article_id="a1",
    event_type=EventType.PROTESTS,
    sub_event_type="Peaceful protest",
    event_date="2021-11-05",
    time_precision=TimePrecision.DAY,
    location="Tahrir Square",
    place_id="curated:tahrir-square-baghdad",
    lat=33.3326,
    lon=44.4181,
    country_code="IQ",
    admin1="07",
    geo_precision=GeoPrecision.EXACT,
    evidence="Thousands gathered in Tahrir Square on Friday.",
    evidence_start=0,
    evidence_end=46,
    source_url="https://news.example.org/iraq/1",
    source_title="Protesters gather in Baghdad",
    confidence=0.9,
)


@pytest.fixture
def world() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"name": ["Iraq"]}, geometry=[shapely.box(38.8, 29.1, 48.6, 37.4)], crs="EPSG:4326"
    )


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', html, re.S)
    assert match, "the incident data block is missing"
    return json.loads(match.group(1))


def _render(incidents: list[Incident], world: gpd.GeoDataFrame, **options: object) -> str:
    return map_html(incident_map(incidents_frame(incidents), basemap=world, **options))


def test_page_loads_nothing_by_url(world: gpd.GeoDataFrame) -> None:
    html = _render([BASE], world)
    assert not re.search(r"<script[^>]*\bsrc=", html), "a script is loaded by URL"
    assert not re.search(r"<link[^>]*\bhref=", html), "a stylesheet is loaded by URL"
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert not re.match(r"['\"]?(https?:)?//", url), f"CSS fetches {url}"
    assert "IncidentGrid" in html and "L.heatLayer" in html
    assert "cdn.jsdelivr" not in html and "cdnjs" not in html


def test_article_text_cannot_break_out_of_the_data_block(world: gpd.GeoDataFrame) -> None:
    evil = replace(
        BASE,
        evidence=f"Rockets hit Tahrir Square. {XSS_SCRIPT} </script><script>alert(2)</script>",
        source_title=XSS_IMG,
        location="Tahrir Square {{ 7*7 }}",
    )
    html = _render([evil], world)
    for raw in (XSS_SCRIPT, XSS_IMG, "</script><script>alert(2)"):
        assert raw not in html
    data = _payload(html)
    assert data["ev"] == [evil.evidence]
    assert data["tables"]["title"] == [XSS_IMG]
    # the location is data, not a template: branca must not have evaluated it
    assert data["tables"]["loc"] == ["Tahrir Square {{ 7*7 }}"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_safe_json_round_trips_and_has_no_markup(text: str) -> None:
    encoded = safe_json({"t": text})
    assert json.loads(encoded) == {"t": text}
    assert not set("<>&\u2028\u2029") & set(encoded)


def test_large_documents_are_embedded_compressed(monkeypatch: pytest.MonkeyPatch) -> None:
    import base64
    import gzip

    from incidentmap.render import payload

    doc = {"ev": ["</script> " * 50]}
    assert payload.data_block(doc, "d").startswith('<script type="application/json" id="d">')
    monkeypatch.setattr(payload, "COMPRESS_ABOVE", 100)
    block = payload.data_block(doc, "d")
    match = re.fullmatch(r'<script type="([^"]+)" id="d">([A-Za-z0-9+/=]+)</script>', block)
    assert match and match.group(1) == payload.PACKED_TYPE
    assert json.loads(gzip.decompress(base64.b64decode(match.group(2)))) == doc


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            _text, _text, st.one_of(st.none(), _text), st.floats(-80, 80), st.floats(-179, 179)
        ),
        min_size=1,
        max_size=5,
    )
)
def test_article_text_round_trips_through_the_page_data(rows: list) -> None:
    from incidentmap.render.payload import build_payload

    incidents = [
        replace(BASE, id=f"i{k}", evidence=ev, location=loc, source_title=title, lat=lat, lon=lon)
        for k, (ev, loc, title, lat, lon) in enumerate(rows)
    ]
    data, skipped = build_payload(incidents_frame(incidents))
    data = json.loads(safe_json(data))
    assert skipped == 0 and data["ev"] == [r[0] for r in rows]
    for k, (_, loc, title, lat, lon) in enumerate(rows):
        code = data["loc"][k]
        assert (data["tables"]["loc"][code] if code >= 0 else "") == loc.strip()
        code = data["title"][k]
        assert (data["tables"]["title"][code] if code >= 0 else "") == (title or "").strip()
        assert abs(data["lat"][k] - lat) < 1e-5 and abs(data["lon"][k] - lon) < 1e-5


def test_one_layer_per_type_present_in_acled_order(world: gpd.GeoDataFrame) -> None:
    incidents = [
        replace(BASE, id="p", event_type=EventType.PROTESTS),
        replace(BASE, id="b", event_type=EventType.BATTLES, lat=33.5),
        replace(BASE, id="b2", event_type=EventType.BATTLES, lat=33.6),
    ]
    data = _payload(_render(incidents, world))
    assert [t["type"] for t in data["types"]] == ["Battles", "Protests"]
    assert data["type"] == [1, 0, 0]
    assert all(t["color"].startswith("#") and "<" in t["glyph"] for t in data["types"])


def test_incident_fields_reach_the_popup_data(world: gpd.GeoDataFrame) -> None:
    inc = replace(
        BASE,
        fatalities=3,
        injured=None,
        sources=4,
        time_precision=TimePrecision.MONTH,
        event_date="2019-06-01",
        geo_precision=GeoPrecision.NEAR,
        area_wkt="POLYGON((44.37 33.29, 44.41 33.29, 44.41 33.32, 44.37 33.32, 44.37 33.29))",
    )
    data = _payload(_render([inc], world))
    assert data["fat"] == [3] and data["inj"] == [-1] and data["src"] == [4]
    assert data["tp"] == [3] and data["gp"] == [2]
    assert data["date"] == [(18048)]  # 2019-06-01 as days since 1970-01-01
    assert data["areas"][0]["type"] == "Polygon" and data["area"] == [0]
    assert data["tables"]["url"] == ["https://news.example.org/iraq/1"]


def test_rows_without_a_point_are_skipped_with_a_warning(
    world: gpd.GeoDataFrame, caplog: pytest.LogCaptureFixture
) -> None:
    incidents = [BASE, replace(BASE, id="nowhere", lat=None, lon=None)]
    with caplog.at_level(logging.WARNING, logger="incidentmap.render"):
        data = _payload(_render(incidents, world))
    assert data["n"] == 1 and data["id"] == ["i1"]
    assert "1 of 2 incidents has no point and is left off" in caplog.text


def test_view_fits_the_incidents_and_zooms_in_on_a_single_one(world: gpd.GeoDataFrame) -> None:
    config = _payload(_render([BASE], world))["config"]
    assert config["bounds"] == [[33.3326, 44.4181], [33.3326, 44.4181]]
    assert config["fitMaxZoom"] == 10
    spread = [BASE, replace(BASE, id="far", lat=36.19, lon=44.01)]
    hidden = replace(BASE, id="hidden", lat=-10.0, lon=10.0, confidence=0.1)
    config = _payload(_render([*spread, hidden], world))["config"]
    assert config["bounds"] == [[33.3326, 44.01], [36.19, 44.4181]]  # hidden ones not fitted


def test_title_is_escaped(world: gpd.GeoDataFrame) -> None:
    html = _render([BASE], world, title="Iraq </title><script>alert(1)</script>")
    assert "<title>Iraq &lt;/title&gt;&lt;script&gt;" in html
    assert XSS_SCRIPT not in html


def test_hidden_by_default_settings_are_passed_to_the_page(world: gpd.GeoDataFrame) -> None:
    data = _payload(_render([BASE], world, min_confidence=0.6, show_background=True))
    assert data["config"]["minConfidence"] == 0.6
    assert data["config"]["showBackground"] is True
    with pytest.raises(RenderError, match="between 0 and 1"):
        incident_map(incidents_frame([BASE]), basemap=world, min_confidence=7)


def test_a_frame_with_few_columns_is_normalised(world: gpd.GeoDataFrame) -> None:
    gdf = gpd.GeoDataFrame(
        {"event_type": ["Riots"]}, geometry=[shapely.Point(44.4, 33.3)], crs="EPSG:4326"
    )
    data = _payload(map_html(incident_map(gdf, basemap=world)))
    assert data["n"] == 1 and data["types"][0]["type"] == "Riots"


def test_not_a_geodataframe_is_refused(world: gpd.GeoDataFrame) -> None:
    with pytest.raises(RenderError, match="GeoDataFrame"):
        incident_map([BASE], basemap=world)  # type: ignore[arg-type]


def test_default_basemap_is_the_gazetteer_outlines() -> None:
    from incidentmap.render.basemap import basemap_geojson

    doc = basemap_geojson()
    if not doc["features"]:
        pytest.skip("gazetteer/data/countries-simplified.geojson is not built yet")
    names = {f["properties"]["name"] for f in doc["features"]}
    assert "Iraq" in names and len(doc["features"]) > 150


def test_save_map_is_atomic_and_checks_the_folder(tmp_path: Path, world: gpd.GeoDataFrame) -> None:
    m = incident_map(incidents_frame([BASE]), basemap=world)
    target = save_map(m, tmp_path / "map.html")
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.html"]
    with pytest.raises(ExportError, match="does not exist"):
        save_map(m, tmp_path / "missing" / "map.html")


def _write_geojson(incidents: list[Incident], path: Path) -> None:
    gdf = incidents_frame(incidents)
    for column in LIST_COLUMNS:
        gdf[column] = [json.dumps(list(v)) for v in gdf[column]]
    gdf.to_file(path, driver="GeoJSON")


def test_map_command_renders_a_gis_edited_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "incidents.geojson"
    _write_geojson([BASE, replace(BASE, id="i2", event_type=EventType.RIOTS)], source)
    edited = json.loads(source.read_text())
    edited["features"][1]["geometry"]["coordinates"] = [47.78, 30.51]  # moved to Basra in a GIS
    source.write_text(json.dumps(edited))
    out = tmp_path / "map.html"
    assert main(["map", str(source), "-o", str(out), "--title", "Iraq"]) == 0
    html = out.read_text(encoding="utf-8")
    data = _payload(html)
    assert data["n"] == 2 and data["lat"][1] == 30.51 and data["lon"][1] == 47.78
    assert "<title>Iraq</title>" in html


def test_map_command_reads_a_geopackage_and_defaults_the_output_name(tmp_path: Path) -> None:
    geojson = tmp_path / "incidents.geojson"
    _write_geojson([BASE], geojson)
    gpkg = tmp_path / "incidents.gpkg"
    gpd.read_file(geojson).to_file(gpkg, driver="GPKG", layer="incidents")
    assert main(["map", str(gpkg), "--no-heatmap", "--min-confidence", "0.5"]) == 0
    data = _payload((tmp_path / "incidents.html").read_text(encoding="utf-8"))
    assert data["id"] == ["i1"] and data["config"]["heatmap"] is False
    assert data["config"]["minConfidence"] == 0.5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.geojson", None, "does not exist"),
        ("notes.txt", "hello", "unsupported file type '.txt'"),
        ("broken.geojson", "this is not json", "as geojson"),
        ("empty.geojson", '{"type": "FeatureCollection", "features": []}', "no features"),
    ],
)
def test_map_command_explains_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | None, message: str
) -> None:
    source = tmp_path / name
    if content is not None:
        source.write_text(content)
    assert main(["map", str(source), "-o", str(tmp_path / "out.html")]) == 2
    err = capsys.readouterr().err
    assert message in err and name in err
    assert not (tmp_path / "out.html").exists()


def _layers(html: str) -> dict:
    import base64
    import gzip

    match = re.search(r'<script type="([^"]+)" id="[^"]+_layers">(.*?)</script>', html, re.S)
    assert match, "the basemap layers block is missing"
    if match.group(1) == "application/json":
        return json.loads(match.group(2))
    return json.loads(gzip.decompress(base64.b64decode(match.group(2))))


def test_basemap_layers_are_detailed_near_incidents_and_coarse_elsewhere() -> None:
    from incidentmap.render.layers import WORLD_ZOOM, basemap_layers

    doc = basemap_layers([33.34], [44.40])
    by_name = {label[0]: label for label in doc["labels"]}
    # near Baghdad: the villages and landmarks of city zoom
    assert {"Baghdad", "Sadr City", "Karrada", "Green Zone"} <= set(by_name)
    assert by_name["Sadr City"][3] > by_name["Baghdad"][3]  # appears at a higher zoom
    # far away: capitals, but no small towns
    assert "Paris" in by_name and "Tokyo" in by_name
    far = [label for label in doc["labels"] if label[2] < 0 and label[4] != 4]  # the Americas
    assert far and max(label[3] for label in far) <= WORLD_ZOOM
    # lines: Iraq's first-level borders are kept, Argentina's are not
    assert any(33 < line[1] < 34 and 44 < line[0] < 45 for line in doc["admin1"])
    assert not any(line[1] < -30 and line[0] < -60 for line in doc["admin1"])
    assert any(r[0] == "Tigris" for r in doc["rivers"])
    # labels come in zoom order, as the page reads them
    zooms = [label[3] for label in doc["labels"]]
    assert zooms == sorted(zooms)


def test_basemap_layers_keep_the_label_budget() -> None:
    from incidentmap.render.layers import basemap_layers

    lats = [float(a) for a in range(-40, 61, 2)]
    lons = [float(o) for o in range(-150, 151, 6)]
    doc = basemap_layers(lats, lons, max_labels=5000)
    assert len(doc["labels"]) == 5000
    assert "Baghdad" in {label[0] for label in doc["labels"]}  # important ones stay
    empty = basemap_layers([], [])
    assert empty["admin1"] == [] and empty["labels"]  # no incidents: the world tier only


def test_map_carries_layers_countries_and_actors(world: gpd.GeoDataFrame) -> None:
    inc = replace(BASE, actors=("Protesters (Iraq)", XSS_IMG, "Protesters (Iraq)"))
    other = replace(BASE, id="i2", country_code="sy", actors=(), lat=36.2, lon=37.13)
    html = _render([inc, other], world)
    data = _payload(html)
    assert data["tables"]["act"] == ["Protesters (Iraq)", XSS_IMG]
    assert data["act"] == [[0, 1], []]
    assert [data["tables"]["cc"][c] for c in data["cc"]] == ["IQ", "SY"]
    assert data["config"]["countryNames"]["SY"] == "Syria"
    assert XSS_IMG not in html  # escaped inside the data block
    layers = _layers(html)
    assert any(label[0] == "Tahrir Square" for label in layers["labels"])
    assert "Natural Earth" in data["config"]["attribution"]


def test_labels_can_be_left_off(world: gpd.GeoDataFrame) -> None:
    html = _render([BASE], world, labels=False)
    assert _layers(html) == {}
    assert _payload(html)["config"]["countryNames"]["IQ"] == "Iraq"


def test_a_map_spanning_the_seed_countries_stays_under_its_budget() -> None:
    # the seed corpus's spread: Berlin, Dnipro, Baghdad, Kabul, Khartoum, Mogadishu,
    # Nairobi, Saada (the seed map of `make demo` must stay under 5 MB)
    spots = [
        (52.52, 13.40),
        (48.46, 35.05),
        (33.34, 44.40),
        (34.53, 69.17),
        (15.50, 32.56),
        (2.04, 45.34),
        (-1.29, 36.82),
        (16.94, 43.76),
    ]
    incidents = [
        replace(BASE, id=f"s{k}", lat=lat + k * 0.01, lon=lon)
        for k, (lat, lon) in enumerate(spots * 5)
    ]
    html = map_html(incident_map(incidents_frame(incidents)))
    layers = _layers(html)
    assert len(html.encode("utf-8")) < 5_000_000
    assert layers["admin1"] and layers["rivers"] and layers["lakes"]
    names = {label[0] for label in layers["labels"]}
    assert {"Sadr City", "Karrada", "Berlin", "Mogadishu"} <= names
