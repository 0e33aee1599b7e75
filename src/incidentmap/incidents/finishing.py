"""Stage 4 of the extractor: finishing the incidents of one article.

Drafts of one event are merged, the headline's incident folds into the body's, a
demonstration's arrests and scuffles into it, weapons seized or an assault repelled into
the operation told before them; generic statements, events told weeks before the lead
and those told a week before it far from its place are marked background; an event dated
only by its report (or an undated opening one) takes the day the next sentences give, an
undated one that of the sentence just before it in its paragraph, follow-ups borrow the
lead's day and town, and what is still undated takes the one recent day the story names,
else its night or the day of its report (those days: :mod:`.undated`); the toll of an
event told beside a total of several is left unknown (:mod:`.spanning`); each draft
becomes an :class:`~incidentmap.model.Incident` with its date, place, precision,
casualties, notes and stable id.

Examples
--------
>>> from incidentmap.model import Article
>>> from incidentmap.incidents.document import read_article
>>> from incidentmap.incidents.linking import link_mentions
>>> doc = read_article(Article("a", "Gunmen killed two people on Monday."), [])
>>> [(i.sub_event_type, i.fatalities) for i in finish(doc, link_mentions(doc))]
[('Attack', 2)]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from ..gazetteer.kinds import PlaceKinds, haversine_km
from ..model import Article, GeoPrecision, Incident, Place, TimePrecision, Toponym
from ..text.sentences import Sentence
from .crowds import fold_into_demonstrations, fold_into_riots
from .dates import DateMention
from .dedupe import incident_id
from .document import ArticleDocument
from .draft import Draft
from .facts import Index
from .fallback import (
    area_within,
    fallback_location,
    province_named_by_town,
    seat_of,
    town_within,
)
from .kinds import AGREEMENT, LATE_DISCLOSED
from .linking import historical
from .merging import (
    date_from_lead,
    fold_spoils,
    merge_drafts,
    place_from_lead,
    tolls_of_the_lead,
)
from .page import fold_headline
from .parts import compass_part, part_of_country
from .places import Location, lies_in, specificity
from .spanning import spread_spanning_tolls
from .taxonomy import Taxonomy
from .undated import (
    date_from_story,
    day_told_just_before,
    day_told_next,
    retold_in_a_proceeding,
    told_under_an_old_date,
)

__all__ = ["finish"]


def finish(
    doc: ArticleDocument, drafts: list[Draft], *, include_background: bool = True
) -> list[Incident]:
    """Return the article's incidents from its drafts, in order of first mention."""
    article, text, tax = doc.article, doc.text, doc.taxonomy
    sentences, dates, places, toponyms = doc.sentences, doc.dates, doc.places, doc.toponyms
    head_end = doc.head_end
    drafts = merge_drafts(drafts, tax, published=article.published)
    drafts = fold_headline(drafts, head_end, text)
    drafts = fold_into_demonstrations(drafts, tax)
    # a protest that turned violent in the fold now meets the riot told apart from it
    drafts = merge_drafts(drafts, tax, published=article.published)
    drafts.sort(key=lambda d: d.first.sentence.start)
    drafts = fold_spoils(drafts, tax)
    _mark_generic(drafts, text, tax)  # before follow-ups borrow the lead's day and town
    day_told_next(drafts, sentences, dates, tax, article.published)  # before the lead's day
    told_under_an_old_date(drafts, dates, article.published)
    retold_in_a_proceeding(drafts, text, sentences, tax, head_end=head_end)
    day_told_just_before(drafts, sentences, doc.told_dates, tax, text)
    date_from_lead(drafts, article.published)
    date_from_story(drafts, sentences, doc.told_dates, tax, article.published, head_end=head_end)
    place_from_lead(drafts)
    tolls_of_the_lead(drafts, tax)
    drafts = fold_into_riots(drafts, tax)  # once each has the day and town it borrows
    first = next((s for s in sentences if s.start >= head_end), None)
    _mark_context(drafts, _lead_date(first, dates), first.end if first else 0, article.published)
    spread_spanning_tolls(drafts, sentences, doc.casualties.items)
    foreground = [t for t in toponyms if not _in_background(t, drafts)]
    out = [_finish(article, d, foreground, places, tax) for d in drafts]
    return [inc for inc in out if include_background or not inc.background]


