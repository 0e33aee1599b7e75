"""The scripts and stylesheets an offline map inlines, read from installed packages.

Nothing here is fetched from a network: Leaflet comes from ``xstatic-leaflet`` and
the heat-map plugin (Leaflet.heat with simpleheat) from the copy that the ``folium``
wheel on PyPI ships in ``folium/templates``. (Clustering is the page's own grid
clustering, ``static/gridcluster.js``: Leaflet.markercluster was too slow to build
its cluster tree for 100,000 markers.) Images the stylesheets refer to
(``url(images/layers.png)`` ...) are turned into ``data:`` URIs, because an
inlined stylesheet has no URL to resolve them against.

Examples
--------
>>> assets = offline_assets()
>>> "Leaflet" in assets.leaflet_js and "simpleheat" in (assets.heat_js or "")
True
>>> "url(images/" in assets.leaflet_css
False
"""

from __future__ import annotations

import base64
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import RenderError

__all__ = ["OfflineAssets", "inline_script", "inline_style", "offline_assets", "static_text"]

_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=\S+\s*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+)\1\)")
_STATIC = Path(__file__).resolve().parent / "static"


@dataclass(frozen=True, slots=True)
class OfflineAssets:
    """The third-party code a map page inlines.

    ``heat_js`` is ``None`` when the installed folium no longer ships Leaflet.heat;
    the map then goes without its heat-map layer.
    """

    leaflet_js: str
    leaflet_css: str
    heat_js: str | None
    icon_urls: dict[str, str]


def _package_dir(module: str, *, hint: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        raise RenderError(f"the package {module!r} is not installed; install it with: {hint}")
    return Path(next(iter(spec.submodule_search_locations)))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RenderError(f"cannot read the map asset {str(path)!r}: {exc}") from exc


def _data_uri(path: Path) -> str:
    try:
        payload = base64.b64encode(path.read_bytes()).decode("ascii")
    except OSError as exc:
        raise RenderError(f"cannot read the map image {str(path)!r}: {exc}") from exc
    return f"data:image/png;base64,{payload}"


def _inline_images(css: str, base: Path) -> str:
    def replace(match: re.Match[str]) -> str:
        return f'url("{_data_uri(base / match.group(2))}")'

    return _CSS_URL.sub(replace, css)


def _clean_js(js: str) -> str:
    return _SOURCE_MAP.sub("", js)


@functools.lru_cache(maxsize=1)
def offline_assets() -> OfflineAssets:
    """Read Leaflet and Leaflet.heat from installed packages.

    Returns
    -------
    OfflineAssets
        Script and stylesheet texts ready to inline; cached after the first call.

    Raises
    ------
    RenderError
        If ``xstatic-leaflet`` is missing.
    """
    leaflet = _package_dir("xstatic.pkg.leaflet", hint="pip install xstatic-leaflet") / "data"
    heat_path = _package_dir("folium", hint="pip install folium") / "templates"
    heat_path = heat_path / "leaflet_heat.min.js"
    heat_js = _clean_js(_read(heat_path)) if heat_path.is_file() else None
    images = leaflet / "images"
    return OfflineAssets(
        leaflet_js=_clean_js(_read(leaflet / "leaflet.js")),
        leaflet_css=_inline_images(_read(leaflet / "leaflet.css"), leaflet),
        heat_js=heat_js,
        icon_urls={
            "iconUrl": _data_uri(images / "marker-icon.png"),
            "iconRetinaUrl": _data_uri(images / "marker-icon-2x.png"),
            "shadowUrl": _data_uri(images / "marker-shadow.png"),
        },
    )


def static_text(name: str) -> str:
    """Return one of this package's own static files (``incidentmap.js`` ...).

    >>> "incidentmap" in static_text("incidentmap.js")
    True
    """
    return _read(_STATIC / name)


def inline_script(js: str) -> str:
    r"""Wrap JavaScript in a ``<script>`` element that it cannot close early.

    >>> inline_script("var s = '</script>';")
    "<script>var s = '<\\/script>';</script>"
    """
    safe = re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)
    return f"<script>{safe}</script>"


def inline_style(css: str) -> str:
    """Wrap CSS in a ``<style>`` element that it cannot close early.

    >>> inline_style("a{color:red}")
    '<style>a{color:red}</style>'
    """
    safe = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    return f"<style>{safe}</style>"
