/* incidentmap legend control (text only via textContent). */
(function () {
  "use strict";

  var kit = window.incidentmapKit;
  var el = kit.el;

  // counts[t] and subs[t] receive the count and the sub-event-type line of type t;
  // total: {el} set to the "N in view of M" line.
  function legend(map, types, counts, skipped, total, subs) {
    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "im-legend leaflet-bar");
        box.appendChild(el("div", "im-legend-title", "Incidents in view, by type"));
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
        total.el = el("div", "im-legend-total");
        box.appendChild(total.el);
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

  window.incidentmapControls = { legend: legend };
})();
