r"""The page around the story: its headline, and the furniture that is not the story.

**Headline.** The event a page's first line announces is the one its body reports.

A news page, copied as text, often opens with its headline on a line of its own ("9
killed in Haiti in latest gang attack"), then the dateline and the lead. The headline
tells the story's main event once more, in fewer words, without a date and often with
a rounder place ("Borno Village"). It is no separate event: an incident first told in
the headline is folded into the first incident of the same event type that the body
reports, which keeps the body's date, place and figures and takes the headline's only
where the body gives none. A headline event that the body never tells stays an
incident of its own.

**Furniture.** A page copied as text also carries lines that are not the story: links
to other stories ("ALSO READ: ..."), advertising breaks, photo credits and captions set
in capitals. Events told there belong to other stories or to file photos; the lines
are listed in the codebook (``codebook/en/page_furniture.tsv``) and skipped.

Examples
--------
>>> headline_end("Nine killed in Haiti gang attack\nPORT-AU-PRINCE — Gunmen killed nine.")
32
>>> headline_end("Gunmen killed nine people in Haiti on Tuesday.\nPolice said ...")
0
>>> furniture = Furniture.default()
>>> furniture.opens("ALSO READ: Durban riots latest"), furniture.opens("Also, police said")
(True, False)
>>> is_caption("PROTESTERS FLEE THE MALL WITH STOLEN GOODS")
True
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache, cached_property

from ..errors import IncidentMapError
from .draft import Draft

__all__ = ["Furniture", "FurnitureLines", "fold_headline", "headline_end", "is_caption"]

#: The longest first line (in words) still read as a headline.
_MAX_WORDS = 25
_WORD = re.compile(r"\S+")


def headline_end(text: str) -> int:
    """Return the end of the headline line that opens ``text``, or 0 when there is none.

    A headline is a first line of at most 25 words, without the full stop of a sentence,
    followed by more text on later lines.
    """
    end = text.find("\n")
    if end <= 0 or not text[end:].strip():
        return 0
    line = text[:end].strip()
    if not line or len(_WORD.findall(line)) > _MAX_WORDS or line.endswith("."):
        return 0
    return end


def fold_headline(drafts: list[Draft], end: int, text: str = "") -> list[Draft]:
    """Fold each incident told first in the headline into the body's first of its type.

    A page copied as text often prints its title twice, as the page's title and again
    above the story: an incident told first in a line that repeats the headline is a
    headline incident too.

    Parameters
    ----------
    drafts
        The article's incidents in order of first mention.
    end
        The end of the headline (:func:`headline_end`); 0 when the text has none.
    text
        The article text, to know the headline's words again; without it only the
        first line is the headline.

    Returns
    -------
    list of Draft
        ``drafts`` without the headline incidents that the body tells again.
    """
    if end <= 0:
        return drafts
    title = text[:end].strip()

    def told_in_title(draft: Draft) -> bool:
        if draft.first.sentence.start < end:
            return True
        first = draft.first
        lead = text[first.sentence.start : first.sentence.end].lstrip()
        skipped = len(text[first.sentence.start : first.sentence.end]) - len(lead)
        in_title = first.trigger.end - first.sentence.start - skipped <= len(title)
        return bool(title) and lead.startswith(title) and in_title

    titled = {id(d): told_in_title(d) for d in drafts if not d.background}
    head = [d for d in drafts if titled.get(id(d))]
    body = [d for d in drafts if titled.get(id(d)) is False]
    folded: set[int] = set()
    for draft in head:
        host = next((b for b in body if _kin(draft, b)), None)
        if host is None:
            continue
        if host.killed is None and not host.killed_reported:
            host.killed, host.killed_reported = draft.killed, draft.killed_reported
        if host.injured is None and not host.injured_reported:
            host.injured, host.injured_reported = draft.injured, draft.injured_reported
        if host.location is None:
            host.location = draft.location
        host.actors.extend(draft.actors)
        host.mentions += draft.mentions
        host.notes.append("also told in the headline")
        folded.add(id(draft))
    return [d for d in drafts if id(d) not in folded]


def _kin(head: Draft, body: Draft) -> bool:
    """Whether a body incident can be the one a headline incident announces."""
    if head.event_type is body.event_type:
        return True
    return body.event_type in head.first.family or head.event_type in body.first.family


@dataclass(frozen=True)
class FurnitureRow:
    """One row of the page-furniture list, with its examples."""

    opening: str
    must_match: str
    must_not_match: str
    where: str


@dataclass(frozen=True)
class Furniture:
    """The openings of lines that are page furniture, not the story."""

    rows: tuple[FurnitureRow, ...]

    @classmethod
    @cache
    def default(cls) -> Furniture:
        """Return the English list shipped in ``codebook/en/page_furniture.tsv``."""
        from .codebookfiles import shipped_text

        return cls.parse(shipped_text("page_furniture.tsv"), source="page_furniture.tsv")

    @classmethod
    def parse(cls, text: str, *, source: str) -> Furniture:
        """Read rows of ``opening <TAB> must match <TAB> must not match``.

        Raises
        ------
        IncidentMapError
            For a row without three fields, naming the file and line.
        """
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 3 or not fields[0].strip():
                raise IncidentMapError(
                    f"{source}:{number}: expected 'opening<TAB>must match<TAB>must not match', "
                    f"got {line!r}"
                )
            rows.append(FurnitureRow(fields[0].strip().lower(), fields[1], fields[2],
                                     f"{source}:{number}"))  # fmt: skip
        return cls(tuple(rows))

    @cached_property
    def _pattern(self) -> re.Pattern[str]:
        return _compiled(tuple(r.opening for r in self.rows))

    def opens(self, line: str) -> bool:
        """Whether ``line`` opens with one of the listed phrases."""
        return self._pattern.match(line.lstrip(" \t\"“‘'(•*-–—")) is not None


@cache
def _compiled(openings: tuple[str, ...]) -> re.Pattern[str]:
    alts = sorted(openings, key=len, reverse=True)
    parts = [re.escape(o) + (r"(?![^\W\d_])" if o[-1].isalpha() else "") for o in alts]
    return re.compile("|".join(parts), re.IGNORECASE)


_LETTERS = re.compile(r"[^\W\d_]")


def is_caption(line: str) -> bool:
    """Whether a line is set in capitals (a caption or a section head), four words or more.

    >>> is_caption("LAKKI MARWAT: A suicide attack on a police van")
    False
    """
    if len(line.split(maxsplit=3)) < 4:
        return False
    # lower-case vowels are letters in lower case: more than a tenth of the characters, and
    # so of the letters, is prose (a paragraph need not be read letter by letter)
    if 10 * sum(map(line.count, "aeiou")) > len(line):
        return False
    letters = _LETTERS.findall(line)
    return len(letters) >= 12 and sum(map(str.isupper, letters)) >= 0.9 * len(letters)


#: Words run together: a lower-case letter straight before a capital ("TaizNorth").
_GLUED = re.compile(r"[a-z][A-Z][a-z]")


def is_tag_list(line: str) -> bool:
    """Whether a line runs three or more words together, unpunctuated: a page's tags or menu.

    Topic tags and menus copied from a page lose the breaks between their items
    ("RebelsKasaiNorth KivuCeasefire talks"); a sentence keeps its spaces and its stop.

    >>> is_tag_list("ProtestsKanoPoliceTear gas"), is_tag_list("McDonald met the iPhone maker.")
    (True, False)
    """
    if line.rstrip().endswith((".", "!", "?", '"', "”", "’", "'")):
        return False
    return len(_GLUED.findall(line)) >= 3


_STAMP = re.compile(
    r"(?:last |first )?(?:date|dated|published|updated|posted|modified)(?: on)?\s*[:|-]?",
    re.IGNORECASE,
)


def page_stamp(text: str, at: int) -> bool:
    """Whether the date at offset ``at`` is the page's own stamp ("Published: 3 May 2024").

    A page dates itself on a line of its own or before the headline; that is when it
    was put online, never when an event it tells happened.

    >>> text = "date 2022-01-06 ALMATY • Protesters stormed buildings yesterday."
    >>> page_stamp(text, 5), page_stamp("Police said on 5 May", 15)
    (True, False)
    """
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at]
    return len(before) <= 40 and bool(_STAMP.fullmatch(before.strip()))


#: A line that ends with a photo credit is a caption: "Police fire tear gas (Photo: AFP)",
#: or a credit after a slash that follows the caption's full stop: "Police fire tear gas
#: on Friday. / Supplied", "... in the north. / AP".
_CREDIT = re.compile(
    r"[(\[](?:file )?(?:photo|image|picture|pic|photograph|video|credit)s?(?: by)?\s*[:/-]?"
    r"[^()\[\]\n]{0,100}[)\]]\s*$"
    r"|[.!?][\"'”’]?[ \t]+/[ \t]*(?-i:[A-Z])[^/.!?\n]{0,60}$",
    re.IGNORECASE,
)


def _line_breaks(text: str) -> list[int]:
    r"""Offsets of the newlines of a text.

    >>> _line_breaks("a\nbc\n\nd"), _line_breaks("")
    ([1, 4, 5], [])
    """
    out = []
    at = text.find("\n")
    while at >= 0:
        out.append(at)
        at = text.find("\n", at + 1)
    return out


class FurnitureLines:
    r"""Which sentences of one text stand on lines of page furniture.

    A sentence is skipped when it opens with a listed phrase, when its line does
    ("Article continues after this advertisementREAD: ten dead ..."), or when its line
    is a caption in capitals at or after ``captions_from`` (the headline's end). Each
    line is judged once, so a text on one long line costs no more than in paragraphs.

    >>> text = "Ten marched.\nALSO READ: Five dead. Police said so.\nTwo were hurt."
    >>> lines = FurnitureLines(text, Furniture.default(), captions_from=0)
    >>> [lines.skips(at, text[at:]) for at in (0, 13, 35, 51)]
    [False, True, True, False]
    """

    def __init__(self, text: str, furniture: Furniture, *, captions_from: int) -> None:
        self._text = text
        self._furniture = furniture
        self._captions_from = captions_from
        self._breaks = _line_breaks(text)
        self._judged: dict[int, bool] = {}

    def skips(self, start: int, sentence: str) -> bool:
        """Whether the sentence at offset ``start`` (its text ``sentence``) is furniture."""
        if self._furniture.opens(sentence[:200]):
            return True
        k = bisect.bisect_left(self._breaks, start)
        line_start = self._breaks[k - 1] + 1 if k else 0
        judged = self._judged.get(line_start)
        if judged is None:
            line_end = self._breaks[k] if k < len(self._breaks) else len(self._text)
            line = self._text[line_start:line_end]
            judged = (
                self._furniture.opens(line[:200])
                or (line_start >= self._captions_from and is_caption(line))
                or _CREDIT.search(line[-200:]) is not None
                or is_tag_list(line)
            )
            self._judged[line_start] = judged
        return judged
