"""The SQLite index behind :class:`~incidentmap.gazetteer.Gazetteer`.

One file holds every place, every normalised name key, per-key statistics for
recognisers, an R*Tree for nearest-place queries and a ``meta`` table. This module
writes and reads it; deciding *when* to build lives in :mod:`.core`.

Ranking rule of name lookups (stored as ``places.rank`` at build time):

1. places whose exact name key matches come before those matched only without an
   Arabic article ("Fallujah" for "Al Fallūjah");
2. countries come first;
3. then by importance: the population (for an admin1 area the summed population of
   its places), where a populated place named like the admin1 area it lies in
   (Baghdad in Baghdad Governorate) counts as slightly more important than that area
   (several such places tie, and the more populous comes first),
   and a second-level area ranks just behind a place named like it in its admin1 area
   that holds at least a tenth of its people (Los Angeles before Los Angeles County).

Examples
--------
>>> from incidentmap.model import Place
>>> from incidentmap.gazetteer.records import PlaceRecord
>>> db = IndexWriter(":memory:")
>>> db.add([PlaceRecord(Place(id="geonames:1", name="Springfield", lat=39.8, lon=-89.6,
...         feature_class="P", feature_code="PPLA", country_code="US", admin1="IL",
...         population=114000), ("Springfield",))])
1
>>> conn = db.finish(version="test")
>>> [p.name for p in lookup_key(conn, "springfield")]
['Springfield']
"""

from __future__ import annotations

import concurrent.futures as cf
import math
import os
import sqlite3
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from ..model import COUNTRY_FEATURE_CODES, Place
from ..processes import die_with_parent, held_signals, terminating_pool
from ..text.normalize import ARABIC_NAMED, name_keys, normalize_name, without_final_h
from .kinds import haversine_km
from .records import PlaceRecord

__all__ = [
    "SCHEMA_VERSION",
    "IndexWriter",
    "NameStats",
    "country_place",
    "get_place",
    "iter_name_stats",
    "lookup_key",
    "lookup_keys",
    "nearest",
    "read_meta",
]

#: Bumped whenever the layout of the index changes, so old caches are rebuilt.
SCHEMA_VERSION = "9"
#: A populated place named like a second-level area of its admin1 area ranks before it
#: when it holds at least this share of the area's population.
CITY_SHARE_OF_ADMIN2 = 0.1
#: An update touching more places than this ranks every place again, as a build does.
FULL_RERANK = 200_000

_SCHEMA = """
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,
    feature_code TEXT NOT NULL,
    country_code TEXT NOT NULL,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    parent_id TEXT,
    polygon_wkt TEXT,
    is_country INTEGER NOT NULL DEFAULT 0,
    rank REAL NOT NULL DEFAULT 0
);
CREATE TABLE names (
    key TEXT NOT NULL,
    place INTEGER NOT NULL,
    exact INTEGER NOT NULL,
    PRIMARY KEY (key, place)
) WITHOUT ROWID;
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE places_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
"""

# The ranking of each name's places and the summary of each name, over all names (a build)
# or over the names an update touched: one definition serves both.
_RANKED_NAMES = """
    SELECT n.key,
           ROW_NUMBER() OVER (
               PARTITION BY n.key
               ORDER BY n.exact DESC, p.is_country DESC, p.rank DESC, p.population DESC,
                        p.rowid),
           n.place
    FROM names n JOIN places p ON p.rowid = n.place"""
_NAME_STATS = """
    SELECT n.key AS key,
           COUNT(*) AS places,
           MAX(p.population) AS max_population,
           GROUP_CONCAT(DISTINCT p.feature_class) AS classes,
           MAX(p.is_country) AS has_country,
           MAX(p.feature_code = 'ADM1') AS has_admin1,
           MAX(p.id LIKE 'curated:%') AS has_curated
    FROM names n JOIN places p ON p.rowid = n.place"""
_TOUCHED = "\n    WHERE n.key IN (SELECT key FROM temp.touched_keys)"
# The name keys of each country's first- and second-level areas, read by country: the
# names table is keyed by name, so finding them there scans every name (a second a country).
_AREA_NAMES = """
    SELECT p.country_code AS cc, n.key AS key, n.place AS place
    FROM names n JOIN places p ON p.rowid = n.place
    WHERE p.feature_code IN ('ADM1', 'ADM2')"""

