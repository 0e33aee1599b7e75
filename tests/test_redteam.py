"""Red-team suite: hostile inputs generated here, each a class that once failed a batch.

Every test builds its hostile input on the fly (nothing binary is committed) and asserts
what a user would notice: the bad record is reported with its file and line, the good
records beside it are kept, and nothing hangs, crashes or runs script in an output.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from incidentmap.errors import ArticleError, InputError
from incidentmap.incidents import extract_incidents
from incidentmap.incidents.dates import find_dates
from incidentmap.model import Article
from incidentmap.pipeline import POOL_THRESHOLD, ArticleResult, iter_results
from incidentmap.text.articles import read_articles

BOMBING = "Yesterday a car bomb killed five people at the market. On March 3 a bomb killed two."


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_dates_at_the_ends_of_the_calendar_stay_unresolved(published: dt.date) -> None:
    found = find_dates(
        "Yesterday, the day before yesterday, last week, two months ago, on March 3, today "
        "and Friday, then last winter and last year.",
        published=published,
    )
    assert len(found) == 9
    for mention in found:  # resolved a year inside the calendar, or left open with a note
        if mention.date is None:
            assert "ends of the calendar" in (mention.note or "")
        else:
            assert dt.date(2, 1, 1) <= mention.date <= dt.date(9998, 12, 31)
    assert sum(d.date is None for d in found) >= 7
    incidents = extract_incidents(Article("edge", BOMBING, published=published), [])
    assert incidents and all(i.event_date is None for i in incidents)


def test_dates_near_the_ends_of_the_calendar_still_resolve_inside_it() -> None:
    (march,) = find_dates("On March 3 a bomb went off.", published=dt.date(9998, 6, 1))
    assert march.date == dt.date(9998, 3, 3)


# --- bounded reading: every hostile record reported, the good ones beside it kept -------------

GOOD = {"text": "A car bomb killed five people in Baghdad on Friday.", "published": "2021-11-07"}


def read(*sources: object) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    articles = list(read_articles(*map(str, sources), report=problems.append))
    return articles, problems


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_json_nested_3000_deep_is_reported_in_json_lines_and_json(tmp_path: Path) -> None:
    lines = [json.dumps(GOOD), '{"text": "x", "extra": ' + deep(3_000) + "}", json.dumps(GOOD)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    articles, problems = read(tmp_path / "feed.jsonl")
    assert [a.line for a in articles] == [1, 3]
    assert [(p.line, "nested deeper" in str(p)) for p in problems] == [(2, True)]

    array = "[" + json.dumps(GOOD) + ", " + deep(3_000) + "]"
    (tmp_path / "doc.json").write_text(array, encoding="utf-8")
    articles, problems = read(tmp_path / "doc.json")
    assert len(articles) == 1 and "nested deeper" in str(problems[0])
    (tmp_path / "one.json").write_text(deep(3_000), encoding="utf-8")
    assert "nested deeper" in str(read(tmp_path / "one.json")[1][0])


def test_json_on_stdin_nested_3000_deep_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (json.dumps(GOOD) + "\n" + '{"a": ' + deep(3_000) + "}\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, problems = read("-")
    assert len(articles) == 1 and problems[0].line == 2


def test_an_id_of_4301_digits_is_kept_as_text(tmp_path: Path) -> None:
    record = (
        '{"id": '
        + "7" * 4_301
        + ', "text": "Rain fell.", "toponyms": [{"start": '
        + ("1" * 5_000 + ', "end": 3}]}')
    )
    (tmp_path / "ids.jsonl").write_text(record + "\n", encoding="utf-8")
    articles, problems = read(tmp_path / "ids.jsonl")
    assert articles[0].id == "7" * 4_301
    assert "no integer start and end" in str(problems[0])


def test_csv_header_only_unterminated_quote_and_long_field_are_reported(tmp_path: Path) -> None:
    (tmp_path / "header.csv").write_text("id,text\n", encoding="utf-8")
    articles, problems = read(tmp_path / "header.csv")
    assert not articles and "header row but no records" in str(problems[0])

    rows = ["id,text", "1,Rain fell in the north.", '2,"an unterminated quote', "3,Good three.", ""]
    (tmp_path / "quote.csv").write_text("\n".join(rows), encoding="utf-8")
    articles, problems = read(tmp_path / "quote.csv")
    assert [a.id for a in articles] == ["1", "3"]
    assert [p.line for p in problems] == [3] and "not valid CSV" in str(problems[0])

    rows = ["id,text", "1," + "x" * 140_000, "2,Good two.", '3,"' + "y" * 140_000, 'z"', "4,ok"]
    (tmp_path / "long.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, problems = read(tmp_path / "long.csv")
    assert articles[0].text == "Good two." and articles[-1].text == "ok"
    assert [p.line for p in problems][:2] == [2, 4]


def test_folder_walk_reports_links_fifos_and_unreadable_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text("Rain fell.", encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "hidden.txt").write_text("Secret.", encoding="utf-8")
    scandir = os.scandir

    def refuse(path: Any = ".") -> Any:  # what chmod 000 does to a user who is not root
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    articles, problems = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    said = sorted(f"{Path(p.source or '').name}: {p.reason}" for p in problems)
    assert said == [
        "dangling.txt: skipped: a broken symbolic link (its target does not exist)",
        "locked: cannot read the folder: Permission denied",
        "loop.txt: skipped: a symbolic link loop",
        "pipe.txt: skipped: not a regular file but a FIFO (named pipe)",
    ]


def test_a_fifo_named_on_the_command_line_is_refused_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.jsonl")
    found: list[tuple[list[Article], list[InputError]]] = []
    reader = threading.Thread(target=lambda: found.append(read(tmp_path / "pipe.jsonl")))
    reader.start()
    reader.join(timeout=5)
    if reader.is_alive():  # unblock the reader before failing
        with open(tmp_path / "pipe.jsonl", "w"):
            pass
        pytest.fail("reading a FIFO waited for a writer")
    assert "FIFO" in str(found[0][1][0])


def test_undecodable_file_names_and_lone_surrogates_are_made_safe(tmp_path: Path) -> None:
    folder = os.fsencode(tmp_path)
    with open(folder + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"A car bomb killed five people in Baghdad.")
    (tmp_path / "s.jsonl").write_text('{"text": "Bomb \\ud800 in Baghdad.", "title": "\\udfff"}\n')
    articles, problems = read(tmp_path)
    assert not problems
    by_id = {a.id: a for a in articles}
    assert by_id["bad\\xff"].source == str(tmp_path / "bad\\xff.txt")
    assert by_id["s:1"].text == "Bomb \ufffd in Baghdad." and by_id["s:1"].title == "\ufffd"
    for article in articles:
        for value in (article.id, article.text, article.title or "", article.source or ""):
            value.encode("utf-8")  # no lone surrogate left to fail a writer


# --- the per-article error boundary: one article's crash never stops the batch ----------------


class Fragile:
    """A processor that crashes on articles saying BOOM (module level: workers fork it)."""

    def __call__(self, article: Article) -> ArticleResult:
        if "BOOM" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return ArticleResult(article, (), ())


@pytest.mark.parametrize("workers", [1, 2])
def test_a_crashing_article_is_reported_and_the_batch_goes_on(workers: int) -> None:
    articles = [
        Article(f"a{i}", "BOOM" if i == 7 else "calm", source="feed.jsonl", line=i + 1)
        for i in range(POOL_THRESHOLD + 20)
    ]
    problems: list[InputError] = []
    done = list(
        iter_results(articles, Fragile(), workers=workers, report=problems.append)  # type: ignore[arg-type]
    )
    assert len(done) == POOL_THRESHOLD + 19 and "a7" not in {r.article.id for r in done}
    (crash,) = problems
    assert isinstance(crash, ArticleError) and (crash.source, crash.line) == ("feed.jsonl", 8)
    assert "RecursionError: maximum recursion depth exceeded" in str(crash)


def test_a_crashing_article_in_a_dask_unit_is_reported_with_the_rest_kept(tmp_path: Path) -> None:
    from incidentmap.dask_engine import WorkUnit, _process_unit

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in ("calm", "BOOM", "calm")))
    result = _process_unit(WorkUnit((str(feed),)), Fragile())  # type: ignore[arg-type]
    assert result.articles == 2
    assert [(p.line, type(p).__name__) for p in result.problems] == [(2, "ArticleError")]


def test_the_command_line_exits_3_on_a_crash_and_writes_the_good_articles(
    tmp_path: Path, gazetteer: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from incidentmap import pipeline
    from incidentmap.cli import main

    real = pipeline.Processor.__call__

    def fragile(self: Any, article: Article) -> ArticleResult:
        if "BOOM" in article.text:
            raise OverflowError("date value out of range")
        return real(self, article)

    monkeypatch.setattr(pipeline.Processor, "__call__", fragile)
    lines = [json.dumps(GOOD), json.dumps({"text": "BOOM " + GOOD["text"]}), json.dumps(GOOD)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    status = main(["run", str(tmp_path / "feed.jsonl"), "-o", str(out), "--workers", "1"])
    err = capsys.readouterr().err
    assert status == 3
    assert "feed.jsonl:2: processing failed with OverflowError: date value out of range" in err
    assert "2 articles read" in err and "(1 crashed)" in err
    features = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))["features"]
    assert features and (out / "incidents.html").exists()


# --- exports safe for the tools that open them ---------------------------------------------------

HOSTILE = [
    {
        "id": "@SUM(1+1)",
        "title": '=HYPERLINK("http://evil.example/","click")',
        "url": "-2+3",
        "published": "2021-11-07",
        "text": "A car bomb killed five people in Baghdad on Friday, police said. "
        "<img src=x onerror=alert(1)> <script>alert(2)</script>",
    },
    {
        "id": "\t=1+1",
        "title": "+cmd|' /C calc'!A0",
        "url": "\rhttp://x",
        "published": "2021-11-07",
        "text": "=1+1 Gunmen killed three people in Mosul on Monday.",
    },
]


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory: pytest.TempPathFactory, gazetteer: Any) -> Path:
    from incidentmap.cli import main

    folder = tmp_path_factory.mktemp("hostile")
    feed = folder / "feed.jsonl"
    feed.write_text("".join(json.dumps(r) + "\n" for r in HOSTILE), encoding="utf-8")
    out = folder / "out"
    assert (
        main(["-q", "run", str(feed), "-o", str(out), "--format", "csv,kml", "--workers", "1"]) == 0
    )
    raw = folder / "raw"
    assert (
        main(
            [
                "-q",
                "run",
                str(feed),
                "-o",
                str(raw),
                "--format",
                "csv",
                "--no-map",
                "--no-csv-escape",
            ]
        )
        == 0
    )
    return folder


def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(hostile_run: Path) -> None:
    with (hostile_run / "out" / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 2
    cells = [cell for row in rows for cell in row.values() if cell]
    assert not [c for c in cells if c[0] in "=+@\t\r" or (c[0] == "-" and not _number(c))]
    titles = {row["source_title"] for row in rows}
    assert '\'=HYPERLINK("http://evil.example/","click")' in titles
    assert {row["article_id"] for row in rows} == {"'@SUM(1+1)", "'=1+1"}  # (id stripped)
    with (hostile_run / "raw" / "incidents.csv").open(encoding="utf-8", newline="") as handle:
        raw = list(csv.DictReader(handle))
    assert {row["article_id"] for row in raw} == {"@SUM(1+1)", "=1+1"}


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_kml_descriptions_keep_article_markup_as_text(hostile_run: Path) -> None:
    from xml.etree import ElementTree

    tree = ElementTree.parse(hostile_run / "out" / "incidents.kml")
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    descriptions = [d.text or "" for d in tree.iterfind(".//k:description", ns)]
    assert descriptions and any("&lt;img src=x" in d for d in descriptions)
    for description in descriptions:  # what a KML client renders as HTML
        assert "<img" not in description and "<script" not in description


def test_a_full_disk_while_writing_kml_is_an_error_and_leaves_no_file(tmp_path: Path) -> None:
    script = """
