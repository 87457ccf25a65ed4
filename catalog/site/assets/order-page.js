/* 我的点单: the order page. Fill in the unit and each item, see every problem next to its
 * field, export the CSV or print the 点单表 once nothing is wrong, find the reply.
 *
 * Deferred (templates/order.html), so it runs after assets/order.js, whose store it uses
 * through window.MENU_ORDER; the rules and the order number are assets/order-rules.js.
 * Data from storage and from the build is written as text (textContent, attributes).
 */
(function () {
  "use strict";

  var store = window.MENU_ORDER;
  var page = document.querySelector(".menu-order-page");
  var data = window.MENU_ORDER_DATA;
  var rules = window.MENU_ORDER_RULES;
  if (!store || !page) return;
  if (!data || !rules) {
    page.querySelector(".menu-order-app").hidden = true;
    return;
  }
  var root = store.root, KINDS = store.kinds, KIND_NAMES = store.kindNames;
  var load = store.load, save = store.save, own = store.own, element = store.element;
  var checkItem = rules.check, issueNumber = rules.issueNumber, today = rules.today;

  /* --- problems next to their fields ---------------------------------------------------- */

  var attempted = false;  // export or print was tried: show every problem
  var touched = Object.create(null);  // fields the unit has left: show theirs

  function problemsOf(order) {
    var unitFields = data.format.unit_fields;
    var found = [];
    var unitValues = Object.create(null);
    unitFields.forEach(function (key) { unitValues[key] = order.unit[key]; });
    checkItem(unitValues, {}).forEach(function (f) {
      if (unitFields.indexOf(f.field) >= 0) found.push({ id: "unit:" + f.field, finding: f });
    });
    order.items.forEach(function (item, index) {
      var record = lookup(item);
      if (!record || refusal(item)) return;
      var values = { date_from: item.date_from, date_to: item.date_to, participants: item.participants };
      unitFields.forEach(function (key) { values[key] = order.unit[key]; });
      checkItem(values, { capacity: record.capacity, ordered: today() }).forEach(function (f) {
        if (unitFields.indexOf(f.field) < 0) found.push({ id: item.kind + "/" + item.id + ":" + f.field, finding: f, index: index });
      });
    });
    return found;
  }

  function showProblems(order) {
    var found = problemsOf(order);
    var byId = Object.create(null);
    found.forEach(function (p) { byId[p.id] = p.finding; });
    var inputs = page.querySelectorAll("input[data-problem]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var id = input.getAttribute("data-problem");
      var box = document.getElementById(input.getAttribute("aria-describedby"));
      var problem = (attempted || touched[id]) ? byId[id] : null;
      input.setAttribute("aria-invalid", problem ? "true" : "false");
      if (box) {
        box.textContent = problem ? problem.message + (problem.hint ? "（" + problem.hint + "）" : "") : "";
        box.hidden = !problem;
      }
    }
    return found;
  }

  function focusFirstProblem() {
    var first = page.querySelector('input[aria-invalid="true"]');
    if (first) first.focus();
  }

  /* The build's record of an item, or null: looked up by own property (an id may be
   * "constructor"), made once per record and kept in a Map, so that every step over the
   * items stays linear however long the order is. */
  var records = new Map();
  function lookup(item) {
    var key = item.kind + "/" + item.id;
    if (records.has(key)) return records.get(key);
    var digest = data && data.records;  // catalog/site/order_data.py: fields, kinds → id → row
    var found = digest && own(own(digest.kinds, item.kind), item.id);
    var record = null;
    if (found) {
      record = Object.create(null);
      digest.fields.forEach(function (name, index) { record[name] = found[index]; });
    }
    records.set(key, record);
    return record;
  }

  /* kind → the indexes of its items, in order: one pass over the items. */
  function byKind(order) {
    var groups = new Map();
    KINDS.forEach(function (kind) { groups.set(kind, []); });
    order.items.forEach(function (item, i) {
      if (groups.has(item.kind)) groups.get(item.kind).push(i);
    });
    return groups;
  }

  /* What the status rules (`orderable`, `held_up` in ORDER_RULES) find for an item's record. */
  function statusFindings(item) {
    var record = lookup(item);
    if (!record) return [];
    var context = { kind: item.kind, label: record.name, status: record.status, reason: record.reason,
      held: record.held };
    return checkItem({ id: item.id }, context).filter(function (f) { return f.field === "id"; });
  }

  function refusal(item) {
    return statusFindings(item).filter(function (f) { return f.code === data.format.codes.orderable; })[0] || null;
  }

  function staleReason(item) {
    var record = lookup(item);
    if (!record) return "已从目录中删除";
    var refused = refusal(item);
    return refused ? own(own(data.format.statuses, item.kind), record.status).label : "";
  }

  function message(text) {
    var box = page && page.querySelector(".menu-order-message");
    if (box) box.textContent = text;
  }

  function field(item, index, key, text, type, name) {
    var problem = item.kind + "/" + item.id + ":" + key;
    var error = "menu-error-" + item.kind + "-" + item.id + "-" + key;
    var input = element("input", { type: type, "data-index": index, "data-key": key,
      "aria-label": text + "（" + name + "）", "data-problem": problem, "aria-describedby": error });
    if (type === "number") input.min = "1";
    input.value = item[key] || "";
    var wrap = element("label", { "class": "menu-order-field" }, text + " ");
    wrap.appendChild(input);
    var box = element("span", { "class": "menu-field-error", id: error });
    box.hidden = true;
    wrap.appendChild(box);
    return wrap;
  }

  /* A long order is drawn STEP rows per kind at a time, with a button for the next rows:
   * 20,000 items (a pasted or planted basket) would be 80,000 inputs, half a minute to draw.
   * Every item is still checked, counted and exported; a problem in a row not drawn yet
   * draws the rows up to it (`reveal`). */
  var STEP = 200;
  var shown = new Map();  // kind → how many of its rows are drawn

  function reveal(order, found) {
    var first = found.filter(function (p) { return p.index !== undefined; })[0];
    if (!first) return false;
    var item = order.items[first.index];
    var position = byKind(order).get(item.kind).indexOf(first.index);
    var limit = shown.get(item.kind) || STEP;
    if (position < limit) return false;
    shown.set(item.kind, (Math.floor(position / STEP) + 1) * STEP);
    return true;
  }

  function renderItems(order) {
    var groups = page.querySelector(".menu-order-groups");
    groups.textContent = "";
    var drawn = document.createDocumentFragment();
    var stale = 0;
    byKind(order).forEach(function (indexes, kind) {
      if (!indexes.length) return;
      var section = element("section", { "class": "menu-order-group", "data-kind": kind });
      section.appendChild(element("h2", {}, own(KIND_NAMES, kind) + "（" + indexes.length + "）"));
      var limit = shown.get(kind) || STEP;
      indexes.forEach(function (index, position) {
        var item = order.items[index];
        var reason = staleReason(item);
        if (reason) stale++;
        if (position >= limit) return;  // counted, not drawn (yet)
        var record = lookup(item);
        var row = element("div", { "class": "menu-order-item" + (reason ? " menu-order-stale-item" : ""),
          "data-id": item.id });
        var head = element("p", { "class": "menu-order-title" });
        var link = element("a", { href: root + kind + "/" + item.id + ".html" }, record ? record.name : item.name);
        head.appendChild(link);
        head.appendChild(element("span", { "class": "menu-muted" }, " 编号 " + item.id));
        if (reason) head.appendChild(element("span", { "class": "menu-tag menu-archived" }, reason));
        row.appendChild(head);
        if (record) row.appendChild(element("p", { "class": "menu-muted" }, record.facts));
        statusFindings(item).forEach(function (f) {  // refused: why; held up: which part
          var kind = f.code === data.format.codes.orderable ? "menu-order-refused" : "menu-order-held";
          row.appendChild(element("p", { "class": "menu-notice " + kind }, f.message + (f.hint ? "（" + f.hint + "）" : "")));
        });
        var fields = element("div", { "class": "menu-order-fields" });
        var name = record ? record.name : item.name;
        fields.appendChild(field(item, index, "date_from", "开始日期", "date", name));
        fields.appendChild(field(item, index, "date_to", "结束日期", "date", name));
        var people = field(item, index, "participants", "人数", "number", name);
        if (record && record.capacity) people.firstChild.textContent = "人数（最多 " + record.capacity + "） ";
        fields.appendChild(people);
        fields.appendChild(field(item, index, "note", "备注", "text", name));
        row.appendChild(fields);
        var tools = element("p", { "class": "menu-order-tools" });
        if (position > 0) tools.appendChild(element("button", { type: "button", "data-move": "up", "data-index": index }, "上移"));
        if (position < indexes.length - 1) tools.appendChild(element("button", { type: "button", "data-move": "down", "data-index": index }, "下移"));
        tools.appendChild(element("button", { type: "button", "data-remove": index }, "移除"));
        row.appendChild(tools);
        section.appendChild(row);
      });
      if (indexes.length > limit) {
        var more = element("p", { "class": "menu-order-more" });
        more.appendChild(element("button", { type: "button", "data-more": kind },
          "再显示 " + Math.min(STEP, indexes.length - limit) + " 项（这一类共 " + indexes.length + " 项，已显示 " + limit + " 项）"));
        section.appendChild(more);
      }
      drawn.appendChild(section);
    });
    groups.appendChild(drawn);
    page.querySelector(".menu-order-empty").hidden = order.items.length > 0;
    var staleBox = page.querySelector(".menu-order-stale");
    staleBox.hidden = stale === 0;
    staleBox.textContent = stale ? "有 " + stale + " 项暂停、已停用或已删除（已标出），不能点单，导出和打印时不会包含它们，请移除或改选其他内容。" : "";
  }

  function renderUnit(order) {
    var inputs = page.querySelectorAll(".menu-order-unit input");
    for (var i = 0; i < inputs.length; i++) {
      if (document.activeElement !== inputs[i]) inputs[i].value = order.unit[inputs[i].name] || "";
    }
    var number = page.querySelector(".menu-order-number");
    number.textContent = "";
    if (order.number) {
      number.appendChild(document.createTextNode("单号 "));
      number.appendChild(element("code", {}, order.number));
      number.appendChild(document.createTextNode("：报送后凭这个单号查看组织部门的回单。"));
      if ((data.replies || []).indexOf(order.number) >= 0) {
        number.appendChild(element("a", { href: root + "replies/" + order.number + ".html" }, "组织部门已答复，查看回单"));
      }
    } else {
      number.appendChild(document.createTextNode("单号：第一次导出 CSV 或打印点单表时生成。"));
    }
  }

  function orderedRows(order) {
    var rows = [];
    byKind(order).forEach(function (indexes, kind) {
      indexes.forEach(function (index) {
        var item = order.items[index];
        if (staleReason(item)) return;
        rows.push({ number: order.number, unit: order.unit.unit, contact: order.unit.contact, phone: order.unit.phone,
          kind: own(data.format.kinds, kind), id: item.id, name: lookup(item).name,
          date_from: item.date_from, date_to: item.date_to, participants: item.participants, note: item.note });
      });
    });
    return rows;
  }

  function renderPrint(order) {
    var form = page.querySelector(".menu-print-form");
    form.querySelector('[data-print="number"]').textContent = order.number ? "单号：" + order.number : "";
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

  /* Before export or print: every problem shown; true when the order may go out. The order
   * gets its number here, the first time. */
  function ready(order) {
    attempted = true;
    var found = showProblems(order);
    if (found.length && !page.querySelector('input[aria-invalid="true"]') && reveal(order, found)) {  // in rows not drawn yet
      renderItems(order);
      found = showProblems(order);
    }
    if (found.length) {
      message("还有 " + found.length + " 处需要修改（已在对应的栏目旁标出），改好后才能导出或打印。");
      focusFirstProblem();
      return false;
    }
    if (!orderedRows(order).length) {
      message("点单里没有可导出的内容。");
      return false;
    }
    var before = order.number;
    issueNumber(order);
    if (order.number !== before) save(order, true);
    renderUnit(order);
    return true;
  }

  function exportCsv(order) {
    if (!ready(order)) return;
    var rows = orderedRows(order);
    var columns = data.format.columns;
    var lines = [columns.map(function (c) { return csvCell(c.label); }).join(",")];
    rows.forEach(function (row) {
      lines.push(columns.map(function (c) { return csvCell(row[c.key]); }).join(","));
    });
    var text = lines.join(data.format.newline) + data.format.newline;
    var blob = new Blob([(data.format.bom ? "\ufeff" : "") + text], { type: "text/csv;charset=utf-8" });
    var link = element("a", { download: "点单-" + order.unit.unit.trim() + "-" + order.number + ".csv" });
    link.href = URL.createObjectURL(blob);
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
    message("已导出 " + rows.length + " 项，单号 " + order.number + "。请把 CSV 文件报送组织部门。");
  }

  function renderPage() {
    var order = load();  // as stored now (another tab may have changed it)
    renderUnit(order);
    renderItems(order);
    renderPrint(order);
    showProblems(order);
  }

  function setupPage() {
    document.documentElement.classList.add("menu-order-root");
    page.querySelector(".menu-order-app").hidden = false;
    if (window.location.protocol === "file:") page.querySelector(".menu-file-notice").hidden = false;

    var unitInputs = page.querySelectorAll(".menu-order-unit input");
    for (var i = 0; i < unitInputs.length; i++) {  // each with the place for its problem
      var input = unitInputs[i];
      var box = element("span", { "class": "menu-field-error", id: "menu-error-unit-" + input.name });
      box.hidden = true;
      input.parentNode.appendChild(box);
      input.setAttribute("data-problem", "unit:" + input.name);
      input.setAttribute("aria-describedby", box.id);
    }
    page.querySelector(".menu-order-unit").addEventListener("input", function (event) {
      var order = load();
      order.unit[event.target.name] = event.target.value;
      save(order, true);
    });
    page.addEventListener("change", function (event) {  // a field was left: say what is wrong with it
      var id = event.target.getAttribute && event.target.getAttribute("data-problem");
      if (!id) return;
      touched[id] = true;
      showProblems(load());
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
      if (target.hasAttribute("data-more")) {  // the next rows of one kind
        var kind = target.getAttribute("data-more");
        shown.set(kind, (shown.get(kind) || STEP) + STEP);
        renderItems(order);
        showProblems(order);
        var rows = page.querySelectorAll('.menu-order-group[data-kind="' + kind + '"] .menu-order-item');
        var next = rows[(shown.get(kind) || STEP) - STEP];
        if (next) next.querySelector("a").focus();  // where the new rows begin
        return;
      }
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
        if (!ready(order)) return;
        renderPrint(order);
        window.print();
      }
      if (action === "clear" && order.items.length && window.confirm("确定清空点单中的全部 " + order.items.length + " 项吗？")) {
        order.items = [];
        order.number = "";  // the next order is another order
        attempted = false;
        touched = Object.create(null);
        save(order);
        message("点单已清空。");
      }
    });
  }

  setupPage();
  store.register({
    render: function () { renderPage(); },
    edited: function (order) {
      renderPrint(order);
      showProblems(order);
    },
    message: message
  });
})();
