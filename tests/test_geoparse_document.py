"""Document-level evidence: the area where an article's names meet."""

from __future__ import annotations

import pytest

from incidentmap.gazetteer import Gazetteer, PlaceRecord
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan, Place, Toponym
from incidentmap.text.articles import read_articles


def _p(pid, name, lat, lon, fclass, code, cc, admin1=None, pop=0):
    return Place(pid, name, lat, lon, fclass, code, cc, admin1, pop)


PLACES = [
    _p("g:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000),
    _p("g:fr", "France", 46.0, 2.0, "A", "PCLI", "FR", pop=67_000_000),
    _p("g:london", "London", 51.51, -0.13, "P", "PPLC", "GB", "ENG", 8_900_000),
    _p("g:london-on", "London", 42.98, -81.23, "P", "PPL", "CA", "08", 420_000),
    _p("g:stthomas-on", "St. Thomas", 42.78, -81.18, "P", "PPL", "CA", "08", 38_000),
    _p("g:stthomas-jm", "Saint Thomas", 17.93, -76.35, "A", "ADM1", "JM", "14", 94_000),
    _p("g:stthomas-vi", "Saint Thomas", 18.34, -64.93, "L", "ISL", "VI", None, 51_000),
    _p("g:middlesex-on", "Middlesex County", 42.9, -81.5, "A", "ADM2", "CA", "08", 455_000),
    _p("g:middlesex-nj", "Middlesex County", 40.44, -74.41, "A", "ADM2", "US", "NJ", 825_000),
    _p("g:paris", "Paris", 48.85, 2.35, "P", "PPLC", "FR", "11", 2_100_000),
    _p("g:paris-on", "Paris", 43.2, -80.38, "P", "PPL", "CA", "08", 12_000),
    _p("g:on", "Ontario", 49.25, -84.5, "A", "ADM1", "CA", "08", 13_000_000),
    _p("g:ca", "Canada", 60.1, -113.6, "A", "PCLI", "CA", pop=37_000_000),
]
NAMES = {"g:stthomas-on": ("St. Thomas", "Saint Thomas"), "g:middlesex-on": ("Middlesex",),
         "g:middlesex-nj": ("Middlesex",), "g:stthomas-vi": ("St. Thomas",)}  # fmt: skip


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    records = (PlaceRecord(place=p, names=(p.name, *NAMES.get(p.id, ()))) for p in PLACES)
    return Geoparser(Gazetteer.from_records(records))


def _where(parser: Geoparser, text: str) -> dict[str, str | None]:
    return {t.text: t.place.id if t.place else None for t in parser.parse(text)}


def test_a_local_storys_names_meet_in_its_area(parser):
    text = (
        "Police in London said the drug crisis has spread to St. Thomas, where shelters "
        "are full, and across Middlesex."
    )
    found = parser.parse(text)
    london = next(t for t in found if t.text == "London")
    assert london.place.id == "g:london-on"
    assert any("meet in CA-08" in r for r in london.reasons)


def test_the_famous_namesake_stays_without_a_meeting_area(parser):
    assert _where(parser, "Police in London said the drug crisis has spread.")["London"] == (
        "g:london"
    )


def test_a_named_country_keeps_its_namesake(parser):
    text = "Travellers from London, St. Thomas and Middlesex were in France, in Paris."
    assert _where(parser, text)["Paris"] == "g:paris"


STABBING = "A man was stabbed in London early on Sunday, police said."


def test_the_publishers_region_decides_between_namesakes(parser):
    assert _where(parser, Article("a", STABBING))["London"] == "g:london"
    for region in ({"place": "Ontario"}, {"place": "London, Ontario"}, {"country": "CA"}):
        (found,) = parser.parse(Article("b", STABBING, **region))
        assert found.place.id == "g:london-on", region
        assert any("publisher's" in r for r in found.reasons)


def test_records_carry_the_publishers_place_and_country(tmp_path):
    import json

    path = tmp_path / "news.jsonl"
    rows = [
        {"id": "a", "text": STABBING, "place": "London, Ontario", "country": "ca"},
        {"id": "b", "text": STABBING, "country": "Canada"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    problems = []
    a, b = read_articles(str(path), report=problems.append)
    assert (a.place, a.country) == ("London, Ontario", "CA")
    assert (b.place, b.country) == (None, None)
    assert len(problems) == 1 and "'Canada' is not an ISO 3166-1 alpha-2 code" in str(problems[0])


def _own(*places: Place) -> Geoparser:
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places))


def test_a_name_given_with_its_container_resolves_inside_it():
    parser = _own(
        _p("g:amara-iq", "Amara", 31.84, 47.14, "P", "PPL", "IQ", "14", 4_000),
        _p("g:amara-ng", "Amara", 10.5, 7.4, "P", "PPL", "NG", "18", 250_000),
        _p("g:maysan", "Maysan", 31.9, 47.1, "A", "ADM1", "IQ", "14", 1_100_000),
        _p("g:kumait", "Kumait", 32.04, 47.0, "P", "PPL", "IQ", "14", 30_000),
        _p("g:kumait-x", "Kumait", 12.0, 8.0, "P", "PPL", "NG", "18", 900),
    )
    for text, reason in (
        ("Clashes broke out in Amara, a town in Maysan, on Friday.", "in 'Maysan'"),
        ("Clashes broke out in the Amara district of Maysan on Friday.", "in 'Maysan'"),
        ("Clashes broke out in Amara, a village near Kumait, on Friday.", "near 'Kumait'"),
    ):
        amara = next(t for t in parser.parse(text) if t.text == "Amara")
        assert amara.place.id == "g:amara-iq", text
        assert reason in amara.reasons, text


def test_a_possessive_container_places_the_next_name_inside_it():
    parser = _own(
        _p("g:ly", "Libya", 27.0, 17.0, "A", "PCLI", "LY", pop=6_700_000),
        _p("g:lb", "Lebanon", 33.9, 35.9, "A", "PCLI", "LB", pop=6_800_000),
        _p("g:tripoli-ly", "Tripoli", 32.89, 13.19, "P", "PPLC", "LY", "77", 1_150_000),
        _p("g:tripoli-lb", "Tripoli", 34.44, 35.85, "P", "PPLA", "LB", "09", 230_000),
    )
    text = "Libya sent aid. Protesters burned the town hall in Lebanon's northern city of Tripoli."
    tripoli = next(t for t in parser.parse(text) if t.text == "Tripoli")
    assert tripoli.place.id == "g:tripoli-lb"
    assert "in 'Lebanon' (possessive)" in tripoli.reasons


def test_a_stated_town_the_gazetteer_lacks_is_placed_at_its_container():
    parser = _own(
        _p("g:mm", "Myanmar", 21.0, 96.0, "A", "PCLI", "MM", pop=54_000_000),
        _p("g:sagaing", "Sagaing", 24.0, 95.5, "A", "ADM1", "MM", "10", 5_300_000),
        _p("g:pale-ba", "Pale", 43.82, 18.57, "P", "PPL", "BA", "02", 7_500),
    )
    text = "A villager in Pale Township, Sagaing Region, was killed in an airstrike."
    pale = next(t for t in parser.parse(text) if t.text == "Pale")
    assert pale.place.id == "g:sagaing"
    assert any(r.startswith("not in the gazetteer: placed at 'Sagaing") for r in pale.reasons)
    # a town of the container's country stays the town
    parser = _own(
        _p("g:sagaing", "Sagaing", 24.0, 95.5, "A", "ADM1", "MM", "10", 5_300_000),
        _p("g:pale-mm", "Pale", 21.9, 94.9, "P", "PPL", "MM", "10", 3_000),
        _p("g:pale-ba", "Pale", 43.82, 18.57, "P", "PPL", "BA", "02", 7_500),
    )
    pale = next(t for t in parser.parse(text) if t.text == "Pale")
    assert pale.place.id == "g:pale-mm"


def test_a_village_given_with_a_town_of_another_country_is_placed_at_the_town():
    towns = (
        _p("g:ke", "Kenya", 0.5, 37.9, "A", "PCLI", "KE", pop=50_000_000),
        _p("g:kilindi", "Kilindi", -2.27, 40.9, "P", "PPLA", "KE", "30", 25_000),
        _p("g:mbaru", "Mbaru", -1.5, 40.0, "P", "PPL", "KE", "30", 12_000),
        _p("g:dosa-ng", "Dosa", 11.9, 8.5, "P", "PPL", "NG", "24", 0),
    )
    parser = _own(*towns)
    text = "In Kenya, gunmen ambushed a convoy in Dosa, Kilindi, killing five soldiers."
    dosa = next(t for t in parser.parse(text) if t.text == "Dosa")
    assert dosa.place.id == "g:kilindi"
    assert any(r.startswith("not in the gazetteer: placed at 'Kilindi") for r in dosa.reasons)
    # a list goes on after the second name: peers, not a container; and the hamlet in
    # Nigeria, a country the story never names, is no reading of a Kenyan village either
    text = "In Kenya, gunmen raided farms in Dosa, Kilindi and Mbaru, killing five soldiers."
    dosa = next(t for t in parser.parse(text) if t.text == "Dosa")
    assert dosa.place is None
    assert [c.place.id for c in dosa.candidates] == ["g:dosa-ng"]


def test_a_town_given_with_its_state_and_found_only_elsewhere_is_placed_at_the_state():
    places = (
        _p("g:us", "United States", 39.8, -98.5, "A", "PCLI", "US", pop=327_000_000),
        _p("g:mo", "Missouri", 38.25, -92.5, "A", "ADM1", "US", "MO", 6_000_000),
        _p("g:fairbank-tx", "Fairbank", 33.9, -98.7, "P", "PPL", "US", "TX", 1_700),
    )
    parser = _own(*places)
    text = "FAIRBANK, Mo. - Two men were hurt in a crash south of Fairbank, Missouri, on Friday."
    found = [t for t in parser.parse(text) if t.text.lower() == "fairbank"]
    assert [t.place.id for t in found] == ["g:mo", "g:mo"]
    assert any("placed at 'Missouri', the state it is given with" in r for r in found[1].reasons)
    # the same with given spans
    spans = tuple(
        GivenSpan(m, m + len(n), n)
        for n in ("FAIRBANK", "Mo.", "Fairbank", "Missouri")
        for m in [text.index(n)]
    )
    given = parser.resolve_spans(Article(id="a", text=text, toponyms=spans))
    assert [t.place.id for t in given] == ["g:mo", "g:mo", "g:mo", "g:mo"]
    # a town of the state stays the town; a sizeable city stays itself (a list)
    parser = _own(*places, _p("g:fairbank-mo", "Fairbank", 39.0, -92.0, "P", "PPL", "US", "MO", 90))
    assert _where(parser, text)["Fairbank"] == "g:fairbank-mo"
    parser = _own(*places[:2], _p("g:fb", "Fairbank", 33.9, -98.7, "P", "PPL", "US", "TX", 90_000))
    assert _where(parser, "Floods hit Fairbank, Missouri and Kansas.")["Fairbank"] == "g:fb"


def test_a_lone_hamlet_is_weak_evidence_of_the_articles_country():
    places = [
        _p("g:paris", "Paris", 48.85, 2.35, "P", "PPLC", "FR", "11", 2_100_000),
        _p("g:paris-tx", "Paris", 33.66, -95.56, "P", "PPL", "US", "TX", 25_000),
        _p("g:hamlet", "Smallbrook", 35.0, -97.0, "P", "PPL", "US", "OK", 300),
    ]
    parser = Geoparser(
        Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places)
    )
    text = "Visitors from Smallbrook went to Paris."
    spans = tuple(
        GivenSpan(text.index(n), text.index(n) + len(n), n) for n in ("Smallbrook", "Paris")
    )
    paris = parser.resolve_spans(Article(id="a", text=text, toponyms=spans))[1]
    texan = next(c for c in paris.candidates if c.place.id == "g:paris-tx")
    # the hamlet alone (weight 0.25) earns the United States a quarter of the focus points
    assert "article focus US 0.25" in texan.reasons
    assert paris.place.id == "g:paris"