import resource, signal, sys
import pandas as pd
from incidentmap.export import write_incidents
from incidentmap.frame import incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
incident = Incident(
    id="x", article_id="a", event_type=EventType.RIOTS, sub_event_type="Mob violence",
    event_date="2021-11-05", time_precision=TimePrecision.DAY, location="Baghdad",
    place_id=None, lat=33.3, lon=44.4, country_code="IQ", admin1=None,
    geo_precision=GeoPrecision.EXACT, evidence="Crowds burned cars. " * 20,
    evidence_start=0, evidence_end=400)
frame = incidents_frame([incident])
frame = pd.concat([frame] * 2000, ignore_index=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))  # the disk is full at 100 KB
try:
    write_incidents(frame, sys.argv[1])
except OSError as exc:
    print(type(exc).__name__, exc)
"""
    target = tmp_path / "incidents.kml"
    done = subprocess.run(
        [sys.executable, "-c", script, str(target)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    # the write fails (File too large), or the check finds the file cut off
    assert done.stdout.startswith("ExportError"), done.stdout
    assert "File too large" in done.stdout or "cut off" in done.stdout
    assert not list(tmp_path.iterdir())  # neither the file nor a temporary one


# --- the geocoder fallback against a hostile server on 127.0.0.1 -------------------------------


class HostileHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        query = parse_qs(urlsplit(self.path).query).get("q", [""])[0].lower()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            if query == "trickle":  # a byte every half second, for ever
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
                for _ in range(200):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.5)
                return
            if query == "huge":  # 20 MB with no Content-Length
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
                for _ in range(20):
                    self.wfile.write(b" " * 1_000_000)
                return
            body: bytes
            if query == "deep":
                body = (deep(3_000)).encode()
            else:
                lat, lon = {
                    "farlon": ("35.1", "999"),
                    "nanlat": ("NaN", "44"),
                    "edge": ("90", "-180"),
                }[query]
                place = {"place_id": 1, "lat": lat, "lon": lon, "class": "place", "type": "town"}
                body = json.dumps([{**place, "display_name": query.title()}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def hostile_server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), HostileHandler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def hostile_geocoder(url: str, tmp_path: Path) -> Any:
    from incidentmap.geocoders import FallbackGeocoder

    return FallbackGeocoder.from_url(
        url,
        user_agent="incidentmap-tests/1.0 (tests@example.org)",
        cache_path=tmp_path / "cache.sqlite",
        min_delay_seconds=0.0,
        timeout=1.5,
        max_answer_bytes=100_000,
        max_failures=100,
    )


def test_geocoder_refuses_points_off_the_globe(
    hostile_server: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    geocoder = hostile_geocoder(hostile_server, tmp_path)
    assert geocoder.geocode("Farlon") is None  # lon 999 is not wrapped into -81
    assert geocoder.geocode("Nanlat") is None
    edge = geocoder.geocode("Edge")
    assert edge is not None and (edge.lat, edge.lon) == (90.0, -180.0)
    assert "outside the globe" in caplog.text and "'999'" in caplog.text


def test_geocoder_survives_deep_huge_and_trickling_answers(
    hostile_server: str, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    geocoder = hostile_geocoder(hostile_server, tmp_path)
    assert geocoder.geocode("Deep") is None
    assert "could not read the answer as JSON" in caplog.text
    started = time.monotonic()
    assert geocoder.geocode("Huge") is None
    assert time.monotonic() - started < 1.5 and "larger than 100,000 bytes" in caplog.text
    started = time.monotonic()
    assert geocoder.geocode("Trickle") is None  # a deadline for the request, not per read
    assert time.monotonic() - started < 2.5 and "did not answer within 1.5 s" in caplog.text


# --- engines and usage ---------------------------------------------------------------------------


def test_dask_engine_without_the_extra_names_the_extra(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from incidentmap.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "a.txt").write_text("Rain fell.", encoding="utf-8")
    assert (
        main(["run", str(tmp_path / "a.txt"), "-o", str(tmp_path / "o"), "--engine", "dask"]) == 2
    )
    err = capsys.readouterr().err
    assert "pip install 'incidentmap[dask]'" in err and "Traceback" not in err


def test_map_leaves_points_off_the_globe_out_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    from incidentmap.cli import main

    def feature(ident: str, lon: float, lat: float) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": ident,
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {"id": ident, "event_type": "Riots", "evidence": "Crowds burned cars."},
        }

    features = [
        feature("good", 44.4, 33.3),
        feature("lon999", 999, 33.3),
        feature("lat999", 44, 999),
    ]
    source = tmp_path / "edited.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    with caplog.at_level("INFO"):
        assert main(["map", str(source), "-o", str(tmp_path / "map.html")]) == 0
    assert "2 incidents with a point outside latitude -90..90" in caplog.text
    assert "lon999, lat999" in caplog.text and "(1 incident)" in capsys.readouterr().err


def test_html_inputs_have_their_cleaner_declared(repo: Path) -> None:
    import tomllib

    declared = tomllib.loads((repo / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(d.replace("-", "_").startswith("lxml_html_clean") for d in declared)


FRENCH = (
    "Au moins cinq personnes ont été tuées vendredi dans un attentat à la voiture piégée "
    "dans le centre de Bagdad, selon la police, qui fait aussi état de plusieurs blessés."
)
ARABIC = "قتل خمسة أشخاص على الأقل يوم الجمعة في انفجار سيارة مفخخة وسط بغداد بحسب الشرطة"


def test_articles_not_in_english_are_warned_about_and_counted(
    tmp_path: Path, gazetteer: Any, capsys: Any, caplog: pytest.LogCaptureFixture
) -> None:
    from incidentmap.cli import main

    lines = [json.dumps(GOOD), json.dumps({"text": FRENCH}), json.dumps({"text": ARABIC})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = main(
        ["run", str(tmp_path / "feed.jsonl"), "-o", str(tmp_path / "o"), "--workers", "1"]
    )
    err = capsys.readouterr().err
    assert status == 0
    assert "feed.jsonl:2: article 'feed:2' looks written in French, not English" in caplog.text
    assert "feed.jsonl:3: article 'feed:3' looks written in Arabic script" in caplog.text
    assert "3 articles read (2 not in English)" in err


def test_the_dask_unit_returns_the_articles_not_in_english(tmp_path: Path) -> None:
    from incidentmap.dask_engine import WorkUnit, _process_unit

    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in (GOOD["text"], FRENCH)))
    result = _process_unit(WorkUnit((str(feed),)), Fragile())  # type: ignore[arg-type]
    assert [a.line for a in result.not_english] == [2]


def test_a_full_disk_under_the_spool_is_a_clean_error(tmp_path: Path, gazetteer: Any) -> None:
    filler = ", ".join(["witnesses described chaos and grief in the crowded streets"] * 100)
    lines = [
        json.dumps(
            {"text": f"A car bomb killed {i % 9 + 2} people in Baghdad on Friday, {filler}."}
        )
        for i in range(60)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = (
        "import resource, signal, sys\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (64_000, 64_000))  # the disk is full\n"
        "from incidentmap.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    argv = ["run", str(tmp_path / "many.jsonl"), "-o", str(tmp_path / "o"), "--workers", "1"]
    done = subprocess.run(
        [sys.executable, "-c", script, *argv], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "incidentmap: error:" in done.stderr and "disk full" in done.stderr


def test_geoparse_reports_a_crashing_article_and_writes_the_rest(
    tmp_path: Path, gazetteer: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from incidentmap.cli import main
    from incidentmap.geoparse import Geoparser

    real = Geoparser.parse

    def fragile(self: Any, article: Article) -> Any:
        if "BOOM" in article.text:
            raise RecursionError("maximum recursion depth exceeded")
        return real(self, article)

    monkeypatch.setattr(Geoparser, "parse", fragile)
    lines = [json.dumps(GOOD), json.dumps({"text": "BOOM in Basra"}), json.dumps(GOOD)]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "places.jsonl"
    assert main(["geoparse", str(tmp_path / "feed.jsonl"), "-o", str(out)]) == 3
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["feed:1", "feed:3"]


def test_surrogates_and_undecodable_names_reach_every_output(
    tmp_path: Path, gazetteer: Any
) -> None:
    from incidentmap.cli import main

    folder = tmp_path / "in"
    folder.mkdir()
    with open(os.fsencode(folder) + b"/bad\xff.txt", "wb") as handle:
        handle.write(b"A car bomb killed five people in Baghdad on Friday, police said.")
    (folder / "s.jsonl").write_text(
        '{"text": "\\ud800 Gunmen killed three people in Mosul on Monday.", "title": "\\udfff",'
        ' "published": "2021-11-07"}\n'
    )
    out = tmp_path / "out"
    formats = "geojson,csv,gpkg,kml,parquet"
    assert (
        main(["-q", "run", str(folder), "-o", str(out), "--format", formats, "--workers", "1"]) == 0
    )
    names = {p.name for p in out.iterdir()}
    assert names >= {f"incidents.{x}" for x in ("geojson", "csv", "gpkg", "kml", "parquet", "html")}
    geojson = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    ids = {f["properties"]["article_id"] for f in geojson["features"]}
    assert ids == {"bad\\xff", "s:1"}
    assert "\ufffd" in (out / "incidents.html").read_text(encoding="utf-8")


def best_of_two(gazetteer: Any, *texts: str) -> list[float]:
    """Seconds the pipeline takes on each text, the best of two runs of it.

    A busy machine slows one run, not the shape of the work.
    """
    from incidentmap.pipeline import Processor

    processor = Processor(gazetteer)
    timings = []
    for text in texts:
        runs = []
        for _ in range(2):
            started = time.perf_counter()
            processor(Article("long", text, published=dt.date(2021, 11, 7)))
            runs.append(time.perf_counter() - started)
        timings.append(min(runs))
    return timings


def test_a_long_line_runs_as_fast_as_the_same_text_in_paragraphs(gazetteer: Any) -> None:
    sentences = [
        "A car bomb killed five people in Baghdad on Friday, police said.",
        "Gunmen killed three people in Mosul on Monday, officials said.",
        "Protesters clashed with police in Nairobi on Tuesday over a new tax.",
    ] * 500  # 100 KB: sentence by sentence work must not read the whole line each time
    paragraphs, one_line = best_of_two(gazetteer, "\n\n".join(sentences), " ".join(sentences))
    assert one_line < 3 * paragraphs + 1.0


# --- odd texts a real user has: nothing raises, nothing grows with the square ---------

ODD_TEXTS = {
    "empty": "",
    "white space only": " \r\n\u00a0\t\n",
    "only a headline": "Car Bomb Kills Five In Baghdad Market",
    "numbers only": " ".join(f"{n * 7919 % 100_003}{',.%'[n % 3]}" for n in range(400)),
    "all capitals": "A CAR BOMB KILLED FIVE PEOPLE IN BAGHDAD ON FRIDAY, POLICE SAID.",
    "Windows line ends, no-break spaces": (
        "Car bomb kills five\r\n\r\nA car bomb\u00a0killed five people in\u00a0Baghdad on "
        "Friday.\r\nGunmen killed three people in Mosul on Monday.\r\n"
    ),
    "Arabic and Cyrillic": (
        "انفجار في بغداد يوم الجمعة. Взрыв в Багдаде в пятницу. A bomb hit Mosul."
    ),
    "emoji": "💣💥 A car bomb killed five people in Baghdad on Friday. 😢🕯️ #Baghdad",
    "HTML leftovers": (
        "<p>A car bomb killed five people in Baghdad on Friday.</p><br/>&nbsp;&amp;"
        '<div class="ad"><script>var x = "Mosul";</script></div>'
    ),
    "a bearing no compass point names": "Gunmen killed two farmers 30 km east-west of Kabul.",
    "a run of dots": "." * 5_000 + " A car bomb killed five people in Baghdad on Friday.",
    "unclosed brackets and quotes": "(" * 300 + '"A bomb killed two in Mosul' + "«" * 300,
}


@pytest.fixture(scope="module")
def geoparser(gazetteer: Any) -> Any:
    from incidentmap.geoparse import Geoparser

    return Geoparser(gazetteer)


@pytest.mark.parametrize("text", list(ODD_TEXTS.values()), ids=list(ODD_TEXTS))
def test_odd_texts_are_read_without_error(text: str, geoparser: Any) -> None:
    article = Article("odd", text, title=text[:60] or None, published=dt.date(2021, 11, 7))
    toponyms = geoparser.parse(article)
    assert all(text[t.start : t.end] == t.text for t in toponyms)
    for incident in extract_incidents(article, toponyms):
        assert 0 <= incident.evidence_start <= len(text)


def test_a_run_of_dots_is_split_in_time_that_grows_with_its_length() -> None:
    from incidentmap.text.sentences import split_sentences

    started = time.perf_counter()  # each dot once began a new try over all that follow
    sentences = split_sentences("." * 100_000 + " A bomb killed two. " + "!?" * 50_000)
    assert time.perf_counter() - started < 1.0
    assert any(s.text.startswith("A bomb killed two.") for s in sentences)


def test_a_sentence_is_read_in_pieces_past_the_longest_of_news_copy() -> None:
    from incidentmap.text.sentences import MAX_SENTENCE_CHARS, split_sentences

    text = "Gunmen shot at a bus near the market and " * 200 + "police said nothing."
    sentences = split_sentences(text)
    assert len(sentences) > 1
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert 0 < len(s.text) <= MAX_SENTENCE_CHARS
        assert not s.text[0].isspace() and not s.text[-1].isspace()
    assert split_sentences("x" * 5_000)[0].text == "x" * MAX_SENTENCE_CHARS


@pytest.mark.parametrize(
    "joint",
    [" and ", ". 😢 ", ".</p><p>"],
    ids=["no full stops", "emoji after each stop", "HTML after each stop"],
)
def test_a_text_without_sentence_ends_runs_as_fast_as_the_same_in_sentences(
    joint: str, gazetteer: Any
) -> None:
    clauses = [
        "Car bombs killed five people in Baghdad on Friday",
        "Gunmen killed three people in Mosul on Monday",
        "Protesters clashed with police in Nairobi on Tuesday",
    ] * 400  # 60 KB: the work on a sentence must not grow with the square of its length
    sentences, run_on = best_of_two(gazetteer, ". ".join(clauses) + ".", joint.join(clauses))
    assert run_on < 3 * sentences + 1.0
