"""Name normalisation shared by the gazetteer index and the geoparser.

Two spellings of a place name that a reader would call "the same name" get the
same key: case, diacritics, apostrophes and punctuation are dropped, a leading
"the" goes, and abbreviations such as "St." are spelled out. Arabic article
variants ("al-", "Al ", "el-", "ad-", "ash-" ...) get a second key without the
article, so "Fallujah" finds "Al Fallūjah".

Examples
--------
>>> normalize_name("  Al-Fallūjah ")
'al fallujah'
>>> name_keys("Al-Fallūjah")
('al fallujah', 'fallujah')
>>> name_keys("the Green Zone")
('green zone',)
>>> normalize_name("St. Petersburg") == normalize_name("Saint Petersburg")
True
>>> normalize_name("Karbalā’")
'karbala'
>>> normalize_name("بغداد")
'بغداد'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "ARABIC_ARTICLES",
    "ARABIC_NAMED",
    "name_keys",
    "normalize_name",
    "strip_articles",
    "without_final_h",
]

#: Transliterations of the Arabic definite article as they appear in place names,
#: including its sun-letter assimilations (ad-Diwaniyah, ash-Shatrah, as-Suwayda).
ARABIC_ARTICLES = frozenset(
    {"al", "el", "ad", "ed", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ul", "ur"}
)

#: Countries whose place names are transliterated from Arabic: a name ending in the
#: feminine -a (ta marbuta) is written with or without its final h ("Hama" and "Hamah",
#: "Falluja" and "Fallujah", "Shabwa" and "Shabwah").
ARABIC_NAMED = frozenset({
    "AE", "BH", "DJ", "DZ", "EG", "IQ", "JO", "KM", "KW", "LB", "LY",
    "MA", "MR", "OM", "PS", "QA", "SA", "SD", "SO", "SY", "TN", "YE",
})  # fmt: skip

# Tokens that are abbreviations of words used in names.
_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "port"}

# Characters that vanish (apostrophes and modifier letters: "Karbalā’", "Ma'rib").
_DROP = dict.fromkeys(map(ord, "'’‘ʼʻʾʿ`´ʹ"), None)
_NON_WORD = re.compile(r"[^\w]+")
# Letters that NFKD does not decompose but that readers treat as plain Latin letters.
_FOLD = str.maketrans(
    {
        "ł": "l", "Ł": "l", "ø": "o", "Ø": "o", "đ": "d", "Đ": "d", "ð": "d", "Ð": "d",
        "þ": "th", "Þ": "th", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ß": "ss",
        "ı": "i", "ħ": "h", "Ħ": "h",
    }
)  # fmt: skip


_COMBINING: dict[int, None] | None = None


def _combining_table() -> dict[int, None]:
    """Map every combining mark of the Basic Multilingual Plane to ``None`` (built once)."""
    global _COMBINING
    if _COMBINING is None:
        _COMBINING = {cp: None for cp in range(0x300, 0x10000) if unicodedata.combining(chr(cp))}
    return _COMBINING


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """Return the comparison key of a place name.

    Lower-cased, diacritics stripped (any script), apostrophes removed, other
    punctuation turned into single spaces, a leading "the" dropped and the
    abbreviations St./Ste./Ft./Mt./Pt. spelled out.

    Parameters
    ----------
    name
        A place name as written.

    Returns
    -------
    str
        The key; empty if the name holds no letters or digits.
    """
    return _normalize(name)


def _normalize(name: str) -> str:
    """Uncached :func:`normalize_name`, for bulk work such as building an index."""
    if name.isascii():
        text = name.translate(_DROP).lower()
    else:
        text = name.translate(_DROP).translate(_FOLD)
        text = unicodedata.normalize("NFKD", text).translate(_combining_table()).casefold()
    text = _NON_WORD.sub(" ", text).replace("_", " ").strip()
    if " " not in text:
        return _ABBREVIATIONS.get(text, text)
    tokens = text.split()
    if tokens[0] == "the":
        tokens = tokens[1:]
    return " ".join(_ABBREVIATIONS.get(t, t) for t in tokens)


def strip_articles(key: str) -> str:
    """Drop Arabic articles from a normalised key, keeping at least one token.

    >>> strip_articles("salah ad din")
    'salah din'
    >>> strip_articles("al")
    'al'
    """
    if " " not in key:
        return key  # one token is kept, article or not
    tokens = key.split(" ")
    kept = [t for t in tokens if t not in ARABIC_ARTICLES]
    return " ".join(kept) if kept else key


def name_keys(name: str) -> tuple[str, ...]:
    """Return the keys under which a name is indexed: the key, then article-free.

    Parameters
    ----------
    name
        A place name as written.

    Returns
    -------
    tuple of str
        One or two distinct non-empty keys, the exact key first.
    """
    key = _normalize(name)
    if not key:
        return ()
    if " " not in key:
        return (key,)
    bare = strip_articles(key)
    return (key,) if bare == key else (key, bare)


def without_final_h(key: str) -> str | None:
    """Return a key ending in the Arabic feminine -ah without its h, or ``None``.

    News copy writes "Shabwa", "Hasaka" and "Mahra" where GeoNames has Shabwah, Al
    Hasakah and Al Mahrah. The h of "-llah" is the h of Allah ("Ramallah", "Nasrallah")
    and stays; a last word of four letters without the h ("Rafa", "Saba") is as often a
    name of its own and is not made.

    >>> without_final_h("shabwah"), without_final_h("al hasakah")
    ('shabwa', 'al hasaka')
    >>> without_final_h("ramallah"), without_final_h("rafah"), without_final_h("kirkuk")
    (None, None, None)
    """
    if not key.endswith("ah") or key.endswith("llah") or len(key.rsplit(" ", 1)[-1]) < 6:
        return None
    return key[:-1]
