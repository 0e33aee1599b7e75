"""Unknown names in town frames respelling a place of the story's country."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from incidentmap.geoparse.spelling import respelled_given, respelled_toponyms
from incidentmap.model import Place, Toponym

SOMALIA = Place("t:so", "Somalia", 6.0, 46.0, "A", "PCLI", "SO")
KENYA = Place("t:ke", "Kenya", 0.5, 37.9, "A", "PCLI", "KE")
CEELBUUR = Place("t:ce", "Ceelbuur", 4.7, 46.6, "P", "PPL", "SO", "05", 20_000)
CELBUR_KE = Place("t:ck", "Celbur", 1.0, 38.0, "P", "PPL", "KE", "01", 3_000)
GALKAYO = Place("t:ga", "Gaalkacyo", 6.8, 47.4, "P", "PPLA", "SO", "11", 60_000)


def places_in(country: str, *, initial: str = "", lengths: tuple[int, int] = (1, 200)) -> list:
    every = [CEELBUUR, CELBUR_KE, GALKAYO]
    return [
        p
        for p in every
        if p.country_code == country
        and p.name.startswith(initial)
        and lengths[0] <= len(p.name) <= lengths[1]
    ]


def found(text: str, *places: tuple[str, Place]) -> list[Toponym]:
    return [Toponym(text.index(n), text.index(n) + len(n), n, "place", p) for n, p in places]


def test_a_town_spelt_with_other_vowels_is_placed_in_the_story_s_country() -> None:
    text = "Somalia: militants stormed the town of Celbur. Somalia sent troops to Celbur."
    second = text.index("Somalia", 1)
    tops = [
        *found(text, ("Somalia", SOMALIA)),
        Toponym(second, second + 7, "Somalia", "place", SOMALIA),
    ]
    got = respelled_toponyms(text, tops, places_in, known=lambda key: False)
    assert [(t.text, t.place.id) for t in got] == [("Celbur", "t:ce"), ("Celbur", "t:ce")]
    assert "same consonants" in got[0].reasons[0]


def test_no_respelling_without_a_town_frame_or_a_clear_country() -> None:
    text = "Somalia said Celbur was calm."
    tops = found(text, ("Somalia", SOMALIA))
    assert respelled_toponyms(text, tops, places_in, known=lambda key: False) == []
    text = "In Somalia and Kenya, the town of Celbur was calm."
    tops = found(text, ("Somalia", SOMALIA), ("Kenya", KENYA))
    assert respelled_toponyms(text, tops, places_in, known=lambda key: False) == []


def test_a_known_name_is_not_respelled() -> None:
    text = "In Somalia, the town of Celbur was calm."
    tops = found(text, ("Somalia", SOMALIA))
    assert respelled_toponyms(text, tops, places_in, known=lambda key: True) == []


def test_a_village_called_by_a_respelt_name_is_placed() -> None:
    # the kind word announces the name a few words on: "a village 40 km from Y, called X"
    text = "In Somalia, gunmen raided a village 40 km from Gaalkacyo, called Celbur, at dawn."
    tops = found(text, ("Somalia", SOMALIA), ("Gaalkacyo", GALKAYO))
    got = respelled_toponyms(text, tops, places_in, known=lambda key: False)
    assert [(t.text, t.place.id) for t in got] == [("Celbur", "t:ce")]
    # a name called after the sentence ends is not the village's
    text = "In Somalia, gunmen raided a village near Gaalkacyo. A man called Celbur fled."
    tops = found(text, ("Somalia", SOMALIA), ("Gaalkacyo", GALKAYO))
    assert respelled_toponyms(text, tops, places_in, known=lambda key: False) == []


def test_a_given_span_the_gazetteer_lacks_respells_an_area_or_a_sizeable_town() -> None:
    norva = Place("t:nv", "Al Nurfiyah", 4.0, 45.0, "A", "ADM1", "SO", "02", 900_000)
    hamlet = Place("t:bd", "Bardheere", 2.3, 42.3, "P", "PPL", "SO", "05", 300)

    def areas(country: str) -> list[tuple[str, Place]]:
        return [("al nurfiyah", norva)] if country == "SO" else []

    def few(country: str, *, initial: str = "", lengths: tuple[int, int] = (1, 200)) -> list:
        return [p for p in (*places_in(country, initial=initial, lengths=lengths), hamlet)
                if p.name.startswith(initial) and p.country_code == country]  # fmt: skip

    text = "Somalia: cases in Nurfiya, Gaalkacyo, Celbur and Baardhere."
    tops = [
        *found(text, ("Somalia", SOMALIA), ("Gaalkacyo", GALKAYO)),
        *(Toponym(text.index(n), text.index(n) + len(n), n) for n in ("Nurfiya", "Celbur")),
        Toponym(text.index("Baardhere"), text.index("Baardhere") + 9, "Baardhere"),
    ]
    got = {t.text: t for t in respelled_given(tops, few, areas)}
    assert got["Nurfiya"].place.id == "t:nv"  # an area, without its article and final h
    assert got["Celbur"].place.id == "t:ce"  # a town of 20,000
    assert "same consonants" in got["Celbur"].reasons[0]
    # a hamlet has too many near-spellings to be matched so
    assert got["Baardhere"].place is None


_KIND_TEXT = st.text(
    alphabet=st.sampled_from(list("villagetowncitydistrictshiplocalitysettlement ,.-’é")),
    max_size=60,
)


@given(text=_KIND_TEXT)
def test_kind_words_are_the_regex_matches(text):
    from incidentmap.geoparse.spelling import _KIND, _kind_words

    assert [m.span() for m in _kind_words(text)] == [m.span() for m in _KIND.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "the township of Pale, a townsfolk meeting",
        "citycity city; a district-level village",
        "Downtown villages and the settlements’ locality",
    ],
)
def test_kind_words_in_sentences(text):
    from incidentmap.geoparse.spelling import _KIND, _kind_words

    assert [m.span() for m in _kind_words(text)] == [m.span() for m in _KIND.finditer(text)]
