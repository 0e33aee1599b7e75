"""The on-disk cache of :mod:`incidentmap.geocoders`: answers and request slots in SQLite.

One file serves every process of a batch: WAL journaling and one short transaction per call
let them read and write at once, and the ``slots`` table spaces their requests to a server.
A cache that cannot be opened or written is reported once and then bypassed.

Examples
--------
>>> import tempfile
>>> cache = AnswerCache(Path(tempfile.mkdtemp()) / "answers.sqlite")
>>> key = ("nominatim", "https://nominatim.example.org", "hitville", "")
>>> cache.get(key) is None
True
>>> cache.put(key, None)  # a miss
>>> cache.get(key)[0] is None
True
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

__all__ = ["AnswerCache"]

_LOG = logging.getLogger("incidentmap.geocoders")


class AnswerCache:
    """Answers kept in an SQLite file (WAL, one short transaction per call)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.broken = False
        self._ready = False

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        connection = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            if not self._ready:
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS answers (service TEXT NOT NULL, "
                    "endpoint TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL, "
                    "answer TEXT, fetched_at REAL NOT NULL, "
                    "PRIMARY KEY (service, endpoint, name, country))"
                )
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS slots (endpoint TEXT PRIMARY KEY, next REAL)"
                )
                self._ready = True
            yield connection
        finally:
            connection.close()

    def _guard(self, action: Callable[[sqlite3.Connection], Any]) -> Any:
        if self.broken:
            return None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self._connect() as connection:
                return action(connection)
        except (OSError, sqlite3.Error) as exc:
            self.broken = True
            _LOG.warning("geocoder cache %s unusable (%s); answers are not cached", self.path, exc)
            return None

    def get(self, key: tuple[str, str, str, str]) -> tuple[str | None, float] | None:
        """Return ``(answer JSON or None for a miss, fetched_at)`` or ``None`` if not cached."""
        sql = (
            "SELECT answer, fetched_at FROM answers "
            "WHERE service = ? AND endpoint = ? AND name = ? AND country = ?"
        )
        row = self._guard(lambda db: db.execute(sql, key).fetchone())
        return None if row is None else (row[0], row[1])

    def put(self, key: tuple[str, str, str, str], answer: str | None) -> None:
        """Store an answer (``None``: a miss)."""
        sql = "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?)"
        self._guard(lambda db: db.execute(sql, (*key, answer, time.time())))

    def reserve(self, endpoint: str, spacing: float) -> float:
        """Reserve the next request slot for ``endpoint``; return the seconds to wait."""

        def take(db: sqlite3.Connection) -> float:
            db.execute("BEGIN IMMEDIATE")
            row = db.execute("SELECT next FROM slots WHERE endpoint = ?", (endpoint,)).fetchone()
            now = time.time()
            slot = max(now, row[0] if row else now)
            db.execute("INSERT OR REPLACE INTO slots VALUES (?, ?)", (endpoint, slot + spacing))
            db.execute("COMMIT")
            return slot - now

        return 0.0 if spacing <= 0 else float(self._guard(take) or 0.0)
