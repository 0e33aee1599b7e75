"""Arrests and clashes at a demonstration are part of it, not events of their own.

ACLED codes one event for a demonstration, whatever happens at it: people detained at
the scene ("Police also detained at least five of several hundred people who had
gathered") and scuffles with the police ("Four police were also injured in the
fighting") belong to the protest or riot, and fighting between police and a crowd makes
the demonstration a riot rather than a battle. News copy tells these in sentences of
their own, often without the place or day, which the extractor reads as new events.

An *Arrests* incident, or an *Armed clash* whose sentence names no armed group other
than the police, is folded into the protest or riot of the same article when their
dates and places agree, an arrest only when it is told after the demonstration. An
arrest told first is the demonstration's cause ("Police detained the mayor ... His
arrest set off protests"), an arrest operation days after the riot has another date,
the arrest of leaders, politicians or journalists is news of its own, and fighting
between troops and rebels is a battle: these keep their own incidents.

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
from .coref import Draft, date_ok, place_ok, refines
from .kinds import ARMED_CLASH, ARRESTS, CROWD_EVENTS, VIOLENT_DEMONSTRATION
from .taxonomy import Taxonomy

__all__ = ["fold_into_demonstrations"]

#: Armed sides other than the police: fighting with them is a battle, not a riot.
_ARMED_SIDE = re.compile(
    r"\b(?:soldiers?|troops|army|military|militants?|insurgents?|rebels?|jihadists?|gunmen"
    r"|militia(?:s|men)?|fighters|paramilitar(?:y|ies)|armed (?:men|groups?)|bandits"
    r"|forces of|al-shabaab|taliban|boko haram|hamas|hezbollah|houthis?)\b",
    re.IGNORECASE,
)


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
        # an arrest told before the demonstration is its cause ("Police detained the mayor
        # ... His arrest triggered protests"), not a detention at the scene
        told_after = [c for c in crowds if c.first.sentence.start < draft.first.sentence.start]
        host = next((c for c in (told_after if arrests else crowds) if _same_occasion(c, draft)),
                    None)  # fmt: skip
        if host is None:
            continue
        if scuffle and host.event_type is EventType.PROTESTS:
            host.event_type = VIOLENT_DEMONSTRATION.event_type
            host.sub_event_type = VIOLENT_DEMONSTRATION.name
            host.notes.append("the crowd fought the police: a violent demonstration")
        for kind in ("killed", "injured"):
            theirs = getattr(draft, kind)
            if theirs is not None:
                setattr(host, kind, max(getattr(host, kind) or 0, theirs))
        host.killed_reported |= draft.killed_reported
        host.injured_reported |= draft.injured_reported
        host.mentions += draft.mentions
        host.notes.append(f"{draft.sub_event_type.lower()} at the demonstration folded in")
        folded.add(id(draft))
    return [d for d in drafts if id(d) not in folded]


def _same_occasion(crowd: Draft, other: Draft) -> bool:
    """Whether two incidents agree in day (or one has none) and place (or one has none)."""
    # a day of report counts too: "police said on Saturday they had arrested ..." after
    # Friday's riot tells of a later operation
    if not date_ok(crowd, other.date):
        return False
    loc, there = other.location, crowd.location
    return loc is None or there is None or place_ok(crowd, loc) or refines(loc, there)
