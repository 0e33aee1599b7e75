"""``incidentmap eval CORPUS.jsonl [--given-mentions] [--baseline] [--json]``.

Score the geoparser against gold JSON lines (the shape of ``../shared/eval/*.jsonl``):
recognition precision/recall/F1 on exact and overlapping spans, acc@161 km, AUC, mean
and median error, end-to-end acc@161, the country-aware acc@161 (a chosen country whose
Natural Earth outline holds the gold point counts as right), accuracy per confidence band
and throughput.
``--baseline`` adds the population baseline on the gold spans, on the same gazetteer.

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser(prog="incidentmap").add_subparsers()
>>> register(sub)
>>> args = sub.choices["eval"].parse_args(["gold.jsonl", "--baseline", "--json"])
>>> args.baseline, args.json, args.given_mentions
(True, True, False)
"""

from __future__ import annotations

import argparse
import json
import logging
from typing import Any

from ..errors import InputError
from ..wording import plural, verb
from ._common import problem_printer

__all__ = ["format_scores", "register"]


def register(sub: Any) -> None:
    """Add the ``eval`` command to ``sub``."""
    parser = sub.add_parser(
        "eval",
        help="score the geoparser against a gold corpus (JSON lines with toponyms)",
        description=(
            "Recognition P/R/F1 (exact and overlapping spans), acc@161 km, AUC, mean and "
            "median error, end-to-end acc@161 and accuracy per confidence band."
        ),
    )
    parser.add_argument(
        "corpus",
        nargs="+",
        metavar="CORPUS.jsonl",
        help="gold JSON lines: articles with their annotated toponyms and coordinates",
    )
    parser.add_argument(
        "--given-mentions", action="store_true", help="resolve the gold spans (no recognition)"
    )
    parser.add_argument(
        "--baseline", action="store_true", help="also score the population baseline"
    )
    parser.add_argument(
        "--no-demonyms",
        dest="demonyms",
        action="store_false",
        help='do not count "Iraqi", "U.S.-led" ... as mentions of the country',
    )
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.set_defaults(func=_eval)


def format_scores(name: str, s: Any) -> str:
    """Return a short human-readable block of scores."""
    bands = "  ".join(f"[{lo:.1f},{hi:.1f}) n={n} acc={a:.2f}" for lo, hi, n, a in s.bands)
    return (
        f"{name}\n"
        f"  recognition  exact P/R/F1 {s.exact_precision:.3f}/{s.exact_recall:.3f}/"
        f"{s.exact_f1:.3f}  overlap {s.overlap_precision:.3f}/{s.overlap_recall:.3f}/"
        f"{s.overlap_f1:.3f}\n"
        f"  resolution   acc@161 {s.acc161:.3f}  AUC {s.auc:.3f}  mean {s.mean_km:.0f} km  "
        f"median {s.median_km:.1f} km  ({s.placed} of {s.gold} gold mentions matched)\n"
        f"               country-aware acc@161 {s.country_acc161:.3f} (a chosen country "
        "whose outline holds the gold point counts as right)\n"
        f"  end to end   acc@161 {s.e2e_acc161:.3f}  {plural(s.articles, 'article')}, "
        f"{s.articles_per_second:.0f} articles/s\n"
        f"  confidence   {bands}"
    )


def _eval(args: argparse.Namespace) -> int:
    from ..evaluate import evaluate_baseline, evaluate_geoparser
    from ..gazetteer import Gazetteer
    from ..geoparse import Geoparser
    from ..text.articles import read_articles

    problems: list[InputError] = []
    report = problem_printer(problems)  # "incidentmap: skipped: FILE:LINE: ...", as run's
    articles = [
        a for a in read_articles(*args.corpus, report=report) if a.toponyms or a.text.strip()
    ]
    if not articles:
        raise InputError(f"no gold articles read from {', '.join(args.corpus)}")
    spans = [span for a in articles for span in a.toponyms]
    if not spans:
        raise InputError(
            f'no gold toponyms in {", ".join(args.corpus)}: each record needs "toponyms", '
            'a list of {"start": 12, "end": 17, "text": "Erbil", "lat": 36.19, "lon": 44.01}'
        )
    unplaced = sum(span.lat is None or span.lon is None for span in spans)
    if unplaced:
        logging.getLogger("incidentmap.input").warning(
            "%d of %s %s no lat and lon: %s left out of every score "
            "(a place found at one counts as a false positive)",
            unplaced,
            plural(len(spans), "gold toponym"),
            verb(unplaced, "has", "have"),
            verb(unplaced, "it is", "they are"),
        )
    for a in articles:
        for span in a.toponyms:
            if not 0 <= span.start < span.end <= len(a.text):
                raise InputError(
                    f"gold span {span.start}..{span.end} ({span.text!r}) lies outside the "
                    f"text of {len(a.text)} characters",
                    source=a.source,
                    line=a.line,
                )
    gazetteer = Gazetteer.default()
    parser = Geoparser(gazetteer, demonyms=args.demonyms)
    results: dict[str, Any] = {}
    mode = "given mentions" if args.given_mentions else "end to end"
    scores = evaluate_geoparser(
        articles, parser, given_mentions=args.given_mentions, demonyms=args.demonyms
    )
    results[mode] = scores
    if args.baseline:
        results["population baseline"] = evaluate_baseline(articles, gazetteer)
    if args.json:
        print(json.dumps({k: v.as_dict() for k, v in results.items()}, indent=1))
    else:
        for name, s in results.items():
            print(format_scores(name, s))
    return 0
