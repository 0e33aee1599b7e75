"""Event mentions: what one clause of one sentence reports.

A sentence is cut into clauses at boundaries such as "; ", " after ", ", as " and,
after a funeral or vigil, before the "for" that names whom it mourns (the dead belong
to an earlier event). In each clause the strongest trigger names the event; the
clause's dates, casualty reports, places and actors go with it. A mention is
*anaphoric* when its event noun has a determiner ("the attack", "those clashes",
"Sunday's attack"): it refers back to an incident already reported; not when a bare event
noun of the same kind follows ("the protest in X was joined by protests in A and B"):
that one tells new events, placed by what follows it.

Where a sentence is cut is :mod:`.clauses`' job; whether a clause tells the news's
occasion, an earlier event, :mod:`.occasions`'; whether a generic word tells violence,
:mod:`.violence`'.

Examples
--------
>>> from incidentmap.text.sentences import split_sentences
>>> text = "Police fired tear gas at protesters in Nairobi."
>>> [(m.sub.event_type.value, m.sub.name) for m in find_mentions(text, split_sentences(text)[0])]
[('Protests', 'Protest with intervention')]
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..model import EventType, Toponym
from ..text.sentences import Sentence
from .clauses import CAUSED_BY, SINCE, clause_cuts, listed_from, with_cause, with_since
from .filters import preceded_by
from .occasions import LONG_AFTER, is_occasion
from .retyping import Clue, place_taken, retype
from .taxonomy import Taxonomy
from .triggers import SubEventType, TriggerMatch
from .violence import NAMES_OBJECT, tells_violence

__all__ = ["Mention", "find_mentions"]

_RELATIVE_NEXT = re.compile(r"[\s,]*(?:who|that|which)\s", re.IGNORECASE)


def _crowd_again(text: str, lo: int, at: int, tax: Taxonomy) -> bool:
    """Whether the words just before ``at`` name the crowd told before ("the mob also ...").

    The clause starts at ``lo``; only a crowd noun with a definite article right before
    ``at`` counts.
    """
    found = list(tax.cues.crowd_again.finditer(text, max(lo, at - 40), at))
    return bool(found) and not text[found[-1].end() : at].strip()


_ALSO = re.compile(r"also", re.IGNORECASE)
_AND = re.compile(r"[\s,]*and\s", re.IGNORECASE)
_THAT = re.compile(r"\s*that\s", re.IGNORECASE)
#: A sentence's opening phrase, up to its comma: "In another incident, ...", "Separately, ...".
_OPENER = re.compile(r"\s*[^,;:—–()“”\"]{1,60},")


@dataclass(frozen=True, slots=True)
class Mention:
    """One event reported in one clause."""

    sentence: Sentence
    clause_start: int
    clause_end: int
    trigger: TriggerMatch
    sub: SubEventType
    anaphor_types: frozenset[EventType] | None
    plural: bool
    new_event: bool
    background: bool
    weak: bool
    reasons: tuple[str, ...] = ()
    family: frozenset[EventType] = frozenset()
    """Event types a generic event noun ("clashes", "violence") can be part of."""
    charged: bool = False
    """The clause names a charge ("suspected of taking part"): an arrest made afterwards."""
    retyped_by: str = ""
    """``file:line`` of the re-typing rule that gave ``sub`` ("": the trigger's type)."""
    claimed: bool = False
    """The clause tells what posts or rumours claim ("social media posts claimed ..."):
    no event of its own, and no toll for the event it refers to."""
    toll_start: int | None = None
    """Start of a bare toll told before the clause as its result ("the killing of seven
    people after bombers attacked"): its casualties are the event's."""
    thrown: bool = False
    """The clause tells explosives thrown by hand ("threw a grenade at police"): in a
    clash or riot of the same day and place they are part of it."""
    heard: bool = False
    """The clause tells weapons heard ("rocket fire was heard at the barracks"): what
    witnesses heard of a clash or riot of the same day and place is part of it."""
    apart: bool = False
    """The clause tells an arrest at a place of its own (``arrested_apart`` cues: "at a
    workshop", "at their homes"): not a detention at a demonstration told beside it."""

    @property
    def event_type(self) -> EventType:
        """The mention's event type."""
        return self.sub.event_type

    @property
    def anaphoric(self) -> bool:
        """Whether the mention refers back to an event ("the attack")."""
        return self.anaphor_types is not None


def _resolve_sub(
    best: TriggerMatch,
    text: str,
    clause: tuple[int, int],
    sentence: Sentence,
    tax: Taxonomy,
    triggers: list[TriggerMatch],
) -> tuple[SubEventType, str]:
    """Sharpen the trigger's sub-event type with what else the clause says.

    The rules are the codebook's ``retyping.tsv`` (:mod:`.retyping`); returns the type
    and the ``file:line`` of the rule that gave it ("" for the trigger's own).
    """
    rules = tax.retyping_for.get(None if "target" in best.trigger.flags else best.sub, ())
    if not rules:
        return best.sub, ""
    sub, rule = retype(rules, Clue(text, best, clause, sentence, tax.cues, triggers))
    return sub, rule.where if rule is not None else ""


_GAP = re.compile(r"[\s,]+")


def _next_word(text: str, at: int) -> int:
    """Return the offset of the word after ``at`` (past white space and commas)."""
    gap = _GAP.match(text, at)
    return gap.end() if gap else at


def find_mentions(
    text: str,
    sentence: Sentence,
    *,
    taxonomy: Taxonomy | None = None,
    triggers: list[TriggerMatch] | None = None,
    places: Sequence[Toponym] = (),
) -> list[Mention]:
    """Return the event mentions of one sentence, one per clause that reports an event.

    Parameters
    ----------
    text
        The article text (the sentence's offsets refer to it).
    sentence
        The sentence to read.
    taxonomy
        Trigger lexicon and cues; the bundled taxonomy by default.
    triggers
        Trigger matches already found in the sentence (found here when omitted).
    places
        The sentence's toponyms: an arrest verb whose object is one of them took a place
        (:func:`.retyping.place_taken`).
    """
    tax = taxonomy or Taxonomy.default()
    cues = tax.cues
    found = tax.find_triggers(text, sentence.start, sentence.end) if triggers is None else triggers
    if not found:
        return []
    live: list[tuple[TriggerMatch, bool]] = []  # (trigger, is an allegation)
    filters_for = tax.filters_matching  # filters.tsv: plans, the future, ...
    for trig in found:
        if any(
            f.holds(text, trig, sentence.start, sentence.end, cues)
            for f in filters_for("trigger", trig, text)
        ):
            continue
        alleged = preceded_by(cues.allegation, text, sentence.start, trig.start, 4)
        live.append((trig, alleged))
    if not live:
        return []
    for index, (trig, alleged) in enumerate(live):
        # "the bomb that tore through the avenue, killing six": the charge is also reported
        if alleged and cues.counted.search(text, trig.end, sentence.end):
            live[index] = (trig, False)
    charges = [t for t, alleged in live if alleged]
    live = [  # a word inside an alleged phrase ("drone strikes") is alleged with it
        (t, a or any(c.start < t.end and t.start < c.end for c in charges)) for t, a in live
    ]
    has_event = any(not alleged for _, alleged in live)
    if has_event:  # "arrested militants linked to rocket attacks": the attacks are the charge
        live = [(t, a) for t, a in live if not a]
    opening = LONG_AFTER.match(text, sentence.start)  # "Weeks after X, ..."
    cuts = clause_cuts(text, sentence, [t for t, _ in live], tax, opening)
    bounds = [sentence.start, *cuts, sentence.end]
    anaphors = list(cues.anaphor.finditer(text, sentence.start, sentence.end))
    out: list[Mention] = []
    previous_lo = sentence.start
    for lo, hi in itertools.pairwise(bounds):
        inside = [(t, a) for t, a in live if lo < t.end <= hi]  # the verb ends the trigger
        if not inside:
            continue
        alleged = all(a for _, a in inside)
        cause_hi = with_cause(text, hi, bounds)
        # the strongest trigger the clause filters leave: "attack ads", "to attack police",
        # crowds "to celebrate" ... report no event; but beside a dropped word a trigger that
        # names the act and its object may ("cars which had been set ablaze where an officer
        # shot the boy": the burning is told); a single word ("killed in similar blasts in
        # the past") is not
        ranked = sorted(
            inside, key=lambda ta: (ta[0].rank, ta[0].end - ta[0].start), reverse=True
        )  # stable: of equals, the first, as max() would choose
        best = None
        for cand, _ in ranked:
            if cand is not ranked[0][0] and not NAMES_OBJECT.search(text, cand.start, cand.end):
                continue
            violent = partial(tells_violence, text, cand, lo, hi, tax)  # run only if a filter asks
            if not any(
                f.holds(text, cand, lo, hi, cues, cause_hi=cause_hi, violent=violent)
                for f in filters_for("clause", cand, text)
            ):
                best = cand
                break
        if best is None:
            continue
        if places:  # "its forces captured Krasnohorivka": a place taken, not an arrest
            best = place_taken(best, text, places, tax)
        # demonstrators in this clause, or in the one before when this one goes on with
        # their elided subject ("... rallied in the capital, and attacked the embassy")
        context = [t for t in found if lo <= t.start < hi]
        if _AND.match(text, lo):
            context += [t for t in found if previous_lo <= t.start < lo]
        later = [b for b in bounds if b > hi]
        if _RELATIVE_NEXT.match(text, hi):  # "... on worshippers who gathered to protest"
            context += [t for t in found if hi <= t.start < (later[0] if later else hi)]
        sub, retyped_by = _resolve_sub(best, text, (lo, hi), sentence, tax, context)
        types: frozenset[EventType] | None = None
        plural = False
        noun_end = lo
        for ana in anaphors:
            if not lo <= ana.start() < hi:
                continue
            noun = next(i for i, v in enumerate(ana.groups()) if v is not None)
            noun_start, noun_end = ana.span(noun + 1)
            # the noun must name the clause's event: in "a truck bomb killed 500, the deadliest
            # attack in years" the clause reports the bombing, it refers back to nothing
            if not any(
                t.start < noun_end
                and noun_start < t.end
                and t.sub.event_type is best.sub.event_type
                for t, _ in inside
            ):
                continue
            types = cues.anaphor_types[noun]
            # "the drone attack": a trigger wider than the noun narrows what it can refer to
            wider = [
                t
                for t, _ in inside
                if t.start < noun_start  # "the drone attack"; not "the attack on shoppers"
                and noun_end <= t.end
                and t.end - t.start > noun_end - noun_start
                and not t.trigger.flags & {"weak", "target"}
            ]
            if wider:
                types = types & {w.sub.event_type for w in wider} or types
            plural = text[noun_end - 1] == "s" and not text[noun_start:noun_end].lower().endswith(
                ("ss", "us")
            )
            break
        start = lo
        # "the protest in X was joined by protests in A and B": a bare event noun after the
        # one that refers back tells new events, placed by what follows it
        if (
            types is not None
            and best.start >= noun_end
            and best.sub.event_type in types
            and _FRESH.search(text, max(lo, best.start - 30), best.start)
            and _EVENT_PLURAL.fullmatch(text, best.start, best.end)
        ):
            types, plural, start = None, False, best.start
        # "five soldiers were also killed": more victims of the event told, not a new one;
        # "15 gunmen were also killed in the gunfight": the definite noun names the event told
        # "the mob also attacked cars": more acts of the crowd told, not another event
        new_event = any(
            not (
                _ALSO.fullmatch(m.group())
                and (
                    "weak" in best.trigger.flags
                    or types is not None
                    or _crowd_again(text, lo, m.start(), tax)
                )
            )
            for m in cues.new_event.finditer(text, lo, hi)
        )
        # "In another incident, five people were killed in X": an opening that sets the
        # sentence apart from the event told before sets apart its first event
        opener = None if out or lo == sentence.start else _OPENER.match(text, sentence.start, lo)
        if opener is not None and not new_event:
            new_event = any(
                not ("weak" in best.trigger.flags and _ALSO.fullmatch(m.group()))
                for m in cues.new_event.finditer(text, sentence.start, opener.end())
            )
        # "in 13 cities, including A, B and C": each town named is an event of its own
        aggregate = any(
            not cues.named_instances.match(text, _next_word(text, m.end()))
            for m in cues.aggregate.finditer(text, lo, hi)
        )
        # "The attack came two days after a man ran over two soldiers": the earlier event,
        # told as the news's occasion
        came_after = is_occasion(
            text,
            sentence,
            lo,
            best.start,
            opening=opening,
            first=out[0] if out else None,
            bounds=bounds,
            tax=tax,
        )
        # "the scene of chaos since the Taliban entered Kabul": the start of a period told
        since = SINCE.match(text, lo) is not None
        # "an activist who protested against the dam": what a person is known for
        described = any(  # the trigger is what the description names
            m.start() <= best.start and best.start - m.end() <= 40
            for m in cues.descriptor.finditer(text, lo, best.end)
        )
        # "social media posts also claimed deaths at the hands of mobs": hearsay, not news
        # ("... claimed that dozens were killed": the claim is the clause before "that")
        said = lo
        if lo > sentence.start and _THAT.match(text, lo):
            said = max(b for b in bounds if b < lo)
        claimed = cues.hearsay.search(text, said, best.start) is not None
        background = (
            alleged
            or claimed
            or described
            or aggregate
            or came_after
            or since
            # "the war began when militants attacked": told as the start of a campaign
            or any("campaign" in t.trigger.flags and t.start <= best.start for t, _ in inside)
            # "has been hit by days of assaults — including drone strikes": the instances
            # listed are part of the wave the clause before names
            or cues.background.search(
                text, listed_from(text, lo, bounds), with_since(text, hi, bounds)
            )
            is not None
        )
        reasons = []
        if alleged:
            reasons.append("reported as a charge or blame, not as an event")
        elif claimed:
            reasons.append("what posts or rumours claim, not reported as fact")
        if "campaign" in best.trigger.flags:
            reasons.append("names a campaign or wave of events, not one event")
        elif described and not alleged and not claimed:
            reasons.append("describes a person by what they did, not an event")
        elif came_after and not alleged and not claimed:
            reasons.append("context: the earlier event the news came after")
        elif since and not alleged and not claimed:
            reasons.append("context: the event a period of time is counted from")
        elif aggregate and not alleged and not claimed:
            reasons.append("an aggregate of many strikes or targets, not one event")
        elif background and not alleged and not claimed:
            reasons.append("generic or habitual statement")
        family = tax.family(text[best.start : best.end].lower())
        out.append(
            Mention(
                family=family,
                charged=cues.allegation.search(text, lo, hi) is not None,
                apart=cues.arrested_apart.search(text, lo, hi) is not None,
                claimed=claimed,
                sentence=sentence,
                clause_start=start,
                clause_end=hi,
                trigger=best,
                sub=sub,
                anaphor_types=types,
                plural=plural,
                new_event=new_event,
                background=background,
                weak="weak" in best.trigger.flags,
                reasons=tuple(reasons),
                retyped_by=retyped_by,
                thrown=sub.event_type is EventType.EXPLOSIONS
                and cues["thrown"].search(text, lo, hi) is not None,
                heard=sub.event_type is EventType.EXPLOSIONS
                and cues["heard"].search(text, lo, hi) is not None,
            )
        )
        previous_lo = lo
    return _tolls_to_causes(text, out)


#: What stands before an event noun of new events after one told before: "was joined by
#: protests", "and similar rallies".
_OF_MORE = (
    r"(?:similar|other|further|more|smaller|larger|mass|simultaneous|solidarity|parallel"
    r"|separate)"
)
_FRESH = re.compile(
    rf"\b(?:by\s+(?:{_OF_MORE}\s+)?|(?:and|as\s+well\s+as)\s+{_OF_MORE}\s+)$", re.IGNORECASE
)
#: ... one word, a plural that names events, not people ("protests", not "protesters").
_EVENT_PLURAL = re.compile(r"[a-z-]+(?<!er)(?<!or)(?<!ist)(?<!ant)s", re.IGNORECASE)


#: "confirmed the killing of seven persons after two bombers attacked ...": a connective
#: between a bare toll and the event that caused it (a reason, "because", tells no event).
_TOLL_CAUSE = re.compile(rf"[\s,]*(?:{CAUSED_BY})\s", re.IGNORECASE)


def _tolls_to_causes(text: str, mentions: list[Mention]) -> list[Mention]:
    """Fold a bare toll into the event the same sentence gives as its cause.

    "Police confirmed the killing of seven people after two suicide bombers attacked a
    ward": the killing word only counts the victims of the bombing; the bombing's clause
    takes the toll's, so the victims are counted once and no attack of its own is told.
    """
    out: list[Mention] = []
    for mention in mentions:
        toll = out[-1] if out else None
        if (
            toll is not None
            and toll.weak
            and not toll.background
            and not mention.weak
            and not mention.background
            and _TOLL_CAUSE.match(text, toll.clause_end)
        ):
            out[-1] = dataclasses.replace(mention, toll_start=toll.clause_start)
        else:
            out.append(mention)
    return out
