"""The `run` and `incidents` commands end to end: seeds, bad input, outputs, exit status."""

from __future__ import annotations

import json

import pyogrio
import pytest

from incidentmap.cli import main


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory, gazetteer):
    out = tmp_path_factory.mktemp("seed-run")
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    assert main(["-q", "run", str(repo / "seeds"), "-o", str(out), "--workers", "1"]) == 0
    return out


def _features(path):
    return json.loads(path.read_text(encoding="utf-8"))["features"]


def test_run_writes_map_and_geojson_that_gdal_reads(seed_run):
    geojson = seed_run / "incidents.geojson"
    html = seed_run / "incidents.html"
    assert geojson.is_file() and html.is_file()
    gdf = pyogrio.read_dataframe(geojson)
    assert len(gdf) >= 8 and gdf.crs.to_epsg() == 4326
    assert set(gdf["event_type"]) >= {"Explosions/Remote violence", "Protests"}
    assert "<script>" in html.read_text(encoding="utf-8")[:200000]


def _seed_incidents(seed_run):
    feats = [f["properties"] for f in _features(seed_run / "incidents.geojson")]
    return [p for p in feats if p["article_id"] == "baghdad-drone-strike"]


def test_seed_drone_strike_is_one_incident_on_the_publication_day(seed_run):
    found = [p for p in _seed_incidents(seed_run) if p["sub_event_type"] == "Air/drone strike"
             and not p["background"]]  # fmt: skip
    assert len(found) == 1
    strike = found[0]
    assert strike["event_type"] == "Explosions/Remote violence"
    assert strike["event_date"] == "2021-11-07" and strike["time_precision"] == 1
    assert strike["location"] in {"Baghdad", "Green Zone"}
    assert strike["fatalities"] in (None, 0)


def test_seed_green_zone_clashes_on_friday_with_casualties(seed_run):
    clashes = [p for p in _seed_incidents(seed_run) if p["event_type"] in ("Riots", "Protests")
               and p["event_date"] == "2021-11-05"]  # fmt: skip
    assert clashes, "the Friday storming of the Green Zone is missing"
    c = clashes[0]
    assert c["location"] == "Green Zone" and c["fatalities"] == 1 and c["injured"] == 125


def test_seed_arrests_and_background(seed_run):
    incidents = _seed_incidents(seed_run)
    arrests = [p for p in incidents if p["sub_event_type"] == "Arrests" and not p["background"]]
    dates = {(p["event_date"], p["time_precision"]) for p in arrests}
    assert ("2019-06-01", 3) in dates
    assert any(d.startswith("2021-") and prec == 3 for d, prec in dates)
    background = [p for p in incidents if p["background"]]
    assert any("recent years" in p["evidence"] for p in background)