#: A later event dated this long before the article's lead event is context, not news:
#: news copy reports the last days and recalls older events to explain them.
_CONTEXT_GAP = dt.timedelta(days=14)

#: An event told after the lead, a week or more before it and beyond the lead's area, is
#: context too: a round-up recalls the area's events of the last weeks, while an event far
#: away is recalled to frame the news ("Earlier last week, a bombing in another province
#: killed 26"; "... were killed in an attack on a hotel in the capital on January 31").
_FAR_GAP = dt.timedelta(days=7)
_FAR_KM = 100.0


def _lead_date(sentence: Sentence | None, dates: Index) -> dt.date | None:
    """Return the date the article's first sentence gives (its lead event's, as a rule)."""
    if sentence is None:
        return None
    for found in dates.within(sentence.start, sentence.end):
        if isinstance(found, DateMention) and found.date is not None:
            return found.date
    return None


def _mark_context(
    drafts: list[Draft], lead: dt.date | None, lead_end: int, published: dt.date | None
) -> None:
    """Flag as background the events told weeks before the article's lead event.

    News copy reports the last few days and recalls older events to explain them ("The
    group captured the city in December 2023, ...", "Assad fled on Dec. 8 as ..."). The
    lead is dated by the incident of the article's first sentence, failing that by the
    sentence's first date, failing that by the first dated incident; a later incident
    dated more than two weeks before it is such context. An incident told in the first
    sentence is the news itself, however old. Arrests are the exception: detentions are
    often disclosed, and coded, long after the fact. An event the first sentence tells
    with no date at all is recent news: the publication date dates the lead (the date it
    is given), not the first older event told after it ("Gunmen killed 26 ... . The
    president declared an emergency last month after bombings on 9 April killed 45").
    An event told a week or more before the lead and 100 km or more from the lead's place
    is context as well (:data:`_FAR_GAP`): the story recalls it from elsewhere to frame
    the news, where a round-up of the lead's area tells its recent events as news.
    """
    opening = [  # "A rights group said on Monday that soldiers killed 40 in March": March
        d.date.date
        for d in drafts
        if d.first.sentence.start < lead_end
        and not d.background
        and d.date is not None
        and d.date.date is not None
    ]
    lead = opening[0] if opening else lead
    lead_place = next(  # the lead event's town, for the rule of events told far from it
        (
            d.location.place
            for d in drafts
            if d.first.sentence.start < lead_end and not d.background and d.location is not None
        ),
        None,
    )
    undated_lead = any(
        d.first.sentence.start < lead_end and not d.background and d.date is None for d in drafts
    )
    if lead is None and undated_lead:
        lead = published
    for draft in drafts:
        if draft.background or draft.date is None or draft.date.date is None:
            continue
        if lead is None or draft.first.sentence.start < lead_end:
            lead = lead or draft.date.date
            if lead_place is None and draft.location is not None:
                lead_place = draft.location.place
            continue
        if draft.sub_event_type in LATE_DISCLOSED:
            continue
        if lead - draft.date.date > _CONTEXT_GAP:
            draft.background = True
            draft.notes.append("context: dated weeks before the article's lead event")
        elif lead - draft.date.date >= _FAR_GAP and _far(draft, lead_place):
            draft.background = True
            draft.notes.append("context: dated days before the lead event, far from its place")


def _far(draft: Draft, lead: Place | None) -> bool:
    """Whether a draft's place lies beyond :data:`_FAR_KM` of the lead event's place."""
    if lead is None or draft.location is None:
        return False
    here = draft.location.place
    return haversine_km(here.lat, here.lon, lead.lat, lead.lon) >= _FAR_KM


def _mark_generic(drafts: list[Draft], text: str, tax: Taxonomy) -> None:
    """Flag as background an event told with no date and no town, in the present perfect.

    "Rights groups have accused the police of excessive force, including during protests":
    a plural event noun in a statement about what has happened over time, not one event.
    """
    for draft in drafts:
        if draft.background or draft.date is not None:
            continue
        if draft.location is not None and specificity(draft.location.place) >= 3:
            continue
        sent, trigger = draft.first.sentence, draft.first.trigger
        if any(  # filters.tsv, stage "undated": a plural event noun in the present perfect
            f.applies(trigger, text) and f.searcher(tax.cues).search(sent.text) is not None
            for f in tax.stage_filters["undated"]
        ):
            draft.background = True
            draft.notes.append("generic: no date, no town, told in the present perfect")


