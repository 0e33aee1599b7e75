"""Dates of events in news copy: explicit dates and dates relative to publication.

A date is returned as the first day of the range it names, with a
:class:`~incidentmap.model.TimePrecision`: ``DAY`` for a day ("Nov. 7, 2021",
"Friday", "yesterday", "two days ago"), ``WEEK`` for a week or an approximate day
("last week" → Monday of that week, "over the weekend" → its Saturday, "days ago"),
``MONTH`` for a month, season or year ("June 2019", "last month", "this summer",
"in 2019").

Conventions (news reports past events):

* a weekday is the latest such day on or before the publication date ("Sunday" in an
  article published on a Sunday is that day); "last Friday" is strictly before it; a
  weekday written before an explicit date that falls on it ("on Thursday, 18 July", "Thu
  18 Jul") is that date;
* a month and day without a year ("Oct. 10") is the latest such day not after the
  publication date (plus one day of slack for time zones);
* seasons are meteorological, northern hemisphere: spring 1 March, summer 1 June,
  autumn/fall 1 September, winter 1 December (winter "of 2021" starts 1 December
  2020). "This summer" is the summer of the publication year; "last summer" is this
  year's summer once it is over (three months after it starts), else last year's;
* "last weekend" in an article published on a Saturday or a Sunday is the weekend before
  (the one under way is "this weekend").

Without a publication date, relative expressions stay unresolved: ``date`` is ``None``
and ``note`` says why. Nothing is invented.

Examples
--------
>>> import datetime as dt
>>> sunday = dt.date(2021, 11, 7)
>>> [(d.text, d.date.isoformat(), int(d.precision)) for d in find_dates(
...     "crowds stormed it Friday; in June 2019 and this summer", published=sunday)]
[('Friday', '2021-11-05', 1), ('in June 2019', '2019-06-01', 3), ('this summer', '2021-06-01', 3)]
>>> find_dates("on Friday", published=None)[0].note
"relative date 'on Friday' not resolved: the article has no publication date"
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from ..model import TimePrecision
from ..text.patterns import FastPattern
from .datewords import DAY, MONTH, MONTH_SHORT, WEEKDAY, YEAR
from .triggers import lower_same_length

__all__ = ["DAY_BEFORE", "OVERNIGHT", "DateMention", "find_dates", "recent"]

#: Date expressions that name the day before another date ("the previous day").
DAY_BEFORE = re.compile(r"the previous (?:day|night)|the (?:day|night) before|a day earlier", re.I)

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
#: Numbers written out before "days/weeks/months/years ago"; anniversaries count in tens
#: ("Sixty years ago, soldiers stormed the village").
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip

#: "Overnight" without its day ("overnight Saturday" names the day): the night that ended
#: on the day of the report, which began the day before.
OVERNIGHT = re.compile(rf"\bovernight\b(?!\s+(?:on\s+|into\s+|to\s+)?{WEEKDAY})", re.IGNORECASE)
_N = rf"(?:\d{{1,2}}|{'|'.join(sorted(_NUMBERS, key=len, reverse=True))})"
#: A weekday abbreviated before an explicit date ("Thu 18 Jul", "on Fri., March 8"): part
#: of the date, whose month may then be abbreviated without a full stop.
_WEEKDAY_LEAD = r"(?:on\s+)?(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+"
#: Between a weekday and the explicit date that follows it ("Thursday, 18 July",
#: "Thursday (July 18)", "Thursday the 18th of July").
_WEEKDAY_TO_DATE = re.compile(r"[ \t]*,?[ \t]*\(?[ \t]*(?:the\s+)?")


def _month_of_day(lead: str) -> str:
    """Return the pattern of a month told with its day (after a weekday: abbreviated bare).

    "Thu 18 Jul" is a date; a bare "Dec 4" is left alone (wire datelines carry it as the
    filing day, "Bijapur, Dec 4 (PTI)").
    """
    return rf"(?:{MONTH}|(?({lead}){MONTH_SHORT}(?![\w.])|(?!)))"


_PATTERN = re.compile(
    rf"""
    (?<![\w])  # only at the start of a word: most positions fail here at once
    (?:
    (?P<iso>{YEAR}-\d\d-\d\d)
  | (?P<lead1>{_WEEKDAY_LEAD})?(?P<m1>{_month_of_day("lead1")})\s+(?P<d1>{DAY})
        (?:,?\s+(?P<y1>{YEAR}))?
  | (?P<lead2>{_WEEKDAY_LEAD})?(?P<d2>{DAY})\s+(?:of\s+)?(?P<m2>{_month_of_day("lead2")})
        (?:,?\s+(?P<y2>{YEAR}))?
  | (?:(?:in|since|during|by|until|from|of|early|late|mid-?)\s+)?(?P<m4>{MONTH})(?:\s+of)?\s+
        (?P<rel4>last|this|next)\s+year
  | (?:(?:in|since|during|by|until|from|of|early|late|mid-?)\s+)?(?P<m3>{MONTH})(?:\s+of)?,?\s+
        (?P<y3>{YEAR})
  | (?:in|since|during|by|until|early|late|mid-?|last|this)\s+(?P<m5>{MONTH})
  | (?:(?P<wmod>last|this\s+past|past|early|late|on|since|overnight|before\s+dawn(?:\s+on)?
        |next|this\s+coming|coming|for)\s+)?
        (?P<wd>{WEEKDAY})
  | (?P<yday>(?:the\s+)?day\s+before\s+yesterday|yesterday|last\s+night)
  | (?P<prevday>the\s+previous\s+(?:day|night)|the\s+(?:day|night)\s+before|a\s+day\s+earlier)
  | (?P<today>today|tonight|this\s+(?:morning|afternoon|evening)|earlier\s+today)
  | (?P<nago>{_N})\s+(?P<unit>days?|weeks?|months?|years?)\s+ago
  | (?P<fewdays>(?:a\s+few|several)\s+days\s+ago|days\s+ago|earlier\s+this\s+week|this\s+week)
  | (?P<weekend>(?:over\s+the|last|this|at\s+the)\s+weekend)
  | (?P<lastweek>last\s+week|(?:the\s+)?past\s+week|the\s+previous\s+week)
  | (?P<lastmonth>last\s+month|the\s+previous\s+month)
  | (?P<thismonth>(?:earlier\s+)?this\s+month)
  | (?:(?P<srel>this|last|next)\s+|(?:in\s+)?the\s+)?(?P<season>spring|summer|autumn|fall|winter)
        (?:\s+(?:of\s+)?(?P<syear>{YEAR}))?
  | (?P<lastyear>last\s+year|the\s+previous\s+year)
  | (?P<thisyear>(?:earlier\s+)?this\s+year)
  | (?:in|since|during|by|until|from|of|early|late|mid-?|a|an|the)\s+(?P<year>{YEAR})(?![\d-])
    )
    """,
    re.VERBOSE,
)  # matched against lower-cased text: month names are checked for a capital afterwards
#: The end of a night told by the day it ran into: "continued into the early hours of Tuesday".
_SMALL_HOURS = re.compile(
    r"\b(?:into|until|till)\s+the\s+(?:early|small|wee)\s+hours\s+(?:of\s+)?$"
)
#: What makes a weekday the coming one, not the last.
_AHEAD = frozenset({"next", "this coming", "coming", "for"})
_MONTH_GROUPS = ("m1", "m2", "m3", "m4", "m5")
_EVERY = re.compile(r"\b(?:every|each)\s+$")
#: "This year", "this month" or "since <date>" after a superlative is the period of a
#: comparison, not a date: "one of the deadliest attacks in the region this year", "the
#: first assault ... since March 2016" (not "the deadliest day since protests began in
#: December": the protests' date).
_COMPARED = re.compile(
    r"\b(?:deadliest|bloodiest|worst|biggest|largest|heaviest|fiercest|highest"
    r"|most\s+(?:serious|violent|deadly|intense|severe|lethal))\b[^.;:!?]{0,60}$"
)
_FIRST_SINCE = re.compile(r"\b(?:first|only)\b[^.;:!?]{0,60}$")
#: A relative clause with a finished verb ("talks that were suspended a year ago"): a
#: month or a year told in it dates that clause (see ``facts.clause_facts``).
OF_RELATIVE = re.compile(
    r"\b(?:that|which|who)\s+(?:was|were|is|are|had|has|have)(?:\s+been)?\s+\w+(?:ed|en)\b"
    r"[^.,;:!?]{0,30}$",
    re.IGNORECASE,
)
# Every date expression contains one of these words; the full pattern only runs near them.
_ANCHOR = re.compile(
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday|yesterday|today|tonight|morning|afternoon|evening|night|ago|week"
    r"|month|year|spring|summer|autumn|fall|winter|previous|before|earlier|19\d\d|20\d\d)"
)

# Dates resolved keep a year from the ends of the calendar, so that the arithmetic of
# later stages (the day before, a merge window of days) cannot overflow either.
_EARLIEST, _LATEST = dt.date(2, 1, 1), dt.date(9998, 12, 31)

# The same anchors, tried only where one can start (same matches, faster).
_ANCHOR_FAST = FastPattern(_ANCHOR)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression found in text and the date it resolves to."""

    start: int
    end: int
    text: str
    date: dt.date | None
    precision: TimePrecision
    relative: bool
    note: str | None = None
    ahead: bool = False
    """A day told as coming ("next Sunday", "a strike called for Sunday"): a plan's date."""


