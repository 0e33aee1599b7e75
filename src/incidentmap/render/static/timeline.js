/* incidentmap timeline: one range slider over a date axis, a histogram of events and
 * fatalities per week or month, and play/pause (text only via textContent).
 *
 * incidentmapTimeline(map, opts) -> {bins, bin(day), histogram(events, deaths), set(a, b),
 *                                   play(), pause(), playing()}
 *   opts.minDay, opts.maxDay   the axis (days since 1970-01-01), from the incidents shown
 *   opts.undatedCount          adds an "undated" switch when > 0
 *   opts.onRange(first, last)  called as the range moves
 *   opts.onUndated(on)
 */
(function () {
  "use strict";

  var kit = window.incidentmapKit;
  var el = kit.el;
  var DAY_MS = 86400000;
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function monthIndex(day) {
    var d = new Date(day * DAY_MS);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }

  function dayOfMonth(index) {
    return Math.round(Date.UTC(Math.floor(index / 12), index % 12, 1) / DAY_MS);
  }

  // Bins of a week (spans up to 16 months) or of a calendar month: [[first, last], ...].
  function makeBins(minDay, maxDay) {
    var bins = [];
    if (maxDay - minDay <= 486) {
      for (var d = minDay; d <= maxDay; d += 7) bins.push([d, Math.min(maxDay, d + 6)]);
      return { unit: "week", bins: bins };
    }
    var first = monthIndex(minDay);
    var last = monthIndex(maxDay);
    for (var m = first; m <= last; m++) bins.push([dayOfMonth(m), dayOfMonth(m + 1) - 1]);
    return { unit: "month", bins: bins };
  }

  function timeline(map, opts) {
    var minDay = opts.minDay;
    var maxDay = Math.max(opts.maxDay, opts.minDay);
    var made = makeBins(minDay, maxDay);
    var bins = made.bins;
    var inputs = {};
    var labels = {};
    var canvas = null;
    var axis = null;
    var button = null;
    var timer = null;
    var last = { events: [], deaths: [] };
    var range = [minDay, maxDay];

    function fraction(day) { return maxDay === minDay ? 0 : (day - minDay) / (maxDay - minDay); }

    function drawAxis() {
      if (!axis) return;
      axis.textContent = "";
      var span = maxDay - minDay;
      var ticks = [];
      var first = monthIndex(minDay);
      var lastMonth = monthIndex(maxDay);
      var months = lastMonth - first + 1;
      var every = months <= 6 ? 1 : months <= 14 ? 2 : months <= 36 ? 6 : 12;
      for (var m = first; m <= lastMonth + 1; m++) {
        var day = dayOfMonth(m);
        if (day < minDay || day > maxDay || (every >= 12 ? m % 12 !== 0 : m % every !== 0)) continue;
        ticks.push([day, every >= 12 || m % 12 === 0 ? String(Math.floor(m / 12)) :
          MONTHS[m % 12] + (every >= 6 ? " " + String(Math.floor(m / 12)).slice(2) : "")]);
      }
      if (!ticks.length || span < 20) {
        ticks = [[minDay, kit.isoDay(minDay).slice(5)], [maxDay, kit.isoDay(maxDay).slice(5)]];
      }
      ticks.forEach(function (t) {
        var tick = el("span", "im-axis-tick", t[1]);
        tick.style.left = (fraction(t[0]) * 100).toFixed(2) + "%";
        axis.appendChild(tick);
      });
    }

    function showRange(a, b) {
      range = [a, b];
      labels.from.textContent = kit.isoDay(a);
      labels.to.textContent = kit.isoDay(b);
      var fill = inputs.fill;
      if (fill) {
        fill.style.left = (fraction(a) * 100).toFixed(2) + "%";
        fill.style.width = ((fraction(b) - fraction(a)) * 100).toFixed(2) + "%";
      }
      histogram(last.events, last.deaths);
    }

    function set(a, b) {
      inputs.from.value = String(a);
      inputs.to.value = String(b);
      showRange(a, b);
      opts.onRange(a, b);
    }

    function pause() {
      if (timer) clearInterval(timer);
      timer = null;
      if (button) { button.textContent = "\u25b6 Play"; button.setAttribute("aria-pressed", "false"); }
    }

    // Play: a window (the range chosen, or an eighth of the axis when all is chosen)
    // moves forward one bin per step until it reaches the end.
    function play() {
      if (timer) return;
      var a = range[0];
      var b = range[1];
      var binDays = made.unit === "week" ? 7 : 30;
      if ((a === minDay && b === maxDay) || b >= maxDay) {
        var width = Math.max(binDays - 1, Math.round((maxDay - minDay) / 8));
        a = minDay;
        b = Math.min(maxDay, minDay + width);
        set(a, b);
      }
      if (button) { button.textContent = "\u275a\u275a Pause"; button.setAttribute("aria-pressed", "true"); }
      timer = setInterval(function () {
        var width = range[1] - range[0];
        var next = Math.min(maxDay, range[1] + binDays);
        set(Math.max(minDay, next - width), next);
        if (next >= maxDay) pause();
      }, 700);
    }

    var Timeline = L.Control.extend({
      options: { position: "bottomleft" },
      onAdd: function () {
        var box = el("div", "im-time leaflet-bar");
        var head = el("div", "im-time-head");
        head.appendChild(el("span", "im-time-title", "Dates shown"));
        button = el("button", "im-time-play", "\u25b6 Play");
        button.type = "button";
        button.setAttribute("aria-pressed", "false");
        button.addEventListener("click", function () { if (timer) pause(); else play(); });
        head.appendChild(button);
        box.appendChild(head);
        var line = el("div", "im-time-labels");
        labels.from = el("span", "im-time-from", kit.isoDay(minDay));
        labels.to = el("span", "im-time-to", kit.isoDay(maxDay));
        line.appendChild(labels.from);
        line.appendChild(document.createTextNode(" \u2013 "));
        line.appendChild(labels.to);
        box.appendChild(line);
        canvas = el("canvas", "im-time-histogram");
        canvas.setAttribute("aria-hidden", "true");
        box.appendChild(canvas);
        var track = el("div", "im-time-track");
        var rail = el("div", "im-time-rail");
        inputs.fill = el("div", "im-time-fill");
        rail.appendChild(inputs.fill);
        track.appendChild(rail);
        function slider(cls, value, label) {
          var input = el("input", "im-time-thumb " + cls);
          input.type = "range";
          input.min = String(minDay);
          input.max = String(maxDay);
          input.step = "1";
          input.value = String(value);
          input.setAttribute("aria-label", label);
          track.appendChild(input);
          return input;
        }
        inputs.from = slider("im-time-start", minDay, "first date shown");
        inputs.to = slider("im-time-end", maxDay, "last date shown");
        box.appendChild(track);
        axis = el("div", "im-time-axis");
        box.appendChild(axis);
        var key = el("div", "im-time-key");
        key.appendChild(el("span", "im-key-events", "\u25a0 events"));
        key.appendChild(el("span", "im-key-deaths", " \u2014 fatalities"));
        key.appendChild(document.createTextNode(" per " + made.unit));
        box.appendChild(key);
        function onInput(e) {
          var a = Number(inputs.from.value);
          var b = Number(inputs.to.value);
          if (a > b) {
            if (e && e.target === inputs.from) { inputs.to.value = String(a); b = a; }
            else { inputs.from.value = String(b); a = b; }
          }
          showRange(a, b);
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
    new Timeline().addTo(map);
    showRange(minDay, maxDay);
    drawAxis();

    // Bars: events per bin (dark inside the range); line: fatalities per bin.
    function histogram(events, deaths) {
      last = { events: events || [], deaths: deaths || [] };
      if (!canvas || !canvas.getContext || !last.events.length) return;
      var ratio = window.devicePixelRatio || 1;
      var w = canvas.clientWidth || 240;
      var h = canvas.clientHeight || 40;
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, w, h);
      var top = Math.max.apply(null, last.events.concat([1]));
      var topDeaths = Math.max.apply(null, last.deaths.concat([1]));
      function x(day) { return fraction(day) * w; }
      bins.forEach(function (span, k) {
        var c = last.events[k];
        if (!c) return;
        var inside = span[1] >= range[0] && span[0] <= range[1];
        ctx.fillStyle = inside ? "#3f6496" : "#c9d3df";
        var height = Math.max(1, (c / top) * (h - 3));
        var left = x(span[0]);
        ctx.fillRect(left + 0.5, h - height, Math.max(1, x(span[1] + 1) - left - 1), height);
      });
      if (last.deaths.some(function (d) { return d > 0; })) {
        ctx.strokeStyle = "#c0392b";
        ctx.lineWidth = 1.5;
        ctx.beginPath();
        bins.forEach(function (span, k) {
          var px = (x(span[0]) + x(span[1] + 1)) / 2;
          var py = h - 1 - ((last.deaths[k] || 0) / topDeaths) * (h - 4);
          if (k === 0) ctx.moveTo(px, py); else ctx.lineTo(px, py);
        });
        ctx.stroke();
      }
    }

    return {
      bins: bins.length,
      unit: made.unit,
      bin: function (day) {
        if (made.unit === "week") return Math.min(bins.length - 1, Math.max(0, Math.floor((day - minDay) / 7)));
        return Math.min(bins.length - 1, Math.max(0, monthIndex(day) - monthIndex(minDay)));
      },
      histogram: histogram,
      set: set,
      play: play,
      pause: pause,
      playing: function () { return timer !== null; },
    };
  }

  window.incidentmapTimeline = timeline;
})();
