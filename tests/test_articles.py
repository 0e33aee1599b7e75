from __future__ import annotations

import datetime as dt
import io
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from incidentmap.errors import InputError
from incidentmap.model import Article, GivenSpan
from incidentmap.text.articles import (
    iter_input_files,
    parse_published,
    read_articles,
    read_json_lines,
)

PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02"

HTML_PAGE = """<html><head><title>Dam breach floods valley | Example News</title>
<meta property="og:title" content="Dam breach floods valley">
<meta property="article:published_time" content="2023-09-12T08:15:00+02:00">
<link rel="canonical" href="https://news.example.org/dam-breach"></head>
<body><nav>Home | World | Sport</nav><article><h1>Dam breach floods valley</h1>
<p>Water from the broken dam above Vellmar reached the lower villages before dawn on
Tuesday, and rescue teams moved families to the school on the hill.</p>
<p>Officials said the reservoir had been rising for a week after heavy rain.</p>
</article><div class="comments"><h3>Comments</h3><p>Reader: I saw the water from my roof,
terrible night for everyone down there.</p></div><footer>Copyright</footer></body></html>
"""


def collect(*sources: str | Path, **options: str) -> tuple[list[Article], list[InputError]]:
    problems: list[InputError] = []
    articles = list(read_articles(*sources, report=problems.append, **options))
    return articles, problems


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def record(**fields: object) -> str:
    return json.dumps(fields) + "\n"


# --- formats ---------------------------------------------------------------------------------


def test_text_file_with_front_matter(tmp_path: Path) -> None:
    path = write(
        tmp_path / "quake.txt",
        "---\ntitle: Tremor shakes Orlavik\npublished: 2022-11-03T06:40:00+03:00\n"
        'url: "https://example.org/tremor"\nid: tremor-1\nauthor: desk\n---\n\n'
        "A tremor shook Orlavik.\n\nNo one was hurt.\n",
    )
    [article], problems = collect(path)
    assert problems == []
    assert article == Article(
        id="tremor-1",
        text="A tremor shook Orlavik.\n\nNo one was hurt.\n",
        title="Tremor shakes Orlavik",
        url="https://example.org/tremor",
        published=dt.date(2022, 11, 3),
        source=str(path),
    )


def test_text_file_without_front_matter_does_not_guess_a_title(tmp_path: Path) -> None:
    content = "Market reopens\n\nThe covered market in Darrow reopened on Monday.\n"
    [article], problems = collect(write(tmp_path / "market.txt", content))
    assert problems == []
    assert (article.id, article.title, article.text) == ("market", None, content)


def test_yaml_lists_and_comments_in_front_matter_are_skipped(tmp_path: Path) -> None:
    content = (
        "---\n# exported by the desk\ntitle: Ferry sinks\ntags:\n  - boats\n- weather\n"
        "authors: [desk]\npublished: '2021-07-09'\n---\nThe ferry sank.\n"
    )
    [article], problems = collect(write(tmp_path / "ferry.txt", content))
    assert problems == []
    assert (article.title, article.published, article.text) == (
        "Ferry sinks",
        dt.date(2021, 7, 9),
        "The ferry sank.\n",
    )


def test_dashes_without_key_value_lines_are_text(tmp_path: Path) -> None:
    content = "---\nA poem, not metadata\n---\nThe end.\n"
    [article], _ = collect(write(tmp_path / "poem.txt", content))
    assert article.text == content and article.title is None


def test_sidecar_metadata_and_front_matter_precedence(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "Bridge closed at Kestrel Ford.\n")
    write(tmp_path / "a.meta.json", json.dumps({"title": "Bridge", "date": "2020-01-02"}))
    write(tmp_path / "b.txt", "---\ntitle: From the file\n---\nFerry delayed.\n")
    write(tmp_path / "b.txt.meta.json", json.dumps({"title": "Sidecar", "url": "https://e.org/b"}))
    write(tmp_path / "c.txt", "Road reopened.\n")
    write(tmp_path / "c.meta.json", json.dumps({"published": "soon"}))
    (a, b, c), [problem] = collect(tmp_path)
    assert (a.title, a.published) == ("Bridge", dt.date(2020, 1, 2))
    assert (c.text, c.published) == ("Road reopened.\n", None)
    assert problem.source == str(tmp_path / "c.meta.json") and "'soon'" in str(problem)
    assert (b.title, b.url, b.text) == ("From the file", "https://e.org/b", "Ferry delayed.\n")


