"""What every gazetteer reader yields: a place and all the names it goes by.

Examples
--------
>>> from incidentmap.model import Place
>>> p = Place(id="geonames:95446", name="Erbil", lat=36.19, lon=44.01, feature_class="P",
...           feature_code="PPLA", country_code="IQ", admin1="11", population=932800)
>>> rec = PlaceRecord(place=p, names=("Erbil", "Arbil", "Hawler"))
>>> rec.place.name, len(rec.names)
('Erbil', 3)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..errors import InputError
from ..model import Place

__all__ = ["PlaceRecord", "Reporter"]

#: Called with each bad row a reader skips (the error names file and line); the
#: reader then goes on with the next row.
Reporter = Callable[[InputError], None]


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """A gazetteer entry as read from a data file.

    Parameters
    ----------
    place
        The place (its ``name`` is the preferred name).
    names
        Every name the place is known by, the preferred name included, in any script.
        Readers keep them as written; the index normalises them.
    """

    place: Place
    names: tuple[str, ...] = ()
