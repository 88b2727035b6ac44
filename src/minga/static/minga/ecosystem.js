// The ecosystem network of a territory, drawn with cytoscape.js from /api/v1/ecosystem/graph. A picture of the
// tables on the page (aria-hidden): clicking an actor opens its record.
(function () {
  "use strict";
  function draw() {
    var box = document.getElementById("ecosystem-graph");
    if (!box || !window.cytoscape) return;
    var colours = JSON.parse(document.getElementById("quadrant-colours").textContent);
    fetch(box.dataset.url, { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (graph) {
        if (graph.aggregated) {
          var note = document.getElementById("graph-note");
          note.textContent = note.dataset.aggregated;
        }
        var elements = graph.nodes.map(function (n) {
          return { data: { id: String(n.id), name: n.name, colour: colours[n.quadrant] || "#777",
                           size: 8 + 4 * Math.sqrt(n.actors || n.degree || 1), actor: graph.aggregated ? null : n.id,
                           outside: n.inside ? 0 : 1 } };
        }).concat(graph.edges.map(function (e, i) {
          return { data: { id: "e" + i, source: String(e.source), target: String(e.target), width: 1 + Math.log(e.ties) } };
        }));
        var cy = window.cytoscape({
          container: box, elements: elements, wheelSensitivity: 0.2,
          layout: { name: "cose", animate: false, randomize: false, numIter: graph.nodes.length > 500 ? 300 : 1000 },
          style: [
            { selector: "node", style: { "background-color": "data(colour)", width: "data(size)", height: "data(size)",
                                         "border-width": "data(outside)", "border-color": "#333" } },
            { selector: "node:selected", style: { label: "data(name)", "font-size": 10 } },
            { selector: "edge", style: { width: "data(width)", "line-color": "#999", opacity: 0.6 } },
          ],
        });
        cy.on("mouseover", "node", function (e) { e.target.style("label", e.target.data("name")); });
        cy.on("mouseout", "node", function (e) { if (!e.target.selected()) e.target.style("label", ""); });
        cy.on("tap", "node", function (e) {
          var id = e.target.data("actor");
          if (id) window.location.href = box.dataset.actor.replace("/0/", "/" + id + "/");
        });
        box.dataset.nodes = String(cy.nodes().length);
        box.dataset.ready = "1";
      });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
