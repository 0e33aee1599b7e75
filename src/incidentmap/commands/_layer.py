"""``run`` options for keeping a layer current: ``--into``, ``--since`` and online inputs.

Kept apart from :mod:`incidentmap.commands.run` so the two grow independently:
:func:`add_layer_options` adds the options, :func:`run_into` is the ``--into`` job and
:func:`articles_option` turns ``--online``, ``--urls`` and ``--since`` into the article
stream of an ordinary run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..progress import progress_wanted

__all__ = [
    "add_layer_options",
    "articles_option",
    "check_inputs",
    "make_fetcher",
    "print_report",
    "run_into",
    "since_option",
    "uses_layer_options",
]


def add_layer_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--into``, ``--since`` and the online-input options to the ``run`` parser.

    INPUT becomes optional, since ``--urls FILE`` may name every input
    (:func:`check_inputs` asks for one or the other).
    """
    for action in parser._actions:
        if action.dest == "inputs":
            action.nargs = "*"
    layer = parser.add_argument_group("keeping a layer current")
    layer.add_argument(
        "--into",
        metavar="LAYER",
        help="add the new articles' incidents to this GeoPackage (.gpkg) or GeoParquet "
        "(.parquet) layer, created if missing: articles it has processed are skipped, "
        "reports of one event are merged with its incidents, and it is replaced "
        "atomically; OUT gets the map of the whole layer and run-summary.json",
    )
    layer.add_argument(
        "--since",
        metavar="DATE",
        help="leave out articles and feed entries published before DATE (YYYY-MM-DD); "
        "articles without a date are kept",
    )
    online = parser.add_argument_group("online inputs (off by default)")
    online.add_argument(
        "--online",
        action="store_true",
        help="allow http(s):// inputs: article pages and RSS/Atom feeds are fetched "
        "(politely: --user-agent, one request per host every --fetch-delay seconds, "
        "robots.txt honoured, answers cached on disk)",
    )
    online.add_argument(
        "--urls", metavar="FILE", help="a text file of article or feed URLs, one a line"
    )
    online.add_argument(
        "--fetch-delay",
        type=float,
        default=1.0,
        metavar="SECONDS",
        help="seconds between two requests to one host (default 1; a longer robots.txt "
        "Crawl-delay wins)",
    )
    online.add_argument(
        "--fetch-timeout",
        type=float,
        default=20.0,
        metavar="SECONDS",
        help="deadline of one request, everything included (default 20)",
    )
    online.add_argument(
        "--fetch-cache",
        metavar="DIR",
        help="folder of the page cache (default: the incidentmap cache folder); fetched "
        "pages are reused for an hour",
    )


def check_inputs(args: argparse.Namespace) -> None:
    """Refuse a run with neither INPUT nor ``--urls``."""
    if not args.inputs and not args.urls:
        raise InputError("give at least one INPUT (a file, a folder, - or a URL) or --urls FILE")


def uses_layer_options(args: argparse.Namespace) -> bool:
    """Whether any option of :func:`add_layer_options` asks for more than a plain run."""
    from ..online import is_url

    return bool(
        args.into or args.since or args.online or args.urls or any(map(is_url, args.inputs))
    )


def since_option(args: argparse.Namespace) -> dt.date | None:
    """Validate ``--since``."""
    if not args.since:
        return None
    try:
        return dt.date.fromisoformat(args.since.strip())
    except ValueError:
        raise InputError(f"--since {args.since!r} is not a date; give it as YYYY-MM-DD") from None


def make_fetcher(args: argparse.Namespace) -> Any:
    """Build the :class:`~incidentmap.online.Fetcher` of ``--online``, else ``None``.

    Raises
    ------
    InputError
        For ``--urls`` without ``--online``, or a bad delay or timeout.
    """
    if not args.online:
        if args.urls:
            raise InputError(
                "--urls fetches pages from the internet, which is off by default; "
                "pass --online to allow it"
            )
        return None
    from ..gazetteer.core import default_cache_dir
    from ..online import Fetcher

    if args.fetch_timeout <= 0 or args.fetch_delay < 0:
        raise InputError("--fetch-timeout must be positive and --fetch-delay 0 or more")
    cache = Path(args.fetch_cache) if args.fetch_cache else default_cache_dir() / "pages"
    return Fetcher(
        user_agent=args.user_agent,
        cache_dir=cache,
        timeout=args.fetch_timeout,
        delay=args.fetch_delay,
    )


def _urls(args: argparse.Namespace, report: Any) -> list[str]:
    from ..online import read_url_list

    return read_url_list(args.urls, report=report) if args.urls else []


def articles_option(args: argparse.Namespace, report: Any) -> Any:
    """Return the article stream of a run with URLs or ``--urls`` (``None``: read INPUTs).

    Raises
    ------
    InputError
        At once for a URL without ``--online``.
    """
    from ..online import input_articles, is_url

    fetcher = make_fetcher(args)
    if fetcher is None and not any(map(is_url, args.inputs)):
        return None
    return input_articles(args.inputs, urls=_urls(args, report), fetcher=fetcher, report=report)


def print_report(report: Any) -> None:
    """Print a :class:`~incidentmap.summary.RunReport` on standard error."""
    for line in report.lines():
        print(line, file=sys.stderr)


def run_into(args: argparse.Namespace, *, workers: int | None, report: Any) -> int:
    """Run ``incidentmap run NEW --into LAYER`` and print its summary."""
    from ..layer import update_layer
    from ._common import make_geocoder, map_options

    if args.engine != "local":
        raise InputError("--into works with the local engine only (not with --engine dask)")
    formats = [f.strip() for f in (args.format or "").split(",") if f.strip()]
    fetcher = make_fetcher(args)
    done = update_layer(
        args.inputs,
        args.into,
        args.out,
        urls=_urls(args, report),
        fetcher=fetcher,
        formats=formats,
        write_map=args.write_map,
        workers=workers,
        demonyms=args.demonyms,
        geocoder=make_geocoder(args),
        merge=args.merge,
        since=since_option(args),
        progress=progress_wanted(quiet=args.quiet),
        report=report,
        spool_dir=args.spool_dir,
        wait=args.wait,
        escape_formulas=args.csv_escape,
        codebook=getattr(args, "codebook", None),
        schema=getattr(args, "schema", "incidentmap"),
        map_options=map_options(args),
    )
    if not args.quiet:
        print_report(done.report)
        for path in done.report.outputs:
            print(f"wrote {path}", file=sys.stderr)
    return done.exit_status
