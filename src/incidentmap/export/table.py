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

    values = [_as_str_list(v) for v in series]
    if lists == "list":
        return pa.array(values, type=pa.list_(pa.string()))
    return pa.array(
        [None if v is None else json.dumps(v, ensure_ascii=False) for v in values],
        type=pa.string(),
    )


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
    import shapely

    geoms = gdf.geometry.values
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
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
