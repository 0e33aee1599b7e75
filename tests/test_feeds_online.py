"""Feeds and URLs: local RSS/Atom files, and articles and feeds fetched from a local server."""

from __future__ import annotations

import itertools
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from incidentmap.cli import main
from incidentmap.errors import FetchError
from incidentmap.export import read_incidents
from incidentmap.online import Fetcher
from incidentmap.text.articles import read_articles

pytestmark = pytest.mark.usefixtures("gazetteer")

ARTICLE = """<html><head><title>Car bomb in Mosul</title></head><body>
<nav>Home | World | Sport</nav>
<article><h1>Car bomb in Mosul</h1>
<p>A car bomb exploded near a market in Mosul on Sunday, killing four people, police said.</p>
<p>No group claimed the attack, which wounded at least a dozen more.</p>
<p>Security forces closed the roads around the market after the blast.</p>
</article><footer>Copyright Example News</footer></body></html>"""

EMPTY = "<html><head><title>Video</title></head><body><div id='player'></div></body></html>"


def rss(base: str) -> str:
    items = [
        ("Car bomb in Mosul", f"{base}/news/mosul.html", "Mon, 08 Nov 2021 09:00:00 GMT", ""),
        ("Old story", f"{base}/news/old.html", "Mon, 04 Jan 2021 09:00:00 GMT", ""),
        ("Gone", f"{base}/news/missing.html", "Mon, 08 Nov 2021 10:00:00 GMT", ""),
        (
            "Basra video",
            f"{base}/news/video.html",
            "Mon, 08 Nov 2021 11:00:00 GMT",
            "Hundreds of protesters marched in Basra on Sunday against power cuts.",
        ),
        ("Slow", f"{base}/news/slow.html", "Mon, 08 Nov 2021 12:00:00 GMT", ""),
        ("Private", f"{base}/private/secret.html", "Mon, 08 Nov 2021 13:00:00 GMT", ""),
    ]
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description>{text}</description></item>"
        for t, link, d, text in items
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
    return f"{head}{body}</channel></rss>"


