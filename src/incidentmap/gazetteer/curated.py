r"""Read curated landmark files (CSV or GeoJSON) into gazetteer records.

A curated file lists places that GeoNames' populated places miss but news
names: zones, bases, airports, squares, crossings, embassies. Both formats use
the columns described in ``gazetteer/curated/README.md``; a bad row is reported
with its file and line, skipped, and the rest of the file is read.

Examples
--------
>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> path = folder / "mine.csv"
>>> _ = path.write_text(
...     "id,name,alternate_names,lat,lon,feature_code,country_code\n"
...     "camp-x,Camp X,Base X|X camp,33.1,44.2,MILB,IQ\n"
...     "broken,,,91,0,MILB,IQ\n",
...     encoding="utf-8",
... )
>>> problems = []
>>> records = list(read_curated(path, report=problems.append, namespace="user"))
>>> records[0].place.id, records[0].place.feature_class, records[0].names
('user:camp-x', 'L', ('Camp X', 'Base X', 'X camp'))
>>> problems[0].line, problems[0].reason
(3, "the name is empty; every place needs a 'name'")
"""

from __future__ import annotations

import csv
import json
import logging
import math
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Place
from .paths import curated_dir
from .records import PlaceRecord, Reporter

__all__ = [
    "COLUMNS",
    "FEATURE_CLASSES",
    "REQUIRED_COLUMNS",
    "curated_files",
    "read_curated",
]

_LOG = logging.getLogger("incidentmap.gazetteer")

#: Every column of the curated schema, in the order the embedded file uses.
COLUMNS = (
    "id",
    "name",
    "alternate_names",
    "lat",
    "lon",
    "feature_code",
    "country_code",
    "admin1",
    "parent",
    "source",
    "polygon_wkt",
)

#: Columns a CSV header must have (the others may be absent or empty).
REQUIRED_COLUMNS = ("id", "name", "lat", "lon", "feature_code")

# The GeoNames feature codes a curated file may use, by feature class
# (https://www.geonames.org/export/codes.html).
_CODES_BY_CLASS = {
    "A": "ADM1 ADM2 ADM3 ADM4 ADM5 ADMD PCLI PCLD PCLS PCLIX TERR",
    "H": "STRT CHN CHNM CNL BAY GULF HBR LK OCN RSV STM SEA LGN",
    "L": "AREA BTL INDS LCTY MILB MVA NVB OILF PRK PRT RGN RGNH RNGA ZN ZNB ZNF RESV",
    "P": "PPL PPLA PPLA2 PPLA3 PPLA4 PPLC PPLG PPLH PPLL PPLQ PPLS PPLX STLMT",
    "R": "RD RDJCT RR ST TNL",
    "S": (
        "ADMF AIRB AIRF AIRH AIRP AIRQ ANS BDG BLDG BLDO BRKS BUSTN CH CMP CMPRF CMTY CSTL "
        "CSTM CTHSE CTRA CTRM DAM DIP FT GOVL HSP HSTS HTL INSM ITTR MALL MFG MFGM MKT MNMT "
        "MSQE MUS OILR OILT PAL PO PP PRN PS PSH PSN PSTB PSTC PSTP RDCR RLG RSTN SCH SHRN "
        "SQR STDM THTR TMPL TOWR UNIV"
    ),
    "T": "DLTA DSRT HLL ISL MT MTS PASS PEN PK PLAT VAL",
    "V": "FRST",
}

#: GeoNames feature class (``A H L P R S T V``) of each feature code a curated file may use.
FEATURE_CLASSES: Mapping[str, str] = {
    code: feature_class
    for feature_class, codes in _CODES_BY_CLASS.items()
    for code in codes.split()
}

_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


class _BadRow(ValueError):
    """A row that cannot become a place; the message says why."""


def curated_files() -> list[Path]:
    """Return the embedded curated files (``*.csv`` and ``*.geojson``), sorted by name.

    Examples
    --------
    >>> any(path.name == "landmarks.csv" for path in curated_files())
    True
    """
    folder = curated_dir()
    found = [*folder.glob("*.csv"), *folder.glob("*.geojson")]
    return sorted(path for path in found if path.is_file())


