/* The trends page's charts: fetch the series from /trends/data.json (same
   origin) and draw one Chart.js chart per <canvas data-series data-chart>.
   The data tables under each chart are the page's content; the charts are an
   enhancement, so a failure here only hides the empty canvases. No inline
   script or style (CSP): Chart.js sizes its canvas through CSSOM, which CSP
   allows. */
(function () {
  "use strict";

  var root = document.getElementById("trends");
  if (!root || !window.Chart) {
    return;
  }
  var Chart = window.Chart;
  var RED = "#c00000";
  var GREY = "#5c636a";
  var BLUE = "#1f5fa8";
  // Distinct hues for the centres, starting from the bureau's red.
  var PALETTE = [
    "#c00000", "#1f5fa8", "#2e7d32", "#b8860b", "#6a1b9a", "#00838f",
    "#d84315", "#455a64", "#ad1457", "#558b2f", "#283593", "#8d6e63",
  ];

  function numberOrNull(value) {
    if (value === null || value === undefined || value === "") {
      return null;
    }
    var number = Number(value);
    return isFinite(number) ? number : null;
  }

  function centreColour(index) {
    if (index < PALETTE.length) {
      return PALETTE[index];
    }
    return "hsl(" + ((index * 47) % 360) + ", 55%, 40%)";
  }

  var reduceMotion =
    window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#333";
  Chart.defaults.maintainAspectRatio = false;
  if (reduceMotion) {
    Chart.defaults.animation = false;
  }

  var formatter = new Intl.NumberFormat("zh-CN");

  // A period some units were left out of (its sums do not cover every unit) is
  // drawn as a hollow triangle, explained in the legend and the tooltip.
  var INCOMPLETE_STYLE = "triangle";
  var INCOMPLETE_LABEL = "数据不完整的期次";

  function markIncomplete(spec, series, radius) {
    var flags = series.periods.map(function (p) { return Boolean(p.incomplete); });
    if (!spec.marksIncomplete || flags.indexOf(true) < 0) {
      return;
    }
    spec.datasets.forEach(function (dataset) {
      if (dataset.type !== "line") {
        return;
      }
      var colour = dataset.borderColor;
      dataset.pointStyle = flags.map(function (f) { return f ? INCOMPLETE_STYLE : "circle"; });
      dataset.pointRadius = flags.map(function (f) { return f ? 6 : radius; });
      dataset.pointBackgroundColor = flags.map(function (f) { return f ? "#fff" : colour; });
    });
    spec.datasets.push({
      type: "line",
      label: INCOMPLETE_LABEL,
      data: [],
      borderColor: GREY,
      backgroundColor: "#fff",
      pointStyle: INCOMPLETE_STYLE,
      showLine: false,
    });
  }

  function incompleteNote(period) {
    if (!period || !period.incomplete) {
      return "";
    }
    return "数据不完整：" + (period.missing_centres || []).join("、") + "未编入";
  }

  function line(label, data, colour, extra) {
    var dataset = {
      type: "line",
      label: label,
      data: data,
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      spanGaps: false,
      tension: 0,
    };
    return Object.assign(dataset, extra || {});
  }

  function countAxis(title, position) {
    return {
      type: "linear",
      position: position || "left",
      beginAtZero: true,
      title: { display: true, text: title },
      ticks: {
        callback: function (value) {
          return formatter.format(value);
        },
      },
    };
  }

  function rateFloor(series) {
    var values = series.periods
      .map(function (p) { return numberOrNull(p.completion_rate_value); })
      .filter(function (v) { return v !== null; });
    if (!values.length) {
      return 0;
    }
    return Math.max(0, Math.floor(Math.min.apply(null, values)) - 1);
  }

  // Chart key → Chart.js configuration for one series.
  var BUILDERS = {
    cases: function (series) {
      return {
        datasets: [
          line("受理", series.periods.map(function (p) { return p.accepted; }), RED),
          line("办结", series.periods.map(function (p) { return p.completed; }), BLUE, {
            borderDash: [6, 3],
          }),
        ],
        scales: { y: countAxis("件") },
        unit: "件",
        marksIncomplete: true,
      };
    },
    rate: function (series) {
      return {
        datasets: [
          line(
            "办结率",
            series.periods.map(function (p) {
              return numberOrNull(p.completion_rate_value);
            }),
            RED
          ),
        ],
        scales: {
          y: {
            type: "linear",
            // Rates sit near 100%: show the range they use, never above 100.
            suggestedMin: rateFloor(series),
            max: 100,
            title: { display: true, text: "%" },
            ticks: {
              callback: function (value) {
                return Number(value.toFixed(2)) + "%";
              },
            },
          },
        },
        marksIncomplete: true,
        // The tooltip shows the rate as the bulletin prints it.
        tooltipText: function (item) {
          var period = series.periods[item.dataIndex];
          return "办结率：" + (period.completion_rate || "");
        },
      };
    },
    centres: function (series) {
      return {
        datasets: series.centres.map(function (centre, index) {
          return line(centre.name, centre.accepted, centreColour(index), {
            borderWidth: 1.5,
          });
        }),
        scales: { y: countAxis("件") },
        unit: "件",
      };
    },
    trades: function (series) {
      return {
        datasets: [
          {
            type: "bar",
            label: "交易项目数（个）",
            data: series.periods.map(function (p) { return p.trades_count; }),
            backgroundColor: "rgba(92, 99, 106, 0.45)",
            borderColor: GREY,
            borderWidth: 1,
            yAxisID: "y",
            order: 2,
          },
          line(
            "交易金额（" + series.amount_unit + "）",
            series.trades_amount.map(numberOrNull),
            RED,
            { yAxisID: "y1", order: 1 }
          ),
        ],
        scales: {
          x: { offset: true },
          y: countAxis("个"),
          y1: Object.assign(countAxis(series.amount_unit, "right"), {
            grid: { drawOnChartArea: false },
          }),
        },
        tooltipText: function (item) {
          if (item.dataset.yAxisID === "y1") {
            var amount = series.trades_amount[item.dataIndex];
            return "交易金额：" + (amount || "") + series.amount_unit;
          }
          return "交易项目数：" + formatter.format(item.raw) + "个";
        },
      };
    },
    // A figure the series' profile charts (its ``charts``), by code.
    figure: function (series, code) {
      var chart = series.charts.filter(function (c) { return c.code === code; })[0];
      if (!chart) {
        return null;
      }
      return {
        datasets: [
          line(
            chart.name,
            series.periods.map(function (p) {
              var value = p.figures[code];
              return value === undefined ? null : value;
            }),
            RED
          ),
        ],
        scales: { y: countAxis(chart.unit) },
        unit: chart.unit,
        marksIncomplete: true,
      };
    },
  };

  function draw(canvas, series) {
    var build = BUILDERS[canvas.dataset.chart];
    if (!build) {
      return;
    }
    var spec = build(series, canvas.dataset.code);
    if (!spec) {
      return;
    }
    var many = series.periods.length > 24;
    var phone = window.matchMedia && window.matchMedia("(max-width: 575.98px)").matches;
    var radius = many ? 0 : 3;
    spec.datasets.forEach(function (dataset) {
      if (dataset.type === "line") {
        dataset.pointRadius = radius;
        dataset.pointHoverRadius = 4;
      }
    });
    markIncomplete(spec, series, radius);
    var labels = series.periods.map(function (p) {
      // Short keys (2021-06) on the axis; the tooltip names the period in full.
      return many || phone ? p.key : p.label;
    });
    new Chart(canvas, {
      type: "line",
      data: { labels: labels, datasets: spec.datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        interaction: { mode: "index", intersect: false },
        scales: Object.assign({}, spec.scales, {
          x: Object.assign(
            {
              // A single period sits in the middle rather than on the axis.
              offset: series.periods.length === 1,
              ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 12 },
            },
            (spec.scales && spec.scales.x) || {}
          ),
        }),
        plugins: {
          legend: {
            display: spec.datasets.length > 1,
            position: "bottom",
            labels: {
              usePointStyle: true,
              boxWidth: 8,
              boxHeight: 8,
              // Circles for the figures, the triangle for the incomplete mark.
              generateLabels: function (chart) {
                var items = Chart.defaults.plugins.legend.labels.generateLabels(chart);
                items.forEach(function (item) {
                  item.pointStyle = item.text === INCOMPLETE_LABEL ? INCOMPLETE_STYLE : "circle";
                });
                return items;
              },
            },
          },
          tooltip: {
            callbacks: {
              title: function (items) {
                var period = items.length ? series.periods[items[0].dataIndex] : null;
                return period ? period.label + "（第" + period.issue + "期）" : "";
              },
              footer: function (items) {
                return items.length ? incompleteNote(series.periods[items[0].dataIndex]) : "";
              },
              label: function (item) {
                if (spec.tooltipText) {
                  return spec.tooltipText(item);
                }
                if (item.raw === null || item.raw === undefined) {
                  return item.dataset.label + "：未填报";
                }
                return item.dataset.label + "：" + formatter.format(item.raw) + (spec.unit || "");
              },
            },
          },
        },
      },
    });
  }

  fetch(root.dataset.trendsSrc, {
    credentials: "same-origin",
    headers: { Accept: "application/json" },
  })
    .then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    })
    .then(function (data) {
      var byKey = {};
      data.series.forEach(function (series) {
        byKey[series.key] = series;
      });
      root.querySelectorAll("canvas[data-series][data-chart]").forEach(function (canvas) {
        var series = byKey[canvas.dataset.series];
        if (series) {
          draw(canvas, series);
        }
      });
      root.classList.add("trends-drawn");
    })
    .catch(function () {
      root.classList.add("trends-failed");
    });
})();
