"""Articles and feeds over HTTP (off by default: ``--online``).

:class:`Fetcher` fetches politely (user agent, per-host spacing, one deadline per
request, robots.txt, a disk cache); :func:`input_articles` turns inputs that may be
URLs, of articles or of RSS/Atom feeds, into articles.
"""

from .fetch import DEFAULT_USER_AGENT, Fetcher, Page
from .inputs import input_articles, is_url, read_url_list

__all__ = ["DEFAULT_USER_AGENT", "Fetcher", "Page", "input_articles", "is_url", "read_url_list"]
