"""The date of an event mention's clause.

The date is the clause's own; a reporting verb's date ("said on Friday", "said the
military on Sunday") only when the event has no other, and then marked as the day of a
report. "The previous day" and "a day after ..." are counted from the date they lean
on; a day that opens the sentence ("On Friday, ...") dates its undated clauses, and a
clause that answers an earlier one ("Troops moved in late Thursday after rioters
stormed ...") dates the event it answers. A month in a relative clause told after the
trigger dates that clause, not the event.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from ..model import TimePrecision
from .dates import DAY_BEFORE, OF_RELATIVE, OVERNIGHT, DateMention
from .mentions import Mention
from .taxonomy import Taxonomy

if TYPE_CHECKING:
    from .facts import Index

__all__ = ["clause_date", "said_right_before"]

# The verb of an event's start, after its noun: its date is the event's.
_BEGAN = re.compile(r"\s+(?:began|broke out|erupted|started|flared(?: up)?)", re.IGNORECASE)
# What may follow the date of a closing attribution: the end of the sentence.
_CLOSING = re.compile(r"\s*[.!?\"”’]*\s*$|\s*[.!?]")


#: The words between a closing reporting verb and its date: its subject or its medium.
_INVERTED = re.compile(r"(?:\s+[\w’'-]+){1,3}\s+")
_CLAUSE_END = re.compile(r"\s*[,.;!?\"”’]")


def said_right_before(text: str, at: int, tax: Taxonomy, *, since: int) -> bool:
    """Whether a reporting verb ends at most four characters before ``at``.

    "police said on Friday", "said Friday": the date at ``at`` is the day of a report. The
    verbs are searched from ``since`` to ``at``.
    """
    return any(r.end() >= at - 4 for r in tax.cues.reporting.finditer(text, since, at))


def _inverted(text: str, verb_end: int, date: DateMention, mentions: list[Mention]) -> bool:
    """Whether a date closes an attribution whose subject follows its verb.

    "..., said the military on Sunday.", "..., the commander said in a video on Sunday,":
    wire copy puts the speaker (or the medium) between the verb and the report's day,
    which ends the clause. Words between that are an event's ("said the attack on
    Sunday, which ...") make the date the event's.
    """
    if not _INVERTED.fullmatch(text, verb_end, date.start):
        return False
    if not _CLAUSE_END.match(text, date.end):
        return False
    return not any(verb_end <= m.trigger.start < date.start for m in mentions)


def _day_before(date: DateMention, others: list[object]) -> DateMention:
    """Anchor "the previous day" on the nearest other date of its sentence, if any."""
    anchors = [
        d for d in others if isinstance(d, DateMention) and d is not date and d.date is not None
    ]
    if not anchors:
        return date
    anchor = min(anchors, key=lambda d: abs(d.start - date.start))
    assert anchor.date is not None
    day = anchor.date - dt.timedelta(days=1)
    return dataclasses.replace(date, date=day, precision=max(anchor.precision, date.precision))


_AFTER = re.compile(
    r"[\s,]*(?:(?P<days>a|one|two|three|\d+)\s+days?|the\s+day|(?P<hours>hours|minutes|shortly))"
    r"\s+after\s",
    re.IGNORECASE,
)
_DAYS = {"a": 1, "one": 1, "two": 2, "three": 3}


def _after_anchor(
    text: str, mention: Mention, dates: Index, prior: DateMention | None
) -> DateMention | None:
    """Date a clause "…on Tuesday, a day after a bomber blew himself up" from its anchor.

    The event of an "N days after" / "hours after" clause happened that long before the
    date of the clause it follows (a date earlier in the sentence, else the date of the
    incident the sentence's earlier clause reported).
    """
    match = _AFTER.match(text, mention.clause_start, mention.clause_end)
    if match is None:
        return None
    before = [
        d
        for d in dates.within(mention.sentence.start, mention.clause_start)
        if isinstance(d, DateMention) and d.date is not None
    ]
    anchor = before[-1] if before else prior
    if anchor is None or anchor.date is None:
        return None
    back, precision = 0, anchor.precision
    if not match.group("hours"):
        word = (match.group("days") or "a").lower()
        back = _DAYS.get(word) or int(word)
    return DateMention(
        match.start(),
        match.end(),
        text[match.start() : match.end()].strip(" ,"),
        anchor.date - dt.timedelta(days=back),
        precision,
        True,
    )


def _of_relative_clause(text: str, date: DateMention, anchor: int) -> bool:
    """Whether a month or a year dates a relative clause told after the event's trigger.

    "The attack took place while they tried to resume talks that were suspended a year
    ago": the year dates the talks. "Wad Madani, which was captured in December last
    year": the trigger is in the relative clause, whose date it is.
    """
    if date.precision is not TimePrecision.MONTH or date.start < anchor:
        return False
    clause = OF_RELATIVE.search(text, max(anchor, date.start - 80), date.start)
    return clause is not None


def clause_date(
    text: str,
    mention: Mention,
    others: list[Mention],
    dates: Index,
    tax: Taxonomy,
    *,
    referring: bool = False,
    occurred: bool = False,
    prior: DateMention | None = None,
    reported: bool = False,
) -> tuple[DateMention | None, bool]:
    """Return the date of a mention's clause, and whether it is only the day of a report.

    ``dates`` are the told dates (:attr:`.document.ArticleDocument.told_dates`) and
    ``others`` the other mentions of the sentence. With ``referring`` (a mention that
    refers back, "the attack") only a date written next to its noun counts ("Sunday's
    attack", "the attack on Friday"), or, with ``occurred``, one of the rest of a sentence
    that says when it happened ("the attack, which happened on Sunday"). ``prior`` is the
    date of the incident the sentence's earlier clause reported ("..., a day after ...");
    with ``reported`` (a source tells the clause: "the army said on Friday that ...") the
    report's day is the best known when the clause has no date of its own.
    """
    lo, hi, anchor = mention.clause_start, mention.clause_end, mention.trigger.start
    reporting = tax.cues.reporting
    date_hi = hi
    if occurred:
        date_hi = max(hi, mention.sentence.end)  # "said of the attack, which happened on Sunday"
    in_clause = [
        d
        for d in dates.within(lo, date_hi)
        if isinstance(d, DateMention) and not _of_relative_clause(text, d, anchor)
    ]
    report_dates = [
        d
        for d in in_clause
        if any(
            r.end() >= d.start - 4 or _inverted(text, r.end(), d, [mention, *others])
            for r in reporting.finditer(text, max(lo, d.start - 45), d.start)
        )
    ]
    clause_dates = [d for d in in_clause if d not in report_dates]
    after = None if clause_dates or referring else _after_anchor(text, mention, dates, prior)
    if after is not None:
        clause_dates = [after]  # "..., a day after protesters stormed parliament"
    elif not clause_dates and reported:
        # "the army said on Friday that it had retaken ...": the report's day is the best
        # known, in this clause or in the sentence's reporting clause before it
        before = dates.within(mention.sentence.start, lo)
        earlier = [
            d
            for d in before
            if isinstance(d, DateMention)
            and said_right_before(
                text, d.start, tax, since=max(mention.sentence.start, d.start - 30)
            )
        ]
        # "..., which had been held for a year, the military said on Sunday": a closing
        # attribution dates the sentence's event when nothing else does
        after_end = dates.within(hi, mention.sentence.end)
        closing = [
            d
            for d in after_end
            if isinstance(d, DateMention)
            and _CLOSING.match(text, d.end)
            and said_right_before(text, d.start, tax, since=d.start - 45)
        ]
        dated = [d for d in dates.within(mention.sentence.start, hi) if d not in report_dates]
        dated += [d for d in after_end if d not in closing]
        if dated:  # "are missing after gunmen attacked ... on Friday, ... said on Sunday"
            closing = []
        clause_dates = report_dates or earlier[-1:] or closing[-1:]
        report_dates = clause_dates
        if not clause_dates:  # "Troops moved in late Thursday after rioters stormed ..."
            clause_dates = _borrowed_date(text, mention, others, dates, tax)
    if referring:
        began = _BEGAN.match(text, mention.trigger.end)  # "the unrest began on Wednesday"
        near = (mention.trigger.start - 15, (began.end() if began else mention.trigger.end) + 14)
        if occurred:
            near = (near[0], mention.sentence.end)
        clause_dates = [d for d in clause_dates if near[0] <= d.start and d.end <= near[1]]
    date = min(clause_dates, key=lambda d: abs(d.start - anchor), default=None)
    if date is None and not referring:  # "On Friday, five men who had been seized were ..."
        date = _opening_date(text, mention, dates, tax)
    report_day = date is not None and date in report_dates
    if report_day and date is not None and date.date is not None:
        sent = mention.sentence
        if OVERNIGHT.search(text, sent.start, sent.end):  # "... overnight, police said Sunday"
            day = date.date - dt.timedelta(days=1)
            date, report_day = dataclasses.replace(date, date=day), False
    if date is not None and DAY_BEFORE.fullmatch(date.text):
        date = _day_before(date, dates.within(mention.sentence.start, mention.sentence.end))
    return date, report_day


#: What may stand before a date that opens a sentence ("On Friday, ...", "Late Monday, ...").
_BEFORE_OPENER = re.compile(r"[\s\"“‘']*")
#: What closes it: a part of the day, then a comma.
_OPENER_END = re.compile(r"(?:\s+(?:morning|afternoon|evening|night))?\s*,", re.IGNORECASE)
#: A clause told as before or after another time does not happen on the sentence's day.
_SHIFTED = re.compile(
    r"[\s,]*(?:after|before|since|following|until|ahead of"
    # "On Wednesday, the leaders who have been holding a sit-in agreed ...": a state
    r"|(?:who|which|that)\s+(?:have|has|are|is|remain)\b)",
    re.IGNORECASE,
)


def _opening_date(text: str, mention: Mention, dates: Index, tax: Taxonomy) -> DateMention | None:
    """Return the day a sentence opens with, which dates each of its undated clauses.

    "On Friday, five men who had been kidnapped were found dead in X": the opening
    adverbial sets the time of all the sentence tells, its relative clauses too. Not when
    a source speaks between ("On Friday, police said ... had been arrested"), nor for a
    clause told as before or after another time ("..., days after ..."), nor a relative
    clause in the present that tells a state ("the leaders who have been holding ...").
    """
    sent = mention.sentence
    first = next(iter(dates.within(sent.start, mention.clause_start)), None)
    if not isinstance(first, DateMention) or first.date is None:
        return None
    if first.precision is not TimePrecision.DAY:
        return None
    if not _BEFORE_OPENER.fullmatch(text, sent.start, first.start):
        return None
    closing = _OPENER_END.match(text, first.end)
    if closing is None or closing.end() > mention.clause_start:
        return None
    if tax.cues.reporting.search(text, closing.end(), mention.clause_start):
        return None
    if _SHIFTED.match(text, mention.clause_start):
        return None
    return first


def _borrowed_date(
    text: str, mention: Mention, others: list[Mention], dates: Index, tax: Taxonomy
) -> list[DateMention]:
    """Return the days an earlier clause of the sentence, telling no other event, gives.

    "Troops moved in to clear the square late Thursday after rioters stormed the office":
    the clause of the troops' response dates the storming it answers, as such a clause
    places it. A report's day ("officials said on Friday", "police on Friday confirmed")
    is not borrowed, nor a day told after the event ("..., after raids began Friday").
    """
    opening = _OPENING.match(text, mention.clause_start, mention.clause_end)
    if opening is None or not tax.cues.same_time.match(text, opening.end(), mention.clause_end):
        return []  # "..., who were killed in an attack": a relative clause dates nothing
    sent = mention.sentence
    taken = [(m.clause_start, m.clause_end) for m in others if m is not mention]
    return [
        d
        for d in dates.within(sent.start, mention.clause_start)
        if isinstance(d, DateMention)
        and d.date is not None
        and d.precision is TimePrecision.DAY
        and not any(a <= d.start < b for a, b in taken)
        and not said_right_before(text, d.start, tax, since=sent.start)
        and not _reported_next(text, d.end, tax)
    ]


def _reported_next(text: str, at: int, tax: Taxonomy) -> bool:
    """Whether a reporting verb follows a date within two words ("police on Friday said")."""
    gap = _GAP.match(text, at)
    return gap is not None and any(
        tax.cues.reporting.match(text, end) for end in (gap.start(1), gap.end(1), gap.end(2))
    )


_OPENING = re.compile(r"[\s,]*")
_GAP = re.compile(r"[\s,]*((?:[\w’'-]+\s+)?)((?:[\w’'-]+\s+)?)")
