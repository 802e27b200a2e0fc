// Draws the impact charts from the data-chart attributes rendered by the server (the same figures
// are in the tables below each chart, for readers without JavaScript or with a screen reader).
// Each chart has a title and axis titles, a legend when it has several series; long names (the
// goals, the schools) run along the y axis, wrapped on as many lines as the width needs, and the
// chart is as tall as its lines: Chart.js gives a y axis at most half the chart's width and cuts
// what is longer, and skips or overlaps labels when the chart is too short for them.
(function () {
  'use strict';
  var minHeight = 288;        // px, the .chart box's min-height (18rem)
  var lineHeight = 1.2 * 12;  // Chart.js's default tick font: 12 px, line height 1.2
  var barRoom = 10;           // px between two categories, besides their lines

  // The room a y-axis label may take: half the chart (Chart.js's limit) less the axis title and
  // the tick padding.
  function labelRoom(width) { return Math.max(60, width / 2 - 44); }

  // `text` in lines no wider than `room` px (words kept whole), measured with the tick font.
  function wrap(ctx, font, text, room) {
    ctx.save();
    ctx.font = font;
    var words = String(text).split(/\s+/), lines = [], line = '';
    for (var i = 0; i < words.length; i++) {
      var tried = line ? line + ' ' + words[i] : words[i];
      if (line && ctx.measureText(tried).width > room) { lines.push(line); line = words[i]; } else line = tried;
    }
    if (line) lines.push(line);
    ctx.restore();
    return lines;
  }

  // A colour of the stylesheet (site.css, Pico), so that the charts follow the light or dark mode.
  function cssColour(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }

  function tickFont() { return window.Chart.helpers.toFont(window.Chart.defaults.font).string; }

  // The height a horizontal chart needs at `width`: every category gets the same band, which must
  // hold the label of most lines; plus its title, legend and x axis (about 90 px).
  function heightFor(ctx, labels, width) {
    var most = 1;
    for (var i = 0; i < labels.length; i++) most = Math.max(most, wrap(ctx, tickFont(), labels[i], labelRoom(width)).length);
    return Math.max(minHeight, Math.ceil(labels.length * (most * lineHeight + barRoom) + 90));
  }

  function axis(title, extra) {
    var scale = { title: { display: true, text: title } };
    for (var key in extra) scale[key] = extra[key];
    return scale;
  }

  function draw(canvas) {
    if (typeof window.Chart === 'undefined') return;
    var data = JSON.parse(canvas.getAttribute('data-chart'));
    var type = canvas.getAttribute('data-chart-type');
    var box = canvas.parentNode;
    var datasets;
    if (type === 'bar') {
      datasets = [{ label: data.projects_label, data: data.projects, backgroundColor: cssColour('--lat-accent') },
                  { label: data.students_label, data: data.students, backgroundColor: cssColour('--lat-chart-2') }];
    } else {
      datasets = [{ label: data.label, data: data.values, backgroundColor: data.colors || cssColour('--lat-chart-3') }];
    }
    var horizontal = type !== 'bar';
    var counts = { beginAtZero: true, ticks: { precision: 0 } };
    var names = { ticks: { autoSkip: false, callback: function (value) {
      return wrap(this.ctx, tickFont(), this.getLabelForValue(value), labelRoom(this.chart.width));
    } } };
    var options = {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: { title: { display: true, text: data.title }, legend: { display: datasets.length > 1 } },
      scales: horizontal ? { x: axis(data.x_title, counts), y: axis(data.y_title, names) }
                         : { x: axis(data.x_title, {}), y: axis(data.y_title, counts) }
    };
    if (horizontal) {
      options.indexAxis = 'y';
      // Follows the width: a narrower chart wraps its names on more lines, so it grows taller.
      options.onResize = function (chart, size) {
        var height = heightFor(chart.ctx, data.labels, size.width);
        if (Math.abs(box.clientHeight - height) > 1) box.style.height = height + 'px';
      };
      box.style.height = heightFor(canvas.getContext('2d'), data.labels, box.clientWidth) + 'px';
    }
    canvas.chart = new window.Chart(canvas, { type: 'bar', data: { labels: data.labels, datasets: datasets }, options: options });
    canvas.setAttribute('data-rendered', 'true');
  }
  function init() {
    if (typeof window.Chart === 'undefined') return;
    // Text as Pico's muted text (4.5:1 or more on the page in both modes), grid lines as its borders.
    window.Chart.defaults.color = cssColour('--pico-muted-color');
    window.Chart.defaults.borderColor = cssColour('--pico-muted-border-color');
    var canvases = document.querySelectorAll('canvas.impact-chart');
    for (var i = 0; i < canvases.length; i++) draw(canvases[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
