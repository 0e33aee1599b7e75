"""The labelled layers of the offline basemap, cut to the area of a map's incidents.

The data file ``basemap-layers.json.gz`` (built by ``gazetteer/build_basemap.py`` from
GeoNames places and Natural Earth lines) holds, for the whole world: labels (countries,
first-level areas, populated places), each with the lowest zoom it is drawn at;
first-level borders, rivers and lakes as simplified lines cut into short pieces with
known bounds. A map keeps three tiers of it, so the page stays small:

- everywhere: country names, capitals and large cities (labels up to zoom
  :data:`WORLD_ZOOM`), long rivers and large lakes;
- in the incidents' bounding box plus a margin: first-level borders, all rivers and
  lakes, labels up to zoom :data:`REGION_ZOOM`;
- within about 1.5 degrees of an incident: every place label, down to villages
  (at most :data:`MAX_LABELS` labels in all; the least important go first).

Examples
--------
>>> layers = basemap_layers([33.34], [44.40])
>>> any(label[0] == "Baghdad" for label in layers["labels"])
True
>>> sorted(layers)
['admin1', 'countries', 'labels', 'lakes', 'rivers']
"""

from __future__ import annotations

import functools
import gzip
import json
import logging
from collections.abc import Sequence
from typing import Any

from ..errors import GazetteerError, RenderError

__all__ = [
    "LAYERS_FILE",
    "MAX_LABELS",
    "REGION_ZOOM",
    "WORLD_ZOOM",
    "basemap_layers",
    "country_names",
]

log = logging.getLogger(__name__)

#: Name of the gazetteer data file holding the labelled layers.
LAYERS_FILE = "basemap-layers.json.gz"
#: Labels drawn from this zoom or lower are kept for the whole world.
WORLD_ZOOM = 5
#: Labels drawn from this zoom or lower are kept in the incidents' box (plus margin).
REGION_ZOOM = 7
#: Rivers drawn from this zoom or lower are kept for the whole world.
WORLD_RIVER_ZOOM = 3
#: Lakes kept for the whole world (the largest first).
WORLD_LAKES = 80
#: Most labels a page carries.
MAX_LABELS = 30_000
#: Margin around the incidents' box, in degrees.
MARGIN = 2.0
#: Side of the cells near incidents that get every label, in degrees.
NEAR_CELL = 1.0

_EMPTY: dict[str, Any] = {"countries": {}, "labels": [], "admin1": [], "lakes": [], "rivers": []}


