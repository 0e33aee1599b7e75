"""The online fallback against a local server that speaks Nominatim's, Photon's and Pelias' JSON."""

from __future__ import annotations

import contextlib
import json
import logging
import pickle
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from incidentmap.errors import InputError
from incidentmap.geocoders import FallbackGeocoder
from incidentmap.model import Candidate, Toponym

UA = "incidentmap-tests/1.0 (tests@example.org)"

# invented places, answered in the shape of each service's JSON
NOMINATIM = {
    "hitville": [
        {
            "place_id": 901,
            "osm_type": "relation",
            "osm_id": 4242,
            "lat": "36.2671",
            "lon": "43.3779",
            "class": "place",
            "type": "town",
            "place_rank": 16,
            "addresstype": "town",
            "name": "Hitville",
            "display_name": "Hitville, Example Province, Iraq",
            "address": {"town": "Hitville", "country": "Iraq", "country_code": "iq"},
        }
    ],
    "example province": [
        {
            "place_id": 902,
            "osm_type": "relation",
            "osm_id": 77,
            "lat": "35.5",
            "lon": "44.1",
            "class": "boundary",
            "type": "administrative",
            "place_rank": 8,
            "display_name": "Example Province, Iraq",
            "address": {"state": "Example Province", "country_code": "iq"},
        }
    ],
    "old mill": [
        {
            "place_id": 903,
            "lat": "35.1",
            "lon": "44.2",
            "class": "amenity",
            "type": "community_centre",
            "display_name": "Old Mill, Hitville, Iraq",
        }
    ],
}
PHOTON = {
    "hitville": [
        {"countrycode": "SY", "osm_type": "N", "osm_id": 11, "coords": [38.0, 35.0]},
        {"countrycode": "IQ", "osm_type": "R", "osm_id": 4242, "coords": [43.3779, 36.2671]},
    ]
}


class Service:
    """What the fake server answers, and the requests it saw."""

    def __init__(self) -> None:
        self.requests: list[tuple[str, dict[str, str], str]] = []
        self.rate_limited: Counter[str] = Counter()  # query -> 429 answers still to give
        self.release = threading.Event()

    def count(self, query: str) -> int:
        return sum(1 for _, params, _ in self.requests if params.get("q", "").lower() == query)


class Handler(BaseHTTPRequestHandler):
    service: Service

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        params = {key: values[0] for key, values in parse_qs(parts.query).items()}
        query = params.get("q", params.get("text", "")).lower()
        self.service.requests.append((parts.path, params, self.headers.get("User-Agent", "")))
        if query == "slowtown":
            self.service.release.wait(5)
        if query == "broken":
            return self.answer(500, {"error": "database unavailable"})
        if self.service.rate_limited[query] > 0:
            self.service.rate_limited[query] -= 1
            return self.answer(429, {"error": "slow down"}, {"Retry-After": "1"})
        if parts.path == "/search":
            return self.answer(200, NOMINATIM.get(query, []))
        if parts.path == "/api":
            limit = int(params.get("limit", 1))
            features = [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": found["coords"]},
                    "properties": {
                        "osm_type": found["osm_type"],
                        "osm_id": found["osm_id"],
                        "osm_key": "place",
                        "osm_value": "city",
                        "name": query.title(),
                        "countrycode": found["countrycode"],
                        "type": "city",
                    },
                }
                for found in PHOTON.get(query, [])
            ][:limit]
            return self.answer(200, {"type": "FeatureCollection", "features": features})
        if parts.path == "/v1/search" and query == "hitville":
            feature = {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [43.3779, 36.2671]},
                "properties": {
                    "gid": "whosonfirst:locality:85",
                    "layer": "locality",
                    "name": "Hitville",
                    "country_code": "IQ",
                    "label": "Hitville, Iraq",
                },
            }
            return self.answer(200, {"type": "FeatureCollection", "features": [feature]})
        return self.answer(200, {"type": "FeatureCollection", "features": []})

    def answer(self, status: int, body: object, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # client gave up
            self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, Service]]:
    service = Service()
    handler = type("BoundHandler", (Handler,), {"service": service})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", service
    finally:
        service.release.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def make(url: str, tmp_path: Path, **options: Any) -> FallbackGeocoder:
    options.setdefault("user_agent", UA)
    options.setdefault("min_delay_seconds", 0.0)
    options.setdefault("timeout", 2.0)
    return FallbackGeocoder.from_url(url, cache_path=tmp_path / "cache.sqlite", **options)


