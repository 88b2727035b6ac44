/* Minga charts: draws each Vega-Lite spec of the #dashboard-charts JSON into the element with the same id.
   Charts are a visual summary only (aria-hidden): the table beside each one carries the same figures. */
(function () {
  "use strict";
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof vegaEmbed === "undefined") { return; }
  var specs = JSON.parse(source.textContent);
  Object.keys(specs).forEach(function (id) {
    var target = document.getElementById(id);
    var values = specs[id].data.values;
    if (!target || !values.some(function (v) { return v.value > 0; })) { return; }  // nothing to draw: the table says so
    vegaEmbed(target, specs[id], { actions: false, renderer: "svg" }).then(function () {
      target.dataset.drawn = "1";
    });
  });
})();
