/* incidentmap summary panel: incidents and fatalities of what is shown, by type, by
 * country and by month, in a collapsible panel (text only via textContent).
 *
 * incidentmapSummary(map) -> {update(rows), isOpen()}
 *   rows: {types: [[label, incidents, fatalities]], countries: [...], months: [...]}
 */
(function () {
  "use strict";

  var el = window.incidentmapKit.el;

  function table(title, rows) {
    var wrap = el("div", "im-summary-part");
    wrap.appendChild(el("div", "im-summary-head", title));
    var t = el("table", "im-summary-table");
    var head = el("tr");
    ["", "incidents", "fatalities"].forEach(function (h) { head.appendChild(el("th", null, h)); });
    t.appendChild(head);
    rows.forEach(function (r) {
      var tr = el("tr");
      tr.appendChild(el("td", "im-summary-name", r[0]));
      tr.appendChild(el("td", "im-num", String(r[1])));
      tr.appendChild(el("td", "im-num", String(r[2])));
      t.appendChild(tr);
    });
    if (!rows.length) {
      var none = el("tr");
      none.appendChild(el("td", "im-note", "none"));
      t.appendChild(none);
    }
    wrap.appendChild(t);
    return wrap;
  }

  function summary(map, onOpen) {
    var body = null;
    var details = null;
    var Panel = L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        details = el("details", "im-summary leaflet-bar");
        details.appendChild(el("summary", "im-summary-title", "Summary of incidents shown"));
        body = el("div", "im-summary-body");
        details.appendChild(body);
        details.addEventListener("toggle", function () { if (details.open) onOpen(); });
        L.DomEvent.disableClickPropagation(details);
        L.DomEvent.disableScrollPropagation(details);
        return details;
      },
    });
    new Panel().addTo(map);
    return {
      isOpen: function () { return !!(details && details.open); },
      update: function (rows) {
        if (!body) return;
        body.textContent = "";
        body.appendChild(table("By type", rows.types));
        body.appendChild(table("By country", rows.countries));
        body.appendChild(table("By month", rows.months));
      },
    };
  }

  window.incidentmapSummary = summary;
})();
