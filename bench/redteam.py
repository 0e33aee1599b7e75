"""Red-team the command line: hostile inputs, faults and servers, and what came out.

Every case writes a folder of inputs (three good articles beside the hostile one,
unless the case says otherwise), runs ``incidentmap`` on it in a subprocess and checks
what a user would notice:

- **crashes**: a traceback on stderr, exit status 3 (an article crashed a stage), any
  status but the expected one, or no exit within the time limit (a hang);
- **good records lost**: good articles whose incident is missing from
  ``incidents.geojson``;
- **unreported bad inputs**: a hostile input that stderr does not name (by its file,
  or by what the case expects), or an out-of-range point that reached an output;
- **script executions**: injected markup (``<script>``, ``onerror=``, ``<svg onload=``)
  that appears unescaped in ``incidents.html`` or in a KML description, and CSV cells
  a spreadsheet would run as formulas;
- **external requests**: connections or name lookups for hosts other than the loopback,
  recorded by an audit hook in the command's process.

Usage::

    .venv/bin/python bench/redteam.py            # every case, about two minutes on 2 cores
    .venv/bin/python bench/redteam.py -k csv     # the cases whose name holds "csv"
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

PUBLISHED = "2021-11-07"
ENV: dict[str, str] = {}  # the gazetteer index of this machine, set by main()
GOOD = {
    "good-baghdad": "A car bomb killed five people in Baghdad on Friday, police said.",
    "good-mosul": "Gunmen killed three people in Mosul on Monday, officials said.",
    "good-nairobi": "Protesters clashed with police in Nairobi on Tuesday over a new tax.",
}
EXTRA = "Rebels shelled a market in Aleppo on Wednesday, killing two people."
MARKUP = ["<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>"]
HOSTILE_TEXT = (
    "A roadside bomb killed four soldiers near Kirkuk on Thursday, the army said. "
    + " ".join(MARKUP)
)
RUNNER = r"""
import sys
log = open(sys.argv[1], "a")
def hook(event, args):
    if event == "socket.getaddrinfo":
        host = args[0]
    elif event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None
    else:
        return
    if isinstance(host, bytes):
        host = host.decode()
    if host and host not in ("localhost", "::1") and not str(host).startswith("127."):
        log.write(f"{event} {host}\n")
        log.flush()
sys.addaudithook(hook)
from incidentmap.cli import main
sys.exit(main(sys.argv[2:]))
"""


@dataclass
class Case:
    """One hostile input: how to build it, run it and judge it."""

    name: str
    build: Callable[[Path], list[str]]  # writes inputs into the folder, returns CLI args
    reported: tuple[str, ...] = ()  # what stderr must say (file names or messages)
    good: tuple[str, ...] = tuple(GOOD.values())  # evidence sentences that must come out
    status: tuple[int, ...] = (0,)
    stdin: bytes | None = None
    timeout: float = 60.0
    limit_file_size: int | None = None  # KB: the disk is "full" beyond this file size
    check_points: bool = False  # points off the globe in an output count as unreported


@dataclass
class Outcome:
    """What one case gave."""

    crashes: int = 0
    lost: int = 0
    unreported: int = 0
    scripts: int = 0
    requests: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def write_good(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in GOOD.items():
        page = f"---\ntitle: {name}\npublished: {PUBLISHED}\n---\n\n{text}\n"
        (folder / f"{name}.txt").write_text(page, encoding="utf-8")


def jsonl(folder: Path, name: str, records: list[Any]) -> None:
    lines = (r if isinstance(r, str) else json.dumps(r) for r in records)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def folder_case(write: Callable[[Path], None], *extra: str) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        write_good(folder)
        write(folder)
        return [str(folder), *extra]

    return build


def record(text: str, **fields: Any) -> dict[str, Any]:
    return {"text": text, "published": PUBLISHED, **fields}


def csv_file(folder: Path, name: str, rows: list[str]) -> None:
    (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")


class Hostile(BaseHTTPRequestHandler):
    """A geocoding server answering every name with the behaviour in its path."""

    def do_GET(self) -> None:
        """Answer as the first part of the path says: trickle, huge, deep or lon999."""
        mode = urlsplit(self.path).path.strip("/").split("/")[0]
        try:
            if mode == "trickle":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
                for _ in range(60):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1.0)
                return
            if mode == "huge":
                self.wfile.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\r\n[")
                for _ in range(300):
                    self.wfile.write(b" " * 1_000_000)
                return
            query = parse_qs(urlsplit(self.path).query).get("q", ["x"])[0]
            if mode == "deep":
                body = deep(5_000).encode()
            else:
                place = {"place_id": 1, "lat": "35.1", "lon": "999", "class": "place"}
                body = json.dumps([{**place, "type": "town", "display_name": query}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Keep the table readable."""