KENYA = (
    _p("g:ke", "Kenya", 1.0, 38.0, "A", "PCLI", "KE", pop=53_000_000),
    _p("g:rw", "Rwanda", -2.0, 30.0, "A", "PCLI", "RW", pop=12_000_000),
    _p("g:nairobi", "Nairobi", -1.28, 36.82, "P", "PPLC", "KE", "30", 2_750_000),
    _p("g:eldoret", "Eldoret", 0.52, 35.27, "P", "PPLA", "KE", "08", 290_000),
    _p("g:nyanza-rw", "Nyanza", -2.35, 29.75, "P", "PPL", "RW", "15", 32_000),
)


def test_a_province_the_gazetteer_lacks_stays_in_the_articles_country():
    parser = _own(*KENYA)
    text = (
        "Cholera has killed 40 people in Kenya, officials in Nairobi and Eldoret said. "
        "Most of the dead were in Nyanza province, and Nyanza has few clinics."
    )
    found = [t for t in parser.parse(text) if t.text == "Nyanza"]
    assert [t.place.id for t in found] == ["g:ke", "g:ke"]
    assert any("an area the gazetteer lacks, in Kenya" in r for r in found[0].reasons)
    # nothing says it is a province: the town abroad stays a candidate, but a small town
    # in a country the story never names is no reading of it (strays): left unresolved
    plain = "Cholera has killed 40 people in Kenya, officials in Nairobi said. Nyanza is calm."
    (nyanza,) = (t for t in parser.parse(plain) if t.text == "Nyanza")
    assert nyanza.place is None
    assert [c.place.id for c in nyanza.candidates] == ["g:nyanza-rw"]


