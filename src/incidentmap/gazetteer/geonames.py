r"""Streaming readers of the official GeoNames dump files.

Each reader takes a ``.txt`` file, or the same compressed as ``.gz``, ``.xz``, ``.bz2``
or ``.zip`` (for a zip, the member named like the archive, ``IQ.zip`` -> ``IQ.txt``, or
else its only ``.txt`` member that is not a readme), and yields one typed record per
row without ever holding the file in memory: ``allCountries`` has 12 million rows.

A malformed row (wrong column count, latitude 95, a population that is not a number,
bytes that are not UTF-8) is skipped and reported: ``report(InputError(..., source=,
line=))`` if a reporter is given, else a warning on the ``incidentmap.gazetteer`` logger.
Reading then goes on with the next row.

=====================  =========================================  ==========================
format name            files                                      reader
=====================  =========================================  ==========================
``geonames``           allCountries, cities500/1000/5000/15000,   :func:`read_geonames`
                       ``XX.zip`` (the main table, 19 columns)
``alternate_names``    alternateNamesV2 (10 columns; the older     :func:`read_alternate_names`
                       8-column alternateNames too)
``admin1_codes``       admin1CodesASCII                           :func:`read_admin1_codes`
``country_info``       countryInfo                                :func:`read_country_info`
=====================  =========================================  ==========================

Examples
--------
>>> import pathlib, tempfile
>>> row = ["98182", "Baghdad", "Baghdad", "Bagdad,بغداد", "33.34058", "44.40088", "P", "PPLC",
...        "IQ", "", "07", "", "", "", "7216000", "", "41", "Asia/Baghdad", "2024-01-01"]
>>> path = pathlib.Path(tempfile.mkdtemp()) / "IQ.txt"
>>> _ = path.write_text("\t".join(row) + "\n", encoding="utf-8")
>>> detect_format(path)
'geonames'
>>> rec = next(read_geonames(path))
>>> rec.place.id, rec.place.feature_code, rec.place.population, rec.names
('geonames:98182', 'PPLC', 7216000, ('Baghdad', 'Bagdad', 'بغداد'))
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..model import Place
from ..wording import plural
from .dumpfiles import iter_rows, read_rows, report_skipped
from .records import PlaceRecord, Reporter

__all__ = [
    "FORMATS",
    "SKIPPED_LANGUAGES",
    "Admin1Code",
    "AlternateName",
    "CountryInfo",
    "detect_format",
    "iter_rows",
    "read_admin1_codes",
    "read_alternate_names",
    "read_country_info",
    "read_geonames",
    "report_skipped",
]

#: The format names :func:`detect_format` returns.
FORMATS = ("geonames", "alternate_names", "admin1_codes", "country_info")

#: ``isolanguage`` values of alternateNames that are not names a text would use: links,
#: postal codes, airport and station codes, Wikidata ids, UN/LOCODEs, and the names of the
#: French Revolution (1793). ``abbr`` (abbreviations such as "NYC") is kept.
SKIPPED_LANGUAGES = frozenset(
    {"link", "post", "iata", "icao", "faac", "tcid", "wkdt", "unlc", "fr_1793"}
)

_MAIN_COLUMNS = 19
_COUNTRY_COLUMNS = 19
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}\.[^.\s]+$")
_COUNTRY_ISO = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class AlternateName:
    """One row of ``alternateNamesV2.txt``: a name of a GeoNames feature.

    ``language`` is the ``isolanguage`` column (an ISO 639 code, ``abbr``, or empty);
    ``valid_from`` and ``valid_to`` are the ``from``/``to`` columns as written (often empty).
    """

    alternate_name_id: int
    geonameid: int
    language: str
    name: str
    is_preferred: bool = False
    is_short: bool = False
    is_colloquial: bool = False
    is_historic: bool = False
    valid_from: str = ""
    valid_to: str = ""

    @property
    def place_id(self) -> str:
        """The id of the place this name belongs to (``geonames:<geonameid>``)."""
        return f"geonames:{self.geonameid}"


@dataclass(frozen=True, slots=True)
class Admin1Code:
    """One row of ``admin1CodesASCII.txt`` (``IQ.07  Baghdad  Baghdad  98180``)."""

    country_code: str
    admin1_code: str
    name: str
    asciiname: str
    geonameid: int | None

    @property
    def code(self) -> str:
        """The joined key GeoNames uses, e.g. ``"IQ.07"``."""
        return f"{self.country_code}.{self.admin1_code}"

    @property
    def place_id(self) -> str | None:
        """The area's place id (``geonames:98180``), or None if the row has no geonameid."""
        return None if self.geonameid is None else f"geonames:{self.geonameid}"


