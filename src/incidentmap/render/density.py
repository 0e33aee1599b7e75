"""A density view of results too large for one marker per incident.

Above :data:`MAP_LIMIT` incidents the map shows one marker per occupied grid cell
and event type instead, sized by the heat layer, whose popup gives the count. The
:class:`DensityGrid` is filled frame by frame, so it never needs the whole result
in memory: it holds one small record per occupied cell.

Examples
--------
>>> from incidentmap.frame import incidents_frame
>>> grid = DensityGrid(cell_degrees=1.0)
>>> grid.add(incidents_frame([]))
0
>>> len(grid.frame())
0
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..wording import plural

if TYPE_CHECKING:  # pragma: no cover
    import geopandas

__all__ = ["MAP_LIMIT", "DensityGrid", "density_frame"]

#: Largest result drawn as an incident map; larger results get a density map.
MAP_LIMIT = 100_000


@dataclass
class _Cell:
    count: int = 0
    latest: str | None = None
    background: bool = True


class DensityGrid:
    """Count incidents per grid cell and event type.

    Parameters
    ----------
    cell_degrees
        The side of a cell in degrees of latitude and longitude.
    """

    def __init__(self, *, cell_degrees: float = 0.1) -> None:
        self.cell_degrees = cell_degrees
        self.cells: dict[tuple[str, int, int], _Cell] = {}

    def add(self, gdf: geopandas.GeoDataFrame) -> int:
        """Count the located incidents of an incident frame; return how many were counted."""
        located = gdf[gdf["lat"].notna() & gdf["lon"].notna()]
        if not len(located):
            return 0
        ys = (located["lat"] / self.cell_degrees).round().astype(int).tolist()
        xs = (located["lon"] / self.cell_degrees).round().astype(int).tolist()
        types = located["event_type"].astype(str).tolist()
        dates = [None if d != d else str(d)[:10] for d in located["event_date"].tolist()]
        flags = located["background"].astype(bool).tolist()
        for etype, y, x, date, background in zip(types, ys, xs, dates, flags, strict=True):
            cell = self.cells.setdefault((etype, y, x), _Cell())
            cell.count += 1
            if date is not None and (cell.latest is None or date > cell.latest):
                cell.latest = date
            cell.background = cell.background and background
        return len(located)

    def frame(self) -> geopandas.GeoDataFrame:
        """Return one row per cell and type, in the incident schema (``sources`` = count)."""
        from ..frame import incidents_frame
        from ..model import EventType, GeoPrecision, Incident, TimePrecision

        size = self.cell_degrees
        rows = []
        for (etype, y, x), cell in sorted(self.cells.items()):
            text = f"{plural(cell.count, 'incident')} of this type in this {size}° cell"
            rows.append(
                Incident(
                    id=f"cell:{etype}:{y}:{x}",
                    article_id="",
                    event_type=EventType(etype),
                    sub_event_type="",
                    event_date=cell.latest,
                    time_precision=TimePrecision.MONTH,
                    location=None,
                    place_id=None,
                    lat=y * size,
                    lon=x * size,
                    country_code=None,
                    admin1=None,
                    geo_precision=GeoPrecision.REGION,
                    evidence=text,
                    evidence_start=0,
                    evidence_end=len(text),
                    confidence=1.0,
                    sources=cell.count,
                    background=cell.background,
                )
            )
        return incidents_frame(rows)


def density_frame(
    gdf: geopandas.GeoDataFrame, *, cell_degrees: float = 0.1
) -> geopandas.GeoDataFrame:
    """Bin incidents on a grid: one row per cell and event type, ``sources`` = count.

    The result has the incident schema, so the ordinary map draws it: a marker per
    occupied cell and type, sized by the heat layer, whose popup gives the count.
    """
    grid = DensityGrid(cell_degrees=cell_degrees)
    grid.add(gdf)
    return grid.frame()
