"""The :class:`Gazetteer`: name, id and nearest-place queries over an SQLite index.

The embedded data (``gazetteer/data`` and ``gazetteer/curated`` of the source tree,
shipped inside the wheel) is indexed on first use into the user cache directory,
under a name made from a hash of its content and of the files a user imported
(:mod:`.cache`): installs of one version share the index, other versions keep
their own, an import adds to a copy of the index rather than rebuilding it, and a
damaged index is found by its checksum and rebuilt.

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

import json
import logging
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import GazetteerError
from ..locking import FileLock, owned_name
from ..model import Place
from ..processes import sigterm_raises
from ..text.normalize import name_keys
from . import cache
from . import index as ix
from .records import PlaceRecord, Reporter

__all__ = ["Gazetteer", "GazetteerInfo", "ReverseResult", "default_cache_dir"]

log = logging.getLogger("incidentmap.gazetteer")


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
    rivers: int
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


def _data_key(folder: Path | None) -> str:
    """Key of the embedded data: its files' content, the index schema, the package version."""
    salt = f"{ix.SCHEMA_VERSION}|{__version__}"
    return cache.content_key(_embedded_sources(), salt=salt, folder=folder)


def _index_path(folder: Path, entries: list[cache.ImportEntry]) -> Path:
    return folder / cache.index_name(_data_key(folder), cache.imports_key(entries))


def _version(path: Path) -> str:
    return path.name.removeprefix("gazetteer-").removesuffix(".sqlite")