def test_html_page_main_text_title_and_date(tmp_path: Path) -> None:
    [article], problems = collect(write(tmp_path / "dam.html", HTML_PAGE))
    assert problems == []
    assert article.id == "dam"
    assert article.title == "Dam breach floods valley"
    assert article.published == dt.date(2023, 9, 12)
    assert article.url == "https://news.example.org/dam-breach"
    assert article.text.startswith("Water from the broken dam above Vellmar")
    assert "reservoir" in article.text
    assert "roof" not in article.text and "Home | World" not in article.text


def test_html_without_text_is_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.htm", "<html><body><script>var x = 1;</script></body></html>")
    articles, [problem] = collect(path)
    assert articles == []
    assert problem.source == str(path) and "no article text" in str(problem)


def test_json_lines_in_the_eval_corpus_shape(tmp_path: Path) -> None:
    text = "Smoke rose over Brenna after the depot fire."
    line = record(
        id="c-17",
        corpus="invented",
        title="Depot fire",
        url="https://example.org/depot",
        published="2019-06-30",
        text=text,
        toponyms=[
            {
                "start": 16,
                "end": 22,
                "text": "Brenna",
                "lat": 61.5,
                "lon": 9.25,
                "geonameid": 123456,
                "type": "city",
            },
        ],
    )
    path = write(tmp_path / "gold.jsonl", line + "\n" + record(text="Second story."))
    first, second = collect(path)[0]
    assert first.id == "c-17" and first.line == 1 and first.source == str(path)
    assert (first.title, first.published) == ("Depot fire", dt.date(2019, 6, 30))
    assert first.toponyms == (GivenSpan(16, 22, "Brenna", 61.5, 9.25, 123456),)
    assert (second.id, second.line, second.text) == ("gold:3", 3, "Second story.")


def test_crlf_and_bom_are_normalised_and_offsets_follow(tmp_path: Path) -> None:
    text = "\ufeffLine one.\r\nFloods in Tarrow.\r\nEnd."
    start = text.index("Tarrow")
    span = {"start": start, "end": start + 6, "text": "Tarrow"}
    [article], problems = collect(write(tmp_path / "x.ndjson", record(text=text, toponyms=[span])))
    assert problems == []
    assert article.text == "Line one.\nFloods in Tarrow.\nEnd."
    [given] = article.toponyms
    assert article.text[given.start : given.end] == "Tarrow"

    path = write(tmp_path / "crlf.txt", b"\xef\xbb\xbf---\r\ntitle: T\r\n---\r\n\r\nA\r\nB\r\n")
    [plain], _ = collect(path)
    assert (plain.title, plain.text) == ("T", "A\nB\n")


def test_json_object_and_array(tmp_path: Path) -> None:
    single = write(tmp_path / "one.json", json.dumps({"text": "Calm day.", "title": "Calm"}))
    array = write(
        tmp_path / "many.json",
        '[\n  {"text": "First."},\n  {"text": "Second.", "id": 7},\n  {"text": "Third."}\n]\n',
    )
    minified = write(tmp_path / "min.json", '[{"text": "a."},{"text": "b."}]')
    (one,), _ = collect(single)
    assert (one.id, one.title) == ("one", "Calm")
    many, problems = collect(array, minified)
    assert problems == []
    assert [(a.id, a.line) for a in many] == [
        ("many:1", 2),
        ("7", 3),
        ("many:3", 4),
        ("min:1", 1),
        ("min:2", 1),
    ]


def test_csv_with_header_variants(tmp_path: Path) -> None:
    content = (
        "ID,Headline,Date,Link,Body\r\n"
        'r1,Road cut,2021-02-01,https://e.org/1,"Landslide cut the road,\r\nnear Moss Hill."\r\n'
        "\r\n"
        ",Untitled,,,Short item.\r\n"
    )
    first, second = collect(write(tmp_path / "feed.csv", content))[0]
    assert (first.id, first.title, first.published, first.url) == (
        "r1",
        "Road cut",
        dt.date(2021, 2, 1),
        "https://e.org/1",
    )
    assert first.text == "Landslide cut the road,\nnear Moss Hill."
    assert (second.id, second.line, second.title, second.published) == (
        "feed:5",
        5,
        "Untitled",
        None,
    )


