"""Extract incidents from one article: one incident per event, with its evidence.

For each sentence the event mentions (see :mod:`.mentions`) are read in order. A
mention joins an incident already reported when it refers back to it ("the attack",
"those clashes": the latest incident of a type the noun can stand for, whose date
fits; a singular noun never refers to a generic background statement), when it
continues it (the same event type in the same or the next sentence, with no sign of a
new event such as "another" or "a second", and a compatible date and place), or when
it only adds casualties ("Five people were killed") right after an incident. Otherwise
it starts a new incident. Later mentions fill in what the first lacked (date, place,
casualties, actors) and may sharpen the sub-event type.

Dates come from the event's clause; failing that, a later mention; failing that, for a
current event, the publication date with ``WEEK`` precision (ACLED codes the report
date when a recent event's day is not given), noted in ``notes``.

Examples
--------
>>> import datetime as dt
>>> from incidentmap.model import Article
>>> art = Article("a1", "Protesters marched in the capital on Friday. Police arrested "
...               "ten of them. A bomb exploded in the north on Saturday.",
...               published=dt.date(2024, 6, 9))
>>> [(i.sub_event_type, i.event_date) for i in extract_incidents(art, [])]
[('Protest with intervention', '2024-06-07'), ('Remote explosive/landmine/IED', '2024-06-08')]
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Sequence

from ..model import Article, EventType, GeoPrecision, Incident, TimePrecision, Toponym
from ..text.sentences import Sentence, split_sentences
from .casualties import find_casualties
from .coref import (
    Draft,
    add_casualties,
    antecedent,
    casualties_only,
    date_from_lead,
    enrich,
    inherit,
    merge_drafts,
    place_from_lead,
    split_towns,
)
from .crowds import fold_into_demonstrations
from .dates import DateMention, find_dates
from .dedupe import incident_id
from .facts import Index, clause_facts
from .kinds import ABDUCTION, AGREEMENT, ARRESTS
from .locate import Location, fallback_location, seat_of, specificity, town_within
from .mentions import find_mentions
from .page import FurnitureLines, fold_headline, headline_end, is_caption, page_stamp
from .taxonomy import Taxonomy

__all__ = ["extract_incidents"]

#: Events dated this long before publication are retrospective context (background).
_HISTORY = dt.timedelta(days=3 * 365)
#: A later event dated this long before the article's lead event is context, not news.
_CONTEXT_GAP = dt.timedelta(days=28)
#: Sub-event types often first reported weeks after the fact (detentions come to light late).
_LATE_DISCLOSED = frozenset({ARRESTS.name})
#: Event types whose fatalities are 0, not unknown, when the report mentions no deaths.
_NO_DEATHS_MEANS_ZERO = frozenset(
    {EventType.PROTESTS, EventType.RIOTS, EventType.STRATEGIC_DEVELOPMENTS}
)


def extract_incidents(
    article: Article,
    toponyms: Sequence[Toponym],
    *,
    include_background: bool = True,
    taxonomy: Taxonomy | None = None,
) -> list[Incident]:
    """Extract the incidents an article reports.

    Parameters
    ----------
    article
        The article; ``published`` resolves relative dates.
    toponyms
        The article's resolved place mentions (offsets into ``article.text``).
    include_background
        Keep generic or habitual statements, flagged ``background=True``.
    taxonomy
        Trigger lexicon; the bundled one by default.

    Returns
    -------
    list of Incident
        In order of first mention; ids are stable across runs.
    """
    text = article.text
    # "Washington said", "Beijing warned": a government speaks; the city is no scene
    toponyms = [t for t in toponyms if not t.metonym]
    tax = (taxonomy or Taxonomy.default()).for_text(text)  # cues skip stretches without their words
    sentences = split_sentences(text)
    found_dates = find_dates(text, published=article.published)
    dates = Index([(d.start, d) for d in found_dates if not page_stamp(text, d.start)])
    casualties = Index([(c.start, c) for c in find_casualties(text, words=tax.casualties)])
    zone_start, zone = _dateline_zone(text, toponyms)
    # the first place of a dateline the geoparser did not mark ("Baku — ...")
    unmarked = None
    if not any(u.kind == "dateline" for u in toponyms):
        unmarked = next((u for u in toponyms if u.kind == "place" and u.end <= zone), None)
    if unmarked is not None:
        dateline = dataclasses.replace(unmarked, kind="dateline")
        toponyms = [dateline if t is unmarked else t for t in toponyms]
    places = Index(
        [
            (t.start, t)
            for t in toponyms
            if t.kind != "dateline" and not zone_start <= t.start < zone
        ]
    )
    triggers = tax.find_triggers(text)
    starts = [t.start for t in triggers]
    drafts: list[Draft] = []
    # the headline is read after the body, far from it, so that the body's report of the
    # event leads and the headline joins it
    head_end = headline_end(text)
    order = [(i, s) for i, s in enumerate(sentences) if s.start >= head_end]
    order += [(len(sentences) + 2 + i, s) for i, s in enumerate(sentences) if s.start < head_end]
    # captions in capitals stand out only in a text that is not all in capitals
    captions_from = len(text) if is_caption(text[:600]) else head_end
    furniture = FurnitureLines(text, tax.furniture, captions_from=captions_from)
    for index, sentence in order:
        if furniture.skips(sentence.start, sentence.text):
            continue  # "ALSO READ: ...", a caption in capitals: another story, a file photo
        i = bisect.bisect_left(starts, sentence.start)
        j = bisect.bisect_left(starts, sentence.end)
        if i == j:
            casualties_only(sentence, index, drafts, casualties)
            continue
        sentence_triggers = [t for t in triggers[i:j] if t.end <= sentence.end]
        found = find_mentions(text, sentence, taxonomy=tax, triggers=sentence_triggers)
        prior: DateMention | None = None
        for mention in found:
            mention = inherit(mention, drafts, tax)
            indexes = (dates, casualties, places)
            facts = clause_facts(
                text, mention, found, indexes, tax, referring=mention.anaphoric, prior=prior
            )
            history = facts.date is not None and _historical(facts.date, article.published)
            if facts.date is None:  # "Marawi was devastated in 2017 when militants ..."
                # "the deadliest attack since ... six years ago" compares, it does not date
                since = _SINCE.search(text, mention.trigger.end, sentence.end)
                told = dates.within(sentence.start, since.start() if since else sentence.end)
                history = any(
                    isinstance(d, DateMention) and _historical(d, article.published) for d in told
                )
            target = None
            if not history:  # "in 2017 a truck bomb ..." adds nothing to today's events
                target = antecedent(mention, drafts, index, facts.date, facts.location)
            if target is not None:
                enrich(target, mention, index, facts, tax)
                prior = target.date
                continue
            if _quoted(sentence, mention.trigger.start):
                continue  # "“The police are shooting at us,” one demonstrator said": a voice
            # a new incident may take the day of the report ("said on Friday that ...")
            facts = clause_facts(text, mention, found, indexes, tax, prior=prior, reported=True)
            prior = facts.date
            background = mention.background
            if background and facts.date is not None and facts.date.precision is TimePrecision.DAY:
                generic = mention.reasons == ("generic or habitual statement",)
                background = not generic  # a habit has no day: "on Saturday, ... in weeks of"
            draft = Draft(
                first=mention,
                sub_priority=mention.sub.priority,
                event_type=mention.event_type,
                sub_event_type=mention.sub.name,
                last_sentence=index,
                background=background,
                date=facts.date,
                date_reported=facts.report_day,
                location=facts.location,
                actors=list(facts.actors),
                notes=list(mention.reasons),
            )
            if history and not draft.background:
                draft.background = True
                draft.notes.append("retrospective: the event predates the article by years")
            coarse = facts.date is not None and facts.date.precision is TimePrecision.MONTH
            relative = _RELATIVE.match(text, mention.clause_start) and not _reported_speech(
                text, mention.clause_start, tax
            )
            if coarse and not draft.background and relative:
                draft.background = True  # "the rebels, who took the town last year, ..."
                draft.notes.append("context: a coarsely dated event in a relative clause")
            add_casualties(draft, facts.casualties)
            drafts.append(draft)
            if facts.more_places and not draft.background:
                drafts.extend(split_towns(draft, facts.more_places))
    drafts = merge_drafts(drafts)
    drafts = fold_headline(drafts, head_end)
    drafts = fold_into_demonstrations(drafts)
    # a protest that turned violent in the fold now meets the riot told apart from it
    drafts = merge_drafts(drafts)
    drafts.sort(key=lambda d: d.first.sentence.start)
    _mark_generic(drafts, text, tax)  # before follow-ups borrow the lead's day and town
    _day_told_next(drafts, sentences, dates, tax)  # before the lead lends its day
    date_from_lead(drafts, article.published)
    place_from_lead(drafts)
    first = next((s for s in sentences if s.start >= head_end), None)
    _mark_context(drafts, _lead_date(first, dates), first.end if first else 0)
    foreground = [t for t in toponyms if not _in_background(t, drafts)]
    out = [_finish(article, d, foreground, places) for d in drafts]
    return [inc for inc in out if include_background or not inc.background]


_OPEN_QUOTE = re.compile(r"\s*[“\"‘]")


def _quoted(sentence: Sentence, at: int) -> bool:
    """Whether offset ``at`` lies inside a quotation that opens the sentence.

    A sentence that opens with someone's words ("“The police are shooting at us,” one
    demonstrator said") gives a witness's voice, not the reporter's account of a new
    event; what it tells may add to an event already reported, never start one.
    """
    opening = _OPEN_QUOTE.match(sentence.text)
    if opening is None:
        return False
    close = {"“": "”", '"': '"', "‘": "’"}[opening.group()[-1]]
    end = sentence.text.find(close, opening.end())
    return end < 0 or at < sentence.start + end


def _day_told_next(
    drafts: list[Draft], sentences: list[Sentence], dates: Index, tax: Taxonomy
) -> None:
    """Date an event told only with its report's day by the day the next sentences give.

    News leads with when a source spoke ("Gunmen killed 10 ..., the governor said on
    Monday") and tells when it happened right after ("the attackers arrived late on
    Sunday"). A day one to three days before the report's, in the next two sentences
    and not itself a report's day, is the event's.
    """
    starts = [s.start for s in sentences]
    reporting = tax.cues.reporting
    for draft in drafts:
        told = draft.date
        if not draft.date_reported or told is None or told.date is None or draft.background:
            continue
        at = bisect.bisect_left(starts, draft.first.sentence.start)
        for sentence in sentences[at + 1 : at + 3]:
            found = None
            for day in dates.within(sentence.start, sentence.end):
                if not isinstance(day, DateMention) or day.date is None:
                    continue
                if day.precision is not TimePrecision.DAY:
                    continue
                said = any(
                    r.end() >= day.start - 4
                    for r in reporting.finditer(
                        sentence.text, 0, max(0, day.start - sentence.start)
                    )
                )
                if not said and dt.timedelta(days=1) <= told.date - day.date <= _TOLD_NEXT:
                    found = day
                    break
            if found is not None:
                draft.date, draft.date_reported = found, False
                draft.notes.append("date from the next sentences: the lead gave the report's day")
                break


#: How long before its report an event's day told in the next sentences may be.
_TOLD_NEXT = dt.timedelta(days=3)


def _lead_date(sentence: Sentence | None, dates: Index) -> dt.date | None:
    """Return the date the article's first sentence gives (its lead event's, as a rule)."""
    if sentence is None:
        return None
    for found in dates.within(sentence.start, sentence.end):
        if isinstance(found, DateMention) and found.date is not None:
            return found.date
    return None


def _mark_context(drafts: list[Draft], lead: dt.date | None, lead_end: int) -> None:
    """Flag as background the events told weeks before the article's lead event.

    News copy reports the last few days and recalls older events to explain them ("The
    group captured the city in December 2023, ...", "Assad fled on Dec. 8 as ..."). The
    lead is dated by the incident of the article's first sentence, failing that by the
    sentence's first date, failing that by the first dated incident; a later incident
    dated more than four weeks before it is such context. An incident told in the first
    sentence is the news itself, however old. Arrests are the exception: detentions are
    often disclosed, and coded, long after the fact.
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
    for draft in drafts:
        if draft.background or draft.date is None or draft.date.date is None:
            continue
        if lead is None or draft.first.sentence.start < lead_end:
            lead = lead or draft.date.date
            continue
        if lead - draft.date.date > _CONTEXT_GAP and draft.sub_event_type not in _LATE_DISCLOSED:
            draft.background = True
            draft.notes.append("context: dated weeks before the article's lead event")


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


def _reported_speech(text: str, at: int, tax: Taxonomy) -> bool:
    """Whether the clause at ``at`` is what someone said ("said on Friday that ...")."""
    if not _THAT.match(text, at):
        return False  # "officials said the rebels, who took the town last year, ..."
    return any(m.end() >= at - 20 for m in tax.cues.reporting.finditer(text, max(0, at - 40), at))


_SINCE = re.compile(r"\bsince\b", re.IGNORECASE)
_THAT = re.compile(r"[\s,]*that\s", re.IGNORECASE)
_RELATIVE = re.compile(r"[\s,]*(?:that|which|who)\s", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][\w’'.-]*(?:[ ,]+[A-Z][\w’'.-]*){0,3}\s*(?:[—–:]|--?)\s")
_DATELINE_DASH = re.compile(r"\s*(?:[—–:]|--?)\s")


