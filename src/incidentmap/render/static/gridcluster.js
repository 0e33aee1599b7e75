/* incidentmap grid clustering: one map element per occupied grid cell in view.
 *
 * Each time the view settles, the incidents that pass the filters and lie in view are
 * bucketed by a square grid in screen pixels (anchored to the world, so buckets do not
 * shift while panning). A bucket holding one incident shows that incident's marker; a
 * bucket holding more shows a cluster disc with the count and a ring of type colours;
 * buckets whose centres are closer than 0.8 cell are joined so nothing overlaps.
 * The work is one pass over the points per view change (about 30 ms for 100,000
 * points), and only what is in view becomes DOM. Leaflet.markercluster builds a
 * cluster tree for every zoom level up front instead, which took seconds for 100,000
 * markers; see bench/README.md.
 *
 * new IncidentGrid(lat, lon, shown, hooks, options)
 *   lat, lon  arrays of coordinates; shown: Uint8Array, 1 = passes the filters
 *   hooks.marker(i)                  -> L.Marker for incident i (the caller caches it)
 *   hooks.clusterIcon(count, counts) -> L.DivIcon (counts: per type index)
 *   hooks.type(i)                    -> type index of incident i
 *   hooks.list(indices, latlng)      -> called when a cluster cannot be split further
 *   options.cellSize (px), options.cluster (bool)
 */
