/* incidentmap legend and time filter controls (text only via textContent). */
(function () {
  "use strict";

  var kit = window.incidentmapKit;
  var el = kit.el;

  // counts[t] and subs[t] receive the count and the sub-event-type line of type t.
  function legend(map, types, counts, skipped, subs) {
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "im-legend leaflet-bar");
        box.appendChild(el("div", "im-legend-title", "Incidents shown, by type"));
        types.forEach(function (style) {
          var line = el("div", "im-legend-row");
          line.appendChild(kit.swatch(style));
          line.appendChild(el("span", "im-legend-name", style.type));
          var count = el("span", "im-legend-count");
          counts.push(count);
          line.appendChild(count);
          box.appendChild(line);
          var sub = el("div", "im-legend-subs");
          if (subs) subs.push(sub);
          box.appendChild(sub);
        });
        box.appendChild(el("div", "im-legend-note",
          "Faded: low confidence \u00b7 dashed ring: background \u00b7 discs: clusters"));
        if (skipped) {
          box.appendChild(el("div", "im-legend-note im-legend-skipped",
            skipped + " incident" + (skipped === 1 ? " has" : "s have") +
            " no coordinates and " + (skipped === 1 ? "is" : "are") + " not on the map"));
        }
        L.DomEvent.disableClickPropagation(box);
        return box;
      },
    });
    new Legend().addTo(map);
  }

  // Two range inputs over days; calls opts.onRange(first, last) as they move.
  function timeFilter(map, opts) {
    var inputs = {};
    var labels = {};
    var canvas = null;
    var span = opts.maxDay - opts.minDay + 1;
    var bins = Math.max(1, Math.min(60, span));
    var width = span / bins;
    var TimeFilter = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "im-time leaflet-bar");
        box.appendChild(el("div", "im-time-title", "Dates shown"));
        var line = el("div", "im-time-labels");
        labels.from = el("span", "im-time-from", kit.isoDay(opts.minDay));
        labels.to = el("span", "im-time-to", kit.isoDay(opts.maxDay));
        line.appendChild(labels.from);
        line.appendChild(document.createTextNode(" \u2013 "));
        line.appendChild(labels.to);
        box.appendChild(line);
        canvas = el("canvas", "im-time-histogram");
        canvas.setAttribute("aria-hidden", "true");
        box.appendChild(canvas);
        function slider(cls, value, label) {
          var input = el("input", cls);
          input.type = "range";
          input.min = String(opts.minDay);
          input.max = String(opts.maxDay);
          input.step = "1";
          input.value = String(value);
          input.setAttribute("aria-label", label);
          box.appendChild(input);
          return input;
        }
        inputs.from = slider("im-time-start", opts.minDay, "first date shown");
        inputs.to = slider("im-time-end", opts.maxDay, "last date shown");
        function onInput(e) {
          var a = Number(inputs.from.value);
          var b = Number(inputs.to.value);
          if (a > b) {
            if (e && e.target === inputs.from) { inputs.to.value = String(a); b = a; }
            else { inputs.from.value = String(b); a = b; }
          }
          labels.from.textContent = kit.isoDay(a);
          labels.to.textContent = kit.isoDay(b);
          opts.onRange(a, b);
        }
        inputs.from.addEventListener("input", onInput);
        inputs.to.addEventListener("input", onInput);
        if (opts.undatedCount) {
          var label = el("label", "im-time-undated");
          var check = el("input");
          check.type = "checkbox";
          check.checked = true;
          check.addEventListener("change", function () { opts.onUndated(check.checked); });
          label.appendChild(check);
          label.appendChild(document.createTextNode(" undated (" + opts.undatedCount + ")"));
          box.appendChild(label);
        }
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    new TimeFilter().addTo(map);
    // Bars of incidents per stretch of days, dark inside the chosen range.
    function histogram(counts, from, to) {
      if (!canvas || !canvas.getContext) return;
      var ratio = window.devicePixelRatio || 1;
      var w = canvas.clientWidth || 200;
      var h = canvas.clientHeight || 32;
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, w, h);
      var top = Math.max.apply(null, counts.concat([1]));
      var bar = w / counts.length;
      counts.forEach(function (c, k) {
        if (!c) return;
        var first = opts.minDay + k * width;
        var inside = first + width - 1 >= from && first <= to;
        ctx.fillStyle = inside ? "#3f6496" : "#c9d3df";
        var height = Math.max(1, (c / top) * (h - 2));
        ctx.fillRect(k * bar + 0.5, h - height, Math.max(1, bar - 1), height);
      });
    }

    return {
      bins: bins,
      bin: function (day) { return Math.min(bins - 1, Math.max(0, Math.floor((day - opts.minDay) / width))); },
      histogram: histogram,
      set: function (a, b) {
        inputs.from.value = String(a);
        inputs.to.value = String(b);
        labels.from.textContent = kit.isoDay(a);
        labels.to.textContent = kit.isoDay(b);
        opts.onRange(a, b);
      },
    };
  }

  window.incidentmapControls = { legend: legend, timeFilter: timeFilter };
})();
