"""The finishing stage's work on drafts: the lead's day and town for follow-ups, and merging.

When an article has been read (:func:`~incidentmap.incidents.linking.link_mentions`),
its drafts still hold what each sentence told. Follow-ups told without a day or a town
take the lead's (:func:`date_from_lead`, :func:`place_from_lead`), and drafts that turn
out to tell one event (the same type, day and place, told apart by the story's
structure) become one (:func:`merge_drafts`); weapons seized in an operation the story
told, or an assault repelled, join it (:func:`fold_spoils`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re

from ..model import TimePrecision
from .dates import OVERNIGHT, DateMention, find_dates
from .dates import recent as is_recent
from .draft import Draft
from .fits import (
    NON_VIOLENT,
    before_the_news,
    date_ok,
    place_ok,
    refines,
    reported_after,
    same_event_type,
    same_place,
    told_as_aggregate,
)
from .kinds import AIR_STRIKE, ARMED_CLASH, ATTACK, DISRUPTED, EXCESSIVE_FORCE, SHELLING
from .mergeindex import KinIndex, day_of
from .places import Location, specificity
from .taxonomy import Taxonomy

__all__ = [
    "date_from_lead",
    "fold_spoils",
    "merge_drafts",
    "place_from_lead",
    "told_generically",
    "tolls_of_the_lead",
]

#: A day told of its night: "Saturday night", "late on Saturday night".
_NIGHT = re.compile(r"\s+night\b", re.IGNORECASE)


def date_from_lead(drafts: list[Draft], published: dt.date | None) -> None:
    """Date undated follow-up events with the day of the incident reported before them.

    News copy dates the lead event and tells the rest of the day's events without
    repeating the date ("In Chattogram, three people died in clashes ..."). An undated
    incident takes the date of the nearest earlier incident dated to a day within the
    three days before publication; older leads are left alone. One told before any such
    day (an undated headline or lead) takes the nearest later one's. A lead that sums the
    day's attacks up ("13 killed in separate attacks on Saturday") lends its day too.
    """
    if published is None:
        return
    lead: DateMention | None = None
    night = False  # the lead's day is told of its night ("On Saturday night, ...")
    for draft in drafts:
        if _summary_day(draft, published):
            lead = draft.date  # "13 were killed in separate attacks on Saturday. In X, ..."
            night = _of_the_night(draft)
            continue
        if draft.background:
            continue
        date = draft.date
        # "... into the streets. Police said on Thursday that 16 had been killed": the riot
        # took its day from the later toll, which gives the report's, not the event's
        if draft.date_later and reported_after(draft, lead):
            draft.date, draft.date_reported = lead, False
            draft.notes.append("date of the lead event: the sentence gives only the report's")
            continue
        if date is not None and date.date is not None:
            recent = is_recent(date.date, published)
            if date.precision is TimePrecision.DAY and recent:
                lead, night = date, _of_the_night(draft)
        elif lead is not None:
            draft.date = lead
            draft.notes.append("date of the lead event: the sentence gives none")
            if night and lead.date is not None and _HOURS_LATER.match(draft.first.sentence.text):
                # "On Saturday night, ... Several hours later, ...": past midnight
                draft.date = dataclasses.replace(lead, date=lead.date + dt.timedelta(days=1))
                draft.notes.append("hours after the lead's night: the next day")
            elif lead.date == published and OVERNIGHT.search(draft.first.sentence.text):
                # "In a separate incident, gunmen attacked a police post overnight" in a
                # story of the day it is published: the night before it
                draft.date = dataclasses.replace(lead, date=published - dt.timedelta(days=1))
                draft.notes.append("told overnight in a story of its own day: the night before")
    # an undated headline or lead told before the day is given ("Dozens killed in clashes
    # ... The fighting broke out on Wednesday"): the story's first recent day, not the
    # publication's
    later: DateMention | None = None
    for draft in reversed(drafts):
        if _summary_day(draft, published):
            later = draft.date
            continue
        if draft.background:
            continue
        date = draft.date
        if date is not None and date.date is not None:
            recent = is_recent(date.date, published)
            later = date if date.precision is TimePrecision.DAY and recent else later
        elif date is None and later is not None:
            draft.date = later
            draft.notes.append("date of the event told next: the sentence gives none")


#: A sentence that opens "Several hours later": told hours after the event before it.
_HOURS_LATER = re.compile(
    r"\W*(?:(?:several|a few|some|two|three|four|five|\d+)\s+)?hours\s+later\b", re.IGNORECASE
)


def _of_the_night(draft: Draft) -> bool:
    """Whether a draft's day is told of its night ("On Saturday night, the air force ...")."""
    date, sent = draft.date, draft.first.sentence
    if date is None or not sent.start <= date.end <= sent.end:
        return False
    return _NIGHT.match(sent.text, date.end - sent.start) is not None


