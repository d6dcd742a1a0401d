// The leadership dashboard's charts, drawn with the vendored ECharts from the figures in the page.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("dashboard-data").textContent);
  var labels = JSON.parse(document.getElementById("dashboard-labels").textContent);
  var links = JSON.parse(document.getElementById("dashboard-links").textContent);

  // Every figure leads to the list behind it, with the dashboard's zone kept in the filters.
  function go(base, params) {
    var query = new URLSearchParams();
    if (links.zone) query.append("zone", links.zone);
    Object.keys(params).forEach(function (key) {
      [].concat(params[key]).forEach(function (value) { query.append(key, value); });
    });
    window.location.href = base + "?" + query.toString();
  }
  var colours = { not_started: "#94a3b8", on_track: "#15803d", behind: "#eab308", overdue: "#b91c1c", done: "#1d4ed8", suspended: "#cbd5e1" };

  function chart(id, option, onClick) {
    var element = document.getElementById(id);
    if (!element || !window.echarts) return;
    var instance = window.echarts.init(element);
    instance.setOption(option);
    if (onClick) instance.on("click", onClick);
    window.addEventListener("resize", function () { instance.resize(); });
  }

  var statusKeys = Object.keys(labels.statuses);
  var stageKeys = Object.keys(labels.stages);
  var units = data.tasks_by_unit.map(function (u) { return u.name; });
  var tasksChart = document.getElementById("tasks-chart");
  if (tasksChart) tasksChart.style.height = Math.max(240, 60 + units.length * 24) + "px";
  chart("tasks-chart", {
    tooltip: { trigger: "axis" }, legend: {}, grid: { left: 160, right: 20 },
    xAxis: { type: "value" }, yAxis: { type: "category", data: units, inverse: true, axisLabel: { interval: 0 } },
    series: statusKeys.map(function (status) {
      return { name: labels.statuses[status], type: "bar", stack: "tasks", itemStyle: { color: colours[status] },
               cursor: "pointer", data: data.tasks_by_unit.map(function (u) { return u.by_status[status] || 0; }) };
    })
  }, function (event) {
    go(links.tasks, { lead_unit: data.tasks_by_unit[event.dataIndex].unit, status: statusKeys[event.seriesIndex] });
  });
  // Stages as bars, not a funnel: projects move on and stages are not nested, so their counts need not narrow.
  chart("stage-chart", {
    tooltip: { trigger: "axis" }, grid: { left: 90, right: 30, top: 10, bottom: 20 },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", inverse: true, data: stageKeys.map(function (stage) { return labels.stages[stage]; }) },
    series: [{ type: "bar", cursor: "pointer", itemStyle: { color: "#1d4ed8" }, label: { show: true, position: "right" },
               data: stageKeys.map(function (stage) { return data.projects.by_stage[stage] || 0; }) }]
  }, function (event) {
    go(links.projects, { year: links.year, stage: stageKeys[event.dataIndex] });
  });
  var rows = data.indicators.rows.filter(function (r) { return r.completion !== null; });
  chart("indicator-chart", {
    tooltip: { trigger: "axis" }, legend: {}, grid: { left: 120, right: 20 },
    xAxis: { type: "value" }, yAxis: { type: "category", data: rows.map(function (r) { return r.indicator; }), inverse: true },
    series: [
      { name: labels.completion, type: "bar", data: rows.map(function (r) { return Number(r.completion); }) },
      { name: labels.schedule, type: "line", symbol: "none", data: rows.map(function (r) { return Number(r.time_progress); }) },
      { name: labels.yoy, type: "bar", data: rows.map(function (r) { return r.yoy === null ? null : Number(r.yoy); }) }
    ]
  }, function (event) {
    go(links.indicator.replace("CODE", rows[event.dataIndex].code), {});
  });
})();
