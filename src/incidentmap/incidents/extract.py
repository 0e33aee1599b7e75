"""Extract incidents from one article: one incident per event, with its evidence.

The extractor runs in stages over one article document (``README.md`` in this folder):
:func:`.document.read_article` (sentences, dates, places, triggers, page furniture),
:func:`.linking.link_mentions` (mentions → facts → linking them into incidents) and
:func:`.finishing.finish` (merging, background, dates and places from the lead, ids).

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

from collections.abc import Sequence

from ..model import Article, Incident, Toponym
from .document import read_article
from .finishing import finish
from .linking import link_mentions
from .taxonomy import Taxonomy

__all__ = ["extract_incidents"]


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
    doc = read_article(article, toponyms, taxonomy=taxonomy)  # sentences, dates, places, triggers
    drafts = link_mentions(doc)  # mentions → facts → linking into incidents
    return finish(doc, drafts, include_background=include_background)
