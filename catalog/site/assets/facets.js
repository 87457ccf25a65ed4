/* Filters, sorting and the card list of the index pages.
 *
 * Without JavaScript the page is a plain list (one page of cards, with page links). With
 * it, this script shows the filter form and lists every matching record, a batch at a time,
 * cloning the page's own card template so cards look the same either way. The selection
 * and the sort live in the URL query (?category=党史学习&sort=hours), so a filtered list can
 * be shared and reloaded. Values of one facet are alternatives (OR); facets combine (AND).
 * On a narrow screen the form is a drawer opened by 筛选 and closed by its 显示 N 条 bar;
 * chosen values show above the list as removable chips. Long facets fold behind 更多 and
 * offer a filter box; a tree facet (places) folds the places under each place. Every
 * lookup keyed by data uses Map or own properties.
 *
 * The data come in two layers (catalog/site/cards.py): the kind's index
 * (window.__menuCards: per record its facet value indices and sort ranks, records known by
 * their position in the default order) filters, counts and sorts every record at once; the
 * card text comes in parts of a fixed number of records, cut from each sort's order (the
 * list loads the parts of the sort it is in), each a script that registers itself with
 * window.__menuCardParts.add (script injection works from file:// too). A card
 * the page rendered itself is reused; any other card waits as 正在载入 until its part has
 * loaded, and a part that cannot be loaded is reported on the page, never left blank.
 */
