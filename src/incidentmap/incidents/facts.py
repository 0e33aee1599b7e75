"""What a clause says about its event: date, place, casualties, actors.

The date is the clause's own (a reporting verb's date, "said on Friday", only when the
event has no other); "the previous day" and "a day after ..." are counted from the date
they lean on. The place is the clause's most specific toponym, else one from the parts of
the sentence that report no other event, else the town a "the city" refers back to; not a
place written right after another event's noun ("the recapture of X"), when the clause
names another. A
list of towns ("in Lagos, Abuja and Kano") yields one place each (:mod:`.placelists`).
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import GeoPrecision, Place, TimePrecision, Toponym
from .casualties import CasualtyMention
from .dates import DAY_BEFORE, OF_RELATIVE, OVERNIGHT, DateMention
from .fallback import previous_town, seat_of
from .filters import preceded_by
from .kinds import CROWD_EVENTS
from .locate import (
    Location,
    anchor_km,
    choose_location,
    specificity,
)
from .mentions import Mention
from .placelists import listed_places
from .taxonomy import Taxonomy

__all__ = ["Facts", "Index", "actors_in", "clause_facts", "mourned_deaths"]


class Index:
    """Things found once in the whole text, looked up by clause."""

    def __init__(self, items: list[tuple[int, object]]) -> None:
        items.sort(key=lambda pair: pair[0])
        self.starts = [start for start, _ in items]
        self.items = [item for _, item in items]

    def within(self, lo: int, hi: int) -> list[object]:
        """Return the items that start in ``[lo, hi)``, in order."""
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return self.items[i:j]


def actors_in(text: str, lo: int, hi: int, tax: Taxonomy) -> list[str]:
    """Return the actor phrases of ``text[lo:hi]`` ("Iran-linked militia groups")."""
    found = []
    for match in tax.cues.actor.finditer(text, lo, hi):
        start = match.start()
        words = text[max(lo, start - 40) : start].split()
        lead: list[str] = []
        for word in reversed(words[-2:]):
            if not word[-1:].isalnum():
                break
            if word[:1].isupper() or word.endswith(("-linked", "-backed", "-aligned", "-led")):
                lead.insert(0, word)
            else:
                break
        found.append(" ".join([*lead, match.group(0)]).strip(" ,;"))
    return found


@dataclass
class Facts:
    """Date, place, casualty reports and actors of one mention's clause."""

    date: DateMention | None
    location: Location | None
    casualties: list[CasualtyMention]
    actors: list[str]
    more_places: list[Location] = field(default_factory=list)
    report_day: bool = False
    """The date is only the day the event was reported ("police said on Thursday that")."""


# The verb of an event's start, after its noun: its date is the event's.
_BEGAN = re.compile(r"\s+(?:began|broke out|erupted|started|flared(?: up)?)", re.IGNORECASE)
# "The attack happened ... in X", "the raid took place near X": a sentence that says
# where the event told before took place
_OCCURRED = re.compile(
    r"(?:\s+(?:by|of|on|against|in)\s[^.;:!?]{0,80}?)?"  # "the attack by members of the ADF"
    r"(?:\s*,\s*which)?"  # "the attack, which happened on Sunday"
    r"\s+(?:(?:also|reportedly|apparently)\s+)?(?:happened|took place|occurred|unfolded)\b",
    re.IGNORECASE,
)

#: Where the event was, told later in the sentence that refers to it ("... confirmed the
#: attack, said the killing took place at X"): the places after it are the event's.
_TOLD_WHERE = re.compile(
    r"\b(?:happened|took place|occurred|unfolded)\s+(?:\w+\s+){0,2}?(?:at|in|near|on|around)\b",
    re.IGNORECASE,
)
#: "In Camagüey, residents said troops tried to stop the protesters": a sentence that
#: opens with where it is set places all it tells, the events it refers back to too.
_SET_IN = re.compile(r"\s*(?:Also\s+)?(?:In|At)\s[^,.;:!?]{1,60},")
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


