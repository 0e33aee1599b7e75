"""Red team for the cache folder: shared installs, imports, damaged and foreign files, kills.

The embedded data is replaced by a small generated file (:func:`use_small_data`), so
each index builds in a fraction of a second; subprocesses use the same data.
"""

from __future__ import annotations

import logging
import os
import pickle
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from incidentmap.cli import main
from incidentmap.gazetteer import Gazetteer, PlaceRecord, core
from incidentmap.gazetteer import cache as gcache
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.names import GAZ, NameIndex
from incidentmap.model import Place
from incidentmap.sealed import pack_maps, write_sealed

TESTS = Path(__file__).resolve().parent
ROWS = [
    ("geonames:1149361", "Afghanistan", 33.0, 65.0, "PCLI", "AF", 37_000_000),
    ("geonames:1138958", "Kabul", 34.52813, 69.17233, "PPLC", "AF", 3_043_532),
    ("geonames:9999001", "Kabul", 29.9, 77.1, "PPL", "IN", 900),
    ("geonames:99237", "Iraq", 33.0, 44.0, "PCLI", "IQ", 38_000_000),
    ("geonames:98182", "Baghdad", 33.34058, 44.40088, "PPLC", "IQ", 7_216_000),
    ("geonames:95446", "Erbil", 36.19, 44.01, "PPLA", "IQ", 932_800),
]


def write_data(path: Path, rows=ROWS, extra: str = "") -> Path:
    """Write a small 'embedded' data file (tab-separated places)."""
    lines = ["\t".join(map(str, row)) for row in rows]
    path.write_text("\n".join(lines) + "\n" + extra, encoding="utf-8")
    return path


def read_data(path: Path, *, slow_after: int | None = None, pause: float = 60.0):
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        pid, name, lat, lon, code, cc, pop = line.split("\t")
        cls = "A" if code.startswith(("PCL", "ADM")) else "P"
        yield PlaceRecord(
            Place(id=pid, name=name, lat=float(lat), lon=float(lon), feature_class=cls,
                  feature_code=code, country_code=cc, admin1=None, population=int(pop)),
            (),
        )  # fmt: skip
    if slow_after is not None:  # a long build: many places, then a pause
        for i in range(slow_after):
            yield PlaceRecord(
                Place(id=f"geonames:{10_000_000 + i}", name=f"Filler {i}", lat=1.0, lon=1.0,
                      feature_class="P", feature_code="PPL", country_code="ZZ", admin1=None),
                (),
            )  # fmt: skip
        # short sleeps: a signal the kernel hands to another thread (the pool's) is only
        # seen by the main thread between them, as in a real build that keeps working
        until = time.monotonic() + pause
        while time.monotonic() < until:
            time.sleep(0.05)


def use_small_data(data: Path, *, slow_after: int | None = None, pause: float = 60.0) -> None:
    """Make ``core`` index ``data`` instead of the embedded gazetteer (in this process)."""

    def records(report):
        return iter([read_data(data, slow_after=slow_after, pause=pause)])

    core._embedded_sources = lambda: [data]
    core._embedded_records = records


@pytest.fixture()
def small(tmp_path, monkeypatch):
    """A cache folder and a small data file that Gazetteer.default() indexes."""
    data = write_data(tmp_path / "places.tsv")
    monkeypatch.setattr(core, "_embedded_sources", lambda: [data])
    monkeypatch.setattr(core, "_embedded_records", lambda report: iter([read_data(data)]))
    cache = tmp_path / "cache"
    return cache, data


