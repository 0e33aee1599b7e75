"""Counts in messages: "1 article", "2 articles", "1,200 fatalities".

A summary line is read by someone checking a run; "1 articles" reads as a bug.

Examples
--------
>>> plural(1, "article"), plural(0, "article"), plural(12_000, "article")
('1 article', '0 articles', '12,000 articles')
>>> plural(1, "fatality", many="fatalities"), plural(3, "fatality", many="fatalities")
('1 fatality', '3 fatalities')
>>> verb(1, "has", "have"), verb(2, "has", "have")
('has', 'have')
"""

from __future__ import annotations

__all__ = ["plural", "verb"]


def plural(count: int, noun: str, *, many: str | None = None) -> str:
    """Return ``count`` (with thousands separators) and ``noun``, in the plural unless 1.

    Parameters
    ----------
    count
        How many.
    noun
        The noun in the singular ("article", "bad row").
    many
        Its plural when it is not ``noun + "s"`` ("fatalities", "entries").
    """
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def verb(count: int, one: str, many: str) -> str:
    """Return the form of a verb that agrees with ``count`` things: ``one`` for 1, else ``many``."""
    return one if count == 1 else many