def clause_facts(
    text: str,
    mention: Mention,
    others: list[Mention],
    indexes: tuple[Index, Index, Index],
    tax: Taxonomy,
    *,
    referring: bool = False,
    prior: DateMention | None = None,
    reported: bool = False,
    same_clause: Facts | None = None,
) -> Facts:
    """Date, place, casualties and actors of a mention's clause.

    ``indexes`` are the told dates (:attr:`.document.ArticleDocument.told_dates`: no
    coming day dates an event), the casualty reports and the places. A clause without a
    place borrows one from the clauses of its sentence that report no other event. With
    ``referring`` (a mention that refers back, "the attack") only a date written next to
    its noun counts ("Sunday's attack", "the attack on Friday"). ``same_clause`` are the
    facts found before for this mention with the same ``referring``: only the date is
    worked out again (with ``prior`` and ``reported``); where and what are theirs.
    """
    dates, casualties, places = indexes
    lo, hi, anchor = mention.clause_start, mention.clause_end, mention.trigger.start
    reporting = tax.cues.reporting
    # "the attack happened ... on Saturday": a referring noun's sentence tells its date
    occurred = _OCCURRED.match(text, mention.trigger.end) if referring else None
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
    if same_clause is not None:  # neither the day before nor the report's day moves a place
        return dataclasses.replace(same_clause, date=date, report_day=report_day)
    tops = [t for t in places.within(lo, hi) if isinstance(t, Toponym)]
    if not any(t.kind == "place" and t.place is not None for t in tops):
        sent = mention.sentence
        taken = [(m.clause_start, m.clause_end) for m in others if m is not mention]
        tops = [
            t
            for t in places.within(sent.start, sent.end)
            if isinstance(t, Toponym) and not any(a <= t.start < b for a, b in taken)
        ]
    if referring:  # "the attack in X" places it; a place elsewhere in the sentence may not
        told_where = occurred or _TOLD_WHERE.search(text, mention.trigger.end, mention.sentence.end)
        reach = mention.sentence.end if told_where else 40
        near_noun = (mention.trigger.start - 30, max(mention.trigger.end + 40, reach))
        frame = _SET_IN.match(text, mention.sentence.start)
        set_in = frame.end() if frame else mention.sentence.start
        tops = [
            t for t in tops if (near_noun[0] <= t.start and t.end <= near_noun[1]) or t.end < set_in
        ]
    tops = _not_of_other_events(text, mention, tops, tax)
    location = choose_location(text, tops, anchor=anchor, taxonomy=tax)
    # "400 km north of the capital": a distance's reference, not the scene referred to
    anaphor = next(
        (
            a
            for a in tax.cues.place_anaphor.finditer(text, lo, hi)
            if anchor_km(text, Toponym(a.start(), a.end(), a.group())) is None
            and not _names_unknown(text, a, places)
        ),
        None,
    )
    if (location is None or specificity(location.place) < 3) and anaphor:
        named = [t for t in places.within(0, mention.sentence.start) if isinstance(t, Toponym)]
        town = previous_town(named, mention.sentence.start)
        if _CAPITAL.search(anaphor.group()) and (
            town is None or town.place.feature_code not in _CAPITALS
        ):  # "the capital" is no town but a capital: the country's in question
            town = _capital_of(location if location and location.place.is_country else None, named)
        elif _CAPITAL.search(anaphor.group()) and town is not None:
            town = _most_named_capital(named, town)
        location = town or location
    toll_lo = lo if mention.toll_start is None else mention.toll_start
    gathering = mention.event_type in CROWD_EVENTS
    cas = [
        c
        for c in casualties.within(toll_lo, hi)
        if isinstance(c, CasualtyMention)
        # a gathering at "the funeral of eleven protesters who were killed" mourns the dead
        # of an earlier event ("the coffins of two marines killed in an attack" are the
        # attack's); deaths without a number that a clause mourns or protests ("in anger
        # over the war and mounting civilian deaths") are no event's toll
        and not (
            (gathering and preceded_by(tax.cues.mourned, text, lo, c.start, 1))
            or mourned_deaths(text, c, lo, tax)
        )
    ]
    if location is not None:  # a list of targets may run on past the clause
        sent = mention.sentence
        listed = [t for t in places.within(lo, sent.end) if isinstance(t, Toponym)]
        more = listed_places(text, listed, location, lo, sent.end)
    else:
        more = []
    return Facts(date, location, cas, actors_in(text, lo, hi, tax), more, report_day)


#: What joins an event noun to the place it names: "the recapture of X", "the bombing in X".
_OBJECT_GAP = re.compile(
    r"\s*(?:(?:of|in|at|on)\s+)?(?:the\s+)?(?:\w+ern\s+)?(?:(?:town|city|village)\s+of\s+)?"
)


