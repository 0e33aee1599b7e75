"""The real-news corpus: annotations in ``bench/data/realnews/``, texts kept out of git.

Each line of ``bench/data/realnews/*.jsonl`` annotates one stored public news page: the
``query`` and ``rank`` that find it again in the stored-pages search, its ``url``,
``published`` date, main ``country``, ``split`` (``tune`` or ``holdout``), the ``sha256``
and length of its text, and the gold ``incidents`` with their evidence as character
offsets (``evidence_start``, ``evidence_end``, ``evidence_sha1``). The text itself belongs
to its publisher and lives in the git-ignored folder ``bench/.realnews/<id>.txt``.

Usage::

    .venv/bin/python bench/realnews.py check            # missing or changed texts, bad rows
    .venv/bin/python bench/realnews.py stats            # countries, outlets, types, splits
    .venv/bin/python bench/realnews.py export --split tune -o bench/.realnews/tune.jsonl
    .venv/bin/python bench/realnews.py export --split all --parts zo zp -o bench/.realnews/new.jsonl

``check`` lists every text that is missing, with the stored-pages query, rank and URL the
page was found with, and exits 1 when any is missing or changed. The texts are not
re-copied from the stored-pages search: its pages come with the condition "never copy it
verbatim". A text may be put back only from a copy you are entitled to keep (for example
the ``bench/.realnews/`` folder of a machine that holds one); ``check`` then tells whether
each text is the one the annotations were made on (its sha256). ``export``
writes the articles of one split in the shape of ``bench/data/incidents-dev.jsonl`` (with
``evidence`` filled in from the offsets), for ``bench/incidents.py --data FILE --match
place``. Keep the export in ``bench/.realnews/``: it holds publishers' text.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ANNOTATIONS = HERE / "data" / "realnews"
TEXTS = HERE / ".realnews"
SPLITS = ("tune", "holdout")
EVENT_TYPES = frozenset(
    {
        "Battles",
        "Explosions/Remote violence",
        "Violence against civilians",
        "Protests",
        "Riots",
        "Strategic developments",
    }
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the corpus: where, and what."""

    where: str
    what: str


def annotation_lines(folder: Path = ANNOTATIONS) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ``(file:line, record)`` for every annotation line, in file order."""
    for path in sorted(folder.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path.name}:{number}", json.loads(line)


def _part_of(where: str) -> str:
    """Return the part name of an annotation location: ``"zo"`` for ``part-zo.jsonl:3``."""
    return where.split(":", 1)[0].removeprefix("part-").removesuffix(".jsonl")


def read_text(record: dict[str, Any], texts: Path = TEXTS) -> str | None:
    """Return the article's stored text, or None when it is missing or has changed."""
    path = texts / f"{record['id']}.txt"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != record.get("sha256"):
        return None
    return text


