"""The ACLED schema: incidents under ACLED's column names, with ACLED's meanings.

``--schema acled`` (``schema="acled"``) writes the columns of an ACLED export, so a
file of incidentmap incidents can be stacked onto one downloaded from ACLED:

=================  ==========================================================================
``event_id_cnty``  country ISO3 + a number derived from the incident id (stable across runs)
``event_date``     the date (a Date field; ``YYYY-MM-DD`` in CSV)
``year``           its year
``time_precision`` 1 day, 2 week, 3 month or vaguer (ACLED's scale)
``event_type``     ACLED's event type; ``sub_event_type`` its sub-type
``actor1``         the first actor named, ``actor2`` the second (empty if none)
``country``        the country's name (GeoNames/Natural Earth, as shipped in the gazetteer)
``admin1``         the first-level area's name, not its code; ``admin2`` the second-level
                   area's name when the place is one (else empty)
``location``       the place named
``latitude``       ``longitude``: the point (WGS 84)
``geo_precision``  1 exact, 2 near, 3 region (ACLED's scale)
``source``         the reporting sites (host names of the articles' URLs, ``; ``-separated)
``notes``          the sentence that reports the event
``fatalities``     deaths reported, 0 when none are (ACLED's convention)
=================  ==========================================================================

ACLED records events, each with a date and a point: incidents without a date or a point,
and background statements ("dozens of attacks in recent years"), are left out, with a
warning that counts them.

:func:`from_acled` goes the other way, so ``incidentmap map`` draws an ACLED-schema file
(one of ours, or a CSV downloaded from ACLED) like any other.

Examples
--------
>>> country_name("IQ"), admin1_name("IQ", "07")
('Iraq', 'Baghdad')
>>> ACLED_COLUMNS[:4]
('event_id_cnty', 'event_date', 'year', 'time_precision')
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ..wording import verb

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = [
    "ACLED_COLUMNS",
    "SCHEMAS",
    "AcledConverter",
    "acled_frame",
    "admin1_name",
    "country_name",
    "from_acled",
    "parse_schema",
]

log = logging.getLogger("incidentmap")

#: The schemas an export can be written in.
SCHEMAS = ("incidentmap", "acled")

#: ACLED's columns, in ACLED's order, with the pandas dtype an ACLED CSV reads back as.
ACLED_DTYPES: dict[str, str] = {
    "event_id_cnty": "string",
    "event_date": "datetime64[ms]",
    "year": "int64",
    "time_precision": "int64",
    "event_type": "string",
    "sub_event_type": "string",
    "actor1": "string",
    "actor2": "string",
    "country": "string",
    "admin1": "string",
    "admin2": "string",
    "location": "string",
    "latitude": "float64",
    "longitude": "float64",
    "geo_precision": "int64",
    "source": "string",
    "notes": "string",
    "fatalities": "int64",
}

ACLED_COLUMNS: tuple[str, ...] = tuple(ACLED_DTYPES)


def parse_schema(name: str) -> str:
    """Validate a schema name (``incidentmap`` or ``acled``, any case).

    >>> parse_schema("ACLED")
    'acled'
    """
    from ..errors import ExportError

    key = name.strip().lower()
    if key not in SCHEMAS:
        raise ExportError(f"unknown schema {name!r}; accepted schemas: {', '.join(SCHEMAS)}")
    return key


@functools.cache
def _countries() -> dict[str, tuple[str, str]]:
    """ISO alpha-2 -> (name, ISO3), from the shipped ``countries.tsv``."""
    from ..gazetteer.dumpfiles import iter_rows
    from ..gazetteer.paths import data_file

    out: dict[str, tuple[str, str]] = {}
    for number, cols in iter_rows(data_file("countries.tsv")):
        if number > 1 and len(cols) > 4:
            out[cols[0]] = (cols[4], cols[1])
    return out


@functools.cache
def _admin1() -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1 code) -> the area's name, from the shipped ``admin1.tsv``."""
    from ..gazetteer.dumpfiles import iter_rows
    from ..gazetteer.paths import data_file

    out: dict[tuple[str, str], str] = {}
    for number, cols in iter_rows(data_file("admin1.tsv")):
        if number > 1 and len(cols) > 5:
            out[(cols[1], cols[2])] = cols[5] or cols[4]  # ASCII name, as ACLED writes them
    return out


@functools.cache
def _admin2() -> dict[str, str]:
    """Place id (``geonames:<id>``) of a second-level area -> its name (``admin2.tsv``)."""
    from ..gazetteer.dumpfiles import iter_rows
    from ..gazetteer.paths import data_file

    out: dict[str, str] = {}
    for number, cols in iter_rows(data_file("admin2.tsv")):
        if number > 1 and len(cols) > 5:
            out[f"geonames:{cols[0]}"] = cols[5] or cols[4]
    return out