def _summary_day(draft: Draft, published: dt.date) -> bool:
    """Whether a draft sums up the events told after it on a recent day of its own.

    "Thirteen people were killed in separate attacks across Iraq on Saturday" is no one
    event (it is background), but the day it gives is that of each attack the story then
    tells without repeating it. A report's day ("..., officials said on Monday") is not
    the attacks', nor is a night told across two days.
    """
    date = draft.date
    if not told_as_aggregate(draft) or draft.date_reported or date is None or date.date is None:
        return False
    recent = is_recent(date.date, published)
    if not recent or date.precision is not TimePrecision.DAY:
        return False
    # "late on Saturday and early on Sunday": a night across two days names no one day
    told = find_dates(draft.first.sentence.text, published=published)
    return all(d.date == date.date for d in told if d.precision is TimePrecision.DAY)


def place_from_lead(drafts: list[Draft]) -> None:
    """Place an incident whose text names no town at the town of the incident told before.

    Follow-ups ("Police said they had arrested more than 100 people") happen where the
    story is; a country named only as an actor's ("launched by Ukraine") is no better.
    The borrowed town keeps the precision it has there: the story places the follow-up
    in that town as surely as the event before it (ACLED codes both to the town).
    """
    lead: Location | None = None
    for draft in drafts:
        if draft.background:
            continue
        loc = draft.location
        if loc is not None and specificity(loc.place) >= 3:
            if specificity(loc.place) == 3:  # a town, not a landmark of one
                lead = loc
            continue
        if lead is None:
            continue
        if loc is None or (specificity(loc.place) == 0 and loc.place.country_code != ""):
            draft.location = dataclasses.replace(lead, reason="the town of the event told before")
            draft.notes.append("place of the event told before: the sentence names no town")


