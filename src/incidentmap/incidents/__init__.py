"""Incidents from news articles in ACLED's terms: extraction, dates, places, merging.

Examples
--------
>>> import datetime as dt
>>> from incidentmap.model import Article
>>> art = Article("x", "A roadside bomb killed two soldiers on Monday.",
...               published=dt.date(2024, 3, 6))
>>> inc = extract_incidents(art, [])[0]
>>> inc.sub_event_type, inc.event_date, inc.fatalities
('Remote explosive/landmine/IED', '2024-03-04', 2)
"""

from __future__ import annotations

from .dedupe import merge_incidents
from .extract import extract_incidents
from .taxonomy import Taxonomy

__all__ = ["Taxonomy", "extract_incidents", "merge_incidents"]
