"""Incident extraction against the development set: precision, recall, type, place, date, speed.

Reads ``bench/data/incidents-dev.jsonl`` (one article a line with gold ``incidents``; see
``bench/data/README.md``), geoparses each article with the shipped gazetteer, extracts
incidents and matches them one-to-one to the gold ones. A predicted and a gold incident
match when their evidence sentences overlap, or when they have the same date and lie
within 25 km; among candidates the pair of the same event type, same date and nearest
place wins. Background incidents (gold or predicted) are left out of precision and
recall, as they are left off the map; their agreement is printed separately.

Usage::

    .venv/bin/python bench/incidents.py [--data FILE] [--verbose] [--fields] [--no-geoparse]
        [--causes] [--losses] [--stages] [--profile FILE]

``--fields`` prints only the matched incidents whose date or fatalities differ from
gold (a tuning half's wrong days and tolls, without the misses and extras of ``-v``).

``--losses`` tallies, for every missed gold incident, the stage that lost it: its sentence
holds no event word of the codebook, its event words were all filtered out, they were read
as another type, or a mention of its type was read; that mention is then traced to the
incident it started or joined (the extraction run again with its linking and finishing
steps noted, see ``_trace``), and the stage says what became of it: no incident (page
furniture, quoted words), an incident re-typed, marked background, placed nowhere, placed
away from gold (the article names a place near gold in the gold's sentence, elsewhere, or
nowhere, the gold place in the gazetteer or not), folded into another incident when
finishing (the draft itself near gold or not), or an incident of the right type and place
that went to another gold event (linked into it, or its own). Like ``--causes`` it prints
counts only, so a held-out part can be tallied unread.

``--stages`` also prints the time per article of each stage (geoparse, extract);
``--profile FILE`` writes a cProfile of the timed loop to FILE (read it with ``pstats``),
which slows the loop down: its articles per second are not the speed.
"""

from __future__ import annotations

import argparse
import collections
import dataclasses
import datetime as dt
import json
import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from incidentmap.incidents import extract_incidents
from incidentmap.model import Article, Incident, Toponym

if TYPE_CHECKING:
    from incidentmap.geoparse import Geoparser

HERE = Path(__file__).resolve().parent


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _article(rec: dict[str, Any]) -> Article:
    published = rec.get("published")
    return Article(
        id=rec["id"],
        text=rec["text"],
        title=rec.get("title"),
        url=rec.get("url"),
        published=dt.date.fromisoformat(published) if published else None,
    )


def _near(p: Incident, g: dict[str, Any]) -> bool:
    """Whether a prediction lies within 25 km of the gold place (50 km off the gazetteer)."""
    if p.lat is None or p.lon is None or g.get("lat") is None or g.get("lon") is None:
        return False
    limit = 25.0 if g.get("in_gazetteer", True) else 50.0
    return _km(p.lat, p.lon, g["lat"], g["lon"]) <= limit


def _type_ok(p: Incident, g: dict[str, Any]) -> bool:
    """Whether the predicted event type is the gold one or an accepted alternative."""
    return p.event_type.value in {g["event_type"], *g.get("alt_event_types", ())}


def _match_place(
    text: str, predicted: list[Incident], gold: list[dict[str, Any]]
) -> list[tuple[Incident, dict[str, Any]]]:
    """Pair predictions with gold incidents of an accepted type within 25 (or 50) km.

    The measure of the real-news corpus: the evidence sentence does not matter, the event
    type and the place do. Among candidates the same type, the same date and the nearer
    place win; pairs are one to one.
    """
    del text
    scored = []
    for pi, p in enumerate(predicted):
        for gi, g in enumerate(gold):
            if not (_type_ok(p, g) and _near(p, g)):
                continue
            assert p.lat is not None and p.lon is not None
            km = _km(p.lat, p.lon, g["lat"], g["lon"])
            same_date = p.event_date is not None and p.event_date == g.get("event_date")
            score = (p.event_type.value == g["event_type"]) + 0.5 * same_date - km / 1000.0
            scored.append((score, pi, gi))
    return _one_to_one(scored, predicted, gold)