def test_provinces_named_by_the_compass_in_a_list_stay_in_the_articles_country():
    parser = _own(
        *KENYA,
        _p("g:ug", "Uganda", 1.3, 32.3, "A", "PCLI", "UG", pop=44_000_000),
        _p("g:ug-w", "Western", 0.9, 30.7, "A", "ADM1", "UG", "W", 8_000_000),
        _p("g:ug-e", "Eastern", 1.2, 33.8, "A", "ADM1", "UG", "E", 9_000_000),
        _p("g:kisumu", "Kisumu", -0.1, 34.75, "P", "PPLA", "KE", "17", 400_000),
    )
    text = (
        "Cholera has killed 40 people in Kenya, officials in Nairobi said. Cases were "
        "reported in the provinces of Nyanza, North Eastern and Western, and in Kisumu."
    )
    names = ("Kenya", "Nairobi", "Nyanza", "North Eastern", "Western", "Kisumu")
    spans = tuple(GivenSpan(text.index(n), text.index(n) + len(n), n) for n in names)
    found = parser.resolve_spans(Article(id="a", text=text, toponyms=spans))
    got = {t.text: t.place.id for t in found}
    assert [got[n] for n in ("Nyanza", "North Eastern", "Western")] == ["g:ke"] * 3
    # a province of a country the article is not about keeps its own place
    text = "Floods hit Uganda, officials in Kampala said, and the Western province is cut off."
    spans = tuple(
        GivenSpan(text.index(n), text.index(n) + len(n), n) for n in ("Uganda", "Western")
    )
    assert parser.resolve_spans(Article(id="b", text=text, toponyms=spans))[1].place.id == "g:ug-w"


