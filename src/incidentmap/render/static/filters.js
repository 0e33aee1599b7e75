/* incidentmap filter panel: search, country, sub-event type, actor, minimum fatalities,
 * marker size by fatalities (text only via textContent; option labels are text).
 *
 * incidentmapFilters(map, opts) -> {set(filters), count(text)}
 *   opts.countries, opts.subs, opts.actors   [[code, label, count], ...]
 *   opts.onChange({country, sub, actor, minFatalities, sizeByFatalities})
 *   opts.search(query) -> [{label, note, go()}]
 */
(function () {
  "use strict";

  var el = window.incidentmapKit.el;
  var RESULTS = 12;

  function filters(map, opts) {
    var fields = {};
    var countLine = null;
    var results = null;

    function current() {
      return {
        country: Number(fields.country.value),
        sub: Number(fields.sub.value),
        actor: Number(fields.actor.value),
        minFatalities: Math.max(0, Number(fields.fat.value) || 0),
        sizeByFatalities: fields.size.checked,
      };
    }
    function changed() { opts.onChange(current()); }

    function select(name, label, all, entries) {
      var wrap = el("label", "im-filter-row");
      wrap.appendChild(el("span", "im-filter-label", label));
      var sel = el("select", "im-filter-" + name);
      var any = el("option", null, all);
      any.value = "-1";
      sel.appendChild(any);
      entries.forEach(function (e) {
        var option = el("option", null, e[1] + " (" + e[2] + ")");
        option.value = String(e[0]);
        sel.appendChild(option);
      });
      sel.disabled = entries.length === 0;
      sel.addEventListener("change", changed);
      wrap.appendChild(sel);
      fields[name] = sel;
      return wrap;
    }

    function showResults(query) {
      results.textContent = "";
      if (!query || query.trim().length < 2) return;
      var found = opts.search(query.trim());
      if (!found.length) {
        results.appendChild(el("div", "im-note", "Nothing found"));
        return;
      }
      found.slice(0, RESULTS).forEach(function (r) {
        var button = el("button", "im-search-result im-search-" + r.kind);
        button.type = "button";
        button.appendChild(el("span", "im-search-label", r.label));
        if (r.note) button.appendChild(el("span", "im-note", " " + r.note));
        button.addEventListener("click", function () { r.go(); });
        results.appendChild(button);
      });
      if (found.length > RESULTS) {
        results.appendChild(el("div", "im-note", "and " + (found.length - RESULTS) + " more"));
      }
    }

    var Panel = L.Control.extend({
      options: { position: "topleft" },
      onAdd: function () {
        var box = el("details", "im-filters leaflet-bar");
        box.open = map.getSize().x >= 700;
        box.appendChild(el("summary", "im-filters-title", "Search and filters"));
        var search = el("input", "im-search");
        search.type = "search";
        search.placeholder = "Search places and reports";
        search.setAttribute("aria-label", "search places and reports");
        var pending = null;
        search.addEventListener("input", function () {
          if (pending) clearTimeout(pending);
          pending = setTimeout(function () { showResults(search.value); }, 120);
        });
        search.addEventListener("keydown", function (e) {
          if (e.key !== "Enter") return;
          if (pending) clearTimeout(pending);
          showResults(search.value);
          var first = results.querySelector("button");
          if (first) first.click();
        });
        fields.search = search;
        box.appendChild(search);
        results = el("div", "im-search-results");
        box.appendChild(results);
        box.appendChild(select("country", "Country", "all countries", opts.countries));
        box.appendChild(select("sub", "Sub-event type", "all sub-event types", opts.subs));
        box.appendChild(select("actor", "Actor", "all actors", opts.actors));
        var fatRow = el("label", "im-filter-row");
        fatRow.appendChild(el("span", "im-filter-label", "Fatalities at least"));
        var fat = el("input", "im-filter-fatalities");
        fat.type = "number";
        fat.min = "0";
        fat.step = "1";
        fat.value = "0";
        fat.addEventListener("input", changed);
        fatRow.appendChild(fat);
        fields.fat = fat;
        box.appendChild(fatRow);
        var sizeRow = el("label", "im-filter-check");
        var size = el("input", "im-filter-size");
        size.type = "checkbox";
        size.addEventListener("change", changed);
        sizeRow.appendChild(size);
        sizeRow.appendChild(document.createTextNode(" marker size by fatalities"));
        fields.size = size;
        box.appendChild(sizeRow);
        var reset = el("button", "im-filter-reset", "Reset filters");
        reset.type = "button";
        reset.addEventListener("click", function () {
          set({ country: -1, sub: -1, actor: -1, minFatalities: 0 });
        });
        box.appendChild(reset);
        countLine = el("div", "im-filter-count");
        box.appendChild(countLine);
        L.DomEvent.disableClickPropagation(box);
        L.DomEvent.disableScrollPropagation(box);
        return box;
      },
    });
    new Panel().addTo(map);

    function set(values) {
      if (values.country !== undefined) fields.country.value = String(values.country);
      if (values.sub !== undefined) fields.sub.value = String(values.sub);
      if (values.actor !== undefined) fields.actor.value = String(values.actor);
      if (values.minFatalities !== undefined) fields.fat.value = String(values.minFatalities);
      if (values.sizeByFatalities !== undefined) fields.size.checked = !!values.sizeByFatalities;
      changed();
    }

    return {
      set: set,
      count: function (text) { if (countLine) countLine.textContent = text; },
      search: function (query) {
        fields.search.value = query;
        showResults(query);
      },
    };
  }

  window.incidentmapFilters = filters;
})();
