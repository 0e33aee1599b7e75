/* incidentmap: draws incidents client-side from one embedded JSON document.
 *
 * Article text (evidence, places, titles) only ever reaches the page through
 * textContent and text nodes; the few strings handed to Leaflet as HTML (layer
 * names) are escaped first. Filtering by type, date, confidence and background
 * happens here, on the data, so the page holds one marker object per incident and
 * no Python-made markup per incident.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  // Days an incident's date may stand for, by time precision (1 day, 2 week, 3 month+).
  var SPAN_DAYS = { 1: 0, 2: 6, 3: 30 };
  var TIME_WORDS = { 1: "exact day", 2: "approximate (within a week)", 3: "month or vaguer" };
  var GEO_WORDS = { 1: "exact place", 2: "near the place or part of an area", 3: "region or country" };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function isoDay(day) {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  function dayOf(iso) {
    var ms = Date.parse(String(iso).slice(0, 10) + "T00:00:00Z");
    return isNaN(ms) ? null : Math.floor(ms / DAY_MS);
  }

  function safeUrl(url) {
    try {
      var parsed = new URL(url);
      return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
    } catch (err) {
      return null;
    }
  }

  // Our own SVG (colour and glyph come from event_types.json, never from an article).
  function markerSvg(style, size) {
    return (
      '<svg xmlns="http://www.w3.org/2000/svg" width="' + size + '" height="' + size +
      '" viewBox="0 0 24 24" aria-hidden="true"><circle cx="12" cy="12" r="10.6" fill="' +
      style.color + '" stroke="#fff" stroke-width="1.6"/>' + style.glyph + "</svg>"
    );
  }

  function swatch(style) {
    var span = el("span", "im-swatch");
    span.innerHTML = markerSvg(style, 16);
    return span;
  }

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function init(map, dataId, basemapId) {
    var doc = readJson(dataId);
    var cfg = doc.config;
    var n = doc.n;
    var types = doc.types;
    var tables = doc.tables;
    var api = { ready: false, total: n };
    window.incidentmaps = window.incidentmaps || {};
    window.incidentmaps[cfg.name] = api;
    window.incidentmap = api;

    if (L.Icon && L.Icon.Default && cfg.iconUrls) {
      L.Icon.Default.imagePath = "";
      L.Icon.Default.mergeOptions(cfg.iconUrls);
    }
    map.getContainer().classList.add("im-map");

    // Offline basemap, below any tile layer: tiles cover it when they load.
    var basemap = readJson(basemapId);
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
      baseLayers[escapeHtml(t.name)] = L.tileLayer(t.url, {
        attribution: t.attribution,
        maxZoom: t.maxZoom,
      });
    });
    if (cfg.attribution) map.attributionControl.addAttribution(escapeHtml(cfg.attribution));

    // ---- state -------------------------------------------------------------
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

    function visible(i) {
      if (!state.types[doc.type[i]]) return false;
      if (doc.bg[i] && !state.background) return false;
      if (!state.low && isLow(i)) return false;
      var day = doc.date[i];
      if (day === null) return state.undated;
      var last = day + (SPAN_DAYS[doc.tp[i]] || 0);
      return last >= state.from && day <= state.to;
    }

    // ---- markers -------------------------------------------------------------
    var icons = types.map(function (style, t) {
      var variants = [];
      for (var v = 0; v < 4; v++) {
        variants.push(L.divIcon({
          html: markerSvg(style, 24),
          className: "im-marker im-t" + t + (v & 1 ? " im-low" : "") + (v & 2 ? " im-bg" : ""),
          iconSize: [24, 24],
          iconAnchor: [12, 12],
          popupAnchor: [0, -11],
          tooltipAnchor: [0, -11],
        }));
      }
      return variants;
    });
    var markers = new Array(n);
    for (var i = 0; i < n; i++) {
      var variant = (isLow(i) ? 1 : 0) | (doc.bg[i] ? 2 : 0);
      var marker = L.marker([doc.lat[i], doc.lon[i]], { icon: icons[doc.type[i]][variant] });
      marker._imIndex = i;
      markers[i] = marker;
    }

    var group;
    if (cfg.cluster) {
      group = L.markerClusterGroup({
        chunkedLoading: true,
        chunkProgress: function (done, total) { if (done >= total) markReady(); },
        maxClusterRadius: 45,
        showCoverageOnHover: false,
        spiderfyOnMaxZoom: true,
      });
    } else {
      group = L.featureGroup();
    }
    group.addTo(map);

    function dateText(i) {
      var day = doc.date[i];
      if (day === null) return "unknown";
      var iso = isoDay(day);
      return doc.tp[i] >= 3 ? iso.slice(0, 7) : iso;
    }

    function tooltipNode(i) {
      var box = el("div", "im-tooltip");
      box.appendChild(el("strong", null, types[doc.type[i]].type));
      box.appendChild(document.createTextNode(" \u00b7 " + dateText(i)));
      return box;
    }

    function highlighted(parent, text, place) {
      if (place) {
        var pattern = new RegExp(place.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"), "i");
        var found = pattern.exec(text);
        if (found && found[0].length) {
          parent.appendChild(document.createTextNode(text.slice(0, found.index)));
          parent.appendChild(el("mark", null, found[0]));
          parent.appendChild(document.createTextNode(text.slice(found.index + found[0].length)));
          return;
        }
      }
      parent.appendChild(document.createTextNode(text));
    }

    function row(table, label, value, note) {
      var tr = el("tr");
      tr.appendChild(el("th", null, label));
      var td = el("td", null, value);
      if (note) td.appendChild(el("span", "im-note", " (" + note + ")"));
      tr.appendChild(td);
      table.appendChild(tr);
    }

    function casualties(i) {
      var parts = [];
      if (doc.fat[i] >= 0) parts.push(doc.fat[i] + " killed");
      if (doc.inj[i] >= 0) parts.push(doc.inj[i] + " injured");
      return parts.length ? parts.join(", ") : "not reported";
    }

    function popupNode(i) {
      var style = types[doc.type[i]];
      var box = el("div", "im-popup");
      var head = el("div", "im-popup-head");
      head.appendChild(swatch(style));
      head.appendChild(el("strong", null, style.type));
      if (doc.sub[i] >= 0) head.appendChild(el("span", "im-sub", " \u2014 " + tables.sub[doc.sub[i]]));
      box.appendChild(head);
      var table = el("table", "im-facts");
      row(table, "Date", dateText(i), doc.date[i] === null ? null : TIME_WORDS[doc.tp[i]]);
      var place = doc.loc[i] >= 0 ? tables.loc[doc.loc[i]] : null;
      row(table, "Place", place || "unnamed", GEO_WORDS[doc.gp[i]]);
      row(table, "Casualties", casualties(i));
      row(table, "Confidence", Math.round(doc.conf[i] * 100) + "%", isLow(i) ? "low" : null);
      row(table, "Reports", doc.src[i] + (doc.src[i] === 1 ? " report" : " merged reports"));
      box.appendChild(table);
      if (doc.ev[i]) {
        var quote = el("blockquote", "im-evidence");
        highlighted(quote, doc.ev[i], place);
        box.appendChild(quote);
      }
      var title = doc.title[i] >= 0 ? tables.title[doc.title[i]] : null;
      var rawUrl = doc.url[i] >= 0 ? tables.url[doc.url[i]] : null;
      var url = rawUrl ? safeUrl(rawUrl) : null;
      if (title || rawUrl) {
        var source = el("div", "im-source", "Source: ");
        if (url) {
          var link = el("a", null, title || url);
          link.href = url;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          source.appendChild(link);
        } else {
          source.appendChild(el("span", null, title || rawUrl));
        }
        box.appendChild(source);
      }
      if (doc.bg[i]) box.appendChild(el("div", "im-flag", "Background: a general or habitual statement"));
      return box;
    }

    group.on("click", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m._imIndex === undefined || m.getPopup()) return;
      m.bindPopup(function () { return popupNode(m._imIndex); }, { maxWidth: 360, minWidth: 240 });
      m.openPopup();
    });
    group.on("mouseover", function (e) {
      var m = e.layer || e.propagatedFrom;
      if (!m || m._imIndex === undefined || m.getTooltip()) return;
      m.bindTooltip(function () { return tooltipNode(m._imIndex); }, { direction: "top" });
      m.openTooltip();
    });

    // ---- areas, heat ---------------------------------------------------------
    var areaLayers = doc.areas.map(function (geometry) {
      return L.geoJSON(geometry, { style: { weight: 2, fillOpacity: 0.15, dashArray: "4 3" } });
    });
    var areasGroup = L.featureGroup().addTo(map);
    areaLayers.forEach(function (layer, a) {
      layer.on("click", function (e) {
        var names = [];
        for (var j = 0; j < n; j++) {
          if (doc.area[j] === a && shown[j] && doc.loc[j] >= 0) names.push(tables.loc[doc.loc[j]]);
        }
        var box = el("div", "im-popup");
        box.appendChild(el("strong", null, names.length ? names[0] : "Area"));
        box.appendChild(el("div", null, names.length + " incident(s) shown here"));
        L.popup().setLatLng(e.latlng).setContent(box).openOn(map);
      });
    });
    var heat = cfg.heatmap && L.heatLayer ? L.heatLayer([], { radius: 18, blur: 16, minOpacity: 0.3 }) : null;

    // ---- filtering -------------------------------------------------------------
    var shown = new Uint8Array(n);
    var visibleCount = 0;
    var perType = types.map(function () { return 0; });

    function markReady() {
      if (!api.ready) {
        api.ready = true;
        map.getContainer().setAttribute("data-im-ready", "true");
      }
    }

    function refresh() {
      var toAdd = [];
      var toRemove = [];
      var count = 0;
      var counts = types.map(function () { return 0; });
      for (var i = 0; i < n; i++) {
        var v = visible(i) ? 1 : 0;
        if (v) { count++; counts[doc.type[i]]++; }
        if (v !== shown[i]) {
          (v ? toAdd : toRemove).push(markers[i]);
          shown[i] = v;
        }
      }
      if (toRemove.length > count) {
        group.clearLayers();
        toAdd = markers.filter(function (m, i) { return shown[i]; });
      } else if (toRemove.length) {
        if (group.removeLayers) group.removeLayers(toRemove);
        else toRemove.forEach(function (m) { group.removeLayer(m); });
      }
      if (group.addLayers) group.addLayers(toAdd);
      else { toAdd.forEach(function (m) { group.addLayer(m); }); markReady(); }
      visibleCount = count;
      perType = counts;
      var areaOn = areaLayers.map(function () { return false; });
      for (var j = 0; j < n; j++) if (shown[j] && doc.area[j] >= 0) areaOn[doc.area[j]] = true;
      areaLayers.forEach(function (layer, a) {
        var color = null;
        for (var k = 0; k < n && areaOn[a] && color === null; k++) {
          if (shown[k] && doc.area[k] === a) color = types[doc.type[k]].color;
        }
        if (areaOn[a]) { layer.setStyle({ color: color }); areasGroup.addLayer(layer); }
        else areasGroup.removeLayer(layer);
      });
      if (heat && map.hasLayer(heat)) updateHeat();
      updateLegend();
    }

    function updateHeat() {
      var points = [];
      for (var i = 0; i < n; i++) if (shown[i]) points.push([doc.lat[i], doc.lon[i]]);
      heat.setLatLngs(points);
    }

    // ---- layer control -----------------------------------------------------
    var overlays = {};
    var typeLayers = types.map(function (style, t) {
      var layer = L.layerGroup();
      layer._imType = t;
      overlays[
        '<span class="im-layer-label">' + markerSvg(style, 16) + " " + escapeHtml(style.type) + "</span>"
      ] = layer.addTo(map);
      return layer;
    });
    var areasLabel = "Areas (outlines)";
    if (doc.areas.length) overlays[areasLabel] = areasGroup;
    if (heat) overlays["Heat map (density)"] = heat;
    var bgLayer = L.layerGroup();
    var lowLayer = L.layerGroup();
    if (state.background) bgLayer.addTo(map);
    overlays["Background incidents"] = bgLayer;
    overlays["Low confidence (&lt; " + Math.round(cfg.minConfidence * 100) + "%)"] = lowLayer;
    var control = L.control.layers(baseLayers, overlays, { collapsed: false, position: "topright" });
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

    // ---- legend --------------------------------------------------------------
    var legendCounts = [];
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "im-legend leaflet-bar");
        box.appendChild(el("div", "im-legend-title", "Incidents by type"));
        types.forEach(function (style) {
          var line = el("div", "im-legend-row");
          line.appendChild(swatch(style));
          line.appendChild(el("span", "im-legend-name", style.type));
          var count = el("span", "im-legend-count");
          legendCounts.push(count);
          line.appendChild(count);
          box.appendChild(line);
        });
        box.appendChild(el("div", "im-legend-note", "Faded: low confidence \u00b7 grey ring: background"));
        L.DomEvent.disableClickPropagation(box);
        return box;
      },
    });
    new Legend().addTo(map);
    function updateLegend() {
      perType.forEach(function (c, t) {
        legendCounts[t].textContent = " " + c;
      });
    }

    // ---- time filter -----------------------------------------------------------
    var fromInput = null;
    var toInput = null;
    var timer = null;
    function scheduleRefresh() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; refresh(); }, n > 20000 ? 200 : 0);
    }
    if (minDay !== null) {
      var TimeFilter = L.Control.extend({
        options: { position: "bottomleft" },
        onAdd: function () {
          var box = el("div", "im-time leaflet-bar");
          box.appendChild(el("div", "im-time-title", "Dates shown"));
          var labels = el("div", "im-time-labels");
          var fromLabel = el("span", "im-time-from", isoDay(minDay));
          var toLabel = el("span", "im-time-to", isoDay(maxDay));
          labels.appendChild(fromLabel);
          labels.appendChild(document.createTextNode(" \u2013 "));
          labels.appendChild(toLabel);
          box.appendChild(labels);
          function slider(cls, value, label) {
            var input = el("input", cls);
            input.type = "range";
            input.min = String(minDay);
            input.max = String(maxDay);
            input.step = "1";
            input.value = String(value);
            input.setAttribute("aria-label", label);
            box.appendChild(input);
            return input;
          }
          fromInput = slider("im-time-start", minDay, "first date shown");
          toInput = slider("im-time-end", maxDay, "last date shown");
          function onInput() {
            var a = Number(fromInput.value);
            var b = Number(toInput.value);
            if (a > b) {
              if (this === fromInput) { toInput.value = String(a); b = a; }
              else { fromInput.value = String(b); a = b; }
            }
            state.from = a;
            state.to = b;
            fromLabel.textContent = isoDay(a);
            toLabel.textContent = isoDay(b);
            scheduleRefresh();
          }
          fromInput.addEventListener("input", onInput);
          toInput.addEventListener("input", onInput);
          if (undatedCount) {
            var label = el("label", "im-time-undated");
            var check = el("input");
            check.type = "checkbox";
            check.checked = true;
            check.addEventListener("change", function () {
              state.undated = check.checked;
              scheduleRefresh();
            });
            label.appendChild(check);
            label.appendChild(document.createTextNode(" undated (" + undatedCount + ")"));
            box.appendChild(label);
          }
          L.DomEvent.disableClickPropagation(box);
          L.DomEvent.disableScrollPropagation(box);
          return box;
        },
      });
      new TimeFilter().addTo(map);
    }

    if (cfg.title) {
      var banner = el("div", "im-title", cfg.title);
      map.getContainer().appendChild(banner);
    }

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
      if (minDay === null) return;
      var a = from ? dayOf(from) : minDay;
      var b = to ? dayOf(to) : maxDay;
      var first = Math.max(minDay, Math.min(a, b));
      var last = Math.min(maxDay, Math.max(a, b));
      state.from = first;
      state.to = last;
      if (fromInput && toInput) {
        fromInput.value = String(first);
        toInput.value = String(last);
        toInput.dispatchEvent(new Event("input"));
      }
      if (timer) { clearTimeout(timer); timer = null; }
      refresh();
    };

    refresh();
  }

  window.incidentmapInit = init;
})();
