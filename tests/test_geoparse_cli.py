"""`incidentmap geoparse` and `incidentmap eval` on small files written by the tests."""

from __future__ import annotations

import json

import pytest

from incidentmap.cli import main
from incidentmap.gazetteer import Gazetteer
from test_geoparse_support import tiny_gazetteer

FIELDS = {"start", "end", "text", "lat", "lon", "place_id", "name", "country_code",
          "feature_code", "confidence", "kind", "metonym"}  # fmt: skip


@pytest.fixture(autouse=True)
def tiny(monkeypatch):
    gaz = tiny_gazetteer()
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls, **kw: gaz))


def write_jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_geoparse_writes_one_line_per_article(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("BAGHDAD — Iraqi police guarded the Green Zone.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["geoparse", str(src), "-o", str(out)]) == 0
    (record,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert record["id"] and [p["text"] for p in record["places"]] == [
        "BAGHDAD", "Iraqi", "Green Zone"]  # fmt: skip
    assert all(set(p) == FIELDS for p in record["places"])
    assert [p["kind"] for p in record["places"]] == ["dateline", "demonym", "place"]


def test_geoparse_no_demonyms(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text("Iraqi police guarded Baghdad.", encoding="utf-8")
    assert main(["geoparse", str(src), "--no-demonyms"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert [p["text"] for p in record["places"]] == ["Baghdad"]


def test_geoparse_given_mentions_and_a_bad_span(tmp_path, capsys):
    src = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {"id": "ok", "text": "Clashes in Ramadi.",
             "toponyms": [{"start": 11, "end": 17, "text": "Ramadi"}]},
            {"id": "bad", "text": "Clashes in Erbil.",
             "toponyms": [{"start": 11, "end": 99, "text": "Erbil"}]},
        ],
    )  # fmt: skip
    assert main(["geoparse", str(src), "--given-mentions"]) == 0
    captured = capsys.readouterr()
    records = [json.loads(line) for line in captured.out.splitlines()]
    assert records[0]["places"][0]["place_id"] == "g:ramadi"
    assert "Traceback" not in captured.err
    assert "gold.jsonl:2" in captured.err


def test_geoparse_odd_inputs_never_crash(tmp_path, capsys):
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "punct.txt").write_text("?!... —— ;;", encoding="utf-8")
    (tmp_path / "mixed.txt").write_text("Взрыв в Багдаде; Baghdad 巴格达.", encoding="utf-8")
    code = main(["geoparse", str(tmp_path)])
    captured = capsys.readouterr()
    assert code == 0 and "Traceback" not in captured.err
    by_id = {json.loads(line)["id"]: json.loads(line) for line in captured.out.splitlines()}
    texts = {i: [p["text"] for p in r["places"]] for i, r in by_id.items()}
    assert ["Baghdad"] in texts.values()


def test_eval_prints_metrics_and_json(tmp_path, capsys):
    src = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "a", "text": "Rockets hit Erbil, Iraq.",
          "toponyms": [{"start": 12, "end": 17, "text": "Erbil", "lat": 36.19, "lon": 44.01},
                       {"start": 19, "end": 23, "text": "Iraq", "lat": 33.0, "lon": 44.0}]}],
    )  # fmt: skip
    assert main(["eval", str(src), "--baseline"]) == 0
    text = capsys.readouterr().out
    assert "acc@161 1.000" in text and "population baseline" in text
    assert main(["eval", str(src), "--given-mentions", "--json"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["given mentions"]["acc161"] == 1.0


def test_geoparse_of_nothing_readable_exits_1(tmp_path, capsys):
    assert main(["geoparse", str(tmp_path / "missing.txt")]) == 1
    assert "missing.txt" in capsys.readouterr().err


@pytest.mark.parametrize("command", [["geoparse"], ["eval"], ["geoparse", "-o", "p.jsonl"]])
def test_a_skipped_line_is_said_as_every_command_says_it_even_with_q(command, tmp_path, capsys):
    src = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "a", "text": "Rockets hit Erbil.",
          "toponyms": [{"start": 12, "end": 17, "text": "Erbil", "lat": 36.19, "lon": 44.01}]}],
    )  # fmt: skip
    with src.open("a", encoding="utf-8") as out:
        out.write('{"id": "b", broken\n')
    name, *rest = command
    args = [arg if not arg.endswith(".jsonl") else str(tmp_path / arg) for arg in rest]
    assert main(["-q", name, str(src), *args]) == 0
    err = capsys.readouterr().err
    assert f"incidentmap: skipped: {src}:2: not valid JSON" in err


def test_geoparse_refuses_an_unwritable_output_before_any_work(tmp_path, capsys, monkeypatch):
    src = tmp_path / "a.txt"
    src.write_text("Clashes in Ramadi.", encoding="utf-8")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    opened = []
    monkeypatch.setattr(Gazetteer, "default", classmethod(lambda cls, **kw: opened.append(1)))
    assert main(["geoparse", str(src), "-o", str(tmp_path / "file" / "places.jsonl")]) == 2
    assert "places.jsonl" in capsys.readouterr().err and not opened


def test_geoparse_jsonl_output_is_replaced_atomically(tmp_path, capsys, monkeypatch):
    from incidentmap.geoparse import Geoparser

    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text("Clashes in Ramadi.", encoding="utf-8")
    out = tmp_path / "out" / "places.jsonl"
    out.parent.mkdir()
    out.write_text("previous run\n", encoding="utf-8")
    parse = Geoparser.parse
    calls = []

    def interrupted(self, article):
        calls.append(article.id)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return parse(self, article)

    monkeypatch.setattr(Geoparser, "parse", interrupted)
    argv = ["geoparse", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out)]
    assert main(argv) == 130
    assert out.read_text(encoding="utf-8") == "previous run\n"
    assert [p.name for p in out.parent.iterdir()] == ["places.jsonl"]  # no temporary file left


def test_eval_refuses_a_corpus_without_gold_toponyms(tmp_path, capsys):
    src = write_jsonl(tmp_path / "gold.jsonl", [{"id": "a", "text": "Rockets hit Erbil.",
                                                "places": [{"start": 12, "end": 17}]}])  # fmt: skip
    assert main(["eval", str(src)]) == 2
    assert "no gold toponyms" in capsys.readouterr().err


def test_eval_says_when_gold_toponyms_have_no_point(tmp_path, capsys, caplog):
    src = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "a", "text": "Rockets hit Erbil, Iraq.",
          "toponyms": [{"start": 12, "end": 17, "text": "Erbil", "lat": 36.19, "lon": 44.01},
                       {"start": 19, "end": 23, "text": "Iraq"}]}],
    )  # fmt: skip
    assert main(["eval", str(src)]) == 0
    assert "1 of 2 gold toponyms has no lat and lon: it is left out" in caplog.text
