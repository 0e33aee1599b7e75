"""Options and helpers shared by the subcommands that read articles."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import ExportError, InputError
from ..wording import plural

__all__ = [
    "add_input_options",
    "add_map_options",
    "add_schema_option",
    "make_geocoder",
    "map_options",
    "output_format",
    "problem_printer",
    "workers_option",
]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add INPUT..., --workers, --no-demonyms, --codebook and the online-fallback options."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (.txt .html .jsonl .json .csv, RSS/Atom feeds), folders, or - "
        "for stdin",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="worker processes (default: all cores for large batches; 1 = this process)",
    )
    parser.add_argument(
        "--no-demonyms",
        dest="demonyms",
        action="store_false",
        help='do not count "Iraqi", "U.S.-led" ... as mentions of the country',
    )
    parser.add_argument(
        "--codebook",
        metavar="DIR",
        help="a folder of incident codebook files (taxonomy.json, triggers.tsv, cues.tsv ...);"
        " files it lacks come from the shipped English codebook",
    )
    online = parser.add_argument_group("online fallback (off by default)")
    online.add_argument(
        "--geocoder",
        metavar="URL",
        help="send names the gazetteer cannot place to this Nominatim/Photon/Pelias server",
    )
    online.add_argument(
        "--geocoder-service",
        choices=("nominatim", "photon", "pelias"),
        default="nominatim",
        help="the API the --geocoder server speaks (default nominatim)",
    )
    online.add_argument(
        "--user-agent",
        help="identifies you to the geocoder (Nominatim needs it) and, with run --online, "
        "to the sites fetched",
    )


def add_map_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of the map (``map`` and ``run`` take the same ones)."""
    group = parser.add_argument_group("map")
    group.add_argument("--title", help="title shown on the map and in the browser tab")
    group.add_argument(
        "--show-background",
        action="store_true",
        help="show background (generic or habitual) incidents from the start",
    )
    group.add_argument(
        "--min-confidence",
        type=float,
        default=0.4,
        metavar="X",
        help="incidents below this confidence start hidden (default: 0.4)",
    )
    group.add_argument("--no-heatmap", action="store_true", help="leave out the heat-map layer")
    group.add_argument("--no-cluster", action="store_true", help="do not cluster markers")


def map_options(args: argparse.Namespace) -> Any:
    """Return the :class:`~incidentmap.pipeline.MapOptions` of the map options."""
    from ..pipeline import MapOptions

    if not 0.0 <= args.min_confidence <= 1.0:
        raise InputError(f"--min-confidence must be between 0 and 1, not {args.min_confidence}")
    return MapOptions(
        title=args.title,
        min_confidence=args.min_confidence,
        cluster=not args.no_cluster,
        heatmap=not args.no_heatmap,
        show_background=args.show_background,
    )


def add_schema_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--schema`` (the column names of the GIS files)."""
    parser.add_argument(
        "--schema",
        choices=("incidentmap", "acled"),
        default="incidentmap",
        help="column names of the files: incidentmap's (default) or ACLED's (event_id_cnty, "
        "event_date, actor1, country and admin1 as names, ...; dated, placed events only)",
    )


def workers_option(args: argparse.Namespace) -> int | None:
    """Validate ``--workers``."""
    if args.workers is not None and args.workers < 1:
        raise InputError(f"--workers must be 1 or more, not {args.workers}")
    workers: int | None = args.workers
    return workers


def make_geocoder(args: argparse.Namespace) -> Any:
    """Build the optional online fallback geocoder from the options, or return ``None``."""
    if not args.geocoder:
        return None
    from ..geocoders import FallbackGeocoder

    return FallbackGeocoder.from_url(
        args.geocoder, service=args.geocoder_service, user_agent=args.user_agent
    )


def problem_count(problems: list[InputError]) -> str:
    """Say how many inputs were skipped, and how many were read with a warning.

    >>> problem_count([InputError("x"), InputError("y", kept=True)])
    '1 input skipped, 1 read with a warning'
    >>> problem_count([])
    '0 inputs skipped'
    """
    kept = sum(p.kept for p in problems)
    warned = f", {kept:,} read with a warning" if kept else ""
    return f"{plural(len(problems) - kept, 'input')} skipped{warned}"


def problem_printer(problems: list[InputError]) -> Any:
    """Return a ``report`` callback that prints each input problem to stderr and keeps it."""

    def report(err: InputError) -> None:
        problems.append(err)
        print(f"incidentmap: {err.verdict}: {err}", file=sys.stderr)

    return report


#: Extensions of JSON-lines output.
JSONL_SUFFIXES = (".jsonl", ".ndjson")


def output_format(output: str | None, *, what: str) -> str | None:
    """Return the GIS format ``output``'s extension selects, ``None`` for JSON lines.

    ``what`` names what is written ("places", "incidents"), for the message.

    Raises
    ------
    ExportError
        For an extension that is neither JSON lines nor a GIS format, naming the accepted.

    Examples
    --------
    >>> [output_format(o, what="places") for o in (None, "places.jsonl", "places.gpkg")]
    [None, None, 'gpkg']
    >>> output_format("incidents", what="incidents")
    Traceback (most recent call last):
    ...
    incidentmap.errors.ExportError: cannot write incidents to 'incidents': it has no \
extension; accepted: .jsonl, .ndjson, .geojson, .json, .geojsonl, .geojsons, .gpkg, .csv, \
.parquet, .geoparquet, .kml (.jsonl for one JSON line per record)
    """
    from ..export import accepted_extensions, format_for_path

    if output is None:
        return None
    suffix = Path(output).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return None
    try:
        return format_for_path(output)
    except ExportError:  # the same refusal, naming JSON lines too
        accepted = ", ".join([*JSONL_SUFFIXES, *accepted_extensions()])
        told = f"unknown extension {suffix!r}" if suffix else "it has no extension"
        raise ExportError(
            f"cannot write {what} to {output!r}: {told}; accepted: {accepted} "
            "(.jsonl for one JSON line per record)"
        ) from None
