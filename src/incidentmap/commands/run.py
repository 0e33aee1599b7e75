"""``incidentmap run INPUT... -o OUT/``: the main job (map + GeoJSON, more formats on demand)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from ..errors import InputError
from ..progress import progress_wanted
from ..wording import plural
from ._common import (
    add_input_options,
    add_map_options,
    add_schema_option,
    make_geocoder,
    map_options,
    problem_count,
    problem_printer,
    workers_option,
)
from ._layer import (
    add_layer_options,
    articles_option,
    check_inputs,
    run_into,
    since_option,
    uses_layer_options,
)

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``run`` command to ``sub``."""
    parser = sub.add_parser(
        "run",
        help="incidents of articles as a map (OUT/incidents.html) and GeoJSON",
        description=(
            "Find the incidents the articles report and write OUT/incidents.html (an offline "
            "map) and OUT/incidents.geojson. Exit status 0 when any article was processed "
            "(skipped inputs are reported on stderr with file and line), 1 when none was, "
            "2 on a usage error, 3 when an article crashed a stage (reported with file, line "
            "and cause; the other articles are processed and written)."
        ),
    )
    add_input_options(parser)
    parser.add_argument("-o", "--out", default="out", help="output folder (default: out)")
    parser.add_argument(
        "--format",
        default=None,
        help="comma-separated export formats: geojson, geojsonseq, gpkg, csv, parquet, kml "
        "(default geojson; none with --into)",
    )
    add_schema_option(parser)
    parser.add_argument("--no-map", dest="write_map", action="store_false", help="skip the map")
    parser.add_argument(
        "--no-csv-escape",
        dest="csv_escape",
        action="store_false",
        help="in CSV, keep cells that start with = + - @ tab or CR as they are (by default "
        "they get a leading ' so spreadsheets do not run them as formulas)",
    )
    parser.add_argument(
        "--wait",
        action="store_true",
        help="if another run is writing to the output folder, wait for it (default: refuse)",
    )
    parser.add_argument(
        "--no-merge",
        dest="merge",
        action="store_false",
        help="keep reports of the same event from different articles apart",
    )
    parser.add_argument(
        "--spool-dir",
        metavar="DIR",
        help="where incidents wait on disk for the merge (default: the system's temporary "
        "folder, $TMPDIR); about 2 KB per incident, removed at the end",
    )
    engine = parser.add_argument_group("engine")
    engine.add_argument(
        "--engine",
        choices=("local", "dask"),
        default="local",
        help="local: this machine's cores (default); dask: a Dask cluster ([dask] extra)",
    )
    engine.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://host:8786); default a local cluster",
    )
    add_map_options(parser)
    add_layer_options(parser)
    parser.set_defaults(func=_run)


def _run(args: argparse.Namespace) -> int:
    problems: list[Any] = []
    check_inputs(args)
    if args.into:
        return run_into(args, workers=workers_option(args), report=problem_printer(problems))
    formats = [f.strip() for f in (args.format or "geojson").split(",") if f.strip()]
    options = map_options(args)
    if args.scheduler and args.engine != "dask":
        raise InputError("--scheduler needs --engine dask")
    if args.engine == "dask" and uses_layer_options(args):
        raise InputError("--since, --online, --urls and URL inputs need the local engine")
    if args.engine == "dask":
        if args.geocoder:
            raise InputError("--geocoder is not available with --engine dask")
        if args.schema != "incidentmap":
            raise InputError(
                "--schema acled is not available with --engine dask; run it with the local "
                "engine, or convert: incidentmap incidents ... -o acled.csv --schema acled"
            )
        try:  # the engine imports these only when it starts a cluster: check them now
            import dask.bag  # noqa: F401
            import distributed  # noqa: F401

            from ..dask_engine import run_dask
        except ImportError as exc:
            raise InputError(
                "--engine dask needs the [dask] extra, which is not installed "
                f"({exc.name or exc}): pip install 'incidentmap[dask]'"
            ) from None
        summary = run_dask(
            args.inputs,
            args.out,
            scheduler=args.scheduler,
            workers=workers_option(args),
            formats=formats,
            write_map=args.write_map,
            demonyms=args.demonyms,
            merge=args.merge,
            progress=progress_wanted(quiet=args.quiet),
            report=problem_printer(problems),
            spool_dir=args.spool_dir,
            escape_formulas=args.csv_escape,
            wait=args.wait,
            codebook=args.codebook,
            map_options=options,
        )
    else:
        from ..pipeline import run

        report = problem_printer(problems)
        summary = run(
            args.inputs,
            args.out,
            formats=formats,
            write_map=args.write_map,
            workers=workers_option(args),
            demonyms=args.demonyms,
            geocoder=make_geocoder(args),
            merge=args.merge,
            progress=progress_wanted(quiet=args.quiet),
            report=report,
            spool_dir=args.spool_dir,
            escape_formulas=args.csv_escape,
            wait=args.wait,
            codebook=args.codebook,
            schema=args.schema,
            map_options=options,
            # its problems (a URL that cannot be fetched) count in the summary
            articles=lambda note: articles_option(args, note),
            since=since_option(args),
        )
    if not args.quiet:
        print(
            f"{plural(summary.articles, 'article')} read"
            + (f" ({summary.non_english} not in English)" if summary.non_english else "")
            + f", {problem_count(summary.problems)}"
            + (f" ({summary.crashes} crashed)" if summary.crashes else "")
            + (f", {summary.skipped_since} older than --since" if summary.skipped_since else "")
            + f", {plural(summary.toponyms, 'place')} resolved"
            + f", {plural(summary.incidents, 'incident')}",
            file=sys.stderr,
        )
        _print_totals(summary.outputs)
        for path in summary.outputs:
            print(f"wrote {path}", file=sys.stderr)
    return summary.exit_status


def _print_totals(outputs: Any) -> None:
    """Print the incidents by type, by country and by month from the run's summary file."""
    import json
    from pathlib import Path

    from ..summary import SUMMARY_NAME, summary_lines

    for path in map(Path, outputs):
        if path.name == SUMMARY_NAME and path.is_file():
            data = json.loads(path.read_text(encoding="utf-8"))
            for line in summary_lines(data)[1:]:  # the articles are told above
                print(line, file=sys.stderr)
            return
