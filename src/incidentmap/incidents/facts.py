"""What a clause says about its event: date, place, casualties, actors.

The date is the clause's own (a reporting verb's date, "said on Friday", only when the
event has no other); "the previous day" and "a day after ..." are counted from the date
they lean on. The place is the clause's most specific toponym, else one from the parts of
the sentence that report no other event, else the town a "the city" refers back to; not a
place written right after another event's noun ("the recapture of X"), when the clause
names another. A list of towns ("in Lagos, Abuja and Kano") yields one place each
(:mod:`.placelists`).

The date is worked out by :mod:`.clausedates`, the place by :mod:`.clauseplaces`; this
module puts them together with the clause's casualties and actors.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from dataclasses import dataclass, field

from ..model import Toponym
from .casualties import CasualtyMention
from .clausedates import clause_date
from .clauseplaces import clause_place
from .dates import DateMention
from .filters import preceded_by
from .kinds import CROWD_EVENTS
from .mentions import Mention
from .placelists import listed_places
from .places import Location
from .taxonomy import Taxonomy

__all__ = [
    "Facts",
    "Index",
    "actors_in",
    "clause_facts",
    "mourned_deaths",
]


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


# "The attack happened ... in X", "the raid took place near X": a sentence that says
# where the event told before took place
_OCCURRED = re.compile(
    r"(?:\s+(?:by|of|on|against|in)\s[^.;:!?]{0,80}?)?"  # "the attack by members of the ADF"
    r"(?:\s*,\s*which)?"  # "the attack, which happened on Sunday"
    r"\s+(?:(?:also|reportedly|apparently)\s+)?(?:happened|took place|occurred|unfolded)\b",
    re.IGNORECASE,
)


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
    lo, hi = mention.clause_start, mention.clause_end
    # "the attack happened ... on Saturday": a referring noun's sentence tells its date
    occurred = referring and _OCCURRED.match(text, mention.trigger.end) is not None
    date, report_day = clause_date(
        text,
        mention,
        others,
        dates,
        tax,
        referring=referring,
        occurred=occurred,
        prior=prior,
        reported=reported,
    )
    if same_clause is not None:  # neither the day before nor the report's day moves a place
        return dataclasses.replace(same_clause, date=date, report_day=report_day)
    location = clause_place(
        text, mention, others, places, tax, referring=referring, occurred=occurred
    )
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
