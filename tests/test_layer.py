"""Incremental runs: `incidentmap run NEW --into LAYER` and the run summary."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pyogrio
import pytest

from incidentmap.cli import main
from incidentmap.export import read_incidents
from incidentmap.layer import LayerFile

pytestmark = pytest.mark.usefixtures("gazetteer")  # the default index, built once

DAY1 = {
    "mosul-bomb": (
        "2021-11-08",
        "A car bomb exploded in Mosul on Sunday, killing four people, police said.\n",
    ),
    "basra-protest": (
        "2021-11-08",
        "Hundreds of protesters marched in Basra on Sunday against power cuts.\n",
    ),
}
# the same Mosul bombing told by another outlet a day later, with a higher toll
DAY2 = {
    "mosul-bomb-followup": (
        "2021-11-09",
        "Seven people were killed when a car bomb exploded in Mosul on Sunday, police said.\n",
    ),
    "kirkuk-clash": (
        "2021-11-09",
        "Fighters clashed with soldiers in Kirkuk on Monday, killing two.\n",
    ),
}


def write(folder: Path, articles: dict[str, tuple[str, str]], *, url: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (published, text) in articles.items():
        head = f"published: {published}\n" + (
            f"url: https://news.example.org/{name}\n" if url else ""
        )
        (folder / f"{name}.txt").write_text(f"---\n{head}---\n\n{text}", encoding="utf-8")
    return folder


def run_into(layer: Path, *inputs: Path | str, out: Path, extra: tuple[str, ...] = ()) -> int:
    args = ["-q", "run", *map(str, inputs), "--into", str(layer), "-o", str(out), "--workers", "1"]
    return main([*args, *extra])


def summary(out: Path) -> dict:
    return json.loads((out / "run-summary.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("suffix", [".gpkg", ".parquet"])
def test_a_second_day_merges_into_the_layer_and_a_rerun_adds_nothing(tmp_path, suffix):
    layer, out = tmp_path / f"iraq{suffix}", tmp_path / "out"
    day1, day2 = write(tmp_path / "day1", DAY1), write(tmp_path / "day2", DAY2)

    assert run_into(layer, day1, out=out) == 0
    first = read_incidents(layer)
    mosul = first[first["location"] == "Mosul"]
    assert len(mosul) == 1 and mosul.iloc[0]["fatalities"] == 4
    assert summary(out)["incidents"] == {"new": len(first), "merged": 0, "total": len(first)}

    assert run_into(layer, day2, out=out) == 0
    second = read_incidents(layer)
    report = summary(out)
    assert report["articles"]["new"] == 2 and report["articles"]["skipped_seen"] == 0
    # the follow-up joined the day-1 bombing: one incident, two sources, the higher toll
    mosul2 = second[second["location"] == "Mosul"]
    assert len(mosul2) == 1
    row = mosul2.iloc[0]
    assert row["id"] == mosul.iloc[0]["id"]  # the layer's incident keeps its id
    assert row["sources"] == 2 and row["fatalities"] == 7
    assert sorted(row["article_ids"]) == ["mosul-bomb", "mosul-bomb-followup"]
    assert report["incidents"]["merged"] == 1
    assert report["incidents"]["total"] == len(second) == len(first) + report["incidents"]["new"]
    assert report["by_type"]["Explosions/Remote violence"]["merged"] == 1
    assert report["by_country"]["IQ"]["total"] == len(second)
    assert (out / "incidents.html").is_file()

    # the same inputs again: everything is skipped as seen, nothing changes
    before = layer.read_bytes()
    assert run_into(layer, day1, day2, out=out) == 0
    again = summary(out)
    assert again["articles"] == {
        "read": 4, "new": 0, "skipped_seen": 4, "skipped_since": 0, "problems": 0,
        "non_english": 0,
    }  # fmt: skip
    assert again["incidents"] == {"new": 0, "merged": 0, "total": len(second)}
    assert layer.read_bytes() == before


def test_the_geopackage_keeps_a_table_of_processed_articles(tmp_path):
    layer, out = tmp_path / "layer.gpkg", tmp_path / "out"
    assert run_into(layer, write(tmp_path / "day1", DAY1), out=out) == 0
    assert run_into(layer, write(tmp_path / "day2", DAY2), out=out) == 0
    layers = dict(pyogrio.list_layers(layer))
    assert list(layers) == ["incidents", "processed_articles"]  # the point layer first
    assert layers["processed_articles"] is None  # an attribute table, as QGIS lists it
    table = pyogrio.read_dataframe(layer, layer="processed_articles")
    assert sorted(table["article_id"]) == sorted([*DAY1, *DAY2])
    assert set(table["url"]) == {f"https://news.example.org/{n}" for n in [*DAY1, *DAY2]}
    assert table["content_sha256"].str.len().eq(64).all()
    assert table["run_id"].nunique() == 2
    mosul = table.set_index("article_id").loc["mosul-bomb"]
    assert mosul["incidents"] == 1 and mosul["published"] == "2021-11-08"


def test_an_article_is_seen_by_its_id_its_url_or_its_text(tmp_path, caplog):
    layer, out = tmp_path / "layer.gpkg", tmp_path / "out"
    assert run_into(layer, write(tmp_path / "day1", DAY1), out=out) == 0
    (tmp_path / "day2").mkdir()
    published, text = DAY1["mosul-bomb"]
    # the same text under another name, no URL
    (tmp_path / "day2" / "copy.txt").write_text(f"---\npublished: {published}\n---\n\n{text}")
    # another text at a URL already processed (a page updated since)
    (tmp_path / "day2" / "updated.txt").write_text(
        "---\nurl: HTTPS://news.example.org/basra-protest#live\n---\n\n"
        "Protesters marched again in Basra on Monday.\n"
    )
    # an article with an id already in the layer
    (tmp_path / "day2" / "ids.jsonl").write_text(
        json.dumps({"id": "mosul-bomb", "text": "Gunmen attacked a checkpoint in Tikrit."}) + "\n"
    )
    # and one article twice in this run
    write(tmp_path / "day2", {"kirkuk-clash": DAY2["kirkuk-clash"]})
    write(tmp_path / "day2b", {"kirkuk-clash": DAY2["kirkuk-clash"]})
    assert main(["run", str(tmp_path / "day2"), str(tmp_path / "day2b"), "--into", str(layer),
                 "-o", str(out), "--workers", "1"]) == 0  # fmt: skip
    articles = summary(out)["articles"]
    assert articles["read"] == 5 and articles["new"] == 1 and articles["skipped_seen"] == 4
    # the one seen by its id alone is named: it may be another article with a reused name
    err = caplog.text
    assert "ids.jsonl:1: skipped: the layer has an article with id 'mosul-bomb' and another" in err
    assert err.count("skipped: the layer has an article with id") == 1


def test_since_leaves_out_older_articles(tmp_path):
    layer, out = tmp_path / "layer.gpkg", tmp_path / "out"
    inputs = write(tmp_path / "in", {**DAY1, **DAY2})
    assert run_into(layer, inputs, out=out, extra=("--since", "2021-11-09")) == 0
    articles = summary(out)["articles"]
    assert articles["new"] == 2 and articles["skipped_since"] == 2
    assert set(read_incidents(layer)["article_id"]) == set(DAY2)
    assert main(["-q", "run", str(inputs), "--into", str(layer), "--since", "9 Nov"]) == 2


def test_an_interrupted_update_leaves_the_layer_as_it_was(tmp_path, monkeypatch):
    layer, out = tmp_path / "layer.gpkg", tmp_path / "out"
    assert run_into(layer, write(tmp_path / "day1", DAY1), out=out) == 0
    write(tmp_path / "day2", DAY2)
    before = layer.read_bytes()
    files = sorted(p.name for p in tmp_path.iterdir())

    def interrupted(self, written):
        raise KeyboardInterrupt

    monkeypatch.setattr(LayerFile, "commit", interrupted)
    assert run_into(layer, tmp_path / "day2", out=out) == 130
    assert layer.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == files  # no temporary file left
    monkeypatch.undo()
    # the articles of the interrupted run were not recorded: the next run takes them
    (tmp_path / ".layer.gpkg.0123456789ab.tmp.gpkg").write_bytes(b"left by kill -9")
    assert run_into(layer, tmp_path / "day2", out=out) == 0
    assert summary(out)["articles"]["new"] == 2
    assert not (tmp_path / ".layer.gpkg.0123456789ab.tmp.gpkg").exists()


def test_a_geoparquet_run_cut_between_its_two_renames_reads_as_before(tmp_path, monkeypatch):
    import os

    layer, out = tmp_path / "layer.parquet", tmp_path / "out"
    assert run_into(layer, write(tmp_path / "day1", DAY1), out=out) == 0
    before = layer.read_bytes()
    real = os.replace

    def replace(src, dst):  # the sidecar arrives, the layer does not
        if Path(dst) == layer:
            raise KeyboardInterrupt
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    assert run_into(layer, write(tmp_path / "day2", DAY2), out=out) == 130
    monkeypatch.undo()
    assert layer.read_bytes() == before
    sidecar = pq.read_table(tmp_path / "layer.processed_articles.parquet")
    assert len(sidecar) == 4  # it holds the cut run's rows, which are not read
    assert run_into(layer, tmp_path / "day2", out=out) == 0
    assert summary(out)["articles"]["new"] == 2
    assert set(read_incidents(layer)["article_id"]) >= set(DAY2) - {"mosul-bomb-followup"}


def test_a_layer_written_by_a_plain_run_can_be_kept_current(tmp_path):
    first = tmp_path / "first"
    day1 = write(tmp_path / "day1", DAY1, url=False)
    assert (
        main(["-q", "run", str(day1), "-o", str(first), "--format", "gpkg", "--workers", "1"]) == 0
    )
    layer, out = first / "incidents.gpkg", tmp_path / "out"
    assert run_into(layer, day1, write(tmp_path / "day2", DAY2), out=out) == 0
    assert summary(out)["articles"]["skipped_seen"] == 2  # known by the ids its incidents name
    table = pyogrio.read_dataframe(layer, layer="processed_articles")
    assert set(table["article_id"]) == {*DAY1, *DAY2}


def test_into_refuses_what_is_not_a_layer(tmp_path, capsys):
    (tmp_path / "notes.csv").write_text("a,b\n")
    assert main(["run", str(tmp_path), "--into", str(tmp_path / "notes.csv")]) == 2
    assert "a layer is a GeoPackage (.gpkg) or a GeoParquet" in capsys.readouterr().err
    (tmp_path / "broken.gpkg").write_text("not sqlite")
    assert main(["run", str(tmp_path), "--into", str(tmp_path / "broken.gpkg")]) == 2
    assert "cannot be read" in capsys.readouterr().err


def test_the_run_summary_is_printed_and_kept_beside_the_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(write(tmp_path / "in", DAY1)), "-o", str(out), "--workers", "1"]) == 0
    report = summary(out)
    assert report["articles"]["read"] == 2 and report["articles"]["new"] == 2
    total = report["incidents"]["total"]
    assert total == sum(t["total"] for t in report["by_type"].values()) >= 2
    assert report["by_country"]["IQ"]["total"] == total
    # fatalities and months, as the map's summary panel shows them (issue 16)
    assert report["fatalities"] == 4  # the Mosul bombing
    assert report["by_type"]["Explosions/Remote violence"]["fatalities"] == 4
    assert report["by_month"]["2021-11"] == {"incidents": total, "fatalities": 4}
    printed = capsys.readouterr().err
    assert "by month: 2021-11 " in printed and "4 fatalities" in printed
    layer_out = tmp_path / "layer-out"
    assert run_into(tmp_path / "l.gpkg", tmp_path / "in", out=layer_out, extra=()) == 0
    capsys.readouterr()
    assert main(["run", str(tmp_path / "in"), "--into", str(tmp_path / "l.gpkg"),
                 "-o", str(layer_out)]) == 0  # fmt: skip
    err = capsys.readouterr().err
    assert "articles: 2 read, 0 new, 2 skipped as already seen" in err
    assert f"incidents: 0 new, 0 merged into existing ones, {total} in total" in err
    assert "by type:" in err and "by country: IQ" in err


def test_edits_saved_in_a_gis_survive_the_next_run(tmp_path):
    from shapely.geometry import Point

    layer, out = tmp_path / "layer.gpkg", tmp_path / "out"
    assert run_into(layer, write(tmp_path / "day1", DAY1), out=out) == 0
    # as QGIS saves them: a column added, a point moved, dates as date-times
    gdf = pyogrio.read_dataframe(layer, layer="incidents")
    basra = gdf.index[gdf["location"] != "Mosul"][0]
    gdf["checked"] = "no"
    gdf.loc[basra, "checked"] = "yes"
    gdf.loc[basra, "geometry"] = Point(47.9, 30.6)
    moved = gdf.loc[basra, "id"]
    pyogrio.write_dataframe(gdf, layer, layer="incidents")
    assert run_into(layer, write(tmp_path / "day2", DAY2), out=out) == 0
    after = pyogrio.read_dataframe(layer, layer="incidents").set_index("id")
    assert after.loc[moved, "checked"] == "yes" and after.loc[moved, "lon"] == 47.9
    assert after["checked"].isna().sum() == summary(out)["incidents"]["new"]
    assert summary(out)["incidents"]["merged"] == 1  # the Mosul bombing, date-times or not


def test_counts_take_a_nullable_fatalities_column():
    """`run seeds/baghdad-drone-strike.txt --into new.gpkg` crashed: NA in an Int64 column."""
    import pandas as pd

    from incidentmap.summary import IncidentCounts

    frame = pd.DataFrame(
        {
            "event_type": ["Riots", "Protests"],
            "country_code": ["IQ", "IQ"],
            "event_date": ["2021-11-05", None],
            "fatalities": pd.array([1, None], dtype="Int64"),
        }
    )
    counts = IncidentCounts()
    counts.add_frame("total", frame)
    assert counts.by_type["Riots"]["total"] == 1 and counts.by_type["Protests"]["total"] == 1
    assert counts.by_type["Riots"]["fatalities"] == 1
    assert counts.by_type["Protests"].get("fatalities", 0) == 0 and counts.fatalities == 1


def test_a_new_layer_of_the_baghdad_seed(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "seeds" / "baghdad-drone-strike.txt"
    out = tmp_path / "out"
    assert run_into(tmp_path / "l.gpkg", seed, out=out) == 0
    assert summary(out)["incidents"]["total"] == len(read_incidents(tmp_path / "l.gpkg")) > 0
