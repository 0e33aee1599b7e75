r"""Datelines: the place a news story was filed from, written before its first sentence.

Wire copy opens with the filing place in capitals or followed by the agency and a
dash: ``BAGHDAD —``, ``MOGADISHU, Somalia (Reuters) -``, ``Kabul, Afghanistan (AP) --``,
``WASHINGTON:``. The dateline names the article's focus, so the resolver weighs it
heavily.

Examples
--------
>>> d = find_dateline("MOGADISHU, Somalia (Reuters) - Gunmen attacked a hotel.")
>>> d.place, d.region, d.agency
('MOGADISHU', 'Somalia', 'Reuters')
>>> find_dateline("BAGHDAD — A drone targeted the residence.").place
'BAGHDAD'
>>> find_dateline("Police said on Monday - as usual - nothing.") is None
True
>>> find_dateline("Sanaa, Jan 14 : Dozens of fighters were killed.").place
'Sanaa'
>>> find_dateline("Bangkok, May 12 (AP) Soldiers raided a village.").place
'Bangkok'
>>> find_dateline("9 killed in gang attack\nPORT-AU-PRINCE, Haiti — Gunmen killed nine.").start
24
>>> find_dateline("Colombia: Clashes displace 2,000\n\nBOGOTA, May 5 (Reuters) - Clashes ...").place
'BOGOTA'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.heads import opening_lines

__all__ = ["Dateline", "find_dateline"]

# The place: capitalised words (ALL CAPS or Title Case), then an optional ", Region",
# an optional "(Agency)" and a dash or colon. Only the first 160 characters are tried.
_DATELINE = re.compile(
    r"""\A[\s\ufeff]*
    (?P<place>[A-Z][A-Za-z'’.\-]*(?:[ ][A-Z][A-Za-z'’.\-]*){0,3})
    (?:,[ ]*(?P<region>[A-Z][A-Za-z'’.\-]*(?:[ ][A-Z][A-Za-z'’.\-]*){0,3}))?
    [ ]*(?:\((?P<agency>[^()\n]{1,40})\)[ ]*)?
    (?:(?P<dash>—|–|--|-|:)[ ]|(?<=\)[ ])(?=[A-Z“"]))""",
    re.VERBOSE,
)
_DATE_AFTER = re.compile(r",[ ]*\w+\.?[ ]+\d{1,2}[ ]*(?=[(—–:-])")


@dataclass(frozen=True, slots=True)
class Dateline:
    """A dateline found at the start of a text; offsets are into that text."""

    place: str
    start: int
    end: int
    region: str | None = None
    region_start: int | None = None
    region_end: int | None = None
    agency: str | None = None


def find_dateline(text: str) -> Dateline | None:
    """Return the dateline that opens ``text`` or its first paragraph, if any.

    A dateline is accepted when its place is written in capitals, or when an agency
    in brackets or a region after a comma follows it (``Kabul, Afghanistan —``);
    a Title Case word followed only by a dash is too often a sentence. A page of news
    often carries its headline, a byline or a date on lines of their own above the
    dateline: the start of each of the first few lines is tried, as long as the lines
    before it are such short unpunctuated lines.

    Parameters
    ----------
    text
        The article body.

    Returns
    -------
    Dateline or None
    """
    for offset in opening_lines(text):
        found = _dateline_at(text, offset)
        if found is not None:
            return found
    return None


#: A date stamp a copied page puts before its story ("date 2024-03-06 ", "2024-03-06 ").
_STAMP = re.compile(r"[\s\ufeff]*(?:date:?[ ]+)?\d{4}-\d\d-\d\d(?:[T ][\d:]+Z?)?[ ]+")


def _dateline_at(text: str, offset: int) -> Dateline | None:
    stamp = _STAMP.match(text, offset)
    if stamp is not None:
        offset = stamp.end()
    window = text[offset : offset + 160].partition("\n")[0]  # a dateline is on one line
    head = _DATE_AFTER.sub("", window, count=1)
    m = _DATELINE.match(head)
    if m is None or (m.group("dash") == "-" and m.group("agency") is None and not _caps(m)):
        return None
    place = m.group("place").rstrip(".")
    dated = head != window  # "Sanaa, Jan 14 :", "New Delhi, March 3 (PTI) -"
    if not (_caps(m) or m.group("agency") or m.group("region") or dated):
        return None
    start = offset + m.start("place")
    if text[start : start + len(place)] != place:  # a date was cut out before the place
        return None
    region = m.group("region")
    rstart = offset + m.start("region") if region else None
    if region and rstart is not None and text[rstart : rstart + len(region)] != region:
        region, rstart = None, None
    return Dateline(
        place=place,
        start=start,
        end=start + len(place),
        region=region,
        region_start=rstart,
        region_end=rstart + len(region) if region and rstart is not None else None,
        agency=m.group("agency"),
    )


def _caps(m: re.Match[str]) -> bool:
    letters = [c for c in m.group("place") if c.isalpha()]
    return len(letters) >= 3 and all(c.isupper() for c in letters)
