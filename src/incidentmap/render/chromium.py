"""Where headless Chromium is, for the browser tests and ``bench/screenshot.py``.

The map itself needs no browser; this only finds one to look at it with, on the
``PATH`` (as ``shutil.which`` does) or where ``$INCIDENTMAP_CHROMIUM`` says.

Examples
--------
>>> path = find_chromium()
>>> path is None or path.endswith(("chromium", "chromium-browser", "chrome", "google-chrome",
...                                "google-chrome-stable")) or "INCIDENTMAP_CHROMIUM" in os.environ
True
"""

from __future__ import annotations

import os
import shutil

__all__ = ["CHROMIUM_ARGS", "CHROMIUM_NAMES", "find_chromium"]

#: Executable names tried on the ``PATH``, in this order.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")

#: Flags for a headless run that makes no request of its own.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)


def find_chromium() -> str | None:
    """Return the path of a Chromium (or Chrome) executable, or ``None`` if there is none.

    ``$INCIDENTMAP_CHROMIUM`` wins when set (a path or a name on the ``PATH``); otherwise
    the first of :data:`CHROMIUM_NAMES` found on the ``PATH``.
    """
    chosen = os.environ.get("INCIDENTMAP_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None
