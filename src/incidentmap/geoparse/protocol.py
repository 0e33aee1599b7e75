"""What the geoparser needs of a gazetteer.

:class:`~incidentmap.gazetteer.Gazetteer` satisfies both protocols; a test or a caller
may pass any object with these methods (a few places in memory, another index).

Examples
--------
>>> from incidentmap.model import Place
>>> class Tiny:
...     erbil = Place("geonames:95446", "Erbil", 36.19, 44.01, "P", "PPLA", "IQ", "11", 932800)
...     def lookup_key(self, key, *, limit=50):
...         return [self.erbil] if key == "erbil" else []
...     def lookup(self, name, *, country=None, limit=20):
...         return self.lookup_key(name.lower(), limit=limit)
...     def country(self, code):
...         return None
>>> isinstance(Tiny(), PlaceLookup)
True
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..model import Place

if TYPE_CHECKING:  # pragma: no cover
    from ..gazetteer.index import NameStats

__all__ = ["NameSource", "PlaceLookup"]


@runtime_checkable
class PlaceLookup(Protocol):
    """Look places up by name: what the resolver and the recognizer ask of a gazetteer."""

    def lookup_key(self, key: str, *, limit: int = ...) -> Sequence[Place]:
        """Return the places of a name key (``normalize_name``), best first."""
        ...

    def lookup(self, name: str, *, country: str | None = ..., limit: int = ...) -> Sequence[Place]:
        """Return the places called ``name`` (in ``country`` if given), best first."""
        ...

    def country(self, code: str) -> Place | None:
        """Return the country with this ISO 3166-1 alpha-2 code, or ``None``."""
        ...


@runtime_checkable
class NameSource(PlaceLookup, Protocol):
    """A gazetteer that can also list its names, to build the recognizer's name index."""

    def iter_name_stats(self) -> Iterable[NameStats]:
        """Yield one record per name key with what the places of that name are."""
        ...