def test_a_country_code_web_address_is_weak_evidence_of_the_publishers_country():
    parser = _own(
        _p("g:gb", "United Kingdom", 54.8, -2.7, "A", "PCLI", "GB", pop=66_000_000),
        _p("g:ca", "Canada", 60.1, -113.6, "A", "PCLI", "CA", pop=37_000_000),
        _p("g:halton-gb", "Halton", 53.33, -2.7, "P", "PPL", "GB", "ENG", 100_000),
        _p("g:halton-ca", "Halton", 43.53, -79.87, "P", "PPL", "CA", "08", 120_000),
    )
    text = "Flooding closed roads in Halton on Monday."

    def halton(url):
        (found,) = parser.parse(Article("a", text, url=url))
        return found

    assert halton(None).place.id == "g:halton-ca"
    uk = halton("https://news.example.co.uk/2024/floods")
    assert uk.place.id == "g:halton-gb"
    assert "in the publisher's country GB (its web address ends in .uk)" in uk.reasons
    # generic domains, and country codes sold as generic names, say nothing
    for url in ("https://example.com/floods", "https://example.tv/floods", "not a url"):
        assert halton(url).place.id == "g:halton-ca", url
    # a country the text names outweighs the web address
    named = "Flooding closed roads in Halton, Canada, on Monday."
    (found, _) = parser.parse(Article("b", named, url="https://example.co.uk/x"))
    assert found.place.id == "g:halton-ca"


