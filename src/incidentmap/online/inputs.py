"""Inputs that may be URLs: articles and RSS/Atom feeds fetched over HTTP (opt-in).

:func:`input_articles` streams the articles of a mix of local inputs (files, folders,
``-``; see :func:`incidentmap.text.articles.read_articles`) and ``http(s)://`` URLs,
the latter only with a :class:`~incidentmap.online.fetch.Fetcher` (the ``--online``
flag): without one a URL is refused at once, with a message naming the flag, before
anything is read. A fetched page that is a feed gives one article per entry, each
entry's page fetched in turn (the entry's own text if its page cannot be had); any
other page goes through trafilatura like a local ``.html`` file. A URL that cannot be
fetched is reported and the batch goes on.

Examples
--------
>>> is_url("https://example.org/a"), is_url("seeds/")
(True, False)
>>> list(input_articles(["https://example.org/a"]))
Traceback (most recent call last):
...
incidentmap.errors.InputError: https://example.org/a is a URL: fetching articles and \
feeds from the internet is off by default; pass --online to allow it
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import FetchError, InputError
from ..model import Article
from ..text._records import Reporter
from ..wording import plural
from .fetch import Fetcher, Page

__all__ = ["input_articles", "is_url", "read_url_list"]

log = logging.getLogger("incidentmap.online")

#: Called with ``"seen"`` or ``"since"`` for an entry skipped before it was fetched.
SkipNote = Callable[[str], None]


def is_url(value: str | Path) -> bool:
    """Whether an input names an ``http://`` or ``https://`` URL."""
    return str(value).lower().startswith(("http://", "https://"))


def read_url_list(path: str | Path, *, report: Reporter) -> list[str]:
    """Return the URLs of a text file, one a line (blank lines and ``#`` comments skipped).

    A line that is not an http(s) URL is reported with its number and skipped.

    Raises
    ------
    InputError
        If the file cannot be read.
    """
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"--urls {source!r} cannot be read: {exc}") from None
    urls = []
    for number, line in enumerate(text.splitlines(), 1):
        value = line.strip()
        if not value or value.startswith("#"):
            continue
        if is_url(value):
            urls.append(value)
        else:
            report(InputError(f"not an http(s) URL: {value[:200]!r}", source=source, line=number))
    return urls


def input_articles(
    inputs: Sequence[str | Path],
    *,
    urls: Sequence[str] = (),
    fetcher: Fetcher | None = None,
    report: Reporter | None = None,
    since: dt.date | None = None,
    seen_url: Callable[[str], bool] | None = None,
    skipped: SkipNote | None = None,
) -> Iterator[Article]:
    """Stream the articles of local inputs, then of URLs (pages or feeds).

    Parameters
    ----------
    inputs
        Files, folders, ``-`` and URLs.
    urls
        More URLs (the lines of ``--urls FILE``).
    fetcher
        Fetches URLs; without it a URL raises :class:`InputError` naming ``--online``.
    report
        Called with each input problem, a dead URL included.
    since
        Feed entries published before this day are not fetched.
    seen_url
        Says whether a URL was processed before; such a URL is not fetched.
    skipped
        Called with ``"seen"`` or ``"since"`` for each URL left unfetched for that reason.

    Raises
    ------
    InputError
        At once, when a URL is given without a fetcher.
    """
    from ..text.articles import read_articles

    local = [i for i in inputs if not is_url(i)]
    remote = [str(i) for i in inputs if is_url(i)] + list(urls)
    if remote and fetcher is None:
        raise InputError(
            f"{remote[0]} is a URL: fetching articles and feeds from the internet is off by "
            "default; pass --online to allow it"
        )
    problem = report or (lambda err: log.warning("%s: %s", err.verdict, err))
    streams: list[Iterable[Article]] = []
    if local:
        streams.append(read_articles(*local, report=problem))
    if remote and fetcher is not None:
        streams.append(
            _remote(remote, fetcher, problem, since, seen_url, skipped or (lambda kind: None))
        )
    return itertools.chain.from_iterable(streams)


def _remote(
    urls: Sequence[str],
    fetcher: Fetcher,
    report: Reporter,
    since: dt.date | None,
    seen_url: Callable[[str], bool] | None,
    skipped: SkipNote,
) -> Iterator[Article]:
    from ..text.feeds import looks_like_feed, parse_feed

    for url in dict.fromkeys(urls):
        if seen_url is not None and seen_url(url):
            skipped("seen")
            continue
        try:
            page = fetcher.get(url)
        except FetchError as exc:
            report(exc)
            continue
        if (
            looks_like_feed(page.body[:8192])
            or "rss" in page.content_type
            or ("atom" in page.content_type)
        ):
            try:
                entries = parse_feed(page.body)
            except ValueError as exc:
                report(InputError(str(exc), source=url))
                continue
            log.info("%s: %s", url, plural(len(entries), "entry", many="entries"))
            for number, entry in enumerate(entries, 1):
                if since is not None and entry.published is not None and entry.published < since:
                    skipped("since")
                    continue
                if entry.url and seen_url is not None and seen_url(entry.url):
                    skipped("seen")
                    continue
                yield from _entry_article(entry, url, number, fetcher, report)
            continue
        yield from _page_article(page, url, report)


def _page_article(
    page: Page,
    url: str,
    report: Reporter,
    *,
    title: str | None = None,
    published: dt.date | None = None,
) -> Iterator[Article]:
    from ..text.articles import _reader
    from ..text.feeds import normalize_url

    meta: dict[str, tuple[object, int | None]] = {"url": (url, None)}
    meta["id"] = (normalize_url(url), None)
    if title:
        meta["title"] = (title, None)
    if published:
        meta["published"] = (published.isoformat(), None)
    stem = Path(urlsplit(url).path).stem or urlsplit(url).netloc
    reader = _reader(report, "strict")
    yield from reader.html(page.body, url, stem, meta)


def _entry_article(
    entry: object, feed_url: str, number: int, fetcher: Fetcher, report: Reporter
) -> Iterator[Article]:
    from ..text.feeds import FeedEntry, normalize_url

    assert isinstance(entry, FeedEntry)
    if entry.url:
        try:
            page = fetcher.get(entry.url)
        except FetchError as exc:
            report(exc)
        else:
            found: list[InputError] = []
            articles = list(
                _page_article(
                    page, entry.url, found.append, title=entry.title, published=entry.published
                )
            )
            if articles:
                yield from articles
                return
            for problem in found:
                report(problem)
    if entry.text.strip():  # the feed's own text of the entry
        yield Article(
            id=normalize_url(entry.url) or f"{feed_url}#{number}",
            text=entry.text,
            title=entry.title,
            url=entry.url,
            published=entry.published,
            source=feed_url,
            line=number,
        )
