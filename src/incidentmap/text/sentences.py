r"""Sentence splitting with character offsets, tuned for news copy.

Newlines end sentences (paragraphs, headlines and datelines stand alone), except inside
the paragraphs of hard-wrapped copy (see ``_logical_lines``); within a line
a sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets)
followed by white space and a capital letter, a digit or an opening quote. A full stop
does not end a sentence after a known abbreviation ("Gen.", "Oct.", "Mr."), after a
single-letter initial ("George W. Bush"), or inside a number ("3.5"); after a dotted
acronym ("U.S.", "a.m.") it does only when the next word is one that usually opens a
sentence ("The", "He", "But" ...). A stretch longer than :data:`MAX_SENTENCE_CHARS`
that never ends (a table, a page that lost its full stops) is read in pieces.

Examples
--------
>>> text = "Gen. Smith arrived in the U.S. on Oct. 3. He left.\nNext para"
>>> [s.text for s in split_sentences(text)]
['Gen. Smith arrived in the U.S. on Oct. 3.', 'He left.', 'Next para']
>>> s = split_sentences(text)[1]
>>> text[s.start:s.end]
'He left.'
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["MAX_SENTENCE_CHARS", "Sentence", "split_sentences"]

# End punctuation, then closing quotes/brackets, then the white space that must follow.
# A run of end punctuation is read from its first mark only: tried from each of its marks,
# a long run with no white space after it ("....." over a whole line) took time that grew
# with the square of its length.
_CANDIDATE = re.compile(r"(?<![.!?…])[.!?…]+[\"”’')\]]*(?=\s)")
_OPENERS = "\"“‘'([¡¿"
# Words that usually open a sentence: after a dotted acronym ("in the U.S. The ...")
# they mark a boundary, other capitalised words ("U.S. officials") do not.
_STARTERS = frozenset(
    (
        "a",
        "an",
        "the",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "its",
        "their",
        "our",
        "this",
        "that",
        "these",
        "those",
        "there",
        "but",
        "and",
        "or",
        "so",
        "yet",
        "however",
        "meanwhile",
        "in",
        "on",
        "at",
        "for",
        "after",
        "before",
        "when",
        "while",
        "as",
        "if",
        "since",
        "although",
        "though",
        "despite",
        "during",
        "one",
        "two",
        "three",
        "four",
        "five",
        "police",
        "officials",
        "authorities",
    )
)
# The word before the punctuation is looked for in at most this many characters back,
# and the next word read up to this length, so each candidate costs a constant: the
# splitter stays linear in the length of a line (a 250 KB article on one line).
_LOOKBACK = 64
_WORD_BEFORE = re.compile(r"([\w.]+)$")
_NEXT_WORD = re.compile(rf"\s+(\S{{1,{_LOOKBACK}}})")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence and its character offsets (``text == source[start:end]``)."""

    start: int
    end: int
    text: str


@lru_cache(maxsize=1)
def _abbreviations() -> frozenset[str]:
    raw = resources.files("incidentmap.text").joinpath("abbreviations.txt").read_text("utf-8")
    words = (line.strip().lower() for line in raw.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#"))


def _is_boundary(line: str, dot_end: int, punct_start: int) -> bool:
    """Whether the end punctuation ``line[punct_start:dot_end]`` closes a sentence."""
    after = _NEXT_WORD.match(line, dot_end)
    if after is None:
        return True
    nxt = after.group(1)
    first = nxt[0]
    if not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    if line[punct_start] != "." or line[punct_start : punct_start + 3] == "...":
        return True
    before = _WORD_BEFORE.search(line, max(0, punct_start - _LOOKBACK), punct_start)
    if before is None:
        return True
    word = before.group(1)
    bare = word.rstrip(".")
    if "." in bare:  # dotted acronym: U.S, a.m, U.N
        return nxt.strip(_OPENERS).lower().rstrip(",") in _STARTERS
    if bare.lower() in _abbreviations():
        return False
    return not (len(bare) == 1 and bare.isalpha() and bare.isupper())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with their offsets.

    Parameters
    ----------
    text
        Any text; newlines are hard boundaries.

    Returns
    -------
    list of Sentence
        Non-empty sentences in order, stripped of surrounding white space.

    Examples
    --------
    >>> [s.text for s in split_sentences("Prices rose 3.5 percent. Mr. Lee said so.")]
    ['Prices rose 3.5 percent.', 'Mr. Lee said so.']
    """
    out: list[Sentence] = []
    pos = 0
    for line in _logical_lines(text):
        start = 0
        for match in _CANDIDATE.finditer(line):
            if _is_boundary(line, match.end(), match.start()):
                _add(out, text, pos + start, pos + match.end())
                start = match.end()
        _add(out, text, pos + start, pos + len(line))
        pos += len(line) + 1
    return out


def _logical_lines(text: str) -> list[str]:
    r"""Return the text's lines, the lines of hard-wrapped copy joined into paragraphs.

    Wire copy is often wrapped at a fixed width ("... killed in the fighting in\nYemen,
    the poorest ..."): there a line break inside a paragraph is a space. A text counts as
    wrapped when at least ``_WRAPPED_LINES`` of its lines, and ``_WRAPPED_SHARE`` of those
    with words, run on into the next line without ending a sentence; then such a line is
    joined to the next (the newline stays in the text, as white space). Elsewhere every
    line stands alone (headlines, datelines, captions).

    >>> _logical_lines("Title\n\nOne line.\nAnother.")
    ['Title', '', 'One line.', 'Another.']
    """
    lines = text.split("\n")
    runs_on = [
        bool(line.strip()) and bool(nxt.strip()) and not _ENDS_LINE.search(line)
        for line, nxt in itertools.pairwise(lines)
    ]
    worded = sum(1 for line in lines if line.strip())
    if sum(runs_on) < _WRAPPED_LINES or sum(runs_on) < _WRAPPED_SHARE * worded:
        return lines
    out: list[str] = []
    current: str | None = None
    for k, line in enumerate(lines):
        current = line if current is None else current + "\n" + line
        if k >= len(runs_on) or not runs_on[k]:
            out.append(current)
            current = None
    if current is not None:
        out.append(current)
    return out


#: A line that ends a sentence or a heading's phrase (closing punctuation or quote).
_ENDS_LINE = re.compile(r"[.!?…:;\"”’')\]]\s*$")
_WRAPPED_LINES = 5
_WRAPPED_SHARE = 0.4


#: The longest stretch read as one sentence. News copy's longest sentences run to some
#: 1,300 characters; a longer stretch without an end (a table, a list, a page that lost
#: its full stops) is read in pieces of at most this many characters, cut at white space,
#: so that the work on a sentence does not grow with the square of the whole text.
MAX_SENTENCE_CHARS = 2_000


def _add(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut(text, start)
        _add(out, text, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))


def _cut(text: str, start: int) -> int:
    """Return where to end a piece of an over-long sentence that begins at ``start``.

    At the last white space of its first :data:`MAX_SENTENCE_CHARS` characters (in their
    second half), else right after them.
    """
    limit = start + MAX_SENTENCE_CHARS
    for at in range(limit, start + MAX_SENTENCE_CHARS // 2, -1):
        if text[at].isspace():
            return at
    return limit
