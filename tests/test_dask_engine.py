"""The Dask engine gives the same incidents as the local engine, on a LocalCluster."""

from __future__ import annotations

import json
import logging
import os
import signal

import pytest

pytest.importorskip("distributed")
pytest.importorskip("dask_geopandas")

from incidentmap import dask_engine
from incidentmap.dask_engine import WorkUnit, plan_units, run_dask
from incidentmap.errors import InputError
from incidentmap.pipeline import ArticleResult, run


def _corpus(tmp_path, repo):
    """The seed articles as .txt files plus the same texts again as JSON lines."""
    folder = tmp_path / "in"
    folder.mkdir()
    lines = []
    for i, seed in enumerate(sorted((repo / "seeds").glob("*.txt"))):
        text = seed.read_text(encoding="utf-8")
        (folder / seed.name).write_text(text, encoding="utf-8")
        body = text.split("---\n", 2)[2].lstrip("\n")
        lines.append(json.dumps({"id": f"j{i}", "text": body, "published": "2022-05-01"}))
    lines.insert(3, "{not json")
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _key(feature):
    p = feature["properties"]
    return (feature["id"], p["event_type"], p["sub_event_type"], p["event_date"], p["location"])


def test_plan_units_splits_json_lines_by_line_ranges(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(f'{{"text": "line {i}"}}\n' for i in range(10)), encoding="utf-8")
    (tmp_path / "a.txt").write_text("A text.", encoding="utf-8")
    units = plan_units([tmp_path], lines_per_unit=4)
    ranges = [(u.first_line, u.lines) for u in units if u.offset is not None]
    assert ranges == [(1, 4), (5, 4), (9, 2)]
    assert WorkUnit((str(tmp_path / "a.txt"),)) in units
    with pytest.raises(InputError, match="standard input"):
        plan_units(["-"])


@pytest.mark.slow
def test_dask_engine_matches_local_engine(tmp_path, repo, gazetteer):
    corpus = _corpus(tmp_path, repo)
    problems = []
    local = run([corpus], tmp_path / "local", gazetteer=gazetteer, workers=1,
                report=problems.append, write_map=False)  # fmt: skip
    dask_problems = []
    distributed = run_dask([corpus], tmp_path / "dask", gazetteer=gazetteer, workers=2,
                           lines_per_unit=3, report=dask_problems.append)  # fmt: skip
    assert local.articles == distributed.articles > 10
    assert local.incidents == distributed.incidents > 5
    # the malformed JSON line is reported with its file and line by both engines
    assert [(p.line, "feed.jsonl" in p.source) for p in problems] == [(4, True)]
    assert [(p.line, "feed.jsonl" in p.source) for p in dask_problems] == [(4, True)]
    a = json.loads((tmp_path / "local" / "incidents.geojson").read_text(encoding="utf-8"))
    b = json.loads((tmp_path / "dask" / "incidents.geojson").read_text(encoding="utf-8"))
    assert sorted(map(_key, a["features"])) == sorted(map(_key, b["features"]))
    assert a == b  # same order too: the merge does not depend on which worker finished first
    # the partitioned GeoParquet holds the same incidents, for geopandas and dask-geopandas
    import dask_geopandas
    import geopandas

    parts = geopandas.read_parquet(tmp_path / "dask" / "incidents.parquet")
    assert sorted(parts["id"]) == sorted(f["id"] for f in b["features"])
    lazy = dask_geopandas.read_parquet(tmp_path / "dask" / "incidents.parquet")
    assert lazy.crs.to_epsg() == 4326 and len(lazy.compute()) == len(parts)
    assert (tmp_path / "dask" / "incidents.html").stat().st_size > 10_000


def _failing(article):
    if article.line == 2:
        raise RuntimeError("boom")
    return ArticleResult(article, (), ())


def test_a_failing_article_is_reported_with_its_file_and_line_and_the_unit_goes_on(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(f'{{"text": "line {i}"}}\n' for i in range(3)), encoding="utf-8")
    [unit] = plan_units([feed], lines_per_unit=3)
    result = dask_engine._process_unit(unit, _failing)
    assert result.articles == 2
    [problem] = result.problems
    assert (problem.source, problem.line) == (str(feed), 2) and "RuntimeError: boom" in str(problem)
    assert dask_engine._describe(unit) == f"{feed}, lines 1-3"


def _count(unit, processor, keep_toponyms=False):
    return dask_engine._UnitResult(unit.lines, 0, (), ())


