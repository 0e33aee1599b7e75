"""Throughput and memory of ``read_articles`` on each input format.

Run: .venv/bin/python bench/read_articles.py [--records 20000]

Reads the public evaluation corpora (../shared/eval/*.jsonl, if present) and synthetic
corpora written to a temporary folder (JSON lines, CSV, .txt with front matter, HTML),
and prints articles per second, MB per second and the peak memory traced while streaming
(in a second pass, as tracing slows reading down).
"""

from __future__ import annotations

import argparse
import csv
import json
import tempfile
import time
import tracemalloc
from pathlib import Path

from incidentmap.text.articles import read_articles

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
PARAGRAPH = (
    "Flood water reached the lower streets of Vellmar before dawn, and rescue teams moved "
    "families to the school on the hill while officials counted the damage. "
)


def measure(label: str, *sources: Path) -> None:
    size = sum(p.stat().st_size for s in sources for p in ([s] if s.is_file() else s.rglob("*")))
    problems: list[object] = []
    started = time.perf_counter()
    count = sum(1 for _ in read_articles(*sources, report=problems.append))
    seconds = time.perf_counter() - started
    tracemalloc.start()  # a second pass for memory: tracing slows reading down
    for _ in read_articles(*sources, report=lambda problem: None):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    print(
        f"{label:<28} {count:>7} articles {size / 1e6:8.1f} MB {seconds:7.2f} s "
        f"{count / seconds:9.0f} articles/s {size / 1e6 / seconds:6.1f} MB/s "
        f"peak {peak / 1e6:6.1f} MB  problems {len(problems)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=20000)
    args = parser.parse_args()
    corpora = sorted(EVAL.glob("*.jsonl"))
    for corpus in corpora:
        measure(f"eval {corpus.name}", corpus)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        body = PARAGRAPH * 12
        jsonl = root / "big.jsonl"
        with jsonl.open("w", encoding="utf-8") as out:
            for n in range(args.records):
                record = {"id": f"r{n}", "title": "Flood", "published": "2024-05-02", "text": body}
                out.write(json.dumps(record) + "\n")
        measure(f"jsonl x{args.records}", jsonl)
        table = root / "big.csv"
        with table.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "title", "date", "body"])
            for n in range(args.records):
                writer.writerow([f"r{n}", "Flood", "2024-05-02", body])
        measure(f"csv x{args.records}", table)
        texts = root / "texts"
        texts.mkdir()
        for n in range(2000):
            front = f"---\ntitle: Flood {n}\npublished: 2024-05-02\n---\n\n"
            (texts / f"a{n:05}.txt").write_text(front + body, encoding="utf-8")
        measure("txt x2000 (directory)", texts)
        pages = root / "pages"
        pages.mkdir()
        for n in range(200):
            html = (
                f"<html><head><title>Flood {n}</title></head><body><nav>Home</nav><article>"
                f"<h1>Flood {n}</h1>" + f"<p>{PARAGRAPH}</p>" * 12 + "</article></body></html>"
            )
            (pages / f"p{n:04}.html").write_text(html, encoding="utf-8")
        measure("html x200 (trafilatura)", pages)


if __name__ == "__main__":
    main()
