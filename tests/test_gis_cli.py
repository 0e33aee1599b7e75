"""ACLED's schema, GIS-edited files on the map, and options that mean the same in every command.

Files are read back as a user's tools read them: pandas for an ACLED CSV, GDAL (pyogrio)
with the ``.csvt``, geopandas for GeoPackage and GeoParquet.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pandas as pd
import pytest

from incidentmap.cli import build_parser, main
from incidentmap.export import read_incidents, write_incidents
from incidentmap.export.acled import ACLED_COLUMNS
from incidentmap.frame import incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "baghdad-drone-strike.txt"


def incident(**changes: object) -> Incident:
    base: dict[str, object] = {
        "id": "inc-1",
        "article_id": "a1",
        "event_type": EventType.PROTESTS,
        "sub_event_type": "Peaceful protest",
        "event_date": "2021-11-06",
        "time_precision": TimePrecision.DAY,
        "location": "Baghdad",
        "place_id": "geonames:98182",
        "lat": 33.3405812,
        "lon": 44.4008812,
        "country_code": "IQ",
        "admin1": "07",
        "geo_precision": GeoPrecision.EXACT,
        "evidence": "Crowds marched in Tahrir Square; 3 died.",
        "evidence_start": 0,
        "evidence_end": 40,
        "fatalities": 3,
        "actors": ("Protesters (Iraq)", "Police Forces of Iraq (2020-2022)"),
        "source_url": "https://www.example.org/a1",
        "source_urls": ("https://www.example.org/a1", "https://news.example.net/b7"),
    }
    base.update(changes)
    return Incident(**base)  # type: ignore[arg-type]


def acled_incidents() -> list[Incident]:
    return [
        incident(),
        incident(
            id="inc-2",
            event_type=EventType.EXPLOSIONS,
            sub_event_type="Shelling/artillery/missile attack",
            event_date="2022-03-01",
            location="Kyiv",
            place_id="geonames:703448",
            lat=50.45466,
            lon=30.5238,
            country_code="UA",
            admin1="12",
            geo_precision=GeoPrecision.NEAR,
            fatalities=None,  # none reported: 0 in ACLED's convention
            actors=("Military Forces of Russia (2000-)",),
            source_urls=(),
            source_url="https://kyiv.example.com/x",
        ),
        incident(
            id="inc-3",
            event_type=EventType.RIOTS,
            sub_event_type="Mob violence",
            event_date="2023-07-14",
            location="Suffolk",
            place_id="geonames:2636561",  # a second-level area: admin2 = its name
            lat=52.1872,
            lon=0.9708,
            country_code="GB",
            admin1="ENG",
            fatalities=0,
        ),
        incident(id="undated", event_date=None),
        incident(id="unplaced", lat=None, lon=None, place_id=None, location=None),
        incident(id="habitual", background=True),
    ]


#: Rows typed as in an ACLED export (made-up events, ACLED's header and formats).
ACLED_SAMPLE = [
    ACLED_COLUMNS,
    ("IRQ90001", "2021-11-07", 2021, 1, "Explosions/Remote violence", "Air/drone strike",
     "Unidentified Armed Group (Iraq)", "Civilians (Iraq)", "Iraq", "Baghdad", "Al Resafa",
     "Baghdad - Green Zone", 33.3128, 44.3615, 1, "Example Wire",
     "A drone struck a residence.", 0),
    ("UKR90002", "2022-03-02", 2022, 2, "Battles", "Armed clash",
     "Military Forces of Russia (2000-)", "Military Forces of Ukraine (2019-)", "Ukraine",
     "Kyiv", "Kyiv", "Kyiv", 50.4501, 30.5234, 2, "Example Daily; Example Wire",
     "Clashes were reported.", 4),
]  # fmt: skip


# --- the ACLED schema ------------------------------------------------------------------------


def test_acled_csv_reads_back_with_acled_names_and_dtypes(tmp_path, caplog):
    path = tmp_path / "acled.csv"
    with caplog.at_level(logging.WARNING, logger="incidentmap"):
        write_incidents(incidents_frame(acled_incidents()), path, schema="acled")
    ours = pd.read_csv(path)  # as a user reads an ACLED export
    sample_path = tmp_path / "sample.csv"
    with sample_path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(ACLED_SAMPLE)
    theirs = pd.read_csv(sample_path)
    assert list(ours.columns) == list(theirs.columns) == list(ACLED_COLUMNS)
    assert ours.dtypes.to_dict() == theirs.dtypes.to_dict()
    stacked = pd.concat([theirs, ours], ignore_index=True)  # merging with an ACLED export
    assert stacked.dtypes.to_dict() == theirs.dtypes.to_dict()
    rows = ours.set_index("location")
    assert list(rows["country"]) == ["Iraq", "Ukraine", "United Kingdom"]  # names, not codes
    assert list(rows["admin1"]) == ["Baghdad", "Kyiv", "England"]
    assert rows.loc["Suffolk", "admin2"] == "Suffolk"
    assert rows.loc["Baghdad", "actor1"] == "Protesters (Iraq)"
    assert rows.loc["Baghdad", "actor2"] == "Police Forces of Iraq (2020-2022)"
    assert pd.isna(rows.loc["Kyiv", "actor2"])
    assert rows.loc["Kyiv", "fatalities"] == 0 and rows.loc["Baghdad", "fatalities"] == 3
    assert rows.loc["Baghdad", "event_date"] == "2021-11-06" and rows.loc["Kyiv", "year"] == 2022
    assert rows.loc["Baghdad", "source"] == "example.org; news.example.net"
    assert rows.loc["Baghdad", "notes"] == "Crowds marched in Tahrir Square; 3 died."
    assert (rows.loc["Kyiv", "latitude"], rows.loc["Kyiv", "longitude"]) == (50.45466, 30.5238)
    assert rows.loc["Kyiv", "geo_precision"] == 2
    assert re.fullmatch(r"IRQ\d+", rows.loc["Baghdad", "event_id_cnty"])
    assert rows.loc["Suffolk", "event_id_cnty"].startswith("GBR")
    left_out = caplog.text
    assert "1 without a date" in left_out and "1 without a point" in left_out
    assert "1 background statement\n" in left_out


def test_acled_event_ids_are_stable_and_distinct(tmp_path):
    first = write_incidents(incidents_frame(acled_incidents()), tmp_path / "a.csv", schema="acled")
    again = write_incidents(incidents_frame(acled_incidents()), tmp_path / "b.csv", schema="acled")
    ids = list(pd.read_csv(first)["event_id_cnty"])
    assert ids == list(pd.read_csv(again)["event_id_cnty"]) and len(set(ids)) == 3


def test_acled_csv_types_for_gdal_from_its_csvt(tmp_path):
    import pyogrio

    path = write_incidents(incidents_frame(acled_incidents()), tmp_path / "a.csv", schema="acled")
    assert (tmp_path / "a.csvt").read_text().startswith('"String","Date","Integer64"')
    info = pyogrio.read_info(path)
    fields = dict(zip(info["fields"], info["dtypes"], strict=True))
    assert fields["event_date"].startswith("datetime64") and fields["year"] == "int64"
    assert fields["fatalities"] == "int64" and fields["latitude"] == "float64"
    assert fields["admin1"] == "object"


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet", ".geojson"])
def test_acled_gis_files_have_acled_columns_and_a_date(suffix, tmp_path):
    import geopandas as gpd

    path = tmp_path / f"acled{suffix}"
    write_incidents(incidents_frame(acled_incidents()), path, schema="acled")
    back = gpd.read_parquet(path) if suffix == ".parquet" else gpd.read_file(path)
    assert [c for c in back.columns if c != "geometry"] == list(ACLED_COLUMNS)
    assert str(back["event_date"].dtype) == "datetime64[ms]"
    assert back["country"].tolist() == ["Iraq", "Ukraine", "United Kingdom"]
    assert (back.geometry.x.tolist(), back.geometry.y.tolist()) == (
        back["longitude"].tolist(),
        back["latitude"].tolist(),
    )


def test_unknown_schema_is_refused_and_names_the_accepted(tmp_path):
    from incidentmap.errors import ExportError

    with pytest.raises(ExportError, match="unknown schema 'acled2'; accepted schemas: incid"):
        write_incidents(incidents_frame([]), tmp_path / "x.csv", schema="acled2")
    assert list(tmp_path.iterdir()) == []


def test_incidents_and_run_commands_write_the_acled_schema(tmp_path, gazetteer):
    table = tmp_path / "acled.csv"
    assert main(["-q", "incidents", str(SEED), "-o", str(table), "--schema", "acled"]) == 0
    df = pd.read_csv(table)
    assert list(df.columns) == list(ACLED_COLUMNS) and len(df) >= 1
    assert "Iraq" in set(df["country"]) and df["fatalities"].dtype == "int64"
    jsonl = tmp_path / "acled.jsonl"
    assert main(["-q", "incidents", str(SEED), "-o", str(jsonl), "--schema", "acled"]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    assert [r["event_id_cnty"] for r in records] == list(df["event_id_cnty"])
    out = tmp_path / "out"
    argv = ["-q", "run", str(SEED), "-o", str(out), "--format", "csv,gpkg", "--schema", "acled"]
    assert main(argv) == 0
    assert list(pd.read_csv(out / "incidents.csv").columns) == list(ACLED_COLUMNS)
    assert (out / "incidents.html").is_file()  # the map is drawn as always


def test_an_acled_file_reads_back_into_incidents_and_onto_the_map(tmp_path):
    from incidentmap.frame import frame_to_incidents

    path = write_incidents(incidents_frame(acled_incidents()), tmp_path / "a.gpkg", schema="acled")
    back = read_incidents(path)
    baghdad = back[back["location"] == "Baghdad"].iloc[0]
    assert (baghdad["country_code"], baghdad["admin1"]) == ("IQ", "07")  # codes again
    assert list(baghdad["actors"]) == list(acled_incidents()[0].actors)
    assert baghdad["event_date"] == pd.Timestamp("2021-11-06") and baghdad["fatalities"] == 3
    assert (baghdad.geometry.x, baghdad.geometry.y) == (44.4008812, 33.3405812)
    assert len(frame_to_incidents(back)) == 3
    sample = tmp_path / "from-acled.csv"  # a CSV as downloaded from ACLED
    with sample.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(ACLED_SAMPLE)
    out = tmp_path / "map.html"
    assert main(["-q", "map", str(sample), "-o", str(out)]) == 0
    data = _payload(out.read_text(encoding="utf-8"))
    assert sorted(data["id"]) == ["IRQ90001", "UKR90002"]
    kyiv = read_incidents(sample).set_index("id").loc["UKR90002"]
    assert (kyiv["country_code"], kyiv["admin1"], kyiv["geo_precision"]) == ("UA", "12", 2)


def test_acled_schema_with_the_dask_engine_is_refused_clearly(tmp_path, capsys):
    argv = ["run", str(SEED), "-o", str(tmp_path / "out"), "--engine", "dask"]
    assert main([*argv, "--schema", "acled"]) == 2
    assert "--schema acled is not available with --engine dask" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


# --- the map command: edited files and every format --------------------------------------


def _payload(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="[^"]+_data">(.*?)</script>', html, re.S)
    assert match, "the incident data block is missing"
    return json.loads(match.group(1))


def test_map_takes_points_from_the_geometry_of_an_edited_geopackage(tmp_path):
    """QGIS moves a point: the geometry changes, the lat/lon attributes stay stale."""
    import pyogrio
    from shapely.geometry import Point

    path = write_incidents(incidents_frame(acled_incidents()[:2]), tmp_path / "incidents.gpkg")
    edited = pyogrio.read_dataframe(path)
    edited.loc[0, "geometry"] = Point(44.01, 36.19)  # Baghdad -> Erbil; lat/lon untouched
    assert edited.loc[0, "lat"] == 33.3405812
    moved = tmp_path / "moved.gpkg"
    pyogrio.write_dataframe(edited, moved, layer="incidents")
    out = tmp_path / "map.html"
    assert main(["-q", "map", str(moved), "-o", str(out)]) == 0
    data = _payload(out.read_text(encoding="utf-8"))
    where = dict(zip(data["id"], zip(data["lat"], data["lon"], strict=True), strict=True))
    assert where["inc-1"] == (36.19, 44.01)


def test_map_warns_about_event_types_that_are_not_acleds(tmp_path, caplog):
    gdf = incidents_frame(acled_incidents()[:2])
    gdf.loc[0, "event_type"] = "Protest"  # a typo made in a GIS
    path = write_incidents(gdf, tmp_path / "incidents.geojson")
    out = tmp_path / "map.html"
    with caplog.at_level(logging.WARNING):
        assert main(["map", str(path), "-o", str(out)]) == 0
    assert "not ACLED's" in caplog.text and "'Protest' (1)" in caplog.text
    assert "Protests" in caplog.text  # the accepted types are listed
    assert out.is_file()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".kml", ".geojsonl"])
def test_map_reads_every_export_format(suffix, tmp_path):
    path = write_incidents(incidents_frame(acled_incidents()[:3]), tmp_path / f"i{suffix}")
    out = tmp_path / "map.html"
    assert main(["-q", "map", str(path), "-o", str(out)]) == 0
    assert sorted(_payload(out.read_text(encoding="utf-8"))["id"]) == ["inc-1", "inc-2", "inc-3"]


def test_map_reads_the_jsonl_that_incidents_writes(tmp_path, gazetteer):
    jsonl = tmp_path / "incidents.jsonl"
    assert main(["-q", "incidents", str(SEED), "-o", str(jsonl)]) == 0
    records = [json.loads(line) for line in jsonl.read_text(encoding="utf-8").splitlines()]
    out = tmp_path / "map.html"
    assert main(["-q", "map", str(jsonl), "-o", str(out)]) == 0
    data = _payload(out.read_text(encoding="utf-8"))
    placed = {r["id"] for r in records if r["lat"] is not None}
    assert placed and set(data["id"]) == placed


def test_map_explains_a_jsonl_that_is_not_incidents(tmp_path, capsys):
    jsonl = tmp_path / "places.jsonl"
    jsonl.write_text('{"id": "a1", "places": []}\n', encoding="utf-8")
    assert main(["map", str(jsonl), "-o", str(tmp_path / "m.html")]) == 2
    err = capsys.readouterr().err
    assert "places.jsonl:1: not an incident" in err and "Traceback" not in err


@pytest.mark.parametrize("suffix", [".gpkg", ".geojson", ".csv"])
def test_map_refuses_the_places_of_geoparse_as_not_incidents(suffix, tmp_path, capsys, gazetteer):
    places = tmp_path / f"places{suffix}"
    assert main(["-q", "geoparse", str(SEED), "-o", str(places)]) == 0
    out = tmp_path / "m.html"
    assert main(["map", str(places), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "holds no incidents: it has no event_type column" in err and not out.exists()


# --- run takes the map's options -----------------------------------------------------------


def test_run_takes_the_maps_options(tmp_path, gazetteer, monkeypatch):
    import incidentmap.render as render

    seen: dict[str, object] = {}
    real = render.incident_map

    def spy(gdf, **options):
        seen.update(options)
        return real(gdf, **options)

    monkeypatch.setattr(render, "incident_map", spy)
    argv = ["-q", "run", str(SEED), "-o", str(tmp_path / "out"), "--title", "Baghdad watch"]
    argv += ["--min-confidence", "0.7", "--no-cluster", "--no-heatmap"]
    assert main(argv) == 0
    assert seen["title"] == "Baghdad watch" and seen["min_confidence"] == 0.7
    assert seen["cluster"] is False and seen["heatmap"] is False
    html = (tmp_path / "out" / "incidents.html").read_text(encoding="utf-8")
    assert "<title>Baghdad watch</title>" in html


def test_run_refuses_a_confidence_outside_0_to_1_before_any_work(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(SEED), "-o", str(out), "--min-confidence", "40"]) == 2
    assert "--min-confidence must be between 0 and 1, not 40" in capsys.readouterr().err
    assert not out.exists()


# --- geoparse follows the output extension -------------------------------------------------


@pytest.mark.parametrize("command", ["geoparse", "incidents"])
@pytest.mark.parametrize(("name", "told"), [("out.txt", "unknown extension '.txt'"),
                                            ("out", "it has no extension")])  # fmt: skip
def test_an_unknown_output_extension_is_refused_naming_json_lines_too(
    command, name, told, tmp_path, capsys
):
    target = tmp_path / name
    assert main([command, str(SEED), "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert told in err and ".jsonl" in err and ".gpkg" in err  # both commands write either
    assert not target.exists()


def test_geoparse_writes_the_gis_format_of_the_extension(tmp_path, gazetteer):
    import pyogrio

    gpkg = tmp_path / "places.gpkg"
    assert main(["-q", "geoparse", str(SEED), "-o", str(gpkg)]) == 0
    assert [str(n) for n, _ in pyogrio.list_layers(gpkg)] == ["toponyms"]
    places = pyogrio.read_dataframe(gpkg)
    assert "Baghdad" in set(places["name"]) and places.crs.to_epsg() == 4326
    table = tmp_path / "places.csv"
    assert main(["-q", "geoparse", str(SEED), "-o", str(table)]) == 0
    assert (tmp_path / "places.csvt").is_file()
    assert len(pd.read_csv(table)) == len(places)
    jsonl = tmp_path / "places.jsonl"
    assert main(["-q", "geoparse", str(SEED), "-o", str(jsonl)]) == 0
    record = json.loads(jsonl.read_text(encoding="utf-8").splitlines()[0])
    assert sum(p["lat"] is not None for p in record["places"]) == len(places)


# --- the Dask engine without its extra -----------------------------------------------------


def test_engine_dask_without_the_extra_names_the_extra(tmp_path):
    script = textwrap.dedent(
        f"""
        import sys
        for name in ("dask", "dask.bag", "distributed", "dask_geopandas"):
            sys.modules[name] = None  # as if the [dask] extra were not installed
        from incidentmap.cli import main
        sys.exit(main(["run", {str(SEED)!r}, "-o", {str(tmp_path / "out")!r},
                       "--engine", "dask"]))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert proc.returncode == 2, proc.stderr
    assert "pip install 'incidentmap[dask]'" in proc.stderr
    assert "Traceback" not in proc.stderr


