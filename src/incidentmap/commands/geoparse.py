"""``incidentmap geoparse INPUT... [-o FILE.jsonl] [--given-mentions] [--no-demonyms]``.

One JSON line per article, streamed as the articles are read (into a temporary file
beside ``-o FILE``, renamed over it at the end)::

    {"id": "...", "places": [{"start", "end", "text", "lat", "lon", "place_id", "name",
                              "country_code", "feature_code", "confidence", "kind",
                              "metonym"}]}

``metonym`` is true for a name that stands for a government ("Washington said").

A mention that could not be placed is listed with ``null`` coordinates. With
``-o`` ending in a GIS extension (``.geojson``, ``.gpkg``, ``.csv``, ``.parquet``,
``.kml``, ``.geojsonl``) the resolved places are written in that format instead, one
row per mention (the columns of :func:`incidentmap.frame.toponyms_frame`); any other
extension is refused before any work. With ``--given-mentions`` the ``toponyms`` spans
of JSON-lines input (the shape of the evaluation corpora) are resolved instead of
recognised.

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
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import ArticleError, InputError
from ..model import Toponym
from ._common import output_format, problem_printer

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
        help="article files (.txt .html .jsonl .json .csv, RSS/Atom feeds), folders, or - "
        "for stdin",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file: .jsonl/.ndjson for JSON lines (default: stdout), or .geojson "
        ".geojsonl .gpkg .csv .parquet .kml for the resolved places in that GIS format",
    )
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
    from ..progress import progress_wanted, with_progress
    from ..text.articles import read_articles

    problems: list[InputError] = []
    report = problem_printer(problems)  # "incidentmap: skipped: FILE:LINE: ...", as run's
    fmt = output_format(args.output, what="places")  # a wrong extension is refused now
    if args.output:
        from ..export.api import prepare_directory

        prepare_directory(Path(args.output))  # and so is a folder that cannot be written
    parser = Geoparser(Gazetteer.default(), demonyms=args.demonyms)
    tally = _Tally(problems)
    articles = with_progress(  # not over the places written to standard output
        read_articles(*args.inputs, report=report),
        enabled=args.output is not None and progress_wanted(quiet=args.quiet),
    )
    found = _places(parser, articles, args, report, tally)
    if fmt is not None:
        from ..export import write_toponyms

        write_toponyms(lambda: _frames(found), Path(args.output), format=fmt)
    elif not args.output:
        _write(found, sys.stdout)
    else:
        from ..export import atomic_path

        # atomic: an interrupted run leaves the previous file whole, never half of one
        with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as out:
            _write(found, out)
    return tally.status()


class _Tally:
    """Articles written and problems met, for the exit status.

    ``problems`` is the list the reader reports into: an input that could not be read
    at all leaves no article written, which is exit status 1 as for ``run``.
    """

    def __init__(self, problems: list[InputError]) -> None:
        self.written = 0
        self.failed = problems

    def status(self) -> int:
        from ..pipeline import exit_status

        return exit_status(articles=self.written, problems=self.failed)


def _places(
    parser: Any, articles: Any, args: argparse.Namespace, report: Any, tally: _Tally
) -> Iterator[tuple[str, list[Toponym]]]:
    """Yield ``(article id, toponyms)`` per article; a failing article is reported."""
    for article in articles:
        try:
            found = parser.resolve_spans(article) if args.given_mentions else parser.parse(article)
        except InputError as exc:
            report(exc)  # kept in tally.failed
            continue
        except Exception as exc:  # the per-article error boundary: report, go on
            report(ArticleError.from_exception(exc, source=article.source, line=article.line))
            continue
        tally.written += 1
        yield article.id, list(found)


def _write(found: Iterable[tuple[str, list[Toponym]]], out: IO[str]) -> None:
    for article_id, toponyms in found:
        record = {"id": article_id, "places": [place_record(t) for t in toponyms]}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def _frames(found: Iterable[tuple[str, list[Toponym]]], *, articles: int = 500) -> Iterator[Any]:
    """Toponym frames of ``articles`` articles at a time (at least one, maybe empty)."""
    from ..frame import toponyms_frame

    batch: list[tuple[str, Toponym]] = []
    yielded = 0
    for seen, (article_id, toponyms) in enumerate(found, start=1):
        batch += [(article_id, t) for t in toponyms]
        if seen % articles == 0:
            yield toponyms_frame(batch)
            batch, yielded = [], yielded + 1
    if batch or not yielded:
        yield toponyms_frame(batch)
