"""Options and helpers shared by the subcommands that read articles."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import InputError

__all__ = ["add_input_options", "make_geocoder", "problem_printer", "workers_option"]


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """Add INPUT..., --workers, --no-demonyms, --codebook and the online-fallback options."""
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files (.txt .html .jsonl .json .csv), folders, or - for stdin",
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
    online.add_argument("--user-agent", help="identifies you to the geocoder (Nominatim needs it)")


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


def problem_printer(problems: list[InputError]) -> Any:
    """Return a ``report`` callback that prints each input problem to stderr and keeps it."""

    def report(err: InputError) -> None:
        problems.append(err)
        print(f"incidentmap: skipped: {err}", file=sys.stderr)

    return report