@functools.lru_cache(maxsize=1)
def _load() -> dict[str, Any]:
    from ..gazetteer.paths import data_file

    try:
        path = data_file(LAYERS_FILE)
    except GazetteerError as exc:
        log.warning("no labelled basemap (%s); the map shows country outlines only", exc)
        doc = json.loads(json.dumps(_EMPTY))
    else:
        try:
            with gzip.open(path, "rt", encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as exc:
            raise RenderError(f"cannot read the basemap layers {str(path)!r}: {exc}") from exc
    for key in _EMPTY:
        doc.setdefault(key, _EMPTY[key])
    import numpy as np

    doc["labels"].sort(key=lambda label: label[3])
    doc["label_arrays"] = {
        "lat": np.array([label[1] for label in doc["labels"]], dtype="float64"),
        "lon": np.array([label[2] for label in doc["labels"]], dtype="float64"),
        "z": np.array([label[3] for label in doc["labels"]], dtype="int64"),
        "kind": np.array([label[4] for label in doc["labels"]], dtype="int64"),
    }
    doc["boxes"] = {
        "admin1": [_box(line) for line in doc["admin1"]],
        "lakes": [_box(ring) for ring in doc["lakes"]],
        "rivers": [_box(r[2]) for r in doc["rivers"]],
    }
    return dict(doc)


def _box(flat: Sequence[float]) -> tuple[float, float, float, float]:
    xs, ys = flat[0::2], flat[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def basemap_layers(
    lats: Sequence[float], lons: Sequence[float], *, max_labels: int = MAX_LABELS
) -> dict[str, Any]:
    """Return the labels and lines to draw under incidents at ``lats``/``lons``.

    Parameters
    ----------
    lats, lons
        The incidents' coordinates (WGS 84). With none, only the world tier is kept.
    max_labels
        Most labels to keep; the labels of the highest zooms are dropped first.

    Returns
    -------
    dict
        ``countries`` (ISO code -> name), ``labels`` (``[name, lat, lon, zoom, kind, ...]``;
        kind 0 capital, 1 seat of a first-level area, 2 other place, 3 first-level area,
        4 country), ``admin1`` and ``rivers`` (``[name, zoom, [lon, lat, ...]]``) lines,
        ``lakes`` (outer rings, ``[lon, lat, ...]``).
    """
    import numpy as np

    doc = _load()
    lat = np.asarray(lats, dtype="float64")
    lon = np.asarray(lons, dtype="float64")
    ok = np.isfinite(lat) & np.isfinite(lon)
    lat, lon = lat[ok], lon[ok]
    if len(lat):
        box = (
            max(-180.0, float(lon.min()) - MARGIN),
            max(-90.0, float(lat.min()) - MARGIN),
            min(180.0, float(lon.max()) + MARGIN),
            min(90.0, float(lat.max()) + MARGIN),
        )
    else:
        box = (0.0, 0.0, -1.0, -1.0)  # empty: nothing is inside
    # Cells of NEAR_CELL degrees holding an incident, and their eight neighbours.
    width = int(360 / NEAR_CELL) + 3
    cells = np.unique(
        np.floor(lat / NEAR_CELL).astype("int64") * width
        + np.floor(lon / NEAR_CELL).astype("int64")
    )
    near = np.unique(
        np.concatenate([cells + dy * width + dx for dx in (-1, 0, 1) for dy in (-1, 0, 1)])
        if len(cells)
        else cells
    )
    table = doc["label_arrays"]
    llat, llon, lz, lkind = table["lat"], table["lon"], table["z"], table["kind"]
    inside = (llon >= box[0]) & (llon <= box[2]) & (llat >= box[1]) & (llat <= box[3])
    cell = np.floor(llat / NEAR_CELL).astype("int64") * width + np.floor(llon / NEAR_CELL).astype(
        "int64"
    )
    tier = np.full(len(lz), -1, dtype="int64")
    tier[inside & np.isin(cell, near)] = 2
    tier[inside & (lz <= REGION_ZOOM)] = 1
    tier[(lz <= WORLD_ZOOM) | (lkind == 4)] = 0
    keep = np.flatnonzero(tier >= 0)
    if len(keep) > max_labels:
        order = np.lexsort((lz[keep], tier[keep] == 2))
        keep = np.sort(keep[order[:max_labels]])
    # the labels are stored by zoom, so kept ones stay in zoom order
    labels = [doc["labels"][k] for k in keep.tolist()]
    boxes = doc.get("boxes", {"admin1": [], "lakes": [], "rivers": []})
    rivers = [
        r
        for r, b in zip(doc["rivers"], boxes["rivers"], strict=True)
        if r[1] <= WORLD_RIVER_ZOOM or _overlaps(b, box)
    ]
    lakes = [
        ring
        for k, (ring, b) in enumerate(zip(doc["lakes"], boxes["lakes"], strict=True))
        if k < WORLD_LAKES or _overlaps(b, box)
    ]
    admin1 = [
        line for line, b in zip(doc["admin1"], boxes["admin1"], strict=True) if _overlaps(b, box)
    ]
    return {
        "countries": doc["countries"],
        "labels": labels,
        "admin1": admin1,
        "lakes": lakes,
        "rivers": rivers,
    }


def country_names() -> dict[str, str]:
    """Return ISO code -> country name, from the layers file (empty if it is missing).

    >>> country_names()["IQ"]
    'Iraq'
    """
    return dict(_load()["countries"])
