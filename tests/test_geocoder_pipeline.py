"""The online fallback inside the pipeline: unknown names reach a local Nominatim-like server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from incidentmap.geocoders import FallbackGeocoder
from incidentmap.model import Article
from incidentmap.pipeline import Processor

ANSWERS = {
    "qaryat zawiya": [
        {"osm_type": "node", "osm_id": 77, "lat": "35.21", "lon": "43.62", "class": "place",
         "type": "village", "addresstype": "village", "name": "Qaryat Zawiya",
         "display_name": "Qaryat Zawiya, Kirkuk Governorate, Iraq",
         "address": {"village": "Qaryat Zawiya", "country_code": "iq"}},
    ],
    # not Nominatim's shape (no display_name): must not break the batch
    "garbled place": [{"lat": "1", "lon": "2"}],
}  # fmt: skip


@pytest.fixture()
def nominatim():
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            query = parse_qs(urlsplit(self.path).query).get("q", [""])[0].lower()
            asked.append(query)
            body = json.dumps(ANSWERS.get(query, [])).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", asked
    httpd.shutdown()
    httpd.server_close()


ARTICLE = Article(
    id="a1",
    text="Gunmen attacked a checkpoint near Qaryat Zawiya on Monday, police in Kirkuk said.",
)


def test_unknown_names_are_placed_by_the_fallback_with_low_confidence(
    nominatim, gazetteer, tmp_path
):
    url, asked = nominatim
    geocoder = FallbackGeocoder.from_url(
        url, user_agent="incidentmap-tests", cache_path=tmp_path / "cache.sqlite",
        min_delay_seconds=0,
    )  # fmt: skip
    found = Processor(gazetteer, geocoder=geocoder).toponyms(ARTICLE)
    by_text = {t.text: t for t in found}
    village = by_text["Qaryat Zawiya"]
    assert village.place is not None and village.place.id.startswith("geocoder:nominatim:")
    assert village.place.lat == pytest.approx(35.21) and village.confidence <= 0.5
    assert by_text["Kirkuk"].place.id.startswith("geonames:")  # the gazetteer still comes first
    assert "kirkuk" not in asked  # known names never leave the machine
    # the cache answers the second time
    Processor(gazetteer, geocoder=geocoder).toponyms(ARTICLE)
    assert asked.count("qaryat zawiya") == 1


def test_a_dead_geocoder_leaves_the_name_unresolved(gazetteer, tmp_path, caplog):
    geocoder = FallbackGeocoder.from_url(
        "http://127.0.0.1:9", user_agent="incidentmap-tests", timeout=0.5,
        cache_path=tmp_path / "cache.sqlite", min_delay_seconds=0,
    )  # fmt: skip
    found = Processor(gazetteer, geocoder=geocoder).toponyms(ARTICLE)
    village = next(t for t in found if t.text == "Qaryat Zawiya")
    assert village.place is None
    assert any(t.text == "Kirkuk" and t.place is not None for t in found)


def test_an_unreadable_answer_leaves_the_name_unresolved(nominatim, gazetteer, tmp_path):
    url, _ = nominatim
    geocoder = FallbackGeocoder.from_url(
        url, user_agent="incidentmap-tests", cache_path=tmp_path / "cache.sqlite",
        min_delay_seconds=0,
    )  # fmt: skip
    article = Article(id="a2", text="Shots were fired near Garbled Place, witnesses said.")
    found = Processor(gazetteer, geocoder=geocoder).toponyms(article)
    assert [(t.text, t.place) for t in found] == [("Garbled Place", None)]
