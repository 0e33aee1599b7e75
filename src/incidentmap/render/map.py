"""The incident map: one self-contained, offline HTML page per incident frame.

:func:`incident_map` returns a :class:`folium.Map` whose page inlines Leaflet and
Leaflet.heat (read from installed PyPI packages), the country outlines of the
offline basemap, and the incidents as one JSON document from which the page's own
scripts (``static/*.js``) draw markers, grid clusters, layers, heat map, legend and
time filter. No script or stylesheet is loaded by URL; online tiles are offered in the
layer control and only fetched if a viewer switches them on.

Examples
--------
>>> import geopandas, shapely
>>> from incidentmap.frame import normalize_incidents_frame
>>> gdf = normalize_incidents_frame(geopandas.GeoDataFrame(
...     {"event_type": ["Protests"], "evidence": ["Crowds marched in Basra."]},
...     geometry=[shapely.Point(47.78, 30.51)], crs="EPSG:4326"))
>>> world = geopandas.GeoDataFrame({"name": ["Iraq"]},
...     geometry=[shapely.box(38.8, 29.1, 48.6, 37.4)], crs="EPSG:4326")
>>> page = map_html(incident_map(gdf, basemap=world))
>>> "incidentmapInit" in page and "<script src=" not in page
True
"""

from __future__ import annotations

import html
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from branca.element import Element

from ..errors import RenderError
from ..wording import plural, verb
from .assets import inline_script, inline_style, offline_assets, static_text
from .basemap import BasemapSource, basemap_geojson
from .layers import basemap_layers
from .payload import build_payload, data_block, safe_json

if TYPE_CHECKING:  # pragma: no cover
    import folium
    import geopandas

__all__ = ["ONLINE_TILES", "incident_map", "map_html", "save_map"]

log = logging.getLogger(__name__)

#: Online tile layers offered in the layer control (fetched only when switched on).
ONLINE_TILES: tuple[dict[str, Any], ...] = (
    {
        "name": "OpenStreetMap (online)",
        "url": "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "attribution": "&copy; OpenStreetMap contributors",
        "maxZoom": 19,
    },
)

#: The page's own scripts (in static/), in load order.
CLIENT_SCRIPTS = (
    "popup.js",
    "controls.js",
    "timeline.js",
    "filters.js",
    "summary.js",
    "basemap.js",
    "gridcluster.js",
    "incidentmap.js",
)

#: Basemap layers longer than this (characters of JSON) are embedded gzip-compressed.
LAYERS_COMPRESS_ABOVE = 1_000_000

_OFFLINE_LABEL = "Offline basemap (places, borders, rivers)"
_MAX_ZOOM = 18
_SINGLE_ZOOM = 10
_UNCLUSTERED_LIMIT = 5_000


