"""Whether a mention's date, place and type fit an incident under construction.

The tests that linking (:func:`~.coref.antecedent`), the facts a later mention adds
(:mod:`.enriching`) and the finishing stage's merges (:mod:`.merging`, :mod:`.crowds`)
share: a place that may be the incident's (:func:`place_ok`, :func:`same_place`,
:func:`refines`), a date that may be its day (:func:`date_ok`,
:func:`before_the_news`, :func:`reported_after`), a type that may be its type
(:func:`same_event_type`).
"""

from __future__ import annotations

import datetime as dt

from ..model import EventType, TimePrecision
from .dates import DateMention
from .dedupe import dates_compatible, haversine_km
from .draft import Draft
from .kinds import ARRESTS, DISRUPTED, LATE_DISCLOSED
from .places import Location, same_town, specificity

__all__ = [
    "NON_VIOLENT",
    "REPORT_LAG_DAYS",
    "before_the_news",
    "date_ok",
    "place_ok",
    "refines",
    "reported_after",
    "same_event_type",
    "same_place",
    "told_as_aggregate",
]

#: How far from a region's point its towns may lie (a peninsula, a valley, a desert).
_WIDE_AREA_KM = 250.0
#: Event types a bare casualty report ("five people were killed") does not belong to.
NON_VIOLENT = frozenset({EventType.PROTESTS, EventType.STRATEGIC_DEVELOPMENTS})
#: How long before a report's day the event it tells may have happened.
REPORT_LAG_DAYS = 7
#: Strategic developments told together of one event: arrests made in a weapons seizure.
_ONE_DEVELOPMENT = frozenset({ARRESTS.name, DISRUPTED.name})


def place_ok(draft: Draft, loc: Location | None, max_km: float = 25.0) -> bool:
    """Whether ``loc`` may be where the incident ``draft`` happened.

    True when either place is unknown; when they are one place, or one is the other's
    parent; when one names a smaller place within the other (:func:`refines`); for two
    towns, when they are one town (within ``max_km``); for areas, when they are of one
    country (never two provinces, nor a province and a town of another province); other
    places, when they lie within ``max_km`` of each other.
    """
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
    """Whether ``date`` may be the day of the incident ``draft``.

    True when either date is unknown or they are compatible (the same day, or a day of
    the week or month given), and when the draft is dated only by the day of a report
    that came up to ``REPORT_LAG_DAYS`` after ``date``.
    """
    if date is None or date.date is None or draft.date is None or draft.date.date is None:
        return True
    if dates_compatible(
        draft.date.date, draft.date.precision, date.date, date.precision, tolerance_days=0
    ):
        return True
    # "..., officials said on Monday. They blamed police for the strike on Saturday":
    # the day of a report stands for the event's only until the event's own day is told
    before = (draft.date.date - date.date).days
    return draft.date_reported and 0 < before <= REPORT_LAG_DAYS


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
