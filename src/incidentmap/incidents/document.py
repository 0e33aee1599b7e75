"""Stage 0 of the extractor: an article read into one document the later stages share.

The document holds the article's sentences, the dates, casualty reports and places found
in it (indexed by offset), the trigger matches of the codebook, the headline's end, the
order the sentences are read in (the headline last, so that the body's report leads) and
which lines are page furniture. :func:`read_article` builds it; :mod:`.linking` and
:mod:`.finishing` read it.

Examples
--------
>>> from incidentmap.model import Article
>>> doc = read_article(Article("a", "Gunmen killed two people on Monday."), [])
>>> sorted({t.sub.name for t in doc.triggers}), len(doc.sentences)
(['Attack'], 1)
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Toponym
from ..text.heads import opening_lines
from ..text.sentences import Sentence, split_sentences
from .casualties import claimed_tolls, find_casualties
from .dates import find_dates
from .facts import Index
from .page import FurnitureLines, headline_end, is_caption, page_stamp
from .settlements import unknown_scenes
from .spanning import spanning_tolls
from .taxonomy import Taxonomy
from .triggers import TriggerMatch

__all__ = ["ArticleDocument", "read_article"]


@dataclass(frozen=True)
class ArticleDocument:
    """One article as the extractor's stages read it."""

    article: Article
    text: str
    taxonomy: Taxonomy
    """The codebook, bound to this text (:meth:`Taxonomy.for_text`)."""
    sentences: list[Sentence]
    dates: Index
    told_dates: Index
    """The dates but the coming days ("next Sunday", "a strike for Sunday"): the days an
    event told can have ("called a strike for Sunday after clashes that killed two")."""
    casualties: Index
    places: Index
    """The places an event can be at (not the dateline's)."""
    scenes: Index
    """Settlements the gazetteer lacks, named as such ("the village of X", "X camp")."""
    toponyms: list[Toponym]
    """Every toponym, an unmarked dateline marked."""
    triggers: list[TriggerMatch]
    trigger_starts: list[int]
    head_end: int
    """The end of the headline line; 0 when the text has none."""
    order: list[tuple[int, Sentence]]
    """(index, sentence) in reading order: the body, then the headline."""
    furniture: FurnitureLines


def read_article(
    article: Article, toponyms: Sequence[Toponym], *, taxonomy: Taxonomy | None = None
) -> ArticleDocument:
    """Read ``article`` and its toponyms into an :class:`ArticleDocument`."""
    text = article.text
    # "Washington said", "Beijing warned": a government speaks; the city is no scene
    toponyms = [t for t in toponyms if not t.metonym]
    tax = (taxonomy or Taxonomy.default()).for_text(text)  # cues skip stretches without their words
    sentences = split_sentences(text)
    found_dates = find_dates(text, published=article.published)
    found = find_casualties(text, words=tax.casualties)
    found = claimed_tolls(text, spanning_tolls(text, sentences, found, tax), tax.cues.claimed_toll)
    casualties = Index([(c.start, c) for c in found])
    zone_start, zone = _dateline_zone(text, toponyms)
    filed = _filing_date(text, toponyms)
    kept = [
        d
        for d in found_dates
        if not page_stamp(text, d.start) and not filed[0] <= d.start < filed[1]
    ]
    dates = Index([(d.start, d) for d in kept])
    told_dates = Index([(d.start, d) for d in kept if not d.ahead])
    # the first place of a dateline the geoparser did not mark ("Baku — ...")
    unmarked = None
    if not any(u.kind == "dateline" for u in toponyms):
        unmarked = next(
            (u for u in toponyms if u.kind == "place" and zone_start <= u.start and u.end <= zone),
            None,
        )
    if unmarked is not None:
        dateline = dataclasses.replace(unmarked, kind="dateline")
        toponyms = [dateline if t is unmarked else t for t in toponyms]
    places = Index(
        [
            (t.start, t)
            for t in toponyms
            if t.kind != "dateline" and not zone_start <= t.start < zone
        ]
    )
    scenes = Index(
        [(t.start, t) for t in unknown_scenes(text, toponyms) if not zone_start <= t.start < zone]
    )
    triggers = tax.find_triggers(text)
    starts = [t.start for t in triggers]
    # the headline is read after the body, far from it, so that the body's report of the
    # event leads and the headline joins it
    head_end = headline_end(text)
    told_again = _told_again(sentences)
    # a story's highlights ("• Two advisers were killed in a bombing") sum it up as a
    # headline does: they are read with the headline, after the body
    summary = {
        i for i, s in enumerate(sentences) if _BULLET.match(text, _line_start(text, s.start))
    }
    order = [
        (i, s)
        for i, s in enumerate(sentences)
        if s.start >= head_end and i not in told_again and i not in summary
    ]
    order += [
        (len(sentences) + 2 + i, s)
        for i, s in enumerate(sentences)
        if s.start < head_end or (i in summary and i not in told_again)
    ]
    # captions in capitals stand out only in a text that is not all in capitals
    captions_from = len(text) if is_caption(text[:600]) else head_end
    furniture = FurnitureLines(text, tax.furniture, captions_from=captions_from)
    return ArticleDocument(
        article=article,
        text=text,
        taxonomy=tax,
        sentences=sentences,
        dates=dates,
        told_dates=told_dates,
        casualties=casualties,
        places=places,
        scenes=scenes,
        toponyms=list(toponyms),
        triggers=triggers,
        trigger_starts=starts,
        head_end=head_end,
        order=order,
        furniture=furniture,
    )