def test_csv_with_semicolons_or_tabs(tmp_path: Path) -> None:
    semicolons = write(tmp_path / "excel.csv", "Date;Text\n2020-01-02;Ice on the road, again.\n")
    tabs = write(tmp_path / "tabs.csv", "text\ttitle\nHail, then sun.\tWeather\n")
    first, second = collect(semicolons, tabs)[0]
    assert (first.text, first.published) == ("Ice on the road, again.", dt.date(2020, 1, 2))
    assert (second.text, second.title) == ("Hail, then sun.", "Weather")


def test_directories_are_read_recursively_in_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "z.txt", "Z story.")
    write(tmp_path / "b" / "a.jsonl", record(text="A story."))
    write(tmp_path / "a.csv", "text\nC story.\n")
    write(tmp_path / ".git" / "hidden.txt", "secret")
    write(tmp_path / ".hidden.txt", "secret")
    write(tmp_path / "b" / "z.meta.json", '{"title": "Zed"}')
    write(tmp_path / "notes.md", "# not an article")
    assert [p.relative_to(tmp_path).as_posix() for p in iter_input_files(tmp_path)] == [
        "a.csv",
        "b/a.jsonl",
        "b/z.txt",
    ]
    articles, problems = collect(tmp_path)
    assert problems == []
    assert [(a.text, a.title) for a in articles] == [
        ("C story.", None),
        ("A story.", None),
        ("Z story.", "Zed"),
    ]