def _span(text: str, evidence: str | None) -> tuple[int, int] | None:
    if not evidence:
        return None
    at = text.find(evidence)
    return None if at < 0 else (at, at + len(evidence))


def _one_to_one(
    scored: list[tuple[float, int, int]], predicted: list[Incident], gold: list[dict[str, Any]]
) -> list[tuple[Incident, dict[str, Any]]]:
    """Pair the best-scored candidates first, each prediction and gold incident once."""
    pairs = []
    used_p: set[int] = set()
    used_g: set[int] = set()
    for _, pi, gi in sorted(scored, key=lambda s: -s[0]):
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((predicted[pi], gold[gi]))
    return pairs


def _match(
    text: str, predicted: list[Incident], gold: list[dict[str, Any]]
) -> list[tuple[Incident, dict[str, Any]]]:
    scored = []
    for pi, p in enumerate(predicted):
        for gi, g in enumerate(gold):
            span = _span(text, g.get("evidence"))
            overlap = span is not None and p.evidence_start < span[1] and span[0] < p.evidence_end
            same_date = p.event_date is not None and p.event_date == g.get("event_date")
            near = _near(p, g)
            if not (overlap or (same_date and near)):
                continue
            score = 2.0 * overlap + (p.event_type.value == g["event_type"]) + 0.5 * same_date
            score += 0.5 * near
            scored.append((score, pi, gi))
    return _one_to_one(scored, predicted, gold)


def _causes(
    predicted: list[Incident], gold: list[dict[str, Any]], matched_p: set[int], matched_g: set[int]
) -> collections.Counter[str]:
    """Sort an article's errors into causes, by what lies near each unmatched incident.

    Counted without reading a text, so the held-out part can be tallied too:

    - ``wrong place``: a missed gold incident whose type was predicted elsewhere in the
      article (the prediction is counted once, on the gold side); told apart when the
      gold place is missing from the gazetteer (``in_gazetteer: false``), as for misses;
    - ``wrong type``: a missed gold incident with an unmatched prediction of another type
      within the distance;
    - ``told twice``: an extra prediction of an accepted type near an already matched gold;
    - ``marked background``: a missed gold incident with a background prediction of its
      type near it;
    - ``missed outright`` and ``not an event`` (an extra with nothing of its kind nearby).
    """
    causes: collections.Counter[str] = collections.Counter()
    extra = [p for p in predicted if id(p) not in matched_p and not p.background]
    missed = [g for g in gold if id(g) not in matched_g and not g.get("background")]
    used: set[int] = set()
    for g in missed:
        near_other = [p for p in extra if id(p) not in used and _near(p, g) and not _type_ok(p, g)]
        elsewhere = [p for p in extra if id(p) not in used and _type_ok(p, g)]
        if elsewhere:
            used.add(id(elsewhere[0]))
            missing = not g.get("in_gazetteer", True)
            causes[
                "wrong place: the place is missing from the gazetteer" if missing else "wrong place"
            ] += 1
        elif near_other:
            used.add(id(near_other[0]))
            causes["wrong type"] += 1
        elif any(p.background and _type_ok(p, g) and _near(p, g) for p in predicted):
            causes["marked background"] += 1
        elif not g.get("in_gazetteer", True):
            causes["missed: the place is missing from the gazetteer"] += 1
        else:
            causes["missed outright"] += 1
    matched = [g for g in gold if id(g) in matched_g]
    for p in extra:
        if id(p) in used:
            continue
        if any(_type_ok(p, g) and _near(p, g) for g in matched):
            causes["told twice"] += 1
        else:
            causes["not an event (or nothing near of its kind)"] += 1
    return causes


