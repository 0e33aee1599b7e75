"""Geoparsing metrics against gold corpora.

The metrics of Gritta et al., "A Pragmatic Guide to Geoparsing Evaluation":

- recognition precision, recall and F1, on exact spans and on overlapping spans;
- acc@161: share of toponyms placed within 161 km (100 miles) of the gold point;
- AUC: the area under the curve of sorted ``ln(1 + error km)``, divided by
  ``ln(20039) * (n - 1)`` (0 is perfect, 1 is every point at the antipode);
- mean and median error in km;
- end-to-end acc@161: the share of *all* gold toponyms that were found (overlapping span)
  and placed within 161 km;
- country-aware acc@161: acc@161 that also counts as right a chosen country whose outline
  (the embedded Natural Earth outlines) holds the gold point, as corpora put a country
  at different points;
- accuracy per confidence band, so a user can see what a confidence means.

A mention resolved to nothing counts as the largest possible error (20,039 km).

Examples
--------
>>> ev = Evaluation()
>>> ev.add([(0, 7, 33.34, 44.40)], [(0, 7, 33.30, 44.39, 0.9)])
>>> s = ev.scores()
>>> s.exact_f1, s.acc161, s.e2e_acc161
(1.0, 1.0, 1.0)
>>> auc([0.0, 0.0]) == 0.0
True
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from .gazetteer.kinds import haversine_km

__all__ = [
    "BANDS",
    "MAX_ERROR_KM",
    "Evaluation",
    "Scores",
    "auc",
    "evaluate_baseline",
    "evaluate_geoparser",
    "match_spans",
    "population_place",
]

#: Half the Earth's circumference: the error of a mention placed nowhere.
MAX_ERROR_KM = 20039.0
#: Confidence bands reported by :meth:`Evaluation.scores`.
BANDS = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.01))

Gold = tuple[int, int, float, float]
"""``(start, end, lat, lon)``"""
Predicted = tuple[int, int, "float | None", "float | None", float]
"""``(start, end, lat, lon, confidence)``; lat/lon ``None`` when unresolved. Two more
items may follow: the place id, and the ISO code when the place is a country."""


class Outlines(Protocol):
    """Tells whether a country holds a point (:class:`~.gazetteer.outlines.CountryOutlines`)."""

    def holds(self, code: str, lat: float, lon: float) -> bool:
        """Whether the outline of country ``code`` covers the point."""
        ...


def match_spans(
    gold: Sequence[tuple[int, int]], predicted: Sequence[tuple[int, int]], *, exact: bool
) -> list[tuple[int, int]]:
    """Pair gold and predicted spans one to one: identical spans, or overlapping ones.

    Overlapping pairs are taken largest overlap first.

    >>> match_spans([(0, 5), (10, 15)], [(0, 5), (11, 20)], exact=False)
    [(0, 0), (1, 1)]
    >>> match_spans([(0, 5), (10, 15)], [(0, 5), (11, 20)], exact=True)
    [(0, 0)]
    """
    if exact:
        where = {span: k for k, span in enumerate(predicted)}
        return [(g, where[span]) for g, span in enumerate(gold) if span in where]
    pairs = []
    for g, (gs, ge) in enumerate(gold):
        for p, (ps, pe) in enumerate(predicted):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((-overlap, g, p))
    pairs.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for _, g, p in pairs:
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out.append((g, p))
    return sorted(out)


def auc(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted ``ln(1 + error)``, normalised to 0..1 (lower is better)."""
    if len(errors_km) < 2:
        return math.log1p(errors_km[0]) / math.log(MAX_ERROR_KM) if errors_km else 0.0
    ys = sorted(math.log1p(min(e, MAX_ERROR_KM)) for e in errors_km)
    area = sum((a + b) / 2.0 for a, b in itertools.pairwise(ys))
    return area / (math.log(MAX_ERROR_KM) * (len(ys) - 1))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True)