#: How many days before publication a day is still the news' own, not its context.
RECENT_DAYS = 3


def recent(day: dt.date, published: dt.date) -> bool:
    """Whether ``day`` is the day of publication or one of the :data:`RECENT_DAYS` before it.

    Examples
    --------
    >>> recent(dt.date(2024, 5, 2), dt.date(2024, 5, 5))
    True
    >>> recent(dt.date(2024, 5, 1), dt.date(2024, 5, 5))
    False
    >>> recent(dt.date(2024, 5, 6), dt.date(2024, 5, 5))  # after publication
    False
    """
    return dt.timedelta(0) <= published - day <= dt.timedelta(days=RECENT_DAYS)


def find_dates(
    text: str, *, published: dt.date | None, start: int = 0, end: int | None = None
) -> list[DateMention]:
    """Find date expressions in ``text[start:end]`` and resolve them.

    Parameters
    ----------
    text
        The text to search (offsets in the result refer to it).
    published
        The article's publication date, or ``None`` (relative dates then stay unresolved).
    start, end
        The part of ``text`` to search.

    Returns
    -------
    list of DateMention
        In order of appearance; expressions that name no usable date (a bare "fall",
        "next summer") are left out.
    """
    out: list[DateMention] = []
    weekdays: set[int] = set()  # the indices of weekdays and explicit days in ``out``
    days: set[int] = set()
    stop = len(text) if end is None else end
    low = lower_same_length(text)
    seen = start
    for match in _candidates(low, start, stop):
        at = match.start()
        if at < seen:
            continue
        seen = match.end()
        if at > 0 and low[at - 1].isalnum():
            continue
        if match.group("wd") and _EVERY.search(low, max(0, at - 8), at):
            continue  # "every Saturday": a habit, not a date
        month = next((g for g in _MONTH_GROUPS if match.group(g)), None)
        if month is not None and not text[match.start(month)].isupper():
            continue  # "may", "march": not months
        try:
            found = _resolve(match, published)
            if found is not None and found[0] is not None and not _EARLIEST <= found[0] <= _LATEST:
                found = None, found[1], found[2]
        except (OverflowError, ValueError):  # published near year 1 or 9999: "Yesterday"
            found = None, TimePrecision.DAY, True
        if found is None:
            continue
        date, precision, relative = found
        since = low.startswith("since", at)
        if (
            precision is TimePrecision.MONTH
            and (since or match.group("thisyear") or match.group("thismonth"))
            and (
                _COMPARED.search(low, max(0, at - 80), at)
                or (since and _FIRST_SINCE.search(low, max(0, at - 80), at))
            )
        ):
            continue  # "the deadliest attack this year": a comparison's period
        night = _SMALL_HOURS.search(low, max(0, at - 40), at) if date is not None else None
        if night is not None and date is not None and precision is TimePrecision.DAY:
            # "rioting continued into the early hours of Tuesday": a night that began Monday
            date, at = date - dt.timedelta(days=1), night.start()
        span = _RANGE_START.search(text, max(0, at - 16), at) if match.group("d2") else None
        if span is not None and date is not None:  # "from 19 to 23 March": the 19th
            first = _safe(date.year, date.month, int(span.group(1)))
            if first is not None and first < date:
                date, at = first, span.start()
        note = None
        if date is None:
            why = (
                "the article has no publication date"
                if published is None
                else f"too near the ends of the calendar (published {published})"
            )
            note = f"relative date {text[at : match.end()]!r} not resolved: {why}"
        ahead = bool(match.group("wd")) and _coming(match)
        out.append(
            DateMention(
                at, match.end(), text[at : match.end()], date, precision, relative, note, ahead
            )
        )
        if match.group("wd"):
            weekdays.add(len(out) - 1)
        elif match.group("m1") or match.group("d2"):
            days.add(len(out) - 1)
    return _weekdays_of_dates(text, out, weekdays, days)


