"""The news spellings of GeoNames places (``gazetteer/data/place_aliases.tsv``).

The sentences are made up for the tests. The file's rule: a spelling in common use in
English-language news, which takes no name from a bigger place.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from incidentmap.errors import InputError
from incidentmap.gazetteer import Gazetteer
from incidentmap.gazetteer.aliases import PlaceAliases, read_place_aliases
from incidentmap.gazetteer.records import PlaceRecord
from incidentmap.geoparse import Geoparser
from test_geoparse_support import _p


@pytest.fixture(scope="module")
def aliases() -> dict[str, tuple[str, ...]]:
    errors: list[InputError] = []
    rows = read_place_aliases(report=errors.append)
    assert errors == []
    return rows


def test_the_file_is_read_without_errors_and_holds_real_rows(aliases) -> None:
    assert len(aliases) >= 60
    assert all(pid.startswith("geonames:") and names for pid, names in aliases.items())


def test_every_geonameid_is_a_place_of_the_embedded_data_named_as_the_file_says(
    gazetteer: Gazetteer, repo: Path
) -> None:
    path = repo / "gazetteer" / "data" / "place_aliases.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("geonameid\t"):
            continue
        geonameid, name, _ = line.split("\t")
        place = gazetteer.get(f"geonames:{geonameid}")
        assert place is not None, geonameid
        assert place.name == name, geonameid


def test_each_spelling_finds_its_place_and_never_a_smaller_one_before_a_bigger(
    gazetteer: Gazetteer, aliases
) -> None:
    for pid, names in aliases.items():
        place = gazetteer.get(pid)
        assert place is not None
        for name in names:
            found = gazetteer.lookup(name, limit=50)
            ids = [p.id for p in found]
            assert pid in ids, name
            # a bigger populated place bearing the name keeps the first rank
            ahead = ids[: ids.index(pid)]
            behind = found[ids.index(pid) + 1 :]
            bigger_behind = [
                p
                for p in behind
                if p.feature_class == "P" and (p.population or 0) > (place.population or 0)
            ]
            assert bigger_behind == [], (name, ahead, bigger_behind)


@pytest.mark.parametrize(
    ("text", "name", "country", "lat", "lon"),
    [
        ("Shelling was reported near Ras al-Ain in northeastern Syria on Monday.",
         "Ras al-Ain", "SY", 36.85, 40.07),
        ("Gunmen entered Kfar Aza in southern Israel at dawn.",
         "Kfar Aza", "IL", 31.48, 34.53),
        ("Fishermen were stranded at Kyaukphyu after the port closed.",
         "Kyaukphyu", "MM", 19.43, 93.55),
        ("Militants overran a base outside Harardhere in central Somalia.",
         "Harardhere", "SO", 4.65, 47.86),
        ("Tanks moved into Khuza'a, east of Khan Younis, at dawn.",
         "Khuza'a", "PS", 31.31, 34.36),
        ("Aid convoys left Mai Kadra for Humera on Tuesday.",
         "Mai Kadra", "ET", 14.07, 36.56),
    ],
)  # fmt: skip
def test_news_spellings_are_found_and_placed_in_the_geoparser(
    embedded: Geoparser, text: str, name: str, country: str, lat: float, lon: float
) -> None:
    found = {t.text: t.place for t in embedded.parse(text) if t.place is not None}
    place = found[name]
    assert place.country_code == country
    assert abs(place.lat - lat) < 0.2 and abs(place.lon - lon) < 0.2


def test_a_spelling_added_to_a_small_place_leaves_the_bigger_namesake_first(
    tmp_path: Path,
) -> None:
    # a made-up pair: the small town gets the big city's spelling as an alias
    path = tmp_path / "place_aliases.tsv"
    path.write_text(
        "geonameid\tgeonames_name\tnews_names\n2\tNorth Vale\tBig Harbour|Northvale\n",
        encoding="utf-8",
    )
    extra = PlaceAliases(read_place_aliases(path))
    big = _p("geonames:1", "Big Harbour", 10.0, 10.0, "P", "PPLA", "AA", pop=900_000)
    small = _p("geonames:2", "North Vale", 11.0, 11.0, "P", "PPL", "BB", pop=2_000)
    gaz = Gazetteer.from_records(
        extra.apply([PlaceRecord(big, ("Big Harbour",)), PlaceRecord(small, ("North Vale",))])
    )
    assert [p.id for p in gaz.lookup("Big Harbour")] == ["geonames:1", "geonames:2"]
    assert [p.id for p in gaz.lookup("Northvale")] == ["geonames:2"]
    assert extra.unused() == []


def test_bad_rows_are_reported_with_their_line_and_unknown_ids_are_named(
    tmp_path: Path,
) -> None:
    path = tmp_path / "place_aliases.tsv"
    path.write_text(
        "# a comment\ngeonameid\tgeonames_name\tnews_names\n"
        "x1\tSomewhere\tElsewhere\n3\tNowhere\t\n4\tThere\tHere|Hither\n",
        encoding="utf-8",
    )
    errors: list[InputError] = []
    rows = read_place_aliases(path, report=errors.append)
    assert rows == {"geonames:4": ("Here", "Hither")}
    assert [e.line for e in errors] == [3, 4]
    extra = PlaceAliases(rows)
    assert list(extra.apply([])) == []
    assert extra.unused() == ["geonames:4"]