RALLY = (
    "Hundreds rallied in London on Saturday to urge Canada to take in more refugees. "
    "Canada has taken in 40,000 so far, and the organisers said Canada could do more."
)


def test_a_famous_namesake_in_a_country_never_named_yields_to_the_articles_country(parser):
    (london, *_) = parser.parse(RALLY)
    assert london.place.id == "g:london-on"
    famous = next(c for c in london.candidates if c.place.id == "g:london")
    assert "in a country the article never names; it is about CA" in famous.reasons
    # the famous namesake's country named once, or the other country named only once
    named = RALLY.replace("Saturday", "Saturday, as in the United Kingdom,")
    assert parser.parse(named)[0].place.id == "g:london"
    once = "Hundreds rallied in London on Saturday to urge Canada to take in more refugees."
    assert parser.parse(once)[0].place.id == "g:london"


def test_a_small_place_abroad_reached_by_an_alternate_name_is_set_aside():
    records = [
        PlaceRecord(place=_p("g:tm", "Testmark", 50.0, 10.0, "A", "PCLI", "TM", pop=5_000_000),
                    names=("Testmark",)),
        PlaceRecord(place=_p("g:kor", "Korvel", 50.1, 10.1, "P", "PPLA", "TM", "01", 80_000),
                    names=("Korvel",)),
        PlaceRecord(place=_p("g:ostra", "Ostrava Nova", 40.0, 25.0, "P", "PPL", "OT", "02", 9_000),
                    names=("Ostrava Nova", "Ostrena")),
    ]  # fmt: skip
    parser = Geoparser(Gazetteer.from_records(records))
    text = (
        "Gunmen attacked a police patrol in the village of Ostrena near Korvel, "
        "police in Testmark said. Testmark has sent more officers to Korvel."
    )
    ostrena = next(t for t in parser.parse(text) if t.text == "Ostrena")
    assert ostrena.place is None
    assert ostrena.candidates[0].place.id == "g:ostra"  # kept as evidence
    assert any("it is about TM" in r for r in ostrena.reasons)
    # named by its own main name, it is set aside all the same when it is the name's only
    # reading (a namesake of a village the gazetteer lacks) ...
    assert _where(parser, text.replace("Ostrena", "Ostrava Nova"))["Ostrava Nova"] is None
    # ... and in a story that names its country, it stays
    records.append(PlaceRecord(place=_p("g:ot", "Otherland", 41.0, 24.0, "A", "PCLI", "OT"),
                               names=("Otherland",)))  # fmt: skip
    parser = Geoparser(Gazetteer.from_records(records))
    assert _where(parser, text + " Otherland condemned it.")["Ostrena"] == "g:ostra"