#: A line of a list of highlights: "• ...", "· ...", "▪ ...".
_BULLET = re.compile(r"[ \t]*[•·▪●◦][ \t]")


def _line_start(text: str, at: int) -> int:
    return text.rfind("\n", 0, at) + 1


def _told_again(sentences: Sequence[Sentence]) -> set[int]:
    """Indexes of body sentences that the page prints again further down.

    Web pages repeat a story's lead as a teaser above it, or a sentence as a pull quote
    or a twice-printed caption; the copy is read once, where the story tells it.
    """
    keys = [" ".join(sentence.text.split()) for sentence in sentences]
    last: dict[str, int] = {}
    for i, key in enumerate(keys):
        if len(key) >= _REPEATED_MIN:
            last[key] = i
    return {i for i, key in enumerate(keys) if last.get(key, i) != i}


#: Shorter sentences ("He was killed.") may well be written twice on purpose.
_REPEATED_MIN = 40


_DATELINE = re.compile(r"[A-Z][\w’'.-]*(?:[ ,]+[A-Z][\w’'.-]*){0,3}\s*(?:[—–:]|--?)\s")


_DATELINE_DASH = re.compile(r"\s*(?:[—–:]|--?)\s")


#: The filing date a dateline may carry: "Bangkok, May 12 (AP)", "Sanaa, Jan 14 :".
_FILED = re.compile(
    r",?[ ]*(?:[A-Z][a-z]{2,8}\.?[ ]+\d{1,2}|\d{1,2}[ ]+[A-Z][a-z]{2,8})(?:,?[ ]*\d{4})?"
    r"[ ]*(?=\([^()\n]{1,40}\)|[—–:]|--?[ ])"
)


def _filing_date(text: str, toponyms: Sequence[Toponym]) -> tuple[int, int]:
    """Return where the date a dateline carries stands, (0, 0) when it carries none.

    That is the day the story was filed, not the day of the events it tells.
    """
    for top in toponyms:
        if top.kind == "dateline":
            found = _FILED.match(text, top.end)
            return (found.start(), found.end()) if found else (0, 0)
    return 0, 0


def _dateline_zone(text: str, toponyms: Sequence[Toponym]) -> tuple[int, int]:
    """Where the dateline ("DAKAR, Senegal — ") stands: its places are not the event's.

    A headline may stand above it; its places are the event's.
    """
    for top in toponyms:
        if top.kind == "dateline":
            line_end = text.find("\n", top.end)
            stop = min(top.end + 60, len(text) if line_end < 0 else line_end)
            dash = _DATELINE_DASH.search(text, top.end, stop)
            return top.start, dash.end() if dash else top.end
    # "Baku — ", "Peshawar: " unmarked by the geoparser, at the start of the text or of a
    # paragraph under the headline ("Headline\n\nRabat – Protesters ...")
    for start in opening_lines(text):
        opening = _DATELINE.match(text, start)
        if opening is not None:
            return start, opening.end()
    return 0, 0