class Scores:
    """The metrics of one evaluation run."""

    articles: int
    gold: int
    predicted: int
    exact_precision: float
    exact_recall: float
    exact_f1: float
    overlap_precision: float
    overlap_recall: float
    overlap_f1: float
    placed: int
    """Matched mentions whose errors the geocoding metrics below are computed on."""
    acc161: float
    auc: float
    mean_km: float
    median_km: float
    e2e_acc161: float
    acc161_or_same_place: float
    """acc@161 counting the gold's own GeoNames place as right wherever its point lies
    (corpora with gold ids only): separates choosing the place from where its point sits."""
    bands: tuple[tuple[float, float, int, float], ...] = ()
    """``(low, high, mentions, acc@161)`` per confidence band."""
    country_acc161: float = 0.0
    """acc@161 that also counts a chosen country holding the gold point as right (the
    country outlines given to the :class:`Evaluation`; else equal to ``acc161``)."""
    seconds: float = 0.0
    """Wall-clock time spent geoparsing (loading excluded)."""
    cpu_seconds: float = 0.0
    """Processor time of this process spent geoparsing (steady on a busy machine)."""

    @property
    def articles_per_second(self) -> float:
        """Throughput of the run by the wall clock (0 if not timed)."""
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def articles_per_cpu_second(self) -> float:
        """Throughput of the run by processor time (0 if not timed)."""
        return self.articles / self.cpu_seconds if self.cpu_seconds else 0.0

    def as_dict(self) -> dict[str, Any]:
        """Return the scores as a JSON-ready dict."""
        out = asdict(self)
        out["articles_per_second"] = round(self.articles_per_second, 1)
        out["articles_per_cpu_second"] = round(self.articles_per_cpu_second, 1)
        return out


