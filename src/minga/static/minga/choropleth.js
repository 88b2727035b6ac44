/* Minga choropleth: the countries of a territory shaded by their number of actors (classes 1–9, 10–99, …),
   with a legend; the countries outside the territory stay grey. The page's table "Actors by country" carries the
   same figures for those who do not use the map. Writes data-drawn="<countries shaded>" when drawn. */
(function () {
  "use strict";
  var el = document.getElementById("choropleth");
  if (!el || typeof L === "undefined") { return; }
  var data = JSON.parse(document.getElementById(el.dataset.counts).textContent);
  var counts = {}, names = {}, members = {};
  data.members.forEach(function (m) { members[m.code] = true; names[m.code] = m.name; counts[m.code] = m.actors; });
  var classes = [
    { min: 1, colour: "#c7e9c0" }, { min: 10, colour: "#74c476" }, { min: 100, colour: "#31a354" },
    { min: 1000, colour: "#006d2c" }, { min: 10000, colour: "#00441b" }
  ];
  function colour(n) {
    var found = null;
    classes.forEach(function (c) { if (n >= c.min) { found = c.colour; } });
    return found;
  }
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 8 }).setView([30, 10], 1);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el.dataset.attribution);
  MingaBasemap.draw(map, el.dataset.shapes, function (feature) {
    var code = feature.properties.code;
    if (!members[code]) { return "#e4e4e4"; }
    return colour(counts[code]) || "#ffffff";
  }).then(function (layer) {
    var bounds = null, shaded = 0;
    layer.eachLayer(function (country) {
      var code = country.feature.properties.code;
      if (!members[code]) { return; }
      if (counts[code]) { shaded += 1; }
      var n = counts[code] || 0;
      country.bindTooltip(names[code] + ": " + (n ? n.toLocaleString() + " " + el.dataset.legend.toLowerCase() : el.dataset.none), { sticky: true });
      country.on("click", function () { location.href = el.dataset.territory.replace("/001/", "/" + code + "/"); });
      var box = country.getBounds();
      if (box.getEast() - box.getWest() < 180) {  // Russia, Fiji, Antarctica would stretch any box to the world
        bounds = bounds ? bounds.extend(box) : L.latLngBounds(box.getSouthWest(), box.getNorthEast());
      }
    });
    if (bounds && bounds.getEast() - bounds.getWest() < 300) { map.fitBounds(bounds, { padding: [10, 10] }); }
    el.dataset.drawn = String(shaded);
  });
  var legend = L.control({ position: "bottomleft" });
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "legend");
    var rows = classes.map(function (c, i) {
      var upper = classes[i + 1] ? "–" + (classes[i + 1].min - 1).toLocaleString() : "+";
      return '<li><span class="swatch" style="background:' + c.colour + '"></span>' + c.min.toLocaleString() + upper + "</li>";
    });
    box.innerHTML = "<strong>" + el.dataset.legend + "</strong><ul>" + rows.join("") + '<li><span class="swatch" style="background:#ffffff"></span>0</li></ul>';
    return box;
  };
  legend.addTo(map);
})();
