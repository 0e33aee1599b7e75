"""KML for Google Earth and QGIS: a styled folder per event type, dated placemarks.

The document holds

* one ``<Style>`` per event type, coloured as on the map (``#type-protests`` ...);
* one ``<Schema>`` declaring each attribute with its type (``int``, ``double``,
  ``bool``, ``string``), so the ``<ExtendedData>`` of every placemark is typed;
* one ``<Folder>`` per event type, in ACLED's order, holding its placemarks: ``name``
  = event type and place, ``description`` = the evidence sentence and the date (escaped
  for HTML, which KML clients render), ``<TimeStamp>`` = the event date, so Google
  Earth's time slider and QGIS's temporal controller can play the incidents.

The incident id is ExtendedData ``incident_id`` (KML readers use ``id`` for the
Placemark's own id). Placemarks are grouped by type in temporary part files next to the
output and joined at the end, so memory does not grow with the number of incidents.

Examples
--------
>>> import tempfile, pathlib
>>> from incidentmap.frame import incidents_frame
>>> path = pathlib.Path(tempfile.mkdtemp()) / "none.kml"
>>> stream_kml([incidents_frame([])], path)
>>> b"<Document" in path.read_bytes()
True
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from xml.sax.saxutils import escape, quoteattr

from .safety import check_kml, html_text
from .table import COORDINATE_DECIMALS, DATE_COLUMNS, attribute_table, rounded_geometry

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pyarrow

__all__ = ["KML_ID", "SCHEMA_ID", "stream_kml", "style_id"]

#: Name of the incident id field in KML.
KML_ID = "incident_id"

#: The ``id`` of the document's ``<Schema>``.
SCHEMA_ID = "incidents"

#: Colour of incidents whose type is not one of ACLED's (an edited file).
_UNKNOWN_COLOUR = "#6e6e6e"

_KML_NS = "http://www.opengis.net/kml/2.2"


def style_id(event_type: str | None) -> str:
    """Return the ``<Style>`` id of an event type.

    >>> style_id("Explosions/Remote violence"), style_id(None)
    ('type-explosions-remote-violence', 'type-other')
    """
    if not event_type:
        return "type-other"
    slug = "".join(c if c.isalnum() else "-" for c in event_type.lower())
    return "type-" + "-".join(part for part in slug.split("-") if part)


def _kml_colour(hex_rgb: str) -> str:
    """``#rrggbb`` -> KML's ``aabbggrr`` (opaque)."""
    rgb = hex_rgb.lstrip("#")
    return f"ff{rgb[4:6]}{rgb[2:4]}{rgb[0:2]}".lower()


def _type_colours() -> dict[str, str]:
    from ..render.payload import event_styles

    return {s["type"]: s["color"] for s in event_styles()}


def _simple_type(kind: pyarrow.DataType) -> str:
    import pyarrow as pa

    if pa.types.is_boolean(kind):
        return "bool"
    if pa.types.is_integer(kind):
        return "int"
    if pa.types.is_floating(kind):
        return "double"
    return "string"


def _text_columns(table: pyarrow.Table) -> tuple[list[str], list[str], list[list[str | None]]]:
    """Field names, KML types and values as XML-escaped text (``None`` for null)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names, types, values = [], [], []
    for i, field in enumerate(table.schema):
        column = table.column(i)
        kind = field.type
        if pa.types.is_date(kind):
            column = pc.strftime(column.cast(pa.timestamp("s")), format="%Y-%m-%d")
        elif pa.types.is_timestamp(kind):
            column = pc.strftime(column, format="%Y-%m-%dT%H:%M:%SZ")
        elif pa.types.is_boolean(kind):
            column = pc.if_else(column, "1", "0")
        elif pa.types.is_floating(kind):
            valid = pc.and_(pc.is_finite(column), pc.is_valid(column))
            column = pc.if_else(valid, column, pa.scalar(None, kind))
        text = column.cast(pa.string())
        for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
            text = pc.replace_substring(text, raw, escaped)
        names.append(KML_ID if field.name == "id" else field.name)
        types.append(_simple_type(kind))
        values.append(text.to_pylist())
    return names, types, values


class _Parts:
    """Placemarks grouped by event type, each group in a part file next to the output."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, IO[str]] = {}
        self.counts: dict[str, int] = {}

    def handle(self, event_type: str) -> IO[str]:
        if event_type not in self.files:
            part = self.path.with_name(f"{self.path.name}.part{len(self.files)}")
            self.files[event_type] = part.open("w+", encoding="utf-8")
            self.counts[event_type] = 0
        self.counts[event_type] += 1
        return self.files[event_type]

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()
            Path(handle.name).unlink(missing_ok=True)


