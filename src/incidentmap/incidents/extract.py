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
from dataclasses import dataclass, field

from ..model import Article, EventType, GeoPrecision, Incident, TimePrecision, Toponym
from ..text.sentences import Sentence, split_sentences
from .casualties import CasualtyMention, find_casualties
from .dates import DAY_BEFORE, DateMention, find_dates
from .dedupe import dates_compatible, haversine_km, incident_id
from .locate import Location, choose_location, fallback_location, previous_town, specificity
from .mentions import Mention, find_mentions
from .taxonomy import Taxonomy

__all__ = ["extract_incidents"]

#: A mention of the same event type within this many sentences continues an incident.
_FOLLOW_UP = 3
#: Events dated this long before publication are retrospective context (background).
_HISTORY = dt.timedelta(days=3 * 365)
#: Event types a bare casualty report ("five people were killed") does not belong to.
_NON_VIOLENT = frozenset({EventType.PROTESTS, EventType.STRATEGIC_DEVELOPMENTS})
_CROWDS = frozenset({EventType.PROTESTS, EventType.RIOTS})
#: Event types whose fatalities are 0, not unknown, when the report mentions no deaths.
_NO_DEATHS_MEANS_ZERO = frozenset(
    {EventType.PROTESTS, EventType.RIOTS, EventType.STRATEGIC_DEVELOPMENTS}
)


@dataclass
class _Draft:
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


class _Index:
    """Things found once in the whole text, looked up by clause."""

    def __init__(self, items: list[tuple[int, object]]) -> None:
        items.sort(key=lambda pair: pair[0])
        self.starts = [start for start, _ in items]
        self.items = [item for _, item in items]

    def within(self, lo: int, hi: int) -> list[object]:
        i = bisect.bisect_left(self.starts, lo)
        j = bisect.bisect_left(self.starts, hi)
        return self.items[i:j]


def _actors(text: str, lo: int, hi: int, tax: Taxonomy) -> list[str]:
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


def _place_ok(draft: _Draft, loc: Location | None, max_km: float = 25.0) -> bool:
    if loc is None or draft.location is None:
        return True
    a, b = draft.location.place, loc.place
    if a.id == b.id or a.parent_id == b.id or b.parent_id == a.id:
        return True
    if a.is_country or b.is_country or a.is_admin1 or b.is_admin1:
        return a.country_code == b.country_code
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= max_km


def _date_ok(draft: _Draft, date: DateMention | None) -> bool:
    if date is None or date.date is None or draft.date is None or draft.date.date is None:
        return True
    return dates_compatible(
        draft.date.date, draft.date.precision, date.date, date.precision, tolerance_days=0
    )


def _antecedent(
    mention: Mention,
    drafts: list[_Draft],
    index: int,
    date: DateMention | None,
    loc: Location | None,
) -> _Draft | None:
    if mention.new_event:
        return None
    if mention.anaphoric:
        types = mention.anaphor_types or frozenset()
        campaign = "campaign" in mention.trigger.trigger.flags
        for draft in reversed(drafts):
            if draft.event_type not in types or (draft.background and not mention.plural):
                continue
            if campaign and not draft.background:
                continue  # "the uprising" is not the march reported before
            if _date_ok(draft, date):
                return draft
        return None
    if mention.background:
        return None  # a generic statement is not a follow-up of a reported event
    for draft in reversed(drafts):
        if draft.background:
            continue
        recent = draft.last_sentence >= index - _FOLLOW_UP
        escalation = (
            draft.event_type is EventType.PROTESTS and mention.event_type is EventType.RIOTS
        )
        # police arresting demonstrators intervene in the protest; no separate event
        crowd_arrests = (
            mention.sub.name == "Arrests" and draft.event_type in _CROWDS and not mention.charged
        )
        same = (
            draft.event_type is mention.event_type
            or draft.event_type in mention.family
            or escalation
            or crowd_arrests
        )
        violent = draft.event_type not in _NON_VIOLENT or draft.sub_priority > 70
        casualty_only = mention.weak and violent
        # a bare count ("40 were killed at St. X") belongs to the event told before it
        placed = casualty_only or _place_ok(draft, loc)
        if ((same and recent) or casualty_only) and _date_ok(draft, date) and placed:
            return draft
    return None


