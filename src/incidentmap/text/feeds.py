r"""RSS and Atom feeds: recognised by their content, parsed with feedparser.

A feed is read as a list of :class:`FeedEntry` (link, title, published date and the
entry's own text, HTML removed). A local feed file becomes one article per entry,
with the entry's text (the full ``content:encoded`` when the feed carries it, else
its summary); a feed fetched online (:mod:`incidentmap.online`) has each entry's page
fetched instead.

Examples
--------
>>> rss = b'''<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
... <item><title>Clashes in Sanaa</title><link>https://example.org/1</link>
... <pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
... <description>&lt;p&gt;Fighting broke out in Sanaa.&lt;/p&gt;</description></item>
... </channel></rss>'''
>>> looks_like_feed(rss), looks_like_feed(b"<html><body>rss</body></html>")
(True, False)
>>> [(e.url, e.published, e.text) for e in parse_feed(rss)]
[('https://example.org/1', datetime.date(2024, 3, 5), 'Fighting broke out in Sanaa.')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

__all__ = [
    "FEED_SUFFIXES",
    "FeedEntry",
    "html_to_text",
    "looks_like_feed",
    "normalize_url",
    "parse_feed",
]

#: Extensions of feed files read from folders (a ``.xml`` file only if it is a feed).
FEED_SUFFIXES = frozenset({".rss", ".atom", ".xml"})

_ROOT = re.compile(rb"<(?:[\w-]+:)?(rss|feed|RDF)[\s>]")
_SKIP = re.compile(rb"\s*(?:<\?xml[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.S)


def looks_like_feed(head: bytes) -> bool:
    """Whether ``head`` (the first bytes of a file) starts an RSS, RDF or Atom feed."""
    data = head.removeprefix(b"\xef\xbb\xbf")
    position = 0
    while (match := _SKIP.match(data, position)) is not None and match.end() > position:
        position = match.end()  # the XML declaration, comments, a doctype
    position += len(data[position:]) - len(data[position:].lstrip())
    return _ROOT.match(data, position) is not None


def normalize_url(url: str | None) -> str | None:
    """Return ``url`` with scheme and host in lower case and no fragment (``None`` if blank).

    >>> normalize_url("HTTPS://News.Example.org/a/b?x=1#comments")
    'https://news.example.org/a/b?x=1'
    """
    if url is None or not url.strip():
        return None
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path, parts.query, ""))


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One item of a feed."""

    url: str | None
    title: str | None
    published: dt.date | None
    text: str
    id: str | None = None


def html_to_text(fragment: str) -> str:
    r"""Return the text of an HTML fragment, one paragraph per line.

    >>> html_to_text("<p>One <b>two</b>.</p><p>Three &amp; four.</p>")
    'One two.\nThree & four.'
    """
    if "<" not in fragment and "&" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several kinds on broken markup
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        block.tail = "\n" + (block.tail or "")
    text = root.text_content()
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _date(entry: dict[str, object]) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(*value[:3])  # type: ignore[index]
            except (TypeError, ValueError):
                continue
    return None


def parse_feed(data: bytes | str) -> list[FeedEntry]:
    """Parse an RSS, RDF or Atom feed with feedparser (no network access).

    Parameters
    ----------
    data
        The feed document.

    Returns
    -------
    list of FeedEntry
        In the feed's order; ``published`` from the entry's ``pubDate``, ``published``,
        ``updated`` or ``dc:date``.

    Raises
    ------
    ValueError
        If the document is not a feed feedparser can read.
    """
    import feedparser

    parsed = feedparser.parse(
        data, resolve_relative_uris=False, sanitize_html=True, response_headers={}
    )
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("version"):
        raise ValueError(f"not a readable RSS or Atom feed ({parsed.get('bozo_exception')})")
    entries = []
    for entry in parsed.get("entries", []):
        content = entry.get("content") or []
        bodies = [c.get("value", "") for c in content if c.get("value")]
        body = max(bodies, key=len) if bodies else entry.get("summary", "") or ""
        entries.append(
            FeedEntry(
                url=(entry.get("link") or None),
                title=html_to_text(entry.get("title", "")) or None,
                published=_date(entry),
                text=html_to_text(body),
                id=entry.get("id") or None,
            )
        )
    return entries
