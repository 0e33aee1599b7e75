"""Type audit: which codebook rows give the mentions of gold evidence sentences their type.

Counts only, so a part that must stay unread (the tune part's half B) can be audited too::

    .venv/bin/python bench/typeaudit.py A=FILE_A B=FILE_B [--readable A] [--ids ROW]

Each ``NAME=FILE`` is a real-news export with gold incidents (``bench/realnews.py
export``). For every article the shipped codebook reads the sentences that hold a gold
incident's evidence (``incidents.document.read_article``, ``mentions.find_mentions``,
the way ``linking`` reads them) and the extractor's incidents are matched as
``bench/incidents.py --match place`` matches them. Printed, per part:

- **rows**: for each trigger row (``T triggers.tsv:LINE``, ``Trigger.where``) and each
  re-typing row (``R retyping.tsv:LINE``, ``Mention.retyped_by``), how many of the
  mentions it yields in gold evidence sentences have a type the sentence's gold accepts
  (its ``event_type`` or ``alt_event_types``: ``ok``) and how many another (``bad``,
  by ``PREDICTED>GOLD``; ``ana:`` marks a mention that refers back, "the attack", whose
  own type the linking stage may overrule: not counted in ``bad``);
- **priority**: clauses whose chosen type is not accepted while a trigger of an accepted
  type lay in the same clause (``won <- lost``: the taxonomy's priority decided);
- **wrong-type cause**: for each missed gold incident that ``--causes`` counts as
  ``wrong type``, the rows of the near prediction's mentions;
- **missed, read as another type**: for each missed gold incident whose sentence yields
  mentions but none of an accepted type (``--losses``' "read as another type"), the rows
  of those mentions;
- **confusion**: gold against predicted sub-event type on pairs matched by place alone
  (within 25 km, 50 km off the gazetteer; one to one, the accepted type and the same
  date first); ``X`` marks a type the gold does not accept.

No text is printed. ``--ids ROW`` also lists the ids of the articles where ``ROW``
(``triggers.tsv:70``, ``retyping.tsv:31``) gave a mention another type, for the parts
named by ``--readable`` only.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from incidentmap.incidents import extract_incidents
from incidentmap.incidents.document import ArticleDocument, read_article
from incidentmap.incidents.mentions import Mention, find_mentions
from incidentmap.model import Incident
from incidents import _article, _match_place, _near, _one_to_one, _type_ok

SHORT = {
    "Battles": "BAT",
    "Explosions/Remote violence": "ERV",
    "Violence against civilians": "VAC",
    "Protests": "PRO",
    "Riots": "RIO",
    "Strategic developments": "SD",
}

Counts = collections.Counter[str]


def _accepted(gold: dict[str, Any]) -> set[str]:
    return {gold["event_type"], *gold.get("alt_event_types", ())}


def _mentions(doc: ArticleDocument, start: int, end: int) -> list[Mention]:
    """Return the mentions of the sentences of ``doc`` that overlap ``[start, end)``."""
    found = []
    for _, sentence in doc.order:
        if not (sentence.start < end and start < sentence.end):
            continue
        triggers = [t for t in doc.triggers if sentence.start <= t.start and t.end <= sentence.end]
        found += find_mentions(doc.text, sentence, taxonomy=doc.taxonomy, triggers=triggers)
    return found


def _row_of(mention: Mention) -> str:
    return (
        f"{SHORT[mention.event_type.value]}:{mention.sub.name} "
        f"{mention.trigger.trigger.where} {mention.retyped_by}"
    ).strip()


class Audit:
    """The tallies of one part."""

    def __init__(self) -> None:
        self.rows: dict[str, Counts] = collections.defaultdict(collections.Counter)
        self.priority: Counts = collections.Counter()
        self.wrong_type: Counts = collections.Counter()
        self.another: Counts = collections.Counter()
        self.confusion: Counts = collections.Counter()
        self.ids: dict[str, set[str]] = collections.defaultdict(set)

    def sentences(self, article_id: str, doc: ArticleDocument, gold: list[dict[str, Any]]) -> None:
        """Tally the rows of the mentions of every gold evidence sentence, each sentence once."""
        seen: set[tuple[int, int]] = set()
        for _, sentence in doc.order:
            golds = [
                g
                for g in gold
                if isinstance(g.get("evidence_start"), int)
                and g["evidence_start"] < sentence.end
                and sentence.start < g["evidence_end"]
            ]
            if not golds or (sentence.start, sentence.end) in seen:
                continue
            seen.add((sentence.start, sentence.end))
            accepted = set().union(*(_accepted(g) for g in golds))
            short = "/".join(sorted(SHORT[a] for a in accepted))
            triggers = [
                t for t in doc.triggers if sentence.start <= t.start and t.end <= sentence.end
            ]
            for m in find_mentions(doc.text, sentence, taxonomy=doc.taxonomy, triggers=triggers):
                ok = m.event_type.value in accepted
                key = (
                    "ok"
                    if ok
                    else f"{'ana:' if m.anaphoric else ''}{SHORT[m.event_type.value]}>{short}"
                )
                where = [f"T {m.trigger.trigger.where}"]
                if m.retyped_by:
                    where.append(f"R {m.retyped_by}")
                for row in where:
                    self.rows[row][key] += 1
                    if not ok:
                        self.ids[row.split()[1]].add(article_id)
                if ok:
                    continue
                lost = [
                    t
                    for t in triggers
                    if m.clause_start < t.end <= m.clause_end and t.sub.event_type.value in accepted
                ]
                if lost:
                    loser = max(lost, key=lambda t: t.rank)
                    self.priority[f"{m.sub.name} <- {loser.sub.name}"] += 1

    def misses(
        self, doc: ArticleDocument, predicted: list[Incident], gold: list[dict[str, Any]]
    ) -> None:
        """Tally the rows behind the missed gold incidents (wrong type, read as another type)."""
        pairs = _match_place(doc.text, predicted, gold)
        matched_g = {id(g) for _, g in pairs}
        matched_p = {id(p) for p, _ in pairs}
        extra = [p for p in predicted if id(p) not in matched_p]
        used: set[int] = set()
        for g in gold:
            if id(g) in matched_g:
                continue
            name = f"{SHORT[g['event_type']]}:{g['sub_event_type']}"
            # the same choice as bench/incidents.py's _causes
            elsewhere = [p for p in extra if id(p) not in used and _type_ok(p, g)]
            near_other = [
                p for p in extra if id(p) not in used and _near(p, g) and not _type_ok(p, g)
            ]
            if elsewhere:
                used.add(id(elsewhere[0]))
            elif near_other:
                p = near_other[0]
                used.add(id(p))
                rows = {
                    _row_of(m)
                    for m in _mentions(doc, p.evidence_start, p.evidence_end)
                    if m.event_type is p.event_type
                } or {"?"}
                for row in rows:
                    self.wrong_type[f"{name} <- {row}"] += 1
            if not isinstance(g.get("evidence_start"), int):
                continue
            mentions = _mentions(doc, g["evidence_start"], g["evidence_end"])
            if mentions and not any(m.event_type.value in _accepted(g) for m in mentions):
                for row in {_row_of(m) for m in mentions}:
                    self.another[f"{name} <- {row}"] += 1

    def pairs(self, predicted: list[Incident], gold: list[dict[str, Any]]) -> None:
        """Tally gold against predicted type on pairs matched by place alone."""
        scored = []
        for pi, p in enumerate(predicted):
            for gi, g in enumerate(gold):
                if _near(p, g):
                    same = p.event_date is not None and p.event_date == g.get("event_date")
                    scored.append((_type_ok(p, g) + 0.5 * same, pi, gi))
        for p, g in _one_to_one(scored, predicted, gold):
            mark = "" if _type_ok(p, g) else " X"
            self.confusion[
                f"{SHORT[g['event_type']]}:{g['sub_event_type']} <- "
                f"{SHORT[p.event_type.value]}:{p.sub_event_type}{mark}"
            ] += 1


def _audit(path: Path, geoparser: Any, article_ids: bool) -> Audit:
    audit = Audit()
    for line in path.open(encoding="utf-8"):
        if not line.strip():
            continue
        record = json.loads(line)
        article = _article(record)
        toponyms = geoparser.parse(article)
        doc = read_article(article, toponyms)
        predicted = [p for p in extract_incidents(article, toponyms) if not p.background]
        gold = [g for g in record["incidents"] if not g.get("background")]
        audit.sentences(article.id, doc, gold)
        audit.misses(doc, predicted, gold)
        audit.pairs(predicted, gold)
    if not article_ids:
        audit.ids.clear()
    return audit


def _table(
    title: str, audits: dict[str, Audit], pick: Callable[[Audit], Counts], width: int = 88
) -> None:
    print(f"== {title}")
    keys: set[str] = set().union(*(pick(a) for a in audits.values()))
    for key in sorted(keys, key=lambda k: (-sum(pick(a)[k] for a in audits.values()), k)):
        print(f"  {key:{width}s} " + " ".join(f"{n}{pick(a)[key]}" for n, a in audits.items()))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("parts", nargs="+", metavar="NAME=FILE", help="a named export")
    parser.add_argument(
        "--readable", action="append", default=[], metavar="NAME", help="a part you may read"
    )
    parser.add_argument("--ids", metavar="ROW", help="ids of articles ROW typed against gold")
    args = parser.parse_args(argv)
    files = dict(p.split("=", 1) for p in args.parts)
    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse import Geoparser

    geoparser = Geoparser(Gazetteer.default())
    audits = {n: _audit(Path(f), geoparser, n in args.readable) for n, f in files.items()}

    def bad(counts: Counts) -> int:
        return sum(v for k, v in counts.items() if k != "ok" and not k.startswith("ana:"))

    print("== rows: mentions in gold evidence sentences, ok / bad (PREDICTED>GOLD) per part")
    rows = set().union(*(a.rows for a in audits.values()))
    for row in sorted(rows, key=lambda r: (-sum(bad(a.rows[r]) for a in audits.values()), r)):
        cells = []
        for name, audit in audits.items():
            counts = audit.rows[row]
            other = ",".join(f"{k}{v}" for k, v in counts.most_common() if k != "ok")
            cells.append(f"{name} ok{counts['ok']:4d} bad{bad(counts):3d} {other}")
        print(f"{row:20s} " + " | ".join(cells))
    _table("priority: a clause's type beat a trigger of an accepted type (won <- lost)",
           audits, lambda a: a.priority, 60)  # fmt: skip
    _table("wrong-type cause: gold <- the rows of the near prediction", audits,
           lambda a: a.wrong_type)  # fmt: skip
    _table("missed, read as another type: gold <- the rows of its sentence's mentions", audits,
           lambda a: a.another)  # fmt: skip
    _table("confusion on pairs matched by place alone: gold <- predicted (X: not accepted)",
           audits, lambda a: a.confusion)  # fmt: skip
    if args.ids:
        for name, audit in audits.items():
            if name in args.readable:
                print(f"== {name}: articles where {args.ids} typed against gold")
                print("  " + " ".join(sorted(audit.ids.get(args.ids, ()))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