def _enrich(draft: _Draft, mention: Mention, index: int, facts: _Facts) -> None:
    draft.last_sentence = max(draft.last_sentence, index)
    draft.mentions += 1
    if draft.date is None or draft.date.date is None:
        draft.date = facts.date or draft.date
    if facts.location is not None and (
        draft.location is None or _refines(facts.location, draft.location)
    ):
        draft.location = facts.location
    _add_casualties(draft, facts.casualties)
    draft.actors.extend(facts.actors)
    if (
        mention.background
        or mention.weak
        or (mention.anaphoric and mention.trigger.trigger.weight < 0.8)
    ):
        return
    if mention.sub.name == "Arrests" and draft.sub_event_type == "Peaceful protest":
        draft.sub_event_type, draft.sub_priority = "Protest with intervention", 71
        return
    upgrade = mention.event_type is draft.event_type and mention.sub.priority > draft.sub_priority
    if draft.killed and draft.sub_event_type == "Attack":
        upgrade = False  # a deadly attack that also took hostages is coded as the attack
    escalate = draft.event_type is EventType.PROTESTS and mention.event_type is EventType.RIOTS
    if upgrade or escalate:
        draft.event_type = mention.event_type
        draft.sub_event_type = mention.sub.name
        draft.sub_priority = mention.sub.priority


def _refines(new: Location, old: Location) -> bool:
    """Whether ``new`` names a smaller place within ``old`` (a town in the country named)."""
    a, b = old.place, new.place
    if specificity(b) <= specificity(a):
        return False
    if b.parent_id == a.id:
        return True
    if specificity(a) <= 1:
        same_admin = a.is_country or a.admin1 == b.admin1
        return a.country_code == b.country_code and same_admin
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= 25.0


def _split(draft: _Draft, places: list[Location]) -> list[_Draft]:
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
    for one in (draft, *out):
        if draft.killed:
            one.killed, one.killed_reported = None, True
        if draft.injured:
            one.injured, one.injured_reported = None, True
        one.notes = [*draft.notes, "one of several places the sentence names"]
    return out


def _inherit(mention: Mention, drafts: list[_Draft], tax: Taxonomy) -> Mention:
    """Give "violence was also reported in X" the type of the event just told."""
    if "inherit" not in mention.trigger.trigger.flags:
        return mention
    for draft in reversed(drafts):
        if not draft.background:
            sub = tax.sub_event(draft.event_type, draft.sub_event_type)
            return dataclasses.replace(mention, sub=sub, weak=False)
    return mention


def _casualties_only(
    sentence: Sentence, index: int, drafts: list[_Draft], casualties: _Index
) -> None:
    """Give a sentence that only counts victims ("No one was hurt.") to the last incident."""
    found = [c for c in casualties.within(sentence.start, sentence.end)]
    if not found or not drafts:
        return
    draft = drafts[-1]
    if draft.background or draft.last_sentence < index - 1:
        return
    if draft.event_type in _NON_VIOLENT and draft.sub_priority <= 70:
        return
    _add_casualties(draft, [c for c in found if isinstance(c, CasualtyMention)])


def _add_casualties(draft: _Draft, casualties: list[CasualtyMention]) -> None:
    for cas in casualties:
        if cas.kind == "killed":
            draft.killed_reported = True
            if cas.count is not None:
                draft.killed = max(draft.killed or 0, cas.count)
        else:
            draft.injured_reported = True
            if cas.count is not None:
                draft.injured = max(draft.injured or 0, cas.count)


@dataclass
class _Facts:
    date: DateMention | None
    location: Location | None
    casualties: list[CasualtyMention]
    actors: list[str]
    more_places: list[Location] = field(default_factory=list)


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
    text: str, mention: Mention, dates: _Index, prior: DateMention | None
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


