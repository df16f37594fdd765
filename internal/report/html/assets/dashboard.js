// Draws the dashboard's charts from the options in #chart-data, marks each
// container data-rendered="true" once drawn and counts them in
// #chart-status. A chart that fails is reported in #js-errors and the
// others are still drawn.
(function () {
  "use strict";

  function reportError(message) {
    var box = document.getElementById("js-errors");
    if (!box) {
      return;
    }
    var p = document.createElement("p");
    p.textContent = message;
    box.appendChild(p);
    box.hidden = false;
  }

  // Withheld values travel as null; everything else is shown to one
  // decimal place, as the chart labels in the other reports are, except
  // counts, which are whole numbers with thousands separators.
  function format(value, unit, decimals) {
    if (value === null || value === undefined || value === "-" || (typeof value === "number" && isNaN(value))) {
      return "[c]";
    }
    if (decimals === 0) {
      return Number(value).toFixed(0).replace(/\B(?=(\d{3})+(?!\d))/g, ",") + unit;
    }
    return Number(value).toFixed(1) + unit;
  }

  function tooltip(unit, decimals) {
    var encode = echarts.format.encodeHTML;
    return function (params) {
      if (!Array.isArray(params)) {
        params = [params];
      }
      var lines = [];
      params.forEach(function (p, i) {
        if (i === 0) {
          lines.push("<strong>" + encode(String(p.axisValueLabel || p.name || "")) + "</strong>");
        }
        if (p.componentType === "series") {
          lines.push(p.marker + encode(String(p.seriesName)) + ": <b>" + encode(format(p.value, unit, decimals)) + "</b>");
        }
      });
      return lines.join("<br>");
    };
  }

  // A label too wide for its bar segment would spill over its neighbours
  // and the axis, so segments below minLabel go unlabelled.
  function labelFormatter(unit, minLabel, decimals) {
    return function (p) {
      if (typeof p.value === "number" && Math.abs(p.value) < minLabel) {
        return "";
      }
      return format(p.value, unit, decimals);
    };
  }

  if (typeof echarts === "undefined") {
    reportError("The chart library did not load, so the charts are not drawn. Their numbers are in the tables under “Show data”.");
    return;
  }

  var status = document.getElementById("chart-status");
  var specs = JSON.parse(document.getElementById("chart-data").textContent || "[]") || [];
  var instances = [];

  specs.forEach(function (spec) {
    try {
      var el = document.getElementById(spec.id);
      if (!el) {
        throw new Error("no element on the page");
      }
      var option = spec.option;
      option.tooltip = option.tooltip || {};
      var decimals = spec.decimals === 0 ? 0 : 1;
      option.tooltip.formatter = tooltip(spec.unit, decimals);
      option.tooltip.confine = true;
      (option.series || []).forEach(function (s) {
        if (s.label && s.label.show) {
          s.label.formatter = labelFormatter(spec.unit, spec.minLabel || 0, decimals);
        }
      });
      var chart = echarts.init(el, null, { renderer: "svg" });
      chart.setOption(option);
      instances.push(chart);
      el.setAttribute("data-rendered", "true");
    } catch (e) {
      reportError("Chart " + spec.id + " could not be drawn: " + e.message);
    }
  });

  if (status) {
    status.setAttribute("data-rendered", String(instances.length));
    status.textContent = instances.length + " of " + specs.length + " charts drawn.";
  }

  function resizeAll() {
    instances.forEach(function (chart) {
      chart.resize();
    });
  }

  var pending = null;
  window.addEventListener("resize", function () {
    if (pending !== null) {
      window.clearTimeout(pending);
    }
    pending = window.setTimeout(function () {
      pending = null;
      resizeAll();
    }, 150);
  });

  // Printed pages show every chart's numbers and every table too, at the
  // printed width.
  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details.chart-data, details.more-tables"), function (d) {
      d.open = true;
    });
    resizeAll();
  });
  window.addEventListener("afterprint", resizeAll);
})();
