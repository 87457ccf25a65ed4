/* The checks of an ordered item and the order number (单号), run in the browser.
 *
 * Both are defined once in Python and handed over as data (window.MENU_ORDER_DATA.format:
 * `rules`, `codes`, `messages`, `number`, from catalog/orders/format.py and number.py);
 * `catalog orders` runs the same rules on the files it reads (catalog/orders/rules.py).
 * For each field only the first failed rule is reported, as there. Loaded by the order
 * page only (templates/order.html); assets/order-page.js shows what it finds.
 */
(function () {
  "use strict";

  var data = window.MENU_ORDER_DATA;
  if (!data) return;

  function own(value, key) {
    return value !== null && typeof value === "object" && Object.prototype.hasOwnProperty.call(value, key)
      ? value[key] : undefined;
  }

  /* --- the rules of every item (ORDER_RULES, catalog/orders/format.py) ----------------- */

  function norm(value) {
    return String(value === undefined || value === null ? "" : value).normalize("NFKC").trim();
  }

  function label(key) {
    var found = data.format.columns.filter(function (c) { return c.key === key; })[0];
    return found ? found.label : key;
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function dayOf(text) {  // "YYYY-MM-DD" of a date as written, "" when it is none (or no such day)
    var match = new RegExp(data.format.date_pattern).exec(norm(text));
    if (!match) return "";
    var y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
    var date = new Date(Date.UTC(y, m - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return "";
    return y + "-" + pad(m) + "-" + pad(d);
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function whole(rule, text) {
    text = norm(text);
    return new RegExp(rule.pattern).test(text) ? parseInt(parseFloat(text), 10) : null;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : all;
    });
  }

  function finding(rule, variant, values) {
    var code = data.format.codes[rule.check];
    var wording = own(own(data.format.messages, code), variant) || {};
    return { field: rule.field, code: code, variant: variant, values: values,
      message: fill(wording.message || code, values), hint: fill(wording.hint || "", values) };
  }

  var CHECKS = {
    required: function (rule, values) {
      return norm(values[rule.field]) ? null : finding(rule, "", { label: label(rule.field) });
    },
    date: function (rule, values) {
      var text = norm(values[rule.field]);
      if (!text) return null;
      var found = { label: label(rule.field), text: text };
      if (!new RegExp(data.format.date_pattern).test(text)) return finding(rule, "", found);
      return dayOf(text) ? null : finding(rule, "unreal", found);
    },
    not_before_order: function (rule, values, context) {
      var day = dayOf(values[rule.field]);
      if (!day || !context.ordered || day >= context.ordered) return null;
      return finding(rule, "", { label: label(rule.field), date: day, ordered: context.ordered });
    },
    after: function (rule, values) {
      var end = dayOf(values[rule.field]), start = dayOf(values[rule.other]);
      if (!end || !start || end >= start) return null;
      return finding(rule, "", { end: end, start: start });
    },
    whole: function (rule, values) {
      var text = norm(values[rule.field]);
      if (!text) return null;
      var number = whole(rule, text);
      if (number === null) return finding(rule, "", { text: text });
      return number < rule.min ? finding(rule, "positive", { text: text }) : null;
    },
    capacity: function (rule, values, context) {
      var rules = data.format.rules.filter(function (r) { return r.check === "whole" && r.field === rule.field; });
      var number = whole(rules[0], values[rule.field]);
      if (number === null || context.capacity === null || context.capacity === undefined || number <= context.capacity) return null;
      return finding(rule, "", { count: number, capacity: context.capacity });
    },
    orderable: function (rule, values, context) {
      var status = own(own(data.format.statuses, context.kind), context.status);
      if (!status || status.orderable) return null;
      return finding(rule, "", { what: own(data.format.kinds, context.kind), label: context.label,
        id: norm(values[rule.field]), status: status.label, reason: context.reason ? "：" + context.reason : "" });
    },
    held_up: function (rule, values, context) {
      var statuses = own(data.format.statuses, context.kind);
      if (!context.held || !context.held.length || !statuses) return null;
      var parts = context.held.map(function (part) {
        var status = own(own(data.format.statuses, part[0]), part[2]);
        return own(data.format.kinds, part[0]) + "“" + part[1] + "”（" + (status ? status.label : part[2]) + "）";
      });
      return finding(rule, "", { what: own(data.format.kinds, context.kind), label: context.label, held: parts.join("、") });
    }
  };

  /* Every field's first failed rule: {field, code, variant, values, message, hint}. */
  function checkItem(values, context) {
    var found = [];
    var seen = Object.create(null);
    data.format.rules.forEach(function (rule) {
      if (seen[rule.field]) return;
      var check = own(CHECKS, rule.check);
      var result = check ? check(rule, values, context || {}) : null;
      if (result) {
        seen[rule.field] = true;
        found.push(result);
      }
    });
    return found;
  }

  /* --- the order number (catalog/orders/number.py) ------------------------------------ */

  function letters(bits) {
    var alphabet = data.format.number.alphabet;
    return [15, 10, 5, 0].map(function (shift) { return alphabet.charAt((bits >>> shift) & 31); }).join("");
  }

  function unitMark(unit) {
    var spec = data.format.number;
    var key = String(unit).normalize("NFKC").replace(new RegExp(spec.removed, "g"), "");
    var bytes = new TextEncoder().encode(key);
    var hash = spec.fnv_offset >>> 0;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul((hash ^ bytes[i]) >>> 0, spec.fnv_prime) >>> 0;
    return letters(hash >>> spec.mark_shift);
  }

  /* The order keeps its number once issued (at the first export or print); a new unit
   * name means a new order, and clearing the order forgets it. */
  function issueNumber(order) {
    var mark = unitMark(order.unit.unit);
    if (order.number && order.number.split("-")[1] === mark) return order.number;
    var random = new Uint32Array(1);
    window.crypto.getRandomValues(random);
    order.number = today().replace(/-/g, "") + "-" + mark + "-" + letters(random[0] >>> data.format.number.mark_shift);
    return order.number;
  }


  window.MENU_ORDER_RULES = { check: checkItem, unitMark: unitMark, issueNumber: issueNumber, today: today };
})();