def _facts(
    text: str,
    mention: Mention,
    others: list[Mention],
    indexes: tuple[_Index, _Index, _Index],
    tax: Taxonomy,
    *,
    referring: bool = False,
    prior: DateMention | None = None,
    reported: bool = False,
) -> _Facts:
    """Date, place, casualties and actors of a mention's clause.

    A clause without a place borrows one from the clauses of its sentence that report
    no other event. With ``referring`` (a mention that refers back, "the attack") only a
    date written next to its noun counts ("Sunday's attack", "the attack on Friday").
    """
    dates, casualties, places = indexes
    lo, hi, anchor = mention.clause_start, mention.clause_end, mention.trigger.start
    reporting = tax.cues.reporting
    in_clause = [d for d in dates.within(lo, hi) if isinstance(d, DateMention)]
    report_dates = [
        d
        for d in in_clause
        if any(
            r.end() >= d.start - 4 for r in reporting.finditer(text, max(lo, d.start - 30), d.start)
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
            and any(
                r.end() >= d.start - 4
                for r in reporting.finditer(
                    text, max(mention.sentence.start, d.start - 30), d.start
                )
            )
        ]
        clause_dates = report_dates or earlier[-1:]
    if referring:
        near = (mention.trigger.start - 15, mention.trigger.end + 14)
        clause_dates = [d for d in clause_dates if near[0] <= d.start and d.end <= near[1]]
    date = min(clause_dates, key=lambda d: abs(d.start - anchor), default=None)
    if date is not None and DAY_BEFORE.fullmatch(date.text):
        date = _day_before(date, dates.within(mention.sentence.start, mention.sentence.end))
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
        near_noun = (mention.trigger.start - 30, mention.trigger.end + 40)
        tops = [t for t in tops if near_noun[0] <= t.start and t.end <= near_noun[1]]
    location = choose_location(text, tops, anchor=anchor, taxonomy=tax)
    if (location is None or specificity(location.place) < 3) and tax.cues.place_anaphor.search(
        text, lo, hi
    ):
        named = [t for t in places.within(0, mention.sentence.start) if isinstance(t, Toponym)]
        location = previous_town(named, mention.sentence.start) or location
    cas = [c for c in casualties.within(lo, hi) if isinstance(c, CasualtyMention)]
    more = _listed_towns(text, tops, location, lo, hi, tax) if location else []
    return _Facts(date, location, cas, _actors(text, lo, hi, tax), more)


# What joins two towns of a list: ", ", " and ", ", and in the state capital, " ...
_JOINT = re.compile(
    r"[\s,]*(?:and\s+|,\s*)(?:(?:in|at)\s+)?(?:the\s+)?(?:[\w-]+\s+){0,3}?,?\s*", re.IGNORECASE
)


def _listed_towns(
    text: str, tops: list[Toponym], first: Location, lo: int, hi: int, tax: Taxonomy
) -> list[Location]:
    """Other towns of a list in the event's clause ("in Lagos, Abuja and Kano").

    ACLED codes one event per place: each town more than 25 km from the others becomes
    an incident of its own. Places of a movement ("from X to Y") are not a list.
    """
    if specificity(first.place) < 3:
        return []
    chosen = [first.place]
    out = []
    previous = first.toponym
    for top in tops:
        place = top.place
        if previous is None or top.start <= previous.start or top.start >= hi:
            continue
        if place is None or top.kind != "place" or specificity(place) < 3:
            continue
        joint = _JOINT.fullmatch(text, previous.end, top.start)
        if joint is None or top.start - previous.end > 40:
            break  # the list ended
        previous = top
        if any(haversine_km(p.lat, p.lon, place.lat, place.lon) <= 25.0 for p in chosen):
            continue
        chosen.append(place)
        precision = GeoPrecision.EXACT
        out.append(Location(place, precision, top, "one of several places named"))
    return out


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
    tax = taxonomy or Taxonomy.default()
    text = article.text
    sentences = split_sentences(text)
    dates = _Index([(d.start, d) for d in find_dates(text, published=article.published)])
    casualties = _Index([(c.start, c) for c in find_casualties(text)])
    zone = _dateline_end(text, toponyms)
    toponyms = [  # the first place of a dateline the geoparser did not mark ("Baku — ...")
        dataclasses.replace(t, kind="dateline")
        if t.kind == "place"
        and t.end <= zone
        and not any(u.kind == "dateline" for u in toponyms)
        and t is next((u for u in toponyms if u.kind == "place" and u.end <= zone), None)
        else t
        for t in toponyms
    ]
    places = _Index([(t.start, t) for t in toponyms if t.kind != "dateline" and t.start >= zone])
    triggers = tax.find_triggers(text)
    starts = [t.start for t in triggers]
    drafts: list[_Draft] = []
    sentence_of: dict[int, Sentence] = {}
    for index, sentence in enumerate(sentences):
        i = bisect.bisect_left(starts, sentence.start)
        j = bisect.bisect_left(starts, sentence.end)
        if i == j:
            _casualties_only(sentence, index, drafts, casualties)
            continue
        sentence_triggers = [t for t in triggers[i:j] if t.end <= sentence.end]
        found = find_mentions(text, sentence, taxonomy=tax, triggers=sentence_triggers)
        prior: DateMention | None = None
        for mention in found:
            mention = _inherit(mention, drafts, tax)
            indexes = (dates, casualties, places)
            facts = _facts(
                text, mention, found, indexes, tax, referring=mention.anaphoric, prior=prior
            )
            history = facts.date is not None and _historical(facts.date, article.published)
            if facts.date is None:  # "Marawi was devastated in 2017 when militants ..."
                told = dates.within(sentence.start, sentence.end)
                history = any(
                    isinstance(d, DateMention) and _historical(d, article.published) for d in told
                )
            target = None
            if not history:  # "in 2017 a truck bomb ..." adds nothing to today's events
                target = _antecedent(mention, drafts, index, facts.date, facts.location)
            if target is not None:
                _enrich(target, mention, index, facts)
                prior = target.date
                continue
            # a new incident may take the day of the report ("said on Friday that ...")
            facts = _facts(text, mention, found, indexes, tax, prior=prior, reported=True)
            prior = facts.date
            background = mention.background
            if background and facts.date is not None and facts.date.precision is TimePrecision.DAY:
                generic = mention.reasons == ("generic or habitual statement",)
                background = not generic  # a habit has no day: "on Saturday, ... in weeks of"
            draft = _Draft(
                first=mention,
                sub_priority=mention.sub.priority,
                event_type=mention.event_type,
                sub_event_type=mention.sub.name,
                last_sentence=index,
                background=background,
                date=facts.date,
                location=facts.location,
                actors=list(facts.actors),
                notes=list(mention.reasons),
            )
            if history and not draft.background:
                draft.background = True
                draft.notes.append("retrospective: the event predates the article by years")
            coarse = facts.date is not None and facts.date.precision is TimePrecision.MONTH
            if coarse and not draft.background and _RELATIVE.match(text, mention.clause_start):
                draft.background = True  # "the rebels, who took the town last year, ..."
                draft.notes.append("context: a coarsely dated event in a relative clause")
            _add_casualties(draft, facts.casualties)
            drafts.append(draft)
            if facts.more_places and not draft.background:
                drafts.extend(_split(draft, facts.more_places))
            sentence_of[id(draft)] = sentence
    drafts = _merge_drafts(drafts)
    _date_from_lead(drafts, article.published)
    _place_from_lead(drafts)
    foreground = [t for t in toponyms if not _in_background(t, drafts)]
    out = [_finish(article, d, foreground, places) for d in drafts]
    return [inc for inc in out if include_background or not inc.background]


_RELATIVE = re.compile(r"[\s,]*(?:that|which|who)\s", re.IGNORECASE)
_DATELINE = re.compile(r"[A-Z][\w’'.-]*(?:[ ,]+[A-Z][\w’'.-]*){0,3}\s*(?:[—–:]|--?)\s")
_DATELINE_DASH = re.compile(r"\s*(?:[—–:]|--?)\s")


def _dateline_end(text: str, toponyms: Sequence[Toponym]) -> int:
    """End of the dateline ("DAKAR, Senegal — "): its places are not the event's."""
    for top in toponyms:
        if top.kind == "dateline":
            line_end = text.find("\n", top.end)
            stop = min(top.end + 60, len(text) if line_end < 0 else line_end)
            dash = _DATELINE_DASH.search(text, top.end, stop)
            return dash.end() if dash else top.end
    opening = _DATELINE.match(text)  # "Baku — ", "Peshawar: " unmarked by the geoparser
    return opening.end() if opening else 0


def _date_from_lead(drafts: list[_Draft], published: dt.date | None) -> None:
    """Date undated follow-up events with the day of the incident reported before them.

    News copy dates the lead event and tells the rest of the day's events without
    repeating the date ("In Chattogram, three people died in clashes ..."). An undated
    incident takes the date of the nearest earlier incident dated to a day within the
    three days before publication; older leads are left alone.
    """
    if published is None:
        return
    lead: DateMention | None = None
    for draft in drafts:
        if draft.background:
            continue
        date = draft.date
        if date is not None and date.date is not None:
            recent = dt.timedelta(0) <= published - date.date <= dt.timedelta(days=3)
            lead = date if date.precision is TimePrecision.DAY and recent else lead
        elif lead is not None:
            draft.date = lead
            draft.notes.append("date of the lead event: the sentence gives none")


def _place_from_lead(drafts: list[_Draft]) -> None:
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


def _merge_drafts(drafts: list[_Draft]) -> list[_Draft]:
    """Fold later incidents into an earlier one of the same type, date and place.

    Follow-up sentences far from the first report ("Protesters filled the square...")
    or naming the same event in other words are one event in ACLED's terms: one event
    type, one place (within 25 km or inside the other), one day. A mention marked as a
    new event ("another", "a second") stays apart.
    """
    kept: list[_Draft] = []
    for draft in drafts:
        host = None
        if not draft.background and not draft.first.new_event:
            for other in reversed(kept):
                kin = (
                    other.event_type is draft.event_type
                    or (_generic(other) and draft.event_type in other.first.family)
                    or (_generic(draft) and other.event_type in draft.first.family)
                )  # "clashes" told first, then who clashed
                if other.background or not kin:
                    continue
                if not _date_ok(other, draft.date):
                    continue
                loc, there = draft.location, other.location
                if loc and there and not (_place_ok(other, loc) or _refines(loc, there)):
                    continue
                host = other
                break
        if host is None:
            kept.append(draft)
            continue
        if host.date is None or host.date.date is None:
            host.date = draft.date or host.date
        if draft.location is not None and (
            host.location is None or _refines(draft.location, host.location)
        ):
            host.location = draft.location
        for kind in ("killed", "injured"):
            value = _max_known(getattr(host, kind), getattr(draft, kind))
            setattr(host, kind, value)
        host.killed_reported |= draft.killed_reported
        host.injured_reported |= draft.injured_reported
        host.actors.extend(draft.actors)
        host.mentions += draft.mentions
        generic = _generic(host) and not _generic(draft)
        if generic or (
            draft.event_type is host.event_type and draft.sub_priority > host.sub_priority
        ):
            host.event_type = draft.event_type
            host.sub_event_type, host.sub_priority = draft.sub_event_type, draft.sub_priority
    return kept


def _generic(draft: _Draft) -> bool:
    """Whether an incident was first told by a word of many kinds ("clashes", "violence")."""
    return len(draft.first.family) >= 3


def _max_known(a: int | None, b: int | None) -> int | None:
    return b if a is None else a if b is None else max(a, b)


def _in_background(top: Toponym, drafts: list[_Draft]) -> bool:
    for d in drafts:
        sent = d.first.sentence
        if d.background and sent.start <= top.start < sent.end:
            return True
    return False


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


def _finish(article: Article, draft: _Draft, toponyms: list[Toponym], places: _Index) -> Incident:
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
    if draft.sub_event_type == "Agreement" and dateline is not None and _scope_only(article, loc):
        loc = dataclasses.replace(dateline, precision=GeoPrecision.EXACT)
        notes.append("agreement placed where it was reported concluded (the dateline)")
    if (
        loc is not None
        and dateline is not None
        and specificity(loc.place) <= 1
        and specificity(dateline.place) >= 3
        and dateline.place.country_code == loc.place.country_code
    ):
        loc = dataclasses.replace(dateline, precision=GeoPrecision.NEAR)
        notes.append("only a region named: the dateline city stands for it")
    if loc is None:
        sentence_tops = [t for t in places.within(sent.start, sent.end) if isinstance(t, Toponym)]
        loc = fallback_location(toponyms, sentence_toponyms=sentence_tops)
        if loc is not None:
            notes.append(f"place from {loc.reason}")
    if draft.injured_reported and draft.injured is None:
        notes.append("injuries reported without a number")
    if draft.killed_reported and draft.killed is None:
        notes.append("deaths reported without a number")
    place = loc.place if loc else None
    if (
        draft.killed is None
        and not draft.killed_reported
        and draft.event_type in _NO_DEATHS_MEANS_ZERO
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
