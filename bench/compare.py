"""Compare the incident figures of two source trees in one run, on every data set.

The machines are noisy and the data sets small, so a change is judged against a
baseline measured in the same run, by the same scoring code (this checkout's
``bench/incidents.py``)::

    git worktree add /tmp/base <commit>
    .venv/bin/python bench/compare.py --base /tmp/base/src
    .venv/bin/python bench/compare.py --base /tmp/base/src --holdout   # end of session only

Data sets: the self-written development set and its three held-out parts, and the
real-news tuning part (exported from ``bench/.realnews/``; see ``bench/realnews.py``).
``--holdout`` adds the real-news held-out part, which is scored once, at the end of a
session, and whose errors are never printed (``--causes`` counts them by cause only).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV_SETS = {
    "dev": HERE / "data" / "incidents-dev.jsonl",
    "dev holdout A": HERE / "data" / "incidents-holdout.jsonl",
    "dev holdout B": HERE / "data" / "incidents-holdout-b.jsonl",
    "dev holdout C": HERE / "data" / "incidents-holdout-c.jsonl",
}
FIGURES = (
    "incident precision",
    "incident recall",
    "date exact",
    "fatalities exact",
    "geo-precision exact",
)
_FIGURE = re.compile(r"^(?P<name>[a-z -]+?)\s{2,}(?P<value>[\d.]+)(?: \((?P<count>\d+/\d+)\))?")


def _export(split: str) -> Path | None:
    """Write the real-news split to ``bench/.realnews/<split>.jsonl``; None when no text."""
    out = HERE / ".realnews" / f"{split}.jsonl"
    done = subprocess.run(
        [sys.executable, str(HERE / "realnews.py"), "export", "--split", split, "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    return out if done.returncode == 0 and out.exists() and out.stat().st_size else None


def _measure(src: Path, data: Path, *, place: bool, causes: bool) -> tuple[dict[str, str], str]:
    """Run ``bench/incidents.py`` on ``data`` with ``src`` first on the path."""
    cmd = [sys.executable, str(HERE / "incidents.py"), "--data", str(data)]
    if place:
        cmd += ["--match", "place"]
    if causes:
        cmd.append("--causes")
    env = {**os.environ, "PYTHONPATH": str(src)}
    done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{done.stderr[-2000:]}")
    figures = {}
    for line in done.stdout.splitlines():
        m = _FIGURE.match(line)
        if m and m.group("name") in FIGURES:
            figures[m.group("name")] = f"{m.group('value')} ({m.group('count')})"
    tally = done.stdout.split("errors by cause", 1)[1] if "errors by cause" in done.stdout else ""
    return figures, tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the baseline's src/ folder")
    parser.add_argument("--new", type=Path, default=ROOT / "src", help="this checkout by default")
    parser.add_argument(
        "--holdout", action="store_true", help="also score the real-news held-out part"
    )
    args = parser.parse_args(argv)
    sets: list[tuple[str, Path, bool]] = [(n, p, False) for n, p in DEV_SETS.items()]
    for split in ("tune", "holdout") if args.holdout else ("tune",):
        path = _export(split)
        if path is None:
            print(f"real-news {split}: texts missing (bench/realnews.py check)", file=sys.stderr)
            continue
        sets.append((f"real news {split}", path, True))
    print(f"{'set':<18} {'figure':<20} {'base':>16} {'new':>16}")
    for name, path, place in sets:
        base, base_causes = _measure(args.base, path, place=place, causes=place)
        new, new_causes = _measure(args.new, path, place=place, causes=place)
        for figure in FIGURES:
            print(f"{name:<18} {figure:<20} {base.get(figure, '-'):>16} {new.get(figure, '-'):>16}")
        if place:
            print(f"{name} errors by cause, base:{base_causes.rstrip()}")
            print(f"{name} errors by cause, new:{new_causes.rstrip()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
