"""Typed Arrow tables from incident and toponym frames: the types every writer shares.

GIS tools read a field's type from the file, so the frame is turned into an Arrow
table with explicit types before any writer sees it: ``event_date`` becomes a
date (``date32``), counts stay nullable integers, booleans stay booleans, other
datetimes become UTC timestamps, and list columns are either Arrow lists (for
formats with arrays) or JSON-encoded strings (for the others). Coordinates in the
``lat``/``lon`` properties are rounded like the geometry.

Examples
--------
>>> import pandas as pd
>>> df = pd.DataFrame({"event_date": pd.to_datetime(["2021-11-06", None]),
...                    "fatalities": pd.array([3, None], dtype="Int32"),
...                    "actors": [["Police"], []]})
>>> t = attribute_table(df, lists="json")
>>> [str(f.type) for f in t.schema]
['date32[day]', 'int32', 'string']
>>> t.column("actors").to_pylist()
['["Police"]', '[]']
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from ..frame import LIST_COLUMNS

if TYPE_CHECKING:  # pragma: no cover
    import geopandas
    import pandas
    import pyarrow

__all__ = [
    "COORDINATE_DECIMALS",
    "DATE_COLUMNS",
    "ListMode",
    "attribute_table",
    "geometry_type",
    "json_strings",
    "json_text_array",
    "rounded_geometry",
    "wkb_array",
]

#: Decimals kept in coordinates (7 decimals of a degree is about 1 cm).
COORDINATE_DECIMALS = 7

#: Datetime columns of the schema that hold calendar dates, written as Date fields.
DATE_COLUMNS: frozenset[str] = frozenset({"event_date"})

#: How list columns are written: Arrow ``list<string>`` or JSON text.
ListMode = Literal["list", "json"]


def _is_list_column(series: pandas.Series) -> bool:
    if series.dtype != object:
        return False
    for value in series:
        if value is None:
            continue
        return isinstance(value, (list, tuple)) or hasattr(value, "tolist")
    return False


def _as_str_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError:  # a scalar such as NaN in an object column
        return None


def _list_array(series: pandas.Series, lists: ListMode) -> pyarrow.Array:
    import pyarrow as pa

    values = series.to_numpy(dtype=object)
    try:  # fast path: Python lists of str, converted by Arrow itself
        array = pa.array(values, type=pa.list_(pa.string()), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
        array = pa.array([_as_str_list(v) for v in values], type=pa.list_(pa.string()))
    if lists == "list":
        return array
    return json_text_array(array)


#: JSON escapes Arrow applies in bulk (backslash first).
_JSON_ESCAPES = (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"))

#: Control characters JSON writes as ``\\u00XX`` (a regular expression).
_OTHER_CONTROL = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]"


#: Any character that needs escaping in a JSON string.
_NEEDS_ESCAPE = '[\\\\"\\x00-\\x1f]'


def json_strings(array: pyarrow.Array) -> pyarrow.Array:
    r"""Return each string as a JSON string literal, as :func:`json.dumps` would; nulls stay.

    Escaping is done in bulk by Arrow; a column holding control characters other than
    ``\n``, ``\r`` and ``\t`` (written as ``\u00XX``) is encoded value by value.

    >>> import pyarrow as pa
    >>> json_strings(pa.array(['say "hi"', "a\\b", None])).to_pylist()
    ['"say \\"hi\\""', '"a\\\\b"', None]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(array):
        return array.cast(pa.string())
    if pc.any(pc.match_substring_regex(array, _NEEDS_ESCAPE)).as_py():
        if pc.any(pc.match_substring_regex(array, _OTHER_CONTROL)).as_py():
            values = array.to_pylist()
            texts = [None if v is None else json.dumps(v, ensure_ascii=False) for v in values]
            return pa.array(texts, type=pa.string())
        for old, new in _JSON_ESCAPES:
            if pc.any(pc.match_substring(array, old)).as_py():
                array = pc.replace_substring(array, old, new)
    return pc.binary_join_element_wise('"', array, '"', "")


