"""Could a learned filter tell the rules' non-events from news? A cross-validated check.

Issue 12 suggests a small model where hand rules stop generalising: a classifier that
drops the incidents the rules extract from sentences that report no event. This script
measures whether the annotations we have can train one. It extracts incidents from a
real-news export, labels each foreground incident as news (matched to a gold incident,
or told in a gold incident's evidence sentence) or not an event (no gold incident of its
kind near it and not in a gold evidence sentence; other errors are left out), describes
each by the evidence the extractor had (its date and place precision, casualties,
position, event type, the codebook cue kinds its sentence holds, reported speech, modal
and negation words, years other than the publication year ...) and fits an L2-regularised
logistic regression, scored by five-fold cross-validation over articles.

It prints, for each regularisation strength and threshold, how many non-events a
filter would drop against how many matched incidents it would lose. A filter is worth
shipping only when the first clearly exceeds the second.

``--text`` adds the words of the evidence sentence (its word and word-pair indicators that
occur in at least three training sentences of a fold, the vocabulary built per fold): a
sentence model in the small, the kind issue 12 suggests for telling news from non-events;
``--text-only`` fits on the words alone.

Usage::

    .venv/bin/python bench/realnews.py export --split tune -o bench/.realnews/tune.jsonl
    .venv/bin/python bench/filter_cv.py bench/.realnews/tune.jsonl
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import re
import sys
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import incidents as bench
from incidentmap.gazetteer import Gazetteer
from incidentmap.geoparse import Geoparser
from incidentmap.incidents import Taxonomy, extract_incidents
from incidentmap.model import Article, Incident, Toponym

_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_TOKEN = re.compile(r"[a-z]+|\d+")


def grams(sentence: str) -> set[str]:
    """Return the words and word pairs of a sentence, lower-cased, numbers as NUM."""
    words = ["NUM" if w.isdigit() else w for w in _TOKEN.findall(sentence.lower())]
    return set(words) | {f"{a} {b}" for a, b in itertools.pairwise(words)}


def text_matrix(sentences: list[set[str]], train: np.ndarray) -> np.ndarray:
    """Return indicators of the n-grams found in at least three training sentences."""
    counts: dict[str, int] = {}
    for i in np.flatnonzero(train):
        for g in sentences[i]:
            counts[g] = counts.get(g, 0) + 1
    vocab = {g: j for j, g in enumerate(sorted(g for g, n in counts.items() if n >= 3))}
    x = np.zeros((len(sentences), len(vocab)))
    for i, found in enumerate(sentences):
        for g in found:
            if g in vocab:
                x[i, vocab[g]] = 1.0
    return x


_WORDS = {
    "quote": re.compile(r"[\"“”]"),
    "modal": re.compile(
        r"\b(?:will|would|could|may|might|threaten\w*|vow\w*|warn\w*|plan\w*)\b", re.I
    ),
    "negation": re.compile(r"\b(?:not|no|never|n't|denied|deny|without)\b", re.I),
    "perfect": re.compile(r"\b(?:has|have|had) (?:been|\w+ed)\b", re.I),
    "duration": re.compile(r"\b(?:years?|months|decades?|since|so far|this year)\b", re.I),
    "said": re.compile(r"\b(?:said|says|told|according to|reported)\b", re.I),
}
_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
          "Riots", "Strategic developments")  # fmt: skip


def features(
    inc: Incident, article: Article, n: int, tops: list[Toponym], tax: Taxonomy
) -> dict[str, float]:
    """Describe one incident by the evidence the extractor had."""
    s = inc.evidence
    f = {
        "position": inc.evidence_start / max(1, len(article.text)),
        "lead": float(inc.evidence_start < 600),
        "day": float(int(inc.time_precision) == 1),
        "no date": float(any("no date in the text" in x for x in inc.notes)),
        "exact place": float(int(inc.geo_precision) == 1),
        "region only": float(int(inc.geo_precision) == 3),
        "killed": float((inc.fatalities or 0) > 0),
        "injured": float((inc.injured or 0) > 0),
        "toll unknown": float(inc.fatalities is None),
        "rule confidence": inc.confidence,
        "incidents in article (log)": math.log(n),
        "actors": float(bool(inc.actors)),
        "words (log)": math.log(1 + len(s.split())),
        "places in sentence": float(
            sum(inc.evidence_start <= t.start < inc.evidence_end for t in tops)
        ),
    }
    f.update({name: float(bool(p.search(s))) for name, p in _WORDS.items()})
    year = article.published.year if article.published else None
    f["other year"] = float(
        year is not None and any(int(m.group(0)) != year for m in _YEAR.finditer(s))
    )
    f.update({f"type {t}": float(inc.event_type.value == t) for t in _TYPES})
    f.update(
        {f"cue {k}": float(tax.cues[k].search(s) is not None) for k in tax.cues if k != "clause"}
    )
    return f


def label(p: Incident, gold: list[dict[str, Any]], matched: bool) -> int | None:
    """1 news, 0 not an event, None another kind of error (left out)."""
    if matched:
        return 1
    if any(g.get("evidence_start") is not None and p.evidence_start < g["evidence_end"]
           and g["evidence_start"] < p.evidence_end for g in gold):  # fmt: skip
        return 1
    if any(bench._type_ok(p, g) and bench._near(p, g) for g in gold):
        return None
    return 0


def fit(x: np.ndarray, y: np.ndarray, lam: float) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (the bias is not penalised)."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    penalty = lam * np.eye(xb.shape[1])
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) + penalty @ w
        hess = xb.T @ (xb * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hess, grad)
    return w[:-1], float(w[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("data", type=Path, help="a real-news export (bench/realnews.py export)")
    ap.add_argument("--folds", type=int, default=5)
    words = ap.add_mutually_exclusive_group()
    words.add_argument("--text", action="store_true", help="add the sentence's words")
    words.add_argument("--text-only", action="store_true", help="fit on the words alone")
    args = ap.parse_args(argv)
    tax = Taxonomy.default()
    parser = Geoparser(Gazetteer.default())
    rows: list[tuple[str, int, dict[str, float], bool, str]] = []
    for line in args.data.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        article = bench._article(rec)
        tops = parser.parse(article)
        predicted = [p for p in extract_incidents(article, tops) if not p.background]
        gold = [g for g in rec["incidents"] if not g.get("background")]
        matched = {id(p) for p, _ in bench._match_place(article.text, predicted, gold)}
        for p in predicted:
            y = label(p, gold, id(p) in matched)
            if y is not None:
                rows.append(
                    (
                        rec["id"],
                        y,
                        features(p, article, len(predicted), tops, tax),
                        id(p) in matched,
                        p.evidence,
                    )
                )
    names = sorted({k for r in rows for k in r[2]})
    x = np.array([[r[2].get(k, 0.0) for k in names] for r in rows])
    x = (x - x.mean(0)) / (x.std(0) + 1e-9)
    y = np.array([r[1] for r in rows], float)
    sentences = [grams(r[4]) for r in rows]
    was_matched = np.array([r[3] for r in rows])
    articles = sorted({r[0] for r in rows})
    fold_of = {a: i % args.folds for i, a in enumerate(articles)}
    folds = np.array([fold_of[r[0]] for r in rows])
    news, non_events = int(y.sum()), int((y == 0).sum())
    print(f"{len(rows)} labelled incidents: {news} news, {non_events} not an event")
    print(
        f"{len(names)} features, {args.folds}-fold cross-validation over {len(articles)} articles"
    )
    n_matched = int(was_matched.sum())
    print("L2      threshold  non-events dropped  matched incidents lost")
    for lam in (1.0, 3.0, 10.0, 30.0):
        score = np.zeros(len(y))
        for k in range(args.folds):
            train, test = folds != k, folds == k
            xk = x
            if args.text or args.text_only:
                xt = text_matrix(sentences, train)
                xk = xt if args.text_only else np.hstack([x, xt])
            w, b = fit(xk[train], y[train], lam)
            score[test] = 1.0 / (1.0 + np.exp(-(xk[test] @ w + b)))
        for t in (0.3, 0.4, 0.5):
            drop = score < t
            dropped, lost = int((drop & (y == 0)).sum()), int((drop & was_matched).sum())
            print(f"{lam:<7} {t:<10} {dropped:>3} of {non_events:<14} {lost:>3} of {n_matched}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