# places_country_name serves Gazetteer.places_in (a country's places whose name begins with
# a letter, in any case): with NOCASE, SQLite turns the LIKE prefix into a range of it,
# where places_admin made it read every place of the country (25,000 for the US).
_FINAL_INDEXES = f"""
CREATE TABLE ranked_names (
    key TEXT NOT NULL,
    ord INTEGER NOT NULL,
    place INTEGER NOT NULL,
    PRIMARY KEY (key, ord)
) WITHOUT ROWID;
INSERT INTO ranked_names {_RANKED_NAMES};
CREATE INDEX places_admin ON places (country_code, admin1, feature_code);
CREATE INDEX places_code ON places (feature_code, country_code);
CREATE INDEX places_country_name ON places (country_code, name COLLATE NOCASE);
CREATE TABLE name_stats AS {_NAME_STATS}
    GROUP BY n.key;
CREATE TABLE area_names AS {_AREA_NAMES};
CREATE INDEX area_names_country ON area_names (cc);
"""

_DROP_FINAL = """
DROP TABLE ranked_names;
DROP TABLE name_stats;
DROP TABLE area_names;
DROP INDEX places_admin;
DROP INDEX places_code;
DROP INDEX places_country_name;
"""

# after an update: the rows of ranked_names and name_stats of every key a touched place bears
_UPDATE_INDEXES = f"""
CREATE TEMP TABLE touched_keys AS
    SELECT DISTINCT key FROM names WHERE place IN (SELECT rowid FROM temp.touched);
DELETE FROM ranked_names WHERE key IN (SELECT key FROM temp.touched_keys);
INSERT INTO ranked_names {_RANKED_NAMES}{_TOUCHED};
DELETE FROM name_stats WHERE key IN (SELECT key FROM temp.touched_keys);
INSERT INTO name_stats {_NAME_STATS}{_TOUCHED}
    GROUP BY n.key;
DELETE FROM area_names WHERE place IN (SELECT rowid FROM temp.touched);
INSERT INTO area_names {_AREA_NAMES}
      AND n.place IN (SELECT rowid FROM temp.touched);
DROP TABLE temp.touched_keys;
DROP TABLE temp.touched;
"""

_PLACE_COLUMNS = (
    "id, name, lat, lon, feature_class, feature_code, country_code, admin1, population, "
    "parent_id, polygon_wkt"
)
#: The place columns prefixed with the places table's alias, for joined queries.
_P_COLUMNS = ", ".join("p." + c.strip() for c in _PLACE_COLUMNS.split(","))


@dataclass(frozen=True, slots=True)
class NameStats:
    """Summary of the places sharing one normalised name key (for recognisers)."""

    key: str
    places: int
    max_population: int
    classes: str
    has_country: bool
    has_admin1: bool
    has_curated: bool


#: (index of the record in its batch, name key, 1 if exact else 0)
NameRow = tuple[int, str, int]


def _names(rec: PlaceRecord) -> tuple[str, ...]:
    """Return a record's names; an Arabic area's names ending in -ah also without the h.

    GeoNames writes the first- and second-level areas of Arabic-speaking countries with
    the h of the feminine ending (Shabwah, Al Hasakah, Al Mahrah) and often lacks the
    form news copy writes ("Shabwa", "Hasaka", "Mahra"); its towns mostly carry both.
    """
    names = (rec.place.name, *rec.names)
    place = rec.place
    if place.feature_class != "A" or place.country_code not in ARABIC_NAMED:
        return names
    if place.feature_code in COUNTRY_FEATURE_CODES:
        return names
    bare = [n[:-1] for n in names if n[-1:] in "hH" and without_final_h(normalize_name(n))]
    return (*names, *bare) if bare else names


def _name_rows(batch: list[tuple[str, ...]]) -> list[NameRow]:
    """Normalise the names of a batch of places (run in worker processes)."""
    rows: list[NameRow] = []
    for i, names in enumerate(batch):
        # a key is exact when any name gives it exactly: "Kut" beside "Al-Kut" (whose
        # article-free key is "kut") makes "kut" an exact key of the place
        exact: dict[str, int] = {}
        for name in names:
            for j, key in enumerate(name_keys(name)):
                exact[key] = max(exact.get(key, 0), int(j == 0))
        rows.extend((i, key, flag) for key, flag in exact.items())
    return rows


