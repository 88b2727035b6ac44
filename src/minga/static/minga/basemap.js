/* Minga base map: Natural Earth countries drawn from /maps/countries.geojson (no tile server exists offline).
   Polygons are filled without a stroke; borders come from the one "outline" feature, which leaves out the lines
   that only close polygons cut at the antimeridian or the pole. MingaBasemap.draw(map, url, fillFor) returns a
   promise of the polygons' layer; fillFor(feature) may give each country its own fill colour. */
window.MingaBasemap = (function () {
  "use strict";
  function draw(map, url, fillFor) {
    return fetch(url)
      .then(function (response) { return response.json(); })
      .then(function (shapes) {
        var countries = shapes.features.filter(function (f) { return !f.properties.outline; });
        var borders = shapes.features.filter(function (f) { return f.properties.outline; });
        var fill = L.geoJSON(countries, {
          interactive: Boolean(fillFor),
          style: function (feature) {
            return { stroke: false, fillColor: fillFor ? fillFor(feature) : "#eef2ee", fillOpacity: 1 };
          }
        }).addTo(map);
        L.geoJSON(borders, { interactive: false, style: { color: "#6b6b6b", weight: 0.6 } }).addTo(map);
        return fill;
      });
  }
  return { draw: draw };
})();