(function () {
  "use strict";

  var BATCH = 48;  // cards drawn at once: enough to fill a screen, few enough to draw fast

  function columns(fields) {
    var index = new Map();
    fields.forEach(function (name, i) { index.set(name, i); });
    return function (name) { return index.get(name); };
  }

  /* --- card parts: loaded once per page, shared by every list drawn from them ------------- */

  var partStore = new Map();  // "courses/reviewed/3 <digest>" -> {part, rows, col, promise}

  window.__menuCardParts = {
    add: function (name, part) {  // each part script calls this when it runs
      var entry = partStore.get(name + " " + (part && part.digest));
      if (entry) entry.part = part;
    }
  };

  /* A promise of the part's rows; `url` already asks for this digest (a cache never serves
   * an older part), and a part whose digest differs is refused: the site is half-copied. */
  function loadPart(name, url, digest) {
    var key = name + " " + digest;
    var entry = partStore.get(key);
    if (entry) return entry.promise;
    entry = { part: null, rows: null, col: null, promise: null };
    partStore.set(key, entry);
    entry.promise = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = url;
      tag.onload = function () {
        tag.remove();
        if (!entry.part) {
          partStore.delete(key);  // missing or out of date: a retry asks again
          reject(new Error("card part " + name + " did not register"));
          return;
        }
        entry.rows = entry.part.cards.rows;
        entry.col = columns(entry.part.cards.fields);  // catalog/site/cards.py, PART_FIELDS
        resolve(entry);
      };
      tag.onerror = function () {
        tag.remove();
        partStore.delete(key);
        reject(new Error("card part " + name + " is missing"));
      };
      document.head.appendChild(tag);
    });
    return entry.promise;
  }

  function loadedPart(name, digest) {
    var entry = partStore.get(name + " " + digest);
    return entry && entry.rows ? entry : null;
  }

  function init() {
    var root = document.querySelector(".menu-index");
    var form = root && root.querySelector(".menu-facets");
    var data = window.__menuCards;
    var template = root && root.querySelector(".menu-card-template");
    if (!form || !data || !template || !template.content.firstElementChild) return;
    if (root.getAttribute("data-ready")) return;
    var counters = root.querySelectorAll(".menu-result-count, .menu-bar-count");
    var partsError = root.querySelector(".menu-parts-error");
    if (data.kind !== root.getAttribute("data-kind") || String(data.count) !== counters[0].textContent) {
      partsError.textContent = "筛选数据与本页不一致（可能只更新了一部分文件），请刷新页面；" +
        "如仍如此，请联系管理员重新生成网站。下面是本页列出的内容。";
      partsError.hidden = false;  // the page stays the plain list, with its page links
      return;
    }
    root.setAttribute("data-ready", "1");

    var kind = data.kind;
    var count = data.count;
    var facets = data.facets.map(function (facet) { return facet.name; });
    var tables = data.facets.map(function (facet) { return facet.values; });
    var of = data.facets.map(function (facet) { return facet.of; });  // per record: an index or a list
    var valueIndex = tables.map(function (values) {
      var index = new Map();
      values.forEach(function (value, k) { index.set(value, k); });
      return index;
    });
    var sorts = data.sorts;
    var size = data.part_size;
    var orders = [], places = [];  // per sort: positions in its order, and each position's place
    var dataScript = document.querySelector("script[data-menu-cards]");
    var partsBase = dataScript ? dataScript.src : location.href;
    var list = root.querySelector(".menu-cards");
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
    var served = new Map();  // position in the default order -> the card this page rendered
    var first = Number(list.getAttribute("data-first")) || 0;
    Array.prototype.forEach.call(list.querySelectorAll(".menu-card"), function (node, k) {
      served.set(first + k, node);
    });
    var matching = [];  // positions in the default order, as listed
    var shown = 0;
    var generation = 0;  // a new list: parts still arriving for an older one are not drawn there

    function build(card, col) {
      var node = template.content.firstElementChild.cloneNode(true);
      var id = card[col("id")], title = card[col("title")];
      node.setAttribute("data-id", id);
      var link = node.querySelector(".menu-card-title");
      link.textContent = title;
      link.setAttribute("href", id + ".html");
      node.querySelector(".menu-card-meta").textContent = card[col("meta")];
      node.querySelector("p").textContent = card[col("text")];
      var flags = node.querySelector(".menu-card-flags");
      var sample = flags.firstElementChild;
      flags.textContent = "";
      card[col("flags")].forEach(function (flag) {
        var tag = sample ? sample.cloneNode(false) : document.createElement("span");
        tag.className = "menu-tag menu-flag";
        tag.textContent = flag;
        flags.appendChild(tag);
      });
      var button = node.querySelector(".menu-order-add");
      if (button) {
        button.setAttribute("data-order-id", id);
        button.setAttribute("data-order-title", title);
      }
      return node;
    }

    function orderOf(sort) {  // a stable counting sort of every position by its rank
      if (orders[sort]) return orders[sort];
      var rank = sorts[sort].rank;
      var order = new Int32Array(count);
      var place = new Int32Array(count);
      var p;
      if (!rank) {
        for (p = 0; p < count; p++) order[p] = place[p] = p;
      } else {
        var top = 0;
        for (p = 0; p < count; p++) if (rank[p] > top) top = rank[p];
        var start = new Int32Array(top + 2);
        for (p = 0; p < count; p++) start[rank[p] + 1]++;
        for (var r = 1; r < start.length; r++) start[r] += start[r - 1];
        for (p = 0; p < count; p++) { place[p] = start[rank[p]]++; order[place[p]] = p; }
      }
      orders[sort] = order;
      places[sort] = place;
      return order;
    }

    function partOf(position, sort) { orderOf(sort); return Math.floor(places[sort][position] / size); }

    function partName(sort, number) { return kind + "/" + sorts[sort].name + "/" + number; }

    function partFile(sort, number) { return sorts[sort].parts.file.replace("{n}", String(number)); }

    function partUrl(sort, number) {
      return new URL(partFile(sort, number), partsBase).href + "?v=" + sorts[sort].parts.digests[number];
    }

    /* The card of a record from the page or from any loaded part (the current sort's first),
     * or null while none holds it. */
    function cardNode(position) {
      var node = served.get(position);
      if (node) return node.cloneNode(true);
      var current = sortIndex();
      for (var k = -1; k < sorts.length; k++) {
        var sort = k < 0 ? current : k;
        if (k >= 0 && (k === current || (k > 0 && !orders[k]))) continue;  // a sort never chosen
        var number = partOf(position, sort);
        var part = loadedPart(partName(sort, number), sorts[sort].parts.digests[number]);
        if (part) return build(part.rows[places[sort][position] - number * size], part.col);
      }
      return null;
    }

    function pendingCard(position) {  // waits for its part in the order the list is in
      var node = document.createElement("li");
      var sort = sortIndex();
      node.className = "menu-card-pending";
      node.setAttribute("data-position", String(position));
      node.setAttribute("data-part", sort + ":" + partOf(position, sort));
      node.textContent = "正在载入…";
      return node;
    }

    function announce() {
      list.toggleAttribute("aria-busy", !!list.querySelector(".menu-card-pending:not(.menu-card-failed)"));
      document.dispatchEvent(new CustomEvent("menu:cards"));  // order buttons show their state
    }

    /* Load the parts the waiting cards need; draw each card when its part arrives. */
    function fill(waiting) {
      var ticket = generation;
      var keys = [];
      waiting.forEach(function (node) {
        var key = node.getAttribute("data-part");
        if (keys.indexOf(key) < 0) keys.push(key);
      });
      keys.forEach(function (key) {
        var sort = Number(key.split(":")[0]), number = Number(key.split(":")[1]);
        var digest = sorts[sort].parts.digests[number];
        loadPart(partName(sort, number), partUrl(sort, number), digest).then(function () {
          if (ticket !== generation) return;
          waiting.forEach(function (node) {
            if (node.getAttribute("data-part") !== key || !node.parentNode) return;
            node.parentNode.replaceChild(cardNode(Number(node.getAttribute("data-position"))), node);
          });
          announce();
        }, function () {
          if (ticket !== generation) return;
          waiting.forEach(function (node) {
            if (node.getAttribute("data-part") !== key || !node.parentNode) return;
            node.classList.add("menu-card-failed");
            node.textContent = "未能载入";
          });
          failed();
          announce();
        });
      });
      announce();
    }

    /* Say which cards could not be loaded, from which files, with a button to try again. */
    function failed() {
      var lost = list.querySelectorAll(".menu-card-failed");
      var files = [];
      Array.prototype.forEach.call(lost, function (node) {
        var key = node.getAttribute("data-part").split(":");
        var name = partFile(Number(key[0]), Number(key[1]));
        if (files.indexOf(name) < 0) files.push(name);
      });
      partsError.textContent = "";
      partsError.appendChild(document.createTextNode(
        "有 " + lost.length + " 张卡片未能载入（文件 " + files.join("、") +
        " 缺失或不是本次生成的）。请检查网络后重试；如仍不行，请联系管理员重新生成网站。 "));
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "md-button menu-parts-retry";
      retry.textContent = "重试";
      retry.addEventListener("click", function () {
        partsError.hidden = true;
        var again = Array.prototype.slice.call(list.querySelectorAll(".menu-card-failed"));
        again.forEach(function (node) {
          node.classList.remove("menu-card-failed");
          node.textContent = "正在载入…";
        });
        if (again.length) fill(again);
      });
      partsError.appendChild(retry);
      partsError.hidden = false;
    }

    function renderMore() {
      var batch = document.createDocumentFragment();
      var waiting = [];
      var end = Math.min(shown + BATCH, matching.length);
      for (; shown < end; shown++) {
        var node = cardNode(matching[shown]);
        if (!node) {
          node = pendingCard(matching[shown]);
          waiting.push(node);
        }
        batch.appendChild(node);
      }
      list.appendChild(batch);
      more.hidden = shown >= matching.length;
      moreButton.textContent = "显示更多（还有 " + (matching.length - shown) + " 条）";
      if (waiting.length) fill(waiting);
      else announce();
    }

    function selection() {
      return inputs.map(function (group) {
        return group.filter(function (input) { return input.checked; })
          .map(function (input) { return input.value; });
      });
    }

    function hits(own, marks) {  // own: a value index or a list of them
      if (typeof own === "number") return marks[own] === 1;
      for (var v = 0; v < own.length; v++) if (marks[own[v]] === 1) return true;
      return false;
    }

    function tally(own, counts) {
      if (typeof own === "number") counts[own]++;
      else for (var v = 0; v < own.length; v++) counts[own[v]]++;
    }

    function sortIndex() {
      for (var s = 0; s < sorts.length; s++) if (sorts[s].name === sortSelect.value) return s;
      return 0;
    }

    /* The matching positions in the chosen sort's order. */
    function ordered(found) {
      var sort = sortIndex();
      if (!sorts[sort].rank) return found;  // found in the default order already
      var matched = new Uint8Array(count);
      found.forEach(function (position) { matched[position] = 1; });
      var order = orderOf(sort);
      var out = [];
      for (var p = 0; p < count; p++) if (matched[order[p]]) out.push(order[p]);
      return out;
    }

    function apply(writeUrl) {
      var chosen = selection();
      var marks = chosen.map(function (values, f) {  // null: nothing chosen in this facet
        if (!values.length) return null;
        var mark = new Uint8Array(tables[f].length);
        values.forEach(function (value) {
          var k = valueIndex[f].get(value);
          if (k !== undefined) mark[k] = 1;
        });
        return mark;
      });
      var counts = tables.map(function (values) { return new Int32Array(values.length); });
      var found = [];
      var F = facets.length;
      for (var i = 0; i < count; i++) {
        // how many records each value would leave: a record failing only facet f counts there
        var misses = 0, missed = -1;
        for (var f = 0; f < F && misses < 2; f++) {
          if (marks[f] && !hits(of[f][i], marks[f])) { misses++; missed = f; }
        }
        if (misses === 0) {
          found.push(i);
          for (f = 0; f < F; f++) tally(of[f][i], counts[f]);
        } else if (misses === 1) {
          tally(of[missed][i], counts[missed]);
        }
      }
      matching = ordered(found);
      inputs.forEach(function (group, g) {
        group.forEach(function (input) {
          var k = valueIndex[g].get(input.value);
          var n = k === undefined ? 0 : counts[g][k];
          input.parentNode.querySelector(".menu-count").textContent = n;
          input.parentNode.classList.toggle("menu-zero", n === 0 && !input.checked);
        });
      });
      Array.prototype.forEach.call(counters, function (node) { node.textContent = matching.length; });
      empty.hidden = matching.length > 0;
      generation++;
      partsError.hidden = true;
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
