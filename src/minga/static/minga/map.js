/* Minga map: the offline base map, and every matching actor as a clustered marker.
   Reads its sources from the container's data attributes; writes data-loaded="<count>" when drawn.
   A filter form (data-map-filters on a <form>) reloads the markers with its fields as query parameters. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  L.Icon.Default.imagePath = el.dataset.images;
  var map = L.map(el, { worldCopyJump: true, minZoom: 1, maxZoom: 18 }).setView([35, 5], 2);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution(el.dataset.attribution);
  MingaBasemap.draw(map, el.dataset.shapes).then(function (layer) { layer.bringToBack(); });
  var clusters = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
  map.addLayer(clusters);
  var status = document.getElementById("map-status");
  var request = 0;

  // The box holding the middle 98% of points in each direction: a stray coordinate does not zoom the map out.
  function coreBounds(points) {
    function range(index) {
      var values = points.map(function (p) { return p[index]; }).sort(function (a, b) { return a - b; });
      var cut = Math.floor(values.length * 0.01);
      return [values[cut], values[values.length - 1 - cut]];
    }
    var lat = range(1), lon = range(2);
    return L.latLngBounds([lat[0], lon[0]], [lat[1], lon[1]]);
  }

  function load(url) {
    var mine = ++request;
    el.setAttribute("aria-busy", "true");
    return fetch(url)
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (data) {
        if (mine !== request) { return; }  // a later filter won the race
        var markers = data.points.map(function (p) {
          var marker = L.marker([p[1], p[2]], { title: data.kinds[p[3]] || "", keyboard: false });
          marker.bindPopup('<a href="' + el.dataset.record.replace("/0/", "/" + p[0] + "/") + '">' + el.dataset.open + "</a>");
          return marker;
        });
        clusters.clearLayers();
        clusters.addLayers(markers);
        if (el.dataset.fit && markers.length) { map.fitBounds(coreBounds(data.points), { maxZoom: 12, padding: [20, 20] }); }
        el.dataset.loaded = String(data.count);
        if (status) { status.textContent = status.dataset.template.replace("{count}", data.count.toLocaleString()); }
      })
      .catch(function () {
        if (status && mine === request) { status.textContent = status.dataset.failed; }
      })
      .finally(function () { if (mine === request) { el.removeAttribute("aria-busy"); } });
  }

  var form = document.querySelector("form[data-map-filters]");
  var list = form ? form.querySelector("a") : null;
  function query() {
    var params = new URLSearchParams();
    if (form) { new FormData(form).forEach(function (value, name) { if (value) { params.append(name, value); } }); }
    return params.toString();
  }
  function withQuery(url, extra) {
    return extra ? url + (url.indexOf("?") < 0 ? "?" : "&") + extra : url;
  }
  load(withQuery(el.dataset.markers, query()));
  if (form) {
    var listBase = list ? list.getAttribute("href").split("?")[0] : "";
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var current = query();
      load(withQuery(el.dataset.markers, current));
      if (list) { list.setAttribute("href", withQuery(listBase, current)); }
      history.replaceState(null, "", (current ? "?" + current : location.pathname) + "#map-title");
    });
  }
})();
