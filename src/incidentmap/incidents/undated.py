"""Days for the events an article tells undated, or dated only by their report.

Part of the finishing stage (:mod:`.finishing`). News copy often leads with when a
source spoke and tells when it happened right after; it tells follow-ups without a
day, and sometimes names no day of its events at all. An event dated only by its
report (or an undated opening one) takes the day the next sentences give
(:func:`day_told_next`); an undated one that of the sentence just before it in its
paragraph (:func:`day_told_just_before`); what is still undated after the lead's day
is lent takes the one recent day the story names, else its night or the day of its
report (:func:`date_from_story`). An event told under a date weeks before the report
is context (:func:`told_under_an_old_date`), and so is one a story retells that opens on
a trial or a commemoration of it (:func:`retold_in_a_proceeding`).

Examples
--------
>>> import datetime as dt
>>> from incidentmap.model import Article
>>> from incidentmap.incidents import extract_incidents
>>> text = "Gunmen killed two people, the governor said on Monday. They struck on Sunday."
>>> article = Article("a", text, published=dt.date(2024, 3, 19))
>>> [str(i.event_date) for i in extract_incidents(article, [])]
['2024-03-17']
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Iterator

from ..model import EventType, TimePrecision
from ..text.sentences import Sentence
from .clausedates import said_right_before
from .dates import OVERNIGHT, DateMention, recent
from .draft import Draft
from .facts import Index
from .taxonomy import Taxonomy

__all__ = [
    "date_from_story",
    "day_told_just_before",
    "day_told_next",
    "retold_in_a_proceeding",
    "told_under_an_old_date",
]


def day_told_next(
    drafts: list[Draft],
    sentences: list[Sentence],
    dates: Index,
    tax: Taxonomy,
    published: dt.date | None,
) -> None:
    """Date an event told only with its report's day by the day the next sentences give.

    News leads with when a source spoke ("Gunmen killed 10 ..., the governor said on
    Monday") and tells when it happened right after ("the attackers arrived late on
    Sunday"). A day one to three days before the report's, in the next two sentences
    and not itself a report's day, is the event's. So is it for an event the story opens
    with and leaves undated ("Gunmen torched dozens of vehicles ... The violence began on
    Tuesday afternoon"), counted from the publication date.
    """
    starts = [s.start for s in sentences]
    opening = True  # no event told so far has a date
    for draft in drafts:
        told = draft.date
        undated = told is None and opening and published is not None and not draft.background
        if told is not None and not draft.background:
            opening = False
        if undated:
            assert published is not None
            told = DateMention(0, 0, "", published, TimePrecision.DAY, True)
        elif not draft.date_reported or told is None or told.date is None or draft.background:
            continue
        assert told is not None and told.date is not None
        at = bisect.bisect_left(starts, draft.first.sentence.start)
        for sentence in sentences[at + 1 : at + 3]:
            found = next(
                (
                    day
                    for day, when in _days_told(sentence, dates, tax)
                    if dt.timedelta(days=1) <= told.date - when <= _TOLD_NEXT
                ),
                None,
            )
            night = OVERNIGHT.search(sentence.text) if draft.date_reported else None
            if found is None and night and not _said_before(sentence, night.start(), tax):
                # "..., an official said on Saturday. The overnight attack hit ...": the
                # night before the report's day
                start = sentence.start + night.start()
                day = told.date - dt.timedelta(days=1)
                end = sentence.start + night.end()
                found = DateMention(start, end, night.group(), day, TimePrecision.DAY, True)
            if found is not None:
                draft.date, draft.date_reported = found, False
                gave = "none" if undated else "the report's day"
                draft.notes.append(f"date from the next sentences: the lead gave {gave}")
                break


def day_told_just_before(
    drafts: list[Draft], sentences: list[Sentence], dates: Index, tax: Taxonomy, text: str
) -> None:
    """Date an undated event by the day the sentence right before it gives, in its paragraph.

    News copy says when, then what: "The shooting happened near the bus station on the
    evening of June 9. A soldier opened fire on a crowd, wounding three." The day of
    the sentence just before (one day, not a report's nor one ahead, and no event's own
    day) is the event's, rather than the day of an incident told further back. ``dates``
    are the told ones (:attr:`.document.ArticleDocument.told_dates`: no coming day).
    """
    starts = [s.start for s in sentences]
    told = {id(d.date) for d in drafts if d.date is not None}
    for draft in drafts:
        if draft.date is not None or draft.background:
            continue
        at = bisect.bisect_left(starts, draft.first.sentence.start)
        if at == 0:
            continue
        before = sentences[at - 1]
        if "\n" in text[before.end : draft.first.sentence.start]:
            continue  # another paragraph
        days = [
            d
            for d in dates.within(before.start, before.end)
            if isinstance(d, DateMention) and d.date is not None
        ]
        if len(days) != 1 or days[0].precision is not TimePrecision.DAY:
            continue
        if id(days[0]) in told:
            continue  # an event's own day: date_from_lead lends it (and knows "hours later")
        if _said_before(before, max(0, days[0].start - before.start), tax):
            continue
        draft.date = days[0]
        draft.notes.append("date of the sentence before: the sentence gives none")


def _story_day(
    sentences: list[Sentence], dates: Index, tax: Taxonomy, published: dt.date
) -> DateMention | None:
    """Return the one recent day the article tells its news on, or ``None``.

    A day to the day within the three days before publication, not told as a report's
    ("officials said on Monday") nor as what is ahead ("talks resume on Friday"). When
    the article names two such days, it tells events of both and none is the story's.
    ``dates`` are the told ones (:attr:`.document.ArticleDocument.told_dates`: none ahead).
    """
    told = (day for sentence in sentences for day, _ in _days_told(sentence, dates, tax))
    return _one_recent_day(told, published)


def date_from_story(
    drafts: list[Draft],
    sentences: list[Sentence],
    dates: Index,
    tax: Taxonomy,
    published: dt.date | None,
    *,
    head_end: int = 0,
) -> None:
    """Date an event the article leaves undated by the day the story is told of.

    News copy gives the day once, often in a sentence that reports no event of its own
    ("Tuesday's dawn raid shows how ...", "a boy was hurt by gunfire in X yesterday"
    told without a trigger) and then tells the events without it. When the
    article names one recent day for what happened, an undated event took place on it,
    not on the day of publication (which only bounds it). Failing that, its night or the
    day of its report dates it (:func:`_date_by_night_or_report`; ``head_end``: where the
    headline ends, whose event the lead tells).
    """
    if published is None or not any(d.date is None and not d.background for d in drafts):
        return
    day = _story_day(sentences, dates, tax, published)
    if day is None:
        _date_by_night_or_report(drafts, sentences, dates, tax, published, head_end=head_end)
        return
    for draft in drafts:
        if draft.date is None and not draft.background:
            draft.date = day
            draft.notes.append("date of the story: the one recent day the article names")


#: A night told without its day ("dispersed the rally at night", "during the night").
_AT_NIGHT = re.compile(r"\b(?:at|during|in)\s+the\s+night\b|\bat\s+night\b", re.IGNORECASE)


def _date_by_night_or_report(
    drafts: list[Draft],
    sentences: list[Sentence],
    dates: Index,
    tax: Taxonomy,
    published: dt.date,
    *,
    head_end: int = 0,
) -> None:
    """Date an undated event by its night or by the day its report was made.

    A story that names no day of its events still bounds them. An event told "overnight"
    or "at night" in the news of the day took place the night before publication (a
    headline's event is told by the lead, the first sentence after ``head_end``). An
    event the article reports only as said on one recent day ("military sources reported
    Wednesday that the attackers ...", in a Thursday story) happened by that day: the day
    of the report stands for it, as ACLED codes an event known only by its report; an
    event told after that report is not one it reports on.
    """
    report = _report_day(sentences, dates, tax, published)
    lead = next((s for s in sentences if s.start >= head_end), None)
    for draft in drafts:
        if draft.date is not None or draft.background:
            continue
        text = draft.first.sentence.text
        if lead is not None and draft.first.sentence.start < head_end:
            text = f"{text}\n{lead.text}"  # a headline's event, told by the lead
        if OVERNIGHT.search(text) or _AT_NIGHT.search(text):
            draft.date = _undated_day(published - dt.timedelta(days=1), "the night before")
            draft.notes.append("told of its night in a story of its day: the night before")
        elif report is not None and draft.first.sentence.start < report.start:
            draft.date = dataclasses.replace(report, precision=TimePrecision.WEEK)
            draft.notes.append("date of its report: the one recent day the article reports on")


def _undated_day(day: dt.date, text: str) -> DateMention:
    """Return a day the text implies but does not tell: approximate, spanning no text."""
    return DateMention(0, 0, text, day, TimePrecision.WEEK, True)


def _report_day(
    sentences: list[Sentence], dates: Index, tax: Taxonomy, published: dt.date
) -> DateMention | None:
    """Return the one day before publication the article's reports are dated, or ``None``.

    "Officials said on Wednesday" in a Thursday story, when no report is dated the day of
    publication itself and no other recent day is named.
    """
    reported = (day for sentence in sentences for day in _days_reported(sentence, dates, tax))
    return _one_recent_day(reported, published, not_today=True)


def _one_recent_day(
    days: Iterable[DateMention], published: dt.date, *, not_today: bool = False
) -> DateMention | None:
    """Return the one day of ``days`` within :data:`_TOLD_NEXT` before publication.

    ``None`` when ``days`` give two such days (the article tells of both, and neither is
    the story's), or, with ``not_today``, when one of them is the day of publication.
    """
    found: DateMention | None = None
    for day in days:
        assert day.date is not None
        if not recent(day.date, published):
            continue
        if (not_today and day.date == published) or (found is not None and found.date != day.date):
            return None
        found = found or day
    return found


def _days_reported(sentence: Sentence, dates: Index, tax: Taxonomy) -> Iterator[DateMention]:
    """Yield the days to the day ``sentence`` gives as a report's ("officials said on Monday")."""
    for day in dates.within(sentence.start, sentence.end):
        if not isinstance(day, DateMention) or day.date is None:
            continue
        if day.precision is not TimePrecision.DAY:
            continue
        if said_right_before(sentence.text, day.start - sentence.start, tax, since=0):
            yield day


def _days_told(
    sentence: Sentence, dates: Index, tax: Taxonomy
) -> Iterator[tuple[DateMention, dt.date]]:
    """Yield the days to the day ``sentence`` tells, with their dates, but no report's.

    Nor what is ahead (:func:`_said_before`): "officials said on Monday", "the truce
    would take effect on Sunday" date no event.
    """
    for day in dates.within(sentence.start, sentence.end):
        if not isinstance(day, DateMention) or day.date is None:
            continue
        if day.precision is not TimePrecision.DAY:
            continue
        if not _said_before(sentence, max(0, day.start - sentence.start), tax):
            yield day, day.date


def _said_before(sentence: Sentence, at: int, tax: Taxonomy) -> bool:
    """Whether a report or a word of what is ahead comes before offset ``at`` of the sentence.

    A reporting verb counts when it ends right before ``at`` ("said on Monday"), a word of
    what is ahead anywhere before it ("would take effect on Sunday"). Only the text before
    ``at`` is searched: "The overnight attack ..., the governor said" names its source after
    the night, which is no report's day.
    """
    said = said_right_before(sentence.text, at, tax, since=0)
    return said or tax.cues.ahead.search(sentence.text, 0, at) is not None


def told_under_an_old_date(drafts: list[Draft], dates: Index, published: dt.date | None) -> None:
    """Flag as context an undated event told in a sentence dated weeks before the report.

    "Last August, the state's prosecutor confirmed that gunmen shot ...": the date opens
    the sentence, before the clause of the event, and dates what the sentence tells.
    Such an event must not borrow the lead event's day.
    """
    if published is None:
        return
    for draft in drafts:
        if draft.background or draft.date is not None:
            continue
        sentence, trigger = draft.first.sentence, draft.first.trigger
        for day in dates.within(sentence.start, trigger.start):
            if not isinstance(day, DateMention) or day.date is None:
                continue
            if published - day.date > _CONTEXT_AGE:
                draft.background = True
                draft.notes.append("context: the sentence is dated weeks before the report")
                break


def retold_in_a_proceeding(
    drafts: list[Draft], text: str, sentences: list[Sentence], tax: Taxonomy, *, head_end: int = 0
) -> None:
    """Flag as context the undated events of a story about a trial or a commemoration.

    "A court jailed a man for life on Wednesday for a bombing in 2021. ... He wounded 14
    people when he set off the bomb": a story that opens (headline and lead) on a court
    proceeding or a commemoration (``retold`` cues), and whose lead tells no event of its
    own, retells the event it is about, without a day: that event is history, not the news,
    and must not borrow the day of the hearing. A protest stays news (crowds gather at trials
    and anniversaries), and so does an event told at the proceeding or ceremony itself
    (``at_retelling``: "clashed with police outside the court after the verdict"); a riot
    is retold as often as an attack ("jailed for his part in the riot ... He threw bricks").
    A codebook without ``retold`` cues reads no story so.
    """
    retold, scene = tax.cues.get("retold"), tax.cues.get("at_retelling")
    lead = next((s for s in sentences if s.start >= head_end), None)
    if retold is None or lead is None or retold.search(text, 0, lead.end) is None:
        return
    if any(d.first.sentence.start < lead.end and not d.background for d in drafts):
        return  # the lead tells an event: the story's news, however it opens
    for draft in drafts:
        if draft.background or (draft.date is not None and not draft.date_reported):
            continue
        if draft.event_type is EventType.PROTESTS:
            continue
        sentence = draft.first.sentence
        if scene is not None and scene.search(text, sentence.start, sentence.end):
            continue
        draft.background = True
        draft.notes.append("context: a story of a trial or a commemoration retells its event")


#: How old a date may be and still date the news rather than its context.
_CONTEXT_AGE = dt.timedelta(days=28)

#: How long before its report an event's day told in the next sentences may be.
_TOLD_NEXT = dt.timedelta(days=3)
