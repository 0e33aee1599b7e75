"""Red team for the outputs of a run: all or nothing, one run per folder, nothing left behind.

Runs use a small file-backed gazetteer and generated articles; the interrupted runs
are subprocesses whose CSV writer hangs half-way, killed by the test.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pyogrio
import pytest

from incidentmap.cli import main
from incidentmap.export.staging import OutputFolder
from incidentmap.gazetteer import Gazetteer, PlaceRecord
from incidentmap.locking import FileLock
from test_geoparse_support import PLACES

TESTS = Path(__file__).resolve().parent
FORMATS = "geojson,csv,gpkg"


def write_articles(folder: Path, n: int, *, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (folder / f"a{i}.txt").write_text(
            f"---\npublished: 2021-11-0{1 + i % 9}\n---\n"
            f"A car bomb exploded in Baghdad on Monday, killing {i + 2} people, police said.\n",
            encoding="utf-8",
        )
    return folder


def small_gazetteer(path: Path) -> Gazetteer:
    if path.is_file():
        return Gazetteer.open(path)
    return Gazetteer.from_records((PlaceRecord(place=p, names=n) for p, n in PLACES), path=path)


@pytest.fixture()
def setup(tmp_path, monkeypatch):
    """A small gazetteer as the default one, an output folder with a previous run in it."""
    gaz = small_gazetteer(tmp_path / "gaz.sqlite")
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls, **kw: gaz))
    out, spool = tmp_path / "out", tmp_path / "spool"
    first = write_articles(tmp_path / "first", 2)
    args = ["-q", "run", str(first), "-o", str(out), "--format", FORMATS, "--workers", "1"]
    assert main([*args, "--spool-dir", str(spool)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == {
        "incidents.geojson",
        "incidents.csv",
        "incidents.csvt",
        "incidents.prj",
        "incidents.gpkg",
        "incidents-toponyms.gpkg",
        "incidents.html",
        "run-summary.json",
    }
    return tmp_path, out, spool, before


def snapshot(out: Path) -> dict[str, bytes]:
    """Every entry of the folder (hidden ones too) with its content."""
    return {p.name: b"<folder>" if p.is_dir() else p.read_bytes() for p in out.iterdir()}


def visible(out: Path) -> dict[str, bytes]:
    return {k: v for k, v in snapshot(out).items() if not k.startswith(".")}


# -- a run in a subprocess whose CSV writer hangs half-way --------------------------------
_CHILD = """
import sys, time
sys.path.insert(0, {tests!r})
from pathlib import Path
import test_outputs_atomic as t
sys.exit(t.child({mode!r}, Path({base!r})))
"""


def child(mode: str, base: Path) -> int:
    """Body of the subprocess: a run that hangs in the CSV writer, or a pool that waits."""
    from incidentmap.export import writers

    gaz = small_gazetteer(base / "gaz.sqlite")
    Gazetteer.default = classmethod(lambda cls, **kw: gaz)  # type: ignore[method-assign]
    if mode == "pool":
        from incidentmap.pipeline import Processor, iter_results
        from incidentmap.text.articles import read_articles

        def articles():
            yield from read_articles(str(base / "many"))
            print("POOL", flush=True)
            time.sleep(60)

        for _ in iter_results(articles(), Processor(gaz), workers=2, chunk_size=8):
            pass
        return 0

    def hanging_csv(frames, path, toponyms=None):
        Path(path).write_text("id,half a file", encoding="utf-8")
        print("WRITING", flush=True)
        time.sleep(60)

    writers.STREAM_WRITERS["csv"] = hanging_csv
    inputs = str(base / "second")
    return main(["-q", "run", inputs, "-o", str(base / "out"), "--format", FORMATS,
                 "--workers", "1", "--spool-dir", str(base / "spool")])  # fmt: skip


def spawn(mode: str, base: Path) -> subprocess.Popen[str]:
    script = textwrap.dedent(_CHILD).format(tests=str(TESTS), mode=mode, base=str(base))
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def finish(proc: subprocess.Popen[str], *also: int) -> str:
    """Kill what a test started (the subprocess, any worker it left) and return its stderr."""
    for pid in also:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    proc.kill()
    try:
        return proc.communicate(timeout=10)[1]
    except subprocess.TimeoutExpired:  # an orphan still holds the pipes
        return ""


def wait_for_line(proc: subprocess.Popen[str], word: str, timeout: float = 30.0) -> None:
    assert proc.stdout is not None
    found: list[str] = []
    reader = threading.Thread(target=lambda: found.append(proc.stdout.readline()), daemon=True)  # type: ignore[union-attr]
    reader.start()
    reader.join(timeout)
    if not found or word not in found[0]:
        proc.kill()
        raise AssertionError(f"the subprocess did not get to {word}: {finish(proc)}")


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_an_interrupted_run_leaves_the_previous_outputs_whole(setup, sig):
    base, out, spool, before = setup
    write_articles(base / "second", 3, start=10)
    run = spawn("run", base)
    try:
        wait_for_line(run, "WRITING")
        # the geojson is written by now, into the staging folder: the output is untouched
        assert visible(out) == before
        run.send_signal(sig)
        status = run.wait(timeout=60)  # a loaded machine is slow to reap
    finally:
        err = finish(run)
    assert visible(out) == before
    if sig != signal.SIGKILL:  # cleaned up on the way out, with an exit status for it
        assert status == (130 if sig == signal.SIGINT else 143), err
        assert snapshot(out) == before and list(spool.iterdir()) == []
        return
    # kill -9 leaves a staging folder and a spool; the next run into the folder cleans up
    assert any(p.name.startswith(".incidentmap-staging") for p in out.iterdir())
    assert list(spool.iterdir())
    args = ["-q", "run", str(base / "second"), "-o", str(out), "--format", FORMATS]
    assert main([*args, "--workers", "1", "--spool-dir", str(spool)]) == 0
    assert sorted(snapshot(out)) == sorted(before) and list(spool.iterdir()) == []
    assert "killing 12 people" in (out / "incidents.geojson").read_text(encoding="utf-8")


def test_a_second_run_into_the_same_folder_refuses_with_a_clear_message(setup, capsys):
    base, out, _, before = setup
    write_articles(base / "second", 3, start=10)
    run = spawn("run", base)  # a run busy writing into out
    try:
        wait_for_line(run, "WRITING")
        args = ["run", str(base / "second"), "-o", str(out), "--workers", "1"]
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "another incidentmap run is writing to" in err and "--wait" in err
    finally:
        finish(run)
    assert visible(out) == before


def test_wait_queues_behind_the_other_run(setup, capsys):
    base, out, _, before = setup
    other = FileLock(out)  # what a run holds while it writes
    other.acquire()
    threading.Timer(0.5, other.release).start()
    started = time.monotonic()
    args = ["-q", "run", str(base / "first"), "-o", str(out), "--workers", "1", "--wait"]
    assert main(args) == 0
    assert time.monotonic() - started >= 0.4
    assert snapshot(out).keys() == {"incidents.geojson", "incidents.html"} | (
        before.keys() - {"incidents.geojson", "incidents.html"}
    )


def test_a_failing_writer_changes_nothing(setup, monkeypatch, capsys):
    from incidentmap.export import writers

    base, out, spool, before = setup

    def broken(frames, path, toponyms=None):
        Path(path).write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(writers.STREAM_WRITERS, "csv", broken)
    write_articles(base / "second", 3, start=10)
    args = ["-q", "run", str(base / "second"), "-o", str(out), "--format", FORMATS]
    assert main([*args, "--workers", "1", "--spool-dir", str(spool)]) == 2
    assert "No space left" in capsys.readouterr().err
    assert snapshot(out) == before and list(spool.iterdir()) == []


def test_leftovers_of_dead_runs_are_swept(setup):
    base, out, spool, before = setup
    dead = 2**22 + 12345  # above the default pid_max: no such process
    stale_spool = spool / f"incidentmap-spool-{dead}-abc123"
    stale_spool.mkdir(parents=True)
    (stale_spool / "spool.sqlite").write_bytes(b"x" * 1000)
    live_spool = spool / f"incidentmap-spool-{os.getpid()}-keepme"
    live_spool.mkdir()
    (out / f".incidentmap-staging.{dead}.0badf00d.tmp").mkdir()
    (out / ".incidents.gpkg.0123456789ab.tmp.gpkg").write_bytes(b"half")  # an older version's
    args = ["-q", "run", str(base / "first"), "-o", str(out), "--format", FORMATS]
    assert main([*args, "--workers", "1", "--spool-dir", str(spool)]) == 0
    assert sorted(snapshot(out)) == sorted(before)
    assert [p.name for p in spool.iterdir()] == [live_spool.name]


def test_an_output_path_that_is_a_file_is_refused_before_any_work(tmp_path):
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    with pytest.raises(Exception, match="not a folder"), OutputFolder(target):
        pass


# -- workers die with their parent --------------------------------------------------------
def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, IndexError, ValueError):
            continue
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_pool_workers_die_with_their_parent(tmp_path, sig):
    small_gazetteer(tmp_path / "gaz.sqlite").close()
    write_articles(tmp_path / "many", 240)
    run = spawn("pool", tmp_path)
    workers: list[int] = []
    try:
        wait_for_line(run, "POOL")
        workers = _children(run.pid)
        assert len(workers) >= 2
        run.send_signal(sig)
        run.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers))
    finally:
        finish(run, *workers)


# -- the Dask engine writes the GeoPackage of toponyms ------------------------------
@pytest.mark.slow
def test_dask_engine_writes_the_toponyms_layer_like_the_local_engine(tmp_path, repo, gazetteer):
    pytest.importorskip("distributed")
    from incidentmap.dask_engine import run_dask
    from incidentmap.pipeline import run

    seeds = repo / "seeds"
    run([seeds], tmp_path / "local", gazetteer=gazetteer, workers=1, formats=["gpkg"],
        write_map=False)  # fmt: skip
    run_dask([seeds], tmp_path / "dask", gazetteer=gazetteer, workers=1, formats=["gpkg"],
             write_map=False)  # fmt: skip
    local = pyogrio.read_dataframe(tmp_path / "local" / "incidents-toponyms.gpkg")
    dask = pyogrio.read_dataframe(tmp_path / "dask" / "incidents-toponyms.gpkg")
    assert len(local) > 20 and len(dask) == len(local)
    assert sorted(local["article_id"]) == sorted(dask["article_id"])
    assert [p.name for p in (tmp_path / "dask").iterdir() if p.name.startswith(".")] == []
