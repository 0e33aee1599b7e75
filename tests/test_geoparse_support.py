"""A tiny gazetteer for the geoparser tests, built with Gazetteer.from_records (no tests here)."""

# ruff: noqa: E501

from __future__ import annotations

from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan, Place


def place(pid, name, lat, lon, fclass, code, cc, admin1=None, pop=0, parent=None):
    """Build a test place (positional, as the tables of places below read best)."""
    return Place(
        id=pid, name=name, lat=lat, lon=lon, feature_class=fclass, feature_code=code,
        country_code=cc, admin1=admin1, population=pop, parent_id=parent,
    )  # fmt: skip


_p = place


def placed(parser: Geoparser, text: str) -> dict[str, str | None]:
    """Parse ``text``; map each mention to its place id."""
    return {t.text: (t.place.id if t.place else None) for t in parser.parse(text)}


def given(parser: Geoparser, text: str, *names: str) -> dict[str, str | None]:
    """Resolve the first occurrence of each name as a given span (no recognizer hints)."""
    spans = tuple(GivenSpan(text.index(n), text.index(n) + len(n), n) for n in names)
    found = parser.resolve_spans(Article(id="a", text=text, toponyms=spans))
    return {t.text: (t.place.id if t.place else None) for t in found}


PLACES = [
    (_p("g:iq", "Iraq", 33.0, 44.0, "A", "PCLI", "IQ", pop=38_000_000), ("Iraq",)),
    (_p("g:ir", "Iran", 32.0, 53.0, "A", "PCLI", "IR", pop=81_000_000), ("Iran",)),
    (_p("g:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000),
     ("United States", "United States of America", "US", "USA", "America")),
    (_p("g:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000),
     ("United Kingdom", "UK", "Britain")),
    (_p("g:ae", "United Arab Emirates", 23.8, 54.0, "A", "PCLI", "AE", pop=9_600_000),
     ("United Arab Emirates", "UAE")),
    (_p("g:ge", "Georgia", 42.0, 43.5, "A", "PCLI", "GE", pop=3_700_000), ("Georgia",)),
    (_p("g:cz", "Czechia", 49.8, 15.0, "A", "PCLI", "CZ", pop=10_600_000), ("Czechia", "Czech Republic")),
    (_p("g:ps", "Palestine", 31.9, 35.2, "A", "PCLI", "PS", pop=4_500_000), ("Palestine",)),
    (_p("g:af", "Afghanistan", 33.0, 66.0, "A", "PCLI", "AF", pop=37_000_000), ("Afghanistan",)),
    (_p("g:iq07", "Baghdād", 33.3, 44.4, "A", "ADM1", "IQ", "07", 9_600_000), ("Baghdad",)),
    (_p("g:iq01", "Anbar", 33.4, 42.0, "A", "ADM1", "IQ", "01", 1_700_000), ("Anbar", "Al Anbar")),
    (_p("g:usil", "Illinois", 40.0, -89.2, "A", "ADM1", "US", "IL", 12_800_000), ("Illinois",)),
    (_p("g:usmo", "Missouri", 38.3, -92.5, "A", "ADM1", "US", "MO", 6_100_000), ("Missouri",)),
    (_p("g:usga", "Georgia", 32.8, -83.5, "A", "ADM1", "US", "GA", 10_500_000), ("Georgia",)),
    (_p("g:usca", "California", 37.2, -119.7, "A", "ADM1", "US", "CA", 39_000_000), ("California",)),
    (_p("g:uswv", "West Virginia", 38.5, -80.5, "A", "ADM1", "US", "WV", 1_800_000), ("West Virginia",)),
    (_p("g:baghdad", "Baghdad", 33.34, 44.40, "P", "PPLC", "IQ", "07", 7_216_000), ("Baghdad",)),
    (_p("g:sadrcity", "Sadr City", 33.39, 44.46, "P", "PPLX", "IQ", "07", 1_200_000), ("Sadr City",)),
    (_p("g:erbil", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932_000), ("Erbil", "Arbil")),
    (_p("g:erbil-x", "Erbil", 10.0, 10.0, "P", "PPL", "NG", None, 1_000_000), ("Erbil",)),
    (_p("g:ramadi", "Ramadi", 33.42, 43.30, "P", "PPLA", "IQ", "01", 274_000), ("Ramadi",)),
    (_p("g:tbilisi", "Tbilisi", 41.69, 44.83, "P", "PPLC", "GE", None, 1_100_000), ("Tbilisi",)),
    (_p("g:atlanta", "Atlanta", 33.75, -84.39, "P", "PPLA", "US", "GA", 463_000), ("Atlanta",)),
    (_p("g:spr-il", "Springfield", 39.80, -89.64, "P", "PPLA", "US", "IL", 116_000), ("Springfield",)),
    (_p("g:spr-mo", "Springfield", 37.22, -93.30, "P", "PPL", "US", "MO", 167_000), ("Springfield",)),
    (_p("g:kabul", "Kabul", 34.53, 69.17, "P", "PPLC", "AF", None, 3_000_000), ("Kabul",)),
    (_p("g:most", "Most", 50.5, 13.6, "P", "PPL", "CZ", None, 66_000), ("Most",)),
    (_p("g:police", "Police", 53.55, 14.57, "P", "PPL", "PL", None, 33_000), ("Police",)),
    (_p("g:march", "March", 52.55, 0.09, "P", "PPL", "GB", None, 22_000), ("March",)),
    (_p("g:read", "Read", 53.8, -2.3, "P", "PPL", "GB", None, 1_500), ("Read",)),
    (_p("g:street", "Street", 51.12, -2.74, "P", "PPL", "GB", None, 11_000), ("Street",)),
    (_p("g:fatah", "Fatah", 31.0, 34.0, "P", "PPL", "PS", None, 2_000), ("Fatah",)),
    (_p("g:jordan", "Jordan", 31.0, 36.0, "A", "PCLI", "JO", pop=9_900_000), ("Jordan",)),
    (_p("g:walsh", "Walsh", 37.4, -102.3, "P", "PPL", "US", "CO", 600), ("Walsh",)),
    (_p("g:nile", "West Nile", 3.0, 31.0, "A", "ADM1", "UG", "W", 2_000_000), ("West Nile", "West")),
    (_p("curated:green-zone-baghdad", "Green Zone", 33.306, 44.392, "L", "ZN", "IQ", "07", 0,
        "g:baghdad"), ("Green Zone", "International Zone")),
    (_p("curated:us-embassy-baghdad", "Embassy of the United States, Baghdad", 33.2985, 44.3961,
        "S", "DIP", "IQ", "07", 0, "g:baghdad"), ("US Embassy", "U.S. Embassy in Baghdad")),
    (_p("curated:green-zone-elsewhere", "Green Zone", 5.0, 5.0, "L", "ZN", "NG", None, 0,
        "g:erbil-x"), ("Green Zone",)),
]  # fmt: skip


def tiny_gazetteer() -> Gazetteer:
    """Return the test gazetteer (in memory)."""
    return Gazetteer.from_records(PlaceRecord(place=p, names=names) for p, names in PLACES)
