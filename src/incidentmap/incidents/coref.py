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

The jobs are split: :mod:`.draft` holds the incident under construction
(:class:`~.draft.Draft`), :mod:`.fits` whether a date, place or type fits it,
:mod:`.enriching` what a later mention adds to it; this module decides what a mention
refers back to or continues (:func:`antecedent`) and the type a reference takes from
the events told before it (:func:`inherit`, :func:`kin_of`). Import the others' names
from their own modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from itertools import chain

from ..model import EventType
from ..text.sentences import Sentence
from .bearing import COMPASS
from .dates import DateMention
from .dedupe import haversine_km
from .draft import Draft
from .fits import (
    NON_VIOLENT,
    before_the_news,
    date_ok,
    place_ok,
    same_event_type,
    told_as_aggregate,
)
from .kinds import ARRESTS, CROWD_EVENTS, LOOTING, VIOLENT_DEMONSTRATION
from .mentions import Mention
from .places import Location, lies_in, same_town, specificity
from .taxonomy import Taxonomy
from .triggers import SubEventType

__all__ = ["antecedent", "inherit", "kin_of"]

#: A mention of the same event type within this many sentences continues an incident.
_FOLLOW_UP = 3
#: The other side of a clash is the attackers of the incident just told.
_RESPONSE = re.compile(
    r"\bwith (?:them|the (?:attackers|gunmen|assailants|kidnappers|abductors|bandits|raiders))\b",
    re.IGNORECASE,
)
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
        return _referred(mention, drafts, date, loc)
    if mention.background:
        return None  # a generic statement is not a follow-up of a reported event
    told = _Told(mention, headline=headline)
    oldest_recent = index - _FOLLOW_UP
    for draft in drafts if headline else reversed(drafts):
        # a mention that can join only an incident told in the last few sentences (no
        # toll, no attacker seized, no grenade thrown or fire heard) passes the others by
        # unread: an article's mentions cost what its recent incidents do, not all of them
        if (draft.last_sentence < oldest_recent or draft.background) and not told.far:
            continue
        if earlier and draft.date is None:
            continue  # "Last week, 18 were killed ..." after today's undated news
        if draft.background:
            if _occasion(draft) and draft.event_type in _ATTACKS and told.seized:
                return draft  # the attacker of the stabbing the riot came after, held
            continue
        recent = headline or draft.last_sentence >= oldest_recent
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
            or (draft.event_type in _ATTACKS and (told.response or told.seized))
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
        of_them = draft.event_type is mention.event_type and told.of_them
        casualty_only = violent and (told.counts or of_them)
        # "a man was detained at the scene" goes with the attack, however long ago told
        at_scene = draft.event_type in _ATTACKS and told.seized
        if not ((same and (recent or at_scene or thrown or heard)) or casualty_only):
            continue
        if not date_ok(draft, date):
            continue
        # a bare count ("40 were killed at St. X") belongs to the event told before it
        # (unless it is told in a town of its own: "two were killed in the town of Y")
        # property destroyed in a place of its own ("set fire to 11 stores in Y") is no toll
        placed = (
            place_ok(draft, loc)
            or (casualty_only and not _other_town(draft, mention, loc) and not _property(mention))
        ) and (headline or not elsewhere(draft, scenes, loc, mention.sentence))
        if placed:
            return draft
    return None


class _Told:
    """What a mention's own clause tells, the same whichever incident it may join.

    Each is read once, when first asked: most mentions join the incident just told, or
    none, and never ask.
    """

    def __init__(self, mention: Mention, *, headline: bool) -> None:
        self.mention, self.headline = mention, headline
        sentence = mention.sentence
        self._text = sentence.text
        self._clause = mention.clause_start - sentence.start, mention.clause_end - sentence.start

    @functools.cached_property
    def response(self) -> bool:
        """Whether it tells the response to the attack just told ("exchanged fire with them")."""
        mention = self.mention
        return mention.event_type is EventType.BATTLES and bool(
            _RESPONSE.search(self._text, *self._clause)
        )

    @functools.cached_property
    def seized(self) -> bool:
        """Whether it tells the attacker seized at the scene, part of the attack."""
        return _seized(self.mention)

    @functools.cached_property
    def of_them(self) -> bool:
        """Whether it tells of the events of the kind just told ("one of them was ...")."""
        return bool(_OF_THEM.search(self._text, *self._clause))

    @functools.cached_property
    def counts(self) -> bool:
        """Whether it only counts victims: "four of the attackers were killed", a toll.

        A weak mention, a count of some of the people told ("four of the attackers"), or
        a toll in the passive ("five people were shot dead", no new attacker).
        """
        mention, text = self.mention, self._text
        if mention.weak or _PARTITIVE.search(text, *self._clause):
            return True
        start = mention.trigger.start - mention.sentence.start
        end = mention.trigger.end - mention.sentence.start
        return bool(_TOLL.fullmatch(text, max(0, start - 30), end)) and not _BY.match(text, end)

    @functools.cached_property
    def far(self) -> bool:
        """Whether the mention may join an incident told long before (or a headline's)."""
        mention = self.mention
        return (
            self.headline
            or mention.thrown
            or mention.heard
            or self.counts
            or self.of_them
            or self.seized
        )


def _referred(
    mention: Mention, drafts: list[Draft], date: DateMention | None, loc: Location | None
) -> Draft | None:
    """Return the incident a back-reference ("the attack", "those clashes") names, if any.

    The latest incident of a type the noun can stand for whose date fits, one of the
    mention's own type first ("the strikes hit ..." said with a strike's words refers
    back to a strike).
    """
    types = mention.anaphor_types or frozenset()
    campaign = "campaign" in mention.trigger.trigger.flags
    aimed = specificity(loc.place) >= 3 if loc is not None else False
    own = mention.event_type
    # the mention's own type first, then the others, each from the latest back
    for draft in chain(
        (d for d in reversed(drafts) if d.event_type is own),
        (d for d in reversed(drafts) if d.event_type is not own),
    ):
        if draft.event_type not in types:
            continue
        if draft.background and not mention.plural and not _occasion(draft):
            continue  # "the vigil" may be the one the news came after, not a habit
        if campaign and not draft.background:
            continue  # "the uprising" is not the march reported before
        if told_as_aggregate(draft) and aimed:
            return None  # "the strikes hit X and Y" breaks a salvo into its places
        if mention.plural and aimed and not place_ok(draft, loc):
            continue  # "the attacks also targeted X": X is hit too, an event of its own
        if date_ok(draft, date):
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