@pytest.mark.slow
def test_units_are_submitted_a_few_at_a_time(monkeypatch):
    from distributed import Client, LocalCluster

    monkeypatch.setattr(dask_engine, "_process_unit", _count)
    units = [WorkUnit(("feed.jsonl",), 0, i, 1) for i in range(1, 31)]
    with (
        LocalCluster(
            n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        compute, submitted = client.compute, []
        monkeypatch.setattr(
            client, "compute", lambda *a, **k: submitted.append(1) or compute(*a, **k)
        )
        done = 0
        for result in dask_engine._run_units(client, units, None, per_thread=2):
            done += result.articles
            assert len(submitted) - done <= 2 * 2  # two per worker thread in flight
    assert done == len(submitted) == 30


@pytest.mark.slow
def test_local_cluster_workers_do_not_profile():
    """Dask's profiler kept a call tree per second in each worker: memory grew with run time."""
    client, cluster = dask_engine._client(None, 1)
    try:
        callbacks = client.run(lambda dask_worker: sorted(dask_worker.periodic_callbacks))
        assert callbacks and not any("profile" in c for c in next(iter(callbacks.values())))
    finally:
        client.close()
        cluster.close()


@pytest.mark.slow
def test_dask_workers_use_the_runs_codebook(tmp_path, gazetteer):
    from test_codebook import TEXT, _codebook

    folder = _codebook(tmp_path / "mine")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "b", "text": TEXT, "published": "2024-03-06"}) + "\n")
    run_dask([feed], tmp_path / "out", gazetteer=gazetteer, workers=1, codebook=folder,
             write_map=False)  # fmt: skip
    features = json.loads((tmp_path / "out" / "incidents.geojson").read_text("utf-8"))["features"]
    assert [f["properties"]["sub_event_type"] for f in features] == ["Vehicle ramming"]


class _Cluster:
    """A client or cluster that notes its closing, and closes as noisily as Dask's."""

    def __init__(self, closed: list[str], name: str) -> None:
        self.closed, self.name = closed, name

    def close(self) -> None:
        self.closed.append(self.name)
        logging.getLogger("distributed.nanny").error("Worker process still alive, killing")


def _ctrl_c_run(tmp_path, monkeypatch, *, client, units=None):
    from test_geoparse_support import tiny_gazetteer

    monkeypatch.setattr(dask_engine, "_client", client)
    if units is not None:
        monkeypatch.setattr(dask_engine, "_run_units", units)
    source = tmp_path / "a.txt"
    source.write_text("Gunmen killed five people in Ramadi on Sunday.", encoding="utf-8")
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_dask([source], out, gazetteer=tiny_gazetteer(), progress=False)
    assert not out.exists() or not any(out.iterdir())  # nothing half written


def test_ctrl_c_while_the_cluster_starts_closes_it_once_made(tmp_path, monkeypatch, caplog):
    closed: list[str] = []

    def starting(scheduler, workers):
        os.kill(os.getpid(), signal.SIGINT)  # pressed while the workers start
        return _Cluster(closed, "client"), _Cluster(closed, "cluster")

    _ctrl_c_run(tmp_path, monkeypatch, client=starting)
    assert closed == ["client", "cluster"]  # a half-made cluster failed loudly at exit
    assert "still alive" not in caplog.text  # the shutdown of an interrupted run is no news


def test_ctrl_c_while_units_run_closes_the_cluster_quietly(tmp_path, monkeypatch, caplog):
    closed: list[str] = []

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
        yield

    _ctrl_c_run(
        tmp_path,
        monkeypatch,
        client=lambda scheduler, workers: (_Cluster(closed, "client"), _Cluster(closed, "cluster")),
        units=interrupted,
    )
    assert closed == ["client", "cluster"] and "still alive" not in caplog.text


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="process groups are POSIX")
def test_ctrl_c_at_the_terminal_while_workers_start_prints_one_line(tmp_path, repo):
    """A terminal's Ctrl-C reaches the whole group: the workers must leave it to the run."""
    import subprocess
    import sys
    import time

    import psutil

    run_cli = [sys.executable, "-m", "incidentmap", "run", str(repo / "seeds")]
    command = [*run_cli, "-o", str(tmp_path / "out"), "--engine", "dask", "--workers", "2"]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    process = subprocess.Popen(
        command, stderr=subprocess.PIPE, env=env, start_new_session=True, cwd=tmp_path
    )
    parent = psutil.Process(process.pid)
    deadline = time.monotonic() + 60
    # the workers are children of the run, beside multiprocessing's resource tracker
    while time.monotonic() < deadline and process.poll() is None:
        if len(parent.children()) >= 2:  # a worker process is starting
            break
        time.sleep(0.05)
    time.sleep(0.3)  # ... and importing Dask
    assert process.poll() is None
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.decode() == "incidentmap: interrupted\n"
