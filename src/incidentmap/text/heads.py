r"""Where the body of a copied news page starts.

A page copied from the web often carries its headline, a byline or a date on short lines of
their own above the first paragraph; the dateline ("KABUL, Afghanistan —") stands at the
start of that paragraph. :func:`opening_lines` gives the offsets where it may stand.

Examples
--------
>>> page = "Rockets hit the airport\nBy A. Writer\n\nKABUL — Two rockets ..."
>>> [page[i : i + 5] for i in opening_lines(page)]
['Rocke', 'By A.', 'KABUL']
"""

from __future__ import annotations

#: Lines above a dateline (headline, byline, date) tried at most, and their longest.
HEAD_LINES = 4
HEAD_LINE_CHARS = 250

#: A line ending like a sentence and longer than this many words is the body, not a heading.
_SENTENCE_WORDS = 12


def opening_lines(text: str) -> list[int]:
    """Return the offsets where a dateline may stand: 0, then the start of each line under it.

    The walk goes down while the lines above are heading-like: at most :data:`HEAD_LINES`
    of them, none longer than :data:`HEAD_LINE_CHARS` characters and none a sentence of the
    body (a line of more than twelve words ending with a full stop, question or exclamation
    mark or a closing quote). Blank lines are skipped.

    Parameters
    ----------
    text
        The article text.

    Returns
    -------
    list of int
        Offsets into ``text``, the first always 0.
    """
    starts = [0]
    at = 0
    for _ in range(HEAD_LINES):
        end = text.find("\n", at)
        if end < 0 or end - at > HEAD_LINE_CHARS:
            break
        line = text[at:end].strip()
        if line.endswith((".", "!", "?", "”", '"')) and len(line.split()) > _SENTENCE_WORDS:
            break  # a sentence of the body, not a headline
        at = end + 1
        while at < len(text) and text[at] in "\r\n":
            at += 1
        starts.append(at)
    return starts
