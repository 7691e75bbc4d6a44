// Actor network: fetch the page's JSON twin (/api/network?...), lay it out with a
// small force simulation (repulsion, springs, gravity) and draw it as SVG.
// No library: about 100 nodes at most by default, so O(n^2) repulsion is fine.
(function () {
  "use strict";
  var svg = document.getElementById("network");
  var status = document.getElementById("network-status");
  if (!svg) { return; }
  var NS = "http://www.w3.org/2000/svg";
  var W = 960, H = 600;

  function el(name, attrs, parent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(node); }
    return node;
  }

  // Fruchterman-Reingold: repulsion k^2/d between all pairs, attraction d^2/k
  // along edges, a little gravity so separate components stay on screen; then
  // the result is scaled to fit the drawing.
  function layout(nodes, edges) {
    var byId = {};
    nodes.forEach(function (n, i) {
      var a = 2.39996 * i, r = 10 * Math.sqrt(i + 1);  // sunflower start: deterministic, spread
      n.x = r * Math.cos(a); n.y = r * Math.sin(a);
      byId[n.id] = n;
    });
    var links = edges.map(function (e) { return { s: byId[e.source], t: byId[e.target], w: e.count }; })
      .filter(function (l) { return l.s && l.t && l.s !== l.t; });
    var k = 40, steps = 400, temp = 60, gravity = 0.3;
    for (var step = 0; step < steps; step++) {
      nodes.forEach(function (n) { n.dx = 0; n.dy = 0; });
      for (var i = 0; i < nodes.length; i++) {
        var a = nodes[i];
        for (var j = i + 1; j < nodes.length; j++) {
          var b = nodes[j], dx = a.x - b.x, dy = a.y - b.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
          var f = k * k / d / d;
          a.dx += dx * f; a.dy += dy * f; b.dx -= dx * f; b.dy -= dy * f;
        }
      }
      links.forEach(function (l) {
        var dx = l.t.x - l.s.x, dy = l.t.y - l.s.y, d = Math.sqrt(dx * dx + dy * dy) + 0.01;
        var f = d / k * Math.min(1 + Math.log(l.w), 3);
        l.s.dx += dx * f / d * d / 2; l.s.dy += dy * f / d * d / 2;
        l.t.dx -= dx * f / d * d / 2; l.t.dy -= dy * f / d * d / 2;
      });
      var t = temp * (1 - step / steps) + 0.5;
      nodes.forEach(function (n) {
        n.dx -= n.x * gravity; n.dy -= n.y * gravity;  // pulls separate components together
        var len = Math.sqrt(n.dx * n.dx + n.dy * n.dy) + 0.01, m = Math.min(len, t);
        n.x += n.dx / len * m; n.y += n.dy / len * m;
      });
    }
    var xs = nodes.map(function (n) { return n.x; }), ys = nodes.map(function (n) { return n.y; });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
    var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
    var sx = (W - 200) / Math.max(x1 - x0, 1), sy = (H - 60) / Math.max(y1 - y0, 1);
    nodes.forEach(function (n) { n.x = 60 + (n.x - x0) * sx; n.y = 30 + (n.y - y0) * sy; });
    return links;
  }

  function tone(e) {
    if (e.cooperative > e.conflictual + e.other) { return "cooperative"; }
    if (e.conflictual > e.cooperative + e.other) { return "conflictual"; }
    return "neutral";
  }

  function draw(data) {
    var nodes = data.nodes, edges = data.edges, unit = data.count || "happenings";
    if (!nodes.length) { status.textContent = "No actor pairs match these filters."; return; }
    var links = layout(nodes, edges);
    var byKey = {};
    edges.forEach(function (e) { byKey[e.source + "\u0000" + e.target] = e; });
    var gEdges = el("g", {}, svg), gNodes = el("g", {}, svg);
    links.forEach(function (l) {
      var e = byKey[l.s.id + "\u0000" + l.t.id];
      var line = el("line", { x1: l.s.x, y1: l.s.y, x2: l.t.x, y2: l.t.y, "class": tone(e),
        "stroke-width": Math.min(1 + Math.log(e.count) * 2, 10) }, gEdges);
      el("title", {}, line).textContent = l.s.name + " → " + l.t.name + ": " + e.count + " " + unit + " (" +
        e.cooperative + " cooperative, " + e.conflictual + " conflictual, " + e.other + " other)";
    });
    nodes.forEach(function (n) {
      var deg = n.as_source + n.as_target;
      var g = el("g", { "class": "node", "data-id": n.id }, gNodes);
      var c = el("circle", { cx: n.x, cy: n.y, r: 4 + Math.sqrt(deg) * 2, "class": n.sector || "" }, g);
      el("title", {}, c).textContent = n.name + " (" + [n.country, n.sector].filter(Boolean).join(" ") +
        "): " + n.as_source + " as source, " + n.as_target + " as target";
      var t = el("text", { x: n.x + 6 + Math.sqrt(deg) * 2, y: n.y + 4 }, g);
      t.textContent = n.name;
      c.addEventListener("click", function () { window.location = "/?actor=" + encodeURIComponent(n.name); });
    });
    status.textContent = nodes.length + " actors, " + edges.length + " edges.";
    svg.setAttribute("data-ready", "1");
  }

  fetch(svg.getAttribute("data-src"), { headers: { Accept: "application/json" } })
    .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
    .then(function (res) {
      if (!res.ok) { status.textContent = "Error: " + res.body.error.message; return; }
      draw(res.body);
    })
    .catch(function (err) { status.textContent = "Error: " + err; });
})();