def _placemarks(gdf: geopandas.GeoDataFrame, parts: _Parts) -> tuple[list[str], list[str]]:
    """Append the placemarks of ``gdf`` to their part files; return the schema's fields."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import shapely

    table = attribute_table(gdf, lists="json")
    columns = set(table.column_names)
    date_col = next((c for c in table.column_names if c in DATE_COLUMNS), None)
    names, types, values = _text_columns(table)
    n = len(table)

    def column(name: str) -> list[Any]:
        return values[table.column_names.index(name)] if name in columns else [None] * n

    event = (
        [str(v) if v else None for v in table.column("event_type").to_pylist()]
        if ("event_type" in columns)
        else [None] * n
    )
    place = column("location") if "location" in columns else column("name")  # toponyms
    said = next((c for c in ("evidence", "notes", "text") if c in columns), None)
    if said is not None:
        raw = pc.fill_null(pc.cast(table.column(said), pa.string()), "")
        described = html_text(raw).to_pylist()  # rendered as HTML by KML clients
    else:
        described = [""] * n
    dates = column(date_col) if date_col else [None] * n
    geoms = rounded_geometry(gdf)
    xs, ys = shapely.get_x(geoms), shapely.get_y(geoms)
    present = ~shapely.is_missing(geoms)
    for row in range(n):
        kind = event[row] or ""
        if not kind:
            title = place[row] or ""
        elif place[row] is None:
            title = escape(kind)
        else:
            title = f"{escape(kind)} in {place[row]}"
        description = described[row]
        if dates[row] is not None:
            description += f"\n\nDate: {dates[row]}"
        out = [f"<Placemark><name>{title}</name>"]
        out.append(f"<description>{escape(description)}</description>")
        if dates[row] is not None:
            out.append(f"<TimeStamp><when>{dates[row]}</when></TimeStamp>")
        out.append(f"<styleUrl>#{style_id(kind)}</styleUrl>")
        out.append(f'<ExtendedData><SchemaData schemaUrl="#{SCHEMA_ID}">')
        for name, cells in zip(names, values, strict=True):
            if cells[row] is not None:
                out.append(f"<SimpleData name={quoteattr(name)}>{cells[row]}</SimpleData>")
        out.append("</SchemaData></ExtendedData>")
        if present[row]:
            x, y = round(float(xs[row]), COORDINATE_DECIMALS), round(float(ys[row]), 7)
            out.append(f"<Point><coordinates>{x!r},{y!r}</coordinates></Point>")
        out.append("</Placemark>\n")
        parts.handle(kind).write("".join(out))
    return names, types


def _header(names: list[str], types: list[str], present: Iterable[str]) -> str:
    colours = _type_colours()
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        f'<kml xmlns="{_KML_NS}">\n<Document id="incidentmap">\n<name>incidents</name>\n',
    ]
    for event_type in [*colours, *(t for t in present if t not in colours)]:
        colour = _kml_colour(colours.get(event_type, _UNKNOWN_COLOUR))
        out.append(
            f'<Style id="{style_id(event_type)}"><IconStyle><color>{colour}</color>'
            f"<scale>1.1</scale></IconStyle><LabelStyle><scale>0</scale></LabelStyle></Style>\n"
        )
    out.append(f'<Schema name="{SCHEMA_ID}" id="{SCHEMA_ID}">\n')
    for name, kind in zip(names, types, strict=True):
        out.append(f'<SimpleField name={quoteattr(name)} type="{kind}"></SimpleField>\n')
    out.append("</Schema>\n")
    return "".join(out)


def stream_kml(
    frames: Iterable[geopandas.GeoDataFrame],
    path: Path,
    toponyms: Iterable[geopandas.GeoDataFrame] | None = None,
) -> None:
    """Write KML: a styled folder per event type of dated, typed placemarks.

    Parameters
    ----------
    frames
        Incident frames (at least one, which may be empty), in EPSG:4326.
    path
        The file to create.
    toponyms
        Ignored (KML holds the incidents only).
    """
    from .writers import in_wgs84

    parts = _Parts(path)
    names: list[str] | None = None
    types: list[str] = []
    try:
        for gdf in frames:
            fields = _placemarks(in_wgs84(gdf), parts)
            if names is None:
                names, types = fields
        if names is None:
            raise ValueError("a writer needs at least one frame (it may be empty)")
        colours = _type_colours()
        order = [t for t in colours if t in parts.files]
        order += sorted(t for t in parts.files if t not in colours)
        with path.open("w", encoding="utf-8") as out:
            out.write(_header(names, types, order))
            for event_type in order:
                handle = parts.files[event_type]
                handle.flush()
                handle.seek(0)
                out.write(f"<Folder><name>{escape(event_type or 'Other')}</name>\n")
                shutil.copyfileobj(handle, out)
                out.write("</Folder>\n")
            out.write("</Document>\n</kml>\n")
    finally:
        parts.close()
    check_kml(path, sum(parts.counts.values()))
