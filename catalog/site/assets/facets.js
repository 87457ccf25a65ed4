/* Filters, sorting and the card list of the index pages.
 *
 * Without JavaScript the page is a plain list (one page of cards, with page links). With
 * it, this script shows the filter form and renders the cards of every matching record
 * from the kind's card data (window.__menuCards, written by catalog/site/cards.py), a
 * batch at a time, cloning the page's own card template so cards look the same either
 * way. The selection and the sort live in the URL query (?category=党史学习&sort=hours),
 * so a filtered list can be shared and reloaded. Values of one facet are alternatives
 * (OR); facets combine (AND). On a narrow screen the form is a drawer opened by 筛选 and
 * closed by its 显示 N 条 bar; chosen values show above the list as removable chips.
 * Long facets fold behind 更多 and offer a filter box; a tree facet (places) folds the
 * places under each place. Every lookup keyed by data uses Map or own properties.
 */
(function () {
  "use strict";

  var BATCH = 48;  // cards drawn at once: enough to fill a screen, few enough to draw fast

  function columns(fields) {
    var index = new Map();
    fields.forEach(function (name, i) { index.set(name, i); });
    return function (name) { return index.get(name); };
  }

  function init() {
    var root = document.querySelector(".menu-index");
    var form = root && root.querySelector(".menu-facets");
    var data = window.__menuCards;
    var template = root && root.querySelector(".menu-card-template");
    if (!form || !data || !template || !template.content.firstElementChild) return;
    if (root.getAttribute("data-ready")) return;
    root.setAttribute("data-ready", "1");

    var col = columns(data.cards.fields);  // catalog/site/cards.py, CARD_FIELDS
    var ID = col("id"), TITLE = col("title"), META = col("meta"), TEXT = col("text");
    var FLAGS = col("flags"), VALUES = col("facets"), KEYS = col("sorts");
    var facets = data.facets;
    var sorts = data.sorts;
    var cards = data.cards.rows;
    var list = root.querySelector(".menu-cards");
    var counters = root.querySelectorAll(".menu-result-count, .menu-bar-count");
    var empty = root.querySelector(".menu-empty");
    var more = root.querySelector(".menu-more");
    var moreButton = more.querySelector("button");
    var toolbar = root.querySelector(".menu-toolbar");
    var opener = root.querySelector(".menu-filter-open");
    var badge = root.querySelector(".menu-filter-badge");
    var sortSelect = root.querySelector(".menu-sort select");
    var active = root.querySelector(".menu-active");
    var chips = root.querySelector(".menu-active-chips");
    var inputs = facets.map(function (facet) {
      return Array.prototype.slice.call(form.querySelectorAll('input[name="' + facet + '"]'));
    });
    var matching = [];
    var shown = 0;

    function build(card) {
      var node = template.content.firstElementChild.cloneNode(true);
      node.setAttribute("data-id", card[ID]);
      var link = node.querySelector(".menu-card-title");
      link.textContent = card[TITLE];
      link.setAttribute("href", card[ID] + ".html");
      node.querySelector(".menu-card-meta").textContent = card[META];
      node.querySelector("p").textContent = card[TEXT];
      var flags = node.querySelector(".menu-card-flags");
      var sample = flags.firstElementChild;
      flags.textContent = "";
      card[FLAGS].forEach(function (flag) {
        var tag = sample ? sample.cloneNode(false) : document.createElement("span");
        tag.className = "menu-tag menu-flag";
        tag.textContent = flag;
        flags.appendChild(tag);
      });
      var button = node.querySelector(".menu-order-add");
      if (button) {
        button.setAttribute("data-order-id", card[ID]);
        button.setAttribute("data-order-title", card[TITLE]);
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
        var own = card[VALUES][f];
        var hit = false;
        for (var v = 0; v < chosen[f].length && !hit; v++) hit = own.indexOf(chosen[f][v]) >= 0;
        if (!hit) return false;
      }
      return true;
    }

    function sortIndex() {
      for (var s = 0; s < sorts.length; s++) if (sorts[s].name === sortSelect.value) return s;
      return 0;
    }

    function ordered(found) {
      var s = sortIndex();
      if (s === 0) return found;  // the data come in the default order
      var sign = sorts[s].descending ? -1 : 1;
      return found.slice().sort(function (a, b) {
        var x = a[KEYS][s], y = b[KEYS][s];
        if (x < y) return -sign;
        if (x > y) return sign;
        return a[KEYS][0] < b[KEYS][0] ? -1 : a[KEYS][0] > b[KEYS][0] ? 1 : 0;
      });
    }

    function apply(writeUrl) {
      var chosen = selection();
      matching = ordered(cards.filter(function (card) { return matches(card, chosen, -1); }));
      facets.forEach(function (facet, f) {  // how many records each value would leave
        var counts = new Map();
        cards.forEach(function (card) {
          if (!matches(card, chosen, f)) return;
          card[VALUES][f].forEach(function (value) { counts.set(value, (counts.get(value) || 0) + 1); });
        });
        inputs[f].forEach(function (input) {
          var n = counts.get(input.value) || 0;
          input.parentNode.querySelector(".menu-count").textContent = n;
          input.parentNode.classList.toggle("menu-zero", n === 0 && !input.checked);
        });
      });
      Array.prototype.forEach.call(counters, function (node) { node.textContent = matching.length; });
      empty.hidden = matching.length > 0;
      list.textContent = "";
      shown = 0;
      renderMore();
      showChips(chosen);
      if (writeUrl) writeQuery(chosen);
    }

    /* --- chosen values as chips above the list ---------------------------------------- */

    function showChips(chosen) {
      chips.textContent = "";
      var total = 0;
      inputs.forEach(function (group) {
        group.forEach(function (input) {
          if (!input.checked) return;
          total++;
          var chip = document.createElement("button");
          chip.type = "button";
          chip.className = "menu-chip menu-chip-remove";
          chip.setAttribute("aria-label", "取消筛选：" + labelOf(input));
          chip.textContent = labelOf(input) + " ×";
          chip.addEventListener("click", function () {
            input.checked = false;
            apply(true);
          });
          chips.appendChild(chip);
        });
      });
      active.hidden = total === 0;
      badge.textContent = total ? "（已选 " + total + "）" : "";
    }

    function labelOf(input) {
      var label = input.parentNode.querySelector(".menu-facet-label");
      var legend = input.closest("fieldset").querySelector("legend");
      return (legend ? legend.textContent + "：" : "") + (label ? label.textContent : input.value);
    }

    /* --- the URL ------------------------------------------------------------------------ */

    function writeQuery(chosen) {
      var params = new URLSearchParams();
      facets.forEach(function (facet, f) {
        chosen[f].forEach(function (value) { params.append(facet, value); });
      });
      if (sortIndex() > 0) params.set("sort", sortSelect.value);
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
      var sort = params.get("sort");
      sorts.forEach(function (s) { if (s.name === sort) sortSelect.value = sort; });
      inputs.forEach(function (group) {  // a chosen place shows where it is in the tree
        group.forEach(function (input) { if (input.checked) reveal(input.parentNode); });
      });
    }

    /* --- long facets: 更多, a filter box; trees: places fold under their place --------- */

    function setupFolds() {
      Array.prototype.forEach.call(form.querySelectorAll("fieldset"), function (fieldset) {
        var labels = Array.prototype.slice.call(fieldset.querySelectorAll("label"));
        var moreFacet = fieldset.querySelector(".menu-facet-more");
        var filter = fieldset.querySelector(".menu-facet-filter");
        if (fieldset.hasAttribute("data-tree")) setupTree(labels);
        if (moreFacet) {
          moreFacet.addEventListener("click", function () {
            var open = moreFacet.getAttribute("aria-expanded") !== "true";
            moreFacet.setAttribute("aria-expanded", open ? "true" : "false");
            moreFacet.textContent = open ? "收起" : moreFacet.getAttribute("data-label");
            labels.forEach(function (label) {
              if (!label.hasAttribute("data-fold")) return;
              label.hidden = !open;
              if (!open) setOpen(label, false);  // a place folded away folds its places too
            });
          });
          moreFacet.setAttribute("data-label", moreFacet.textContent);
        }
        if (filter) {
          filter.addEventListener("input", function () {
            var wanted = filter.value.trim().toLowerCase();
            labels.forEach(function (label) {
              var text = label.querySelector(".menu-facet-label").textContent.toLowerCase();
              if (wanted) {
                label.hidden = text.indexOf(wanted) < 0;
              } else {
                label.hidden = label.hasAttribute("data-fold") && moreFacet &&
                  moreFacet.getAttribute("aria-expanded") !== "true" || isFoldedChild(label);
              }
            });
          });
        }
      });
    }

    function valueOf(label) { return label.querySelector("input").value; }

    function setupTree(labels) {
      labels.forEach(function (label, i) {
        var depth = Number(label.getAttribute("data-depth"));
        var next = labels[i + 1];
        if (depth > 0) label.hidden = true;
        if (!next || Number(next.getAttribute("data-depth")) <= depth) return;
        var toggle = document.createElement("button");
        toggle.type = "button";
        toggle.className = "menu-tree-toggle";
        toggle.setAttribute("aria-expanded", "false");
        toggle.setAttribute("aria-label", "展开" + label.querySelector(".menu-facet-label").textContent);
        toggle.textContent = "▸";
        toggle.addEventListener("click", function (event) {
          event.preventDefault();
          setOpen(label, toggle.getAttribute("aria-expanded") !== "true");
        });
        label.insertBefore(toggle, label.firstChild);
        label.setAttribute("data-parent-of", valueOf(label) + "/");
      });
    }

    function childrenOf(label) {
      var prefix = label.getAttribute("data-parent-of");
      var depth = Number(label.getAttribute("data-depth"));
      return Array.prototype.filter.call(label.parentNode.querySelectorAll("label"), function (other) {
        return Number(other.getAttribute("data-depth")) === depth + 1 && valueOf(other).indexOf(prefix) === 0;
      });
    }

    function setOpen(label, open) {
      var toggle = label.querySelector(".menu-tree-toggle");
      if (!toggle) return;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = open ? "▾" : "▸";
      childrenOf(label).forEach(function (child) {
        child.hidden = !open;
        if (!open) setOpen(child, false);
      });
    }

    function isFoldedChild(label) {
      var depth = Number(label.getAttribute("data-depth"));
      if (!depth) return false;
      var value = valueOf(label);
      var parent = value.slice(0, value.lastIndexOf("/"));
      var owner = Array.prototype.find.call(label.parentNode.querySelectorAll("label"), function (other) {
        return valueOf(other) === parent;
      });
      var toggle = owner && owner.querySelector(".menu-tree-toggle");
      return !toggle || toggle.getAttribute("aria-expanded") !== "true" || isFoldedChild(owner);
    }

    function reveal(label) {
      var value = valueOf(label);
      var parts = value.split("/");
      for (var depth = 1; depth < parts.length; depth++) {
        var path = parts.slice(0, depth).join("/");
        Array.prototype.forEach.call(label.parentNode.querySelectorAll("label"), function (other) {
          if (valueOf(other) === path) setOpen(other, true);
        });
      }
      label.hidden = false;
    }

    /* --- the drawer on narrow screens ---------------------------------------------------- */

    function setDrawer(open) {
      root.classList.toggle("menu-drawer-open", open);
      document.documentElement.classList.toggle("menu-drawer-lock", open);
      opener.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) {
        var first = form.querySelector("input");
        if (first) first.focus();
      } else {
        opener.focus();
      }
    }

    ["menu-pages", "menu-page-note"].forEach(function (name) {  // scripts list every page's cards
      var node = root.querySelector("." + name);
      if (node) node.hidden = true;
    });
    setupFolds();
    readQuery();
    form.hidden = false;
    toolbar.hidden = false;
    form.addEventListener("change", function (event) {
      if (event.target.matches('input[type="checkbox"]')) apply(true);
    });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    root.querySelector(".menu-clear").addEventListener("click", function () { form.reset(); });
    sortSelect.addEventListener("change", function () { apply(true); });
    opener.addEventListener("click", function () { setDrawer(!root.classList.contains("menu-drawer-open")); });
    root.querySelector(".menu-filter-done").addEventListener("click", function () { setDrawer(false); });
    root.querySelector(".menu-filter-done-top").addEventListener("click", function () { setDrawer(false); });
    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && root.classList.contains("menu-drawer-open")) setDrawer(false);
    });
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
