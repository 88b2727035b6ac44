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
  var map = MingaBasemap.countryMap(el);
  MingaBasemap.draw(map, el.dataset.shapes, function (feature) {
    var code = feature.properties.code;
    if (!members[code]) { return "#e4e4e4"; }
    return MingaBasemap.classColour(classes, counts[code]) || "#ffffff";
  }).then(function (layer) {
    var shaded = 0, inside = [];
    layer.eachLayer(function (country) {
      var code = country.feature.properties.code;
      if (!members[code]) { return; }
      if (counts[code]) { shaded += 1; }
      var n = counts[code] || 0;
      country.bindTooltip(names[code] + ": " + (n ? n.toLocaleString() + " " + el.dataset.legend.toLowerCase() : el.dataset.none), { sticky: true });
      country.on("click", function () { location.href = el.dataset.territory.replace("/001/", "/" + code + "/"); });
      inside.push(country);
    });
    MingaBasemap.fitCountries(map, inside, { padding: [10, 10] });
    el.dataset.drawn = String(shaded);
  });
  MingaBasemap.legend(map, el.dataset.legend, classes, '<li><span class="swatch" style="background:#ffffff"></span>0</li>');
})();
