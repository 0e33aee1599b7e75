"""Audit the codebook's filters: which rows drop event words gold says report an event.

A data-driven audit of the filters over real-news exports with gold incidents. It prints
counts only (no text), so a held-out part can be tallied unread.

For every row it counts the trigger words the row drops in the pipeline's own calls (the
``trigger`` stage for every trigger found, the ``clause`` stage for the candidates of a
clause, the ``undated`` stage for a draft told with no date and no town), each part apart:

- ``harm``: the trigger's sentence is the evidence sentence of a gold foreground incident
  of one of the trigger's accepted types; ``missed``: of those, the gold incident was not
  matched (``bench/incidents.py --match place``); ``hsole``: no other row drops the word;
- ``good``: the trigger lies in no such sentence (a non-event, a background mention, or
  an event told again beside the sentence gold chose); ``gsole``: no other row drops it;
  ``gkin``: of the good, those in an article with a gold incident of the word's type (an
  event told again, or another like it: not surely a non-event).

Then, for every missed gold incident, the fate of the event words of its types in its
sentence (none there; dropped by a row, named; never tried at the clause stage: alleged,
or beside a stronger word, or in a clause another type won; or one passed the filters),
and the harm by filter row and trigger row (``triggers.tsv:N``).

``--ablate`` scores every part again without each row that dropped anything (matches and
foreground predictions), against all rows: what a row earns or costs end to end.

Usage::

    .venv/bin/python bench/codebook_audit.py A=tuneA.jsonl B=tuneB.jsonl [--ablate]
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import incidents as bench
from incidentmap.gazetteer import Gazetteer
from incidentmap.geoparse import Geoparser
from incidentmap.incidents import extract_incidents, finishing
from incidentmap.incidents.taxonomy import Taxonomy
from incidentmap.model import Article, Toponym
from incidentmap.text.sentences import split_sentences

COLUMNS = ("harm", "missed", "hsole", "good", "gsole", "gkin")


@dataclass(frozen=True)
class Drop:
    """A trigger word a row dropped."""

    stage: str
    row: str
    start: int
    end: int
    event_type: str
    sole: bool
    trigger_row: str


#: What the article being read drops, and the triggers a clause-stage filter was asked about.
_DROPS: set[Drop] = set()
_TRIED: set[tuple[str, int, int]] = set()


class _Probe:
    """A filter that records every row of its group that holds, the first time it is asked."""

    def __init__(self, real: Any, group: tuple[Any, ...], stage: str) -> None:
        self.real, self.group, self.stage = real, group, stage

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def holds(self, text: str, trig: Any, lo: int, hi: int, cues: Any, **kw: Any) -> bool:
        _TRIED.add((self.stage, trig.start, trig.end))
        held = [f for f in self.group if f.holds(text, trig, lo, hi, cues, **kw)]
        _record(self.stage, held, trig)
        return self.real in held


def _record(stage: str, held: list[Any], trig: Any) -> None:
    for f in held:
        _DROPS.add(
            Drop(
                stage,
                f.where,
                trig.start,
                trig.end,
                trig.sub.event_type.value,
                len(held) == 1,
                trig.trigger.where,
            )
        )


_matching = Taxonomy.filters_matching
_mark = finishing._mark_generic


def _probed_matching(self: Taxonomy, stage: str, match: Any, text: str) -> tuple[Any, ...]:
    found = _matching(self, stage, match, text)
    return tuple(_Probe(f, found, stage) for f in found)


def _probed_mark(drafts: list[Any], text: str, tax: Taxonomy) -> None:
    """Record the undated rows that hold for each draft, then mark as the pipeline does."""
    for draft in drafts:
        if draft.background or draft.date is not None:
            continue
        if draft.location is not None and finishing.specificity(draft.location.place) >= 3:
            continue
        sent, trig = draft.first.sentence, draft.first.trigger
        held = [
            f
            for f in tax.stage_filters["undated"]
            if f.applies(trig, text) and f.searcher(tax.cues).search(sent.text) is not None
        ]
        _record("undated", held, trig)
    _mark(drafts, text, tax)


def _evidence(text: str, g: dict[str, Any]) -> tuple[int, int]:
    at = g.get("evidence_start")
    if not isinstance(at, int):
        at = text.find(g.get("evidence") or "\0")
    end = g.get("evidence_end")
    return at, end if isinstance(end, int) else at + len(g.get("evidence") or "")


def _accepted(g: dict[str, Any]) -> set[str]:
    return {g["event_type"], *g.get("alt_event_types", ())}


def _score(
    records: list[dict[str, Any]],
    articles: list[Article],
    toponyms: list[list[Toponym]],
    taxonomy: Taxonomy | None,
) -> tuple[int, int]:
    """Return the matches and foreground predictions of a part."""
    matches = predictions = 0
    for rec, article, tops in zip(records, articles, toponyms, strict=True):
        predicted = [
            p for p in extract_incidents(article, tops, taxonomy=taxonomy) if not p.background
        ]
        gold = [g for g in rec["incidents"] if not g.get("background")]
        matches += len(bench._match_place(article.text, predicted, gold))
        predictions += len(predicted)
    return matches, predictions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("parts", nargs="+", help="NAME=FILE, a real-news export with gold")
    parser.add_argument("--ablate", action="store_true", help="score without each row too")
    args = parser.parse_args(argv)
    Taxonomy.filters_matching = _probed_matching  # type: ignore[method-assign]
    finishing._mark_generic = _probed_mark
    geoparser = Geoparser(Gazetteer.default())
    default = Taxonomy.default()
    rows = [f.where for f in default.filters]
    names: list[str] = []
    counts: dict[tuple[str, str], collections.Counter[str]] = collections.defaultdict(
        collections.Counter
    )
    by_trigger: collections.Counter[tuple[str, str, str]] = collections.Counter()
    fates: collections.Counter[tuple[str, str]] = collections.Counter()
    parts: dict[str, tuple[list[dict[str, Any]], list[Article], list[list[Toponym]]]] = {}
    for spec in args.parts:
        name, path = spec.split("=", 1)
        names.append(name)
        records = [json.loads(x) for x in Path(path).read_text(encoding="utf-8").splitlines()]
        articles = [bench._article(r) for r in records]
        toponyms = [geoparser.parse(a) for a in articles]
        parts[name] = (records, articles, toponyms)
        for rec, article, tops in zip(records, articles, toponyms, strict=True):
            _DROPS.clear()
            _TRIED.clear()
            predicted = extract_incidents(article, tops)
            drops, tried, text = set(_DROPS), set(_TRIED), article.text
            gold = [g for g in rec["incidents"] if not g.get("background")]
            fg = [p for p in predicted if not p.background]
            matched = {id(g) for _, g in bench._match_place(text, fg, gold)}
            sentences = split_sentences(text)

            def sentence_of(at: int, sentences: list[Any] = sentences) -> tuple[int, int]:
                return next(
                    ((s.start, s.end) for s in sentences if s.start <= at < s.end), (at, at)
                )

            for g in gold:
                if id(g) in matched:
                    continue
                lo, hi = sentence_of(_evidence(text, g)[0])
                words = [
                    t
                    for t in default.find_triggers(text, lo, hi)
                    if t.sub.event_type.value in _accepted(g)
                ]
                seen = set()
                for t in words:
                    mine = [d for d in drops if (d.start, d.end) == (t.start, t.end)]
                    rows_t = "+".join(sorted({d.row for d in mine}))
                    if any(d.stage == "trigger" for d in mine):
                        seen.add(f"dropped by a trigger row: {rows_t}")
                    elif any(d.stage == "clause" for d in mine):
                        seen.add(f"dropped by a clause row: {rows_t}")
                    elif ("clause", t.start, t.end) not in tried:
                        seen.add("not tried at the clause stage")
                    else:
                        seen.add("passed the filters")
                if not words:
                    fate = "no event word of its types in its sentence"
                elif "passed the filters" in seen:
                    fate = "an event word of its types passed the filters"
                else:
                    fate = " / ".join(sorted(seen))
                fates[(fate, name)] += 1
            for d in drops:
                lo, hi = sentence_of(d.start)
                hits = []
                for g in gold:
                    start, end = _evidence(text, g)
                    if 0 <= start < hi and lo < end and d.event_type in _accepted(g):
                        hits.append(g)
                c = counts[(d.row, name)]
                if hits:
                    missed = any(id(g) not in matched for g in hits)
                    c["harm"] += 1
                    c["missed"] += missed
                    c["hsole"] += d.sole
                    by_trigger[(d.row, d.trigger_row, name)] += 1
                    by_trigger[(d.row, d.trigger_row, name + " missed")] += missed
                else:
                    c["good"] += 1
                    c["gsole"] += d.sole
                    c["gkin"] += any(d.event_type in _accepted(g) for g in gold)
    print(f"trigger words dropped, by row; per part: {' '.join(COLUMNS)}")
    used = [r for r in rows if any(counts.get((r, n)) for n in names)]
    for row in used:
        cells = []
        for n in [*names, "all"]:
            c = (
                sum((counts[(row, k)] for k in names), collections.Counter())
                if n == "all"
                else counts[(row, n)]
            )
            cells.append(f"{n}: " + " ".join(f"{c[k]:3d}" for k in COLUMNS))
        print(f"  {row:16s} " + " | ".join(cells))
    print(f"  rows that dropped nothing: {', '.join(r for r in rows if r not in used) or 'none'}")
    print("missed gold incidents by the fate of the event words of their types in their sentence")
    for fate in sorted({f for f, _ in fates}):
        print("  " + " | ".join(f"{n}: {fates[(fate, n)]:3d}" for n in names) + f"  {fate}")
    print("harm by filter row and trigger row; per part: drops, of them missed")
    for row in rows:
        for trow in sorted({t for r, t, _ in by_trigger if r == row}):
            cells = " | ".join(
                f"{n}: {by_trigger[(row, trow, n)]:3d} {by_trigger[(row, trow, n + ' missed')]:3d}"
                for n in names
            )
            print(f"  {row:16s} {trow:18s} {cells}")
    if args.ablate:
        Taxonomy.filters_matching = _matching  # type: ignore[method-assign]
        finishing._mark_generic = _mark
        print("without each row: matches / foreground predictions per part (all rows first)")
        variants: list[tuple[str, Taxonomy | None]] = [("all rows", None)]
        variants += [
            (
                f"without {row}",
                default.with_filters(tuple(f for f in default.filters if f.where != row)),
            )
            for row in used
        ]
        for label, tax in variants:
            cells = []
            for n in names:
                matches, predictions = _score(*parts[n], tax)
                cells.append(f"{n}: {matches:4d}/{predictions}")
            print(f"  {label:26s} " + " | ".join(cells))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
