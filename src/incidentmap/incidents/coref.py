"""One incident per event within an article: references, follow-ups and merging.

A mention joins an incident already reported when it refers back to it ("the attack",
"those clashes": the latest incident of a type the noun can stand for, whose date
fits; a singular noun never refers to a generic background statement), when it
continues it (the same event type within a few sentences, with no sign of a new event
such as "another" or "a second", and a compatible date and place), or when it only
adds casualties ("Five people were killed") after a violent incident. Later mentions
fill in what the first lacked (date, place, casualties, actors) and may sharpen the
sub-event type. After the article is read, incidents of one type, day and place are
folded together, and undated or unplaced follow-ups borrow the lead event's day and town.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import EventType, GeoPrecision, TimePrecision
from ..text.sentences import Sentence
from .casualties import CasualtyMention
from .dates import DateMention, find_dates
from .dedupe import dates_compatible, haversine_km
from .facts import Facts, Index
from .kinds import (
    ABDUCTION,
    AGREEMENT,
    ARRESTS,
    ATTACK,
    LOOTING,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    VIOLENT_DEMONSTRATION,
)
from .locate import Location, same_town, specificity
from .mentions import Mention
from .taxonomy import SubEventType, Taxonomy

__all__ = [
    "Draft",
    "add_casualties",
    "antecedent",
    "casualties_only",
    "date_from_lead",
    "enrich",
    "inherit",
    "merge_drafts",
    "place_from_lead",
    "split_towns",
]

#: A mention of the same event type within this many sentences continues an incident.
_FOLLOW_UP = 3
#: How far from a region's point its towns may lie (a peninsula, a valley, a desert).
_WIDE_AREA_KM = 250.0
#: The other side of a clash is the attackers of the incident just told.
_RESPONSE = re.compile(
    r"\bwith (?:them|the (?:attackers|gunmen|assailants|kidnappers|abductors|bandits|raiders))\b",
    re.IGNORECASE,
)
#: Event types a bare casualty report ("five people were killed") does not belong to.
_NON_VIOLENT = frozenset({EventType.PROTESTS, EventType.STRATEGIC_DEVELOPMENTS})
_CROWDS = frozenset({EventType.PROTESTS, EventType.RIOTS})
#: The attacker seized during or right after the attack (ACLED folds such arrests into it).
_SEIZED = re.compile(
    r"\b(?:arrested|detained|apprehended|seized|captured|overpowered|tackled)"
    r"(?: and (?:arrested|detained|disarmed))?"
    r" (?:him|her|them|the (?:suspect|attacker|gunman|assailant|shooter|bomber|driver)s?)\b"
    r"|\bat the scene\b"
    # "..., and several were arrested": the people just told of (attackers, rioters)
    r"|\b(?:several|some|others|many|dozens|the rest|one|two|three|four|five)"
    r" (?:more )?(?:were|was|had been|have been) (?:arrested|detained|captured)\b",
    re.IGNORECASE,
)
_PARTITIVE = re.compile(
    r"\bof the (?:attackers|assailants|gunmen|bombers|militants|victims|dead|wounded|injured"
    r"|hostages|abducted|kidnapped)\b"
    # "two of her children were killed": a witness counting the victims among their family
    r"|\b(?:of|among) (?:her|his|their|my|our) (?:own )?(?:children|sons|daughters|relatives"
    r"|family|brothers|sisters|grandchildren|cousins|nephews|nieces|colleagues|neighbou?rs)\b",
    re.IGNORECASE,
)
#: A victim count told in the passive, its trigger the verb ("five people were shot dead").
_TOLL = re.compile(
    r".*\b(?:was|were|have been|had been|has been)\s+(?:\w+ly\s+)?"
    r"(?:shot dead|gunned down|shot and killed|fatally shot)",
    re.IGNORECASE | re.DOTALL,
)
#: "killed in the northern mining town of X": where a toll is told
_TOLD_IN = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:(?:town|city|village)\s+of\s+)?$",
    re.IGNORECASE,
)
_BY = re.compile(r"\s+by\b", re.IGNORECASE)
#: "at least one of them had been a suicide attack": the events of the kind just told
_OF_THEM = re.compile(
    r"\b(?:one|both|each|all|either|neither|two|three) of (?:them|the (?:blasts|explosions"
    r"|bombs|bombings|attacks))\b",
    re.IGNORECASE,
)
#: Events hand-thrown explosives can be part of: a clash, a riot.
_FIGHTS = frozenset({EventType.BATTLES, EventType.RIOTS})
_ATTACKS = frozenset(
    {EventType.VIOLENCE_AGAINST_CIVILIANS, EventType.EXPLOSIONS, EventType.BATTLES}
)


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


def place_ok(draft: Draft, loc: Location | None, max_km: float = 25.0) -> bool:
    if loc is None or draft.location is None:
        return True
    a, b = draft.location.place, loc.place
    if a.id == b.id or a.parent_id == b.id or b.parent_id == a.id:
        return True
    if a.is_admin1 and b.is_admin1:
        return False  # two provinces (the same one has the same id)
    province, other = (a, b) if a.is_admin1 else (b, a)
    if province.is_admin1 and specificity(other) >= 3 and province.admin1 and other.admin1:
        # "11 were detained in the province of X" after a raid in a town of another province
        return province.country_code == other.country_code and province.admin1 == other.admin1
    if a.is_country or b.is_country or a.is_admin1 or b.is_admin1:
        return a.country_code == b.country_code
    if refines(loc, draft.location) or refines(draft.location, loc):
        return True  # "in the Kurdistan region" ... "on Mount Sinjar": a place the region holds
    if specificity(a) == specificity(b) == 3:
        return same_town(a, b, max_km=max_km)  # ACLED codes each named town
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def date_ok(draft: Draft, date: DateMention | None) -> bool:
    if date is None or date.date is None or draft.date is None or draft.date.date is None:
        return True
    if dates_compatible(
        draft.date.date, draft.date.precision, date.date, date.precision, tolerance_days=0
    ):
        return True
    # "..., officials said on Monday. They blamed police for the strike on Saturday":
    # the day of a report stands for the event's only until the event's own day is told
    before = (draft.date.date - date.date).days
    return draft.date_reported and 0 < before <= _REPORT_LAG_DAYS


def antecedent(
    mention: Mention,
    drafts: list[Draft],
    index: int,
    date: DateMention | None,
    loc: Location | None,
    *,
    headline: bool = False,
) -> Draft | None:
    """Return the incident a mention refers back to or continues, if any.

    A headline (read after the body) tells the story's main event: it looks for it from
    the lead on, not from the last event told.
    """
    if mention.new_event:
        return None
    if mention.anaphoric:
        types = mention.anaphor_types or frozenset()
        campaign = "campaign" in mention.trigger.trigger.flags
        # "the strikes hit ..." said with a strike's words refers back to a strike first
        order = sorted(reversed(drafts), key=lambda d: d.event_type is not mention.event_type)
        for draft in order:
            told_before = draft.background and not mention.plural and not _occasion(draft)
            if draft.event_type not in types or told_before:
                continue  # "the vigil" may be the one the news came after, not a habit
            if campaign and not draft.background:
                continue  # "the uprising" is not the march reported before
            if _aggregate(draft) and loc is not None and specificity(loc.place) >= 3:
                return None  # "the strikes hit X and Y" breaks a salvo into its places
            if (
                mention.plural
                and loc is not None
                and specificity(loc.place) >= 3
                and not place_ok(draft, loc)
            ):
                continue  # "the attacks also targeted X": X is hit too, an event of its own
            if date_ok(draft, date):
                return draft
        return None
    if mention.background:
        return None  # a generic statement is not a follow-up of a reported event
    for draft in drafts if headline else reversed(drafts):
        if draft.background:
            if _occasion(draft) and draft.event_type in _ATTACKS and _seized(mention):
                return draft  # the attacker of the stabbing the riot came after, held
            continue
        recent = headline or draft.last_sentence >= index - _FOLLOW_UP
        escalation = (
            draft.event_type is EventType.PROTESTS and mention.event_type is EventType.RIOTS
        )
        # police arresting demonstrators intervene in the protest; no separate event
        crowd_arrests = (
            mention.sub.name == ARRESTS.name and draft.event_type in _CROWDS and not mention.charged
        )
        # "officers exchanged fire with them": the response to the attack just told
        response = mention.event_type is EventType.BATTLES and _RESPONSE.search(
            mention.sentence.text,
            mention.clause_start - mention.sentence.start,
            mention.clause_end - mention.sentence.start,
        )
        # "police arrested him at the scene": seizing the attacker is part of the attack
        seized = _seized(mention)
        # a grenade or bomb thrown in a clash or riot of the day and place is part of it,
        # however long ago it was told (air strikes, car bombs are events of their own)
        thrown = mention.thrown and draft.event_type in _FIGHTS
        same = (
            draft.event_type is mention.event_type
            or draft.event_type in mention.family
            or escalation
            or crowd_arrests
            or (bool(response or seized) and draft.event_type in _ATTACKS)
            or thrown
        )
        # a demonstration at which people died takes the toll told after it
        violent = (
            draft.event_type not in _NON_VIOLENT
            or draft.sub_priority > 70
            or bool(draft.killed)
            or draft.killed_reported
        )
        # "four of the attackers were killed": a toll of the event told, not a new one
        partitive = _PARTITIVE.search(
            mention.sentence.text,
            mention.clause_start - mention.sentence.start,
            mention.clause_end - mention.sentence.start,
        )
        of_them = draft.event_type is mention.event_type and _OF_THEM.search(
            mention.sentence.text,
            mention.clause_start - mention.sentence.start,
            mention.clause_end - mention.sentence.start,
        )
        # "At least five people were shot dead outside parliament": the toll, no new attacker
        toll = _TOLL.fullmatch(
            mention.sentence.text,
            max(0, mention.trigger.start - mention.sentence.start - 30),
            mention.trigger.end - mention.sentence.start,
        ) and not _BY.match(mention.sentence.text, mention.trigger.end - mention.sentence.start)
        casualty_only = (mention.weak or bool(partitive) or bool(of_them) or bool(toll)) and violent
        # a bare count ("40 were killed at St. X") belongs to the event told before it
        # (unless it is told in a town of its own: "two were killed in the town of Y")
        placed = place_ok(draft, loc) or (casualty_only and not _other_town(draft, mention, loc))
        # "a man was detained at the scene" goes with the attack, however long ago told
        at_scene = bool(seized) and draft.event_type in _ATTACKS
        if (
            ((same and (recent or at_scene or thrown)) or casualty_only)
            and date_ok(draft, date)
            and placed
        ):
            return draft
    return None


def _other_town(draft: Draft, mention: Mention, loc: Location | None) -> bool:
    """Whether a toll is told "in" a town apart from the draft's (ACLED codes each town)."""
    if loc is None or draft.location is None or loc.toponym is None:
        return False
    sent = mention.sentence
    at = loc.toponym.start - sent.start
    a, b = draft.location.place, loc.place
    return (
        specificity(loc.place) >= 3
        and specificity(draft.location.place) >= 3
        and mention.clause_start <= loc.toponym.start < mention.clause_end
        and haversine_km(a.lat, a.lon, b.lat, b.lon) > 25.0
        and _TOLD_IN.search(sent.text, max(0, at - 40), at) is not None
    )