def test_stdin_json_lines_and_plain_text(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = b"\n" + record(text="From a pipe.").encode() + b"not json\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    [article], [problem] = collect("-")
    assert (article.id, article.source, article.line) == ("stdin:2", "<stdin>", 2)
    assert (problem.source, problem.line) == ("<stdin>", 3)

    text = b"---\ntitle: Piped\n---\nPlain words.\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text)))
    [plain], _ = collect("-")
    assert (plain.id, plain.title, plain.text) == ("stdin", "Piped", "Plain words.\n")


# --- bad input -------------------------------------------------------------------------------


def test_missing_and_unreadable_files_are_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good = write(tmp_path / "good.txt", "Still read.")
    locked = write(tmp_path / "locked.txt", "Cannot open.")
    real_open = Path.open

    def deny(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", deny)
    articles, problems = collect(tmp_path / "missing.txt", locked, good)
    assert [a.text for a in articles] == ["Still read."]
    assert [(p.source, p.line) for p in problems] == [
        (str(tmp_path / "missing.txt"), None),
        (str(locked), None),
    ]
    assert "no such file" in str(problems[0]) and "Permission denied" in str(problems[1])
    assert str(problems[1]).startswith(f"{locked}: ")


def test_non_utf8_file_strict_and_replace(tmp_path: Path) -> None:
    # 0x81 and 0x9d are neither UTF-8 nor Windows-1252
    path = write(tmp_path / "odd.txt", b"Bombing\x81 in Sao Tom\x9d.")
    good = write(tmp_path / "z.txt", "Fine.")
    articles, [problem] = collect(path, good)
    assert [a.text for a in articles] == ["Fine."]
    assert (problem.source, problem.line, problem.verdict) == (str(path), 1, "skipped")
    assert "not UTF-8" in str(problem) and "0x81" in str(problem)

    [article], [again] = collect(path, encoding_errors="replace")
    assert article.text == "Bombing\ufffd in Sao Tom\ufffd."
    assert "not UTF-8" in str(again)


def test_non_utf8_line_in_json_lines_and_csv(tmp_path: Path) -> None:
    lines = record(text="ok one").encode() + b'{"text": "caf\x81"}\n' + record(text="ok 3").encode()
    jsonl = write(tmp_path / "mixed.jsonl", lines)
    csv_file = write(tmp_path / "mixed.csv", b"text\nok one\ncaf\x81\nok three\n")
    articles, problems = collect(jsonl, csv_file)
    assert [a.text for a in articles] == ["ok one", "ok 3", "ok one", "ok three"]
    assert [(p.source, p.line) for p in problems] == [(str(jsonl), 2), (str(csv_file), 3)]
    articles, _ = collect(csv_file, encoding_errors="replace")
    assert [a.text for a in articles] == ["ok one", "caf\ufffd", "ok three"]


def test_text_saved_on_windows_is_read_as_windows_1252_with_a_warning(tmp_path: Path) -> None:
    text = "Caf\u00e9 bombing in Sao Tom\u00e9 \u2014 \u201cthe worst day\u201d."
    path = write(tmp_path / "windows.txt", text.encode("cp1252"))
    [article], [problem] = collect(path)
    assert article.text == text
    assert (problem.source, problem.line, problem.verdict) == (str(path), 1, "warning")
    assert "read as Windows-1252" in str(problem) and "0xe9" in str(problem)
    table = write(tmp_path / "t.csv", "text\nok\n\u201cCaf\u00e9\u201d\n".encode("cp1252"))
    articles, [problem] = collect(table)
    assert [a.text for a in articles] == ["ok", "\u201cCaf\u00e9\u201d"]
    assert (problem.line, problem.verdict) == (3, "warning")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_text_with_a_bom_is_read(tmp_path: Path, codec: str) -> None:
    bom = {"utf-16-be": "\ufeff"}.get(codec, "")  # Python writes the BOM of utf-16 and utf-32
    page = "---\ntitle: Caf\u00e9\n---\n\nA bomb hit Sao Tom\u00e9."
    [article], problems = collect(write(tmp_path / "wide.txt", (bom + page).encode(codec)))
    assert (article.title, article.text, problems) == ("Caf\u00e9", "A bomb hit Sao Tom\u00e9.", [])
    lines = (bom + record(text="one") + record(text="two")).encode(codec)
    articles, problems = collect(write(tmp_path / "wide.jsonl", lines))
    assert [a.text for a in articles] == ["one", "two"] and problems == []


def test_gzip_compressed_files_are_read_as_the_file_they_hold(tmp_path: Path) -> None:
    import gzip

    write(tmp_path / "in" / "a.jsonl.gz", gzip.compress((record(text="one") + "[1]\n").encode()))
    write(tmp_path / "in" / "b.csv.gz", gzip.compress(b"text\ntwo\n"))
    write(tmp_path / "in" / "c.txt.gz", gzip.compress(b"---\ntitle: T\n---\n\nthree"))
    write(tmp_path / "in" / "broken.txt.gz", gzip.compress(b"four")[:-6])
    articles, problems = collect(tmp_path / "in")
    assert [(a.id, a.text) for a in articles] == [("a:1", "one"), ("b:2", "two"), ("c", "three")]
    assert [(Path(p.source).name, p.line) for p in problems] == [
        ("a.jsonl.gz", 2),
        ("broken.txt.gz", None),
    ]
    assert "cannot read the file" in str(problems[1])


def test_empty_articles_are_reported(tmp_path: Path) -> None:
    empty = write(tmp_path / "empty.txt", "")
    blank = write(tmp_path / "blank.txt", "---\ntitle: Nothing here\n---\n\n   \n")
    lines = write(tmp_path / "e.jsonl", record(text="  ") + record(text="Kept."))
    articles, problems = collect(empty, blank, lines)
    assert [a.text for a in articles] == ["Kept."]
    assert [(p.source, p.line) for p in problems] == [
        (str(empty), None),
        (str(blank), None),
        (str(lines), 1),
    ]
    assert all("empty article" in str(p) for p in problems)


def test_bad_json_lines_are_reported_and_the_rest_arrive(tmp_path: Path) -> None:
    content = (
        record(text="one")
        + '{"text": "broken\n'
        + "[1, 2]\n"
        + record(body="aliased text", title="Alias")
        + record(title="no text")
        + record(text=42)
        + record(text="six")
    )
    path = write(tmp_path / "bad.jsonl", content)
    articles, problems = collect(path)
    assert [(a.line, a.text) for a in articles] == [(1, "one"), (4, "aliased text"), (7, "six")]
    assert [p.line for p in problems] == [2, 3, 5, 6]
    assert all(p.source == str(path) for p in problems)
    assert str(problems[0]).startswith(f"{path}:2: not valid JSON")
    assert "JSON object" in str(problems[1])
    assert 'no "text"' in str(problems[2]) and "title" in str(problems[2])


def test_csv_without_text_column(tmp_path: Path) -> None:
    path = write(tmp_path / "wrong.csv", "id,headline\n1,Nothing\n")
    good = write(tmp_path / "right.csv", "Content\nRead anyway.\n")
    articles, [problem] = collect(path, good)
    assert [a.text for a in articles] == ["Read anyway."]
    assert (problem.source, problem.line) == (str(path), 1)
    assert "no text column" in str(problem) and "id, headline" in str(problem)


def test_unparseable_published_date_keeps_the_article(tmp_path: Path) -> None:
    txt = write(tmp_path / "d.txt", "---\ntitle: T\npublished: last Tuesday\n---\nBody.\n")
    lines = write(tmp_path / "d.jsonl", record(text="A.", published="31/31/2020"))
    articles, problems = collect(txt, lines)
    assert [(a.text, a.published) for a in articles] == [("Body.\n", None), ("A.", None)]
    assert [(p.source, p.line) for p in problems] == [(str(txt), 3), (str(lines), 1)]
    assert "'last Tuesday' is not a date" in str(problems[0])
    assert "kept without a date" in str(problems[1])


def test_bad_given_spans_are_reported(tmp_path: Path) -> None:
    spans = [
        {"start": 0, "end": 4, "text": "Oslo"},
        {"start": 5, "end": 9, "text": "Bergen"},
        {"start": "x", "end": 2},
        {"start": 10, "end": 99},
    ]
    path = write(tmp_path / "s.jsonl", record(text="Oslo and Bergen", toponyms=spans))
    [article], problems = collect(path)
    assert article.toponyms == (GivenSpan(0, 4, "Oslo"),)
    assert len(problems) == 3 and all(p.line == 1 for p in problems)


def test_binary_and_huge_files_do_not_crash(tmp_path: Path) -> None:
    png = write(tmp_path / "image.txt", PNG_BYTES)
    png_lines = write(tmp_path / "image.jsonl", PNG_BYTES * 3)
    huge = write(tmp_path / "huge.txt", "word " * 1_000_000)
    articles, problems = collect(png, png_lines, huge)
    assert [len(a.text) for a in articles] == [5_000_000]
    assert [p.source for p in problems] == [str(png), str(png_lines)]
    assert all("not a text file" in str(p) for p in problems)


def test_default_report_logs_a_warning(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path / "empty.txt", " ")
    with caplog.at_level(logging.WARNING, logger="incidentmap.input"):
        assert list(read_articles(path)) == []
    assert [r.name for r in caplog.records] == ["incidentmap.input"]
    assert str(path) in caplog.records[0].getMessage()


def test_unknown_encoding_error_handler_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="'maybe' is not a codec error handler"):
        read_articles(tmp_path, encoding_errors="maybe")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-02-29", dt.date(2024, 2, 29)),
        ("2024-02-29T23:59:59Z", dt.date(2024, 2, 29)),
        ("2024-02-29 10:00", dt.date(2024, 2, 29)),
        ("2024-03-01T01:00:00+05:30", dt.date(2024, 3, 1)),
        ("Fri, 01 Mar 2024 09:30:00 +0000", dt.date(2024, 3, 1)),
        ("1 Mar 2024 09:30:00 GMT", dt.date(2024, 3, 1)),
        ("9 October 2012", dt.date(2012, 10, 9)),
        ("Wednesday, December 7, 2016 8:56 AM", dt.date(2016, 12, 7)),
        ("DEC. 14, 2016", dt.date(2016, 12, 14)),
        ("Sept 4 2021", dt.date(2021, 9, 4)),
        (dt.datetime(2024, 3, 1, 8), dt.date(2024, 3, 1)),
        ("  ", None),
        (None, None),
    ],
)
def test_parse_published_accepts(value: str | None, expected: dt.date | None) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    "value",
    [
        "2023-02-30",
        "yesterday",
        "03/04/2021",
        "2021",
        "Dec 17, 20",
        "31 Smarch 2020",
        "30 Feb 2020",
    ],
)
def test_parse_published_refuses(value: str) -> None:
    with pytest.raises(InputError, match="is not a date; use YYYY-MM-DD"):
        parse_published(value)


