"""Arrests and clashes at a demonstration are part of it, not events of their own.

ACLED codes one event for a demonstration, whatever happens at it: people detained at
the scene ("Police also detained at least five of several hundred people who had
gathered") and scuffles with the police ("Four police were also injured in the
fighting") belong to the protest or riot, and fighting between police and a crowd makes
the demonstration a riot rather than a battle. News copy tells these in sentences of
their own, often without the place or day, which the extractor reads as new events.

An *Arrests* incident, or an *Armed clash* whose sentence names no armed group other
than the police, is folded into the protest or riot of the same article when their
dates and places agree, an arrest only when it is told after the demonstration or in
its sentence ("The detentions began long before the start of the rally"). An arrest
told first, or in the sentence as what the crowd protests ("a rally over the arrest
of ..."), is the demonstration's cause ("Police detained the mayor ... His
arrest set off protests"), an arrest operation days after the riot has another date,
the arrest of leaders, politicians or journalists is news of its own, so is an arrest
told at a place of its own ("at a workshop", "at their homes"), and fighting
between troops and rebels is a battle: these keep their own incidents.

A demonstration told in one sentence as the police firing on it and in another as the
crowd throwing stones is one event, and news copy that reports a day's riot in a city
often also tells the rally it grew out of ("Clashes between protesters and police broke
out ... On Thursday hundreds rallied near the parliament"): a peaceful protest, or
excessive force against protesters, of the same day and place as a violent
demonstration folds into it (:func:`fold_into_riots`) when the riot is told as the
protesters' ("clashes between protesters and police"); looters who seize the moment of
a police strike are a mob of their own. A protest its sentence sets apart ("another",
"earlier", "separately") keeps its incident, and so does one met with police
intervention, often a second gathering of the day. An arrest folded into a peaceful
protest makes it a protest with intervention.

Examples
--------
>>> _ARMED_SIDE.search("clashes between troops and rebels near the town") is not None
True
>>> _ARMED_SIDE.search("Four police were also injured in the fighting.") is None
True
"""

from __future__ import annotations

import re

from ..model import EventType
from .draft import Draft
from .fits import date_ok, same_place
from .kinds import (
    ARMED_CLASH,
    ARRESTS,
    CROWD_EVENTS,
    EXCESSIVE_FORCE,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    VIOLENT_DEMONSTRATION,
)
from .taxonomy import Taxonomy

__all__ = ["fold_into_demonstrations", "fold_into_riots"]

#: Armed sides other than the police: fighting with them is a battle, not a riot.
_ARMED_SIDE = re.compile(
    r"\b(?:soldiers?|troops|army|military|militants?|insurgents?|rebels?|jihadists?|gunmen"
    r"|militia(?:s|men)?|fighters|paramilitar(?:y|ies)|armed (?:men|groups?)|bandits"
    r"|forces of|al-shabaab|taliban|boko haram|hamas|hezbollah|houthis?)\b",
    re.IGNORECASE,
)

#: Words before an arrest in the crowd's own sentence that make it what the crowd
#: protests ("rallied over the arrest of", "demanding the release of those detained").
_CAUSE = re.compile(
    r"\b(?:over|after|against|following|for|about|protest(?:ing|ed|s)?|demand(?:ing|ed|s)?"
    r"|release|condemn(?:ing|ed|s)?|denounc(?:ing|ed|es)?|sparked by|triggered by)\b"
    r"(?:\W+\w+){0,4}\W*$",
    re.IGNORECASE,
)

#: Sub-event types of a protest that a riot of the same day and place takes in.
_RIOT_TAKES_IN = frozenset({PEACEFUL_PROTEST.name, EXCESSIVE_FORCE.name})


