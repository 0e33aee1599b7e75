"""What a later mention of an incident adds to it: date, place, casualties, type.

A mention that refers back to an incident or continues it fills in what the first
lacked (:func:`enrich`): a date, a smaller place within the one told, casualties,
actors, a sharper sub-event type. A sentence that only counts victims ("No one was
hurt.") gives its counts to the incident just told (:func:`casualties_only`).
"""

from __future__ import annotations

from ..model import EventType, TimePrecision
from ..text.sentences import Sentence
from .casualties import CasualtyMention
from .dates import DateMention
from .dedupe import dates_compatible
from .draft import Draft
from .facts import Facts, Index, mourned_deaths
from .fits import NON_VIOLENT, date_ok, refines, reported_after
from .kinds import (
    ABDUCTION,
    AGREEMENT,
    ARRESTS,
    ATTACK,
    PEACEFUL_PROTEST,
    PROTEST_WITH_INTERVENTION,
)
from .mentions import Mention
from .places import specificity
from .taxonomy import Taxonomy

__all__ = ["add_casualties", "casualties_only", "enrich"]


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