def _dateline_zone(text: str, toponyms: Sequence[Toponym]) -> tuple[int, int]:
    """Where the dateline ("DAKAR, Senegal — ") stands: its places are not the event's.

    A headline may stand above it; its places are the event's.
    """
    for top in toponyms:
        if top.kind == "dateline":
            line_end = text.find("\n", top.end)
            stop = min(top.end + 60, len(text) if line_end < 0 else line_end)
            dash = _DATELINE_DASH.search(text, top.end, stop)
            return top.start, dash.end() if dash else top.end
    opening = _DATELINE.match(text)  # "Baku — ", "Peshawar: " unmarked by the geoparser
    return 0, opening.end() if opening else 0


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


#: A border event happens away from the capitals of the countries it lies between.
_BORDER = re.compile(r"\b(?:border|frontier|boundary|line of contact|front ?line)s?\b", re.I)


def _part_of(text: str, loc: Location) -> bool:
    """Whether the place is named as a part of itself ("northern Nigeria", "eastern Congo").

    The capital does not stand for a part of the country, which it may lie outside of.
    """
    if loc.toponym is None:
        return False
    start = loc.toponym.start
    return bool(_PART.search(text, max(0, start - 40), start))


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


def _historical(date: DateMention, published: dt.date | None) -> bool:
    """Whether a dated event is history the article recalls rather than news it reports.

    True for events dated more than three years before publication, and for events
    dated only by an earlier year ("in 2017"), which news copy uses for background.
    """
    if published is None or date.date is None:
        return False
    if published - date.date > _HISTORY:
        return True
    return bool(_BARE_YEAR.fullmatch(date.text)) and date.date.year < published.year


