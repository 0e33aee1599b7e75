"""``incidentmap map INCIDENTS.geojson -o MAP.html``: draw an exported incident file.

The file may be any format ``run`` or ``incidents`` writes (GeoJSON, GeoPackage,
CSV, GeoParquet, KML, GeoJSONSeq, or the ``.jsonl`` of ``incidents``), and may have
been edited in a GIS (points moved, rows deleted, columns added): it is read back to
the incident schema with :func:`incidentmap.frame.normalize_incidents_frame`, which
takes ``lat``/``lon`` from the geometry (a point moved in QGIS leaves the attributes
stale), rendered, and written atomically. Event types that are not ACLED's (a typo
in an edited file) are named in a warning; the map draws each in grey. A line of a
``.jsonl`` that is not an incident is reported with its file and line, and the other
lines are mapped.

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser(prog="incidentmap").add_subparsers()
>>> register(sub)
>>> args = sub.choices["map"].parse_args(["in.geojson", "-o", "out.html"])
>>> args.output, args.min_confidence
('out.html', 0.4)
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, RenderError
from ..wording import plural, verb
from ._common import JSONL_SUFFIXES, add_map_options, map_options, problem_printer

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["drop_off_globe", "read_incident_file", "register", "run", "warn_unknown_types"]

log = logging.getLogger(__name__)


def register(subparsers: Any) -> None:
    """Add the ``map`` subcommand to the ``incidentmap`` parser."""
    parser = subparsers.add_parser(
        "map",
        help="render an incident file (GeoJSON, GeoPackage, CSV, ..., .jsonl) as an offline map",
        description="Render incidents exported by `incidentmap run` or `incidentmap incidents` "
        "(possibly edited in a GIS) as one self-contained HTML map that works without a "
        "network. Points come from the geometry, not from stale lat/lon attributes.",
    )
    parser.add_argument(
        "input",
        metavar="INCIDENTS",
        help="incident file: .geojson .json .geojsonl .gpkg .csv .parquet .kml, or the .jsonl "
        "of `incidentmap incidents`",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="MAP.html",
        help="where to write the map (default: INCIDENTS.html)",
    )
    parser.add_argument(
        "--layer",
        default=None,
        help="GeoPackage layer to read (default: 'incidents', else the first one)",
    )
    add_map_options(parser)
    parser.set_defaults(func=run)


def read_incident_file(
    path: str | Path,
    *,
    layer: str | None = None,
    report: Callable[[InputError], None] | None = None,
) -> geopandas.GeoDataFrame:
    """Read an incident file into the incident schema.

    Parameters
    ----------
    path
        A file of any format :mod:`incidentmap.export` writes, or the ``.jsonl`` of
        ``incidentmap incidents``.
    layer
        The GeoPackage layer; ``incidents`` (else the first one) when ``None``.
    report
        Called with each line of a ``.jsonl`` file that is not an incident, or each bad
        row of a CSV file (its file and line), which is skipped or kept without its bad
        part while the other lines are read; without it, such a line raises.

    Returns
    -------
    geopandas.GeoDataFrame
        The normalised frame (see :func:`incidentmap.frame.normalize_incidents_frame`).

    Raises
    ------
    InputError
        If the file is missing, of an unknown type, or unreadable.
    RenderError
        If it holds no features.
    """
    from ..export import accepted_extensions, read_incidents
    from ..export.readers import read_incident_records

    source = Path(path)
    if not source.exists():
        raise InputError("the incident file does not exist", source=str(source))
    if not source.is_file():
        raise InputError("expected an incident file, found a folder", source=str(source))
    suffix = source.suffix.lower()
    if suffix not in accepted_extensions() and suffix not in JSONL_SUFFIXES:
        accepted = ", ".join([*accepted_extensions(), *JSONL_SUFFIXES])
        raise InputError(
            f"unsupported file type {source.suffix or '(none)'!r}; expected one of {accepted}",
            source=str(source),
        )
    if suffix in JSONL_SUFFIXES:
        gdf = read_incident_records(source, report=report)
    else:
        gdf = read_incidents(source, layer=layer, report=report)
    if len(gdf) == 0:
        raise RenderError(f"{source}: the file holds no incidents (no features) to map")
    gdf = drop_off_globe(gdf, source=str(source))
    if len(gdf) == 0:
        raise RenderError(f"{source}: no incident has a point on the globe to map")
    warn_unknown_types(gdf, source=str(source))
    return gdf


def warn_unknown_types(gdf: geopandas.GeoDataFrame, *, source: str) -> list[str]:
    """Warn about event types that are not ACLED's six; return them.

    An edited file can hold a typo ("Protest") or a type of one's own; the map draws
    each such type as a grey layer, and this says why instead of leaving it unexplained.
    """
    from ..model import EventType

    known = {t.value for t in EventType}
    counts = gdf["event_type"].fillna("(empty)").astype(str).value_counts(sort=False)
    unknown = {name: int(n) for name, n in counts.items() if name not in known}
    if unknown:
        listed = ", ".join(f"{name!r} ({n})" for name, n in sorted(unknown.items()))
        log.warning(
            "%s: event types that are not ACLED's, drawn in grey: %s; ACLED's types: %s",
            source,
            listed,
            ", ".join(sorted(known)),
        )
    return sorted(unknown)


def drop_off_globe(gdf: geopandas.GeoDataFrame, *, source: str) -> geopandas.GeoDataFrame:
    """Drop, with a warning, incidents whose point is off the globe (lat 999, NaN).

    A GIS edit can leave such a point; Leaflet would wrap it onto a real place. Rows
    without a point are kept (the map lists them without a marker).
    """
    import shapely

    geoms = gdf.geometry.values
    bounds = shapely.bounds(geoms)
    on_globe = (
        (bounds[:, 0] >= -180)
        & (bounds[:, 2] <= 180)
        & (bounds[:, 1] >= -90)
        & (bounds[:, 3] <= 90)
    )
    no_point = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    off = ~(on_globe | no_point)
    if not off.any():
        return gdf
    ids = [str(v) for v in gdf.loc[off, "id"].head(5)] if "id" in gdf.columns else []
    log.warning(
        "%s: %s with a point outside latitude -90..90 / longitude -180..180 %s left off the map%s",
        source,
        plural(int(off.sum()), "incident"),
        verb(int(off.sum()), "is", "are"),
        f" ({', '.join(ids)}{' ...' if off.sum() > 5 else ''})" if ids else "",
    )
    return gdf.loc[~off]


def run(args: argparse.Namespace) -> int:
    """Handle ``incidentmap map``: read, render, write; return the exit status."""
    from ..export.api import prepare_directory
    from ..render import incident_map, save_map

    source = Path(args.input)
    output = Path(args.output) if args.output else source.with_suffix(".html")
    if output.resolve() == source.resolve():
        raise InputError(
            "the output would overwrite the input; pass -o MAP.html", source=str(source)
        )
    options = map_options(args)
    prepare_directory(output)  # a folder that cannot be written is refused before the work
    problems: list[InputError] = []
    gdf = read_incident_file(source, layer=args.layer, report=problem_printer(problems))
    m = incident_map(gdf, **asdict(options))
    save_map(m, output)
    if not getattr(args, "quiet", False):
        lost = sum(not p.kept for p in problems)
        skipped = f", {plural(lost, 'line')} skipped" if lost else ""
        warned = len(problems) - lost
        skipped += f", {plural(warned, 'warning')} on kept lines" if warned else ""
        print(f"wrote {output} ({plural(len(gdf), 'incident')}{skipped})", file=sys.stderr)
    return 0
