"""Benchmark the run pipeline at scale: local engine vs Dask with 1 and 2 workers.

The synthetic corpus is made of the project's own articles (``seeds/`` and
``bench/data/incidents-dev.jsonl``), repeated with fresh ids and publication dates
shifted by a day per copy, written as one JSON-lines file. Its text is therefore real
news copy, its size grows linearly and nothing in it comes from the eval corpora.

Each configuration runs in its own process; the peak memory printed is the highest
sum of proportional set sizes (PSS: shared pages split between the processes sharing
them) over that process and all its children (Dask's workers included), sampled every
0.2 s with psutil.

``--stages N`` instead runs the local engine on N articles inside this process and
prints the resident memory (RSS, and the peak so far) after each stage: gazetteer
and geoparser loaded, articles processed into the disk spool, reports merged,
GeoJSON written, map written.

Usage::

    python bench/scale.py                         # 1,000 and 10,000 articles
    python bench/scale.py --sizes 1000 10000 100000
    python bench/scale.py --stages 20000
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _base_articles() -> list[dict[str, str]]:
    from incidentmap.text.articles import read_articles

    out = []
    sources = [REPO / "seeds", REPO / "bench" / "data" / "incidents-dev.jsonl"]
    for article in read_articles(*[s for s in sources if s.exists()]):
        out.append(
            {
                "text": article.text,
                "title": article.title or "",
                "published": (article.published or dt.date(2023, 1, 1)).isoformat(),
            }
        )
    return out


def make_corpus(path: Path, n: int) -> None:
    """Write ``n`` articles to ``path`` as JSON lines (see the module docstring)."""
    base = _base_articles()
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            record = dict(base[i % len(base)])
            copy = i // len(base)
            published = dt.date.fromisoformat(record["published"]) + dt.timedelta(days=copy)
            record.update(id=f"synthetic-{i}", published=published.isoformat())
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _measure(cmd: list[str]) -> tuple[float, float]:
    """Run a command; return (seconds, peak MB of the process tree)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(proc.pid)
        while not done.is_set():
            try:
                procs = [root, *root.children(recursive=True)]
                # PSS: shared pages (the mmapped gazetteer index) are split between the
                # processes that map them instead of being counted once per process
                pss = sum(p.memory_full_info().pss for p in procs if p.is_running())
                peak = max(peak, pss / 2**20)
            except psutil.Error:
                pass
            time.sleep(0.2)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    _, err = proc.communicate()
    done.set()
    thread.join()
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err[-2000:]}")
    return seconds, peak


def _rss() -> tuple[float, float]:
    """Return the current and peak resident memory of this process in MB (Linux)."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def stages(n: int) -> None:
    """Print RSS after each stage of one local run over ``n`` articles."""
    import gc

    from incidentmap.gazetteer import Gazetteer
    from incidentmap.model import Article
    from incidentmap.pipeline import Processor, collect, write_results
    from incidentmap.spool import IncidentSpool

    def report(stage: str) -> None:
        gc.collect()
        now, peak = _rss()
        print(f"{stage:<44} {now:>7.0f} {peak:>7.0f}   {time.perf_counter() - start:6.1f} s")
        sys.stdout.flush()

    with tempfile.TemporaryDirectory(prefix="incidentmap-stages-") as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        make_corpus(corpus, n)
        start = time.perf_counter()
        print(f"{'stage':<44} {'RSS MB':>7} {'peak':>7}   elapsed")
        processor = Processor(Gazetteer.default())
        processor(Article(id="warm-up", text="Clashes broke out in Baghdad on Friday."))
        report("gazetteer open, geoparser loaded")
        with IncidentSpool(tmp) as spool:
            found = collect([corpus], processor, spool, workers=1)
            report(f"{found.articles:,} articles processed ({spool.reports:,} reports)")
            merged = spool.finish(merge=True)
            report(f"merged across articles ({merged:,} incidents)")
            write_results(spool, Path(tmp) / "out", formats=["geojson"], write_map=False)
            report("GeoJSON written")
            write_results(spool, Path(tmp) / "out", formats=[], write_map=True)
            kind = "density map" if merged > 100_000 else "map"
            report(f"{kind} written")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000])
    parser.add_argument(
        "--engines", nargs="+", help="run only these configurations (their names, quoted)"
    )
    parser.add_argument("--stages", type=int, metavar="N", help="memory by stage on N articles")
    args = parser.parse_args()
    if args.stages:
        stages(args.stages)
        return
    exe = [sys.executable, "-m", "incidentmap", "-q", "run"]
    configs = {
        "local (1 process)": ["--workers", "1"],
        "local (pool)": [],
        "dask, 1 worker": ["--engine", "dask", "--workers", "1"],
        "dask, 2 workers": ["--engine", "dask", "--workers", "2"],
    }
    if args.engines:
        configs = {k: v for k, v in configs.items() if k in args.engines}
    print(f"{'articles':>9}  {'engine':<18} {'seconds':>8} {'art/s':>8} {'peak MB':>8}")
    with tempfile.TemporaryDirectory(prefix="incidentmap-scale-") as tmp:
        # build the gazetteer index and the geoparser's name index outside the timed runs
        warm = Path(tmp) / "warm.jsonl"
        make_corpus(warm, 1)
        subprocess.run([*exe, str(warm), "-o", str(Path(tmp) / "warm")], check=True)
        for n in args.sizes:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            make_corpus(corpus, n)
            for name, extra in configs.items():
                out = Path(tmp) / "out"
                seconds, peak = _measure([*exe, str(corpus), "-o", str(out), "--no-map", *extra])
                print(f"{n:>9,}  {name:<18} {seconds:>8.1f} {n / seconds:>8.0f} {peak:>8.0f}")
                sys.stdout.flush()


if __name__ == "__main__":
    main()
