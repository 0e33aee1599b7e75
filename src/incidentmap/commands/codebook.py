"""``incidentmap codebook copy DIR`` and ``incidentmap codebook check [DIR]``.

``copy`` writes the shipped English codebook into a folder to edit; ``check`` loads a
codebook folder (the shipped one without ``DIR``) and runs every row's examples, printing
each failing row with its file and line (exit 1), so a broken rule names itself. A
malformed row stops the load with its file and line (exit 2).

Examples
--------
>>> import argparse
>>> sub = argparse.ArgumentParser(prog="incidentmap").add_subparsers()
>>> register(sub)
>>> args = sub.choices["codebook"].parse_args(["copy", "mine"])
>>> args.action, args.folder, args.force
('copy', 'mine', False)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..wording import plural

__all__ = ["register"]


def register(sub: Any) -> None:
    """Add the ``codebook`` command to ``sub``."""
    parser = sub.add_parser(
        "codebook",
        help="copy the incident codebook to edit it, or check a codebook's examples",
        description=(
            "The incident codebook is a folder of data files: event types (taxonomy.json), "
            "trigger phrases, cues, re-typing rules, filters, number and toll words. "
            "'copy DIR' writes the shipped English one into DIR; 'check [DIR]' runs the "
            "examples of every row and names the rows that fail. Use a folder with "
            "'incidentmap run --codebook DIR'."
        ),
    )
    parser.add_argument(
        "action",
        choices=("copy", "check"),
        help="copy: write the shipped codebook into DIR to edit; check: run every row's "
        "examples of DIR (the shipped codebook when DIR is left out)",
    )
    parser.add_argument("folder", nargs="?", metavar="DIR", help="the codebook folder")
    parser.add_argument("--force", action="store_true", help="copy: overwrite files in DIR")
    parser.set_defaults(func=_codebook)


def _codebook(args: argparse.Namespace) -> int:
    from ..incidents import Taxonomy
    from ..incidents.codebookfiles import CODEBOOK_FILES, shipped_text

    if args.action == "copy":
        if not args.folder:
            raise InputError(
                "codebook copy needs the folder to write: incidentmap codebook copy DIR"
            )
        target = Path(args.folder)
        if target.exists() and not target.is_dir():
            raise InputError(
                f"cannot copy the codebook into {str(target)!r}: it is a file, not a folder"
            )
        clash = [n for n in CODEBOOK_FILES if (target / n).exists()]
        if clash and not args.force:
            raise InputError(f"{target} already holds {clash}; add --force to overwrite them")
        target.mkdir(parents=True, exist_ok=True)
        for name in CODEBOOK_FILES:
            (target / name).write_text(shipped_text(name), "utf-8")
        if not args.quiet:
            print(f"wrote the English codebook's {len(CODEBOOK_FILES)} files to {target}",
                  file=sys.stderr)  # fmt: skip
        return 0
    from ..incidents.checks import codebook_problems

    taxonomy = Taxonomy.from_codebook(args.folder) if args.folder else Taxonomy.default()
    problems = codebook_problems(taxonomy)
    for problem in problems:
        print(problem)
    rows = (
        len(taxonomy.triggers)
        + len(taxonomy.cues.rows)
        + len(taxonomy.retyping)
        + len(taxonomy.filters)
        + len(taxonomy.furniture.rows)
        + len(taxonomy.casualties.numbers)
        + len(taxonomy.casualties.tolls)
    )
    if not args.quiet:
        print(f"{plural(rows, 'row')} with examples, {len(problems):,} failing", file=sys.stderr)
    return 1 if problems else 0
