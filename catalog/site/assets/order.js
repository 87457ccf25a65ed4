/* 点单: build an order in the browser, export it as CSV, print it as a form.
 *
 * The site is static, so the order lives in localStorage, under a key made from the
 * site's own root URL: two copies of the site (two folders on one server, two folders
 * on one disk) keep separate orders. The CSV columns and rules come from the build
 * (window.MENU_ORDER_DATA.format, defined once in catalog/orders/format.py).
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
  var MAX_ITEMS = 500;  // far more than one unit orders; a longer list is not one of ours
  var UNIT_FIELDS = ["unit", "contact", "phone"];
  var repaired = "";  // why the stored order had to be mended, said once on this page

  function emptyOrder() {
    return { version: 1, unit: { unit: "", contact: "", phone: "" }, items: [] };
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
    if (raw === null || raw === undefined) return { order: order, dropped: 0, junk: false };
    if (!isObject(raw) || own(raw, "version") !== 1) return { order: order, dropped: 0, junk: true };
    var junk = false;
    var unit = own(raw, "unit");
    if (!isObject(unit)) junk = true;
    UNIT_FIELDS.forEach(function (key) {
      var value = own(unit, key);
      if (value !== undefined && typeof value !== "string") junk = true;
      order.unit[key] = text(value, 200);
    });
    var items = own(raw, "items");
    if (!Array.isArray(items)) return { order: order, dropped: 0, junk: true };
    var seen = Object.create(null);
    var dropped = 0;
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      var kind = own(item, "kind");
      var id = own(item, "id");
      if (order.items.length >= MAX_ITEMS || typeof kind !== "string" || KINDS.indexOf(kind) < 0 ||
          typeof id !== "string" || !ID.test(id) || seen[kind + "/" + id]) {
        dropped++;
        continue;
      }
      seen[kind + "/" + id] = true;
      var from = text(own(item, "date_from"), 10);
      var to = text(own(item, "date_to"), 10);
      order.items.push({ kind: kind, id: id, name: text(own(item, "name"), 200),
        date_from: DATE.test(from) ? from : "", date_to: DATE.test(to) ? to : "",
        participants: text(own(item, "participants"), 6), note: text(own(item, "note"), 500) });
    }
    return { order: order, dropped: dropped, junk: junk };
  }

  function load() {
    var raw = null;
    var unreadable = false;
    try {
      raw = JSON.parse(window.localStorage.getItem(KEY));
    } catch (error) { unreadable = true; }
    var result = clean(raw);
    if (unreadable || result.junk || result.dropped) {
      repaired = unreadable || result.junk
        ? "浏览器里保存的点单已损坏，已重置为可用的内容；请检查点单。"
        : "浏览器里保存的点单有 " + result.dropped + " 项无法识别，已移除；请检查点单。";
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
      message("浏览器不允许保存点单（可能处于隐私模式），请直接导出。");
    }
    if (quiet) {  // a field was edited: keep the form as it is (and the focus where it is)
      refreshHeader(order);
      if (page && data) renderPrint(order);
    } else {
      refresh();
    }
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
    for (var i = 0; i < buttons.length; i++) {
      var button = buttons[i];
      var added = indexOf(order, button.getAttribute("data-order-kind"), button.getAttribute("data-order-id")) >= 0;
      if (!button.hasAttribute("data-label")) button.setAttribute("data-label", button.textContent);
      button.textContent = added ? "✓ 已加入点单（点击移出）" : button.getAttribute("data-label");
      button.classList.toggle("menu-order-added", added);
      button.hidden = false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".menu-order-add");
    if (!button) return;
    var order = load();
    var kind = button.getAttribute("data-order-kind");
    var id = button.getAttribute("data-order-id");
    var at = indexOf(order, kind, id);
    if (at >= 0) {
      order.items.splice(at, 1);
    } else {
      order.items.push({ kind: kind, id: id, name: button.getAttribute("data-order-title"),
        date_from: "", date_to: "", participants: "", note: "" });
    }
    save(order);
  });

  /* --- the order page ---------------------------------------------------------------- */

  var page = document.querySelector(".menu-order-page");
  var data = window.MENU_ORDER_DATA;

  function lookup(item) {
    var digest = data && data.records;  // catalog/site/order_data.py: fields, kinds → id → row
    var found = digest && own(own(digest.kinds, item.kind), item.id);
    if (!found) return null;
    var record = {};
    digest.fields.forEach(function (name, index) { record[name] = found[index]; });
    return record;
  }

  function staleReason(item) {
    var record = lookup(item);
    if (!record) return "已从目录中删除";
    if (record.status !== "active") return "已停用";
    return "";
  }

  function message(text) {
    var box = page && page.querySelector(".menu-order-message");
    if (box) box.textContent = text;
  }

  function element(tag, attrs, text) {
    var node = document.createElement(tag);
    for (var name in attrs) node.setAttribute(name, attrs[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function field(item, index, key, label, type) {
    var input = element("input", { type: type, "data-index": index, "data-key": key, "aria-label": label });
    if (type === "number") input.min = "1";
    input.value = item[key] || "";
    var wrap = element("label", { "class": "menu-order-field" }, label + " ");
    wrap.appendChild(input);
    return wrap;
  }

  function renderItems(order) {
    var groups = page.querySelector(".menu-order-groups");
    groups.textContent = "";
    var stale = 0;
    KINDS.forEach(function (kind) {
      var indexes = [];
      order.items.forEach(function (item, i) { if (item.kind === kind) indexes.push(i); });
      if (!indexes.length) return;
      var section = element("section", { "class": "menu-order-group", "data-kind": kind });
      section.appendChild(element("h2", {}, KIND_NAMES[kind] + "（" + indexes.length + "）"));
      indexes.forEach(function (index, position) {
        var item = order.items[index];
        var record = lookup(item);
        var reason = staleReason(item);
        if (reason) stale++;
        var row = element("div", { "class": "menu-order-item" + (reason ? " menu-order-stale-item" : ""),
          "data-id": item.id });
        var head = element("p", { "class": "menu-order-title" });
        var link = element("a", { href: root + kind + "/" + item.id + ".html" }, record ? record.name : item.name);
        head.appendChild(link);
        head.appendChild(element("span", { "class": "menu-muted" }, " 编号 " + item.id));
        if (reason) head.appendChild(element("span", { "class": "menu-tag menu-archived" }, reason));
        row.appendChild(head);
        if (record) row.appendChild(element("p", { "class": "menu-muted" }, record.facts));
        var fields = element("div", { "class": "menu-order-fields" });
        fields.appendChild(field(item, index, "date_from", "开始日期", "date"));
        fields.appendChild(field(item, index, "date_to", "结束日期", "date"));
        fields.appendChild(field(item, index, "participants", "人数", "number"));
        fields.appendChild(field(item, index, "note", "备注", "text"));
        row.appendChild(fields);
        var tools = element("p", { "class": "menu-order-tools" });
        if (position > 0) tools.appendChild(element("button", { type: "button", "data-move": "up", "data-index": index }, "上移"));
        if (position < indexes.length - 1) tools.appendChild(element("button", { type: "button", "data-move": "down", "data-index": index }, "下移"));
        tools.appendChild(element("button", { type: "button", "data-remove": index }, "移除"));
        row.appendChild(tools);
        section.appendChild(row);
      });
      groups.appendChild(section);
    });
    page.querySelector(".menu-order-empty").hidden = order.items.length > 0;
    var staleBox = page.querySelector(".menu-order-stale");
    staleBox.hidden = stale === 0;
    staleBox.textContent = stale ? "有 " + stale + " 项已停用或已删除（已标出），导出和打印时不会包含它们，请移除或改选其他内容。" : "";
  }

  function renderUnit(order) {
    var inputs = page.querySelectorAll(".menu-order-unit input");
    for (var i = 0; i < inputs.length; i++) {
      if (document.activeElement !== inputs[i]) inputs[i].value = order.unit[inputs[i].name] || "";
    }
  }

  function orderedRows(order) {
    var rows = [];
    KINDS.forEach(function (kind) {
      order.items.forEach(function (item) {
        if (item.kind !== kind || staleReason(item)) return;
        rows.push({ unit: order.unit.unit, contact: order.unit.contact, phone: order.unit.phone,
          kind: data.format.kinds[kind], id: item.id, name: lookup(item).name,
          date_from: item.date_from, date_to: item.date_to, participants: item.participants, note: item.note });
      });
    });
    return rows;
  }

  function renderPrint(order) {
    var form = page.querySelector(".menu-print-form");
    ["unit", "contact", "phone"].forEach(function (key) {
      form.querySelector('[data-print="' + key + '"]').textContent = order.unit[key] || "";
    });
    var body = form.querySelector(".menu-print-items tbody");
    body.textContent = "";
    orderedRows(order).forEach(function (row, i) {
      var tr = element("tr");
      [String(i + 1), row.kind, row.name, row.id, row.date_from, row.date_to, row.participants, row.note]
        .forEach(function (value) { tr.appendChild(element("td", {}, value || "")); });
      body.appendChild(tr);
    });
  }

  function csvCell(value) {
    var text = value === undefined || value === null ? "" : String(value);
    var rule = data.format.formula;  // catalog/tabular/writing.py: the one guard of every sheet
    if (text && rule.prefixes.indexOf(text.charAt(0)) >= 0 && !new RegExp(rule.number_like).test(text)) {
      text = rule.guard + text;
    }
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function exportCsv(order) {
    var rows = orderedRows(order);
    if (!order.unit.unit.trim()) return message("请先填写单位名称。");
    if (!rows.length) return message("点单里没有可导出的内容。");
    var columns = data.format.columns;
    var lines = [columns.map(function (c) { return csvCell(c.label); }).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (c) { return csvCell(row[c.key]); }).join(","));
    });
    var text = lines.join(data.format.newline) + data.format.newline;
    var blob = new Blob([(data.format.bom ? "\ufeff" : "") + text], { type: "text/csv;charset=utf-8" });
    var link = element("a", { download: "点单-" + order.unit.unit.trim() + ".csv" });
    link.href = URL.createObjectURL(blob);
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    message("已导出 " + rows.length + " 项。请把 CSV 文件报送组织部门。");
  }

  function renderPage() {
    var order = load();
    renderUnit(order);
    renderItems(order);
    renderPrint(order);
  }

  function setupPage() {
    if (!data) {
      page.querySelector(".menu-order-app").hidden = true;
      return;
    }
    document.documentElement.classList.add("menu-order-root");
    page.querySelector(".menu-order-app").hidden = false;
    if (window.location.protocol === "file:") page.querySelector(".menu-file-notice").hidden = false;

    page.querySelector(".menu-order-unit").addEventListener("input", function (event) {
      var order = load();
      order.unit[event.target.name] = event.target.value;
      save(order, true);
    });
    page.querySelector(".menu-order-groups").addEventListener("input", function (event) {
      var target = event.target;
      if (!target.hasAttribute("data-key")) return;
      var order = load();
      var item = order.items[Number(target.getAttribute("data-index"))];
      if (item) item[target.getAttribute("data-key")] = target.value;
      save(order, true);
    });
    page.querySelector(".menu-order-groups").addEventListener("click", function (event) {
      var target = event.target;
      var order = load();
      if (target.hasAttribute("data-remove")) {
        order.items.splice(Number(target.getAttribute("data-remove")), 1);
        save(order);
      } else if (target.hasAttribute("data-move")) {
        var index = Number(target.getAttribute("data-index"));
        var step = target.getAttribute("data-move") === "up" ? -1 : 1;
        var other = index + step;
        while (other >= 0 && other < order.items.length && order.items[other].kind !== order.items[index].kind) other += step;
        if (other < 0 || other >= order.items.length) return;
        var moved = order.items[index];
        order.items[index] = order.items[other];
        order.items[other] = moved;
        save(order);
      }
    });
    page.querySelector(".menu-order-actions").addEventListener("click", function (event) {
      var action = event.target.getAttribute("data-action");
      var order = load();
      if (action === "csv") exportCsv(order);
      if (action === "print") {
        if (!order.unit.unit.trim()) return message("请先填写单位名称。");
        renderPrint(order);
        window.print();
      }
      if (action === "clear" && order.items.length && window.confirm("确定清空点单中的全部 " + order.items.length + " 项吗？")) {
        order.items = [];
        save(order);
        message("点单已清空。");
      }
    });
  }

  function refresh() {
    var order = load();
    refreshHeader(order);
    refreshButtons(order);
    if (page && data) renderPage();
  }

  document.addEventListener("menu:cards", function () { refreshButtons(load()); });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) refresh();
  });
  if (page) setupPage();
  refresh();
})();