@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One row of ``countryInfo.txt``; lists (languages, neighbours) are split on commas."""

    iso: str
    iso3: str
    iso_numeric: str
    fips: str
    name: str
    capital: str
    area_km2: float | None
    population: int
    continent: str
    tld: str
    currency_code: str
    currency_name: str
    phone: str
    postal_code_format: str
    postal_code_regex: str
    languages: tuple[str, ...]
    geonameid: int | None
    neighbours: tuple[str, ...]
    equivalent_fips_code: str

    @property
    def place_id(self) -> str | None:
        """The country's place id (``geonames:99237`` for Iraq), if it has a geonameid."""
        return None if self.geonameid is None else f"geonames:{self.geonameid}"


# --------------------------------------------------------------------------- field parsers


def _columns(cols: list[str], expected: int | tuple[int, ...], what: str) -> None:
    allowed = (expected,) if isinstance(expected, int) else expected
    if len(cols) not in allowed:
        wanted = " or ".join(map(str, allowed))
        raise ValueError(f"{what} row has {len(cols)} tab-separated columns, expected {wanted}")


def _int(value: str, column: str, *, empty: int | None = None) -> int:
    value = value.strip()
    if not value and empty is not None:
        return empty
    try:
        return int(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a whole number") from None


def _coordinate(value: str, column: str, limit: float) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ValueError(f"{column} {value!r} is not a number") from None
    if not math.isfinite(number) or abs(number) > limit:
        raise ValueError(f"{column} {value!r} is outside -{limit:g}..{limit:g}")
    return number


def _flag(value: str) -> bool:
    return value.strip() == "1"


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split(",") if v.strip())


# --------------------------------------------------------------------------- readers


def _parse_place(cols: list[str]) -> PlaceRecord:
    # Fast path for well-formed rows (allCountries has 12 million); anything unusual goes
    # through _checked_place, which finds the fault and says what it is.
    if len(cols) == _MAIN_COLUMNS:
        name = cols[1]
        try:
            geonameid = int(cols[0])
            lat = float(cols[4])
            lon = float(cols[5])
            population = int(cols[14]) if cols[14] else 0
        except ValueError:
            pass
        else:
            if -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0 and name and name == name.strip():
                place = Place(
                    id=f"geonames:{geonameid}",
                    name=name,
                    lat=lat,
                    lon=lon,
                    feature_class=cols[6],
                    feature_code=cols[7],
                    country_code=cols[8],
                    admin1=cols[10] or None,
                    population=population,
                )
                names = dict.fromkeys((name, cols[2], *cols[3].split(",")))
                names.pop("", None)
                return PlaceRecord(place=place, names=tuple(names))
    return _checked_place(cols)


