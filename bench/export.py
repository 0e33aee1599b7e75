"""Benchmark the incident writers: seconds and peak memory per output format.

Generates N synthetic incidents as a frame of the :func:`incidentmap.frame.incidents_frame`
schema (vectorised, no articles involved), then writes them once per format, each in its
own subprocess so one format's memory does not count against the next. Peak memory is the
child's maximum resident set size (the rusage ``os.wait4`` returns for it), which includes
the frame held in memory (the peak is reset once the synthetic frame is built, so data
generation does not count); the ``frame`` row is the baseline without any write.

Usage::

    .venv/bin/python bench/export.py                    # 1,000,000 incidents, every format
    .venv/bin/python bench/export.py --n 100000 --formats parquet,geojson
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

EVENT_TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
]
PLACES = [
    ("Baghdad", "geonames:98182", 33.34058, 44.40088, "IQ", "07"),
    ("Kyiv", "geonames:703448", 50.45466, 30.5238, "UA", "12"),
    ("Khartoum", "geonames:379252", 15.55177, 32.53241, "SD", "29"),
    ("Mogadishu", "geonames:53654", 2.03711, 45.34375, "SO", "13"),
    ("Bamako", "geonames:2460596", 12.65, -8.0, "ML", "08"),
]


def synthetic_frame(n: int, *, seed: int = 0) -> Any:
    """Return ``n`` incidents with varied values and some nulls, built column-wise."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from incidentmap.frame import INCIDENT_COLUMNS

    rng = np.random.default_rng(seed)
    et = rng.integers(0, len(EVENT_TYPES), n)
    pl = rng.integers(0, len(PLACES), n)
    place = np.array(PLACES, dtype=object)[pl]
    lat = place[:, 2].astype(float) + rng.normal(0, 0.05, n)
    lon = place[:, 3].astype(float) + rng.normal(0, 0.05, n)
    days = rng.integers(0, 3650, n)
    dates = pd.to_datetime(np.datetime64("2015-01-01") + days.astype("timedelta64[D]"))
    ids = pd.array(np.char.add("inc-", np.arange(n).astype(str)), dtype="string")
    art = pd.array(np.char.add("art-", (np.arange(n) // 3).astype(str)), dtype="string")
    fatal = pd.array(rng.integers(0, 50, n), dtype="Int32")
    fatal[rng.random(n) < 0.4] = pd.NA
    injured = pd.array(rng.integers(0, 80, n), dtype="Int32")
    injured[rng.random(n) < 0.5] = pd.NA
    actor_choices = [[], ["Police"], ["Protesters", "Police"], ["Military Forces of Iraq"]]
    actors = [actor_choices[i] for i in rng.integers(0, len(actor_choices), n)]
    evidence = [
        f"On day {d} {EVENT_TYPES[e][1].lower()} was reported in {p[0]}, "
        f'killing at least {d % 7} people, officials said ("report #{i}").'
        for i, (d, e, p) in enumerate(zip(days.tolist(), et.tolist(), place.tolist(), strict=True))
    ]
    url = np.char.add("https://news.example.org/a/", (np.arange(n) // 3).astype(str))
    df = pd.DataFrame(
        {
            "id": ids,
            "article_id": art,
            "event_type": np.array([e[0] for e in EVENT_TYPES], dtype=object)[et],
            "sub_event_type": np.array([e[1] for e in EVENT_TYPES], dtype=object)[et],
            "event_date": dates,
            "time_precision": rng.integers(1, 4, n),
            "location": place[:, 0],
            "place_id": place[:, 1],
            "lat": lat,
            "lon": lon,
            "country_code": place[:, 4],
            "admin1": place[:, 5],
            "geo_precision": rng.integers(1, 4, n),
            "fatalities": fatal,
            "injured": injured,
            "actors": actors,
            "evidence": evidence,
            "evidence_start": rng.integers(0, 5000, n),
            "evidence_end": rng.integers(5000, 6000, n),
            "source_url": url,
            "source_title": "Synthetic report",
            "confidence": rng.random(n).round(3),
            "sources": rng.integers(1, 4, n),
            "source_urls": [[u] for u in url.tolist()],
            "article_ids": [[a] for a in art.tolist()],
            "background": rng.random(n) < 0.1,
            "date_text": None,
            "notes": [[] for _ in range(n)],
            "area_wkt": None,
        }
    )
    for name, dtype in INCIDENT_COLUMNS.items():
        if dtype != "object":
            df[name] = df[name].astype(dtype)
    geometry = gpd.points_from_xy(df["lon"], df["lat"])
    return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")


def _rss_mib() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _reset_peak_rss() -> bool:
    """Start the peak-RSS count afresh (Linux ``clear_refs`` 5); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError:
        return False
    return True


def _child(n: int, fmt: str, out_dir: str) -> None:
    """Build the frame, write one format (unless ``fmt`` is "frame"), print JSON figures.

    After the frame is built the peak RSS is reset, so the peak the parent reads is that
    of the write (the frame, held in memory, included), not of generating test data.
    """
    import gc

    from incidentmap.export import FORMATS, write_incidents

    t0 = time.perf_counter()
    gdf = synthetic_frame(n)
    gc.collect()
    reset = _reset_peak_rss()
    frame_mib = _rss_mib()
    t1 = time.perf_counter()
    size = 0
    if fmt != "frame":
        path = Path(out_dir) / f"bench{FORMATS[fmt].extensions[0]}"
        write_incidents(gdf, path, format=fmt)
        size = path.stat().st_size
        path.unlink()
    t2 = time.perf_counter()
    figures = {"build_s": t1 - t0, "write_s": t2 - t1, "bytes": size, "frame_mib": frame_mib}
    print(json.dumps({**figures, "peak_reset": reset}))


def _run(n: int, fmt: str, out_dir: str) -> dict[str, Any]:
    """Run one format in a child process; its peak RSS comes from ``os.wait4``'s rusage."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, __file__, "--child", fmt, "--n", str(n), "--out", out_dir],
            stdout=out,
            stderr=err,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{fmt}: failed\n{err.read().decode(errors='replace')}")
        out.seek(0)
        figures: dict[str, Any] = json.loads(out.read().decode().strip().splitlines()[-1])
    figures["peak_mib"] = usage.ru_maxrss / 1024  # KiB on Linux
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="number of incidents")
    parser.add_argument(
        "--formats",
        default="parquet,geojson,geojsonseq,gpkg,csv,kml",
        help="comma-separated format names",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", help="directory for the files (default: a temporary one)")
    args = parser.parse_args(argv)
    if args.child:
        _child(args.n, args.child, args.out)
        return 0
    from incidentmap.export import parse_formats

    formats = parse_formats(args.formats)
    with tempfile.TemporaryDirectory(dir=args.out) as out_dir:
        print(f"{args.n:,} incidents; {os.cpu_count()} CPUs")
        print(
            f"{'format':<11} {'write s':>8} {'peak MiB':>9} {'frame MiB':>10} {'file MB':>8}"
            f" {'build s':>8}"
        )
        for fmt in ("frame", *formats):
            r = _run(args.n, fmt, out_dir)
            note = "" if r["peak_reset"] else "  (peak includes building the frame)"
            print(
                f"{fmt:<11} {r['write_s']:8.1f} {r['peak_mib']:9.0f} {r['frame_mib']:10.0f} "
                f"{r['bytes'] / 1e6:8.1f} {r['build_s']:8.1f}{note}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
