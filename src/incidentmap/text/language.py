"""A cheap guess at an article's language, to warn that it is not English.

incidentmap's recogniser and incident rules read English: a French or Spanish article
gives no incidents, an Arabic one no places, and without a word that looks like a
quiet day. :func:`guess_language` tells them apart from English with no model: the
script of the letters (Arabic, Cyrillic, Chinese ...) and, for Latin letters, which
language's frequent function words (``stopwords.tsv``) the text uses most.

Examples
--------
>>> guess_language("Des affrontements ont eu lieu dans la ville selon les habitants, "
...                "qui ont fui vers le nord avec leurs familles après les tirs.")
'French'
>>> guess_language("اندلعت اشتباكات عنيفة في المدينة صباح اليوم بين قوات الجيش والمسلحين")
'Arabic script'
>>> guess_language("Clashes broke out in the city on Friday, residents said.") is None
True
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

__all__ = ["guess_language"]

# First code point of a block -> script name; Latin letters are below 0x0250.
_SCRIPTS = (
    (0x0370, "Greek"),
    (0x0400, "Cyrillic"),
    (0x0530, "Armenian"),
    (0x0590, "Hebrew"),
    (0x0600, "Arabic script"),
    (0x0700, "Syriac"),
    (0x0780, "Thaana"),
    (0x0900, "Devanagari"),
    (0x0980, "Bengali"),
    (0x0A00, "Indic script"),
    (0x0E00, "Thai"),
    (0x0E80, "Lao"),
    (0x0F00, "Tibetan"),
    (0x1000, "Myanmar"),
    (0x10A0, "Georgian"),
    (0x1100, "Korean"),
    (0x1200, "Ethiopic"),
    (0x13A0, "other script"),
    (0x1780, "Khmer"),
    (0x1800, "other script"),
    (0x1E00, "Latin"),
    (0x1F00, "Greek"),
    (0x2000, "other script"),
    (0x3040, "Japanese"),
    (0x3100, "Chinese"),
    (0xA000, "other script"),
    (0xAC00, "Korean"),
    (0xD7B0, "other script"),
    (0xFB50, "Arabic script"),
    (0xFE00, "other script"),
    (0xFE70, "Arabic script"),
    (0xFF00, "other script"),
)
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 3_000


@lru_cache(maxsize=1)
def _stopwords() -> dict[str, tuple[str, frozenset[str]]]:
    raw = resources.files("incidentmap.text").joinpath("stopwords.tsv").read_text("utf-8")
    table = {}
    for line in raw.splitlines():
        if line.strip() and not line.startswith("#"):
            code, name, words = line.split("\t")
            table[code] = (name, frozenset(words.split()))
    return table


def _script(letter: str) -> str:
    point = ord(letter)
    if point < 0x0250:
        return "Latin"
    name = "other script"
    for start, script in _SCRIPTS:
        if point < start:
            break
        name = script
    return name


def guess_language(text: str) -> str | None:
    """Return the language (or script) ``text`` seems written in, or ``None`` for English.

    ``None`` also when the text is too short to tell. Only the first 3,000 characters
    are looked at.
    """
    sample = text[:_SAMPLE]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        return None
    scripts: dict[str, int] = {}
    for letter in letters:
        script = _script(letter)
        scripts[script] = scripts.get(script, 0) + 1
    script, count = max(scripts.items(), key=lambda item: item[1])
    if script != "Latin" and count > len(letters) / 2:
        return script
    words = _WORD.findall(sample.lower())
    hits = {code: sum(w in stop for w in words) for code, (_, stop) in _stopwords().items()}
    english = hits.pop("en")
    code, best = max(hits.items(), key=lambda item: item[1])
    if best >= 4 and best > 2 * english:
        return _stopwords()[code][0]
    return None