def _batched(items: Iterable[PlaceRecord], size: int) -> Iterator[list[PlaceRecord]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, check_same_thread=False)
    conn.execute("PRAGMA foreign_keys = OFF")
    return conn


class IndexWriter:
    """Write a new index file: :meth:`add` records, then :meth:`finish`.

    Parameters
    ----------
    path
        The SQLite file to create (it must not exist), or ``":memory:"``.
    """

    def __init__(self, path: str, *, existing: bool = False) -> None:
        self.path = path
        self.conn = _connect(path)
        self.conn.executescript(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000;"
        )
        self.existing = existing
        if existing:  # the places an update adds or changes, kept by SQLite, not in memory
            self.conn.execute("CREATE TEMP TABLE touched (rowid INTEGER PRIMARY KEY)")
        else:
            self.conn.executescript(_SCHEMA)
        self.count = 0
        top = self.conn.execute("SELECT MAX(rowid) FROM places").fetchone()[0] if existing else 0
        self._next_rowid = max(1 << 40, int(top or 0))  # above every geonameid
        self._assigned: dict[str, int] = {}

    @classmethod
    def update(cls, path: str) -> IndexWriter:
        """Open a finished index file to add records; end with :meth:`finish_update`.

        Only the places added or changed, and the names they share with other places,
        are ranked again, so adding a few places to a full index takes well under a
        second where a rebuild takes a minute. One difference from a rebuild: a
        first-level area keeps the population it was given, even when the update
        adds populated places inside it.
        """
        return cls(path, existing=True)

    def add(self, records: Iterable[PlaceRecord], *, replace: bool = True, workers: int = 1) -> int:
        """Insert or update places and their names; return how many records were read.

        Parameters
        ----------
        records
            Records from any reader; consumed in batches, never held whole.
        replace
            When a place id is already present, update its fields (names are always
            merged). With ``False`` the stored fields are kept.
        workers
            Processes that normalise names while this one writes (the costly part of
            a build); 1 does everything here.
        """
        batches = _batched(records, 5000)
        n = 0
        cur = self.conn.cursor()
        if workers <= 1:
            for batch in batches:
                n += self._insert(cur, batch, _name_rows([_names(r) for r in batch]), replace)
        else:
            pool = cf.ProcessPoolExecutor(
                max_workers=workers, initializer=die_with_parent, initargs=(os.getpid(),)
            )
            with terminating_pool(pool):
                pending: deque[tuple[list[PlaceRecord], cf.Future[list[NameRow]]]] = deque()
                for batch in batches:
                    names = [_names(r) for r in batch]
                    with held_signals():  # a SIGTERM during the fork is not lost
                        pending.append((batch, pool.submit(_name_rows, names)))
                    if len(pending) > workers * 2:
                        done, future = pending.popleft()
                        n += self._insert(cur, done, future.result(), replace)
                while pending:
                    done, future = pending.popleft()
                    n += self._insert(cur, done, future.result(), replace)
        self.conn.commit()
        self.count += n
        return n

    def _rowid(self, cur: sqlite3.Cursor, place_id: str) -> int:
        """GeoNames places keep their geonameid as rowid; others get one of their own."""
        prefix, _, number = place_id.partition(":")
        if prefix == "geonames" and number.isdigit():
            return int(number)
        found = self._assigned.get(place_id)
        if found is None:
            row = cur.execute("SELECT rowid FROM places WHERE id = ?", (place_id,)).fetchone()
            if row is not None:
                found = int(row[0])
            else:
                self._next_rowid += 1
                found = self._next_rowid
            self._assigned[place_id] = found
        return found

    def _insert(
        self,
        cur: sqlite3.Cursor,
        batch: list[PlaceRecord],
        names: list[NameRow],
        replace: bool,
    ) -> int:
        conflict = (
            "DO UPDATE SET name=excluded.name, lat=excluded.lat, lon=excluded.lon, "
            "feature_class=excluded.feature_class, feature_code=excluded.feature_code, "
            "country_code=excluded.country_code, admin1=excluded.admin1, "
            "population=MAX(excluded.population, places.population), "
            "parent_id=COALESCE(excluded.parent_id, places.parent_id), "
            "polygon_wkt=COALESCE(excluded.polygon_wkt, places.polygon_wkt), "
            "is_country=excluded.is_country"
            if replace
            else "DO NOTHING"
        )
        rowids = [self._rowid(cur, rec.place.id) for rec in batch]
        if self.existing:
            self._touch(cur, rowids)
        place_rows = [
            (
                rowid, p.id, p.name, p.lat, p.lon, p.feature_class, p.feature_code,
                p.country_code, p.admin1, p.population, p.parent_id, p.polygon_wkt,
                int(p.is_country),
            )
            for rowid, p in zip(rowids, (rec.place for rec in batch), strict=True)
        ]  # fmt: skip
        cur.executemany(
            f"INSERT INTO places (rowid, {_PLACE_COLUMNS}, is_country) "
            f"VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(rowid) {conflict}",
            place_rows,
        )
        verb = "REPLACE" if replace else "IGNORE"
        cur.executemany(
            f"INSERT OR {verb} INTO places_rtree VALUES (?,?,?,?,?)",
            [(r[0], r[3], r[3], r[4], r[4]) for r in place_rows],
        )
        self._insert_names(cur, [(key, rowids[i], exact) for i, key, exact in names])
        return len(batch)

    def add_names(self, pairs: Iterable[tuple[str, str]]) -> int:
        """Add names to places already in the index; return how many pairs matched a place.

        Parameters
        ----------
        pairs
            ``(place_id, name)`` pairs, e.g. from a GeoNames alternateNames file.
        """
        cur = self.conn.cursor()
        matched = 0
        rows: list[tuple[str, int, int]] = []
        for place_id, name in pairs:
            prefix, _, number = place_id.partition(":")
            if prefix == "geonames" and number.isdigit():
                found = cur.execute("SELECT rowid FROM places WHERE rowid = ?", (int(number),))
            else:
                found = cur.execute("SELECT rowid FROM places WHERE id = ?", (place_id,))
            row = found.fetchone()
            if row is None:
                continue
            matched += 1
            if self.existing:
                self._touch(cur, [int(row[0])])
            for i, key in enumerate(name_keys(name)):
                rows.append((key, int(row[0]), int(i == 0)))
            if len(rows) >= 20000:
                self._insert_names(cur, rows)
                rows.clear()
        self._insert_names(cur, rows)
        self.conn.commit()
        return matched

    @staticmethod
    def _touch(cur: sqlite3.Cursor, rowids: list[int]) -> None:
        cur.executemany("INSERT OR IGNORE INTO temp.touched VALUES (?)", ((r,) for r in rowids))

    @staticmethod
    def _insert_names(cur: sqlite3.Cursor, rows: list[tuple[str, int, int]]) -> None:
        cur.executemany(
            "INSERT INTO names VALUES (?,?,?) ON CONFLICT(key, place) "
            "DO UPDATE SET exact = MAX(exact, excluded.exact)",
            rows,
        )

    def finish(self, *, version: str, meta: dict[str, str] | None = None) -> sqlite3.Connection:
        """Compute ranks and statistics, write ``meta`` and return the open connection."""
        conn = self.conn
        _compute_ranks(conn)
        conn.executescript(_FINAL_INDEXES)
        self._write_meta(version, meta)
        return conn

    def finish_update(
        self, *, version: str, meta: dict[str, str] | None = None
    ) -> sqlite3.Connection:
        """Rank the places an :meth:`update` touched and refresh the names they bear.

        When the update touched more than :data:`FULL_RERANK` places (a GeoNames dump),
        every place is ranked again, as in a build.
        """
        conn = self.conn
        touched = conn.execute("SELECT COUNT(*) FROM temp.touched").fetchone()[0]
        if touched > FULL_RERANK:
            conn.executescript(_DROP_FINAL)
            return self.finish(version=version, meta=meta)
        _compute_ranks(conn, scope="SELECT rowid FROM temp.touched")
        conn.executescript(_UPDATE_INDEXES)
        self._write_meta(version, meta)
        return conn

    def _write_meta(self, version: str, meta: dict[str, str] | None) -> None:
        places = self.conn.execute("SELECT COUNT(*) FROM places").fetchone()[0]
        values = {"schema": SCHEMA_VERSION, "version": version, "places": str(places)}
        values.update(meta or {})
        self.conn.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", values.items())
        self.conn.commit()