def read_curated(
    path: str | Path,
    *,
    report: Reporter | None = None,
    namespace: str = "curated",
) -> Iterator[PlaceRecord]:
    """Yield the places of a curated CSV or GeoJSON file.

    Parameters
    ----------
    path
        A ``.csv`` file (UTF-8, header row, RFC 4180 quoting; read as a stream) or a
        ``.geojson``/``.json`` FeatureCollection of Point or Polygon features whose
        properties are the same columns.
    report
        Called with an :class:`~incidentmap.errors.InputError` (file and line or
        feature number) for each bad row, which is skipped. Without it, bad rows are
        logged as warnings on the ``incidentmap.gazetteer`` logger.
    namespace
        Prefix of the place ids: a row ``id`` of ``green-zone-baghdad`` becomes
        ``curated:green-zone-baghdad``.

    Raises
    ------
    InputError
        When iteration starts (or reaches the bad byte), if the file cannot be read at
        all: unknown extension, missing required columns, not a FeatureCollection, not
        UTF-8 text.
    """
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(source)
    elif suffix in (".geojson", ".json"):
        rows = _geojson_rows(source)
    else:
        raise InputError(
            "curated places must be a .csv or .geojson file, "
            f"not {source.suffix or 'a file without extension'!r}",
            source=str(source),
        )
    seen: set[str] = set()
    for line, row in rows:
        try:
            record = _record(row, namespace=namespace, seen=seen)
        except _BadRow as exc:
            error = InputError(str(exc), source=str(source), line=line)
            if report is None:
                _LOG.warning("skipped a curated place: %s", error)
            else:
                report(error)
            continue
        yield record


def _csv_rows(source: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    try:
        with source.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader, None)
            if header is None:
                raise InputError("the file is empty; it needs a header row", source=str(source))
            header = [name.strip() for name in header]
            missing = [name for name in REQUIRED_COLUMNS if name not in header]
            if missing:
                raise InputError(
                    f"the header lacks the column(s) {', '.join(missing)}; "
                    f"expected columns: {', '.join(COLUMNS)}",
                    source=str(source),
                    line=1,
                )
            start = reader.line_num + 1
            for values in reader:
                line, start = start, reader.line_num + 1
                if not any(value.strip() for value in values):
                    continue
                if len(values) != len(header):
                    yield line, {"_shape": (len(values), len(header))}
                    continue
                yield line, dict(zip(header, values, strict=True))
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 text ({exc.reason})", source=str(source)) from exc
    except csv.Error as exc:
        raise InputError(f"the file is not valid CSV ({exc})", source=str(source)) from exc


def _geojson_rows(source: Path) -> Iterator[tuple[int, Mapping[str, Any]]]:
    try:
        data = json.loads(source.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(f"the file is not UTF-8 text ({exc.reason})", source=str(source)) from exc
    except json.JSONDecodeError as exc:
        raise InputError(
            f"the file is not valid JSON ({exc.msg})", source=str(source), line=exc.lineno
        ) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise InputError("a curated GeoJSON file must be a FeatureCollection", source=str(source))
    features = data.get("features")
    if not isinstance(features, list):
        raise InputError("the FeatureCollection has no 'features' list", source=str(source))
    for number, feature in enumerate(features, start=1):
        yield number, _feature_row(feature)


def _feature_row(feature: object) -> Mapping[str, Any]:
    """Flatten a GeoJSON feature into a row of the curated columns."""
    if not isinstance(feature, dict):
        return {"_feature": "the feature is not a JSON object"}
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        return {"_feature": "the feature's 'properties' is not an object"}
    row: dict[str, Any] = dict(properties)
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict):
        return row  # lat/lon must then come from the properties
    kind = geometry.get("type")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        if isinstance(coordinates, list) and len(coordinates) >= 2:
            row.setdefault("lon", coordinates[0])
            row.setdefault("lat", coordinates[1])
        else:
            row["_feature"] = f"the Point has no usable coordinates: {coordinates!r}"
    elif kind in ("Polygon", "MultiPolygon"):
        row["_geometry"] = geometry
    else:
        row["_feature"] = f"geometry type {kind!r} is not supported; use Point or Polygon"
    return row