def merge_drafts(
    drafts: list[Draft], tax: Taxonomy, *, published: dt.date | None = None
) -> list[Draft]:
    """Fold later incidents into an earlier one of the same type, date and place.

    Follow-up sentences far from the first report ("Protesters filled the square...")
    or naming the same event in other words are one event in ACLED's terms: one event
    type, one place (within 25 km or inside the other), one day. A mention marked as a
    new event stays apart when its sentence sets it apart (the ``set_apart`` cues of
    ``tax``: "another", "other", "separately", "elsewhere"), not for "also", unless it
    tells an event of another kind in its own strong words (:func:`_other_kind`). An
    event dated to a week that ended days before ``published`` ("last week") is not an
    undated event of the day's news (:func:`~.fits.before_the_news`).
    """
    kept: list[Draft] = []
    index = KinIndex()  # only incidents of a kindred type and a near day can take it in
    for draft in drafts:
        host = None
        earlier = before_the_news(draft.date, published, sub_event=draft.sub_event_type)
        if not draft.background and (not draft.first.new_event or not _set_apart(draft, tax)):
            for position in index.candidates(draft, day=day_of(draft)):
                other = kept[position]
                kin = (
                    same_event_type(other, draft.event_type, draft.sub_event_type)
                    or (told_generically(other) and draft.event_type in other.first.family)
                    or (told_generically(draft) and other.event_type in draft.first.family)
                    or _fought_back(other, draft, tax)
                )  # "clashes" told first, then who clashed
                if other.background or not kin or _other_kind(other, draft):
                    continue
                if earlier and (other.date is None or other.date.date is None):
                    continue
                if other.first is draft.first and other.split_place != draft.split_place:
                    continue  # "in A, B and C": the places of one list are events apart
                if not date_ok(other, draft.date) and not (
                    reported_after(other, draft.date) or reported_after(draft, other.date)
                ):
                    continue
                if not same_place(other, draft.location):
                    continue
                host = other
                break
        if host is None:
            if not draft.background:
                index.add(len(kept), draft)
            kept.append(draft)
            continue
        if host.date is None or host.date.date is None or host.date_reported:
            if draft.date is not None and not draft.date_reported:
                host.date, host.date_reported = draft.date, False
            elif host.date is None or host.date.date is None:
                host.date, host.date_reported = draft.date or host.date, draft.date_reported
                host.date_later = True
        if draft.location is not None and (
            host.location is None or refines(draft.location, host.location)
        ):
            host.location = draft.location
        if host.killed_claimed and draft.killed is not None and not draft.killed_claimed:
            host.killed, host.killed_claimed = None, False  # a figure over a side's claim
        elif draft.killed_claimed and host.killed is not None:
            draft.killed = None
        for kind in ("killed", "injured"):
            value = _max_known(getattr(host, kind), getattr(draft, kind))
            setattr(host, kind, value)
        host.killed_reported |= draft.killed_reported
        host.injured_reported |= draft.injured_reported
        host.actors.extend(draft.actors)
        host.mentions += draft.mentions
        generic = told_generically(host) and not told_generically(draft)
        generic = generic or _fought_back(host, draft, tax)  # the attacked fought back
        if host.killed and draft.event_type in NON_VIOLENT:
            generic = False  # "a raid left 132 dead ... police seized 31 rifles": a deadly raid
        if generic or (
            draft.event_type is host.event_type and draft.sub_priority > host.sub_priority
        ):
            host.event_type = draft.event_type
            host.sub_event_type, host.sub_priority = draft.sub_event_type, draft.sub_priority
        index.refile(position, host)  # its type or day may have changed
    return kept


def fold_spoils(drafts: list[Draft], tax: Taxonomy) -> list[Draft]:
    """Fold weapons seized or recovered into the operation the story told before them.

    "Troops killed an insurgent in a clash near the town ... The military recovered three
    rifles and assorted ammunition": weapons taken from the other side are the spoils of
    the raid, clash or arrest they were taken in, one event in ACLED's terms, not a
    *Disrupted weapons use* of their own. So is an assault told as thwarted or repelled
    ("a bid to storm the checkpoint was foiled by troops") in a story that tells the
    assault: its outcome. A seizure or a repelled assault (the ``spoils`` and ``repelled``
    cues of ``tax``) told after another event of the article, on a day and at a place
    that agree with it, joins it; one the story tells on its own (a cache found, bombs
    defused, missiles shot down) keeps its incident.
    """
    kept: list[Draft] = []
    for draft in drafts:
        host = None
        if not draft.background and draft.sub_event_type == DISRUPTED.name:
            first = draft.first
            clause = first.sentence.text[
                first.clause_start - first.sentence.start : first.clause_end - first.sentence.start
            ]
            spoils = tax.cues.spoils.search(clause) or tax.cues.repelled.search(clause)
            if spoils is not None:
                host = next(
                    (
                        other
                        for other in reversed(kept)
                        if not other.background
                        and other.sub_event_type != DISRUPTED.name
                        and date_ok(other, draft.date)
                        and place_ok(other, draft.location)
                    ),
                    None,
                )
        if host is None:
            kept.append(draft)
            continue
        host.mentions += draft.mentions
        host.notes.append("weapons seized or an assault repelled in it: part of it, no event")
    return kept