def no_build(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the index was rebuilt")

    monkeypatch.setattr(core.Gazetteer, "_build", classmethod(refuse))


def indexes(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.glob("gazetteer-*.sqlite"))


# -- content keys -------------------------------------------------------------------------
def test_two_installs_of_one_version_share_one_index(small, tmp_path, monkeypatch):
    cache, data = small
    first = Gazetteer.default(cache_dir=cache)
    # a second install: the same data at another path, written later (another mtime)
    other = tmp_path / "venv2" / "places.tsv"
    other.parent.mkdir()
    other.write_bytes(data.read_bytes())
    os.utime(other, ns=(time.time_ns() + 10**9, time.time_ns() + 10**9))
    monkeypatch.setattr(core, "_embedded_sources", lambda: [other])
    no_build(monkeypatch)
    for _ in range(3):  # alternating installs never rebuild
        assert Gazetteer.default(cache_dir=cache).path == first.path
    assert len(indexes(cache)) == 1


def test_versions_coexist_and_old_keys_are_pruned(small, monkeypatch):
    cache, data = small
    names = []
    for version in range(gcache.KEEP + 2):
        write_data(data, extra=f"# data version {version}\n")
        gaz = Gazetteer.default(cache_dir=cache)
        names.append(Path(gaz.path).name)
        gaz.close()
        assert Path(gaz.path).name in indexes(cache)
    # the newest and KEEP others stay; the oldest went, with its checksum file
    assert indexes(cache) == sorted(names[1:])
    assert not (cache / (names[0] + ".sum")).exists()


def test_an_index_in_use_is_never_pruned(small):
    cache, data = small
    in_use = Gazetteer.default(cache_dir=cache)
    for version in range(gcache.KEEP + 2):
        write_data(data, extra=f"# data version {version}\n")
        Gazetteer.default(cache_dir=cache).close()
    assert Path(in_use.path).is_file()
    assert in_use.lookup("Kabul")[0].country_code == "AF"


# -- imports ------------------------------------------------------------------------------
def _user_csv(path: Path, name: str = "Zorgville") -> Path:
    path.write_text(
        "id,name,alternate_names,lat,lon,feature_code,country_code,admin1,parent,source,polygon_wkt\n"
        f"{name.lower()},{name},,33.2,44.2,PPL,IQ,,,field notes,\n",
        encoding="utf-8",
    )
    return path


def test_an_import_is_incremental_and_the_geoparser_sees_it(small, tmp_path, monkeypatch):
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    before = gaz.version
    assert not NameIndex.cached(gaz, Lexicon.default()).flags.get("zorgville")
    no_build(monkeypatch)  # adding a row must not rebuild the index
    gaz.import_files([_user_csv(tmp_path / "mine.csv")])
    assert gaz.version != before and gaz.lookup("Zorgville")[0].id == "user:zorgville"
    assert NameIndex.cached(gaz, Lexicon.default()).flags["zorgville"] & GAZ
    # a fresh process (the next `incidentmap run`) opens the index with the import
    again = Gazetteer.default(cache_dir=cache)
    assert again.version == gaz.version and again.lookup("Zorgville")
    # the superseded index is gone once nobody uses it
    assert indexes(cache) == [Path(gaz.path).name]


@pytest.fixture(params=[200_000, 0], ids=["touched", "all"])
def rerank(request, monkeypatch):
    """An import ranks the places it touched, or every place as a big import does (0)."""
    from incidentmap.gazetteer import index

    monkeypatch.setattr(index, "FULL_RERANK", request.param)


@pytest.mark.usefixtures("rerank")
def test_an_incremental_import_ranks_like_a_full_rebuild(small, tmp_path):
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    gaz.import_files([_user_csv(tmp_path / "kabul.csv", "Kabul")])
    incremental = [p.id for p in gaz.lookup("Kabul")]
    stats = {s.key: s for s in gaz.iter_name_stats()}
    rebuilt = Gazetteer.default(cache_dir=cache, rebuild=True)
    assert [p.id for p in rebuilt.lookup("Kabul")] == incremental
    assert incremental[0] == "geonames:1138958" and "user:kabul" in incremental
    assert {s.key: s for s in rebuilt.iter_name_stats()} == stats


@pytest.mark.usefixtures("rerank")
def test_an_imported_district_is_among_its_countrys_areas(small, tmp_path):
    # the geoparser reads a country's area names to place a town it lacks in its district
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    assert not any(p.name == "Zorg District" for _, p in gaz.area_names("IQ"))
    user = tmp_path / "district.csv"
    user.write_text(
        "id,name,alternate_names,lat,lon,feature_code,country_code,admin1,parent,source,polygon_wkt\n"
        "zorg,Zorg District,Qada Zorg,33.2,44.2,ADM2,IQ,,,field notes,\n",
        encoding="utf-8",
    )
    gaz.import_files([user])
    keys = {key for key, p in gaz.area_names("IQ") if p.id == "user:zorg"}
    assert {"zorg district", "qada zorg"} <= keys
    assert not any(p.id == "user:zorg" for _, p in gaz.area_names("AF"))


@pytest.mark.usefixtures("rerank")
def test_an_imported_town_is_among_its_countrys_places_by_initial(small, tmp_path):
    # the respelling rule reads a country's places by initial through places_country_name
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    assert not any(p.id == "user:zorgville" for p in gaz.places_in("IQ", initial="z"))
    gaz.import_files([_user_csv(tmp_path / "mine.csv")])
    for initial in ("Z", "z"):  # the initial in either case, as before the index
        found = gaz.places_in("IQ", initial=initial, lengths=(9, 9))
        assert "user:zorgville" in [p.id for p in found]
    assert not gaz.places_in("IQ", initial="Y", lengths=(9, 9))
    plan = gaz._conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM places WHERE country_code = ? "
        "AND feature_class IN ('P', 'A') AND name LIKE ?",
        ("IQ", "Z%"),
    ).fetchall()
    assert "places_country_name" in str(plan)


