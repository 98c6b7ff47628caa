/* global document, location, setTimeout, Chart */
// The staff console's only script: draws the charts of a page (the weeks ahead and the reachability figure, or two rehearsals' staff work side by side) (Chart.js, loaded on the pages
// that have one; the same figures are in a table beside it) and refreshes a page that asks to.
(function () {
  var canvases = document.querySelectorAll('canvas[data-chart]');
  if (canvases.length) {
    var colours = ['#0b5cad', '#a40000', '#8a6d00', '#1d6b2f', '#6b6b6b'];
    var script = document.createElement('script');
    script.src = '/static/chart.umd.min.js';
    script.onload = function () {
      Array.prototype.forEach.call(canvases, function (canvas) {
        var data = JSON.parse(document.getElementById(canvas.getAttribute('data-chart')).textContent);
        // data-chart-kind="compare": two series side by side (two rehearsals), not stacked.
        var stacked = canvas.getAttribute('data-chart-kind') !== 'compare';
        new Chart(canvas, {
          type: 'bar',
          data: { labels: data.labels, datasets: data.series.map(function (s, i) { return { label: s.label, data: s.data, backgroundColor: colours[i % colours.length] }; }) },
          options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: stacked }, y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } } } },
        });
      });
    };
    document.head.appendChild(script);
  }
  var refresh = document.querySelector('[data-refresh]');
  if (refresh) setTimeout(function () { location.reload(); }, Number(refresh.getAttribute('data-refresh')));
})();
