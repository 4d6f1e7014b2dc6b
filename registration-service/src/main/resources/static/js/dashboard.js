// Draws the registrations-per-minute chart from the data the page carries (#rate-summary's data-chart), and again
// each time the SSE stream swaps in a newer one. No inline script: the CSP allows scripts from this site only.
(function () {
  'use strict';

  var chart = null;

  function data() {
    var summary = document.getElementById('rate-summary');
    if (!summary || !summary.dataset.chart) {
      return null;
    }
    try {
      return JSON.parse(summary.dataset.chart);
    } catch (e) {
      return null;
    }
  }

  function draw() {
    var container = document.getElementById('rate-chart');
    var points = data();
    if (!container || !points || typeof echarts === 'undefined') {
      return;
    }
    if (!chart) {
      chart = echarts.init(container, null, { renderer: 'canvas' });
      window.addEventListener('resize', function () { chart.resize(); });
    }
    chart.setOption({
      animation: false,
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      // Rich text: an HTML tooltip would carry style attributes, which the CSP refuses.
      tooltip: { trigger: 'axis', renderMode: 'richText' },
      xAxis: { type: 'category', data: points.labels, axisLabel: { color: '#1b1b1b' } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#1b1b1b' } },
      series: [{ type: 'bar', name: document.getElementById('rate-heading').textContent, data: points.counts,
                 itemStyle: { color: '#0b4f8a' } }]
    });
    container.dataset.drawn = String(points.counts.reduce(function (a, b) { return a + b; }, 0));
  }

  document.addEventListener('DOMContentLoaded', function () {
    draw();
    var rate = document.getElementById('rate');
    if (rate) {
      new MutationObserver(draw).observe(rate, { childList: true, subtree: true });
    }
  });
}());