def _embedded_records(report: Reporter | None) -> Iterator[Iterable[PlaceRecord]]:
    """Yield the record streams of the embedded data, countries first."""
    from .aliases import PlaceAliases, read_place_aliases, report_unused
    from .curated import curated_files, read_curated
    from .embedded import read_admin1, read_admin2, read_cities, read_countries
    from .paths import data_dir, data_file

    # the spellings news copy gives GeoNames places (place_aliases.tsv, our own list)
    aliases_file = data_file("place_aliases.tsv")
    extra = PlaceAliases(read_place_aliases(aliases_file, report=report))
    yield extra.apply(read_countries(report=report))
    yield extra.apply(read_admin1(report=report))
    yield extra.apply(read_admin2(report=report))
    yield extra.apply(read_cities(report=report))
    report_unused(extra, source=str(aliases_file), report=report)
    # Natural Earth's named rivers, one place per country (gazetteer/build_rivers.py)
    yield read_curated(data_dir() / "rivers.csv", report=report, namespace="naturalearth")
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
        self._hold: FileLock | None = None  # a shared lock: no prune while in use
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
        self._area_names: dict[str, list[tuple[str, Place]]] = {}

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
        gaz = cls(conn, path=str(p), cache_dir=cache_dir)
        hold = FileLock(p, shared=True, create=False)
        try:
            if hold.acquire(timeout=5):
                gaz._hold = hold
        except OSError:  # a file system without locks: pruning may not see this use
            pass
        return gaz

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
        """Open the embedded gazetteer with the user's imports, building its index if needed.

        The index lives in ``cache_dir`` (default :func:`default_cache_dir`), named by a
        hash of the embedded data and the imported files (see :mod:`.cache`). It is
        built when missing, when it fails its checksum or cannot be read (with a logged
        message, never a traceback), or when ``rebuild``; one process builds at a time,
        others wait for it. Files imported with :meth:`import_files` are imported again.
        """
        folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        path = _index_path(folder, cache.read_registry(folder))
        if not rebuild and isinstance(found := cls._checked(path, folder), Gazetteer):
            return found
        with cache.build_lock(folder):
            entries = cache.read_registry(folder)  # as another process may have left them
            path = _index_path(folder, entries)
            if not rebuild:
                found = cls._checked(path, folder)
                if isinstance(found, Gazetteer):
                    return found
                if found:
                    log.warning("the gazetteer index %s %s; rebuilding it", path, found)
            cls._build(path, entries=entries)
            cache.prune(folder, current=path)
        return cls.open(path, cache_dir=folder)

    @classmethod
    def _checked(cls, path: Path, folder: Path) -> Gazetteer | str:
        """Open ``path`` if it passes its checksum and opens; else say why ('' if missing)."""
        if not path.is_file():
            return ""
        problem = cache.verify_stamp(path)
        if problem is not None:
            return f"cannot be trusted: {problem}"
        try:
            return cls.open(path, cache_dir=folder)
        except GazetteerError as exc:
            return f"is unreadable ({exc})"

    @classmethod
    def build(
        cls, path: str | Path, *, version: str | None = None, report: Reporter | None = None
    ) -> Path:
        """Build the embedded index, with the imports registered beside it, into ``path``.

        The index is written into a temporary file in the same folder and renamed into
        place; an interrupted build (Ctrl-C, SIGTERM) removes it and its worker
        processes. Prefer :meth:`default`, which also takes the build lock.
        """
        path = Path(path)
        entries = cache.read_registry(path.parent)
        return cls._build(path, entries=entries, version=version, report=report)

    @classmethod
    def _build(
        cls,
        path: Path,
        *,
        entries: list[cache.ImportEntry],
        version: str | None = None,
        report: Reporter | None = None,
    ) -> Path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise GazetteerError(f"cannot create the cache folder {path.parent}: {exc}") from exc
        started = time.perf_counter()
        log.info("building the gazetteer index in %s (first use; about a minute)", path)
        tmp = path.with_name(owned_name(path.stem, ".sqlite"))
        try:
            with sigterm_raises():
                writer = ix.IndexWriter(str(tmp))
                workers = max(1, min(4, (os.cpu_count() or 1)))
                for stream in _embedded_records(report):
                    writer.add(stream, workers=workers)
                for entry in entries:
                    _import_into(writer, Path(entry.path), report=report)
                writer.finish(version=version or _version(path), meta=_meta(entries)).close()
                _install(tmp, path)
        finally:
            _remove_temporary(tmp)
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

    def places_in(
        self, country_code: str, *, initial: str = "", lengths: tuple[int, int] = (1, 200)
    ) -> list[Place]:
        """Return the populated places and areas of one country, the highest ranked first.

        Only those whose main name begins with ``initial`` (any case) and whose length
        lies within ``lengths`` (both ends included).
        """
        return ix.query_places(
            self._conn,
            "country_code = ? AND feature_class IN ('P', 'A') AND name LIKE ? "
            "AND length(name) BETWEEN ? AND ?",
            (country_code, initial.replace("%", "").replace("_", "") + "%", *lengths),
        )

    def area_names(self, country_code: str) -> list[tuple[str, Place]]:
        """Return the name keys of a country's first- and second-level areas, with the area.

        Main and alternate names; used to match a respelt area name ("Jazira State").
        """
        key = country_code.upper()
        if key not in self._area_names:
            self._area_names[key] = ix.area_names(self._conn, key)
        return self._area_names[key]

    def get(self, place_id: str) -> Place | None:
        """Return the place with this id (``geonames:98182``, ``curated:...``) or ``None``."""
        return ix.get_place(self._conn, place_id)

    def country(self, code: str) -> Place | None:
        """Return the country with this ISO 3166-1 alpha-2 code, or ``None``."""
        key = (code.upper(), None)
        if key not in self._areas:
            self._areas[key] = ix.country_place(self._conn, key[0])
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
            rivers=count("SELECT COUNT(*) FROM places WHERE feature_code = 'STM'"),
            imported_files=tuple(json.loads(self._meta.get("imported", "[]"))),
            size_bytes=size,
            built_at=self._meta.get("built_at", ""),
        )

    # -- imports ------------------------------------------------------------------------
    def import_files(self, files: Iterable[str | Path], *, report: Reporter | None = None) -> int:
        """Import GeoNames dumps or curated files into this index and remember them.

        The files are added to a copy of the index, saved under the key of the new set
        of imports (the old index is pruned once no process uses it); only a file
        imported before whose content changed makes a full rebuild. The geoparser's
        name index follows, as its cache is keyed on :attr:`version`. Only an index in a
        cache folder (from :meth:`default`) can import. Returns the places now indexed.
        """
        from .importers import check_importable

        paths = list(dict.fromkeys(Path(f).resolve() for f in files))
        for p in paths:
            check_importable(p)
        folder = self.cache_dir
        with cache.build_lock(folder):
            entries = cache.read_registry(folder)
            known = {e.path: e for e in entries}
            new = [cache.ImportEntry(str(p), cache.file_sha256(p, folder)) for p in paths]
            changed = any(e.path in known and known[e.path] != e for e in new)
            fresh = [e for e in new if e.path not in known]
            registry = [next((n for n in new if n.path == e.path), e) for e in entries] + fresh
            target = _index_path(folder, registry)
            source = Path(self.path)
            if target == source and target.is_file():
                pass  # the same files again: nothing to do
            elif changed or source != _index_path(folder, entries) or not source.is_file():
                Gazetteer._build(target, entries=registry, report=report)
            else:
                _add_to_copy(source, target, fresh, registry, report=report)
            cache.write_registry(folder, registry)
            self._switch_to(target)
            cache.prune(folder, current=target)
        return int(self._meta.get("places", "0"))

    def _switch_to(self, path: Path) -> None:
        fresh = Gazetteer.open(path, cache_dir=self.cache_dir)
        self.close()
        self._conn, self.path, self._meta = fresh._conn, fresh.path, fresh._meta
        self._hold, self.version = fresh._hold, fresh.version
        self._lookup.cache_clear()
        self._areas.clear()
        self._area_names.clear()

    def close(self) -> None:
        """Close the database connection."""
        self._conn.close()
        if self._hold is not None:
            self._hold.release()

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