(function () {
  "use strict";

  var IncidentGrid = L.Layer.extend({
    options: { cellSize: 60, cluster: true, typeCount: 1 },

    initialize: function (lat, lon, shown, hooks, options) {
      L.setOptions(this, options);
      var n = lat.length;
      this._n = n;
      this._x = new Float64Array(n);
      this._y = new Float64Array(n);
      for (var i = 0; i < n; i++) {
        var s = Math.max(-0.9999, Math.min(0.9999, Math.sin(lat[i] * Math.PI / 180)));
        this._x[i] = (lon[i] + 180) / 360;
        this._y[i] = 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
      }
      this._shown = shown;
      this._hooks = hooks;
      this._group = L.featureGroup();
      this._current = new Map();
    },

    onAdd: function (map) {
      this._group.addTo(map);
      map.on("moveend", this.redraw, this);
      this.redraw();
    },

    onRemove: function (map) {
      map.off("moveend", this.redraw, this);
      this._group.clearLayers();
      map.removeLayer(this._group);
      this._current = new Map();
    },

    // The buckets of the current view: Map key -> {count, first, sx, sy, box, counts}.
    _buckets: function () {
      var map = this._map;
      var zoom = map.getZoom();
      var scale = 256 * Math.pow(2, zoom);
      var size = this.options.cellSize;
      var view = map.getPixelBounds();
      var pad = size;
      var x0 = view.min.x - pad, x1 = view.max.x + pad;
      var y0 = view.min.y - pad, y1 = view.max.y + pad;
      var cluster = this.options.cluster;
      var perRow = Math.ceil(scale / size) + 1;
      var buckets = new Map();
      var xs = this._x, ys = this._y, shown = this._shown;
      for (var i = 0; i < this._n; i++) {
        if (!shown[i]) continue;
        var px = xs[i] * scale;
        var py = ys[i] * scale;
        if (px < x0 || px > x1 || py < y0 || py > y1) continue;
        var key = cluster ? Math.floor(py / size) * perRow + Math.floor(px / size) : -1 - i;
        var b = buckets.get(key);
        if (b === undefined) {
          b = { count: 0, first: i, sx: 0, sy: 0, minX: px, maxX: px, minY: py, maxY: py, counts: null };
          buckets.set(key, b);
        }
        b.count++;
        b.sx += px;
        b.sy += py;
        if (px < b.minX) b.minX = px;
        if (px > b.maxX) b.maxX = px;
        if (py < b.minY) b.minY = py;
        if (py > b.maxY) b.maxY = py;
        if (b.count > 1) {
          if (b.counts === null) {
            b.counts = new Array(this.options.typeCount).fill(0);
            b.counts[this._hooks.type(b.first)]++;
          }
          b.counts[this._hooks.type(i)]++;
        }
      }
      return { buckets: buckets, zoom: zoom, scale: scale, size: size, perRow: perRow };
    },

    // Grid cells cut groups apart at their edges: join buckets whose centres lie within
    // 0.8 cell of a bigger one (greedy, biggest first), so discs and markers do not overlap.
    _merge: function (view) {
      var radius = this.options.cellSize * 0.8;
      var near = new Map();
      var kept = [];
      var entries = Array.from(view.buckets.entries());
      entries.sort(function (p, q) { return q[1].count - p[1].count || p[0] - q[0]; });
      var typeCount = this.options.typeCount;
      var typeOf = this._hooks.type;
      function counts(b) {
        if (b.counts) return b.counts;
        var c = new Array(typeCount).fill(0);
        c[typeOf(b.first)] = b.count;
        return c;
      }
      for (var e = 0; e < entries.length; e++) {
        var key = entries[e][0];
        var b = entries[e][1];
        var cx = b.sx / b.count;
        var cy = b.sy / b.count;
        var gx = Math.floor(cx / radius);
        var gy = Math.floor(cy / radius);
        var target = null;
        for (var dx = -1; dx <= 1 && !target; dx++) {
          for (var dy = -1; dy <= 1 && !target; dy++) {
            var cell = near.get(gx + dx + ":" + (gy + dy));
            if (!cell) continue;
            for (var k = 0; k < cell.length; k++) {
              var t = cell[k];
              if ((t.cx - cx) * (t.cx - cx) + (t.cy - cy) * (t.cy - cy) < radius * radius) {
                target = t;
                break;
              }
            }
          }
        }
        if (target) {
          var into = counts(target);
          counts(b).forEach(function (c, i) { into[i] += c; });
          target.counts = into;
          target.count += b.count;
          target.sx += b.sx;
          target.sy += b.sy;
          target.minX = Math.min(target.minX, b.minX);
          target.maxX = Math.max(target.maxX, b.maxX);
          target.minY = Math.min(target.minY, b.minY);
          target.maxY = Math.max(target.maxY, b.maxY);
          target.keys.push(key);
          continue;
        }
        var seed = {
          count: b.count, first: b.first, sx: b.sx, sy: b.sy, minX: b.minX, maxX: b.maxX,
          minY: b.minY, maxY: b.maxY, counts: b.counts, keys: [key], cx: cx, cy: cy,
        };
        kept.push(seed);
        var at = gx + ":" + gy;
        if (!near.has(at)) near.set(at, []);
        near.get(at).push(seed);
      }
      return kept;
    },

    // Drop every marker and cluster drawn (their icons changed), then draw again.
    reset: function () {
      this._group.clearLayers();
      this._current = new Map();
      this.redraw();
    },

    redraw: function () {
      var map = this._map;
      if (!map) return;
      var view = this._buckets();
      var groups = this.options.cluster ? this._merge(view) : null;
      var wanted = new Map();
      var self = this;
      function want(b) {
        if (b.count === 1) {
          wanted.set("m" + b.first, { marker: true, index: b.first });
        } else {
          var sig = "c" + view.zoom + ":" + b.keys[0] + ":" + b.count + ":" + b.first;
          wanted.set(sig, { marker: false, bucket: b, view: view });
        }
      }
      if (groups) groups.forEach(want);
      else view.buckets.forEach(function (b) { want(b); });
      this._current.forEach(function (layer, sig) {
        if (!wanted.has(sig)) {
          self._group.removeLayer(layer);
          self._current.delete(sig);
        }
      });
      wanted.forEach(function (want, sig) {
        if (self._current.has(sig)) return;
        var layer = want.marker ? self._hooks.marker(want.index) : self._clusterMarker(want);
        self._current.set(sig, layer);
        self._group.addLayer(layer);
      });
      this.fire("redraw");
    },

    _clusterMarker: function (want) {
      var b = want.bucket;
      var map = this._map;
      var center = map.unproject([b.sx / b.count, b.sy / b.count], want.view.zoom);
      var marker = L.marker(center, {
        icon: this._hooks.clusterIcon(b.count, b.counts),
        title: b.count + " incidents",
        riseOnHover: true,
      });
      var self = this;
      marker.on("click", function () { self._open(want); });
      marker.on("keypress", function (e) {
        if (e.originalEvent && e.originalEvent.key === "Enter") self._open(want);
      });
      return marker;
    },

    _open: function (want) {
      var b = want.bucket;
      var map = this._map;
      var zoom = want.view.zoom;
      var spread = Math.max(b.maxX - b.minX, b.maxY - b.minY);
      if (spread >= 1 && zoom < map.getMaxZoom()) {
        var sw = map.unproject([b.minX, b.maxY], zoom);
        var ne = map.unproject([b.maxX, b.minY], zoom);
        var target = Math.min(map.getBoundsZoom(L.latLngBounds(sw, ne).pad(0.1)), map.getMaxZoom());
        if (target <= zoom) target = zoom + 1;
        map.setView(L.latLngBounds(sw, ne).getCenter(), target);
        return;
      }
      // Every incident of the bucket is at (nearly) the same spot: list them instead.
      var members = [];
      var xs = this._x, ys = this._y, shown = this._shown;
      var scale = want.view.scale, size = want.view.size, perRow = want.view.perRow;
      var keys = new Set(b.keys);
      for (var i = 0; i < this._n; i++) {
        if (!shown[i]) continue;
        var key = Math.floor(ys[i] * scale / size) * perRow + Math.floor(xs[i] * scale / size);
        if (keys.has(key)) members.push(i);
      }
      this._hooks.list(members, map.unproject([b.sx / b.count, b.sy / b.count], zoom));
    },
  });

  window.IncidentGrid = IncidentGrid;
})();