def test_a_town_said_to_lie_in_a_town_or_district_stays_in_that_country():
    parser = _own(
        _p("g:tm", "Testmark", 50.0, 10.0, "A", "PCLI", "TM", pop=5_000_000),
        _p("g:velm", "Velmora", 50.2, 10.3, "P", "PPLA2", "TM", "01", 20_000),
        _p("g:dorn", "Dornholm", 50.3, 10.1, "A", "ADM2", "TM", "01", 60_000),
        _p("g:sirka", "Sirka", -20.0, 130.0, "P", "PPL", "OT", "02", 3_000),
        _p("g:brun", "Brunnach", -22.0, 131.0, "P", "PPL", "OT", "02", 45_000),
        _p("g:lisle", "Lisle", -21.0, 132.0, "T", "ISL", "OT", "02", 0),
    )
    for text, name, container in (
        ("Two guards were shot in the village of Sirka in the municipality of Velmora.",
         "Sirka", "g:velm"),
        ("Two guards were shot in the village of Sirka, within the municipality of Velmora.",
         "Sirka", "g:velm"),
        ("Two guards were shot in the Sirka area in Dornholm.", "Sirka", "g:dorn"),
        ("Two guards were shot in Brunnach in Dornholm.", "Brunnach", "g:dorn"),
    ):  # fmt: skip
        found = next(t for t in parser.parse(text) if t.text == name)
        assert found.place is not None and found.place.id == container, text
        assert any(r.endswith("its container") for r in found.reasons), text
    # a small town read without a kind word, or an island, is not moved into the container
    for text, name in (
        ("Two guards were shot in Sirka in Dornholm.", "Sirka"),
        ("Two guards from Lisle island in the district of Dornholm were shot.", "Lisle"),
    ):
        found = [t for t in parser.parse(text) if t.text == name]
        assert all(t.place is None or t.place.country_code == "OT" for t in found), text


def _given(parser: Geoparser, text: str, *names: str) -> dict[str, Toponym]:
    spans, at = [], 0
    for n in names:
        at = text.index(n, at)
        spans.append(GivenSpan(at, at + len(n), n))
        at += len(n)
    found = parser.resolve_spans(Article(id="a", text=text, toponyms=tuple(spans)))
    return {t.text: t for t in found}


def test_a_given_name_the_gazetteer_lacks_is_placed_at_its_container():
    parser = _own(
        _p("g:tm", "Testmark", 50.0, 10.0, "A", "PCLI", "TM", pop=5_000_000),
        _p("g:norva", "Norva", 50.5, 10.5, "A", "ADM1", "TM", "03", 900_000),
        _p("g:velm", "Velmora", 50.2, 10.3, "P", "PPLA2", "TM", "03", 20_000),
        _p("g:kessel", "Kesselburg", 50.1, 10.2, "P", "PPL", "TM", "03", 80_000),
        _p("g:brun", "Brunnach", 50.7, 10.9, "P", "PPL", "TM", "03", 45_000),
        _p("g:lindos", "Lindos", 50.8, 10.1, "P", "PPL", "TM", "03", 300_000),
        _p("g:sea", "Grey Sea", 55.0, 12.0, "H", "SEA", ""),
    )
    for text, names, name, container in (
        ("Shells hit the villages of Osk and Tarn in Norva on Sunday.",
         ("Osk", "Tarn", "Norva"), "Osk", "g:norva"),
        ("Shells hit the villages of Osk and Tarn in Norva on Sunday.",
         ("Osk", "Tarn", "Norva"), "Tarn", "g:norva"),
        ("Shells hit the Osk district of Velmora.", ("Osk", "Velmora"), "Osk", "g:velm"),
        ("Shells hit Osk, Norva, on Sunday.", ("Osk", "Norva"), "Osk", "g:norva"),
        ("Farmers in the Osk district, Norva province, lack seed.", ("Osk", "Norva"), "Osk",
         "g:norva"),
        ("Shells hit Kesselburg's Osk Park.", ("Kesselburg", "Osk Park"), "Osk Park",
         "g:kessel"),
        ("Shells hit Lindos' old Osk Square.", ("Lindos", "Osk Square"), "Osk Square",
         "g:lindos"),
        ("Shells hit Osk, a suburb near Kesselburg.", ("Osk", "Kesselburg"), "Osk", "g:kessel"),
        ("Shells hit a market in Osk, Kesselburg, Testmark.",
         ("Osk", "Kesselburg", "Testmark"), "Osk", "g:kessel"),
    ):  # fmt: skip
        found = _given(parser, text, *names)[name]
        assert found.place is not None and found.place.id == container, text
        assert any(r.startswith("not in the gazetteer: placed at") for r in found.reasons), text
    # a list of towns is no container, nor is a name with nothing around it
    for text, names, name in (
        ("Shells hit Brunnach, Osk, Kesselburg and Velmora.",
         ("Brunnach", "Osk", "Kesselburg", "Velmora"), "Osk"),
        ("Shells hit Osk, Kesselburg and Velmora.", ("Osk", "Kesselburg", "Velmora"), "Osk"),
        ("Shells hit Osk on Sunday; Norva sent help.", ("Osk", "Norva"), "Osk"),
        ("Gulls nest on the island Osk in the Grey Sea.", ("Osk", "Grey Sea"), "Osk"),
    ):  # fmt: skip
        assert _given(parser, text, *names)[name].place is None, text


