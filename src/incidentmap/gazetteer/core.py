"""The :class:`Gazetteer`: name, id and nearest-place queries over an SQLite index.

The embedded data (``gazetteer/data`` and ``gazetteer/curated`` of the source tree,
shipped inside the wheel) is indexed on first use into the user cache directory and
reused until the data changes; files a user imports are remembered and imported
again whenever the index is rebuilt.

Examples
--------
>>> from incidentmap.model import Place
>>> from incidentmap.gazetteer.records import PlaceRecord
>>> gaz = Gazetteer.from_records([
...     PlaceRecord(Place(id="geonames:95446", name="Erbil", lat=36.19, lon=44.01,
...                       feature_class="P", feature_code="PPLA", country_code="IQ",
...                       admin1="11", population=932800), ("Arbil", "Hawler")),
... ])
>>> gaz.lookup("ARBIL")[0].name
'Erbil'
>>> place, km = gaz.nearest(36.2, 44.0)[0]
>>> place.name, round(km, 1)
('Erbil', 1.4)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import GazetteerError
from ..model import Place
from ..text.normalize import name_keys
from . import index as ix
from .records import PlaceRecord, Reporter

__all__ = ["Gazetteer", "GazetteerInfo", "ReverseResult", "default_cache_dir"]

log = logging.getLogger("incidentmap.gazetteer")

INDEX_NAME = "gazetteer.sqlite"
IMPORTS_NAME = "imports.json"


def default_cache_dir() -> Path:
    """Return where the index is cached: ``$INCIDENTMAP_CACHE_DIR`` or the user cache dir."""
    env = os.environ.get("INCIDENTMAP_CACHE_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_cache_dir("incidentmap", appauthor=False))


@dataclass(frozen=True, slots=True)
class ReverseResult:
    """What :meth:`Gazetteer.reverse` finds at a point."""

    place: Place
    distance_km: float
    admin1: Place | None
    country: Place | None


@dataclass(frozen=True, slots=True)
class GazetteerInfo:
    """Facts about an open gazetteer index (``incidentmap gazetteer info``)."""

    path: str
    version: str
    places: int
    names: int
    countries: int
    admin1_areas: int
    populated_places: int
    curated: int
    imported_files: tuple[str, ...]
    size_bytes: int
    built_at: str

    def as_dict(self) -> dict[str, Any]:
        """Return the fields as a plain dict (for JSON output)."""
        return {f: getattr(self, f) for f in self.__dataclass_fields__}


def _embedded_sources() -> list[Path]:
    from .paths import curated_dir, data_dir

    files = sorted(p for p in data_dir().iterdir() if p.is_file() and not p.name.startswith("."))
    files += sorted(p for p in curated_dir().iterdir() if p.suffix in (".csv", ".geojson"))
    return files


def _fingerprint(files: Iterable[Path]) -> str:
    h = hashlib.sha1(f"{ix.SCHEMA_VERSION}|{__version__}".encode())
    for f in files:
        st = f.stat()
        h.update(f"|{f.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _embedded_records(report: Reporter | None) -> Iterator[Iterable[PlaceRecord]]:
    """Yield the record streams of the embedded data, countries first."""
    from .curated import curated_files, read_curated
    from .embedded import read_admin1, read_admin2, read_cities, read_countries

    yield read_countries(report=report)
    yield read_admin1(report=report)
    yield read_admin2(report=report)
    yield read_cities(report=report)
    for path in curated_files():
        yield read_curated(path, report=report)


class Gazetteer:
    """Look places up by name, id or position.

    Use :meth:`default` for the embedded data, :meth:`open` for an index file and
    :meth:`from_records` for a small gazetteer built in memory (tests, notebooks).
    A gazetteer can be passed to worker processes: it reopens its file there.
    """

    def __init__(self, conn: sqlite3.Connection, *, path: str, cache_dir: Path | None = None):
        self._conn = conn
        self.path = path
        self.cache_dir = cache_dir if cache_dir is not None else Path(path).parent
        try:
            meta = ix.read_meta(conn)
        except sqlite3.Error as exc:
            raise GazetteerError(f"{path} is not a gazetteer index: {exc}") from exc
        if meta.get("schema") != ix.SCHEMA_VERSION:
            raise GazetteerError(
                f"{path} has index schema {meta.get('schema')!r}, expected {ix.SCHEMA_VERSION!r}"
            )
        self.version: str = meta.get("version", "")
        self._meta = meta
        self._lookup = lru_cache(maxsize=200_000)(self._lookup_uncached)
        # countries and first-level areas by code: a few thousand, asked for all the time
        self._areas: dict[tuple[str, str | None], Place | None] = {}

    # -- construction -------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, *, cache_dir: Path | None = None) -> Gazetteer:
        """Open an existing index file read-only.

        Raises
        ------
        GazetteerError
            If the file is missing, not SQLite, or not an index of this version.
        """
        p = Path(path)
        if not p.is_file():
            raise GazetteerError(f"gazetteer index {p} does not exist")
        try:
            conn = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            conn.execute("PRAGMA cache_size = -65536")
            conn.execute("PRAGMA mmap_size = 268435456")
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open gazetteer index {p}: {exc}") from exc
        return cls(conn, path=str(p), cache_dir=cache_dir)

    @classmethod
    def from_records(
        cls, records: Iterable[PlaceRecord], *, path: str | Path | None = None
    ) -> Gazetteer:
        """Build a gazetteer from records (in memory unless ``path`` is given)."""
        target = ":memory:" if path is None else str(path)
        if path is not None and Path(target).exists():
            Path(target).unlink()
        writer = ix.IndexWriter(target)
        writer.add(records)
        conn = writer.finish(version="records")
        return cls(conn, path=target)

    @classmethod
    def default(cls, *, cache_dir: str | Path | None = None, rebuild: bool = False) -> Gazetteer:
        """Open the embedded gazetteer, building its index first if needed.

        The index lives in ``cache_dir`` (default :func:`default_cache_dir`) and is
        rebuilt when the embedded data or the index layout changed, when it is missing
        or unreadable (with a logged message, never a traceback), or when ``rebuild``.
        Files imported with :meth:`import_files` are imported again on rebuild.
        """
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = folder / INDEX_NAME
        version = _fingerprint(_embedded_sources())
        if path.is_file() and not rebuild:
            try:
                gaz = cls.open(path, cache_dir=folder)
            except GazetteerError as exc:
                log.warning("gazetteer index is unreadable (%s); rebuilding it", exc)
            else:
                if gaz.version == version:
                    return gaz
                log.info("embedded gazetteer data changed; rebuilding the index")
                gaz.close()
        cls.build(path, version=version)
        return cls.open(path, cache_dir=folder)

    @classmethod
    def build(
        cls, path: str | Path, *, version: str | None = None, report: Reporter | None = None
    ) -> Path:
        """Build the embedded index into ``path`` atomically and return the path.

        Imported files registered next to ``path`` are imported again.
        """
        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot create the cache folder {path.parent}: {exc}") from exc
        version = version or _fingerprint(_embedded_sources())
        started = time.perf_counter()
        log.info("building the gazetteer index in %s (first use; about 20 s)", path)
        fd, tmp = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
        os.close(fd)
        os.unlink(tmp)
        try:
            writer = ix.IndexWriter(tmp)
            workers = max(1, min(4, (os.cpu_count() or 1)))
            for stream in _embedded_records(report):
                writer.add(stream, workers=workers)
            imported = _read_registry(path.parent)
            for entry in imported:
                _import_into(writer, Path(entry), report=report)
            writer.finish(
                version=version,
                meta={
                    "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "imported": json.dumps(imported),
                },
            ).close()
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        log.info("gazetteer index built in %.1f s", time.perf_counter() - started)
        return path

    # -- queries ------------------------------------------------------------------------
    def lookup(self, name: str, *, country: str | None = None, limit: int = 20) -> list[Place]:
        """Return the places called ``name``, best first.

        Matching ignores case, diacritics, punctuation, a leading "the" and Arabic
        articles; ranking is described in :mod:`incidentmap.gazetteer.index`.

        Parameters
        ----------
        name
            A place name in any script ("Arbil", "بغداد", "the Green Zone").
        country
            Keep only places in this country (ISO 3166-1 alpha-2).
        limit
            At most this many places.
        """
        keys = name_keys(name)
        if not keys:
            return []
        return list(self._lookup(keys[0], country.upper() if country else None, limit))

    def lookup_key(self, key: str, *, country: str | None = None, limit: int = 50) -> list[Place]:
        """Like :meth:`lookup` for a key already normalised with ``normalize_name``."""
        return list(self._lookup(key, country.upper() if country else None, limit))

    def lookup_keys(self, keys: Iterable[str], *, limit: int = 50) -> dict[str, list[Place]]:
        """Look up many normalised keys in one pass (faster than one :meth:`lookup_key` each).

        Returns a dict from each key that names at least one place to its ranked places.
        """
        return ix.lookup_keys(self._conn, keys, limit=limit)

    def _lookup_uncached(self, key: str, country: str | None, limit: int) -> tuple[Place, ...]:
        return tuple(ix.lookup_key(self._conn, key, country=country, limit=limit))

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id (``geonames:98182``, ``curated:...``) or ``None``."""
        return ix.get_place(self._conn, place_id)

    def country(self, code: str) -> Place | None:
        """Return the country with this ISO 3166-1 alpha-2 code, or ``None``."""
        key = (code.upper(), None)
        if key not in self._areas:
            found = ix.query_places(self._conn, "is_country = 1 AND country_code = ?", key[:1])
            self._areas[key] = found[0] if found else None
        return self._areas[key]

    def admin1(self, country_code: str, admin1_code: str) -> Place | None:
        """Return the first-level area ``admin1_code`` of a country, or ``None``."""
        key = (country_code.upper(), admin1_code)
        if key not in self._areas:
            found = ix.query_places(
                self._conn, "feature_code = 'ADM1' AND country_code = ? AND admin1 = ?", key
            )
            self._areas[key] = found[0] if found else None
        return self._areas[key]

    def parent(self, place: Place) -> Place | None:
        """Return the place ``place`` lies in: its parent, else its admin1 area, else country."""
        if place.parent_id:
            found = self.get(place.parent_id)
            if found is not None:
                return found
        if not place.is_admin1 and not place.is_country and place.admin1:
            area = self.admin1(place.country_code, place.admin1)
            if area is not None:
                return area
        if not place.is_country:
            return self.country(place.country_code)
        return None

    def nearest(
        self,
        lat: float,
        lon: float,
        *,
        limit: int = 1,
        feature_classes: tuple[str, ...] | None = ("P",),
    ) -> list[tuple[Place, float]]:
        """Return the ``limit`` places nearest to a point, with distances in km.

        ``feature_classes=None`` considers every kind of place.
        """
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise GazetteerError(f"({lat}, {lon}) is not a latitude/longitude pair in degrees")
        return ix.nearest(self._conn, lat, lon, limit=limit, feature_classes=feature_classes)

    def reverse(self, lat: float, lon: float) -> ReverseResult | None:
        """Reverse-geocode a point: the nearest populated place, its admin1 area and country."""
        hits = self.nearest(lat, lon, limit=1)
        if not hits:
            return None
        place, km = hits[0]
        area = self.admin1(place.country_code, place.admin1) if place.admin1 else None
        return ReverseResult(place, km, area, self.country(place.country_code))

    def iter_name_stats(self) -> Iterator[ix.NameStats]:
        """Yield per-key statistics of all names (for building recognisers)."""
        return ix.iter_name_stats(self._conn)

    def info(self) -> GazetteerInfo:
        """Return counts and provenance of this index."""
        q = self._conn.execute

        def count(sql: str) -> int:
            return int(q(sql).fetchone()[0])

        size = Path(self.path).stat().st_size if Path(self.path).is_file() else 0
        return GazetteerInfo(
            path=self.path,
            version=self.version,
            places=count("SELECT COUNT(*) FROM places"),
            names=count("SELECT COUNT(*) FROM name_stats"),
            countries=count("SELECT COUNT(*) FROM places WHERE is_country = 1"),
            admin1_areas=count("SELECT COUNT(*) FROM places WHERE feature_code = 'ADM1'"),
            populated_places=count("SELECT COUNT(*) FROM places WHERE feature_class = 'P'"),
            curated=count("SELECT COUNT(*) FROM places WHERE id LIKE 'curated:%'"),
            imported_files=tuple(json.loads(self._meta.get("imported", "[]"))),
            size_bytes=size,
            built_at=self._meta.get("built_at", ""),
        )

    # -- imports ------------------------------------------------------------------------
    def import_files(self, files: Iterable[str | Path], *, report: Reporter | None = None) -> int:
        """Import GeoNames dumps or curated files into this index and remember them.

        The index is rebuilt with the files added (atomically); the returned count is
        the number of records read. Only an index in a cache folder (from
        :meth:`default`) can import.
        """
        from .importers import check_importable

        paths = [Path(f).resolve() for f in files]
        for p in paths:
            check_importable(p)
        folder = self.cache_dir
        previous = _read_registry(folder)
        registry = previous + [str(p) for p in paths if str(p) not in previous]
        _write_registry(folder, registry)
        self.close()
        try:
            Gazetteer.build(folder / INDEX_NAME, report=report)
        except BaseException:
            _write_registry(folder, previous)
            raise
        fresh = Gazetteer.open(folder / INDEX_NAME, cache_dir=folder)
        self._conn, self.path, self._meta = fresh._conn, fresh.path, fresh._meta
        self.version = fresh.version
        self._lookup.cache_clear()
        self._areas.clear()
        return int(self._meta.get("places", "0"))

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __reduce__(self) -> tuple[Any, ...]:
        if self.path == ":memory:":
            raise GazetteerError("an in-memory gazetteer cannot be sent to another process")
        return (_reopen, (self.path, self.cache_dir))

    def __repr__(self) -> str:
        return f"Gazetteer({self.path!r}, version={self.version!r})"


def _read_registry(folder: Path) -> list[str]:
    path = folder / IMPORTS_NAME
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable import registry %s: %s", path, exc)
        return []
    return [str(x) for x in data] if isinstance(data, list) else []


def _write_registry(folder: Path, entries: list[str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{IMPORTS_NAME}.tmp"
    tmp.write_text(json.dumps(entries, indent=1), encoding="utf-8")
    os.replace(tmp, folder / IMPORTS_NAME)


def _import_into(writer: ix.IndexWriter, path: Path, *, report: Reporter | None) -> None:
    """Import one user file of any supported format into an index being written."""
    from .importers import import_file

    if not path.is_file():
        log.warning("imported file %s is gone; skipping it", path)
        return
    import_file(writer, path, report=report)


def _reopen(path: str, cache_dir: Path) -> Gazetteer:
    return Gazetteer.open(path, cache_dir=cache_dir)
