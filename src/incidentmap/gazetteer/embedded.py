"""Readers of the gazetteer data that ships with incidentmap (``gazetteer/data/``).

- ``cities500.txt.gz``: GeoNames places with 500+ inhabitants, in the GeoNames main-table
  format, read by :func:`read_cities` (a thin wrapper of
  :func:`~incidentmap.gazetteer.geonames.read_geonames`).
- ``countries.tsv``: one row per country with its point and names, read by
  :func:`read_countries`.
- ``admin1.tsv``: first-level administrative areas with a point and names, read by
  :func:`read_admin1`.
- ``admin2.tsv``: second-level areas (US counties, UK counties and unitary authorities,
  districts ...) with a point and names, read by :func:`read_admin2`.

The schemas are described in ``gazetteer/README.md``. Alternate names in the two TSV
files are separated by ``|``.

Examples
--------
>>> iraq = next(r for r in read_countries() if r.place.country_code == "IQ")
>>> iraq.place.id, iraq.place.feature_code
('geonames:99237', 'PCLI')
>>> baghdad = next(r for r in read_admin1() if r.place.id == "geonames:98180")
>>> baghdad.place.admin1, baghdad.place.parent_id
('07', 'geonames:99237')
>>> suffolk = next(r for r in read_admin2() if r.place.id == "geonames:2636561")
>>> suffolk.place.feature_code, suffolk.place.admin1, suffolk.place.parent_id
('ADM2', 'ENG', 'geonames:6269131')
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from ..errors import InputError
from ..model import Place
from .dumpfiles import iter_rows, report_skipped
from .geonames import read_geonames
from .records import PlaceRecord, Reporter

__all__ = [
    "ADMIN1_COLUMNS",
    "ADMIN2_COLUMNS",
    "COUNTRY_COLUMNS",
    "read_admin1",
    "read_admin2",
    "read_cities",
    "read_countries",
]

#: Header of ``countries.tsv``.
COUNTRY_COLUMNS = (
    "iso", "iso3", "isonumeric", "geonameid", "name", "capital", "population", "area_km2",
    "continent", "languages", "neighbours", "lat", "lon", "point_source", "feature_code",
    "alternatenames",
)  # fmt: skip

#: Header of ``admin1.tsv``.
ADMIN1_COLUMNS = (
    "geonameid", "country_code", "admin1_code", "iso_code", "name", "asciiname", "type",
    "alternatenames", "lat", "lon", "point_source", "population",
)  # fmt: skip

#: Header of ``admin2.tsv``.
ADMIN2_COLUMNS = (
    "geonameid", "country_code", "admin1_code", "admin2_code", "name", "asciiname", "type",
    "alternatenames", "lat", "lon", "point_source", "population",
)  # fmt: skip

_COUNTRY_CODES = frozenset({"PCLI", "PCLD", "PCLF", "PCLS", "PCLIX", "PCLH", "PCL", "TERR"})


def _default(name: str) -> Path:
    from .paths import data_file

    return data_file(name)


def _names(first: tuple[str, ...], pipe_separated: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n for n in (*first, *pipe_separated.split("|")) if n.strip()))


#: A compass word opening an area's name in Spanish, Portuguese or French, and its
#: English: English copy writes "North Santander", "South Kivu", "North-West".
_COMPASS = {
    "norte": "North", "nord": "North", "sur": "South", "sud": "South", "sul": "South",
    "este": "East", "est": "East", "leste": "East", "oeste": "West", "ouest": "West",
}  # fmt: skip
_COMPASS_NAME = re.compile(
    r"(?i)(norte|nord|sur|sud|sul|este|est|leste|oeste|ouest)(?:\s+d(?:e|el|o|a)\s+|-|\s+)(\S.*)"
)


def english_compass_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """Add the English forms of area names that open with a Romance compass word.

    >>> english_compass_names(("Norte de Santander", "Nord-Kivu"))
    ('Norte de Santander', 'Nord-Kivu', 'North Santander', 'North Kivu')
    """
    extra = []
    for name in names:
        m = _COMPASS_NAME.fullmatch(name)
        if m is None or m.group(2).split("-")[0].lower() in _COMPASS:
            continue  # "Sud-Ouest" is a direction, not "South Ouest"
        extra.append(f"{_COMPASS[m.group(1).lower()]} {m.group(2)}")
    return tuple(dict.fromkeys((*names, *extra)))


def _float(value: str, column: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not -limit <= number <= limit:
        raise ValueError(f"{column} {value!r} is outside -{limit:g}..{limit:g}")
    return number


def _int(value: str, column: str) -> int:
    if not value.strip():
        return 0
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a whole number") from None


def _read_table(
    path: Path,
    columns: tuple[str, ...],
    parse: Callable[[dict[str, str]], PlaceRecord],
    report: Reporter | None,
) -> Iterator[PlaceRecord]:
    if not path.is_file():
        raise InputError("no such file", source=str(path))
    return _table_rows(path, columns, parse, report)


def _table_rows(
    path: Path,
    columns: tuple[str, ...],
    parse: Callable[[dict[str, str]], PlaceRecord],
    report: Reporter | None,
) -> Iterator[PlaceRecord]:
    source = str(path)
    header_seen = False
    for number, cols in iter_rows(path, report=report):
        if not header_seen:
            header_seen = True
            if tuple(cols) != columns:
                raise InputError(
                    f"header is {cols[:5]!r}..., expected the columns {', '.join(columns)}",
                    source=source,
                    line=number,
                )
            continue
        if len(cols) != len(columns):
            error = f"row has {len(cols)} tab-separated columns, expected {len(columns)}"
            report_skipped(report, InputError(error, source=source, line=number))
            continue
        try:
            yield parse(dict(zip(columns, cols, strict=True)))
        except ValueError as exc:
            report_skipped(report, InputError(f"{exc}; row skipped", source=source, line=number))


def _country(row: dict[str, str]) -> PlaceRecord:
    code = row["feature_code"] if row["feature_code"] in _COUNTRY_CODES else "PCLI"
    place = Place(
        id=f"geonames:{_int(row['geonameid'], 'geonameid')}",
        name=row["name"],
        lat=_float(row["lat"], "lat", 90.0),
        lon=_float(row["lon"], "lon", 180.0),
        feature_class="A",
        feature_code=code,
        country_code=row["iso"],
        admin1=None,
        population=_int(row["population"], "population"),
    )
    return PlaceRecord(place=place, names=_names((row["name"],), row["alternatenames"]))


def read_countries(
    path: str | Path | None = None, *, report: Reporter | None = None
) -> Iterator[PlaceRecord]:
    """Yield the countries of ``countries.tsv`` as places of feature class ``A``.

    The feature code is the file's (``PCLI`` independent, ``PCLD`` dependent, ``TERR``
    territory); the point is the one chosen by the build (see ``point_source``).

    Parameters
    ----------
    path
        The file; by default the embedded ``countries.tsv``.
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    file = Path(path) if path is not None else _default("countries.tsv")
    return _read_table(file, COUNTRY_COLUMNS, _country, report)