def _seized(mention: Mention) -> bool:
    """Whether an arrest is of the attacker at the scene ("a man was detained at the scene")."""
    return mention.sub.name == ARRESTS.name and bool(
        _SEIZED.search(
            mention.sentence.text,
            mention.clause_start - mention.sentence.start,
            mention.clause_end - mention.sentence.start,
        )
    )


def _occasion(draft: Draft) -> bool:
    """Whether a background draft is the earlier event the news came after (no habit)."""
    return any(n.startswith("context: the earlier event") for n in draft.notes)


def enrich(draft: Draft, mention: Mention, index: int, facts: Facts, tax: Taxonomy) -> None:
    """Fill in what the incident lacked from a later mention of it."""
    draft.last_sentence = max(draft.last_sentence, index)
    draft.mentions += 1
    if (draft.date is None or draft.date.date is None) and facts.date is not None:
        draft.date, draft.date_reported = facts.date, facts.report_day
        draft.date_later = True
    elif facts.date is not None and not facts.report_day and _reported_after(draft, facts.date):
        # "54 killed, officials said on Saturday. The unrest began on Wednesday": its day
        draft.date, draft.date_reported = facts.date, False
    elif _narrows(draft.date, facts.date) and not facts.report_day:
        # "fighting this week ... Fighting broke out on Tuesday": the day told is the
        # event's; a later mention of another day of the week is an event of its own
        draft.date = facts.date
    # an agreement happens where it is signed, not in the region its parties come from
    signed = (
        draft.sub_event_type == AGREEMENT.name
        and facts.location is not None
        and draft.location is not None
        and specificity(draft.location.place) <= 2 < specificity(facts.location.place)
    )
    if facts.location is not None and (
        draft.location is None or refines(facts.location, draft.location) or signed
    ):
        draft.location = facts.location
    sent = mention.sentence
    lo, hi = mention.clause_start - sent.start, mention.clause_end - sent.start
    cumulative = tax.cues.background.search(sent.text, max(0, lo), hi)
    if not (mention.background or mention.claimed or cumulative):
        # "5,400 have been killed in the fighting", "More than 100 have been killed in the
        # violence since May", what posts claim: a generic statement, a cumulative toll
        # (a ``background`` cue of the codebook) or hearsay, not this event's toll
        add_casualties(draft, facts.casualties)
    draft.actors.extend(facts.actors)
    if (
        mention.background
        or mention.weak
        or (mention.anaphoric and mention.trigger.trigger.weight < 0.8)
    ):
        return
    if mention.sub.name == ARRESTS.name and draft.sub_event_type == PEACEFUL_PROTEST.name:
        intervention = tax.sub(PROTEST_WITH_INTERVENTION)
        draft.sub_event_type, draft.sub_priority = intervention.name, intervention.priority
        return
    upgrade = mention.event_type is draft.event_type and mention.sub.priority > draft.sub_priority
    # a deadly attack that also took hostages is coded as the attack, and so is one told
    # as an abduction whose victims were killed ("who had been kidnapped were killed")
    retyped = draft.first.trigger.sub.name == ABDUCTION.name
    if (draft.killed or retyped) and draft.sub_event_type == ATTACK.name:
        upgrade = False
    escalate = draft.event_type is EventType.PROTESTS and mention.event_type is EventType.RIOTS
    if upgrade or escalate:
        draft.event_type = mention.event_type
        draft.sub_event_type = mention.sub.name
        draft.sub_priority = mention.sub.priority