def fold_into_demonstrations(drafts: list[Draft], tax: Taxonomy) -> list[Draft]:
    """Fold arrests and police-crowd clashes into the demonstration they happened at.

    Parameters
    ----------
    drafts
        The article's incidents in order of first mention.
    tax
        The codebook (its ``arrested_figure`` cues: whose arrest is news of its own).

    Returns
    -------
    list of Draft
        ``drafts`` without the folded ones; a protest whose crowd fought the police
        becomes a *Violent demonstration*.
    """
    crowds = [d for d in drafts if d.event_type in CROWD_EVENTS and not d.background]
    if not crowds:
        return drafts
    folded: set[int] = set()
    for draft in drafts:
        if draft.background or draft.event_type in CROWD_EVENTS:
            continue
        arrests = draft.sub_event_type == ARRESTS.name
        scuffle = draft.sub_event_type == ARMED_CLASH.name and not _ARMED_SIDE.search(
            draft.first.sentence.text
        )
        if not (arrests or scuffle):
            continue
        if arrests and tax.cues.arrested_figure.search(draft.first.sentence.text):
            continue  # the arrest of a protest's leaders or of politicians is news of its own
        if arrests and draft.first.apart:
            continue  # "arrested six students at a workshop": not at the demonstration
        # an arrest told before the demonstration is its cause ("Police detained the mayor
        # ... His arrest triggered protests"), not a detention at the scene
        told_after = [c for c in crowds if _told_before(c, draft)]
        host = next((c for c in (told_after if arrests else crowds) if _same_occasion(c, draft)),
                    None)  # fmt: skip
        if host is None:
            continue
        if scuffle and host.event_type is EventType.PROTESTS:
            host.event_type = VIOLENT_DEMONSTRATION.event_type
            host.sub_event_type = VIOLENT_DEMONSTRATION.name
            host.notes.append("the crowd fought the police: a violent demonstration")
        if arrests and host.sub_event_type == PEACEFUL_PROTEST.name:
            host.sub_event_type = PROTEST_WITH_INTERVENTION.name
            host.notes.append("people detained at the protest: a protest with intervention")
        _fold(host, draft, f"{draft.sub_event_type.lower()} at the demonstration folded in")
        folded.add(id(draft))
    return [d for d in drafts if id(d) not in folded]


def _same_occasion(crowd: Draft, other: Draft) -> bool:
    """Whether two incidents agree in day (or one has none) and place (or one has none)."""
    # a day of report counts too: "police said on Saturday they had arrested ..." after
    # Friday's riot tells of a later operation
    if not date_ok(crowd, other.date):
        return False
    return same_place(crowd, other.location)


def _fold(host: Draft, draft: Draft, note: str) -> None:
    """Give a demonstration the casualties and mentions of a draft that tells part of it."""
    for kind in ("killed", "injured"):
        theirs = getattr(draft, kind)
        if theirs is not None:
            setattr(host, kind, max(getattr(host, kind) or 0, theirs))
    host.killed_reported |= draft.killed_reported
    host.injured_reported |= draft.injured_reported
    host.mentions += draft.mentions
    host.notes.append(note)


def _told_before(crowd: Draft, arrest: Draft) -> bool:
    """Whether a demonstration is told before an arrest, or in its sentence not as its cause.

    "The detentions began in the square long before the start of the rally": the
    arrests at the rally. "Students rallied over the arrest of two classmates": what the
    rally is about.
    """
    sent, at = arrest.first.sentence, arrest.first.trigger.start
    if crowd.first.sentence.start != sent.start:
        return crowd.first.sentence.start < sent.start
    return _CAUSE.search(sent.text, 0, max(0, at - sent.start)) is None


def fold_into_riots(drafts: list[Draft], tax: Taxonomy) -> list[Draft]:
    """Fold a peaceful protest, or force against protesters, into the day's riot there.

    Parameters
    ----------
    drafts
        The article's incidents in order of first mention.
    tax
        The codebook (its ``set_apart`` cues: "another", "earlier", "separately"; its
        ``partisan`` cues: the protesters a riot is told of).

    Returns
    -------
    list of Draft
        ``drafts`` without the protests that a violent demonstration of the same day
        and place tells again.
    """
    riots = [
        d
        for d in drafts
        if d.sub_event_type == VIOLENT_DEMONSTRATION.name
        and not d.background
        and tax.cues.partisan.search(d.first.sentence.text)  # the protesters' own riot
    ]
    if not riots:
        return drafts
    folded: set[int] = set()
    for draft in drafts:
        if draft.background or draft.sub_event_type not in _RIOT_TAKES_IN:
            continue
        if tax.cues.set_apart.search(draft.first.sentence.text):
            continue  # "Labour groups also protested earlier": a gathering of its own
        host = next((r for r in riots if _same_day_and_place(r, draft)), None)
        if host is None:
            continue
        host.actors.extend(draft.actors)
        _fold(host, draft, f"{draft.sub_event_type.lower()} of the riot's day and place folded in")
        folded.add(id(draft))
    return [d for d in drafts if id(d) not in folded]


def _same_day_and_place(riot: Draft, protest: Draft) -> bool:
    """Whether a riot and a protest are told of one day (or both of none) and one place."""
    when, where, there = protest.date, protest.location, riot.location
    if where is None or there is None or (when is None) != (riot.date is None):
        return False
    if when is not None and (when.date is None or not date_ok(riot, when)):
        return False
    return same_place(riot, where)
