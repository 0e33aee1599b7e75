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

from ..model import EventType, TimePrecision
from ..text.sentences import Sentence
from .bearing import COMPASS
from .casualties import CasualtyMention
from .dates import DateMention
from .dedupe import dates_compatible, haversine_km
from .facts import Facts, Index, mourned_deaths
from .kinds import (
    ABDUCTION,
    AGREEMENT,
    ARRESTS,
    ATTACK,
    CROWD_EVENTS,
    DISRUPTED,
    LATE_DISCLOSED,
    LOOTING,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
    VIOLENT_DEMONSTRATION,
)
from .locate import Location, lies_in, same_town, specificity
from .mentions import Mention
from .taxonomy import SubEventType, Taxonomy

__all__ = [
    "Draft",
    "add_casualties",
    "antecedent",
    "casualties_only",
    "enrich",
    "inherit",
    "instances_of",
    "same_event_type",
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
NON_VIOLENT = frozenset({EventType.PROTESTS, EventType.STRATEGIC_DEVELOPMENTS})
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
#: "killed in the northern mining town of X": where a toll is told; also "in X, south of
#: Y", "at X near Y", "in X, 30 km from Y": a place the gazetteer lacks, told by the town
#: it lies by (the event's place is that town, and the place is its own all the same)
_TOLD_IN = re.compile(
    r"\b(?:in|at)\s+(?:the\s+)?(?:[\w’'-]+\s+){0,4}?(?:(?:town|city|village)\s+of\s+)?"
    r"(?:(?-i:[A-Z])[\w’'-]*(?:\s+(?-i:[A-Z])[\w’'-]*){0,3},?\s+"
    r"(?:(?:about|some|around|nearly|roughly)\s+)?(?:[\d,.]+\s*(?:km|kms|kilometres?|kilometers?|miles?)\s+)?"
    rf"(?:{COMPASS}\s+of|near|outside|from)\s+"
    r"(?:the\s+)?(?:(?:town|city)\s+of\s+)?)?$",
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
    town_toll: bool = False
    """The toll is a town's own, told after a total of the wider area it lies in."""
    spanned: bool = False
    """A toll told of several events reached the draft (``CasualtyMention.spans``)."""
    killed_claimed: bool = False
    """The count of the dead is only a side's claim of its own kills
    (``CasualtyMention.claimed``): any other figure of the event replaces it."""
    scenes: set[str] = field(default_factory=set)
    """The settlements the gazetteer lacks its mentions were told at ("the village of X"),
    normalised (:func:`~incidentmap.incidents.locate.unknown_scenes`)."""


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


def same_place(host: Draft, loc: Location | None) -> bool:
    """Whether ``loc`` may be where the incident ``host`` happened, for folding two together.

    True when either place is unknown, when :func:`place_ok` accepts it, or when ``loc``
    names a smaller place within the incident's ("in X province" ... "in the town of Y").
    """
    there = host.location
    if loc is None or there is None:
        return True
    return place_ok(host, loc) or refines(loc, there)


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


def before_the_news(
    date: DateMention | None, published: dt.date | None, *, sub_event: str | None = None
) -> bool:
    """Whether a week-long date ended days before the story was published.

    An undated event of a news story is the news of its day (the day of publication or
    the one before); "last week" told in a Saturday story, a week that ended six days
    before, is another, earlier event's time. Not for an event whose sub-event type
    (``sub_event``, its name) is :data:`~.kinds.LATE_DISCLOSED`: detentions come to
    light late, and a week-old arrest may be the undated event's.

    Examples
    --------
    >>> from incidentmap.incidents.dates import find_dates
    >>> saturday = dt.date(2024, 3, 16)
    >>> before_the_news(find_dates("Last week", published=saturday)[0], saturday)
    True
    >>> monday = dt.date(2024, 3, 18)
    >>> before_the_news(find_dates("Last week", published=monday)[0], monday)
    False
    >>> before_the_news(find_dates("Last week", published=saturday)[0], saturday,
    ...                 sub_event="Arrests")
    False
    """
    if sub_event in LATE_DISCLOSED:
        return False
    if published is None or date is None or date.date is None:
        return False
    if date.precision is not TimePrecision.WEEK:
        return False
    return date.date + dt.timedelta(days=7) < published


def antecedent(
    mention: Mention,
    drafts: list[Draft],
    index: int,
    date: DateMention | None,
    loc: Location | None,
    *,
    headline: bool = False,
    published: dt.date | None = None,
    scenes: frozenset[str] = frozenset(),
) -> Draft | None:
    """Return the incident a mention refers back to or continues, if any.

    A headline (read after the body) tells the story's main event: it looks for it from
    the lead on, not from the last event told. A mention dated to a week that ended days
    before ``published`` continues no undated incident (see :func:`before_the_news`),
    unless it tells an arrest (detentions come to light late). A mention told at a
    settlement the gazetteer lacks (``scenes``: "in the village of X") continues no
    incident told at a town or at another such place (see :func:`elsewhere`).
    """
    earlier = before_the_news(date, published, sub_event=mention.sub.name)
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
            if told_as_aggregate(draft) and loc is not None and specificity(loc.place) >= 3:
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
        if earlier and draft.date is None:
            continue  # "Last week, 18 were killed ..." after today's undated news
        if draft.background:
            if _occasion(draft) and draft.event_type in _ATTACKS and _seized(mention):
                return draft  # the attacker of the stabbing the riot came after, held
            continue
        recent = headline or draft.last_sentence >= index - _FOLLOW_UP
        # a demonstration turned violent goes on in riot words; and after a riot, protest
        # words with no day or town of their own tell its crowd ("Rioters torched cars in
        # X on Saturday. Eight party workers were detained for chanting slogans"): a
        # protest told with a town or day of its own is an event apart
        escalation = (
            draft.event_type is EventType.PROTESTS and mention.event_type is EventType.RIOTS
        ) or (
            draft.event_type is EventType.RIOTS
            and mention.event_type is EventType.PROTESTS
            and loc is None
            and date is None
        )
        # police arresting demonstrators intervene in the protest; no separate event
        # (an arrest at a place of its own, "at a workshop", "at their homes", is not)
        crowd_arrests = (
            mention.sub.name == ARRESTS.name
            and draft.event_type in CROWD_EVENTS
            and not mention.charged
            and not mention.apart
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
        # "rocket fire was heard at the barracks": the fighting just told, as witnesses heard it
        heard = mention.heard and draft.event_type in _FIGHTS
        same = (
            same_event_type(draft, mention.event_type, mention.sub.name)
            or draft.event_type in mention.family
            or escalation
            or crowd_arrests
            or (bool(response or seized) and draft.event_type in _ATTACKS)
            or thrown
            or heard
        )
        # a demonstration at which people died takes the toll told after it
        violent = (
            draft.event_type not in NON_VIOLENT
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
        # property destroyed in a place of its own ("set fire to 11 stores in Y") is no toll
        placed = (
            place_ok(draft, loc)
            or (casualty_only and not _other_town(draft, mention, loc) and not _property(mention))
        ) and (headline or not elsewhere(draft, scenes, loc, mention.sentence))
        # "a man was detained at the scene" goes with the attack, however long ago told
        at_scene = bool(seized) and draft.event_type in _ATTACKS
        if (
            ((same and (recent or at_scene or thrown or heard)) or casualty_only)
            and date_ok(draft, date)
            and placed
        ):
            return draft
    return None


def elsewhere(
    draft: Draft, scenes: frozenset[str], loc: Location | None, sentence: Sentence
) -> bool:
    """Whether a mention is told at another place than ``draft``, one the gazetteer lacks.

    News tells each village of a wave by its name; one the gazetteer lacks ("an air
    strike on the village of X killed three") is still a place of its own, not the town
    told before: a mention told at such a place (``scenes``) continues only an
    incident told by an area (a country, a province) or with no place, or one told at
    the same name. And an incident told at such a place is not continued by a mention
    told "in" or "at" a town in its ``sentence`` (ACLED codes each named town).
    """
    if scenes & draft.scenes:
        return False
    there = draft.location
    if scenes:
        return bool(draft.scenes) or (there is not None and specificity(there.place) >= 3)
    if not draft.scenes or loc is None or there is None or specificity(loc.place) < 3:
        return False
    if loc.toponym is None or same_town(there.place, loc.place):
        return False
    at = loc.toponym.start - sentence.start
    return _TOLD_IN.search(sentence.text, max(0, at - 40), at) is not None


#: Strategic developments told together of one event: arrests made in a weapons seizure.
_ONE_DEVELOPMENT = frozenset({ARRESTS.name, DISRUPTED.name})


def same_event_type(draft: Draft, event_type: EventType, name: str) -> bool:
    """Whether an event of ``event_type`` (sub-event type ``name``) may be the draft's by type.

    It must be of the draft's event type, and of its sub-event type too for strategic
    developments, which are not kinds of one event: an arrest, a coup attempt, an
    agreement, looting are each an event of their own ("police held an officer over a
    plot to seize power that had failed": two), where a clash told as fighting and then as
    shelling may be one. Arrests made where weapons are seized are part of the seizure.
    """
    if draft.event_type is not event_type:
        return False
    return (
        event_type is not EventType.STRATEGIC_DEVELOPMENTS
        or draft.sub_event_type == name
        or {draft.sub_event_type, name} <= _ONE_DEVELOPMENT
    )


def _other_town(draft: Draft, mention: Mention, loc: Location | None) -> bool:
    """Whether a toll is told "in" a town apart from the draft's (ACLED codes each town).

    So is a town outside the province the incident was placed in.
    """
    if loc is None or draft.location is None or loc.toponym is None:
        return False
    sent = mention.sentence
    at = loc.toponym.start - sent.start
    a, b = draft.location.place, loc.place
    if a.is_admin1 and specificity(b) >= 3 and not lies_in(b, a):
        # "nine were killed in the X region ... 200 were killed in Y", Y a town elsewhere
        return _TOLD_IN.search(sent.text, max(0, at - 40), at) is not None
    return (
        specificity(loc.place) >= 3
        and specificity(draft.location.place) >= 3
        and mention.clause_start <= loc.toponym.start < mention.clause_end
        and haversine_km(a.lat, a.lon, b.lat, b.lon) > 25.0
        and _TOLD_IN.search(sent.text, max(0, at - 40), at) is not None
    )


def _property(mention: Mention) -> bool:
    """Whether a mention tells property destroyed, with what ("torched seven buses")."""
    sentence, trigger = mention.sentence, mention.trigger
    words = sentence.text[trigger.start - sentence.start : trigger.end - sentence.start]
    return mention.sub.name == LOOTING.name and " " in words


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
    elif facts.date is not None and not facts.report_day and reported_after(draft, facts.date):
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
    # "Five were killed in clashes across the country ... In the town of X, four were
    # killed": a count told of a town within the area told first is the town's toll
    narrowed = (
        facts.location is not None
        and draft.location is not None
        and specificity(draft.location.place) <= 1
        and specificity(facts.location.place) >= 3
        and refines(facts.location, draft.location)
    )
    # ... and the area's total told again (a headline read last) stays over the town's
    widened = (
        draft.town_toll
        and facts.location is not None
        and draft.location is not None
        and specificity(facts.location.place) <= 1
        and refines(draft.location, facts.location)
    )
    if facts.location is not None and (
        draft.location is None or refines(facts.location, draft.location) or signed
    ):
        draft.location = facts.location
    if not (mention.background or mention.claimed):
        # "5,400 have been killed in the fighting", "More than 100 have been killed in the
        # violence since May", what posts claim: a generic statement, a cumulative toll
        # (a ``background`` cue of the codebook, read by find_mentions) or hearsay, not
        # this event's toll
        if narrowed and any(c.kind == "killed" and c.count for c in facts.casualties):
            draft.killed, draft.town_toll = None, True
        killed = draft.killed
        add_casualties(draft, facts.casualties)
        if widened:
            draft.killed = killed
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
    if draft.event_type in NON_VIOLENT and draft.sub_priority <= 70:
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
    # "... and mounting civilian deaths.": deaths without a number that are mourned or
    # protested are no event's toll
    add_casualties(
        draft,
        [
            c
            for c in found
            if isinstance(c, CasualtyMention) and not mourned_deaths(text, c, sentence.start, tax)
        ],
    )


def add_casualties(draft: Draft, casualties: list[CasualtyMention]) -> None:
    """Keep the highest count of each kind; remember reports without a number.

    A count told of one place "alone" is that place's figure: it stands over a larger
    total told of the area around it ("37 killed in the town and nearby villages ... 15
    in the town alone"). A total told of several events (``CasualtyMention.spans``) is
    none of them: deaths reported, the incident's own number not told. A side's claim of
    its own kills (``CasualtyMention.claimed``) is the count only while no other figure is
    told: ACLED takes the lowest credible figure, and a party to the fight is no neutral
    source.
    """
    for cas in casualties:
        if cas.kind == "killed":
            draft.killed_reported = True
            draft.spanned |= cas.spans
            if cas.count is None or cas.spans:
                continue
            if cas.claimed:  # a side's claim: the count only while no other is told
                if draft.killed is None or draft.killed_claimed:
                    draft.killed = max(draft.killed or 0, cas.count)
                    draft.killed_claimed = True
            elif draft.killed_claimed:
                draft.killed, draft.killed_claimed = cas.count, False
            else:
                draft.killed = cas.count if cas.alone else max(draft.killed or 0, cas.count)
        else:
            draft.injured_reported = True
            if cas.count is not None and not cas.spans:
                draft.injured = cas.count if cas.alone else max(draft.injured or 0, cas.count)


def _narrows(old: DateMention | None, new: DateMention | None) -> bool:
    """Whether ``new`` names a day within the week or month ``old`` gave."""
    if old is None or new is None or old.date is None or new.date is None:
        return False
    if new.precision is not TimePrecision.DAY or old.precision is TimePrecision.DAY:
        return False
    return dates_compatible(old.date, old.precision, new.date, new.precision, tolerance_days=0)


def reported_after(draft: Draft, lead: DateMention | None) -> bool:
    """Whether a draft dated only by a report's day follows a lead event of the days before."""
    if not draft.date_reported or lead is None or lead.date is None:
        return False
    if draft.date is None or draft.date.date is None:
        return False
    return dt.timedelta(days=1) <= draft.date.date - lead.date <= dt.timedelta(days=3)


def told_as_aggregate(draft: Draft) -> bool:
    """Whether a draft is an aggregate of many strikes or targets told as one."""
    return draft.background and any(n.startswith("an aggregate of") for n in draft.notes)