def _meta(entries: list[cache.ImportEntry]) -> dict[str, str]:
    return {
        "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "imported": json.dumps([e.path for e in entries]),
    }


def _install(tmp: Path, path: Path) -> None:
    """Rename a finished index into place and record its checksum."""
    os.replace(tmp, path)
    cache.write_stamp(path)


def _remove_temporary(tmp: Path) -> None:
    for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
        leftover.unlink(missing_ok=True)


def _add_to_copy(
    source: Path,
    target: Path,
    fresh: list[cache.ImportEntry],
    registry: list[cache.ImportEntry],
    *,
    report: Reporter | None,
) -> None:
    """Write ``target``: a copy of the index ``source`` with the files of ``fresh`` added."""
    started = time.perf_counter()
    tmp = target.with_name(owned_name(target.stem, ".sqlite"))
    try:
        with sigterm_raises():
            shutil.copyfile(source, tmp)
            writer = ix.IndexWriter.update(str(tmp))
            for entry in fresh:
                _import_into(writer, Path(entry.path), report=report)
            writer.finish_update(version=_version(target), meta=_meta(registry)).close()
            _install(tmp, target)
    except GazetteerError:
        raise
    except OSError as exc:
        raise GazetteerError(f"cannot write the gazetteer index {target}: {exc}") from exc
    finally:
        _remove_temporary(tmp)
    log.info("gazetteer index updated in %.1f s", time.perf_counter() - started)


def _import_into(writer: ix.IndexWriter, path: Path, *, report: Reporter | None) -> None:
    """Import one user file of any supported format into an index being written."""
    from .importers import import_file

    if not path.is_file():
        log.warning("imported file %s is gone; skipping it", path)
        return
    import_file(writer, path, report=report)


def _reopen(path: str, cache_dir: Path) -> Gazetteer:
    return Gazetteer.open(path, cache_dir=cache_dir)