def country_name(code: str | None) -> str | None:
    """Return the English name of an ISO 3166-1 alpha-2 country code, or ``None``."""
    found = _countries().get((code or "").upper())
    return found[0] if found else None


def admin1_name(country: str | None, code: str | None) -> str | None:
    """Return the name of the first-level area ``code`` (GeoNames) of ``country``."""
    if not country or not code:
        return None
    return _admin1().get((country.upper(), code))


def _event_id(country: str | None, incident_id: str) -> str:
    iso3 = _countries().get((country or "").upper(), ("", "XXX"))[1] or "XXX"
    number = int(hashlib.sha1(incident_id.encode("utf-8", "surrogatepass")).hexdigest()[:12], 16)
    return f"{iso3}{number}"


def _sources(urls: Any, url: Any, title: Any) -> str | None:
    hosts: list[str] = []
    for value in [*(urls if isinstance(urls, (list, tuple)) else []), url]:
        if isinstance(value, str) and value:
            host = urlsplit(value).hostname or ""
            host = host.removeprefix("www.")
            if host and host not in hosts:
                hosts.append(host)
    if hosts:
        return "; ".join(hosts)
    return title if isinstance(title, str) and title else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


class AcledConverter:
    """Turn incident frames into ACLED frames, counting the incidents left out.

    One converter serves one output file; :meth:`report` logs what was left out.
    """

    def __init__(self) -> None:
        self.undated = 0
        self.unplaced = 0
        self.background = 0

    def __call__(self, gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
        """Return the ACLED frame of ``gdf`` (an :func:`~incidentmap.frame.incidents_frame`)."""
        import geopandas as gpd
        import pandas as pd
        import shapely

        geoms = gdf.geometry.values
        placed = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        dated = gdf["event_date"].notna().to_numpy()
        background = gdf["background"].fillna(False).astype(bool).to_numpy()
        self.background += int(background.sum())
        self.undated += int((~background & ~dated).sum())
        self.unplaced += int((~background & dated & ~placed).sum())
        keep = gdf.loc[placed & dated & ~background]
        points = keep.geometry.values
        rows: list[dict[str, Any]] = []
        for rec, x, y in zip(
            keep.to_dict("records"), shapely.get_x(points), shapely.get_y(points), strict=True
        ):
            cc = _text(rec.get("country_code"))
            actors = [a for a in (rec.get("actors") or []) if isinstance(a, str) and a]
            place_id = _text(rec.get("place_id"))
            date = rec["event_date"]
            rows.append(
                {
                    "event_id_cnty": _event_id(cc, str(rec.get("id") or "")),
                    "event_date": date,
                    "year": date.year,
                    "time_precision": int(rec.get("time_precision") or 3),
                    "event_type": _text(rec.get("event_type")),
                    "sub_event_type": _text(rec.get("sub_event_type")),
                    "actor1": actors[0] if actors else None,
                    "actor2": actors[1] if len(actors) > 1 else None,
                    "country": country_name(cc),
                    "admin1": admin1_name(cc, _text(rec.get("admin1"))),
                    "admin2": _admin2().get(place_id) if place_id else None,
                    "location": _text(rec.get("location")),
                    "latitude": float(y),
                    "longitude": float(x),
                    "geo_precision": int(rec.get("geo_precision") or 3),
                    "source": _sources(
                        rec.get("source_urls"), rec.get("source_url"), rec.get("source_title")
                    ),
                    "notes": _text(rec.get("evidence")),
                    "fatalities": int(rec.get("fatalities") or 0)
                    if pd.notna(rec.get("fatalities"))
                    else 0,
                }
            )
        df: Any = pd.DataFrame(rows, columns=list(ACLED_COLUMNS))
        for name, dtype in ACLED_DTYPES.items():
            if dtype.startswith("datetime"):
                df[name] = pd.to_datetime(df[name]).astype(dtype)
            else:
                df[name] = df[name].astype(dtype)
        geometry = gpd.points_from_xy(df["longitude"], df["latitude"])
        return gpd.GeoDataFrame(df, geometry=geometry, crs="EPSG:4326")

    def report(self, target: str) -> None:
        """Log how many incidents were left out of ``target``, if any."""
        parts = [
            f"{n:,} {what}"
            for n, what in (
                (self.undated, "without a date"),
                (self.unplaced, "without a point"),
                (self.background, "background " + verb(self.background, "statement", "statements")),
            )
            if n
        ]
        if parts:
            log.warning(
                "%s: left out of the ACLED schema (ACLED records dated, placed events): %s",
                target,
                ", ".join(parts),
            )


def acled_frame(gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Return an incident frame in ACLED's schema (see the module's table).

    Parameters
    ----------
    gdf
        An :func:`~incidentmap.frame.incidents_frame`.

    Returns
    -------
    geopandas.GeoDataFrame
        The columns of :data:`ACLED_COLUMNS` plus ``geometry``, one row per dated,
        placed incident that is not a background statement.
    """
    return AcledConverter()(gdf)


def acled_frames(
    frames: Callable[[], Iterable[geopandas.GeoDataFrame]], converter: AcledConverter
) -> Callable[[], Iterator[geopandas.GeoDataFrame]]:
    """Wrap a frame source so that it yields ACLED frames (counted by ``converter``)."""

    def source() -> Iterator[geopandas.GeoDataFrame]:
        for gdf in frames():
            yield converter(gdf)

    return source


@functools.cache
def _country_codes() -> dict[str, str]:
    return {name.casefold(): code for code, (name, _) in _countries().items()}


@functools.cache
def _admin1_codes() -> dict[tuple[str, str], str]:
    return {(cc, name.casefold()): code for (cc, code), name in _admin1().items()}


def from_acled(gdf: geopandas.GeoDataFrame) -> geopandas.GeoDataFrame:
    """Return a frame of ACLED's columns in incidentmap's schema (for the map).

    ``event_id_cnty`` becomes the id, ``notes`` the evidence, ``actor1``/``actor2`` the
    actors, ``source`` the source title; country and first-level area names become codes
    where the shipped gazetteer data knows them. Rows are ACLED's coded events, so their
    confidence is 1. The point is the geometry when there is one, else ``latitude`` and
    ``longitude``.

    Parameters
    ----------
    gdf
        A frame with ACLED's columns (read from any format, or a CSV from ACLED).

    Returns
    -------
    geopandas.GeoDataFrame
        Columns of :data:`~incidentmap.frame.INCIDENT_COLUMNS` (not yet normalised).
    """
    import geopandas as gpd
    import numpy as np
    import pandas as pd
    import shapely

    def column(name: str) -> Any:
        return gdf[name] if name in gdf.columns else pd.Series([None] * len(gdf), index=gdf.index)

    def text(value: Any) -> str | None:
        return value if isinstance(value, str) and value.strip() else None

    countries = [text(v) for v in column("country")]
    codes = [_country_codes().get(c.casefold()) if c else None for c in countries]
    areas = [
        _admin1_codes().get((cc, name.casefold())) if cc and name else None
        for cc, name in zip(codes, (text(v) for v in column("admin1")), strict=True)
    ]
    actors = [
        [a for a in (text(a1), text(a2)) if a]
        for a1, a2 in zip(column("actor1"), column("actor2"), strict=True)
    ]
    ids = [str(v) for v in column("event_id_cnty")]
    dates = pd.to_datetime(column("event_date"), errors="coerce", format="mixed")
    out = pd.DataFrame(
        {
            "id": ids,
            "article_id": ids,
            "event_type": column("event_type"),
            "sub_event_type": column("sub_event_type"),
            "event_date": dates,
            "time_precision": pd.to_numeric(column("time_precision"), errors="coerce"),
            "location": column("location"),
            "lat": pd.to_numeric(column("latitude"), errors="coerce"),
            "lon": pd.to_numeric(column("longitude"), errors="coerce"),
            "country_code": codes,
            "admin1": areas,
            "geo_precision": pd.to_numeric(column("geo_precision"), errors="coerce"),
            "fatalities": pd.to_numeric(column("fatalities"), errors="coerce"),
            "actors": actors,
            "evidence": column("notes"),
            "source_title": column("source"),
            "confidence": 1.0,
        },
        index=gdf.index,
    )
    has_xy = (out["lat"].notna() & out["lon"].notna()).to_numpy()
    points = np.asarray(
        gpd.points_from_xy(out["lon"].where(has_xy), out["lat"].where(has_xy)), dtype=object
    )
    points[~has_xy] = None
    name = getattr(gdf, "_geometry_column_name", None)
    if name in gdf.columns:  # a point moved in a GIS wins over stale latitude/longitude
        geoms = np.asarray(gdf[name].values, dtype=object)
        placed = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
        points[placed] = geoms[placed]
    return gpd.GeoDataFrame(out.reset_index(drop=True), geometry=list(points), crs="EPSG:4326")
