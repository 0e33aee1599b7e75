"""``incidentmap geoparse INPUT... [-o FILE.jsonl] [--given-mentions] [--no-demonyms]``.

One JSON line per article, streamed as the articles are read::

    {"id": "...", "places": [{"start", "end", "text", "lat", "lon", "place_id", "name",
                              "country_code", "feature_code", "confidence", "kind",
                              "metonym"}]}

``metonym`` is true for a name that stands for a government ("Washington said").

A mention that could not be placed is listed with ``null`` coordinates. With
``--given-mentions`` the ``toponyms`` spans of JSON-lines input (the shape of the
evaluation corpora) are resolved instead of recognised.

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser(prog="incidentmap").add_subparsers()
>>> register(sub)
>>> args = sub.choices["geoparse"].parse_args(["a.jsonl", "--given-mentions"])
>>> args.given_mentions, args.demonyms, args.output
(True, True, None)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import IO, Any

from ..errors import ArticleError, ExportError, InputError
from ..model import Toponym

__all__ = ["place_record", "register"]


def register(sub: Any) -> None:
    """Add the ``geoparse`` command to ``sub``."""
    parser = sub.add_parser(
        "geoparse",
        help="places mentioned in articles, one JSON line per article",
        description=(
            "Find and resolve the place mentions of articles with the offline gazetteer. "
            "Writes one JSON object per article: its id and its places (character offsets, "
            "text, point, gazetteer id, name, country, feature code, confidence, kind)."
        ),
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (.txt .html .jsonl .json .csv), folders, or - for stdin",
    )
    parser.add_argument("-o", "--output", metavar="FILE.jsonl", help="output file (default stdout)")
    parser.add_argument(
        "--given-mentions",
        action="store_true",
        help="resolve the input's own `toponyms` spans instead of recognising mentions",
    )
    parser.add_argument(
        "--no-demonyms",
        dest="demonyms",
        action="store_false",
        help='do not count "Iraqi", "U.S.-led" ... as mentions of the country',
    )
    parser.set_defaults(func=_geoparse)


def place_record(t: Toponym) -> dict[str, Any]:
    """Return the output contract's record of one toponym."""
    p = t.place
    return {
        "start": t.start,
        "end": t.end,
        "text": t.text,
        "lat": p.lat if p else None,
        "lon": p.lon if p else None,
        "place_id": p.id if p else None,
        "name": p.name if p else None,
        "country_code": (p.country_code or None) if p else None,
        "feature_code": p.feature_code if p else None,
        "confidence": t.confidence,
        "kind": t.kind,
        "metonym": t.metonym,
    }


def _geoparse(args: argparse.Namespace) -> int:
    from ..gazetteer import Gazetteer
    from ..geoparse import Geoparser
    from ..text.articles import read_articles

    problems: list[InputError] = []

    def report(err: InputError) -> None:
        problems.append(err)
        logging.getLogger("incidentmap.input").warning("%s", err)

    parser = Geoparser(Gazetteer.default(), demonyms=args.demonyms)
    if not args.output:
        return _write(parser, read_articles(*args.inputs, report=report), sys.stdout, args, report)
    try:
        with Path(args.output).open("w", encoding="utf-8") as out:
            return _write(parser, read_articles(*args.inputs, report=report), out, args, report)
    except OSError as exc:
        raise ExportError(f"cannot write {args.output!r}: {exc.strerror}") from exc


def _write(parser: Any, articles: Any, out: IO[str], args: argparse.Namespace, report: Any) -> int:
    from ..pipeline import exit_status

    written, failed = 0, []
    for article in articles:
        try:
            found = parser.resolve_spans(article) if args.given_mentions else parser.parse(article)
        except InputError as exc:
            failed.append(exc)
            report(exc)
            continue
        except Exception as exc:  # the per-article error boundary: report, go on
            failed.append(
                ArticleError.from_exception(exc, source=article.source, line=article.line)
            )
            report(failed[-1])
            continue
        record = {"id": article.id, "places": [place_record(t) for t in found]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        written += 1
    if not written and not failed:
        return 0
    return exit_status(articles=written, problems=failed)
