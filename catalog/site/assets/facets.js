/* Facet filters for the index pages of the training menu.
 *
 * Without JavaScript the page is a plain list (one page of cards, with page links). With
 * it, this script shows the filter form and renders the cards of every matching record
 * from the kind's card data (window.__menuCards, written by catalog/site/cards.py), a batch at
 * a time, cloning the page's own card template so cards look the same either way. The
 * selection lives in the URL query (?category=党史学习&audience=新党员), so a filtered list
 * can be shared and reloaded. Values of one facet are alternatives (OR); facets combine (AND).
 */
(function () {
  "use strict";

  var BATCH = 48;  // cards drawn at once: enough to fill a screen, few enough to draw fast

  function init() {
    var root = document.querySelector(".menu-index");
    var form = root && root.querySelector(".menu-facets");
    var data = window.__menuCards;
    var template = root && root.querySelector(".menu-card-template");
    if (!form || !data || !template || !template.content.firstElementChild) return;
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");

    var facets = data.facets;
    var F = {};  // column of each card field, by name (catalog/site/cards.py, CARD_FIELDS)
    data.cards.fields.forEach(function (name, index) { F[name] = index; });
    var cards = data.cards.rows;
    var list = root.querySelector(".menu-cards");
    var counter = root.querySelector(".menu-result-count");
    var empty = root.querySelector(".menu-empty");
    var more = root.querySelector(".menu-more");
    var moreButton = more.querySelector("button");
    var inputs = facets.map(function (facet) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + facet + '"]'));
    });
    var matching = [];
    var shown = 0;

    function build(card) {
      var node = template.content.firstElementChild.cloneNode(true);
      node.setAttribute("data-id", card[F.id]);
      var link = node.querySelector(".menu-card-title");
      link.textContent = card[F.title];
      link.setAttribute("href", card[F.id] + ".html");
      node.querySelector(".menu-card-meta").textContent = card[F.meta];
      node.querySelector("p").textContent = card[F.text];
      var flags = node.querySelector(".menu-card-flags");
      var sample = flags.firstElementChild;
      flags.textContent = "";
      card[F.flags].forEach(function (flag) {
        var tag = sample ? sample.cloneNode(false) : document.createElement("span");
        tag.className = "menu-tag menu-flag";
        tag.textContent = flag;
        flags.appendChild(tag);
      });
      var button = node.querySelector(".menu-order-add");
      if (button) {
        button.setAttribute("data-order-id", card[F.id]);
        button.setAttribute("data-order-title", card[F.title]);
      }
      return node;
    }

    function renderMore() {
      var batch = document.createDocumentFragment();
      var end = Math.min(shown + BATCH, matching.length);
      for (; shown < end; shown++) batch.appendChild(build(matching[shown]));
      list.appendChild(batch);
      more.hidden = shown >= matching.length;
      moreButton.textContent = "显示更多（还有 " + (matching.length - shown) + " 条）";
      document.dispatchEvent(new CustomEvent("menu:cards"));  // order buttons show their state
    }

    function selection() {
      return inputs.map(function (group) {
        return group.filter(function (input) { return input.checked; })
          .map(function (input) { return input.value; });
      });
    }

    function matches(card, chosen, skip) {
      for (var f = 0; f < facets.length; f++) {
        if (f === skip || !chosen[f].length) continue;
        var own = card[F.facets][f];
        var hit = false;
        for (var v = 0; v < chosen[f].length && !hit; v++) hit = own.indexOf(chosen[f][v]) >= 0;
        if (!hit) return false;
      }
      return true;
    }

    function apply(writeUrl) {
      var chosen = selection();
      matching = cards.filter(function (card) { return matches(card, chosen, -1); });
      facets.forEach(function (facet, f) {  // how many records each value would leave
        var counts = {};
        cards.forEach(function (card) {
          if (!matches(card, chosen, f)) return;
          card[F.facets][f].forEach(function (value) { counts[value] = (counts[value] || 0) + 1; });
        });
        inputs[f].forEach(function (input) {
          var n = counts[input.value] || 0;
          input.parentNode.querySelector(".menu-count").textContent = n;
          input.parentNode.classList.toggle("menu-zero", n === 0 && !input.checked);
        });
      });
      counter.textContent = matching.length;
      empty.hidden = matching.length > 0;
      list.textContent = "";
      shown = 0;
      renderMore();
      if (writeUrl) writeQuery(chosen);
    }

    function writeQuery(chosen) {
      var params = new URLSearchParams();
      facets.forEach(function (facet, f) {
        chosen[f].forEach(function (value) { params.append(facet, value); });
      });
      var query = params.toString();
      try {
        history.replaceState(history.state, "", query ? "?" + query : location.pathname);
      } catch (error) { /* some browsers refuse this for file:// pages: filtering still works */ }
    }

    function readQuery() {
      var params = new URLSearchParams(location.search);
      facets.forEach(function (facet, f) {
        var wanted = params.getAll(facet);
        inputs[f].forEach(function (input) { input.checked = wanted.indexOf(input.value) >= 0; });
      });
    }

    ["menu-pages", "menu-page-note"].forEach(function (name) {  // scripts list every page's cards
      var node = root.querySelector("." + name);
      if (node) node.hidden = true;
    });
    readQuery();
    form.hidden = false;
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    moreButton.addEventListener("click", renderMore);
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