def check(folder: Path = ANNOTATIONS, texts: Path = TEXTS) -> list[Problem]:
    """Return every missing text and every malformed annotation."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for where, rec in annotation_lines(folder):
        rid = rec.get("id", "?")
        if rid in seen:
            problems.append(Problem(where, f"duplicate id {rid}"))
        seen.add(rid)
        for key in ("id", "query", "url", "published", "country", "split", "sha256", "incidents"):
            if key not in rec:
                problems.append(Problem(where, f"{rid}: no {key!r}"))
        if rec.get("split") not in SPLITS:
            problems.append(Problem(where, f"{rid}: split {rec.get('split')!r}"))
        path = texts / f"{rid}.txt"
        if not path.exists():
            problems.append(
                Problem(
                    where,
                    f"{rid}: text missing (found with the stored-pages query "
                    f"{rec.get('query')!r}, result {rec.get('rank')}, {rec.get('url')})",
                )
            )
            continue
        text = read_text(rec, texts)
        if text is None:
            problems.append(Problem(where, f"{rid}: text changed (sha256 differs)"))
            continue
        for n, inc in enumerate(rec.get("incidents", []), 1):
            if inc.get("event_type") not in EVENT_TYPES:
                problems.append(Problem(where, f"{rid} #{n}: event type {inc.get('event_type')!r}"))
            start, end = inc.get("evidence_start"), inc.get("evidence_end")
            spans = isinstance(start, int) and isinstance(end, int)
            if not (spans and 0 <= start < end <= len(text)):
                problems.append(Problem(where, f"{rid} #{n}: evidence offsets {start}-{end}"))
                continue
            sha1 = hashlib.sha1(text[start:end].encode("utf-8")).hexdigest()
            if inc.get("evidence_sha1") and sha1 != inc["evidence_sha1"]:
                problems.append(Problem(where, f"{rid} #{n}: evidence sha1 differs"))
            if inc.get("lat") is None or inc.get("lon") is None:
                problems.append(Problem(where, f"{rid} #{n}: no coordinates"))
    return problems


def articles(
    split: str | None = None,
    *,
    parts: frozenset[str] | None = None,
    folder: Path = ANNOTATIONS,
    texts: Path = TEXTS,
) -> Iterator[dict[str, Any]]:
    """Yield the articles of ``split`` (all when None) whose text is present, as dev records.

    ``parts`` keeps only the articles of those part files (``{"zo", "zp"}`` for
    ``part-zo.jsonl`` and ``part-zp.jsonl``), e.g. the batches coded in one session.
    """
    for where, rec in annotation_lines(folder):
        if split is not None and rec.get("split") != split:
            continue
        if parts is not None and _part_of(where) not in parts:
            continue
        text = read_text(rec, texts)
        if text is None:
            continue
        gold = []
        for inc in rec["incidents"]:
            inc = dict(inc)
            inc["evidence"] = text[inc["evidence_start"] : inc["evidence_end"]]
            inc.setdefault("background", False)
            gold.append(inc)
        yield {
            "id": rec["id"],
            "title": rec.get("title"),
            "published": rec.get("published"),
            "url": rec.get("url"),
            "country": rec.get("country"),
            "text": text,
            "incidents": gold,
        }


def stats(folder: Path = ANNOTATIONS) -> str:
    """Return a summary of the corpus: articles, countries, outlets, types, splits."""
    recs = [rec for _, rec in annotation_lines(folder)]
    incs = [i for r in recs for i in r.get("incidents", [])]
    by_split = collections.Counter(r.get("split") for r in recs)
    types = collections.Counter(i.get("event_type") for i in incs)
    lines = [
        f"articles      {len(recs)} ({', '.join(f'{k} {v}' for k, v in sorted(by_split.items()))})",
        f"incidents     {len(incs)}",
        f"no incident   {sum(not r.get('incidents') for r in recs)} articles",
        f"countries     {len({r.get('country') for r in recs})}",
        f"outlets       {len({r.get('outlet') for r in recs})}",
        f"not in gazetteer {sum(not i.get('in_gazetteer', True) for i in incs)} incidents",
    ]
    lines += [f"  {n:4d}  {t}" for t, n in types.most_common()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="list missing or changed texts and malformed annotations")
    sub.add_parser("stats", help="summarise the corpus")
    export = sub.add_parser("export", help="write one split as dev-shaped JSON lines")
    export.add_argument("--split", choices=[*SPLITS, "all"], default="tune")
    export.add_argument(
        "--parts", nargs="+", metavar="PART", help="only these part files (e.g. zo zp)"
    )
    export.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = check()
        for p in problems:
            print(f"{p.where}: {p.what}")
        total = sum(1 for _ in annotation_lines())
        print(f"{total} articles annotated, {len(problems)} problems")
        return 1 if problems else 0
    if args.command == "stats":
        print(stats())
        return 0
    split = None if args.split == "all" else args.split
    parts = frozenset(args.parts) if args.parts else None
    known = {_part_of(where) for where, _ in annotation_lines()}
    if parts is not None and parts - known:
        parser.error(f"no part file for: {', '.join(sorted(parts - known))}")
    rows = list(articles(split, parts=parts))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with args.output.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"wrote {len(rows)} articles to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
