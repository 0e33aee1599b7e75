"""A codebook folder of one's own: a new sub-event type with its triggers, end to end.

A user copies the shipped codebook (or writes only the files they change), adds a
sub-event type to ``taxonomy.json`` and its trigger phrases to ``triggers.tsv``, and runs
``incidentmap run --codebook DIR``: the new type reaches the incidents, the GeoJSON and
the map. A bad row stops the run before any article is read, naming its file and line.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
from pathlib import Path

import pytest

from incidentmap.cli import main
from incidentmap.errors import InputError
from incidentmap.incidents import Taxonomy, extract_incidents
from incidentmap.incidents.casualties import find_casualties
from incidentmap.model import Article
from incidentmap.pipeline import Processor

SHIPPED = Path(__file__).resolve().parents[1] / "src" / "incidentmap" / "incidents" / "codebook"
RAMMING = (
    "Violence against civilians\tVehicle ramming\t0.95\t\t"
    "(?:rammed|ploughed|plowed|drove) (?:his |her |a |the )?(?:<w> )?(?:car|truck|van|lorry)"
    " into\n"
)
TEXT = "A man rammed his car into a crowd of shoppers in Berlin on Tuesday, killing two people."


def _codebook(folder: Path) -> Path:
    """A codebook with the sub-event type 'Vehicle ramming' (its other files: shipped)."""
    folder.mkdir()
    taxonomy = json.loads((SHIPPED / "en" / "taxonomy.json").read_text(encoding="utf-8"))
    for entry in taxonomy["event_types"]:
        if entry["event_type"] == "Violence against civilians":
            entry["sub_event_types"].append({"name": "Vehicle ramming", "priority": 83})
    (folder / "taxonomy.json").write_text(json.dumps(taxonomy), encoding="utf-8")
    triggers = (SHIPPED / "en" / "triggers.tsv").read_text(encoding="utf-8") + RAMMING
    (folder / "triggers.tsv").write_text(triggers, encoding="utf-8")
    return folder


def _kinds(taxonomy: Taxonomy | None) -> list[tuple[str, str]]:
    article = Article("x", TEXT, published=dt.date(2024, 3, 6))
    found = extract_incidents(article, [], taxonomy=taxonomy)
    return [(i.event_type.value, i.sub_event_type) for i in found]


def test_a_new_sub_event_type_in_a_codebook_folder_is_extracted(tmp_path: Path) -> None:
    mine = Taxonomy.from_codebook(_codebook(tmp_path / "mine"))
    assert _kinds(mine) == [("Violence against civilians", "Vehicle ramming")]
    assert _kinds(None) == [("Violence against civilians", "Attack")]  # shipped: unchanged
    assert len(mine.sub_event_types) == len(Taxonomy.default().sub_event_types) + 1


def test_a_processor_with_a_codebook_travels_to_worker_processes(tmp_path: Path) -> None:
    folder = _codebook(tmp_path / "mine")
    processor = Processor(None, taxonomy=Taxonomy.from_codebook(folder))  # type: ignore[arg-type]
    blob = pickle.dumps(processor)
    (folder / "triggers.tsv").unlink()  # a worker elsewhere has no copy of the folder
    copy = pickle.loads(blob)
    assert copy.taxonomy is not None
    assert any(s.name == "Vehicle ramming" for s in copy.taxonomy.sub_event_types)
    shipped = pickle.loads(pickle.dumps(Processor(None, taxonomy=Taxonomy.default())))  # type: ignore[arg-type]
    assert shipped.taxonomy is Taxonomy.default()


def test_run_with_a_codebook_puts_the_new_type_on_the_map(tmp_path: Path, gazetteer) -> None:
    folder = _codebook(tmp_path / "mine")
    article = tmp_path / "berlin.txt"
    article.write_text(f"---\npublished: 2024-03-06\n---\n{TEXT}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["-q", "run", str(article), "-o", str(out), "--codebook", str(folder)]) == 0
    (feature,) = json.loads((out / "incidents.geojson").read_text("utf-8"))["features"]
    assert feature["properties"]["sub_event_type"] == "Vehicle ramming"
    assert feature["properties"]["location"] == "Berlin"
    assert "Vehicle ramming" in (out / "incidents.html").read_text("utf-8")
    lines = tmp_path / "lines.jsonl"
    args = ["-q", "incidents", str(article), "-o", str(lines), "--codebook", str(folder)]
    assert main(args) == 0
    assert json.loads(lines.read_text("utf-8"))["sub_event_type"] == "Vehicle ramming"


def test_a_bad_codebook_row_stops_the_run_naming_file_and_line(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "triggers.tsv").write_text(
        "# my triggers\nBattles\tDogfight\t0.9\t\tdogfights?\n", encoding="utf-8"
    )
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code = main(["run", str(article), "-o", str(tmp_path / "o"), "--codebook", str(folder)])
    assert code == 2
    err = capsys.readouterr().err
    assert "triggers.tsv:2" in err and "Dogfight" in err
    assert not (tmp_path / "o").exists()  # stopped before the work


def test_a_folder_without_codebook_files_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="none of the codebook's files"):
        Taxonomy.from_codebook(tmp_path)
    with pytest.raises(InputError, match="no codebook folder"):
        Taxonomy.from_codebook(tmp_path / "missing")


def test_every_codebook_row_passes_its_examples() -> None:
    from incidentmap.incidents.checks import codebook_problems

    taxonomy = Taxonomy.default()
    assert len(taxonomy.retyping) >= 15 and len(taxonomy.furniture.rows) >= 20
    assert codebook_problems(taxonomy) == []


def test_a_rule_that_no_longer_fires_names_its_file_and_line(tmp_path: Path) -> None:
    from incidentmap.incidents.checks import codebook_problems

    folder = tmp_path / "mine"
    folder.mkdir()
    rules = (SHIPPED / "en" / "retyping.tsv").read_text(encoding="utf-8")
    broken = rules.replace(
        "mob in clause and no armed in clause\t", "mob in clause and no civilian in clause\t"
    )
    assert broken != rules
    (folder / "retyping.tsv").write_text(broken, encoding="utf-8")
    problems = codebook_problems(Taxonomy.from_codebook(folder))
    assert len(problems) == 1 and "retyping.tsv:" in problems[0]
    assert "does not re-type 'At least 9 people were killed in clashes" in problems[0]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "Battles: Armed clash\t\tRiots: Brawl\tA brawl.\t",
            r"retyping.tsv:2: unknown sub-event type 'Riots: Brawl'",
        ),
        (
            "Battles: Dogfight\t\tRiots: Mob violence\tA brawl.\t",
            r"retyping.tsv:2: unknown sub-event type 'Battles: Dogfight'",
        ),
        (
            "Battles: Armed clash\tbrawl in clause\tRiots: Mob violence\tA brawl.\t",
            r"retyping.tsv:2: bad condition 'brawl in clause'",
        ),
        (
            "Battles: Armed clash\tmob in paragraph\tRiots: Mob violence\tA brawl.\t",
            r"retyping.tsv:2: bad condition",
        ),
        (
            "Battles: Armed clash\t\tRiots: Mob violence\t\t",
            r"retyping.tsv:2: a rule needs an example",
        ),
        ("Battles: Armed clash\tRiots: Mob violence", r"retyping.tsv:2: expected 'from<TAB>when"),
    ],
)
def test_a_bad_retyping_row_names_its_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "retyping.tsv").write_text(f"# mine\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        Taxonomy.from_codebook(tmp_path)


def test_a_languages_number_words_are_a_codebook_file(tmp_path: Path) -> None:
    numbers = (SHIPPED / "en" / "numbers.tsv").read_text(encoding="utf-8")
    (tmp_path / "numbers.tsv").write_text(
        numbers + "unit\tdouze\t12\tDouze people were killed.\t12\n", encoding="utf-8"
    )
    words = Taxonomy.from_codebook(tmp_path).casualties
    found = find_casualties("Douze people were killed.", words=words)
    assert [(c.kind, c.count) for c in found] == [("killed", 12)]
    shipped = Taxonomy.default().casualties
    assert find_casualties("Douze people were killed.", words=shipped)[0].count is None
    (tmp_path / "numbers.tsv").write_text(
        "# mine\nunit\tdouze\ttwelve\tDouze.\t12\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"numbers.tsv:2: a unit row needs its number"):
        Taxonomy.from_codebook(tmp_path)


def test_a_filter_row_of_ones_own_drops_what_it_names(tmp_path: Path) -> None:
    filters = (SHIPPED / "en" / "filters.tsv").read_text(encoding="utf-8")
    row = "clause\tRiots\tin clause\t\\bfootball\\b\tFootball fans rioted.\tFans rioted.\n"
    (tmp_path / "filters.tsv").write_text(filters + row, encoding="utf-8")
    text = "Football fans rioted in Kano on Friday."
    article = Article("x", text, published=dt.date(2024, 3, 6))
    assert [i.event_type.value for i in extract_incidents(article, [])] == ["Riots"]
    assert extract_incidents(article, [], taxonomy=Taxonomy.from_codebook(tmp_path)) == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("sentence\tany\tjust after\tx\ta.\tb.", r"filters.tsv:2: unknown stage 'sentence'"),
        ("clause\tmost\tjust after\tx\ta.\tb.", r"filters.tsv:2: unknown 'applies to' 'most'"),
        ("clause\tany\tnear\tx\ta.\tb.", r"filters.tsv:2: unknown test 'near'"),
        ("clause\tany\tin clause\tcue nonsense\ta.\tb.", r"filters.tsv:2: unknown cue kind"),
        ("clause\tany\tin clause\t(unclosed\ta.\tb.", r"filters.tsv:2: bad pattern"),
        ("clause\tany\tin clause\tx\ta.\t", r"filters.tsv:2: a filter needs an example"),
    ],
)
def test_a_bad_filter_row_names_its_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    (tmp_path / "filters.tsv").write_text(f"# mine\n{row}\n", encoding="utf-8")
    with pytest.raises(InputError, match=message):
        Taxonomy.from_codebook(tmp_path)


def test_a_taxonomy_without_a_type_the_code_names_is_refused(tmp_path: Path) -> None:
    taxonomy = json.loads((SHIPPED / "en" / "taxonomy.json").read_text(encoding="utf-8"))
    for entry in taxonomy["event_types"]:
        entry["sub_event_types"] = [s for s in entry["sub_event_types"] if s["name"] != "Arrests"]
    (tmp_path / "taxonomy.json").write_text(json.dumps(taxonomy), encoding="utf-8")
    with pytest.raises(
        InputError, match=r"taxonomy.json: no sub-event type 'Strategic developments: Arrests'"
    ):
        Taxonomy.from_codebook(tmp_path)


def test_codebook_copy_then_check_names_a_broken_row(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "mine"
    assert main(["-q", "codebook", "copy", str(folder)]) == 0
    assert (folder / "retyping.tsv").is_file() and (folder / "triggers.tsv").is_file()
    assert main(["-q", "codebook", "copy", str(folder)]) == 2  # no silent overwrite
    assert main(["-q", "codebook", "check", str(folder)]) == 0
    capsys.readouterr()
    tolls = (folder / "tolls.tsv").read_text(encoding="utf-8")
    (folder / "tolls.tsv").write_text(tolls.replace("\tslain\t", "\tslayn\t"), encoding="utf-8")
    assert main(["codebook", "check", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "tolls.tsv:" in out and "Twelve villagers were slain." in out


def test_codebook_copy_onto_a_file_says_so(tmp_path: Path, capsys) -> None:
    taken = tmp_path / "notes.txt"
    taken.write_text("mine", encoding="utf-8")
    assert main(["codebook", "copy", str(taken)]) == 2
    err = capsys.readouterr().err
    assert "it is a file, not a folder" in err and "disk full" not in err
    assert taken.read_text(encoding="utf-8") == "mine"


def test_trigger_and_cue_rows_carry_examples_that_name_a_broken_row(tmp_path: Path) -> None:
    from incidentmap.incidents.checks import codebook_problems

    taxonomy = Taxonomy.default()
    assert all(t.must_match for t in taxonomy.triggers)
    assert all(c.must_match for c in taxonomy.cues.rows)
    triggers = (SHIPPED / "en" / "triggers.tsv").read_text(encoding="utf-8")
    (tmp_path / "triggers.tsv").write_text(
        triggers + "Battles\tArmed clash\t0.9\t\tdogfights?\n"  # no example
        "Battles\tArmed clash\t0.9\t\tskirmish(?:es)?\tTwo jets fought a dogfight.\n",
        encoding="utf-8",
    )
    problems = codebook_problems(Taxonomy.from_codebook(tmp_path))
    assert [p.split(": ", 1)[1][:40] for p in problems] == [
        "a trigger row needs an example it must m",
        "does not match 'Two jets fought a dogfig",
    ]


def test_a_macro_used_inside_another_macro_is_expanded() -> None:
    """``<civ>`` holds ``<w>``: a trigger or cue using ``<civ>`` reads "the village school"."""
    from incidentmap.incidents.cues import compile_pattern

    taxonomy = Taxonomy.default()
    pattern = compile_pattern("shelled <civ>", taxonomy.macros, where="test", line=1)
    assert "<w>" not in pattern.pattern
    assert pattern.search("Troops shelled the old village school on Monday.")


def test_the_shipped_codebook_has_one_public_home(tmp_path):
    from incidentmap.incidents.casualtywords import CasualtyWords
    from incidentmap.incidents.codebookfiles import CODEBOOK_FILES, shipped_folder, shipped_text

    assert main(["-q", "codebook", "copy", str(tmp_path / "mine")]) == 0
    for name in CODEBOOK_FILES:  # the copy a user edits is what the extractor reads
        assert (tmp_path / "mine" / name).read_text("utf-8") == shipped_text(name)
        assert shipped_folder().joinpath(name).is_file()
    words = CasualtyWords.parse(
        ("numbers.tsv", shipped_text("numbers.tsv")), ("tolls.tsv", shipped_text("tolls.tsv"))
    )
    assert words.numbers == CasualtyWords.default().numbers
    assert words.tolls == CasualtyWords.default().tolls
    with pytest.raises(InputError, match="not a codebook file"):
        shipped_text("../../model.py")


def test_a_codebook_row_without_tabs_is_counted_as_one_column(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "filters.tsv").write_text("# stage and test, tab-separated\nundated\n", "utf-8")
    with pytest.raises(InputError, match=r"filters\.tsv:2: .*got 1 column$"):
        Taxonomy.from_codebook(folder)
