"""The map's basemap labels, filter panel, search, timeline and summary in headless Chromium.

Each test drives the page as an analyst would (select boxes, a search field, the play
button, zooming) with the network cut off, and checks what becomes visible.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from incidentmap.frame import incidents_frame
from incidentmap.model import EventType, GeoPrecision, Incident
from incidentmap.render import incident_map, save_map
from test_render_browser import (
    _BASE,
    XSS_IMG,
    XSS_SCRIPT,
    Page,
    baghdad_incidents,
    browser,  # noqa: F401  (the fixture)
    open_map,
)

pytestmark = pytest.mark.browser


def region_incidents() -> list[Incident]:
    """The Baghdad week plus incidents in Syria and Kenya, with actors and fatalities."""
    actors = {
        "drone": ("Unidentified Armed Group (Iraq)",),
        "gates": ("Protesters (Iraq)", "Police Forces of Iraq"),
        "tarmiyah": ("Islamic State (Iraq)", "Military Forces of Iraq"),
        "sadr": ("Unidentified Armed Group (Iraq)",),
    }
    out = [replace(i, actors=actors.get(i.id, ())) for i in baghdad_incidents()]
    out += [
        replace(
            _BASE,
            id="aleppo",
            event_type=EventType.EXPLOSIONS,
            sub_event_type="Air/drone strike",
            event_date="2021-09-12",
            location="Aleppo",
            lat=36.2021,
            lon=37.1343,
            country_code="SY",
            admin1="09",
            fatalities=14,
            actors=("Military Forces of Syria",),
            evidence="An air strike on a market in Aleppo killed fourteen people.",
        ),
        replace(
            _BASE,
            id="nairobi",
            event_type=EventType.PROTESTS,
            sub_event_type="Peaceful protest",
            event_date="2021-12-20",
            location="Nairobi",
            lat=-1.2864,
            lon=36.8172,
            country_code="KE",
            admin1="05",
            geo_precision=GeoPrecision.EXACT,
            actors=("Protesters (Kenya)",),
            evidence="Teachers marched peacefully through central Nairobi over unpaid wages.",
        ),
        replace(
            _BASE,
            id="old",
            event_type=EventType.BATTLES,
            event_date="2016-05-01",
            background=True,
            evidence="Fighting has gone on around Baghdad since 2016.",
        ),
    ]
    return out


SHOWN = {"drone", "gates", "tarmiyah", "sadr", "kadhimiya", "arrests", "aleppo", "nairobi"}


@pytest.fixture(scope="module")
def region_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    m = incident_map(incidents_frame(region_incidents()), title="Region")
    return save_map(m, tmp_path_factory.mktemp("tools") / "region.html")


@pytest.fixture
def region(browser: Any, region_map: Path) -> Iterator[Page]:  # noqa: F811
    yield from open_map(browser, region_map)


def _count(page: Page) -> int:
    return int(page.page.evaluate("window.incidentmap.visibleCount()"))


def _view(page: Page, lat: float, lon: float, zoom: float) -> None:
    page.page.evaluate(
        """([lat, lon, zoom]) => new Promise((done) => {
            const map = Object.values(window).find((v) => v && v._container && v.setView
                && v._container.classList.contains('im-map'));
            map.once('moveend', () => setTimeout(done, 50));
            map.setView([lat, lon], zoom, {animate: false});
        })""",
        [lat, lon, zoom],
    )


def test_loads_offline_with_every_tool(region: Page) -> None:
    assert region.console_errors == [] and region.page_errors == []
    assert region.blocked == []
    assert region.visible_ids() == SHOWN
    for selector in (".im-filters", ".im-search", ".im-time-play", ".im-summary", ".im-legend"):
        assert region.page.locator(selector).count() == 1, selector
    # one slider track with two thumbs, a date axis and a histogram
    assert region.page.locator(".im-time-track input[type=range]").count() == 2
    assert region.page.locator(".im-axis-tick").count() >= 2


def test_labels_appear_at_city_zoom_not_at_country_zoom(region: Page) -> None:
    _view(region, 33.33, 44.4, 5)
    country = set(region.page.evaluate("window.incidentmap.labels()"))
    assert "Baghdad" in country
    assert not {"Karrada", "Green Zone", "Sadr City"} & country
    _view(region, 33.31, 44.39, 13)
    city = set(region.page.evaluate("window.incidentmap.labels()"))
    assert {"Karrada", "Green Zone"} <= city
    names = region.page.locator(".leaflet-im-labels-pane .im-label").all_inner_texts()
    assert "Karrada" in names  # drawn on the page, not only listed
    # rivers, lakes and first-level borders share one canvas under the markers
    assert region.page.locator(".leaflet-im-basemap-lines-pane canvas").count() == 1


def test_labels_leave_with_the_offline_basemap(region: Page) -> None:
    region.page.locator(".leaflet-control-layers-base label", has_text="OpenStreetMap").click()
    region.page.wait_for_function(
        "document.querySelectorAll('.leaflet-im-labels-pane .im-label').length === 0"
    )
    region.page.locator(".leaflet-control-layers-base label", has_text="Offline").click()
    region.page.wait_for_function(
        "document.querySelectorAll('.leaflet-im-labels-pane .im-label').length > 0"
    )


def test_each_filter_changes_the_visible_count(region: Page) -> None:
    page = region.page
    page.locator(".im-filter-country").select_option(label="Syria (1)")
    page.wait_for_function("window.incidentmap.visibleCount() === 1")
    assert region.visible_ids() == {"aleppo"}
    page.locator(".im-filter-country").select_option(label="Iraq (9)")
    page.wait_for_function("window.incidentmap.visibleCount() === 6")
    page.locator(".im-filter-sub").select_option(label="Armed clash (2)")
    page.wait_for_function("window.incidentmap.visibleCount() === 1")
    assert region.visible_ids() == {"tarmiyah"}
    page.locator(".im-filter-reset").click()
    page.wait_for_function(f"window.incidentmap.visibleCount() === {len(SHOWN)}")
    page.locator(".im-filter-actor").select_option(label="Unidentified Armed Group (Iraq) (2)")
    page.wait_for_function("window.incidentmap.visibleCount() === 2")
    assert region.visible_ids() == {"drone", "sadr"}
    page.locator(".im-filter-reset").click()
    page.locator(".im-filter-fatalities").fill("2")
    page.wait_for_function("window.incidentmap.visibleCount() === 3")
    assert region.visible_ids() == {"gates", "tarmiyah", "aleppo"}
    assert "3 of 11 incidents pass the filters" in page.locator(".im-filter-count").inner_text()
    region.wait_drawn(3)
    page.evaluate("window.incidentmap.setFilters({minFatalities: 0, country: 'KE'})")
    assert region.visible_ids() == {"nairobi"}
    assert page.locator(".im-filter-country").input_value() != "-1"  # the panel follows


def test_marker_size_by_fatalities(region: Page) -> None:
    _view(region, 36.2, 37.13, 10)
    marker = region.page.locator(".leaflet-marker-pane .im-marker")
    assert marker.count() == 1
    before = marker.bounding_box()
    region.page.locator(".im-filter-size").check()
    region.page.wait_for_selector(".leaflet-marker-pane .im-marker.im-size4")
    after = region.page.locator(".leaflet-marker-pane .im-marker").bounding_box()
    assert before and after and after["width"] > before["width"]  # 14 killed: a bigger disc


def test_legend_counts_what_is_in_view(region: Page) -> None:
    _view(region, 36.2, 37.13, 9)  # Aleppo only
    legend = region.page.locator(".im-legend").inner_text()
    assert "1 in view of 8 shown" in legend
    assert "Air/drone strike 1" in legend and "Armed clash" not in legend  # sub-types in view
    counts = region.page.evaluate("window.incidentmap.inViewByType()")
    types = region.page.evaluate("window.incidentmap.types()")
    assert dict(zip(types, counts, strict=True))["Explosions/Remote violence"] == 1
    assert sum(counts) == 1


def test_search_finds_an_incident_and_opens_it(region: Page) -> None:
    page = region.page
    page.locator(".im-search").fill("shopkeeper")
    result = page.locator(".im-search-result")
    result.first.wait_for()
    assert result.count() == 1 and "Sadr City" in result.inner_text()
    result.click()
    page.wait_for_selector(".im-popup[data-incident='sadr']")
    assert "Gunmen shot a shopkeeper dead" in page.locator(".leaflet-popup-content").inner_text()
    # places of the basemap are found too
    page.locator(".im-search").fill("Karbal")
    page.locator(".im-search-place", has_text="Karbal").first.wait_for()


def test_popup_lists_the_actors(region: Page) -> None:
    page = region.page
    page.locator(".im-search").fill("protested at the gates")
    page.locator(".im-search-result").first.click()
    popup = page.locator(".im-popup[data-incident='gates']")
    popup.wait_for()
    assert "Actors" in popup.inner_text()
    assert "Protesters (Iraq); Police Forces of Iraq" in popup.inner_text()


def test_timeline_axis_comes_from_the_incidents_shown(region: Page) -> None:
    # the background report of 2016 is hidden: it does not stretch the axis
    assert region.page.evaluate("window.incidentmap.axis()") == ["2021-09-12", "2021-12-20"]
    region.overlay("Background").check()
    assert "old" in region.visible_ids()  # the range is open at its ends


def test_play_moves_the_range_and_pause_stops_it(region: Page) -> None:
    page = region.page
    page.locator(".im-time-play").click()
    first = page.evaluate("window.incidentmap.dateRange()")
    assert first[0] == "2021-09-12" and first[1] < "2021-12-20"
    page.wait_for_function(
        "(first) => window.incidentmap.dateRange()[1] > first", arg=first[1], timeout=5000
    )
    assert _count(region) < len(SHOWN)
    page.locator(".im-time-play").click()  # pause
    stopped = page.evaluate("window.incidentmap.dateRange()")
    page.wait_for_timeout(1000)
    assert page.evaluate("window.incidentmap.dateRange()") == stopped
    assert not page.evaluate("window.incidentmap.playing()")


def test_summary_panel_opens_with_counts_and_fatalities(region: Page) -> None:
    page = region.page
    body = page.locator(".im-summary-body")
    assert not body.is_visible()
    page.locator(".im-summary summary").click()
    page.wait_for_selector(".im-summary-body .im-summary-table")  # filled on the toggle event
    text = body.inner_text()
    assert "By type" in text and "By country" in text and "By month" in text
    rows = {
        r.split("\t")[0]: r.split("\t")[1:]
        for r in body.locator("tr").all_inner_texts()
        if "\t" in r
    }
    assert rows["Iraq"] == ["6", "7"]  # incidents, fatalities (2 + 4 + 1)
    assert rows["Syria"] == ["1", "14"]
    assert rows["2021-11"] == ["3", "2"]
    page.locator(".im-filter-country").select_option(label="Kenya (1)")
    page.wait_for_function("window.incidentmap.visibleCount() === 1")
    assert "Iraq" not in body.inner_text() and "Kenya" in body.inner_text()


def test_actor_and_search_text_stay_text(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    evil = replace(
        _BASE,
        id="evil",
        event_date="2021-11-01",
        actors=(XSS_IMG, XSS_SCRIPT),
        evidence=f"Police said {XSS_IMG} attacked.",
    )
    path = save_map(incident_map(incidents_frame([evil])), tmp_path / "x.html")
    for state in open_map(browser, path):
        page = state.page
        page.locator(".im-search").fill("onerror")
        page.locator(".im-search-result").first.click()
        popup = page.locator(".leaflet-popup-content")
        assert XSS_IMG in popup.inner_text() and XSS_SCRIPT in popup.inner_text()
        assert XSS_IMG in page.locator(".im-filter-actor").inner_text()
        page.wait_for_timeout(200)
        assert state.dialogs == [] and page.locator("img[src='x']").count() == 0
        assert state.page_errors == [] and state.console_errors == []
