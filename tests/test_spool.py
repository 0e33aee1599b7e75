"""The disk spool, the sweep that merges reports of one event, and the streaming writers."""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import replace
from itertools import combinations

import geopandas
import pyarrow.parquet as pq
import pyogrio
import pytest

from incidentmap.export import write_incident_stream, write_incidents
from incidentmap.frame import incidents_frame
from incidentmap.incidents import merge_incidents
from incidentmap.incidents.dedupe import (
    MergeKey,
    date_range,
    dates_compatible,
    event_groups,
    haversine_km,
    sorted_keys,
)
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
from incidentmap.pipeline import merge_across_articles
from incidentmap.spool import IncidentSpool

TYPES = [EventType.RIOTS, EventType.PROTESTS]


def _incident(rng: random.Random, n: int) -> Incident:
    """A random report near a few hot spots (the equator, 65°N, the date line)."""
    lat0, lon0 = rng.choice([(0.0, 10.0), (65.0, 30.0), (-17.0, 179.95), (-17.0, -179.95)])
    day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(60))
    located = rng.random() > 0.05
    return Incident(
        id=f"i{n}",
        article_id=f"a{rng.randrange(40)}",
        event_type=rng.choice(TYPES),
        sub_event_type="",
        event_date=day.isoformat() if rng.random() > 0.05 else None,
        time_precision=rng.choice(list(TimePrecision)),
        location=None,
        place_id=None,
        lat=lat0 + rng.uniform(-0.4, 0.4) if located else None,
        lon=(lon0 + rng.uniform(-0.6, 0.6) + 180) % 360 - 180 if located else None,
        country_code=None,
        admin1=None,
        geo_precision=GeoPrecision.EXACT,
        evidence=f"Report {n}.",
        evidence_start=rng.randrange(500),
        evidence_end=600,
        fatalities=rng.choice([None, 1, 4]),
        background=rng.random() < 0.05,
    )


def _same_event(a: Incident, b: Incident, max_km: float) -> bool:
    return (
        a.article_id != b.article_id
        and dates_compatible(a.event_date, a.time_precision, b.event_date, b.time_precision)
        and haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km  # type: ignore[arg-type]
    )


def _mergeable(inc: Incident) -> bool:
    return not inc.background and inc.event_date is not None and inc.lat is not None


def _reference_groups(items: list[Incident], max_km: float) -> set[frozenset[int]]:
    """Complete-linkage grouping the slow way: every report against every open group."""
    order = sorted(
        (i for i, inc in enumerate(items) if _mergeable(inc)),
        key=lambda i: (*date_range(items[i].event_date, items[i].time_precision), i),
    )
    groups: list[list[int]] = []  # in the order they were started
    for i in order:
        eligible = [
            (haversine_km(items[i].lat, items[i].lon, items[g[0]].lat, items[g[0]].lon), n)
            for n, g in enumerate(groups)
            if items[g[0]].event_type == items[i].event_type
            and all(_same_event(items[i], items[j], max_km) for j in g)
        ]
        if eligible:
            groups[min(eligible)[1]].append(i)
        else:
            groups.append([i])
    found = {frozenset(g) for g in groups}
    return found | {frozenset([i]) for i, inc in enumerate(items) if not _mergeable(inc)}


@pytest.mark.parametrize("seed", range(6))
def test_sweep_groups_like_the_slow_reference(seed: int) -> None:
    rng = random.Random(seed)
    items = [_incident(rng, n) for n in range(300)]
    roots = event_groups(sorted_keys(items), max_km=25.0)
    groups: dict[int, set[int]] = {}
    for i in range(len(items)):
        groups.setdefault(roots.get(i, i), set()).add(i)
    assert {frozenset(g) for g in groups.values()} == _reference_groups(items, 25.0)
    assert any(len(g) > 2 for g in groups.values())  # the sample does exercise merging
    for group in groups.values():  # every report of a group is compatible with the others
        assert all(_same_event(items[a], items[b], 25.0) for a, b in combinations(group, 2))


def test_reports_of_consecutive_days_do_not_chain_into_one_incident() -> None:
    rng = random.Random(2)
    base = replace(_incident(rng, 0), lat=10.0, lon=10.0, background=False,
                   time_precision=TimePrecision.DAY)  # fmt: skip
    daily = [
        replace(base, id=f"d{n}", article_id=f"a{n}", event_date=f"2021-03-{n:02d}")
        for n in range(1, 11)
    ]
    merged = merge_incidents(daily)
    assert len(merged) == 5  # day pairs (1-2, 3-4, ...), not one ten-day incident
    assert {m.sources for m in merged} == {2}


def test_reports_a_day_apart_merge_across_the_date_line() -> None:
    rng = random.Random(1)
    one = replace(_incident(rng, 1), article_id="a", event_date="2021-03-01", lat=-17.0,
                  lon=179.99, time_precision=TimePrecision.DAY, background=False)  # fmt: skip
    two = replace(one, id="i2", article_id="b", event_date="2021-03-02", lon=-179.99)
    (merged,) = merge_incidents([one, two])
    assert merged.sources == 2
    three = replace(two, id="i3", article_id="c", event_date="2021-03-04")
    assert len(merge_incidents([one, three])) == 2


