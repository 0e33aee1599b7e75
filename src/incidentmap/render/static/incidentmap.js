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

  function readDoc(node, done, fail) {
    if (!node) done(null);
    else if (node.type === "application/json") done(JSON.parse(node.textContent));
    else readPacked(node, done, fail);
  }

  function init(map, dataId, basemapId, layersId) {
    var node = document.getElementById(dataId);
    var started = performance.now();
    function fail(err) { showProblem(map, err); }
    readDoc(node, function (doc) {
      doc.timings = { start: started, parsed: performance.now() };
      node.textContent = ""; // the parsed copy is all the page needs
      var layersNode = layersId ? document.getElementById(layersId) : null;
      readDoc(layersNode, function (layers) {
        if (layersNode) layersNode.textContent = "";
        doc.timings.layers = performance.now();
        start(map, doc, basemapId, layers);
      }, fail);
    }, fail);
  }

  function addBasemap(map, cfg, basemapId, offline) {
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
    baseLayers[escapeHtml(cfg.offlineLabel)] = offline.addTo(map);
    cfg.tiles.forEach(function (t) {
      baseLayers[escapeHtml(t.name)] = L.tileLayer(t.url, { attribution: t.attribution, maxZoom: t.maxZoom });
    });
    if (cfg.attribution) map.attributionControl.addAttribution(escapeHtml(cfg.attribution));
    return baseLayers;
  }

  function start(map, doc, basemapId, layers) {
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
    var basemap = window.incidentmapBasemap(map, layers && layers.labels ? layers : null);
    var baseLayers = addBasemap(map, cfg, basemapId, basemap.layer);
    api.timings.basemap = performance.now();
    var tables = doc.tables;
    var countryNames = cfg.countryNames || {};

    // ---- state and filters ---------------------------------------------------
    var state = {
      types: types.map(function () { return true; }),
      background: !!cfg.showBackground,
      low: false,
      from: null,
      to: null,
      undated: true,
      country: -1,
      sub: -1,
      actor: -1,
      minFat: 0,
      sizeByFat: false,
    };
    var cc = doc.cc || [];
    var act = doc.act || [];

    function isLow(i) { return doc.conf[i] < cfg.minConfidence; }

    // Every filter but the dates (the timeline's histogram counts these).
    function selected(i) {
      if (!state.types[doc.type[i]]) return false;
      if (doc.bg[i] && !state.background) return false;
      if (!state.low && isLow(i)) return false;
      if (state.country >= 0 && cc[i] !== state.country) return false;
      if (state.sub >= 0 && doc.sub[i] !== state.sub) return false;
      if (state.actor >= 0 && (!act[i] || act[i].indexOf(state.actor) < 0)) return false;
      return state.minFat <= 0 || doc.fat[i] >= state.minFat;
    }

    // The axis of the timeline spans the incidents shown at first (not the hidden
    // background or low-confidence ones); a range that reaches an end of the axis is
    // open on that side, so incidents switched on later are not cut off by it.
    var minDay = null;
    var maxDay = null;
    var undatedCount = 0;
    function spanOf(pick) {
      minDay = null;
      maxDay = null;
      undatedCount = 0;
      for (var d = 0; d < n; d++) {
        if (!pick(d)) continue;
        var day = doc.date[d];
        if (day === null) { undatedCount++; continue; }
        var end = day + (SPAN_DAYS[doc.tp[d]] || 0);
        if (minDay === null || day < minDay) minDay = day;
        if (maxDay === null || end > maxDay) maxDay = end;
      }
    }
    spanOf(selected);
    if (minDay === null) spanOf(function () { return true; });
    state.from = minDay;
    state.to = maxDay;

    function inDates(i) {
      var day = doc.date[i];
      if (day === null) return state.undated;
      var last = day + (SPAN_DAYS[doc.tp[i]] || 0);
      return (state.from <= minDay || last >= state.from) && (state.to >= maxDay || day <= state.to);
    }

    // ---- markers, clusters, popups ---------------------------------------------
    var content = kit.Content(doc, isLow);
    var popup = L.popup({ maxWidth: 360, minWidth: 240, offset: [0, -6] });
    function openIncident(i) {
      popup.setLatLng([doc.lat[i], doc.lon[i]]).setContent(content.popup(i)).openOn(map);
    }
    // Marker sizes by fatalities (unknown or 0, 1-2, 3-9, 10-49, 50+); 24 px otherwise.
    var SIZES = [24, 18, 24, 30, 38, 46];
    function sizeClass(i) {
      if (!state.sizeByFat) return 0;
      var f = doc.fat[i];
      return f <= 0 ? 1 : f < 3 ? 2 : f < 10 ? 3 : f < 50 ? 4 : 5;
    }
    var icons = {};
    function iconFor(t, variant, size) {
      var key = t + ":" + variant + ":" + size;
      if (icons[key]) return icons[key];
      var px = SIZES[size];
      icons[key] = L.divIcon({
        html: kit.markerSvg(types[t], px),
        className: "im-marker im-t" + t + (variant & 1 ? " im-low" : "") + (variant & 2 ? " im-bg" : "") +
          (size ? " im-size" + size : ""),
        iconSize: [px, px],
        iconAnchor: [px / 2, px / 2],
        tooltipAnchor: [0, -(px / 2 - 1)],
      });
      return icons[key];
    }
    var markers = [];
    function markerFor(i) {
      if (markers[i]) return markers[i];
      var variant = (isLow(i) ? 1 : 0) | (doc.bg[i] ? 2 : 0);
      var marker = L.marker([doc.lat[i], doc.lon[i]], { icon: iconFor(doc.type[i], variant, sizeClass(i)) });
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

    var inView = types.map(function () { return 0; });
    var inViewTotal = 0;
    var legendTotal = {};
    var legendSubs = [];
    var subNames = (doc.tables && doc.tables.sub) || [];

    // "Attack 3 · Vehicle ramming 1": the sub-event types in view of type t, most first.
    function subLine(subCounts, t) {
      var parts = [];
      for (var k = 0; k < subNames.length; k++) {
        var c = subCounts[t * subNames.length + k];
        if (c) parts.push([c, subNames[k]]);
      }
      parts.sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0); });
      return parts.map(function (p) { return p[1] + " " + p[0]; }).join(" \u00b7 ");
    }
    // Legend: what passes the filters and lies in the current view.
    function countInView() {
      var b = map.getBounds();
      var s = b.getSouth(), nn = b.getNorth(), w = b.getWest(), e = b.getEast();
      var wide = e - w >= 360;
      var counts = types.map(function () { return 0; });
      var subCounts = new Int32Array(types.length * subNames.length);
      var total = 0;
      for (var i = 0; i < n; i++) {
        if (!shown[i]) continue;
        var lat = doc.lat[i];
        if (lat < s || lat > nn) continue;
        if (!wide) {
          var lon = doc.lon[i];
          if (!((lon >= w && lon <= e) || (lon + 360 >= w && lon + 360 <= e) || (lon - 360 >= w && lon - 360 <= e))) continue;
        }
        counts[doc.type[i]]++;
        if (doc.sub[i] >= 0) subCounts[doc.type[i] * subNames.length + doc.sub[i]]++;
        total++;
      }
      inView = counts;
      inViewTotal = total;
      inView.forEach(function (c, t) { if (legendCounts[t]) legendCounts[t].textContent = " " + c; });
      legendSubs.forEach(function (line, t) { line.textContent = subLine(subCounts, t); });
      if (legendTotal.el) {
        legendTotal.el.textContent = total + " in view of " + visibleCount + " shown (" + n + " in all)";
      }
    }
    map.on("moveend", function () { if (api.ready) countInView(); });

    function summaryRows() {
      var byType = types.map(function (s) { return [s.type, 0, 0]; });
      var byCountry = {};
      var byMonth = {};
      for (var i = 0; i < n; i++) {
        if (!shown[i]) continue;
        var f = doc.fat[i] > 0 ? doc.fat[i] : 0;
        byType[doc.type[i]][1]++;
        byType[doc.type[i]][2] += f;
        var code = cc[i] >= 0 && cc[i] !== undefined ? tables.cc[cc[i]] : null;
        var name = code ? (countryNames[code] || code) : "unknown";
        if (!byCountry[name]) byCountry[name] = [name, 0, 0];
        byCountry[name][1]++;
        byCountry[name][2] += f;
        var month = doc.date[i] === null ? "undated" : isoDay(doc.date[i]).slice(0, 7);
        if (!byMonth[month]) byMonth[month] = [month, 0, 0];
        byMonth[month][1]++;
        byMonth[month][2] += f;
      }
      function values(o) { return Object.keys(o).map(function (k) { return o[k]; }); }
      return {
        types: byType.filter(function (r) { return r[1] > 0; }),
        countries: values(byCountry).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }),
        months: values(byMonth).sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; }),
      };
    }

    function refresh() {
      var count = 0;
      var counts = types.map(function () { return 0; });
      areaLayers.forEach(function (layer, a) { areaColor[a] = null; areaCount[a] = 0; });
      var bins = slider ? new Array(slider.bins).fill(0) : null;
      var deaths = slider ? new Array(slider.bins).fill(0) : null;
      for (var i = 0; i < n; i++) {
        var pick = selected(i);
        if (pick && bins && doc.date[i] !== null) {
          var k = slider.bin(doc.date[i]);
          bins[k]++;
          if (doc.fat[i] > 0) deaths[k] += doc.fat[i];
        }
        var v = pick && inDates(i) ? 1 : 0;
        shown[i] = v;
        if (!v) continue;
        count++;
        counts[doc.type[i]]++;
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
      countInView();
      if (slider) slider.histogram(bins, deaths);
      if (filterPanel) filterPanel.count(count + " of " + n + " incidents pass the filters");
      if (summary && summary.isOpen()) summary.update(summaryRows());
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
    window.incidentmapControls.legend(map, types, legendCounts, cfg.skipped, legendTotal, legendSubs);
    var summary = window.incidentmapSummary(map, function () { summary.update(summaryRows()); });
    var timer = null;
    function scheduleRefresh() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; refresh(); }, n > 20000 ? 150 : 0);
    }
    var slider = null;
    if (minDay !== null) {
      slider = window.incidentmapTimeline(map, {
        minDay: minDay,
        maxDay: maxDay,
        undatedCount: undatedCount,
        onRange: function (a, b) { state.from = a; state.to = b; scheduleRefresh(); },
        onUndated: function (on) { state.undated = on; scheduleRefresh(); },
      });
    }
    if (cfg.title) map.getContainer().appendChild(el("div", "im-title", cfg.title));

    // ---- filter panel and search ---------------------------------------------------
    function tally(codes, label) {
      var counts = {};
      for (var i = 0; i < n; i++) {
        var c = codes(i);
        if (c === null) continue;
        (Array.isArray(c) ? c : [c]).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; });
      }
      return Object.keys(counts).map(function (k) { return [Number(k), label(Number(k)), counts[k]]; })
        .sort(function (a, b) { return b[2] - a[2] || (a[1] < b[1] ? -1 : 1); });
    }
    var ACTOR_OPTIONS = 400;
    var countryOptions = tally(function (i) { return cc[i] >= 0 ? cc[i] : null; }, function (k) {
      return countryNames[tables.cc[k]] || tables.cc[k];
    });
    var subOptions = tally(function (i) { return doc.sub[i] >= 0 ? doc.sub[i] : null; }, function (k) {
      return tables.sub[k];
    });
    var actorOptions = tally(function (i) { return act[i] && act[i].length ? act[i] : null; }, function (k) {
      return tables.act[k];
    }).slice(0, ACTOR_OPTIONS);

    function lower(text) { return String(text || "").toLowerCase(); }
    function search(query) {
      var q = lower(query);
      var out = [];
      var places = basemap.places || [];
      var placeHits = [];
      for (var p = 0; p < places.length && placeHits.length < 8; p++) {
        if (lower(places[p][0]).indexOf(q) === 0) placeHits.push(places[p]);
      }
      var seenLoc = {};
      for (var i = 0; i < n && out.length < 200; i++) {
        var place = content.place(i);
        var hay = lower(doc.ev[i]) + "\n" + lower(place) + "\n" +
          lower(doc.title[i] >= 0 ? tables.title[doc.title[i]] : "") + "\n" +
          lower(doc.sub[i] >= 0 ? tables.sub[doc.sub[i]] : "") + "\n" +
          (act[i] || []).map(function (a) { return lower(tables.act[a]); }).join("\n");
        if (hay.indexOf(q) < 0) continue;
        (function (i) {
          out.push({
            kind: "incident",
            label: types[doc.type[i]].type + " \u00b7 " + content.dateText(i) + (place ? " \u00b7 " + place : ""),
            note: shown[i] ? "" : "(hidden by the filters)",
            go: function () {
              map.setView([doc.lat[i], doc.lon[i]], Math.max(map.getZoom(), 12), { animate: false });
              openIncident(i);
            },
          });
        })(i);
        if (place) seenLoc[lower(place)] = true;
      }
      placeHits.forEach(function (row) {
        out.push({
          kind: "place",
          label: row[0],
          note: row[4] === 4 ? "(country)" : row[4] === 3 ? "(area)" : "(place)",
          go: function () {
            map.setView([row[1], row[2]], row[4] === 4 ? 5 : row[4] === 3 ? 8 : 12, { animate: false });
          },
        });
      });
      return out;
    }
    var filterPanel = window.incidentmapFilters(map, {
      countries: countryOptions,
      subs: subOptions,
      actors: actorOptions,
      search: search,
      onChange: function (f) {
        var resize = f.sizeByFatalities !== state.sizeByFat;
        state.country = f.country;
        state.sub = f.sub;
        state.actor = f.actor;
        state.minFat = f.minFatalities;
        state.sizeByFat = f.sizeByFatalities;
        if (resize) { markers = []; grid.reset(); }
        scheduleRefresh();
      },
    });

    // ---- read-only API for tests and notebooks ---------------------------------
    api.visibleCount = function () { return visibleCount; };
    api.visibleIds = function () {
      var out = [];
      for (var i = 0; i < n; i++) if (shown[i]) out.push(doc.id[i]);
      return out;
    };
    api.types = function () { return types.map(function (s) { return s.type; }); };
    api.inViewCount = function () { return inViewTotal; };
    api.inViewByType = function () { return inView.slice(); };
    api.labels = function () { return basemap.labels(); };
    api.axis = function () { return minDay === null ? null : [isoDay(minDay), isoDay(maxDay)]; };
    api.play = function () { if (slider) slider.play(); };
    api.pause = function () { if (slider) slider.pause(); };
    api.playing = function () { return !!(slider && slider.playing()); };
    api.search = function (query) {
      return search(query).map(function (r) { return r.label; });
    };
    api.options = function () {
      return { countries: countryOptions, subs: subOptions, actors: actorOptions };
    };
    // Filters by label (country name or code, sub-event type, actor); null clears one.
    api.setFilters = function (f) {
      function find(list, value) {
        if (value === null || value === undefined) return -1;
        for (var k = 0; k < list.length; k++) {
          if (list[k][1] === value || (list === countryOptions && tables.cc[list[k][0]] === value)) return list[k][0];
        }
        throw new Error("no such filter value: " + value);
      }
      filterPanel.set({
        country: "country" in f ? find(countryOptions, f.country) : undefined,
        sub: "sub" in f ? find(subOptions, f.sub) : undefined,
        actor: "actor" in f ? find(actorOptions, f.actor) : undefined,
        minFatalities: f.minFatalities,
        sizeByFatalities: f.sizeByFatalities,
      });
      if (timer) { clearTimeout(timer); timer = null; }
      refresh();
    };
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

    api.timings.controls = performance.now();
    map.addLayer(grid);
    refresh();
    api.ready = true;
    api.readyAt = performance.now();
    map.getContainer().setAttribute("data-im-ready", "true");
  }

  window.incidentmapInit = init;
})();