def test_hit_returns_a_place_marked_as_online(server: tuple[str, Service], tmp_path: Path) -> None:
    url, service = server
    place = make(url, tmp_path).geocode("Hitville", country_code="iq")
    assert place is not None
    assert place.id == "geocoder:nominatim:relation/4242"
    assert (place.name, place.lat, place.lon) == ("Hitville", 36.2671, 43.3779)
    assert (place.feature_class, place.feature_code, place.country_code) == ("P", "PPL", "IQ")
    [(path, params, agent)] = service.requests
    assert path == "/search" and agent == UA
    assert params["countrycodes"].lower() == "iq" and params["addressdetails"] == "1"


def test_feature_codes_follow_the_osm_class(server: tuple[str, Service], tmp_path: Path) -> None:
    url, _ = server
    geocoder = make(url, tmp_path)
    province = geocoder.geocode("Example Province")
    mill = geocoder.geocode("Old Mill")
    assert province is not None and mill is not None
    assert (province.feature_class, province.feature_code) == ("A", "ADM1")
    assert (mill.id, mill.name, mill.feature_class, mill.feature_code, mill.country_code) == (
        "geocoder:nominatim:place/903",
        "Old Mill",
        "S",
        "BLDG",
        "",
    )


def test_miss_is_none_and_cached(server: tuple[str, Service], tmp_path: Path) -> None:
    url, service = server
    geocoder = make(url, tmp_path)
    assert geocoder.geocode("Nowhere") is None
    assert geocoder.geocode("  NOWHERE ") is None
    assert service.count("nowhere") == 1
    expired = make(url, tmp_path, miss_ttl_days=0)
    assert expired.geocode("Nowhere") is None
    assert service.count("nowhere") == 2


def test_cache_prevents_a_second_request(server: tuple[str, Service], tmp_path: Path) -> None:
    url, service = server
    first = make(url, tmp_path).geocode("Hitville")
    again = make(url, tmp_path).geocode("Hitville")
    restored = pickle.loads(pickle.dumps(make(url, tmp_path))).geocode("hitville")
    assert first == again == restored
    assert service.count("hitville") == 1
    make(url, tmp_path).geocode("Hitville", country_code="IQ")  # another country: asked
    assert service.count("hitville") == 2


def test_timeout_leaves_the_name_unresolved(
    server: tuple[str, Service], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, service = server
    geocoder = make(url, tmp_path, timeout=0.5)
    started = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="incidentmap.geocoders"):
        assert geocoder.geocode("Slowtown") is None
    assert time.monotonic() - started < 2
    [warning] = caplog.records
    assert "did not answer within 0.5 s" in warning.getMessage()
    assert "'Slowtown'" in warning.getMessage()
    service.release.set()
    assert geocoder.geocode("Slowtown") is None  # failures are not cached: asked again
    assert service.count("slowtown") == 2


def test_429_is_retried_after_retry_after(server: tuple[str, Service], tmp_path: Path) -> None:
    url, service = server
    service.rate_limited["hitville"] = 1
    started = time.monotonic()
    place = make(url, tmp_path).geocode("Hitville")
    assert place is not None and place.name == "Hitville"
    assert time.monotonic() - started >= 0.9
    assert service.count("hitville") == 2