def _compute_ranks(conn: sqlite3.Connection, *, scope: str = "") -> None:
    """Store the importance used to order candidates of the same name (module doc).

    ``scope``, a query of rowids, limits the work to those places.
    """

    def only(column: str) -> str:
        return f"AND {column} IN ({scope})" if scope else ""

    # admin1 areas weigh the summed population of their places when theirs is unknown
    conn.execute(
        f"""
        UPDATE places SET population = COALESCE((
            SELECT SUM(c.population) FROM places c
            WHERE c.country_code = places.country_code AND c.admin1 = places.admin1
              AND c.feature_class = 'P'), 0)
        WHERE feature_code = 'ADM1' AND population = 0 {only("rowid")}
        """
    )
    conn.execute(f"UPDATE places SET rank = LOG10(population + 1) WHERE 1 {only('rowid')}")
    # a city named like the admin1 area it lies in outranks that area (of several such
    # places, which tie, the ranking puts the more populous first)
    conn.execute(
        """
        CREATE TEMP TABLE admin_keys AS
        SELECT n.key AS key, a.country_code AS cc, a.admin1 AS admin1, a.rank AS rank
        FROM places a JOIN names n ON n.place = a.rowid
        WHERE a.feature_code = 'ADM1' AND n.exact = 1
        """
    )
    boosts = conn.execute(
        f"""
        SELECT n.place, MAX(ak.rank) + 0.01 FROM admin_keys ak
        JOIN names n ON n.key = ak.key AND n.exact = 1
        JOIN places p ON p.rowid = n.place
        WHERE p.feature_class = 'P' AND p.country_code = ak.cc AND p.admin1 = ak.admin1
          AND ak.rank >= p.rank {only("p.rowid")}
        GROUP BY n.place
        """
    ).fetchall()
    conn.executemany("UPDATE places SET rank = ? WHERE rowid = ?", [(r, i) for i, r in boosts])
    conn.execute("DROP TABLE admin_keys")
    # a second-level area steps back behind a city named like it in its admin1 area that
    # holds a tenth of its people (places carry no admin2 code: the admin1 must match);
    # the area moves, not the city, so cities stay in the order of their population
    drops = conn.execute(
        f"""
        SELECT a.rowid, MAX(p.rank) - 0.01
        FROM places a JOIN names ak ON ak.place = a.rowid AND ak.exact = 1
        JOIN names n ON n.key = ak.key AND n.exact = 1
        JOIN places p ON p.rowid = n.place
        WHERE a.feature_code = 'ADM2' AND p.feature_class = 'P'
          AND p.country_code = a.country_code AND p.admin1 = a.admin1
          AND a.rank >= p.rank AND p.population >= ? * a.population
          {only("a.rowid")}
        GROUP BY a.rowid
        """,
        (CITY_SHARE_OF_ADMIN2,),
    ).fetchall()
    conn.executemany("UPDATE places SET rank = ? WHERE rowid = ?", [(r, i) for i, r in drops])
    conn.commit()