def json_text_array(array: pyarrow.Array) -> pyarrow.Array:
    r"""JSON-encode each list of strings, as :func:`json.dumps` with ``ensure_ascii=False``.

    >>> import pyarrow as pa
    >>> json_text_array(pa.array([["a", 'say "hi"'], [], None])).to_pylist()
    ['["a", "say \\"hi\\""]', '[]', None]
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    offsets = array.offsets
    first, last = offsets[0].as_py(), offsets[-1].as_py()
    values = array.values.slice(first, last - first)
    quoted = pc.if_else(pc.is_null(values), "null", json_strings(values))
    rebased = pc.subtract(offsets, first)
    items = pa.ListArray.from_arrays(rebased, quoted, mask=array.is_null())
    joined = pc.binary_join(items, ", ")
    return pc.binary_join_element_wise("[", joined, "]", "")


def _datetime_array(series: pandas.Series, *, as_date: bool) -> pyarrow.Array:
    import pyarrow as pa

    values = series
    tz = getattr(series.dtype, "tz", None)
    if as_date:
        if tz is not None:
            values = values.dt.tz_convert("UTC").dt.tz_localize(None)
        return pa.array(values.astype("datetime64[ms]"), from_pandas=True).cast(pa.date32())
    # naive datetimes are taken to be UTC
    values = values.dt.tz_localize("UTC") if tz is None else values.dt.tz_convert("UTC")
    return pa.array(values, from_pandas=True).cast(pa.timestamp("ms", tz="UTC"))


def _column_array(name: str, series: pandas.Series, lists: ListMode) -> pyarrow.Array:
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return _datetime_array(series, as_date=name in DATE_COLUMNS)
    if isinstance(dtype, pd.ArrowDtype):
        if pa.types.is_list(dtype.pyarrow_dtype) or pa.types.is_large_list(dtype.pyarrow_dtype):
            return _list_array(series, lists)
        return pa.array(series)
    if pd.api.types.is_object_dtype(dtype):
        if name in LIST_COLUMNS or _is_list_column(series):
            return _list_array(series, lists)
        return pa.array([_as_text(v) for v in series], type=pa.string())
    if pd.api.types.is_string_dtype(dtype):
        return pa.array(series, type=pa.string(), from_pandas=True)
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_numeric_dtype(dtype):
        array = pa.array(series, from_pandas=True)
        if name in ("lat", "lon") and pa.types.is_floating(array.type):
            array = pc.round(array, COORDINATE_DECIMALS)
        return array
    return pa.array([_as_text(v) for v in series], type=pa.string())


def _as_text(value: Any) -> str | None:
    """Text of a scalar for a string field; missing values (None, NaN, NA) give ``None``."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return None
    return value if isinstance(value, str) else str(value)


def attribute_table(
    df: pandas.DataFrame, *, lists: ListMode, exclude: tuple[str, ...] = ()
) -> pyarrow.Table:
    """Turn the attribute columns of ``df`` into a typed Arrow table.

    Parameters
    ----------
    df
        An incident or toponym frame (the geometry column is skipped), or any frame
        with extra columns: unknown object columns are written as text.
    lists
        ``"list"`` for Arrow lists of strings, ``"json"`` for JSON-encoded text.
    exclude
        Further columns to leave out.

    Returns
    -------
    pyarrow.Table
        One column per attribute, in frame order.
    """
    import pyarrow as pa

    geometry_name = getattr(df, "_geometry_column_name", None)
    names: list[str] = []
    arrays: list[pyarrow.Array] = []
    for name in df.columns:
        if name == geometry_name or name in exclude:
            continue
        names.append(str(name))
        arrays.append(_column_array(str(name), df[name], lists))
    return pa.Table.from_arrays(arrays, names=names)


def rounded_geometry(gdf: geopandas.GeoDataFrame) -> Any:
    """Return the geometries rounded to :data:`COORDINATE_DECIMALS`, empty ones as ``None``.

    Returns
    -------
    numpy.ndarray
        Shapely geometries (object array).
    """
    import numpy as np
    import shapely

    geoms = np.asarray(gdf.geometry.values, dtype=object)
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    if (shapely.get_type_id(geoms[~missing]) == 0).all():  # points: round in NumPy (fast)
        x = np.round(shapely.get_x(geoms), COORDINATE_DECIMALS)
        y = np.round(shapely.get_y(geoms), COORDINATE_DECIMALS)
        rounded = shapely.points(x, y)
    else:
        rounded = shapely.set_precision(geoms, 10.0**-COORDINATE_DECIMALS)
    rounded[missing] = None
    return rounded


def geometry_type(gdf: geopandas.GeoDataFrame) -> str:
    """Return the OGR layer geometry type: ``"Point"`` when every geometry is one.

    >>> import geopandas as gpd
    >>> from shapely.geometry import Point, box
    >>> geometry_type(gpd.GeoDataFrame(geometry=[Point(0, 0), None]))
    'Point'
    >>> geometry_type(gpd.GeoDataFrame(geometry=[Point(0, 0), box(0, 0, 1, 1)]))
    'Unknown'
    """
    types = set(gdf.geometry.dropna().geom_type.unique()) - {None}
    if len(types) == 1:
        return str(types.pop())
    return "Point" if not types else "Unknown"


def wkb_array(gdf: geopandas.GeoDataFrame) -> pyarrow.Array:
    """Return the geometries as WKB (``None`` for missing or empty), rounded to 7 decimals.

    >>> import geopandas as gpd
    >>> from shapely.geometry import Point
    >>> g = gpd.GeoDataFrame(geometry=[Point(44.400881234, 33.3405812345), None])
    >>> import shapely
    >>> [None if b is None else shapely.from_wkb(b).wkt for b in wkb_array(g).to_pylist()]
    ['POINT (44.4008812 33.3405812)', None]
    """
    import pyarrow as pa
    import shapely

    return pa.array(shapely.to_wkb(rounded_geometry(gdf)), type=pa.binary())
