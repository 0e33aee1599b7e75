"""Demonyms and place names written as the names of languages: no mention of a place.

"She speaks fluent French", "the gunman shouted in Turkish, then fired", "signs in English
and Spanish.": the word names a language, not France, Turkey or the town of English in
Indiana. A reader tells so by the word before it (a verb of speaking, "fluent") or, after
"in" or "into", by the clause ending with it or with a list of languages; "in Turkish
custody" and "into Syrian territory" are places. The words are the lexicon's
(``geoparse/data/languages.txt``).

Examples
--------
>>> from incidentmap.geoparse.lexicon import Lexicon
>>> from incidentmap.geoparse.context import TokenContext
>>> from incidentmap.geoparse.recognize import tokenize
>>> def used(text, word):
...     ctx = TokenContext(text, *tokenize(text), Lexicon.default())
...     k = ctx.keys.index(word)
...     return language_use(ctx, k, k)
>>> used("Signs in English and Spanish.", "spanish"), used("held in Turkish custody", "turkish")
(True, False)
"""

from __future__ import annotations

import re

from ..text.normalize import normalize_name
from .context import TokenContext

__all__ = ["language_use"]

#: The next name of a list after a language's name: "..., Spanish", "... and Spanish".
_NEXT_NAME = re.compile(r"(?:,?\s+(?:and|or)\s+|,\s+)([A-Z][a-z]+)\b")
#: Where the clause ends after a language's name (a comma only before a lower-case word).
_CLAUSE_END = re.compile(r"\s*(?:[.;:!?)\"”]|,\s+[a-z]|,?\s*$)")
_JOINERS = frozenset({"and", "or"})


def language_use(ctx: TokenContext, i: int, j: int) -> bool:
    """Whether tokens ``i..j``, a language's name, are written as the name of a language.

    The word before the name (or before the first name of its list: "in English and
    Spanish") is a verb of speaking or "fluent"; or it is "in" or "into" and the clause
    ends after the name or after the other languages of its list.
    """
    lex = ctx.lexicon
    text, spans, keys = ctx.text, ctx.spans, ctx.keys
    languages = lex.languages
    speaking, written = lex.language_cues
    k = i  # back to the first name of a list of languages
    while k >= 2:
        gap = text[spans[k - 1][1] : spans[k][0]]
        if gap in (", ", ",") and keys[k - 1] in languages:
            k -= 1
        elif keys[k - 1] in _JOINERS and keys[k - 2] in languages and gap == " ":
            k -= 2
        else:
            break
    before = keys[k - 1] if k > 0 else ""
    if before in speaking:
        return True
    if before not in written:
        return False
    at = spans[j][1]
    while (name := _NEXT_NAME.match(text, at)) is not None:
        if normalize_name(name.group(1)) not in languages:
            break
        at = name.end()
    return _CLAUSE_END.match(text, at) is not None
