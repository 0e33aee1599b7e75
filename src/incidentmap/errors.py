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
    "FetchError",
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
    kept
        The input was read anyway, without the bad part (a ``published`` date that is not
        a date): a warning, not a skipped input.

    Examples
    --------
    >>> InputError("bad date", source="a.jsonl", line=3, kept=True).verdict
    'warning'
    >>> InputError("not JSON", source="a.jsonl", line=4).verdict
    'skipped'
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int | None = None,
        kept: bool = False,
    ):
        self.source = source
        self.line = line
        self.reason = message
        self.kept = kept
        where = ""
        if source is not None:
            where = f"{source}:{line}: " if line is not None else f"{source}: "
        super().__init__(f"{where}{message}")

    @property
    def verdict(self) -> str:
        """``"warning"`` when the input was kept without its bad part, else ``"skipped"``."""
        return "warning" if self.kept else "skipped"


class ArticleError(InputError):
    """A stage failed on one article with an unexpected error: a crash, reported, not raised.

    The batch goes on without the article; the command line then exits with status 3.
    Made with :meth:`from_exception`, it keeps the cause's type and message as text, so it
    travels from worker processes intact.

    Examples
    --------
    >>> err = ArticleError.from_exception(RecursionError("too deep"), source="a.jsonl", line=2)
    >>> str(err)
    'a.jsonl:2: processing failed with RecursionError: too deep (a bug: please report it)'
    """

    cause: str = ""

    @classmethod
    def from_exception(
        cls, exc: BaseException, *, source: str | None, line: int | None = None
    ) -> ArticleError:
        """Return the error that reports ``exc`` raised while processing an article."""
        cause = f"{type(exc).__name__}: {exc}"
        error = cls(
            f"processing failed with {cause[:500]} (a bug: please report it)",
            source=source,
            line=line,
        )
        error.cause = cause
        return error


class FetchError(InputError):
    """A URL could not be fetched (dead, refused by robots.txt, too slow): reported, not raised.

    ``source`` is the URL; the batch goes on with the other inputs.
    """


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
