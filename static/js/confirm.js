// Deliberate steps (config/confirm.py): a form with data-confirm asks in a
// native <dialog> before it is sent. Esc or 取消 keeps the form; 确认 adds
// confirmed=1 so the server skips its own confirmation page (which is what
// happens without JavaScript).
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  if (!dialog || typeof dialog.showModal !== "function") {
    return; // the server's confirmation page asks instead
  }
  var message = dialog.querySelector("[data-confirm-message]");
  var ok = dialog.querySelector("[data-confirm-ok]");
  var pending = null;

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.dataset || !form.dataset.confirm) {
      return; // not ours, or another script already stopped it
    }
    if (form.querySelector("input[name=confirmed]")) {
      return;
    }
    event.preventDefault();
    pending = form;
    message.textContent = form.dataset.confirm;
    ok.textContent = form.dataset.confirmButton || "确认";
    ok.className = "btn " + (form.dataset.confirmDanger ? "btn-danger" : "btn-primary");
    dialog.returnValue = "";
    dialog.showModal();
  });

  dialog.addEventListener("close", function () {
    var form = pending;
    pending = null;
    if (!form || dialog.returnValue !== "ok") {
      return;
    }
    var field = document.createElement("input");
    field.type = "hidden";
    field.name = "confirmed";
    field.value = "1";
    form.appendChild(field);
    form.submit();
  });
})();