def _in_background(top: Toponym, drafts: list[Draft]) -> bool:
    """Whether a place is named only where background is told (not a fallback place).

    The dateline is never background, and a sentence that also reports a current event
    keeps its places for it ("Gunmen killed 20 in X, the deadliest attack since ...").
    """
    if top.kind == "dateline":
        return False
    told = False
    for d in drafts:
        sent = d.first.sentence
        if sent.start <= top.start < sent.end:
            if not d.background:
                return False
            told = True
    return told


_PART = re.compile(
    r"(?:(?:north|south)(?:-?(?:east|west))?|east|west|central|mid|upper|lower|far)(?:ern)?"
    r"(?:\s+and\s+\w+)?\s+(?:parts?\s+of\s+)?$",
    re.IGNORECASE,
)


def _same(top: Toponym, place: Place) -> bool:
    return top.kind == "place" and top.place is not None and top.place.id == place.id


def _told(place: Place, toponyms: list[Toponym]) -> int:
    """How many times the story names ``place``."""
    return sum(_same(t, place) for t in toponyms)


def _told_alone(text: str, loc: Location, toponyms: list[Toponym]) -> int:
    """How many times the story names the town of "the X region" without the area word."""
    return sum(
        _same(t, loc.place)
        and province_named_by_town(text, dataclasses.replace(loc, toponym=t)) is None
        for t in toponyms
    )


def _part_of(text: str, loc: Location) -> bool:
    """Whether the place is named as a part of itself ("northern Nigeria", "eastern Congo").

    The capital does not stand for a part of the country, which it may lie outside of.
    """
    if loc.toponym is None:
        return False
    start = loc.toponym.start
    return bool(_PART.search(text, max(0, start - 40), start)) or (
        compass_part(text, loc.toponym) is not None
    )


def _compass_part(text: str, loc: Location) -> str | None:
    """Return the bearing of the part of a country the event is told in ("northeast")."""
    top = loc.toponym
    if top is None or top.kind != "place" or not loc.place.is_country or top.place != loc.place:
        return None  # a demonym ("a northern Nigerian governor") names people, not a part
    return compass_part(text, top)


