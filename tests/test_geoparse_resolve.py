"""Resolution rules: qualifiers, landmarks, focus, one sense per name, confidence, spans."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.geoparse import Geoparser
from incidentmap.model import Article, GivenSpan
from test_geoparse_support import tiny_gazetteer


@pytest.fixture(scope="module")
def parser() -> Geoparser:
    return Geoparser(tiny_gazetteer())


def placed(parser: Geoparser, text: str) -> list[tuple[str, str | None]]:
    return [(t.text, t.place.id if t.place else None) for t in parser.parse(text)]


def test_region_after_a_comma_picks_the_place_inside_it(parser):
    assert placed(parser, "A tornado hit Springfield, Illinois.")[0] == ("Springfield", "g:spr-il")
    assert placed(parser, "A tornado hit Springfield, Missouri.")[0] == ("Springfield", "g:spr-mo")
    assert placed(parser, "Rockets fell on Erbil, Iraq, at night.")[0] == ("Erbil", "g:erbil")


def test_landmark_wins_inside_its_city(parser):
    got = placed(parser, "Protesters stormed the Green Zone in Baghdad.")
    assert got == [("Green Zone", "curated:green-zone-baghdad"), ("Baghdad", "g:baghdad")]


def test_city_rather_than_its_same_named_province(parser):
    assert placed(parser, "Blasts shook Baghdad on Friday.") == [("Baghdad", "g:baghdad")]


def test_article_focus_decides_between_namesakes(parser):
    got = dict(placed(parser, "Officials in Tbilisi said Georgia would not join."))
    assert got["Georgia"] == "g:ge"
    got = dict(placed(parser, "Storms hit Atlanta, Georgia, and Georgia's farms."))
    assert got["Georgia"] == "g:usga"


def test_one_sense_per_name_per_article(parser):
    text = "Springfield, Illinois, voted. Later Springfield counted the ballots."
    ids = {pid for name, pid in placed(parser, text) if name == "Springfield"}
    assert ids == {"g:spr-il"}


def test_confidence_and_losing_candidates_are_kept(parser):
    (t,) = parser.parse("Rockets hit Springfield.")
    assert 0.0 < t.confidence < 1.0
    assert {c.place.id for c in t.candidates} == {"g:spr-il", "g:spr-mo"}
    assert t.candidates[0].place == t.place and t.candidates[0].reasons
    (sure,) = parser.parse("Troops left Afghanistan.")
    assert sure.confidence > t.confidence


def test_given_mentions_are_resolved_in_input_order(parser):
    text = "Clashes in Ramadi and in Erbil."
    article = Article(
        id="a",
        text=text,
        toponyms=(GivenSpan(25, 30, "Erbil"), GivenSpan(11, 17, "Ramadi")),
    )
    got = [(t.text, t.place.id) for t in parser.resolve_spans(article)]
    assert got == [("Erbil", "g:erbil"), ("Ramadi", "g:ramadi")]


def test_given_demonym_and_abbreviation_spans(parser):
    text = "Iraqi troops and U.S. advisers"
    article = Article(
        id="a", text=text, toponyms=(GivenSpan(0, 5, "Iraqi"), GivenSpan(17, 21, "U.S."))
    )
    got = [(t.kind, t.place.id) for t in parser.resolve_spans(article)]
    assert got == [("demonym", "g:iq"), ("place", "g:us")]


def test_span_out_of_range_is_a_clear_input_error(parser):
    article = Article(
        id="a", text="Baghdad", toponyms=(GivenSpan(3, 40, "dad"),), source="x.jsonl", line=3
    )
    with pytest.raises(InputError, match=r"x.jsonl:3: mention span 3..40"):
        parser.resolve_spans(article)


def test_unknown_given_mention_is_unresolved_not_an_error(parser):
    article = Article(
        id="a", text="Clashes in Nowhereville.", toponyms=(GivenSpan(11, 23, "Nowhereville"),)
    )
    (t,) = parser.resolve_spans(article)
    assert t.place is None and t.confidence == 0.0


@pytest.mark.parametrize("text", ["Mo", "They flew in from Calif", "Calif. fires"])
def test_an_abbreviation_mention_is_the_text_as_written(parser, text):
    # "Mo" at the end of a text has no period to include: the span must not run past it
    for t in parser.parse(text):
        assert text[t.start : t.end] == t.text and t.end <= len(text)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_offsets_always_point_at_the_mention_text(parser, text):
    for t in parser.parse(text):
        assert text[t.start : t.end] == t.text
        assert 0.0 <= t.confidence <= 1.0


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Baghdad",
                "U.S.",
                "Iraqi",
                "Iran-linked",
                "Calif.",
                "Sadr City",
                "Most",
                "March",
                "Erbil, Iraq",
                "the",
                "police",
                "President",
                "Mr.",
                "al-",
                "—",
                "\n",
                ",",
                " ",
                "é",
            ]
        ),
        max_size=40,
    )
)
def test_offsets_on_name_heavy_text(parser, parts):
    text = " ".join(parts)
    for t in parser.parse(text):
        assert text[t.start : t.end] == t.text


def test_whole_country_mentions_keep_the_gazetteer_point():
    # The gazetteer places a country at the middle of its main part; the geoparser no
    # longer moves it, so a toponym's place is exactly the gazetteer's.
    gazetteer = tiny_gazetteer()
    (t,) = Geoparser(gazetteer).parse("Troops left Iraq.")
    assert t.place == gazetteer.get("g:iq")


def _made_up() -> Geoparser:
    from incidentmap.gazetteer import Gazetteer, PlaceRecord
    from test_geoparse_support import _p

    places = [
        _p("n:corvia", "Corvia", 42.0, 43.5, "A", "PCLI", "CV", pop=3_700_000),
        _p("n:corvia-us", "Corvia", 32.7, -83.5, "A", "ADM1", "US", "GA", 4_800_000),
        _p("n:delphos-us", "Delphos", 33.96, -83.38, "P", "PPL", "US", "GA", 120_000),
        _p("n:delphos-gr", "Delphos", 37.98, 23.72, "P", "PPLC", "GR", "35", 660_000),
        _p("n:velland", "Velland", 33.9, 35.9, "A", "PCLI", "VL", pop=6_800_000),
        _p("n:tarsa-vl", "Tarsa", 34.4, 35.8, "P", "PPL", "VL", "09", 230_000),
        _p("n:tarsa-os", "Tarsa", 32.9, 13.2, "P", "PPLC", "OS", "77", 1_300_000),
    ]
    return Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=(p.name,)) for p in places))


def test_a_name_written_in_a_container_picks_the_containers_reading_that_holds_it():
    # "Corvia" reads best as the country, but only the state holds a Delphos
    got = placed(_made_up(), "A tornado tore through Delphos in Corvia on Sunday.")
    assert got == [("Delphos", "n:delphos-us"), ("Corvia", "n:corvia-us")]


def test_a_container_after_a_comma_and_in_holds_the_name_before_it():
    # "Tarsa, in northern Velland": not the capital of another country called Tarsa
    got = placed(_made_up(), "A car bomb went off in Tarsa, in northern Velland, at dawn.")
    assert got == [("Tarsa", "n:tarsa-vl"), ("Velland", "n:velland")]


def test_a_possessive_holds_no_name_past_a_preposition():
    # "Velland's president flew to Tarsa": the clause goes on past the possessive, which
    # puts no Tarsa in Velland ("Velland's northern town of Tarsa" would)
    got = placed(_made_up(), "Velland's president flew to Tarsa for talks.")
    assert got == [("Velland", "n:velland"), ("Tarsa", "n:tarsa-os")]
    got = placed(_made_up(), "Velland's northern town of Tarsa was calm.")
    assert got == [("Velland", "n:velland"), ("Tarsa", "n:tarsa-vl")]


def test_a_district_of_a_capital_leaves_the_capital_a_city():
    # the district lies in the capital's territory by its codes, not in the city: the
    # city named as the container is still the city
    from incidentmap.gazetteer import Gazetteer, PlaceRecord
    from test_geoparse_support import _p

    places = [
        (_p("n:osk", "Port Osk", -9.43, 159.95, "P", "PPLC", "NV", "01", 60_000), ("Port Osk",)),
        (_p("n:osk-ct", "Capital Territory", -9.44, 159.96, "A", "ADM1", "NV", "01", 65_000),
         ("Capital Territory", "Port Osk")),
        (_p("n:tarn", "Tarn", -9.44, 159.96, "P", "PPL", "NV", "01", 5_000), ("Tarn",)),
    ]  # fmt: skip
    parser = Geoparser(Gazetteer.from_records(PlaceRecord(place=p, names=n) for p, n in places))
    got = placed(parser, "Shops burned in the Tarn district of Port Osk on Friday.")
    assert got == [("Tarn", "n:tarn"), ("Port Osk", "n:osk")]


def test_a_reading_near_only_a_losing_namesake_gains_nothing():
    from incidentmap.geoparse.nearby import close_pairs
    from incidentmap.geoparse.recognize import Mention
    from incidentmap.geoparse.scored import Scored, best_of
    from incidentmap.model import Place

    def town(pid, lat, lon, cc, score):
        return Scored(Place(pid, pid, lat, lon, "P", "PPL", cc), score, [])

    # Orna lies 35 km from the two towns of the story in Velland; abroad, a namesake of
    # Orna lies beside a namesake of Brisk, but the story's Brisk is the one in Velland
    mentions = [Mention(0, 4, "Orna", "orna"), Mention(5, 9, "Tull", "tull"),
                Mention(10, 15, "Brisk", "brisk")]  # fmt: skip
    scored = [
        [town("orna-v", 37.54, -77.44, "VL", 4.8), town("orna-x", -30.0, 25.0, "XA", 4.7)],
        [town("tull-v", 37.23, -77.40, "VL", 6.6), town("tull-x", 59.9, 30.3, "XB", 6.4)],
        [town("brisk-v", 37.30, -77.30, "VL", 4.0), town("brisk-x", -30.05, 25.1, "XA", 3.8)],
    ]
    close_pairs(mentions, scored)
    assert [best_of(ss).place.id for ss in scored] == ["orna-v", "tull-v", "brisk-v"]


def test_a_trio_of_a_state_beats_a_pair_of_namesakes_abroad(embedded):
    text = "Police in Richmond said the man was also sought in Petersburg and Hopewell."
    got = {t.text: (t.place.country_code, t.place.admin1) for t in embedded.parse(text)}
    assert got == {n: ("US", "VA") for n in ("Richmond", "Petersburg", "Hopewell")}
