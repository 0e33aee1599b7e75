"""Where the embedded gazetteer data lives, installed or in a source checkout.

A wheel carries the repository's ``gazetteer/data`` and ``gazetteer/curated``
folders as ``incidentmap/_gazetteer/``; a source checkout (editable install)
reads them where they are.

Examples
--------
>>> data_dir().name
'data'
>>> curated_dir().name
'curated'
"""

from __future__ import annotations

from pathlib import Path

from ..errors import GazetteerError

__all__ = ["curated_dir", "data_dir", "data_file"]

_PACKAGE = Path(__file__).resolve().parent.parent


def _find(name: str) -> Path:
    for candidate in (
        _PACKAGE / "_gazetteer" / name,  # installed wheel
        _PACKAGE.parent.parent / "gazetteer" / name,  # source checkout: src/incidentmap/..
    ):
        if candidate.is_dir():
            return candidate
    raise GazetteerError(
        f"the embedded gazetteer folder {name!r} was not found next to the package "
        f"({_PACKAGE}); reinstall incidentmap"
    )


def data_dir() -> Path:
    """Return the folder of GeoNames/Natural Earth-derived data files."""
    return _find("data")


def curated_dir() -> Path:
    """Return the folder of curated landmark files."""
    return _find("curated")


def data_file(name: str) -> Path:
    """Return the path of one embedded data file, or raise :class:`GazetteerError`.

    Parameters
    ----------
    name
        File name within :func:`data_dir`, e.g. ``"countries.tsv"``.
    """
    path = data_dir() / name
    if not path.is_file():
        raise GazetteerError(f"embedded gazetteer file {name!r} is missing from {path.parent}")
    return path