def test_a_compass_word_shares_the_name_of_the_next_one():
    parser = _own(
        _p("g:ug-e", "Eastern", 1.0, 33.7, "A", "ADM1", "UG", "E", 1_200_000),
        _p("g:ee", "Eastern Europe", 50.0, 28.0, "L", "RGN", ""),
        _p("g:se", "Southern Europe", 41.0, 13.0, "L", "RGN", ""),
        _p("g:kr", "South Korea", 36.5, 127.9, "A", "PCLI", "KR", pop=51_000_000),
        _p("g:kp", "North Korea", 40.0, 127.0, "A", "PCLI", "KP", pop=25_000_000),
        _p("g:north", "North", 35.0, -80.0, "P", "PPL", "US", "SC", 800),
    )
    for text, names, name, where in (
        ("Sales to Eastern and Southern Europe fell.", ("Eastern", "Southern Europe"),
         "Eastern", "g:ee"),
        ("Talks between North and South Korea stalled.", ("North", "South Korea"),
         "North", "g:kp"),
        ("Talks between North and South Korea stalled.", ("North", "South Korea"),
         "South Korea", "g:kr"),
    ):  # fmt: skip
        found = _given(parser, text, *names)[name]
        assert found.place is not None and found.place.id == where, text
        assert any(r.startswith("shares ") for r in found.reasons) or name == "South Korea"
    # a compass word before another name of its own stays what it was
    found = _given(parser, "From Eastern to South Korea.", "Eastern", "South Korea")["Eastern"]
    assert found.place is not None and found.place.id == "g:ug-e"
    # and so the recognizer reads it
    found = _where(parser, "Sales to Eastern and Southern Europe fell.")
    assert found == {"Eastern": "g:ee", "Southern Europe": "g:se"}


def test_a_region_named_after_a_town_of_a_country_the_story_names_is_not_lacking():
    # "the Kursk region" in a story about Ukraine that names Russia is Russia's, around
    # the town: no area of Ukraine the gazetteer lacks
    parser = _own(
        _p("g:ua", "Ukraine", 49.0, 32.0, "A", "PCLI", "UA", pop=41_000_000),
        _p("g:ru", "Russia", 60.0, 100.0, "A", "PCLI", "RU", pop=144_000_000),
        _p("g:kyiv", "Kyiv", 50.45, 30.52, "P", "PPLC", "UA", "12", 2_900_000),
        _p("g:kharkiv", "Kharkiv", 49.98, 36.25, "P", "PPLA", "UA", "07", 1_400_000),
        _p("g:lviv", "Lviv", 49.84, 24.03, "P", "PPLA", "UA", "15", 720_000),
        _p("g:tambov", "Tambov", 52.73, 41.44, "P", "PPL", "RU", "72", 290_000),
    )
    text = (
        "Officials in Kyiv, Kharkiv and Lviv said Ukraine had sent drones into Russia, "
        "and that fires burned in the Tambov region overnight."
    )
    (tambov,) = (t for t in parser.parse(text) if t.text == "Tambov")
    assert tambov.place.id == "g:tambov"


