"""The place of an event mention's clause.

The clause's most specific toponym (:func:`~.locate.choose_location`), else one from the
parts of the sentence that report no other event, else the town a "the city" refers
back to ("the capital": the capital of the country in question, or the one the story
names most); not a place written right after another event's noun ("the recapture of
X"), when the clause names another.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import GeoPrecision, Place, Toponym
from .bearing import anchor_km
from .fallback import previous_town, seat_of
from .locate import choose_location
from .mentions import Mention
from .places import Location, specificity
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .facts import Index

__all__ = ["clause_place"]

#: Where the event was, told later in the sentence that refers to it ("... confirmed the
#: attack, said the killing took place at X"): the places after it are the event's.
_TOLD_WHERE = re.compile(
    r"\b(?:happened|took place|occurred|unfolded)\s+(?:\w+\s+){0,2}?(?:at|in|near|on|around)\b",
    re.IGNORECASE,
)
#: "In Camagüey, residents said troops tried to stop the protesters": a sentence that
#: opens with where it is set places all it tells, the events it refers back to too.
_SET_IN = re.compile(r"\s*(?:Also\s+)?(?:In|At)\s[^,.;:!?]{1,60},")


def clause_place(
    text: str,
    mention: Mention,
    others: list[Mention],
    places: Index,
    tax: Taxonomy,
    *,
    referring: bool = False,
    occurred: bool = False,
) -> Location | None:
    """Return the place of a mention's clause, if it tells one.

    ``places`` are the article's toponyms and ``others`` the other mentions of the
    sentence: a clause without a place borrows one from the clauses that report no other
    event. With ``referring`` (a mention that refers back, "the attack") only a place
    near its noun counts ("the attack in X"), or one the sentence opens with ("In X,
    ..."), or, with ``occurred`` or a later "took place at", one of the rest of the
    sentence.
    """
    lo, hi, anchor = mention.clause_start, mention.clause_end, mention.trigger.start
    tops = [t for t in places.within(lo, hi) if isinstance(t, Toponym)]
    if not any(t.kind == "place" and t.place is not None for t in tops):
        sent = mention.sentence
        taken = [(m.clause_start, m.clause_end) for m in others if m is not mention]
        tops = [
            t
            for t in places.within(sent.start, sent.end)
            if isinstance(t, Toponym) and not any(a <= t.start < b for a, b in taken)
        ]
    if referring:  # "the attack in X" places it; a place elsewhere in the sentence may not
        told_where = occurred or _TOLD_WHERE.search(text, mention.trigger.end, mention.sentence.end)
        reach = mention.sentence.end if told_where else 40
        near_noun = (mention.trigger.start - 30, max(mention.trigger.end + 40, reach))
        frame = _SET_IN.match(text, mention.sentence.start)
        set_in = frame.end() if frame else mention.sentence.start
        tops = [
            t for t in tops if (near_noun[0] <= t.start and t.end <= near_noun[1]) or t.end < set_in
        ]
    tops = _not_of_other_events(text, mention, tops, tax)
    location = choose_location(text, tops, anchor=anchor, taxonomy=tax)
    # "400 km north of the capital": a distance's reference, not the scene referred to
    anaphor = next(
        (
            a
            for a in tax.cues.place_anaphor.finditer(text, lo, hi)
            if anchor_km(text, Toponym(a.start(), a.end(), a.group())) is None
            and not _names_unknown(text, a, places)
        ),
        None,
    )
    if (location is None or specificity(location.place) < 3) and anaphor:
        named = [t for t in places.within(0, mention.sentence.start) if isinstance(t, Toponym)]
        town = previous_town(named, mention.sentence.start)
        if _CAPITAL.search(anaphor.group()) and (
            town is None or town.place.feature_code not in _CAPITALS
        ):  # "the capital" is no town but a capital: the country's in question
            town = _capital_of(location if location and location.place.is_country else None, named)
        elif _CAPITAL.search(anaphor.group()) and town is not None:
            town = _most_named_capital(named, town)
        location = town or location
    return location


#: What joins an event noun to the place it names: "the recapture of X", "the bombing in X".
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:of|in|at|on)\s+)?(?:the\s+)?(?:\w+ern\s+)?(?:(?:town|city|village)\s+of\s+)?"
)


def _not_of_other_events(
    text: str, mention: Mention, tops: list[Toponym], tax: Taxonomy
) -> list[Toponym]:
    """Leave out the places a clause names as the scene of another event than the mention's.

    In news copy a place written right after an event noun is that event's: in "crowds in
    A and B marched to hail the recapture of X", X was recaptured, A and B marched; in
    "protests in London against the bombing of X" the protests were in London. Such a
    place is left out when the clause names another one to place the mention by (alone,
    it may still be the best the clause tells).
    """
    own = mention.trigger
    # one place to leave out and one to keep, the first after the mention's trigger: else
    # there is nothing to leave out, and the clause is not searched for triggers again
    if len(tops) < 2 or not any(top.start > own.end for top in tops):
        return tops
    other = [
        t
        for t in tax.find_triggers(text, own.end, mention.clause_end)
        if t.start >= own.end and t.sub.event_type is not own.sub.event_type
    ]
    if not other:
        return tops
    theirs = [
        top
        for top in tops
        if any(
            t.end <= top.start
            and (gap := _OBJECT_GAP.fullmatch(text, t.end, top.start)) is not None
            and gap.end() - gap.start() <= 30
            for t in other
        )
    ]
    kept = [t for t in tops if t not in theirs]
    if not any(t.kind == "place" and t.place is not None for t in kept):
        return tops
    return kept


_CAPITAL = re.compile(r"\bcapital\b", re.IGNORECASE)
#: "the village of X": a kind word that names the place after it, not one told before.
_NAMES_NEXT = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")


def _names_unknown(text: str, anaphor: re.Match[str], places: Index) -> bool:
    """Whether "the village" is "the village of X" and X a place the gazetteer lacks.

    Then the sentence names a village of its own, not the town told before (a capital
    is left alone: "the capital of X" is X's capital).
    """
    named = _NAMES_NEXT.match(text, anaphor.end())
    if named is None or _CAPITAL.search(anaphor.group()):
        return False
    at = named.end()
    return not any(
        isinstance(t, Toponym) and t.place is not None for t in places.within(at, at + 1)
    )


_CAPITALS = frozenset({"PPLC", "PPLG"})  # "the capital"; a state capital is named so


def _capital_of(location: Location | None, named: list[Toponym]) -> Location | None:
    """Place "the capital" at the capital of the country in question.

    That is the country the clause names, else the last country the article named
    before ("Thousands protested in Kenya ... Police in the capital fired tear gas").
    """
    country = location.place if location is not None else None
    if country is None:
        country = next(
            (t.place for t in reversed(named) if t.place is not None and t.place.is_country),
            None,
        )
    seat = seat_of(country) if country is not None else None
    if seat is None or country is None:
        return None
    return Location(seat.place, GeoPrecision.EXACT, None, f"'the capital' of {country.name}")


def _most_named_capital(named: list[Toponym], last: Location) -> Location:
    """Return the capital the story names most, for "the capital" said after ``last``.

    A story of protests in Kabul that mentions Islamabad once ("accused Islamabad of
    aiding ...") still means Kabul by "the capital"; of equals, the last named wins.
    """
    counts: dict[str, int] = {}
    latest: dict[str, tuple[Place, Toponym]] = {}
    for top in named:
        place = top.place
        if top.kind == "place" and place is not None and place.feature_code in _CAPITALS:
            counts[place.id] = counts.get(place.id, 0) + 1
            latest[place.id] = (place, top)
    best = max(counts, key=lambda key: counts[key], default=None)
    if best is None or counts[best] <= counts.get(last.place.id, 0):
        return last
    place, top = latest[best]
    return Location(place, GeoPrecision.EXACT, top, "'the capital' the story names most")