# --- round trip ------------------------------------------------------------------------------

body_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_characters="\r\x00\ufeff"),
    min_size=1,
).filter(lambda text: text.strip() != "")
titles = st.text(
    alphabet=st.characters(categories=["L", "N", "Zs"]),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() == text and text != "")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(title=titles, published=st.dates(), body=body_text)
def test_front_matter_round_trip(tmp_path: Path, title: str, published: dt.date, body: str) -> None:
    path = tmp_path / "story.txt"
    header = f"---\ntitle: {title}\npublished: {published.isoformat()}\n---\n\n"
    path.write_text(header + body, encoding="utf-8", newline="")
    [article], problems = collect(path)
    assert problems == []
    assert (article.title, article.published, article.text) == (title, published, body)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pieces=st.lists(
        st.tuples(
            st.text(alphabet="ab \r\n\u00e9\U0001f600", max_size=6), st.sampled_from(["", "\r\n"])
        ),
        min_size=1,
        max_size=8,
    ),
    bom=st.booleans(),
)
def test_given_spans_follow_line_ending_normalisation(
    tmp_path: Path, pieces: list[tuple[str, str]], bom: bool
) -> None:
    mention = "Qarth"
    raw = ("\ufeff" if bom else "") + "".join(a + b for a, b in pieces)
    start = len(raw) // 2
    raw = raw[:start] + mention + raw[start:]
    span = {"start": start, "end": start + len(mention), "text": mention}
    path = tmp_path / "spans.jsonl"
    path.write_text(record(text=raw, toponyms=[span]), encoding="utf-8")
    [article], problems = collect(path)
    assert problems == []
    assert "\r" not in article.text and not article.text.startswith("\ufeff")
    [given_span] = article.toponyms
    assert article.text[given_span.start : given_span.end] == mention