def refines(new: Location, old: Location) -> bool:
    """Whether ``new`` names a smaller place within ``old`` (a town in the country named)."""
    a, b = old.place, new.place
    if specificity(b) <= specificity(a):
        return False
    if b.parent_id == a.id:
        return True
    if specificity(a) <= 1:
        # a region that is no province ("the Sinai Peninsula") holds the towns near it
        wide = not (a.is_country or a.is_admin1)
        near = wide and haversine_km(a.lat, a.lon, b.lat, b.lon) <= _WIDE_AREA_KM
        same_admin = a.is_country or a.admin1 == b.admin1 or near
        return a.country_code in (b.country_code, "") and same_admin
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= 25.0


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


def inherit(mention: Mention, drafts: list[Draft], tax: Taxonomy) -> Mention:
    """Give "violence was also reported in X" the type of the event just told.

    One whose clause a re-typing rule already typed ("two more were killed by fire from
    security forces") keeps that type.

    Looting told after a riot ("looters broke into a mall", "a stampede during looting")
    is part of the unrest, a violent demonstration, not property destruction apart.
    """
    if mention.sub.name == LOOTING.name and not mention.background:
        last = next((d for d in reversed(drafts) if not d.background), None)
        if last is not None and last.event_type is EventType.RIOTS:
            sub = tax.sub(VIOLENT_DEMONSTRATION)
            return dataclasses.replace(mention, sub=sub, weak=False)
        return mention
    if "inherit" not in mention.trigger.trigger.flags:
        return mention
    latest = _latest_sub(drafts, tax, None)
    if latest is None:
        return mention
    # the clause's own words (a re-typing rule) say more than the story's latest type
    sub = mention.sub if mention.retyped_by else latest
    return dataclasses.replace(mention, sub=sub, weak=False)


