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

import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING
from xml.sax.saxutils import escape, quoteattr

from .safety import check_kml, html_text
from .table import DATE_COLUMNS, attribute_table, rounded_geometry

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

#: Characters XML 1.0 does not allow (dropped from text).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

#: Rows assembled at a time.
_SLICE = 20_000


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


def _xml(array: pyarrow.Array) -> pyarrow.Array:
    """Escape text for XML content (``&``, ``<``, ``>``); drop controls XML 1.0 forbids."""
    import pyarrow.compute as pc

    array = pc.replace_substring_regex(array, _CONTROL.pattern, "")
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        array = pc.replace_substring(array, raw, escaped)
    return array


def _text_columns(table: pyarrow.Table) -> tuple[list[str], list[str], list[pyarrow.Array]]:
    """Field names, KML types and values as XML-escaped text (null where missing)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    names, types, values = [], [], []
    for i, field in enumerate(table.schema):
        column = table.column(i).combine_chunks()
        kind = field.type
        if pa.types.is_date(kind):
            column = pc.strftime(column.cast(pa.timestamp("s")), format="%Y-%m-%d")
        elif pa.types.is_timestamp(kind):
            column = pc.strftime(column, format="%Y-%m-%dT%H:%M:%SZ")
        elif pa.types.is_boolean(kind):
            column = pc.if_else(column, "1", "0")
        elif pa.types.is_floating(kind):
            column = pc.if_else(pc.is_finite(column), column, pa.scalar(None, kind))
        names.append(KML_ID if field.name == "id" else field.name)
        types.append(_simple_type(kind))
        values.append(_xml(column.cast(pa.string())))
    return names, types, values


class _Parts:
    """Placemarks grouped by event type, each group in a part file next to the output."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.files: dict[str, IO[bytes]] = {}
        self.counts: dict[str, int] = {}

    def write(self, event_type: str, texts: pyarrow.Array) -> None:
        from .geojson import _write_buffer

        if event_type not in self.files:
            part = self.path.with_name(f"{self.path.name}.part{len(self.files)}")
            self.files[event_type] = part.open("w+b")
            self.counts[event_type] = 0
        self.counts[event_type] += len(texts)
        _write_buffer(texts, self.files[event_type])

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()
            Path(handle.name).unlink(missing_ok=True)


def _placemarks(gdf: geopandas.GeoDataFrame, parts: _Parts) -> tuple[list[str], list[str]]:
    """Append the placemarks of ``gdf`` to their part files; return the schema's fields.

    Each placemark is assembled with Arrow compute (escaping and joins in C++).
    """
    import pyarrow as pa
    import pyarrow.compute as pc
    import shapely

    from .geojson import _float_texts

    table = attribute_table(gdf, lists="json")
    n = len(table)
    columns = table.column_names
    names, types, values = _text_columns(table)
    nothing = pa.nulls(n, pa.string())

    def column(name: str | None) -> pyarrow.Array:
        return values[columns.index(name)] if name in columns else nothing

    if "event_type" in columns:
        event = pc.fill_null(table.column("event_type").combine_chunks().cast(pa.string()), "")
    else:
        event = pa.array([""] * n, type=pa.string())
    kind = _xml(event)
    place = column("location" if "location" in columns else "name")  # incidents, toponyms
    title = pc.if_else(
        pc.equal(event, ""),
        pc.fill_null(place, ""),
        pc.fill_null(pc.binary_join_element_wise(kind, " in ", place, ""), kind),
    )
    said = next((c for c in ("evidence", "notes", "text") if c in columns), None)
    if said is not None:  # rendered as HTML by KML clients: escaped for HTML, then for XML
        raw = pc.fill_null(table.column(said).combine_chunks().cast(pa.string()), "")
        description = _xml(html_text(raw))
    else:
        description = pa.array([""] * n, type=pa.string())
    date = column(next((c for c in columns if c in DATE_COLUMNS), None))
    dated = pc.fill_null(pc.binary_join_element_wise("\n\nDate: ", date, ""), "")
    when = pc.binary_join_element_wise("<TimeStamp><when>", date, "</when></TimeStamp>", "")
    kinds = pc.unique(event)
    styles = pa.array([style_id(k) for k in kinds.to_pylist()], type=pa.string())
    style = pc.take(styles, pc.index_in(event, kinds))
    data = [  # a missing value gets no SimpleData
        pc.fill_null(
            pc.binary_join_element_wise(
                f"<SimpleData name={quoteattr(name)}>", text, "</SimpleData>", ""
            ),
            "",
        )
        for name, text in zip(names, values, strict=True)
    ]
    geoms = rounded_geometry(gdf)
    present = ~shapely.is_missing(geoms)
    x = _float_texts(pa.array(shapely.get_x(geoms), type=pa.float64()))
    y = _float_texts(pa.array(shapely.get_y(geoms), type=pa.float64()))
    point = pc.fill_null(
        pc.binary_join_element_wise(
            "<Point><coordinates>", x, ",", y, "</coordinates></Point>", ""
        ),
        "",
    )
    point = pc.if_else(pa.array(present, type=pa.bool_()), point, "")
    texts = pc.binary_join_element_wise(
        "<Placemark><name>",
        title,
        "</name><description>",
        pc.binary_join_element_wise(description, dated, ""),
        "</description>",
        pc.fill_null(when, ""),
        "<styleUrl>#",
        style,
        f'</styleUrl><ExtendedData><SchemaData schemaUrl="#{SCHEMA_ID}">',
        *data,
        "</SchemaData></ExtendedData>",
        point,
        "</Placemark>\n",
        "",
    )
    for event_type in kinds.to_pylist():
        parts.write(event_type, pc.filter(texts, pc.equal(event, event_type)))
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
            gdf = in_wgs84(gdf)
            for start in range(0, max(len(gdf), 1), _SLICE):  # bounded Arrow buffers
                fields = _placemarks(gdf.iloc[start : start + _SLICE], parts)
                if names is None:
                    names, types = fields
        if names is None:
            raise ValueError("a writer needs at least one frame (it may be empty)")
        colours = _type_colours()
        order = [t for t in colours if t in parts.files]
        order += sorted(t for t in parts.files if t not in colours)
        with path.open("wb") as out:
            out.write(_header(names, types, order).encode("utf-8"))
            for event_type in order:
                handle = parts.files[event_type]
                handle.flush()
                handle.seek(0)
                folder = escape(_CONTROL.sub("", event_type) or "Other")
                out.write(f"<Folder><name>{folder}</name>\n".encode())
                shutil.copyfileobj(handle, out)
                out.write(b"</Folder>\n")
            out.write(b"</Document>\n</kml>\n")
    finally:
        parts.close()
    check_kml(path, sum(parts.counts.values()))