@dataclass
class Evaluation:
    """Accumulate gold and predicted toponyms article by article, then :meth:`scores`."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    exact_hits: int = 0
    overlap_hits: int = 0
    errors: list[float] = field(default_factory=list)
    confidences: list[float] = field(default_factory=list)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    same_place: list[bool] = field(default_factory=list)
    outlines: Outlines | None = None
    country_right: list[bool] = field(default_factory=list)

    def add(self, gold: Sequence[Gold], predicted: Sequence[Predicted]) -> None:
        """Add one article: gold ``(start, end, lat, lon)`` and predicted toponyms."""
        self.articles += 1
        self.gold += len(gold)
        self.predicted += len(predicted)
        gspans = [(g[0], g[1]) for g in gold]
        pspans = [(p[0], p[1]) for p in predicted]
        self.exact_hits += len(match_spans(gspans, pspans, exact=True))
        pairs = match_spans(gspans, pspans, exact=False)
        self.overlap_hits += len(pairs)
        for g, p in pairs:
            glat, glon = gold[g][2], gold[g][3]
            plat, plon, conf = predicted[p][2], predicted[p][3], predicted[p][4]
            if plat is None or plon is None:
                self.errors.append(MAX_ERROR_KM)
            else:
                self.errors.append(haversine_km(glat, glon, plat, plon))
            self.confidences.append(conf)
            gid = gold[g][4] if len(gold[g]) > 4 else None  # type: ignore[misc]
            pid = predicted[p][5] if len(predicted[p]) > 5 else None  # type: ignore[misc]
            self.same_place.append(gid is not None and pid == f"geonames:{gid}")
            country = predicted[p][6] if len(predicted[p]) > 6 else None  # type: ignore[misc]
            self.country_right.append(
                self.errors[-1] <= 161.0
                or (
                    country is not None
                    and self.outlines is not None
                    and self.outlines.holds(country, glat, glon)
                )
            )

    def scores(self) -> Scores:
        """Compute the metrics over everything added so far."""
        ep = self.exact_hits / self.predicted if self.predicted else 0.0
        er = self.exact_hits / self.gold if self.gold else 0.0
        op = self.overlap_hits / self.predicted if self.predicted else 0.0
        orr = self.overlap_hits / self.gold if self.gold else 0.0
        errs = self.errors
        within = sum(e <= 161.0 for e in errs)
        bands = []
        for low, high in BANDS:
            inside = [e for e, c in zip(errs, self.confidences, strict=False) if low <= c < high]
            acc = sum(e <= 161.0 for e in inside) / len(inside) if inside else 0.0
            bands.append((low, min(high, 1.0), len(inside), round(acc, 4)))
        return Scores(
            articles=self.articles,
            gold=self.gold,
            predicted=self.predicted,
            exact_precision=round(ep, 4),
            exact_recall=round(er, 4),
            exact_f1=round(_f1(ep, er), 4),
            overlap_precision=round(op, 4),
            overlap_recall=round(orr, 4),
            overlap_f1=round(_f1(op, orr), 4),
            placed=len(errs),
            acc161=round(within / len(errs), 4) if errs else 0.0,
            auc=round(auc(errs), 4) if errs else 0.0,
            mean_km=round(statistics.fmean(errs), 1) if errs else 0.0,
            median_km=round(statistics.median(errs), 1) if errs else 0.0,
            e2e_acc161=round(within / self.gold, 4) if self.gold else 0.0,
            acc161_or_same_place=round(
                sum(e <= 161.0 or same for e, same in zip(errs, self.same_place, strict=True))
                / len(errs),
                4,
            )
            if errs
            else 0.0,
            bands=tuple(bands),
            country_acc161=round(sum(self.country_right) / len(errs), 4) if errs else 0.0,
            seconds=round(self.seconds, 3),
            cpu_seconds=round(self.cpu_seconds, 3),
        )


def _gold(article: Any) -> list[Gold]:
    return [
        (s.start, s.end, float(s.lat), float(s.lon), s.geonameid)  # type: ignore[misc]
        for s in article.toponyms
        if s.lat is not None and s.lon is not None
    ]


def _outlines(outlines: Outlines | None) -> Outlines:
    if outlines is not None:
        return outlines
    from .gazetteer.outlines import CountryOutlines

    return CountryOutlines.default()


def _country(place: Any) -> str | None:
    return place.country_code if place is not None and place.is_country else None


def evaluate_geoparser(
    articles: Any,
    parser: Any,
    *,
    given_mentions: bool = False,
    demonyms: bool = True,
    outlines: Outlines | None = None,
) -> Scores:
    """Run a :class:`~incidentmap.geoparse.Geoparser` over gold articles and score it.

    Parameters
    ----------
    articles
        Iterable of :class:`~incidentmap.model.Article` carrying gold ``toponyms``.
    parser
        The geoparser.
    given_mentions
        Resolve the gold spans instead of recognising mentions (scores resolution alone).
    demonyms
        Keep demonym mentions in the end-to-end run.
    outlines
        Country outlines for the country-aware acc@161; the embedded ones by default.
    """
    import time

    ev = Evaluation(outlines=_outlines(outlines))
    for article in articles:
        gold = _gold(article)
        start, cpu = time.perf_counter(), time.process_time()
        if given_mentions:
            spans = [s for s in article.toponyms if s.lat is not None and s.lon is not None]
            found = parser.resolve_spans(article, spans)
        else:
            found = parser.parse(article)
        ev.seconds += time.perf_counter() - start
        ev.cpu_seconds += time.process_time() - cpu
        predicted: list[Predicted] = [
            (
                t.start,
                t.end,
                t.place.lat if t.place else None,
                t.place.lon if t.place else None,
                t.confidence,
                t.place.id if t.place else None,
                _country(t.place),
            )  # type: ignore[misc]
            for t in found
            if demonyms or t.kind != "demonym"
        ]
        ev.add(gold, predicted)
    return ev.scores()


def population_place(gazetteer: Any, name: str) -> Any:
    """Return the population baseline's place for ``name``: its most populous candidate."""
    places = gazetteer.lookup(name, limit=50)
    if not places:
        return None
    return max(places, key=lambda p: p.population)


def evaluate_baseline(articles: Any, gazetteer: Any, *, outlines: Outlines | None = None) -> Scores:
    """Score the population baseline on the gold spans of ``articles``."""
    import time

    ev = Evaluation(outlines=_outlines(outlines))
    for article in articles:
        gold = _gold(article)
        start, cpu = time.perf_counter(), time.process_time()
        predicted: list[Predicted] = []
        for g in gold:
            s, e = g[0], g[1]
            place = population_place(gazetteer, article.text[s:e])
            lat, lon = (place.lat, place.lon) if place else (None, None)
            pid = place.id if place else None
            predicted.append((s, e, lat, lon, 1.0, pid, _country(place)))  # type: ignore[arg-type]
        ev.seconds += time.perf_counter() - start
        ev.cpu_seconds += time.process_time() - cpu
        ev.add(gold, predicted)
    return ev.scores()
