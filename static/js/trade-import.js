// The trade import's progress: while the browser waits for the server's answer
// to the upload (or the confirmation), ask every second how many rows the server
// has worked through and show it. The page is replaced when the answer arrives.
(function () {
  "use strict";

  function show(box, state) {
    var text = box.querySelector(".import-progress-text");
    var bar = box.querySelector(".progress-bar");
    var meter = box.querySelector(".progress");
    if (!state.done) {
      return;
    }
    var done = state.done.toLocaleString("zh-CN");
    if (state.total) {
      var percent = Math.min(100, Math.round((100 * state.done) / state.total));
      text.textContent =
        "已处理 " + done + " / " + state.total.toLocaleString("zh-CN") +
        " 行（" + percent + "%）";
      bar.classList.remove("w-100", "progress-bar-animated");
      bar.style.width = percent + "%";
      meter.setAttribute("aria-valuenow", String(percent));
    } else {
      text.textContent = "已处理 " + done + " 行";
    }
  }

  document.querySelectorAll("form[data-import-progress]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var box = form.parentElement.querySelector(".import-progress");
      if (!box) {
        return;
      }
      box.hidden = false;
      window.setTimeout(function () {
        form.querySelectorAll("button[type=submit]").forEach(function (button) {
          button.disabled = true;
        });
      }, 0);
      var url = form.getAttribute("data-import-progress");
      window.setInterval(function () {
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (response) {
            return response.ok ? response.json() : { done: 0 };
          })
          .then(function (state) {
            show(box, state);
          })
          .catch(function () {});
      }, 1000);
    });
  });
})();
