"""``incidentmap map INCIDENTS.geojson -o MAP.html``: draw an exported incident file.

The file may have been edited in a GIS (points moved, rows deleted, columns
added): it is read with pyogrio, brought back to the incident schema with
:func:`incidentmap.frame.normalize_incidents_frame`, rendered, and written
atomically.

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError, RenderError

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["drop_off_globe", "read_incident_file", "register", "run"]

log = logging.getLogger(__name__)

#: File suffixes the command reads, and what they are.


def register(subparsers: Any) -> None:
    """Add the ``map`` subcommand to the ``incidentmap`` parser."""
    parser = subparsers.add_parser(
        "map",
        help="render an incident GeoJSON/GeoPackage file as an offline HTML map",
        description="Render incidents exported by `incidentmap run` (possibly edited in a GIS) "
        "as one self-contained HTML map that works without a network.",
    )
    parser.add_argument("input", metavar="INCIDENTS", help="incident file (.geojson or .gpkg)")
    parser.add_argument(
        "-o",
        "--output",
        metavar="MAP.html",
        help="where to write the map (default: INCIDENTS.html)",
    )
    parser.add_argument("--title", help="title shown on the map and in the browser tab")
    parser.add_argument(
        "--layer", help="GeoPackage layer to read (default: the first one)", default=None
    )
    parser.add_argument(
        "--show-background",
        action="store_true",
        help="show background (generic or habitual) incidents from the start",
    )
    parser.add_argument(
        "--min-confidence",
        type=float,
        default=0.4,
        metavar="X",
        help="incidents below this confidence start hidden (default: 0.4)",
    )
    parser.add_argument("--no-heatmap", action="store_true", help="leave out the heat-map layer")
    parser.add_argument("--no-cluster", action="store_true", help="do not cluster markers")
    parser.set_defaults(func=run)


def read_incident_file(path: str | Path, *, layer: str | None = None) -> geopandas.GeoDataFrame:
    """Read an incident GeoJSON or GeoPackage file into the incident schema.

    Parameters
    ----------
    path
        A ``.geojson``/``.json`` or ``.gpkg`` file.
    layer
        The GeoPackage layer; the first one when ``None``.

    Returns
    -------
    geopandas.GeoDataFrame
        The normalised frame (see :func:`incidentmap.frame.normalize_incidents_frame`).

    Raises
    ------
    InputError
        If the file is missing, not GeoJSON/GeoPackage, or unreadable.
    RenderError
        If it holds no features.
    """
    from ..export import accepted_extensions, read_incidents

    source = Path(path)
    if not source.exists():
        raise InputError("the incident file does not exist", source=str(source))
    if not source.is_file():
        raise InputError("expected an incident file, found a folder", source=str(source))
    if source.suffix.lower() not in accepted_extensions():
        accepted = ", ".join(accepted_extensions())
        raise InputError(
            f"unsupported file type {source.suffix or '(none)'!r}; expected one of {accepted}",
            source=str(source),
        )
    gdf = read_incidents(source, layer=layer)
    if len(gdf) == 0:
        raise RenderError(f"{source}: the file holds no incidents (no features) to map")
    gdf = drop_off_globe(gdf, source=str(source))
    if len(gdf) == 0:
        raise RenderError(f"{source}: no incident has a point on the globe to map")
    return gdf


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
        "%s: %d incidents with a point outside latitude -90..90 / longitude -180..180 are "
        "left off the map%s",
        source,
        int(off.sum()),
        f" ({', '.join(ids)}{' ...' if off.sum() > 5 else ''})" if ids else "",
    )
    return gdf.loc[~off]


def run(args: argparse.Namespace) -> int:
    """Handle ``incidentmap map``: read, render, write; return the exit status."""
    from ..render import incident_map, save_map

    source = Path(args.input)
    output = Path(args.output) if args.output else source.with_suffix(".html")
    if output.resolve() == source.resolve():
        raise InputError(
            "the output would overwrite the input; pass -o MAP.html", source=str(source)
        )
    gdf = read_incident_file(source, layer=args.layer)
    m = incident_map(
        gdf,
        title=args.title,
        show_background=args.show_background,
        min_confidence=args.min_confidence,
        heatmap=not args.no_heatmap,
        cluster=not args.no_cluster,
    )
    save_map(m, output)
    log.info("wrote %s (%d incidents)", output, len(gdf))
    return 0
