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
  function colour(n) {
    var found = "#e4e4e4";
    classes.forEach(function (c) { if (n >= c.min) { found = c.colour; } });
    return found;
  }
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 8 }).setView([30, 10], 1);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el.dataset.attribution);
  MingaBasemap.draw(map, el.dataset.shapes, function (feature) {
    return colour(counts[feature.properties.code] || 0);
  }).then(function (layer) {
    var bounds = null, shaded = 0;
    layer.eachLayer(function (country) {
      var code = country.feature.properties.code;
      if (!counts[code]) { return; }
      shaded += 1;
      var label = names[code] + ": " + counts[code] + " " + el.dataset.legend.toLowerCase();
      if (code === data.origin) {
        country.setStyle({ stroke: true, color: "#000000", weight: 2 });
        label += " (" + el.dataset.originLabel + ")";
      }
      country.bindTooltip(label, { sticky: true });
      var box = country.getBounds();
      if (box.getEast() - box.getWest() < 180) {
        bounds = bounds ? bounds.extend(box) : L.latLngBounds(box.getSouthWest(), box.getNorthEast());
      }
    });
    if (bounds && bounds.getEast() - bounds.getWest() < 300) { map.fitBounds(bounds, { padding: [20, 20], maxZoom: 5 }); }
    el.dataset.drawn = String(shaded);
  });
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "legend");
    var rows = classes.map(function (c, i) {
      var upper = classes[i + 1] ? (classes[i + 1].min - 1 === c.min ? "" : "–" + (classes[i + 1].min - 1)) : "+";
      return '<li><span class="swatch" style="background:' + c.colour + '"></span>' + c.min + upper + "</li>";
    });
    box.innerHTML = "<strong>" + el.dataset.legend + "</strong><ul>" + rows.join("") + "</ul>";
    return box;
  };
  legend.addTo(map);
})();