# --- help text ------------------------------------------------------------------------------


def _parsers(parser: argparse.ArgumentParser):
    yield parser.prog, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in action.choices.values():
                yield from _parsers(sub)


def test_every_option_of_every_command_has_help_text():
    missing = [
        f"{prog} {action.option_strings or action.dest}"
        for prog, parser in _parsers(build_parser())
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction)
        and not (action.help and action.help.strip())
    ]
    assert missing == []


def test_map_and_run_share_the_map_options():
    def options(command: str) -> dict[str, str]:
        parser = dict(_parsers(build_parser()))[f"incidentmap {command}"]
        return {s: a.help for a in parser._actions for s in a.option_strings}

    run, map_ = options("run"), options("map")
    for name in ("--title", "--min-confidence", "--no-cluster", "--no-heatmap"):
        assert run[name] == map_[name]


# --- the README's Python example -----------------------------------------------------------


def test_readme_python_example_gives_the_incidents_of_run(tmp_path, gazetteer, monkeypatch):
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    code = re.search(r"## Python\n\n```python\n(.*?)```", readme, re.S)
    assert code, "the README's Python example is missing"
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for seed in (REPO / "seeds").iterdir():
        (seeds / seed.name).symlink_to(seed)
    # a second outlet reporting the same strike: `run` merges the two reports
    text = SEED.read_text(encoding="utf-8")
    copy = text.replace("https://example.org/news/", "https://other.example/world/")
    (seeds / "same-strike-other-outlet.txt").write_text(copy, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    exec(compile(code.group(1), "README.md", "exec"), namespace)
    assert (tmp_path / "map.html").is_file()
    assert main(["-q", "run", "seeds/", "-o", "out", "--no-map", "--workers", "1"]) == 0
    by_run = read_incidents(tmp_path / "out" / "incidents.geojson")
    assert (by_run["sources"] > 1).any()  # the example has to merge to give these
    example = namespace["gdf"]
    key = ["id", "event_type", "event_date", "location", "fatalities", "sources"]
    ours = example[key].sort_values("id").reset_index(drop=True)
    theirs = by_run[key].sort_values("id").reset_index(drop=True)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)


