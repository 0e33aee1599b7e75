"""Which incidents told before a draft may take it in: the index of :func:`~.merging.merge_drafts`.

:func:`~.merging.merge_drafts` folds a draft into the nearest incident told before it of a
kindred type, on a compatible day and at a compatible place. Testing every incident told
before made its work grow with the square of a long article's drafts (a live blog, a
digest). :class:`KinIndex` files each incident by the keys its tests of type and day look
at, and hands a draft, nearest first, only the incidents that could pass them; the caller
still runs every test, so the answer is the one the full scan gave.

- **Type**: an incident is kin by its event type, by a word of many kinds that first told
  it ("clashes", filed under ``GENERIC``), or, for an armed clash, as the attack it may
  be told from the other side (filed under its sub-event type).
- **Day**: an incident dated to a day is filed under that day too. A draft dated to a day
  can join one of the same day, or one whose day is up to ``_AFTER`` days later (dated by
  a report) or ``_BEFORE`` days earlier (the draft dated by a report); incidents
  undated or dated more loosely (a week, a month) are always candidates.

An incident whose type or day changes as it takes a draft in is filed again
(:meth:`KinIndex.refile`).

``tests/test_incidents_speed.py`` checks that a long article gives the same incidents
as with the full scan.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterator

from ..model import TimePrecision
from .draft import Draft
from .fits import REPORT_LAG_DAYS
from .kinds import ARMED_CLASH, ATTACK

__all__ = ["GENERIC", "KinIndex", "day_of"]

#: The key of incidents first told by a word of many kinds ("clashes", "violence").
GENERIC = "generic"
#: A report's day may be this many days after the event's (``fits.reported_after``).
_BEFORE = 3
#: ... and an incident dated by a report this many days after (``fits.date_ok``).
_AFTER = max(_BEFORE, REPORT_LAG_DAYS)


def day_of(draft: Draft) -> dt.date | None:
    """Return the day a draft is dated to, or ``None`` when undated or dated more loosely."""
    date = draft.date
    if date is None or date.date is None or date.precision is not TimePrecision.DAY:
        return None
    return date.date


def _keys(draft: Draft) -> tuple[Hashable, ...]:
    """Return the keys an incident is filed under (see the module's notes on type)."""
    keys: list[Hashable] = [draft.event_type]
    if len(draft.first.family) >= 3:  # merging.told_generically
        keys.append(GENERIC)
    if draft.sub_event_type == ATTACK.name:
        keys.append(ATTACK.name)
    return tuple(keys)


def _wanted(draft: Draft) -> set[Hashable]:
    """Return the keys under which the incidents a draft may join are filed."""
    wanted: set[Hashable] = {draft.event_type, GENERIC}
    if len(draft.first.family) >= 3:  # told generically: kin to each type of its word
        wanted.update(draft.first.family)
    if draft.sub_event_type == ARMED_CLASH.name:  # the attack told from the attacked side
        wanted.add(ATTACK.name)
    return wanted


class KinIndex:
    """The incidents told so far, by position, filed by type and by day."""

    def __init__(self) -> None:
        self._filed: dict[int, tuple[tuple[Hashable, ...], dt.date | None]] = {}
        self._all: defaultdict[Hashable, list[int]] = defaultdict(list)
        self._loose: defaultdict[Hashable, list[int]] = defaultdict(list)  # not to a day
        self._days: defaultdict[tuple[Hashable, dt.date], list[int]] = defaultdict(list)

    def add(self, position: int, draft: Draft) -> None:
        """File the incident at ``position`` (positions grow as incidents are told)."""
        keys, day = _keys(draft), day_of(draft)
        self._filed[position] = (keys, day)
        for key in keys:
            bisect.insort(self._all[key], position)
            shelf = self._loose[key] if day is None else self._days[key, day]
            bisect.insort(shelf, position)

    def refile(self, position: int, draft: Draft) -> None:
        """File an incident again after its type or day changed."""
        if self._filed[position] == (_keys(draft), day_of(draft)):
            return
        keys, day = self._filed.pop(position)
        for key in keys:
            self._all[key].remove(position)
            (self._loose[key] if day is None else self._days[key, day]).remove(position)
        self.add(position, draft)

    def candidates(self, draft: Draft, *, day: dt.date | None) -> Iterator[int]:
        """Yield, nearest first, the positions of incidents ``draft`` may join.

        ``day`` is the draft's (:func:`day_of`).
        """
        found: set[int] = set()
        for key in _wanted(draft):
            if day is None:
                found.update(self._all.get(key, ()))
                continue
            found.update(self._loose.get(key, ()))
            for shift in range(-_BEFORE, _AFTER + 1):
                found.update(self._days.get((key, day + dt.timedelta(days=shift)), ()))
        yield from sorted(found, reverse=True)