#: The stages that lose a gold incident, in pipeline order (``--losses``). A mention read
#: as the gold's type is traced on (:func:`_trace`) to the incident it started or joined;
#: the stages after the third say what became of that incident.
LOSSES = (
    "no event word in its sentence",
    "its event words filtered out",
    "read as another type",
    "read as its type, then: on page furniture or in quoted words, no incident",
    "read as its type, then: its incident became another type",
    "read as its type, then: marked background",
    "read as its type, then: placed nowhere",
    "read as its type, then: placed away, a place near gold named in its sentence",
    "read as its type, then: placed away, a place near gold named elsewhere in the article",
    "read as its type, then: placed away, no place near gold named (in the gazetteer)",
    "read as its type, then: placed away, no place near gold named (not in the gazetteer)",
    "read as its type, then: folded into another incident when finishing, itself placed away",
    "read as its type, then: folded into another incident when finishing, itself placed near",
    "read as its type, then: linked into another gold event's incident",
    "read as its type, then: its incident taken by another gold event",
)
(
    _NO_INCIDENT,
    _RETYPED,
    _BACKGROUND,
    _NOWHERE,
    _AWAY_HERE,
    _AWAY_NAMED,
    _AWAY_UNNAMED,
    _AWAY_OFF_GAZETTEER,
    _FOLDED_AWAY,
    _FOLDED_NEAR,
    _LINKED,
    _TAKEN,
) = range(3, len(LOSSES))


@dataclasses.dataclass(frozen=True)
class _Trace:
    """Where each mention of an article went, and what became of its incident.

    The drafts each mention started or joined, and the incident each surviving draft
    became (the drafts folded away when finishing have none).

    ``started`` and ``joined`` are keyed by the trigger's offsets; ``incident`` by the
    draft's ``id``; ``incidents`` are the article's incidents, in the extractor's order.
    """

    started: dict[tuple[int, int], list[Any]]
    joined: dict[tuple[int, int], list[Any]]
    incident: dict[int, int]
    incidents: list[Incident]
    types: dict[tuple[int, int], str]
    """The event type of the incident each mention started or joined, as it was then."""


def _trace(document: Any) -> _Trace:
    """Extract ``document``'s incidents again, recording where each mention went.

    The extractor's own steps run unchanged: :func:`~incidentmap.incidents.linking`'s call
    of ``enrich`` (a mention joining an incident told before) and the finishing stage's
    ``_finish`` (a draft becoming an incident) are wrapped to note their arguments.
    """
    from unittest import mock

    from incidentmap.incidents import finishing, linking

    joined: dict[tuple[int, int], list[Any]] = collections.defaultdict(list)
    types: dict[tuple[int, int], str] = {}
    incident: dict[int, int] = {}
    enrich, finish_one = linking.enrich, finishing._finish

    def enrich_noted(draft: Any, mention: Any, *args: Any) -> None:
        joined[mention.trigger.start, mention.trigger.end].append(draft)
        types[mention.trigger.start, mention.trigger.end] = draft.event_type.value
        enrich(draft, mention, *args)

    def finish_noted(article: Article, draft: Any, *args: Any) -> Incident:
        incident[id(draft)] = len(incident)
        return finish_one(article, draft, *args)

    with (
        mock.patch.object(linking, "enrich", enrich_noted),
        mock.patch.object(finishing, "_finish", finish_noted),
    ):
        drafts = linking.link_mentions(document)
        incidents = finishing.finish(document, drafts)
    started: dict[tuple[int, int], list[Any]] = collections.defaultdict(list)
    for draft in drafts:
        key = (draft.first.trigger.start, draft.first.trigger.end)
        started[key].append(draft)
        types[key] = draft.first.sub.event_type.value
    return _Trace(dict(started), dict(joined), incident, incidents, types)