# --- an output that cannot be written is refused before the work ------------------------


@pytest.mark.parametrize("name", ["incidents.jsonl", "incidents.gpkg"])
def test_incidents_refuses_an_unwritable_output_before_any_work(name, tmp_path, monkeypatch):
    from incidentmap import pipeline

    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(pipeline, "collect", lambda *a, **k: pytest.fail("articles were read"))
    assert main(["-q", "incidents", str(SEED), "-o", str(tmp_path / "file" / name)]) == 2


def test_map_refuses_an_unwritable_output_before_reading(tmp_path, monkeypatch):
    from incidentmap.commands import map as map_command

    path = write_incidents(incidents_frame(acled_incidents()[:2]), tmp_path / "i.geojson")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(map_command, "read_incident_file", lambda *a, **k: pytest.fail("read"))
    assert main(["-q", "map", str(path), "-o", str(tmp_path / "file" / "m.html")]) == 2
    out = tmp_path / "new" / "m.html"  # a missing folder is made, as `incidents -o` does
    monkeypatch.undo()
    assert main(["-q", "map", str(path), "-o", str(out)]) == 0 and out.is_file()


@pytest.mark.parametrize(
    ("argv", "quiet", "verbose"),
    [
        (["run", "a.txt", "-q"], True, False),
        (["-q", "run", "a.txt"], True, False),
        (["run", "a.txt"], False, False),
        (["gazetteer", "search", "Erbil", "-v"], False, True),
        (["-v", "map", "i.gpkg", "--quiet"], True, True),
    ],
)
def test_quiet_and_verbose_are_taken_before_or_after_the_command(argv, quiet, verbose):
    args = build_parser().parse_args(argv)
    assert (args.quiet, args.verbose) == (quiet, verbose)


