"""The name index: longest match, flags, and its on-disk cache per gazetteer version."""

from __future__ import annotations

import pytest

from incidentmap.geoparse.lexicon import Lexicon
from incidentmap.geoparse.names import COMMON, DEMONYM, GAZ, ORG, STRONG_AREA, NameIndex
from test_geoparse_support import tiny_gazetteer


class Versioned:
    """The tiny gazetteer seen as a file-backed one with a version and a cache folder."""

    def __init__(self, gazetteer, cache_dir, version):
        self._g = gazetteer
        self.cache_dir = cache_dir
        self.version = version
        self.path = str(cache_dir / "gazetteer.sqlite")

    def __getattr__(self, name):
        return getattr(self._g, name)


def test_flags_of_the_built_index():
    index = NameIndex.build(tiny_gazetteer(), Lexicon.default())
    assert index.flags["baghdad"] & GAZ
    assert index.flags["iraqi"] & DEMONYM
    assert index.flags["state department"] & ORG
    assert index.flags["police"] & COMMON  # a town in Poland, and an everyday word
    assert index.flags["iraq"] & STRONG_AREA
    length, flags = index.longest(["sadr", "city", "market"], 0)
    assert length == 2 and flags & GAZ


def test_index_is_cached_per_version_and_rebuilt_when_it_changes(tmp_path, monkeypatch):
    lexicon = Lexicon.default()
    first = NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, "v1"), lexicon)
    assert len(list(tmp_path.glob("geoparse-names-v1-*.bin"))) == 1

    def no_build(*args, **kwargs):
        raise AssertionError("the cached index should have been loaded")

    monkeypatch.setattr(NameIndex, "build", classmethod(no_build))
    again = NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, "v1"), lexicon)
    assert again.flags == first.flags
    monkeypatch.undo()
    NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, "v2"), lexicon)
    # versions coexist (two installs sharing a cache); the gazetteer's pruning removes them
    names = sorted(p.name.split("-")[2] for p in tmp_path.glob("geoparse-names-*.bin"))
    assert names == ["v1", "v2"]


def test_a_corrupt_cache_file_is_rebuilt(tmp_path):
    lexicon = Lexicon.default()
    NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, "v1"), lexicon)
    (cached,) = tmp_path.glob("geoparse-names-v1-*.bin")
    cached.write_bytes(b"not a pickle")
    index = NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, "v1"), lexicon)
    assert index.flags["baghdad"] & GAZ


@pytest.mark.parametrize("version", ["", "records"])
def test_in_memory_gazetteers_are_not_cached(tmp_path, version):
    NameIndex.cached(Versioned(tiny_gazetteer(), tmp_path, version), Lexicon.default())
    assert list(tmp_path.glob("geoparse-names-*")) == []