def test_bad_inputs_are_reported_and_the_rest_processed(tmp_path, gazetteer, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(
        "---\npublished: 2024-03-02\n---\nGunmen attacked a police checkpoint in Kirkuk on "
        "Friday, killing two officers, police said.\n",
        encoding="utf-8",
    )
    (src / "latin1.txt").write_bytes("Caf\xe9 bombing in Paris".encode("latin-1"))
    (src / "empty.txt").write_text("   \n", encoding="utf-8")
    (src / "feed.jsonl").write_text('{"text": "Protesters marched in Nairobi."}\n[1, 2]\n'
                                    '{"title": "no text"}\n', encoding="utf-8")  # fmt: skip
    (src / "table.csv").write_text("headline,when\nA,2024-01-01\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(src), "-o", str(out), "--workers", "1"]) == 0
    err = capsys.readouterr().err
    for where in ("latin1.txt", "empty.txt", "feed.jsonl:2", "feed.jsonl:3", "table.csv"):
        assert where in err, f"{where} not reported in:\n{err}"
    feats = _features(out / "incidents.geojson")
    assert any(f["properties"]["location"] == "Kirkuk" for f in feats)


def test_nothing_processable_exits_1(tmp_path, gazetteer, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["run", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "o")]) == 1
    assert main(["run", str(tmp_path / "missing.txt"), "-o", str(tmp_path / "o")]) == 1
    assert "missing.txt" in capsys.readouterr().err


def test_usage_errors_exit_2_with_the_accepted_values(tmp_path, capsys):
    assert main(["run", str(tmp_path), "--format", "geojson,shp"]) == 2
    assert "gpkg" in capsys.readouterr().err
    assert main(["incidents", str(tmp_path), "-o", str(tmp_path / "x.docx")]) == 2
    assert ".geojson" in capsys.readouterr().err
    assert main(["run", str(tmp_path), "--workers", "0"]) == 2


def test_incidents_command_writes_jsonl_and_gis_files(tmp_path, repo, gazetteer, capsys):
    seed = repo / "seeds" / "baghdad-drone-strike.txt"
    assert main(["-q", "incidents", str(seed), "--workers", "1"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert lines and all(rec["article_id"] == "baghdad-drone-strike" for rec in lines)
    target = tmp_path / "x.gpkg"
    assert main(["-q", "incidents", str(seed), "-o", str(target), "--workers", "1"]) == 0
    assert len(pyogrio.read_dataframe(target, layer="incidents")) == len(lines)


def test_run_with_more_formats(tmp_path, repo, gazetteer):
    seed = repo / "seeds" / "baghdad-drone-strike.txt"
    out = tmp_path / "out"
    fmts = "geojson,gpkg,csv,parquet,kml"
    assert main(["-q", "run", str(seed), "-o", str(out), "--format", fmts, "--no-map"]) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(["incidents.geojson", "incidents.gpkg", "incidents-toponyms.gpkg",
                            "incidents.csv", "incidents.csvt", "incidents.prj",
                            "incidents.parquet", "incidents.kml", "run-summary.json"])  # fmt: skip
    layers = [name for name, _ in pyogrio.list_layers(out / "incidents.gpkg")]
    assert layers == ["incidents"]
    toponyms = [name for name, _ in pyogrio.list_layers(out / "incidents-toponyms.gpkg")]
    assert toponyms == ["toponyms"]


def test_process_pool_gives_the_same_results_in_order(tmp_path, gazetteer):
    from incidentmap.pipeline import POOL_THRESHOLD, Processor, iter_results
    from incidentmap.text.articles import read_articles

    towns = ["Kirkuk", "Mosul", "Basra", "Kabul", "Nairobi"]
    feed = tmp_path / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as handle:
        for i in range(POOL_THRESHOLD + 50):
            text = f"Gunmen attacked a police station in {towns[i % 5]} on Monday, police said."
            handle.write(json.dumps({"id": f"n{i}", "text": text, "published": "2024-03-06"}))
            handle.write("\n")
    processor = Processor(gazetteer)
    alone = [(r.article.id, [i.location for i in r.incidents])
             for r in iter_results(read_articles(feed), processor, workers=1)]  # fmt: skip
    pooled = [(r.article.id, [i.location for i in r.incidents])
              for r in iter_results(read_articles(feed), processor, workers=2)]  # fmt: skip
    assert pooled == alone and len(alone) == POOL_THRESHOLD + 50
    assert alone[0] == ("n0", ["Kirkuk"])


def test_a_town_named_with_its_sea_is_the_incident_place(tmp_path, gazetteer):
    from incidentmap.model import Article
    from incidentmap.pipeline import Processor

    article = Article(
        id="sea",
        text="Coalition aircraft struck a fuel depot in the Red Sea port city of Hodeidah "
        "on Friday, killing three people, residents said.",
        published=__import__("datetime").date(2022, 1, 22),
    )
    incidents = Processor(gazetteer)(article).incidents
    assert incidents and incidents[0].country_code == "YE"
    assert incidents[0].location != "Red Sea" and incidents[0].geo_precision == 1