def test_help_names_feeds_as_inputs_and_the_cache_variable():
    helps = {
        prog: {a.dest: a.help for a in parser._actions} for prog, parser in _parsers(build_parser())
    }
    for command in ("run", "incidents", "geoparse"):
        assert "RSS/Atom feeds" in helps[f"incidentmap {command}"]["inputs"]
    assert "$INCIDENTMAP_CACHE_DIR" in helps["incidentmap gazetteer"]["cache_dir"]


# --- progress on a terminal ----------------------------------------------------------------


@pytest.mark.parametrize(("quiet", "shown"), [((), True), (("-q",), False)])
def test_incidents_shows_progress_on_a_terminal(quiet, shown, tmp_path, monkeypatch, gazetteer):
    from incidentmap import pipeline

    seen: dict[str, object] = {}
    real = pipeline.collect

    def spy(*args, **kwargs):
        seen.update(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(pipeline, "collect", spy)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main([*quiet, "incidents", str(SEED), "-o", str(tmp_path / "i.jsonl")]) == 0
    assert seen["progress"] is shown


@pytest.mark.parametrize("quiet", [(), ("-q",)])
@pytest.mark.parametrize("command", [("geoparse", "-o", "p.jsonl"), ("run", "-o", "out")])
def test_commands_show_one_progress_bar_on_a_terminal(command, quiet, tmp_path, gazetteer):
    name, flag, target = command
    err = subprocess.run(
        [sys.executable, "-c", "import sys; sys.stderr.isatty = lambda: True; "
         "from incidentmap.cli import main; sys.exit(main(sys.argv[1:]))",
         *quiet, name, str(SEED), flag, str(tmp_path / target)],
        capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    assert ("articles: " in err and " art" in err) == (not quiet)


def test_map_reports_a_bad_jsonl_line_by_file_and_line_and_maps_the_rest(
    tmp_path, gazetteer, capsys
):
    jsonl = tmp_path / "incidents.jsonl"
    assert main(["-q", "incidents", str(SEED), "-o", str(jsonl)]) == 0
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    placed = {json.loads(line)["id"] for line in lines if json.loads(line)["lat"] is not None}
    # an edit gone wrong: a record cut in half, and a line of the places of geoparse
    edited = [lines[0], '{"id": "half", "event_type": "Ri', '{"id": "a1", "places": []}']
    jsonl.write_text("\n".join(edited + lines[1:]) + "\n", encoding="utf-8")
    out = tmp_path / "map.html"
    assert main(["map", str(jsonl), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {jsonl}:2: not a JSON line" in err
    assert f"skipped: {jsonl}:3: not an incident" in err
    assert "2 lines skipped" in err and "Traceback" not in err
    assert set(_payload(out.read_text(encoding="utf-8"))["id"]) == placed


def test_map_reports_bad_csv_rows_by_file_and_line_and_maps_the_rest(tmp_path, gazetteer, capsys):
    import csv

    out_dir = tmp_path / "out"
    assert main(["-q", "run", str(SEED), "-o", str(out_dir), "--format", "csv"]) == 0
    path = out_dir / "incidents.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    rows[1][header.index("lat")] = rows[1][header.index("wkt")] = "?"  # no point left
    rows[2] = [*rows[2], "x"]  # one field too many
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    out = tmp_path / "map.html"
    assert main(["map", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"warning: {path}:2: lat '?' is not a number" in err
    assert f"skipped: {path}:3: the row is left out" in err and "Traceback" not in err
    assert "1 line skipped, 2 warnings on kept lines" in err
    assert len(_payload(out.read_text(encoding="utf-8"))["id"]) == len(rows) - 3


def test_command_summaries_count_one_thing_in_the_singular(tmp_path, gazetteer, capsys):
    article = tmp_path / "one.txt"
    article.write_text(
        "---\npublished: 2021-11-07\n---\n\nA car bomb killed one person in Baghdad on Friday.\n",
        encoding="utf-8",
    )
    assert main(["incidents", str(article), "-o", str(tmp_path / "i.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "1 article, 0 inputs skipped, 1 incident" in err
    assert main(["run", str(article), "-o", str(tmp_path / "out"), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    assert "1 article read, 0 inputs skipped, " in err and ", 1 incident\n" in err
    assert "1 fatality" in err and "1 fatalities" not in err
