/* Sortable tables: every <table class="sortable"> gets a button in each column header; pressing it sorts the
   rows by that column (numbers by their data-value), again to reverse. aria-sort tells screen readers. */
(function () {
  "use strict";
  function key(cell) {
    if (!cell) { return ""; }
    return cell.dataset.value !== undefined ? Number(cell.dataset.value) : cell.textContent.trim().toLocaleLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var headers = table.querySelectorAll("thead th");
    var body = table.tBodies[0];
    if (!body || body.rows.length < 2) { return; }
    headers.forEach(function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var numeric = th.classList.contains("number");
        var ascending = th.getAttribute("aria-sort") === "none" || !th.hasAttribute("aria-sort") ? !numeric : th.getAttribute("aria-sort") !== "ascending";
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[column]), y = key(b.cells[column]);
          var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        headers.forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      });
    });
  });
})();
