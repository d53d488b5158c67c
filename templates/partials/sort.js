// Sorting and filtering of the overview's tables: an enhancement only.
// Without it the page is complete, the scores in rank order and the matrix
// in the report's order.
(function () {
  function value(row, col) {
    var cell = row.children[col];
    if (!cell) { return ""; }
    var v = cell.getAttribute("data-v");
    return v !== null ? v : cell.textContent.trim().toLowerCase();
  }
  function compare(x, y) {
    var nx = Number(x), ny = Number(y);
    if (x !== "" && y !== "" && !isNaN(nx) && !isNaN(ny)) { return nx - ny; }
    return x < y ? -1 : x > y ? 1 : 0;
  }
  Array.prototype.forEach.call(document.querySelectorAll("table[data-sortable]"), function (table) {
    var heads = table.querySelectorAll("th[data-col]");
    Array.prototype.forEach.call(heads, function (th) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = "⇅";
      button.setAttribute("aria-label", "Sort by " + th.textContent.trim());
      th.appendChild(button);
      button.addEventListener("click", function () {
        var col = Number(th.getAttribute("data-col"));
        var now = th.getAttribute("aria-sort");
        var dir = now === "ascending" ? "descending" : now === "descending" ? "ascending" : (col === 0 || col === 1 && table.classList.contains("scores") ? "ascending" : "descending");
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        var sign = dir === "ascending" ? 1 : -1;
        rows.sort(function (a, b) { return sign * compare(value(a, col), value(b, col)); });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
  // Filters: words of the name, code or region, and the status of an
  // item (the row's data-st holds one digit per item: 3 met, 2 partial,
  // 1 not met, 0 not assessed).
  var box = document.getElementById("filter");
  var item = document.getElementById("sf-item");
  var status = document.getElementById("sf-status");
  var shown = document.getElementById("shown");
  var rows = document.querySelectorAll("tr[data-filter]");
  function apply() {
    var words = box ? box.value.trim().toLowerCase() : "";
    var k = item && item.value !== "" ? Number(item.value) : -1;
    var want = status ? status.value : "";
    var n = 0, total = 0;
    Array.prototype.forEach.call(rows, function (row) {
      var ok = words === "" || row.getAttribute("data-filter").indexOf(words) >= 0;
      if (ok && k >= 0) {
        var s = (row.getAttribute("data-st") || "").charAt(k);
        ok = s !== "" && want.indexOf(s) >= 0;
      }
      row.hidden = !ok;
      if (row.parentNode.parentNode.classList.contains("scores")) {
        total += 1;
        if (ok) { n += 1; }
      }
    });
    if (shown) {
      shown.textContent = words === "" && k < 0 ? "" : n + " of " + total + " jurisdictions shown";
    }
  }
  if (box) {
    box.parentNode.hidden = false;
    box.addEventListener("input", apply);
  }
  if (item && status) {
    item.parentNode.hidden = false;
    item.addEventListener("change", apply);
    status.addEventListener("change", apply);
  }
})();
