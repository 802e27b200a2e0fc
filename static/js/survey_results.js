// Draws the survey's headline per group (templates/admin_survey_results.mustache): the share at
// the top of the first scale question at the start and at the end of the semester, as two bars
// per group. Groups of fewer than 5 answers have no value (null) and no bar; the tables below
// say the same for readers without JavaScript or with a screen reader.
(function () {
  'use strict';
  function cssColour(name, fallback) {
    var value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return value || fallback;
  }
  var canvas = document.getElementById('survey-chart');
  if (!canvas || typeof Chart === 'undefined') return;
  var data;
  try { data = JSON.parse(canvas.getAttribute('data-chart')); } catch (e) { return; }
  if (!data.labels || !data.labels.length) { canvas.parentNode.hidden = true; return; }
  canvas.parentNode.style.height = Math.max(288, data.labels.length * 48 + 80) + 'px';
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: data.labels,
      datasets: [
        { label: data.start_label, data: data.start, backgroundColor: cssColour('--lat-chart-3', '#6a3d9a') },
        { label: data.end_label, data: data.end, backgroundColor: cssColour('--lat-chart-2', '#2e8b70') }
      ]
    },
    options: {
      indexAxis: 'y',
      maintainAspectRatio: false,
      scales: { x: { min: 0, max: 100, title: { display: true, text: data.axis } } },
      plugins: { legend: { position: 'bottom' } }
    }
  });
})();