def _checked_place(cols: list[str]) -> PlaceRecord:
    _columns(cols, _MAIN_COLUMNS, "GeoNames main-table")
    geonameid = _int(cols[0], "geonameid")
    name = cols[1].strip()
    if not name:
        raise ValueError(f"place {geonameid} has an empty name")
    place = Place(
        id=f"geonames:{geonameid}",
        name=name,
        lat=_coordinate(cols[4], "latitude", 90.0),
        lon=_coordinate(cols[5], "longitude", 180.0),
        feature_class=cols[6].strip(),
        feature_code=cols[7].strip(),
        country_code=cols[8].strip(),
        admin1=cols[10].strip() or None,
        population=_int(cols[14], "population", empty=0),
    )
    names = dict.fromkeys(n for n in (name, cols[2].strip(), *_split(cols[3])) if n)
    return PlaceRecord(place=place, names=tuple(names))


def read_geonames(path: str | Path, *, report: Reporter | None = None) -> Iterator[PlaceRecord]:
    """Yield the places of a GeoNames main-table file (allCountries, cities500, ``XX.zip``).

    Each place gets the id ``geonames:<geonameid>``; its names are the name, the ASCII
    name and the alternate names, duplicates removed, in that order.

    Parameters
    ----------
    path
        The dump file (``.txt``, ``.zip``, ``.gz``, ``.xz`` or ``.bz2``).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.

    Raises
    ------
    InputError
        If the file cannot be opened at all (missing, not a zip, no text member).
    """
    return read_rows(path, _parse_place, report=report)


def _alternate_name_parser(skip: frozenset[str]) -> Callable[[list[str]], AlternateName | None]:
    def parse(cols: list[str]) -> AlternateName | None:
        _columns(cols, (8, 10), "alternateNames")
        language = cols[2].strip()
        if language in skip:
            return None
        name = cols[3].strip()
        if not name:
            raise ValueError("alternate name is empty")
        extra = cols[8:10] if len(cols) == 10 else ["", ""]
        return AlternateName(
            alternate_name_id=_int(cols[0], "alternateNameId"),
            geonameid=_int(cols[1], "geonameid"),
            language=language,
            name=name,
            is_preferred=_flag(cols[4]),
            is_short=_flag(cols[5]),
            is_colloquial=_flag(cols[6]),
            is_historic=_flag(cols[7]),
            valid_from=extra[0].strip(),
            valid_to=extra[1].strip(),
        )

    return parse


def read_alternate_names(
    path: str | Path,
    *,
    report: Reporter | None = None,
    skip_languages: frozenset[str] = SKIPPED_LANGUAGES,
) -> Iterator[AlternateName]:
    """Yield the names of ``alternateNamesV2.txt`` (or the older 8-column alternateNames).

    Rows whose ``isolanguage`` is in ``skip_languages`` (links, postal codes, airport
    codes ... see :data:`SKIPPED_LANGUAGES`) are passed over silently; they are not errors.

    Parameters
    ----------
    path
        The dump file (``.txt``, ``.zip``, ``.gz``, ``.xz`` or ``.bz2``).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each malformed row.
    skip_languages
        ``isolanguage`` values whose rows are not names.
    """
    return read_rows(path, _alternate_name_parser(frozenset(skip_languages)), report=report)


def _parse_admin1(cols: list[str]) -> Admin1Code:
    _columns(cols, 4, "admin1CodesASCII")
    code = cols[0].strip()
    if not _ADMIN1_CODE.match(code):
        raise ValueError(f"admin1 code {code!r} is not of the form CC.CODE (e.g. 'IQ.07')")
    country, admin1 = code.split(".")
    return Admin1Code(
        country_code=country,
        admin1_code=admin1,
        name=cols[1].strip(),
        asciiname=cols[2].strip(),
        geonameid=_int(cols[3], "geonameid") if cols[3].strip() else None,
    )


