/* incidentmap popups, tooltips and shared helpers.
 *
 * Article text (evidence, places, titles, sub-types) is only ever written with
 * textContent or as text nodes; links are made only for http(s) URLs.
 */
(function () {
  "use strict";

  var DAY_MS = 86400000;
  var TIME_WORDS = { 1: "exact day", 2: "approximate (within a week)", 3: "month or vaguer" };
  var GEO_WORDS = { 1: "exact place", 2: "near the place or part of an area", 3: "region or country" };
  var LIST_LIMIT = 50;

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

  // Our own SVG: colour and glyph come from event_types.json, never from an article.
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

  // Content builders bound to one map's data document.
  function Content(doc, isLow) {
    var types = doc.types;
    var tables = doc.tables;

    function place(i) { return doc.loc[i] >= 0 ? tables.loc[doc.loc[i]] : null; }

    function dateText(i) {
      var day = doc.date[i];
      if (day === null) return "date unknown";
      var iso = isoDay(day);
      return doc.tp[i] >= 3 ? iso.slice(0, 7) : iso;
    }

    function casualties(i) {
      var parts = [];
      if (doc.fat[i] >= 0) parts.push(doc.fat[i] + " killed");
      if (doc.inj[i] >= 0) parts.push(doc.inj[i] + " injured");
      return parts.length ? parts.join(", ") : "not reported";
    }

    function tooltip(i) {
      var box = el("div", "im-tooltip");
      box.appendChild(el("strong", null, types[doc.type[i]].type));
      box.appendChild(document.createTextNode(" \u00b7 " + dateText(i)));
      return box;
    }

    function source(i) {
      var title = doc.title[i] >= 0 ? tables.title[doc.title[i]] : null;
      var rawUrl = doc.url[i] >= 0 ? tables.url[doc.url[i]] : null;
      if (!title && !rawUrl) return null;
      var url = rawUrl ? safeUrl(rawUrl) : null;
      var box = el("div", "im-source", "Source: ");
      if (url) {
        var link = el("a", null, title || url);
        link.href = url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        box.appendChild(link);
      } else {
        box.appendChild(el("span", null, title || rawUrl));
      }
      return box;
    }

    function popup(i) {
      var style = types[doc.type[i]];
      var box = el("div", "im-popup");
      box.setAttribute("data-incident", doc.id[i]);
      var head = el("div", "im-popup-head");
      head.appendChild(swatch(style));
      head.appendChild(el("strong", null, style.type));
      if (doc.sub[i] >= 0) head.appendChild(el("span", "im-sub", " \u2014 " + tables.sub[doc.sub[i]]));
      box.appendChild(head);
      var table = el("table", "im-facts");
      row(table, "Date", dateText(i), doc.date[i] === null ? null : TIME_WORDS[doc.tp[i]]);
      row(table, "Place", place(i) || "unnamed", GEO_WORDS[doc.gp[i]]);
      row(table, "Casualties", casualties(i));
      var actors = doc.act && doc.act[i] ? doc.act[i].map(function (k) { return tables.act[k]; }) : [];
      if (actors.length) row(table, actors.length === 1 ? "Actor" : "Actors", actors.join("; "));
      row(table, "Confidence", Math.round(doc.conf[i] * 100) + "%", isLow(i) ? "low" : null);
      row(table, "Reports", doc.src[i] + (doc.src[i] === 1 ? " report" : " merged reports"));
      box.appendChild(table);
      if (doc.ev[i]) {
        var quote = el("blockquote", "im-evidence");
        highlighted(quote, doc.ev[i], place(i));
        box.appendChild(quote);
      }
      var src = source(i);
      if (src) box.appendChild(src);
      if (doc.bg[i]) box.appendChild(el("div", "im-flag", "Background: a general or habitual statement"));
      return box;
    }

    // A list of the incidents at one spot; choosing one shows its popup.
    function list(indices, choose) {
      var box = el("div", "im-popup im-list");
      box.appendChild(el("strong", null, indices.length + " incidents here"));
      var ul = el("ul");
      indices.slice(0, LIST_LIMIT).forEach(function (i) {
        var li = el("li");
        var button = el("button", "im-list-item");
        button.type = "button";
        button.appendChild(swatch(types[doc.type[i]]));
        button.appendChild(document.createTextNode(
          types[doc.type[i]].type + " \u00b7 " + dateText(i) + (place(i) ? " \u00b7 " + place(i) : "")
        ));
        button.addEventListener("click", function () { choose(i); });
        li.appendChild(button);
        ul.appendChild(li);
      });
      box.appendChild(ul);
      if (indices.length > LIST_LIMIT) {
        box.appendChild(el("div", "im-note", "and " + (indices.length - LIST_LIMIT) + " more: zoom in or narrow the filters"));
      }
      return box;
    }

    return { popup: popup, tooltip: tooltip, list: list, dateText: dateText, place: place };
  }

  window.incidentmapKit = {
    el: el,
    escapeHtml: escapeHtml,
    isoDay: isoDay,
    dayOf: dayOf,
    markerSvg: markerSvg,
    swatch: swatch,
    Content: Content,
  };
})();
