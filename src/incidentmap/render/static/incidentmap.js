/* incidentmap: draws incidents client-side from one embedded JSON document.
 *
 * Needs Leaflet, popup.js (helpers and popup content) and gridcluster.js. Filtering
 * by type, date, confidence and background happens here, on the data; markers are
 * made only for incidents that are drawn alone in view. Strings handed to Leaflet as
 * HTML (layer names) are escaped first; article text only reaches the page through
 * popup.js, as text.
 */
(function () {
  "use strict";

  var kit = window.incidentmapKit;
  var el = kit.el;
  var escapeHtml = kit.escapeHtml;
  var isoDay = kit.isoDay;
  // Days an incident's date may stand for, by time precision (1 day, 2 week, 3 month+).
  var SPAN_DAYS = { 1: 0, 2: 6, 3: 30 };

  // Large maps carry their data gzip-compressed and base64-encoded (see payload.py).
  function readPacked(node, done, fail) {
    if (typeof DecompressionStream === "undefined") {
      fail(new Error("this browser cannot unpack the map data (it needs DecompressionStream: " +
        "Chrome/Edge 80+, Firefox 113+, Safari 16.4+)"));
      return;
    }
    var text = atob(node.textContent.trim());
    var bytes = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    new Response(stream).text().then(function (json) { done(JSON.parse(json)); }, fail);
  }

  function showProblem(map, err) {
    map.getContainer().appendChild(
      el("div", "im-title im-problem", "The map data could not be read: " + err.message)
    );
    if (window.console) console.error(err);
  }

  function init(map, dataId, basemapId) {
    var node = document.getElementById(dataId);
    var started = performance.now();
    function go(doc) {
      doc.timings = { start: started, parsed: performance.now() };
      node.textContent = ""; // the parsed copy is all the page needs
      start(map, doc, basemapId);
    }
    if (node.type === "application/json") go(JSON.parse(node.textContent));
    else readPacked(node, go, function (err) { showProblem(map, err); });
  }

  function addBasemap(map, cfg, basemapId) {
    var node = document.getElementById(basemapId);
    var basemap = node ? JSON.parse(node.textContent) : null;
    // Below any tile layer (tilePane is 200): tiles cover the outlines when they load.
    map.createPane("im-basemap").style.zIndex = 150;
    if (basemap && basemap.features && basemap.features.length) {
      L.geoJSON(basemap, {
        pane: "im-basemap",
        interactive: false,
        style: { color: "#9b9b9b", weight: 0.7, fillColor: "#f3f0e8", fillOpacity: 1 },
      }).addTo(map);
    }
    var baseLayers = {};
    baseLayers[escapeHtml(cfg.offlineLabel)] = L.layerGroup().addTo(map);
    cfg.tiles.forEach(function (t) {
      baseLayers[escapeHtml(t.name)] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.maxZoom });
    });
    if (cfg.attribution) map.attributionControl.addAttribution(escapeHtml(cfg.attribution));
    return baseLayers;
  }

  function start(map, doc, basemapId) {
    var cfg = doc.config;
    var n = doc.n;
    var types = doc.types;
    var api = { ready: false, total: n, timings: doc.timings || {} };
    window.incidentmaps = window.incidentmaps || {};
    window.incidentmaps[cfg.name] = api;
    window.incidentmap = api;
    map.getContainer().classList.add("im-map");
    var narrow = map.getSize().x < 700;
    if (cfg.bounds) {
      // Keep markers clear of the layer control (top right), legend and time filter.
      map.fitBounds(cfg.bounds, {
        paddingTopLeft: [40, 40],
        paddingBottomRight: [narrow ? 40 : 280, narrow ? 120 : 70],
        maxZoom: cfg.fitMaxZoom,
        animate: false,
      });
    }
    var baseLayers = addBasemap(map, cfg, basemapId);

    // ---- state and filters ---------------------------------------------------
    var state = {
      types: types.map(function () { return true; }),
      background: !!cfg.showBackground,
      low: false,
      from: null,
      to: null,
      undated: true,
    };
    var minDay = null;
    var maxDay = null;
    var undatedCount = 0;
    for (var d = 0; d < n; d++) {
      var day = doc.date[d];
      if (day === null) { undatedCount++; continue; }
      var end = day + (SPAN_DAYS[doc.tp[d]] || 0);
      if (minDay === null || day < minDay) minDay = day;
      if (maxDay === null || end > maxDay) maxDay = end;
    }
    state.from = minDay;
    state.to = maxDay;

    function isLow(i) { return doc.conf[i] < cfg.minConfidence; }

    // Every filter but the dates (the time filter's histogram counts these).
    function selected(i) {
      if (!state.types[doc.type[i]]) return false;
      if (doc.bg[i] && !state.background) return false;
      return state.low || !isLow(i);
    }

    function inDates(i) {
      var day = doc.date[i];
      if (day === null) return state.undated;
      var last = day + (SPAN_DAYS[doc.tp[i]] || 0);
      return last >= state.from && day <= state.to;
    }

    // ---- markers, clusters, popups ---------------------------------------------
    var content = kit.Content(doc, isLow);
    var popup = L.popup({ maxWidth: 360, minWidth: 240, offset: [0, -6] });
    function openIncident(i) {
      popup.setLatLng([doc.lat[i], doc.lon[i]]).setContent(content.popup(i)).openOn(map);
    }
    var icons = types.map(function (style, t) {
      var variants = [];
      for (var v = 0; v < 4; v++) {
        variants.push(L.divIcon({
          html: kit.markerSvg(style, 24),
          className: "im-marker im-t" + t + (v & 1 ? " im-low" : "") + (v & 2 ? " im-bg" : ""),
          iconSize: [24, 24],
          iconAnchor: [12, 12],
          tooltipAnchor: [0, -11],
        }));
      }
      return variants;
    });
    var markers = [];
    function markerFor(i) {
      if (markers[i]) return markers[i];
      var variant = (isLow(i) ? 1 : 0) | (doc.bg[i] ? 2 : 0);
      var marker = L.marker([doc.lat[i], doc.lon[i]], { icon: icons[doc.type[i]][variant] });
      marker.bindTooltip(function () { return content.tooltip(i); }, { direction: "top" });
      marker.on("click", function () { openIncident(i); });
      marker.on("keypress", function (e) {
        if (e.originalEvent && e.originalEvent.key === "Enter") openIncident(i);
      });
      markers[i] = marker;
      return marker;
    }
    function clusterIcon(count, counts) {
      var stops = [];
      var at = 0;
      counts.forEach(function (c, t) {
        if (!c) return;
        var next = at + (c / count) * 100;
        stops.push(types[t].color + " " + at.toFixed(2) + "% " + next.toFixed(2) + "%");
        at = next;
      });
      var size = count < 10 ? 34 : count < 100 ? 40 : count < 1000 ? 46 : 52;
      return L.divIcon({
        html: '<div class="im-cluster-ring" style="background:conic-gradient(' + stops.join(",") +
          ')"><span>' + count + "</span></div>",
        className: "im-cluster",
        iconSize: [size, size],
        iconAnchor: [size / 2, size / 2],
      });
    }
    var shown = new Uint8Array(n);
    var grid = new window.IncidentGrid(doc.lat, doc.lon, shown, {
      marker: markerFor,
      clusterIcon: clusterIcon,
      type: function (i) { return doc.type[i]; },
      list: function (indices, latlng) {
        popup.setLatLng(latlng).setContent(content.list(indices, openIncident)).openOn(map);
      },
    }, { cluster: !!cfg.cluster, typeCount: types.length });

    // ---- areas, heat -----------------------------------------------------------
    var areaLayers = doc.areas.map(function (geometry) {
      return L.geoJSON(geometry, { style: { weight: 2, fillOpacity: 0.15, dashArray: "4 3" } });
    });
    var areasGroup = L.featureGroup().addTo(map);
    var areaColor = [];
    var areaCount = [];
    areaLayers.forEach(function (layer, a) {
      layer.on("click", function (e) {
        var names = [];
        for (var j = 0; j < n; j++) {
          if (doc.area[j] === a && shown[j] && content.place(j)) names.push(content.place(j));
        }
        var box = el("div", "im-popup");
        box.appendChild(el("strong", null, names.length ? names[0] : "Area"));
        box.appendChild(el("div", null, areaCount[a] + " incident(s) shown in this area"));
        L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
      });
    });
    var heat = cfg.heatmap && L.heatLayer ? L.heatLayer([], { radius: 18, blur: 16, minOpacity: 0.3 }) : null;

    function updateHeat() {
      var points = [];
      for (var i = 0; i < n; i++) if (shown[i]) points.push([doc.lat[i], doc.lon[i]]);
      heat.setLatLngs(points);
    }

    // ---- filtering ---------------------------------------------------------------
    var visibleCount = 0;
    var perType = types.map(function () { return 0; });
    var legendCounts = [];
    var legendSubs = [];
    var subNames = (doc.tables && doc.tables.sub) || [];

    function refresh() {
      var count = 0;
      var counts = types.map(function () { return 0; });
      var subCounts = new Int32Array(types.length * subNames.length);
      areaLayers.forEach(function (layer, a) { areaColor[a] = null; areaCount[a] = 0; });
      var bins = slider ? new Array(slider.bins).fill(0) : null;
      for (var i = 0; i < n; i++) {
        var pick = selected(i);
        if (pick && bins && doc.date[i] !== null) bins[slider.bin(doc.date[i])]++;
        var v = pick && inDates(i) ? 1 : 0;
        shown[i] = v;
        if (!v) continue;
        count++;
        counts[doc.type[i]]++;
        if (doc.sub[i] >= 0) subCounts[doc.type[i] * subNames.length + doc.sub[i]]++;
        var a = doc.area[i];
        if (a >= 0) {
          areaCount[a]++;
          if (areaColor[a] === null) areaColor[a] = types[doc.type[i]].color;
        }
      }
      visibleCount = count;
      perType = counts;
      grid.redraw();
      areaLayers.forEach(function (layer, a) {
        if (areaCount[a]) { layer.setStyle({ color: areaColor[a] }); areasGroup.addLayer(layer); }
        else areasGroup.removeLayer(layer);
      });
      if (heat && map.hasLayer(heat)) updateHeat();
      perType.forEach(function (c, t) { if (legendCounts[t]) legendCounts[t].textContent = " " + c; });
      legendSubs.forEach(function (line, t) { line.textContent = subLine(subCounts, t); });
      if (slider) slider.histogram(bins, state.from, state.to);
    }

    // "Attack 3 · Vehicle ramming 1": the sub-event types shown of type t, most first.
    function subLine(subCounts, t) {
      var parts = [];
      for (var k = 0; k < subNames.length; k++) {
        var c = subCounts[t * subNames.length + k];
        if (c) parts.push([c, subNames[k]]);
      }
      parts.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      return parts.map(function (p) { return p[1] + " " + p[0]; }).join(" \u00b7 ");
    }

    // ---- layer control ---------------------------------------------------------
    var overlays = {};
    types.forEach(function (style, t) {
      var layer = L.layerGroup();
      layer._imType = t;
      var label = '<span class="im-layer-label">' + kit.markerSvg(style, 16) + " " +
        escapeHtml(style.type) + "</span>";
      overlays[label] = layer.addTo(map);
    });
    if (doc.areas.length) overlays["Areas (outlines)"] = areasGroup;
    if (heat) overlays["Heat map (density)"] = heat;
    var bgLayer = L.layerGroup();
    var lowLayer = L.layerGroup();
    if (state.background) bgLayer.addTo(map);
    overlays["Background incidents"] = bgLayer;
    overlays["Low confidence (&lt; " + Math.round(cfg.minConfidence * 100) + "%)"] = lowLayer;
    var control = L.control.layers(baseLayers, overlays, {
      collapsed: narrow, // small screens: open it from its icon
      position: "topright",
    });
    control.addTo(map);
    control.getContainer().classList.add("im-layers");

    function onOverlay(e, on) {
      if (e.layer._imType !== undefined) state.types[e.layer._imType] = on;
      else if (e.layer === bgLayer) state.background = on;
      else if (e.layer === lowLayer) state.low = on;
      else if (e.layer === heat) { if (on) updateHeat(); return; }
      else return;
      refresh();
    }
    map.on("overlayadd", function (e) { onOverlay(e, true); });
    map.on("overlayremove", function (e) { onOverlay(e, false); });

    // ---- legend, time filter, title --------------------------------------------
    window.incidentmapControls.legend(map, types, legendCounts, cfg.skipped, legendSubs);
    var timer = null;
    function scheduleRefresh() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; refresh(); }, n > 20000 ? 150 : 0);
    }
    var slider = null;
    if (minDay !== null) {
      slider = window.incidentmapControls.timeFilter(map, {
        minDay: minDay,
        maxDay: maxDay,
        undatedCount: undatedCount,
        onRange: function (a, b) { state.from = a; state.to = b; scheduleRefresh(); },
        onUndated: function (on) { state.undated = on; scheduleRefresh(); },
      });
    }
    if (cfg.title) map.getContainer().appendChild(el("div", "im-title", cfg.title));

    // ---- read-only API for tests and notebooks ---------------------------------
    api.visibleCount = function () { return visibleCount; };
    api.visibleIds = function () {
      var out = [];
      for (var i = 0; i < n; i++) if (shown[i]) out.push(doc.id[i]);
      return out;
    };
    api.types = function () { return types.map(function (s) { return s.type; }); };
    api.dateRange = function () {
      return state.from === null ? null : [isoDay(state.from), isoDay(state.to)];
    };
    api.setDateRange = function (from, to) {
      if (!slider) return;
      var a = from ? kit.dayOf(from) : minDay;
      var b = to ? kit.dayOf(to) : maxDay;
      slider.set(Math.max(minDay, Math.min(a, b)), Math.min(maxDay, Math.max(a, b)));
      if (timer) { clearTimeout(timer); timer = null; }
      refresh();
    };

    map.addLayer(grid);
    refresh();
    api.ready = true;
    api.readyAt = performance.now();
    map.getContainer().setAttribute("data-im-ready", "true");
  }

  window.incidentmapInit = init;
})();
