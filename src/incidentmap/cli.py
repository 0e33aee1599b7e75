"""The ``incidentmap`` command: parses arguments and calls the library.

Each subcommand lives in :mod:`incidentmap.commands` as a module with a
``register(subparsers)`` function that adds its parser and sets ``func`` to a
handler ``(args) -> int``. This module only ties them together and turns
:class:`~incidentmap.errors.IncidentMapError`, and the system errors of a full disk or
an unwritable folder, into a one-line message and exit status 2 instead of a traceback.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
incidentmap ...
0
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sqlite3
import sys
from collections.abc import Sequence

from . import __version__
from .errors import IncidentMapError
from .processes import Terminated, sigterm_raises

__all__ = ["build_parser", "main"]

#: Subcommand modules under incidentmap.commands, in the order ``--help`` lists them.
COMMANDS = ("run", "geoparse", "incidents", "map", "gazetteer", "eval", "codebook")


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser with every available subcommand registered."""
    parser = argparse.ArgumentParser(
        prog="incidentmap",
        description="Find the places and incidents news articles report, and map them offline.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    _add_noise_options(parser, default=False)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        try:
            module = importlib.import_module(f"incidentmap.commands.{name}")
        except ModuleNotFoundError as exc:  # a command not built yet is simply absent
            if exc.name != f"incidentmap.commands.{name}":
                raise
            continue
        module.register(sub)
    _share_noise_options(sub)
    return parser


def _add_noise_options(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="only print errors (no progress, no notes)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", default=default, help="print debugging notes"
    )


def _share_noise_options(sub: argparse._SubParsersAction) -> None:
    """Accept ``-q`` and ``-v`` after a (sub)command too: ``incidentmap run ... -q``.

    Their default there is "not given", so ``incidentmap -q run ...`` keeps its meaning.
    """
    for command in sub.choices.values():
        _add_noise_options(command, default=argparse.SUPPRESS)
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _share_noise_options(action)


def _quiet_dask(record: logging.LogRecord) -> bool:
    """Drop Dask's informational records (cluster start-up and shutdown) unless ``-v``."""
    return record.levelno >= logging.WARNING or not record.name.startswith(("distributed", "dask"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return the exit status.

    Parameters
    ----------
    argv
        Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns
    -------
    int
        0 on success, 1 when a batch produced nothing, 2 on a usage or input error.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"incidentmap {__version__}")
        return 0
    level = logging.ERROR if args.quiet else logging.DEBUG if args.verbose else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("incidentmap: %(message)s"))
    handler.setLevel(level)  # also for other libraries' records
    if not args.verbose:
        handler.addFilter(_quiet_dask)
    logging.basicConfig(level=level, handlers=[handler])  # no-op if logging is set up already
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        with sigterm_raises():  # SIGTERM unwinds like Ctrl-C: temporary files go, workers end
            return int(args.func(args) or 0)
    except IncidentMapError as exc:
        print(f"incidentmap: error: {exc}", file=sys.stderr)
        return 2
    except Terminated:
        print("incidentmap: terminated", file=sys.stderr)
        return 143
    except KeyboardInterrupt:
        print("incidentmap: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `incidentmap geoparse ... | head`
        return 0
    except (OSError, sqlite3.Error) as exc:  # a full disk under the spool, a read-only $TMPDIR
        print(
            f"incidentmap: error: {exc} (is a disk full, or a folder not writable?)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
