"""Place names written with a possessive inside: "King's Lynn", "People's Republic of China".

The tokenizer cuts a possessive ``'s`` off its word, so that "Baghdad's" is keyed like
"Baghdad". Some place names hold one, and the gazetteer keys them with the ``s`` joined
to its word ("kings lynn", "peoples republic of china", "saint johns"): cut off, the
name is lost, and a shorter name inside it wins ("Republic of China", which is Taiwan;
"Republic of Korea" inside "Democratic People's Republic of Korea"; "Lynn" in
Massachusetts). :func:`possessive_names` finds, for each possessive near a capital,
the names that read the ``'s`` as part of the name. A one-word name ending at the
possessive is left alone: "Jordan's king" is the possessive of Jordan, not the English
village of Jordans.

Examples
--------
>>> from incidentmap.geoparse.names import GAZ, NameIndex
>>> from incidentmap.geoparse.recognize import tokenize
>>> index = NameIndex.from_keys({"kings lynn": GAZ, "lynn": GAZ, "jordans": GAZ})
>>> text = "Jordan's envoy flew to King's Lynn."
>>> spans, keys = tokenize(text)
>>> found = possessive_names(text, spans, keys, index, [6, 27])
>>> [(i, n, key, text[spans[i][0] : end]) for i, names in found.items() for n, _, key, end in names]
[(4, 2, 'kings lynn', "King's Lynn")]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from .names import NameIndex

__all__ = ["possessive_names"]

#: How many words before a possessive a name holding it may start ("Lao People's ...").
_REACH = 3
_POSSESSIVES = ("'s ", "’s ")


def possessive_names(
    text: str,
    spans: Sequence[tuple[int, int]],
    keys: Sequence[str],
    index: NameIndex,
    apostrophes: Sequence[int],
) -> dict[int, list[tuple[int, int, str, int]]]:
    """Return the names that hold a possessive, by the token they start at.

    ``apostrophes`` are the offsets of the text's apostrophes.

    Each is ``(token count, flags, key, end)``: the key with the possessive's ``s``
    joined to its word, and the end of the name in ``text`` (after the ``'s`` when the
    name ends there: "St. John's"). The tokens of the name are joined by spaces, hyphens
    or an abbreviation's period, and by the possessive itself.
    """
    out: dict[int, list[tuple[int, int, str, int]]] = {}
    n = len(spans)
    first = index.first  # the most tokens of a name that starts with a key
    for p in apostrophes:
        if text[p + 1 : p + 2] not in ("s", "S") or text[p + 2 : p + 3].isalnum():
            continue
        k = bisect_right(spans, (p, n + len(text))) - 1
        if k < 0 or spans[k][1] != p:
            continue
        for i in range(max(0, k - _REACH), k + 1):
            if not text[spans[i][0]].isupper():
                continue
            head = keys[i] + "s" if i == k else keys[i]
            if first.get(head, 0) < max(2, k - i + 1):
                continue  # the common case: no name from here is long enough to hold the 's
            local = list(keys[i : i + 8])
            local[k - i] += "s"
            for length, flags in index.candidates(local, 0):
                j = i + length - 1
                if j < k or (j == k == i) or not _joined(text, spans, i, j, k):
                    continue
                end = spans[j][1] + (2 if j == k else 0)
                out.setdefault(i, []).append((length, flags, " ".join(local[:length]), end))
    return out


def _joined(text: str, spans: Sequence[tuple[int, int]], i: int, j: int, k: int) -> bool:
    """Whether tokens ``i..j`` are one name, with the possessive of token ``k`` inside."""
    for m in range(i, j):
        gap = text[spans[m][1] : spans[m + 1][0]]
        if m == k:
            if gap not in _POSSESSIVES:
                return False
        elif gap not in (" ", "-", ". "):
            return False
    return True
