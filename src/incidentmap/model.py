"""The data model every stage and every output shares.

Results are frozen dataclasses that keep their evidence: a :class:`Toponym`
keeps its character span and the candidates it beat, an :class:`Incident`
keeps the sentence that reports it and that sentence's offsets.

Examples
--------
>>> baghdad = Place(id="geonames:98182", name="Baghdad", lat=33.34058, lon=44.40088,
...                 feature_class="P", feature_code="PPLC", country_code="IQ",
...                 admin1="07", population=7216000)
>>> t = Toponym(start=0, end=7, text="Baghdad", kind="place", place=baghdad, confidence=0.9)
>>> t.place.country_code, t.resolved
('IQ', True)
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum, IntEnum
from typing import Literal

__all__ = [
    "ADMIN1_FEATURE_CODE",
    "AREA_FEATURE_CODES",
    "COUNTRY_FEATURE_CODES",
    "Article",
    "Candidate",
    "EventType",
    "GeoPrecision",
    "GivenSpan",
    "Incident",
    "Place",
    "TimePrecision",
    "Toponym",
    "ToponymKind",
    "majority_country",
]

ToponymKind = Literal["place", "demonym", "dateline"]

_SURROGATE = re.compile("[\ud800-\udfff]")


class EventType(str, Enum):
    """ACLED's six event types; the value is ACLED's own label."""

    BATTLES = "Battles"
    EXPLOSIONS = "Explosions/Remote violence"
    VIOLENCE_AGAINST_CIVILIANS = "Violence against civilians"
    PROTESTS = "Protests"
    RIOTS = "Riots"
    STRATEGIC_DEVELOPMENTS = "Strategic developments"

    def __str__(self) -> str:
        return self.value


class GeoPrecision(IntEnum):
    """How closely an incident's point matches where it happened (ACLED's scale)."""

    EXACT = 1
    """The named place itself (a landmark, a town, "the Karkh district of Baghdad"); also
    the town of a story's dateline that the sentence names as "the capital" or "the city"."""
    NEAR = 2
    """Near the place or part of a larger area (a district of a city, outside a town, "near
    the town of X"); also the town of a story's dateline that the sentence does not name."""
    REGION = 3
    """Only a region or country is known; the point stands for the whole area."""


class TimePrecision(IntEnum):
    """How closely an incident's date is known (ACLED's scale)."""

    DAY = 1
    WEEK = 2
    """Within a week, or an approximate date ("early this week", "days ago")."""
    MONTH = 3
    """A month, a season, a year or vaguer."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read from a file, a stream or a record.

    Parameters
    ----------
    id
        Stable identifier: the record's ``id``, else derived from the source path.
    text
        The article body (title excluded).
    title, url
        Optional metadata.
    published
        Publication date, used to resolve relative dates ("Friday", "last month").
    source
        The file the article came from, and ``line`` the 1-based line or record within it.
    toponyms
        Gold or given mentions carried by the input (``(start, end)`` spans with optional
        text), used by ``geoparse --given-mentions`` and evaluation.
    place, country
        The publisher's region, when the record gives it: a place name ("Ontario",
        "London, Ontario") and an ISO 3166-1 alpha-2 country code ("CA"). The geoparser
        prefers the places of that region among namesakes ("London" in the London Free
        Press is London, Ontario). Without them, the country-code top-level domain of
        ``url`` (".ca", ".co.uk") is weaker evidence of the publisher's country.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    line: int | None = None
    toponyms: tuple[GivenSpan, ...] = ()
    place: str | None = None
    country: str | None = None

    def __post_init__(self) -> None:
        # Lone surrogates ("\ud800" in JSON, undecodable file-name bytes) cannot be
        # written as UTF-8 by any output: each becomes U+FFFD, which keeps offsets.
        for name in ("id", "text", "title", "url", "source", "place"):
            value = getattr(self, name)
            if isinstance(value, str) and _SURROGATE.search(value):
                object.__setattr__(self, name, _SURROGATE.sub("\ufffd", value))


@dataclass(frozen=True, slots=True)
class GivenSpan:
    """A place mention supplied with the input (gold annotation or user markup)."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None


