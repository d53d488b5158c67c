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
  var box = document.getElementById("filter");
  if (box) {
    box.parentNode.hidden = false;
    box.addEventListener("input", function () {
      var words = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(document.querySelectorAll("tr[data-filter]"), function (row) {
        row.hidden = words !== "" && row.getAttribute("data-filter").indexOf(words) < 0;
      });
    });
  }
})();