def read_admin1_codes(path: str | Path, *, report: Reporter | None = None) -> Iterator[Admin1Code]:
    """Yield the rows of ``admin1CodesASCII.txt`` (``IQ.07<TAB>Baghdad<TAB>Baghdad<TAB>98180``).

    Parameters
    ----------
    path
        The dump file (``.txt``, ``.zip``, ``.gz``, ``.xz`` or ``.bz2``).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    return read_rows(path, _parse_admin1, report=report)


def _parse_country(cols: list[str]) -> CountryInfo:
    _columns(cols, _COUNTRY_COLUMNS, "countryInfo")
    iso = cols[0].strip()
    if not _COUNTRY_ISO.match(iso):
        raise ValueError(f"ISO code {iso!r} is not two capital letters")
    area = cols[6].strip()
    try:
        area_km2 = float(area) if area else None
    except ValueError:
        raise ValueError(f"Area(in sq km) {area!r} is not a number") from None
    return CountryInfo(
        iso=iso,
        iso3=cols[1].strip(),
        iso_numeric=cols[2].strip(),
        fips=cols[3].strip(),
        name=cols[4].strip(),
        capital=cols[5].strip(),
        area_km2=area_km2,
        population=_int(cols[7], "Population", empty=0),
        continent=cols[8].strip(),
        tld=cols[9].strip(),
        currency_code=cols[10].strip(),
        currency_name=cols[11].strip(),
        phone=cols[12].strip(),
        postal_code_format=cols[13].strip(),
        postal_code_regex=cols[14].strip(),
        languages=_split(cols[15]),
        geonameid=_int(cols[16], "geonameid") if cols[16].strip() else None,
        neighbours=_split(cols[17]),
        equivalent_fips_code=cols[18].strip(),
    )


def read_country_info(path: str | Path, *, report: Reporter | None = None) -> Iterator[CountryInfo]:
    """Yield the countries of ``countryInfo.txt`` (``#`` lines are comments).

    Parameters
    ----------
    path
        The dump file (``.txt``, ``.zip``, ``.gz``, ``.xz`` or ``.bz2``).
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    return read_rows(path, _parse_country, report=report, comments=True)


# --------------------------------------------------------------------------- detection

_NAME_HINTS = (
    ("countryinfo", "country_info"),
    ("admin1codes", "admin1_codes"),
    ("alternatenames", "alternate_names"),
    ("allcountries", "geonames"),
    ("cities", "geonames"),
)


def detect_format(path: str | Path) -> str:
    """Tell which GeoNames dump a file is, from its name and its first data line.

    Returns one of :data:`FORMATS`. The file name decides when it is one of the official
    names (``countryInfo``, ``admin1CodesASCII``, ``alternateNamesV2``, ``allCountries``,
    ``cities500`` ...); otherwise the shape of the first line that is not a comment does.

    Raises
    ------
    InputError
        If the file is none of these formats (the message lists what is accepted).
    """
    path = Path(path)
    stem = path.name.lower().split(".")[0]
    for hint, fmt in _NAME_HINTS:
        if stem.startswith(hint):
            return fmt
    first: list[str] | None = None
    for _number, cols in iter_rows(path, report=lambda _err: None, comments=True):
        first = cols
        break
    shape = _shape(first) if first is not None else None
    if shape is not None:
        return shape
    shown = (
        "it holds no data line"
        if first is None
        else f"its first data line has {plural(len(first), 'column')}: {first[:4]!r}"
    )
    raise InputError(
        f"not a GeoNames dump file ({shown}); accepted: the main table "
        "(allCountries, cities500, XX.zip: 19 columns), alternateNamesV2 (10 columns), "
        "admin1CodesASCII (4 columns) and countryInfo (19 columns, # comments)",
        source=str(path),
    )


def _shape(cols: list[str]) -> str | None:
    if len(cols) == _MAIN_COLUMNS and cols[0].strip().isdigit():
        return "geonames"
    if len(cols) == _COUNTRY_COLUMNS and _COUNTRY_ISO.match(cols[0].strip()):
        return "country_info"
    if len(cols) in (8, 10) and cols[0].strip().isdigit() and cols[1].strip().isdigit():
        return "alternate_names"
    if len(cols) == 4 and _ADMIN1_CODE.match(cols[0].strip()):
        return "admin1_codes"
    return None
