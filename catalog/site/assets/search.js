/* The header search box, reading the chunked index written by catalog/site/search.py.
 *
 * A query is cut into the same tokens as the index (Chinese character pairs, a lone
 * character, ASCII words); the page loads only the index shards of those tokens and the
 * page-list chunks of the results it shows. Every file is a script that registers itself
 * with window.__menuSearch.add, so search also works in pages opened from disk (file://).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
  var RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var MAX_SHOWN = 10;

  var store = { meta: {}, t: {}, d: {} };
  var waiting = {};  // "t12" -> [callbacks]

  window.__menuSearch = {
    add: function (kind, number, payload) {
      var key = kind + number;
      store[kind][number] = payload;
      (waiting[key] || []).forEach(function (done) { done(); });
      delete waiting[key];
    }
  };

  function need(kind, number) {
    return new Promise(function (resolve, reject) {
      if (store[kind][number] !== undefined) return resolve(store[kind][number]);
      var key = kind + number;
      var first = !waiting[key];
      (waiting[key] = waiting[key] || []).push(function () { resolve(store[kind][number]); });
      if (!first) return;
      var tag = document.createElement("script");
      tag.src = root + "search/" + (kind === "meta" ? "meta" : kind + number) + ".js";
      tag.onerror = function () { delete waiting[key]; reject(new Error("search file missing")); };
      document.head.appendChild(tag);
    });
  }

  function shardOf(token, shards) {
    var value = 0;
    for (var i = 0; i < token.length; i++) value = (Math.imul(value, 31) + token.charCodeAt(i)) >>> 0;
    return value % shards;
  }

  function queryTokens(query) {
    var needed = [];
    var runs = query.normalize("NFKC").toLowerCase().match(RUNS) || [];
    runs.forEach(function (run) {
      if (/^[a-z0-9]+$/.test(run) || run.length === 1) needed.push(run);
      else for (var i = 0; i < run.length - 1; i++) needed.push(run.slice(i, i + 2));
    });
    return needed.filter(function (token, i) { return needed.indexOf(token) === i; });
  }

  /* Pages containing every token, best first: title hits weigh more, then frequency. */
  function search(query) {
    var tokens = queryTokens(query);
    if (!tokens.length) return Promise.resolve({ total: 0, items: [] });
    return need("meta", 0).then(function (meta) {
      return Promise.all(tokens.map(function (token) {
        return need("t", shardOf(token, meta.shards)).then(function (shard) {
          return Object.prototype.hasOwnProperty.call(shard, token) ? shard[token] : [];  // "constructor"
        });
      })).then(function (postings) {
        var scores = null;
        postings.forEach(function (posting) {
          var next = {};
          for (var i = 0, doc = 0; i < posting.length; i += 2) {
            doc += posting[i];
            if (scores === null || scores[doc] !== undefined) next[doc] = (scores ? scores[doc] : 0) + posting[i + 1];
          }
          scores = next;
        });
        var ranked = Object.keys(scores).map(Number).sort(function (a, b) {
          return scores[b] - scores[a] || a - b;
        });
        var shown = ranked.slice(0, MAX_SHOWN);
        return Promise.all(shown.map(function (doc) { return need("d", Math.floor(doc / meta.chunk)); }))
          .then(function () {
            return {
              total: ranked.length,
              items: shown.map(function (doc) {
                var chunk = store.d[Math.floor(doc / meta.chunk)];  // catalog/site/search.py, RESULT_FIELDS
                var row = chunk.rows[doc % meta.chunk];
                var item = {};
                chunk.fields.forEach(function (name, index) { item[name] = row[index]; });
                return item;
              })
            };
          });
      });
    });
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function setup() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".menu-search")) return;
    var box = element("div", "menu-search");
    box.setAttribute("role", "search");
    var input = element("input", "menu-search-input");
    input.type = "search";
    input.placeholder = "搜索课程、师资、点位、路线";
    input.setAttribute("aria-label", "搜索");
    var panel = element("div", "menu-search-results");
    panel.hidden = true;
    box.appendChild(input);
    box.appendChild(panel);
    var title = inner.querySelector(".md-header__title");
    inner.insertBefore(box, title ? title.nextSibling : null);

    var latest = 0;
    function show(nodes) {
      panel.textContent = "";
      nodes.forEach(function (node) { panel.appendChild(node); });
      panel.hidden = nodes.length === 0;
    }

    function run() {
      var query = input.value.trim();
      var ticket = ++latest;
      if (!query) return show([]);
      search(query).then(function (found) {
        if (ticket !== latest) return;
        var nodes = [element("p", "menu-search-note",
          found.total ? "找到 " + found.total + " 个结果" : "没有找到“" + query + "”")];
        found.items.forEach(function (item) {
          var link = element("a", "menu-search-result");
          link.href = root + item.url;
          var head = element("span", "menu-search-title");
          head.appendChild(element("span", "menu-tag", item.kind));
          head.appendChild(document.createTextNode(item.title));
          link.appendChild(head);
          if (item.excerpt) link.appendChild(element("span", "menu-search-excerpt", item.excerpt));
          nodes.push(link);
        });
        show(nodes);
        panel.setAttribute("data-query", query);  // which query these results answer
      }).catch(function () {
        if (ticket === latest) show([element("p", "menu-search-note", "搜索索引不完整，请重新生成网站。")]);
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    input.addEventListener("focus", function () { if (panel.childNodes.length) panel.hidden = false; });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { panel.hidden = true; input.blur(); }
      if (event.key === "Enter") {
        var first = panel.querySelector(".menu-search-result");
        if (first) window.location.href = first.href;
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) panel.hidden = true;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
