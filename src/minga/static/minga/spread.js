/* Minga spread map: the countries a replicated practice reached, shaded by how many of its initiatives each holds,
   the country where it started outlined. The page's table "Countries reached" carries the same figures for those who
   do not use the map. Writes data-drawn="<countries shaded>" when drawn. */
(function () {
  "use strict";
  var el = document.getElementById("spread-map");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(el.dataset.counts).textContent);
  var counts = {}, names = {};
  data.members.forEach(function (m) { counts[m.code] = m.initiatives; names[m.code] = m.name; });
  var classes = [{ min: 1, colour: "#9ecae1" }, { min: 2, colour: "#4292c6" }, { min: 5, colour: "#08519c" }];
  var map = MingaBasemap.countryMap(el);
  MingaBasemap.draw(map, el.dataset.shapes, function (feature) {
    return MingaBasemap.classColour(classes, counts[feature.properties.code] || 0) || "#e4e4e4";
  }).then(function (layer) {
    var reached = [];
    layer.eachLayer(function (country) {
      var code = country.feature.properties.code;
      if (!counts[code]) { return; }
      var label = names[code] + ": " + counts[code] + " " + el.dataset.legend.toLowerCase();
      if (code === data.origin) {
        country.setStyle({ stroke: true, color: "#000000", weight: 2 });
        label += " (" + el.dataset.originLabel + ")";
      }
      country.bindTooltip(label, { sticky: true });
      reached.push(country);
    });
    MingaBasemap.fitCountries(map, reached, { padding: [20, 20], maxZoom: 5 });
    el.dataset.drawn = String(reached.length);
  });
  MingaBasemap.legend(map, el.dataset.legend, classes);
})();