_BARE_YEAR = re.compile(r"(?:(?:in|since|during|by|until|from|of|early|late|mid-?)\s+)?\d{4}", re.I)


def _finish(article: Article, draft: Draft, toponyms: list[Toponym], places: Index) -> Incident:
    mention = draft.first
    sent = mention.sentence
    notes = list(draft.notes)
    date = draft.date
    event_date: str | None = None
    precision = TimePrecision.MONTH
    date_text = None
    if date is not None and date.date is not None:
        event_date, precision, date_text = date.date.isoformat(), date.precision, date.text
        if _historical(date, article.published) and not draft.background:
            draft.background = True
            notes.append("retrospective: the event predates the article by years")
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
    ):
        loc = dataclasses.replace(dateline, precision=GeoPrecision.NEAR)
        notes.append("only a region named: the dateline city stands for it")
    if loc is None:
        sentence_tops = [t for t in places.within(sent.start, sent.end) if isinstance(t, Toponym)]
        loc = fallback_location(toponyms, sentence_toponyms=sentence_tops)
        if loc is not None:
            notes.append(f"place from {loc.reason}")
    if loc is not None and specificity(loc.place) <= 1 and not draft.background:
        town = town_within(loc.place, toponyms)
        if town is not None:  # "in northern Honduras" ... "in the town of Tocoa"
            loc = town
            notes.append(f"place: {town.reason}")
        elif (
            not _part_of(article.text, loc)
            and not _BORDER.search(sent.text)
            and (seat := seat_of(loc.place)) is not None
        ):
            # ACLED: an event known only to a country or province goes to its capital
            loc = seat
            notes.append(f"place: {seat.reason}")
    if draft.injured_reported and draft.injured is None:
        notes.append("injuries reported without a number")
    if draft.killed_reported and draft.killed is None:
        notes.append("deaths reported without a number")
    place = loc.place if loc else None
    # a report of people taken would tell of anyone killed: none told means none
    taken = draft.sub_event_type == ABDUCTION.name
    if (
        draft.killed is None
        and not draft.killed_reported
        and (draft.event_type in _NO_DEATHS_MEANS_ZERO or taken)
    ):
        draft.killed = 0
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