def _fought_back(attack: Draft, clash: Draft, tax: Taxonomy) -> bool:
    """Whether a clash told after an attack is the attack told from the side attacked.

    "Seven people, including five attackers, were killed in a raid on a cattle camp on
    Sunday. He said the attackers came from the east and clashed with the youths guarding
    the camp": the follow-up names the attack's own attackers and gives no day or town of
    its own; the attacked fought back, and the event is an armed clash.
    """
    if attack.sub_event_type != ATTACK.name or clash.sub_event_type != ARMED_CLASH.name:
        return False
    sent, loc = clash.first.sentence, clash.location
    own_place = loc is not None and (
        loc.toponym is None or sent.start <= loc.toponym.start < sent.end
    )  # not "the town named before"
    if clash.date is not None or own_place:
        return False
    if attack.first.sentence.start >= sent.start:
        return False
    before = sent.text[: clash.first.trigger.start - sent.start]
    return _the_attackers(tax.cues.gunmen.pattern).search(before) is not None


@functools.lru_cache(maxsize=8)
def _the_attackers(gunmen: str) -> re.Pattern[str]:
    """Return the codebook's attackers with a definite article ("the attackers")."""
    return re.compile(rf"\bthe\s+(?:{gunmen})\b", re.IGNORECASE)


def _other_kind(one: Draft, later: Draft) -> bool:
    """Whether a later draft, set beside the one before, tells an event of another kind.

    "In the meantime, gunmen blew up bombs in two houses in X. Also in the province,
    shelling on the city killed one": a round-up tells its events one by one, and a
    sentence that marks its event as news beside the last ("also", "meanwhile",
    "elsewhere") with its own strong word of another sub-event type is another event,
    even on one day and in one place. A weak or general word ("the blast", "attacks",
    "clashes") may name the same event in other words.
    """
    if one.sub_event_type == later.sub_event_type or not later.first.new_event:
        return False
    return not any(d.first.weak or d.first.anaphoric or told_generically(d) for d in (one, later))


def _set_apart(draft: Draft, tax: Taxonomy) -> bool:
    """Whether a draft's sentence sets its event apart from those told before.

    "Another", "a second", "separately", "elsewhere", "earlier" do; "also" and
    "meanwhile" do not ("Protesters also waved flags", "where they were also demanding
    ..."): such a sentence joins the event of its kind, place and day told before, as
    ACLED codes one event per type, place and day. Place and date must still agree.
    """
    return tax.cues.set_apart.search(draft.first.sentence.text) is not None


def told_generically(draft: Draft) -> bool:
    """Whether an incident was first told by a word of many kinds ("clashes", "violence")."""
    return len(draft.first.family) >= 3


def _max_known(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def tolls_of_the_lead(drafts: list[Draft], tax: Taxonomy) -> None:
    """Give a bare toll told after the lead, on its day, the lead event's type.

    A round-up tells the lead's event town by town with a bare toll ("Security forces
    fired on protesters across the country on Wednesday. Two people were killed in A,
    a witness said"): a killing word with no one named to have killed is the lead's
    event in that town, not an attack of its own. So for the events that kill in many
    towns at once, told by who did it (:data:`_TOLD_IN_ROUNDS`: force against protesters,
    air strikes, shelling); a toll set apart ("in another incident") is an event apart.
    """
    lead = next((d for d in drafts if not d.background and d.date is not None), None)
    if lead is None or lead.date is None or lead.date.date is None:
        return
    if lead.sub_event_type not in _TOLD_IN_ROUNDS:
        return
    for draft in drafts:
        if draft.background or draft.first.sentence.start <= lead.first.sentence.start:
            continue
        if not draft.first.weak or draft.sub_event_type != ATTACK.name or draft.actors:
            continue
        if draft.date is None or draft.date.date != lead.date.date or _set_apart(draft, tax):
            continue
        draft.event_type, draft.sub_event_type = lead.event_type, lead.sub_event_type
        draft.sub_priority = lead.sub_priority
        draft.notes.append("a bare toll told after the lead, on its day: the lead's event there")


#: Sub-event types a round-up tells town by town, the tolls without who killed.
_TOLD_IN_ROUNDS = frozenset({EXCESSIVE_FORCE.name, AIR_STRIKE.name, SHELLING.name})