def _loss(
    article: Article,
    document: Any,
    gold: dict[str, Any],
    trace: _Trace | None = None,
    taken: frozenset[int] = frozenset(),
) -> str:
    """Return the stage (one of :data:`LOSSES`) at which a missed gold incident was lost.

    ``document`` is the article read by ``incidents.document.read_article``. The gold
    incident's evidence sentence is found by its offsets (real news) or its text (the
    self-written sets); the codebook's triggers and the mentions of that sentence say how
    far its event got (a mention that joined an incident of the gold's type, as a
    reference back does, counts as read as its type). A mention of the gold's type is
    then followed through ``trace``
    (default: :func:`_trace` of ``document``) to its incident; ``taken`` holds the
    positions of the incidents matched to other gold ones. Of several mentions of the
    type the one that got furthest tells the stage, in this order (last the furthest):

    - no incident: the sentence is page furniture, or the mention stands in quoted words;
    - its incident is of another type (joined to one of another type, or re-typed);
    - its incident is background;
    - it has no place; it lies away from the gold place (25 km, 50 km off the
      gazetteer): the article names a place near gold in the gold's sentence, elsewhere,
      or nowhere (the geoparser missed it, or the gazetteer lacks it);
    - its draft was folded into another when finishing (a merge, the headline, a
      demonstration's arrests, spoils of an operation);
    - the incident (right type and place) went to another gold event: the mention was
      linked into an incident first told by another mention, or started it itself.
    """
    from incidentmap.incidents.mentions import find_mentions

    start = gold.get("evidence_start")
    if not isinstance(start, int):
        start = article.text.find(gold.get("evidence") or "\0")
    sentences = [s for s in document.sentences if s.start <= start < s.end]
    tax = document.taxonomy
    if not any(tax.find_triggers(article.text, s.start, s.end) for s in sentences):
        return LOSSES[0]
    mentions = [m for s in sentences for m in find_mentions(article.text, s, taxonomy=tax)]
    if not mentions:
        return LOSSES[1]
    accepted = {gold["event_type"], *gold.get("alt_event_types", ())}
    trace = trace or _trace(document)

    def read_as(m: Any) -> set[str]:  # its own type, and the one it was linked with
        return {m.sub.event_type.value, trace.types.get((m.trigger.start, m.trigger.end), "")}

    mentions = [m for m in mentions if read_as(m) & accepted]
    if not mentions:
        return LOSSES[2]
    limit = 25.0 if gold.get("in_gazetteer", True) else 50.0
    glat, glon = gold.get("lat"), gold.get("lon")

    def near_gold(place: Any) -> bool:
        if place is None or glat is None or glon is None:
            return False
        return _km(place.lat, place.lon, glat, glon) <= limit

    named_here = any(
        near_gold(t.place)
        for s in sentences
        for t in document.toponyms
        if s.start <= t.start < s.end and t.place is not None
    )
    named = any(near_gold(t.place) for t in document.toponyms if t.place is not None)

    def fate(draft: Any, linked: bool) -> int:
        at = trace.incident.get(id(draft))
        if at is None:  # folded away: where the draft itself stood then
            here = draft.location is not None and near_gold(draft.location.place)
            return _FOLDED_NEAR if here else _FOLDED_AWAY
        inc = trace.incidents[at]
        if inc.event_type.value not in accepted:
            return _RETYPED
        if inc.background:
            return _BACKGROUND
        if inc.lat is None or inc.lon is None:
            return _NOWHERE
        if not _near(inc, gold):
            if named_here:
                return _AWAY_HERE
            if named:
                return _AWAY_NAMED
            return _AWAY_UNNAMED if gold.get("in_gazetteer", True) else _AWAY_OFF_GAZETTEER
        # near gold and of its type: another gold event took it (or the pairing chose so)
        return _LINKED if linked and at in taken else _TAKEN

    best = _NO_INCIDENT
    for m in mentions:
        key = (m.trigger.start, m.trigger.end)
        for draft in trace.started.get(key, ()):
            best = max(best, fate(draft, linked=False))
        for draft in trace.joined.get(key, ()):
            best = max(best, fate(draft, linked=True))
    return LOSSES[best]


def _describe(i: Incident | dict[str, Any]) -> str:
    if isinstance(i, Incident):
        return (
            f"{i.event_type.value} / {i.sub_event_type} | {i.event_date} p{int(i.time_precision)}"
            f" | {i.location} g{int(i.geo_precision)} | k={i.fatalities} i={i.injured}"
            f" | {i.evidence[:90]!r}"
        )
    return (
        f"{i['event_type']} / {i['sub_event_type']} | {i.get('event_date')} "
        f"p{i.get('time_precision')} | {i.get('location')} g{i.get('geo_precision')} | "
        f"k={i.get('fatalities')} i={i.get('injured')} | {(i.get('evidence') or '')[:90]!r}"
    )