_SCOPE = re.compile(
    r"(?:ceasefire|truce|deal|agreement|accord|peace|talks)\s+(?:in|for|over|on)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


def _scope_only(article: Article, loc: Location | None) -> bool:
    """Whether an agreement's place is only what it is about ("a ceasefire in Gaza")."""
    if loc is None or loc.toponym is None:
        return True
    start = loc.toponym.start
    return bool(_SCOPE.search(article.text, max(0, start - 40), start))


#: An event dated later than this after publication has not happened yet (time zones
#: and a late filing allow a day).
_NEXT_DAY = dt.timedelta(days=1)
#: A sentence's word for the town of the story's dateline: "the capital", "the Georgian
#: capital", "the country's capital", "the port city" (the ``'s`` of "the capital's
#: Meskel Square" included).
_TOWN_ANAPHOR = re.compile(
    r"\b[Tt]he (?:(?:country|nation)['’]s |(?-i:[A-Z])[\w-]+ |port |(provincial |regional ))?"
    r"(capital|city|town)\b(?!\s+(?:of|hall|council|police|authorities)\b)"
)
_CAPITAL_CODES = PlaceKinds.default().capital_codes


def _names_town(word: str, place: Place) -> bool:
    """Whether a sentence's "the capital", "the city" or "the town" can name ``place``.

    ``word`` is ``"seat"`` for "the provincial (or regional) capital".

    >>> p = Place("geonames:611717", "Tbilisi", 41.7, 44.8, "P", "PPLC", "GE")
    >>> _names_town("capital", p), _names_town("city", p)
    (True, True)
    >>> kaya = Place("geonames:2597439", "Kaya", 13.09, -1.08, "P", "PPLA", "BF")
    >>> _names_town("capital", kaya), _names_town("seat", kaya)
    (False, True)
    """
    if place.feature_class != "P":
        return False
    if word == "capital":  # the country's: a province's seat is "the provincial capital"
        return place.feature_code in ("PPLC", "PPLG")
    return word != "seat" or place.feature_code in _CAPITAL_CODES


#: A region whose point lies this near a city surrounds it, though the city may be an area of
#: its own ("KYIV —" ... "in the Kyiv region"), with a first-level code of its own that
#: :func:`~.places.lies_in` reads as outside the region.
_SURROUNDED_KM = 100.0


def _dateline_stands(text: str, area: Place, city: Place, toponyms: list[Toponym]) -> bool:
    """Whether the dateline city stands for an event told only by its region.

    Only when the city lies in that region: a story filed from the capital tells of
    regions far from it ("KYIV — Drones were shot down over the Kherson region"), and
    the region's own seat stands for such an event. Not when the story names another
    town of the region more often ("PORT-AU-PRINCE, Haiti — Gunmen invaded a town north
    of the capital" ... "the coastal town of Arcahaie"): that town is the story's, and
    the event's.
    """
    near = haversine_km(city.lat, city.lon, area.lat, area.lon) <= _SURROUNDED_KM
    if not (lies_in(city, area) or near):  # a capital is often an area of its own (Kyiv)
        return False
    body = [t for t in toponyms if t.kind == "place"]
    town = town_within(area, body, text=text)
    return town is None or town.place.id == city.id


def _finish(
    article: Article, draft: Draft, toponyms: list[Toponym], places: Index, tax: Taxonomy
) -> Incident:
    mention = draft.first
    sent = mention.sentence
    notes = list(draft.notes)
    date = draft.date
    event_date: str | None = None
    precision = TimePrecision.MONTH
    date_text = None
    if date is not None and date.date is not None:
        event_date, precision, date_text = date.date.isoformat(), date.precision, date.text
        if historical(date, article.published) and not draft.background:
            draft.background = True
            notes.append("retrospective: the event predates the article by years")
        ahead = article.published is not None and date.date - article.published > _NEXT_DAY
        if ahead and not draft.background:  # "a march planned for Thursday, July 29"
            draft.background = True
            notes.append("planned: dated after the article's publication")
    elif date is not None:
        notes.append(date.note or "date not resolved")
        precision, date_text = date.precision, date.text
    elif draft.background:
        notes.append("no date given")
    elif article.published is not None:
        event_date, precision = article.published.isoformat(), TimePrecision.WEEK
        notes.append("no date in the text: the publication date stands for a recent event")
    else:
        notes.append("no date in the text and no publication date")
    loc = draft.location
    dateline = fallback_location([t for t in toponyms if t.kind == "dateline"])
    if (
        draft.sub_event_type == AGREEMENT.name
        and dateline is not None
        and _scope_only(article, loc)
    ):
        loc = dataclasses.replace(dateline, precision=GeoPrecision.EXACT)
        notes.append("agreement placed where it was reported concluded (the dateline)")
    if (
        loc is not None
        and dateline is not None
        and specificity(loc.place) <= 1
        and specificity(dateline.place) >= 3
        and dateline.place.country_code == loc.place.country_code
        and not _part_of(article.text, loc)  # "IDLIB, Syria —" over "in eastern Syria"
        and _dateline_stands(article.text, loc.place, dateline.place, toponyms)
    ):
        loc = dataclasses.replace(dateline, precision=GeoPrecision.NEAR)
        notes.append("only a region named: the dateline city stands for it")
    if loc is None:
        sentence_tops = [t for t in places.within(sent.start, sent.end) if isinstance(t, Toponym)]
        loc = fallback_location(toponyms, sentence_toponyms=sentence_tops)
        if loc is not None:
            notes.append(f"place from {loc.reason}")
        if (
            loc is not None
            and loc.precision is GeoPrecision.NEAR
            and loc.toponym is not None
            and loc.toponym.kind == "dateline"
        ):
            said = _TOWN_ANAPHOR.search(article.text, sent.start, sent.end)
            word = "" if said is None else "seat" if said.group(1) else said.group(2).lower()
            if said is not None and _names_town(word, loc.place):
                # "TBILISI — ... marched through the Georgian capital": the sentence
                # places the event in the dateline's town, only without its name
                loc = dataclasses.replace(loc, precision=GeoPrecision.EXACT)
                notes.append(f"the sentence names it as {said.group(0)!r}")
    province = province_named_by_town(article.text, loc) if loc is not None else None
    if province is not None and loc is not None and not draft.background:
        # "fighting in the Kursk region" ... "around the town of Sudzha": a town of the
        # province named elsewhere in the story is the event's place, unless the story
        # names the province's own town by itself as often ("the city of Belgorod")
        town = town_within(
            province, [t for t in toponyms if not _same(t, loc.place)], text=article.text
        )
        if town is not None and _told(town.place, toponyms) >= _told_alone(
            article.text, loc, toponyms
        ):
            loc = town
            notes.append(f"place: the story's town in the province of {province.name}")
    # an area: a country or province, or a second-level one ("in Abra province": the
    # provinces of the Philippines are GeoNames' second level)
    area_only = loc is not None and (
        specificity(loc.place) <= 1 or loc.place.feature_code == "ADM2"
    )
    if loc is not None and area_only and not draft.background:
        # one of several places named ("A, B and C") is a place of its own, not the story's
        # town within it
        listed = draft.split_place is not None and loc.place.id == draft.split_place
        town = None if listed else town_within(loc.place, toponyms, text=article.text)
        if town is not None:  # "in northern Honduras" ... "in the town of Tocoa"
            loc = town
            notes.append(f"place: {town.reason}")
        elif (bearing := _compass_part(article.text, loc)) is not None:
            # "in northeast Jordan": the seat of the area that lies that way, else the
            # country's own point (never its capital, which may lie at the other end)
            found = part_of_country(loc.place, bearing)
            if found is not None:
                loc = found
                notes.append(f"place: {found.reason}")
            else:
                notes.append(f"place: only the {bearing} of {loc.place.name} named: its own point")
        elif _part_of(article.text, loc):  # "central Mali": the area's own point
            notes.append(f"place: only a part of {loc.place.name} named: its own point")
        elif not tax.cues.border.search(sent.text):
            # ACLED: an event known only to a country or province goes to its capital;
            # a country whose story names one province of it: that province's seat
            area = area_within(loc.place, toponyms)
            seat = seat_of(area or loc.place)
            if seat is None and area is not None:
                seat = Location(area, GeoPrecision.REGION, None, f"the story's area {area.name}")
            if seat is not None:
                # a seat says no more than the text did ("the article's main place": 3)
                loc = dataclasses.replace(seat, precision=max(seat.precision, loc.precision))
                notes.append(f"place: {seat.reason}")
    if draft.injured_reported and draft.injured is None:
        notes.append("injuries reported without a number")
    if draft.killed_reported and draft.killed is None:
        notes.append("deaths reported without a number")
    place = loc.place if loc else None
    # a sub-event type ACLED codes 0 when no deaths are told (taxonomy.json), or a report
    # that counts the wounded, which would tell of anyone killed: none told means none
    untold = tax.sub_event(draft.event_type, draft.sub_event_type).no_deaths_told
    hurt = draft.injured is not None or draft.injured_reported
    if draft.killed is None and not draft.killed_reported and (untold is not None or hurt):
        draft.killed = untold or 0
    confidence = mention.trigger.trigger.weight + 0.05 * min(draft.mentions - 1, 2)
    confidence -= {None: 0.2, 1: 0.0, 2: 0.05, 3: 0.1}[int(loc.precision) if loc else None]
    confidence -= 0.0 if date_text else 0.1
    return Incident(
        id=incident_id(
            article.id,
            sent.start,
            draft.event_type.value,
            f"{mention.trigger.start}" + (f"@{draft.split_place}" if draft.split_place else ""),
        ),
        article_id=article.id,
        event_type=draft.event_type,
        sub_event_type=draft.sub_event_type,
        event_date=event_date,
        time_precision=precision,
        location=place.name if place else None,
        place_id=place.id if place else None,
        lat=place.lat if place else None,
        lon=place.lon if place else None,
        country_code=place.country_code if place else None,
        admin1=place.admin1 if place else None,
        geo_precision=loc.precision if loc else GeoPrecision.REGION,
        evidence=sent.text,
        evidence_start=sent.start,
        evidence_end=sent.end,
        fatalities=draft.killed,
        injured=draft.injured,
        actors=tuple(dict.fromkeys(draft.actors)),
        source_url=article.url,
        source_title=article.title,
        confidence=round(max(0.05, min(0.99, confidence)), 2),
        sources=1,
        source_urls=(article.url,) if article.url else (),
        article_ids=(article.id,),
        background=draft.background,
        date_text=date_text,
        area_wkt=place.polygon_wkt if place else None,
        notes=tuple(dict.fromkeys(notes)),
    )
