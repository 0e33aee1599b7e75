"""Place kinds in one data file, the source of a place, and what the geoparser needs."""

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer, PlaceRecord
from incidentmap.gazetteer.kinds import PlaceKinds, approx_km, haversine_km
from incidentmap.geoparse import Geoparser
from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.names import GAZ, NameIndex
from incidentmap.geoparse.protocol import NameSource, PlaceLookup
from incidentmap.incidents import dedupe, locate, places
from incidentmap.model import Article, GivenSpan, Place


def test_every_kind_word_is_a_recognizer_suffix_in_both_cases():
    kinds = PlaceKinds.default()
    suffixes = Lexicon.default().suffixes
    for word in kinds.words:
        assert word in suffixes and word.capitalize() in suffixes
    assert {"province", "county", "district", "city"} <= kinds.words


def test_the_locator_reads_the_same_kinds():
    assert locate.ADMIN_WORD.match(" Governorate of") and locate.ADMIN_WORD.match(" parish")
    delta = Place("curated:nile-delta", "Nile Delta", 30.9, 31.2, "H", "DLTA", "EG")
    assert places.specificity(delta) == 1  # a wide area, not a landmark


def test_one_distance_everywhere():
    args = (33.34, 44.40, 36.19, 44.01)
    assert dedupe.haversine_km(*args) == haversine_km(*args)
    assert abs(approx_km(*args) - haversine_km(*args)) < 1.0


def _gazetteer(*places: Place) -> Gazetteer:
    return Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places)


def test_a_users_own_place_is_scored_like_a_curated_one():
    depot = Place("user:camp-zorg", "Camp Zorg", 33.2, 44.1, "S", "MILB", "IQ", "07")
    hamlet = Place("geonames:1", "Camp Zorg", 10.0, 10.0, "P", "PPL", "NG", None, 3_000)
    assert (depot.source, depot.hand_picked) == ("user", True)
    assert (hamlet.source, hamlet.hand_picked) == ("geonames", False)
    parser = Geoparser(_gazetteer(depot, hamlet))
    text = "Mortars hit Camp Zorg overnight."
    start = text.index("Camp Zorg")
    article = Article(id="a", text=text, toponyms=(GivenSpan(start, start + 9, "Camp Zorg"),))
    (found,) = parser.resolve_spans(article)
    assert found.place == depot
    assert "user's own landmark" in found.reasons


def test_the_gazetteer_satisfies_the_protocols():
    gaz = _gazetteer(Place("geonames:2", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 9))
    assert isinstance(gaz, PlaceLookup) and isinstance(gaz, NameSource)


def test_a_lookup_without_names_needs_a_prebuilt_index():
    erbil = Place("geonames:2", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932_800)

    class Lookup:
        def lookup_key(self, key, *, limit=50):
            return [erbil] if key == "erbil" else []

        def lookup(self, name, *, country=None, limit=20):
            return self.lookup_key(name.lower(), limit=limit)

        def country(self, code):
            return None

    with pytest.raises(TypeError, match="iter_name_stats"):
        Geoparser(Lookup())
    parser = Geoparser(Lookup(), index=NameIndex.from_keys({"erbil": GAZ}))
    assert [t.place for t in parser.parse("Rockets hit Erbil.")] == [erbil]
