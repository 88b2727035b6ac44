/* Minga map: Natural Earth countries as the base layer, every matching actor as a clustered marker.
   Reads its sources from the container's data attributes; writes data-loaded="<count>" when drawn. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  L.Icon.Default.imagePath = el.dataset.images;
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([35, 5], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el.dataset.attribution);
  fetch(el.dataset.shapes)
    .then(function (response) { return response.json(); })
    .then(function (shapes) {
      L.geoJSON(shapes, {
        interactive: false,
        style: { color: "#6b6b6b", weight: 0.6, fillColor: "#eef2ee", fillOpacity: 1 }
      }).addTo(map).bringToBack();
    });
  fetch(el.dataset.markers)
    .then(function (response) { return response.json(); })
    .then(function (data) {
      var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
      var markers = data.points.map(function (p) {
        var marker = L.marker([p[1], p[2]], { title: data.kinds[p[3]] || "", keyboard: false });
        marker.bindPopup('<a href="' + el.dataset.record.replace("0", p[0]) + '">' + el.dataset.open + "</a>");
        return marker;
      });
      clusters.addLayers(markers);
      map.addLayer(clusters);
      el.dataset.loaded = String(data.count);
    });
})();
