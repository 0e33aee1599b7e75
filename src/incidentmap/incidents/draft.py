"""An incident under construction (:class:`Draft`), and one made into several by place.

A :class:`Draft` is mutable while the article is read: later mentions fill in what the
first lacked (:mod:`.enriching`), and the finishing stage turns each into an
:class:`~incidentmap.model.Incident`. A sentence that names several towns of one event
("in Lagos, Abuja and Kano") makes one draft per town (:func:`split_towns`), and so
does a reference back to a wave told as one (:func:`instances_of`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from ..model import EventType
from .dates import DateMention
from .facts import Facts
from .mentions import Mention
from .places import Location

__all__ = ["Draft", "instances_of", "split_towns"]


@dataclass
class Draft:
    """An incident under construction (mutable while the article is read)."""

    first: Mention
    sub_priority: int
    event_type: EventType
    sub_event_type: str
    last_sentence: int
    background: bool
    date: DateMention | None = None
    location: Location | None = None
    killed: int | None = None
    injured: int | None = None
    killed_reported: bool = False
    injured_reported: bool = False
    actors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    mentions: int = 1
    split_place: str | None = None
    """Set on each incident made from a list of towns ("in Lagos, Abuja and Kano")."""
    date_reported: bool = False
    """The date is only the day of a report ("police said on Thursday that ..."), which
    a toll or follow-up of an event of the days before gives rather than the event's."""
    date_later: bool = False
    """The date comes from a later mention, not from the sentence that first told it."""
    town_toll: bool = False
    """The toll is a town's own, told after a total of the wider area it lies in."""
    spanned: bool = False
    """A toll told of several events reached the draft (``CasualtyMention.spans``)."""
    killed_claimed: bool = False
    """The count of the dead is only a side's claim of its own kills
    (``CasualtyMention.claimed``): any other figure of the event replaces it."""
    scenes: set[str] = field(default_factory=set)
    """The settlements the gazetteer lacks its mentions were told at ("the village of X"),
    normalised (:func:`~incidentmap.incidents.settlements.unknown_scenes`)."""


def split_towns(draft: Draft, places: list[Location]) -> list[Draft]:
    """One incident per listed town; a casualty total spanning them is not divided."""
    assert draft.location is not None
    draft.split_place = draft.location.place.id
    out = []
    for loc in places:
        out.append(
            dataclasses.replace(
                draft, location=loc, split_place=loc.place.id, actors=list(draft.actors)
            )
        )
    killed, injured = draft.killed, draft.injured  # the first pass clears the draft's own
    for one in (draft, *out):
        if killed:
            one.killed, one.killed_reported = None, True
        if injured:
            one.injured, one.injured_reported = None, True
        one.notes = [*draft.notes, "one of several places the sentence names"]
    return out


def instances_of(wave: Draft, facts: Facts) -> list[Draft]:
    """One incident per place a reference back to a wave told as one names.

    "... after a wave of coordinated attacks. The attacks, which occurred on Tuesday, struck
    seven towns: A, B and C": the wave stays background, and each town is an event of it,
    of its type, on the day the reference gives.
    """
    assert facts.location is not None
    first = dataclasses.replace(
        wave,
        background=False,
        location=facts.location,
        date=facts.date or wave.date,
        actors=list(wave.actors),
        notes=["a place named of a wave told as one"],
    )
    return [first, *split_towns(first, facts.more_places)]
