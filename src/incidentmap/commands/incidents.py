"""``incidentmap incidents INPUT... [-o FILE]``: incidents as JSON lines or a GIS file."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..wording import plural
from ._common import (
    add_input_options,
    add_schema_option,
    make_geocoder,
    output_format,
    problem_count,
    problem_printer,
    workers_option,
)

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``incidents`` command to ``sub``."""
    parser = sub.add_parser(
        "incidents",
        help="incidents of articles as JSON lines (stdout) or a file chosen by extension",
        description=(
            "Extract incidents. Without -o, one JSON object per incident on stdout; with "
            "-o FILE.jsonl the same into a file; with -o FILE.geojson/.gpkg/.csv/.parquet/"
            ".kml/.geojsonl the GIS format of that extension. Reports of one event from "
            "several articles are merged unless --no-merge."
        ),
    )
    add_input_options(parser)
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="output file: .jsonl/.ndjson for JSON lines, or .geojson .geojsonl .gpkg .csv "
        ".parquet .kml (default: JSON lines on stdout)",
    )
    parser.add_argument(
        "--no-merge",
        dest="merge",
        action="store_false",
        help="keep reports of the same event from different articles apart",
    )
    add_schema_option(parser)
    parser.add_argument(
        "--no-csv-escape",
        dest="csv_escape",
        action="store_false",
        help="in CSV, keep cells that start with = + - @ tab or CR as they are",
    )
    parser.set_defaults(func=_incidents)


def _incidents(args: argparse.Namespace) -> int:
    from ..frame import incident_record
    from ..gazetteer import Gazetteer
    from ..pipeline import Processor, collect, exit_status, load_codebook, spool_frames
    from ..progress import progress_wanted
    from ..spool import IncidentSpool

    out = Path(args.output) if args.output else None
    # fail before the work if the extension is unknown
    is_jsonl = output_format(args.output, what="incidents") is None
    if out is not None:
        from ..export.api import prepare_directory

        prepare_directory(out)  # ... or if the file cannot be written there
    problems: list[InputError] = []
    taxonomy = load_codebook(args.codebook)  # a bad row is reported before the work
    processor = Processor(
        Gazetteer.default(), demonyms=args.demonyms, geocoder=make_geocoder(args), taxonomy=taxonomy
    )
    with IncidentSpool() as spool:
        found = collect(
            args.inputs,
            processor,
            spool,
            workers=workers_option(args),
            report=problem_printer(problems),
            progress=progress_wanted(quiet=args.quiet),
        )
        count = spool.finish(merge=args.merge)
        if is_jsonl:
            lines: Iterator[str] = (
                json.dumps(incident_record(i), ensure_ascii=False) + "\n"
                for chunk in spool.chunks()
                for i in chunk
            )
            if args.schema == "acled":
                lines = _acled_lines(spool_frames(spool), "stdout" if out is None else str(out))
            if out is None:
                sys.stdout.writelines(lines)
            else:
                from ..export import atomic_path

                with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8") as handle:
                    handle.writelines(lines)
        elif out is not None:
            from ..export import write_incident_stream

            write_incident_stream(
                lambda: spool_frames(spool),
                out,
                escape_formulas=args.csv_escape,
                schema=args.schema,
            )
    if not args.quiet:
        print(
            f"{plural(found.articles, 'article')}, {problem_count(problems)}, "
            f"{plural(count, 'incident')}",
            file=sys.stderr,
        )
    return exit_status(articles=found.articles, problems=problems)


def _acled_lines(frames: Iterable[Any], target: str) -> Iterator[str]:
    """Yield ACLED records as JSON lines (dates as ``YYYY-MM-DD``)."""
    from ..export.acled import AcledConverter

    converter = AcledConverter()
    for gdf in frames:
        acled = converter(gdf)
        for record in acled.drop(columns=acled.geometry.name).to_dict("records"):
            record["event_date"] = record["event_date"].strftime("%Y-%m-%d")
            clean = {k: _plain(v) for k, v in record.items()}
            yield json.dumps(clean, ensure_ascii=False) + "\n"
    converter.report(target)


def _plain(value: Any) -> Any:
    """Return ``value`` ready for JSON: NumPy numbers as Python ones, missing as ``None``."""
    import pandas as pd

    if isinstance(value, str):
        return value
    if value is None or pd.isna(value):
        return None
    return value.item() if hasattr(value, "item") else value
