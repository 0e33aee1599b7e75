"""Names that read as places: persons (couples, initials, speakers) and strains."""

from __future__ import annotations

from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.persons import find_persons
from incidentmap.geoparse.recognize import tokenize


def _persons(text: str, names: frozenset[str] = frozenset()):
    spans, keys = tokenize(text)
    return find_persons(text, spans, keys, Lexicon.default(), is_name=names.__contains__)


def _blocked(text: str, names: frozenset[str] = frozenset()) -> list[str]:
    return sorted(text[s:e] for s, e, _ in _persons(text, names).blocked)


def test_a_given_name_joined_to_a_full_name_is_one_of_a_couple():
    text = "The ranchers Brent and Lynnette Hain sold the herd. Brent drove it north."
    found = _persons(text, frozenset({"brent"}))
    assert "Brent" in [text[s:e] for s, e, _ in found.blocked]
    assert "brent" in found.surnames
    # the second run a place name of its own: no couple
    assert _blocked("Buses run to Dallas and Austin Heights.", frozenset({"austin heights"})) == [
        "Austin Heights"
    ]


def test_two_given_names_and_a_surname_are_one_person():
    # "Grace" is an everyday word, which alone would not carry the name on
    text = "Mary Grace Delgado, the new mayor, spoke. Delgado thanked the crowd."
    found = _persons(text, frozenset({"delgado"}))
    assert [text[s:e] for s, e, _ in found.blocked] == ["Mary Grace Delgado"]
    assert "delgado" in found.surnames


def test_a_word_before_a_middle_initial_opens_a_name():
    text = "Dalton R. Pruitt, M.D., joined the clinic."
    assert _blocked(text, frozenset({"dalton"})) == ["Dalton R. Pruitt"]
    # a sentence ending in a letter before a place
    assert _blocked("They chose Plan B. Dalton then voted.", frozenset({"dalton"})) == []


def test_a_man_surnamed_so_is_a_person():
    text = "Police held a 40-year-old man surnamed Ling over the fire."
    found = _persons(text, frozenset({"ling"}))
    assert [text[s:e] for s, e, _ in found.blocked] == ["Ling"]


def test_a_place_and_an_unknown_surname_before_a_reporting_verb_are_a_person():
    text = "The report was late. Dover Okafor said the farms were clean."
    assert _blocked(text, frozenset({"dover"})) == ["Dover Okafor"]
    # a place word after the name keeps it a place
    assert _blocked("Dover Police said the farms were clean.", frozenset({"dover"})) == []


def test_the_words_after_a_quotations_verb_name_its_speaker():
    text = '"We will stay," said Imani Wole Dover, a nurse on strike.'
    assert _blocked(text, frozenset({"dover"})) == ["Imani Wole Dover"]
    # a title ends the run: the place before it stays
    text = '"We will stay," said Dover Mayor Imani Wole.'
    assert _blocked(text, frozenset({"dover"})) == ["Imani Wole"]


def test_a_virus_strains_place_of_isolation_is_no_mention():
    from incidentmap.geoparse.names import GAZ, NameIndex
    from incidentmap.geoparse.recognize import Recognizer

    rec = Recognizer(NameIndex.from_keys({"perth": GAZ, "hong kong": GAZ}))
    text = "The vaccine holds A/Perth/16/2009 and B/Hong Kong/3/1968 strains. Cases rose in Perth."
    assert [(m.text, m.start) for m in rec.recognize(text)] == [("Perth", text.rindex("Perth"))]


def test_breeds_and_adjectives_named_after_places_need_a_cue():
    from incidentmap.gazetteer import Gazetteer, PlaceRecord
    from incidentmap.geoparse import Geoparser
    from incidentmap.model import Place

    places = [
        Place("g:angus", "Angus", 56.67, -2.92, "A", "ADM2", "GB", "SCT", 116_000),
        Place("g:troyan", "Troyan", 42.89, 24.72, "P", "PPL", "BG", "46", 22_000),
    ]
    names = {"g:troyan": ("Troyan", "Trojan")}
    gaz = Gazetteer.from_records(
        PlaceRecord(place=p, names=names.get(p.id, (p.name,))) for p in places
    )
    text = "The farm sells Angus steers; the worm was a Trojan horse. Snow fell in Angus."
    found = Geoparser(gaz).parse(text)
    assert [(t.text, t.start) for t in found] == [("Angus", text.rindex("Angus"))]


def test_an_arabic_place_names_first_word_opens_no_personal_name():
    # Tal (hill), Ras (headland), Deir (monastery), Kafr (village) open many town names;
    # before a capitalised word or an article they make no person, whatever the rules
    # of a first name, a patronymic or a speaker would say
    names = frozenset({"abyad", "hamra", "zeitun"})
    assert _blocked("Drones struck Tal Abyad and Ras al-Hamra overnight.", names) == []
    assert _blocked("Deir al-Zeitun residents said the road was cut.", names) == []
    assert _blocked("Kafr Hamra said nothing of the raid.", names) == []
    # the same patterns after another word are still persons
    assert _blocked("Guards detained Qassem al-Hamra at dawn.", names) == ["Qassem al-Hamra"]
    assert _blocked("Rachel Tal spoke to reporters.", names) == ["Rachel Tal"]


def test_an_arabic_town_written_with_its_first_word_is_placed(gazetteer):
    from incidentmap.geoparse import Geoparser

    parser = Geoparser(gazetteer)
    text = "Turkish-backed fighters shelled villages near Tal Abyad on Monday."
    places = [(t.text, t.place.country_code) for t in parser.parse(text) if t.place]
    assert ("Tal Abyad", "SY") in places