def _record(row: Mapping[str, Any], *, namespace: str, seen: set[str]) -> PlaceRecord:
    if "_shape" in row:
        found, expected = row["_shape"]
        raise _BadRow(f"the row has {found} fields but the header has {expected}")
    if "_feature" in row:
        raise _BadRow(str(row["_feature"]))
    ident = _text(row, "id")
    if not ident:
        raise _BadRow("the id is empty; every place needs a unique 'id'")
    if not _ID.match(ident):
        raise _BadRow(f"the id {ident!r} is not accepted; use letters, digits, '-', '_' or '.'")
    if ident in seen:
        raise _BadRow(f"the id {ident!r} appears earlier in the file; ids must be unique")
    name = _text(row, "name")
    if not name:
        raise _BadRow("the name is empty; every place needs a 'name'")
    code = _text(row, "feature_code").upper()
    feature_class = FEATURE_CLASSES.get(code)
    if feature_class is None:
        raise _BadRow(
            f"the feature_code {code!r} is not a GeoNames code this reader knows; "
            f"use one of {', '.join(sorted(FEATURE_CLASSES))}"
        )
    country = _text(row, "country_code").upper()
    if country and not _COUNTRY.match(country):
        raise _BadRow(
            f"the country_code {country!r} is not an ISO 3166-1 alpha-2 code "
            "(two letters, e.g. IQ), nor empty"
        )
    parent = _text(row, "parent")
    if parent and ":" not in parent:
        raise _BadRow(f"the parent {parent!r} is not a place id such as 'geonames:98182'")
    polygon = _polygon(row)
    lat = _coordinate(row, "lat", 90.0)
    lon = _coordinate(row, "lon", 180.0)
    if lat is None or lon is None:
        if polygon is None:
            raise _BadRow("lat and lon are required (or a polygon to take a point from)")
        lon, lat = polygon[1]
    seen.add(ident)
    place = Place(
        id=f"{namespace}:{ident}",
        name=name,
        lat=lat,
        lon=lon,
        feature_class=feature_class,
        feature_code=code,
        country_code=country,
        admin1=_text(row, "admin1") or None,
        parent_id=parent or None,
        polygon_wkt=polygon[0] if polygon else None,
    )
    return PlaceRecord(place=place, names=_names(name, row.get("alternate_names")))


def _text(row: Mapping[str, Any], column: str) -> str:
    value = row.get(column)
    return "" if value is None else str(value).strip()


def _coordinate(row: Mapping[str, Any], column: str, limit: float) -> float | None:
    raw = row.get(column)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise _BadRow(f"{column} {raw!r} is not a number in decimal degrees") from None
    if not math.isfinite(value) or not -limit <= value <= limit:
        raise _BadRow(f"{column} {raw!r} is outside -{limit:g}..{limit:g}")
    return value


def _polygon(row: Mapping[str, Any]) -> tuple[str, tuple[float, float]] | None:
    """Return the polygon as WKT and a point inside it, or None without a polygon."""
    import shapely
    from shapely.errors import ShapelyError
    from shapely.geometry import shape as geojson_shape

    geometry = row.get("_geometry")
    text = _text(row, "polygon_wkt")
    if geometry is None and not text:
        return None
    try:
        shape = geojson_shape(geometry) if geometry is not None else shapely.from_wkt(text)
    except (ShapelyError, ValueError, TypeError, AttributeError) as exc:
        shown = text if geometry is None else "the feature geometry"
        raise _BadRow(f"the polygon {shown[:60]!r} cannot be parsed ({exc})") from None
    if shape.geom_type not in ("Polygon", "MultiPolygon") or shape.is_empty:
        raise _BadRow(f"the polygon is a {shape.geom_type}; use a POLYGON or MULTIPOLYGON")
    if not shape.is_valid:
        raise _BadRow(f"the polygon is not valid ({shapely.is_valid_reason(shape)})")
    west, south, east, north = shape.bounds
    if west < -180 or east > 180 or south < -90 or north > 90:
        raise _BadRow("the polygon has coordinates outside lon -180..180 / lat -90..90")
    inside = shape.representative_point()
    return (text or shape.wkt), (inside.x, inside.y)


def _names(name: str, alternates: object) -> tuple[str, ...]:
    """Return the preferred name then each alternate once (case-insensitively), as written."""
    if isinstance(alternates, list):
        extra = [str(item) for item in alternates]
    elif alternates is None:
        extra = []
    else:
        extra = str(alternates).split("|")
    names: list[str] = []
    keys: set[str] = set()
    for candidate in (name, *extra):
        candidate = candidate.strip()
        if candidate and candidate.casefold() not in keys:
            keys.add(candidate.casefold())
            names.append(candidate)
    return tuple(names)
