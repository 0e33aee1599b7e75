"""Benchmark the incident map: render time, page size, time until interactive.

Usage::

    .venv/bin/python bench/map.py                       # 1,000 / 10,000 / 100,000
    .venv/bin/python bench/map.py --sizes 1000 --no-browser

Incidents are synthetic: random points worldwide, random ACLED types, dates over
three years, three incidents per made-up article (so titles and URLs repeat), an
evidence sentence taken at random from the public eval corpora in ../shared/eval
(read at run time, so the text compresses like real evidence). "Interactive" is the time from the
start of navigation until the page's ``window.incidentmap.ready`` (markers built
and clustered) in headless Debian chromium with the network cut off.
Targets at 100,000: render <= 10 s, file <= 25 MB, interactive <= 5 s.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from incidentmap.frame import incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
from incidentmap.render import incident_map, map_html

sys.path.insert(0, str(Path(__file__).resolve().parent))
from incidentmap.render.chromium import CHROMIUM_ARGS, find_chromium

SUB_TYPES = {
    EventType.BATTLES: ["Armed clash", "Government regains territory"],
    EventType.EXPLOSIONS: ["Air/drone strike", "Shelling/artillery/missile attack"],
    EventType.VIOLENCE_AGAINST_CIVILIANS: ["Attack", "Abduction/forced disappearance"],
    EventType.PROTESTS: ["Peaceful protest", "Protest with intervention"],
    EventType.RIOTS: ["Violent demonstration", "Mob violence"],
    EventType.STRATEGIC_DEVELOPMENTS: ["Arrests", "Agreement"],
}
WORDS = [
    "security",
    "forces",
    "militants",
    "residents",
    "police",
    "protesters",
    "market",
    "checkpoint",
    "convoy",
    "village",
    "district",
    "clashed",
    "gathered",
    "attacked",
    "reported",
    "killed",
    "wounded",
    "near",
    "outside",
    "after",
    "before",
    "during",
    "morning",
    "evening",
    "officials",
    "said",
    "witnesses",
    "according",
]


EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"


def real_sentences(limit: int = 20_000) -> list[str]:
    """Sentences of 60-300 characters from the public eval corpora (read, never copied).

    Real text compresses like real evidence does; without the corpora the benchmark
    falls back to sentences of random words, which compress better than real text.
    """
    sentences: list[str] = []
    for path in sorted(EVAL.glob("*.jsonl")):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text", "")
                for sentence in re.split(r"(?<=[.!?])\s+", text):
                    if 60 <= len(sentence) <= 300:
                        sentences.append(sentence.strip())
                if len(sentences) >= limit:
                    return sentences
    return sentences


def synthetic(n: int, *, seed: int = 7) -> list[Incident]:
    rng = random.Random(seed)
    types = list(SUB_TYPES)
    corpus = real_sentences()
    out = []
    for i in range(n):
        event_type = rng.choice(types)
        place = f"Place {rng.randrange(n // 4 + 1)}"
        if corpus:
            evidence = rng.choice(corpus)
        else:
            evidence = f"In {place}, " + " ".join(rng.choice(WORDS) for _ in range(16)) + "."
        article = i // 3
        out.append(
            Incident(
                id=f"i{i}",
                article_id=f"a{article}",
                event_type=event_type,
                sub_event_type=rng.choice(SUB_TYPES[event_type]),
                event_date=f"{rng.randint(2019, 2021)}-{rng.randint(1, 12):02d}-"
                f"{rng.randint(1, 28):02d}"
                if rng.random() > 0.05
                else None,
                time_precision=TimePrecision(rng.choice([1, 1, 1, 2, 3])),
                location=place,
                place_id=None,
                lat=rng.uniform(-55, 70),
                lon=rng.uniform(-180, 180),
                country_code=None,
                admin1=None,
                geo_precision=GeoPrecision(rng.choice([1, 1, 2, 3])),
                evidence=evidence,
                evidence_start=0,
                evidence_end=0,
                fatalities=rng.choice([None, 0, 1, 3, 12]),
                injured=rng.choice([None, 0, 2, 7]),
                source_url=f"https://news.example.org/world/{article}",
                source_title=f"Report number {article} on events in {place}",
                confidence=round(rng.uniform(0.2, 1.0), 2),
                sources=rng.choice([1, 1, 1, 2, 4]),
                background=rng.random() < 0.03,
            )
        )
    return out


def time_to_interactive(html: Path) -> tuple[float, float]:
    """Return (seconds from navigation to ready, wall seconds for goto+ready)."""
    from playwright.sync_api import Route, sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_chromium(), args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))

        def offline(route: Route) -> None:
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", offline)
        start = time.perf_counter()
        page.goto(html.as_uri(), timeout=120_000)
        page.wait_for_function(
            "window.incidentmap && window.incidentmap.ready", timeout=120_000, polling=50
        )
        wall = time.perf_counter() - start
        ready_ms = page.evaluate("window.incidentmap.readyAt")
        timings = page.evaluate("window.incidentmap.timings")
        timings["filter (setDateRange)"] = page.evaluate(
            "(() => { const t = performance.now();"
            " window.incidentmap.setDateRange('2020-01-01', '2020-06-30');"
            " return performance.now() - t; })()"
        )
        print(
            "   in page (ms since navigation; filter: ms taken):",
            {k: round(v) for k, v in timings.items()},
            "ready:",
            round(ready_ms),
        )
        browser.close()
        if errors:
            raise RuntimeError(f"page errors: {errors}")
    return ready_ms / 1000, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "im-bench")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    print(
        f"{'incidents':>10} {'frame s':>8} {'map s':>7} {'html s':>7} {'render s':>9} "
        f"{'MB':>6} {'ready s':>8} {'wall s':>7}"
    )
    warm = time.perf_counter()
    map_html(incident_map(incidents_frame(synthetic(10))))  # imports, assets, basemap
    print(f"(first map of the process, 10 incidents: {time.perf_counter() - warm:.2f} s)")
    for n in (int(s) for s in args.sizes.split(",")):
        incidents = synthetic(n)
        t0 = time.perf_counter()
        gdf = incidents_frame(incidents)
        t1 = time.perf_counter()
        m = incident_map(gdf)
        t2 = time.perf_counter()
        page = map_html(m)
        t3 = time.perf_counter()
        path = args.out / f"map-{n}.html"
        path.write_text(page, encoding="utf-8")
        size_mb = path.stat().st_size / 1e6
        ready = wall = float("nan")
        if not args.no_browser:
            ready, wall = time_to_interactive(path)
        print(
            f"{n:>10} {t1 - t0:>8.2f} {t2 - t1:>7.2f} {t3 - t2:>7.2f} {t3 - t1:>9.2f} "
            f"{size_mb:>6.1f} {ready:>8.2f} {wall:>7.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