def test_json_lines_in_parts_match_the_whole_file(tmp_path: Path) -> None:
    lines = [record(text=f"Story {n}.") for n in range(1, 7)]
    lines[3] = "{broken\n"
    path = write(tmp_path / "parts.jsonl", "".join(lines))
    whole, whole_problems = collect(path)
    parts: list[Article] = []
    problems: list[InputError] = []
    offset = 0
    for first in (1, 3, 5):
        size = len("".join(lines[first - 1 : first + 1]).encode())
        parts += read_json_lines(
            path, offset=offset, first_line=first, max_lines=2, report=problems.append
        )
        offset += size
    assert parts == whole and [a.id for a in parts] == [
        "parts:1",
        "parts:2",
        "parts:3",
        "parts:5",
        "parts:6",
    ]
    assert [(p.source, p.line) for p in problems] == [(str(path), 4)]
    assert [str(p) for p in problems] == [str(p) for p in whole_problems]


def test_problems_that_keep_the_article_are_warnings_not_skips(tmp_path: Path, capsys) -> None:
    from incidentmap.commands._common import problem_count, problem_printer

    lines = write(
        tmp_path / "w.jsonl",
        record(text="Kept one.", published="yesterday")
        + record(text="Kept two.", country="Iraq")
        + record(text="Kept three.", toponyms=[{"start": 0, "end": 99}])
        + "not JSON\n",
    )
    articles, problems = collect(lines)
    assert [a.text for a in articles] == ["Kept one.", "Kept two.", "Kept three."]
    assert [(p.line, p.kept, p.verdict) for p in problems] == [
        (1, True, "warning"),
        (2, True, "warning"),
        (3, True, "warning"),
        (4, False, "skipped"),
    ]
    printed: list[InputError] = []
    for problem in problems:
        problem_printer(printed)(problem)
    err = capsys.readouterr().err
    assert "incidentmap: warning: " + str(problems[0]) in err
    assert "incidentmap: skipped: " + str(problems[3]) in err
    assert problem_count(printed) == "1 input skipped, 3 read with a warning"


def test_a_json_line_broken_over_two_lines_says_so(tmp_path: Path) -> None:
    path = write(tmp_path / "split.jsonl", '{"text": "A bomb\nin Baghdad."}\n' + record(text="ok"))
    articles, problems = collect(path)
    assert [a.text for a in articles] == ["ok"]
    first = str(problems[0])
    assert first.startswith(f"{path}:1: not valid JSON (Unterminated string starting at column")
    assert "at at" not in first and "must be on one line" in first


def test_files_of_other_types_in_a_folder_are_counted_in_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    write(tmp_path / "notes.md", "# not an article")
    write(tmp_path / "sub" / "report.pdf", b"%PDF-1.4")
    write(tmp_path / "sub" / "sitemap.xml", "<urlset></urlset>")
    write(tmp_path / "sub" / "README", "read me")
    write(tmp_path / "z.txt", "Z story.")
    write(tmp_path / "z.meta.json", '{"title": "Zed"}')  # a sidecar: not counted
    with caplog.at_level(logging.INFO, logger="incidentmap.input"):
        articles, problems = collect(tmp_path)
    assert [a.text for a in articles] == ["Z story."] and problems == []
    notes = [r.getMessage() for r in caplog.records if "not read" in r.getMessage()]
    assert notes == [
        f"{tmp_path}: 4 files not read, of types that are not articles "
        "(1 (no extension), 1 .md, 1 .pdf, 1 .xml (not a feed)); articles are .txt, .html, "
        ".jsonl, .json and .csv files and RSS/Atom feeds"
    ]
