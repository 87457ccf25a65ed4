/* Search: the header box (quick jumps) and the results page (search.html?q=…, every hit).
 *
 * Reads the chunked index written by catalog/site/search.py. A query is cut into the same
 * tokens as the index (Chinese character pairs, a lone character, ASCII words); a word in
 * Latin letters may also be pinyin ("dangshi" → ~dang+shi pairs) or initials ("ds" → ^ds),
 * and a Chinese query that finds nothing is tried again by sound (初新 → chuxin → 初心). The
 * page loads only the index shards of those tokens and the page-list chunks of the results
 * it shows. Every file is a script that registers itself with window.__menuSearch.add, so
 * search also works in pages opened from disk (file://). Ranking: records whose title holds
 * the query first, then records, then the help pages, each by score.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/search\.js(?:[?#].*)?$/, "") : "";
  var RUNS = /[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+/g;
  var QUICK = 8;  // results in the header's dropdown
  var PAGE = 20;  // results per page of the results page

  var store = { meta: {}, t: {}, d: {}, p: {} };
  var waiting = new Map();  // "t12" -> [callbacks]

  function own(object, key) {
    return Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function need(kind, number) {
    return new Promise(function (resolve, reject) {
      if (store[kind][number] !== undefined) return resolve(store[kind][number]);
      var key = kind + number;
      var first = !waiting.has(key);
      if (first) waiting.set(key, []);
      waiting.get(key).push(function () { resolve(store[kind][number]); });
      if (!first) return;
      var tag = document.createElement("script");
      var name = kind === "meta" ? "meta" : kind === "p" ? "pinyin" : kind + number;
      tag.src = root + "search/" + name + ".js";
      tag.onerror = function () { waiting.delete(key); reject(new Error("search file missing")); };
      document.head.appendChild(tag);
    });
  }

  function shardOf(token, shards) {
    var value = 0;
    for (var i = 0; i < token.length; i++) value = (Math.imul(value, 31) + token.charCodeAt(i)) >>> 0;
    return value % shards;
  }

  function runs(query) {  // as catalog/site/search.py's normalise(): invisible characters go
    return query.normalize("NFKC").toLowerCase().replace(/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g, "")
      .match(RUNS) || [];
  }

  /* The plain tokens a query needs: pairs for Chinese runs (a lone character as itself). */
  function queryTokens(query) {
    var needed = [];
    runs(query).forEach(function (run) {
      if (/^[a-z0-9]+$/.test(run) || run.length === 1) needed.push(run);
      else for (var i = 0; i < run.length - 1; i++) needed.push(run.slice(i, i + 2));
    });
    return needed.filter(function (token, i) { return needed.indexOf(token) === i; });
  }

  function chinesePairs(run) {
    var found = [];
    if (run.length === 1) return [run];
    for (var i = 0; i < run.length - 1; i++) found.push(run.slice(i, i + 2));
    return found;
  }

  /* "dangshi" → ["dang", "shi"], or null when the letters are not a run of syllables. */
  function cutSyllables(word, known) {
    var best = [[]];  // best[end]: syllables of word[0:end], the last one as long as possible
    for (var end = 1; end <= word.length; end++) {
      best[end] = null;
      for (var start = Math.max(0, end - 6); start < end; start++) {
        if (best[start] !== null && known.has(word.slice(start, end))) {
          best[end] = best[start].concat([word.slice(start, end)]);
          break;
        }
      }
    }
    return best[word.length];
  }

  function pinyinPairs(syllables) {
    if (syllables.length === 1) return ["~" + syllables[0]];
    var found = [];
    for (var i = 0; i < syllables.length - 1; i++) found.push("~" + syllables[i] + syllables[i + 1]);
    return found;
  }

  /* What a query asks: for each run, alternatives (each a list of tokens, all needed). */
  function requirements(query, meta) {
    var known = new Set(meta.syllables || []);
    return runs(query).map(function (run) {
      if (!/^[a-z0-9]+$/.test(run)) return [chinesePairs(run)];
      var alternatives = [[run]];
      var cut = /^[a-z]+$/.test(run) ? cutSyllables(run, known) : null;
      if (cut) alternatives.push(pinyinPairs(cut));
      if (/^[a-z]{2,8}$/.test(run)) {
        var pairs = [];
        for (var i = 0; i < run.length - 1; i++) pairs.push("^" + run.slice(i, i + 2));
        alternatives.push(pairs);
      }
      return alternatives;
    });
  }

  function postings(token, meta) {
    return need("t", shardOf(token, meta.shards)).then(function (shard) {
      return own(shard, token) || [];  // own properties only: "constructor" is a word too
    });
  }

  /* doc -> {score, title} for docs holding every token of one alternative. */
  function matchAll(tokens, meta) {
    return Promise.all(tokens.map(function (token) { return postings(token, meta); })).then(function (lists) {
      var scores = null;
      lists.forEach(function (posting) {
        var next = new Map();
        for (var i = 0, doc = 0; i < posting.length; i += 2) {
          doc += posting[i];
          var before = scores ? scores.get(doc) : { score: 0, title: true };
          if (before) {
            next.set(doc, { score: before.score + posting[i + 1],
              title: before.title && posting[i + 1] >= meta.title_weight });
          }
        }
        scores = next;
      });
      return scores || new Map();
    });
  }

  function matchRequirements(needed, meta) {
    return Promise.all(needed.map(function (alternatives) {
      return Promise.all(alternatives.map(function (tokens) { return matchAll(tokens, meta); }))
        .then(function (found) {  // a doc matches a run through any of its readings
          var best = new Map();
          found.forEach(function (scores) {
            scores.forEach(function (hit, doc) {
              var kept = best.get(doc);
              if (!kept || hit.title > kept.title || (hit.title === kept.title && hit.score > kept.score)) best.set(doc, hit);
            });
          });
          return best;
        });
    })).then(function (perRun) {
      if (!perRun.length) return new Map();
      var result = perRun[0];
      perRun.slice(1).forEach(function (scores) {
        var next = new Map();
        result.forEach(function (hit, doc) {
          var other = scores.get(doc);
          if (other) next.set(doc, { score: hit.score + other.score, title: hit.title && other.title });
        });
        result = next;
      });
      return result;
    });
  }

  /* By sound: each Chinese character by its usual syllable (the catalog's own table). */
  function soundRequirements(query, sounds) {
    var needed = [];
    var ok = true;
    runs(query).forEach(function (run) {
      if (/^[a-z0-9]+$/.test(run)) { needed.push([[run]]); return; }
      var syllables = [];
      for (var i = 0; i < run.length; i++) {
        var sound = own(sounds, run[i]);
        if (!sound) { ok = false; return; }
        syllables.push(sound);
      }
      needed.push([pinyinPairs(syllables)]);
    });
    return ok && needed.length ? needed : null;
  }

  /* Every match, ranked: {total, ranked: [doc…], bySound, meta}. */
  function search(query) {
    return need("meta", 0).then(function (meta) {
      var needed = requirements(query, meta);
      if (!needed.length) return { ranked: [], bySound: false, meta: meta };
      return matchRequirements(needed, meta).then(function (scores) {
        if (scores.size || !/[\u3400-\u9fff]/.test(query)) return { scores: scores, bySound: false };
        return need("p", 0).then(function (sounds) {
          var again = soundRequirements(query, sounds);
          if (!again) return { scores: scores, bySound: false };
          return matchRequirements(again, meta).then(function (found) { return { scores: found, bySound: true }; });
        });
      }).then(function (found) {
        var help = meta.help;
        var ranked = Array.from(found.scores.keys()).sort(function (a, b) {
          var x = found.scores.get(a), y = found.scores.get(b);
          return (y.title - x.title) || ((meta.kinds[a] === help) - (meta.kinds[b] === help)) ||
            (y.score - x.score) || (a - b);
        });
        return { ranked: ranked, bySound: found.bySound, meta: meta };
      });
    });
  }

  function items(docs, meta) {
    return Promise.all(docs.map(function (doc) { return need("d", Math.floor(doc / meta.chunk)); }))
      .then(function () {
        return docs.map(function (doc) {
          var chunk = store.d[Math.floor(doc / meta.chunk)];  // catalog/site/search.py, RESULT_FIELDS
          var row = chunk.rows[doc % meta.chunk];
          var item = {};
          chunk.fields.forEach(function (name, index) { item[name] = row[index]; });
          return item;
        });
      });
  }

  /* add: how every index file registers itself. The others are what the search box and the
   * results page run, exposed for tests only (tests/test_browser_search.py runs them next to
   * catalog/site/search.py); the site does not call them from here:
   *   queryTokens(query) -> [token…]          shardOf(token, shards) -> shard number
   *   search(query) -> Promise {ranked: [doc…], bySound, meta}
   *   items([doc…], meta) -> Promise [{url, kind, title, excerpt}…] */
  window.__menuSearch = {
    add: function (kind, number, payload) {
      var key = kind + number;
      store[kind][number] = payload;
      (waiting.get(key) || []).forEach(function (done) { done(); });
      waiting.delete(key);
    },
    queryTokens: queryTokens,
    shardOf: shardOf,
    search: search,
    items: items
  };

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultLink(item) {
    var link = element("a", "menu-search-result");
    link.href = root + item.url;
    var head = element("span", "menu-search-title");
    head.appendChild(element("span", "menu-tag", item.kind));
    head.appendChild(document.createTextNode(item.title));
    link.appendChild(head);
    if (item.excerpt) link.appendChild(element("span", "menu-search-excerpt", item.excerpt));
    return link;
  }

  function resultsUrl(query) {
    return root + "search.html?q=" + encodeURIComponent(query);
  }

  /* --- the header box --------------------------------------------------------------------- */

  function setupHeader() {
    var inner = document.querySelector(".md-header__inner");
    if (!inner || inner.querySelector(".menu-search")) return;
    var box = element("div", "menu-search");
    box.setAttribute("role", "search");
    var toggle = element("button", "menu-search-toggle", "搜索");
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", "false");
    var input = element("input", "menu-search-input");
    input.type = "search";
    input.placeholder = "搜索课程、师资、点位、路线";
    input.setAttribute("aria-label", "搜索（按 / 键）");
    input.setAttribute("enterkeyhint", "search");
    var panel = element("div", "menu-search-results");
    panel.hidden = true;
    box.appendChild(toggle);
    box.appendChild(input);
    box.appendChild(panel);
    var title = inner.querySelector(".md-header__title");
    inner.insertBefore(box, title ? title.nextSibling : null);

    function open(yes) {
      box.classList.toggle("menu-search-open", yes);
      toggle.setAttribute("aria-expanded", yes ? "true" : "false");
      toggle.textContent = yes ? "关闭" : "搜索";
      if (yes) input.focus();
    }
    toggle.addEventListener("click", function () { open(!box.classList.contains("menu-search-open")); });

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
        return items(found.ranked.slice(0, QUICK), found.meta).then(function (shown) {
          if (ticket !== latest) return;
          var total = found.ranked.length;
          var note = total ? "找到 " + total + " 个结果" + (found.bySound ? "（按读音）" : "") : "没有找到“" + query + "”";
          var nodes = [element("p", "menu-search-note", note)];
          shown.forEach(function (item) { nodes.push(resultLink(item)); });
          if (total > shown.length) {
            var all = element("a", "menu-search-all", "查看全部 " + total + " 条结果");
            all.href = resultsUrl(query);
            nodes.push(all);
          }
          show(nodes);
          panel.setAttribute("data-query", query);  // which query these results answer
        });
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
      if (event.key === "Escape") { panel.hidden = true; open(false); input.blur(); }
      if (event.key === "Enter" && input.value.trim()) {  // every result, even before the dropdown
        event.preventDefault();
        window.location.href = resultsUrl(input.value.trim());
      }
    });
    document.addEventListener("click", function (event) {
      if (!box.contains(event.target)) panel.hidden = true;
    });
    document.addEventListener("keydown", function (event) {  // "/" focuses search, as on many sites
      var target = event.target;
      var typing = target && (target.isContentEditable || /^(input|textarea|select)$/i.test(target.tagName));
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        if (getComputedStyle(input).display === "none") open(true);
        else input.focus();
      }
    });
  }

  /* --- the results page ----------------------------------------------------------------- */

  function setupResultsPage() {
    var page = document.querySelector(".menu-search-page");
    if (!page) return;
    var params = new URLSearchParams(location.search);
    var query = (params.get("q") || "").trim();
    var kind = params.get("kind") || "";
    var number = Math.max(1, parseInt(params.get("page") || "1", 10) || 1);
    var field = page.querySelector("#menu-search-q");
    var summary = page.querySelector(".menu-search-summary");
    var kinds = page.querySelector(".menu-search-kinds");
    var list = page.querySelector(".menu-search-list");
    var pager = page.querySelector(".menu-search-pager");
    field.value = query;
    if (!query) {
      summary.textContent = "请输入要找的内容。";
      field.focus();
      return;
    }
    document.title = "“" + query + "”的搜索结果 · " + document.title;

    function link(q, k, n) {
      var next = new URLSearchParams();
      next.set("q", q);
      if (k) next.set("kind", k);
      if (n > 1) next.set("page", String(n));
      return "search.html?" + next.toString();
    }

    search(query).then(function (found) {
      var meta = found.meta;
      var counts = new Map();
      found.ranked.forEach(function (doc) {
        var letter = meta.kinds[doc];
        counts.set(letter, (counts.get(letter) || 0) + 1);
      });
      var chosen = Object.keys(meta.kind_names).filter(function (letter) { return meta.kind_names[letter] === kind; })[0];
      var hits = chosen ? found.ranked.filter(function (doc) { return meta.kinds[doc] === chosen; }) : found.ranked;
      var pages = Math.max(1, Math.ceil(hits.length / PAGE));
      number = Math.min(number, pages);
      var first = (number - 1) * PAGE;
      summary.textContent = found.ranked.length
        ? "“" + query + "”共找到 " + found.ranked.length + " 条结果" + (found.bySound ? "（按读音找到相近的写法）" : "") +
          (chosen ? "，其中" + kind + " " + hits.length + " 条" : "") +
          (hits.length > PAGE ? "；本页为第 " + (first + 1) + "–" + Math.min(first + PAGE, hits.length) + " 条" : "") + "。"
        : "没有找到“" + query + "”。可以换一个说法、少写几个字，或输入拼音（如 dangshi）、首字母（如 ds）。";
      kinds.textContent = "";
      if (found.ranked.length) {
        var all = element("a", "menu-chip" + (chosen ? "" : " menu-chip-current"), "全部 " + found.ranked.length);
        all.href = link(query, "", 1);
        if (!chosen) all.setAttribute("aria-current", "true");
        kinds.appendChild(all);
        Object.keys(meta.kind_names).forEach(function (letter) {
          if (!counts.get(letter)) return;
          var name = meta.kind_names[letter];
          var chip = element("a", "menu-chip" + (letter === chosen ? " menu-chip-current" : ""), name + " " + counts.get(letter));
          chip.href = link(query, name, 1);
          if (letter === chosen) chip.setAttribute("aria-current", "true");
          kinds.appendChild(chip);
        });
        kinds.hidden = false;
      }
      return items(hits.slice(first, first + PAGE), meta).then(function (shown) {
        list.textContent = "";
        list.start = first + 1;
        shown.forEach(function (item) {
          var li = element("li");
          li.appendChild(resultLink(item));
          list.appendChild(li);
        });
        pager.textContent = "";
        pager.hidden = pages <= 1;
        for (var n = 1; n <= pages; n++) {
          var to = element(n === number ? "strong" : "a", "", String(n));
          if (n !== number) to.href = link(query, kind, n);
          else to.setAttribute("aria-current", "page");
          pager.appendChild(to);
          pager.appendChild(document.createTextNode(" "));
        }
        page.setAttribute("data-query", query);  // the results shown answer this query
      });
    }).catch(function () {
      summary.textContent = "搜索索引不完整，请重新生成网站。";
    });
  }

  function setup() {
    setupHeader();
    setupResultsPage();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
