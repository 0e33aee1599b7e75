"""Incident extraction on one long article: how its cost grows with the article's length.

The article is made of the development set's own sentences (``bench/data/incidents-dev.jsonl``,
the project's writing), shuffled once (a fixed seed) and dealt out in paragraphs of two
sentences and one in turn: an article of N paragraphs holds the first 1.5 N sentences of
the shuffle, so a longer article tells more events, places and dates, as a long live blog
or a digest does. No sentence is told twice (the extractor reads a repeated sentence once),
which allows up to about 300 paragraphs.

For each length it prints the extraction time, and the time and number of calls of
linking's :func:`incidentmap.incidents.coref.antecedent` (which incident a mention refers
back to or continues): a cost per call that grew with the article would be a cost
quadratic in its mentions.

Usage::

    .venv/bin/python bench/long_article.py [--paragraphs 100 200 300] [--dump FILE]

``--dump FILE`` writes the incidents of the longest article as JSON lines (for an
identity check of a change meant to keep every answer: dump before and after, ``cmp``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEV = HERE / "data" / "incidents-dev.jsonl"


def long_article(paragraphs: int) -> str:
    """Return ``paragraphs`` paragraphs of development-set sentences, two and one in turn."""
    from incidentmap.text.sentences import split_sentences

    sentences = []
    with DEV.open(encoding="utf-8") as lines:
        for line in lines:
            for paragraph in json.loads(line)["text"].split("\n\n"):
                sentences += [s.text for s in split_sentences(paragraph)]
    random.Random(0).shuffle(sentences)
    wanted = paragraphs * 3 // 2 + paragraphs % 2
    if wanted > len(sentences):
        raise SystemExit(
            f"at most {len(sentences) * 2 // 3} paragraphs: the set has {len(sentences)} sentences"
        )
    out, at = [], 0
    for i in range(paragraphs):
        size = 2 if i % 2 == 0 else 1
        out.append(" ".join(sentences[at : at + size]))
        at += size
    return "\n\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, nargs="+", default=[50, 100, 200, 300])
    parser.add_argument("--dump", type=Path, help="write the longest article's incidents here")
    args = parser.parse_args(argv)

    from incidentmap.frame import incident_record
    from incidentmap.gazetteer import Gazetteer
    from incidentmap.geoparse import Geoparser
    from incidentmap.incidents import coref, extract_incidents, linking
    from incidentmap.model import Article

    geoparser = Geoparser(Gazetteer.default())
    extract_incidents(Article("warm", "Gunmen killed two people in Baghdad."), [])
    spent = [0.0, 0]
    real = coref.antecedent

    def timed(*a: object, **k: object) -> object:
        start = time.perf_counter()
        try:
            return real(*a, **k)  # type: ignore[arg-type]
        finally:
            spent[0] += time.perf_counter() - start
            spent[1] += 1

    linking.antecedent = timed  # type: ignore[assignment]
    incidents = []
    for n in sorted(args.paragraphs):
        text = long_article(n)
        article = Article(f"long-{n}", text, published=dt.date(2023, 5, 1))
        toponyms = geoparser.parse(article)
        spent[:] = [0.0, 0]
        start = time.perf_counter()
        incidents = extract_incidents(article, toponyms)
        total = time.perf_counter() - start
        calls = int(spent[1])
        print(
            f"{n:5d} paragraphs ({len(text):,} characters): extraction {total:.2f} s; "
            f"antecedent {spent[0] * 1000:.0f} ms over {calls} calls "
            f"({spent[0] * 1e6 / max(calls, 1):.0f} µs each); {len(incidents)} incidents"
        )
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for incident in incidents:
                out.write(json.dumps(incident_record(incident), ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