def kin_of(mention: Mention, drafts: list[Draft], tax: Taxonomy) -> Mention:
    """Give a plural back-reference that starts an event the type of the one it names.

    "A missile hit Dnipro. The attacks also targeted Kyiv": the strikes on Kyiv are
    missile strikes, not attacks of the noun's own default type. The latest current
    incident of a type the noun can stand for gives it.
    """
    sub = _latest_sub(drafts, tax, mention.anaphor_types or frozenset())
    return mention if sub is None else dataclasses.replace(mention, sub=sub)


def _latest_sub(
    drafts: list[Draft], tax: Taxonomy, types: frozenset[EventType] | None
) -> SubEventType | None:
    """Return the sub-event type of the latest current draft (of one of ``types``)."""
    for draft in reversed(drafts):
        if not draft.background and (types is None or draft.event_type in types):
            return tax.sub_event(draft.event_type, draft.sub_event_type)
    return None


#: How long before a report's day the event it tells may have happened.
_REPORT_LAG_DAYS = 7


def casualties_only(
    sentence: Sentence,
    index: int,
    drafts: list[Draft],
    casualties: Index,
    *,
    text: str,
    dates: Index,
    tax: Taxonomy,
) -> None:
    """Give a sentence that only counts victims ("No one was hurt.") to the last incident.

    A count that is the toll of something else stays out: a cumulative toll ("after six
    years of violence and at least 15,000 deaths", a ``background`` cue of the codebook)
    and a count dated apart from the incident ("Over the weekend, nearly 200 people were
    killed ..." after an attack told for Wednesday).
    """
    found = [c for c in casualties.within(sentence.start, sentence.end)]
    if not found or not drafts:
        return
    draft = drafts[-1]
    if draft.background or draft.last_sentence < index - 1:
        return
    if draft.event_type in _NON_VIOLENT and draft.sub_priority <= 70:
        return
    if tax.cues.background.search(text, sentence.start, sentence.end):
        return
    if tax.cues.hearsay.search(text, sentence.start, sentence.end):
        return  # "Posts on social media claimed dozens were killed": hearsay, no toll
    own = [
        d
        for d in dates.within(sentence.start, sentence.end)
        if isinstance(d, DateMention) and d.date is not None
    ]
    if own and not any(date_ok(draft, d) for d in own):
        return
    add_casualties(draft, [c for c in found if isinstance(c, CasualtyMention)])


