// Draws the impact charts from the data-chart attributes rendered by the server (the same figures
// are in the tables below each chart, for readers without JavaScript or with a screen reader).
(function () {
  'use strict';
  function draw(canvas) {
    if (typeof window.Chart === 'undefined') return;
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var type = canvas.getAttribute('data-chart-type');
    var config;
    if (type === 'bar') {
      config = {
        type: 'bar',
        data: { labels: data.labels, datasets: [
          { label: data.projects_label, data: data.projects, backgroundColor: '#0b5d7a' },
          { label: data.students_label, data: data.students, backgroundColor: '#3fa98c' }
        ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false }
      };
    } else if (type === 'sdg') {
      config = {
        type: 'bar',
        data: { labels: data.labels, datasets: [ { label: data.label, data: data.values, backgroundColor: data.colors } ] },
        options: { indexAxis: 'y', responsive: true, maintainAspectRatio: false, animation: false,
                   plugins: { legend: { display: false } } }
      };
    } else {
      config = {
        type: 'bar',
        data: { labels: data.labels, datasets: [ { label: data.label, data: data.values, backgroundColor: '#6a3d9a' } ] },
        options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } } }
      };
    }
    canvas.chart = new window.Chart(canvas, config);
    canvas.setAttribute('data-rendered', 'true');
  }
  function init() {
    var canvases = document.querySelectorAll('canvas.impact-chart');
    for (var i = 0; i < canvases.length; i++) draw(canvases[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