SUDAN = (
    _p("g:sd", "Sudan", 15.0, 30.0, "A", "PCLI", "SD", pop=43_000_000),
    _p("g:khartoum", "Khartoum", 15.55, 32.53, "P", "PPLC", "SD", "29", 1_970_000),
    _p("g:kassala", "Kassala", 15.45, 36.4, "P", "PPLA", "SD", "52", 400_000),
    _p("g:gezira", "Gezira", 14.4, 33.4, "A", "ADM1", "SD", "38", 3_500_000),
    _p("g:jazira-iq", "Jazira", 33.1, 43.2, "P", "PPL", "IQ", "01", 2_000),  # a namesake abroad
)


def test_an_area_the_gazetteer_spells_otherwise_is_that_area():
    # "Jazira State" is the state the gazetteer holds as "Gezira" (also "Al Jazirah"):
    # an area of the story's country, not the country as a whole
    records = (
        PlaceRecord(place=p, names=(p.name, "Al Jazirah") if p.id == "g:gezira" else (p.name,))
        for p in SUDAN
    )
    parser = Geoparser(Gazetteer.from_records(records))
    text = (
        "Shelling killed 12 people in Sudan, officials in Khartoum and Kassala said. Most "
        "of the dead were in Al-Jazira State, and Al-Jazira has few clinics."
    )
    found = [t for t in parser.parse(text) if "Jazira" in t.text]
    assert found and all(t.place.id == "g:gezira" for t in found)
    # "Al Jazirah" is indexed without its final h too (an Arabic-named area), so the
    # name is read as the state directly, not as a spelling of it the gazetteer lacks
    assert "admin1 area" in found[0].reasons
    assert not any("lacks" in r for t in found for r in t.reasons)
    # a gazetteer that spells it only otherwise ("Jezira"): read as a spelling of the state
    records = (
        PlaceRecord(place=p, names=(p.name, "Jezira") if p.id == "g:gezira" else (p.name,))
        for p in SUDAN
    )
    found = [
        t for t in Geoparser(Gazetteer.from_records(records)).parse(text) if "Jazira" in t.text
    ]
    assert found and all(t.place.id == "g:gezira" for t in found)
    assert any("a spelling of Gezira" in r for r in found[0].reasons)


def test_a_bare_name_of_the_dateline_is_the_dateline_town(embedded):
    # GeoNames names the governorate "Jenin" and the town "Janīn": the body's bare "Jenin"
    # under a JENIN dateline is the reporter's town, not the governorate
    text = (
        "JENIN, West Bank — Troops withdrew from the Jenin refugee camp on Wednesday after "
        "a two-day raid, and residents returned to Jenin's streets."
    )
    found = [t for t in embedded.parse(text) if t.text.upper().startswith("JENIN")]
    assert len(found) == 3 and {t.place.id for t in found} == {"geonames:283506"}
    # a name that says what it is keeps its own reading ("Kaduna state" under KADUNA)
    text = "KADUNA, Nigeria — Gunmen killed five villagers in Kaduna state on Sunday."
    kinds = [t.place.feature_code for t in embedded.parse(text) if t.text.upper() == "KADUNA"]
    state = [t.place.feature_code for t in embedded.parse(text) if t.text == "Kaduna state"]
    assert kinds[:1] == ["PPLA"] and (state == ["ADM1"] or kinds[1:] == ["ADM1"])