def geocoder_case(mode: str, url: Callable[[], str]) -> Callable[[Path], list[str]]:
    def write(folder: Path) -> None:
        text = "Gunmen attacked a checkpoint near Qaryat Zawiya on Friday, killing two."
        jsonl(folder, "unknown-place.jsonl", [record(text)])

    def build(folder: Path) -> list[str]:
        write_good(folder)
        write(folder)
        base = f"{url()}/{mode}"
        return [str(folder), "--geocoder", base, "--user-agent", "redteam/1.0 (t@example.org)"]

    return build


def cases(server: Callable[[], str]) -> Iterator[Case]:
    """Yield every case."""
    yield Case(
        "json: line nested 3,000 deep",
        folder_case(lambda f: jsonl(f, "deep.jsonl", ['{"text": "x", "a": ' + deep(3000) + "}"])),
        ("deep.jsonl:1",),
    )
    yield Case(
        "json: array nested 3,000 deep",
        folder_case(lambda f: (f / "deep.json").write_text("[" + deep(3000) + "]")),
        ("deep.json",),
    )
    yield Case(
        "json: stdin nested 3,000 deep",
        lambda f: ["-"],
        ("<stdin>:2",),
        good=(GOOD["good-baghdad"],),
        stdin=(json.dumps(record(GOOD["good-baghdad"])) + "\n" + deep(3000) + "\n").encode(),
    )
    yield Case(
        "json: id of 4,301 digits",
        folder_case(
            lambda f: jsonl(f, "id.jsonl", ['{"id": ' + "7" * 4301 + ', "text": "Rain."}'])
        ),
    )
    yield Case(
        "json: not an object, not JSON, no text",
        folder_case(lambda f: jsonl(f, "bad.jsonl", ["[1]", "{nope", '{"body": 3}'])),
        ("bad.jsonl:1", "bad.jsonl:2", "bad.jsonl:3"),
    )
    yield Case(
        "dates: 0001-01-01 with Yesterday",
        folder_case(
            lambda f: jsonl(
                f, "d.jsonl", [{"text": "Yesterday a bomb killed two.", "published": "0001-01-01"}]
            )
        ),
    )
    yield Case(
        "dates: 9999-12-31 with On March 3",
        folder_case(
            lambda f: jsonl(
                f, "d.jsonl", [{"text": "On March 3 a bomb killed two.", "published": "9999-12-31"}]
            )
        ),
    )
    yield Case(
        "names: undecodable byte in a file name",
        folder_case(
            lambda f: Path(os.fsdecode(bytes(f) + b"/bad\xff.txt")).write_text(HOSTILE_TEXT)
        ),
    )
    yield Case(
        "text: lone surrogates in text and title",
        folder_case(
            lambda f: (f / "s.jsonl").write_text(
                '{"text": "\\ud800 A bomb killed two in Basra on Friday.", "title": "\\udfff"}\n'
            ),
            "--format",
            "geojson,csv,gpkg,kml",
        ),
    )
    yield Case(
        "text: 250 KB article on one line",
        folder_case(lambda f: (f / "long.txt").write_text(" ".join([*GOOD.values()] * 1_300))),
        timeout=15.0,  # the same text in paragraphs takes 2 s
    )
    yield Case(
        "text: 100 KB with no full stop, with emoji or markup after each",
        folder_case(
            lambda f: (
                (f / "and.txt").write_text(
                    " and ".join(g.rstrip(".") for g in GOOD.values()) * 500
                ),
                (f / "emoji.txt").write_text(" 😢 ".join([*GOOD.values()] * 500)),
                (f / "markup.txt").write_text("</p><p>".join([*GOOD.values()] * 500)),
            )
        ),
        timeout=15.0,  # once one sentence each, read in time that grew with its square
    )
    yield Case(
        "text: lines of 100,000 dots and of 50,000 '!?'",
        folder_case(lambda f: (f / "dots.txt").write_text("." * 100_000 + "\n" + "!?" * 50_000)),
        timeout=15.0,
    )
    yield Case(
        "text: a bearing no compass point names ('30 km east-west of Kirkuk')",
        folder_case(
            lambda f: (f / "bearing.txt").write_text(
                "Gunmen killed two farmers 30 km east-west of Kirkuk on Monday."
            )
        ),
    )
    yield Case(
        "text: article of 6 million characters",
        folder_case(lambda f: (f / "huge.txt").write_text("Rain fell. " * 550_000)),
        ("huge.txt",),
    )
    yield Case(
        "files: empty, binary, not UTF-8",
        folder_case(
            lambda f: (
                (f / "empty.txt").write_text(""),
                (f / "binary.txt").write_bytes(b"\x89PNG\x00\x00"),
                (f / "latin1.txt").write_bytes("Caf\xe9 bomb".encode("latin-1")),
            )
        ),
        ("empty.txt", "binary.txt", "latin1.txt"),
    )
    yield Case(
        "folders: dangling and looping links, a FIFO",
        folder_case(
            lambda f: (
                (f / "dangling.txt").symlink_to(f / "missing.txt"),
                (f / "loop.txt").symlink_to(f / "loop.txt"),
                os.mkfifo(f / "pipe.txt"),
            )
        ),
        ("dangling.txt", "loop.txt", "pipe.txt"),
    )
    yield Case(
        "folders: a FIFO named on the command line",
        fifo_case,
        ("named.jsonl",),
        timeout=30.0,
    )
    yield Case(
        "csv: header only",
        folder_case(lambda f: csv_file(f, "head.csv", ["id,text"])),
        ("head.csv",),
    )
    yield Case(
        "csv: unterminated quote",
        folder_case(
            lambda f: csv_file(f, "quote.csv", ["id,text", '1,"never closed', f'2,"{EXTRA}"'])
        ),
        ("quote.csv:2",),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "csv: field over 131,072 characters",
        folder_case(
            lambda f: csv_file(f, "long.csv", ["id,text", "1," + "x" * 140_000, f'2,"{EXTRA}"'])
        ),
        ("long.csv:2",),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "csv: formula injection in every field",
        folder_case(
            lambda f: jsonl(
                f,
                "formulas.jsonl",
                [
                    record(
                        "=1+1 " + HOSTILE_TEXT,
                        id="@SUM(1)",
                        title='=HYPERLINK("http://evil.example","x")',
                        url="-2+3",
                    ),
                    record("+A bomb killed two in Basra on Friday.", title="\t=1+1", id="\r=2"),
                ],
            ),
            "--format",
            "geojson,csv,kml",
        ),
    )
    yield Case(
        "html: markup in text, title and url",
        folder_case(
            lambda f: jsonl(
                f,
                "markup.jsonl",
                [record(HOSTILE_TEXT, title=MARKUP[1], url="javascript:alert(4)")],
            ),
            "--format",
            "geojson,kml",
        ),
    )
    yield Case(
        "html: a page with scripts as input",
        folder_case(
            lambda f: (f / "page.html").write_text(
                f"<html><head><title>{MARKUP[0]}</title><script>alert(5)</script></head>"
                f"<body><article><p>{HOSTILE_TEXT}</p></article></body></html>"
            )
        ),
    )
    yield Case(
        "language: French and Arabic articles",
        folder_case(
            lambda f: jsonl(
                f,
                "lang.jsonl",
                [
                    record(
                        "Au moins cinq personnes ont été tuées vendredi dans un attentat selon "
                        "la police, qui fait état de blessés."
                    ),
                    record("قتل خمسة أشخاص على الأقل يوم الجمعة في انفجار سيارة مفخخة وسط بغداد"),
                ],
            )
        ),
        ("lang.jsonl:1: article 'lang:1' looks written in French", "lang.jsonl:2"),
    )
    yield Case(
        "pool: 250 articles with hostile ones among them",
        folder_case(
            lambda f: jsonl(
                f,
                "many.jsonl",
                [record(f"Rain fell on town {i}.") for i in range(240)]
                + [
                    '{"a": ' + deep(3000) + "}",
                    record("Yesterday a bomb killed two.", published="0001-01-01"),
                ],
            ),
            "--workers",
            "2",
        ),
        ("many.jsonl:241",),
    )
    yield Case(
        "dask: hostile lines on the Dask engine",
        folder_case(
            lambda f: jsonl(
                f,
                "dask.jsonl",
                [
                    '{"a": ' + deep(3000) + "}",
                    record("On March 3 a bomb killed two.", published="9999-12-31"),
                ],
            ),
            "--engine",
            "dask",
            "--workers",
            "1",
        ),
        ("dask.jsonl:1",),
        timeout=120.0,
    )
    yield Case(
        "disk: full while spooling incidents",
        lambda f: [*many_case(f), "--format", "kml", "--no-map"],
        ("is a disk full",),
        good=(),
        status=(2,),
        limit_file_size=512,
    )
    yield Case(
        "disk: full while writing KML (Python writer)",
        lambda f: ["--python", KML_FULL],
        # the write itself fails ("File too large") or the check after it finds the file
        # cut off, depending on where the limit falls: either way the file is named
        ("could not write", "incidents.kml"),
        good=(),
        status=(2,),
        limit_file_size=100,
    )
    for mode, said in (
        ("lon999", "outside the globe"),
        ("deep", "could not read the answer"),
        ("trickle", "did not answer within"),
        ("huge", "larger than"),
    ):
        yield Case(
            f"geocoder: {mode} answer",
            geocoder_case(mode, server),
            (said,),
            timeout=60.0,
            check_points=True,
        )
    yield Case(
        "map: a GIS-edited file with lat 999",
        lambda f: map_case(f),
        ("outside latitude -90..90",),
        good=(),
    )
    # the tenth session's cases: what a new user runs into
    yield Case(
        "folders: notes and PDFs beside the articles",
        folder_case(
            lambda f: (
                (f / "notes.md").write_text("# what to read"),
                (f / "report.pdf").write_bytes(b"%PDF-1.4"),
            )
        ),
        ("2 files not read", "1 .md, 1 .pdf"),
    )
    yield Case(
        "json: a record broken over two lines",
        folder_case(lambda f: jsonl(f, "split.jsonl", ['{"text": "A bomb', 'in Basra."}'])),
        ("split.jsonl:1", "must be on one line"),
    )
    yield Case(
        "json: a published date that is no date",
        folder_case(lambda f: jsonl(f, "dates.jsonl", [record(EXTRA, published="yesterday")])),
        ("warning: ", "dates.jsonl:1", "1 read with a warning"),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "cli: -q after the command",
        folder_case(lambda f: None, "-q"),
    )
    yield Case(
        "layer: a new layer of the Baghdad seed",  # an incident's fatalities NA in Int64
        layer_case,
    )
    yield Case(
        "geoparse: only a missing file",
        lambda f: ["geoparse", str(f / "missing.txt"), "-o", str(f / "places.jsonl")],
        ("missing.txt",),
        good=(),
        status=(1,),
    )
    yield Case(
        "eval: a corpus without gold toponyms",
        lambda f: eval_case(f),
        ("no gold toponyms",),
        good=(),
        status=(2,),
    )
    # the twelfth session's cases: files as a new user's tools save them, and outputs
    yield Case(
        "files: a gzip-compressed JSONL",
        folder_case(
            lambda f: (f / "articles.jsonl.gz").write_bytes(
                gzip.compress((json.dumps(record(EXTRA)) + "\n").encode())
            )
        ),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "files: Windows-1252 text with curly quotes",
        folder_case(
            lambda f: (f / "cp1252.txt").write_bytes(
                f"{EXTRA} A caf\xe9 owner called it \x93the worst day\x94.".encode("latin-1")
            )
        ),
        ("cp1252.txt",),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "files: UTF-16 text with a BOM",
        folder_case(lambda f: (f / "utf16.txt").write_bytes(EXTRA.encode("utf-16"))),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "files: UTF-8 with a BOM and Windows line endings before front matter",
        folder_case(
            lambda f: (f / "bom.txt").write_bytes(
                b"\xef\xbb\xbf"
                + f"---\r\ntitle: bom\r\npublished: {PUBLISHED}\r\n---\r\n\r\n{EXTRA}\r\n".encode()
            )
        ),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "csv: saved by a spreadsheet as CSV UTF-8 (BOM)",
        folder_case(
            lambda f: (f / "excel.csv").write_bytes(
                f'\ufefftext,published\r\n"{EXTRA}",{PUBLISHED}\r\n'.encode()
            )
        ),
        good=(*GOOD.values(), EXTRA),
    )
    yield Case(
        "json: records that name their text 'story'",
        folder_case(
            lambda f: jsonl(
                f, "body.jsonl", [{"story": EXTRA, "headline": "x"} for _ in range(200)]
            )
        ),
        ("body.jsonl:1", 'no "text" string'),
    )
    yield Case(
        "json: one line of 6 million characters between good ones",
        folder_case(
            lambda f: jsonl(f, "huge.jsonl", [record("Rain fell. " * 550_000), record(EXTRA)])
        ),
        ("huge.jsonl:1",),
        good=(*GOOD.values(), EXTRA),
        timeout=60.0,
    )
    yield Case(
        "output: the output folder is a file",
        lambda f: [*folder_case(lambda g: (g.parent / "out").write_text("x"))(f)],
        ("out",),
        good=(),
        status=(2,),
    )
    yield Case(
        "output: a read-only output folder",
        read_only_case,
        ("not writable",),
        good=(),
        status=(2,),
    )
    yield Case(
        "html: markup in a text file's front-matter title",
        folder_case(
            lambda f: (f / "titled.txt").write_text(
                f"---\ntitle: {MARKUP[2]} {MARKUP[0]}\npublished: {PUBLISHED}\n---\n\n"
                f"{HOSTILE_TEXT}\n"
            ),
            "--format",
            "geojson,kml,csv",
        ),
    )
    yield Case(
        "map: a .jsonl of incidents with a line cut in half",
        map_lines_case,
        ("incidents.jsonl:2",),
        good=(),
    )
    yield Case(
        "map: an edited file with markup in its title and place",
        lambda f: map_case(f, title=MARKUP[0], location=MARKUP[2]),
        good=(),
    )


