r"""The articles a layer has taken in: by id, URL and content hash, kept on disk.

A layer (:mod:`incidentmap.layer`) remembers every article it processed in a table
``processed_articles`` (in the GeoPackage itself, so QGIS shows it too). Before an
incremental run processes an article it asks :class:`SeenArticles` whether the layer
(or this run) already has it: the same article id, the same URL (scheme and host in
lower case, the ``#fragment`` dropped) or the same text (a SHA-256 of its words).
The keys live in an SQLite table, not in Python sets, so a layer of millions of
articles costs disk, not memory.

Examples
--------
>>> import sqlite3
>>> from incidentmap.model import Article
>>> seen = SeenArticles(sqlite3.connect(":memory:"))
>>> seen.load([("a1", "https://example.org/a", content_hash("Shelling hit the port."))])
>>> seen.match(Article(id="new", text="Shelling  hit the port.\n"))
'content'
>>> seen.match(Article(id="b", text="Other.", url="HTTPS://Example.org/a#top"))
'url'
>>> seen.match(Article(id="c", text="Other."))
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..model import Article
from ..text.feeds import normalize_url

__all__ = [
    "PROCESSED_COLUMNS",
    "PROCESSED_TABLE",
    "ProcessedArticle",
    "SeenArticles",
    "content_hash",
    "normalize_url",
]

#: Name of the table of processed articles in a GeoPackage layer.
PROCESSED_TABLE = "processed_articles"

#: Its columns, in order.
PROCESSED_COLUMNS = (
    "article_id",
    "url",
    "content_sha256",
    "title",
    "published",
    "source",
    "incidents",
    "run_id",
    "processed_at",
)


def content_hash(text: str) -> str:
    r"""Return the SHA-256 of the words of ``text`` (white space does not count).

    >>> content_hash("a  b\n") == content_hash(" a b")
    True
    """
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "replace")).hexdigest()


@dataclass(frozen=True, slots=True)
class ProcessedArticle:
    """One row of the ``processed_articles`` table."""

    article_id: str
    url: str | None
    content_sha256: str
    title: str | None
    published: str | None
    source: str | None
    incidents: int
    run_id: str
    processed_at: str

    @classmethod
    def of(cls, article: Article, *, incidents: int, run_id: str) -> ProcessedArticle:
        """Return the row of an article this run processed."""
        return cls(
            article_id=article.id,
            url=normalize_url(article.url),
            content_sha256=content_hash(article.text),
            title=article.title,
            published=article.published.isoformat() if article.published else None,
            source=article.source,
            incidents=incidents,
            run_id=run_id,
            processed_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        )


class SeenArticles:
    """The keys (id, URL, content hash) of processed articles, in an SQLite table.

    Parameters
    ----------
    db
        An open connection (a run's spool, or ``:memory:`` in tests); the tables
        ``seen_keys`` and ``new_articles`` are created in it.
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        db.execute(
            "CREATE TABLE IF NOT EXISTS seen_keys (kind TEXT NOT NULL, key TEXT NOT NULL, "
            "PRIMARY KEY (kind, key)) WITHOUT ROWID"
        )
        db.execute(
            "CREATE TABLE IF NOT EXISTS new_articles (seq INTEGER PRIMARY KEY, "
            + ", ".join(
                f"{c} {'INTEGER' if c == 'incidents' else 'TEXT'}" for c in PROCESSED_COLUMNS
            )
            + ")"
        )

    def load(self, rows: Iterable[tuple[str | None, str | None, str | None]]) -> None:
        """Add the ``(article id, URL, content hash)`` of articles processed before."""
        self.db.executemany(
            "INSERT OR IGNORE INTO seen_keys VALUES (?, ?)",
            (
                (kind, key)
                for article_id, url, digest in rows
                for kind, key in (
                    ("id", article_id),
                    ("url", normalize_url(url)),
                    ("content", digest),
                )
                if key
            ),
        )

    def _has(self, kind: str, key: str | None) -> bool:
        if not key:
            return False
        found = self.db.execute(
            "SELECT 1 FROM seen_keys WHERE kind = ? AND key = ?", (kind, key)
        ).fetchone()
        return found is not None

    def seen_url(self, url: str | None) -> bool:
        """Whether an article at ``url`` was processed (checked before fetching it)."""
        return self._has("url", normalize_url(url))

    def match(self, article: Article) -> str | None:
        """Return why ``article`` counts as seen, or ``None``.

        The reason is ``'id'``, ``'url'`` or ``'content'``, or ``'id only'`` for an
        article whose id was processed with another text and URL (a file named like
        one of an earlier day, say).
        """
        if self._has("id", article.id):
            if self._has("content", content_hash(article.text)) or self._has(
                "url", normalize_url(article.url)
            ):
                return "id"
            return "id only"
        if self._has("url", normalize_url(article.url)):
            return "url"
        if self._has("content", content_hash(article.text)):
            return "content"
        return None

    def claim(self, article: Article) -> str | None:
        """Return :meth:`match`, recording a new article's keys.

        A copy of the article later in the same run then counts as seen.
        """
        why = self.match(article)
        if why is None:
            self.load([(article.id, article.url, content_hash(article.text))])
        return why

    def record(self, row: ProcessedArticle) -> None:
        """Keep the row of an article this run processed, for the layer's table."""
        self.db.execute(
            f"INSERT INTO new_articles ({', '.join(PROCESSED_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(PROCESSED_COLUMNS))})",
            tuple(getattr(row, c) for c in PROCESSED_COLUMNS),
        )

    def earlier_rows(self, size: int = 20_000) -> Iterator[list[tuple[object, ...]]]:
        """Yield rows for the article ids and URLs loaded from a layer without the table.

        Only the id or the URL of these articles is known; the other columns are empty.
        """
        cursor = self.db.execute(
            "SELECT CASE kind WHEN 'id' THEN key END, CASE kind WHEN 'url' THEN key END "
            "FROM seen_keys WHERE (kind = 'id' AND key NOT IN (SELECT article_id FROM "
            "new_articles)) OR (kind = 'url' AND key NOT IN (SELECT url FROM new_articles "
            "WHERE url IS NOT NULL))"
        )
        blank = (None,) * (len(PROCESSED_COLUMNS) - 2)
        while batch := cursor.fetchmany(size):
            yield [(article_id, url, *blank) for article_id, url in batch]

    def new_rows(self, size: int = 20_000) -> Iterator[list[tuple[object, ...]]]:
        """Yield the rows :meth:`record` kept, in order, ``size`` at a time."""
        cursor = self.db.execute(
            f"SELECT {', '.join(PROCESSED_COLUMNS)} FROM new_articles ORDER BY seq"
        )
        while batch := cursor.fetchmany(size):
            yield batch
