r"""Extra names of GeoNames places: the spellings news copy uses (``place_aliases.tsv``).

News copy spells many towns otherwise than GeoNames does ("Kfar Aza" for GeoNames'
"Kfar ‘Azza", "Kyaukphyu" for "Kyaukpyu"), and no general respelling rule finds them
without sending other names astray. ``gazetteer/data/place_aliases.tsv`` is our own list
of such spellings, keyed by geonameid; :func:`with_aliases` adds them to the places of
the embedded data as they are indexed. The file lies in ``gazetteer/data`` so that the
folder stays the one input of the index: the index key is made of that folder's files,
and a change to the list rebuilds the index.

Format: UTF-8, tab-separated, ``#`` comment lines, a header
``geonameid, geonames_name, news_names``; ``news_names`` separated by ``|``. The
``geonames_name`` column is for the reader (and the tests); the place keeps its own name.

Examples
--------
>>> import pathlib, tempfile
>>> from incidentmap.model import Place
>>> path = pathlib.Path(tempfile.mkdtemp()) / "place_aliases.tsv"
>>> _ = path.write_text("# test\ngeonameid\tgeonames_name\tnews_names\n"
...                     "1\tKyaukpyu\tKyaukphyu|Kyauk Phyu\n", encoding="utf-8")
>>> aliases = read_place_aliases(path)
>>> aliases["geonames:1"]
('Kyaukphyu', 'Kyauk Phyu')
>>> place = Place(id="geonames:1", name="Kyaukpyu", lat=19.43, lon=93.55,
...               feature_class="P", feature_code="PPL", country_code="MM")
>>> extra = PlaceAliases(aliases)
>>> [r.names for r in extra.apply([PlaceRecord(place, ("Kyaukpyu",))])]
[('Kyaukpyu', 'Kyaukphyu', 'Kyauk Phyu')]
>>> extra.unused()
[]
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import InputError
from .dumpfiles import read_rows, report_skipped
from .records import PlaceRecord, Reporter

__all__ = ["ALIAS_COLUMNS", "PlaceAliases", "read_place_aliases", "report_unused"]

#: Header of ``place_aliases.tsv``.
ALIAS_COLUMNS = ("geonameid", "geonames_name", "news_names")


def _parse(cols: list[str]) -> tuple[str, str, tuple[str, ...]] | None:
    if tuple(cols) == ALIAS_COLUMNS:
        return None
    if len(cols) != len(ALIAS_COLUMNS):
        raise ValueError(f"expected {len(ALIAS_COLUMNS)} columns, found {len(cols)}")
    geonameid, name, news = (c.strip() for c in cols)
    if not geonameid.isdigit():
        raise ValueError(f"geonameid {geonameid!r} is not a number")
    names = tuple(dict.fromkeys(n.strip() for n in news.split("|") if n.strip()))
    if not names:
        raise ValueError("no news name given")
    return f"geonames:{geonameid}", name, names


def read_place_aliases(
    path: str | Path | None = None, *, report: Reporter | None = None
) -> dict[str, tuple[str, ...]]:
    """Return the extra names of ``place_aliases.tsv`` by place id (``geonames:<id>``).

    Parameters
    ----------
    path
        The file; by default the embedded ``gazetteer/data/place_aliases.tsv``.
    report
        Called with an :class:`~incidentmap.errors.InputError` for each skipped row.
    """
    if path is None:
        from .paths import data_file

        path = data_file("place_aliases.tsv")
    aliases: dict[str, tuple[str, ...]] = {}
    for place_id, _name, names in read_rows(path, _parse, report=report, comments=True):
        aliases[place_id] = tuple(dict.fromkeys((*aliases.get(place_id, ()), *names)))
    return aliases


@dataclass(frozen=True, slots=True)
class PlaceAliases:
    """Adds the extra names to the records that bear their ids, and remembers which did.

    Parameters
    ----------
    aliases
        Extra names by place id, as :func:`read_place_aliases` returns them.
    """

    aliases: dict[str, tuple[str, ...]]
    _seen: set[str] = field(default_factory=set)

    def apply(self, records: Iterable[PlaceRecord]) -> Iterator[PlaceRecord]:
        """Yield ``records``, each with its extra names added after its own."""
        for rec in records:
            extra = self.aliases.get(rec.place.id)
            if extra is not None:
                self._seen.add(rec.place.id)
                rec = replace(rec, names=tuple(dict.fromkeys((*rec.names, *extra))))
            yield rec

    def unused(self) -> list[str]:
        """Return the ids of the list that no record applied so far bore."""
        return sorted(set(self.aliases) - self._seen)


def report_unused(extra: PlaceAliases, *, source: str, report: Reporter | None) -> None:
    """Report each alias row whose geonameid is not among the places indexed."""
    for place_id in extra.unused():
        report_skipped(
            report,
            InputError(f"no place {place_id} in the embedded data; names unused", source=source),
        )