def read_meta(conn: sqlite3.Connection) -> dict[str, str]:
    """Return the ``meta`` table as a dict (raises :class:`sqlite3.Error` if absent)."""
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def _place(row: tuple[Any, ...]) -> Place:
    # the columns are selected in the order of Place's fields, with SQLite's types
    return Place(*row)


# ranked_names holds every key's places in ranking order (see the module docstring), so a
# lookup is one range scan of its primary key: no sorting at query time.
_LOOKUP = (
    f"SELECT {_P_COLUMNS} "
    "FROM ranked_names n JOIN places p ON p.rowid = n.place WHERE n.key = ? {where} "
    "ORDER BY n.ord LIMIT ?"
)


def lookup_key(
    conn: sqlite3.Connection, key: str, *, country: str | None = None, limit: int = 20
) -> list[Place]:
    """Return the places indexed under ``key``, best first (see the module's ranking rule)."""
    if country:
        sql = _LOOKUP.format(where="AND p.country_code = ?")
        rows = conn.execute(sql, (key, country.upper(), limit)).fetchall()
    else:
        rows = conn.execute(_LOOKUP.format(where=""), (key, limit)).fetchall()
    return [_place(r) for r in rows]


def lookup_keys(
    conn: sqlite3.Connection, keys: Iterable[str], *, limit: int = 20
) -> dict[str, list[Place]]:
    """Look up many keys at once (one query per 500 keys); keys without places are absent."""
    columns = _P_COLUMNS
    out: dict[str, list[Place]] = {}
    todo = list(dict.fromkeys(keys))
    for i in range(0, len(todo), 500):
        chunk = todo[i : i + 500]
        sql = (
            f"SELECT n.key, {columns} FROM ranked_names n JOIN places p ON p.rowid = n.place "
            f"WHERE n.key IN ({','.join('?' * len(chunk))}) AND n.ord <= ? ORDER BY n.key, n.ord"
        )
        for row in conn.execute(sql, (*chunk, limit)):
            out.setdefault(row[0], []).append(Place(*row[1:]))
    return out