def test_the_cli_import_then_search(small, tmp_path, capsys):
    cache, _ = small
    user = _user_csv(tmp_path / "mine.csv")
    assert main(["gazetteer", "--cache-dir", str(cache), "import", str(user)]) == 0
    assert main(["gazetteer", "--cache-dir", str(cache), "search", "Zorgville"]) == 0
    assert "user:zorgville" in capsys.readouterr().out


# -- damaged and foreign files ------------------------------------------------------------
def _damage_middle(path: Path, pages: int = 2) -> None:
    size = path.stat().st_size
    rng = random.Random(15)
    with path.open("r+b") as fh:
        fh.seek((size // 2) // 4096 * 4096)
        fh.write(bytes(rng.randrange(256) for _ in range(4096 * pages)))


def test_a_partly_overwritten_index_is_rebuilt_with_a_message(small, caplog, capsys):
    cache, _ = small
    path = Path(Gazetteer.default(cache_dir=cache).path)
    _damage_middle(path)
    with caplog.at_level(logging.WARNING, "incidentmap"):
        gaz = Gazetteer.default(cache_dir=cache)
    assert "rebuilding" in caplog.text and "checksum" in caplog.text
    assert gaz.lookup("Kabul")[0].country_code == "AF"
    assert main(["gazetteer", "--cache-dir", str(cache), "search", "Kabul"]) == 0
    assert "geonames:1138958" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content", [b"this is not sqlite" * 100, b"", b"SQLite format 3\x00" + b"\x00" * 50]
)
def test_a_foreign_or_empty_index_file_is_rebuilt(small, caplog, content):
    cache, _ = small
    path = Path(Gazetteer.default(cache_dir=cache).path)
    path.write_bytes(content)
    with caplog.at_level(logging.WARNING, "incidentmap"):
        gaz = Gazetteer.default(cache_dir=cache)
    assert "rebuilding" in caplog.text
    assert gaz.lookup("Baghdad")[0].id == "geonames:98182"


class _Payload:
    """Unpickling this runs code: what a hostile file in a shared cache would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.touch, (self.marker,))


def _name_cache(cache: Path) -> Path:
    (path,) = cache.glob("geoparse-names-*.bin")
    return path


def test_a_pickle_dropped_into_the_cache_is_never_loaded(small, tmp_path, caplog):
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    NameIndex.cached(gaz, Lexicon.default())
    marker = tmp_path / "pwned"
    path = _name_cache(cache)
    path.write_bytes(pickle.dumps(_Payload(marker)))
    with caplog.at_level(logging.WARNING, "incidentmap"):
        index = NameIndex.cached(gaz, Lexicon.default())
    assert not marker.exists()
    assert "rebuilding the name index" in caplog.text and index.flags["kabul"] & GAZ
    # and a file of the former pickle format is not read at all
    path.with_suffix(".pickle").write_bytes(pickle.dumps(_Payload(marker)))
    path.unlink()
    NameIndex.cached(gaz, Lexicon.default())
    assert not marker.exists()


@pytest.mark.parametrize("damage", ["shape", "flip", "cut", "kind"])
def test_a_wrongly_shaped_or_damaged_name_cache_is_rebuilt(small, caplog, damage):
    cache, _ = small
    gaz = Gazetteer.default(cache_dir=cache)
    NameIndex.cached(gaz, Lexicon.default())
    path = _name_cache(cache)
    data = path.read_bytes()
    if damage == "shape":  # a valid seal over data of the wrong shape
        write_sealed(path, pack_maps({"flags": {"x": 1}}), kind="geoparse-names", version=13)
    elif damage == "flip":
        path.write_bytes(data[:-100] + bytes([data[-100] ^ 0xFF]) + data[-99:])
    elif damage == "cut":
        path.write_bytes(data[: len(data) // 2])
    else:
        write_sealed(path, data, kind="something-else", version=13)
    with caplog.at_level(logging.WARNING, "incidentmap"):
        index = NameIndex.cached(gaz, Lexicon.default())
    assert "rebuilding the name index" in caplog.text
    assert index.flags["baghdad"] & GAZ and index.first["baghdad"] == 1


# -- locks, kills and leftovers -----------------------------------------------------------
_SCRIPT = """
import logging, sys
sys.path.insert(0, {tests!r})
logging.basicConfig(level=logging.INFO, format="%(message)s")
from pathlib import Path
import test_cache_integrity as t
from incidentmap.gazetteer import Gazetteer
t.use_small_data(Path({data!r}), slow_after={slow!r}, pause={pause!r})
gaz = Gazetteer.default(cache_dir={cache!r})
print("KABUL", gaz.lookup("Kabul")[0].country_code, flush=True)
"""


def _spawn(
    cache: Path, data: Path, *, slow: int | None = None, pause: float = 60.0
) -> subprocess.Popen[str]:
    script = textwrap.dedent(_SCRIPT).format(
        tests=str(TESTS), data=str(data), cache=str(cache), slow=slow, pause=pause
    )
    return subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_processes_never_build_at_once(small):
    cache, data = small
    runs = [_spawn(cache, data, slow=10, pause=1.0) for _ in range(3)]  # builds of 1 s
    outputs = [run.communicate(timeout=60) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert all("KABUL AF" in out for out, _ in outputs)
    built = sum(err.count("gazetteer index built") for _, err in outputs)
    assert built == 1, outputs
    assert len(indexes(cache)) == 1


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _wait_for(check, timeout: float = 60.0):  # generous: CI machines may be loaded
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(0.05)
    raise AssertionError("timed out")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_killed_build_leaves_no_orphans_and_no_temporary_files(small, sig, caplog):
    cache, data = small
    build = _spawn(cache, data, slow=6000)  # a batch for the workers, then a pause
    try:
        workers = _wait_for(lambda: _children(build.pid))
        _wait_for(lambda: list(cache.glob(".gazetteer-*.tmp*")))
        build.send_signal(sig)
        build.wait(timeout=30)
    finally:
        build.kill()
        build.wait(timeout=30)
        build.stdout.close()  # a surviving worker holds the pipes: never wait on them
        build.stderr.close()
    _wait_for(lambda: not any(_alive(w) for w in workers), timeout=30)
    if sig == signal.SIGTERM:  # cleaned up on the way out
        assert list(cache.glob(".gazetteer-*")) == []
    with caplog.at_level(logging.INFO, "incidentmap"):
        gaz = Gazetteer.default(cache_dir=cache)  # the next start cleans up after kill -9
    assert gaz.lookup("Kabul")[0].country_code == "AF"
    assert [p.name for p in cache.glob(".gazetteer-*")] == []
    if sig == signal.SIGKILL:
        assert "left by an interrupted build" in caplog.text


def test_an_index_without_its_checksum_file_is_checked_not_rebuilt(small, monkeypatch):
    cache, _ = small
    path = Path(Gazetteer.default(cache_dir=cache).path)
    stamp = path.with_name(path.name + ".sum")
    stamp.unlink()  # a cache folder copied without its .sum files
    no_build(monkeypatch)
    assert Gazetteer.default(cache_dir=cache).path == str(path)
    assert stamp.is_file()


def test_an_index_without_its_checksum_file_and_damaged_is_rebuilt(small, caplog):
    cache, _ = small
    path = Path(Gazetteer.default(cache_dir=cache).path)
    path.with_name(path.name + ".sum").unlink()
    _damage_middle(path, pages=1)
    with caplog.at_level(logging.WARNING, "incidentmap"):
        gaz = Gazetteer.default(cache_dir=cache)
    assert "rebuilding" in caplog.text
    assert gaz.lookup("Kabul")[0].country_code == "AF"
