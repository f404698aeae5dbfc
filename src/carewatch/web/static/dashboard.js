// The dashboard's map and timeline, drawn from /api/dashboard with the page's filters.
// Offline first: country outlines come from the vendored world atlas; map tiles only
// when the server is configured with a tile server.
(function () {
  "use strict";
  var mapEl = document.getElementById("map");
  if (!mapEl) { return; }

  var map = L.map(mapEl, { worldCopyJump: true, preferCanvas: true }).setView([25, 30], 2);
  // The outlines go on the canvas (preferCanvas); the few incident markers are SVG
  // elements, so that their className applies and each is an element of the page.
  var markerRenderer = L.svg();
  var tiles = mapEl.dataset.tiles;
  if (tiles) {
    L.tileLayer(tiles, { maxZoom: 18, attribution: "map tiles: local server" }).addTo(map);
  }

  function label(point) {
    // Built as text nodes: a place name from a report is never read as HTML.
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.label || "unknown area";
    box.appendChild(title);
    box.appendChild(document.createElement("br"));
    box.appendChild(document.createTextNode(point.incidents + " attack(s), " + point.killed + " killed"));
    return box;
  }

  function drawPoints(points) {
    var layer = L.featureGroup();
    points.forEach(function (p) {
      var radius = 4 + Math.min(20, Math.sqrt(p.incidents) * 2);
      L.circleMarker([p.latitude, p.longitude], {
        radius: radius, color: "#8b0000", weight: 1, fillColor: "#d7301f", fillOpacity: 0.6,
        className: "incident-marker", renderer: markerRenderer
      }).bindPopup(label(p)).addTo(layer);
    });
    layer.addTo(map);
    // No closer than a country's scale: one city's attacks still show where they are.
    // Without animation, so that when the page says it is ready the markers are where
    // they stay (a click during the zoom would land on the map, not the marker).
    if (points.length) {
      map.fitBounds(layer.getBounds().pad(0.5), { maxZoom: 6, animate: false });
    }
    mapEl.dataset.points = String(points.length);
  }

  function drawTimeline(rows) {
    var canvas = document.getElementById("timeline");
    if (!canvas || typeof Chart === "undefined") { return; }
    new Chart(canvas, {
      data: {
        labels: rows.map(function (r) { return r.month; }),
        datasets: [
          { type: "bar", label: "attacks", data: rows.map(function (r) { return r.incidents; }),
            backgroundColor: "#d7301f", yAxisID: "y" },
          { type: "line", label: "killed", data: rows.map(function (r) { return r.killed; }),
            borderColor: "#333", backgroundColor: "#333", pointRadius: 4, yAxisID: "y1" }
        ]
      },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false,
        scales: { y: { beginAtZero: true, position: "left" },
                  y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } } }
      }
    });
  }

  fetch(mapEl.dataset.world).then(function (r) { return r.json(); }).then(function (world) {
    var land = topojson.feature(world, world.objects.countries);
    L.geoJSON(land, { style: { color: "#999", weight: 0.6, fillColor: "#eee", fillOpacity: 1 },
                      interactive: false }).addTo(map).bringToBack();
  }).catch(function () { /* the points still show without outlines */ });

  fetch(mapEl.dataset.api, { credentials: "same-origin" })
    .then(function (r) { return r.json(); })
    .then(function (data) {
      drawPoints(data.points);
      drawTimeline(data.timeline);
      document.body.dataset.dashboard = "ready";
    });
})();