def _weekdays_of_dates(
    text: str, found: list[DateMention], weekdays: set[int], days: set[int]
) -> list[DateMention]:
    """Give a weekday told right before an explicit date that date ("on Thursday, 18 July").

    The date names the day; the weekday only repeats it. Read alone, the weekday would be
    the latest such day before publication, a week or more after the date told. A date
    that falls on another weekday (a slip of the writer, a wrong year) overrules nothing.
    """
    out = list(found)
    for i in weekdays:
        if i + 1 not in days or found[i].ahead:
            continue
        day = found[i + 1].date
        gap = _WEEKDAY_TO_DATE.fullmatch(text, found[i].end, found[i + 1].start)
        agrees = day is not None and _WEEKDAYS[day.weekday()] in found[i].text.lower()
        if gap is not None and agrees:  # not "Thursday, July 17" of a Wednesday: a slip
            out[i] = dataclasses.replace(found[i], date=day, relative=found[i + 1].relative)
    return out


#: The first day of a range written before its last ("19 to 23 March", "19-23 March").
_RANGE_START = re.compile(r"\b([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s*(?:-|–|to|until|and)\s*$")


def _candidates(low: str, start: int, stop: int) -> list[re.Match[str]]:
    """Return matches of the date pattern in windows around anchor words, in order."""
    found: dict[int, re.Match[str]] = {}
    window_end = start
    for anchor in _ANCHOR_FAST.finditer(low, start, stop):
        lo = max(start, anchor.start() - 40, window_end)
        hi = min(stop, anchor.end() + 24)
        while lo > start and low[lo - 1].isalnum():
            lo -= 1
        for match in _PATTERN.finditer(low, lo, hi):
            if match.start() not in found or match.end() > found[match.start()].end():
                found[match.start()] = match
        window_end = max(window_end, anchor.end())
    return [found[k] for k in sorted(found)]


