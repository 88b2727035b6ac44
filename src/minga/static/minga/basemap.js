/* Minga base map: Natural Earth countries drawn from /maps/countries.geojson (no tile server exists offline).
   Polygons are filled without a stroke; borders come from the one "outline" feature, which leaves out the lines
   that only close polygons cut at the antimeridian or the pole. MingaBasemap.draw(map, url, fillFor) returns a
   promise of the polygons' layer; fillFor(feature) may give each country its own fill colour. The shaded maps
   (choropleth.js, spread.js) share the rest: countryMap(el) makes the map with el's attribution; classColour(classes,
   n) picks the colour of the last class whose min ≤ n (or null); fitCountries(map, layers, options) zooms to the
   countries given; legend(map, title, classes, extraRows) adds the legend (classes "1–9", "10–99", "5+"). */
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
  function countryMap(el) {
    var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 8 }).setView([30, 10], 1);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution(el.dataset.attribution);
    return map;
  }
  function classColour(classes, n) {
    var found = null;
    classes.forEach(function (c) { if (n >= c.min) { found = c.colour; } });
    return found;
  }
  function fitCountries(map, countries, options) {
    var bounds = null;
    countries.forEach(function (country) {
      var box = country.getBounds();
      if (box.getEast() - box.getWest() < 180) {  // Russia, Fiji, Antarctica would stretch any box to the world
        bounds = bounds ? bounds.extend(box) : L.latLngBounds(box.getSouthWest(), box.getNorthEast());
      }
    });
    if (bounds && bounds.getEast() - bounds.getWest() < 300) { map.fitBounds(bounds, options); }
  }
  function legend(map, title, classes, extraRows) {
    var control = L.control({ position: "bottomleft" });
    control.onAdd = function () {
      var box = L.DomUtil.create("div", "legend");
      var rows = classes.map(function (c, i) {
        var next = classes[i + 1];
        var upper = next ? (next.min - 1 === c.min ? "" : "–" + (next.min - 1).toLocaleString()) : "+";
        return '<li><span class="swatch" style="background:' + c.colour + '"></span>' + c.min.toLocaleString() + upper + "</li>";
      });
      box.innerHTML = "<strong>" + title + "</strong><ul>" + rows.join("") + (extraRows || "") + "</ul>";
      return box;
    };
    control.addTo(map);
  }
  return { draw: draw, countryMap: countryMap, classColour: classColour, fitCountries: fitCountries, legend: legend };
})();
