"""The optional online fallback: names the gazetteer cannot place, asked of a geocoder.

Off by default: nothing here runs unless you build a :class:`FallbackGeocoder` and hand it
to the geoparser (command line: ``--geocoder URL --user-agent UA``). Any Nominatim, Photon or
Pelias server works, public or your own; requests go through geopy's adapter for that service,
spaced by geopy's :class:`~geopy.extra.rate_limiter.RateLimiter` and, across processes, by a
slot kept in the cache file. Every answer (a hit or a miss) is kept in an SQLite cache, so a
name is asked once per server and country; misses are asked again after ``miss_ttl_days``.

A dead, slow or refusing server never stops a batch: the name stays unresolved and a warning
is logged on the ``incidentmap.geocoders`` logger. A 429 answer is retried after the wait the
server asks for (``Retry-After``, capped by ``max_retry_wait``); after ``max_failures``
failures in a row the server is not asked again in this run. Places found online get ids
``geocoder:<service>:<id>`` (``geocoder:nominatim:relation/62422``) and, on a
:class:`~incidentmap.model.Toponym`, a confidence capped at ``confidence`` (0.35) with the
reason ``online geocoder: <service>``. Feature classes and codes are mapped from the OSM
class/type or Pelias layer by ``data/geocoder_features.tsv`` (city/town/village -> ``P/PPL``,
an admin level 4 boundary -> ``A/ADM1``, an amenity -> ``S/BLDG`` ...).

The public Nominatim server requires a user agent that identifies your application and at
most one request per second (https://operations.osmfoundation.org/policies/nominatim/);
a user agent is required for every Nominatim server here.

Examples
--------
>>> import tempfile
>>> geocoder = FallbackGeocoder.from_url(
...     "https://nominatim.example.org/search",
...     user_agent="newsroom-map/1.0 (maps@example.org)",
...     cache_path=Path(tempfile.mkdtemp()) / "geocoder-cache.sqlite",
... )
>>> geocoder.service, geocoder.url, geocoder.confidence
('nominatim', 'https://nominatim.example.org', 0.35)
>>> FallbackGeocoder.from_url("https://nominatim.example.org")
Traceback (most recent call last):
...
incidentmap.errors.InputError: a Nominatim server needs a user agent that names your ...

In a notebook, ``geocoder.geocode("Hamdaniya", country_code="IQ")`` returns a
:class:`~incidentmap.model.Place` or ``None``, and ``geocoder.geocode_toponym(toponym)``
a copy of an unresolved :class:`~incidentmap.model.Toponym` with the place filled in.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from importlib import resources
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

from ._geocoder_cache import AnswerCache
from ._geocoder_http import DEFAULT_MAX_BYTES, BoundedAdapter
from .errors import InputError
from .model import Candidate, Place, Toponym
from .text.normalize import normalize_name
from .wording import plural

__all__ = ["SERVICES", "FallbackGeocoder", "Service", "default_cache_path"]

Service = Literal["nominatim", "photon", "pelias"]
#: Services and the path of their search endpoint (removed from a URL given with it).
SERVICES: dict[str, str] = {"nominatim": "/search", "photon": "/api", "pelias": "/v1/search"}

_LOG = logging.getLogger("incidentmap.geocoders")
_OSM_TYPES = {"N": "node", "W": "way", "R": "relation"}
_DAY = 86400.0


def default_cache_path() -> Path:
    """Return the default cache file, in the user's cache folder for incidentmap."""
    import platformdirs

    cache = Path(platformdirs.user_cache_dir("incidentmap", appauthor=False))
    return cache / "geocoder-cache.sqlite"


@lru_cache(maxsize=1)
def _feature_table() -> dict[tuple[str, str, str], tuple[str, str]]:
    text = resources.files("incidentmap").joinpath("data/geocoder_features.tsv").read_text("utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")),
                          delimiter="\t")  # fmt: skip
    return {
        (row["scheme"], row["key"], row["value"]): (row["feature_class"], row["feature_code"])
        for row in rows
    }


def _feature(*keys: tuple[str, str, str]) -> tuple[str, str]:
    """Return the first mapping found for ``keys`` (each also tried with value ``*``)."""
    table = _feature_table()
    for scheme, key, value in keys:
        found = table.get((scheme, key, value)) or table.get((scheme, key, "*"))
        if found:
            return found
    return table[("fallback", "*", "*")]


