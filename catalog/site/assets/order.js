/* 点单: build an order in the browser, check it, export it as CSV, print it as a form.
 *
 * The site is static, so the order lives in localStorage, under a key made from the
 * site's own root URL: two copies of the site (two folders on one server, two folders
 * on one disk) keep separate orders. The CSV columns, the checks of every item and the
 * order number (单号) come from the build (window.MENU_ORDER_DATA.format, defined once in
 * catalog/orders/format.py and number.py; `catalog orders` runs the same rules in
 * catalog/orders/rules.py). Adding an item says so in a status line with a link to 我的点单.
 *
 * This file runs on every page: the stored order, the header count, the add buttons.
 * The order page itself is assets/order-page.js (checks: assets/order-rules.js), which
 * registers with `window.MENU_ORDER.register` and uses the store through it.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var root = script ? script.src.replace(/assets\/order\.js(?:[?#].*)?$/, "") : "";
  var KEY = "training-menu-order:" + root;
  var KINDS = [];  // the kinds in their order, and their names: from the build (assets/menu-data.js)
  var KIND_NAMES = Object.create(null);
  ((window.MENU_DATA && window.MENU_DATA.kinds) || []).forEach(function (kind) {
    KINDS.push(kind.key);
    KIND_NAMES[kind.key] = kind.name;
  });

  var ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  var DATE = /^\d{4}-\d{2}-\d{2}$/;
  var NUMBER = /^\d{8}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/;  // catalog/orders/number.py
  /* Far more than one unit orders (a catalog of 20,000 records, all of it, fits): a bound on
   * what another page can plant, so that reading, checking and drawing stay bounded. Every
   * step over the items is linear (a Set or null-prototype object per lookup, never a scan). */
  var MAX_ITEMS = 50000;
  var UNIT_FIELDS = ["unit", "contact", "phone"];
  var repaired = "";  // why the stored order had to be mended, said once on this page
  var pageView = null;  // the order page, when this is it (assets/order-page.js registers it)

  function emptyOrder() {
    return { version: 1, number: "", unit: { unit: "", contact: "", phone: "" }, items: [] };
  }

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function own(value, key) {
    return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
  }

  function text(value, limit) {
    if (typeof value === "number" && isFinite(value)) value = String(value);
    return typeof value === "string" ? value.slice(0, limit) : "";
  }

  /* Whatever localStorage holds (another script, an old version, a hand edit) becomes a
   * valid order: fields of the wrong type are emptied, items that are not ours dropped. */
  function clean(raw) {
    var order = emptyOrder();
    if (raw === null || raw === undefined) return { order: order, dropped: 0, over: 0, junk: false };
    if (!isObject(raw) || own(raw, "version") !== 1) return { order: order, dropped: 0, over: 0, junk: true };
    var junk = false;
    var number = own(raw, "number");
    order.number = typeof number === "string" && NUMBER.test(number) ? number : "";
    var unit = own(raw, "unit");
    if (!isObject(unit)) junk = true;
    UNIT_FIELDS.forEach(function (key) {
      var value = own(unit, key);
      if (value !== undefined && typeof value !== "string") junk = true;
      order.unit[key] = text(value, 200);
    });
    var items = own(raw, "items");
    if (!Array.isArray(items)) return { order: order, dropped: 0, over: 0, junk: true };
    var seen = new Set();  // "kind/id": a duplicate is found without scanning the items
    var dropped = 0;
    var over = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var kind = own(item, "kind");
      var id = own(item, "id");
      if (typeof kind !== "string" || !own(KIND_NAMES, kind) ||
          typeof id !== "string" || !ID.test(id) || seen.has(kind + "/" + id)) {
        dropped++;
        continue;
      }
      if (order.items.length >= MAX_ITEMS) {
        over = items.length - i;
        break;
      }
      seen.add(kind + "/" + id);
      var from = text(own(item, "date_from"), 10);
      var to = text(own(item, "date_to"), 10);
      order.items.push({ kind: kind, id: id, name: text(own(item, "name"), 200),
        date_from: DATE.test(from) ? from : "", date_to: DATE.test(to) ? to : "",
        participants: text(own(item, "participants"), 6), note: text(own(item, "note"), 500) });
    }
    return { order: order, dropped: dropped, over: over, junk: junk };
  }

  function load() {
    var raw = null;
    var unreadable = false;
    try {
      raw = JSON.parse(window.localStorage.getItem(KEY));
    } catch (error) { unreadable = true; }
    var result = clean(raw);
    if (unreadable || result.junk || result.dropped || result.over) {
      repaired = unreadable || result.junk
        ? "浏览器里保存的点单已损坏，已重置为可用的内容；请检查点单。"
        : result.dropped
          ? "浏览器里保存的点单有 " + result.dropped + " 项无法识别，已移除；请检查点单。"
          : "浏览器里保存的点单超过 " + MAX_ITEMS + " 项，只保留了前 " + MAX_ITEMS + " 项；请检查点单。";
      try {
        window.localStorage.setItem(KEY, JSON.stringify(result.order));
      } catch (error) { /* storage refused: the notice still says what happened */ }
      notice(repaired);
    }
    return result.order;
  }

  /* A line under the header saying that the stored order was mended (role=status). */
  function notice(text) {
    var box = document.querySelector(".menu-order-notice");
    if (!box) {
      var content = document.querySelector(".md-content") || document.body;
      if (!content) return;
      box = document.createElement("p");
      box.className = "menu-order-notice menu-notice";
      box.setAttribute("role", "status");
      content.insertBefore(box, content.firstChild);
    }
    box.textContent = text;
  }

  function save(order, quiet) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(order));
    } catch (error) {
      if (pageView) pageView.message("浏览器不允许保存点单（可能处于隐私模式），请直接导出。");
    }
    if (quiet) {  // a field was edited: keep the form as it is (and the focus where it is)
      refreshHeader(order);
      if (pageView) pageView.edited(order);
    } else {
      refresh();
    }
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function indexOf(order, kind, id) {
    for (var i = 0; i < order.items.length; i++) {
      if (order.items[i].kind === kind && order.items[i].id === id) return i;
    }
    return -1;
  }

  /* --- on every page: the header count and the add buttons ----------------------------- */

  function headerLink() {
    var link = document.querySelector(".menu-order-link");
    if (!link) {
      var inner = document.querySelector(".md-header__inner");
      if (!inner) return null;
      link = document.createElement("a");
      link.className = "menu-order-link";
      link.href = root + "order.html";
      link.title = "我的点单";
      inner.insertBefore(link, inner.querySelector(".md-search") || null);
    }
    return link;
  }

  function refreshHeader(order) {
    var link = headerLink();
    if (!link) return;
    var count = link.querySelector(".menu-order-count");
    if (!count) {
      link.textContent = "点单 ";
      count = document.createElement("span");
      count.className = "menu-order-count";
      link.appendChild(count);
    }
    count.textContent = String(order.items.length);
  }

  function refreshButtons(order) {
    var buttons = document.querySelectorAll(".menu-order-add");
    if (!buttons.length) return;
    var ordered = new Set(order.items.map(function (item) { return item.kind + "/" + item.id; }));
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var added = ordered.has(button.getAttribute("data-order-kind") + "/" + button.getAttribute("data-order-id"));
      if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
      button.textContent = added ? "✓ 已加入点单（点击移出）" : button.getAttribute("data-label");
      button.classList.toggle("menu-order-added", added);
      button.hidden = false;
    }
  }

  /* A status line that says what adding did, with the count and a link to 我的点单; it is in
   * the page from the start (empty), so screen readers announce what is written into it. */
  var toast = null;
  function toastBox() {
    if (!toast && document.body) {
      toast = document.createElement("div");
      toast.className = "menu-order-toast";
      toast.setAttribute("role", "status");
      document.body.appendChild(toast);
    }
    return toast;
  }

  function confirmChange(order, added, title) {
    var box = toastBox();
    if (!box) return;
    box.textContent = "";
    var count = order.items.length;
    var said = added ? "已加入点单：" + title + "。点单里现在共 " + count + " 项。"
      : "已移出点单：" + title + "。点单里还有 " + count + " 项。";
    box.appendChild(element("span", {}, said));
    if (!pageView) box.appendChild(element("a", { href: root + "order.html" }, "查看我的点单"));
    var close = element("button", { type: "button", "aria-label": "关闭提示" }, "×");
    close.addEventListener("click", function () { box.textContent = ""; });
    box.appendChild(close);
  }

  function confirmFull() {
    var box = toastBox();
    if (!box) return;
    box.textContent = "";
    box.appendChild(element("span", {}, "点单里已有 " + MAX_ITEMS + " 项，不能再加入；请先导出或移除一些。"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-order-add");
    if (!button) return;
    var order = load();
    var kind = button.getAttribute("data-order-kind");
    var id = button.getAttribute("data-order-id");
    var title = button.getAttribute("data-order-title") || id;
    var at = indexOf(order, kind, id);
    if (at >= 0) {
      order.items.splice(at, 1);
    } else if (order.items.length >= MAX_ITEMS) {
      confirmFull();
      return;
    } else {
      order.items.push({ kind: kind, id: id, name: title,
        date_from: "", date_to: "", participants: "", note: "" });
    }
    save(order);
    confirmChange(order, at < 0, title);
  });

  function refresh() {
    var order = load();
    refreshHeader(order);
    refreshButtons(order);
    if (pageView) pageView.render(order);
  }

  window.MENU_ORDER = {
    root: root,
    kinds: KINDS,
    kindNames: KIND_NAMES,
    load: load,
    save: save,
    own: own,
    element: element,
    register: function (view) {  // {render(order), edited(order), message(text)}
      pageView = view;
      refresh();
    }
  };
  toastBox();  // in the page before anything is said in it, so that it is announced
  document.addEventListener("menu:cards", function () { refreshButtons(load()); });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) refresh();
  });
  refresh();
})();