def _month(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


Resolved = tuple[dt.date | None, TimePrecision, bool]


#: A day and month without a year up to this many days after publication are this year's:
#: a date ahead ("a ban on rallies until 23 March"), not nearly a year back.
_AHEAD_DAYS = 45


def _coming(m: re.Match[str]) -> bool:
    """Whether a weekday is the coming one: "next Sunday", "a strike called for Sunday".

    "For Sunday's riot" is the last Sunday's.
    """
    modifier = " ".join((m.group("wmod") or "").lower().split())
    return modifier in _AHEAD and not m.string.startswith(("'s", "’s"), m.end())


def _resolve(m: re.Match[str], pub: dt.date | None) -> Resolved | None:
    g = m.group
    day, week, month = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH
    if g("iso"):
        y, mo, d = (int(x) for x in g("iso").split("-"))
        return _safe(y, mo, d), day, False
    if g("m1") or g("d2"):
        mo = _month(g("m1") or g("m2"))
        d = int(re.sub(r"\D", "", g("d1") or g("d2")))
        year_text = g("y1") or g("y2")
        if year_text:
            return _safe(int(year_text), mo, d), day, False
        if pub is None:
            return None, day, True
        date = _safe(pub.year, mo, d)
        if date is not None and (date - pub).days > _AHEAD_DAYS:  # (pub + 1 may not exist)
            date = _safe(pub.year - 1, mo, d)  # "on 23 December" in a January story
        return date, day, True
    if g("m3"):
        return dt.date(int(g("y3")), _month(g("m3")), 1), month, False
    if g("m4"):
        if pub is None:
            return None, month, True
        shift = {"last": -1, "this": 0, "next": 1}[g("rel4").lower()]
        return dt.date(pub.year + shift, _month(g("m4")), 1), month, True
    if g("m5"):
        if pub is None:
            return None, month, True
        mo = _month(g("m5"))
        return dt.date(pub.year if mo <= pub.month else pub.year - 1, mo, 1), month, True
    if g("wd"):
        if pub is None:
            return None, day, True
        target = _WEEKDAYS.index(g("wd").lower())
        back = (pub.weekday() - target) % 7
        modifier = " ".join((g("wmod") or "").lower().split())
        if _coming(m):  # "next Sunday", "a strike called for Sunday": the coming one
            ahead = (target - pub.weekday()) % 7 or (0 if modifier == "for" else 7)
            return pub + dt.timedelta(days=ahead), day, True
        if back == 0 and ("last" in modifier or "past" in modifier):
            back = 7
        # "has killed dozens since Thursday": a span that began that day
        return pub - dt.timedelta(days=back), week if modifier == "since" else day, True
    if pub is None:
        if g("season") and g("syear"):
            return _season(g("season"), int(g("syear"))), month, False
        if g("year"):
            return dt.date(int(g("year")), 1, 1), month, False
        if g("season") and not g("srel"):
            return None
        return None, week, True
    return _relative(m, pub)


def _season(name: str, year: int) -> dt.date:
    start = _SEASONS[name.lower()]
    return dt.date(year - 1 if start == 12 else year, start, 1)


def _relative(m: re.Match[str], pub: dt.date) -> Resolved | None:
    g = m.group
    day, week, month = TimePrecision.DAY, TimePrecision.WEEK, TimePrecision.MONTH
    if g("yday"):
        back = 2 if "before" in g("yday").lower() else 1
        return pub - dt.timedelta(days=back), day, True
    if g("today"):
        return pub, day, True
    if g("prevday"):  # the caller may re-anchor it on another date of the sentence
        return pub - dt.timedelta(days=1), day, True
    if g("nago"):
        n = _NUMBERS.get(g("nago").lower()) or int(g("nago"))
        unit = g("unit").lower().rstrip("s")
        if unit == "day":
            return pub - dt.timedelta(days=n), day if n <= 2 else week, True
        if unit == "week":
            return _monday(pub - dt.timedelta(weeks=n)), week, True
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 - n, 12)
            return dt.date(y, mo + 1, 1), month, True
        return dt.date(pub.year - n, 1, 1), month, True
    if g("fewdays"):
        text = g("fewdays").lower()
        if "week" in text:
            return _monday(pub), week, True
        return pub - dt.timedelta(days=3), week, True
    if g("lastweek"):
        return _monday(pub) - dt.timedelta(weeks=1), week, True
    if g("weekend"):
        back = (pub.weekday() - 5) % 7
        if back <= 1 and g("weekend").lower().startswith("last"):
            back += 7  # "last weekend" told on a Saturday or Sunday: the one before
        return pub - dt.timedelta(days=back), week, True
    if g("lastmonth"):
        y, mo = divmod(pub.year * 12 + pub.month - 2, 12)
        return dt.date(y, mo + 1, 1), month, True
    if g("thismonth"):
        return dt.date(pub.year, pub.month, 1), month, True
    if g("season"):
        return _relative_season(g("season"), g("srel"), g("syear"), pub)
    if g("lastyear"):
        return dt.date(pub.year - 1, 1, 1), month, True
    if g("thisyear"):
        return dt.date(pub.year, 1, 1), month, True
    if g("year"):
        return dt.date(int(g("year")), 1, 1), month, False
    return None


def _relative_season(name: str, rel: str | None, year: str | None, pub: dt.date) -> Resolved | None:
    month = TimePrecision.MONTH
    if year:
        return _season(name, int(year)), month, False
    rel = (rel or "").lower()
    if rel not in ("this", "last"):
        return None  # "the fall of Kabul", "next summer": no past date named
    start = _SEASONS[name.lower()]
    this = dt.date(pub.year - 1 if start == 12 and pub.month < 12 else pub.year, start, 1)
    if rel == "this":
        return this, month, True
    over = (this.year * 12 + this.month + 3) <= (pub.year * 12 + pub.month)
    return (this if over else this.replace(year=this.year - 1)), month, True