def _not_of_other_events(
    text: str, mention: Mention, tops: list[Toponym], tax: Taxonomy
) -> list[Toponym]:
    """Leave out the places a clause names as the scene of another event than the mention's.

    In news copy a place written right after an event noun is that event's: in "crowds in
    A and B marched to hail the recapture of X", X was recaptured, A and B marched; in
    "protests in London against the bombing of X" the protests were in London. Such a
    place is left out when the clause names another one to place the mention by (alone,
    it may still be the best the clause tells).
    """
    own = mention.trigger
    # one place to leave out and one to keep, the first after the mention's trigger: else
    # there is nothing to leave out, and the clause is not searched for triggers again
    if len(tops) < 2 or not any(top.start > own.end for top in tops):
        return tops
    other = [
        t
        for t in tax.find_triggers(text, own.end, mention.clause_end)
        if t.start >= own.end and t.sub.event_type is not own.sub.event_type
    ]
    if not other:
        return tops
    theirs = [
        top
        for top in tops
        if any(
            t.end <= top.start
            and (gap := _OBJECT_GAP.fullmatch(text, t.end, top.start)) is not None
            and gap.end() - gap.start() <= 30
            for t in other
        )
    ]
    kept = [t for t in tops if t not in theirs]
    if not any(t.kind == "place" and t.place is not None for t in kept):
        return tops
    return kept


def mourned_deaths(text: str, cas: CasualtyMention, lo: int, tax: Taxonomy) -> bool:
    """Whether deaths told without a number are mourned or protested, no event's toll.

    "... in anger over the war and mounting civilian deaths", "in commemoration of the
    death of their founder": a ``mourned`` cue of the codebook right
    before the toll word (the word itself, not a vague amount before it).
    """
    if cas.count is not None:
        return False
    words = list(tax.casualties.verb.finditer(text, cas.start, cas.end))
    at = words[-1].start() if words else cas.start
    return preceded_by(tax.cues.mourned, text, lo, at, 1)


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


_CAPITAL = re.compile(r"\bcapital\b", re.IGNORECASE)
#: "the village of X": a kind word that names the place after it, not one told before.
_NAMES_NEXT = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")


def _names_unknown(text: str, anaphor: re.Match[str], places: Index) -> bool:
    """Whether "the village" is "the village of X" and X a place the gazetteer lacks.

    Then the sentence names a village of its own, not the town told before (a capital
    is left alone: "the capital of X" is X's capital).
    """
    named = _NAMES_NEXT.match(text, anaphor.end())
    if named is None or _CAPITAL.search(anaphor.group()):
        return False
    at = named.end()
    return not any(
        isinstance(t, Toponym) and t.place is not None for t in places.within(at, at + 1)
    )


_CAPITALS = frozenset({"PPLC", "PPLG"})  # "the capital"; a state capital is named so


def _capital_of(location: Location | None, named: list[Toponym]) -> Location | None:
    """Place "the capital" at the capital of the country in question.

    That is the country the clause names, else the last country the article named
    before ("Thousands protested in Kenya ... Police in the capital fired tear gas").
    """
    country = location.place if location is not None else None
    if country is None:
        country = next(
            (t.place for t in reversed(named) if t.place is not None and t.place.is_country),
            None,
        )
    seat = seat_of(country) if country is not None else None
    if seat is None or country is None:
        return None
    return Location(seat.place, GeoPrecision.EXACT, None, f"'the capital' of {country.name}")


def _most_named_capital(named: list[Toponym], last: Location) -> Location:
    """Return the capital the story names most, for "the capital" said after ``last``.

    A story of protests in Kabul that mentions Islamabad once ("accused Islamabad of
    aiding ...") still means Kabul by "the capital"; of equals, the last named wins.
    """
    counts: dict[str, int] = {}
    latest: dict[str, tuple[Place, Toponym]] = {}
    for top in named:
        place = top.place
        if top.kind == "place" and place is not None and place.feature_code in _CAPITALS:
            counts[place.id] = counts.get(place.id, 0) + 1
            latest[place.id] = (place, top)
    best = max(counts, key=lambda key: counts[key], default=None)
    if best is None or counts[best] <= counts.get(last.place.id, 0):
        return last
    place, top = latest[best]
    return Location(place, GeoPrecision.EXACT, top, "'the capital' the story names most")
