"""Benchmark the gazetteer: build, warm open, lookups, nearest queries, memory, big imports.

Each phase runs in its own Python process so that its peak memory (max RSS) is its own.

Usage::

    python bench/gazetteer.py                      # build, open, lookups, nearest
    python bench/gazetteer.py --import-rows 12000000   # also an allCountries-sized import

Targets (issue 2, on a 2-core machine): build <= 30 s, warm open <= 0.3 s,
>= 100,000 exact lookups/s, peak memory <= 300 MB, a 12M-row import within 2 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_build(cache: str) -> dict[str, float]:
    from incidentmap.gazetteer import Gazetteer

    t = time.perf_counter()
    Gazetteer.default(cache_dir=cache, rebuild=True)
    return {"build_s": time.perf_counter() - t, "build_peak_mb": _peak_mb()}


def phase_query(cache: str, n: int) -> dict[str, float]:
    t = time.perf_counter()
    from incidentmap.gazetteer import Gazetteer

    gaz = Gazetteer.default(cache_dir=cache)
    gaz.lookup("Baghdad")
    open_s = time.perf_counter() - t

    rng = random.Random(7)
    keys = [s.key for s in gaz.iter_name_stats() if s.key.isascii()]
    sample = rng.sample(keys, min(n, len(keys)))
    del keys
    # uncached: each name once, straight to SQLite through the public key lookup
    gaz._lookup.cache_clear()
    t = time.perf_counter()
    hits = 0
    for key in sample:
        hits += bool(gaz.lookup_key(key, limit=20))
    uncached = len(sample) / (time.perf_counter() - t)
    # batched: the keys of an article at a time (here 100 per call), as a geoparser would
    t = time.perf_counter()
    for i in range(0, len(sample), 100):
        gaz.lookup_keys(sample[i : i + 100], limit=20)
    batched = len(sample) / (time.perf_counter() - t)
    # a news-like stream: the same few thousand names again and again (LRU-cached)
    common = sample[:2000]
    stream = [common[rng.randrange(len(common))] for _ in range(n)]
    t = time.perf_counter()
    for key in stream:
        gaz.lookup_key(key, limit=20)
    cached = len(stream) / (time.perf_counter() - t)
    # nearest: points jittered around random places
    points = [
        (max(-89.9, min(89.9, p.lat + rng.uniform(-0.5, 0.5))), p.lon + rng.uniform(-0.5, 0.5))
        for p in (gaz.lookup_key(k)[0] for k in sample[:2000])
    ]
    points = [(la, max(-179.9, min(179.9, lo))) for la, lo in points]
    t = time.perf_counter()
    for la, lo in points:
        gaz.nearest(la, lo)
    nearest = len(points) / (time.perf_counter() - t)
    return {
        "warm_open_s": open_s,
        "lookups_per_s_uncached": uncached,
        "lookups_per_s_batched": batched,
        "lookups_per_s_stream": cached,
        "lookup_hit_rate": hits / len(sample),
        "nearest_per_s": nearest,
        "query_peak_mb": _peak_mb(),
    }


def phase_import(cache: str, rows: int) -> dict[str, float]:
    from incidentmap.gazetteer.index import IndexWriter

    sys.path.insert(0, str(HERE))
    from make_allcountries import write_allcountries  # type: ignore[import-not-found]

    folder = Path(cache)
    src = folder / "allCountries-synthetic.txt"
    t = time.perf_counter()
    write_allcountries(src, rows=rows)
    gen_s = time.perf_counter() - t
    from incidentmap.gazetteer.importers import import_file

    t = time.perf_counter()
    writer = IndexWriter(str(folder / "import.sqlite"))
    import_file(writer, src)
    writer.finish(version="bench").close()
    return {
        "import_rows": rows,
        "import_generate_s": gen_s,
        "import_s": time.perf_counter() - t,
        "import_peak_mb": _peak_mb(),
    }


def _run_phase(name: str, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, *args],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lookups", type=int, default=100_000, help="names to look up")
    parser.add_argument("--import-rows", type=int, default=0, help="synthetic allCountries rows")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        fn = {"build": phase_build, "query": phase_query, "import": phase_import}[args.phase]
        extra = {"query": [args.lookups], "import": [args.import_rows]}.get(args.phase, [])
        print(json.dumps(fn(args.cache, *extra)))
        return

    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="incidentmap-bench-") as cache:
        results |= _run_phase("build", "--cache", cache)
        results |= _run_phase("query", "--cache", cache, "--lookups", str(args.lookups))
        if args.import_rows:
            results |= _run_phase(
                "import", "--cache", cache, "--import-rows", str(args.import_rows)
            )
        size = os.path.getsize(Path(cache) / "gazetteer.sqlite")
    results["index_mb"] = size / 1e6
    targets = {
        "build_s": ("<=", 30),
        "warm_open_s": ("<=", 0.3),
        "lookups_per_s_uncached": (">=", 100_000),
        "lookups_per_s_batched": (">=", 100_000),
        "query_peak_mb": ("<=", 300),
        "build_peak_mb": ("<=", 300),
        "import_peak_mb": ("<=", 2048),
    }
    for key, value in results.items():
        goal = targets.get(key)
        note = f"   target {goal[0]} {goal[1]:,}" if goal else ""
        print(f"{key:<26} {value:>14,.3f}{note}")


if __name__ == "__main__":
    main()