def _place(service: str, lat: float, lon: float, raw: dict[str, Any]) -> Place:
    """Build a :class:`Place` from one raw answer of ``service``."""
    if service == "nominatim":
        osm_class, osm_type = str(raw.get("class", raw.get("category", ""))), str(raw.get("type"))
        address = raw.get("address") or {}
        level = str(int(raw.get("place_rank", 0) or 0) // 2)
        keys = [("osm", osm_class, osm_type), ("addresstype", str(raw.get("addresstype")), "")]
        if (osm_class, osm_type) == ("boundary", "administrative"):
            keys.insert(0, ("admin_level", level, ""))
        ident = (
            f"{raw['osm_type']}/{raw['osm_id']}"
            if raw.get("osm_type") and raw.get("osm_id")
            else f"place/{raw.get('place_id')}"
        )
        name = raw.get("name") or str(raw.get("display_name", "")).split(",")[0]
        country = address.get("country_code", "")
    else:
        props = raw.get("properties") or {}
        if service == "photon":
            keys = [
                ("osm", str(props.get("osm_key")), str(props.get("osm_value"))),
                ("addresstype", str(props.get("type")), ""),
            ]
            osm_type = _OSM_TYPES.get(str(props.get("osm_type")), "osm")
            ident = f"{osm_type}/{props.get('osm_id')}"
            country = props.get("countrycode", "")
        else:
            keys = [("pelias", str(props.get("layer")), "")]
            ident = str(props.get("gid") or props.get("id"))
            country = props.get("country_code", "")
        name = props.get("name", "")
    feature_class, feature_code = _feature(*keys)
    return Place(
        id=f"geocoder:{service}:{ident}",
        name=str(name),
        lat=lat,
        lon=lon,
        feature_class=feature_class,
        feature_code=feature_code,
        country_code=str(country or "").upper(),
    )


def _raw_point(service: str, raw: dict[str, Any]) -> tuple[Any, Any]:
    """Return the (lat, lon) an answer gives, as sent (geopy would wrap a longitude of 999)."""
    if service == "nominatim":
        return raw.get("lat"), raw.get("lon")
    coordinates = (raw.get("geometry") or {}).get("coordinates") or [None, None]
    return (coordinates[1], coordinates[0]) if len(coordinates) >= 2 else (None, None)


def _point(service: str, raw: dict[str, Any]) -> tuple[float, float] | None:
    """Return the answer's (lat, lon), or ``None`` unless both are finite and in range."""
    try:
        lat, lon = (float(value) for value in _raw_point(service, raw))
    except (TypeError, ValueError):
        return None
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):  # NaN fails too
        return None
    return lat, lon


