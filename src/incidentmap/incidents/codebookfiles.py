r"""The files of a codebook folder, read: the shipped English codebook's, or a user's.

A codebook is a folder of the files named in :data:`CODEBOOK_FILES`; one a user's
folder lacks is taken from the shipped one (``codebook/en``, inside the package). A file
is read as ``(where, text)``, ``where`` naming it in errors; :class:`~.taxonomy.Taxonomy`
parses what is read here.

Examples
--------
>>> shipped_files()["triggers.tsv"][0]
'triggers.tsv'
>>> shipped_text("numbers.tsv").startswith("#")
True
>>> tsv_rows("# a comment\nRiots\tMob violence\n")
[(2, ['Riots', 'Mob violence'])]
"""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from ..errors import InputError

__all__ = [
    "CODEBOOK_FILES",
    "folder_files",
    "shipped_files",
    "shipped_folder",
    "shipped_text",
    "tsv_rows",
]

#: The files of a codebook folder; one a user's folder lacks is taken from the shipped one.
CODEBOOK_FILES = (
    "taxonomy.json",
    "triggers.tsv",
    "cues.tsv",
    "page_furniture.tsv",
    "retyping.tsv",
    "filters.tsv",
    "numbers.tsv",
    "tolls.tsv",
)

#: The shipped English codebook, inside the package.
_SHIPPED = "codebook/en"


def tsv_rows(text: str) -> list[tuple[int, list[str]]]:
    """Return the rows of a tab-separated codebook file: (line number, columns).

    Blank lines and comment lines (``#``) are no rows.
    """
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and not raw.startswith("#"):
            rows.append((number, raw.rstrip("\n").split("\t")))
    return rows


def shipped_folder() -> Traversable:
    """Return the folder of the shipped English codebook, inside the package."""
    return resources.files("incidentmap.incidents").joinpath(_SHIPPED)


def shipped_text(name: str) -> str:
    """Return the text of the shipped English codebook's file ``name`` (``"tolls.tsv"``).

    Raises
    ------
    InputError
        When ``name`` is not one of :data:`CODEBOOK_FILES`.
    """
    if name not in CODEBOOK_FILES:
        raise InputError(f"{name!r} is not a codebook file; the files: {list(CODEBOOK_FILES)}")
    return shipped_folder().joinpath(name).read_text("utf-8")


def shipped_files() -> dict[str, tuple[str, str]]:
    """Return the shipped English codebook's files: name -> (where, text)."""
    return {name: (name, shipped_text(name)) for name in CODEBOOK_FILES}


def folder_files(folder: str) -> tuple[tuple[str, str, str], ...]:
    """Return the files of the codebook ``folder`` as (name, where, text), in file order.

    A file the folder lacks is the shipped one.

    Raises
    ------
    InputError
        When ``folder`` is no folder, holds none of the codebook's files, or one of them
        cannot be read.
    """
    path = Path(folder)
    if not path.is_dir():
        raise InputError(f"no codebook folder {folder!r}", source=folder)
    sources = shipped_files()
    own = [name for name in CODEBOOK_FILES if (path / name).is_file()]
    if not own:
        raise InputError(
            f"the codebook folder holds none of the codebook's files {list(CODEBOOK_FILES)}",
            source=folder,
        )
    for name in own:
        try:
            sources[name] = (str(path / name), (path / name).read_text("utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            where = str(path / name)
            raise InputError(f"cannot read the codebook file: {exc}", source=where) from exc
    return tuple((n, *sources[n]) for n in CODEBOOK_FILES)
