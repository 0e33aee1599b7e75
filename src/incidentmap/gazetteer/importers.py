"""Importing a user's files into a gazetteer index being written.

Accepted: the GeoNames dump formats (allCountries / cities500 / ``XX.zip`` main
tables, ``alternateNamesV2``, ``admin1CodesASCII``, ``countryInfo``) and the curated
CSV/GeoJSON schema of ``gazetteer/curated/README.md`` for a user's own places (their
ids get the ``user:`` prefix). Every reader streams, so a 12-million-row
allCountries file is imported in batches and never held in memory.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..errors import GazetteerError
from ..wording import plural
from .index import IndexWriter
from .records import Reporter

__all__ = ["check_importable", "import_file"]

log = logging.getLogger("incidentmap.gazetteer")


def check_importable(path: Path) -> str:
    """Return the format ``path`` would be imported as, or raise :class:`GazetteerError`."""
    from . import geonames

    if not path.is_file():
        raise GazetteerError(f"cannot import {path}: no such file")
    if path.suffix.lower() in (".csv", ".geojson"):
        return "curated"
    fmt = geonames.detect_format(path)
    if fmt not in ("geonames", "alternate_names", "admin1_codes", "country_info"):
        raise GazetteerError(_UNKNOWN.format(path=path))
    return fmt


_UNKNOWN = (
    "cannot import {path}: not a GeoNames dump (allCountries, cities500, XX.zip, "
    "alternateNamesV2, admin1CodesASCII, countryInfo) nor a curated .csv/.geojson"
)


def import_file(writer: IndexWriter, path: Path, *, report: Reporter | None = None) -> str:
    """Import one file into ``writer`` and return the format it was read as.

    Raises
    ------
    GazetteerError
        If the file is of none of the accepted formats.
    """
    from . import geonames
    from .curated import read_curated

    suffix = path.suffix.lower()
    if suffix in (".csv", ".geojson"):
        n = writer.add(read_curated(path, report=report, namespace="user"))
        log.info("imported %s from %s", plural(n, "place"), path)
        return "curated"
    fmt = geonames.detect_format(path)
    if fmt == "geonames":
        n = writer.add(geonames.read_geonames(path, report=report))
        log.info("imported %s from %s", plural(n, "place"), path)
    elif fmt == "alternate_names":
        pairs = (
            (f"geonames:{a.geonameid}", a.name)
            for a in geonames.read_alternate_names(path, report=report)
        )
        n = writer.add_names(pairs)
        log.info("imported %s of known places from %s", plural(n, "alternate name"), path)
    elif fmt == "admin1_codes":
        pairs = (
            (a.place_id, name)
            for a in geonames.read_admin1_codes(path, report=report)
            if a.place_id
            for name in (a.name, a.asciiname)
        )
        n = writer.add_names(pairs)
        log.info("imported names of %s from %s", plural(n, "admin1 area"), path)
    elif fmt == "country_info":
        pairs = (
            (c.place_id, name)
            for c in geonames.read_country_info(path, report=report)
            if c.place_id
            for name in (c.name, c.iso, c.iso3)
            if name
        )
        n = writer.add_names(pairs)
        log.info("imported names of %s from %s", plural(n, "country", many="countries"), path)
    else:
        raise GazetteerError(_UNKNOWN.format(path=path))
    return fmt