class _Raw(Element):
    """Text placed into the page as is (branca would otherwise compile it as a template)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._text = text

    def render(self, **kwargs: Any) -> str:
        return self._text


class IncidentLayer(Element):
    """The incidents, basemap and client script of one map, added to the page on render.

    Parameters
    ----------
    payload
        The document of :func:`incidentmap.render.payload.build_payload`, with ``config``.
    basemap
        Country outlines as GeoJSON.
    layers
        Labels, first-level borders, rivers and lakes (:func:`.layers.basemap_layers`).
    """

    def __init__(
        self, payload: dict[str, Any], basemap: dict[str, Any], layers: dict[str, Any]
    ) -> None:
        super().__init__()
        self._name = "IncidentLayer"
        self.payload = payload
        self.basemap = basemap
        self.layers = layers

    def render(self, **kwargs: Any) -> str:
        """Add the inlined assets, the data and the start-up call to the page."""
        figure: Any = self.get_root()
        parent = self._parent
        if parent is None or not hasattr(figure, "header"):
            raise RenderError("the incident layer must be added to a folium.Map before rendering")
        name = self.get_name()
        assets = offline_assets()
        head = [
            inline_style(assets.leaflet_css),
            inline_style(static_text("incidentmap.css")),
            inline_script(assets.leaflet_js),
            # Leaflet derives its default icon path from its stylesheet's URL, which an
            # inlined stylesheet lacks: point it at data: URIs (for folium.Marker users).
            inline_script(
                'L.Icon.Default.imagePath = "";'
                f"L.Icon.Default.mergeOptions({safe_json(assets.icon_urls)});"
            ),
        ]
        if assets.heat_js is not None:
            head.append(inline_script(assets.heat_js))
        head.extend(inline_script(static_text(name)) for name in CLIENT_SCRIPTS)
        figure.header.add_child(_Raw("\n".join(head)), name="incidentmap_assets")
        data_id, basemap_id = f"{name}_data", f"{name}_basemap"
        layers_id = f"{name}_layers"
        figure.html.add_child(
            _Raw(
                f"{data_block(self.payload, data_id)}\n"
                f'<script type="application/json" id="{basemap_id}">'
                f"{safe_json(self.basemap)}</script>\n"
                f"{data_block(self.layers, layers_id, compress_above=LAYERS_COMPRESS_ABOVE)}"
            ),
            name=f"{name}_json",
        )
        figure.script.add_child(
            _Raw(
                f'incidentmapInit({parent.get_name()}, "{data_id}", "{basemap_id}", "{layers_id}");'
            ),
            name=name,
        )
        return ""


def _as_frame(gdf: Any) -> geopandas.GeoDataFrame:
    import geopandas as gpd

    from ..frame import INCIDENT_COLUMNS, normalize_incidents_frame

    if not isinstance(gdf, gpd.GeoDataFrame):
        raise RenderError(
            f"incident_map needs a GeoDataFrame of incidents (incidents_frame), "
            f"not {type(gdf).__name__!r}"
        )
    crs_ok = gdf.crs is not None and gdf.crs.to_epsg() == 4326
    if crs_ok and all(c in gdf.columns for c in INCIDENT_COLUMNS):
        return gdf
    return normalize_incidents_frame(gdf)


def _view(payload: dict[str, Any], min_confidence: float, show_background: bool) -> Any:
    """Bounds of the incidents shown at first (all of them if none is shown)."""
    rows = [
        i
        for i in range(payload["n"])
        if payload["conf"][i] >= min_confidence and (show_background or not payload["bg"][i])
    ] or list(range(payload["n"]))
    if not rows:
        return None
    lats = [payload["lat"][i] for i in rows]
    lons = [payload["lon"][i] for i in rows]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def incident_map(
    gdf: geopandas.GeoDataFrame,
    *,
    title: str | None = None,
    show_background: bool = False,
    min_confidence: float = 0.4,
    basemap: BasemapSource = None,
    heatmap: bool = True,
    cluster: bool = True,
    labels: bool = True,
) -> folium.Map:
    """Draw incidents on an offline, layered map.

    Parameters
    ----------
    gdf
        Incidents in the schema of :func:`incidentmap.frame.incidents_frame` (a frame
        missing columns or in another CRS is normalised first). Rows without a point
        are left off, with a logged warning saying how many.
    title
        Page title and a banner on the map.
    show_background
        Show background (generic, habitual) incidents from the start; viewers can
        switch them on either way.
    min_confidence
        Incidents below this confidence start hidden in a "Low confidence" layer.
    basemap
        Country outlines: ``None`` for the gazetteer's simplified Natural Earth file,
        a GeoJSON path, or a GeoDataFrame.
    heatmap, cluster
        Offer a heat-map layer; cluster markers when zoomed out.
    labels
        Draw the labelled basemap (place, area and country names by zoom,
        first-level borders, rivers and lakes; see :mod:`incidentmap.render.layers`);
        ``False`` leaves the country outlines only.

    Returns
    -------
    folium.Map
        Save it with :func:`save_map` (atomic) or ``Map.save``.

    Notes
    -----
    The page offers, all offline:

    - one layer per event type present (colour and SVG glyph from
      ``static/event_types.json``), "Areas" (outlines such as the Green Zone, on), a
      heat map (off), "Background incidents" and "Low confidence" (off unless asked);
    - grid clusters when zoomed out (a disc per group with the count and a ring of type
      colours; click to zoom in, or to list incidents that share one spot);
    - an offline vector basemap: country outlines, first-level borders and names,
      rivers and lakes, and place names that appear by zoom (capitals and large cities
      first; villages and curated landmarks near the incidents at city zoom), see
      :mod:`incidentmap.render.layers`; online OpenStreetMap tiles in the layer control;
    - popups with type and sub-type, date and its precision, place and its precision,
      casualties, actors, the evidence sentence with the place highlighted, the source as a
      link (http/https only), confidence and the number of merged reports; tooltips with
      type and date; a legend with the counts of what is in view;
    - a filter panel (country, sub-event type, actor, minimum fatalities, marker size by
      fatalities) and a search box over place names and report text;
    - a timeline: one range slider over a date axis spanning the incidents shown at
      first, a histogram of events and fatalities per week or month, play and pause; an
      incident is shown while its date range (a day, a week or a month, by time
      precision) overlaps the chosen range; undated ones have their own switch;
    - a collapsible summary of the incidents shown by type, country and month;
    - ``window.incidentmap``: ``ready``, ``visibleCount()``, ``visibleIds()``,
      ``types()``, ``dateRange()``, ``setDateRange(from, to)``, ``axis()``, ``play()``,
      ``pause()``, ``inViewCount()``, ``inViewByType()``, ``labels()``, ``search(q)``,
      ``setFilters({country, sub, actor, minFatalities, sizeByFatalities})`` for tests
      and notebooks.

    Article text is only ever written into the page as text. Data larger than 8 MB of
    JSON is embedded gzip-compressed (see :mod:`incidentmap.render.payload`).
    """
    import folium

    if not 0.0 <= float(min_confidence) <= 1.0:
        raise RenderError(f"min_confidence must be between 0 and 1, not {min_confidence!r}")
    frame = _as_frame(gdf)
    payload, skipped = build_payload(frame)
    if skipped:
        log.warning(
            "%d of %s %s no point and %s left off the map",
            skipped,
            plural(len(frame), "incident"),
            verb(skipped, "has", "have"),
            verb(skipped, "is", "are"),
        )
    if not cluster and payload["n"] > _UNCLUSTERED_LIMIT:
        log.warning(
            "%d incidents without clustering: zoomed out, the page draws one marker each "
            "and becomes slow; leave clustering on for maps this large",
            payload["n"],
        )
    payload["config"] = {
        "name": "",
        "title": title,
        "minConfidence": float(min_confidence),
        "showBackground": bool(show_background),
        "heatmap": bool(heatmap),
        "cluster": bool(cluster),
        "skipped": skipped,
        "offlineLabel": _OFFLINE_LABEL,
        "attribution": "Basemap: Natural Earth, GeoNames",
        "tiles": list(ONLINE_TILES),
    }
    m = folium.Map(location=[20.0, 0.0], zoom_start=2, tiles=None, control_scale=True)
    # folium's asset lists are class attributes pointing at CDNs: empty them on this map
    # only; the IncidentLayer inlines what the page needs.
    m.default_js = []
    m.default_css = []
    # A map without tile layers has no max zoom (clustering and fitBounds need one).
    m.options["max_zoom"] = _MAX_ZOOM
    m.options["min_zoom"] = 1
    m.options["zoom_snap"] = 0.5  # vector basemap: half steps fit the incidents more snugly
    root: Any = m.get_root()
    root.title = html.escape(title or "incidentmap")  # branca writes it unescaped
    payload["config"]["name"] = m.get_name()
    # The page fits these bounds, with padding that keeps markers clear of its controls
    # (which depends on the window's size, so it is done in the page).
    payload["config"]["bounds"] = _view(payload, float(min_confidence), bool(show_background))
    payload["config"]["fitMaxZoom"] = _SINGLE_ZOOM
    layers = basemap_layers(payload["lat"], payload["lon"]) if labels else None
    if layers is not None:
        payload["config"]["countryNames"] = layers["countries"]
    else:
        from .layers import country_names

        payload["config"]["countryNames"] = country_names()
    m.add_child(IncidentLayer(payload, basemap_geojson(basemap), layers or {}))
    return m


def map_html(m: folium.Map) -> str:
    """Render a map to the text of its self-contained HTML page."""
    return str(m.get_root().render())


def save_map(m: folium.Map, path: str | os.PathLike[str]) -> Path:
    """Write a map's HTML page atomically (a temporary file, then a rename).

    Parameters
    ----------
    m
        A map from :func:`incident_map`.
    path
        Where to write; the folder must exist.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    from ..errors import ExportError

    target = Path(path)
    page = map_html(m)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError(
            f"cannot write the map to {str(target)!r}: folder {str(folder)!r} does not exist"
        )
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a map is meant to be shared
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(f"cannot write the map to {str(target)!r}: {exc}") from exc
    return target
