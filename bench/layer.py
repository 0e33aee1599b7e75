"""Benchmark ``incidentmap run DAY --into LAYER``: memory and time against the layer's size.

A day's articles (5,000 by default, from ``bench/scale.py``'s synthetic corpus: the
project's own articles repeated with fresh ids and dates shifted a day per copy) go
into layers of growing size, and the figures are compared with a plain run of the same
articles into a folder (``run DAY -o OUT``, map included) and with ``--into`` a layer
that does not exist yet.

The layers are synthetic: ``N`` incidents of the six event types at 200 real places
(GeoNames points of the gazetteer), dated over the six years the day's articles fall
in (80% to the day, 10% to the week, 10% to the month), as many processed articles as
incidents / 2, written as a GeoPackage with the writers of a run. Each measured run gets
a fresh copy of the layer.

The peak printed is the highest sum of proportional set sizes (PSS) of the run's
process tree, sampled every 0.2 s (``bench/scale.py``'s ``_measure``).

Usage::

    python bench/layer.py                                   # layers of 100k and 300k
    python bench/layer.py --layers 100000 300000 1000000 --articles 5000
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from incidentmap.layer.processed import PROCESSED_COLUMNS, PROCESSED_TABLE
from scale import _measure, make_corpus

REPO = Path(__file__).resolve().parent.parent


def _places(n: int = 200) -> list[tuple[str, str, float, float, str]]:
    from incidentmap.gazetteer import Gazetteer

    gaz = Gazetteer.default()
    names = ["Baghdad", "Mosul", "Basra", "Kyiv", "Dnipro", "Kharkiv", "Khartoum", "Nairobi",
             "Mogadishu", "Kabul", "Sanaa", "Aden", "Berlin", "Gaza", "Beirut", "Damascus",
             "Aleppo", "Tripoli", "Bamako", "Goma", "Lagos", "Kano", "Juba", "Herat"]  # fmt: skip
    out = []
    for name in names:
        for place in gaz.lookup(name, limit=max(1, n // len(names))):
            out.append((place.id, place.name, place.lat, place.lon, place.country_code))
    return out[:n]


def _incidents(n: int, seed: int = 7) -> Iterator[list[object]]:
    import datetime as dt

    from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision

    rng = random.Random(seed)
    places = _places()
    types = list(EventType)
    start = dt.date(2019, 1, 1)
    chunk: list[object] = []
    for i in range(n):
        pid, name, lat, lon, cc = places[rng.randrange(len(places))]
        roll = rng.random()
        precision = (
            TimePrecision.DAY
            if roll < 0.8
            else TimePrecision.WEEK
            if roll < 0.9
            else TimePrecision.MONTH
        )
        day = start + dt.timedelta(days=rng.randrange(6 * 365))
        if precision is TimePrecision.MONTH:
            day = day.replace(day=1)
        article = f"layer-{i // 2}"
        text = f"Synthetic report {i} of an incident in {name}."
        chunk.append(
            Incident(
                id=f"L{i:09d}",
                article_id=article,
                event_type=types[rng.randrange(len(types))],
                sub_event_type="",
                event_date=day.isoformat(),
                time_precision=precision,
                location=name,
                place_id=pid,
                lat=lat + rng.uniform(-0.01, 0.01),
                lon=lon + rng.uniform(-0.01, 0.01),
                country_code=cc,
                admin1=None,
                geo_precision=GeoPrecision.EXACT,
                evidence=text,
                evidence_start=0,
                evidence_end=len(text),
                fatalities=rng.choice([None, 0, 1, 2, 5]),
                source_url=f"https://synthetic.example.org/{article}",
                article_ids=(article,),
                source_urls=(f"https://synthetic.example.org/{article}",),
            )
        )
        if len(chunk) == 5_000:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def build_layer(path: Path, n: int) -> float:
    """Write a synthetic layer of ``n`` incidents to ``path``; return the seconds it took."""
    import pyarrow as pa
    import pyogrio

    from incidentmap.export.writers import stream_gpkg
    from incidentmap.frame import incidents_frame

    started = time.perf_counter()
    frames = (incidents_frame(c) for c in _incidents(n))
    if path.suffix == ".parquet":
        from incidentmap.export.writers import stream_parquet

        stream_parquet(frames, path, None, metadata={"incidentmap:run_id": '["synthetic"]'})
    else:
        stream_gpkg(frames, path, None)
    schema = pa.schema(
        [(c, pa.int64() if c == "incidents" else pa.string()) for c in PROCESSED_COLUMNS]
    )

    def batches() -> Iterator[pa.RecordBatch]:
        for first in range(0, n // 2, 50_000):
            ids = [f"layer-{i}" for i in range(first, min(n // 2, first + 50_000))]
            yield pa.record_batch(
                [
                    pa.array(ids),
                    pa.array([f"https://synthetic.example.org/{a}" for a in ids]),
                    pa.array([f"{i:064x}" for i in range(first, first + len(ids))]),
                    pa.array([None] * len(ids), pa.string()),
                    pa.array([None] * len(ids), pa.string()),
                    pa.array([None] * len(ids), pa.string()),
                    pa.array([2] * len(ids), pa.int64()),
                    pa.array(["synthetic"] * len(ids)),
                    pa.array(["2025-01-01T00:00:00+00:00"] * len(ids)),
                ],
                schema=schema,
            )

    if path.suffix == ".parquet":
        import pyarrow.parquet as pq

        sidecar = path.with_name(f"{path.stem}.{PROCESSED_TABLE}.parquet")
        with pq.ParquetWriter(sidecar, schema) as out:
            for batch in batches():
                out.write_batch(batch)
        return time.perf_counter() - started
    reader = pa.RecordBatchReader.from_batches(schema, batches())
    pyogrio.write_arrow(
        reader, path, layer=PROCESSED_TABLE, driver="GPKG", geometry_name=None, geometry_type=None
    )
    return time.perf_counter() - started


def day_corpus(path: Path, n: int) -> None:
    """Write ``n`` articles of ``bench/scale.py``'s corpus, each text made unique.

    Its copies of one article differ only in id and date; a layer would skip them as
    seen (same text), so each gets a last line of its own.
    """
    import json

    plain = path.with_suffix(".plain.jsonl")
    make_corpus(plain, n)
    with plain.open(encoding="utf-8") as source, path.open("w", encoding="utf-8") as out:
        for number, line in enumerate(source):
            record = json.loads(line)
            record["text"] = record["text"].rstrip() + f"\n\nDispatch {number}.\n"
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    plain.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--layers", type=int, nargs="+", default=[100_000, 300_000])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument(
        "--kind", choices=("gpkg", "parquet"), default="gpkg", help="the layers' format"
    )
    parser.add_argument("--skip-plain", action="store_true", help="only the --into runs")
    parser.add_argument("--workers", default="1", help="--workers of the measured runs")
    parser.add_argument(
        "--no-map-too", action="store_true", help="also measure every run with --no-map"
    )
    args = parser.parse_args()
    exe = [sys.executable, "-m", "incidentmap", "-q", "run"]
    common = ["--workers", args.workers]
    with tempfile.TemporaryDirectory(prefix="incidentmap-layer-") as tmp:
        root = Path(tmp)
        day = root / "day.jsonl"
        day_corpus(day, args.articles)
        warm = root / "warm.jsonl"
        make_corpus(warm, 1)
        import subprocess

        subprocess.run([*exe, str(warm), "-o", str(root / "warm")], check=True)
        print(f"{'run':<40} {'seconds':>8} {'peak MB':>8} {'layer MB':>9}")

        def measure(label: str, cmd: list[str], layer: Path | None = None) -> None:
            seconds, peak = _measure(cmd)
            size = f"{layer.stat().st_size / 2**20:>9.0f}" if layer is not None else ""
            print(f"{label:<40} {seconds:>8.1f} {peak:>8.0f} {size}")
            sys.stdout.flush()

        variants: list[tuple[list[str], str]] = [([], "map")]
        if args.no_map_too:
            variants.append((["--no-map"], "no map"))
        for extra, kind in variants if not args.skip_plain else []:
            measure(
                f"plain run, {args.articles:,} articles, {kind}",
                [*exe, str(day), "-o", str(root / "plain"), *common, *extra],
            )
            measure(  # the same articles written as a GeoPackage too
                f"plain run, {args.articles:,}, {kind}, gpkg",
                [*exe, str(day), "-o", str(root / "plain"), "--format", "gpkg", *common, *extra],
            )
            new = root / f"new.{args.kind}"
            new.unlink(missing_ok=True)
            cmd = [*exe, str(day), "--into", str(new), "-o", str(root / "o0"), *common, *extra]
            measure(f"--into a new layer, {kind}", cmd, new)
        import json

        for n in args.layers:
            base = root / f"base-{n}.{args.kind}"
            built = build_layer(base, n)
            print(f"layer of {n:,} incidents built in {built:.0f} s")
            for extra, kind in variants:
                layer = root / f"layer-{n}.{args.kind}"
                shutil.copyfile(base, layer)
                side = f".{PROCESSED_TABLE}.parquet"
                if args.kind == "parquet":
                    shutil.copyfile(
                        base.with_name(base.stem + side), layer.with_name(layer.stem + side)
                    )
                out = root / f"o{n}"
                cmd = [*exe, str(day), "--into", str(layer), "-o", str(out), *common, *extra]
                measure(f"--into a layer of {n:,}, {kind}", cmd, layer)
                summary = json.loads((out / "run-summary.json").read_text())
                a, i = summary["articles"], summary["incidents"]
                print(
                    f"    articles new {a['new']}, seen {a['skipped_seen']}; incidents new "
                    f"{i['new']}, merged {i['merged']}, total {i['total']:,}"
                )
                layer.unlink()
            base.unlink()


if __name__ == "__main__":
    main()
