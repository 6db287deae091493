/* The profile editor's live preview: while the bureau admin types, post the
   profile and the period to the preview address (same origin, with the CSRF
   token) and show the composed issue, or the problems with their lines, beside
   the form. No inline script or style (CSP). */
(function () {
  "use strict";

  var form = document.getElementById("profile-form");
  var pane = document.getElementById("profile-preview");
  var problems = document.getElementById("profile-preview-problems");
  var status = document.getElementById("profile-preview-status");
  if (!form || !pane || !window.fetch) {
    return;
  }
  var timer = null;
  var sent = 0;

  var textarea = document.getElementById("profile-text");

  // A problem's "第N行" selects that line of the profile.
  function goToLine(number) {
    var lines = textarea.value.split("\n");
    var start = 0;
    for (var i = 0; i < number - 1 && i < lines.length; i++) {
      start += lines[i].length + 1;
    }
    var end = start + (lines[number - 1] || "").length;
    textarea.focus();
    textarea.setSelectionRange(start, end);
    var lineHeight = textarea.scrollHeight / Math.max(lines.length, 1);
    textarea.scrollTop = Math.max(0, (number - 5) * lineHeight);
  }

  function showProblems(list) {
    problems.textContent = "";
    list.forEach(function (text) {
      var line = document.createElement("div");
      var match = /^第(\d+)行/.exec(text);
      if (match) {
        var link = document.createElement("button");
        link.type = "button";
        link.className = "btn btn-link p-0 text-start text-danger";
        link.textContent = text;
        link.addEventListener("click", function () { goToLine(Number(match[1])); });
        line.appendChild(link);
      } else {
        line.textContent = text;
      }
      problems.appendChild(line);
    });
    problems.classList.toggle("d-none", list.length === 0);
  }

  function refresh() {
    var body = new FormData(form);
    body.delete("format");
    var number = ++sent;
    status.textContent = "更新中…";
    fetch(form.dataset.previewUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" },
    })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (number !== sent) {
          return;  // a newer request is on its way
        }
        showProblems(data.problems || []);
        if (!data.problems || data.problems.length === 0) {
          pane.innerHTML = data.html;  // rendered and escaped by the server
        }
        status.textContent = data.problems && data.problems.length ? "版式有误，预览未更新" : "已更新";
      })
      .catch(function () {
        status.textContent = "预览失败，请稍后重试";
      });
  }

  form.addEventListener("input", function (event) {
    if (event.target.name === "note") {
      return;
    }
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  });
})();
