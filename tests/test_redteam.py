"""Red-team suite: hostile inputs generated here, each a class that once failed a batch.

Every test builds its hostile input on the fly (nothing binary is committed) and asserts
what a user would notice: the bad record is reported with its file and line, the good
records beside it are kept, and nothing hangs, crashes or runs script in an output.
"""

from __future__ import annotations

import datetime as dt

import pytest

from incidentmap.incidents import extract_incidents
from incidentmap.incidents.dates import find_dates
from incidentmap.model import Article

BOMBING = "Yesterday a car bomb killed five people at the market. On March 3 a bomb killed two."


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_dates_at_the_ends_of_the_calendar_stay_unresolved(published: dt.date) -> None:
    found = find_dates(
        "Yesterday, the day before yesterday, last week, two months ago, on March 3, today "
        "and Friday, then last winter and last year.",
        published=published,
    )
    assert len(found) == 9
    for mention in found:  # resolved a year inside the calendar, or left open with a note
        if mention.date is None:
            assert "ends of the calendar" in (mention.note or "")
        else:
            assert dt.date(2, 1, 1) <= mention.date <= dt.date(9998, 12, 31)
    assert sum(d.date is None for d in found) >= 7
    incidents = extract_incidents(Article("edge", BOMBING, published=published), [])
    assert incidents and all(i.event_date is None for i in incidents)


def test_dates_near_the_ends_of_the_calendar_still_resolve_inside_it() -> None:
    (march,) = find_dates("On March 3 a bomb went off.", published=dt.date(9998, 6, 1))
    assert march.date == dt.date(9998, 3, 3)