def layer_case(folder: Path) -> list[str]:
    """Start a layer from the good articles and a seed, and export the layer to check it."""
    write_good(folder)
    seed = Path(__file__).resolve().parent.parent / "seeds" / "baghdad-drone-strike.txt"
    layer = str(folder.parent / "layer.gpkg")
    return [str(folder), str(seed), "--into", layer, "--format", "geojson"]


def eval_case(folder: Path) -> list[str]:
    """Write a gold corpus whose spans are under another key than ``toponyms``."""
    folder.mkdir(parents=True)
    places = [{"start": 12, "end": 17, "lat": 36.19, "lon": 44.01}]
    jsonl(folder, "gold.jsonl", [{"id": "a", "text": "Rockets hit Erbil.", "places": places}])
    return ["eval", str(folder / "gold.jsonl")]


def many_case(folder: Path) -> list[str]:
    """300 articles with long sentences: the spool outgrows a small disk."""
    folder.mkdir(parents=True)
    filler = ", ".join(["witnesses described chaos and grief in the crowded streets"] * 100)
    cities = ["Baghdad", "Mosul", "Basra", "Kirkuk", "Erbil", "Kabul", "Nairobi", "Aden"]
    jsonl(
        folder,
        "many.jsonl",
        [
            record(f"A car bomb killed {i % 9 + 2} people in {cities[i % 8]} on Friday, {filler}.")
            for i in range(300)
        ],
    )
    return [str(folder)]


