"""A demonstration told in several sentences is one event (issue 12).

Each sentence below is written for the test; it shows the rule, not an article.
"""

from __future__ import annotations

import datetime as dt

from incidentmap.incidents.crowds import fold_into_demonstrations
from incidentmap.incidents.document import read_article
from incidentmap.incidents.draft import Draft
from incidentmap.incidents.linking import link_mentions
from incidentmap.incidents.taxonomy import Taxonomy
from incidentmap.model import Article, Toponym
from test_incidents import KADUNA, KANO, kinds
from test_incidents_news_rules import foreground

PUBLISHED = dt.date(2024, 3, 10)


def test_detentions_told_with_the_rally_are_at_the_rally() -> None:
    text = "The detentions began in Kano long before the official start of the rally on Saturday."
    (rally,) = foreground(text, places={"Kano": KANO}, published=PUBLISHED)
    assert (rally.event_type.value, rally.sub_event_type) == (
        "Protests",
        "Protest with intervention",
    )


def test_an_arrest_the_rally_is_about_is_no_detention_at_it() -> None:
    text = "Students rallied in Kano on Saturday over the arrest of two classmates."
    assert kinds(foreground(text, places={"Kano": KANO}, published=PUBLISHED)) == [
        ("Protests", "Peaceful protest")
    ]


def test_the_rally_and_the_riot_of_a_day_and_town_are_one_demonstration() -> None:
    text = (
        "Clashes between protesters and police broke out in Kano on Saturday over fees.\n"
        "The governor has promised to review the fees next month.\n"
        "On Saturday hundreds of students rallied outside the assembly in Kano."
    )
    assert kinds(foreground(text, places={"Kano": KANO}, published=PUBLISHED)) == [
        ("Riots", "Violent demonstration")
    ]


def test_police_firing_and_stones_thrown_are_one_demonstration() -> None:
    text = (
        "Four people died in Kano on Saturday after police opened fire on students "
        "demonstrating against fees.\n"
        "The governor has promised to review the fees next month.\n"
        "Protesters also pelted stones at security forces in Kano, injuring an officer."
    )
    (riot,) = foreground(text, places={"Kano": KANO}, published=PUBLISHED)
    assert (riot.event_type.value, riot.sub_event_type) == ("Riots", "Violent demonstration")


def test_a_protest_set_apart_or_elsewhere_keeps_its_event() -> None:
    earlier = (
        "Clashes between protesters and police broke out in Kano on Saturday.\n"
        "Traders had also protested earlier against new market fees in Kano."
    )
    assert sorted(kinds(foreground(earlier, places={"Kano": KANO}, published=PUBLISHED))) == [
        ("Protests", "Peaceful protest"),
        ("Riots", "Violent demonstration"),
    ]
    elsewhere = (
        "Clashes between protesters and police broke out in Kano on Saturday.\n"
        "Students rallied peacefully in Kaduna on Saturday."
    )
    places = {"Kano": KANO, "Kaduna": KADUNA}
    assert sorted(kinds(foreground(elsewhere, places=places, published=PUBLISHED))) == [
        ("Protests", "Peaceful protest"),
        ("Riots", "Violent demonstration"),
    ]


def test_looters_in_a_strike_are_no_riot_of_the_protest() -> None:
    text = (
        "Police officers in Kano walked off the job on Saturday, protesting against pay cuts.\n"
        "Looters ransacked shops in Kano on Saturday as the officers marched in protest."
    )
    found = kinds(foreground(text, places={"Kano": KANO}, published=PUBLISHED))
    assert ("Protests", "Peaceful protest") in found


def _drafts(text: str) -> list[Draft]:
    """The drafts one text links into, with Kano placed wherever it is named."""
    toponyms = []
    at = text.find("Kano")
    while at >= 0:
        toponyms.append(Toponym(at, at + 4, "Kano", "place", KANO, 0.9))
        at = text.find("Kano", at + 4)
    return link_mentions(read_article(Article("t", text, published=PUBLISHED), toponyms))


def test_an_arrest_folded_into_a_peaceful_protest_makes_it_one_with_intervention() -> None:
    # linking already joins most detentions to the march; the fold meets those it missed
    (march,) = _drafts("Traders marched against fuel prices in Kano on Saturday.")
    (arrest,) = _drafts(" " * 80 + "Police detained 12 people in Kano on Saturday.")
    assert arrest.sub_event_type == "Arrests"
    (folded,) = fold_into_demonstrations([march, arrest], Taxonomy.default())
    assert folded.sub_event_type == "Protest with intervention"