def add_casualties(draft: Draft, casualties: list[CasualtyMention]) -> None:
    """Keep the highest count of each kind; remember reports without a number.

    A count told of one place "alone" is that place's figure: it stands over a larger
    total told of the area around it ("37 killed in the town and nearby villages ... 15
    in the town alone").
    """
    for cas in casualties:
        if cas.kind == "killed":
            draft.killed_reported = True
            if cas.count is not None:
                draft.killed = cas.count if cas.alone else max(draft.killed or 0, cas.count)
        else:
            draft.injured_reported = True
            if cas.count is not None:
                draft.injured = cas.count if cas.alone else max(draft.injured or 0, cas.count)


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
        if draft.date_later and _reported_after(draft, lead):
            draft.date, draft.date_reported = lead, False
            draft.notes.append("date of the lead event: the sentence gives only the report's")
            continue
        if date is not None and date.date is not None:
            recent = dt.timedelta(0) <= published - date.date <= dt.timedelta(days=3)
            if date.precision is TimePrecision.DAY and recent:
                lead, night = date, _of_the_night(draft)
        elif lead is not None:
            draft.date = lead
            draft.notes.append("date of the lead event: the sentence gives none")
            if night and lead.date is not None and _HOURS_LATER.match(draft.first.sentence.text):
                # "On Saturday night, ... Several hours later, ...": past midnight
                draft.date = dataclasses.replace(lead, date=lead.date + dt.timedelta(days=1))
                draft.notes.append("hours after the lead's night: the next day")
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
            recent = dt.timedelta(0) <= published - date.date <= dt.timedelta(days=3)
            later = date if date.precision is TimePrecision.DAY and recent else later
        elif date is None and later is not None:
            draft.date = later
            draft.notes.append("date of the event told next: the sentence gives none")


#: A sentence that opens "Several hours later": told hours after the event before it.
_HOURS_LATER = re.compile(
    r"\W*(?:(?:several|a few|some|two|three|four|five|\d+)\s+)?hours\s+later\b", re.IGNORECASE
)
#: A day told of its night: "Saturday night", "late on Saturday night".
_NIGHT = re.compile(r"\s+night\b", re.IGNORECASE)


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
    if not _aggregate(draft) or draft.date_reported or date is None or date.date is None:
        return False
    recent = dt.timedelta(0) <= published - date.date <= dt.timedelta(days=3)
    if not recent or date.precision is not TimePrecision.DAY:
        return False
    # "late on Saturday and early on Sunday": a night across two days names no one day
    told = find_dates(draft.first.sentence.text, published=published)
    return all(d.date == date.date for d in told if d.precision is TimePrecision.DAY)