KML_FULL = """
import sys
import pandas as pd
from incidentmap.errors import ExportError
from incidentmap.export import write_incidents
from incidentmap.frame import incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident, TimePrecision
incident = Incident(
    id="x", article_id="a", event_type=EventType.RIOTS, sub_event_type="Mob violence",
    event_date="2021-11-05", time_precision=TimePrecision.DAY, location="Baghdad",
    place_id=None, lat=33.3, lon=44.4, country_code="IQ", admin1=None,
    geo_precision=GeoPrecision.EXACT, evidence="Crowds burned cars. " * 20,
    evidence_start=0, evidence_end=400)
frame = pd.concat([incidents_frame([incident])] * 2000, ignore_index=True)
try:
    write_incidents(frame, "out/incidents.kml")
except ExportError as exc:
    print(f"incidentmap: error: {exc}", file=sys.stderr)
    sys.exit(2)
"""


def map_lines_case(folder: Path) -> list[str]:
    """Write the JSON lines of `incidents` with the second line cut in half by an edit."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "out").mkdir()
    lines = [
        json.dumps({"id": name, "event_type": "Riots", "lat": 33.3, "lon": lon, "evidence": text})
        for name, lon, text in (("a", 44.4, GOOD["good-baghdad"]), ("b", 44.5, EXTRA))
    ]
    source = folder / "incidents.jsonl"
    source.write_text("\n".join([lines[0], lines[1][:30], lines[1]]) + "\n", encoding="utf-8")
    return ["map", str(source), "-o", str(folder / "out" / "incidents.html")]


def read_only_case(folder: Path) -> list[str]:
    """Write the good articles; return the arguments that name an unwritable output folder.

    The folder is made read-only; root writes to any such folder, so as root the output
    is ``/proc/1``, which no one can write to.
    """
    write_good(folder)
    out = folder.parent / "ro-out"
    out.mkdir()
    out.chmod(0o555)
    return [str(folder), "-o", "/proc/1" if os.geteuid() == 0 else str(out)]


def fifo_case(folder: Path) -> list[str]:
    write_good(folder)
    os.mkfifo(folder.parent / "named.jsonl")
    return [str(folder.parent / "named.jsonl"), str(folder)]


def map_case(folder: Path, **properties: str) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "id": name,
                "event_type": "Riots",
                "evidence": MARKUP[1],
                **properties,
            },
        }
        for name, lon, lat in (("ok", 44.4, 33.3), ("far", 44.4, 999.0))
    ]
    (folder / "out").mkdir()
    source = folder / "edited.geojson"
    source.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return ["map", str(source), "-o", str(folder / "out" / "incidents.html")]


def run_case(case: Case, root: Path) -> Outcome:
    folder = root / "in"
    out = root / "out"
    root.mkdir(parents=True)
    args = case.build(folder)
    commands = (["map"], ["geoparse"], ["eval"], ["--python"])
    own_output = ["-o", str(out)] if "-o" not in args else []  # or the case's own
    argv = args if args[:1] in commands else ["run", *args, *own_output]
    if "--workers" not in argv and argv[0] == "run":
        argv += ["--workers", "1"]
    hook_log = root / "requests.log"
    hook_log.touch()
    command = [sys.executable, "-c", RUNNER, str(hook_log), *argv]
    if argv[0] == "--python":  # a writer called from Python, in the case folder
        out.mkdir()
        command = [sys.executable, "-c", argv[1]]

    def limits() -> None:
        if case.limit_file_size is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (case.limit_file_size * 1024,) * 2)

    started = time.monotonic()
    outcome = Outcome()
    try:
        done = subprocess.run(
            command,
            env={**os.environ, **ENV, "XDG_CACHE_HOME": str(root / "cache")},
            input=case.stdin if case.stdin is not None else b"",
            capture_output=True,
            timeout=case.timeout,
            preexec_fn=limits,
            cwd=root,
        )
        status, err = done.returncode, done.stderr.decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        status, err = -1, (exc.stderr or b"").decode("utf-8", "replace")
        outcome.notes.append(f"no exit within {case.timeout:g} s")
    outcome.seconds = time.monotonic() - started
    if status not in case.status or "Traceback" in err:
        outcome.crashes = 1
        outcome.notes.append(f"exit {status}: {err.strip().splitlines()[-1:] if err else ''}")
    outcome.requests = len(hook_log.read_text().splitlines())
    for said in case.reported:
        if said not in err:
            outcome.unreported += 1
            outcome.notes.append(f"not reported: {said!r}")
    outcome.lost = lost_records(out, case.good)
    outcome.scripts = injected(out if argv[0] != "map" else folder / "out")
    if case.limit_file_size is not None and (out / "incidents.kml").exists():
        outcome.unreported += 1  # a cut-off file left in place
        outcome.notes.append("a partial incidents.kml was left")
    if case.check_points:
        outcome.unreported += points_off_globe(out)
    return outcome


def lost_records(out: Path, good: tuple[str, ...]) -> int:
    path = out / "incidents.geojson"
    if not good:
        return 0
    if not path.exists():
        return len(good)
    evidence = {f["properties"].get("evidence") for f in json.loads(path.read_text())["features"]}
    return sum(not any(g in (e or "") for e in evidence) for g in good)


def injected(out: Path) -> int:
    """Injected markup left unescaped in HTML/KML, and CSV cells that would run as formulas."""
    found = 0
    html = out / "incidents.html"
    if html.exists():
        text = html.read_text(encoding="utf-8", errors="replace")
        found += sum(text.count(m) for m in MARKUP)
    kml = out / "incidents.kml"
    if kml.exists():
        ns = {"k": "http://www.opengis.net/kml/2.2"}
        try:
            descriptions = list(ElementTree.parse(kml).iterfind(".//k:description", ns))
        except ElementTree.ParseError:  # a cut-off file: counted by the disk case
            descriptions = []
        for node in descriptions:
            found += sum((node.text or "").count(m[:4]) for m in MARKUP)  # rendered as HTML
    table = out / "incidents.csv"
    if table.exists():
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                found += sum(_formula(cell) for cell in row)
    return found


def _formula(cell: str) -> bool:
    if not cell or cell[0] not in "=+-@\t\r":
        return False
    try:
        float(cell)
    except ValueError:
        return True
    return False


def points_off_globe(out: Path) -> int:
    """Count exported points off the globe, or placed by the hostile geocoder."""
    path = out / "incidents.geojson"
    if not path.exists():
        return 0
    bad = 0
    for feature in json.loads(path.read_text())["features"]:
        lon, lat = (feature.get("geometry") or {}).get("coordinates") or (0, 0)
        bad += not (-90 <= lat <= 90 and -180 <= lon <= 180)
        # the hostile server never answers a usable point: a place from it was wrapped
        bad += str(feature["properties"].get("place_id") or "").startswith("geocoder:")
    return bad


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-k", default="", help="only the cases whose name holds this text")
    parser.add_argument("--keep", metavar="DIR", help="keep each case's inputs and outputs here")
    args = parser.parse_args()
    from incidentmap.gazetteer.core import default_cache_dir

    ENV["INCIDENTMAP_CACHE_DIR"] = str(default_cache_dir())  # cases get their own user cache
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{httpd.server_address[1]}"
    totals = Outcome()
    tried = 0
    print(f"{'case':44} {'crash':>5} {'lost':>4} {'unrep':>5} {'script':>6} {'net':>3} {'s':>5}")
    with tempfile.TemporaryDirectory(prefix="redteam-") as scratch:
        tmp = args.keep or scratch
        for number, case in enumerate(cases(lambda: url)):
            if args.k not in case.name:
                continue
            tried += 1
            got = run_case(case, Path(tmp) / str(number))
            for name in ("crashes", "lost", "unreported", "scripts", "requests"):
                setattr(totals, name, getattr(totals, name) + getattr(got, name))
            print(
                f"{case.name[:44]:44} {got.crashes:5} {got.lost:4} {got.unreported:5} "
                f"{got.scripts:6} {got.requests:3} {got.seconds:5.1f}"
                + (f"  {'; '.join(got.notes)}" if got.notes else "")
            )
    httpd.shutdown()
    print()
    print(
        "| inputs tried | crashes | good records lost | unreported bad inputs "
        "| script executions | external requests |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {tried} | {totals.crashes} | {totals.lost} | {totals.unreported} "
        f"| {totals.scripts} | {totals.requests} |"
    )


if __name__ == "__main__":
    main()
