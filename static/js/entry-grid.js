// The indicator entry grid: YoY and completion shown as the user types. No library needed.
(function () {
  "use strict";
  function number(text) {
    if (text === undefined || text === null || String(text).trim() === "") return null;
    var value = Number(String(text).trim());
    return Number.isFinite(value) ? value : null;
  }
  function show(cell, value) {
    cell.textContent = value === null ? "—" : value.toFixed(1);
  }
  function update(row) {
    var value = number(row.querySelector("input.value").value);
    var lastInput = row.querySelector("input.last");
    var base = number(row.dataset.lastYear) ?? (lastInput ? number(lastInput.value) : null);
    var target = number(row.dataset.target);
    var ratio = row.dataset.kind === "ratio";
    show(row.querySelector(".yoy"), !ratio && value !== null && base !== null && base > 0 ? (value - base) * 100 / base : null);
    show(row.querySelector(".completion"), !ratio && value !== null && target !== null && target > 0 ? value * 100 / target : null);
  }
  document.querySelectorAll("table.entry-grid tbody tr").forEach(function (row) {
    row.querySelectorAll("input").forEach(function (input) {
      input.addEventListener("input", function () { update(row); });
    });
    update(row);
  });
})();