#: GeoNames feature codes of a country or dependent territory (:attr:`Place.is_country`).
COUNTRY_FEATURE_CODES = frozenset({"PCL", "PCLD", "PCLF", "PCLH", "PCLI", "PCLIX", "PCLS", "TERR"})
#: The GeoNames feature code of a first-level administrative area (:attr:`Place.is_admin1`).
ADMIN1_FEATURE_CODE = "ADM1"
#: The feature codes of a country or a first-level area (``is_country or is_admin1``).
AREA_FEATURE_CODES = COUNTRY_FEATURE_CODES | {ADMIN1_FEATURE_CODE}


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry.

    ``id`` is namespaced by origin: ``geonames:98182``, ``curated:green-zone-baghdad``,
    ``user:...``. Feature classes and codes follow GeoNames (``P``/``PPLC`` capital,
    ``A``/``PCLI`` country, ``A``/``ADM1`` first-level area, ``S``/``AIRP`` airport ...).
    ``admin1`` is the GeoNames admin1 code within ``country_code``. ``parent_id`` names the
    place it lies in (a landmark's city). ``polygon_wkt`` is an optional outline (WGS 84).
    """

    id: str
    name: str
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    admin1: str | None = None
    population: int = 0
    parent_id: str | None = None
    polygon_wkt: str | None = None

    @property
    def source(self) -> str:
        """Where the place comes from: the namespace of its id.

        ``"geonames"`` (the shipped data or an imported GeoNames file), ``"curated"``
        (the project's landmarks and regions) or ``"user"`` (a user's own places).

        >>> Place("user:depot-7", "Depot 7", 33.3, 44.4, "S", "BLDG", "IQ").source
        'user'
        """
        return self.id.partition(":")[0]

    @property
    def hand_picked(self) -> bool:
        """Whether a person chose this place for the news: a curated or a user's own place.

        Such a place carries no population, yet a story that names it most likely means
        it, so the resolver gives it the prior of a curated landmark or region.
        """
        return self.source in ("curated", "user")

    @property
    def is_country(self) -> bool:
        """Whether this place is a country (GeoNames ``PCL*`` codes)."""
        return self.feature_code in COUNTRY_FEATURE_CODES

    @property
    def is_admin1(self) -> bool:
        """Whether this place is a first-level administrative area."""
        return self.feature_code == ADMIN1_FEATURE_CODE


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place considered for a mention, with the score and the reasons it got."""

    place: Place
    score: float
    reasons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Toponym:
    """A place mention in an article and the place chosen for it.

    ``start``/``end`` are Python string offsets into :attr:`Article.text`
    (``article.text[start:end] == text``). ``place`` is ``None`` when no candidate
    was good enough. ``candidates`` holds the places that were considered, best first,
    so a reader can see what the chosen place beat. ``metonym`` is set when the name
    stands for a government rather than a place ("Washington said", "Beijing warned"):
    the place is kept, but it is no scene of an event.
    """

    start: int
    end: int
    text: str
    kind: ToponymKind = "place"
    place: Place | None = None
    confidence: float = 0.0
    candidates: tuple[Candidate, ...] = ()
    reasons: tuple[str, ...] = ()
    metonym: bool = False

    @property
    def resolved(self) -> bool:
        """Whether a place was chosen."""
        return self.place is not None


def majority_country(toponyms: Iterable[Toponym]) -> str | None:
    """Return the country holding more than half of the places and demonyms, if one does.

    >>> kabul = Place("geonames:1138958", "Kabul", 34.53, 69.17, "P", "PPLC", "AF")
    >>> majority_country([Toponym(0, 5, "Kabul", "place", kabul, 0.9)])
    'AF'
    >>> majority_country([]) is None
    True
    """
    countries = Counter(
        t.place.country_code
        for t in toponyms
        if t.kind in ("place", "demonym") and t.place is not None and t.place.country_code
    )
    if not countries:
        return None
    home, n = countries.most_common(1)[0]
    return home if 2 * n > sum(countries.values()) else None


@dataclass(frozen=True, slots=True)
class Incident:
    """One event reported by one or more articles, in ACLED's terms.

    Dates are ISO strings (``"2021-11-07"``); ``time_precision`` says how much of the
    date is known. A coarse date is given as the first day of its range (``"2019-06-01"``
    with :attr:`TimePrecision.MONTH` for "June 2019"). ``background`` marks generic or
    habitual statements ("dozens of rocket attacks in recent years"), kept in exports
    and left off the map by default.
    """

    id: str
    article_id: str
    event_type: EventType
    sub_event_type: str
    event_date: str | None
    time_precision: TimePrecision
    location: str | None
    place_id: str | None
    lat: float | None
    lon: float | None
    country_code: str | None
    admin1: str | None
    geo_precision: GeoPrecision
    evidence: str
    evidence_start: int
    evidence_end: int
    fatalities: int | None = None
    injured: int | None = None
    actors: tuple[str, ...] = ()
    source_url: str | None = None
    source_title: str | None = None
    confidence: float = 0.5
    sources: int = 1
    source_urls: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()
    background: bool = False
    date_text: str | None = None
    area_wkt: str | None = None
    notes: tuple[str, ...] = field(default=())
