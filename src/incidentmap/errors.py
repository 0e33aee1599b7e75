"""The exceptions incidentmap raises.

Every error derives from :class:`IncidentMapError`, and the specific ones also
derive from the built-in exception they resemble, so ``except ValueError``
keeps working for callers who do not know this package.

Examples
--------
>>> from incidentmap.errors import InputError, IncidentMapError
>>> issubclass(InputError, ValueError) and issubclass(InputError, IncidentMapError)
True
"""

from __future__ import annotations

__all__ = [
    "CacheError",
    "ExportError",
    "GazetteerError",
    "GeocoderError",
    "IncidentMapError",
    "InputError",
    "RenderError",
]


class IncidentMapError(Exception):
    """Root of every error raised by incidentmap."""


class InputError(IncidentMapError, ValueError):
    """An article, a file of articles or an option could not be read as given.

    Parameters
    ----------
    message
        What is wrong and what would be accepted.
    source
        The file (or ``"<stdin>"``) the bad input came from, if known.
    line
        The 1-based line (or record) number within ``source``, if known.
    """

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        self.source = source
        self.line = line
        self.reason = message
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")


class GazetteerError(IncidentMapError, OSError):
    """The gazetteer index or one of its data files could not be read or built."""


class CacheError(IncidentMapError, OSError):
    """A cache file is damaged, of another format, or not one of ours (it is rebuilt)."""


class ExportError(IncidentMapError, OSError):
    """An output file could not be written, or its format is not supported."""


class RenderError(IncidentMapError, ValueError):
    """A map could not be drawn from the given data."""


class GeocoderError(IncidentMapError, RuntimeError):
    """The optional online geocoder failed (network, timeout, quota)."""
