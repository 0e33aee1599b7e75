"""The progress bar of articles that ``run``, ``incidents`` and ``geoparse`` show.

One bar for every command: it counts articles on standard error, and it is shown by
default only when standard error is a terminal (never in a log file or a pipe).

Examples
--------
>>> list(with_progress(iter("abc"), enabled=False))
['a', 'b', 'c']
>>> progress_wanted(False), progress_wanted(True)
(False, True)
>>> with progress_bar(enabled=False) as advance:
...     advance(3)
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

__all__ = ["progress_bar", "progress_wanted", "with_progress"]

_Item = TypeVar("_Item")


def progress_wanted(requested: bool | None = None, *, quiet: bool = False) -> bool:
    """Whether to show the bar: never when ``quiet``, else ``requested``, else on a terminal."""
    if quiet:
        return False
    return sys.stderr.isatty() if requested is None else requested


@contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Callable[[int], object]]:
    """Yield a function that advances the bar by a number of articles (or does nothing)."""
    if not enabled:
        yield lambda n: None
        return
    from tqdm import tqdm

    with tqdm(desc="articles", unit=" art", file=sys.stderr, mininterval=0.5) as shown:
        yield shown.update


def with_progress(items: Iterator[_Item], *, enabled: bool) -> Iterator[_Item]:
    """Yield ``items``, counting each in the bar when ``enabled``."""
    if not enabled:
        yield from items
        return
    with progress_bar(enabled=True) as advance:
        for item in items:
            advance(1)
            yield item