def area_names(conn: sqlite3.Connection, country: str) -> list[tuple[str, Place]]:
    """Return every name key of the first- and second-level areas of a country, with the area."""
    columns = _P_COLUMNS
    sql = (
        f"SELECT a.key, {columns} FROM area_names a JOIN places p ON p.rowid = a.place "
        "WHERE a.cc = ?"
    )
    return [(row[0], Place(*row[1:])) for row in conn.execute(sql, (country.upper(),))]


def get_place(conn: sqlite3.Connection, place_id: str) -> Place | None:
    """Return the place with this id, or ``None``."""
    row = conn.execute(f"SELECT {_PLACE_COLUMNS} FROM places WHERE id = ?", (place_id,)).fetchone()
    return None if row is None else _place(row)


def query_places(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[Place]:
    """Return places matching an SQL condition on the ``places`` table (internal use)."""
    sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE {where} ORDER BY rank DESC"
    return [_place(r) for r in conn.execute(sql, params).fetchall()]


_COUNTRY = (
    "is_country = 1 AND feature_code IN ({}) AND country_code = ?".format(
        ",".join("?" * len(COUNTRY_FEATURE_CODES))
    ),
    tuple(sorted(COUNTRY_FEATURE_CODES)),
)


def country_place(conn: sqlite3.Connection, code: str) -> Place | None:
    """Return the country with this ISO 3166-1 alpha-2 code, or ``None``.

    The feature codes (every country's is one of :data:`~incidentmap.model.COUNTRY_FEATURE_CODES`)
    let SQLite read the country through the ``places_code`` index instead of reading
    every place of the country (tens of thousands for the United States).
    """
    where, codes = _COUNTRY
    found = query_places(conn, where, (*codes, code))
    return found[0] if found else None


def nearest(
    conn: sqlite3.Connection,
    lat: float,
    lon: float,
    *,
    limit: int = 1,
    feature_classes: tuple[str, ...] | None = ("P",),
) -> list[tuple[Place, float]]:
    """Return up to ``limit`` places nearest to a point with their distance in km."""
    classes = tuple(feature_classes or ())
    cond = f"AND p.feature_class IN ({','.join('?' * len(classes))})" if classes else ""
    sql = (
        f"SELECT {_P_COLUMNS} "
        "FROM places_rtree r JOIN places p ON p.rowid = r.id "
        "WHERE r.min_lat <= ? AND r.max_lat >= ? AND r.min_lon <= ? AND r.max_lon >= ? "
        f"{cond}"
    )
    radius = 0.25
    while True:
        dlon = min(180.0, radius / max(0.05, math.cos(math.radians(min(abs(lat), 89.0)))))
        params: tuple[object, ...] = (lat + radius, lat - radius, lon + dlon, lon - dlon, *classes)
        rows = conn.execute(sql, params).fetchall()
        found = sorted(
            ((_place(r), haversine_km(lat, lon, float(r[2]), float(r[3]))) for r in rows),
            key=lambda pd: pd[1],
        )
        # a hit within the box's inscribed radius is certainly among the nearest
        safe_km = radius * 111.0 * 0.99
        if (len(found) >= limit and found[limit - 1][1] <= safe_km) or radius >= 180:
            return found[:limit]
        radius *= 4


def iter_name_stats(conn: sqlite3.Connection) -> Iterator[NameStats]:
    """Yield one :class:`NameStats` per distinct name key, in key order."""
    cur = conn.execute(
        "SELECT key, places, max_population, classes, has_country, has_admin1, has_curated "
        "FROM name_stats ORDER BY key"
    )
    for key, places, pop, classes, country, admin1, curated in cur:
        yield NameStats(
            key=key,
            places=int(places),
            max_population=int(pop or 0),
            classes=str(classes or "").replace(",", ""),
            has_country=bool(country),
            has_admin1=bool(admin1),
            has_curated=bool(curated),
        )
