"""Render an incident map HTML file to a PNG with headless Chromium (found on the PATH), offline.

Usage::

    .venv/bin/python bench/screenshot.py out/incidents.html -o docs/seed-map.png
    .venv/bin/python bench/screenshot.py MAP.html -o MAP.png --width 1400 --height 900 --popup
    .venv/bin/python bench/screenshot.py MAP.html -o MAP.png --view 33.31,44.39,13

Every request other than ``file:`` and ``data:`` is aborted, so the picture shows
what an analyst without a network sees. ``--popup`` opens the popup of the first
single marker nearest the middle of the view.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from incidentmap.render.chromium import CHROMIUM_ARGS, find_chromium

# The on-screen marker nearest the middle of the page, as [x, y], or null.
_CENTRAL_MARKER_JS = """() => {
    const cx = innerWidth / 2, cy = innerHeight / 2;
    let best = null, bestD = Infinity;
    for (const m of document.querySelectorAll('.leaflet-marker-pane .im-marker')) {
        const r = m.getBoundingClientRect();
        const x = r.left + r.width / 2, y = r.top + r.height / 2;
        if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) continue;
        const d = (x - cx) ** 2 + (y - cy) ** 2;
        if (d < bestD) { bestD = d; best = [x, y]; }
    }
    return best;
}"""


def screenshot(
    html: Path,
    png: Path,
    *,
    width: int = 1200,
    height: int = 800,
    popup: bool = False,
    view: tuple[float, float, int] | None = None,
    timeout_ms: int = 60_000,
) -> list[str]:
    """Save a PNG of ``html`` and return the page's console errors."""
    from playwright.sync_api import Route, sync_playwright

    chromium = find_chromium()
    if chromium is None:
        raise SystemExit("screenshot: no chromium on the PATH (or set INCIDENTMAP_CHROMIUM)")
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=list(CHROMIUM_ARGS))
        page = browser.new_page(viewport={"width": width, "height": height})
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda e: errors.append(str(e)))

        def offline(route: Route) -> None:
            if route.request.url.startswith(("file:", "data:")):
                route.continue_()
            else:
                route.abort()

        page.route("**/*", offline)
        page.goto(html.resolve().as_uri())
        page.wait_for_function(
            "!window.incidentmap || window.incidentmap.ready === true", timeout=timeout_ms
        )
        if view is not None:
            page.evaluate(
                "([lat, lon, zoom]) => { for (const v of Object.values(window))"
                " if (v instanceof L.Map) v.setView([lat, lon], zoom, {animate: false}); }",
                list(view),
            )
        page.wait_for_timeout(600)  # let cluster and zoom animations settle
        if popup:
            point = page.evaluate(_CENTRAL_MARKER_JS)
            if point:
                page.mouse.click(point[0], point[1])
                page.mouse.move(0, 0)
                page.wait_for_timeout(400)
        png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(png))
        browser.close()
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("html", type=Path, help="the map page")
    parser.add_argument("-o", "--output", type=Path, required=True, help="PNG to write")
    parser.add_argument("--width", type=int, default=1200)
    parser.add_argument("--height", type=int, default=800)
    parser.add_argument("--popup", action="store_true", help="open the first marker's popup")
    parser.add_argument(
        "--view", metavar="LAT,LON,ZOOM", help="centre and zoom instead of the initial view"
    )
    args = parser.parse_args()
    if not args.html.is_file():
        print(f"screenshot: no such file: {args.html}", file=sys.stderr)
        return 2
    view = None
    if args.view:
        lat, lon, zoom = args.view.split(",")
        view = (float(lat), float(lon), int(zoom))
    errors = screenshot(
        args.html, args.output, width=args.width, height=args.height, popup=args.popup, view=view
    )
    for error in errors:
        print(f"console error: {error}", file=sys.stderr)
    print(f"wrote {args.output}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