@dataclass
class _Runtime:
    """What a geocoder builds on first use; not copied when it is pickled."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    search: Callable[..., Any] | None = None
    cache: AnswerCache | None = None
    failures: int = 0


@dataclass(frozen=True)
class FallbackGeocoder:
    """An online geocoder for names the gazetteer cannot place; build it with :meth:`from_url`.

    Parameters
    ----------
    url
        The server's base URL, ``http`` or ``https`` (the search path is added by geopy).
    service
        ``"nominatim"``, ``"photon"`` or ``"pelias"``: the server's API.
    user_agent
        Sent with every request; required for Nominatim.
    timeout
        Seconds a request may take in all (connecting, redirects, the whole answer) before
        the name is given up: a deadline, not a limit per read.
    min_delay_seconds
        Least time between two requests to the server, across threads and processes that
        share ``cache_path``.
    cache_path
        The SQLite cache file.
    api_key
        Sent to Pelias servers that need one.
    confidence
        Confidence of a toponym placed by this geocoder.
    max_retries
        Retries after a 429 "too many requests" answer.
    max_retry_wait
        Longest wait, in seconds, honoured from a ``Retry-After`` header.
    miss_ttl_days
        Days after which a name the server did not know is asked again (``None``: never).
    max_failures
        Failures in a row (timeouts, errors) after which the server is not asked again.
    max_answer_bytes
        Largest answer accepted; a larger one counts as a failure.

    Answers are read with bounded JSON nesting, and a point outside latitude -90..90 or
    longitude -180..180 is refused (not wrapped into a real place) with a warning.
    """

    url: str
    service: Service = "nominatim"
    user_agent: str | None = None
    timeout: float = 5.0
    min_delay_seconds: float = 1.0
    cache_path: Path = field(default_factory=default_cache_path)
    api_key: str | None = None
    confidence: float = 0.35
    max_retries: int = 1
    max_retry_wait: float = 30.0
    miss_ttl_days: float | None = 30.0
    max_failures: int = 3
    max_answer_bytes: int = DEFAULT_MAX_BYTES
    _runtime: _Runtime = field(init=False, repr=False, compare=False, default_factory=_Runtime)

    def __post_init__(self) -> None:
        if self.service not in SERVICES:
            raise InputError(f"geocoder service {self.service!r} is not one of {sorted(SERVICES)}")
        parts = urlsplit(self.url)
        if parts.scheme not in {"http", "https"} or not parts.netloc:
            raise InputError(
                f"geocoder URL {self.url!r} is not an http:// or https:// address of a server"
            )
        if self.service == "nominatim" and not (self.user_agent or "").strip():
            raise InputError(
                "a Nominatim server needs a user agent that names your application and a "
                "contact (Nominatim usage policy), e.g. user_agent='newsroom-map/1.0 "
                "(maps@example.org)'; on the command line: --user-agent"
            )
        if self.timeout <= 0 or self.min_delay_seconds < 0 or self.max_retries < 0:
            raise InputError("timeout must be > 0, min_delay_seconds and max_retries >= 0")

    @classmethod
    def from_url(
        cls,
        url: str,
        *,
        service: Service = "nominatim",
        user_agent: str | None = None,
        timeout: float = 5.0,
        min_delay_seconds: float = 1.0,
        cache_path: str | Path | None = None,
        api_key: str | None = None,
        **options: Any,
    ) -> FallbackGeocoder:
        """Build a geocoder for the server at ``url`` (a trailing search path is dropped).

        ``options`` are the other fields (``confidence``, ``max_retries``, ``max_retry_wait``,
        ``miss_ttl_days``, ``max_failures``). Raises :class:`InputError` for a bad URL or
        service, or a Nominatim server without ``user_agent``.
        """
        base = url.strip().rstrip("/")
        suffix = SERVICES.get(service, "")
        if suffix and base.endswith(suffix):
            base = base[: -len(suffix)]
        return cls(
            url=base,
            service=service,
            user_agent=user_agent,
            timeout=timeout,
            min_delay_seconds=min_delay_seconds,
            cache_path=Path(cache_path) if cache_path is not None else default_cache_path(),
            api_key=api_key,
            **options,
        )

    def __getstate__(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.init}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for name, value in {**state, "_runtime": _Runtime()}.items():
            object.__setattr__(self, name, value)

    def geocode(self, name: str, *, country_code: str | None = None) -> Place | None:
        """Return the server's place for ``name`` (within ``country_code``), or ``None``.

        Never raises for a network or server problem: it logs a warning and returns ``None``.
        """
        key_name = normalize_name(name)
        if not key_name:
            return None
        country = (country_code or "").strip().upper()
        key = (self.service, self.url, key_name, country)
        cache = self._cache()
        cached = cache.get(key)
        if cached is not None:
            answer, fetched_at = cached
            fresh = (
                self.miss_ttl_days is None or time.time() - fetched_at < self.miss_ttl_days * _DAY
            )
            if answer is not None or fresh:
                return self._from_answer(answer)
        asked = self._ask(name.strip(), country)
        if asked is False:
            return None
        cache.put(key, asked)
        return self._from_answer(asked)

    def geocode_toponym(self, toponym: Toponym, *, country_code: str | None = None) -> Toponym:
        """Return ``toponym`` placed by the server, or unchanged if the server has no answer.

        The copy's confidence is :attr:`confidence` and its reasons end with
        ``"online geocoder: <service>"``; the place also heads its candidates.
        """
        place = self.geocode(toponym.text, country_code=country_code)
        if place is None:
            return toponym
        reason = f"online geocoder: {self.service}"
        return dataclasses.replace(
            toponym,
            place=place,
            confidence=self.confidence,
            candidates=(Candidate(place, self.confidence, (reason,)), *toponym.candidates),
            reasons=(*toponym.reasons, reason),
        )

    # -- internals ------------------------------------------------------------------------

    def _cache(self) -> AnswerCache:
        runtime = self._runtime
        with runtime.lock:
            if runtime.cache is None:
                runtime.cache = AnswerCache(self.cache_path)
            return runtime.cache

    def _from_answer(self, answer: str | None) -> Place | None:
        if answer is None:
            return None
        stored = json.loads(answer)
        return _place(self.service, float(stored["lat"]), float(stored["lon"]), stored["raw"])

    def _search(self) -> Callable[..., Any]:
        runtime = self._runtime
        with runtime.lock:
            if runtime.search is None:
                from geopy.extra.rate_limiter import RateLimiter
                from geopy.geocoders import Nominatim, Pelias, Photon

                parts = urlsplit(self.url)
                common: dict[str, Any] = {
                    "domain": parts.netloc + parts.path,
                    "scheme": parts.scheme,
                    "timeout": self.timeout,
                    "user_agent": self.user_agent or "incidentmap",
                    # one deadline per request, a size limit, bounded JSON; no hidden retries
                    "adapter_factory": partial(BoundedAdapter, max_bytes=self.max_answer_bytes),
                }
                if self.service == "nominatim":
                    geocoder: Any = Nominatim(**common)
                elif self.service == "photon":
                    geocoder = Photon(**common)
                else:
                    geocoder = Pelias(api_key=self.api_key, **common)
                # Retries happen in _ask, which honours Retry-After; the limiter only spaces.
                runtime.search = RateLimiter(
                    geocoder.geocode,
                    min_delay_seconds=self.min_delay_seconds,
                    max_retries=0,
                    error_wait_seconds=self.min_delay_seconds,
                    swallow_exceptions=False,
                )
            return runtime.search

    def _query(self, name: str, country: str) -> Any:
        """One request; returns the geopy Location or None."""
        search = self._search()
        time.sleep(self._cache().reserve(self.url, self.min_delay_seconds))
        if self.service == "nominatim":
            return search(
                name, exactly_one=True, addressdetails=True, country_codes=country or None
            )
        if self.service == "pelias":
            return search(name, exactly_one=True, countries=[country] if country else None)
        if not country:
            return search(name, exactly_one=True)
        for location in search(name, exactly_one=False, limit=10) or ():
            props = location.raw.get("properties") or {}
            if str(props.get("countrycode", "")).upper() == country:
                return location
        return None

    def _ask(self, name: str, country: str) -> str | Literal[False] | None:
        """Ask the server: the answer JSON, ``None`` for a miss, ``False`` on failure."""
        from geopy.exc import GeocoderRateLimited, GeocoderTimedOut, GeopyError

        runtime = self._runtime
        if runtime.failures >= self.max_failures:
            return False
        where = f"online geocoder {self.url} ({self.service})"
        for attempt in range(self.max_retries + 1):
            try:
                location = self._query(name, country)
            except GeocoderRateLimited as exc:
                if attempt < self.max_retries:
                    wait = min(exc.retry_after or self.min_delay_seconds, self.max_retry_wait)
                    _LOG.info("%s asked to wait %.1f s before %r", where, wait, name)
                    time.sleep(max(wait, 0.0))
                    continue
                problem = f"kept refusing with 429 Too Many Requests ({exc})"
            except GeocoderTimedOut:
                problem = f"did not answer within {self.timeout:g} s"
            except GeopyError as exc:
                problem = f"failed: {exc}"
            except (TypeError, ValueError, KeyError, AttributeError) as exc:
                # geopy could not parse what the server sent (not the JSON of this service)
                problem = f"sent an answer that could not be read ({type(exc).__name__}: {exc})"
            else:
                runtime.failures = 0
                if location is None:
                    return None
                point = _point(self.service, location.raw)
                if point is None:
                    _LOG.warning(
                        "%s answered a point outside the globe for %r (%s); ignored",
                        where,
                        name,
                        _raw_point(self.service, location.raw),
                    )
                    return None
                stored = {"lat": point[0], "lon": point[1], "raw": location.raw}
                return json.dumps(stored, ensure_ascii=False)
            break
        runtime.failures += 1
        _LOG.warning("%s %s for %r; the name stays unresolved", where, problem, name)
        if runtime.failures >= self.max_failures:
            _LOG.warning(
                "%s failed %s in a row; no more names are sent to it in this run",
                where,
                plural(runtime.failures, "time"),
            )
        return False
