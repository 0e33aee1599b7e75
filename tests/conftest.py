"""Shared fixtures: one gazetteer cache for the whole run, and small helpers."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO = Path(__file__).resolve().parent.parent

# Tests never touch the user's cache: the index is built once into the repo's pytest cache
# (a clean clone builds it on the first test that needs it) unless the caller chose a folder.
os.environ.setdefault("INCIDENTMAP_CACHE_DIR", str(REPO / ".pytest_cache" / "incidentmap"))


@pytest.fixture(scope="session")
def gazetteer():
    """The embedded gazetteer (built on first use into the test cache folder)."""
    from incidentmap.gazetteer import Gazetteer

    return Gazetteer.default()


@pytest.fixture(scope="session")
def embedded(gazetteer):
    """A geoparser over the embedded gazetteer, shared by the tests of news forms."""
    from incidentmap.geoparse import Geoparser

    return Geoparser(gazetteer)


@pytest.fixture(scope="session")
def repo() -> Path:
    """The repository root."""
    return REPO


def _gazetteer_script(name: str) -> ModuleType:
    """Load the script ``gazetteer/NAME.py`` as a module."""
    spec = importlib.util.spec_from_file_location(name, REPO / "gazetteer" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def build_data() -> ModuleType:
    """``gazetteer/build_data.py``, the script that writes the embedded data, as a module."""
    return _gazetteer_script("build_data")


@pytest.fixture(scope="session")
def build_seats() -> ModuleType:
    """``gazetteer/build_seats.py``, the script that writes the seat tables, as a module."""
    return _gazetteer_script("build_seats")
