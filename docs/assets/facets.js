/* Facet filters for the index pages of the training menu.
 *
 * The page already lists every record (it works without JavaScript). This script shows
 * the filter form, hides cards that do not match, updates the counts, and keeps the
 * selection in the URL query (?category=党史学习&audience=新党员) so a filtered list can be
 * shared and reloaded. Within one facet values are alternatives (OR); facets combine (AND).
 */
(function () {
  "use strict";

  function init() {
    var root = document.querySelector(".menu-index");
    var form = root && root.querySelector(".menu-facets");
    if (!form || root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");

    var facets = [];
    var fieldsets = form.querySelectorAll("fieldset[data-facet]");
    for (var i = 0; i < fieldsets.length; i++) facets.push(fieldsets[i].getAttribute("data-facet"));

    var inputs = {};
    facets.forEach(function (facet) {
      inputs[facet] = Array.prototype.slice.call(form.querySelectorAll('input[name="' + facet + '"]'));
    });

    var items = Array.prototype.map.call(root.querySelectorAll(".menu-card"), function (card) {
      var values = {};
      facets.forEach(function (facet) {
        var raw = card.getAttribute("data-f-" + facet);
        values[facet] = raw ? raw.split("|") : [];
      });
      return { el: card, values: values, shown: true };
    });

    var counter = root.querySelector(".menu-result-count");
    var empty = root.querySelector(".menu-empty");

    function selection() {
      var chosen = {};
      facets.forEach(function (facet) {
        chosen[facet] = inputs[facet].filter(function (input) { return input.checked; })
          .map(function (input) { return input.value; });
      });
      return chosen;
    }

    function matches(item, chosen, skip) {
      for (var i = 0; i < facets.length; i++) {
        var facet = facets[i];
        if (facet === skip || !chosen[facet].length) continue;
        var own = item.values[facet];
        if (!chosen[facet].some(function (value) { return own.indexOf(value) >= 0; })) return false;
      }
      return true;
    }

    function apply(writeUrl) {
      var chosen = selection();
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(item, chosen, null);
        if (ok !== item.shown) {
          item.el.hidden = !ok;
          item.shown = ok;
        }
        if (ok) shown++;
      });
      facets.forEach(function (facet) {  // how many records each value would leave
        var counts = {};
        items.forEach(function (item) {
          if (!matches(item, chosen, facet)) return;
          item.values[facet].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        inputs[facet].forEach(function (input) {
          var n = counts[input.value] || 0;
          var label = input.parentNode;
          label.querySelector(".menu-count").textContent = n;
          label.classList.toggle("menu-zero", n === 0 && !input.checked);
        });
      });
      counter.textContent = shown;
      empty.hidden = shown > 0;
      if (writeUrl) writeQuery(chosen);
    }

    function writeQuery(chosen) {
      var params = new URLSearchParams();
      facets.forEach(function (facet) {
        chosen[facet].forEach(function (value) { params.append(facet, value); });
      });
      var query = params.toString();
      try {
        history.replaceState(history.state, "", query ? "?" + query : location.pathname);
      } catch (error) { /* some browsers refuse this for file:// pages: filtering still works */ }
    }

    function readQuery() {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (facet) {
        var wanted = params.getAll(facet);
        inputs[facet].forEach(function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
      });
    }

    readQuery();
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    apply(false);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);  // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
