// Draws every <canvas data-chart="{...}"> with the vendored Chart.js. No inline script: the CSP allows only files
// served by the application itself. The table beside each chart carries the same figures for screen readers.
(function () {
  function draw() {
    if (typeof Chart === "undefined") return;
    document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
      var config = JSON.parse(canvas.getAttribute("data-chart"));
      config.options = { responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "bottom" } }, scales: config.type === "line" || config.type === "bar" ? { y: { beginAtZero: true } } : undefined };
      new Chart(canvas, config);
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw); else draw();
})();
