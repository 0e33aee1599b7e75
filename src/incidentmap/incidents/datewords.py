r"""Regular-expression fragments for the words of a date: month, weekday, day, year.

One spelling for every module that reads a date. :mod:`.dates` parses dates with them;
:mod:`.casualties` uses them to tell a year from a toll ("on 3 May 2015"). The
fragments are lower case and capture nothing: match them against lower-cased text or
with ``re.IGNORECASE``.

Examples
--------
>>> import re
>>> bool(re.fullmatch(MONTH, "sept.")), bool(re.fullmatch(MONTH, "market"))
(True, False)
>>> [m.group() for m in re.finditer(rf"{DAY}\s+{MONTH}\s+{YEAR}", "3rd jan. 2015, 21 may 1999")]
['3rd jan. 2015', '21 may 1999']
"""

from __future__ import annotations

__all__ = ["DAY", "MONTH", "MONTH_SHORT", "WEEKDAY", "YEAR"]

#: The abbreviation of a month, without its full stop ("jan", "sep", "sept").
MONTH_SHORT = r"(?:jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
#: A month's name, or its abbreviation with a full stop ("march", "mar.").
MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december"
    rf"|{MONTH_SHORT}\.)"
)
#: A day of the week.
WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
#: A year of the 20th or 21st century.
YEAR = r"(?:19|20)\d\d"
#: A day of the month, with or without its ordinal ending ("3", "03", "3rd"); no digit after.
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