def test_429_gives_up_cleanly(
    server: tuple[str, Service], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, service = server
    service.rate_limited["hitville"] = 5
    geocoder = make(url, tmp_path, max_retries=1, max_retry_wait=0.1)
    with caplog.at_level(logging.WARNING, logger="incidentmap.geocoders"):
        assert geocoder.geocode("Hitville") is None
    assert service.count("hitville") == 2
    assert "429" in caplog.records[0].getMessage()


def test_dead_server_is_given_up_after_repeated_failures(
    server: tuple[str, Service], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, service = server
    geocoder = make(url, tmp_path, max_failures=2)
    with caplog.at_level(logging.WARNING, logger="incidentmap.geocoders"):
        results = [geocoder.geocode(name) for name in ("Broken", "Broken", "Hitville")]
    assert results == [None, None, None]
    assert len(service.requests) == 2
    assert "no more names are sent" in caplog.records[-1].getMessage()

    closed = make("http://127.0.0.1:9", tmp_path, timeout=0.5)  # nothing listens on port 9
    assert closed.geocode("Hitville") is None


def test_geocode_toponym_caps_confidence(server: tuple[str, Service], tmp_path: Path) -> None:
    url, _ = server
    geocoder = make(url, tmp_path)
    toponym = Toponym(start=10, end=18, text="Hitville", confidence=0.1, reasons=("no match",))
    placed = geocoder.geocode_toponym(toponym, country_code="IQ")
    assert placed.place is not None and placed.place.name == "Hitville"
    assert (placed.start, placed.end, placed.confidence) == (10, 18, 0.35)
    assert placed.reasons == ("no match", "online geocoder: nominatim")
    assert placed.candidates == (Candidate(placed.place, 0.35, ("online geocoder: nominatim",)),)
    missing = Toponym(start=0, end=7, text="Nowhere")
    assert geocoder.geocode_toponym(missing) is missing


def test_photon_and_pelias(server: tuple[str, Service], tmp_path: Path) -> None:
    url, service = server
    photon = make(url + "/api", tmp_path, service="photon", user_agent=None)
    place = photon.geocode("Hitville", country_code="IQ")
    assert place is not None
    assert (place.id, place.lat, place.country_code) == (
        "geocoder:photon:relation/4242",
        36.2671,
        "IQ",
    )
    assert (place.feature_class, place.feature_code) == ("P", "PPL")
    assert photon.geocode("Hitville") is not None  # no country: the first feature
    pelias = make(url, tmp_path, service="pelias", api_key="k")
    place = pelias.geocode("Hitville", country_code="IQ")
    assert place is not None
    assert (place.id, place.feature_code, place.country_code) == (
        "geocoder:pelias:whosonfirst:locality:85",
        "PPL",
        "IQ",
    )
    assert pelias.geocode("Nowhere") is None
    pelias_params = next(params for path, params, _ in service.requests if path == "/v1/search")
    assert pelias_params["boundary.country"] == "IQ" and pelias_params["api_key"] == "k"


def test_min_delay_spaces_requests_across_instances(
    server: tuple[str, Service], tmp_path: Path
) -> None:
    url, service = server
    # two geocoders stand for two worker processes: only the shared cache file links them
    first, second = (
        make(url, tmp_path, min_delay_seconds=0.3),
        make(url, tmp_path, min_delay_seconds=0.3),
    )
    started = time.monotonic()
    for geocoder, name in ((first, "Hitville"), (second, "Nowhere"), (first, "Old Mill")):
        geocoder.geocode(name)
    assert time.monotonic() - started >= 0.6
    assert len(service.requests) == 3


def test_unusable_cache_is_bypassed(
    server: tuple[str, Service], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    url, service = server
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be")
    geocoder = FallbackGeocoder.from_url(
        url, user_agent=UA, min_delay_seconds=0, cache_path=blocker / "cache.sqlite"
    )
    with caplog.at_level(logging.WARNING, logger="incidentmap.geocoders"):
        assert geocoder.geocode("Hitville") is not None
        assert geocoder.geocode("Hitville") is not None
    assert service.count("hitville") == 2
    assert [r.getMessage().split(" (")[0] for r in caplog.records] == [
        f"geocoder cache {blocker / 'cache.sqlite'} unusable"
    ]


@pytest.mark.parametrize(
    ("url", "options", "message"),
    [
        ("https://nominatim.example.org", {}, "usage policy"),
        ("ftp://example.org", {"user_agent": UA}, "not an http:// or https://"),
        ("https://example.org", {"service": "google"}, "'google' is not one of"),
    ],
)
def test_bad_configuration_is_refused(
    url: str, options: dict[str, Any], message: str, tmp_path: Path
) -> None:
    with pytest.raises(InputError, match=message):
        FallbackGeocoder.from_url(url, cache_path=tmp_path / "c.sqlite", **options)
