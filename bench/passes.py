r"""Repeat warm passes of one stage, for instruction counts that a loaded machine cannot blur.

Wall-clock time on a shared machine varies more than the gap between two commits, so the
session notes compare instructions instead. This script warms every cache with one pass,
then runs ``N`` more passes of one stage; run it under valgrind with ``N`` = 0 and ``N`` = 2
and the difference of the two totals, halved, is the cost of one warm pass:

    PYTHONHASHSEED=0 PYTHONPATH=<tree>/src valgrind --tool=callgrind \
        --callgrind-out-file=/tmp/cg.out .venv/bin/python bench/passes.py extract 2
    # "Collected : <instructions>" is the total; repeat with 0 and subtract

``extract``: incident extraction over the development set, its toponyms computed once
before the passes. ``parse``: the geoparser end to end over TR-News and GeoVirus
(``../shared/eval``).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "incidents-dev.jsonl"
CORPORA = [
    HERE.parent.parent / "shared/eval/trnews.jsonl",
    HERE.parent.parent / "shared/eval/geovirus.jsonl",
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stage", choices=["extract", "parse"])
    parser.add_argument("passes", type=int, help="warm passes after the first (0 for the baseline)")
    args = parser.parse_args(argv)

    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse import Geoparser
    from incidentmap.incidents import extract_incidents
    from incidentmap.text.articles import read_articles

    geoparser = Geoparser(Gazetteer.default())
    if args.stage == "extract":
        with contextlib.redirect_stderr(io.StringIO()):
            articles = list(read_articles(str(DEV)))
        toponyms = [geoparser.parse(a) for a in articles]
        for _ in range(1 + args.passes):
            for article, found in zip(articles, toponyms, strict=True):
                extract_incidents(article, found)
    else:
        with contextlib.redirect_stderr(io.StringIO()):  # the corpora's odd dates are warned of
            articles = [a for path in CORPORA for a in read_articles(str(path))]
        for _ in range(1 + args.passes):
            for article in articles:
                geoparser.parse(article)
    print(json.dumps({"stage": args.stage, "articles": len(articles), "passes": args.passes}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