def test_sweep_refuses_unsorted_keys() -> None:
    keys = [MergeKey(0, "Riots", 10, 10, 0.0, 0.0, frozenset("a")),
            MergeKey(1, "Riots", 9, 9, 0.0, 0.0, frozenset("b"))]  # fmt: skip
    with pytest.raises(ValueError, match="sorted"):
        event_groups(keys)


def test_spool_gives_the_in_memory_merge_whatever_the_order(tmp_path) -> None:
    rng = random.Random(7)
    items = [_incident(rng, n) for n in range(400)]
    expected = merge_across_articles(items)
    shuffled = items[:]
    rng.shuffle(shuffled)
    with IncidentSpool(tmp_path) as spool:
        for start in range(0, len(shuffled), 37):
            spool.add(shuffled[start : start + 37])
        assert spool.reports == 400
        assert spool.finish(merge=True) == len(expected) < 400
        got = [i for chunk in spool.chunks(50) for i in chunk]
        again = [i for chunk in spool.chunks(1000) for i in chunk]
    assert got == expected == again
    assert list(tmp_path.iterdir()) == []  # the spool cleans up after itself


def test_spool_without_merge_keeps_every_report_in_reading_order() -> None:
    rng = random.Random(3)
    items = [_incident(rng, n) for n in range(50)]
    with IncidentSpool() as spool:
        spool.add(reversed(items))
        spool.finish(merge=False)
        got = [i for chunk in spool.chunks() for i in chunk]
    assert got == sorted(items, key=lambda i: (i.article_id, i.evidence_start, i.id))


def test_spool_misuse_is_a_clear_error() -> None:
    spool = IncidentSpool()
    with pytest.raises(Exception, match="with block"):
        spool.add([])
    with spool, pytest.raises(Exception, match="finish"):
        next(spool.chunks())


def _chunks(items: list[Incident], size: int) -> list[geopandas.GeoDataFrame]:
    return [incidents_frame(items[i : i + size]) for i in range(0, len(items), size)]


@pytest.mark.parametrize("fmt", ["geojson", "geojsonseq", "csv", "kml"])
def test_streamed_text_files_equal_the_whole_frame_file(tmp_path, fmt) -> None:
    rng = random.Random(5)
    items = [_incident(rng, n) for n in range(120)]
    whole = write_incidents(incidents_frame(items), tmp_path / "whole" / f"x.{fmt}", format=fmt)
    parts = write_incident_stream(lambda: _chunks(items, 25), tmp_path / f"x.{fmt}", format=fmt)
    assert parts.read_bytes() == whole.read_bytes()
    if fmt == "geojson":
        assert len(json.loads(parts.read_text())["features"]) == 120


def test_streamed_geopackage_and_geoparquet_hold_every_chunk(tmp_path) -> None:
    rng = random.Random(9)
    items = [_incident(rng, n) for n in range(90)]
    gpkg = write_incident_stream(lambda: _chunks(items, 40), tmp_path / "x.gpkg")
    assert pyogrio.read_info(gpkg, layer="incidents")["features"] == 90
    parquet = write_incident_stream(lambda: _chunks(items, 40), tmp_path / "x.parquet")
    table = pq.read_table(parquet)
    assert table.num_rows == 90 and table.num_rows == len(set(table.column("id").to_pylist()))
    geo = json.loads(pq.read_schema(parquet).metadata[b"geo"])
    xmin, _, xmax, _ = geo["columns"]["geometry"]["bbox"]
    lons = [i.lon for i in items if i.lon is not None]
    assert (xmin, xmax) == (pytest.approx(min(lons)), pytest.approx(max(lons)))
    back = geopandas.read_parquet(parquet)
    assert str(back["fatalities"].dtype) == "Int32" and len(back) == 90


def test_an_empty_stream_still_writes_a_valid_file(tmp_path) -> None:
    path = write_incident_stream(lambda: [incidents_frame([])], tmp_path / "x.geojson")
    assert json.loads(path.read_text()) == {"type": "FeatureCollection", "features": []}


def test_a_result_above_the_map_limit_gets_a_density_map(tmp_path, repo, gazetteer, monkeypatch):
    from incidentmap import pipeline
    from incidentmap.render import density

    monkeypatch.setattr(density, "MAP_LIMIT", 3)
    summary = pipeline.run([repo / "seeds"], tmp_path, gazetteer=gazetteer, workers=1,
                           progress=False, spool_dir=tmp_path / "spool")  # fmt: skip
    assert summary.incidents > 3
    html = (tmp_path / "incidents.html").read_text(encoding="utf-8")
    assert "incidents of this type in this 0.1° cell" in html
    features = json.loads((tmp_path / "incidents.geojson").read_text())["features"]
    assert len(features) == summary.incidents  # the files keep every incident
    assert list((tmp_path / "spool").iterdir()) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_results_stream_from_an_endless_article_stream(gazetteer, workers):
    from itertools import count, islice

    from incidentmap.model import Article
    from incidentmap.pipeline import Processor, iter_results

    text = "Protesters marched in Nairobi on Friday."
    endless = (Article(id=f"a{i}", text=text) for i in count())
    first = list(islice(iter_results(endless, Processor(gazetteer), workers=workers), 300))
    assert [r.article.id for r in first] == [f"a{i}" for i in range(300)]