def _narrows(old: DateMention | None, new: DateMention | None) -> bool:
    """Whether ``new`` names a day within the week or month ``old`` gave."""
    if old is None or new is None or old.date is None or new.date is None:
        return False
    if new.precision is not TimePrecision.DAY or old.precision is TimePrecision.DAY:
        return False
    return dates_compatible(old.date, old.precision, new.date, new.precision, tolerance_days=0)


def _reported_after(draft: Draft, lead: DateMention | None) -> bool:
    """Whether a draft dated only by a report's day follows a lead event of the days before."""
    if not draft.date_reported or lead is None or lead.date is None:
        return False
    if draft.date is None or draft.date.date is None:
        return False
    return dt.timedelta(days=1) <= draft.date.date - lead.date <= dt.timedelta(days=3)


def place_from_lead(drafts: list[Draft]) -> None:
    """Place an incident whose text names no town at the town of the incident told before.

    Follow-ups ("Police said they had arrested more than 100 people") happen where the
    story is; a country named only as an actor's ("launched by Ukraine") is no better.
    The borrowed town gets precision 2.
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
            draft.location = dataclasses.replace(
                lead, precision=GeoPrecision.NEAR, reason="the town of the event told before"
            )
            draft.notes.append("place of the event told before: the sentence names no town")


def merge_drafts(drafts: list[Draft], tax: Taxonomy) -> list[Draft]:
    """Fold later incidents into an earlier one of the same type, date and place.

    Follow-up sentences far from the first report ("Protesters filled the square...")
    or naming the same event in other words are one event in ACLED's terms: one event
    type, one place (within 25 km or inside the other), one day. A mention marked as a
    new event stays apart when its sentence sets it apart (the ``set_apart`` cues of
    ``tax``: "another", "other", "separately", "elsewhere"), not for "also", unless it
    tells an event of another kind in its own strong words (:func:`_other_kind`).
    """
    kept: list[Draft] = []
    for draft in drafts:
        host = None
        if not draft.background and (not draft.first.new_event or not _set_apart(draft, tax)):
            for other in reversed(kept):
                kin = (
                    other.event_type is draft.event_type
                    or (told_generically(other) and draft.event_type in other.first.family)
                    or (told_generically(draft) and other.event_type in draft.first.family)
                )  # "clashes" told first, then who clashed
                if other.background or not kin or _other_kind(other, draft):
                    continue
                if not date_ok(other, draft.date) and not (
                    _reported_after(other, draft.date) or _reported_after(draft, other.date)
                ):
                    continue
                loc, there = draft.location, other.location
                if loc and there and not (place_ok(other, loc) or refines(loc, there)):
                    continue
                host = other
                break
        if host is None:
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
        for kind in ("killed", "injured"):
            value = _max_known(getattr(host, kind), getattr(draft, kind))
            setattr(host, kind, value)
        host.killed_reported |= draft.killed_reported
        host.injured_reported |= draft.injured_reported
        host.actors.extend(draft.actors)
        host.mentions += draft.mentions
        generic = told_generically(host) and not told_generically(draft)
        if host.killed and draft.event_type in _NON_VIOLENT:
            generic = False  # "a raid left 132 dead ... police seized 31 rifles": a deadly raid
        if generic or (
            draft.event_type is host.event_type and draft.sub_priority > host.sub_priority
        ):
            host.event_type = draft.event_type
            host.sub_event_type, host.sub_priority = draft.sub_event_type, draft.sub_priority
    return kept


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


def _aggregate(draft: Draft) -> bool:
    """Whether a draft is an aggregate of many strikes or targets told as one."""
    return draft.background and any(n.startswith("an aggregate of") for n in draft.notes)


def told_generically(draft: Draft) -> bool:
    """Whether an incident was first told by a word of many kinds ("clashes", "violence")."""
    return len(draft.first.family) >= 3


def _max_known(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)