class Site:
    """A news site on 127.0.0.1: robots.txt, a feed, articles, a 404, a slow and an empty page."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, str, float]] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append(
                    (self.path, self.headers.get("User-Agent", ""), time.monotonic())
                )
                base = f"http://127.0.0.1:{site.port}"
                pages = {
                    "/robots.txt": ("text/plain", "User-agent: *\nDisallow: /private/\n"),
                    "/feed.xml": ("application/rss+xml", rss(base)),
                    "/news/mosul.html": ("text/html; charset=utf-8", ARTICLE),
                    "/news/old.html": ("text/html", ARTICLE),
                    "/news/video.html": ("text/html", EMPTY),
                    "/private/secret.html": ("text/html", ARTICLE),
                }
                if self.path == "/news/slow.html":
                    time.sleep(3)
                if self.path not in pages:
                    self.send_error(404)
                    return
                kind, text = pages[self.path]
                data = text.encode()
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        return [p for p, _, _ in self.requests]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def site():
    server = Site()
    yield server
    server.close()


ONLINE = (
    "--online",
    "--fetch-delay",
    "0",
    "--fetch-timeout",
    "1",
    "--user-agent",
    "tester@example.org",
)


def test_a_feed_is_fetched_politely_and_a_dead_url_does_not_stop_the_batch(tmp_path, site, capsys):
    layer, out, cache = tmp_path / "layer.gpkg", tmp_path / "out", tmp_path / "cache"
    args = ["run", f"{site.base}/feed.xml", "--into", str(layer), "-o", str(out), "--workers", "1",
            *ONLINE, "--fetch-cache", str(cache), "--since", "2021-11-01"]  # fmt: skip
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "news/missing.html: cannot fetch" not in err  # a status, not a network failure
    assert f"{site.base}/news/missing.html: the server answered HTTP 404" in err
    assert f"{site.base}/news/slow.html: cannot fetch: no complete answer within 1 s" in err
    assert "robots.txt of the site disallows it" in err
    paths = site.paths()
    assert paths.count("/robots.txt") == 1
    assert "/private/secret.html" not in paths  # disallowed: never asked for
    assert "/news/old.html" not in paths  # older than --since: never asked for
    assert {ua for _, ua, _ in site.requests} == {"tester@example.org"}
    summary = json.loads((out / "run-summary.json").read_text())
    assert summary["articles"]["new"] == 2 and summary["articles"]["skipped_since"] == 1
    incidents = read_incidents(layer)
    mosul = incidents[incidents["location"] == "Mosul"].iloc[0]
    assert mosul["source_url"] == f"{site.base}/news/mosul.html"
    assert mosul["event_date"].date().isoformat() == "2021-11-07"  # "Sunday" of the feed's date
    assert mosul["fatalities"] == 4 and "Home | World" not in mosul["evidence"]
    # the page without text: the entry's own text from the feed stands in
    video = incidents[incidents["article_id"] == f"{site.base}/news/video.html"]
    assert list(video["event_type"]) == ["Protests"] and video.iloc[0]["country_code"] == "IQ"

    # the next day: the feed comes from the cache, seen entries are not fetched again
    asked = len(site.requests)
    assert main(args) == 0
    again = json.loads((out / "run-summary.json").read_text())
    assert again["articles"]["new"] == 0 and again["articles"]["skipped_seen"] == 2
    assert set(site.paths()[asked:]) <= {"/news/missing.html", "/news/slow.html"}


def test_urls_need_the_online_flag(tmp_path, capsys):
    url = "https://news.example.org/a.html"
    assert main(["run", url, "-o", str(tmp_path / "out")]) == 2
    assert "pass --online to allow it" in capsys.readouterr().err
    (tmp_path / "urls.txt").write_text(url + "\n")
    assert main(["run", str(tmp_path), "--urls", str(tmp_path / "urls.txt")]) == 2
    assert "--urls fetches pages from the internet" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
    # other commands read files only: a URL is reported as one, with its slashes
    problems = []
    assert list(read_articles(url, report=problems.append)) == []
    assert str(problems[0]).startswith(f"{url}: a URL, not a file")


def test_a_list_of_urls_with_a_dead_one(tmp_path, site, capsys):
    (tmp_path / "urls.txt").write_text(
        f"# today\n{site.base}/news/mosul.html\n\nnot a url\n{site.base}/nothing-here\n"
    )
    out = tmp_path / "out"
    args = ["run", "--urls", str(tmp_path / "urls.txt"), "-o", str(out), "--workers", "1"]
    assert main([*args, *ONLINE, "--fetch-cache", str(tmp_path / "cache")]) == 0
    err = capsys.readouterr().err
    assert "urls.txt:4: not an http(s) URL: 'not a url'" in err
    assert f"{site.base}/nothing-here: the server answered HTTP 404" in err
    features = json.loads((out / "incidents.geojson").read_text())["features"]
    assert [f["properties"]["location"] for f in features] == ["Mosul"]


def test_requests_to_one_host_are_spaced_and_answers_cached(tmp_path, site):
    fetcher = Fetcher(user_agent="tester", delay=0.5, cache_dir=tmp_path)
    for path in ("/news/mosul.html", "/news/old.html", "/feed.xml"):
        fetcher.get(site.base + path)
    times = [t for _, _, t in site.requests]
    assert len(times) == 4  # robots.txt first
    assert all(b - a >= 0.4 for a, b in itertools.pairwise(times)), times
    again = Fetcher(user_agent="tester", delay=0.5, cache_dir=tmp_path)
    page = again.get(site.base + "/news/mosul.html")
    assert page.cached and b"Mosul" in page.body and len(site.requests) == 4
    with pytest.raises(FetchError, match=r"robots\.txt of the site disallows it"):
        again.get(site.base + "/private/secret.html")


def test_local_rss_and_atom_files_are_read_as_feeds(tmp_path):
    feed = tmp_path / "feeds"
    feed.mkdir()
    (feed / "wire.rss").write_text(
        rss("https://news.example.org").replace(
            "<description></description>",
            "<description>&lt;p&gt;Gunmen attacked a checkpoint in Tikrit on Sunday.&lt;/p&gt;"
            "</description>",
            1,
        )
    )
    (feed / "sitemap.xml").write_text('<?xml version="1.0"?><urlset></urlset>')
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Desk</title><entry><title>Clashes</title>"
        '<link href="https://desk.example.org/kirkuk"/><id>urn:1</id>'
        "<updated>2021-11-09T08:00:00Z</updated>"
        "<content type='html'>Fighters clashed with soldiers in Kirkuk on Monday.</content>"
        "</entry></feed>"
    )
    named = tmp_path / "desk.txt"  # an Atom feed saved with another extension
    named.write_text(atom)
    problems: list = []
    articles = list(read_articles(feed, named, report=problems.append))
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {
        "https://news.example.org/news/mosul.html",
        "https://news.example.org/news/video.html",
        "https://desk.example.org/kirkuk",
    }
    mosul = by_id["https://news.example.org/news/mosul.html"]
    assert mosul.text == "Gunmen attacked a checkpoint in Tikrit on Sunday."
    assert mosul.published.isoformat() == "2021-11-08" and mosul.title == "Car bomb in Mosul"
    assert by_id["https://desk.example.org/kirkuk"].published.isoformat() == "2021-11-09"
    assert all("<" not in a.text for a in articles)
    # entries without text are reported with their number; the sitemap is not an input
    assert [(Path(p.source).name, p.line) for p in problems] == [
        ("wire.rss", 2), ("wire.rss", 3), ("wire.rss", 5), ("wire.rss", 6)
    ]  # fmt: skip


def test_an_rss_file_run_gets_dates_from_the_feed(tmp_path):
    (tmp_path / "wire.rss").write_text(
        rss("https://news.example.org").replace(
            "<description></description>",
            "<description>A car bomb exploded in Mosul on Sunday, killing four.</description>",
            1,
        )
    )
    out = tmp_path / "out"
    assert main(["-q", "run", str(tmp_path / "wire.rss"), "-o", str(out)]) == 0
    features = json.loads((out / "incidents.geojson").read_text())["features"]
    mosul = next(f["properties"] for f in features if f["properties"]["location"] == "Mosul")
    assert mosul["event_date"] == "2021-11-07" and "<" not in mosul["evidence"]


def test_a_run_counts_a_url_it_could_not_fetch_and_says_why(tmp_path, capsys):
    import socket

    with socket.socket() as probe:  # a port nothing listens on: the connection is refused
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}/news/today.html"
    article = tmp_path / "a.txt"
    article.write_text("Gunmen killed five people in Kano on Sunday.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(article), dead, "-o", str(out), "--workers", "1", *ONLINE]) == 0
    err = capsys.readouterr().err
    assert f"skipped: {dead}: not fetched: the site's robots.txt could not be read" in err
    assert "Geocoder" not in err  # the HTTP client's error names are not the reader's
    assert "1 article read, 1 input skipped" in err  # the dead URL counts as a file would
    assert json.loads((out / "run-summary.json").read_text())["articles"]["problems"] == 1