def _timed_pass(articles: list[Article], geoparser: Geoparser | None) -> float:
    """Return the seconds one pass of geoparsing and extraction takes."""
    started = time.perf_counter()
    for article in articles:
        extract_incidents(article, geoparser.parse(article) if geoparser is not None else [])
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=HERE / "data" / "incidents-dev.jsonl")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every mismatch")
    parser.add_argument(
        "--no-geoparse", action="store_true", help="extract without toponyms (dates, types only)"
    )
    parser.add_argument(
        "--stages", action="store_true", help="print the time per article of each stage"
    )
    parser.add_argument(
        "--profile", type=Path, metavar="FILE", help="write a cProfile of the timed loop to FILE"
    )
    parser.add_argument(
        "--match",
        choices=["evidence", "place"],
        default="evidence",
        help="evidence: same sentence, or same date within 25 km (the self-written sets); "
        "place: an accepted event type within 25 km, 50 km off the gazetteer (real news)",
    )
    parser.add_argument(
        "--passes",
        type=int,
        default=0,
        metavar="N",
        help="also time N more passes over the same articles (warm caches) and print the best",
    )
    parser.add_argument(
        "--fields",
        action="store_true",
        help="print only the matched incidents whose date or fatalities differ from gold "
        "(with -v's got/gold lines); never on a held-out part",
    )
    parser.add_argument(
        "--causes",
        action="store_true",
        help="tally the errors by cause (wrong place, wrong type, told twice, ...) without "
        "printing them, so a held-out part can be counted unread",
    )
    parser.add_argument(
        "--losses",
        action="store_true",
        help="tally the missed gold incidents by the stage that lost them (no event word, "
        "filtered, another type, then what became of its incident), counts only",
    )
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"no development set at {args.data}", file=sys.stderr)
        return 2
    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    articles = [_article(r) for r in records]
    geoparser = None
    if not args.no_geoparse:
        from incidentmap.gazetteer import Gazetteer
        from incidentmap.geoparse import Geoparser

        started = time.perf_counter()
        geoparser = Geoparser(Gazetteer.default())
        if articles:  # warm caches outside the timed loop
            geoparser.parse(articles[0])
        print(f"geoparser ready in {time.perf_counter() - started:.1f} s")

    if articles:  # load the trigger lexicon outside the timed loop, like the gazetteer
        extract_incidents(articles[0], geoparser.parse(articles[0]) if geoparser else [])
    profile = None
    if args.profile is not None:
        import cProfile

        profile = cProfile.Profile()
        profile.enable()
    geoparse_s = 0.0
    clock = time.perf_counter
    started = clock()
    results: list[list[Incident]] = []
    for article in articles:
        before = clock()
        toponyms: list[Toponym] = geoparser.parse(article) if geoparser is not None else []
        geoparse_s += clock() - before
        results.append(extract_incidents(article, toponyms))
    elapsed = clock() - started
    if profile is not None:
        profile.disable()
        profile.dump_stats(args.profile)

    n_pred = n_gold = n_match = same_type = same_sub = near = dated = exact = killed = 0
    bg_gold = bg_agree = placed = precise = 0
    causes: collections.Counter[str] = collections.Counter()
    losses: collections.Counter[str] = collections.Counter()
    for rec, article, predicted in zip(records, articles, results, strict=True):
        gold = rec["incidents"]
        match = _match_place if args.match == "place" else _match
        pairs = match(article.text, predicted, gold)
        for p, g in pairs:
            if g.get("background"):
                bg_gold += 1
                bg_agree += p.background
        # what is on the map is matched against what should be: a background prediction
        # does not take a gold incident away from a mapped one of the same date and place
        fg_pairs = match(
            article.text,
            [p for p in predicted if not p.background],
            [g for g in gold if not g.get("background")],
        )
        matched_p = {id(p) for p, _ in fg_pairs}
        matched_g = {id(g) for _, g in fg_pairs}
        n_pred += sum(not p.background for p in predicted)
        n_gold += sum(not g.get("background") for g in gold)
        n_match += len(fg_pairs)
        causes += _causes(predicted, gold, matched_p, matched_g)
        missed = [g for g in gold if id(g) not in matched_g and not g.get("background")]
        if args.losses and missed:
            from incidentmap.incidents.document import read_article

            toponyms = geoparser.parse(article) if geoparser is not None else []
            document = read_article(article, toponyms)
            trace = _trace(document)
            assert trace.incidents == predicted, article.id  # the same extraction, traced
            taken = frozenset(k for k, p in enumerate(predicted) if id(p) in matched_p)
            losses.update(_loss(article, document, g, trace, taken) for g in missed)
        for p, g in fg_pairs:
            same_type += p.event_type.value == g["event_type"]
            same_sub += p.sub_event_type == g["sub_event_type"]
            near += _near(p, g)
            dated += p.event_date is not None
            exact += p.event_date == g.get("event_date")
            killed += p.fatalities == g.get("fatalities")
            if _near(p, g) and g.get("geo_precision") is not None:  # the same place
                placed += 1
                precise += int(p.geo_precision) == int(g["geo_precision"])
        if args.fields and not args.verbose:
            for p, g in fg_pairs:
                wrong = [
                    name
                    for name, same in (
                        ("date", p.event_date == g.get("event_date")),
                        ("killed", p.fatalities == g.get("fatalities")),
                    )
                    if not same
                ]
                if wrong:
                    print(f"[{article.id}] WRONG {','.join(wrong)}\n  got  {_describe(p)}")
                    print(f"  gold {_describe(g)}")
        if args.verbose:
            for p, g in fg_pairs:
                wrong = []
                if p.event_type.value != g["event_type"] or p.sub_event_type != g["sub_event_type"]:
                    wrong.append("type")
                if not _near(p, g):
                    wrong.append("place")
                if p.event_date != g.get("event_date"):
                    wrong.append("date")
                if p.fatalities != g.get("fatalities"):
                    wrong.append("killed")
                if wrong:
                    print(f"[{article.id}] WRONG {','.join(wrong)}\n  got  {_describe(p)}")
                    print(f"  gold {_describe(g)}")
            for p in predicted:
                if id(p) not in matched_p and not p.background:
                    print(f"[{article.id}] EXTRA {_describe(p)}")
            for g in gold:
                if id(g) not in matched_g and not g.get("background"):
                    print(f"[{article.id}] MISSED {_describe(g)}")
            for p, g in pairs:
                if p.background != bool(g.get("background")):
                    print(f"[{article.id}] BACKGROUND got={p.background}\n  got  {_describe(p)}")
                    print(f"  gold {_describe(g)}")

    def ratio(a: int, b: int) -> str:
        return f"{a / b:.3f} ({a}/{b})" if b else "n/a"

    print(f"articles              {len(articles)}")
    print(f"incident precision    {ratio(n_match, n_pred)}")
    print(f"incident recall       {ratio(n_match, n_gold)}")
    print(f"event type accuracy   {ratio(same_type, n_match)}")
    print(f"sub-event accuracy    {ratio(same_sub, n_match)}")
    print(f"location within 25 km {ratio(near, n_match)}")
    print(f"date exact            {ratio(exact, n_match)}")
    print(f"fatalities exact      {ratio(killed, n_match)}")
    print(f"geo-precision exact   {ratio(precise, placed)} (of those within 25 km)")
    print(f"background agreement  {ratio(bg_agree, bg_gold)}")
    print(f"articles per second   {len(articles) / elapsed:.0f} (geoparse + extract, one process)")
    if args.causes:
        print("errors by cause (a wrong place is one miss and one extra, counted once)")
        for cause, count in causes.most_common():
            print(f"  {count:4d}  {cause}")
    if args.losses:
        print("missed incidents by the stage that lost them")
        for stage in LOSSES:
            print(f"  {losses[stage]:4d}  {stage}")
    if args.passes > 0 and articles:
        best = min(_timed_pass(articles, geoparser) for _ in range(args.passes))
        print(f"  warm, best of {args.passes}      {len(articles) / best:.0f} articles per second")
    if args.stages and articles:
        geo_ms, all_ms = 1000 * geoparse_s / len(articles), 1000 * elapsed / len(articles)
        print(f"ms per article        geoparse {geo_ms:.2f}, extract {all_ms - geo_ms:.2f}")
    if args.profile is not None:
        print(f"profile of the timed loop written to {args.profile} (slowed by profiling)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
