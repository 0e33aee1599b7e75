/* incidentmap offline basemap: first-level borders, rivers, lakes and labels by zoom.
 *
 * Draws the document of render/layers.py. Lines go on one canvas; labels are DOM
 * markers made only for what is in view at the current zoom (each label carries the
 * lowest zoom it shows at, chosen when the data was built so labels do not overlap).
 * Names are written with textContent only.
 *
 * incidentmapBasemap(map, doc) -> {layer: L.LayerGroup, labels: function () -> [names]}
 */
(function () {
  "use strict";

  var el = window.incidentmapKit.el;
  var LABEL_LIMIT = 700;
  var ADMIN1_ZOOM = 4;
  var COUNTRY_LAST_ZOOM = 7;
  var AREA_LAST_ZOOM = 11;

  function latLngs(flat) {
    var out = new Array(flat.length / 2);
    for (var k = 0; k < flat.length; k += 2) out[k / 2] = [flat[k + 1], flat[k]];
    return out;
  }

  function basemap(map, doc) {
    var group = L.layerGroup();
    if (!doc) return { layer: group, labels: function () { return []; } };
    map.createPane("im-basemap-lines").style.zIndex = 160;
    var labelPane = map.createPane("im-labels");
    labelPane.style.zIndex = 450;
    labelPane.style.pointerEvents = "none";
    var renderer = L.canvas({ pane: "im-basemap-lines", padding: 0.3 });

    // One multi-part layer per kind (and river zoom): tens of thousands of pieces as
    // separate Leaflet layers would cost seconds to build.
    var lakeRings = (doc.lakes || []).map(latLngs);
    if (lakeRings.length) {
      group.addLayer(L.polygon(lakeRings.map(function (r) { return [r]; }), {
        renderer: renderer, interactive: false, weight: 0.6, color: "#8fb3cf",
        fillColor: "#c9dcea", fillOpacity: 1,
      }));
    }

    var riverParts = {};
    (doc.rivers || []).forEach(function (r) {
      (riverParts[r[1]] = riverParts[r[1]] || []).push(latLngs(r[2]));
    });
    var riversByZoom = {};
    Object.keys(riverParts).forEach(function (z) {
      riversByZoom[z] = L.polyline(riverParts[z], {
        renderer: renderer, interactive: false, weight: Number(z) <= 3 ? 1.4 : 1,
        color: "#7aa7cf", opacity: 0.9,
      });
    });

    var adminParts = (doc.admin1 || []).map(latLngs);
    var admin1 = L.polyline(adminParts.length ? adminParts : [[0, 0], [0, 0]], {
      renderer: renderer, interactive: false, weight: 0.8, color: "#a48fb0",
      dashArray: "4 3", opacity: 0.9,
    });

    function showLines() {
      if (!map.hasLayer(group)) return;
      var zoom = map.getZoom();
      Object.keys(riversByZoom).forEach(function (z) {
        var want = zoom >= Number(z);
        if (want && !group.hasLayer(riversByZoom[z])) group.addLayer(riversByZoom[z]);
        if (!want && group.hasLayer(riversByZoom[z])) group.removeLayer(riversByZoom[z]);
      });
      var wantAdmin = zoom >= ADMIN1_ZOOM && adminParts.length > 0;
      if (wantAdmin && !group.hasLayer(admin1)) group.addLayer(admin1);
      if (!wantAdmin && group.hasLayer(admin1)) group.removeLayer(admin1);
    }

    // ---- labels -----------------------------------------------------------------
    var labels = doc.labels || [];
    var labelGroup = L.layerGroup();
    group.addLayer(labelGroup);
    var current = new Map();
    var cache = [];

    function labelMarker(i) {
      if (cache[i]) return cache[i];
      var row = labels[i];
      var kind = row[4];
      var box = el("div", "im-label-box");
      if (kind <= 2 || kind === 5) box.appendChild(el("span", "im-label-dot"));
      box.appendChild(el("span", "im-label-name", row[0]));
      var size = kind <= 2 ? (row[3] <= 4 ? " im-big" : row[3] <= 7 ? " im-mid" : "") : "";
      var marker = L.marker([row[1], row[2]], {
        icon: L.divIcon({ className: "im-label im-label-k" + kind + size, html: box, iconSize: null }),
        pane: "im-labels",
        interactive: false,
        keyboard: false,
      });
      cache[i] = marker;
      return marker;
    }

    function visible(row, zoom) {
      var kind = row[4];
      if (row[3] > zoom) return false;
      if (kind === 4) return zoom <= COUNTRY_LAST_ZOOM;
      if (kind === 3) return zoom <= AREA_LAST_ZOOM;
      return true;
    }

    function drawLabels() {
      if (!map.hasLayer(group)) return;
      var zoom = Math.floor(map.getZoom() + 1e-6);
      var view = map.getBounds().pad(0.15);
      var south = view.getSouth(), north = view.getNorth();
      var west = view.getWest(), east = view.getEast();
      var wanted = new Set();
      for (var i = 0; i < labels.length && wanted.size < LABEL_LIMIT; i++) {
        var row = labels[i];
        if (!visible(row, zoom)) continue;
        if (row[1] < south || row[1] > north) continue;
        var lon = row[2];
        if (east - west < 360 && (lon < west || lon > east) &&
            (lon + 360 < west || lon + 360 > east) && (lon - 360 < west || lon - 360 > east)) continue;
        wanted.add(i);
      }
      current.forEach(function (marker, i) {
        if (!wanted.has(i)) { labelGroup.removeLayer(marker); current.delete(i); }
      });
      wanted.forEach(function (i) {
        if (current.has(i)) return;
        var marker = labelMarker(i);
        current.set(i, marker);
        labelGroup.addLayer(marker);
      });
    }

    function update() { showLines(); drawLabels(); }
    map.on("moveend", update);
    group.on("add", function () { setTimeout(update, 0); });

    return {
      layer: group,
      labels: function () {
        var names = [];
        current.forEach(function (marker, i) { names.push(labels[i][0]); });
        return names;
      },
      places: labels,
    };
  }

  window.incidentmapBasemap = basemap;
})();