_K = TypeVar("_K")


def _parent_ids(
    given: str | Path | None,
    path: str | Path | None,
    default: str,
    ids: Callable[[Path], dict[_K, str]],
) -> dict[_K, str]:
    """Read the parents' ids from ``given``, else from the embedded ``default`` file.

    The embedded file is used only for the embedded children (``path`` is None).
    """
    if given is not None:
        return ids(Path(given))
    return ids(_default(default)) if path is None else {}


def _area_parser(
    code: str, parent_of: Callable[[dict[str, str]], str | None]
) -> Callable[[dict[str, str]], PlaceRecord]:
    """Parse a row of ``admin1.tsv`` or ``admin2.tsv`` into a place ``A``/``code``."""

    def parse(row: dict[str, str]) -> PlaceRecord:
        place = Place(
            id=f"geonames:{_int(row['geonameid'], 'geonameid')}",
            name=row["name"],
            lat=_float(row["lat"], "lat", 90.0),
            lon=_float(row["lon"], "lon", 180.0),
            feature_class="A",
            feature_code=code,
            country_code=row["country_code"],
            admin1=row["admin1_code"] or None,
            population=_int(row["population"], "population"),
            parent_id=parent_of(row),
        )
        first = (row["name"], row["asciiname"])
        names = english_compass_names(_names(first, row["alternatenames"]))
        return PlaceRecord(place=place, names=names)

    return parse


def _country_ids(path: Path) -> dict[str, str]:
    ids: dict[str, str] = {}
    for number, cols in iter_rows(path):
        if number > 1 and len(cols) == len(COUNTRY_COLUMNS) and cols[3].isdigit():
            ids[cols[0]] = f"geonames:{cols[3]}"
    return ids


def read_admin1(
    path: str | Path | None = None,
    *,
    countries: str | Path | None = None,
    report: Reporter | None = None,
) -> Iterator[PlaceRecord]:
    """Yield the first-level areas of ``admin1.tsv`` as places ``A``/``ADM1``.

    Each area's ``parent_id`` is its country's place id (``geonames:<geonameid>``) when
    the countries file knows the country, else None.

    Parameters
    ----------
    path
        The file; by default the embedded ``admin1.tsv``.
    countries
        The countries file giving the parent ids; by default the embedded ``countries.tsv``
        (or none when ``path`` is given and ``countries`` is not).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    file = Path(path) if path is not None else _default("admin1.tsv")
    parents = _parent_ids(countries, path, "countries.tsv", _country_ids)
    parse = _area_parser("ADM1", lambda row: parents.get(row["country_code"]))
    return _read_table(file, ADMIN1_COLUMNS, parse, report)


def _admin1_ids(path: Path) -> dict[tuple[str, str], str]:
    ids: dict[tuple[str, str], str] = {}
    for number, cols in iter_rows(path):
        if number > 1 and len(cols) == len(ADMIN1_COLUMNS) and cols[0].isdigit():
            ids[(cols[1], cols[2])] = f"geonames:{cols[0]}"
    return ids


def read_admin2(
    path: str | Path | None = None,
    *,
    admin1: str | Path | None = None,
    report: Reporter | None = None,
) -> Iterator[PlaceRecord]:
    """Yield the second-level areas of ``admin2.tsv`` as places ``A``/``ADM2``.

    A place's ``admin1`` is the code of the first-level area it lies in, and its
    ``parent_id`` that area's place id when the admin1 file knows it, else None.

    Parameters
    ----------
    path
        The file; by default the embedded ``admin2.tsv``.
    admin1
        The first-level areas file giving the parent ids; by default the embedded
        ``admin1.tsv`` (or none when ``path`` is given and ``admin1`` is not).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    file = Path(path) if path is not None else _default("admin2.tsv")
    parents = _parent_ids(admin1, path, "admin1.tsv", _admin1_ids)
    parse = _area_parser("ADM2", lambda row: parents.get((row["country_code"], row["admin1_code"])))
    return _read_table(file, ADMIN2_COLUMNS, parse, report)


def read_cities(
    path: str | Path | None = None, *, report: Reporter | None = None
) -> Iterator[PlaceRecord]:
    """Yield the populated places of the embedded ``cities500.txt.gz`` (or of ``path``).

    Parameters
    ----------
    path
        A GeoNames main-table file; by default the embedded ``cities500.txt.gz``.
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    file = Path(path) if path is not None else _default("cities500.txt.gz")
    return read_geonames(file, report=report)
