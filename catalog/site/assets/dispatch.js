/* 派单 published back: filter the 培训日程 by unit, kind, teacher and site (kept in the
 * URL, like the index pages), find a 回单 by its number, print a 回单.
 *
 * Loaded by the schedule, reply and reply-list pages only (catalog/site/templates). Every
 * value it shows comes from the page itself and is handled as text (textContent,
 * dataset); numbers are read exactly as catalog/orders/number.py reads them.
 */
(function () {
  "use strict";

  /* --- 培训日程 ------------------------------------------------------------------------- */
  var schedule = document.querySelector(".menu-schedule-page");
  var filters = schedule && schedule.querySelector(".menu-schedule-filters");
  var KEYS = ["unit", "kind", "teacher", "site"];

  function matches(entry, chosen) {
    return KEYS.every(function (key) {
      var wanted = chosen[key];
      if (!wanted) return true;
      var value = entry.getAttribute("data-" + key) || "";
      return key === "teacher" || key === "site" ? value.split(" ").indexOf(wanted) >= 0 : value === wanted;
    });
  }

  function applyFilters(writeUrl) {
    var chosen = {};
    KEYS.forEach(function (key) { chosen[key] = filters.querySelector('select[name="' + key + '"]').value; });
    var shown = 0;
    var months = schedule.querySelectorAll(".menu-schedule-month");
    for (var m = 0; m < months.length; m++) {
      var entries = months[m].querySelectorAll(".menu-schedule-entry");
      var inMonth = 0;
      for (var i = 0; i < entries.length; i++) {
        var keep = matches(entries[i], chosen);
        entries[i].hidden = !keep;
        if (keep) inMonth++;
      }
      months[m].hidden = inMonth === 0;
      shown += inMonth;
    }
    schedule.querySelector(".menu-schedule-shown").textContent = String(shown);
    schedule.querySelector(".menu-empty").hidden = shown > 0;
    if (writeUrl) {
      var params = new URLSearchParams();
      KEYS.forEach(function (key) { if (chosen[key]) params.set(key, chosen[key]); });
      var query = params.toString();
      history.replaceState(history.state, "", query ? "?" + query : location.pathname);
    }
  }

  if (filters) {
    var params = new URLSearchParams(location.search);
    KEYS.forEach(function (key) {
      var select = filters.querySelector('select[name="' + key + '"]');
      var wanted = params.get(key);
      if (wanted && Array.prototype.some.call(select.options, function (o) { return o.value === wanted; })) {
        select.value = wanted;
      }
    });
    filters.hidden = false;
    filters.addEventListener("change", function () { applyFilters(true); });
    filters.querySelector('[data-action="clear"]').addEventListener("click", function () {
      KEYS.forEach(function (key) { filters.querySelector('select[name="' + key + '"]').value = ""; });
      applyFilters(true);
    });
    applyFilters(false);
  }

  /* --- 回单: print ------------------------------------------------------------------------ */
  var tools = document.querySelector(".menu-reply-tools");
  if (tools) {
    tools.hidden = false;
    tools.querySelector('[data-action="print-reply"]').addEventListener("click", function () { window.print(); });
  }

  /* --- 回单查询: find a reply by its number ---------------------------------------------- */
  var finder = document.querySelector(".menu-reply-find");

  function readNumber(text) {  // as catalog/orders/number.py parse_number: NFKC, case, i/l/o, dashes
    return String(text || "").normalize("NFKC").trim().toLowerCase()
      .replace(/[il]/g, "1").replace(/o/g, "0").replace(/[－—–]/g, "-");
  }

  function find(text) {
    var wanted = readNumber(text);
    var message = finder.querySelector(".menu-reply-find-message");
    if (!wanted) {
      message.textContent = "请输入单号。";
      return;
    }
    var rows = document.querySelectorAll(".menu-replies tr[data-number]");
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].getAttribute("data-number") === wanted) {
        window.location.href = wanted + ".html";
        return;
      }
    }
    message.textContent = "没有找到单号 " + wanted + " 的回单：组织部门可能还没有答复，或单号有误。";
  }

  if (finder) {
    finder.addEventListener("submit", function (event) {
      event.preventDefault();
      find(finder.querySelector('input[name="number"]').value);
    });
    var asked = new URLSearchParams(location.search).get("number");
    if (asked) {
      finder.querySelector('input[name="number"]').value = asked;
      find(asked);
    }
  }
})();
